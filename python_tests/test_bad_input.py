"""Bad input never reaches a published fee.

Each case writes one kind of bad input (a net-asset file, or an edited agreement seed),
runs `dbt build` on a copy of a warehouse built from the shipped sample, and checks that
the build fails, that the output names the rule (the failing test) and the offending row
(file, fund, date, value), and that the published file (FUND_FEES_DB) is byte-identical.
Net-asset builds select only `stg_net_assets__daily+1` (the validation tests run on it);
seed builds select the seeds, the staging models and the agreement tests. The builds are
background jobs (conftest.background_dbt), each in its own folder.

The row-level net-asset cases (ROW_CASES: a zero, a null, a NaN, a future date ...) share
one build: each case's rows go into one file on a fund of its own (ROW_CASE_FUNDS), and
each case is checked in its own rule's message (the node's message in run_results.json),
row by row, so that another case's row never counts for it. The stale-fund, file-level and
typed-Parquet cases, which need a file of their own, keep a build each.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import Job
from wap_helpers import ROOT, build_db_of, copy_warehouse, dbt, digest, query, table_checksums

HEADER = "fund_id,as_of_date,net_assets_usd\n"


def csv(rows: str, header: str = HEADER) -> dict:
    return {"net_assets.csv": header + rows}


def parquet_timestamptz(folder: Path, values: list[tuple[str, str, str]]) -> Path:
    path = folder / "net_assets.parquet"
    con = duckdb.connect()
    rows = ", ".join(f"('{f}', timestamptz '{t}', {v})" for f, t, v in values)
    con.execute("set TimeZone = 'UTC'")
    con.execute(f"copy (select col0 as fund_id, col1 as as_of_date, cast(col2 as decimal(18, 2)) as "
                f"net_assets_usd from (values {rows})) to '{path}' (format parquet)")
    con.close()
    return path


def parquet_decimal(folder: Path, values: list[tuple[str, str, str]], scale: int) -> Path:
    """as_of_date DATE and net_assets_usd DECIMAL(18, scale): columns staging reads typed."""
    path = folder / "net_assets.parquet"
    con = duckdb.connect()
    rows = ", ".join(f"('{f}', date '{d}', {v})" for f, d, v in values)
    con.execute(f"copy (select col0 as fund_id, col1 as as_of_date, cast(col2 as decimal(18, {scale})) as "
                f"net_assets_usd from (values {rows})) to '{path}' (format parquet)")
    con.close()
    return path


# case: (files, rule, substrings of the failing row, extra environment)
NET_ASSET_CASES = {
    "zero": (csv("alger_growth,2013-03-01,100.00\nalger_growth,2013-03-04,0.00\n"),
             "assert_net_assets_values_are_positive", ["alger_growth", "2013-03-04", "0.00", "not above zero"]),
    "negative": (csv("alger_growth,2013-03-01,100.00\nalger_growth,2013-03-04,-5.00\n"),
                 "assert_net_assets_values_are_positive", ["alger_growth", "2013-03-04", "-5.00"]),
    "duplicate within a file": (
        csv("alger_growth,2013-03-01,100.00\nalger_growth,2013-03-01,101.00\n"),
        "assert_net_assets_fund_dates_are_unique", ["alger_growth", "2013-03-01", "100.00", "101.00"]),
    "duplicate across files": (
        {"day1.csv": HEADER + "alger_growth,2013-03-01,100.00\n",
         "day1_again.csv": HEADER + "alger_growth,2013-03-01,101.00\n"},
        "assert_net_assets_fund_dates_are_unique", ["day1.csv: 100.00", "day1_again.csv: 101.00"]),
    "unknown fund": (csv("alger_growth,2013-03-01,100.00\nno_such_fund,2013-03-04,7.00\n"),
                     "assert_net_assets_funds_are_known", ["no_such_fund", "2013-03-04", "7.00"]),
    "null fund": (csv("alger_growth,2013-03-01,100.00\n,2013-03-04,7.00\n"),
                  "assert_net_assets_cells_are_not_null", ["fund_id is null", "2013-03-04", "7.00"]),
    "null date": (csv("alger_growth,2013-03-01,100.00\nalger_growth,,7.00\n"),
                  "assert_net_assets_cells_are_not_null", ["as_of_date is null", "alger_growth", "7.00"]),
    "null value": (csv("alger_growth,2013-03-01,100.00\nalger_growth,2013-03-04,\n"),
                   "assert_net_assets_cells_are_not_null", ["net_assets_usd is null", "2013-03-04"]),
    "not a number": (csv("alger_growth,2013-03-01,100.00\nalger_growth,2013-03-04,12O.00\n"),
                     "assert_net_assets_values_are_numbers", ["not a number", "2013-03-04", "12O.00"]),
    "not a date": (csv("alger_growth,2013-03-01,100.00\nalger_growth,13/03/2013,101.00\n"),
                   "assert_net_assets_dates_are_valid", ["not a valid date", "13/03/2013", "101.00"]),
    "not a calendar date": (csv("alger_growth,2013-03-01,100.00\nalger_growth,2013-02-30,101.00\n"),
                            "assert_net_assets_dates_are_valid", ["not a valid date", "2013-02-30"]),
    "NaN": (csv("alger_growth,2013-03-01,100.00\nalger_growth,2013-03-04,NaN\n"),
            "assert_net_assets_values_are_numbers", ["is NaN", "2013-03-04"]),
    "infinity": (csv("alger_growth,2013-03-01,100.00\nalger_growth,2013-03-04,-Infinity\n"),
                 "assert_net_assets_values_are_numbers", ["is infinite", "2013-03-04", "-Infinity"]),
    "overflow": (csv("alger_growth,2013-03-01,100.00\nalger_growth,2013-03-04,1e30\n"),
                 "assert_net_assets_values_are_numbers", ["out of range", "2013-03-04", "1e30"]),
    "more than 2 decimals": (csv("alger_growth,2013-03-01,100.00\nalger_growth,2013-03-04,100.1234567\n"),
                             "assert_net_assets_values_have_at_most_n_decimals",
                             ["more than 2 decimals", "2013-03-04", "100.1234567"]),
    "future date": (csv("alger_growth,2013-03-01,100.00\nalger_growth,2030-12-31,100.00\n"),
                    "assert_net_assets_dates_are_not_in_the_future", ["after today", "2030-12-31"]),
    "stale fund": (
        csv("".join(f"alger_growth,2013-03-{d:02d},100.00\n" for d in (1, 4, 5)) + "".join(
            f"alliance_growth,2013-03-{d:02d},100.00\n"
            for d in (1, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 18, 19))),
        "assert_net_assets_are_not_stale", ["alger_growth", "2013-03-05", "next 10 dates"]),
    "empty file": ({"net_assets.csv": ""}, "assert_net_assets_files_have_rows", ["net_assets.csv", "no rows"]),
    "header-only file in a glob": (
        {"a.csv": HEADER + "alger_growth,2013-03-01,100.00\n", "b.csv": HEADER},
        "assert_net_assets_files_have_rows", ["b.csv", "empty or header only"]),
    "missing column": (csv("alger_growth,2013-03-01\n", header="fund_id,as_of_date\n"),
                       "assert_net_assets_have_required_columns",
                       ["column net_assets_usd is missing", "net_assets.csv"]),
    "timestamptz with a time of day in UTC": (
        "parquet:" + "alger_growth|2013-03-01 00:00:00+01|100.00",
        "assert_net_assets_dates_are_valid", ["not a valid date", "2013-02-28 23:00:00+00"]),
    # a typed DECIMAL(18, 4) column can hold more than the 2 decimals allowed: its values are read
    "more than 2 decimals in a typed Parquet DECIMAL(18, 4)": (
        "parquet-decimal4:" + "alger_growth|2013-03-01|100.00;alger_growth|2013-03-04|100.1234",
        "assert_net_assets_values_have_at_most_n_decimals", ["more than 2 decimals", "2013-03-04", "100.1234"]),
}


# the cases that are one bad row (or two, for a duplicate) in a single CSV: one shared build
ROW_CASES = ["zero", "negative", "duplicate within a file", "unknown fund", "null fund", "null date", "null value",
             "not a number", "not a date", "not a calendar date", "NaN", "infinity", "overflow",
             "more than 2 decimals", "future date"]
# each row case on a fund of its own (known funds without inception or termination dates; no
# name inside another), written in place of the case's alger_growth
ROW_CASE_FUNDS = dict(zip(ROW_CASES, [
    "alger_growth", "alliance_growth", "eagle_core_equity", "eagle_smallcap_equity", "jpmorgan_enhanced_sp500",
    "jpmorgan_intl_emerging_markets", "janus_aggressive_growth", "janus_balanced", "janus_capital_growth",
    "janus_global_equities", "janus_growth_income", "pimco_total_return_bond", "putnam_growth",
    "putnam_international_equity", "putnam_midcap_growth"]))
SHARED_ROW_CASE = "rows in one file"


def row_case(name: str) -> tuple[str, str, list[str]]:
    """A row case on its own fund: (its CSV rows, its rule, the substrings of its bad row)."""
    files, rule, row = NET_ASSET_CASES[name]
    fund = ROW_CASE_FUNDS[name]
    rows = files["net_assets.csv"][len(HEADER):]
    parts = [part.replace("alger_growth", fund) for part in row]
    if name not in ("null fund", "unknown fund") and fund not in parts:
        parts.append(fund)  # the bad row is the case's own: it names the case's fund
    return rows.replace("alger_growth", fund), rule, parts


def shared_row_file() -> dict:
    return {"net_assets.csv": HEADER + "".join(row_case(name)[0] for name in ROW_CASES)}


def write_case(folder: Path, files) -> str:
    folder.mkdir(parents=True)
    if isinstance(files, str) and files.startswith("parquet:"):
        values = [tuple(v.split("|")) for v in files[len("parquet:"):].split(";")]
        return str(parquet_timestamptz(folder, values))
    if isinstance(files, str) and files.startswith("parquet-decimal4:"):
        values = [tuple(v.split("|")) for v in files[len("parquet-decimal4:"):].split(";")]
        return str(parquet_decimal(folder, values, 4))
    for name, text in files.items():
        (folder / name).write_text(text)
    return str(folder / next(iter(files))) if len(files) == 1 else str(folder / "*.csv")


def edit(project: Path, seed: str, old: str, new: str) -> None:
    path = project / "seeds" / "agreements" / seed
    text = path.read_text()
    assert old in text, f"{old!r} not in {seed}"
    path.write_text(text.replace(old, new, 1))


# case: (edits [(seed, old, new)], rule, substrings of the failing row)
SEED_CASES = {
    # Alger Growth tier 2 printed "$300 million to $500 million": start it at $250M
    "overlapping tiers": ([("fee_schedule_tiers.csv", "jnl_advisory.alger_growth.20010131,2,300000000.00,",
                            "jnl_advisory.alger_growth.20010131,2,250000000.00,")],
                          "tiers_are_contiguous", ["jnl_advisory.alger_growth.20010131", "overlap"]),
    # Salomon Balanced tier 3 "Over $150 million": start it at $175M
    "gapped tiers": ([("fee_schedule_tiers.csv", "jnl_advisory.salomon_balanced.20010131,3,150000000.00,",
                       "jnl_advisory.salomon_balanced.20010131,3,175000000.00,")],
                     "tiers_are_contiguous", ["jnl_advisory.salomon_balanced.20010131", "gap"]),
    "schedule for a fund not on the roster": (
        [("fee_schedules.csv",
          "mellon_sub_advisory.mellon_bond_index.20010131,mellon_sub_advisory,mellon_bond_index,",
          "mellon_sub_advisory.mellon_bond_index.20010131,mellon_sub_advisory,alger_growth,")],
        "assert_fee_schedule_funds_are_on_roster", ["alger_growth"]),
    "rostered fund without a schedule": (
        [("fee_schedules.csv", "jnl_advisory.alger_growth.20010131,jnl_advisory,alger_growth,2001-01-31,",
          "jnl_advisory.alger_growth.20010131,jnl_advisory,alger_growth,2099-01-31,")],
        "assert_rostered_funds_have_base_schedule", ["alger_growth"]),
    "two schedule versions in effect the same day": (
        [("fee_schedules.csv", "jnl_advisory.alger_growth.20010131,jnl_advisory,alger_growth,2001-01-31,"
          "marginal,base,JNL/Alger Growth Series,advisory_2000,380\n",
          "jnl_advisory.alger_growth.20010131,jnl_advisory,alger_growth,2001-01-31,"
          "marginal,base,JNL/Alger Growth Series,advisory_2000,380\n"
          "jnl_advisory.alger_growth.20010131b,jnl_advisory,alger_growth,2001-01-31,"
          "marginal,base,JNL/Alger Growth Series,advisory_2000,380\n")],
        "assert_fee_schedule_versions_do_not_overlap",
        ["2 versions of the role in effect from the same day", "jnl_advisory.alger_growth.20010131b"]),
    "combined-asset rule naming an unknown group": (
        [("combined_asset_rules.csv", ",invesco_combined,schedule_switch", ",no_such_group,schedule_switch")],
        "assert_combined_asset_rules_name_known_groups_and_funds", ["unknown asset group", "no_such_group"]),
    "figures before inception and after termination": (
        [("funds.csv", "alger_growth,Alger/JNL Growth Fund,,,", "alger_growth,Alger/JNL Growth Fund,2013-03-05,2013-05-15,")],
        "assert_net_assets_dates_within_fund_lifetime",
        ["inception on 2013-03-05", "2013-03-04", "termination on 2013-05-15",
         "2013-05-16"]),
}


def build_base(db: Path) -> Path:
    result = dbt(["build", "--quiet"], db)
    assert result.returncode == 0, result.output[-3000:]
    return db


def background_jobs(items, tmp_path_factory) -> dict:
    """The base warehouse, then every case's build on a copy of it (conftest.background_dbt)."""
    base = tmp_path_factory.mktemp("bad_input_base") / "fund_fees.duckdb"
    root = tmp_path_factory.mktemp("bad_input_cases")
    jobs = {"bad_input:base": Job(lambda: build_base(base), priority=60)}
    cases = [("net", SHARED_ROW_CASE, run_net_asset_case)]
    cases += [("net", name, run_net_asset_case) for name in NET_ASSET_CASES if name not in ROW_CASES]
    cases += [("seed", name, run_seed_case) for name in SEED_CASES]
    for i, (kind, name, run) in enumerate(cases):
        jobs[f"bad_input:{kind}:{name}"] = Job(
            lambda r=run, n=name, f=root / f"{kind}_{i}": r(n, base, f), after=("bad_input:base",), priority=30)
    return jobs


@pytest.fixture(scope="module")
def base_warehouse(background_dbt) -> Path:
    return background_dbt["bad_input:base"].result()


def run_net_asset_case(name: str, base: Path, folder: Path, full_build: bool = False):
    files = shared_row_file() if name == SHARED_ROW_CASE else NET_ASSET_CASES[name][0]
    db = copy_warehouse(base, folder / "warehouse")
    path = write_case(folder / "input", files)
    before = digest(db)
    select = [] if full_build else ["--select", "stg_net_assets__daily+1"]
    result = dbt(["build", *select, "--vars", f'{{net_assets_path: "{path}"}}'], db,
                 TZ="America/New_York")
    return result, before, db


def run_seed_case(name: str, base: Path, folder: Path):
    edits = SEED_CASES[name][0]
    project = folder / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", ".venv-spark", ".spark", "target", "logs", "*.duckdb", ".git", "__pycache__", ".fund_fees_build", "bench"))
    for seed, old, new in edits:
        edit(project, seed, old, new)
    db = copy_warehouse(base, folder / "warehouse")
    before = digest(db)
    result = dbt(["build", "--select", "path:seeds/agreements", "path:models/staging/agreements",
                  "stg_net_assets__daily", "path:tests/agreements", "path:tests/validation",
                  "--exclude", "resource_type:unit_test"], db, project)
    return result, before, db


@pytest.fixture(scope="module")
def case_results(background_dbt) -> dict:
    """Every case's build (background jobs, two at a time)."""
    names = [SHARED_ROW_CASE] + [name for name in NET_ASSET_CASES if name not in ROW_CASES]
    return {(kind, name): background_dbt[f"bad_input:{kind}:{name}"].result()
            for kind, cases in (("net", names), ("seed", SEED_CASES)) for name in cases}


def rule_rows(db: Path) -> dict[str, list[str]]:
    """Per failing test of the build (run_results.json), the rows its message names."""
    results = json.loads((db.parent / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
    rows = {}
    for node in results:
        message = node.get("message") or ""
        if node["status"] in ("error", "fail") and "row(s) break this rule: " in message:
            name = node["unique_id"].split(".")[2]
            rows[name] = message.split("row(s) break this rule: ", 1)[1].split("; ")
    return rows


def assert_refused(result, before: str, db: Path, rule: str, row: list[str], own_rule_only: bool = False) -> None:
    assert result.returncode != 0, result.output[-3000:]
    assert rule in result.output, result.output[-3000:]
    if own_rule_only:
        # one row of this rule's own message names every part (another case's row never counts)
        failing = rule_rows(db).get(rule, [])
    else:
        failing = [line for line in result.output.splitlines() if "row(s) break this rule" in line]
    assert any(all(part in line for part in row) for line in failing), (
        f"no failing-row message of {rule} names {row}:\n" + "\n".join(failing)[-3000:])
    assert "Not published" in result.output
    assert digest(db) == before, "the published warehouse changed"


@pytest.mark.parametrize("case", list(NET_ASSET_CASES))
def test_bad_net_assets_stop_the_build_name_the_row_and_leave_the_published_file(case, case_results):
    if case in ROW_CASES:
        _, rule, row = row_case(case)
        result, before, db = case_results[("net", SHARED_ROW_CASE)]
        assert_refused(result, before, db, rule, row, own_rule_only=True)
        return
    _, rule, row = NET_ASSET_CASES[case]
    result, before, db = case_results[("net", case)]
    assert_refused(result, before, db, rule, row)


def test_the_shared_row_build_names_each_bad_row_under_its_rule_only(case_results):
    """Each row rule's message names the bad rows of its own cases and nothing else: no case
    passes on another case's row, and no case's row trips a rule that is not its own."""
    result, _, db = case_results[("net", SHARED_ROW_CASE)]
    by_rule = rule_rows(db)
    # the fund each case's bad row names (the unknown-fund case's bad row is no_such_fund; the
    # null-fund case's has none)
    bad_row_fund = {name: ROW_CASE_FUNDS[name] for name in ROW_CASES}
    bad_row_fund["unknown fund"] = "no_such_fund"
    del bad_row_fund["null fund"]
    for rule in sorted({row_case(name)[1] for name in ROW_CASES}):
        own = {name for name in ROW_CASES if row_case(name)[1] == rule}
        rows = by_rule.get(rule, [])
        assert rows, f"{rule}: no message in run_results.json"
        named = {name for name, fund in bad_row_fund.items() if any(fund in row for row in rows)}
        assert named == own - {"null fund"}, f"{rule} names the rows of {sorted(named)}, expected {sorted(own)}"
        for name in own:
            parts = row_case(name)[2]
            assert any(all(part in row for part in parts) for row in rows), f"{rule}: no row names {name}: {parts}"


@pytest.mark.parametrize("case", list(SEED_CASES))
def test_bad_agreement_seed_stops_the_build_and_names_the_row(case, case_results):
    _, rule, row = SEED_CASES[case]
    result, before, db = case_results[("seed", case)]
    assert_refused(result, before, db, rule, row)


def test_failing_rows_are_kept_in_the_audit_schema(case_results):
    result, _, db = case_results[("net", SHARED_ROW_CASE)]
    rows = query(build_db_of(db), "select source_file, fund_id, as_of_date, net_assets_usd "
                                  "from audit.assert_net_assets_values_are_positive order by fund_id")
    # the zero case (alger_growth) and the negative case (alliance_growth)
    assert [(Path(r[0]).name, r[1], r[2], r[3]) for r in rows] == [
        ("net_assets.csv", "alger_growth", "2013-03-04", "0.00"),
        ("net_assets.csv", "alliance_growth", "2013-03-04", "-5.00")]


def test_header_only_file_stops_a_full_build_before_dim_funds(base_warehouse, tmp_path):
    build_db = build_db_of(base_warehouse)
    NET_ASSET_CASES["header only (full build)"] = (csv(""), "assert_net_assets_files_have_rows", ["no rows"])
    try:
        result, before, db = run_net_asset_case("header only (full build)", base_warehouse, tmp_path, True)
    finally:
        del NET_ASSET_CASES["header only (full build)"]
    assert_refused(result, before, db, "assert_net_assets_files_have_rows", ["no rows"])
    assert "SKIP relation main.dim_funds" in result.output or "SKIP" in result.output
    # the build database's dim_funds was not rebuilt (no null dates), nor the published one
    assert table_checksums(build_db_of(db))["dim_funds"] == table_checksums(build_db)["dim_funds"]
    assert query(db, "select count(*) from dim_funds where inception_date is null")[0][0] == \
        query(base_warehouse, "select count(*) from dim_funds where inception_date is null")[0][0]


def test_timestamptz_dates_read_in_utc_whatever_the_machine_zone(base_warehouse, tmp_path):
    """Parquet timestamptz at midnight UTC reads as that date under TZ=America/New_York
    (read in the machine's zone, each would move back a day to the 28th, 3rd, 4th)."""
    db = copy_warehouse(base_warehouse, tmp_path / "warehouse")
    (tmp_path / "input").mkdir()
    path = parquet_timestamptz(tmp_path / "input", [
        ("alger_growth", "2013-03-01 00:00:00+00", "100.00"),
        ("alger_growth", "2013-03-04 00:00:00+00", "101.00"),
        ("alger_growth", "2013-03-05 00:00:00+00", "102.00")])
    # --full-refresh: this file replaces the warehouse's whole input (one fund, three days), and
    # an incremental run keeps the other funds' recorded days, which
    # assert_fund_days_span_each_fund_once refuses (DECISIONLOG D30)
    result = dbt(["build", "--full-refresh", "--select", "stg_net_assets__daily+1",
                  "--vars", f'{{net_assets_path: "{path}"}}'], db, TZ="America/New_York")
    assert result.returncode == 0, result.output[-3000:]
    dates = query(db, "select cast(as_of_date as varchar) from staging.stg_net_assets__daily order by 1")
    assert [d[0] for d in dates] == ["2013-03-01", "2013-03-04", "2013-03-05"]


def test_rate_typo_is_a_warning_naming_the_tier(base_warehouse, tmp_path):
    """Alger Growth tier 1 printed .975%: typed .0975 it passes the (0 %, 3 %] range, but is
    below a tenth of the advisory agreement's highest other rate (1.10 %): a warning."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", ".venv-spark", ".spark", "target", "logs", "*.duckdb", ".git", "__pycache__", ".fund_fees_build", "bench"))
    edit(project, "fee_schedule_tiers.csv", "jnl_advisory.alger_growth.20010131,1,0.00,300000000.00,0.975000,",
         "jnl_advisory.alger_growth.20010131,1,0.00,300000000.00,0.097500,")
    db = copy_warehouse(base_warehouse, tmp_path / "warehouse")
    result = dbt(["build", "--select", "path:seeds/agreements", "path:models/staging/agreements",
                  "path:tests/validation/agreements", "--exclude", "resource_type:unit_test"], db, project)
    assert result.returncode == 0, result.output[-3000:]
    assert "WARN" in result.output
    assert any("warn_tier_rates_within_10x_of_agreement_rates" in line
               and "jnl_advisory.alger_growth.20010131.1" in line and "0.097500" in line
               for line in result.output.splitlines()), result.output[-3000:]
