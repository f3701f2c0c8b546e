-- Rule: one schedule version of an agreement, fund and role is in effect on any day: two
-- versions with the same effective_from would both apply (one would silently win). Each
-- version's end is derived from the next one in the dating core (int_versions_dated), whose
-- own test (tests/core/assert_versions_do_not_overlap) checks that no end is before its start.
with

schedules as (

    select
        *,
        count(*) over (
            partition by agreement_id, fund_id, schedule_role, effective_from
        ) as versions_on_the_day
    from {{ ref('stg_agreements__fee_schedules') }}

)

select
    cast(versions_on_the_day as {{ dbt.type_string() }})
    || ' versions of the role in effect from the same day' as failure_reason,
    schedule_id,
    agreement_id,
    fund_id,
    schedule_role,
    effective_from,
    document_id,
    source_line
from schedules
where versions_on_the_day > 1
