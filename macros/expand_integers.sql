{#
    A select-list expression that expands one row into one row per integer
    from first_value to last_value inclusive.
#}
{% macro expand_integers(first_value, last_value) -%}
    {{ return(adapter.dispatch('expand_integers', 'fund_fees')(first_value, last_value)) }}
{%- endmacro %}

{% macro default__expand_integers(first_value, last_value) -%}
    explode(sequence({{ first_value }}, {{ last_value }}))
{%- endmacro %}

{% macro duckdb__expand_integers(first_value, last_value) -%}
    unnest(generate_series(cast({{ first_value }} as bigint), cast({{ last_value }} as bigint)))
{%- endmacro %}
