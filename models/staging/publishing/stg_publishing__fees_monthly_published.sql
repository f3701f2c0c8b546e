with

source as (

    -- DuckDB: the history the publish step keeps; adapters that do not publish (Spark):
    -- an empty history of the same columns
    select * from {{ fund_fees.publish_history_relation() }}

),

renamed as (

    select
        {{ fund_fees.compound_key(['agreement_id', 'fund_id', 'month_start', 'published_at']) }}
            as fee_version_id,
        cast(agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(fee_type as {{ dbt.type_string() }}) as fee_type,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(month_start as date) as month_start,
        cast(published_at as {{ dbt.type_timestamp() }}) as published_at,
        accrued_fee_usd,
        minimum_true_up_usd,
        waiver_usd,
        net_fee_usd,
        is_withdrawn

    from source

)

select * from renamed
