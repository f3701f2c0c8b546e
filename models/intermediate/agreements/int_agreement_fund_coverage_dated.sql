-- Fee-rules R8 and issue 11: which funds each agreement covers on a date. A fund is covered
-- while it is on the agreement's roster (Schedule A: from the roster's effective date until
-- the day before the agreement's next roster) AND the agreement is in force for it (its
-- initial term or an approved continuance, until its termination on notice or assignment:
-- int_agreement_fund_spans_merged). One row per roster entry and in-force span that overlap.
-- With the var fee_accrues_while_unapproved (default false) a lapsed term does not end the
-- coverage, only a termination does (fct_agreement_unauthorised_days lists those days).
-- The fee engine, the Brokerage Enhancement Plan models and dim_agreement_fund_coverage all
-- read coverage here. Example: JNL/Alger Growth Series is covered by the plan's 2001 roster
-- from 2001-01-31 to 2002-05-15, and as Alger/JNL Growth Fund by its 2002 roster from
-- 2002-05-16 until the end of the last approved continuance.
-- depends_on: {{ ref('int_agreement_fund_spans_merged') }}
-- depends_on: {{ ref('int_agreement_fund_periods_derived') }}
with

rosters as (

    select * from {{ ref('stg_agreements__rosters') }}

),

roster_versions as (

    -- each roster's last day, derived in the dating core
    select * from {{ ref('int_versions_dated') }}
    where version_source = 'roster'

),

dated_rosters as (

    select
        rosters.*,
        roster_versions.effective_to as roster_effective_to
    from rosters
    inner join roster_versions
        on rosters.roster_id = roster_versions.version_id

),

spans as (

    {% if var('fee_accrues_while_unapproved', false) %}
        -- every day up to the termination date, approved or not
        select
            agreement_id,
            fund_id,
            cast(null as date) as span_from,
            max(terminates_on) as span_to
        from {{ ref('int_agreement_fund_periods_derived') }}
        group by
            agreement_id,
            fund_id
    {% else %}
        select
            agreement_id,
            fund_id,
            span_from,
            span_to
        from {{ ref('int_agreement_fund_spans_merged') }}
    {% endif %}

),

intersected as (

    select
        rosters.roster_entry_id,
        rosters.agreement_id,
        rosters.fund_id,
        rosters.roster_id,
        rosters.roster_effective_date,
        rosters.roster_effective_to,
        case
            when spans.span_from is null or spans.span_from < rosters.roster_effective_date
                then rosters.roster_effective_date
            else spans.span_from
        end as covered_from,
        case
            when spans.span_to is null then rosters.roster_effective_to
            when rosters.roster_effective_to is null then spans.span_to
            when spans.span_to < rosters.roster_effective_to then spans.span_to
            else rosters.roster_effective_to
        end as covered_to,
        rosters.roster_position,
        rosters.name_as_printed,
        rosters.document_id,
        rosters.source_line
    from dated_rosters as rosters
    inner join spans
        on
            rosters.agreement_id = spans.agreement_id
            and rosters.fund_id = spans.fund_id
            and (spans.span_to is null or rosters.roster_effective_date <= spans.span_to)
            and (
                spans.span_from is null
                or rosters.roster_effective_to is null
                or rosters.roster_effective_to >= spans.span_from
            )

),

final as (

    select
        -- the roster entry's key for its first in-force span (the usual single one)
        case
            when row_number() over (partition by roster_entry_id order by covered_from) = 1
                then roster_entry_id
            else {{ fund_fees.compound_key(['roster_entry_id', 'covered_from']) }}
        end as coverage_id,
        agreement_id,
        fund_id,
        roster_id,
        covered_from,
        covered_to,
        roster_effective_date,
        roster_effective_to,
        roster_position,
        name_as_printed,
        document_id,
        source_line
    from intersected

)

select * from final
