-- fee-rules R7: each day a fund has an expense limitation, its expenses (the advisory
-- accrual plus the other expenses section 2 does not exclude) against its daily cap
-- (annual limitation on the day's net assets / days in the year, as R2), the daily excess
-- and headroom, and the fiscal year-to-date figures that settle the waiver.
{%- set fiscal_year_start_month = (var('expense_fiscal_year_end_month', 12) | int) % 12 + 1 %}
with

schedule_days as (
    select * from {{ ref('int_expense_schedules_priced') }}
),

annual_amounts as (
    select
        agreement_id,
        fund_id,
        accrual_date,
        max(net_assets_usd) as net_assets_usd,
        max(days_in_year) as days_in_year,
        max(advisory_fee_usd) as advisory_fee_usd,
        max(case when schedule_kind = 'limitation' then expense_schedule_id end) as limitation_schedule_id,
        cast(sum(case when schedule_kind = 'limitation' then annual_amount_usd end) as decimal(38, 14))
            as annual_limitation_usd,
        cast(
            sum(
                case
                    when schedule_kind = 'other_expense' and not is_excluded_from_limitation
                        then annual_amount_usd
                    else 0
                end
            ) as decimal(38, 14)
        ) as annual_other_expenses_usd,
        cast(
            sum(
                case
                    when schedule_kind = 'other_expense' and is_excluded_from_limitation
                        then annual_amount_usd
                    else 0
                end
            ) as decimal(38, 14)
        ) as annual_excluded_expenses_usd
    from schedule_days
    group by
        agreement_id,
        fund_id,
        accrual_date
),

daily_amounts as (
    select
        annual_amounts.agreement_id,
        annual_amounts.fund_id,
        annual_amounts.accrual_date,
        annual_amounts.net_assets_usd,
        annual_amounts.days_in_year,
        annual_amounts.limitation_schedule_id,
        annual_amounts.annual_limitation_usd,
        cast(
            {{ dbt.dateadd(
                'month',
                fiscal_year_start_month - 1,
                'cast(' ~ dbt.date_trunc('year', dbt.dateadd('month', 1 - fiscal_year_start_month, 'annual_amounts.accrual_date')) ~ ' as date)'
            ) }} as date
        ) as fiscal_year_start,
        {{ fund_fees.divide_by_day_count('annual_amounts.annual_limitation_usd', 'annual_amounts.days_in_year') }}
            as daily_cap_usd,
        annual_amounts.advisory_fee_usd,
        {{ fund_fees.divide_by_day_count('annual_amounts.annual_other_expenses_usd', 'annual_amounts.days_in_year') }}
            as other_expenses_usd,
        {{ fund_fees.divide_by_day_count(
            'annual_amounts.annual_excluded_expenses_usd', 'annual_amounts.days_in_year'
        ) }} as excluded_expenses_usd
    from annual_amounts
    -- a day without a limitation in effect has no cap: no waiver can arise that day
    where annual_amounts.limitation_schedule_id is not null
),

compared as (
    select
        *,
        cast(advisory_fee_usd + other_expenses_usd as decimal(38, 18)) as expenses_usd,
        cast(greatest(0, advisory_fee_usd + other_expenses_usd - daily_cap_usd) as decimal(38, 18)) as excess_usd,
        cast(greatest(0, daily_cap_usd - advisory_fee_usd - other_expenses_usd) as decimal(38, 18)) as headroom_usd
    from daily_amounts
),

year_to_date as (
    select
        *,
        cast(
            sum(excess_usd) over (
                partition by agreement_id, fund_id, fiscal_year_start
                order by accrual_date
                rows between unbounded preceding and current row
            ) as decimal(38, 18)
        ) as ytd_excess_usd,
        cast(
            sum(advisory_fee_usd) over (
                partition by agreement_id, fund_id, fiscal_year_start
                order by accrual_date
                rows between unbounded preceding and current row
            ) as decimal(38, 18)
        ) as ytd_advisory_fee_usd,
        cast(
            sum(headroom_usd) over (
                partition by agreement_id, fund_id, fiscal_year_start
                order by accrual_date
                rows between unbounded preceding and current row
            ) as decimal(38, 18)
        ) as ytd_headroom_usd
    from compared
),

final as (
    select
        {{ fund_fees.compound_key(['agreement_id', 'fund_id', 'accrual_date']) }} as expense_limitation_day_id,
        agreement_id,
        fund_id,
        accrual_date,
        {{ fund_fees.month_start('accrual_date') }} as month_start,
        fiscal_year_start,
        net_assets_usd,
        days_in_year,
        limitation_schedule_id,
        annual_limitation_usd,
        daily_cap_usd,
        advisory_fee_usd,
        other_expenses_usd,
        excluded_expenses_usd,
        expenses_usd,
        excess_usd,
        headroom_usd,
        ytd_excess_usd,
        ytd_advisory_fee_usd,
        -- the waiver for the year to date: the excess, never above the advisory fee (section 2)
        least(ytd_excess_usd, ytd_advisory_fee_usd) as ytd_waiver_usd,
        ytd_headroom_usd
    from year_to_date
)

select * from final
