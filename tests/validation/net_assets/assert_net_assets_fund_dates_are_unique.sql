-- Rule: one figure per fund and date, within a file and across the files of a glob.
-- The failing row names every file and value of the duplicate.
select
    'more than one figure for the fund and date' as failure_reason,
    {{ dbt.listagg("source_file || ': ' || coalesce(net_assets_text, '(null)')", "', '",
        "order by source_file, net_assets_text") }} as source_file,
    fund_id,
    coalesce(cast(as_of_date as {{ dbt.type_string() }}), as_of_date_text) as as_of_date,
    count(*) as figures
from {{ ref('stg_net_assets__daily') }}
where fund_id is not null and as_of_date_text is not null
group by fund_id, coalesce(cast(as_of_date as {{ dbt.type_string() }}), as_of_date_text)
having count(*) > 1
