-- Rule: no figure is dated after var('as_of_date_max') (default: today, current_date).
-- One stray far-future row would make every fund accrue to that date.
{% set as_of_date_max = var('as_of_date_max', none) %}
select
    'as_of_date is after {{ as_of_date_max or "today" }}' as failure_reason,
    source_file,
    fund_id,
    {{ fund_fees.net_assets_cell('as_of_date') }} as as_of_date,
    {{ fund_fees.net_assets_cell('net_assets_usd') }} as net_assets_usd
from {{ ref('stg_net_assets__daily') }}
where as_of_date > {{ "cast('" ~ as_of_date_max ~ "' as date)" if as_of_date_max else "current_date" }}
