with

source as (
    select * from {{ ref('regulatory_cutoffs') }}
),

renamed as (
    select
        cast(cutoff_id as {{ dbt.type_string() }}) as cutoff_id,
        cast(rule_citation as {{ dbt.type_string() }}) as rule_citation,
        cast(effective_date as date) as effective_date,
        cast(applies_to_agreement_id as {{ dbt.type_string() }}) as applies_to_agreement_id,
        cast(description as {{ dbt.type_string() }}) as cutoff_description,
        cast(source_note as {{ dbt.type_string() }}) as source_note
    from source
)

select * from renamed
