-- One row per agreement: who pays whom, its dates (with the assumption used where the
-- document leaves a date blank, fee-rules R8), its per-agreement switches, and its source.
with

agreements as (

    select * from {{ ref('stg_agreements__agreements') }}

),

parties as (

    select * from {{ ref('stg_agreements__parties') }}

),

final as (

    select
        cast(agreements.agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(agreements.agreement_name as {{ dbt.type_string() }}) as agreement_name,
        cast(agreements.agreement_type as {{ dbt.type_string() }}) as agreement_type,
        cast(agreements.fee_type as {{ dbt.type_string() }}) as fee_type,
        cast(agreements.payer_party_id as {{ dbt.type_string() }}) as payer,
        cast(payers.party_name as {{ dbt.type_string() }}) as payer_name,
        cast(agreements.payee_party_id as {{ dbt.type_string() }}) as payee,
        cast(payees.party_name as {{ dbt.type_string() }}) as payee_name,
        cast(agreements.date_as_printed as {{ dbt.type_string() }}) as date_as_printed,
        cast(agreements.effective_date as date) as effective_date,
        cast(agreements.date_assumption as {{ dbt.type_string() }}) as date_assumption,
        cast(agreements.amended_effective_date as date) as amended_effective_date,
        cast(agreements.signed_date as date) as signed_date,
        cast(agreements.day_count_convention as {{ dbt.type_string() }}) as day_count_convention,
        cast(agreements.tier_basis as {{ dbt.type_string() }}) as tier_basis,
        cast(agreements.payable_rounding as {{ dbt.type_string() }}) as payable_rounding,
        cast(agreements.minimum_allocation_key as {{ dbt.type_string() }}) as minimum_allocation_key,
        cast(agreements.document_id as {{ dbt.type_string() }}) as document_id,
        cast(agreements.source_line as integer) as source_line
    from agreements
    left join parties as payers
        on agreements.payer_party_id = payers.party_id
    left join parties as payees
        on agreements.payee_party_id = payees.party_id

)

select * from final
