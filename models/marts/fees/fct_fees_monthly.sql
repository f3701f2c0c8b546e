-- One row per agreement, fund and month (contract.md; fee-rules R5):
-- net_fee = accrued fee + minimum-fee true-up (R6) - expense-limitation waiver (R7)
-- + recoupment of earlier waivers (off by default), rounded to cents by the agreement's
-- payable rounding (half up by default). A month that holds only a true-up (the fund
-- accrued nothing that month) still gets its row.
with

monthly as (

    select * from {{ ref('int_monthly_fees_rolled_up') }}

),

true_ups as (

    select * from {{ ref('int_minimum_fee_shortfalls_allocated') }}

),

waivers as (

    select * from {{ ref('int_expense_waivers_monthly') }}

),

agreements as (

    select * from {{ ref('dim_agreements') }}

),

true_ups_monthly as (

    select
        agreement_id,
        fund_id,
        month_start,
        sum(minimum_true_up_usd) as minimum_true_up_usd
    from true_ups
    group by
        agreement_id,
        fund_id,
        month_start

),

combined as (

    select
        coalesce(monthly.agreement_id, true_ups_monthly.agreement_id) as agreement_id,
        coalesce(monthly.fund_id, true_ups_monthly.fund_id) as fund_id,
        coalesce(monthly.month_start, true_ups_monthly.month_start) as month_start,
        coalesce(monthly.days_accrued, 0) as days_accrued,
        monthly.days_in_year,
        monthly.average_daily_net_assets_usd,
        coalesce(monthly.accrued_fee_usd, 0) as accrued_fee_usd,
        coalesce(true_ups_monthly.minimum_true_up_usd, 0) as minimum_true_up_usd,
        coalesce(waivers.waiver_usd, 0) as waiver_usd,
        coalesce(waivers.recoupment_usd, 0) as expense_recoupment_usd,
        monthly.effective_rate_bps
    from monthly
    full outer join true_ups_monthly
        on
            monthly.agreement_id = true_ups_monthly.agreement_id
            and monthly.fund_id = true_ups_monthly.fund_id
            and monthly.month_start = true_ups_monthly.month_start
    left join waivers
        on
            coalesce(monthly.agreement_id, true_ups_monthly.agreement_id) = waivers.agreement_id
            and coalesce(monthly.fund_id, true_ups_monthly.fund_id) = waivers.fund_id
            and coalesce(monthly.month_start, true_ups_monthly.month_start) = waivers.month_start

),

final as (

    select
        cast(
            {{ fund_fees.compound_key(['combined.agreement_id', 'combined.fund_id', 'combined.month_start']) }}
            as {{ dbt.type_string() }}
        ) as fee_month_id,
        cast(combined.agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(agreements.fee_type as {{ dbt.type_string() }}) as fee_type,
        cast(agreements.payer as {{ dbt.type_string() }}) as payer,
        cast(agreements.payee as {{ dbt.type_string() }}) as payee,
        cast(combined.fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(combined.month_start as date) as month_start,
        cast(combined.days_accrued as integer) as days_accrued,
        cast(combined.days_in_year as integer) as days_in_year,
        cast(combined.average_daily_net_assets_usd as decimal(38, 6)) as average_daily_net_assets_usd,
        cast(combined.accrued_fee_usd as decimal(38, 18)) as accrued_fee_usd,
        cast(combined.minimum_true_up_usd as decimal(38, 2)) as minimum_true_up_usd,
        cast(combined.waiver_usd as decimal(38, 18)) as waiver_usd,
        cast(combined.expense_recoupment_usd as decimal(38, 18)) as expense_recoupment_usd,
        cast(agreements.payable_rounding as {{ dbt.type_string() }}) as payable_rounding,
        cast(
            {{ fund_fees.round_money(
                'combined.accrued_fee_usd + combined.minimum_true_up_usd'
                ~ ' - combined.waiver_usd + combined.expense_recoupment_usd',
                'agreements.payable_rounding'
            ) }} as decimal(38, 2)
        ) as net_fee_usd,
        cast(combined.effective_rate_bps as decimal(38, 12)) as effective_rate_bps
    from combined
    inner join agreements
        on combined.agreement_id = agreements.agreement_id

)

select * from final
