-- The version of the Brokerage Enhancement Plan in force on each date: one row per roster
-- of the plan (the 2001 text with its 32 Series from 2001-01-31, assumed; the May 16, 2002
-- text with its 38 Funds), with the document that prints it, from the plan's coverage
-- (each roster is in force until the day before the next one), and the dates of Rule
-- 12b-1(h): effective 2004-10-14, compliance required from 2004-12-13 (two seed rows).
with

coverage as (
    select * from {{ ref('int_agreement_fund_coverage_dated') }}
    where agreement_id = 'jnl_brokerage_enhancement_plan'
),

cutoffs as (
    -- Rule 12b-1(h): its effective date and its compliance date, each a seed row
    select
        min(case when cutoff_id = 'sec_rule_12b1_h' then effective_date end) as rule_12b1h_effective_date,
        min(case when cutoff_id = 'sec_rule_12b1_h_compliance' then effective_date end)
            as rule_12b1h_compliance_date
    from {{ ref('stg_brokerage__regulatory_cutoffs') }}
    where
        cutoff_id in ('sec_rule_12b1_h', 'sec_rule_12b1_h_compliance')
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
        cutoffs.rule_12b1h_effective_date,
        cutoffs.rule_12b1h_compliance_date
    from versions
    cross join cutoffs
)

select * from final
