{#
    The relation that reads a user's own input file or glob (CSV with a header, or
    Parquet when the path ends in .parquet) straight into the warehouse, like
    read_net_assets_file. `types` maps column names to DuckDB types for CSV files, so a
    blank cell reads as null and a date as a date; Parquet files carry their own types.
    Used by the staging models of the vars agreement_events_path,
    expense_limitation_schedules_path, other_expense_schedules_path,
    expense_schedule_tiers_path and elected_waivers_path.
#}
{% macro read_input_file(path, types) -%}
    {{ return(adapter.dispatch('read_input_file', 'fund_fees')(path, types)) }}
{%- endmacro %}

{% macro default__read_input_file(path, types) -%}
    {%- if path.lower().endswith('.parquet') -%}
        parquet.`{{ path }}`
    {%- else -%}
        csv.`{{ path }}`
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__read_input_file(path, types) -%}
    {%- if path.lower().endswith('.parquet') -%}
        read_parquet('{{ path }}')
    {%- else -%}
        read_csv(
            '{{ path }}',
            header = true,
            types = { {%- for name, type in types.items() %}'{{ name }}': '{{ type }}'{% if not loop.last %}, {% endif %}{% endfor -%} }
        )
    {%- endif -%}
{%- endmacro %}
