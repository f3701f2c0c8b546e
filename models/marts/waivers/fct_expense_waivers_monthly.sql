-- fee-rules R7: the expense limitation waiver per agreement, fund and month, rounded to
-- cents for display (full precision in int_expense_limitation_months_summarized).
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
        fiscal_year_start,
        cast(days_compared as integer) as days_compared,
        cast(average_daily_net_assets_usd as decimal(24, 6)) as average_daily_net_assets_usd,
        {{ fund_fees.round_money('expense_cap_usd') }} as expense_cap_usd,
        {{ fund_fees.round_money('advisory_fee_usd') }} as advisory_fee_usd,
        {{ fund_fees.round_money('other_expenses_usd') }} as other_expenses_usd,
        {{ fund_fees.round_money('expenses_usd') }} as expenses_usd,
        {{ fund_fees.round_money('excluded_expenses_usd') }} as excluded_expenses_usd,
        {{ fund_fees.round_money('excess_usd') }} as excess_usd,
        cast(days_over_cap as integer) as days_over_cap,
        {{ fund_fees.round_money('ytd_excess_usd') }} as ytd_excess_usd,
        {{ fund_fees.round_money('ytd_advisory_fee_usd') }} as ytd_advisory_fee_usd,
        {{ fund_fees.round_money('ytd_waiver_usd') }} as ytd_waiver_usd,
        is_waiver_limited_to_advisory_fee,
        {{ fund_fees.round_money('waiver_usd') }} as waiver_usd,
        {{ fund_fees.round_money('recoupment_usd') }} as recoupment_usd,
        {{ fund_fees.round_money('net_waiver_usd') }} as net_waiver_usd
    from months
)

select * from final
