-- Issue 11, authority check: every day on which a fund would accrue a fee under an agreement
-- (it has net assets that day, R1; it is on the agreement's roster, R8; a base fee schedule
-- is in effect) while no approval holds that agreement in force for the fund: before its
-- execution, with no execution recorded, or after its term or continuance lapsed without an
-- approval. Days after a termination (notice, assignment) are not listed: the agreement is
-- over, and no fee accrues. With the default vars these days accrue no fee
-- (int_agreement_fund_coverage_dated leaves them out); with fee_accrues_while_unapproved they do.
with

fund_days as (
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

rostered_days as (
    select distinct
        rosters.agreement_id,
        rosters.fund_id,
        fund_days.calendar_date as accrual_date,
        fund_days.net_assets_usd
    from fund_days
    inner join rosters
        on
            fund_days.fund_id = rosters.fund_id
            and fund_days.calendar_date >= rosters.roster_effective_date
            and (rosters.roster_effective_to is null or fund_days.calendar_date <= rosters.roster_effective_to)
    inner join schedules
        on
            rosters.agreement_id = schedules.agreement_id
            and rosters.fund_id = schedules.fund_id
            and fund_days.calendar_date >= schedules.effective_from
            and (schedules.effective_to is null or fund_days.calendar_date <= schedules.effective_to)
),

unapproved as (
    select
        rostered_days.*,
        lives.execution_date,
        lives.terminates_on
    from rostered_days
    left join lives
        on
            rostered_days.agreement_id = lives.agreement_id
            and rostered_days.fund_id = lives.fund_id
    where
        (lives.terminates_on is null or rostered_days.accrual_date <= lives.terminates_on)
        and not exists (
            select 1
            from spans
            where
                spans.agreement_id = rostered_days.agreement_id
                and spans.fund_id = rostered_days.fund_id
                and spans.span_from <= rostered_days.accrual_date
                and (spans.span_to is null or spans.span_to >= rostered_days.accrual_date)
        )
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
