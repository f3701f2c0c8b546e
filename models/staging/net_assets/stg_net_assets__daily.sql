-- Daily net assets, the one input that changes every day (contract.md, Inputs).
-- var net_assets_path set: the CSV or Parquet file or glob it names, read by the
-- warehouse directly, every cell as text; not set: the illustrative seed.
-- Every row is kept, with its cells as read (as_of_date_text, net_assets_text) and its
-- file: a cell that is not a date or not a number is null here, and the validation
-- tests (tests/validation/net_assets/) name the row and stop the build before any fee.
{{ config(materialized='table') }}

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

    select
        nullif(trim(cast(fund_id as {{ dbt.type_string() }})), '') as fund_id,
        nullif(trim(cast(as_of_date as {{ dbt.type_string() }})), '') as as_of_date_text,
        nullif(trim(cast(net_assets_usd as {{ dbt.type_string() }})), '') as net_assets_text,
        cast(source_file as {{ dbt.type_string() }}) as source_file
    from source

),

parsed as (

    select
        fund_id,
        {{ fund_fees.parse_iso_date('as_of_date_text') }} as as_of_date,
        {{ fund_fees.try_cast('net_assets_text', 'decimal(24, 6)') }} as net_assets_usd,
        as_of_date_text,
        net_assets_text,
        source_file
    from texts

),

renamed as (

    select
        {{ fund_fees.compound_key([
            "coalesce(fund_id, '(null)')",
            "coalesce(" ~ dbt.cast('as_of_date', api.Column.translate_type('string')) ~ ", as_of_date_text, '(null)')",
        ]) }} as net_asset_row_id,
        fund_id,
        as_of_date,
        net_assets_usd,
        as_of_date_text,
        net_assets_text,
        source_file
    from parsed

)

select * from renamed
