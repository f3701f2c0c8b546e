-- Issue 11, authority check: agreement-fund days on which a fee accrues, or would accrue,
-- while no approval holds the agreement in force for the fund (a lapsed term or
-- continuance, or no execution yet). The shipped events approve every period, so with the
-- shipped sample this mart is empty. fee_accrued: whether the fee engine accrued the day
-- (only with the var fee_accrues_while_unapproved); daily_accrual_usd is the amount nobody
-- may charge (null when not accrued).
with

unapproved as (
    select * from {{ ref('int_agreement_fund_days_unapproved_listed') }}
),

unapproved_funds as (
    select distinct
        agreement_id,
        fund_id
    from unapproved
),

daily as (
    -- only the agreement-funds with an unauthorised day (usually none): the join below
    -- then hashes a few rows, not every fund-day (joins hash their right-hand side)
    select accrued.*
    from {{ ref('int_daily_fees_accrued') }} as accrued
    inner join unapproved_funds
        on
            accrued.agreement_id = unapproved_funds.agreement_id
            and accrued.fund_id = unapproved_funds.fund_id
),

final as (
    select
        cast(unapproved.agreement_fund_day_id as {{ dbt.type_string() }}) as agreement_fund_day_id,
        cast(unapproved.agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(unapproved.fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(unapproved.accrual_date as date) as accrual_date,
        cast(unapproved.net_assets_usd as decimal(24, 6)) as net_assets_usd,
        cast(unapproved.authority_gap as {{ dbt.type_string() }}) as authority_gap,
        cast(unapproved.execution_date as date) as execution_date,
        cast(unapproved.period_number as integer) as period_number,
        cast(unapproved.period_start as date) as period_start,
        cast(unapproved.approval_due_by as date) as approval_due_by,
        cast(unapproved.late_approved_on as date) as late_approved_on,
        daily.accrual_date is not null as fee_accrued,
        cast(daily.daily_accrual_usd as decimal(38, 18)) as daily_accrual_usd
    from unapproved
    left join daily
        on
            unapproved.agreement_id = daily.agreement_id
            and unapproved.fund_id = daily.fund_id
            and unapproved.accrual_date = daily.accrual_date
)

select * from final
