-- Rule: as_of_date is a calendar date written YYYY-MM-DD (or a midnight timestamp, read
-- in UTC). '13/03/2013', '2013-02-30' or a time of day are refused with their row.
select
    'as_of_date is not a valid date (YYYY-MM-DD)' as failure_reason,
    source_file,
    fund_id,
    {{ fund_fees.net_assets_cell('as_of_date') }} as as_of_date,
    {{ fund_fees.net_assets_cell('net_assets_usd') }} as net_assets_usd
from {{ ref('stg_net_assets__daily') }}
where as_of_date_text is not null and as_of_date is null
