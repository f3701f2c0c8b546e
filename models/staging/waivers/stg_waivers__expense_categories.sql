with

source as (
    select * from {{ ref('expense_categories') }}
),

renamed as (
    select
        cast(expense_category_id as {{ dbt.type_string() }}) as expense_category_id,
        cast(category_name as {{ dbt.type_string() }}) as category_name,
        cast(amount_source as {{ dbt.type_string() }}) as amount_source,
        cast(is_excluded_from_limitation as boolean) as is_excluded_from_limitation,
        cast(printed_text as {{ dbt.type_string() }}) as printed_text,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as integer) as source_line
    from source
)

select * from renamed
