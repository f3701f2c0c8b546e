with

source as (
    select * from {{ ref('directed_brokerage_transactions') }}
),

renamed as (
    select
        cast(transaction_id as {{ dbt.type_string() }}) as transaction_id,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(trade_date as date) as trade_date,
        cast(broker_dealer_id as {{ dbt.type_string() }}) as broker_dealer_id,
        cast(commission_usd as decimal(24, 6)) as commission_usd,
        cast(coalesce(brokerage_payment_usd, 0) as decimal(24, 6)) as brokerage_payment_usd,
        cast(coalesce(brokerage_credit_usd, 0) as decimal(24, 6)) as brokerage_credit_usd,
        cast(is_illustrative as boolean) as is_illustrative,
        cast(note as {{ dbt.type_string() }}) as note
    from source
)

select * from renamed
