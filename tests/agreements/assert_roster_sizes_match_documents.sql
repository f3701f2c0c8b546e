-- Each Schedule A has the number of entries counted by hand in the printed document, in positions 1..n:
-- advisory_2000 lines 317-359 (43 Series), mellon_2001 lines 456-460 (5), invesco_2012 lines 450-456 (4),
-- bep_2001 lines 211-242 (32 Series), bep_2002 lines 225-262 (38 Funds).
-- A check of the transcription seeds: off when var agreement_data_path reads other agreement rows
-- (e.g. the benchmark's synthetic universe, whose extra rosters are in no printed document).
{{ config(enabled=var('agreement_data_path', none) is none) }}
with

expected as (

    select
        expected_counts.roster_id,
        expected_counts.expected_entries
    from (
        values
        ('jnl_advisory.20010131', 43),
        ('mellon_sub_advisory.20010131', 5),
        ('invesco_sub_advisory.20121201', 4),
        ('jnl_brokerage_enhancement_plan.20010131', 32),
        ('jnl_brokerage_enhancement_plan.20020516', 38)
    ) as expected_counts (roster_id, expected_entries)

),

actual as (

    select
        roster_id,
        count(*) as actual_entries,
        count(distinct roster_position) as distinct_positions,
        min(roster_position) as min_position,
        max(roster_position) as max_position
    from {{ ref('stg_agreements__rosters') }}
    group by roster_id

),

compared as (

    select
        coalesce(expected.roster_id, actual.roster_id) as roster_id,
        expected.expected_entries,
        actual.actual_entries,
        case
            when expected.roster_id is null then 'roster not in the printed documents'
            when actual.roster_id is null then 'printed roster missing'
            when actual.actual_entries != expected.expected_entries then 'entry count differs from the document'
            when
                actual.distinct_positions != actual.actual_entries
                or actual.min_position != 1
                or actual.max_position != actual.actual_entries
                then 'roster positions are not 1..n'
        end as failure_reason
    from expected
    full outer join actual
        on expected.roster_id = actual.roster_id

)

select * from compared
where failure_reason is not null
