-- Daily net assets, the one input that changes every day (contract.md, Inputs).
-- var net_assets_path set: the CSV or Parquet file or glob it names, read by the
-- warehouse directly; not set: the illustrative seed.
-- Every row is kept, with its file and, for a column read as text (CSV), its cells as read
-- (as_of_date_text, net_assets_text): a cell that is not a date or not a number is null
-- here, and the validation tests (tests/validation/net_assets/) name the row and stop the
-- build before any fee. A column read typed (Parquet DATE or DECIMAL, the seed) keeps no
-- text: its cell is its value (fund_fees.net_assets_cell shows either). No string key: the
-- key is (fund_id, as_of_date) across every file, tested as a combination (and by the
-- rule assert_net_assets_fund_dates_are_unique, which names each file and value).
{{ config(materialized='table') }}
{%- set typed = fund_fees.net_assets_typed_columns(var('net_assets_path')) %}

with

source as (

    {% if var('net_assets_path') %}
        select * from {{ fund_fees.read_net_assets_file(var('net_assets_path')) }}
    {% else %}
        select
            fund_id,
            as_of_date,
            net_assets_usd,
            'seeds/net_assets/net_assets_illustrative.csv' as source_file
        from {{ ref('net_assets_illustrative') }}
    {% endif %}

),

texts as (

    -- a column read typed (fund_fees.net_assets_typed_columns: the seed, a Parquet DATE or
    -- DECIMAL) keeps its value and no text; a text column keeps its cell, to be parsed
    select
        nullif(trim(cast(fund_id as {{ dbt.type_string() }})), '') as fund_id,
        {%- for column in ['as_of_date', 'net_assets_usd'] %}
            {%- if column in typed %}
                {{ column }} as {{ column }}_typed,
            {%- else %}
                nullif(trim(cast({{ column }} as {{ dbt.type_string() }})), '') as {{ column }}_cell,
            {%- endif %}
        {%- endfor %}
        cast(source_file as {{ dbt.type_string() }}) as source_file
    from source

),

parsed as (

    select
        fund_id,
        {% if 'as_of_date' in typed -%}
            cast(as_of_date_typed as date)
        {%- else -%}
            {{ fund_fees.parse_iso_date('as_of_date_cell') }}
        {%- endif %} as as_of_date,
        {% if 'net_assets_usd' in typed -%}
            cast(net_assets_usd_typed as decimal(24, 6))
        {%- else -%}
            {{ fund_fees.try_cast('net_assets_usd_cell', 'decimal(24, 6)') }}
        {%- endif %} as net_assets_usd,
        {%- for column, text in [('as_of_date', 'as_of_date_text'), ('net_assets_usd', 'net_assets_text')] %}
            {%- if column in typed %}
                cast(null as {{ dbt.type_string() }}) as {{ text }},
            {%- else %}
                {{ column }}_cell as {{ text }},
            {%- endif %}
        {%- endfor %}
        source_file
    from texts

)

select * from parsed
