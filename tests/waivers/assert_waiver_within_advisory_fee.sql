-- Section 2: "such waiver shall not exceed the full amount of the advisory fee for such year".
-- Year to date, the waiver is never above the advisory fee nor the excess, never negative,
-- and month waivers are never negative (the year-to-date waiver only grows).
select
    'day' as grain,
    expense_limitation_day_id as row_id
from {{ ref('int_expense_limitation_days_compared') }}
where
    ytd_waiver_usd > ytd_advisory_fee_usd
    or ytd_waiver_usd > ytd_excess_usd
    or ytd_waiver_usd < 0
    or excess_usd < 0
    or headroom_usd < 0
    or (excess_usd > 0 and headroom_usd > 0)
union all
select
    'month' as grain,
    expense_limitation_month_id as row_id
from {{ ref('int_expense_limitation_months_summarized') }}
where waiver_usd < 0 or recoupment_usd < 0
