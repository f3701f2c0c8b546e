-- Brokerage Enhancement Plan: Brokerage Payments and Credits earned per fund and calendar
-- quarter, counted only while the fund is on the plan's roster and before Rule 12b-1(h)
-- (2004-10-14); the rest is shown apart with its flags.
with

transactions as (
    select * from {{ ref('int_directed_brokerage_transactions_flagged') }}
),

quarters as (
    select
        fund_id,
        quarter_start,
        count(*) as transaction_count,
        sum(commission_usd) as commission_usd,
        sum(case when is_counted_as_earned then brokerage_payment_usd else 0 end) as brokerage_payments_earned_usd,
        sum(case when is_counted_as_earned then brokerage_credit_usd else 0 end) as brokerage_credits_earned_usd,
        sum(case when not is_counted_as_earned then brokerage_payment_usd else 0 end)
            as brokerage_payments_excluded_usd,
        sum(case when not is_counted_as_earned then brokerage_credit_usd else 0 end)
            as brokerage_credits_excluded_usd,
        sum(case when not is_fund_on_roster then 1 else 0 end) as off_roster_transaction_count,
        sum(case when is_on_or_after_rule_12b1h then 1 else 0 end) as post_rule_12b1h_transaction_count
    from transactions
    group by
        fund_id,
        quarter_start
),

final as (
    select
        {{ fund_fees.compound_key(['fund_id', 'quarter_start']) }}
            as brokerage_fund_quarter_id,
        fund_id,
        quarter_start,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 3, 'quarter_start')) }} as date) as quarter_end,
        cast(transaction_count as integer) as transaction_count,
        {{ fund_fees.round_money('commission_usd') }} as commission_usd,
        {{ fund_fees.round_money('brokerage_payments_earned_usd') }} as brokerage_payments_earned_usd,
        {{ fund_fees.round_money('brokerage_credits_earned_usd') }} as brokerage_credits_earned_usd,
        {{ fund_fees.round_money('brokerage_payments_excluded_usd') }} as brokerage_payments_excluded_usd,
        {{ fund_fees.round_money('brokerage_credits_excluded_usd') }} as brokerage_credits_excluded_usd,
        cast(off_roster_transaction_count as integer) as off_roster_transaction_count,
        cast(post_rule_12b1h_transaction_count as integer) as post_rule_12b1h_transaction_count,
        off_roster_transaction_count > 0 as has_off_roster_activity,
        post_rule_12b1h_transaction_count > 0 as has_post_rule_12b1h_activity
    from quarters
)

select * from final
