-- Integrity (fee-rules R1, R8): every fund-day on a fee agreement's roster with a schedule
-- in effect gets exactly one daily accrual: none is lost to a schedule without tiers or a
-- join that drops rows (keys: agreement_id, fund_id, accrual_date). Both sides from the
-- first day the latest accrual run wrote (fund_fees.latest_accrual_run_first_date: every
-- day after a full build, the recomputed months after an incremental run).
{%- set since = fund_fees.latest_accrual_run_first_date(ref('fct_fee_accruals_daily')) %}
with

scheduled as (

    select
        agreement_id,
        fund_id,
        accrual_date
    from {{ ref('int_agreement_fund_days_scheduled') }}
    where accrual_date >= cast('{{ since }}' as date)

),

accrued as (

    select
        agreement_id,
        fund_id,
        accrual_date
    from {{ ref('fct_fee_accruals_daily') }}
    where accrual_date >= cast('{{ since }}' as date)

),

compared as (

    -- one full outer join on the key (each side read once), not two EXCEPTs:
    -- half the time at 1,000 funds
    select
        coalesce(scheduled.agreement_id, accrued.agreement_id) as agreement_id,
        coalesce(scheduled.fund_id, accrued.fund_id) as fund_id,
        coalesce(scheduled.accrual_date, accrued.accrual_date) as accrual_date,
        case
            when accrued.agreement_id is null then 'covered and scheduled, but not priced'
            else 'priced, but not covered and scheduled'
        end as failure_reason
    from scheduled
    full outer join accrued
        on
            scheduled.agreement_id = accrued.agreement_id
            and scheduled.fund_id = accrued.fund_id
            and scheduled.accrual_date = accrued.accrual_date
    where scheduled.agreement_id is null or accrued.agreement_id is null

)

select * from compared
