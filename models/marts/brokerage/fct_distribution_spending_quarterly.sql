-- Brokerage Enhancement Plan, section 2: amounts spent per calendar quarter, plan version
-- and purpose (unified list), with the purpose's numeral and text in the version in force.
-- permitted = counted spending; the rest (charged to a fund off the roster, on or after
-- Rule 12b-1(h), or outside the plan's life) is shown apart.
with

expenditures as (
    select * from {{ ref('int_distribution_expenditures_classified') }}
),

grouped as (
    select
        quarter_start,
        coalesce(plan_document_id, 'none') as plan_document_id,
        purpose_id,
        max(purpose_name) as purpose_name,
        max(item_numeral) as item_numeral,
        max(purpose_printed_text) as purpose_printed_text,
        min(case when is_purpose_enumerated_in_plan then 1 else 0 end) = 1 as is_purpose_enumerated_in_plan,
        count(*) as expenditure_count,
        sum(amount_usd) as amount_spent_usd,
        sum(case when is_counted_as_permitted then amount_usd else 0 end) as permitted_amount_usd,
        sum(case when not is_counted_as_permitted then amount_usd else 0 end) as excluded_amount_usd,
        sum(case when is_fund_on_roster = false then 1 else 0 end) as off_roster_expenditure_count,
        sum(case when is_on_or_after_rule_12b1h then 1 else 0 end) as post_rule_12b1h_expenditure_count
    from expenditures
    group by
        quarter_start,
        coalesce(plan_document_id, 'none'),
        purpose_id
),

final as (
    select
        {{ fund_fees.compound_key([
            'quarter_start', 'plan_document_id', 'purpose_id'
        ]) }} as spending_quarter_purpose_id,
        quarter_start,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 3, 'quarter_start')) }} as date) as quarter_end,
        plan_document_id,
        purpose_id,
        purpose_name,
        item_numeral,
        purpose_printed_text,
        is_purpose_enumerated_in_plan,
        cast(expenditure_count as integer) as expenditure_count,
        {{ fund_fees.round_money('amount_spent_usd') }} as amount_spent_usd,
        {{ fund_fees.round_money('permitted_amount_usd') }} as permitted_amount_usd,
        {{ fund_fees.round_money('excluded_amount_usd') }} as excluded_amount_usd,
        off_roster_expenditure_count > 0 as has_off_roster_activity,
        post_rule_12b1h_expenditure_count > 0 as has_post_rule_12b1h_activity
    from grouped
)

select * from final
