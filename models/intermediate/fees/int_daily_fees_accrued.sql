-- Fee-rules R2: the fee each agreement-fund-day accrues:
-- daily_accrual = annual_fee / days_in_year, kept at 18 decimals (never rounded to cents
-- here), where days_in_year follows the agreement's day count: actual/actual (365, or 366
-- in a leap year; default), actual/365 or actual/360.
-- Example: Mellon S&P 500 Index at $150M, annual fee 100,000: 100,000 / 365
-- = 273.972602739726027397 a day in 2003; 100,000 / 366 = 273.224043715846994536 in 2004.
with

fund_days as (

    select * from {{ ref('int_tier_basis_assets_averaged') }}

),

slices as (

    select * from {{ ref('int_fee_tier_slices_computed') }}

),

annual_fees as (

    select
        agreement_fund_day_id,
        sum(tier_annual_fee_usd) as annual_fee_usd
    from slices
    group by agreement_fund_day_id

),

with_day_count as (

    select
        fund_days.agreement_fund_day_id,
        fund_days.agreement_id,
        fund_days.fee_type,
        fund_days.payer_party_id,
        fund_days.payee_party_id,
        fund_days.roster_id,
        fund_days.fund_id,
        fund_days.accrual_date,
        fund_days.month_start,
        fund_days.net_assets_usd,
        fund_days.is_carried_forward,
        fund_days.schedule_id,
        fund_days.combined_net_assets_usd,
        fund_days.tier_basis_assets_usd,
        cast(annual_fees.annual_fee_usd as decimal(38, 14)) as annual_fee_usd,
        fund_days.day_count_convention,
        {{ fund_fees.days_in_year('fund_days.accrual_date', 'fund_days.day_count_convention') }} as days_in_year
    from fund_days
    inner join annual_fees
        on fund_days.agreement_fund_day_id = annual_fees.agreement_fund_day_id

),

final as (

    select
        *,
        {{ fund_fees.divide_exact('annual_fee_usd', 'days_in_year', 18) }} as daily_accrual_usd
    from with_day_count

)

select * from final
