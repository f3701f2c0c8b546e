-- Fee-rules R5: per fund and calendar month, the days on which any agreement accrued for
-- the fund and the sum of the fund's own net assets over those days (R1, each day once,
-- however many agreements accrued it): the denominator of fct_adviser_economics_monthly's
-- average daily net assets and basis-point rates.
-- Example: a fund accrued by its advisory and its sub-advisory agreement every day of a
-- 30-day month at $100M: days_accrued 30 (not 60), sum 3,000,000,000.
-- Incremental on (fund_id, month_start): a run replaces the months that
-- int_daily_fees_accrued (re)computed since (its accrued_at, kept per month); that model
-- recomputes every agreement of a fund from the first of a month, so a month taken has
-- all of its days.
{{ config(
    materialized=fund_fees.accrual_materialization(),
    incremental_strategy='delete+insert',
    unique_key=['fund_id', 'month_start'],
    on_schema_change='fail'
) }}
with

daily as (

    select * from {{ ref('int_daily_fees_accrued') }}
    {{ fund_fees.accrued_after_this_table() }}

),

fund_days as (

    -- one row per fund and day: the day's figure is the fund's, the same for every agreement
    select
        fund_id,
        month_start,
        accrual_date,
        max(net_assets_usd) as net_assets_usd,
        max(accrued_at) as accrued_at
    from daily
    group by
        fund_id,
        month_start,
        accrual_date

),

final as (

    select
        fund_id,
        month_start,
        count(*) as days_accrued,
        sum(net_assets_usd) as sum_daily_net_assets_usd,
        max(accrued_at) as accrued_at
    from fund_days
    group by
        fund_id,
        month_start

)

select * from final
