with

source as (

    select * from {{ fund_fees.agreement_input('errata') }}

),

renamed as (

    select
        cast(erratum_id as {{ dbt.type_string() }}) as erratum_id,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as {{ dbt.type_int() }}) as source_line,
        cast(printed_text as {{ dbt.type_string() }}) as printed_text,
        cast(reading as {{ dbt.type_string() }}) as reading,
        cast(reason as {{ dbt.type_string() }}) as reason,
        cast(corrected_seed as {{ dbt.type_string() }}) as corrected_seed,
        cast(corrected_column as {{ dbt.type_string() }}) as corrected_column

    from source

)

select * from renamed
