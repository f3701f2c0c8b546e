-- Every fund on a fee agreement's roster has exactly one base fee schedule of that agreement in
-- effect on the roster's effective date (the Brokerage Enhancement Plan has no fee: excluded).
with

rosters as (

    select * from {{ ref('stg_agreements__rosters') }}

),

agreements as (

    select * from {{ ref('stg_agreements__agreements') }}

),

schedules as (

    select
        version_id as schedule_id,
        agreement_id,
        fund_id,
        effective_from,
        effective_to
    from {{ ref('int_versions_dated') }}
    where version_source = 'fee_schedule' and version_scope = 'base'

),

matched as (

    select
        rosters.roster_entry_id,
        rosters.agreement_id,
        rosters.fund_id,
        rosters.roster_effective_date,
        count(schedules.schedule_id) as schedules_in_effect
    from rosters
    inner join agreements
        on rosters.agreement_id = agreements.agreement_id
    left join schedules
        on
            rosters.agreement_id = schedules.agreement_id
            and rosters.fund_id = schedules.fund_id
            and rosters.roster_effective_date >= schedules.effective_from
            and (schedules.effective_to is null or rosters.roster_effective_date <= schedules.effective_to)
    where agreements.fee_type is not null
    group by
        rosters.roster_entry_id,
        rosters.agreement_id,
        rosters.fund_id,
        rosters.roster_effective_date

)

select
    *,
    case
        when schedules_in_effect = 0 then 'no base schedule in effect on the roster date'
        else 'more than one base schedule in effect on the roster date'
    end as failure_reason
from matched
where schedules_in_effect != 1
