-- Section 2 of the plan, read from the documents: the 2001 text enumerates ten purposes
-- (i)-(x), the 2002 text nine (i)-(ix); the 2002 text drops only (ii) "printing and mailing of
-- Trust prospectuses..." (prospectus_and_report_printing) and keeps the order of the others.
-- Every unified purpose is used by the 2001 text, each at most once per version.
with

items as (
    select * from {{ ref('stg_brokerage__plan_purpose_items') }}
),

purposes as (
    select * from {{ ref('stg_brokerage__distribution_purposes') }}
),

counts as (
    select
        document_id,
        count(*) as item_count,
        count(distinct purpose_id) as purpose_count,
        max(item_number) as max_item_number
    from items
    group by document_id
),

renumbered as (
    -- each 2002 item keeps its 2001 item's purpose once (ii) is removed
    select
        items_2002.plan_purpose_item_id,
        items_2002.purpose_id as purpose_2002,
        items_2001.purpose_id as purpose_2001
    from items as items_2002
    left join items as items_2001
        on
            items_2001.document_id = 'bep_2001'
            and items_2001.item_number
            = case when items_2002.item_number = 1 then 1 else items_2002.item_number + 1 end
    where items_2002.document_id = 'bep_2002'
)

select 'count ' || document_id as failure
from counts
where
    not (
        (document_id = 'bep_2001' and item_count = 10 and purpose_count = 10 and max_item_number = 10)
        or (document_id = 'bep_2002' and item_count = 9 and purpose_count = 9 and max_item_number = 9)
    )
union all
select 'bep_2002 lists prospectus printing'
from items
where document_id = 'bep_2002' and purpose_id = 'prospectus_and_report_printing'
union all
select 'renumbering ' || plan_purpose_item_id
from renumbered
where purpose_2001 is null or purpose_2001 <> purpose_2002
union all
select 'purpose unused in 2001: ' || purpose_id
from purposes
where purpose_id not in (
    select items.purpose_id from items
    where items.document_id = 'bep_2001'
)
