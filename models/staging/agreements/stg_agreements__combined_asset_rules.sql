with

source as (

    select * from {{ fund_fees.agreement_input('combined_asset_rules') }}

),

renamed as (

    select
        cast(rule_id as {{ dbt.type_string() }}) as rule_id,
        cast(agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(asset_group_id as {{ dbt.type_string() }}) as asset_group_id,
        cast(fee_basis as {{ dbt.type_string() }}) as fee_basis,
        cast(threshold_usd as decimal(24, 6)) as threshold_usd,
        cast(threshold_comparison as {{ dbt.type_string() }}) as threshold_comparison,
        cast(alternate_schedule_id as {{ dbt.type_string() }}) as alternate_schedule_id,
        cast(effective_from as date) as effective_from,
        cast(printed_text as {{ dbt.type_string() }}) as printed_text,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as {{ dbt.type_int() }}) as source_line

    from source

)

select * from renamed
