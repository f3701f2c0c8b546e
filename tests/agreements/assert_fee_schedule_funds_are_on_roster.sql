-- Every fee schedule's fund is on the same agreement's roster in effect on the schedule's effective date.
with

schedules as (

    select * from {{ ref('stg_agreements__fee_schedules') }}

),

rosters as (

    select * from {{ ref('int_agreement_fund_coverage_dated') }}

),

matched as (

    select
        schedules.schedule_id,
        schedules.agreement_id,
        schedules.fund_id,
        schedules.effective_from,
        count(rosters.coverage_id) as roster_entries
    from schedules
    left join rosters
        on
            schedules.agreement_id = rosters.agreement_id
            and schedules.fund_id = rosters.fund_id
            and schedules.effective_from >= rosters.covered_from
            and (rosters.covered_to is null or schedules.effective_from <= rosters.covered_to)
    group by
        schedules.schedule_id,
        schedules.agreement_id,
        schedules.fund_id,
        schedules.effective_from

)

select
    *,
    'fund not on the agreement''s roster in effect on the schedule''s effective date' as failure_reason
from matched
where roster_entries = 0
