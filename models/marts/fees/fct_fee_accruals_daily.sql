-- One row per agreement, fund and calendar day accrued (contract.md).
-- A view over int_daily_fees_accrued, the incremental table that prices every
-- agreement-fund-day (incremental on agreement_id, fund_id, accrual_date: a new day appends,
-- a restated day recomputes its month): the daily rows are stored once. Named without the
-- database (fund_fees.relation_in_this_file), the view reads the table of the file that
-- holds it, so the published warehouse keeps it as a view (meta published_as: view;
-- macros/publish/publish_warehouse.sql).
{{ config(materialized='view', meta={'published_as': 'view'}) }}
with

daily as (

    select * from {{ fund_fees.relation_in_this_file(ref('int_daily_fees_accrued')) }}

),

final as (

    select
        cast(agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(fee_type as {{ dbt.type_string() }}) as fee_type,
        cast(payer_party_id as {{ dbt.type_string() }}) as payer,
        cast(payee_party_id as {{ dbt.type_string() }}) as payee,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(accrual_date as date) as accrual_date,
        cast(month_start as date) as month_start,
        cast(net_assets_usd as decimal(24, 6)) as net_assets_usd,
        cast(is_carried_forward as boolean) as is_carried_forward,
        cast(roster_id as {{ dbt.type_string() }}) as roster_id,
        cast(schedule_id as {{ dbt.type_string() }}) as schedule_id,
        cast(combined_net_assets_usd as decimal(38, 6)) as combined_net_assets_usd,
        cast(tier_basis_assets_usd as decimal(38, 6)) as tier_basis_assets_usd,
        cast(annual_fee_usd as decimal(38, 14)) as annual_fee_usd,
        cast(day_count_convention as {{ dbt.type_string() }}) as day_count_convention,
        cast(days_in_year as integer) as days_in_year,
        cast(daily_accrual_usd as decimal(38, 18)) as daily_accrual_usd,
        cast(accrued_at as timestamp) as accrued_at
    from daily

)

select * from final
