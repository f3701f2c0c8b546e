with

source as (

    select * from {{ fund_fees.agreement_input('fund_names') }}

),

renamed as (

    select
        cast(fund_name_id as {{ dbt.type_string() }}) as fund_name_id,
        cast(name_as_printed as {{ dbt.type_string() }}) as name_as_printed,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as {{ dbt.type_int() }}) as source_line,
        cast(name_in_use_from as date) as name_in_use_from,
        cast(name_kind as {{ dbt.type_string() }}) as name_kind,
        cast(is_erratum as {{ dbt.type_boolean() }}) as is_erratum,
        cast(note as {{ dbt.type_string() }}) as note

    from source

)

select * from renamed
