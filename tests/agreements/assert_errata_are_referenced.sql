-- Every erratum is used: by a tier (erratum_id) or by a fund name flagged is_erratum
-- (fund_name_id = erratum_id); and every fund name flagged is_erratum has its erratum row.
with

errata as (

    select * from {{ ref('stg_agreements__errata') }}

),

tiers as (

    select * from {{ ref('stg_agreements__fee_schedule_tiers') }}

),

fund_names as (

    select * from {{ ref('stg_agreements__fund_names') }}

),

unreferenced_errata as (

    select
        errata.erratum_id,
        'erratum not referenced by any tier or erratum fund name' as failure_reason
    from errata
    where
        not exists (
            select 1 from tiers
            where tiers.erratum_id = errata.erratum_id
        )
        and not exists (
            select 1 from fund_names
            where fund_names.fund_name_id = errata.erratum_id and fund_names.is_erratum
        )

),

misplaced_references as (

    select
        tiers.erratum_id,
        'tier ' || tiers.tier_id || ' cites an erratum printed elsewhere' as failure_reason
    from tiers
    inner join errata
        on tiers.erratum_id = errata.erratum_id
    where tiers.document_id != errata.document_id or tiers.source_line != errata.source_line

),

names_without_erratum as (

    select
        fund_names.fund_name_id as erratum_id,
        'fund name flagged is_erratum has no errata row' as failure_reason
    from fund_names
    where
        fund_names.is_erratum
        and not exists (
            select 1 from errata
            where errata.erratum_id = fund_names.fund_name_id
        )

)

select * from unreferenced_errata
union all
select * from misplaced_references
union all
select * from names_without_erratum
