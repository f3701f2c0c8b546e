-- When each fund starts and stops accruing (fee-rules R1, R6, contract dim_funds).
-- Inception = the date initial capital was provided: the documents give none, so the
-- funds seed's inception_date when filled in, else the fund's first net-asset date.
-- Termination comes only from the funds seed (the last day that accrues).
with

funds as (

    select * from {{ ref('stg_agreements__funds') }}

),

net_assets as (

    select * from {{ ref('stg_net_assets__daily') }}

),

net_asset_ranges as (

    select
        fund_id,
        min(as_of_date) as first_net_asset_date,
        max(as_of_date) as last_net_asset_date,
        count(*) as net_asset_days_reported
    from net_assets
    group by fund_id

),

final as (

    select
        funds.fund_id,
        coalesce(funds.inception_date, net_asset_ranges.first_net_asset_date) as inception_date,
        case
            when funds.inception_date is not null then 'funds_seed'
            when net_asset_ranges.first_net_asset_date is not null then 'first_net_asset_date'
        end as inception_source,
        funds.termination_date,
        net_asset_ranges.first_net_asset_date,
        net_asset_ranges.last_net_asset_date,
        coalesce(net_asset_ranges.net_asset_days_reported, 0) as net_asset_days_reported
    from funds
    left join net_asset_ranges
        on funds.fund_id = net_asset_ranges.fund_id

)

select * from final
