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
        -- the day before the next schedule of the same agreement, fund and role; null = still in effect
        cast(
            {{ dbt.dateadd(
                'day',
                -1,
                'lead(effective_from) over (
                    partition by agreement_id, fund_id, schedule_role
                    order by effective_from
                )'
            ) }} as date
        ) as effective_to,
        -- `method` is the column name fixed by the design brief
        cast(method as {{ dbt.type_string() }}) as method,  -- noqa: RF04
        cast(schedule_role as {{ dbt.type_string() }}) as schedule_role,
        cast(heading_as_printed as {{ dbt.type_string() }}) as heading_as_printed,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as {{ dbt.type_int() }}) as source_line

    from source

)

select * from renamed
