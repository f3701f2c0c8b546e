{#
    A select-list expression that expands one row into one row per calendar
    day from start_date to end_date inclusive (a per-row date spine).
    Use as: select fund_id, {{ fund_fees.expand_days('first_day', 'last_day') }} as calendar_date from bounds
#}
{% macro expand_days(start_date, end_date) -%}
    {{ return(adapter.dispatch('expand_days', 'fund_fees')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__expand_days(start_date, end_date) -%}
    explode(sequence({{ start_date }}, {{ end_date }}, interval 1 day))
{%- endmacro %}

{% macro duckdb__expand_days(start_date, end_date) -%}
    cast(unnest(generate_series(cast({{ start_date }} as date), cast({{ end_date }} as date), interval 1 day)) as date)
{%- endmacro %}
