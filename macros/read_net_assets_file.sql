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

{#
    The net-asset columns that a path reads already typed, so that they need no text
    round trip (staging keeps their value and no text): the seed (date, decimal(24, 6));
    on DuckDB, a Parquet file whose as_of_date is DATE or whose net_assets_usd is an
    integer of at most 32 bits or a DECIMAL of at most 6 decimals and 18 whole digits (read
    exactly as decimal(24, 6)). Every other column (CSV, a Parquet timestamp, double or
    wider decimal) is read as text and parsed by the staging model, so a bad cell is a row
    the validation tests can name.
    Returns a dict: each typed column -> the decimals its type holds (a DECIMAL's scale, 0
    for an integer; none for a date, and for the seed, whose type is the staging type).
#}
{% macro net_assets_typed_scales(path) -%}
    {%- if not path -%}
        {{ return({'as_of_date': none, 'net_assets_usd': none}) }}
    {%- endif -%}
    {{ return(adapter.dispatch('net_assets_typed_scales', 'fund_fees')(path)) }}
{%- endmacro %}

{% macro default__net_assets_typed_scales(path) -%}
    {{ return({}) }}
{%- endmacro %}

{% macro duckdb__net_assets_typed_scales(path) -%}
    {%- set typed = {} -%}
    {%- if execute and path.lower().endswith('.parquet') -%}
        {%- set described = run_query(
            "select column_name, column_type from (describe select * from read_parquet('"
            ~ path ~ "', union_by_name = true))") -%}
        {%- for row in described.rows -%}
            {%- set kind = row[1] | upper -%}
            {#- DECIMAL(width, scale): [width, scale]; any other type: [0, 0] -#}
            {%- set width_scale = (kind[8:-1].split(',') if kind.startswith('DECIMAL(') else ['0', '0'])
                | map('int') | list -%}
            {%- if row[0] == 'as_of_date' and kind == 'DATE' -%}
                {%- do typed.update({'as_of_date': none}) -%}
            {%- elif row[0] == 'net_assets_usd' and (
                kind in ['TINYINT', 'SMALLINT', 'INTEGER', 'UTINYINT', 'USMALLINT', 'UINTEGER']
                or (kind.startswith('DECIMAL(') and width_scale[1] <= 6 and width_scale[0] - width_scale[1] <= 18)) -%}
                {#- each fits decimal(24, 6) exactly; a BIGINT may not, and is read as text so that
                    a value out of range is the named rule's row, not a cast error -#}
                {%- do typed.update({'net_assets_usd': width_scale[1]}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(typed) }}
{%- endmacro %}

{#
    The net-asset columns that a path reads already typed (net_assets_typed_scales):
    a list of column names.
#}
{% macro net_assets_typed_columns(path) -%}
    {{ return(fund_fees.net_assets_typed_scales(path).keys() | list) }}
{%- endmacro %}

{#
    The decimals that a typed net_assets_usd column can hold at all: its DECIMAL scale, 0
    for an integer. none when the column is read as text (each cell's text is checked), and
    for the seed (checked on its values). A validation rule on decimals need not read the
    values of a typed column whose type holds no more decimals than it allows.
#}
{% macro net_assets_typed_decimals(path) -%}
    {{ return(fund_fees.net_assets_typed_scales(path).get('net_assets_usd')) }}
{%- endmacro %}

{#
    net_assets_cell(column, relation=none): a net-asset cell as the validation rules show
    it: the text as read (a column read as text) or the typed value as text (a column read
    typed, which keeps no text). column: 'as_of_date' or 'net_assets_usd'.
#}
{% macro net_assets_cell(column, relation=none) -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    {%- set text = {'as_of_date': 'as_of_date_text', 'net_assets_usd': 'net_assets_text'}[column] -%}
    coalesce({{ prefix }}{{ text }}, cast({{ prefix }}{{ column }} as {{ dbt.type_string() }}))
{%- endmacro %}
