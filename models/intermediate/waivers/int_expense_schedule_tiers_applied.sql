-- fee-rules R7 (with R2, R3): each expense schedule of a fund (its expense limitation
-- ratio and each of its other expenses) applied tier by tier to the net assets of every
-- day the fund accrues an advisory fee. One row per agreement, fund, day and schedule tier.
-- Rows marked is_illustrative apply only to the shipped net-asset sample (var net_assets_path null).
with

advisory_days as (
    select
        agreement_id,
        fund_id,
        accrual_date,
        net_assets_usd,
        days_in_year,
        daily_accrual_usd
    from {{ ref('int_daily_fees_accrued') }}
    where fee_type = 'advisory'
),

schedules as (
    select * from {{ ref('stg_waivers__expense_schedules') }}
    {%- if var('net_assets_path', none) is not none %}
        -- the illustrative expense figures go with the illustrative net assets only:
        -- with real net assets (var net_assets_path) only non-illustrative rows apply
        where not is_illustrative
    {%- endif %}
),

tiers as (
    select * from {{ ref('stg_waivers__expense_schedule_tiers') }}
),

categories as (
    select * from {{ ref('stg_waivers__expense_categories') }}
),

schedule_days as (
    select
        advisory_days.agreement_id,
        advisory_days.fund_id,
        advisory_days.accrual_date,
        advisory_days.net_assets_usd,
        advisory_days.days_in_year,
        advisory_days.daily_accrual_usd as advisory_fee_usd,
        schedules.expense_schedule_id,
        schedules.schedule_kind,
        schedules.expense_category_id,
        schedules.tier_method,
        coalesce(categories.is_excluded_from_limitation, false) as is_excluded_from_limitation
    from advisory_days
    inner join schedules
        on
            advisory_days.fund_id = schedules.fund_id
            and advisory_days.accrual_date >= schedules.effective_from
            and (schedules.effective_to is null or advisory_days.accrual_date <= schedules.effective_to)
    left join categories
        on schedules.expense_category_id = categories.expense_category_id
),

tier_slices as (
    select
        schedule_days.*,
        tiers.expense_schedule_tier_id,
        tiers.tier_number,
        tiers.lower_bound_usd,
        tiers.upper_bound_usd,
        tiers.annual_rate_pct,
        cast(
            case
                -- marginal: the slice of the day's net assets inside the band
                when schedule_days.tier_method = 'marginal'
                    then greatest(
                        0,
                        least(
                            schedule_days.net_assets_usd,
                            coalesce(tiers.upper_bound_usd, schedule_days.net_assets_usd)
                        ) - tiers.lower_bound_usd
                    )
                -- whole: all net assets at the rate of the band that holds them (lower < assets <= upper)
                when
                    schedule_days.tier_method = 'whole'
                    and schedule_days.net_assets_usd > tiers.lower_bound_usd
                    and (tiers.upper_bound_usd is null or schedule_days.net_assets_usd <= tiers.upper_bound_usd)
                    then schedule_days.net_assets_usd
                else 0
            end
            as decimal(24, 6)
        ) as tier_net_assets_usd
    from schedule_days
    inner join tiers
        on schedule_days.expense_schedule_id = tiers.expense_schedule_id
),

final as (
    select
        {{ fund_fees.compound_key([
            'expense_schedule_tier_id', 'agreement_id', 'accrual_date'
        ]) }} as expense_tier_day_id,
        agreement_id,
        fund_id,
        accrual_date,
        net_assets_usd,
        days_in_year,
        advisory_fee_usd,
        expense_schedule_id,
        schedule_kind,
        expense_category_id,
        is_excluded_from_limitation,
        tier_method,
        expense_schedule_tier_id,
        tier_number,
        lower_bound_usd,
        upper_bound_usd,
        annual_rate_pct,
        tier_net_assets_usd,
        -- percent -> fraction by multiplying by 0.01 (exact decimal, never a division)
        cast(annual_rate_pct * tier_net_assets_usd * cast(0.01 as decimal(3, 2)) as decimal(38, 14))
            as tier_annual_amount_usd,
        {{ fund_fees.divide_exact(
            "cast(annual_rate_pct * tier_net_assets_usd * cast(0.01 as decimal(3, 2)) as decimal(38, 14))",
            "days_in_year", 18
        ) }} as tier_daily_amount_usd
    from tier_slices
)

select * from final
