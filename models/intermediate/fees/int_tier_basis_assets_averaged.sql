-- Per-agreement switch tier_basis (agreements seed; default var default_tier_basis):
-- 'daily' (default): tiers apply to each day's assets, as fee-rules R1-R3 read.
-- 'monthly_average': tiers apply once to the month's average daily assets: every day of
--   the month is priced on that average (mean over the days accrued in the month, held
--   to 6 decimals, i.e. a millionth of a dollar).
-- A view. Daily fund-days pass through untouched; only monthly_average fund-days are
-- grouped by month and joined back, so no fund-day is copied when no agreement uses it.
{{ config(materialized='view') }}
with

selected as (

    select * from {{ ref('int_fee_schedules_selected') }}

),

monthly_days as (

    select * from selected
    where tier_basis = 'monthly_average'

),

monthly_averages as (

    select
        agreement_id,
        fund_id,
        month_start,
        {{ fund_fees.divide_exact('sum(tier_basis_assets_usd)', 'count(*)', 6, numerator_scale=6) }}
            as month_tier_basis_assets_usd
    from monthly_days
    group by
        agreement_id,
        fund_id,
        month_start

),

daily_priced as (

    select
        agreement_id,
        fee_type,
        payer_party_id,
        payee_party_id,
        day_count_convention,
        tier_basis,
        roster_id,
        fund_id,
        accrual_date,
        month_start,
        net_assets_usd,
        is_carried_forward,
        base_schedule_id,
        combined_asset_rule_id,
        fee_basis,
        combined_net_assets_usd,
        schedule_id,
        is_pro_rata,
        cast(tier_basis_assets_usd as decimal(38, 6)) as tier_basis_assets_usd
    from selected
    where tier_basis is distinct from 'monthly_average'

),

monthly_priced as (

    select
        monthly_days.agreement_id,
        monthly_days.fee_type,
        monthly_days.payer_party_id,
        monthly_days.payee_party_id,
        monthly_days.day_count_convention,
        monthly_days.tier_basis,
        monthly_days.roster_id,
        monthly_days.fund_id,
        monthly_days.accrual_date,
        monthly_days.month_start,
        monthly_days.net_assets_usd,
        monthly_days.is_carried_forward,
        monthly_days.base_schedule_id,
        monthly_days.combined_asset_rule_id,
        monthly_days.fee_basis,
        monthly_days.combined_net_assets_usd,
        monthly_days.schedule_id,
        monthly_days.is_pro_rata,
        cast(monthly_averages.month_tier_basis_assets_usd as decimal(38, 6)) as tier_basis_assets_usd
    from monthly_days
    inner join monthly_averages
        on
            monthly_days.agreement_id = monthly_averages.agreement_id
            and monthly_days.fund_id = monthly_averages.fund_id
            and monthly_days.month_start = monthly_averages.month_start

),

final as (

    select * from daily_priced
    union all
    select * from monthly_priced

)

select * from final
