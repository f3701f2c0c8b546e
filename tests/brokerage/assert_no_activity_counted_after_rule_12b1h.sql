-- Rule 12b-1(h) (2004-10-14) and the roster: every trade dated on or after the cut-off is
-- flagged; nothing so flagged, and no transaction of a fund off the roster, counts as earned
-- or permitted; and the shipped sample exercises both flags (issue 4: at least one
-- off-roster row and one row after the cut-off).
select 'transaction counted: ' || transaction_id as failure
from {{ ref('int_directed_brokerage_transactions_flagged') }}
where is_counted_as_earned and (is_on_or_after_rule_12b1h or not is_fund_on_roster)
union all
select 'expenditure counted: ' || expenditure_id
from {{ ref('int_distribution_expenditures_classified') }}
where is_counted_as_permitted and (is_on_or_after_rule_12b1h or is_fund_on_roster = false)
union all
select 'not flagged on or after the cut-off: ' || flagged.transaction_id
from {{ ref('int_directed_brokerage_transactions_flagged') }} as flagged
cross join {{ ref('stg_brokerage__regulatory_cutoffs') }} as cutoffs
where
    cutoffs.cutoff_id = 'sec_rule_12b1_h'
    and flagged.trade_date >= cutoffs.effective_date
    and not flagged.is_on_or_after_rule_12b1h
union all
select 'sample lacks an off-roster transaction'
where
    not exists (
        select 1 from {{ ref('int_directed_brokerage_transactions_flagged') }}
        where not is_fund_on_roster
    )
union all
select 'sample lacks activity on or after 2004-10-14'
where not exists (
    select 1 from {{ ref('int_directed_brokerage_transactions_flagged') }}
    where is_on_or_after_rule_12b1h
)
