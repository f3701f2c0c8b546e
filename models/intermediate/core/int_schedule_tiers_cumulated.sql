-- The pricing core (fee-rules R3, R7): every tier of every tiered schedule, fee schedules
-- (Schedule B) and expense schedules (expense limitations and other expenses) alike, with
-- the annual amount the schedule produces below the tier's lower bound, so that a
-- subject-day joins exactly ONE tier (the one holding its assets) and is priced there:
--   marginal: annual = amount_below_tier + (assets - lower_bound) x rate;
--   whole:    annual = assets x rate of the band that holds them.
-- A band "$X to $Y" holds X < assets <= Y; the first band also holds 0 (join bounds below).
-- At a breakpoint both readings of marginal agree (the lower band's full width = the upper
-- band's amount below), so one band rule serves both methods.
-- Example (Mellon Schedule B, S&P 500 Index): tier 1 0-50M .12% (below 0), tier 2
-- 50-100M .06% (below 60,000), tier 3 over 100M .02% (below 90,000); at 150M:
-- 90,000 + 50M x .02% = 100,000.
with

fee_schedules as (

    select * from {{ ref('stg_agreements__fee_schedules') }}

),

fee_tiers as (

    select * from {{ ref('stg_agreements__fee_schedule_tiers') }}

),

expense_schedules as (

    select * from {{ ref('stg_waivers__expense_schedules') }}

),

expense_tiers as (

    select * from {{ ref('stg_waivers__expense_schedule_tiers') }}

),

tiers as (

    select
        'fee_schedule' as schedule_source,
        fee_tiers.schedule_id,
        fee_schedules.method as tier_method,
        fee_tiers.tier_number,
        fee_tiers.lower_bound_usd,
        fee_tiers.upper_bound_usd,
        fee_tiers.annual_rate_pct
    from fee_tiers
    inner join fee_schedules
        on fee_tiers.schedule_id = fee_schedules.schedule_id

    union all

    select
        'expense_schedule' as schedule_source,
        expense_tiers.expense_schedule_id as schedule_id,
        expense_schedules.tier_method,
        expense_tiers.tier_number,
        expense_tiers.lower_bound_usd,
        expense_tiers.upper_bound_usd,
        expense_tiers.annual_rate_pct
    from expense_tiers
    inner join expense_schedules
        on expense_tiers.expense_schedule_id = expense_schedules.expense_schedule_id

),

banded as (

    select
        *,
        -- the annual amount of one full band (null for the unbounded last band)
        cast((upper_bound_usd - lower_bound_usd) * annual_rate_pct * cast(0.01 as decimal(3, 2)) as decimal(38, 14))
            as band_amount_usd
    from tiers

),

final as (

    select
        schedule_source,
        schedule_id,
        tier_method,
        tier_number,
        lower_bound_usd,
        upper_bound_usd,
        annual_rate_pct,
        -- the range a subject's assets must fall in to be priced on this tier: (lower, upper],
        -- the first band open below (it also holds 0), the last band open above
        case
            when tier_number = 1 then cast('-999999999999999999' as decimal(24, 6))
            else lower_bound_usd
        end as join_lower_bound_usd,
        coalesce(upper_bound_usd, cast('999999999999999999' as decimal(24, 6))) as join_upper_bound_usd,
        cast(
            case
                when tier_method = 'marginal'
                    then coalesce(sum(band_amount_usd) over (
                        partition by schedule_source, schedule_id
                        order by tier_number
                        rows between unbounded preceding and 1 preceding
                    ), 0)
                else 0
            end as decimal(38, 14)
        ) as amount_below_tier_usd
    from banded

)

select * from final
