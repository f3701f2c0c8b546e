-- Fee curve points on the shipped schedules against fees worked by hand from the
-- agreements (Schedule B). Fails naming the schedule, the asset level, the expected and
-- the computed fee (or a missing point).
--   Mellon S&P 500 Index at $150M: 0.12% x 50M + 0.06% x 50M + 0.02% x 50M = 100,000.
--   Mellon S&P 500 Index at $50,000,000.01: 60,000 + 0.06% x 0.01 = 60,000.000006.
--   Mellon S&P 500 Index at $2B: 60,000 + 30,000 + 0.02% x 1,900M = 470,000.
--   Putnam International Growth at $600M: 1.10% x 50M + 1.05% x 100M + 1.00% x 150M
--     + 0.95% x 200M + 0.90% x 100M = 550,000 + 1,050,000 + 1,500,000 + 1,900,000
--     + 900,000 = 5,900,000.
--   Putnam Growth at $150M (printed "90%", read 0.90%, erratum): 1,350,000.
--   Invesco Large Cap Growth at $100M: base 0.40% x 100M = 400,000; alternate (combined
--     > $1B) 0.35% on all assets = 350,000. At $400M: base 600,000 + 0.35% x 250M =
--     1,475,000; alternate 1,400,000.
--   Invesco Small Cap Growth at $600M: base 0.60% x 500M + 0.55% x 100M = 3,550,000;
--     alternate 0.60% x 250M + 0.55% x 350M = 3,425,000.
{{ config(enabled=var('fee_curve_step_usd') == 10000000 and var('fee_curve_max_assets_usd') == 2000000000) }}
with

expected as (

    select
        cast(hand_worked.schedule_id as {{ dbt.type_string() }}) as schedule_id,
        cast(hand_worked.assets_usd as decimal(18, 2)) as assets_usd,
        cast(hand_worked.annual_fee_usd as decimal(38, 14)) as annual_fee_usd
    from (
        values
        ('mellon_sub_advisory.mellon_sp500_index.20010131', 150000000.00, 100000),
        ('mellon_sub_advisory.mellon_sp500_index.20010131', 50000000.01, 60000.000006),
        ('mellon_sub_advisory.mellon_sp500_index.20010131', 2000000000.00, 470000),
        ('jnl_advisory.putnam_international_equity.20010131', 600000000.00, 5900000),
        ('jnl_advisory.putnam_growth.20010131', 150000000.00, 1350000),
        ('invesco_sub_advisory.invesco_large_cap_growth.20121201', 100000000.00, 400000),
        ('invesco_sub_advisory.invesco_large_cap_growth.20121201.combined_gt_1b', 100000000.00, 350000),
        ('invesco_sub_advisory.invesco_large_cap_growth.20121201', 400000000.00, 1475000),
        ('invesco_sub_advisory.invesco_large_cap_growth.20121201.combined_gt_1b', 400000000.00, 1400000),
        ('invesco_sub_advisory.invesco_small_cap_growth.20121201', 600000000.00, 3550000),
        ('invesco_sub_advisory.invesco_small_cap_growth.20121201.combined_gt_1b', 600000000.00, 3425000)
    ) as hand_worked (schedule_id, assets_usd, annual_fee_usd)

)

select
    expected.schedule_id,
    expected.assets_usd,
    expected.annual_fee_usd as expected_annual_fee_usd,
    curves.annual_fee_usd as computed_annual_fee_usd
from expected
left join {{ ref('fct_fee_curves') }} as curves
    on
        expected.schedule_id = curves.schedule_id
        and expected.assets_usd = curves.assets_usd
where curves.annual_fee_usd is null or curves.annual_fee_usd <> expected.annual_fee_usd
