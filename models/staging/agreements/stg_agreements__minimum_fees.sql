with

source as (

    select * from {{ fund_fees.agreement_input('minimum_fees') }}

),

renamed as (

    select
        cast(minimum_fee_id as {{ dbt.type_string() }}) as minimum_fee_id,
        cast(agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(minimum_fee_usd as decimal(24, 6)) as minimum_fee_usd,
        cast(period_months as {{ dbt.type_int() }}) as period_months,
        cast(start_rule as {{ dbt.type_string() }}) as start_rule,
        cast(start_offset_months as {{ dbt.type_int() }}) as start_offset_months,
        cast(printed_text as {{ dbt.type_string() }}) as printed_text,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as {{ dbt.type_int() }}) as source_line

    from source

)

select * from renamed
