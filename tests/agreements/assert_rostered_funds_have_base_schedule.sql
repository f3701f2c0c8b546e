-- Every fund on a fee agreement's roster has exactly one base fee schedule of that agreement in
-- effect on the roster's effective date (the Brokerage Enhancement Plan has no fee: excluded):
-- the base schedule that started last on or before that date, and only one started that day.
-- (Read from staging only, so a failure here never skips the dating core's tests.)
with

rosters as (

    select * from {{ ref('stg_agreements__rosters') }}

),

agreements as (

    select * from {{ ref('stg_agreements__agreements') }}

),

schedules as (

    select * from {{ ref('stg_agreements__fee_schedules') }}
    where schedule_role = 'base'

),

latest_starts as (

    select
        rosters.roster_entry_id,
        rosters.agreement_id,
        rosters.fund_id,
        rosters.roster_effective_date,
        max(schedules.effective_from) as latest_schedule_start
    from rosters
    inner join agreements
        on rosters.agreement_id = agreements.agreement_id
    left join schedules
        on
            rosters.agreement_id = schedules.agreement_id
            and rosters.fund_id = schedules.fund_id
            and rosters.roster_effective_date >= schedules.effective_from
    where agreements.fee_type is not null
    group by
        rosters.roster_entry_id,
        rosters.agreement_id,
        rosters.fund_id,
        rosters.roster_effective_date

),

matched as (

    select
        latest_starts.roster_entry_id,
        latest_starts.agreement_id,
        latest_starts.fund_id,
        latest_starts.roster_effective_date,
        count(schedules.schedule_id) as schedules_in_effect
    from latest_starts
    left join schedules
        on
            latest_starts.agreement_id = schedules.agreement_id
            and latest_starts.fund_id = schedules.fund_id
            and latest_starts.latest_schedule_start = schedules.effective_from
    group by
        latest_starts.roster_entry_id,
        latest_starts.agreement_id,
        latest_starts.fund_id,
        latest_starts.roster_effective_date

)

select
    *,
    case
        when schedules_in_effect = 0 then 'no base schedule in effect on the roster date'
        else 'more than one base schedule in effect on the roster date'
    end as failure_reason
from matched
where schedules_in_effect != 1
