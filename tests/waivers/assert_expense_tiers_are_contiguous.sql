-- Tiers of an expense schedule start at 0, follow each other without gap or overlap
-- (lower bound = previous upper bound), and only the last may be unbounded; rates are >= 0.
with

tiers as (
    select
        *,
        lag(upper_bound_usd) over (partition by expense_schedule_id order by tier_number) as previous_upper_usd,
        row_number() over (partition by expense_schedule_id order by tier_number) as tier_position,
        count(*) over (partition by expense_schedule_id) as tier_count
    from {{ ref('stg_waivers__expense_schedule_tiers') }}
)

select
    expense_schedule_tier_id,
    lower_bound_usd,
    upper_bound_usd,
    previous_upper_usd
from tiers
where
    (tier_position = 1 and lower_bound_usd <> 0)
    or (tier_position > 1 and (previous_upper_usd is null or lower_bound_usd <> previous_upper_usd))
    or (upper_bound_usd is null and tier_position < tier_count)
    or (upper_bound_usd is not null and upper_bound_usd <= lower_bound_usd)
    or annual_rate_pct < 0
