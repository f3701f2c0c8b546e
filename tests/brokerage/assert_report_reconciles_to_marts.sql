-- Integrity: each quarter of the trustees' report carries the Brokerage Payments and Credits
-- earned in fct_brokerage_benefits_quarterly and the permitted spending of
-- fct_distribution_spending_quarterly (total line = sum of the purpose lines).
with

report as (
    select * from {{ ref('rpt_brokerage_plan_trustees_quarterly') }}
),

benefits as (
    select
        quarter_start,
        sum(brokerage_payments_earned_usd) as payments_usd,
        sum(brokerage_credits_earned_usd) as credits_usd
    from {{ ref('fct_brokerage_benefits_quarterly') }}
    group by quarter_start
),

spending as (
    select
        quarter_start,
        sum(permitted_amount_usd) as permitted_usd
    from {{ ref('fct_distribution_spending_quarterly') }}
    group by quarter_start
),

report_quarters as (
    select
        quarter_start,
        sum(case when line_type = 'brokerage_payments_earned' then amount_usd else 0 end) as payments_usd,
        sum(case when line_type = 'brokerage_credits_earned' then amount_usd else 0 end) as credits_usd,
        sum(case when line_type = 'amount_expended_for_purpose' then amount_usd else 0 end) as purpose_lines_usd,
        sum(case when line_type = 'total_amount_expended' then amount_usd else 0 end) as total_expended_usd
    from report
    group by quarter_start
)

select report_quarters.*
from report_quarters
left join benefits
    on report_quarters.quarter_start = benefits.quarter_start
left join spending
    on report_quarters.quarter_start = spending.quarter_start
where
    report_quarters.payments_usd <> coalesce(benefits.payments_usd, 0)
    or report_quarters.credits_usd <> coalesce(benefits.credits_usd, 0)
    or report_quarters.total_expended_usd <> coalesce(spending.permitted_usd, 0)
    or report_quarters.purpose_lines_usd <> report_quarters.total_expended_usd
