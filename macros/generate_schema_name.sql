{#
    Custom schema names are used as written: staging models land in `staging`,
    intermediate models in `intermediate`, seeds in `seeds`, and the marts in the
    target's own schema (`main` on DuckDB), where BI tools look for them.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
