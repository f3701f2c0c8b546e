-- fee-rules R7 (with R2, R3): each expense schedule of a fund (its expense limitation
-- ratio and each of its other expenses) priced through the core (fund_fees.price_on_tiers,
-- the same tier rule as the fees) on the net assets of every day the fund accrues an
-- advisory fee. One row per agreement, fund, day and expense schedule.
-- Rows marked is_illustrative apply only to the shipped net-asset sample (var net_assets_path null).
with

advisory_days as (
    select
        agreement_id,
        fund_id,
        accrual_date,
        net_assets_usd,
        days_in_year,
        daily_accrual_usd
    from {{ ref('int_daily_fees_accrued') }}
    where fee_type = 'advisory'
),

schedules as (
    select * from {{ ref('stg_waivers__expense_schedules') }}
    {%- if var('net_assets_path', none) is not none %}
        -- the illustrative expense figures go with the illustrative net assets only:
        -- with real net assets (var net_assets_path) only non-illustrative rows apply
        where not is_illustrative
    {%- endif %}
),

versions as (
    -- each expense schedule's last day, from the dating core
    select * from {{ ref('int_versions_dated') }}
    where version_source = 'expense_schedule'
),

categories as (
    select * from {{ ref('stg_waivers__expense_categories') }}
),

schedule_days as (
    select
        advisory_days.agreement_id,
        advisory_days.fund_id,
        advisory_days.accrual_date,
        advisory_days.net_assets_usd,
        advisory_days.days_in_year,
        advisory_days.daily_accrual_usd as advisory_fee_usd,
        schedules.expense_schedule_id,
        schedules.schedule_kind,
        schedules.expense_category_id,
        coalesce(categories.is_excluded_from_limitation, false) as is_excluded_from_limitation
    from advisory_days
    inner join schedules
        on advisory_days.fund_id = schedules.fund_id
    inner join versions
        on
            schedules.expense_schedule_id = versions.version_id
            and advisory_days.accrual_date >= versions.effective_from
            and (versions.effective_to is null or advisory_days.accrual_date <= versions.effective_to)
    left join categories
        on schedules.expense_category_id = categories.expense_category_id
),

priced as (
    {{ fund_fees.price_on_tiers(
        'schedule_days', 'net_assets_usd', schedule_id='expense_schedule_id', schedule_source='expense_schedule'
    ) }}
),

final as (
    select
        agreement_id,
        fund_id,
        accrual_date,
        net_assets_usd,
        days_in_year,
        advisory_fee_usd,
        expense_schedule_id,
        schedule_kind,
        expense_category_id,
        is_excluded_from_limitation,
        tier_method,
        tier_number,
        annual_amount_usd,
        {{ fund_fees.divide_by_day_count('annual_amount_usd', 'days_in_year', amount_units='annual_amount_units') }}
            as daily_amount_usd
    from priced
)

select * from final
