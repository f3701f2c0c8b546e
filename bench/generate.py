"""A deterministic synthetic universe of funds and agreements for the benchmark (not a test).

    python bench/generate.py --funds 1000 --years 10 [--out DIR] [--start 2016-01-01] [--seed 42]

Writes (DIR defaults to bench/data/<funds>x<years>, git-ignored):

- DIR/net_assets/net_assets.parquet: fund_id, as_of_date DATE, net_assets_usd
  DECIMAL(18,2); one row per synthetic fund and business day (Monday-Friday)
  from the fund's first day (the start, or up to 12 weeks later) to the end
  of --years years; an integer random walk per fund (DuckDB SQL on hashes, no
  floating point). Read by the project through var net_assets_path
  (DIR/net_assets/*.parquet).
- DIR/agreements/<seed>.csv: the twelve files of seeds/agreements/ with exactly
  the seeds' columns: the real transcription rows, copied verbatim, followed by
  the synthetic rows. Read by the project through var agreement_data_path
  (DIR/agreements), which replaces the seeds as a whole; the seeds stay untouched.
- DIR/manifest.json: the arguments and the row counts.

The synthetic universe (fund n = bench_f000001 ...):
- bench_advisory (advisory, payer the trust, payee JNAM): every synthetic fund on
  its roster, each with a base schedule of 1 to 5 marginal tiers (every 7th
  fund: a `whole` schedule of 1 to 3 bands); every 10th fund (n % 10 == 3) has a
  second, cheaper base schedule from halfway through the period (effective dating);
- every 5th fund (n % 5 == 0) is also sub-advised: bench_sub_advisory_kkkk
  agreements of 10 such funds each (payee bench_sub_adviser_kkkk), marginal
  schedules of 1 to 5 tiers;
- sub-advisory agreements with k % 2 == 1 have a minimum aggregate fee
  (12-month periods from one year after the earliest inception, Mellon's rule) of
  80 bp (k % 4 == 1: it usually binds) or 5 bp (k % 4 == 3) of the funds' starting assets;
- sub-advisory agreements with k % 3 == 1 and at least three funds have a
  combined-asset group of all their funds: the first fund switches to a `whole`
  alternate schedule when the combined assets exceed a threshold near the
  group's starting total (schedule_switch, gt); and a second group of the next
  two funds (small ones, $5M-$200M at the start), the first of which is priced
  pro rata on their combined assets (pro_rata). (The current engine's exact
  division overflows on pro rata fees above about 1.7e18 USD^2 of tier fee times
  fund assets, e.g. a $4M tier fee on a $2B fund: issue 7's new core.)
Every name, roster line and schedule heading has its fund_names row in the
document bench_synthetic, so the transcription tests still hold (except the
roster sizes, counted by hand in the printed documents: disabled while
agreement_data_path is set).

Rerunning with the same arguments gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds" / "agreements"
SEED_NAMES = [
    "documents", "parties", "funds", "fund_names", "agreements", "rosters", "fee_schedules",
    "fee_schedule_tiers", "asset_groups", "combined_asset_rules", "minimum_fees", "errata",
    # the lifecycle (issue 11): each agreement's term and notice periods, and its events
    "agreement_lifecycle_terms", "agreement_events",
]
DOCUMENT = "bench_synthetic"
M = 1_000_000
BREAKPOINTS_M = [50, 150, 300, 500, 1000]  # marginal band upper bounds, $ millions
SUB_ADVISORY_SIZE = 10


def seed_header(name: str) -> list[str]:
    with open(SEEDS / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle))


def seed_rows(name: str) -> list[dict]:
    with open(SEEDS / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def pct(value_bp: int) -> str:
    """Basis points (integer) -> the seeds' percent text with 6 decimals: 75 -> 0.750000."""
    return f"{value_bp // 100}.{value_bp % 100:02d}0000"


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Universe:
    def __init__(self, funds: int, years: int, start: dt.date, seed: int, pro_rata: bool = True):
        self.funds, self.years, self.start, self.seed = funds, years, start, seed
        self.pro_rata = pro_rata
        self.end = add_years(start, years) - dt.timedelta(days=1)
        self.rows: dict[str, list[dict]] = {name: [] for name in SEED_NAMES}
        self.line = 0
        self.fund_ids = [f"bench_f{n:06d}" for n in range(1, funds + 1)]
        self.fund_params: list[tuple[str, int, int]] = []  # (fund_id, start offset days, level $)

    def rng(self, *key) -> random.Random:
        return random.Random(":".join(str(k) for k in (self.seed, *key)))

    def next_line(self) -> int:
        self.line += 1
        return self.line

    def name_row(self, fund_id: str, name: str, kind: str) -> int:
        line = self.next_line()
        self.rows["fund_names"].append({
            "fund_name_id": f"{DOCUMENT}.{line}", "name_as_printed": name, "fund_id": fund_id,
            "document_id": DOCUMENT, "source_line": line, "name_in_use_from": self.start.isoformat(),
            "name_kind": kind, "is_erratum": "false",
            "note": "Synthetic (bench/generate.py)",
        })
        return line

    def schedule(self, agreement_id: str, fund_id: str, name: str, effective: dt.date, method: str,
                 role: str, bands: list[tuple[int, int | None, int]], suffix: str = "") -> str:
        """bands: (lower $, upper $ or None, rate in bp)."""
        schedule_id = f"{agreement_id}.{fund_id}.{effective:%Y%m%d}{suffix}"
        line = self.name_row(fund_id, name, "fee_schedule")
        self.rows["fee_schedules"].append({
            "schedule_id": schedule_id, "agreement_id": agreement_id, "fund_id": fund_id,
            "effective_from": effective.isoformat(), "method": method, "schedule_role": role,
            "heading_as_printed": name, "document_id": DOCUMENT, "source_line": line,
        })
        for number, (lower, upper, rate_bp) in enumerate(bands, 1):
            tier_line = self.next_line()
            upper_text = "" if upper is None else f"{upper}.00"
            self.rows["fee_schedule_tiers"].append({
                "schedule_id": schedule_id, "tier_number": number, "lower_bound_usd": f"{lower}.00",
                "upper_bound_usd": upper_text, "annual_rate_pct": pct(rate_bp),
                "printed_text": f"${lower} to {upper_text or 'over'} {pct(rate_bp)}%",
                "document_id": DOCUMENT, "source_line": tier_line, "erratum_id": "",
            })
        return schedule_id

    @staticmethod
    def marginal_bands(rng: random.Random, tiers: int, first_bp: int) -> list[tuple[int, int | None, int]]:
        bounds = [0] + [b * M for b in BREAKPOINTS_M[:tiers - 1]] + [None]
        step = rng.choice([2, 5, 5, 10])
        return [(bounds[i], bounds[i + 1], max(first_bp - i * step, 1)) for i in range(tiers)]

    def agreement(self, agreement_id: str, name: str, agreement_type: str, payer: str, payee: str) -> None:
        self.rows["agreements"].append({
            "agreement_id": agreement_id, "agreement_name": name, "agreement_type": agreement_type,
            "fee_type": agreement_type, "payer_party_id": payer, "payee_party_id": payee,
            "document_id": DOCUMENT, "date_as_printed": self.start.isoformat(),
            "effective_date": self.start.isoformat(), "source_line": self.next_line(),
        })
        # in force throughout: a two-year initial term from the execution, then yearly
        # continuances, each approved a month before it starts (through two years past the data)
        self.rows["agreement_lifecycle_terms"].append({
            "agreement_id": agreement_id, "initial_term_months": 24, "continuance_months": 12,
            "trust_notice_days": 60, "adviser_notice_days": 60, "adviser_notice_max_months": 6,
            "adviser_needs_replacement": "true" if agreement_type == "advisory" else "false",
            "sub_adviser_notice_days": "" if agreement_type == "advisory" else 60,
            "document_id": DOCUMENT, "source_line": self.next_line(),
            "printed_text": "Synthetic: two years, then yearly continuance; sixty days' notice",
        })
        events = [(self.start, "execution")]
        for k in range(2, self.years + 3):
            events.append((add_years(self.start, k) - dt.timedelta(days=31), "continuance_approval"))
        for day, kind in events:
            self.rows["agreement_events"].append({
                "agreement_event_id": f"{agreement_id}.{day:%Y%m%d}.{kind}", "agreement_id": agreement_id,
                "fund_id": "", "event_date": day.isoformat(), "event_type": kind, "is_assumed": "true",
                "document_id": DOCUMENT, "note": "Synthetic (bench/generate.py)",
            })

    def roster(self, agreement_id: str, members: list[tuple[str, str]]) -> dict[str, int]:
        """Roster entries; returns fund_id -> source line."""
        lines = {}
        for position, (fund_id, name) in enumerate(members, 1):
            line = self.name_row(fund_id, name, "roster")
            lines[fund_id] = line
            self.rows["rosters"].append({
                "roster_id": f"{agreement_id}.{self.start:%Y%m%d}", "agreement_id": agreement_id,
                "roster_effective_date": self.start.isoformat(), "roster_position": position,
                "fund_id": fund_id, "name_as_printed": name, "document_id": DOCUMENT, "source_line": line,
            })
        return lines

    def build(self) -> None:
        self.rows["documents"].append({
            "document_id": DOCUMENT, "file_name": "bench/generate.py", "exhibit": "",
            "title": "Synthetic agreements for the benchmark (not a filed document)",
            "date_as_printed": "", "filed_date": "",
        })
        names = {f: f"Bench Synthetic Fund {f[-6:]}" for f in self.fund_ids}
        offsets, levels = {}, {}
        for n, fund_id in enumerate(self.fund_ids, 1):
            rng = self.rng("fund", n)
            offsets[fund_id] = rng.randrange(0, 84)
            # $5M to $3B, log-uniform, whole thousands (integer arithmetic from here on)
            levels[fund_id] = int(5 * M * (600 ** rng.random())) // 1000 * 1000

        # advisory: every fund
        self.agreement("bench_advisory", "Synthetic Investment Advisory Agreement", "advisory",
                       "jnl_series_trust", "jnam")
        lines = self.roster("bench_advisory", [(f, names[f]) for f in self.fund_ids])
        halfway = add_years(self.start, self.years // 2) if self.years >= 2 else None
        for n, fund_id in enumerate(self.fund_ids, 1):
            self.rows["funds"].append({
                "fund_id": fund_id, "fund_name": names[fund_id], "inception_date": "", "termination_date": "",
                "document_id": DOCUMENT, "source_line": lines[fund_id],
            })
            rng = self.rng("advisory", n)
            first_bp = rng.randrange(30, 111)
            if n % 7 == 0:
                bands = self.marginal_bands(rng, rng.randint(1, 3), first_bp)
                method = "whole"
            else:
                bands = self.marginal_bands(rng, rng.randint(1, 5), first_bp)
                method = "marginal"
            self.schedule("bench_advisory", fund_id, names[fund_id], self.start, method, "base", bands)
            if halfway and n % 10 == 3:
                cheaper = [(lo, up, max(bp - 5, 1)) for lo, up, bp in bands]
                self.schedule("bench_advisory", fund_id, names[fund_id], halfway, method, "base", cheaper)

        # sub-advisory: every 5th fund, 10 funds an agreement
        sub_advised = [f for n, f in enumerate(self.fund_ids, 1) if n % 5 == 0]
        for k, chunk_start in enumerate(range(0, len(sub_advised), SUB_ADVISORY_SIZE), 1):
            members = sub_advised[chunk_start:chunk_start + SUB_ADVISORY_SIZE]
            agreement_id = f"bench_sub_advisory_{k:04d}"
            party = f"bench_sub_adviser_{k:04d}"
            self.rows["parties"].append({
                "party_id": party, "party_name": f"Bench Synthetic Sub-Adviser {k:04d}", "former_party_name": "",
                "party_role": "sub_adviser", "document_id": DOCUMENT, "source_line": self.next_line(),
            })
            self.agreement(agreement_id, f"Synthetic Investment Sub-Advisory Agreement {k:04d}", "sub_advisory",
                           "jnam", party)
            self.roster(agreement_id, [(f, names[f]) for f in members])
            rng = self.rng("sub_advisory", k)
            for fund_id in members:
                bands = self.marginal_bands(rng, rng.randint(1, 5), rng.randrange(10, 61))
                self.schedule(agreement_id, fund_id, names[fund_id], self.start, "marginal", "base", bands)
            if k % 2 == 1:
                # 80 bp (k % 4 == 1: usually binds) or 5 bp (k % 4 == 3) of the funds' starting assets
                minimum_usd = sum(levels[f] for f in members) * (80 if k % 4 == 1 else 5) // 10_000 // 1000 * 1000
                self.rows["minimum_fees"].append({
                    "minimum_fee_id": f"{agreement_id}.minimum_aggregate", "agreement_id": agreement_id,
                    "minimum_fee_usd": f"{minimum_usd}.00",
                    "period_months": 12, "start_rule": "one_year_after_earliest_inception",
                    "start_offset_months": 12,
                    "printed_text": "Synthetic minimum aggregate fee for each succeeding twelve month period",
                    "document_id": DOCUMENT, "source_line": self.next_line(),
                })
            if k % 3 == 1 and len(members) >= 3:
                group = f"{agreement_id}.combined"
                pro_rata_group = f"{agreement_id}.pro_rata"
                # the pro rata pair: small funds ($5M-$200M at the start)
                for fund_id in members[1:3]:
                    levels[fund_id] = 5 * M + levels[fund_id] % (195 * M) // 1000 * 1000
                groups = [(group, members)] + ([(pro_rata_group, members[1:3])] if self.pro_rata else [])
                for group_id, group_members in groups:
                    for fund_id in group_members:
                        self.rows["asset_groups"].append({
                            "asset_group_id": group_id, "fund_id": fund_id, "document_id": DOCUMENT,
                            "source_line": self.next_line(),
                        })
                # threshold near the group's starting total, whole $ millions: crossed both ways
                threshold = sum(levels[f] for f in members) // M * M
                switch_fund, pro_rata_fund = members[0], members[1]
                alternate = self.schedule(agreement_id, switch_fund, names[switch_fund], self.start, "whole",
                                          "combined_asset_alternate", [(0, None, rng.randrange(10, 41))],
                                          ".combined_gt_threshold")
                self.rows["combined_asset_rules"].append({
                    "rule_id": alternate, "agreement_id": agreement_id, "fund_id": switch_fund,
                    "asset_group_id": group, "fee_basis": "schedule_switch", "threshold_usd": f"{threshold}.00",
                    "threshold_comparison": "gt", "alternate_schedule_id": alternate,
                    "effective_from": self.start.isoformat(),
                    "printed_text": "Synthetic: combined assets above the threshold switch to the alternate",
                    "document_id": DOCUMENT, "source_line": self.next_line(),
                })
                if not self.pro_rata:
                    continue
                alternate = self.schedule(agreement_id, pro_rata_fund, names[pro_rata_fund], self.start,
                                          "marginal", "combined_asset_alternate",
                                          self.marginal_bands(rng, rng.randint(2, 5), rng.randrange(20, 61)),
                                          ".combined_pro_rata")
                self.rows["combined_asset_rules"].append({
                    "rule_id": alternate, "agreement_id": agreement_id, "fund_id": pro_rata_fund,
                    "asset_group_id": pro_rata_group, "fee_basis": "pro_rata", "threshold_usd": "",
                    "threshold_comparison": "", "alternate_schedule_id": alternate,
                    "effective_from": self.start.isoformat(),
                    "printed_text": "Synthetic: tiers on the combined assets, shared by the fund's share",
                    "document_id": DOCUMENT, "source_line": self.next_line(),
                })

        self.fund_params = [(f, offsets[f], levels[f]) for f in self.fund_ids]

    def write_agreements(self, folder: Path) -> dict[str, int]:
        folder.mkdir(parents=True, exist_ok=True)
        counts = {}
        for name in SEED_NAMES:
            header = seed_header(name)
            rows = seed_rows(name) + self.rows[name]
            with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n", extrasaction="raise")
                writer.writeheader()
                for row in rows:
                    writer.writerow({column: row.get(column, "") for column in header})
            counts[name] = len(rows)
        return counts

    def write_net_assets(self, path: Path) -> int:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect()
        try:
            con.execute("create temp table fund_params (fund_id varchar, start_offset integer, level_usd bigint)")
            con.executemany("insert into fund_params values (?, ?, ?)", self.fund_params)
            con.execute(f"""
                copy (
                    with days as (
                        select cast(d as date) as as_of_date
                        from range(date '{self.start}', date '{self.end}' + interval 1 day, interval 1 day) as t(d)
                        where isodow(d) <= 5
                    ),
                    steps as (
                        select
                            p.fund_id,
                            d.as_of_date,
                            p.level_usd,
                            -- daily step of -1.00% .. +1.05% in basis points (slight upward drift)
                            cast(hash(p.fund_id, d.as_of_date, {self.seed}) % 206 as integer) - 100 as step_bp
                        from fund_params as p
                        inner join days as d
                            on d.as_of_date >= date '{self.start}' + p.start_offset
                    ),
                    walked as (
                        select
                            fund_id,
                            as_of_date,
                            level_usd,
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
                                cast(level_usd as decimal(18, 2))
                                * (1 + cast(cumulative_bp as decimal(18, 0)) * 0.0001),
                                1000000.00
                            ) as decimal(18, 2)
                        ) as net_assets_usd
                    from walked
                    order by fund_id, as_of_date
                ) to '{path}' (format parquet)
            """)
            return con.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0]
        finally:
            con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--funds", type=int, required=True)
    parser.add_argument("--years", type=int, required=True)
    parser.add_argument("--start", default="2016-01-01", help="first day (default 2016-01-01)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", help="folder (default bench/data/<funds>x<years>)")
    parser.add_argument("--no-pro-rata", action="store_true",
                        help="leave out the pro rata combined-asset rules (see above)")
    args = parser.parse_args()
    if args.funds < 1 or args.years < 1:
        parser.error("--funds and --years must be at least 1")
    out = Path(args.out or ROOT / "bench" / "data" / f"{args.funds}x{args.years}")

    started = time.perf_counter()
    universe = Universe(args.funds, args.years, dt.date.fromisoformat(args.start), args.seed,
                        pro_rata=not args.no_pro_rata)
    universe.build()
    counts = universe.write_agreements(out / "agreements")
    rows = universe.write_net_assets(out / "net_assets" / "net_assets.parquet")
    manifest = {
        "funds": args.funds, "years": args.years, "start": args.start, "end": universe.end.isoformat(),
        "seed": args.seed, "pro_rata": not args.no_pro_rata, "net_asset_rows": rows, "agreement_rows": counts,
        "net_assets_path": str((out / "net_assets" / "*.parquet").resolve()),
        "agreement_data_path": str((out / "agreements").resolve()),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"{out}: {rows} net-asset rows, {args.funds} funds, {args.years} years "
          f"({args.start} to {universe.end}), {counts['agreements']} agreements, "
          f"{counts['fee_schedules']} schedules, {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
