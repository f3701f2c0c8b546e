{#
    tiers_are_contiguous: per schedule, the tiers cover [0, unbounded) exactly once:
      - tier numbers are 1..n (no gap, no duplicate);
      - the first tier starts at 0;
      - each tier's lower bound equals the previous tier's upper bound (no gap, no overlap);
      - each bounded tier's upper bound is above its lower bound;
      - only the last tier is unbounded, and the last tier is unbounded.
    Apply to the model (not a column). One failing row per broken rule, naming the schedule,
    the tier and the rule in failure_reason.
#}
{% test tiers_are_contiguous(
    model,
    schedule_column='schedule_id',
    tier_number_column='tier_number',
    lower_bound_column='lower_bound_usd',
    upper_bound_column='upper_bound_usd'
) %}

with

tiers as (

    select
        {{ schedule_column }} as schedule_id,
        {{ tier_number_column }} as tier_number,
        {{ lower_bound_column }} as lower_bound,
        {{ upper_bound_column }} as upper_bound,
        row_number() over (
            partition by {{ schedule_column }} order by {{ tier_number_column }}
        ) as tier_rank,
        count(*) over (partition by {{ schedule_column }}) as tier_count,
        lag({{ upper_bound_column }}) over (
            partition by {{ schedule_column }} order by {{ tier_number_column }}
        ) as previous_upper_bound

    from {{ model }}

),

failures as (

    select schedule_id, tier_number, 'tier numbers are not 1..n (expected ' || cast(tier_rank as {{ dbt.type_string() }}) || ')'
        as failure_reason
    from tiers
    where tier_number is null or tier_number != tier_rank

    union all

    select schedule_id, tier_number, 'first tier does not start at 0' as failure_reason
    from tiers
    where tier_rank = 1 and lower_bound != 0

    union all

    select schedule_id, tier_number, 'gap: lower bound is above the previous upper bound' as failure_reason
    from tiers
    where tier_rank > 1 and lower_bound > previous_upper_bound

    union all

    select schedule_id, tier_number, 'overlap: lower bound is below the previous upper bound' as failure_reason
    from tiers
    where tier_rank > 1 and lower_bound < previous_upper_bound

    union all

    select schedule_id, tier_number, 'lower bound is missing' as failure_reason
    from tiers
    where lower_bound is null

    union all

    select schedule_id, tier_number, 'unbounded tier is not the last tier' as failure_reason
    from tiers
    where tier_rank < tier_count and upper_bound is null

    union all

    select schedule_id, tier_number, 'upper bound is not above the lower bound' as failure_reason
    from tiers
    where upper_bound is not null and upper_bound <= lower_bound

    union all

    select schedule_id, tier_number, 'last tier is bounded (it must be unbounded)' as failure_reason
    from tiers
    where tier_rank = tier_count and upper_bound is not null

)

select * from failures

{% endtest %}
