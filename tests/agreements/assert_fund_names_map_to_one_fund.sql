-- Every name as printed is read as exactly one fund, and every printed name used elsewhere
-- (roster entries, schedule headings) is a row of fund_names at the same place with the same fund.
with

fund_names as (

    select * from {{ ref('stg_agreements__fund_names') }}

),

rosters as (

    select * from {{ ref('stg_agreements__rosters') }}

),

schedules as (

    select * from {{ ref('stg_agreements__fee_schedules') }}

),

ambiguous_names as (

    select
        name_as_printed as printed_name,
        cast(null as {{ dbt.type_string() }}) as used_at,
        'name maps to ' || cast(count(distinct fund_id) as {{ dbt.type_string() }}) || ' fund_ids'
            as failure_reason
    from fund_names
    group by name_as_printed
    having count(distinct fund_id) != 1

),

names_in_use as (

    select
        document_id,
        source_line,
        name_as_printed as printed_name,
        fund_id,
        'roster ' || roster_entry_id as used_at
    from rosters

    union all

    select
        document_id,
        source_line,
        heading_as_printed as printed_name,
        fund_id,
        'schedule ' || schedule_id as used_at
    from schedules

),

unmatched_names as (

    select
        names_in_use.printed_name,
        names_in_use.used_at,
        case
            when fund_names.fund_name_id is null then 'no fund_names row at this document and line'
            when fund_names.name_as_printed != names_in_use.printed_name then 'printed name differs from fund_names'
            else 'fund_id differs from fund_names'
        end as failure_reason
    from names_in_use
    left join fund_names
        on
            names_in_use.document_id = fund_names.document_id
            and names_in_use.source_line = fund_names.source_line
    where
        fund_names.fund_name_id is null
        or fund_names.name_as_printed != names_in_use.printed_name
        or fund_names.fund_id != names_in_use.fund_id

)

select * from ambiguous_names
union all
select * from unmatched_names
