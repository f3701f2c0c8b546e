{#
    The relation that reads an input file or glob (invoices, and any input given by a
    `*_path` var) straight into the warehouse, never through `dbt seed`: Parquet when the
    path ends in .parquet, CSV with a header otherwise. Columns are read by name;
    column_types (a dict of column name to SQL type) types the CSV columns on read.
#}
{% macro read_input_file(path, column_types) -%}
    {{ return(adapter.dispatch('read_input_file', 'fund_fees')(path, column_types)) }}
{%- endmacro %}

{% macro default__read_input_file(path, column_types) -%}
    {%- if path.lower().endswith('.parquet') -%}
        parquet.`{{ path }}`
    {%- else -%}
        csv.`{{ path }}`
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__read_input_file(path, column_types) -%}
    {%- if path.lower().endswith('.parquet') -%}
        read_parquet('{{ path }}')
    {%- else -%}
        read_csv(
            '{{ path }}',
            header = true,
            types = {
                {%- for name, type in column_types.items() %}
                '{{ name }}': '{{ type }}'{{ ',' if not loop.last }}
                {%- endfor %}
            }
        )
    {%- endif -%}
{%- endmacro %}
