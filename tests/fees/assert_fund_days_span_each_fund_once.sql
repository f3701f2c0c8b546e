-- Integrity (fee-rules R1): each fund with a figure on or before its last accrual day has
-- every calendar day from its first figure through that day (its termination date or the
-- accrual end, whichever is earlier) in int_fund_days_carried_forward, once; no other fund
-- has a day there. An incremental run replaces the days from each fund's first changed
-- day on and deletes none: a recorded day that the input no longer holds (a fund's first
-- figures or its last days removed, the accrual end moved back, a fund gone) is reported
-- here, and `dbt build --full-refresh` rebuilds the table without it.
with

lifetimes as (

    select * from {{ ref('int_fund_lifetimes_derived') }}

),

accrual_end as (

    select * from {{ ref('int_accrual_end_date_derived') }}

),

expected as (

    select
        lifetimes.fund_id,
        lifetimes.first_net_asset_date as first_date,
        case
            when lifetimes.termination_date < accrual_end.accrual_end_date then lifetimes.termination_date
            else accrual_end.accrual_end_date
        end as last_date
    from lifetimes
    cross join accrual_end

),

expected_spans as (

    select
        fund_id,
        first_date,
        last_date,
        {{ dbt.datediff('first_date', 'last_date', 'day') }}
        + 1 as day_count
    from expected
    where first_date <= last_date

),

recorded_spans as (

    select
        fund_id,
        min(calendar_date) as first_date,
        max(calendar_date) as last_date,
        count(*) as day_count
    from {{ ref('int_fund_days_carried_forward') }}
    group by fund_id

),

compared as (

    select
        coalesce(expected_spans.fund_id, recorded_spans.fund_id) as fund_id,
        expected_spans.first_date as expected_first_date,
        expected_spans.last_date as expected_last_date,
        expected_spans.day_count as expected_days,
        recorded_spans.first_date as recorded_first_date,
        recorded_spans.last_date as recorded_last_date,
        recorded_spans.day_count as recorded_days,
        'days recorded that the input does not hold, or days missing: dbt build --full-refresh'
            as failure_reason
    from expected_spans
    full outer join recorded_spans
        on expected_spans.fund_id = recorded_spans.fund_id
    where
        expected_spans.fund_id is null
        or recorded_spans.fund_id is null
        or expected_spans.first_date <> recorded_spans.first_date
        or expected_spans.last_date <> recorded_spans.last_date
        or expected_spans.day_count <> recorded_spans.day_count

)

select * from compared
