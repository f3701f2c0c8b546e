-- The Distributor's quarterly written report to the Trustees (Brokerage Enhancement Plan,
-- section 6: "the amounts expended or benefits received and the purposes for which such
-- expenditures were made"), one line per item, calendar quarter by calendar quarter:
--   100 roster: the plan's roster at quarter end, funds entering and leaving the plan;
--   200 benefits_received: Brokerage Payments and Credits earned (counted only);
--   300 amounts_expended: permitted spending per purpose, numbered as in the version in force;
--   400 exceptions: activity of a fund not on the roster that day, activity on or after
--       Rule 12b-1(h) (effective 2004-10-14), spending for a purpose the version does not
--       enumerate; activity between the effective date and the compliance date (2004-12-13)
--       has its own lines (405, 415) and rule_12b1h_status 'before_compliance_date'.
with

coverage as (
    select * from {{ ref('dim_agreement_fund_coverage') }}
    where agreement_id = 'jnl_brokerage_enhancement_plan'
),

versions as (
    select * from {{ ref('int_plan_versions_dated') }}
),

transactions as (
    select * from {{ ref('int_directed_brokerage_transactions_flagged') }}
),

expenditures as (
    select * from {{ ref('int_distribution_expenditures_classified') }}
),

cutoffs as (
    select max(rule_12b1h_effective_date) as rule_12b1h_effective_date
    from versions
),

report_bounds as (
    -- from the plan's first roster through the last activity or the Rule 12b-1(h) date
    select
        min(versions.version_from) as first_day,
        greatest(
            max(cutoffs.rule_12b1h_effective_date),
            coalesce((select max(transactions.trade_date) from transactions), min(versions.version_from)),
            coalesce((select max(expenditures.expenditure_date) from expenditures), min(versions.version_from))
        ) as last_day
    from versions
    cross join cutoffs
),

report_days as (
    select {{ fund_fees.expand_days('first_day', 'last_day') }} as report_date
    from report_bounds
),

quarters as (
    select distinct
        cast({{ dbt.date_trunc('quarter', 'report_date') }} as date) as quarter_start
    from report_days
),

quarter_bounds as (
    select
        quarter_start,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 3, 'quarter_start')) }} as date) as quarter_end
    from quarters
),

roster_at_quarter_end as (
    select
        quarter_bounds.quarter_start,
        quarter_bounds.quarter_end,
        max(coverage.roster_id) as roster_id,
        max(coverage.document_id) as plan_document_id,
        count(distinct coverage.fund_id) as fund_count
    from quarter_bounds
    left join coverage
        on
            quarter_bounds.quarter_end >= coverage.covered_from
            and (coverage.covered_to is null or quarter_bounds.quarter_end <= coverage.covered_to)
    group by
        quarter_bounds.quarter_start,
        quarter_bounds.quarter_end
),

entries as (
    -- a fund enters the plan on the first day of a coverage row not preceded by coverage
    select
        entering.fund_id,
        entering.roster_id,
        entering.document_id as plan_document_id,
        entering.covered_from as event_date
    from coverage as entering
    left join coverage as earlier
        on
            entering.fund_id = earlier.fund_id
            and entering.covered_from > earlier.covered_from
            and (
                earlier.covered_to is null
                or earlier.covered_to >= {{ dbt.dateadd('day', -1, 'entering.covered_from') }}
            )
    where earlier.fund_id is null
),

exits as (
    -- a fund leaves the plan the day after a coverage row ends without another one following
    select
        leaving.fund_id,
        leaving.roster_id,
        leaving.document_id as plan_document_id,
        cast({{ dbt.dateadd('day', 1, 'leaving.covered_to') }} as date) as event_date
    from coverage as leaving
    left join coverage as later
        on
            leaving.fund_id = later.fund_id
            and leaving.covered_from < later.covered_from
            and later.covered_from <= {{ dbt.dateadd('day', 1, 'leaving.covered_to') }}
    where leaving.covered_to is not null and later.fund_id is null
),

benefit_totals as (
    select
        quarter_bounds.quarter_start,
        quarter_bounds.quarter_end,
        coalesce(sum(case when transactions.is_counted_as_earned then transactions.brokerage_payment_usd end), 0)
            as payments_usd,
        coalesce(sum(case when transactions.is_counted_as_earned then transactions.brokerage_credit_usd end), 0)
            as credits_usd
    from quarter_bounds
    left join transactions
        on quarter_bounds.quarter_start = transactions.quarter_start
    group by
        quarter_bounds.quarter_start,
        quarter_bounds.quarter_end
),

spending_by_purpose as (
    select
        quarter_start,
        plan_document_id,
        purpose_id,
        max(item_numeral) as item_numeral,
        max(coalesce(purpose_printed_text, purpose_name)) as purpose_text,
        sum(amount_usd) as amount_usd
    from expenditures
    where is_counted_as_permitted
    group by
        quarter_start,
        plan_document_id,
        purpose_id
),

spending_totals as (
    select
        quarter_bounds.quarter_start,
        quarter_bounds.quarter_end,
        coalesce(sum(case when expenditures.is_counted_as_permitted then expenditures.amount_usd end), 0)
            as expended_usd
    from quarter_bounds
    left join expenditures
        on quarter_bounds.quarter_start = expenditures.quarter_start
    group by
        quarter_bounds.quarter_start,
        quarter_bounds.quarter_end
),

roster_count_lines as (
    -- the plan roster in force at quarter end and how many funds it lists
    select
        quarter_start,
        quarter_end,
        'roster' as report_section,
        100 as line_order,
        'funds_on_roster' as line_type,
        'all' as line_key,
        quarter_end as event_date,
        cast(null as {{ dbt.type_string() }}) as fund_id,
        roster_id,
        plan_document_id,
        cast(null as {{ dbt.type_string() }}) as purpose_id,
        cast(null as {{ dbt.type_string() }}) as item_numeral,
        cast(null as {{ dbt.type_string() }}) as purpose_text,
        cast(null as decimal(24, 6)) as amount_usd,
        cast(fund_count as integer) as fund_count,
        cast(null as boolean) as is_counted_as_permitted,
        cast(null as boolean) as is_fund_on_roster,
        cast(null as boolean) as is_on_or_after_rule_12b1h,
        cast(null as {{ dbt.type_string() }}) as rule_12b1h_status
    from roster_at_quarter_end
),

entry_lines as (
    -- funds entering the plan in the quarter
    select
        quarter_bounds.quarter_start,
        quarter_bounds.quarter_end,
        'roster' as report_section,
        110 as line_order,
        'fund_entered_plan' as line_type,
        entries.fund_id as line_key,
        entries.event_date,
        entries.fund_id,
        entries.roster_id,
        entries.plan_document_id,
        cast(null as {{ dbt.type_string() }}) as purpose_id,
        cast(null as {{ dbt.type_string() }}) as item_numeral,
        cast(null as {{ dbt.type_string() }}) as purpose_text,
        cast(null as decimal(24, 6)) as amount_usd,
        cast(null as integer) as fund_count,
        cast(null as boolean) as is_counted_as_permitted,
        true as is_fund_on_roster,
        cast(null as boolean) as is_on_or_after_rule_12b1h,
        cast(null as {{ dbt.type_string() }}) as rule_12b1h_status
    from entries
    inner join quarter_bounds
        on entries.event_date between quarter_bounds.quarter_start and quarter_bounds.quarter_end
),

exit_lines as (
    -- funds leaving the plan in the quarter
    select
        quarter_bounds.quarter_start,
        quarter_bounds.quarter_end,
        'roster' as report_section,
        120 as line_order,
        'fund_left_plan' as line_type,
        exits.fund_id as line_key,
        exits.event_date,
        exits.fund_id,
        exits.roster_id,
        exits.plan_document_id,
        cast(null as {{ dbt.type_string() }}) as purpose_id,
        cast(null as {{ dbt.type_string() }}) as item_numeral,
        cast(null as {{ dbt.type_string() }}) as purpose_text,
        cast(null as decimal(24, 6)) as amount_usd,
        cast(null as integer) as fund_count,
        cast(null as boolean) as is_counted_as_permitted,
        false as is_fund_on_roster,
        cast(null as boolean) as is_on_or_after_rule_12b1h,
        cast(null as {{ dbt.type_string() }}) as rule_12b1h_status
    from exits
    inner join quarter_bounds
        on exits.event_date between quarter_bounds.quarter_start and quarter_bounds.quarter_end
),

payment_lines as (
    -- Brokerage Payments earned (section 1.a), counted only
    select
        quarter_start,
        quarter_end,
        'benefits_received' as report_section,
        200 as line_order,
        'brokerage_payments_earned' as line_type,
        'all' as line_key,
        quarter_end as event_date,
        cast(null as {{ dbt.type_string() }}) as fund_id,
        cast(null as {{ dbt.type_string() }}) as roster_id,
        cast(null as {{ dbt.type_string() }}) as plan_document_id,
        cast(null as {{ dbt.type_string() }}) as purpose_id,
        cast(null as {{ dbt.type_string() }}) as item_numeral,
        cast(null as {{ dbt.type_string() }}) as purpose_text,
        payments_usd as amount_usd,
        cast(null as integer) as fund_count,
        true as is_counted_as_permitted,
        cast(null as boolean) as is_fund_on_roster,
        cast(null as boolean) as is_on_or_after_rule_12b1h,
        cast(null as {{ dbt.type_string() }}) as rule_12b1h_status
    from benefit_totals
),

credit_lines as (
    -- Brokerage Credits earned (section 1.b), counted only
    select
        quarter_start,
        quarter_end,
        'benefits_received' as report_section,
        210 as line_order,
        'brokerage_credits_earned' as line_type,
        'all' as line_key,
        quarter_end as event_date,
        cast(null as {{ dbt.type_string() }}) as fund_id,
        cast(null as {{ dbt.type_string() }}) as roster_id,
        cast(null as {{ dbt.type_string() }}) as plan_document_id,
        cast(null as {{ dbt.type_string() }}) as purpose_id,
        cast(null as {{ dbt.type_string() }}) as item_numeral,
        cast(null as {{ dbt.type_string() }}) as purpose_text,
        credits_usd as amount_usd,
        cast(null as integer) as fund_count,
        true as is_counted_as_permitted,
        cast(null as boolean) as is_fund_on_roster,
        cast(null as boolean) as is_on_or_after_rule_12b1h,
        cast(null as {{ dbt.type_string() }}) as rule_12b1h_status
    from benefit_totals
),

purpose_lines as (
    -- permitted spending per purpose, numbered as in the version in force
    select
        quarter_bounds.quarter_start,
        quarter_bounds.quarter_end,
        'amounts_expended' as report_section,
        300 as line_order,
        'amount_expended_for_purpose' as line_type,
        {{ fund_fees.compound_key([
            'spending_by_purpose.plan_document_id', 'spending_by_purpose.purpose_id'
        ]) }} as line_key,
        quarter_bounds.quarter_end as event_date,
        cast(null as {{ dbt.type_string() }}) as fund_id,
        cast(null as {{ dbt.type_string() }}) as roster_id,
        spending_by_purpose.plan_document_id,
        spending_by_purpose.purpose_id,
        spending_by_purpose.item_numeral,
        spending_by_purpose.purpose_text,
        spending_by_purpose.amount_usd,
        cast(null as integer) as fund_count,
        true as is_counted_as_permitted,
        cast(null as boolean) as is_fund_on_roster,
        cast(null as boolean) as is_on_or_after_rule_12b1h,
        cast(null as {{ dbt.type_string() }}) as rule_12b1h_status
    from spending_by_purpose
    inner join quarter_bounds
        on spending_by_purpose.quarter_start = quarter_bounds.quarter_start
),

total_spending_lines as (
    -- the quarter's total permitted spending
    select
        quarter_start,
        quarter_end,
        'amounts_expended' as report_section,
        390 as line_order,
        'total_amount_expended' as line_type,
        'all' as line_key,
        quarter_end as event_date,
        cast(null as {{ dbt.type_string() }}) as fund_id,
        cast(null as {{ dbt.type_string() }}) as roster_id,
        cast(null as {{ dbt.type_string() }}) as plan_document_id,
        cast(null as {{ dbt.type_string() }}) as purpose_id,
        cast(null as {{ dbt.type_string() }}) as item_numeral,
        cast(null as {{ dbt.type_string() }}) as purpose_text,
        expended_usd as amount_usd,
        cast(null as integer) as fund_count,
        true as is_counted_as_permitted,
        cast(null as boolean) as is_fund_on_roster,
        cast(null as boolean) as is_on_or_after_rule_12b1h,
        cast(null as {{ dbt.type_string() }}) as rule_12b1h_status
    from spending_totals
),

transaction_exception_lines as (
    -- directed brokerage not counted: fund off the roster that day or on/after Rule 12b-1(h)
    select
        quarter_bounds.quarter_start,
        quarter_bounds.quarter_end,
        'exceptions' as report_section,
        case when transactions.rule_12b1h_status = 'before_compliance_date' then 405 else 400 end as line_order,
        case
            when transactions.rule_12b1h_status = 'before_compliance_date'
                then 'brokerage_transaction_in_rule_12b1h_transition'
            else 'excluded_brokerage_transaction'
        end as line_type,
        transactions.transaction_id as line_key,
        transactions.trade_date as event_date,
        transactions.fund_id,
        transactions.fund_roster_id as roster_id,
        transactions.plan_document_id,
        cast(null as {{ dbt.type_string() }}) as purpose_id,
        cast(null as {{ dbt.type_string() }}) as item_numeral,
        cast(null as {{ dbt.type_string() }}) as purpose_text,
        transactions.brokerage_payment_usd + transactions.brokerage_credit_usd as amount_usd,
        cast(null as integer) as fund_count,
        false as is_counted_as_permitted,
        transactions.is_fund_on_roster,
        transactions.is_on_or_after_rule_12b1h,
        transactions.rule_12b1h_status
    from transactions
    inner join quarter_bounds
        on transactions.quarter_start = quarter_bounds.quarter_start
    where not transactions.is_counted_as_earned
),

expenditure_exception_lines as (
    -- spending not counted, or counted for a purpose the version in force does not enumerate
    select
        quarter_bounds.quarter_start,
        quarter_bounds.quarter_end,
        'exceptions' as report_section,
        case
            when expenditures.is_counted_as_permitted then 420
            when expenditures.rule_12b1h_status = 'before_compliance_date' then 415
            else 410
        end as line_order,
        case
            when expenditures.is_counted_as_permitted then 'purpose_not_enumerated_in_plan'
            when expenditures.rule_12b1h_status = 'before_compliance_date'
                then 'expenditure_in_rule_12b1h_transition'
            else 'excluded_expenditure'
        end as line_type,
        expenditures.expenditure_id as line_key,
        expenditures.expenditure_date as event_date,
        expenditures.fund_id,
        expenditures.plan_roster_id as roster_id,
        expenditures.plan_document_id,
        expenditures.purpose_id,
        expenditures.item_numeral,
        coalesce(expenditures.purpose_printed_text, expenditures.purpose_name) as purpose_text,
        expenditures.amount_usd,
        cast(null as integer) as fund_count,
        expenditures.is_counted_as_permitted,
        expenditures.is_fund_on_roster,
        expenditures.is_on_or_after_rule_12b1h,
        expenditures.rule_12b1h_status
    from expenditures
    inner join quarter_bounds
        on expenditures.quarter_start = quarter_bounds.quarter_start
    where not expenditures.is_counted_as_permitted or not expenditures.is_purpose_enumerated_in_plan
),

all_lines as (
    select * from roster_count_lines
    union all
    select * from entry_lines
    union all
    select * from exit_lines
    union all
    select * from payment_lines
    union all
    select * from credit_lines
    union all
    select * from purpose_lines
    union all
    select * from total_spending_lines
    union all
    select * from transaction_exception_lines
    union all
    select * from expenditure_exception_lines
),

final as (
    select
        {{ fund_fees.compound_key(['quarter_start', 'line_type', 'line_key']) }} as report_line_id,
        quarter_start,
        quarter_end,
        cast(
            row_number() over (
                partition by quarter_start
                order by line_order, event_date, line_key
            ) as integer
        ) as line_number,
        report_section,
        line_type,
        cast(event_date as date) as event_date,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(roster_id as {{ dbt.type_string() }}) as roster_id,
        cast(plan_document_id as {{ dbt.type_string() }}) as plan_document_id,
        cast(purpose_id as {{ dbt.type_string() }}) as purpose_id,
        cast(item_numeral as {{ dbt.type_string() }}) as item_numeral,
        cast(purpose_text as {{ dbt.type_string() }}) as purpose_text,
        {{ fund_fees.round_money('amount_usd') }} as amount_usd,
        cast(fund_count as integer) as fund_count,
        cast(is_counted_as_permitted as boolean) as is_counted_as_permitted,
        cast(is_fund_on_roster as boolean) as is_fund_on_roster,
        cast(is_on_or_after_rule_12b1h as boolean) as is_on_or_after_rule_12b1h,
        cast(rule_12b1h_status as {{ dbt.type_string() }}) as rule_12b1h_status
    from all_lines
)

select * from final
