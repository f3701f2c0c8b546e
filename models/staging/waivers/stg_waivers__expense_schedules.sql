with

source as (
    select * from {{ ref('expense_schedules') }}
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
