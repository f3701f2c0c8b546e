-- Rule: a combined-asset rule names a fund of funds.csv and an asset group of
-- asset_groups.csv, and every member of an asset group is a known fund.
with

funds as (

    select fund_id from {{ ref('stg_agreements__funds') }}

),

groups as (

    select * from {{ ref('stg_agreements__asset_groups') }}

)

select
    'rule names an unknown asset group' as failure_reason,
    rules.rule_id as row_id,
    rules.asset_group_id,
    rules.fund_id
from {{ ref('stg_agreements__combined_asset_rules') }} as rules
where rules.asset_group_id not in (select groups.asset_group_id from groups)

union all

select
    'rule names an unknown fund' as failure_reason,
    rules.rule_id as row_id,
    rules.asset_group_id,
    rules.fund_id
from {{ ref('stg_agreements__combined_asset_rules') }} as rules
where rules.fund_id not in (select funds.fund_id from funds)

union all

select
    'asset group member is an unknown fund' as failure_reason,
    groups.asset_group_member_id as row_id,
    groups.asset_group_id,
    groups.fund_id
from groups
where groups.fund_id not in (select funds.fund_id from funds)
