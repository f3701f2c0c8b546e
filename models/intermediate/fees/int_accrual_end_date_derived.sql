-- Fee-rules R1: the last day that accrues. One row.
-- The var accrue_through when set; otherwise the latest net-asset date, extended over
-- the Saturday and Sunday that immediately follow it while they stay in its month.
with

net_assets as (

    select * from {{ ref('stg_net_assets__daily') }}

),

latest as (

    select max(as_of_date) as latest_net_asset_date
    from net_assets

),

candidates as (

    select
        latest_net_asset_date,
        {{ fund_fees.add_days('latest_net_asset_date', 1) }} as next_day,
        {{ fund_fees.add_days('latest_net_asset_date', 2) }} as day_after_next
    from latest

),

weekend_extended as (

    select
        latest_net_asset_date,
        case
            when
                {{ fund_fees.iso_day_of_week('next_day') }} in (6, 7)
                and {{ fund_fees.month_start('next_day') }} = {{ fund_fees.month_start('latest_net_asset_date') }}
                and {{ fund_fees.iso_day_of_week('day_after_next') }} = 7
                and {{ fund_fees.month_start('day_after_next') }}
                = {{ fund_fees.month_start('latest_net_asset_date') }}
                then day_after_next
            when
                {{ fund_fees.iso_day_of_week('next_day') }} in (6, 7)
                and {{ fund_fees.month_start('next_day') }} = {{ fund_fees.month_start('latest_net_asset_date') }}
                then next_day
            else latest_net_asset_date
        end as data_accrual_end_date
    from candidates

),

final as (

    select
        'accrual_end' as accrual_end_id,
        latest_net_asset_date,
        {% if var('accrue_through') %}
            cast('{{ var("accrue_through") }}' as date) as accrual_end_date,
            'var_accrue_through' as accrual_end_source
        {% else %}
            data_accrual_end_date as accrual_end_date,
            case
                when data_accrual_end_date = latest_net_asset_date then 'latest_net_asset_date'
                else 'weekend_after_latest_net_asset_date'
            end as accrual_end_source
        {% endif %}
    from weekend_extended

)

select * from final
