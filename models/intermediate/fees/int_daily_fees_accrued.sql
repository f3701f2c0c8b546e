-- Fee-rules R2, R3: the fee each agreement-fund-day accrues, priced through the core
-- (fund_fees.price_on_tiers: the one tier that holds the day's tier-basis assets) and
-- divided by the day count (fund_fees.days_in_year, fund_fees.divide_by_day_count):
-- daily_accrual = annual_fee / days_in_year, kept at 18 decimals (never rounded to cents
-- here), where days_in_year follows the agreement's day count: actual/actual (365, or 366
-- in a leap year; default), actual/365 or actual/360.
-- Example: Mellon S&P 500 Index at $150M, annual fee 100,000: 100,000 / 365
-- = 273.972602739726027397 a day in 2003; 100,000 / 366 = 273.224043715846994536 in 2004.
--
-- Incremental on (agreement_id, fund_id, accrual_date). A run appends the new days and
-- recomputes, per fund, every day from the first of the month of the earliest day that
-- int_fund_days_carried_forward (fee-rules R1) computed since this table's latest accrual:
-- a restated, added or removed figure and the days after it, or a new day. A fund in a
-- combined-asset group (R4) recomputes from the earliest such day of any fund of the group.
-- Changed agreements, rosters or schedules (seeds) need `dbt build --full-refresh`.
-- The changed days: fund_fees.accrual_restated_days (macros/accrual_restated_days.sql).
{{ config(
    materialized=fund_fees.accrual_materialization(),
    incremental_strategy='delete+insert',
    unique_key=['agreement_id', 'fund_id', 'accrual_date'],
    on_schema_change='fail'
) }}
{#- The incremental branch finds the days to recompute twice (each reads only the
    carried-forward days computed since this table's latest accrual): first in run_query,
    when the model runs, for the earliest day any fund recomputes from; then inside the
    model from that day on, with that day as a literal, so that DuckDB drops the earlier
    fund-days of the views below before any join (a subquery would not be pushed down). -#}
{%- set recompute_since = '1900-01-01' -%}
{%- set carried_forward = ref('int_fund_days_carried_forward') -%}
{%- set asset_groups = ref('stg_agreements__asset_groups') -%}
{%- if is_incremental() and execute -%}
    {%- set earliest = run_query(
        'with ' ~ fund_fees.accrual_restated_days(this, carried_forward, asset_groups, none)
        ~ ' final as (select min(recompute_from_date) as since from recompute_from)'
        ~ ' select cast(since as ' ~ dbt.type_string() ~ ') from final'
    ).columns[0].values()[0] -%}
    {#- no fund to recompute (nothing computed since): a day after every fund-day -#}
    {%- set recompute_since = earliest or '9999-12-31' -%}
{%- endif -%}
{%- set restated_days_ctes = fund_fees.accrual_restated_days(this, carried_forward, asset_groups, recompute_since)
    if is_incremental() else '' %}
with

fund_days as (

    select * from {{ ref('int_tier_basis_assets_averaged') }}

),

{% if is_incremental() %}

{{ restated_days_ctes }}

{% endif %}

to_price as (

    select fund_days.*
    from fund_days
    {% if is_incremental() %}
        -- only the funds with a day computed since this table's latest accrual, from the
        -- first of that day's month; the literal lets DuckDB drop the earlier days before
        -- any join
        inner join recompute_from
            on fund_days.fund_id = recompute_from.fund_id
        where
            fund_days.accrual_date >= cast('{{ recompute_since }}' as date)
            and fund_days.accrual_date >= recompute_from.recompute_from_date
    {% endif %}

),

priced as (

    {{ fund_fees.price_on_tiers(
        'to_price', 'tier_basis_assets_usd',
        pro_rata='is_pro_rata', own_assets='net_assets_usd', combined_assets='combined_net_assets_usd'
    ) }}

),

with_day_count as (

    select
        *,
        {{ fund_fees.days_in_year('accrual_date', 'day_count_convention') }} as days_in_year
    from priced

),

final as (

    select
        agreement_id,
        fee_type,
        payer_party_id,
        payee_party_id,
        roster_id,
        fund_id,
        accrual_date,
        month_start,
        net_assets_usd,
        is_carried_forward,
        schedule_id,
        combined_net_assets_usd,
        tier_basis_assets_usd,
        is_pro_rata,
        tier_number,
        tier_method,
        annual_amount_usd as annual_fee_usd,
        day_count_convention,
        days_in_year,
        {{ fund_fees.divide_by_day_count('annual_amount_usd', 'days_in_year', amount_units='annual_amount_units') }}
            as daily_accrual_usd,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as timestamp) as accrued_at
    from with_day_count

)

select * from final
