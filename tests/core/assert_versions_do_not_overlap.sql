-- Integrity of the dating core (fee-rules R8, R7): within a scope (int_versions_dated) no
-- version ends before it starts, and no two versions are in effect on the same day.
with

versions as (

    select * from {{ ref('int_versions_dated') }}

),

ends_before_start as (

    select
        version_source,
        version_id,
        cast(null as {{ dbt.type_string() }}) as other_version_id,
        'ends before it starts' as failure_reason
    from versions
    where effective_to < effective_from

),

overlapping as (

    select
        earlier.version_source,
        earlier.version_id,
        later.version_id as other_version_id,
        'overlaps another version of the same scope' as failure_reason
    from versions as earlier
    inner join versions as later
        on
            earlier.version_source = later.version_source
            and earlier.agreement_id is not distinct from later.agreement_id
            and earlier.fund_id is not distinct from later.fund_id
            and earlier.version_scope = later.version_scope
            and earlier.version_id < later.version_id
            and earlier.effective_from <= coalesce(later.effective_to, cast('9999-12-31' as date))
            and later.effective_from <= coalesce(earlier.effective_to, cast('9999-12-31' as date))

)

select * from ends_before_start
union all
select * from overlapping
