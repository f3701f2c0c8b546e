-- Integrity (fee-rules R1, R8): every fund-day on a fee agreement's roster with a schedule
-- in effect gets exactly one daily accrual: none is lost to a schedule without tiers or a
-- join that drops rows (keys: agreement_id, fund_id, accrual_date).
with

scheduled as (

    select
        agreement_id,
        fund_id,
        accrual_date
    from {{ ref('int_agreement_fund_days_scheduled') }}

),

accrued as (

    select
        agreement_id,
        fund_id,
        accrual_date
    from {{ ref('fct_fee_accruals_daily') }}

),

not_priced as (

    select * from scheduled
    except
    select * from accrued

),

not_scheduled as (

    select * from accrued
    except
    select * from scheduled

)

select
    agreement_id,
    fund_id,
    accrual_date,
    'covered and scheduled, but not priced' as failure_reason
from not_priced
union all
select
    agreement_id,
    fund_id,
    accrual_date,
    'priced, but not covered and scheduled' as failure_reason
from not_scheduled
