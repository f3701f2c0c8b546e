-- The tiers of every expense schedule: the seed expense_schedule_tiers, plus, with the var
-- expense_schedule_tiers_path, the rows of that CSV or Parquet file (expense_schedule_id,
-- tier_number, lower_bound_usd, upper_bound_usd, annual_rate_pct) for the user's own
-- schedules. A tier key in both stops the build (unique test).
-- The seed's tiers of a seed schedule kind replaced by a file (expense_limitation_schedules_path,
-- other_expense_schedules_path) are left out with it.
{%- set limitation_path = var('expense_limitation_schedules_path', none) %}
{%- set other_path = var('other_expense_schedules_path', none) %}
with

{% if limitation_path or other_path %}
    seed_schedules as (
        select * from {{ ref('expense_schedules') }}
    ),
{% endif %}

source as (
    select
        tiers.expense_schedule_id,
        tiers.tier_number,
        tiers.lower_bound_usd,
        tiers.upper_bound_usd,
        tiers.annual_rate_pct,
        tiers.tier_text
    from {{ ref('expense_schedule_tiers') }} as tiers
    {% if limitation_path or other_path %}
        left join seed_schedules
            on tiers.expense_schedule_id = seed_schedules.expense_schedule_id
        where
            seed_schedules.expense_schedule_id is null
            {% if not limitation_path %}
                or seed_schedules.schedule_kind <> 'other_expense'
            {% endif %}
            {% if not other_path %}
                or seed_schedules.schedule_kind = 'other_expense'
            {% endif %}
    {% endif %}
    {% if var('expense_schedule_tiers_path', none) %}
        union all
        select
            expense_schedule_id,
            tier_number,
            lower_bound_usd,
            upper_bound_usd,
            annual_rate_pct,
            '{{ var("expense_schedule_tiers_path") }}' as tier_text
        from {{ fund_fees.read_input_file(var('expense_schedule_tiers_path'), {
            'expense_schedule_id': 'VARCHAR', 'tier_number': 'INTEGER', 'lower_bound_usd': 'DECIMAL(24,6)',
            'upper_bound_usd': 'DECIMAL(24,6)', 'annual_rate_pct': 'DECIMAL(9,6)'
        }) }}
    {% endif %}
),

renamed as (
    select
        {{ fund_fees.compound_key(['expense_schedule_id', 'tier_number']) }}
            as expense_schedule_tier_id,
        cast(expense_schedule_id as {{ dbt.type_string() }}) as expense_schedule_id,
        cast(tier_number as integer) as tier_number,
        cast(lower_bound_usd as decimal(24, 6)) as lower_bound_usd,
        cast(upper_bound_usd as decimal(24, 6)) as upper_bound_usd,
        cast(annual_rate_pct as decimal(9, 6)) as annual_rate_pct,
        cast(tier_text as {{ dbt.type_string() }}) as tier_text
    from source
)

select * from renamed
