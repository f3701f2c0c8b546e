"""Generate a large daily net-asset file for benchmarking `dbt build` (not a test).

    python bench/generate_net_assets.py --funds 58 --years 20 --out bench/data

Writes OUT/net_assets.parquet (fund_id, as_of_date DATE, net_assets_usd
DECIMAL(18,2)): one row per fund and business day (Monday-Friday) from
--start for --years years, an integer random walk per fund (DuckDB SQL, no
floating point). Rerunning with the same arguments gives the same file.

Fund ids: the real fund_ids of seeds/agreements/funds.csv (at most 58), so
they accrue fees under the real agreements. More funds need --synthetic-ids
(`bench_fund_00059`, ...): such a file loads, but `dbt build` then fails the
relationships test of stg_net_assets__daily.fund_id (unknown funds are
rejected, by design); fee volume for thousands of funds needs synthetic
funds/rosters/schedules (see bench/README.md).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--funds", type=int, default=58)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--start", default="2001-02-01", help="first business day (default 2001-02-01)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "data"))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--synthetic-ids", action="store_true",
                        help="allow --funds above the 58 real funds (dbt build will reject them)")
    args = parser.parse_args()
    if args.funds > 58 and not args.synthetic_ids:
        parser.error("only 58 real funds exist; pass --synthetic-ids to add unknown fund ids "
                     "(dbt build's relationships test rejects them)")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    target = out / "net_assets.parquet"
    funds_csv = ROOT / "seeds" / "agreements" / "funds.csv"

    started = time.perf_counter()
    con = duckdb.connect()
    try:
        con.execute(f"""
            create temp table real_funds as
            select fund_id, row_number() over (order by fund_id) as fund_number
            from read_csv('{funds_csv}', header = true, all_varchar = true)
        """)
        con.execute(f"""
            create temp table bench_funds as
            select fund_id, fund_number from real_funds where fund_number <= {args.funds}
            union all
            select 'bench_fund_' || lpad(cast(n as varchar), 5, '0') as fund_id, n as fund_number
            from range((select count(*) from real_funds) + 1, {args.funds} + 1) as t(n)
        """)
        con.execute(f"""
            copy (
                with days as (
                    select cast(d as date) as as_of_date
                    from range(
                        date '{args.start}',
                        date '{args.start}' + interval ({args.years}) year,
                        interval 1 day
                    ) as t(d)
                    where isodow(d) <= 5
                ),
                steps as (
                    select
                        f.fund_id,
                        d.as_of_date,
                        -- base level $5M-$2.5B, from the fund number (integer arithmetic)
                        cast(5000000 + (hash(f.fund_id, {args.seed}) % 500) * 5000000 as decimal(18, 2))
                            as base_usd,
                        -- daily step of -1.00% .. +1.05% in basis points (slight upward drift)
                        cast(hash(f.fund_id, d.as_of_date, {args.seed}) % 206 as integer) - 100 as step_bp
                    from bench_funds as f
                    cross join days as d
                ),
                walked as (
                    select
                        fund_id,
                        as_of_date,
                        base_usd,
                        sum(step_bp) over (
                            partition by fund_id order by as_of_date
                            rows between unbounded preceding and current row
                        ) as cumulative_bp
                    from steps
                )
                select
                    fund_id,
                    as_of_date,
                    cast(
                        greatest(
                            base_usd * (1 + cast(cumulative_bp as decimal(18, 0)) * 0.0001),
                            1000000.00
                        ) as decimal(18, 2)
                    ) as net_assets_usd
                from walked
                order by fund_id, as_of_date
            ) to '{target}' (format parquet)
        """)
        rows = con.execute(f"select count(*) from read_parquet('{target}')").fetchone()[0]
    finally:
        con.close()
    print(f"{target}: {rows} rows, {args.funds} funds, {args.years} years, "
          f"{time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
