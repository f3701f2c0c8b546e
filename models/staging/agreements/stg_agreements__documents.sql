with

source as (

    select * from {{ fund_fees.agreement_input('documents') }}

),

renamed as (

    select
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(file_name as {{ dbt.type_string() }}) as file_name,
        cast(exhibit as {{ dbt.type_string() }}) as exhibit,
        cast(title as {{ dbt.type_string() }}) as title,
        cast(date_as_printed as {{ dbt.type_string() }}) as date_as_printed,
        cast(filed_date as date) as filed_date

    from source

)

select * from renamed
