-- Rule: a roster entry's effective_to is not before its roster_effective_date.
select
    'roster_effective_to is before roster_effective_date' as failure_reason,
    roster_entry_id,
    agreement_id,
    fund_id,
    roster_effective_date,
    roster_effective_to
from {{ ref('stg_agreements__rosters') }}
where roster_effective_to < roster_effective_date
