with

source as (

    select * from {{ fund_fees.agreement_input('asset_groups') }}

),

renamed as (

    select
        {{ fund_fees.compound_key(['asset_group_id', 'fund_id']) }}
            as asset_group_member_id,
        cast(asset_group_id as {{ dbt.type_string() }}) as asset_group_id,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as {{ dbt.type_int() }}) as source_line

    from source

)

select * from renamed
