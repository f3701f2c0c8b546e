-- Issue 11: per agreement and fund, the spans of days an approval holds the agreement in
-- force (int_agreement_fund_periods_derived), consecutive periods merged into one span.
-- span_to null: no end known (only with an open-ended approval, which the periods never give).
-- The coverage model intersects every roster entry with these spans.
with

periods as (
    select * from {{ ref('int_agreement_fund_periods_derived') }}
    where in_force_from is not null
),

flagged as (
    select
        agreement_id,
        fund_id,
        period_number,
        in_force_from,
        in_force_to,
        case
            when
                lag(in_force_to) over (partition by agreement_id, fund_id order by period_number) is null
                or in_force_from > {{ fund_fees.add_days(
                    'lag(in_force_to) over (partition by agreement_id, fund_id order by period_number)', 1
                ) }}
                then 1
            else 0
        end as starts_span
    from periods
),

numbered as (
    select
        *,
        sum(starts_span) over (
            partition by agreement_id, fund_id order by period_number rows unbounded preceding
        ) as span_number
    from flagged
),

final as (
    select
        {{ fund_fees.compound_key(['agreement_id', 'fund_id', 'span_number']) }} as agreement_fund_span_id,
        agreement_id,
        fund_id,
        span_number,
        min(in_force_from) as span_from,
        max(in_force_to) as span_to,
        min(period_number) as first_period_number,
        max(period_number) as last_period_number
    from numbered
    group by
        agreement_id,
        fund_id,
        span_number
)

select * from final
