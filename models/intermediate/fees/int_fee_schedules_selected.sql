-- Fee-rules R4 (second half): the schedule that prices each agreement-fund-day and the
-- assets its tiers apply to.
-- fee_basis 'schedule_switch' (Invesco): combined assets above the threshold select the
--   alternate schedule; the tiers still apply to the fund's own assets.
-- fee_basis 'pro_rata': the alternate schedule's tiers apply to the combined assets and
--   the fund pays its share (own / combined) of that fee.
-- No rule: the base schedule on the fund's own assets.
-- A view: one step of the fund-day pricing that int_daily_fees_accrued stores once.
{{ config(materialized='view') }}
with

scheduled as (

    select * from {{ ref('int_agreement_fund_days_scheduled') }}

),

rules as (

    select * from {{ ref('stg_agreements__combined_asset_rules') }}

),

combined as (

    select * from {{ ref('int_combined_net_assets_summed') }}

),

with_rule as (

    select
        scheduled.*,
        rules.rule_id as combined_asset_rule_id,
        rules.fee_basis,
        rules.threshold_usd,
        rules.threshold_comparison,
        rules.alternate_schedule_id,
        combined.combined_net_assets_usd
    from scheduled
    left join rules
        on
            scheduled.agreement_id = rules.agreement_id
            and scheduled.fund_id = rules.fund_id
            and scheduled.accrual_date >= rules.effective_from
    left join combined
        on
            rules.asset_group_id = combined.asset_group_id
            and scheduled.accrual_date = combined.calendar_date

),

selected as (

    select
        agreement_id,
        fee_type,
        payer_party_id,
        payee_party_id,
        day_count_convention,
        tier_basis,
        roster_id,
        fund_id,
        accrual_date,
        month_start,
        net_assets_usd,
        is_carried_forward,
        base_schedule_id,
        combined_asset_rule_id,
        fee_basis,
        combined_net_assets_usd,
        case
            when fee_basis = 'pro_rata' then alternate_schedule_id
            when
                fee_basis = 'schedule_switch' and threshold_comparison = 'gt'
                and combined_net_assets_usd > threshold_usd then alternate_schedule_id
            when
                fee_basis = 'schedule_switch' and threshold_comparison = 'gte'
                and combined_net_assets_usd >= threshold_usd then alternate_schedule_id
            else base_schedule_id
        end as schedule_id,
        case
            when fee_basis = 'pro_rata' then combined_net_assets_usd
            else net_assets_usd
        end as tier_basis_assets_usd,
        coalesce(fee_basis = 'pro_rata', false) as is_pro_rata
    from with_rule

)

select * from selected
