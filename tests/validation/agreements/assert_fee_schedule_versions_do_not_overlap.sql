-- Rule: one schedule version of an agreement, fund and role is in effect on any day: two
-- versions with the same effective_from would both apply (one would silently win), and
-- the version before would end (effective_to) before it starts.
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
    case
        when versions_on_the_day > 1
            then
                cast(versions_on_the_day as {{ dbt.type_string() }})
                || ' versions of the role in effect from the same day'
        else 'effective_to is before effective_from'
    end as failure_reason,
    schedule_id,
    agreement_id,
    fund_id,
    schedule_role,
    effective_from,
    effective_to,
    document_id,
    source_line
from schedules
where versions_on_the_day > 1 or effective_to < effective_from
