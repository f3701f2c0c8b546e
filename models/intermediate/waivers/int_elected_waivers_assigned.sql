-- Elected (voluntary) waivers (advisory agreement section 2; DECISIONLOG D26): each waiver
-- is of the advisory fee of the advisory agreement covering the fund on the period's last
-- day, and is booked in the month holding that day. A waiver of a fund no advisory
-- agreement covers that day stops the build (test on agreement_id).
with

elected as (
    select * from {{ ref('stg_waivers__elected_waivers') }}
),

coverage as (
    select * from {{ ref('int_agreement_fund_coverage_dated') }}
),

agreements as (
    select * from {{ ref('stg_agreements__agreements') }}
),

advisory_coverage as (
    select
        coverage.agreement_id,
        coverage.fund_id,
        coverage.covered_from,
        coverage.covered_to
    from coverage
    inner join agreements
        on coverage.agreement_id = agreements.agreement_id
    where agreements.fee_type = 'advisory'
),

final as (
    select
        elected.elected_waiver_id,
        advisory_coverage.agreement_id,
        elected.fund_id,
        elected.period_start,
        elected.period_end,
        {{ fund_fees.month_start('elected.period_end') }} as month_start,
        elected.amount_usd,
        elected.source_file
    from elected
    left join advisory_coverage
        on
            elected.fund_id = advisory_coverage.fund_id
            and elected.period_end >= advisory_coverage.covered_from
            and (advisory_coverage.covered_to is null or elected.period_end <= advisory_coverage.covered_to)
)

select * from final
