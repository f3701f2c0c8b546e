-- Integrity (R3): the marginal slices of a schedule whose last tier is unbounded add up to
-- the day's net assets; a whole-method schedule puts all net assets in exactly one band
-- (net assets > 0). Returns the schedule-days that do not.
with

slices as (
    select * from {{ ref('int_expense_schedule_tiers_applied') }}
),

schedule_days as (
    select
        expense_schedule_id,
        agreement_id,
        fund_id,
        accrual_date,
        tier_method,
        max(net_assets_usd) as net_assets_usd,
        sum(tier_net_assets_usd) as sliced_usd,
        sum(case when tier_net_assets_usd > 0 then 1 else 0 end) as bands_used,
        max(case when upper_bound_usd is null then 1 else 0 end) as has_unbounded_tier
    from slices
    group by
        expense_schedule_id,
        agreement_id,
        fund_id,
        accrual_date,
        tier_method
)

select *
from schedule_days
where
    (tier_method = 'marginal' and has_unbounded_tier = 1 and sliced_usd <> net_assets_usd)
    or (tier_method = 'whole' and net_assets_usd > 0 and has_unbounded_tier = 1 and bands_used <> 1)
