with

source as (

    select * from {{ fund_fees.agreement_input('funds') }}

),

renamed as (

    select
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(fund_name as {{ dbt.type_string() }}) as fund_name,
        cast(inception_date as date) as inception_date,
        cast(termination_date as date) as termination_date,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as {{ dbt.type_int() }}) as source_line

    from source

)

select * from renamed
