with

source as (

    select * from {{ fund_fees.agreement_input('agreements') }}

),

renamed as (

    select
        cast(agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(agreement_name as {{ dbt.type_string() }}) as agreement_name,
        cast(agreement_type as {{ dbt.type_string() }}) as agreement_type,
        cast(fee_type as {{ dbt.type_string() }}) as fee_type,
        cast(payer_party_id as {{ dbt.type_string() }}) as payer_party_id,
        cast(payee_party_id as {{ dbt.type_string() }}) as payee_party_id,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(date_as_printed as {{ dbt.type_string() }}) as date_as_printed,
        cast(effective_date as date) as effective_date,
        cast(date_assumption as {{ dbt.type_string() }}) as date_assumption,
        cast(amended_effective_date as date) as amended_effective_date,
        cast(signed_date as date) as signed_date,
        -- blank switches take the project defaults (dbt vars, documented in the README)
        cast(
            coalesce(day_count_convention, '{{ var("default_day_count_convention") }}')
            as {{ dbt.type_string() }}
        ) as day_count_convention,
        cast(
            coalesce(tier_basis, '{{ var("default_tier_basis") }}')
            as {{ dbt.type_string() }}
        ) as tier_basis,
        cast(
            coalesce(payable_rounding, '{{ var("default_payable_rounding") }}')
            as {{ dbt.type_string() }}
        ) as payable_rounding,
        cast(
            coalesce(minimum_allocation_key, '{{ var("default_minimum_allocation_key") }}')
            as {{ dbt.type_string() }}
        ) as minimum_allocation_key,
        cast(source_line as {{ dbt.type_int() }}) as source_line

    from source

)

select * from renamed
