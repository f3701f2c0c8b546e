-- Rule: every net-asset row has a fund, a date and a value (a blank cell is null).
select
    case
        when fund_id is null then 'fund_id is null'
        when as_of_date_text is null then 'as_of_date is null'
        else 'net_assets_usd is null'
    end as failure_reason,
    source_file,
    fund_id,
    as_of_date_text as as_of_date,
    net_assets_text as net_assets_usd
from {{ ref('stg_net_assets__daily') }}
where fund_id is null or as_of_date_text is null or net_assets_text is null
