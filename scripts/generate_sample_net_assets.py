#!/usr/bin/env python3
"""Writes seeds/net_assets/net_assets_illustrative.csv: ILLUSTRATIVE daily net assets.

The figures are invented (no document gives net assets). They exist so that
`dbt build` with nothing else set computes fees for every fund with a fee
schedule, over one quarter that exercises the rules:

- business days only (Mon-Fri, less the NYSE holidays of Good Friday 2013-03-29
  and Memorial Day 2013-05-27), so weekends and holidays are carried forward (R1);
- data ends Friday 2013-05-31, the last day of a month (R1: no weekend extension);
- levels chosen to cross tier breakpoints (e.g. Putnam International Equity
  around $600M runs through all five advisory tiers);
- the four JNL/Invesco funds' combined net assets start below $1 billion and
  cross above it during the quarter (R4);
- Mellon Capital Management/JNL Bond Index receives its initial capital mid-month
  (2013-04-15), so its first month is prorated.

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
HOLIDAYS = {dt.date(2013, 3, 29), dt.date(2013, 5, 27)}
MILLION = Decimal(1_000_000)

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


def business_days():
    day = START
    while day <= END:
        if day.weekday() < 5 and day not in HOLIDAYS:
            yield day
        day += dt.timedelta(days=1)


def main() -> None:
    rng = random.Random(20130301)
    days = list(business_days())
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
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["fund_id", "as_of_date", "net_assets_usd"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
