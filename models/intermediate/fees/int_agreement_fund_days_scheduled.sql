-- Fee-rules R8: a fund-day accrues under a fee agreement only when the fund is on that
-- agreement's roster (Schedule A) that day and a base fee schedule (Schedule B) is in
-- effect for it; an amended schedule replaces the earlier one from its effective date.
-- A view: one step of the fund-day pricing that int_daily_fees_accrued stores once.
{{ config(materialized='view') }}
with

fund_days as (

    select * from {{ ref('int_fund_days_carried_forward') }}

),

coverage as (

    select * from {{ ref('int_agreement_fund_coverage_dated') }}

),

agreements as (

    select * from {{ ref('stg_agreements__agreements') }}

),

schedules as (

    -- base schedules with their last day, derived in the dating core
    select
        version_id as schedule_id,
        agreement_id,
        fund_id,
        effective_from,
        effective_to
    from {{ ref('int_versions_dated') }}
    where version_source = 'fee_schedule' and version_scope = 'base'

),

covered as (

    select
        coverage.agreement_id,
        coverage.roster_id,
        fund_days.fund_id,
        fund_days.calendar_date as accrual_date,
        fund_days.net_assets_usd,
        fund_days.is_carried_forward
    from fund_days
    inner join coverage
        on
            fund_days.fund_id = coverage.fund_id
            and fund_days.calendar_date >= coverage.covered_from
            and (coverage.covered_to is null or fund_days.calendar_date <= coverage.covered_to)

),

scheduled as (

    select
        covered.agreement_id,
        agreements.fee_type,
        agreements.payer_party_id,
        agreements.payee_party_id,
        agreements.day_count_convention,
        agreements.tier_basis,
        covered.roster_id,
        covered.fund_id,
        covered.accrual_date,
        {{ fund_fees.month_start('covered.accrual_date') }} as month_start,
        covered.net_assets_usd,
        covered.is_carried_forward,
        schedules.schedule_id as base_schedule_id
    from covered
    inner join agreements
        on covered.agreement_id = agreements.agreement_id
    inner join schedules
        on
            covered.agreement_id = schedules.agreement_id
            and covered.fund_id = schedules.fund_id
            and covered.accrual_date >= schedules.effective_from
            and (schedules.effective_to is null or covered.accrual_date <= schedules.effective_to)
    where agreements.fee_type is not null

)

select * from scheduled
