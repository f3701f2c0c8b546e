-- The version of the Brokerage Enhancement Plan in force on each date: one row per roster
-- of the plan (the 2001 text with its 32 Series from 2001-01-31, assumed; the May 16, 2002
-- text with its 38 Funds), with the document that prints it, from the plan's coverage
-- (each roster is in force until the day before the next one), and the date from which
-- Rule 12b-1(h) forbids paying for distribution with brokerage.
with

coverage as (
    select * from {{ ref('int_agreement_fund_coverage_dated') }}
    where agreement_id = 'jnl_brokerage_enhancement_plan'
),

cutoffs as (
    select min(effective_date) as rule_12b1h_effective_date
    from {{ ref('stg_brokerage__regulatory_cutoffs') }}
    where
        cutoff_id = 'sec_rule_12b1_h'
        and applies_to_agreement_id = 'jnl_brokerage_enhancement_plan'
),

versions as (
    select
        roster_id,
        agreement_id,
        document_id as plan_document_id,
        covered_from as version_from,
        max(covered_to) as version_to,
        count(distinct fund_id) as roster_fund_count
    from coverage
    group by
        roster_id,
        agreement_id,
        document_id,
        covered_from
),

final as (
    select
        versions.*,
        cutoffs.rule_12b1h_effective_date
    from versions
    cross join cutoffs
)

select * from final
