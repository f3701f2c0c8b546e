-- Issue 11, the board calendar: per agreement, fund and period of its term (the initial
-- term, then each continuance), when it starts and ends, the approval due before it starts,
-- the approval that continued it (or came late), and its status. The current period is the
-- one holding the accrual end date (fee-rules R1); the approval of the next continuance is
-- due by its period_end. The last row of an agreement and fund is the first period no
-- recorded approval continues: period_status 'approval_due' (open-ended).
with

periods as (
    select * from {{ ref('int_agreement_fund_periods_derived') }}
),

accrual_end as (
    select * from {{ ref('int_accrual_end_date_derived') }}
),

final as (
    select
        cast(periods.agreement_fund_period_id as {{ dbt.type_string() }}) as agreement_fund_period_id,
        cast(periods.agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(periods.fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(periods.period_number as integer) as period_number,
        cast(periods.period_kind as {{ dbt.type_string() }}) as period_kind,
        cast(periods.period_start as date) as period_start,
        cast(periods.period_end as date) as period_end,
        cast(periods.approval_due_by as date) as approval_due_by,
        cast(periods.approved_on as date) as approved_on,
        cast(periods.late_approved_on as date) as late_approved_on,
        cast(periods.period_status as {{ dbt.type_string() }}) as period_status,
        cast(periods.period_end as date) as next_approval_due_by,
        coalesce(
            periods.period_start <= accrual_end.accrual_end_date
            and (periods.period_end is null or periods.period_end >= accrual_end.accrual_end_date),
            false
        ) as is_current_period,
        cast(periods.terminates_on as date) as terminates_on,
        cast(periods.termination_basis as {{ dbt.type_string() }}) as termination_basis,
        cast(periods.termination_event_date as date) as termination_event_date
    from periods
    cross join accrual_end
)

select * from final
