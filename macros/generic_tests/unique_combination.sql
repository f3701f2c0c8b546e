{#
    unique_combination: no two rows share the same values of `columns` (a composite natural
    key, e.g. agreement_id, fund_id, accrual_date), and none of those columns is null.
    Apply to the model. One failing row per duplicated or incomplete key, with the reason.
    Example:
        data_tests:
          - unique_combination:
              arguments: {columns: [agreement_id, fund_id, accrual_date]}
#}
{% test unique_combination(model, columns) %}

with

keyed as (

    select
        {{ columns | join(', ') }},
        count(*) as rows_with_key
    from {{ model }}
    group by {{ columns | join(', ') }}

)

select
    *,
    case
        when {% for column in columns %}{{ column }} is null{% if not loop.last %} or {% endif %}{% endfor %}
            then 'a key column is null'
        else 'key not unique: ' || cast(rows_with_key as {{ dbt.type_string() }}) || ' rows'
    end as failure_reason
from keyed
where
    rows_with_key > 1
    or {% for column in columns %}{{ column }} is null{% if not loop.last %} or {% endif %}{% endfor %}

{% endtest %}
