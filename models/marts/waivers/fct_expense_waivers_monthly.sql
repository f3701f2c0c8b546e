-- fee-rules R7: the expense limitation waiver per agreement, fund and month, rounded to
-- cents for display (full precision in int_expense_limitation_months_summarized), and the
-- Adviser's elected (voluntary) waivers of the month shown apart (elected_waiver_usd;
-- DECISIONLOG D26). A month with only an elected waiver has a row with no limitation figures.
with

months as (
    select * from {{ ref('int_expense_limitation_months_summarized') }}
),

waivers as (
    select * from {{ ref('int_expense_waivers_monthly') }}
),

final as (
    select
        coalesce(months.expense_limitation_month_id, waivers.expense_waiver_month_id) as expense_waiver_month_id,
        coalesce(months.agreement_id, waivers.agreement_id) as agreement_id,
        coalesce(months.fund_id, waivers.fund_id) as fund_id,
        coalesce(months.month_start, waivers.month_start) as month_start,
        months.fiscal_year_start,
        cast(coalesce(months.days_compared, 0) as integer) as days_compared,
        cast(months.average_daily_net_assets_usd as decimal(24, 6)) as average_daily_net_assets_usd,
        {{ fund_fees.round_money('coalesce(months.expense_cap_usd, 0)') }} as expense_cap_usd,
        {{ fund_fees.round_money('coalesce(months.advisory_fee_usd, 0)') }} as advisory_fee_usd,
        {{ fund_fees.round_money('coalesce(months.other_expenses_usd, 0)') }} as other_expenses_usd,
        {{ fund_fees.round_money('coalesce(months.expenses_usd, 0)') }} as expenses_usd,
        {{ fund_fees.round_money('coalesce(months.excluded_expenses_usd, 0)') }} as excluded_expenses_usd,
        {{ fund_fees.round_money('coalesce(months.excess_usd, 0)') }} as excess_usd,
        cast(coalesce(months.days_over_cap, 0) as integer) as days_over_cap,
        {{ fund_fees.round_money('coalesce(months.ytd_excess_usd, 0)') }} as ytd_excess_usd,
        {{ fund_fees.round_money('coalesce(months.ytd_advisory_fee_usd, 0)') }} as ytd_advisory_fee_usd,
        {{ fund_fees.round_money('coalesce(months.ytd_waiver_usd, 0)') }} as ytd_waiver_usd,
        coalesce(months.is_waiver_limited_to_advisory_fee, false) as is_waiver_limited_to_advisory_fee,
        {{ fund_fees.round_money('coalesce(months.waiver_usd, 0)') }} as waiver_usd,
        {{ fund_fees.round_money('coalesce(months.recoupment_usd, 0)') }} as recoupment_usd,
        {{ fund_fees.round_money('coalesce(months.net_waiver_usd, 0)') }} as net_waiver_usd,
        {{ fund_fees.round_money('coalesce(waivers.elected_waiver_usd, 0)') }} as elected_waiver_usd,
        {{ fund_fees.round_money(
            'coalesce(months.waiver_usd, 0) + coalesce(waivers.elected_waiver_usd, 0)'
        ) }} as total_waiver_usd
    from months
    full outer join waivers
        on
            months.agreement_id = waivers.agreement_id
            and months.fund_id = waivers.fund_id
            and months.month_start = waivers.month_start
)

select * from final
