-- funds.fund_name is the name printed (not an erratum) at funds.document_id / source_line, and that
-- document is the most recent document listing the fund (by the date its names are in use from).
with

funds as (

    select * from {{ ref('stg_agreements__funds') }}

),

fund_names as (

    select * from {{ ref('stg_agreements__fund_names') }}

),

latest_listing as (

    select
        fund_id,
        max(name_in_use_from) as latest_name_date
    from fund_names
    group by fund_id

),

checked as (

    select
        funds.fund_id,
        funds.fund_name,
        funds.document_id,
        funds.source_line,
        case
            when printed.fund_name_id is null then 'no fund_names row at the fund''s document and line'
            when printed.fund_id != funds.fund_id then 'the name at that line belongs to another fund'
            when printed.is_erratum then 'the name at that line is an erratum'
            when printed.name_as_printed != funds.fund_name then 'fund_name differs from the printed name'
            when printed.name_in_use_from != latest_listing.latest_name_date
                then 'a more recent document lists the fund'
        end as failure_reason
    from funds
    left join fund_names as printed
        on
            funds.document_id = printed.document_id
            and funds.source_line = printed.source_line
    left join latest_listing
        on funds.fund_id = latest_listing.fund_id

)

select * from checked
where failure_reason is not null
