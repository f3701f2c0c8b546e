-- Rule: every file has the columns fund_id, as_of_date and net_assets_usd (a column that
-- is missing from a file, or empty in every row of it, is named with the file).
{% set columns = {'fund_id': 'fund_id', 'as_of_date': 'as_of_date_text', 'net_assets_usd': 'net_assets_text'} %}

with

filled as (

    select
        source_file,
        {% for name, column in columns.items() %}
            count({{ column }}) as {{ name }}_cells{{ "," if not loop.last }}
        {% endfor %}
    from {{ ref('stg_net_assets__daily') }}
    group by source_file

)

{% for name in columns %}
    select
        'column {{ name }} is missing (or empty in every row)' as failure_reason,
        source_file
    from filled
    where {{ name }}_cells = 0
    {{ "union all" if not loop.last }}
{% endfor %}
