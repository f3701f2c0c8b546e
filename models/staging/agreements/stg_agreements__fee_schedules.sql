with

source as (

    select * from {{ fund_fees.agreement_input('fee_schedules') }}

),

renamed as (

    select
        cast(schedule_id as {{ dbt.type_string() }}) as schedule_id,
        cast(agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(effective_from as date) as effective_from,
        -- `method` is the column name fixed by the design brief
        cast(method as {{ dbt.type_string() }}) as method,  -- noqa: RF04
        cast(schedule_role as {{ dbt.type_string() }}) as schedule_role,
        cast(heading_as_printed as {{ dbt.type_string() }}) as heading_as_printed,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as {{ dbt.type_int() }}) as source_line

    from source

)

select * from renamed
