-- Brokerage Enhancement Plan, sections 1 and 3: each directed brokerage transaction with the
-- plan's roster that day (a fund earns Brokerage Payments and Credits under the plan only
-- while it is on Schedule A) and the Rule 12b-1(h) cut-off (none may be earned on or after
-- 2004-10-14). Flagged rows stay visible but are not counted as earned.
with

transactions as (
    select * from {{ ref('stg_brokerage__directed_brokerage_transactions') }}
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
        transactions.transaction_id,
        transactions.fund_id,
        transactions.trade_date,
        cast({{ dbt.date_trunc('quarter', 'transactions.trade_date') }} as date) as quarter_start,
        transactions.broker_dealer_id,
        transactions.commission_usd,
        transactions.brokerage_payment_usd,
        transactions.brokerage_credit_usd,
        versions.roster_id as plan_roster_id,
        versions.plan_document_id,
        coverage.roster_id as fund_roster_id,
        coverage.roster_id is not null as is_fund_on_roster,
        coalesce(transactions.trade_date >= cutoffs.rule_12b1h_effective_date, false) as is_on_or_after_rule_12b1h,
        case
            when cutoffs.rule_12b1h_effective_date is null then 'before_effective_date'
            when transactions.trade_date < cutoffs.rule_12b1h_effective_date then 'before_effective_date'
            when transactions.trade_date < cutoffs.rule_12b1h_compliance_date then 'before_compliance_date'
            else 'on_or_after_compliance_date'
        end as rule_12b1h_status
    from transactions
    left join coverage
        on
            transactions.fund_id = coverage.fund_id
            and transactions.trade_date >= coverage.covered_from
            and (coverage.covered_to is null or transactions.trade_date <= coverage.covered_to)
    left join versions
        on
            transactions.trade_date >= versions.version_from
            and (versions.version_to is null or transactions.trade_date <= versions.version_to)
    cross join cutoffs
),

final as (
    select
        *,
        is_fund_on_roster and not is_on_or_after_rule_12b1h as is_counted_as_earned
    from joined
)

select * from final
