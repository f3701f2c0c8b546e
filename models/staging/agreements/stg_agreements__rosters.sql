with

source as (

    select * from {{ fund_fees.agreement_input('rosters') }}

),

renamed as (

    select
        {{ fund_fees.compound_key(['roster_id', 'fund_id']) }}
            as roster_entry_id,
        cast(roster_id as {{ dbt.type_string() }}) as roster_id,
        cast(agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(roster_effective_date as date) as roster_effective_date,
        cast(roster_position as {{ dbt.type_int() }}) as roster_position,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(name_as_printed as {{ dbt.type_string() }}) as name_as_printed,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as {{ dbt.type_int() }}) as source_line

    from source

)

select * from renamed
