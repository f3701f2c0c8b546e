-- One row per fund (contract.md): the name in the most recent document that lists it,
-- the date initial capital was provided (null where no document or input gives it),
-- and the termination date where known.
with

funds as (

    select * from {{ ref('stg_agreements__funds') }}

),

lifetimes as (

    select * from {{ ref('int_fund_lifetimes_derived') }}

),

final as (

    select
        cast(funds.fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(funds.fund_name as {{ dbt.type_string() }}) as fund_name,
        cast(lifetimes.inception_date as date) as inception_date,
        cast(lifetimes.inception_source as {{ dbt.type_string() }}) as inception_source,
        cast(funds.termination_date as date) as termination_date,
        cast(lifetimes.first_net_asset_date as date) as first_net_asset_date,
        cast(lifetimes.last_net_asset_date as date) as last_net_asset_date,
        cast(funds.document_id as {{ dbt.type_string() }}) as name_document_id,
        cast(funds.source_line as integer) as name_source_line
    from funds
    left join lifetimes
        on funds.fund_id = lifetimes.fund_id

)

select * from final
