-- Fee-rules R1: every calendar day from a fund's first net-asset figure through the
-- accrual end date (or its termination date, if earlier) gets a net-asset figure;
-- a day without one (weekend, holiday) carries the most recent earlier figure forward.
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
        lifetimes.first_net_asset_date as first_accrual_date,
        case
            when lifetimes.termination_date < accrual_end.accrual_end_date then lifetimes.termination_date
            else accrual_end.accrual_end_date
        end as last_accrual_date
    from lifetimes
    cross join accrual_end
    where lifetimes.first_net_asset_date is not null

),

spine as (

    select
        fund_id,
        {{ fund_fees.expand_days('first_accrual_date', 'last_accrual_date') }} as calendar_date
    from fund_bounds
    where first_accrual_date <= last_accrual_date

),

reported as (

    select
        spine.fund_id,
        spine.calendar_date,
        net_assets.net_assets_usd as reported_net_assets_usd,
        net_assets.as_of_date as reported_as_of_date
    from spine
    left join net_assets
        on
            spine.fund_id = net_assets.fund_id
            and spine.calendar_date = net_assets.as_of_date

),

carried_forward as (

    select
        fund_id,
        calendar_date,
        {{ fund_fees.last_value_ignore_nulls('reported_net_assets_usd') }} over (
            partition by fund_id order by calendar_date
            rows between unbounded preceding and current row
        ) as net_assets_usd,
        {{ fund_fees.last_value_ignore_nulls('reported_as_of_date') }} over (
            partition by fund_id order by calendar_date
            rows between unbounded preceding and current row
        ) as net_assets_as_of_date,
        reported_net_assets_usd is null as is_carried_forward
    from reported

)

select * from carried_forward
