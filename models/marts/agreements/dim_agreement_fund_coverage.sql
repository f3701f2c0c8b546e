-- Which funds each agreement covers on a date (fee-rules R8): one row per roster entry,
-- covered from the roster's effective date until the day before the next roster of the
-- same agreement (null: still in force). Includes the Brokerage Enhancement Plan's 2001
-- roster (32 Series) and its May 16, 2002 roster (38 Funds).
-- Query: where covered_from <= D and (covered_to is null or covered_to >= D).
with

coverage as (

    select * from {{ ref('int_agreement_fund_coverage_dated') }}

),

final as (

    select
        cast(coverage_id as {{ dbt.type_string() }}) as coverage_id,
        cast(agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(roster_id as {{ dbt.type_string() }}) as roster_id,
        cast(covered_from as date) as covered_from,
        cast(covered_to as date) as covered_to,
        cast(roster_position as integer) as roster_position,
        cast(name_as_printed as {{ dbt.type_string() }}) as name_as_printed,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as integer) as source_line
    from coverage

)

select * from final
