{#
    A readable single-column key from several columns: their values as text
    joined by '.', e.g. jnl_advisory.alger_growth.2013-03-01. Used for the
    primary key of every model whose grain is several columns.
#}
{% macro compound_key(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- if not loop.first %}{% do parts.append("'.'") %}{% endif -%}
        {%- do parts.append(dbt.cast(column, api.Column.translate_type('string'))) -%}
    {%- endfor -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}
