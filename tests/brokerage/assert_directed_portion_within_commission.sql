-- Section 1: Brokerage Payments are "a portion of the brokerage commissions"; payments and
-- credits are never negative and together never above the commission of the transaction.
select
    transaction_id,
    commission_usd,
    brokerage_payment_usd,
    brokerage_credit_usd
from {{ ref('stg_brokerage__directed_brokerage_transactions') }}
where
    commission_usd < 0
    or brokerage_payment_usd < 0
    or brokerage_credit_usd < 0
    or brokerage_payment_usd + brokerage_credit_usd > commission_usd
