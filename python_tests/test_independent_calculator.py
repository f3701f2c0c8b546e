"""Tests of the independent calculator alone, with numbers worked by hand.

Every expected figure below is computed by hand from the agreements (the
arithmetic is in the comments); none comes from running the calculator. The
seeds are a small hand-made transcription (conftest.write_handmade_seeds); the
``seeds`` fixture also runs the same checks against the repository's own
seeds/agreements/ once they exist, which checks the transcription too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

import independent_calculator as calc
from conftest import REPO_ROOT

CENT = D("0.01")
REPO_SEEDS = REPO_ROOT / "seeds" / "agreements"


def cents(value: D) -> D:
    return value.quantize(CENT)


def daily_rows(fund_id, start, end, amount, weekdays_only=True):
    """One row per business day (Mon-Fri) from start to end, constant amount."""
    day, rows = start, []
    while day <= end:
        if not weekdays_only or day.weekday() < 5:
            rows.append({"fund_id": fund_id, "as_of_date": day.isoformat(), "net_assets_usd": str(amount)})
        day += dt.timedelta(days=1)
    return rows


def d(text):
    return dt.date.fromisoformat(text)


@pytest.fixture(params=["handmade", "repo"])
def seeds(request, handmade_seeds):
    """The seeds folder: the hand-made one, and the repository's."""
    if request.param == "handmade":
        return handmade_seeds()
    return REPO_SEEDS


def monthly_sum(result, agreement_id, fund_id, year):
    return sum(
        (row["accrued_fee_usd"] for (a, f, m), row in result.monthly.items()
         if a == agreement_id and f == fund_id and m.year == year),
        D(0),
    )


# ---------------------------------------------------------------- R3 tiers
def test_mellon_sp500_annual_fee_at_150m(seeds):
    data = calc.AgreementData(seeds)
    sched = data.base_schedule("mellon_sub_advisory", "mellon_sp500_index", d("2003-06-30"))
    # .12% * 50M + .06% * 50M + .02% * 50M = 60,000 + 30,000 + 10,000 = 100,000
    assert calc.annual_fee(sched, D(150_000_000)) == D(100_000)
    # on the breakpoints: 50M -> .12% * 50M = 60,000; 100M -> 60,000 + 30,000 = 90,000
    assert calc.annual_fee(sched, D(50_000_000)) == D(60_000)
    assert calc.annual_fee(sched, D(100_000_000)) == D(90_000)
    assert calc.annual_fee(sched, D(0)) == D(0)


def test_putnam_international_growth_at_600m(seeds):
    data = calc.AgreementData(seeds)
    sched = data.base_schedule("jnl_advisory", "putnam_international_equity", d("2003-06-30"))
    # 1.10%*50M + 1.05%*100M + 1.00%*150M + .95%*200M + .90%*100M
    # = 550,000 + 1,050,000 + 1,500,000 + 1,900,000 + 900,000 = 5,900,000
    assert calc.annual_fee(sched, D(600_000_000)) == D(5_900_000)
    # exactly on the $150M breakpoint: 1.10%*50M + 1.05%*100M = 550,000 + 1,050,000 = 1,600,000
    assert calc.annual_fee(sched, D(150_000_000)) == D(1_600_000)
    # one cent above it: + 1.00% * 0.01 = 0.0001
    assert calc.annual_fee(sched, D("150000000.01")) == D("1600000.0001")


def test_invesco_schedules_at_600m_and_400m(seeds):
    data = calc.AgreementData(seeds)
    small = data.base_schedule("invesco_sub_advisory", "invesco_small_cap_growth", d("2013-01-15"))
    large = data.base_schedule("invesco_sub_advisory", "invesco_large_cap_growth", d("2013-01-15"))
    small_alt = data.schedules["invesco_sub_advisory.invesco_small_cap_growth.20121201.combined_gt_1b"]
    large_alt = data.schedules["invesco_sub_advisory.invesco_large_cap_growth.20121201.combined_gt_1b"]
    # Small Cap base: .60%*500M + .55%*100M = 3,000,000 + 550,000 = 3,550,000
    assert calc.annual_fee(small, D(600_000_000)) == D(3_550_000)
    # Small Cap combined > $1B: .60%*250M + .55%*350M = 1,500,000 + 1,925,000 = 3,425,000
    assert calc.annual_fee(small_alt, D(600_000_000)) == D(3_425_000)
    # Large Cap base: .40%*150M + .35%*250M = 600,000 + 875,000 = 1,475,000
    assert calc.annual_fee(large, D(400_000_000)) == D(1_475_000)
    # Large Cap combined > $1B: .35% on all of 400M = 1,400,000 (whole, one band)
    assert calc.annual_fee(large_alt, D(400_000_000)) == D(1_400_000)


def test_whole_method_band_on_a_breakpoint():
    # a cliff schedule: 1.00% up to $100M, .50% above. Reading: the band
    # "$0 to $100 million" includes $100M itself (lower < assets <= upper).
    sched = calc.Schedule("x", "a", "f", d("2001-01-01"), "whole", "base", [
        calc.Tier(1, D(0), D(100_000_000), D("1.00")),
        calc.Tier(2, D(100_000_000), None, D("0.50")),
    ])
    assert calc.annual_fee(sched, D(100_000_000)) == D(1_000_000)      # 1% * 100M
    assert calc.annual_fee(sched, D("100000000.01")) == D("500000.00005")  # .5% on all
    assert calc.annual_fee(sched, D(0)) == D(0)


# ---------------------------------------------------------------- R2 day counts
def test_mellon_150m_over_2003_and_2004(seeds):
    rows = daily_rows("mellon_sp500_index", d("2003-01-01"), d("2004-12-31"), "150000000.00")
    result = calc.compute(seeds, rows)
    # data end Friday 2004-12-31 -> no extension (Saturday is January)
    assert result.accrual_end_date == d("2004-12-31")
    # 2003: 365 days * 100,000/365 = 100,000.00
    assert cents(monthly_sum(result, "mellon_sub_advisory", "mellon_sp500_index", 2003)) == D("100000.00")
    # 2004: 366 days * 100,000/366 = 100,000.00
    assert cents(monthly_sum(result, "mellon_sub_advisory", "mellon_sp500_index", 2004)) == D("100000.00")
    jan03 = result.monthly[("mellon_sub_advisory", "mellon_sp500_index", d("2003-01-01"))]
    jan04 = result.monthly[("mellon_sub_advisory", "mellon_sp500_index", d("2004-01-01"))]
    # January 2003: 100,000 * 31/365 = 8,493.150684... -> 8,493.15
    assert jan03["days_accrued"] == 31
    assert cents(jan03["accrued_fee_usd"]) == D("8493.15")
    assert jan03["net_fee_usd"] == D("8493.15")
    # January 2004: 100,000 * 31/366 = 8,469.945355... -> 8,469.95
    assert jan04["days_accrued"] == 31
    assert cents(jan04["accrued_fee_usd"]) == D("8469.95")
    assert jan04["net_fee_usd"] == D("8469.95")
    assert jan04["average_daily_net_assets_usd"] == D(150_000_000)
    # effective rate: 100,000 / 150,000,000 * 10,000 = 6.666... bps
    assert abs(jan04["effective_rate_bps"] - D("6.666666666666666666666666")) < D("1e-20")
    # Mellon minimum: inception = first figure 2003-01-01, periods from 2004-01-01;
    # 2004: 100,000 < 300,000 -> shortfall 200,000.00 booked in December 2004
    period = result.periods[("mellon_sub_advisory", d("2004-01-01"))]
    assert period["period_end"] == d("2004-12-31") and period["is_complete"]
    assert period["shortfall_usd"] == D("200000.00")
    dec04 = result.monthly[("mellon_sub_advisory", "mellon_sp500_index", d("2004-12-01"))]
    # December 2004: 100,000*31/366 = 8,469.95 + true-up 200,000.00 = 208,469.95
    assert dec04["minimum_true_up_usd"] == D("200000.00")
    assert dec04["net_fee_usd"] == D("208469.95")


def test_putnam_600m_month(seeds):
    rows = daily_rows("putnam_international_equity", d("2003-04-01"), d("2003-04-30"), "600000000")
    result = calc.compute(seeds, rows)
    row = result.monthly[("jnl_advisory", "putnam_international_equity", d("2003-04-01"))]
    # 5,900,000 * 30/365 = 484,931.506849... -> 484,931.51
    assert row["days_accrued"] == 30
    assert row["net_fee_usd"] == D("484931.51")


def test_day_count_actual_360(handmade_seeds):
    seeds = handmade_seeds(switches={"mellon_sub_advisory": {"day_count_convention": "actual/360"}})
    rows = daily_rows("mellon_sp500_index", d("2003-04-01"), d("2003-04-30"), "150000000")
    result = calc.compute(seeds, rows)
    row = result.monthly[("mellon_sub_advisory", "mellon_sp500_index", d("2003-04-01"))]
    # 100,000 * 30/360 = 8,333.333... -> 8,333.33
    assert row["net_fee_usd"] == D("8333.33")
    assert result.daily[0].days_in_year == 360


def test_payable_rounding_half_up_and_half_even(handmade_seeds):
    # Mellon at $37,500: .12% * 37,500 = 45.00 a year; actual/360 -> 0.125 a day.
    # One accrued day (accrue_through) -> accrued 0.125: half up 0.13, half even 0.12.
    for mode, expected in [("half_up", D("0.13")), ("half_even", D("0.12"))]:
        seeds = handmade_seeds(switches={"mellon_sub_advisory": {
            "day_count_convention": "actual/360", "payable_rounding": mode}})
        rows = [{"fund_id": "mellon_sp500_index", "as_of_date": "2003-04-01", "net_assets_usd": "37500"}]
        result = calc.compute(seeds, rows, accrue_through="2003-04-01")
        row = result.monthly[("mellon_sub_advisory", "mellon_sp500_index", d("2003-04-01"))]
        assert row["accrued_fee_usd"] == D("0.125")
        assert row["net_fee_usd"] == expected, mode


def test_monthly_average_tier_basis(handmade_seeds):
    # Putnam, April 2003 (30 days): $100M on April 1-15, $200M on April 16-30.
    rows = [{"fund_id": "putnam_international_equity", "as_of_date": f"2003-04-{day:02d}",
             "net_assets_usd": "100000000" if day <= 15 else "200000000"} for day in range(1, 31)]
    # daily basis: fee(100M) = 550,000 + 1.05%*50M = 1,075,000;
    #              fee(200M) = 550,000 + 1,050,000 + 1.00%*50M = 2,100,000;
    #   (1,075,000*15 + 2,100,000*15)/365 = 47,625,000/365 = 130,479.452... -> 130,479.45
    result = calc.compute(handmade_seeds(), rows)
    key = ("jnl_advisory", "putnam_international_equity", d("2003-04-01"))
    assert result.monthly[key]["net_fee_usd"] == D("130479.45")
    # monthly average basis: average 150M -> fee 1,600,000; *30/365 = 131,506.849... -> 131,506.85
    seeds = handmade_seeds(switches={"jnl_advisory": {"tier_basis": "monthly_average"}})
    result = calc.compute(seeds, rows)
    assert result.monthly[key]["average_daily_net_assets_usd"] == D(150_000_000)
    assert result.monthly[key]["net_fee_usd"] == D("131506.85")


# ---------------------------------------------------------------- R1 carry forward, end date
def test_weekend_carried_forward(seeds):
    # Friday 2003-01-10 $150M, Monday 2003-01-13 $50M. Data ends Monday: no extension.
    rows = [
        {"fund_id": "mellon_sp500_index", "as_of_date": "2003-01-10", "net_assets_usd": "150000000"},
        {"fund_id": "mellon_sp500_index", "as_of_date": "2003-01-13", "net_assets_usd": "50000000"},
    ]
    result = calc.compute(seeds, rows)
    assert result.accrual_end_date == d("2003-01-13")
    daily = {a.accrual_date: a for a in result.daily if a.agreement_id == "mellon_sub_advisory"}
    assert sorted(daily) == [d("2003-01-10"), d("2003-01-11"), d("2003-01-12"), d("2003-01-13")]
    assert daily[d("2003-01-11")].net_assets_usd == D(150_000_000) and daily[d("2003-01-11")].is_carried_forward
    assert daily[d("2003-01-12")].net_assets_usd == D(150_000_000) and daily[d("2003-01-12")].is_carried_forward
    assert not daily[d("2003-01-13")].is_carried_forward
    row = result.monthly[("mellon_sub_advisory", "mellon_sp500_index", d("2003-01-01"))]
    # 3 days at 100,000/365 + 1 day at 60,000/365 = 360,000/365 = 986.301369... -> 986.30
    assert row["days_accrued"] == 4
    assert row["net_fee_usd"] == D("986.30")
    # average (3*150M + 50M)/4 = 125M
    assert row["average_daily_net_assets_usd"] == D(125_000_000)


def test_accrual_end_date_rule():
    def end(last):
        return calc.accrual_end_date({"f": {d(last): D(1)}})
    assert end("2003-01-10") == d("2003-01-12")  # Friday -> Sunday
    assert end("2005-12-30") == d("2005-12-31")  # Friday 30 Dec -> Saturday 31 Dec
    assert end("2003-01-31") == d("2003-01-31")  # Friday 31 Jan: Saturday is February
    assert end("2003-01-09") == d("2003-01-09")  # Thursday
    assert calc.accrual_end_date({"f": {d("2003-01-09"): D(1)}}, "2003-02-15") == d("2003-02-15")


def test_termination_prorates_the_month(handmade_seeds):
    seeds = handmade_seeds(terminations={"mellon_sp500_index": "2003-04-10"})
    rows = daily_rows("mellon_sp500_index", d("2003-04-01"), d("2003-04-30"), "150000000")
    rows += daily_rows("mellon_bond_index", d("2003-04-01"), d("2003-04-30"), "150000000")
    result = calc.compute(seeds, rows)
    row = result.monthly[("mellon_sub_advisory", "mellon_sp500_index", d("2003-04-01"))]
    # April 1-10 = 10 days * 100,000/365 = 2,739.726... -> 2,739.73
    assert row["days_accrued"] == 10
    assert row["net_fee_usd"] == D("2739.73")


def test_roster_starts_coverage(seeds):
    # figures from 2000-12-01, advisory roster effective 2001-01-31: January 2001 accrues 1 day
    rows = daily_rows("putnam_international_equity", d("2000-12-01"), d("2001-02-28"), "600000000")
    result = calc.compute(seeds, rows)
    keys = sorted(k for k in result.monthly if k[0] == "jnl_advisory")
    assert [k[2] for k in keys] == [d("2001-01-01"), d("2001-02-01")]
    jan = result.monthly[keys[0]]
    # 1 day * 5,900,000/365 = 16,164.383... -> 16,164.38
    assert jan["days_accrued"] == 1
    assert jan["net_fee_usd"] == D("16164.38")
    # the Brokerage Enhancement Plan has no fee schedule: no rows
    assert not [k for k in result.monthly if k[0] == "jnl_brokerage_enhancement_plan"]


# ---------------------------------------------------------------- R4 combined assets
def test_invesco_combined_exactly_1b_then_above(seeds):
    # January 2013: Small Cap 600M + Large Cap 400M = exactly $1,000,000,000 -> base schedules.
    # February 2013: Global Real Estate adds $0.01 -> combined > $1B -> alternates.
    rows = daily_rows("invesco_small_cap_growth", d("2013-01-01"), d("2013-02-28"), "600000000")
    rows += daily_rows("invesco_large_cap_growth", d("2013-01-01"), d("2013-02-28"), "400000000")
    rows += daily_rows("invesco_global_real_estate", d("2013-02-01"), d("2013-02-28"), "0.01")
    result = calc.compute(seeds, rows)
    # data ends Thursday 2013-02-28
    m = result.monthly
    # January: Small 3,550,000*31/365 = 301,506.849... -> 301,506.85
    assert m[("invesco_sub_advisory", "invesco_small_cap_growth", d("2013-01-01"))]["net_fee_usd"] == D("301506.85")
    # January: Large 1,475,000*31/365 = 125,273.972... -> 125,273.97
    assert m[("invesco_sub_advisory", "invesco_large_cap_growth", d("2013-01-01"))]["net_fee_usd"] == D("125273.97")
    # February (28 days, 2013 not leap): Small 3,425,000*28/365 = 262,739.726... -> 262,739.73
    assert m[("invesco_sub_advisory", "invesco_small_cap_growth", d("2013-02-01"))]["net_fee_usd"] == D("262739.73")
    # February: Large 1,400,000*28/365 = 107,397.260... -> 107,397.26
    assert m[("invesco_sub_advisory", "invesco_large_cap_growth", d("2013-02-01"))]["net_fee_usd"] == D("107397.26")
    # Global Real Estate at $0.01: .50% * 0.01 = 0.00005/yr -> 0.00
    assert m[("invesco_sub_advisory", "invesco_global_real_estate", d("2013-02-01"))]["net_fee_usd"] == D("0.00")
    jan_day = next(a for a in result.daily if a.fund_id == "invesco_small_cap_growth"
                   and a.accrual_date == d("2013-01-05"))
    assert jan_day.combined_net_assets_usd == D(1_000_000_000)
    assert jan_day.schedule_id == "invesco_sub_advisory.invesco_small_cap_growth.20121201"
    feb_day = next(a for a in result.daily if a.fund_id == "invesco_large_cap_growth"
                   and a.accrual_date == d("2013-02-05"))
    assert feb_day.schedule_id == "invesco_sub_advisory.invesco_large_cap_growth.20121201.combined_gt_1b"
    assert feb_day.combined_net_assets_usd == D("1000000000.01")


def test_invesco_threshold_gte(handmade_seeds):
    # with threshold_comparison gte, exactly $1B already selects the alternate
    rule = {"rule_id": "r", "agreement_id": "invesco_sub_advisory", "fund_id": "invesco_small_cap_growth",
            "asset_group_id": "invesco_combined", "fee_basis": "schedule_switch",
            "threshold_usd": "1000000000.00", "threshold_comparison": "gte",
            "alternate_schedule_id": "invesco_sub_advisory.invesco_small_cap_growth.20121201.combined_gt_1b",
            "effective_from": "2012-12-01"}
    seeds = handmade_seeds(combined_rules=[rule])
    rows = daily_rows("invesco_small_cap_growth", d("2013-01-01"), d("2013-01-31"), "600000000")
    rows += daily_rows("invesco_large_cap_growth", d("2013-01-01"), d("2013-01-31"), "400000000")
    result = calc.compute(seeds, rows)
    # 3,425,000*31/365 = 290,890.410... -> 290,890.41
    assert result.monthly[("invesco_sub_advisory", "invesco_small_cap_growth", d("2013-01-01"))][
        "net_fee_usd"] == D("290890.41")


def test_pro_rata_combined_fee(handmade_seeds):
    # pro_rata: tiers on the combined assets, fee shared by own/combined.
    # Large Cap 400M + Small Cap 600M = 1,000M; schedule .60% to 500M, .55% above:
    # fee(1,000M) = 3,000,000 + 2,750,000 = 5,750,000; Large's share 400/1000 = 2,300,000/yr
    rule = {"rule_id": "r", "agreement_id": "invesco_sub_advisory", "fund_id": "invesco_large_cap_growth",
            "asset_group_id": "invesco_combined", "fee_basis": "pro_rata",
            "alternate_schedule_id": "invesco_sub_advisory.invesco_small_cap_growth.20121201",
            "effective_from": "2012-12-01"}
    seeds = handmade_seeds(combined_rules=[rule])
    rows = daily_rows("invesco_small_cap_growth", d("2013-04-01"), d("2013-04-30"), "600000000")
    rows += daily_rows("invesco_large_cap_growth", d("2013-04-01"), d("2013-04-30"), "400000000")
    result = calc.compute(seeds, rows)
    day = next(a for a in result.daily if a.fund_id == "invesco_large_cap_growth")
    assert day.annual_fee_usd == D(2_300_000)
    # April: 2,300,000 * 30/365 = 189,041.095... -> 189,041.10
    assert result.monthly[("invesco_sub_advisory", "invesco_large_cap_growth", d("2013-04-01"))][
        "net_fee_usd"] == D("189041.10")


# ---------------------------------------------------------------- R6 minimum fee
def test_mellon_minimum_shortfall_allocated_to_the_cent(seeds):
    # Three Mellon funds from Tuesday 2002-01-01, constant all through 2003 (data end
    # Wednesday 2003-12-31): S&P 500 $10M (.12% -> 12,000/yr), Bond $7M (.12% -> 8,400/yr),
    # International $3M (.15% -> 4,500/yr).
    rows = daily_rows("mellon_sp500_index", d("2002-01-01"), d("2003-12-31"), "10000000")
    rows += daily_rows("mellon_bond_index", d("2002-01-01"), d("2003-12-31"), "7000000")
    rows += daily_rows("mellon_international_index", d("2002-01-01"), d("2003-12-31"), "3000000")
    result = calc.compute(seeds, rows)
    assert result.accrual_end_date == d("2003-12-31")
    # start = earliest inception 2002-01-01 + 12 months = 2003-01-01; one complete period
    assert list(result.periods) == [("mellon_sub_advisory", d("2003-01-01"))]
    period = result.periods[("mellon_sub_advisory", d("2003-01-01"))]
    assert period["period_end"] == d("2003-12-31")
    assert period["is_complete"] is True
    # aggregate = 12,000 + 8,400 + 4,500 = 24,900.00 (365 days of 2003, actual/actual)
    assert cents(period["accrued_fee_usd"]) == D("24900.00")
    # shortfall = 300,000 - 24,900 = 275,100.00
    assert period["shortfall_usd"] == D("275100.00")
    # pro rata: 275,100 * 12,000/24,900 = 132,578.3132... ; * 8,400/24,900 = 92,804.8192... ;
    # * 4,500/24,900 = 49,716.8674... ; floors 132,578.31 + 92,804.81 + 49,716.86 = 275,099.98;
    # the 2 cents left go to the largest remainders .0092 (bond) and .0074 (international).
    m = result.monthly
    key = lambda f: ("mellon_sub_advisory", f, d("2003-12-01"))  # noqa: E731
    assert m[key("mellon_sp500_index")]["minimum_true_up_usd"] == D("132578.31")
    assert m[key("mellon_bond_index")]["minimum_true_up_usd"] == D("92804.82")
    assert m[key("mellon_international_index")]["minimum_true_up_usd"] == D("49716.87")
    assert sum(m[key(f)]["minimum_true_up_usd"] for f in
               ("mellon_sp500_index", "mellon_bond_index", "mellon_international_index")) == D("275100.00")
    # December 2003 net fee, S&P 500: 12,000*31/365 = 1,019.178... -> 1,019.18 + 132,578.31 = 133,597.49
    assert m[key("mellon_sp500_index")]["net_fee_usd"] == D("133597.49")
    # no true-up in any other month
    assert all(r["minimum_true_up_usd"] == 0 for k, r in m.items() if k[2] != d("2003-12-01"))


def test_open_minimum_period_is_not_trued_up(seeds):
    rows = daily_rows("mellon_sp500_index", d("2002-01-01"), d("2004-03-31"), "10000000")
    result = calc.compute(seeds, rows)
    assert result.accrual_end_date == d("2004-03-31")
    open_period = result.periods[("mellon_sub_advisory", d("2004-01-01"))]
    assert open_period["period_end"] == d("2004-12-31")
    assert open_period["is_complete"] is False
    assert open_period["shortfall_usd"] == D("0")
    # accrued to date: 12,000 * 91/366 (Jan-Mar 2004) = 2,983.606... -> 2,983.61
    assert cents(open_period["accrued_fee_usd"]) == D("2983.61")
    assert result.periods[("mellon_sub_advisory", d("2003-01-01"))]["shortfall_usd"] == D("288000.00")


def test_inception_date_from_funds_seed(handmade_seeds):
    # funds.csv inception 2001-06-15 wins over the first figure (2002-01-01):
    # periods start 2002-06-15, 2003-06-15, ...
    seeds = handmade_seeds(inceptions={"mellon_bond_index": "2001-06-15"})
    rows = daily_rows("mellon_sp500_index", d("2002-01-01"), d("2003-07-31"), "10000000")
    result = calc.compute(seeds, rows)
    assert sorted(p for _, p in result.periods) == [d("2002-06-15"), d("2003-06-15")]
    first = result.periods[("mellon_sub_advisory", d("2002-06-15"))]
    assert first["period_end"] == d("2003-06-14") and first["is_complete"]


def test_largest_remainder_ties_and_zero_weights():
    # 0.10 over three equal weights: 0.03 each, the cent left goes to the first fund_id
    shares = calc.allocate_largest_remainder(D("0.10"), {"b": D(1), "a": D(1), "c": D(1)})
    assert shares == {"a": D("0.04"), "b": D("0.03"), "c": D("0.03")}
    # all weights zero: equal split
    shares = calc.allocate_largest_remainder(D("1.00"), {"x": D(0), "y": D(0), "z": D(0)})
    assert shares == {"x": D("0.34"), "y": D("0.33"), "z": D("0.33")}


def test_add_months_clamps():
    assert calc.add_months(d("2004-02-29"), 12) == d("2005-02-28")
    assert calc.add_months(d("2003-01-31"), 1) == d("2003-02-28")
    assert calc.add_months(d("2003-06-15"), 24) == d("2005-06-15")


# ---------------------------------------------------------------- R7 expense limitation waiver
# Hand-made funds on the advisory agreement (roster 2001-01-31) with their own
# advisory schedule, and hand-made waiver seeds (conftest.write_expense_seeds).
ADVISORY = "jnl_advisory"


def one_day(fund_id, day, amount):
    return [{"fund_id": fund_id, "as_of_date": day, "net_assets_usd": amount}]


def worked_example_seeds(handmade_seeds, illustrative=False):
    """DECISIONLOG D13's worked example as seeds.

    expenses 0.20 % to $200M and 0.07 % from $200M to $400M: the advisory fee is
    the first band (0.20 % to $200M, nothing above), a custody fee the second;
    cap 0.10 % to $150M, 0.03 % to $300M, 0.0275 % to $600M (marginal); plus an
    excluded interest expense of 0.50 % that must not count."""
    fund = "worked_example_fund"
    return handmade_seeds(
        extra_schedules=[(ADVISORY, fund, "20010131", "marginal", "base", "",
                          [(0, 200, "0.20"), (200, None, "0.00")])],
        expense_schedules=[
            (fund, "limitation", "", "marginal", "2001-01-31", "", illustrative,
             [(0, 150, "0.10"), (150, 300, "0.03"), (300, 600, "0.0275")]),
            (fund, "other_expense", "custody_fees", "marginal", "2001-01-31", "", illustrative,
             [(0, 200, "0.00"), (200, 400, "0.07")]),  # tiers start at 0, as the project's seeds must
            (fund, "other_expense", "interest", "whole", "2001-01-31", "", illustrative,
             [(0, None, "0.50")]),
        ],
    )


def to_12(value):
    return value.quantize(D("1e-12"))


def test_waiver_worked_example_350m(handmade_seeds):
    seeds = worked_example_seeds(handmade_seeds)
    fund = "worked_example_fund"
    result = calc.compute(seeds, one_day(fund, "2003-03-03", "350000000"), accrue_through="2003-03-03")
    (day,) = result.expense_days
    # advisory 0.20% * 200M = 400,000 / 365 = 1,095.890410958904...
    assert cents(day["advisory_fee_usd"]) == D("1095.89")
    # custody 0.07% * (350M - 200M) = 105,000 / 365 = 287.671232876712...
    assert cents(day["other_expenses_usd"]) == D("287.67")
    # expenses 505,000 / 365 = 1,383 + 41/73 = 1,383.561643835616438... -> 1,383.56
    assert to_12(day["expenses_usd"]) == D("1383.561643835616")
    assert cents(day["expenses_usd"]) == D("1383.56")
    # cap: 0.10%*150M + 0.03%*150M + 0.0275%*50M = 150,000 + 45,000 + 13,750 = 208,750 a year;
    # / 365 = 410.96 + 123.29 + 37.67 = 571 + 67/73 = 571.917808219178082... -> 571.92
    assert to_12(day["cap_usd"]) == D("571.917808219178")
    assert cents(day["cap_usd"]) == D("571.92")
    # excess = (505,000 - 208,750) / 365 = 296,250 / 365 = 811 + 47/73 = 811.643835616438356... -> 811.64
    assert to_12(day["excess_usd"]) == D("811.643835616438")
    assert cents(day["excess_usd"]) == D("811.64")
    # interest 0.50% * 350M = 1,750,000 / 365 = 4,794.52: shown, not compared (section 2)
    assert cents(day["excluded_expenses_usd"]) == D("4794.52")
    month = result.waivers[(ADVISORY, fund, d("2003-03-01"))]
    # one day: YTD excess 811.64 < YTD fee 1,095.89 -> waiver 811.64
    assert month["days_compared"] == 1 and month["days_over_cap"] == 1
    assert cents(month["waiver_usd"]) == D("811.64")
    assert month["is_waiver_limited_to_advisory_fee"] is False
    fee = result.monthly[(ADVISORY, fund, d("2003-03-01"))]
    # net = round((400,000 - 296,250) / 365) = 103,750 / 365 = 284.2465... -> 284.25
    assert cents(fee["waiver_usd"]) == D("811.64")
    assert fee["expense_recoupment_usd"] == 0
    assert fee["net_fee_usd"] == D("284.25")


def test_waiver_worked_example_leap_day_and_whole_month(handmade_seeds):
    seeds = worked_example_seeds(handmade_seeds)
    fund = "worked_example_fund"
    # 2004-02-29, 366-day year: expenses 505,000/366 = 1,379.781... -> 1,379.78;
    # cap 208,750/366 = 570.355... -> 570.36; excess 296,250/366 = 809.426... -> 809.43
    result = calc.compute(seeds, one_day(fund, "2004-02-29", "350000000"), accrue_through="2004-02-29")
    (day,) = result.expense_days
    assert (cents(day["expenses_usd"]), cents(day["cap_usd"]), cents(day["excess_usd"])) == (
        D("1379.78"), D("570.36"), D("809.43"))
    # March 2003 at $350M every day (figures on weekdays, carried forward): 31 days
    rows = daily_rows(fund, d("2003-03-03"), d("2003-03-31"), "350000000")
    rows.insert(0, {"fund_id": fund, "as_of_date": "2003-03-01", "net_assets_usd": "350000000"})
    result = calc.compute(seeds, rows)
    month = result.waivers[(ADVISORY, fund, d("2003-03-01"))]
    assert month["days_compared"] == 31
    # cap 208,750*31/365 = 17,729.452... -> 17,729.45; excess 296,250*31/365 = 25,160.958... -> 25,160.96
    assert cents(month["expense_cap_usd"]) == D("17729.45")
    assert cents(month["excess_usd"]) == D("25160.96")
    # fee 400,000*31/365 = 33,972.60 > excess: waiver = excess 25,160.96;
    # net = 103,750*31/365 = 8,811.643... -> 8,811.64
    assert cents(month["waiver_usd"]) == D("25160.96")
    assert result.monthly[(ADVISORY, fund, d("2003-03-01"))]["net_fee_usd"] == D("8811.64")


def ytd_cap_seeds(handmade_seeds, one_off_from, one_off_to):
    """$100M fund: advisory 0.60 %, other normal expenses 0.20 %, limitation 1.00 % (all flat):
    0.80 % < 1.00 %, under the cap, except while a one-off proxy cost of 1.00 % a year
    (registration_and_reporting) runs: 1.80 % -> excess 0.80 % a year, above the 0.60 % fee."""
    fund = "ytd_cap_fund"
    return handmade_seeds(
        extra_schedules=[(ADVISORY, fund, "20010131", "whole", "base", "", [(0, None, "0.60")])],
        expense_schedules=[
            (fund, "limitation", "", "whole", "2001-01-31", "", False, [(0, None, "1.00")]),
            (fund, "other_expense", "other_normal_expenses", "whole", "2001-01-31", "", False,
             [(0, None, "0.20")]),
            (fund, "other_expense", "registration_and_reporting", "whole", one_off_from, one_off_to, False,
             [(0, None, "1.00")]),
        ],
    )


def test_waiver_never_above_the_year_to_date_advisory_fee(handmade_seeds):
    fund = "ytd_cap_fund"
    seeds = ytd_cap_seeds(handmade_seeds, "2003-01-01", "2003-01-31")
    # figures Wednesday 2003-01-01 .. Monday 2003-03-31, $100M
    result = calc.compute(seeds, daily_rows(fund, d("2003-01-01"), d("2003-03-31"), "100000000"))
    w = {m.month: row for (_, f, m), row in result.waivers.items() if f == fund}
    fee = {m.month: row for (_, f, m), row in result.monthly.items() if f == fund}
    # January, 31 days: fee 600,000*31/365 = 18,600,000/365 = 50,958.904... -> 50,958.90
    #   excess (1.80% - 1.00%) * 100M * 31/365 = 24,800,000/365 = 67,945.205... -> 67,945.21
    #   YTD waiver = min(67,945.21, 50,958.90) = the whole fee: net 0.00
    assert cents(w[1]["excess_usd"]) == D("67945.21")
    assert cents(w[1]["advisory_fee_usd"]) == D("50958.90")
    assert cents(w[1]["waiver_usd"]) == D("50958.90")
    assert w[1]["is_waiver_limited_to_advisory_fee"] is True
    assert fee[1]["net_fee_usd"] == D("0.00")
    # February, 28 days: no excess (0.80% < 1.00%; days under the cap do not offset days over it)
    #   YTD excess still 24,800,000/365; YTD fee 600,000*59/365 = 96,986.30 -> YTD waiver = 67,945.21
    #   February waiver = (24,800,000 - 18,600,000)/365 = 6,200,000/365 = 16,986.301... -> 16,986.30
    #   net = (16,800,000 - 6,200,000)/365 = 10,600,000/365 = 29,041.095... -> 29,041.10
    assert w[2]["days_over_cap"] == 0 and w[2]["excess_usd"] == 0
    assert cents(w[2]["ytd_excess_usd"]) == D("67945.21")
    assert cents(w[2]["ytd_advisory_fee_usd"]) == D("96986.30")
    assert w[2]["is_waiver_limited_to_advisory_fee"] is False
    assert cents(w[2]["waiver_usd"]) == D("16986.30")
    assert fee[2]["net_fee_usd"] == D("29041.10")
    # March: nothing left to waive; net = 600,000*31/365 = 50,958.90
    assert w[3]["waiver_usd"] == 0
    assert fee[3]["net_fee_usd"] == D("50958.90")
    # the year's waivers add up to the YTD excess, 24,800,000/365 = 67,945.21
    assert cents(sum((w[m]["waiver_usd"] for m in (1, 2, 3)), D(0))) == D("67945.21")


def test_waiver_fiscal_year_resets(handmade_seeds):
    fund = "ytd_cap_fund"
    seeds = ytd_cap_seeds(handmade_seeds, "2003-12-01", "2003-12-31")
    # figures Monday 2003-12-01 .. Friday 2004-01-30 (accrues through Saturday 31 January)
    rows = daily_rows(fund, d("2003-12-01"), d("2004-01-30"), "100000000")
    # reimbursement off: this test is about the reset alone (January 2004 would otherwise repay
    # December's waiver from its headroom, D15: python_tests/test_agreements_as_printed.py)
    result = calc.compute(seeds, rows, recoupment_enabled=False)
    dec, jan = (ADVISORY, fund, d("2003-12-01")), (ADVISORY, fund, d("2004-01-01"))
    # December 2003 as January above: excess 67,945.21 > fee 50,958.90 -> waiver = fee, net 0.00
    assert cents(result.waivers[dec]["waiver_usd"]) == D("50958.90")
    assert result.monthly[dec]["net_fee_usd"] == D("0.00")
    # January 2004 starts a new fiscal year (December year end): YTD excess 0 -> no waiver;
    # the 16,986.30 of 2003's excess left over is not carried into 2004.
    # net = 600,000*31/366 = 18,600,000/366 = 50,819.672... -> 50,819.67
    assert result.waivers[jan]["fiscal_year_start"] == d("2004-01-01")
    assert result.waivers[jan]["ytd_excess_usd"] == 0
    assert result.waivers[jan]["waiver_usd"] == 0
    assert result.monthly[jan]["net_fee_usd"] == D("50819.67")
    # fiscal year ending in January (var expense_fiscal_year_end_month = 1): December and January
    # are one year from 2003-02-01: YTD fee 18,600,000/365 + 18,600,000/366 = 101,778.58 >
    # YTD excess 67,945.21 -> January waiver 6,200,000/365 = 16,986.30;
    # net = round(50,819.672... - 16,986.301...) = 33,833.370... -> 33,833.37
    result = calc.compute(seeds, rows, fiscal_year_end_month=1, recoupment_enabled=False)
    assert result.waivers[jan]["fiscal_year_start"] == d("2003-02-01")
    assert cents(result.waivers[jan]["ytd_advisory_fee_usd"]) == D("101778.58")
    assert cents(result.waivers[jan]["waiver_usd"]) == D("16986.30")
    assert result.monthly[jan]["net_fee_usd"] == D("33833.37")


def test_fiscal_year_start():
    assert calc.fiscal_year_start(d("2003-12-31")) == d("2003-01-01")
    assert calc.fiscal_year_start(d("2004-01-01")) == d("2004-01-01")
    assert calc.fiscal_year_start(d("2004-01-31"), 1) == d("2003-02-01")
    assert calc.fiscal_year_start(d("2004-02-01"), 1) == d("2004-02-01")
    assert calc.fiscal_year_start(d("2004-06-30"), 6) == d("2003-07-01")
    assert calc.fiscal_year_start(d("2004-07-01"), 6) == d("2004-07-01")


def test_illustrative_expense_rows_apply_only_without_a_net_asset_file(handmade_seeds):
    # D16: rows marked is_illustrative apply only to the shipped sample (no net_assets_path)
    seeds = worked_example_seeds(handmade_seeds, illustrative=True)
    fund = "worked_example_fund"
    rows = one_day(fund, "2003-03-03", "350000000")
    plain = calc.compute(seeds, rows, accrue_through="2003-03-03")
    assert not plain.waivers
    # without a waiver: net = 400,000/365 = 1,095.89
    assert plain.monthly[(ADVISORY, fund, d("2003-03-01"))]["net_fee_usd"] == D("1095.89")
    sample = calc.compute(seeds, rows, accrue_through="2003-03-03", illustrative_expenses=True)
    assert cents(sample.waivers[(ADVISORY, fund, d("2003-03-01"))]["waiver_usd"]) == D("811.64")


def test_no_limitation_no_waiver(seeds):
    # Putnam at $600M under the hand-made seeds (no waiver seeds) and under the repository's
    # (illustrative rows off by default): the fee of test_putnam_600m_month, nothing waived
    rows = daily_rows("putnam_international_equity", d("2003-04-01"), d("2003-04-30"), "600000000")
    result = calc.compute(seeds, rows)
    assert not result.waivers
    assert result.monthly[(ADVISORY, "putnam_international_equity", d("2003-04-01"))]["net_fee_usd"] == D(
        "484931.51")


def test_repo_illustrative_putnam_excess():
    # DECISIONLOG D16 with the repository's illustrative seeds, Putnam at $600M on 2013-03-01:
    # advisory 5,900,000 (test_putnam_international_growth_at_600m); custody 0.35%*100M + 0.25%*500M
    # = 350,000 + 1,250,000 = 1,600,000; other normal 0.05%*600M = 300,000 -> expenses 7,800,000;
    # cap 1.25% * 600M = 7,500,000 (whole) -> excess 300,000/365 = 821.917... -> 821.92 a day
    rows = one_day("putnam_international_equity", "2013-03-01", "600000000")
    result = calc.compute(REPO_SEEDS, rows, accrue_through="2013-03-01", illustrative_expenses=True)
    (day,) = result.expense_days
    assert cents(day["cap_usd"]) == D("20547.95")  # 7,500,000/365 = 20,547.945...
    assert cents(day["expenses_usd"]) == D("21369.86")  # 7,800,000/365 = 21,369.863...
    assert cents(day["excess_usd"]) == D("821.92")
    fee = result.monthly[(ADVISORY, "putnam_international_equity", d("2013-03-01"))]
    # net = (5,900,000 - 300,000)/365 = 15,342.465... -> 15,342.47
    assert fee["net_fee_usd"] == D("15342.47")
