with

source as (
    select * from {{ fund_fees.agreement_input('agreement_lifecycle_terms') }}
),

renamed as (
    select
        cast(agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(initial_term_months as integer) as initial_term_months,
        cast(continuance_months as integer) as continuance_months,
        cast(trust_notice_days as integer) as trust_notice_days,
        cast(adviser_notice_days as integer) as adviser_notice_days,
        cast(adviser_notice_max_months as integer) as adviser_notice_max_months,
        cast(adviser_needs_replacement as boolean) as adviser_needs_replacement,
        cast(sub_adviser_notice_days as integer) as sub_adviser_notice_days,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as integer) as source_line,
        cast(printed_text as {{ dbt.type_string() }}) as printed_text
    from source
)

select * from renamed
