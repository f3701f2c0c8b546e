-- What each payer owes each payee per month, as an invoice would show it: the fees
-- accrued, the minimum-fee true-ups and the waivers, and the net amount payable in
-- cents (the sum of each fund's rounded net fee, as each fund's fee is paid).
-- Compile with `dbt compile --select fees_payable_by_party_and_month` and run the SQL
-- in target/compiled/ against the warehouse.
with

monthly as (

    select * from {{ ref('fct_fees_monthly') }}

),

agreements as (

    select * from {{ ref('dim_agreements') }}

),

invoices as (

    select
        agreements.payer_name,
        agreements.payee_name,
        monthly.agreement_id,
        monthly.month_start,
        count(distinct monthly.fund_id) as funds,
        sum(monthly.accrued_fee_usd) as accrued_fee_usd,
        sum(monthly.minimum_true_up_usd) as minimum_true_up_usd,
        sum(monthly.waiver_usd) as waiver_usd,
        sum(monthly.net_fee_usd) as net_fee_payable_usd
    from monthly
    inner join agreements
        on monthly.agreement_id = agreements.agreement_id
    group by
        agreements.payer_name,
        agreements.payee_name,
        monthly.agreement_id,
        monthly.month_start

)

select * from invoices
order by month_start, agreement_id
