#!/usr/bin/env python3
"""Writes seeds/net_assets/net_assets_illustrative.csv: ILLUSTRATIVE daily net assets.

The figures are invented (no document gives net assets). They exist so that
`dbt build` with nothing else set computes fees for every fund with a fee
schedule, from 2013-03-01 to 2014-01-31, across the Trust's fiscal year end
(December 31), in a way that exercises the rules:

- business days only (Mon-Fri, less the NYSE holidays of Good Friday 2013-03-29,
  Memorial Day 2013-05-27, Independence Day 2013-07-04, Labor Day 2013-09-02,
  Thanksgiving 2013-11-28, Christmas 2013-12-25, New Year's Day 2014-01-01 and
  Martin Luther King Jr. Day 2014-01-20), so weekends and holidays are carried
  forward (R1);
- data ends Friday 2014-01-31, the last day of a month (R1: no weekend extension);
- levels chosen to cross tier breakpoints (e.g. Putnam International Equity
  around $600M runs through all five advisory tiers);
- the four JNL/Invesco funds' combined net assets start below $1 billion and
  cross above it in April 2013 (R4), then stay above it;
- Mellon Capital Management/JNL Bond Index receives its initial capital mid-month
  (2013-04-15), so its first month is prorated;
- Lazard/JNL Small Cap Value stays between $30M and $50M (one advisory tier, one
  limitation tier), so that its waivers of April and December 2013 (the one-off
  expense rows of seeds/waivers/) and their reimbursement in January 2014, the
  next fiscal year, can be worked by hand (DECISIONLOG D15).

Two parts, so that lengthening the sample never changes a row already shipped:
- 2013-03-01 .. 2013-05-31, the original quarter: one random sequence that runs
  across the funds in LEVELS order (seed 20130301). These rows never change;
- 2013-06-03 .. 2014-01-31, the extension: one random sequence PER FUND (seeded
  with the fund_id), continuing from the fund's 2013-05-31 figure.

Deterministic: the same file every run. Usage: python scripts/generate_sample_net_assets.py
"""
from __future__ import annotations

import csv
import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "seeds" / "net_assets" / "net_assets_illustrative.csv"
START, END = dt.date(2013, 3, 1), dt.date(2013, 5, 31)
EXTENSION_START, EXTENSION_END = dt.date(2013, 6, 3), dt.date(2014, 1, 31)
HOLIDAYS = {
    dt.date(2013, 3, 29), dt.date(2013, 5, 27),  # Good Friday, Memorial Day
    dt.date(2013, 7, 4), dt.date(2013, 9, 2),  # Independence Day, Labor Day
    dt.date(2013, 11, 28), dt.date(2013, 12, 25),  # Thanksgiving, Christmas
    dt.date(2014, 1, 1), dt.date(2014, 1, 20),  # New Year's Day, Martin Luther King Jr. Day
}
MILLION = Decimal(1_000_000)
# daily drift of the extension: a small growth for every fund, except redemptions at
# Lazard Small Cap Value, which keep it under $50M (its first advisory tier)
EXTENSION_DRIFT = {"lazard_small_cap_value": Decimal("-0.0004")}
DEFAULT_EXTENSION_DRIFT = Decimal("0.0002")

# fund_id -> (starting net assets in $ millions, first day of net assets or None)
LEVELS = {
    "alger_growth": (320, None), "alliance_growth": (260, None), "eagle_core_equity": (55, None),
    "eagle_smallcap_equity": (149, None), "jpmorgan_enhanced_sp500": (24, None),
    "jpmorgan_intl_emerging_markets": (210, None), "janus_aggressive_growth": (310, None),
    "janus_balanced": (290, None), "janus_capital_growth": (160, None),
    "janus_global_equities": (300, None), "janus_growth_income": (45, None),
    "pimco_total_return_bond": (400, None), "putnam_growth": (152, None),
    "putnam_international_equity": (600, None), "putnam_midcap_growth": (95, None),
    "putnam_value_equity": (330, None), "sp_conservative_growth_i": (480, None),
    "sp_moderate_growth_i": (520, None), "sp_aggressive_growth_i": (210, None),
    "sp_very_aggressive_growth_i": (120, None), "sp_equity_growth_i": (505, None),
    "sp_equity_aggressive_growth_i": (90, None), "sp_conservative_growth_ii": (60, None),
    "sp_moderate_growth_ii": (75, None), "sp_aggressive_growth_ii": (40, None),
    "sp_very_aggressive_growth_ii": (30, None), "sp_equity_growth_ii": (35, None),
    "sp_equity_aggressive_growth_ii": (25, None), "sp_conservative_growth": (140, None),
    "sp_moderate_growth": (230, None), "sp_aggressive_growth": (110, None),
    "lazard_mid_cap_value": (310, None), "lazard_small_cap_value": (48, None),
    "ppm_balanced": (520, None), "ppm_high_yield_bond": (260, None),
    "ppm_money_market": (700, None), "salomon_balanced": (52, None),
    "salomon_global_bond": (180, None), "salomon_high_yield_bond": (149, None),
    "salomon_us_government_quality_bond": (505, None), "trowe_established_growth": (151, None),
    "trowe_mid_cap_growth": (420, None), "trowe_value": (295, None),
    "mellon_sp500_index": (150, None), "mellon_sp400_mid_cap_index": (98, None),
    "mellon_small_cap_index": (60, None), "mellon_international_index": (75, None),
    "mellon_bond_index": (20, dt.date(2013, 4, 15)),
    "invesco_global_real_estate": (240, None), "invesco_international_growth": (280, None),
    "invesco_large_cap_growth": (300, None), "invesco_small_cap_growth": (150, None),
}


def business_days(start: dt.date, end: dt.date):
    day = start
    while day <= end:
        if day.weekday() < 5 and day not in HOLIDAYS:
            yield day
        day += dt.timedelta(days=1)


def first_quarter() -> list[tuple[str, str, Decimal]]:
    """2013-03-01 .. 2013-05-31: one sequence across the funds (never change it)."""
    rng = random.Random(20130301)
    days = list(business_days(START, END))
    rows = []
    for fund_id, (millions, first_day) in LEVELS.items():
        level = Decimal(millions) * MILLION
        for i, day in enumerate(days):
            if first_day and day < first_day:
                continue
            if fund_id.startswith("invesco_"):
                # steady inflows: the four funds' combined assets pass $1B in April
                drift = Decimal("0.0035")
            else:
                drift = Decimal("0.0002")
            shock = Decimal(rng.randint(-60, 60)) / Decimal(10000)
            if i:
                level = level * (1 + drift + shock)
            rows.append((fund_id, day.isoformat(), level.quantize(Decimal("0.01"))))
    return rows


def extension(fund_id: str, level: Decimal) -> list[tuple[str, str, Decimal]]:
    """2013-06-03 .. 2014-01-31 for one fund, from its 2013-05-31 figure, on its own sequence."""
    rng = random.Random(f"net_assets_illustrative.extension.{fund_id}")
    drift = EXTENSION_DRIFT.get(fund_id, DEFAULT_EXTENSION_DRIFT)
    rows = []
    for day in business_days(EXTENSION_START, EXTENSION_END):
        shock = Decimal(rng.randint(-60, 60)) / Decimal(10000)
        level = level * (1 + drift + shock)
        rows.append((fund_id, day.isoformat(), level.quantize(Decimal("0.01"))))
    return rows


def main() -> None:
    quarter = first_quarter()
    rows = []
    for fund_id in LEVELS:  # the file's order: each fund's quarter, then its extension
        own = [row for row in quarter if row[0] == fund_id]
        last_day, last_figure = own[-1][1:]
        assert last_day == END.isoformat(), (fund_id, last_day)
        rows += own + extension(fund_id, last_figure)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["fund_id", "as_of_date", "net_assets_usd"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
