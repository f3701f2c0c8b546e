{#
    The relation that reads a net-asset file or glob straight into the warehouse
    (never through `dbt seed`): Parquet when the path ends in .parquet, CSV with a
    header otherwise. Columns are read by name, every cell as it is in the file
    (CSV: all text), with the name of the file each row comes from (source_file), so
    that a bad cell is a row the validation tests can name (tests/validation/), not a
    parse error. A file without one of the columns still reads (the column is null in
    its rows: assert_net_assets_have_required_columns names it). Parquet timestamps
    with a time zone are read in UTC: profiles.yml sets TimeZone to UTC.
#}
{% macro read_net_assets_file(path) -%}
    {{ return(adapter.dispatch('read_net_assets_file', 'fund_fees')(path)) }}
{%- endmacro %}

{% macro default__read_net_assets_file(path) -%}
    {%- if path.lower().endswith('.parquet') -%}
        (select *, input_file_name() as source_file from parquet.`{{ path }}`)
    {%- else -%}
        (select *, input_file_name() as source_file from csv.`{{ path }}`)
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__read_net_assets_file(path) -%}
    (
        select
            null as fund_id,
            null as as_of_date,
            null as net_assets_usd,
            null as source_file
        where false
        union all by name
        select * rename (filename as source_file)
        {%- if path.lower().endswith('.parquet') %}
        from read_parquet('{{ path }}', filename = true, union_by_name = true)
        {%- else %}
        from read_csv('{{ path }}', header = true, all_varchar = true, filename = true, union_by_name = true)
        {%- endif %}
    )
{%- endmacro %}

{#
    The files a net-asset path or glob names (column `file`), so that an empty or
    header-only file, which gives no row, can still be named. DuckDB: glob(); other
    adapters: none (the check is skipped).
#}
{% macro net_asset_files(path) -%}
    {{ return(adapter.dispatch('net_asset_files', 'fund_fees')(path)) }}
{%- endmacro %}

{% macro default__net_asset_files(path) -%}
    (select cast(null as {{ dbt.type_string() }}) as file where 1 = 0)
{%- endmacro %}

{% macro duckdb__net_asset_files(path) -%}
    glob('{{ path }}')
{%- endmacro %}
