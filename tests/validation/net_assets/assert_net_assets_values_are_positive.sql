-- Rule: a fund's net assets are above zero (a zero or negative figure is a mistake).
select
    'net_assets_usd is not above zero' as failure_reason,
    source_file,
    fund_id,
    {{ fund_fees.net_assets_cell('as_of_date') }} as as_of_date,
    {{ fund_fees.net_assets_cell('net_assets_usd') }} as net_assets_usd
from {{ ref('stg_net_assets__daily') }}
where net_assets_usd <= 0
