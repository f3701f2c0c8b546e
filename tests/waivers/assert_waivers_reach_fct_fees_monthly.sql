-- The fee engine carries int_expense_waivers_monthly (full precision) into
-- fct_fees_monthly.waiver_usd and expense_recoupment_usd: every waiver or recoupment month
-- must appear there with the same amounts, and no other month may carry either.
with

waivers as (
    select * from {{ ref('int_expense_waivers_monthly') }}
),

fees as (
    select * from {{ ref('fct_fees_monthly') }}
)

select
    coalesce(waivers.expense_waiver_month_id, fees.fee_month_id) as row_id,
    waivers.waiver_usd as expected_waiver_usd,
    fees.waiver_usd as fct_waiver_usd,
    waivers.recoupment_usd as expected_recoupment_usd,
    fees.expense_recoupment_usd as fct_recoupment_usd
from waivers
full outer join fees
    on
        waivers.agreement_id = fees.agreement_id
        and waivers.fund_id = fees.fund_id
        and waivers.month_start = fees.month_start
where
    (
        waivers.agreement_id is not null
        and (
            fees.agreement_id is null
            or fees.waiver_usd <> waivers.waiver_usd
            or fees.expense_recoupment_usd <> waivers.recoupment_usd
        )
    )
    or (waivers.agreement_id is null and (fees.waiver_usd <> 0 or fees.expense_recoupment_usd <> 0))
