-- Integrity (fee-rules R6): for every period, the true-ups booked in fct_fees_monthly sum
-- exactly, to the cent, to the period's shortfall, in the month holding the period's end.
with

periods as (

    select * from {{ ref('fct_minimum_fee_periods') }}

),

booked as (

    select
        agreement_id,
        month_start,
        sum(minimum_true_up_usd) as booked_true_up_usd
    from {{ ref('fct_fees_monthly') }}
    where minimum_true_up_usd <> 0
    group by agreement_id, month_start

),

expected as (

    select
        agreement_id,
        true_up_month_start as month_start,
        sum(shortfall_usd) as shortfall_usd
    from periods
    where shortfall_usd <> 0
    group by agreement_id, true_up_month_start

)

select
    coalesce(expected.agreement_id, booked.agreement_id) as agreement_id,
    coalesce(expected.month_start, booked.month_start) as month_start,
    expected.shortfall_usd,
    booked.booked_true_up_usd
from expected
full outer join booked
    on
        expected.agreement_id = booked.agreement_id
        and expected.month_start = booked.month_start
where
    expected.shortfall_usd is null
    or booked.booked_true_up_usd is null
    or expected.shortfall_usd <> booked.booked_true_up_usd
