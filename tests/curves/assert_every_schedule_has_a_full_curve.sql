-- Every schedule has its whole grid (0 to fee_curve_max_assets_usd every
-- fee_curve_step_usd) plus three points per breakpoint (the breakpoint and one cent
-- either side; a breakpoint on the grid adds two). Fails naming the schedule and its
-- point counts.
{%- set grid_points = (var('fee_curve_max_assets_usd') | int) // (var('fee_curve_step_usd') | int) + 1 %}
with

curves as (

    select
        schedule_id,
        sum(case when point_kind = 'grid' then 1 else 0 end) as grid_points,
        sum(case when point_kind = 'breakpoint' then 1 else 0 end) as breakpoints,
        sum(case when point_kind like 'cent_%' then 1 else 0 end) as cent_points
    from {{ ref('fct_fee_curves') }}
    group by schedule_id

),

tiers as (

    select
        schedule_id,
        count(upper_bound_usd) as bounded_tiers
    from {{ ref('dim_fee_schedule_tiers') }}
    group by schedule_id

)

select
    tiers.schedule_id,
    curves.grid_points,
    curves.breakpoints,
    curves.cent_points,
    tiers.bounded_tiers
from tiers
left join curves
    on tiers.schedule_id = curves.schedule_id
where
    curves.schedule_id is null
    or curves.breakpoints <> tiers.bounded_tiers
    or curves.cent_points <> 2 * tiers.bounded_tiers
    or curves.grid_points + curves.breakpoints < {{ grid_points }}
