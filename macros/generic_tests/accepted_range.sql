{#
    accepted_range: every non-null value of the column lies between min_value and max_value.
    inclusive (default true) applies to both ends unless inclusive_min / inclusive_max say
    otherwise; either bound may be omitted. Failing rows show the rule broken, the value and the whole row.
    Example: rates within (0 %, 3 %]:
        data_tests:
          - accepted_range:
              arguments: {min_value: 0, inclusive_min: false, max_value: 3}
#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true, inclusive_min=none, inclusive_max=none) %}

{%- set incl_min = inclusive if inclusive_min is none else inclusive_min -%}
{%- set incl_max = inclusive if inclusive_max is none else inclusive_max -%}
{%- if min_value is none and max_value is none -%}
    {{ exceptions.raise_compiler_error("accepted_range needs min_value or max_value") }}
{%- endif %}

with

checked as (

    select
        case
            {%- if min_value is not none %}
            when {{ column_name }} {{ '<' if incl_min else '<=' }} {{ min_value }}
                then 'below {{ "minimum" if incl_min else "exclusive minimum" }} {{ min_value }}'
            {%- endif %}
            {%- if max_value is not none %}
            when {{ column_name }} {{ '>' if incl_max else '>=' }} {{ max_value }}
                then 'above {{ "maximum" if incl_max else "exclusive maximum" }} {{ max_value }}'
            {%- endif %}
        end as failure_reason,
        {{ column_name }} as tested_value,
        *

    from {{ model }}
    where {{ column_name }} is not null

)

select * from checked
where failure_reason is not null

{% endtest %}
