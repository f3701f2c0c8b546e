{#
    Days in the fee year for a day-count convention (fee-rules R2):
    'actual/actual' (365, or 366 in a leap year), 'actual/365', 'actual/360'.
#}
{% macro days_in_year(date_expr, convention_expr) -%}
    case
        when ({{ convention_expr }}) = 'actual/365' then 365
        when ({{ convention_expr }}) = 'actual/360' then 360
        when mod(extract(year from {{ date_expr }}), 400) = 0 then 366
        when mod(extract(year from {{ date_expr }}), 100) = 0 then 365
        when mod(extract(year from {{ date_expr }}), 4) = 0 then 366
        else 365
    end
{%- endmacro %}

{# First day of the date's month, as a date (date_trunc alone returns a timestamp on DuckDB). #}
{% macro month_start(date_expr) -%}
    cast({{ dbt.date_trunc('month', date_expr) }} as date)
{%- endmacro %}
