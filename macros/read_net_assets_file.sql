{#
    The relation that reads a net-asset file or glob straight into the
    warehouse (never through `dbt seed`): Parquet when the path ends in
    .parquet, CSV with a header otherwise. Columns are read by name.
#}
{% macro read_net_assets_file(path) -%}
    {{ return(adapter.dispatch('read_net_assets_file', 'fund_fees')(path)) }}
{%- endmacro %}

{% macro default__read_net_assets_file(path) -%}
    {%- if path.lower().endswith('.parquet') -%}
        parquet.`{{ path }}`
    {%- else -%}
        csv.`{{ path }}`
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__read_net_assets_file(path) -%}
    {%- if path.lower().endswith('.parquet') -%}
        read_parquet('{{ path }}')
    {%- else -%}
        read_csv(
            '{{ path }}',
            header = true,
            types = {'fund_id': 'VARCHAR', 'as_of_date': 'DATE', 'net_assets_usd': 'DECIMAL(24,6)'}
        )
    {%- endif -%}
{%- endmacro %}
