-- The tier math shown: per agreement, fund, month, schedule and tier, the average assets
-- that fell in the tier and the fee it produced (fee-rules R3, R5). A month priced on two
-- schedules (an Invesco fund crossing the $1B combined threshold) has rows for both.
-- The slices of a month sum to its accrued fee in fct_fees_monthly.
with

slices as (

    select * from {{ ref('int_fee_tier_slices_computed') }}

),

days_in_month as (

    select
        agreement_id,
        fund_id,
        month_start,
        count(distinct accrual_date) as days_accrued
    from slices
    group by
        agreement_id,
        fund_id,
        month_start

),

by_tier as (

    select
        agreement_id,
        fund_id,
        month_start,
        schedule_id,
        tier_number,
        method,
        lower_bound_usd,
        upper_bound_usd,
        annual_rate_pct,
        day_count_convention,
        max({{ fund_fees.days_in_year('accrual_date', 'day_count_convention') }}) as days_in_year,
        count(*) as days_priced,
        sum(assets_in_tier_usd) as sum_assets_in_tier_usd,
        sum(tier_annual_fee_usd) as sum_tier_annual_fee_usd
    from slices
    group by
        agreement_id,
        fund_id,
        month_start,
        schedule_id,
        tier_number,
        method,
        lower_bound_usd,
        upper_bound_usd,
        annual_rate_pct,
        day_count_convention

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
        cast(by_tier.method as {{ dbt.type_string() }}) as method,  -- noqa: RF04
        cast(by_tier.lower_bound_usd as decimal(18, 2)) as lower_bound_usd,
        cast(by_tier.upper_bound_usd as decimal(18, 2)) as upper_bound_usd,
        cast(by_tier.annual_rate_pct as decimal(9, 6)) as annual_rate_pct,
        cast(by_tier.days_priced as integer) as days_priced,
        cast(days_in_month.days_accrued as integer) as days_accrued,
        cast(
            {{ fund_fees.divide_exact(
                'by_tier.sum_assets_in_tier_usd', 'days_in_month.days_accrued', 6, numerator_scale=6
            ) }}
            as decimal(38, 6)
        ) as average_assets_in_tier_usd,
        cast(
            {{ fund_fees.divide_exact('by_tier.sum_tier_annual_fee_usd', 'by_tier.days_in_year', 18) }}
            as decimal(38, 18)
        ) as accrued_fee_usd
    from by_tier
    inner join days_in_month
        on
            by_tier.agreement_id = days_in_month.agreement_id
            and by_tier.fund_id = days_in_month.fund_id
            and by_tier.month_start = days_in_month.month_start

)

select * from final
