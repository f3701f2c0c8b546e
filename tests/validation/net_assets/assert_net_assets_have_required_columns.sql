-- Rule: every file has the columns fund_id, as_of_date and net_assets_usd (a column that
-- is missing from a file, or empty in every row of it, is named with the file).

with

filled as (

    select
        source_file,
        count(fund_id) as fund_id_cells,
        count(as_of_date) + count(as_of_date_text) as as_of_date_cells,
        count(net_assets_usd) + count(net_assets_text) as net_assets_usd_cells
    from {{ ref('stg_net_assets__daily') }}
    group by source_file

)

{% for name in ['fund_id', 'as_of_date', 'net_assets_usd'] %}
    select
        'column {{ name }} is missing (or empty in every row)' as failure_reason,
        source_file
    from filled
    where {{ name }}_cells = 0
    {{ "union all" if not loop.last }}
{% endfor %}
