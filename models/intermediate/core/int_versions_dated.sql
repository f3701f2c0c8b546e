-- The one place a version's end is derived (fee-rules R8, R7): fee schedules (Schedule B),
-- rosters (Schedule A) and expense schedules. A version is in effect from its effective
-- date through the day before the next version of the same scope starts (null: still in
-- effect), unless its seed row prints its own last day (expense schedules may: a one-off
-- expense for one month).
-- Scopes: a fee schedule, its agreement, fund and role (base | combined_asset_alternate);
-- a roster, its agreement (every row of a roster shares its date); an expense schedule,
-- its fund, kind and category.
-- Example: the Brokerage Enhancement Plan's 2001 roster (assumed 2001-01-31) ends
-- 2002-05-15, the day before the May 16, 2002 roster starts.
{%- set next_version_start -%}
    min(effective_from) over (
        partition by version_source, agreement_id, fund_id, version_scope
        order by {{ fund_fees.day_number('effective_from') }}
        range between 1 following and unbounded following
    )
{%- endset %}
with

fee_schedules as (

    select * from {{ ref('stg_agreements__fee_schedules') }}

),

rosters as (

    select * from {{ ref('stg_agreements__rosters') }}

),

expense_schedules as (

    select * from {{ ref('stg_waivers__expense_schedules') }}

),

versions as (

    select
        'fee_schedule' as version_source,
        schedule_id as version_id,
        agreement_id,
        fund_id,
        schedule_role as version_scope,
        effective_from,
        cast(null as date) as printed_effective_to
    from fee_schedules

    union all

    select distinct
        'roster' as version_source,
        roster_id as version_id,
        agreement_id,
        cast(null as {{ dbt.type_string() }}) as fund_id,
        'roster' as version_scope,
        roster_effective_date as effective_from,
        cast(null as date) as printed_effective_to
    from rosters

    union all

    select
        'expense_schedule' as version_source,
        expense_schedule_id as version_id,
        cast(null as {{ dbt.type_string() }}) as agreement_id,
        fund_id,
        schedule_kind || ':' || coalesce(expense_category_id, '') as version_scope,
        effective_from,
        effective_to as printed_effective_to
    from expense_schedules

),

final as (

    select
        version_source,
        version_id,
        agreement_id,
        fund_id,
        version_scope,
        effective_from,
        case
            when version_source = 'expense_schedule' then printed_effective_to
            else {{ fund_fees.add_days(next_version_start, -1) }}
        end as effective_to
    from versions

)

select * from final
