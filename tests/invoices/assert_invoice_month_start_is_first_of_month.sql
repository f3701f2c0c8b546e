-- An invoice's month_start must be the first day of a calendar month: an invoice dated
-- 2013-03-15 would otherwise reconcile against no fee and show as not_computed.
-- Failing rows name the invoice and its date.
select
    invoice_id,
    month_start
from {{ ref('stg_invoices__invoices') }}
where cast({{ dbt.date_trunc('month', 'month_start') }} as date) <> month_start
