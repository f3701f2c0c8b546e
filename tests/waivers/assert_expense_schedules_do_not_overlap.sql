-- A fund has at most one expense limitation, and at most one schedule per other-expense
-- category, on any day (two would double the cap or the expense). Returns overlapping pairs.
with

schedules as (
    select * from {{ ref('stg_waivers__expense_schedules') }}
)

select
    earlier.expense_schedule_id as first_schedule_id,
    later.expense_schedule_id as second_schedule_id
from schedules as earlier
inner join schedules as later
    on
        earlier.fund_id = later.fund_id
        and earlier.schedule_kind = later.schedule_kind
        and coalesce(earlier.expense_category_id, '') = coalesce(later.expense_category_id, '')
        and earlier.expense_schedule_id < later.expense_schedule_id
        and earlier.effective_from <= coalesce(later.effective_to, cast('9999-12-31' as date))
        and later.effective_from <= coalesce(earlier.effective_to, cast('9999-12-31' as date))
