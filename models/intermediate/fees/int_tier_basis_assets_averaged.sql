-- Per-agreement switch tier_basis (agreements seed; default var default_tier_basis):
-- 'daily' (default): tiers apply to each day's assets, as fee-rules R1-R3 read.
-- 'monthly_average': tiers apply once to the month's average daily assets: every day of
--   the month is priced on that average (mean over the days accrued in the month, held
--   to 6 decimals, i.e. a millionth of a dollar).
with

selected as (

    select * from {{ ref('int_fee_schedules_selected') }}

),

monthly as (

    select
        *,
        sum(tier_basis_assets_usd) over (
            partition by agreement_id, fund_id, month_start
        ) as month_tier_basis_assets_usd,
        count(*) over (
            partition by agreement_id, fund_id, month_start
        ) as month_days_accrued
    from selected

),

final as (

    select
        agreement_fund_day_id,
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
        case
            when tier_basis = 'monthly_average'
                then {{ fund_fees.divide_exact(
                    'month_tier_basis_assets_usd', 'month_days_accrued', 6, numerator_scale=6
                ) }}
            else tier_basis_assets_usd
        end as tier_basis_assets_usd
    from monthly

)

select * from final
