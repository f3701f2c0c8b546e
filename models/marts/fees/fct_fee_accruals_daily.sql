-- One row per agreement, fund and calendar day accrued (contract.md).
-- Incremental on (agreement_id, fund_id, accrual_date): a run copies only the rows that
-- int_daily_fees_accrued (re)computed since this table last took rows (its accrued_at:
-- one run, or more if a build stopped in between), replacing those already here.
{{ config(
    materialized=fund_fees.accrual_materialization(),
    incremental_strategy='delete+insert',
    unique_key=['agreement_id', 'fund_id', 'accrual_date'],
    on_schema_change='fail'
) }}
with

daily as (

    select * from {{ ref('int_daily_fees_accrued') }}
    {{ fund_fees.accrued_after_this_table() }}

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
