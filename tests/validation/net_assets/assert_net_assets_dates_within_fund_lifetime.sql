-- Rule: no figure is dated before the fund's inception or after its termination
-- (seeds/agreements/funds.csv, where given). A stray early row would carry forward for years.
select
    case
        when net_assets.as_of_date < funds.inception_date
            then
                'as_of_date is before the fund''s inception on '
                || cast(funds.inception_date as {{ dbt.type_string() }})
        else
            'as_of_date is after the fund''s termination on '
            || cast(funds.termination_date as {{ dbt.type_string() }})
    end as failure_reason,
    net_assets.source_file,
    net_assets.fund_id,
    {{ fund_fees.net_assets_cell('as_of_date', 'net_assets') }} as as_of_date,
    {{ fund_fees.net_assets_cell('net_assets_usd', 'net_assets') }} as net_assets_usd
from {{ ref('stg_net_assets__daily') }} as net_assets
inner join {{ ref('stg_agreements__funds') }} as funds
    on net_assets.fund_id = funds.fund_id
where
    net_assets.as_of_date < funds.inception_date
    or net_assets.as_of_date > funds.termination_date
