-- Fee-rules R1: every calendar day from a fund's first net-asset figure through the
-- accrual end date (or its termination date, if earlier) gets a net-asset figure;
-- a day without one (weekend, holiday) carries the most recent earlier figure forward.
-- Each figure is expanded to the days it holds: from its own date to the day before the
-- fund's next figure (its last one: to the fund's last accrual day). One window over the
-- figures, no calendar spine joined back to them (which hashed every figure and windowed
-- every calendar day; DECISIONLOG D29).
--
-- Incremental on (fund_id, calendar_date) (DECISIONLOG D30). A run compares the input's
-- figures with the figures this table recorded (the days that are not carried forward)
-- and recomputes, per fund, every day from the first that changed: the date of the
-- earliest figure restated, added or removed, else the day after the fund's last recorded
-- day when the accrual end moved on (a new day), else nothing; a fund never recorded from
-- its first figure. computed_at is the run that computed the row: int_daily_fees_accrued
-- prices the days computed since its own latest accrual (fund_fees.accrual_restated_days).
-- A recorded day that the input no longer holds (a fund's first figures or its last days
-- removed, the accrual end moved back) is not deleted by an incremental run: the test
-- assert_fund_days_span_each_fund_once stops the build and names the fund; `dbt build
-- --full-refresh` rebuilds.
{{ config(
    materialized=fund_fees.accrual_materialization(),
    incremental_strategy='delete+insert',
    unique_key=['fund_id', 'calendar_date'],
    on_schema_change='fail'
) }}
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

input_figures as (

    -- a figure that is not a number (a null cell, refused by the validation rules before
    -- this model runs) holds no day of its own: the figure before it carries over it
    select
        net_assets.fund_id,
        net_assets.as_of_date,
        net_assets.net_assets_usd,
        fund_bounds.last_accrual_date
    from net_assets
    inner join fund_bounds
        on net_assets.fund_id = fund_bounds.fund_id
    where
        net_assets.as_of_date is not null
        and net_assets.net_assets_usd is not null
        and net_assets.as_of_date <= fund_bounds.last_accrual_date

),

{% if is_incremental() %}

    recorded_figures as (

        -- the figures the last run expanded: each holds its own day (not carried forward)
        select
            fund_id,
            calendar_date as as_of_date,
            net_assets_usd
        from {{ this }}
        where not is_carried_forward

    ),

    figures_changed as (

        -- per fund: the earliest figure restated (another value), added or removed
        select
            coalesce(input_figures.fund_id, recorded_figures.fund_id) as fund_id,
            min(coalesce(input_figures.as_of_date, recorded_figures.as_of_date)) as first_changed_date
        from input_figures
        full outer join recorded_figures
            on
                input_figures.fund_id = recorded_figures.fund_id
                and input_figures.as_of_date = recorded_figures.as_of_date
        where input_figures.net_assets_usd is distinct from recorded_figures.net_assets_usd
        group by coalesce(input_figures.fund_id, recorded_figures.fund_id)

    ),

    recorded_ends as (

        select
            fund_id,
            max(calendar_date) as last_recorded_date
        from {{ this }}
        group by fund_id

    ),

    restated as (

        -- per fund: the first day to recompute (none: the fund is left as recorded)
        select
            fund_bounds.fund_id,
            fund_bounds.last_accrual_date,
            case
                when recorded_ends.fund_id is null then cast('1900-01-01' as date)
                when figures_changed.first_changed_date <= recorded_ends.last_recorded_date
                    then figures_changed.first_changed_date
                when
                    fund_bounds.last_accrual_date > recorded_ends.last_recorded_date
                    or figures_changed.first_changed_date is not null
                    then {{ fund_fees.add_days('recorded_ends.last_recorded_date', 1) }}
            end as restate_from
        from fund_bounds
        left join recorded_ends
            on fund_bounds.fund_id = recorded_ends.fund_id
        left join figures_changed
            on fund_bounds.fund_id = figures_changed.fund_id

    ),

    figures_to_expand as (

        -- the restated funds' figures from their first day to recompute, read from the model
        -- (not the CTE input_figures: DuckDB stores a CTE read twice) ...
        select
            net_assets.fund_id,
            net_assets.as_of_date,
            net_assets.net_assets_usd,
            restated.last_accrual_date,
            restated.restate_from
        from {{ ref('stg_net_assets__daily') }} as net_assets
        inner join restated
            on net_assets.fund_id = restated.fund_id
        where
            net_assets.as_of_date is not null
            and net_assets.net_assets_usd is not null
            and net_assets.as_of_date >= restated.restate_from
            and net_assets.as_of_date <= restated.last_accrual_date
        union all
        -- ... and the figure that holds the day before, as recorded (nothing before that day
        -- changed), to carry over the first days to recompute
        select
            recorded.fund_id,
            recorded.net_assets_as_of_date as as_of_date,
            recorded.net_assets_usd,
            restated.last_accrual_date,
            restated.restate_from
        from {{ this }} as recorded
        inner join restated
            on
                recorded.fund_id = restated.fund_id
                and recorded.calendar_date = {{ fund_fees.add_days('restated.restate_from', -1) }}

    ),

{% else %}

    figures_to_expand as (

        select
            *,
            cast(null as date) as restate_from
        from input_figures

    ),

{% endif %}

figures as (

    select
        fund_id,
        as_of_date,
        net_assets_usd,
        case when restate_from > as_of_date then restate_from else as_of_date end as first_held_date,
        coalesce(
            {{ fund_fees.add_days(
                'lead(as_of_date) over (partition by fund_id order by as_of_date)', -1) }},
            last_accrual_date
        ) as last_held_date
    from figures_to_expand

),

carried_forward as (

    select
        fund_id,
        {{ fund_fees.expand_days('first_held_date', 'last_held_date') }} as calendar_date,
        net_assets_usd,
        as_of_date as net_assets_as_of_date
    from figures
    -- a figure recorded before the first day to recompute and replaced on that day holds none
    where first_held_date <= last_held_date

),

final as (

    select
        fund_id,
        calendar_date,
        net_assets_usd,
        net_assets_as_of_date,
        calendar_date <> net_assets_as_of_date as is_carried_forward,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as timestamp) as computed_at
    from carried_forward

)

select * from final
