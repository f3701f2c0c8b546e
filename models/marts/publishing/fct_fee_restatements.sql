-- Nothing billed is lost: every agreement, fund and month whose net fee, as this build
-- computes it, differs from the net fee first published for it (a restated net asset, a
-- corrected schedule). First-published and current figure, the difference, and when each
-- was published; the current figure is published by this build when it differs from the
-- latest published one (current_published_at = this run's start, as the publish history
-- records it).
{% set this_publish = "cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S.%f') ~ "' as "
    ~ dbt.type_timestamp() ~ ")" %}

with

versions as (

    select * from {{ ref('stg_publishing__fees_monthly_published') }}

),

current_fees as (

    select
        agreement_id,
        fee_type,
        fund_id,
        month_start,
        net_fee_usd
    from {{ ref('fct_fees_monthly') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by agreement_id, fund_id, month_start order by published_at
        ) as version_number,
        row_number() over (
            partition by agreement_id, fund_id, month_start order by published_at desc
        ) as version_from_last
    from versions

),

first_published as (

    select * from ranked
    where version_number = 1

),

last_published as (

    select * from ranked
    where version_from_last = 1

),

compared as (

    select
        first_published.agreement_id,
        first_published.fee_type,
        first_published.fund_id,
        first_published.month_start,
        first_published.net_fee_usd as first_published_net_fee_usd,
        first_published.published_at as first_published_at,
        current_fees.net_fee_usd as current_net_fee_usd,
        case
            when
                not last_published.is_withdrawn
                and last_published.net_fee_usd = current_fees.net_fee_usd
                then last_published.published_at
            when last_published.is_withdrawn and current_fees.agreement_id is null
                then last_published.published_at
            else {{ this_publish }}
        end as current_published_at
    from first_published
    inner join last_published
        on
            first_published.agreement_id = last_published.agreement_id
            and first_published.fund_id = last_published.fund_id
            and first_published.month_start = last_published.month_start
    left join current_fees
        on
            first_published.agreement_id = current_fees.agreement_id
            and first_published.fund_id = current_fees.fund_id
            and first_published.month_start = current_fees.month_start

),

final as (

    select
        {{ fund_fees.compound_key(['agreement_id', 'fund_id', 'month_start']) }} as fee_restatement_id,
        agreement_id,
        fee_type,
        fund_id,
        month_start,
        cast(first_published_net_fee_usd as decimal(38, 2)) as first_published_net_fee_usd,
        first_published_at,
        cast(current_net_fee_usd as decimal(38, 2)) as current_net_fee_usd,
        current_published_at,
        cast(coalesce(current_net_fee_usd, 0) - first_published_net_fee_usd as decimal(38, 2))
            as restatement_usd
    from compared
    where current_net_fee_usd is null or current_net_fee_usd != first_published_net_fee_usd

)

select * from final
