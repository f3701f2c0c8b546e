-- Rule (a warning, a typo guard): a tier's rate is within 10x of the agreement's other
-- rates: not below a tenth of the highest, not above ten times the lowest (".0975" typed
-- for ".975" passes the (0 %, 3 %] range). Each suspicious tier is logged with its row.
{{ config(severity='warn', fail_calc='count(*)') }}

{% set suspicious_sql %}
with

tiers as (

    select
        schedules.agreement_id,
        tiers.tier_id,
        tiers.annual_rate_pct,
        tiers.document_id,
        tiers.source_line
    from {{ ref('stg_agreements__fee_schedule_tiers') }} as tiers
    inner join {{ ref('stg_agreements__fee_schedules') }} as schedules
        on tiers.schedule_id = schedules.schedule_id

),

compared as (

    -- the agreement's highest and lowest rates, by window: a rate below a tenth of the
    -- highest is never the highest itself, one above ten times the lowest never the lowest
    -- (rates are not negative), so each flag is the same as against the other tiers' rates
    -- (one window pass; a correlated subquery per tier was quadratic in an agreement's tiers)
    select
        *,
        max(annual_rate_pct) over (partition by agreement_id) as highest_rate_pct,
        min(annual_rate_pct) over (partition by agreement_id) as lowest_rate_pct
    from tiers

)

select
    case
        when annual_rate_pct * 10 < highest_rate_pct
            then 'rate is below a tenth of the agreement''s highest other rate'
        else 'rate is above ten times the agreement''s lowest other rate'
    end as failure_reason,
    agreement_id,
    tier_id,
    annual_rate_pct,
    highest_rate_pct,
    lowest_rate_pct,
    document_id,
    source_line
from compared
where annual_rate_pct * 10 < highest_rate_pct or annual_rate_pct > lowest_rate_pct * 10
{% endset %}

{#- the first 20 suspicious tiers are logged, with a count of the rest (the audit table and
    the test's stored failures hold them all) -#}
{% set logged_rows = 20 %}
{% if execute and load_relation(ref('stg_agreements__fee_schedules')) is not none %}
    {% set suspicious = run_query(suspicious_sql ~ ' order by agreement_id, tier_id limit ' ~ (logged_rows + 1)).rows %}
    {% for row in suspicious[:logged_rows] %}
        {{ log('WARNING warn_tier_rates_within_10x_of_agreement_rates: ' ~ row[0] ~ ': tier ' ~ row[2]
            ~ ' rate ' ~ row[3] ~ ' % (agreement ' ~ row[1] ~ ', highest ' ~ row[4]
            ~ ' %, lowest ' ~ row[5] ~ ' %; ' ~ row[6] ~ ' line ' ~ row[7] ~ ')', info=true) }}
    {% endfor %}
    {% if suspicious | length > logged_rows %}
        {{ log('WARNING warn_tier_rates_within_10x_of_agreement_rates: more suspicious tiers than the '
            ~ logged_rows ~ ' logged; the test counts them all', info=true) }}
    {% endif %}
{% endif %}

{{ suspicious_sql }}
