-- Fee-rules R6 (allocation): a complete period's shortfall is booked in the calendar month
-- holding the period's last day, shared by the agreement's funds that accrued in the period
-- pro rata to their key: accrued fee in the period (default) or average net assets (the
-- agreement's minimum_allocation_key), equally when every key is zero. Shares are floored
-- to cents and the cents left over go one each to the largest remainders (ties: fund_id),
-- so the allocations sum to the shortfall exactly.
-- Example: shortfall 100.00, fees 1:1:1 -> 33.33 + 33.33 + 33.33 leaves 0.01, which goes
-- to the first fund by fund_id: 33.34 + 33.33 + 33.33 = 100.00.
with

periods as (

    select * from {{ ref('int_minimum_fee_periods_defined') }}
    where is_complete and shortfall_usd > 0

),

agreements as (

    select * from {{ ref('stg_agreements__agreements') }}

),

daily as (

    select * from {{ ref('int_daily_fees_accrued') }}

),

fund_keys as (

    select
        periods.minimum_fee_period_id,
        periods.agreement_id,
        periods.true_up_month_start,
        periods.shortfall_usd,
        daily.fund_id,
        agreements.minimum_allocation_key as allocation_key,
        case
            when agreements.minimum_allocation_key = 'average_net_assets' then sum(daily.net_assets_usd)
            else sum(daily.daily_accrual_usd)
        end as allocation_key_value
    -- the fund-days on the left: joins hash their right-hand side (profiles.yml), here the
    -- few periods with a shortfall, not every fund-day
    from daily
    inner join periods
        on
            daily.agreement_id = periods.agreement_id
            and daily.accrual_date >= periods.period_start
            and daily.accrual_date <= periods.period_end
    inner join agreements
        on periods.agreement_id = agreements.agreement_id
    group by
        periods.minimum_fee_period_id,
        periods.agreement_id,
        periods.true_up_month_start,
        periods.shortfall_usd,
        daily.fund_id,
        agreements.minimum_allocation_key

),

weighted as (

    select
        *,
        sum(allocation_key_value) over (partition by minimum_fee_period_id) as total_key_value,
        count(*) over (partition by minimum_fee_period_id) as funds_sharing
    from fund_keys

),

exact_shares as (

    -- exact shares to 10 decimals: enough to floor to cents and rank the remainders.
    -- Fee keys are read to 12 decimals, net-asset keys to 6 (their own scale), which keeps
    -- the 128-bit integer division of divide_exact inside its range.
    select
        *,
        case
            when total_key_value = 0
                then {{ fund_fees.divide_exact('shortfall_usd', 'funds_sharing', 10, numerator_scale=2) }}
            when allocation_key = 'average_net_assets'
                then {{ fund_fees.divide_exact(
                    'shortfall_usd * cast(allocation_key_value as decimal(38, 6))',
                    'total_key_value', 10, numerator_scale=8, denominator_scale=6
                ) }}
            else {{ fund_fees.divide_exact(
                'shortfall_usd * cast(allocation_key_value as decimal(38, 12))',
                'total_key_value', 10, numerator_scale=14, denominator_scale=12
            ) }}
        end as exact_share_usd
    from weighted

),

floored as (

    select
        *,
        cast(floor(exact_share_usd * 100) as decimal(38, 0)) * 0.01 as floored_share_usd
    from exact_shares

),

ranked as (

    select
        *,
        cast((shortfall_usd - sum(floored_share_usd) over (partition by minimum_fee_period_id)) * 100 as integer)
            as cents_left_over,
        row_number() over (
            partition by minimum_fee_period_id
            order by exact_share_usd - floored_share_usd desc, fund_id asc
        ) as remainder_rank
    from floored

),

final as (

    select
        {{ fund_fees.compound_key(['minimum_fee_period_id', 'fund_id']) }} as minimum_fee_allocation_id,
        minimum_fee_period_id,
        agreement_id,
        fund_id,
        true_up_month_start as month_start,
        shortfall_usd,
        allocation_key_value,
        exact_share_usd,
        cast(
            floored_share_usd + case when remainder_rank <= cents_left_over then 0.01 else 0 end
            as decimal(38, 2)
        ) as minimum_true_up_usd
    from ranked

)

select * from final
