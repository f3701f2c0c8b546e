-- Issue 4: the shipped illustrative sample must show at least one Series over its expense
-- limitation in some month (putnam_international_equity runs above its flat 1.25 % every
-- day). Fails (returns a row) when no month of the build has a waiver. Checked only on the
-- shipped net-asset sample (var net_assets_path null): other inputs ignore the sample schedules.
select 'no month with an expense limitation waiver' as failure
where
    {{ 'true' if var('net_assets_path', none) is none else 'false' }}
    and not exists (
        select 1
        from {{ ref('int_expense_waivers_monthly') }}
        where waiver_usd > 0
    )
