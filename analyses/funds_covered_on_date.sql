-- Which funds each agreement covers on a date (fee-rules R8), with the name printed
-- in the roster in force that day. The date is the var coverage_date:
--   dbt compile --select funds_covered_on_date --vars '{coverage_date: "2002-05-15"}'
-- 2002-05-15 shows the Brokerage Enhancement Plan's 2001 roster (32 Series);
-- 2002-05-16, its 2002 roster (38 Funds).
with

coverage as (

    select * from {{ ref('dim_agreement_fund_coverage') }}

),

funds as (

    select * from {{ ref('dim_funds') }}

),

covered as (

    select
        coverage.agreement_id,
        coverage.roster_id,
        coverage.roster_position,
        coverage.fund_id,
        coverage.name_as_printed,
        funds.fund_name as current_fund_name
    from coverage
    inner join funds
        on coverage.fund_id = funds.fund_id
    where
        coverage.covered_from <= cast('{{ var("coverage_date", "2002-05-16") }}' as date)
        and (
            coverage.covered_to is null
            or coverage.covered_to >= cast('{{ var("coverage_date", "2002-05-16") }}' as date)
        )

)

select * from covered
order by agreement_id, roster_position
