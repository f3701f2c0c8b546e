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
    as_of_date_text as as_of_date,
    net_assets_text as net_assets_usd
from checked
