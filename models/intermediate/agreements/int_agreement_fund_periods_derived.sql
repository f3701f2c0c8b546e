-- Issue 11 (advisory agreement sections 6-7, Mellon section 12, Invesco section 11, the
-- plan's paragraphs 5 and 7; DECISIONLOG D23-D24): per agreement, fund and period of its
-- term, whether an approval holds it in force. Period 0 is the initial term, from the
-- execution for initial_term_months; period k >= 1 is the k-th continuance of
-- continuance_months. A continuance is approved in time by an approval (continuance,
-- board or shareholder) dated within the continuance_months before it starts ("at least
-- annually"); an approval dated inside an unapproved period restores it from that day.
-- The agreement ends for the fund on its termination date (a termination or assignment on
-- its day; a notice on the day the printed notice ends), which still accrues (section 4).
-- The last period generated (after the latest approval) is open-ended: lapsed until an
-- approval arrives.
{%- set notice_max = 'cast(' ~ dbt.dateadd(
    'month', 'terms.adviser_notice_max_months', 'fund_events.event_date'
) ~ ' as date)' %}
with

events as (
    select * from {{ ref('stg_agreements__agreement_events') }}
),

terms as (
    select * from {{ ref('stg_agreements__lifecycle_terms') }}
),

rosters as (
    select * from {{ ref('stg_agreements__rosters') }}
),

agreements as (
    select * from {{ ref('stg_agreements__agreements') }}
),

agreement_funds as (
    select distinct
        agreement_id,
        fund_id
    from rosters
),

-- an event without a fund applies to every fund on any roster of the agreement
fund_events as (
    select
        agreement_funds.agreement_id,
        agreement_funds.fund_id,
        events.event_date,
        events.event_type,
        events.fund_id is not null as is_fund_specific
    from events
    inner join agreement_funds
        on
            events.agreement_id = agreement_funds.agreement_id
            and (events.fund_id is null or events.fund_id = agreement_funds.fund_id)
),

approvals as (
    select
        agreement_id,
        fund_id,
        event_date
    from fund_events
    where event_type in ('continuance_approval', 'board_approval', 'shareholder_approval')
),

latest_approvals as (
    select
        agreement_id,
        fund_id,
        max(event_date) as latest_approval_date
    from approvals
    group by
        agreement_id,
        fund_id
),

executions as (
    -- a fund's own execution (a fund added later) wins over the agreement's
    select
        fund_events.agreement_id,
        fund_events.fund_id,
        coalesce(
            min(case when fund_events.is_fund_specific then fund_events.event_date end),
            min(fund_events.event_date)
        ) as execution_date,
        max(approvals_all.latest_approval_date) as latest_approval_date
    from fund_events
    left join latest_approvals as approvals_all
        on
            fund_events.agreement_id = approvals_all.agreement_id
            and fund_events.fund_id = approvals_all.fund_id
    where fund_events.event_type = 'execution'
    group by
        fund_events.agreement_id,
        fund_events.fund_id
),

-- another agreement of the same fee type approved for the fund: the replacement that lets
-- the Adviser's notice take effect before six months (advisory section 7)
replacements as (
    select
        fund_events.fund_id,
        agreements.fee_type,
        fund_events.agreement_id,
        fund_events.event_date
    from fund_events
    inner join agreements
        on fund_events.agreement_id = agreements.agreement_id
    where fund_events.event_type in ('board_approval', 'shareholder_approval')
),

adviser_notices as (
    select
        fund_events.agreement_id,
        fund_events.fund_id,
        fund_events.event_date,
        min(replacements.event_date) as replacement_approved_on
    from fund_events
    inner join agreements
        on fund_events.agreement_id = agreements.agreement_id
    left join replacements
        on
            fund_events.fund_id = replacements.fund_id
            and agreements.fee_type = replacements.fee_type
            and fund_events.agreement_id <> replacements.agreement_id
            and fund_events.event_date <= replacements.event_date
    where fund_events.event_type = 'termination_notice_by_adviser'
    group by
        fund_events.agreement_id,
        fund_events.fund_id,
        fund_events.event_date
),

ends as (
    select
        fund_events.agreement_id,
        fund_events.fund_id,
        fund_events.event_type,
        fund_events.event_date,
        case fund_events.event_type
            when 'termination' then fund_events.event_date
            when 'assignment' then fund_events.event_date
            when 'termination_notice_by_trust'
                then {{ fund_fees.add_days('fund_events.event_date', 'terms.trust_notice_days') }}
            when 'termination_notice_by_sub_adviser'
                then {{ fund_fees.add_days('fund_events.event_date', 'terms.sub_adviser_notice_days') }}
            when 'termination_notice_by_adviser' then
                case
                    when terms.adviser_needs_replacement
                        then greatest(
                            {{ fund_fees.add_days('fund_events.event_date', 'terms.adviser_notice_days') }},
                            least(
                                coalesce(adviser_notices.replacement_approved_on, {{ notice_max }}),
                                {{ notice_max }}
                            )
                        )
                    else {{ fund_fees.add_days('fund_events.event_date', 'terms.adviser_notice_days') }}
                end
        end as terminates_on
    from fund_events
    inner join terms
        on fund_events.agreement_id = terms.agreement_id
    left join adviser_notices
        on
            fund_events.agreement_id = adviser_notices.agreement_id
            and fund_events.fund_id = adviser_notices.fund_id
            and fund_events.event_date = adviser_notices.event_date
            and fund_events.event_type = 'termination_notice_by_adviser'
    where fund_events.event_type in (
        'termination', 'assignment', 'termination_notice_by_trust',
        'termination_notice_by_adviser', 'termination_notice_by_sub_adviser'
    )
),

first_ends as (
    -- the earliest end wins; ties: the event type in alphabetical order
    select
        agreement_id,
        fund_id,
        terminates_on,
        event_type as termination_basis,
        event_date as termination_event_date
    from (
        select
            *,
            row_number() over (
                partition by agreement_id, fund_id order by terminates_on, event_type, event_date
            ) as end_rank
        from ends
    ) as ranked
    where end_rank = 1
),

period_counts as (
    select
        executions.agreement_id,
        executions.fund_id,
        executions.execution_date,
        terms.initial_term_months,
        terms.continuance_months,
        -- enough periods to pass the latest approval by at least one unapproved period
        greatest(
            0,
            cast(floor(
                ({{ dbt.datediff(
                    'executions.execution_date',
                    'coalesce(executions.latest_approval_date, executions.execution_date)',
                    'month'
                ) }} - terms.initial_term_months) / terms.continuance_months
            ) as integer) + 3
        ) as last_period_number
    from executions
    inner join terms
        on executions.agreement_id = terms.agreement_id
),

period_numbers as (
    select
        *,
        {{ fund_fees.expand_integers(0, 'last_period_number') }} as period_number
    from period_counts
),

periods as (
    select
        agreement_id,
        fund_id,
        execution_date,
        continuance_months,
        period_number,
        last_period_number,
        case
            when period_number = 0 then execution_date
            else cast({{ dbt.dateadd(
                'month',
                'initial_term_months + (period_number - 1) * continuance_months',
                'execution_date'
            ) }} as date)
        end as period_start,
        {{ fund_fees.add_days(
            'cast(' ~ dbt.dateadd(
                'month', 'initial_term_months + period_number * continuance_months', 'execution_date'
            ) ~ ' as date)',
            -1
        ) }} as period_end
    from period_numbers
),

approved as (
    select
        periods.agreement_id,
        periods.fund_id,
        periods.period_number,
        max(
            case
                when approvals.event_date < periods.period_start
                    then approvals.event_date
            end
        ) as approved_on,
        min(
            case
                when
                    approvals.event_date >= periods.period_start
                    and approvals.event_date <= periods.period_end
                    then approvals.event_date
            end
        ) as late_approved_on
    from periods
    left join approvals
        on
            periods.agreement_id = approvals.agreement_id
            and periods.fund_id = approvals.fund_id
            and periods.period_end >= approvals.event_date
            and cast({{ dbt.dateadd('month', '-periods.continuance_months', 'periods.period_start') }} as date)
            <= approvals.event_date
    where periods.period_number > 0
    group by
        periods.agreement_id,
        periods.fund_id,
        periods.period_number
),

statuses as (
    select
        periods.agreement_id,
        periods.fund_id,
        periods.period_number,
        case when periods.period_number = 0 then 'initial_term' else 'continuance' end as period_kind,
        periods.period_start,
        case
            when periods.period_number = periods.last_period_number then null
            else periods.period_end
        end as period_end,
        case
            when periods.period_number > 0 then {{ fund_fees.add_days('periods.period_start', -1) }}
        end as approval_due_by,
        periods.execution_date,
        approved.approved_on,
        case when approved.approved_on is null then approved.late_approved_on end as late_approved_on,
        first_ends.terminates_on,
        first_ends.termination_basis,
        first_ends.termination_event_date
    from periods
    left join approved
        on
            periods.agreement_id = approved.agreement_id
            and periods.fund_id = approved.fund_id
            and periods.period_number = approved.period_number
    left join first_ends
        on
            periods.agreement_id = first_ends.agreement_id
            and periods.fund_id = first_ends.fund_id
),

final as (
    select
        {{ fund_fees.compound_key(['agreement_id', 'fund_id', 'period_number']) }} as agreement_fund_period_id,
        agreement_id,
        fund_id,
        period_number,
        period_kind,
        period_start,
        period_end,
        approval_due_by,
        execution_date,
        approved_on,
        late_approved_on,
        -- the days an approval holds the agreement in force for the fund
        case
            when terminates_on < period_start then null
            when period_kind = 'initial_term' or approved_on is not null then period_start
            else late_approved_on
        end as in_force_from,
        case
            when terminates_on < period_start then null
            when period_kind = 'initial_term' or approved_on is not null or late_approved_on is not null
                then
                    case
                        when period_end is null then terminates_on
                        when terminates_on is null then period_end
                        else least(period_end, terminates_on)
                    end
        end as in_force_to,
        -- the days the term had lapsed (no approval in force), until an approval or the end
        case
            when terminates_on < period_start then null
            when period_kind = 'continuance' and approved_on is null then period_start
        end as lapsed_from,
        case
            when terminates_on < period_start then null
            when period_kind = 'continuance' and approved_on is null then
                case
                    when late_approved_on is not null then {{ fund_fees.add_days('late_approved_on', -1) }}
                    when period_end is null then terminates_on
                    when terminates_on is null then period_end
                    else least(period_end, terminates_on)
                end
        end as lapsed_to,
        case
            when terminates_on < period_start then 'terminated'
            when period_kind = 'initial_term' then 'in_force'
            when approved_on is not null then 'approved'
            when late_approved_on is not null then 'approved_late'
            when period_end is null then 'approval_due'
            else 'lapsed'
        end as period_status,
        terminates_on,
        termination_basis,
        termination_event_date
    from statuses
)

select * from final
