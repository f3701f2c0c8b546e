-- One row per fee schedule and asset level (contract.md): the annual fee the schedule
-- charges on that much in assets (fee-rules R3) and the effective rate in bps
-- (annual fee / assets * 10000), at a grid (every var fee_curve_step_usd from 0 to var
-- fee_curve_max_assets_usd: $10M to $2B by default), at each breakpoint and one cent
-- either side of it. Every schedule has its curve; where a combined-asset rule (R4) can
-- select between schedules, both curves are there and selection_condition says when
-- each applies (the Invesco $1B switch; Large Cap Growth falls from the base curve to
-- 0.35% on all assets once the group's combined assets exceed $1B).
-- Example (Mellon Schedule B, S&P 500 Index, $150,000,000): 0.12% x 50M = 60,000;
-- 0.06% x 50M = 30,000; 0.02% x 50M = 10,000; annual fee 100,000, 6.666... bps.
--
-- Incremental (append): a run adds the curves of the schedules this table does not hold
-- yet; a schedule's curve never changes with the daily input. Changed schedules or the
-- vars of the grid need `dbt build --full-refresh` (as every change to the agreements;
-- assert_every_schedule_has_a_full_curve fails on a grid that no longer matches).
{{ config(
    materialized=fund_fees.accrual_materialization(),
    incremental_strategy='append',
    on_schema_change='fail'
) }}
{%- set step = var('fee_curve_step_usd') | int %}
{%- set grid_points = (var('fee_curve_max_assets_usd') | int) // step %}
with

schedules as (

    select * from {{ ref('dim_fee_schedules') }}
    {% if is_incremental() %}
        where schedule_id not in (select distinct schedule_id from {{ this }})
    {% endif %}

),

tiers as (

    select * from {{ ref('int_schedule_tiers_cumulated') }}
    where schedule_source = 'fee_schedule'

),

rules as (

    select * from {{ ref('stg_agreements__combined_asset_rules') }}

),

grid_steps as (

    select {{ fund_fees.expand_integers(0, grid_points) }} as step_number

),

breakpoints as (

    -- of the schedules priced here (on an incremental run, the new ones)
    select distinct
        tiers.schedule_id,
        tiers.upper_bound_usd as breakpoint_usd
    from tiers
    inner join schedules
        on tiers.schedule_id = schedules.schedule_id
    where tiers.upper_bound_usd is not null

),

candidate_points as (

    select
        schedules.schedule_id,
        cast(grid_steps.step_number * {{ step }} as decimal(18, 2)) as assets_usd,
        4 as point_rank
    from schedules
    cross join grid_steps
    union all
    select
        schedule_id,
        cast(breakpoint_usd as decimal(18, 2)) as assets_usd,
        1 as point_rank
    from breakpoints
    union all
    select
        schedule_id,
        cast(breakpoint_usd - 0.01 as decimal(18, 2)) as assets_usd,
        2 as point_rank
    from breakpoints
    union all
    select
        schedule_id,
        cast(breakpoint_usd + 0.01 as decimal(18, 2)) as assets_usd,
        3 as point_rank
    from breakpoints

),

points as (

    select
        schedule_id,
        assets_usd,
        min(point_rank) as point_rank
    from candidate_points
    group by
        schedule_id,
        assets_usd

),

-- The tier pricing (fee-rules R3) is the pricing core's (fund_fees.price_on_tiers, the
-- one place a tier is sliced): each point joins the one tier that holds its assets.
priced as (

    {{ fund_fees.price_on_tiers('points', 'assets_usd') }}

),

rule_selections as (

    select
        rules.alternate_schedule_id as schedule_id,
        'combined net assets of ' || rules.asset_group_id
        || case when rules.threshold_comparison = 'gte' then ' >= ' else ' > ' end
        || cast(cast(rules.threshold_usd as decimal(18, 2)) as {{ dbt.type_string() }})
        || case when rules.fee_basis = 'pro_rata' then ' (tiers on combined assets, fee shared pro rata)' else '' end
            as selection_condition
    from rules
    union all
    select
        schedules.schedule_id,
        'combined net assets of ' || rules.asset_group_id
        || case when rules.threshold_comparison = 'gte' then ' < ' else ' <= ' end
        || cast(cast(rules.threshold_usd as decimal(18, 2)) as {{ dbt.type_string() }}) as selection_condition
    from rules
    inner join schedules
        on
            rules.agreement_id = schedules.agreement_id
            and rules.fund_id = schedules.fund_id
            and schedules.schedule_role = 'base'
            and (schedules.effective_to is null or rules.effective_from <= schedules.effective_to)
    where rules.fee_basis = 'schedule_switch'

),

final as (

    select
        cast(
            {{ fund_fees.compound_key(['priced.schedule_id', 'priced.assets_usd']) }}
            as {{ dbt.type_string() }}
        ) as fee_curve_point_id,
        cast(schedules.agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(schedules.fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(priced.schedule_id as {{ dbt.type_string() }}) as schedule_id,
        cast(schedules.schedule_role as {{ dbt.type_string() }}) as schedule_role,
        cast(schedules.method as {{ dbt.type_string() }}) as method,  -- noqa: RF04
        cast(schedules.effective_from as date) as effective_from,
        cast(schedules.effective_to as date) as effective_to,
        cast(
            schedules.heading_as_printed || ': '
            || coalesce(rule_selections.selection_condition, 'all asset levels')
            as {{ dbt.type_string() }}
        ) as curve_label,
        cast(rule_selections.selection_condition as {{ dbt.type_string() }}) as selection_condition,
        cast(
            case priced.point_rank
                when 1 then 'breakpoint'
                when 2 then 'cent_below_breakpoint'
                when 3 then 'cent_above_breakpoint'
                else 'grid'
            end as {{ dbt.type_string() }}
        ) as point_kind,
        cast(priced.assets_usd as decimal(18, 2)) as assets_usd,
        cast(priced.annual_amount_usd as decimal(38, 14)) as annual_fee_usd,
        cast(
            {{ fund_fees.divide_exact(
                'priced.annual_amount_usd * 10000', 'priced.assets_usd', 12, numerator_scale=14, denominator_scale=2
            ) }} as decimal(38, 12)
        ) as effective_rate_bps
    from priced
    inner join schedules
        on priced.schedule_id = schedules.schedule_id
    left join rule_selections
        on priced.schedule_id = rule_selections.schedule_id

)

select * from final
