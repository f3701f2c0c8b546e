-- The interface the fee engine joins into fct_fees_monthly: one row per agreement, fund
-- and month with an expense-limitation waiver or (with `expense_recoupment_enabled`) a
-- recoupment, at full precision. The waiver reduces the fee payable to the Adviser; a
-- recoupment (the Trust reimbursing earlier waivers, section 2) increases it.
with

months as (
    select * from {{ ref('int_expense_limitation_months_summarized') }}
),

final as (
    select
        expense_limitation_month_id as expense_waiver_month_id,
        agreement_id,
        fund_id,
        month_start,
        cast(waiver_usd as decimal(38, 18)) as waiver_usd,
        cast(recoupment_usd as decimal(38, 18)) as recoupment_usd
    from months
    where waiver_usd <> 0 or recoupment_usd <> 0
)

select * from final
