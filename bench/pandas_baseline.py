"""The yardstick for the accrual model: a vectorised pandas version (not a test, not the engine).

    python bench/pandas_baseline.py DATA_DIR [--net-assets GLOB] [--out monthly.parquet]

On the files of bench/generate.py (DATA_DIR/net_assets/*.parquet and
DATA_DIR/agreements/*.csv) it does the core of the daily accrual work the way a
plain pandas script would:

1. read the Parquet net assets, a batch of funds at a time (through DuckDB, which hands
   pandas whole cents as int64); steps 2 to 5 run per batch;
2. forward-fill every fund to calendar days, from its first figure to the last
   date of the file (np.repeat over the gaps: no Python loop);
3. join every fund-day to the agreements whose roster lists the fund and to the
   base schedule in effect (merge_asof on effective_from);
4. price the day through the schedule's tiers, vectorised over up to five tiers
   (`marginal`: each rate on its band's slice; `whole`: the rate of the band the
   assets fall in on all assets), divide by the days in the year (actual/actual);
5. sum by agreement, fund and month (days, accrued fee).

Left out, unlike the dbt build: combined assets (schedule switches and pro rata),
minimum fees, waivers, payable rounding, data tests. Integer arithmetic (cents times
rates in millionths of a percent, then floor division by the days in the year), no
floating point; the daily figure is truncated at 1e-8 cent, so it is a speed yardstick,
never a fee figure. Prints one JSON line: {"pandas_s": ..., "fund_days": ..., ...}.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

MAX_TIERS = 5
UNBOUNDED_CENTS = 10**15  # an unbounded band's upper bound: $10 trillion (exact as float64 in the pivot)
RATE_UNITS = 1_000_000  # annual_rate_pct 0.975000 -> 975000 millionths of a percent


def fund_batches(con: duckdb.DuckDBPyConnection, glob: str, batch_funds: int) -> list[list[str]]:
    """The file's funds in batches of batch_funds, by fund_id."""
    funds = [row[0] for row in con.sql(f"select distinct fund_id from read_parquet('{glob}') order by 1").fetchall()]
    return [funds[i:i + batch_funds] for i in range(0, len(funds), batch_funds)]


def read_net_assets(con: duckdb.DuckDBPyConnection, glob: str, funds: list[str]) -> pd.DataFrame:
    return con.execute(f"""
        select fund_id, as_of_date, cast(round(net_assets_usd * 100) as bigint) as assets_cents
        from read_parquet('{glob}')
        where fund_id in (select unnest(?))
    """, [funds]).df()


def last_date(con: duckdb.DuckDBPyConnection, glob: str) -> np.datetime64:
    return np.datetime64(con.sql(f"select max(as_of_date) from read_parquet('{glob}')").fetchone()[0], "D")


def calendar_days(nav: pd.DataFrame, last: np.datetime64) -> pd.DataFrame:
    """Every fund's figures carried forward to every calendar day up to the file's last date."""
    nav = nav.sort_values(["fund_id", "as_of_date"], kind="stable").reset_index(drop=True)
    dates = nav["as_of_date"].to_numpy(dtype="datetime64[D]")
    # fee-rules R1: the last figure carries to the day before the next business day, not past its month
    next_business_day = np.busday_offset(last, 1, roll="forward")
    month_end = (last.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    end = min(next_business_day - 1, month_end)
    funds = nav["fund_id"].to_numpy()
    last_of_fund = np.append(funds[1:] != funds[:-1], True)
    next_dates = np.append(dates[1:], end + 1)
    next_dates[last_of_fund] = end + 1
    gaps = (next_dates - dates).astype(np.int64)
    index = np.repeat(np.arange(len(nav)), gaps)
    # day offset within each run: position minus the run's first position
    starts = np.repeat(np.cumsum(gaps) - gaps, gaps)
    offsets = np.arange(len(index)) - starts
    return pd.DataFrame({
        "fund_id": funds[index],
        "day": dates[index] + offsets.astype("timedelta64[D]"),
        "assets_cents": nav["assets_cents"].to_numpy()[index],
    })


def read_schedules(agreements: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(coverage: agreement, fund, roster date; schedules: one row per base schedule with tier arrays)."""
    rosters = pd.read_csv(agreements / "rosters.csv", dtype=str)
    coverage = rosters[["agreement_id", "fund_id", "roster_effective_date"]].copy()
    coverage["roster_effective_date"] = pd.to_datetime(coverage["roster_effective_date"]).astype("datetime64[s]")
    # one roster version per agreement in the synthetic universe: the earliest date covers the fund
    coverage = coverage.groupby(["agreement_id", "fund_id"], as_index=False)["roster_effective_date"].min()

    schedules = pd.read_csv(agreements / "fee_schedules.csv", dtype=str)
    schedules = schedules[schedules["schedule_role"] == "base"]
    tiers = pd.read_csv(agreements / "fee_schedule_tiers.csv", dtype=str)
    tiers = tiers[tiers["schedule_id"].isin(schedules["schedule_id"])].copy()

    def cents(text: pd.Series) -> pd.Series:
        whole_part = text.str.split(".").str[0].astype(np.int64)
        return whole_part * 100 + text.str.split(".").str[1].str.ljust(2, "0").str[:2].astype(np.int64)

    tiers["lower"] = cents(tiers["lower_bound_usd"])
    unbounded = tiers["upper_bound_usd"].isna()
    tiers["upper"] = np.where(unbounded, UNBOUNDED_CENTS, cents(tiers["upper_bound_usd"].fillna("0.00")))
    rate = tiers["annual_rate_pct"].str.split(".")
    tiers["rate"] = rate.str[0].astype(np.int64) * RATE_UNITS + rate.str[1].str.ljust(6, "0").str[:6].astype(np.int64)
    tiers["tier"] = tiers["tier_number"].astype(int) - 1
    wide = tiers.pivot(index="schedule_id", columns="tier", values=["lower", "upper", "rate"])
    wide = wide.reindex(columns=pd.MultiIndex.from_product([["lower", "upper", "rate"], range(MAX_TIERS)]))
    # missing tiers: an empty band [0, 0) at rate 0
    wide = wide.fillna({("upper", t): 0 for t in range(MAX_TIERS)}).fillna(0).astype(np.int64)
    wide.columns = [f"{name}_{tier}" for name, tier in wide.columns]
    schedules = schedules.merge(wide, left_on="schedule_id", right_index=True)
    schedules["effective_from"] = pd.to_datetime(schedules["effective_from"]).astype("datetime64[s]")
    return coverage, schedules


def accrue(days: pd.DataFrame, coverage: pd.DataFrame, schedules: pd.DataFrame) -> pd.DataFrame:
    covered = days.merge(coverage, on="fund_id")
    covered = covered[covered["day"] >= covered["roster_effective_date"]]
    covered = covered.sort_values("day", kind="stable")
    priced = pd.merge_asof(
        covered, schedules.sort_values("effective_from"), left_on="day", right_on="effective_from",
        by=["agreement_id", "fund_id"], direction="backward",
    ).dropna(subset=["schedule_id"])
    assets = priced["assets_cents"].to_numpy(np.int64)[:, None]
    lower = priced[[f"lower_{t}" for t in range(MAX_TIERS)]].to_numpy(np.int64)
    upper = priced[[f"upper_{t}" for t in range(MAX_TIERS)]].to_numpy(np.int64)
    rate = priced[[f"rate_{t}" for t in range(MAX_TIERS)]].to_numpy(np.int64)
    # marginal: each rate on the slice of the assets inside its band
    slices = np.clip(np.minimum(assets, upper) - lower, 0, None)
    marginal = (slices * rate).sum(axis=1)
    # whole: the rate of the band the assets fall in (lower < assets <= upper; the first band from 0)
    inside = ((assets > lower) | (lower == 0)) & (assets <= upper) & (upper > lower)
    whole = (inside * rate).max(axis=1) * assets[:, 0]
    annual = np.where(priced["method"].to_numpy() == "whole", whole, marginal)  # cents x 1e-6 %
    day = priced["day"].to_numpy(dtype="datetime64[D]")
    year = day.astype("datetime64[Y]").astype(int) + 1970
    days_in_year = np.where((year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0)), 366, 365)
    # annual fee in USD = annual * 1e-2 (cents) * 1e-6 * 1e-2 (percent): keep 1e-10 USD units
    priced = priced.assign(daily_units=annual // days_in_year, month=day.astype("datetime64[M]"))
    return priced.groupby(["agreement_id", "fund_id", "month"], as_index=False).agg(
        days_accrued=("daily_units", "size"), accrued_units=("daily_units", "sum"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir")
    parser.add_argument("--net-assets", help="Parquet glob (default DATA_DIR/net_assets/*.parquet)")
    parser.add_argument("--out", help="write the monthly sums to this Parquet file (not timed)")
    parser.add_argument("--batch-funds", type=int, default=1000,
                        help="funds priced per batch (default 1000): memory is bounded by one batch")
    args = parser.parse_args()
    data = Path(args.data_dir)
    glob = args.net_assets or str(data / "net_assets" / "*.parquet")

    started = time.perf_counter()
    con = duckdb.connect()
    coverage, schedules = read_schedules(data / "agreements")
    last = last_date(con, glob)
    net_asset_rows = fund_days = 0
    monthly_parts = []
    # no combined assets here (see above), so every fund is priced on its own and a batch of
    # funds at a time keeps memory bounded (one pass over all 10,000 funds at once needs more
    # than the 24 GB of the benchmark machine)
    for funds in fund_batches(con, glob, args.batch_funds):
        nav = read_net_assets(con, glob, funds)
        days = calendar_days(nav, last)
        monthly_parts.append(accrue(days, coverage, schedules))
        net_asset_rows += len(nav)
        fund_days += len(days)
        del nav, days
    monthly = pd.concat(monthly_parts, ignore_index=True)
    con.close()
    elapsed = time.perf_counter() - started
    if args.out:
        duckdb.from_df(monthly).write_parquet(args.out)
    print(json.dumps({
        "pandas_s": round(elapsed, 3), "net_asset_rows": net_asset_rows, "fund_days": fund_days,
        "fund_months": len(monthly),
        "accrued_usd": str(sum(int(x) for x in monthly["accrued_units"]) // 10**10),
    }))


if __name__ == "__main__":
    main()
