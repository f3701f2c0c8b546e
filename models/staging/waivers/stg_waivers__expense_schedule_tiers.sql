with

source as (
    select * from {{ ref('expense_schedule_tiers') }}
),

renamed as (
    select
        {{ fund_fees.compound_key(['expense_schedule_id', 'tier_number']) }}
            as expense_schedule_tier_id,
        cast(expense_schedule_id as {{ dbt.type_string() }}) as expense_schedule_id,
        cast(tier_number as integer) as tier_number,
        cast(lower_bound_usd as decimal(24, 6)) as lower_bound_usd,
        cast(upper_bound_usd as decimal(24, 6)) as upper_bound_usd,
        cast(annual_rate_pct as decimal(9, 6)) as annual_rate_pct,
        cast(tier_text as {{ dbt.type_string() }}) as tier_text
    from source
)

select * from renamed
