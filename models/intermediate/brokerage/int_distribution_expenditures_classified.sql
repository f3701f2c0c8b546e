-- Brokerage Enhancement Plan, sections 2 and 6: each amount spent from Brokerage Payments and
-- Credits with the plan version in force that day, the enumerated purpose it falls under in
-- that version (numeral and printed text; the 2002 text dropped "printing and mailing of
-- Trust prospectuses..."), the fund's roster status when it is charged to one fund, and the
-- Rule 12b-1(h) cut-off. Spending on or after the cut-off, outside the plan's life, or charged
-- to a fund not on the roster is flagged and not counted as permitted spending.
with

expenditures as (
    select * from {{ ref('stg_brokerage__distribution_expenditures') }}
),

purpose_items as (
    select * from {{ ref('stg_brokerage__plan_purpose_items') }}
),

purposes as (
    select * from {{ ref('stg_brokerage__distribution_purposes') }}
),

coverage as (
    -- the plan's Schedule A on each date (fee-rules R8)
    select * from {{ ref('int_agreement_fund_coverage_dated') }}
    where agreement_id = 'jnl_brokerage_enhancement_plan'
),

versions as (
    select * from {{ ref('int_plan_versions_dated') }}
),

cutoffs as (
    select
        max(rule_12b1h_effective_date) as rule_12b1h_effective_date,
        max(rule_12b1h_compliance_date) as rule_12b1h_compliance_date
    from versions
),

joined as (
    select
        expenditures.expenditure_id,
        expenditures.expenditure_date,
        cast({{ dbt.date_trunc('quarter', 'expenditures.expenditure_date') }} as date) as quarter_start,
        expenditures.fund_id,
        expenditures.broker_dealer_id,
        expenditures.funding_source,
        expenditures.purpose_id,
        purposes.purpose_name,
        expenditures.amount_usd,
        expenditures.expenditure_description,
        versions.roster_id as plan_roster_id,
        versions.plan_document_id,
        purpose_items.plan_purpose_item_id,
        purpose_items.item_numeral,
        purpose_items.printed_text as purpose_printed_text,
        purpose_items.plan_purpose_item_id is not null as is_purpose_enumerated_in_plan,
        versions.roster_id is not null as is_plan_in_force,
        case
            when expenditures.fund_id is null then null
            else coverage.roster_id is not null
        end as is_fund_on_roster,
        coalesce(expenditures.expenditure_date >= cutoffs.rule_12b1h_effective_date, false)
            as is_on_or_after_rule_12b1h,
        case
            when cutoffs.rule_12b1h_effective_date is null then 'before_effective_date'
            when expenditures.expenditure_date < cutoffs.rule_12b1h_effective_date then 'before_effective_date'
            when expenditures.expenditure_date < cutoffs.rule_12b1h_compliance_date then 'before_compliance_date'
            else 'on_or_after_compliance_date'
        end as rule_12b1h_status
    from expenditures
    left join purposes
        on expenditures.purpose_id = purposes.purpose_id
    left join versions
        on
            expenditures.expenditure_date >= versions.version_from
            and (versions.version_to is null or expenditures.expenditure_date <= versions.version_to)
    left join purpose_items
        on
            versions.plan_document_id = purpose_items.document_id
            and expenditures.purpose_id = purpose_items.purpose_id
    left join coverage
        on
            expenditures.fund_id = coverage.fund_id
            and expenditures.expenditure_date >= coverage.covered_from
            and (coverage.covered_to is null or expenditures.expenditure_date <= coverage.covered_to)
    cross join cutoffs
),

final as (
    select
        *,
        -- "include, but are not limited to": a purpose the version no longer enumerates is
        -- shown (is_purpose_enumerated_in_plan = false) but still counted
        is_plan_in_force
        and not is_on_or_after_rule_12b1h
        and coalesce(is_fund_on_roster, true) as is_counted_as_permitted
    from joined
)

select * from final
