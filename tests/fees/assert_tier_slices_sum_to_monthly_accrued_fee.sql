-- Integrity: the tier breakdown of each agreement, fund and month sums to the month's
-- accrued fee. Each tier's fee is divided by the day count on its own (18 decimals), so
-- the sum may differ from the daily sum by rounding at the 18th decimal only: anything
-- above a billionth of a dollar is an error.
with

tiers as (

    select
        agreement_id,
        fund_id,
        month_start,
        sum(accrued_fee_usd) as sum_tier_fee_usd
    from {{ ref('fct_fee_tiers_monthly') }}
    group by agreement_id, fund_id, month_start

),

monthly as (

    select * from {{ ref('fct_fees_monthly') }}
    where days_accrued > 0

)

select
    monthly.agreement_id,
    monthly.fund_id,
    monthly.month_start,
    monthly.accrued_fee_usd,
    tiers.sum_tier_fee_usd
from monthly
left join tiers
    on
        monthly.agreement_id = tiers.agreement_id
        and monthly.fund_id = tiers.fund_id
        and monthly.month_start = tiers.month_start
where
    tiers.sum_tier_fee_usd is null
    or abs(monthly.accrued_fee_usd - tiers.sum_tier_fee_usd) > 0.000000001
