-- Fee-rules R3: the annual fee each tier (band) of the schedule produces on the day's
-- tier-basis assets. Rates are annual, in percent as printed.
-- marginal: each rate applies only to the slice of assets inside its band,
--   slice = max(0, min(assets, upper) - lower).
-- whole: the rate of the band that contains the assets applies to all assets; a band
--   "$X to $Y" contains X < assets <= Y (the first band also contains 0).
-- pro_rata rules (R4): the slice fee on combined assets times own / combined.
-- Example (Mellon Schedule B, S&P 500 Index, $150,000,000): 0.12% x 50M = 60,000;
-- 0.06% x 50M = 30,000; 0.02% x 50M = 10,000; annual fee 100,000.
with

fund_days as (

    select * from {{ ref('int_tier_basis_assets_averaged') }}

),

schedules as (

    select * from {{ ref('stg_agreements__fee_schedules') }}

),

tiers as (

    select * from {{ ref('stg_agreements__fee_schedule_tiers') }}

),

banded as (

    select
        fund_days.agreement_fund_day_id,
        fund_days.agreement_id,
        fund_days.fund_id,
        fund_days.accrual_date,
        fund_days.month_start,
        fund_days.day_count_convention,
        fund_days.schedule_id,
        fund_days.is_pro_rata,
        fund_days.net_assets_usd,
        fund_days.combined_net_assets_usd,
        fund_days.tier_basis_assets_usd,
        schedules.method,
        tiers.tier_number,
        tiers.lower_bound_usd,
        tiers.upper_bound_usd,
        tiers.annual_rate_pct,
        case
            when schedules.method = 'marginal'
                then greatest(
                    cast(0 as decimal(24, 6)),
                    least(
                        fund_days.tier_basis_assets_usd,
                        coalesce(tiers.upper_bound_usd, fund_days.tier_basis_assets_usd)
                    ) - tiers.lower_bound_usd
                )
            when
                schedules.method = 'whole'
                and (fund_days.tier_basis_assets_usd > tiers.lower_bound_usd or tiers.lower_bound_usd = 0)
                and (tiers.upper_bound_usd is null or fund_days.tier_basis_assets_usd <= tiers.upper_bound_usd)
                then fund_days.tier_basis_assets_usd
            else cast(0 as decimal(24, 6))
        end as assets_in_tier_usd
    from fund_days
    inner join schedules
        on fund_days.schedule_id = schedules.schedule_id
    inner join tiers
        on fund_days.schedule_id = tiers.schedule_id

),

priced as (

    select
        *,
        cast(assets_in_tier_usd * annual_rate_pct * 0.01 as decimal(38, 14)) as tier_annual_fee_on_basis_usd
    from banded

),

final as (

    select
        {{ fund_fees.compound_key(['agreement_fund_day_id', 'tier_number']) }}
            as tier_slice_id,
        agreement_fund_day_id,
        agreement_id,
        fund_id,
        accrual_date,
        month_start,
        day_count_convention,
        schedule_id,
        method,
        tier_number,
        lower_bound_usd,
        upper_bound_usd,
        annual_rate_pct,
        is_pro_rata,
        tier_basis_assets_usd,
        assets_in_tier_usd,
        case
            when is_pro_rata
                then {{ fund_fees.divide_exact(
                    'tier_annual_fee_on_basis_usd * net_assets_usd', 'combined_net_assets_usd', 14, numerator_scale=20
                ) }}
            else tier_annual_fee_on_basis_usd
        end as tier_annual_fee_usd
    from priced

)

select * from final
