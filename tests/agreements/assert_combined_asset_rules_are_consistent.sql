-- A combined-asset rule's alternate schedule is a combined_asset_alternate of the same agreement and
-- fund, in effect from the rule's date, and the fund belongs to the asset group it combines with.
with

rules as (

    select * from {{ ref('stg_agreements__combined_asset_rules') }}

),

schedules as (

    select * from {{ ref('stg_agreements__fee_schedules') }}

),

asset_groups as (

    select * from {{ ref('stg_agreements__asset_groups') }}

),

checked as (

    select
        rules.rule_id,
        case
            when schedules.schedule_id is null then 'alternate schedule not found'
            when schedules.schedule_role != 'combined_asset_alternate'
                then 'alternate schedule is not a combined_asset_alternate'
            when schedules.agreement_id != rules.agreement_id or schedules.fund_id != rules.fund_id
                then 'alternate schedule belongs to another agreement or fund'
            when schedules.effective_from != rules.effective_from
                then 'alternate schedule and rule start on different dates'
            when asset_groups.asset_group_member_id is null then 'fund is not in its asset group'
            when
                rules.fee_basis = 'schedule_switch'
                and (rules.threshold_usd is null or rules.threshold_comparison is null)
                then 'schedule_switch rule without threshold'
        end as failure_reason
    from rules
    left join schedules
        on rules.alternate_schedule_id = schedules.schedule_id
    left join asset_groups
        on
            rules.asset_group_id = asset_groups.asset_group_id
            and rules.fund_id = asset_groups.fund_id

)

select * from checked
where failure_reason is not null
