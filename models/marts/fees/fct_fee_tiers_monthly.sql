-- The tier math shown: per agreement, fund, month, schedule and tier, the average assets
-- that fell in the tier and the fee it produced (fee-rules R3, R5). A month priced on two
-- schedules (an Invesco fund crossing the $1B combined threshold) has rows for both.
-- The slices of a month sum to its accrued fee in fct_fees_monthly.
-- Built from monthly aggregates, never from a fund-day x tier table: each accrued day
-- knows the one tier k that holds its tier-basis assets, so per month and tier k it is
-- enough to count the days and sum their assets. A marginal tier j then holds its full
-- width on every day with k > j, (assets - lower bound) on the days with k = j and nothing
-- on the others; a whole-method tier holds all assets of the days with k = j.
-- Pro rata days (R4) share each tier's amount by own / combined assets, summed per month.
-- The fund-day table is read once, by by_day_tier: DuckDB materializes a CTE read twice,
-- which copied every fund-day; the days of a month are summed from by_day_tier.
-- Incremental on (agreement_id, fund_id, month_start): a run replaces every row of the
-- months that int_daily_fees_accrued (re)computed since (its accrued_at, kept per month).
{{ config(
    materialized=fund_fees.accrual_materialization(),
    incremental_strategy='delete+insert',
    unique_key=['agreement_id', 'fund_id', 'month_start'],
    on_schema_change='fail'
) }}
with

daily as (

    select * from {{ ref('int_daily_fees_accrued') }}
    {{ fund_fees.accrued_after_this_table() }}

),

tiers as (

    select * from {{ ref('int_schedule_tiers_cumulated') }}
    where schedule_source = 'fee_schedule'

),

by_day_tier as (

    select
        agreement_id,
        fund_id,
        month_start,
        schedule_id,
        tier_number as day_tier_number,
        is_pro_rata,
        max(days_in_year) as days_in_year,
        max(accrued_at) as accrued_at,
        count(*) as days_priced,
        sum(tier_basis_assets_usd) as sum_basis_assets_usd,
        sum(annual_fee_usd) as sum_annual_fee_usd,
        sum(case when is_pro_rata then net_assets_usd else 0 end) as sum_own_assets_usd,
        sum(
            case
                when is_pro_rata
                    then {{ fund_fees.divide_exact(
                        'net_assets_usd', 'combined_net_assets_usd', 20, numerator_scale=6
                    ) }}
                else 0
            end
        ) as sum_pro_rata_share
    from daily
    group by
        agreement_id,
        fund_id,
        month_start,
        schedule_id,
        tier_number,
        is_pro_rata

),

days_in_month as (

    select
        agreement_id,
        fund_id,
        month_start,
        sum(days_priced) as days_accrued,
        max(accrued_at) as accrued_at
    from by_day_tier
    group by
        agreement_id,
        fund_id,
        month_start

),

contributions as (

    select
        by_day_tier.agreement_id,
        by_day_tier.fund_id,
        by_day_tier.month_start,
        by_day_tier.schedule_id,
        tiers.tier_number,
        tiers.tier_method,
        tiers.lower_bound_usd,
        tiers.upper_bound_usd,
        tiers.annual_rate_pct,
        by_day_tier.days_in_year,
        by_day_tier.days_priced,
        by_day_tier.is_pro_rata,
        by_day_tier.sum_annual_fee_usd,
        by_day_tier.day_tier_number,
        by_day_tier.sum_own_assets_usd,
        by_day_tier.sum_pro_rata_share,
        case
            when tiers.tier_method = 'whole' and by_day_tier.day_tier_number = tiers.tier_number
                then by_day_tier.sum_basis_assets_usd
            when tiers.tier_method = 'whole' then 0
            when by_day_tier.day_tier_number > tiers.tier_number
                then by_day_tier.days_priced * (tiers.upper_bound_usd - tiers.lower_bound_usd)
            when by_day_tier.day_tier_number = tiers.tier_number
                then by_day_tier.sum_basis_assets_usd - by_day_tier.days_priced * tiers.lower_bound_usd
            else 0
        end as assets_in_tier_usd
    from by_day_tier
    inner join tiers
        on by_day_tier.schedule_id = tiers.schedule_id

),

priced as (

    select
        *,
        case
            when not is_pro_rata
                then cast(assets_in_tier_usd * annual_rate_pct * cast(0.01 as decimal(3, 2)) as decimal(38, 14))
            when tier_method = 'whole' and day_tier_number = tier_number then sum_annual_fee_usd
            when tier_method = 'whole' then 0
            when day_tier_number > tier_number
                then cast(
                    cast((upper_bound_usd - lower_bound_usd) * sum_pro_rata_share as decimal(38, 18))
                    * annual_rate_pct * cast(0.01 as decimal(3, 2)) as decimal(38, 14)
                )
            when day_tier_number = tier_number
                then cast(
                    cast(sum_own_assets_usd - lower_bound_usd * sum_pro_rata_share as decimal(38, 18))
                    * annual_rate_pct * cast(0.01 as decimal(3, 2)) as decimal(38, 14)
                )
            else 0
        end as tier_annual_fee_usd
    from contributions

),

by_tier as (

    select
        agreement_id,
        fund_id,
        month_start,
        schedule_id,
        tier_number,
        tier_method,
        lower_bound_usd,
        upper_bound_usd,
        annual_rate_pct,
        max(days_in_year) as days_in_year,
        sum(days_priced) as days_priced,
        sum(assets_in_tier_usd) as sum_assets_in_tier_usd,
        cast(sum(tier_annual_fee_usd) as decimal(38, 14)) as sum_tier_annual_fee_usd
    from priced
    group by
        agreement_id,
        fund_id,
        month_start,
        schedule_id,
        tier_number,
        tier_method,
        lower_bound_usd,
        upper_bound_usd,
        annual_rate_pct

),

final as (

    select
        cast({{ fund_fees.compound_key([
            'by_tier.agreement_id', 'by_tier.fund_id', 'by_tier.month_start', 'by_tier.schedule_id', 'by_tier.tier_number'
        ]) }} as {{ dbt.type_string() }}) as fee_tier_month_id,
        cast(by_tier.agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(by_tier.fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(by_tier.month_start as date) as month_start,
        cast(by_tier.schedule_id as {{ dbt.type_string() }}) as schedule_id,
        cast(by_tier.tier_number as integer) as tier_number,
        cast(by_tier.tier_method as {{ dbt.type_string() }}) as method,  -- noqa: RF04
        cast(by_tier.lower_bound_usd as decimal(18, 2)) as lower_bound_usd,
        cast(by_tier.upper_bound_usd as decimal(18, 2)) as upper_bound_usd,
        cast(by_tier.annual_rate_pct as decimal(9, 6)) as annual_rate_pct,
        cast(by_tier.days_priced as integer) as days_priced,
        cast(days_in_month.days_accrued as integer) as days_accrued,
        cast(
            {{ fund_fees.divide_by_day_count(
                'by_tier.sum_assets_in_tier_usd', 'days_in_month.days_accrued', 6, amount_scale=6
            ) }}
            as decimal(38, 6)
        ) as average_assets_in_tier_usd,
        cast(
            {{ fund_fees.divide_by_day_count('by_tier.sum_tier_annual_fee_usd', 'by_tier.days_in_year') }}
            as decimal(38, 18)
        ) as accrued_fee_usd,
        cast(days_in_month.accrued_at as timestamp) as accrued_at
    from by_tier
    inner join days_in_month
        on
            by_tier.agreement_id = days_in_month.agreement_id
            and by_tier.fund_id = days_in_month.fund_id
            and by_tier.month_start = days_in_month.month_start

)

select * from final
