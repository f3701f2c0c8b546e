with

source as (
    select * from {{ ref('distribution_purposes') }}
),

renamed as (
    select
        cast(purpose_id as {{ dbt.type_string() }}) as purpose_id,
        cast(purpose_name as {{ dbt.type_string() }}) as purpose_name,
        cast(display_order as integer) as display_order
    from source
)

select * from renamed
