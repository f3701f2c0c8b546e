-- Rule: a fund's figures are not stale: between two of its figures, or after its last one,
-- other funds report on at most var('net_assets_max_stale_business_days') dates (default 5
-- business days). A fund that terminated is not stale after its termination.
{% set max_stale = var('net_assets_max_stale_business_days', 5) | int %}

with

net_assets as (

    -- every row, not distinct (a hash of every figure): a repeated fund and date (the rule
    -- assert_net_assets_fund_dates_are_unique names it) only adds a gap of no dates
    select
        fund_id,
        as_of_date
    from {{ ref('stg_net_assets__daily') }}
    where fund_id is not null and as_of_date is not null

),

reporting_dates as (

    -- read from staging again, not from `net_assets`: DuckDB materializes a CTE read twice
    select
        as_of_date,
        dense_rank() over (order by as_of_date) as date_rank
    from (
        select distinct as_of_date
        from {{ ref('stg_net_assets__daily') }}
        where fund_id is not null and as_of_date is not null
    ) as dates

),

last_rank as (

    select max(date_rank) as last_date_rank from reporting_dates

),

fund_figures as (

    select
        net_assets.fund_id,
        net_assets.as_of_date,
        reporting_dates.date_rank,
        lead(net_assets.as_of_date) over (
            partition by net_assets.fund_id order by net_assets.as_of_date
        ) as next_as_of_date,
        lead(reporting_dates.date_rank) over (
            partition by net_assets.fund_id order by net_assets.as_of_date
        ) as next_date_rank
    from net_assets
    inner join reporting_dates
        on net_assets.as_of_date = reporting_dates.as_of_date

),

gaps as (

    select
        fund_figures.fund_id,
        fund_figures.as_of_date,
        fund_figures.next_as_of_date,
        coalesce(fund_figures.next_date_rank, last_rank.last_date_rank + 1)
        - fund_figures.date_rank - 1 as dates_without_figure
    from fund_figures
    cross join last_rank
    left join {{ ref('stg_agreements__funds') }} as funds
        on fund_figures.fund_id = funds.fund_id
    where
        funds.termination_date is null
        or funds.termination_date > fund_figures.as_of_date

)

select
    'no figure on the next ' || cast(dates_without_figure as {{ dbt.type_string() }})
    || ' dates other funds report (more than {{ max_stale }})' as failure_reason,
    fund_id,
    cast(as_of_date as {{ dbt.type_string() }}) as last_figure_date,
    cast(next_as_of_date as {{ dbt.type_string() }}) as next_figure_date
from gaps
where dates_without_figure > {{ max_stale }}
