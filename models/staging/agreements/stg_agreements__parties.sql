with

source as (

    select * from {{ fund_fees.agreement_input('parties') }}

),

renamed as (

    select
        cast(party_id as {{ dbt.type_string() }}) as party_id,
        cast(party_name as {{ dbt.type_string() }}) as party_name,
        cast(former_party_name as {{ dbt.type_string() }}) as former_party_name,
        cast(party_role as {{ dbt.type_string() }}) as party_role,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as {{ dbt.type_int() }}) as source_line

    from source

)

select * from renamed
