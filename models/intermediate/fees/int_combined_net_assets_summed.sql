-- Fee-rules R4 (first half): a group's combined net assets on each day, the sum of its
-- member funds' R1 figures that day. A fund with no net assets yet, or already
-- terminated, has no fund-day and so adds nothing.
-- Example (Invesco Schedule B, footnotes * and **): Global Real Estate $240M +
-- International Growth $280M + Large Cap Growth $300M + Small Cap Growth $150M
-- = $970M combined: not greater than $1 billion, so both use their base schedules.
with

fund_days as (

    select * from {{ ref('int_fund_days_carried_forward') }}

),

asset_groups as (

    select * from {{ ref('stg_agreements__asset_groups') }}

),

summed as (

    select
        asset_groups.asset_group_id,
        fund_days.calendar_date,
        sum(fund_days.net_assets_usd) as combined_net_assets_usd,
        count(*) as funds_with_net_assets
    -- the fund-days on the left: joins hash their right-hand side (profiles.yml), here the
    -- few group members, not every fund-day
    from fund_days
    inner join asset_groups
        on fund_days.fund_id = asset_groups.fund_id
    group by
        asset_groups.asset_group_id,
        fund_days.calendar_date

),

final as (

    select
        asset_group_id,
        calendar_date,
        combined_net_assets_usd,
        funds_with_net_assets
    from summed

)

select * from final
