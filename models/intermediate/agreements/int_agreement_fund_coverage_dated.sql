-- Fee-rules R8: which funds each agreement covers on a date. One row per roster
-- (Schedule A) entry, covered from the roster's effective date until the day before the
-- next roster of the same agreement (null: still in force). The fee engine, the
-- Brokerage Enhancement Plan models and dim_agreement_fund_coverage all read coverage here.
-- Example: JNL/Alger Growth Series is covered by the plan's 2001 roster from 2001-01-31 to
-- 2002-05-15, and as Alger/JNL Growth Fund by its 2002 roster from 2002-05-16.
with

rosters as (

    select * from {{ ref('stg_agreements__rosters') }}

),

roster_versions as (

    -- each roster's last day, derived in the dating core
    select * from {{ ref('int_versions_dated') }}
    where version_source = 'roster'

),

final as (

    select
        rosters.roster_entry_id as coverage_id,
        rosters.agreement_id,
        rosters.fund_id,
        rosters.roster_id,
        rosters.roster_effective_date as covered_from,
        roster_versions.effective_to as covered_to,
        rosters.roster_position,
        rosters.name_as_printed,
        rosters.document_id,
        rosters.source_line
    from rosters
    inner join roster_versions
        on rosters.roster_id = roster_versions.version_id

)

select * from final
