-- Integrity: per agreement, fund and fiscal year, the month waivers add up to the fiscal
-- year's waiver, the month recoupments to the year's recoupment, and the days add up to the
-- months (cap, expenses, excess). Exact at 18 decimals.
with

days as (
    select
        agreement_id,
        fund_id,
        fiscal_year_start,
        sum(daily_cap_usd) as cap_usd,
        sum(expenses_usd) as expenses_usd,
        sum(excess_usd) as excess_usd
    from {{ ref('int_expense_limitation_days_compared') }}
    group by
        agreement_id,
        fund_id,
        fiscal_year_start
),

months as (
    select
        agreement_id,
        fund_id,
        fiscal_year_start,
        sum(expense_cap_usd) as cap_usd,
        sum(expenses_usd) as expenses_usd,
        sum(excess_usd) as excess_usd,
        sum(waiver_usd) as waiver_usd,
        sum(recoupment_usd) as recoupment_usd
    from {{ ref('int_expense_limitation_months_summarized') }}
    group by
        agreement_id,
        fund_id,
        fiscal_year_start
),

years as (
    select * from {{ ref('int_expense_waiver_years_recouped') }}
)

select
    years.expense_waiver_year_id,
    years.fiscal_year_waiver_usd,
    months.waiver_usd,
    years.recouped_usd,
    months.recoupment_usd
from years
inner join months
    on
        years.agreement_id = months.agreement_id
        and years.fund_id = months.fund_id
        and years.fiscal_year_start = months.fiscal_year_start
inner join days
    on
        years.agreement_id = days.agreement_id
        and years.fund_id = days.fund_id
        and years.fiscal_year_start = days.fiscal_year_start
where
    months.waiver_usd <> years.fiscal_year_waiver_usd
    or months.recoupment_usd <> years.recouped_usd
    or months.cap_usd <> days.cap_usd
    or months.expenses_usd <> days.expenses_usd
    or months.excess_usd <> days.excess_usd
