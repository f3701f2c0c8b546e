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
-- recomputes, per fund, every day from the first of the month of the earliest day whose
-- net assets (as carried forward, fee-rules R1) differ from what this table recorded:
-- a restated or newly reported figure, and the carried-forward days after it. A fund in a
-- combined-asset group (R4) recomputes from the earliest such day of any fund of the group.
-- Changed agreements, rosters or schedules (seeds) need `dbt build --full-refresh`.
-- (the incremental branch reads these two:)
-- depends_on: {{ ref('int_fund_days_carried_forward') }}, {{ ref('stg_agreements__asset_groups') }}
{{ config(
    materialized=fund_fees.accrual_materialization(),
    incremental_strategy='delete+insert',
    unique_key=['agreement_id', 'fund_id', 'accrual_date'],
    on_schema_change='fail'
) }}
with

fund_days as (

    select * from {{ ref('int_tier_basis_assets_averaged') }}

),

{% if is_incremental() %}

carried_forward as (

    select * from {{ ref('int_fund_days_carried_forward') }}

),

asset_groups as (

    select * from {{ ref('stg_agreements__asset_groups') }}

),

recorded as (

    -- what the last run priced, per fund and day (the same figure for every agreement)
    select
        fund_id,
        accrual_date,
        max(net_assets_usd) as net_assets_usd,
        max(cast(is_carried_forward as integer)) as is_carried_forward
    from {{ this }}
    group by
        fund_id,
        accrual_date

),

recorded_ends as (

    -- from this table itself, not from `recorded`: DuckDB materializes a CTE read twice
    select
        fund_id,
        max(accrual_date) as last_recorded_date
    from {{ this }}
    group by fund_id

),

changed_days as (

    select
        recorded.fund_id,
        recorded.accrual_date
    from recorded
    left join carried_forward
        on
            recorded.fund_id = carried_forward.fund_id
            and recorded.accrual_date = carried_forward.calendar_date
    where
        carried_forward.net_assets_usd is distinct from recorded.net_assets_usd
        or cast(carried_forward.is_carried_forward as integer) is distinct from recorded.is_carried_forward

),

fund_restated_from as (

    -- per fund: the first changed day, else the day after the last day recorded
    select
        recorded_ends.fund_id,
        least(
            coalesce(min(changed_days.accrual_date), {{ fund_fees.add_days('recorded_ends.last_recorded_date', 1) }}),
            {{ fund_fees.add_days('recorded_ends.last_recorded_date', 1) }}
        ) as restated_from
    from recorded_ends
    left join changed_days
        on recorded_ends.fund_id = changed_days.fund_id
    group by
        recorded_ends.fund_id,
        recorded_ends.last_recorded_date

),

group_restated_from as (

    select
        asset_groups.asset_group_id,
        min(fund_restated_from.restated_from) as restated_from
    from asset_groups
    inner join fund_restated_from
        on asset_groups.fund_id = fund_restated_from.fund_id
    group by asset_groups.asset_group_id

),

member_restated_from as (

    select
        asset_groups.fund_id,
        min(group_restated_from.restated_from) as restated_from
    from asset_groups
    inner join group_restated_from
        on asset_groups.asset_group_id = group_restated_from.asset_group_id
    group by asset_groups.fund_id

),

recompute_from as (

    -- from the first of the month (a monthly_average tier basis prices a month as one)
    select
        fund_restated_from.fund_id,
        {{ fund_fees.month_start(
            'least(fund_restated_from.restated_from, coalesce(member_restated_from.restated_from, fund_restated_from.restated_from))'
        ) }} as recompute_from_date
    from fund_restated_from
    left join member_restated_from
        on fund_restated_from.fund_id = member_restated_from.fund_id

),

{% endif %}

to_price as (

    select fund_days.*
    from fund_days
    {% if is_incremental() %}
        -- a fund this table has never priced is priced whole
        left join recompute_from
            on fund_days.fund_id = recompute_from.fund_id
        where
            recompute_from.recompute_from_date is null
            or fund_days.accrual_date >= recompute_from.recompute_from_date
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
