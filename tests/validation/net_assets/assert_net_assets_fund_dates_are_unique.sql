-- Rule: one figure per fund and date, within a file and across the files of a glob.
-- The failing row names every file and value of the duplicate. The duplicates are found
-- first (one GROUP BY on the key), and only their rows are listed.
with

duplicated as (

    -- the date, or the text of a cell that is not a date
    select
        fund_id,
        as_of_date,
        case when as_of_date is null then as_of_date_text end as unparsed_date_text
    from {{ ref('stg_net_assets__daily') }}
    where fund_id is not null and (as_of_date is not null or as_of_date_text is not null)
    group by fund_id, as_of_date, case when as_of_date is null then as_of_date_text end
    having count(*) > 1

),

figures as (

    select
        net_assets.fund_id,
        coalesce(cast(duplicated.as_of_date as {{ dbt.type_string() }}), duplicated.unparsed_date_text) as as_of_date,
        net_assets.source_file || ': '
        || coalesce({{ fund_fees.net_assets_cell('net_assets_usd', 'net_assets') }}, '(null)') as file_and_value
    from {{ ref('stg_net_assets__daily') }} as net_assets
    inner join duplicated
        on
            net_assets.fund_id = duplicated.fund_id
            and (
                net_assets.as_of_date = duplicated.as_of_date
                or (net_assets.as_of_date is null and net_assets.as_of_date_text = duplicated.unparsed_date_text)
            )

)

select
    'more than one figure for the fund and date' as failure_reason,
    {{ dbt.listagg('file_and_value', "', '", 'order by file_and_value') }} as source_file,
    fund_id,
    as_of_date,
    count(*) as figures
from figures
group by fund_id, as_of_date
