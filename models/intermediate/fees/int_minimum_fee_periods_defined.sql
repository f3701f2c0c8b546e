-- Fee-rules R6 (Mellon sub-advisory agreement, section 8): "Beginning one year after the
-- date that initial capital is provided to a Fund, the Adviser will pay the Sub-Adviser a
-- minimum aggregate sub-advisory fee in the amount of $300,000 for each succeeding twelve
-- (12) month period."
-- start = earliest inception among the agreement's funds + start_offset_months (12);
-- periods [start + k years, start + (k + 1) years - 1 day] up to the one holding the
-- accrual end date; aggregate = every fund's accruals inside the period; a period is
-- complete (trued up) once its last day is on or before the accrual end date;
-- shortfall = max(0, minimum - aggregate), rounded to cents, for complete periods only.
with

minimum_fees as (

    select * from {{ ref('stg_agreements__minimum_fees') }}

),

agreements as (

    select * from {{ ref('stg_agreements__agreements') }}

),

coverage as (

    select * from {{ ref('int_agreement_fund_coverage_dated') }}

),

lifetimes as (

    select * from {{ ref('int_fund_lifetimes_derived') }}

),

accrual_end as (

    select * from {{ ref('int_accrual_end_date_derived') }}

),

agreement_days as (

    -- per agreement and day first (a few thousand rows per agreement), so that the range
    -- join to the periods below hashes the periods, not every fund-day
    select
        agreement_id,
        accrual_date,
        sum(daily_accrual_usd) as daily_accrual_usd
    from {{ ref('int_daily_fees_accrued') }}
    group by
        agreement_id,
        accrual_date

),

agreement_funds as (

    select distinct
        agreement_id,
        fund_id
    from coverage

),

minimum_starts as (

    select
        minimum_fees.minimum_fee_id,
        minimum_fees.agreement_id,
        minimum_fees.minimum_fee_usd,
        minimum_fees.period_months,
        agreements.payable_rounding,
        accrual_end.accrual_end_date,
        cast({{ dbt.dateadd('month', 'minimum_fees.start_offset_months', 'min(lifetimes.inception_date)') }} as date)
            as minimum_start_date
    from minimum_fees
    inner join agreements
        on minimum_fees.agreement_id = agreements.agreement_id
    inner join agreement_funds
        on minimum_fees.agreement_id = agreement_funds.agreement_id
    inner join lifetimes
        on agreement_funds.fund_id = lifetimes.fund_id
    cross join accrual_end
    group by
        minimum_fees.minimum_fee_id,
        minimum_fees.agreement_id,
        minimum_fees.minimum_fee_usd,
        minimum_fees.period_months,
        minimum_fees.start_offset_months,
        agreements.payable_rounding,
        accrual_end.accrual_end_date

),

period_numbers as (

    select
        *,
        {{ fund_fees.expand_integers(
            0,
            dbt.datediff('minimum_start_date', 'accrual_end_date', 'month') ~ ' / period_months + 1'
        ) }} as period_number
    from minimum_starts
    where minimum_start_date <= accrual_end_date

),

periods as (

    select
        minimum_fee_id,
        agreement_id,
        minimum_fee_usd,
        payable_rounding,
        accrual_end_date,
        period_number,
        cast({{ dbt.dateadd('month', 'period_number * period_months', 'minimum_start_date') }} as date)
            as period_start,
        {{ fund_fees.add_days(
            'cast(' ~ dbt.dateadd('month', '(period_number + 1) * period_months', 'minimum_start_date') ~ ' as date)',
            -1
        ) }} as period_end
    from period_numbers

),

aggregated as (

    select
        periods.minimum_fee_id,
        periods.period_start,
        coalesce(sum(agreement_days.daily_accrual_usd), 0) as accrued_fee_usd
    from periods
    left join agreement_days
        on
            periods.agreement_id = agreement_days.agreement_id
            and periods.period_start <= agreement_days.accrual_date
            and periods.period_end >= agreement_days.accrual_date
    group by
        periods.minimum_fee_id,
        periods.period_start

),

final as (

    select
        {{ fund_fees.compound_key(['periods.agreement_id', 'periods.period_start']) }}
            as minimum_fee_period_id,
        periods.minimum_fee_id,
        periods.agreement_id,
        periods.period_number,
        periods.period_start,
        periods.period_end,
        periods.period_end <= periods.accrual_end_date as is_complete,
        {{ fund_fees.month_start('periods.period_end') }} as true_up_month_start,
        periods.payable_rounding,
        cast(aggregated.accrued_fee_usd as decimal(38, 18)) as accrued_fee_usd,
        periods.minimum_fee_usd,
        case
            when
                periods.period_end <= periods.accrual_end_date
                and aggregated.accrued_fee_usd < periods.minimum_fee_usd
                then {{ fund_fees.round_money(
                    'periods.minimum_fee_usd - aggregated.accrued_fee_usd', 'periods.payable_rounding'
                ) }}
            else cast(0 as decimal(38, 2))
        end as shortfall_usd
    from periods
    inner join aggregated
        on
            periods.minimum_fee_id = aggregated.minimum_fee_id
            and periods.period_start = aggregated.period_start
    where periods.period_start <= periods.accrual_end_date

)

select * from final
