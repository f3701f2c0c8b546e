-- One row per agreement, fund and month on either side (contract.md): the net fee the
-- agreement computes (fct_fees_monthly.net_fee_usd, cents) against the amount invoiced.
-- difference = billed - computed, a missing side counting as zero (a fee never billed
-- shows its whole amount as a negative difference; an invoice with no fee, its whole
-- amount as a positive one). Status, with tolerance t (var invoice_tolerance_usd):
--   no fee: not_computed; no invoice: not_billed; |difference| <= t: matched;
--   difference > t: over_billed; difference < -t: under_billed.
-- Example (illustrative sample, Mellon S&P 400 Mid Cap Index, April 2013): computed
-- 7,303.57, billed 7,803.57, difference +500.00 > 1.00: over_billed.
with

fees as (

    select * from {{ ref('fct_fees_monthly') }}

),

invoices as (

    select * from {{ ref('stg_invoices__invoices') }}

),

agreements as (

    select * from {{ ref('dim_agreements') }}

),

paired as (

    select
        coalesce(fees.agreement_id, invoices.agreement_id) as agreement_id,
        coalesce(fees.fund_id, invoices.fund_id) as fund_id,
        coalesce(fees.month_start, invoices.month_start) as month_start,
        fees.net_fee_usd as computed_fee_usd,
        invoices.billed_usd,
        coalesce(invoices.billed_usd, 0) - coalesce(fees.net_fee_usd, 0) as difference_usd,
        cast({{ var('invoice_tolerance_usd') }} as decimal(18, 2)) as tolerance_usd
    from fees
    full outer join invoices
        on
            fees.agreement_id = invoices.agreement_id
            and fees.fund_id = invoices.fund_id
            and fees.month_start = invoices.month_start

),

classified as (

    select
        *,
        case
            when computed_fee_usd is null then 'not_computed'
            when billed_usd is null then 'not_billed'
            when abs(difference_usd) <= tolerance_usd then 'matched'
            when difference_usd > tolerance_usd then 'over_billed'
            else 'under_billed'
        end as status
    from paired

),

final as (

    select
        cast(
            {{ fund_fees.compound_key(['classified.agreement_id', 'classified.fund_id', 'classified.month_start']) }}
            as {{ dbt.type_string() }}
        ) as invoice_reconciliation_id,
        cast(classified.agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(agreements.fee_type as {{ dbt.type_string() }}) as fee_type,
        cast(agreements.payer as {{ dbt.type_string() }}) as payer,
        cast(agreements.payee as {{ dbt.type_string() }}) as payee,
        cast(classified.fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(classified.month_start as date) as month_start,
        cast(classified.computed_fee_usd as decimal(38, 2)) as computed_fee_usd,
        cast(classified.billed_usd as decimal(38, 2)) as billed_usd,
        cast(classified.difference_usd as decimal(38, 2)) as difference_usd,
        cast(classified.tolerance_usd as decimal(18, 2)) as tolerance_usd,
        cast(classified.status as {{ dbt.type_string() }}) as status
    from classified
    inner join agreements
        on classified.agreement_id = agreements.agreement_id

)

select * from final
