-- Integrity of the pricing core: per schedule, the join ranges (lower, upper] of the tiers
-- cover every amount of assets exactly once, so every subject-day joins exactly one tier
-- (fund_fees.price_on_tiers): the first range is open below, each next range starts where
-- the previous one ends, the last one is open above, and a marginal tier's amount below
-- equals the previous tier's amount below plus its full band.
with

tiers as (

    select
        *,
        lag(join_upper_bound_usd) over (
            partition by schedule_source, schedule_id order by tier_number
        ) as previous_join_upper_bound_usd,
        lag(amount_below_tier_usd + (upper_bound_usd - lower_bound_usd) * annual_rate_pct * 0.01) over (
            partition by schedule_source, schedule_id order by tier_number
        ) as previous_amount_through_band_usd,
        count(*) over (partition by schedule_source, schedule_id) as tier_count
    from {{ ref('int_schedule_tiers_cumulated') }}

)

select
    schedule_source,
    schedule_id,
    tier_number,
    case
        when tier_number = 1 and join_lower_bound_usd > 0 then 'first range not open below'
        when tier_number > 1 and join_lower_bound_usd <> previous_join_upper_bound_usd then 'gap or overlap'
        when tier_number = tier_count and upper_bound_usd is not null then 'last range not open above'
        when tier_method = 'marginal' and tier_number = 1 and amount_below_tier_usd <> 0
            then 'amount below tier 1 is not 0'
        when tier_method = 'marginal' and tier_number > 1 and amount_below_tier_usd <> previous_amount_through_band_usd
            then 'amount below is not the sum of the lower bands'
    end as failure_reason
from tiers
where
    (tier_number = 1 and join_lower_bound_usd > 0)
    or (tier_number > 1 and join_lower_bound_usd <> previous_join_upper_bound_usd)
    or (tier_number = tier_count and upper_bound_usd is not null)
    or (tier_method = 'marginal' and tier_number = 1 and amount_below_tier_usd <> 0)
    or (tier_method = 'marginal' and tier_number > 1 and amount_below_tier_usd <> previous_amount_through_band_usd)
