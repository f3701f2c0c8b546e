-- Every fee schedule's fund is on the same agreement's roster in effect on the schedule's
-- effective date: the agreement's roster that started last on or before that date.
-- (Read from staging only, so it runs even when a model downstream is skipped.)
with

schedules as (

    select * from {{ ref('stg_agreements__fee_schedules') }}

),

rosters as (

    select * from {{ ref('stg_agreements__rosters') }}

),

roster_versions as (

    -- one row per roster version (not per entry): a schedule is dated against the versions,
    -- never against every fund of the roster (at 10,000 funds that join was 9 s)
    select distinct
        agreement_id,
        roster_effective_date
    from rosters

),

rosters_in_effect as (

    select
        schedules.schedule_id,
        schedules.agreement_id,
        schedules.fund_id,
        schedules.effective_from,
        max(roster_versions.roster_effective_date) as roster_date
    from schedules
    left join roster_versions
        on
            schedules.agreement_id = roster_versions.agreement_id
            and schedules.effective_from >= roster_versions.roster_effective_date
    group by
        schedules.schedule_id,
        schedules.agreement_id,
        schedules.fund_id,
        schedules.effective_from

),

matched as (

    select
        rosters_in_effect.schedule_id,
        rosters_in_effect.agreement_id,
        rosters_in_effect.fund_id,
        rosters_in_effect.effective_from,
        count(rosters.roster_entry_id) as roster_entries
    from rosters_in_effect
    left join rosters
        on
            rosters_in_effect.agreement_id = rosters.agreement_id
            and rosters_in_effect.fund_id = rosters.fund_id
            and rosters_in_effect.roster_date = rosters.roster_effective_date
    group by
        rosters_in_effect.schedule_id,
        rosters_in_effect.agreement_id,
        rosters_in_effect.fund_id,
        rosters_in_effect.effective_from

)

select
    *,
    'fund not on the agreement''s roster in effect on the schedule''s effective date' as failure_reason
from matched
where roster_entries = 0
