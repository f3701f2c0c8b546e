-- The interface the fee engine joins into fct_fees_monthly: one row per agreement, fund
-- and month with an expense-limitation waiver, an elected (voluntary) waiver, or a
-- reimbursement of earlier waivers, at full precision. waiver_usd = limitation waiver +
-- elected waiver: it reduces the fee payable to the Adviser (fct_fees_monthly.waiver_usd);
-- a reimbursement (the Trust repaying earlier waivers, section 2) increases it.
with

months as (
    select * from {{ ref('int_expense_limitation_months_summarized') }}
    where waiver_usd <> 0 or recoupment_usd <> 0
),

elected as (
    select
        agreement_id,
        fund_id,
        month_start,
        sum(amount_usd) as elected_waiver_usd
    from {{ ref('int_elected_waivers_assigned') }}
    group by
        agreement_id,
        fund_id,
        month_start
),

final as (
    select
        {{ fund_fees.compound_key([
            'coalesce(months.agreement_id, elected.agreement_id)',
            'coalesce(months.fund_id, elected.fund_id)',
            'coalesce(months.month_start, elected.month_start)'
        ]) }} as expense_waiver_month_id,
        coalesce(months.agreement_id, elected.agreement_id) as agreement_id,
        coalesce(months.fund_id, elected.fund_id) as fund_id,
        coalesce(months.month_start, elected.month_start) as month_start,
        cast(coalesce(months.waiver_usd, 0) as decimal(38, 18)) as limitation_waiver_usd,
        cast(coalesce(elected.elected_waiver_usd, 0) as decimal(38, 18)) as elected_waiver_usd,
        cast(coalesce(months.waiver_usd, 0) + coalesce(elected.elected_waiver_usd, 0) as decimal(38, 18))
            as waiver_usd,
        cast(coalesce(months.recoupment_usd, 0) as decimal(38, 18)) as recoupment_usd
    from months
    full outer join elected
        on
            months.agreement_id = elected.agreement_id
            and months.fund_id = elected.fund_id
            and months.month_start = elected.month_start
)

select * from final
