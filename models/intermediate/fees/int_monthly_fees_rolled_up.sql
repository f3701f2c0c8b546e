-- Fee-rules R5: per agreement, fund and calendar month, before adjustments:
-- days_accrued; average_daily_net_assets = mean of the R1 daily figures over the days
-- accrued (6 decimals); accrued_fee = sum of the daily accruals (full precision);
-- effective_rate_bps = accrued_fee / (average * days_accrued / days_in_year) * 10000,
-- computed as accrued_fee * days_in_year * 10000 / sum of daily net assets (12 decimals).
-- Example: Mellon S&P 500 Index at $150M through January 2003: 31 days x
-- 273.972602739726027397 = 8,493.150684931506849307 accrued; 100,000 / 150M = 6.666... bps.
-- Incremental on (agreement_id, fund_id, month_start): a run replaces the months that
-- int_daily_fees_accrued (re)computed since (its accrued_at, kept per month).
{{ config(
    materialized=fund_fees.accrual_materialization(),
    incremental_strategy='delete+insert',
    unique_key=['agreement_id', 'fund_id', 'month_start'],
    on_schema_change='fail'
) }}
with

daily as (

    select * from {{ ref('int_daily_fees_accrued') }}
    {{ fund_fees.accrued_after_this_table() }}

),

rolled_up as (

    select
        agreement_id,
        fee_type,
        payer_party_id,
        payee_party_id,
        fund_id,
        month_start,
        count(*) as days_accrued,
        max(days_in_year) as days_in_year,
        sum(net_assets_usd) as sum_daily_net_assets_usd,
        -- the rate's denominator, null (no rate) when the assets are 0
        case when sum(net_assets_usd) > 0 then sum(net_assets_usd) end as rate_basis_net_assets_usd,
        sum(daily_accrual_usd) as accrued_fee_usd,
        max(accrued_at) as accrued_at
    from daily
    group by
        agreement_id,
        fee_type,
        payer_party_id,
        payee_party_id,
        fund_id,
        month_start

),

final as (

    select
        {{ fund_fees.compound_key(['agreement_id', 'fund_id', 'month_start']) }} as agreement_fund_month_id,
        agreement_id,
        fee_type,
        payer_party_id,
        payee_party_id,
        fund_id,
        month_start,
        days_accrued,
        days_in_year,
        -- a whole number of days: the core's day-count division (64-bit long division)
        {{ fund_fees.divide_by_day_count('sum_daily_net_assets_usd', 'days_accrued', 6, amount_scale=6) }}
            as average_daily_net_assets_usd,
        accrued_fee_usd,
        -- no CASE around the division: DuckDB computes an operand once only outside one
        {{ fund_fees.divide_exact(
            'accrued_fee_usd * days_in_year * 10000', 'rate_basis_net_assets_usd', 12, numerator_scale=18
        ) }} as effective_rate_bps,
        accrued_at
    from rolled_up

)

select * from final
