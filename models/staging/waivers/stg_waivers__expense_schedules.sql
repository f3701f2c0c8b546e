-- Expense limitation schedules and other-expense schedules (fee-rules R7). By default the
-- seed expense_schedules (its illustrative rows apply only to the shipped net-asset sample,
-- D16). The var expense_limitation_schedules_path (columns expense_schedule_id, fund_id,
-- method, effective_from, effective_to) replaces the seed's limitation rows, and the var
-- other_expense_schedules_path (the same plus expense_category_id) its other-expense rows:
-- CSV or Parquet files read by the warehouse directly, like net_assets_path.
{%- set limitation_path = var('expense_limitation_schedules_path', none) %}
{%- set other_path = var('other_expense_schedules_path', none) %}
with

seed_rows as (
    select
        expense_schedule_id,
        fund_id,
        schedule_kind,
        expense_category_id,
        method,
        effective_from,
        effective_to,
        is_illustrative,
        note
    from {{ ref('expense_schedules') }}
),

limitation_rows as (
    {% if limitation_path %}
        select
            expense_schedule_id,
            fund_id,
            'limitation' as schedule_kind,
            cast(null as {{ dbt.type_string() }}) as expense_category_id,
            method,
            effective_from,
            effective_to,
            false as is_illustrative,
            '{{ limitation_path }}' as note
        from {{ fund_fees.read_input_file(limitation_path, {
            'expense_schedule_id': 'VARCHAR', 'fund_id': 'VARCHAR', 'method': 'VARCHAR',
            'effective_from': 'DATE', 'effective_to': 'DATE'
        }) }}
    {% else %}
        select * from seed_rows
        where schedule_kind <> 'other_expense'
    {% endif %}
),

other_rows as (
    {% if other_path %}
        select
            expense_schedule_id,
            fund_id,
            'other_expense' as schedule_kind,
            expense_category_id,
            method,
            effective_from,
            effective_to,
            false as is_illustrative,
            '{{ other_path }}' as note
        from {{ fund_fees.read_input_file(other_path, {
            'expense_schedule_id': 'VARCHAR', 'fund_id': 'VARCHAR', 'expense_category_id': 'VARCHAR',
            'method': 'VARCHAR', 'effective_from': 'DATE', 'effective_to': 'DATE'
        }) }}
    {% else %}
        select * from seed_rows
        where schedule_kind = 'other_expense'
    {% endif %}
),

source as (
    select * from limitation_rows
    union all
    select * from other_rows
),

renamed as (
    select
        cast(expense_schedule_id as {{ dbt.type_string() }}) as expense_schedule_id,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(schedule_kind as {{ dbt.type_string() }}) as schedule_kind,
        cast(expense_category_id as {{ dbt.type_string() }}) as expense_category_id,
        cast(method as {{ dbt.type_string() }}) as tier_method,
        cast(effective_from as date) as effective_from,
        cast(effective_to as date) as effective_to,
        cast(is_illustrative as boolean) as is_illustrative,
        cast(note as {{ dbt.type_string() }}) as note
    from source
)

select * from renamed
