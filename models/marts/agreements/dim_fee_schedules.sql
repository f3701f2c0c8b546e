-- One row per fee schedule (a Schedule B block, or a combined-asset alternate from its
-- footnote), effective-dated (fee-rules R8), with its tier count and source.
with

schedules as (

    select * from {{ ref('stg_agreements__fee_schedules') }}

),

versions as (

    select * from {{ ref('int_versions_dated') }}
    where version_source = 'fee_schedule'

),

tiers as (

    select * from {{ ref('stg_agreements__fee_schedule_tiers') }}

),

tier_counts as (

    select
        schedule_id,
        count(*) as tier_count
    from tiers
    group by schedule_id

),

final as (

    select
        cast(schedules.schedule_id as {{ dbt.type_string() }}) as schedule_id,
        cast(schedules.agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(schedules.fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(schedules.effective_from as date) as effective_from,
        cast(versions.effective_to as date) as effective_to,
        cast(schedules.method as {{ dbt.type_string() }}) as method,  -- noqa: RF04
        cast(schedules.schedule_role as {{ dbt.type_string() }}) as schedule_role,
        cast(coalesce(tier_counts.tier_count, 0) as integer) as tier_count,
        cast(schedules.heading_as_printed as {{ dbt.type_string() }}) as heading_as_printed,
        cast(schedules.document_id as {{ dbt.type_string() }}) as document_id,
        cast(schedules.source_line as integer) as source_line
    from schedules
    inner join versions
        on schedules.schedule_id = versions.version_id
    left join tier_counts
        on schedules.schedule_id = tier_counts.schedule_id

)

select * from final
