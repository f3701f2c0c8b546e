-- Rule: every fund_id is a fund of seeds/agreements/funds.csv.
select
    'fund_id is not a known fund (seeds/agreements/funds.csv)' as failure_reason,
    net_assets.source_file,
    net_assets.fund_id,
    {{ fund_fees.net_assets_cell('as_of_date', 'net_assets') }} as as_of_date,
    {{ fund_fees.net_assets_cell('net_assets_usd', 'net_assets') }} as net_assets_usd
from {{ ref('stg_net_assets__daily') }} as net_assets
left join {{ ref('stg_agreements__funds') }} as funds
    on net_assets.fund_id = funds.fund_id
where net_assets.fund_id is not null and funds.fund_id is null
