with

source as (
    select * from {{ ref('broker_dealers') }}
),

renamed as (
    select
        cast(broker_dealer_id as {{ dbt.type_string() }}) as broker_dealer_id,
        cast(broker_dealer_name as {{ dbt.type_string() }}) as broker_dealer_name,
        cast(is_affiliated_with_distributor as boolean) as is_affiliated_with_distributor,
        cast(is_illustrative as boolean) as is_illustrative,
        cast(note as {{ dbt.type_string() }}) as note
    from source
)

select * from renamed
