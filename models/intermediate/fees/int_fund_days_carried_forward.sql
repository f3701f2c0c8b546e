-- Fee-rules R1: every calendar day from a fund's first net-asset figure through the
-- accrual end date (or its termination date, if earlier) gets a net-asset figure;
-- a day without one (weekend, holiday) carries the most recent earlier figure forward.
-- Each figure is expanded to the days it holds: from its own date to the day before the
-- fund's next figure (its last one: to the fund's last accrual day). One window over the
-- figures, no calendar spine joined back to them (which hashed every figure and windowed
-- every calendar day; DECISIONLOG D29).
with

net_assets as (

    select * from {{ ref('stg_net_assets__daily') }}

),

lifetimes as (

    select * from {{ ref('int_fund_lifetimes_derived') }}

),

accrual_end as (

    select * from {{ ref('int_accrual_end_date_derived') }}

),

fund_bounds as (

    select
        lifetimes.fund_id,
        case
            when lifetimes.termination_date < accrual_end.accrual_end_date then lifetimes.termination_date
            else accrual_end.accrual_end_date
        end as last_accrual_date
    from lifetimes
    cross join accrual_end
    where lifetimes.first_net_asset_date is not null

),

figures as (

    -- a figure that is not a number (a null cell, refused by the validation rules before
    -- this model runs) holds no day of its own: the figure before it carries over it
    select
        net_assets.fund_id,
        net_assets.as_of_date,
        net_assets.net_assets_usd,
        fund_bounds.last_accrual_date,
        lead(net_assets.as_of_date) over (
            partition by net_assets.fund_id order by net_assets.as_of_date
        ) as next_as_of_date
    from net_assets
    inner join fund_bounds
        on net_assets.fund_id = fund_bounds.fund_id
    where
        net_assets.as_of_date is not null
        and net_assets.net_assets_usd is not null
        and net_assets.as_of_date <= fund_bounds.last_accrual_date

),

carried_forward as (

    select
        fund_id,
        {{ fund_fees.expand_days(
            'as_of_date',
            'case when next_as_of_date <= last_accrual_date then '
            ~ fund_fees.add_days('next_as_of_date', -1) ~ ' else last_accrual_date end'
        ) }} as calendar_date,
        net_assets_usd,
        as_of_date as net_assets_as_of_date
    from figures

),

final as (

    select
        fund_id,
        calendar_date,
        net_assets_usd,
        net_assets_as_of_date,
        calendar_date <> net_assets_as_of_date as is_carried_forward
    from carried_forward

)

select * from final
