-- Daily net assets, the one input that changes every day (contract.md, Inputs).
-- var net_assets_path set: the CSV or Parquet file or glob it names, read by the
-- warehouse directly; not set: the illustrative seed shipped in the repository.
with

source as (

    {% if var('net_assets_path') %}
        select * from {{ fund_fees.read_net_assets_file(var('net_assets_path')) }}
    {% else %}
        select * from {{ ref('net_assets_illustrative') }}
    {% endif %}

),

renamed as (

    select
        {{ fund_fees.compound_key(['fund_id', 'as_of_date']) }}
            as net_asset_row_id,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(as_of_date as date) as as_of_date,
        cast(net_assets_usd as decimal(24, 6)) as net_assets_usd

    from source

)

select * from renamed
