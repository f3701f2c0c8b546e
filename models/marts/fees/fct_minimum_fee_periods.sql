-- One row per agreement with a minimum fee and 12-month period (contract.md; fee-rules R6).
with

periods as (

    select * from {{ ref('int_minimum_fee_periods_defined') }}

),

final as (

    select
        cast(minimum_fee_period_id as {{ dbt.type_string() }}) as minimum_fee_period_id,
        cast(agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(period_number as integer) as period_number,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        cast(is_complete as boolean) as is_complete,
        cast(accrued_fee_usd as decimal(38, 18)) as accrued_fee_usd,
        cast(minimum_fee_usd as decimal(18, 2)) as minimum_fee_usd,
        cast(shortfall_usd as decimal(38, 2)) as shortfall_usd,
        cast(true_up_month_start as date) as true_up_month_start
    from periods

)

select * from final
