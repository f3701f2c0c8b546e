-- Issue 11, authority check: every day on which a fund would accrue a fee under an agreement
-- (it has net assets that day, R1; it is on the agreement's roster, R8; a base fee schedule
-- is in effect) while no approval holds that agreement in force for the fund: before its
-- execution, with no execution recorded, or after its term or continuance lapsed without an
-- approval. Days after a termination (notice, assignment) are not listed: the agreement is
-- over, and no fee accrues. With the default vars these days accrue no fee
-- (int_agreement_fund_coverage_dated leaves them out); with fee_accrues_while_unapproved they do.
with

fund_days as (
    -- read by fund_bounds only: the unapproved days read the spine again, since DuckDB
    -- stores a CTE that is read twice (a copy of every fund-day)
    select * from {{ ref('int_fund_days_carried_forward') }}
),

rosters as (
    select
        rosters.*,
        roster_versions.effective_to as roster_effective_to
    from {{ ref('stg_agreements__rosters') }} as rosters
    inner join {{ ref('int_versions_dated') }} as roster_versions
        on
            roster_versions.version_source = 'roster'
            and rosters.roster_id = roster_versions.version_id
),

schedules as (
    -- base fee schedules, each version's last day from the dating core
    select * from {{ ref('int_versions_dated') }}
    where version_source = 'fee_schedule' and version_scope = 'base'
),

spans as (
    select * from {{ ref('int_agreement_fund_spans_merged') }}
),

periods as (
    select * from {{ ref('int_agreement_fund_periods_derived') }}
),

lives as (
    select
        agreement_id,
        fund_id,
        min(execution_date) as execution_date,
        min(terminates_on) as terminates_on
    from periods
    group by
        agreement_id,
        fund_id
),

fund_bounds as (

    -- a fund's days run unbroken from its first to its last (the carried-forward spine)
    select
        fund_id,
        min(calendar_date) as first_date,
        max(calendar_date) as last_date
    from fund_days
    group by fund_id

),

rostered as (

    -- each interval in which the fund is on the agreement's roster, a base schedule is in
    -- effect and the fund has days, up to the agreement's termination for the fund
    select distinct
        rosters.agreement_id,
        rosters.fund_id,
        greatest(rosters.roster_effective_date, schedules.effective_from, fund_bounds.first_date) as rostered_from,
        least(
            coalesce(rosters.roster_effective_to, fund_bounds.last_date),
            coalesce(schedules.effective_to, fund_bounds.last_date),
            coalesce(lives.terminates_on, fund_bounds.last_date),
            fund_bounds.last_date
        ) as rostered_to,
        lives.execution_date
    from rosters
    inner join schedules
        on
            rosters.agreement_id = schedules.agreement_id
            and rosters.fund_id = schedules.fund_id
    inner join fund_bounds
        on rosters.fund_id = fund_bounds.fund_id
    left join lives
        on
            rosters.agreement_id = lives.agreement_id
            and rosters.fund_id = lives.fund_id

),

spans_followed as (

    select
        agreement_id,
        fund_id,
        span_from,
        span_to,
        lead(span_from) over (partition by agreement_id, fund_id order by span_from) as next_span_from,
        row_number() over (partition by agreement_id, fund_id order by span_from) as span_order
    from spans

),

span_gaps as (

    -- the days no approval span covers: before the first span, between two spans, after
    -- the last (a null bound is open)
    select
        agreement_id,
        fund_id,
        cast(null as date) as gap_from,
        {{ fund_fees.add_days('span_from', -1) }} as gap_to
    from spans_followed
    where span_order = 1

    union all

    select
        agreement_id,
        fund_id,
        {{ fund_fees.add_days('span_to', 1) }} as gap_from,
        {{ fund_fees.add_days('next_span_from', -1) }} as gap_to
    from spans_followed
    where span_to is not null

),

uncovered as (

    select
        rostered.agreement_id,
        rostered.fund_id,
        rostered.execution_date,
        greatest(rostered.rostered_from, coalesce(span_gaps.gap_from, rostered.rostered_from)) as uncovered_from,
        least(rostered.rostered_to, coalesce(span_gaps.gap_to, rostered.rostered_to)) as uncovered_to
    from rostered
    inner join span_gaps
        on
            rostered.agreement_id = span_gaps.agreement_id
            and rostered.fund_id = span_gaps.fund_id

    union all

    -- an agreement and fund with no approval span at all
    select
        rostered.agreement_id,
        rostered.fund_id,
        rostered.execution_date,
        rostered.rostered_from as uncovered_from,
        rostered.rostered_to as uncovered_to
    from rostered
    where not exists (
        select 1
        from spans
        where
            spans.agreement_id = rostered.agreement_id
            and spans.fund_id = rostered.fund_id
    )

),

uncovered_days as (

    -- only the uncovered intervals become days (the fund-day chain is never scanned whole)
    select distinct
        agreement_id,
        fund_id,
        execution_date,
        {{ fund_fees.expand_days('uncovered_from', 'uncovered_to') }} as accrual_date
    from uncovered
    where uncovered_from <= uncovered_to

),

unapproved as (

    select
        uncovered_days.agreement_id,
        uncovered_days.fund_id,
        uncovered_days.accrual_date,
        fund_days.net_assets_usd,
        uncovered_days.execution_date
    -- the fund-days on the left: joins hash their right-hand side (profiles.yml), here the
    -- uncovered days (usually none), not every fund-day
    from {{ ref('int_fund_days_carried_forward') }} as fund_days
    inner join uncovered_days
        on
            fund_days.fund_id = uncovered_days.fund_id
            and fund_days.calendar_date = uncovered_days.accrual_date

),

final as (
    select
        {{ fund_fees.compound_key(['unapproved.agreement_id', 'unapproved.fund_id', 'unapproved.accrual_date']) }}
            as agreement_fund_day_id,
        unapproved.agreement_id,
        unapproved.fund_id,
        unapproved.accrual_date,
        unapproved.net_assets_usd,
        case
            when unapproved.execution_date is null then 'no_execution'
            when unapproved.accrual_date < unapproved.execution_date then 'before_execution'
            else 'lapsed'
        end as authority_gap,
        unapproved.execution_date,
        periods.period_number,
        periods.period_start,
        periods.approval_due_by,
        periods.late_approved_on
    from unapproved
    left join periods
        on
            unapproved.agreement_id = periods.agreement_id
            and unapproved.fund_id = periods.fund_id
            and unapproved.accrual_date >= periods.period_start
            and (periods.period_end is null or unapproved.accrual_date <= periods.period_end)
)

select * from final
