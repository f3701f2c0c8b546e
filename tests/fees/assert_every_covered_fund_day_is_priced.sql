-- Integrity (fee-rules R1, R8): every fund-day on a fee agreement's roster with a schedule
-- in effect gets exactly one daily accrual: none is lost to a schedule without tiers or a
-- join that drops rows.
with

scheduled as (

    select agreement_fund_day_id from {{ ref('int_agreement_fund_days_scheduled') }}

),

accrued as (

    select fee_accrual_id from {{ ref('fct_fee_accruals_daily') }}

)

select
    scheduled.agreement_fund_day_id as missing_or_extra_id,
    'covered and scheduled, but not priced' as failure_reason
from scheduled
left join accrued
    on scheduled.agreement_fund_day_id = accrued.fee_accrual_id
where accrued.fee_accrual_id is null
union all
select
    accrued.fee_accrual_id,
    'priced, but not covered and scheduled' as failure_reason
from accrued
left join scheduled
    on accrued.fee_accrual_id = scheduled.agreement_fund_day_id
where scheduled.agreement_fund_day_id is null
