-- Integrity: the daily accruals of each agreement, fund and month sum exactly to the
-- month's accrued fee, and the days accrued match. Returns each month that differs.
-- The months from the first day the latest accrual run wrote (every month after a full
-- build, the recomputed months after an incremental run;
-- fund_fees.latest_accrual_run_first_date).
{%- set since = fund_fees.latest_accrual_run_first_date(ref('fct_fee_accruals_daily')) %}
with

daily as (

    select
        agreement_id,
        fund_id,
        month_start,
        count(*) as days_accrued,
        sum(daily_accrual_usd) as sum_daily_accrual_usd
    from {{ ref('fct_fee_accruals_daily') }}
    where month_start >= {{ fund_fees.month_start("cast('" ~ since ~ "' as date)") }}
    group by agreement_id, fund_id, month_start

),

monthly as (

    select * from {{ ref('fct_fees_monthly') }}
    where
        days_accrued > 0
        and month_start >= {{ fund_fees.month_start("cast('" ~ since ~ "' as date)") }}

)

select
    coalesce(monthly.agreement_id, daily.agreement_id) as agreement_id,
    coalesce(monthly.fund_id, daily.fund_id) as fund_id,
    coalesce(monthly.month_start, daily.month_start) as month_start,
    monthly.accrued_fee_usd,
    daily.sum_daily_accrual_usd,
    monthly.days_accrued,
    daily.days_accrued as daily_rows
from monthly
full outer join daily
    on
        monthly.agreement_id = daily.agreement_id
        and monthly.fund_id = daily.fund_id
        and monthly.month_start = daily.month_start
where
    monthly.accrued_fee_usd is null
    or daily.sum_daily_accrual_usd is null
    or monthly.accrued_fee_usd <> daily.sum_daily_accrual_usd
    or monthly.days_accrued <> daily.days_accrued
