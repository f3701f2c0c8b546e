with

source as (
    select * from {{ ref('plan_purpose_items') }}
),

renamed as (
    select
        cast(plan_purpose_item_id as {{ dbt.type_string() }}) as plan_purpose_item_id,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(item_number as integer) as item_number,
        cast(item_numeral as {{ dbt.type_string() }}) as item_numeral,
        cast(printed_text as {{ dbt.type_string() }}) as printed_text,
        cast(purpose_id as {{ dbt.type_string() }}) as purpose_id,
        cast(source_line as integer) as source_line
    from source
)

select * from renamed
