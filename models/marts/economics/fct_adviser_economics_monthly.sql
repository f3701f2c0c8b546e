-- One row per fund and month (contract.md): what the Adviser receives from the Trust for
-- the fund (advisory net fees), what it pays the fund's sub-advisers (sub-advisory net
-- fees, all sub-advisers), and what it keeps, each also in annualized basis points of the
-- fund's average daily net assets:
--   rate_bps = fee * days_in_calendar_year * 10000 / sum of the month's daily net assets
--   (= fee / (average daily net assets * days / days_in_year) * 10000, fee-rules R5).
-- A fund with no advisory schedule in the documents (the Mellon and Invesco funds,
-- added after the 2000 advisory agreement) has an advisory fee the project cannot
-- compute: advisory_fee_usd and retained_fee_usd are null, never zero or a loss, and
-- retained_fee_basis says why (DECISIONLOG D20).
-- Example (hand-made): advisory 10,000.00 and sub-advisory 4,000.00 in a 30-day month on
-- 100,000,000 every day (sum 3,000,000,000), 365-day year: retained 6,000.00;
-- 6,000 * 365 * 10000 / 3,000,000,000 = 7.3 bps.
with

fees as (

    select * from {{ ref('fct_fees_monthly') }}

),

fund_month_assets as (

    select * from {{ ref('int_fund_months_net_assets_summed') }}

),

schedules as (

    select * from {{ ref('dim_fee_schedules') }}

),

agreements as (

    select * from {{ ref('dim_agreements') }}

),

fund_months as (

    select
        fund_id,
        month_start,
        sum(case when fee_type = 'advisory' then net_fee_usd else 0 end) as advisory_net_fee_usd,
        sum(case when fee_type = 'sub_advisory' then net_fee_usd else 0 end) as sub_advisory_net_fee_usd
    from fees
    group by
        fund_id,
        month_start

),

schedule_months as (

    select
        fund_months.fund_id,
        fund_months.month_start,
        max(case when agreements.fee_type = 'advisory' then 1 else 0 end) as has_advisory,
        max(case when agreements.fee_type = 'sub_advisory' then 1 else 0 end) as has_sub_advisory
    from fund_months
    inner join schedules
        on
            fund_months.fund_id = schedules.fund_id
            and cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'fund_months.month_start')) }} as date)
            >= schedules.effective_from
            and (schedules.effective_to is null or fund_months.month_start <= schedules.effective_to)
    inner join agreements
        on schedules.agreement_id = agreements.agreement_id
    group by
        fund_months.fund_id,
        fund_months.month_start

),

joined as (

    select
        fund_months.fund_id,
        fund_months.month_start,
        coalesce(schedule_months.has_advisory, 0) = 1 as has_advisory_schedule,
        coalesce(schedule_months.has_sub_advisory, 0) = 1 as has_sub_advisory_schedule,
        fund_months.advisory_net_fee_usd,
        fund_months.sub_advisory_net_fee_usd,
        coalesce(fund_month_assets.days_accrued, 0) as days_accrued,
        fund_month_assets.sum_daily_net_assets_usd,
        {{ dbt.datediff(
            dbt.date_trunc('year', 'fund_months.month_start'),
            dbt.dateadd('year', 1, dbt.date_trunc('year', 'fund_months.month_start')),
            'day'
        ) }} as days_in_year
    from fund_months
    left join schedule_months
        on
            fund_months.fund_id = schedule_months.fund_id
            and fund_months.month_start = schedule_months.month_start
    left join fund_month_assets
        on
            fund_months.fund_id = fund_month_assets.fund_id
            and fund_months.month_start = fund_month_assets.month_start

),

economics as (

    select
        fund_id,
        month_start,
        has_advisory_schedule,
        has_sub_advisory_schedule,
        days_accrued,
        days_in_year,
        sum_daily_net_assets_usd,
        case when has_advisory_schedule then advisory_net_fee_usd end as advisory_fee_usd,
        sub_advisory_net_fee_usd as sub_advisory_fee_usd,
        case
            when has_advisory_schedule then advisory_net_fee_usd - sub_advisory_net_fee_usd
        end as retained_fee_usd,
        case
            when not has_advisory_schedule then 'unknown_no_advisory_schedule'
            when not has_sub_advisory_schedule then 'advisory_only_no_sub_advisory_schedule'
            else 'advisory_less_sub_advisory'
        end as retained_fee_basis
    from joined

),

final as (

    select
        cast({{ fund_fees.compound_key(['fund_id', 'month_start']) }} as {{ dbt.type_string() }})
            as adviser_economics_month_id,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(month_start as date) as month_start,
        cast(days_accrued as integer) as days_accrued,
        cast(
            {{ fund_fees.divide_exact(
                'sum_daily_net_assets_usd', 'days_accrued', 6, numerator_scale=6, denominator_scale=0
            ) }} as decimal(38, 6)
        ) as average_daily_net_assets_usd,
        cast(advisory_fee_usd as decimal(38, 2)) as advisory_fee_usd,
        cast(sub_advisory_fee_usd as decimal(38, 2)) as sub_advisory_fee_usd,
        cast(retained_fee_usd as decimal(38, 2)) as retained_fee_usd,
        cast(
            {{ fund_fees.divide_exact(
                'advisory_fee_usd * 10000 * days_in_year', 'sum_daily_net_assets_usd', 12, numerator_scale=2
            ) }} as decimal(38, 12)
        ) as advisory_rate_bps,
        cast(
            {{ fund_fees.divide_exact(
                'sub_advisory_fee_usd * 10000 * days_in_year', 'sum_daily_net_assets_usd', 12, numerator_scale=2
            ) }} as decimal(38, 12)
        ) as sub_advisory_rate_bps,
        cast(
            {{ fund_fees.divide_exact(
                'retained_fee_usd * 10000 * days_in_year', 'sum_daily_net_assets_usd', 12, numerator_scale=2
            ) }} as decimal(38, 12)
        ) as retained_rate_bps,
        has_advisory_schedule,
        has_sub_advisory_schedule,
        cast(retained_fee_basis as {{ dbt.type_string() }}) as retained_fee_basis
    from economics

)

select * from final
