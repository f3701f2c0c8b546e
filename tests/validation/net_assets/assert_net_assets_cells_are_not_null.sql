-- Rule: every net-asset row has a fund, a date and a value (a blank cell is null).
select
    case
        when fund_id is null then 'fund_id is null'
        when as_of_date is null and as_of_date_text is null then 'as_of_date is null'
        else 'net_assets_usd is null'
    end as failure_reason,
    source_file,
    fund_id,
    {{ fund_fees.net_assets_cell('as_of_date') }} as as_of_date,
    {{ fund_fees.net_assets_cell('net_assets_usd') }} as net_assets_usd
from {{ ref('stg_net_assets__daily') }}
where
    fund_id is null
    or (as_of_date is null and as_of_date_text is null)
    or (net_assets_usd is null and net_assets_text is null)
