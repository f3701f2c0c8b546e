-- Rule: net_assets_usd is a finite decimal number that fits decimal(24, 6):
-- not text, not NaN or an infinity, not beyond 18 integer digits.
with

checked as (

    select
        *,
        {{ fund_fees.try_cast('net_assets_text', 'double') }} as value_as_double
    from {{ ref('stg_net_assets__daily') }}
    where net_assets_text is not null and net_assets_usd is null

)

select
    case
        when lower(net_assets_text) in ('nan', '+nan', '-nan') then 'net_assets_usd is NaN'
        when lower(net_assets_text) in ('inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity')
            then 'net_assets_usd is infinite'
        when value_as_double is null then 'net_assets_usd is not a number'
        else 'net_assets_usd is out of range for decimal(24, 6)'
    end as failure_reason,
    source_file,
    fund_id,
    {{ fund_fees.net_assets_cell('as_of_date') }} as as_of_date,
    {{ fund_fees.net_assets_cell('net_assets_usd') }} as net_assets_usd
from checked
