-- fee-rules R7 and R5: per agreement, fund and month, the daily comparison summed and the
-- month's waiver = year-to-date waiver at the month's last day - the same at the previous
-- month's last day of the fiscal year. The month's reimbursement of earlier waivers (on by
-- default) = change of min(year-to-date headroom, the fiscal year's reimbursement); with
-- expense_reimbursement_expense_basis 'trust', the fund's share in its last month of the year.
with

limitation_days as (
    select * from {{ ref('int_expense_limitation_days_compared') }}
),

years as (
    select * from {{ ref('int_expense_waiver_years_recouped') }}
),

months as (
    -- year-to-date figures only grow (daily excess, advisory fee and headroom are >= 0),
    -- so their maximum in a month is their value on the month's last day
    select
        agreement_id,
        fund_id,
        fiscal_year_start,
        month_start,
        count(*) as days_compared,
        cast(sum(net_assets_usd) as decimal(38, 6)) as sum_net_assets_usd,
        cast(sum(daily_cap_usd) as decimal(38, 18)) as expense_cap_usd,
        cast(sum(advisory_fee_usd) as decimal(38, 18)) as advisory_fee_usd,
        cast(sum(other_expenses_usd) as decimal(38, 18)) as other_expenses_usd,
        cast(sum(excluded_expenses_usd) as decimal(38, 18)) as excluded_expenses_usd,
        cast(sum(expenses_usd) as decimal(38, 18)) as expenses_usd,
        cast(sum(excess_usd) as decimal(38, 18)) as excess_usd,
        sum(case when excess_usd > 0 then 1 else 0 end) as days_over_cap,
        cast(sum(headroom_usd) as decimal(38, 18)) as headroom_usd,
        max(ytd_excess_usd) as ytd_excess_usd,
        max(ytd_advisory_fee_usd) as ytd_advisory_fee_usd,
        max(ytd_waiver_usd) as ytd_waiver_usd,
        max(ytd_headroom_usd) as ytd_headroom_usd
    from limitation_days
    group by
        agreement_id,
        fund_id,
        fiscal_year_start,
        month_start
),

with_recoupment as (
    select
        months.*,
        years.recouped_usd as fiscal_year_recoupment_usd,
        {% if var('expense_reimbursement_expense_basis', 'series') == 'trust' -%}
            -- Trust basis: the fund's share of the Trust's repayment, booked in its last month of the year
            cast(case
                when months.month_start = max(months.month_start) over (
                    partition by months.agreement_id, months.fund_id, months.fiscal_year_start
                ) then years.recouped_usd
                else 0
            end as decimal(38, 18)) as ytd_recoupment_usd
        {%- else -%}
            -- recouped_usd is 0 when `expense_recoupment_enabled` is false; the year's headroom
            -- reaches it by year end
            cast(least(months.ytd_headroom_usd, years.recouped_usd) as decimal(38, 18)) as ytd_recoupment_usd
        {%- endif %}
    from months
    inner join years
        on
            months.agreement_id = years.agreement_id
            and months.fund_id = years.fund_id
            and months.fiscal_year_start = years.fiscal_year_start
),

changes as (
    select
        *,
        cast(
            ytd_waiver_usd - coalesce(lag(ytd_waiver_usd) over (
                partition by agreement_id, fund_id, fiscal_year_start order by month_start
            ), 0) as decimal(38, 18)
        ) as waiver_usd,
        cast(
            ytd_recoupment_usd - coalesce(lag(ytd_recoupment_usd) over (
                partition by agreement_id, fund_id, fiscal_year_start order by month_start
            ), 0) as decimal(38, 18)
        ) as recoupment_usd
    from with_recoupment
),

final as (
    select
        {{ fund_fees.compound_key(['agreement_id', 'fund_id', 'month_start']) }} as expense_limitation_month_id,
        agreement_id,
        fund_id,
        month_start,
        fiscal_year_start,
        days_compared,
        {{ fund_fees.divide_by_day_count('sum_net_assets_usd', 'days_compared', 6, amount_scale=6) }}
            as average_daily_net_assets_usd,
        expense_cap_usd,
        advisory_fee_usd,
        other_expenses_usd,
        excluded_expenses_usd,
        expenses_usd,
        excess_usd,
        days_over_cap,
        headroom_usd,
        ytd_excess_usd,
        ytd_advisory_fee_usd,
        ytd_waiver_usd,
        ytd_excess_usd > ytd_advisory_fee_usd as is_waiver_limited_to_advisory_fee,
        waiver_usd,
        ytd_headroom_usd,
        fiscal_year_recoupment_usd,
        ytd_recoupment_usd,
        recoupment_usd,
        cast(waiver_usd - recoupment_usd as decimal(38, 18)) as net_waiver_usd
    from changes
)

select * from final
