"""No query of the project copies fund-day rows it need not copy (issue 7, DECISIONLOG D28, D29).

Two plan rules, each checked on every compiled model and data test:

1. no CTE of fund-day rows is stored;
2. no hash join builds its table on fund-day rows for a side that reads none.

Rule 1:

DuckDB inlines a CTE that a query reads once and materializes (stores whole, before any
reader starts) a CTE that it reads twice. At fund-day grain that copies every row and
column: `int_tier_basis_assets_averaged` spent 9.9 s of 11.7 s so at 1,000 funds. This is
a plan check, not a timed test: every compiled model and data test of the synthetic
universe's build (the scenario build of test_fees_match_independent_calculator.py, with
combined-asset groups, pro rata and minimum fees) is explained on its build database, and
no materialized CTE may read a fund-day table without an aggregate in between (an
aggregate's result, a row per fund or month, may be stored).

Rule 2: with DuckDB's build_side_probe_side optimizer off (profiles.yml, D28) a join hashes
the side the SQL puts on the right. A small table joined on the right of the fund-days is
hashed (a few rows); written the other way round, every fund-day is hashed: 4.3M rows at
1,000 funds, and `int_minimum_fee_shortfalls_allocated` ran out of memory at a 1 GB limit
at 10,000 funds. The explain runs with the profile's settings.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import run_dbt_process
from test_fees_match_independent_calculator import REPO_ROOT, UNIVERSE, dbt_executable, make_build

# the universe build is a background job of test_fees_match_independent_calculator: run late (conftest)
READS_BACKGROUND_JOBS = True

# the stored fund-day tables (the fund-day views, and the mart fct_fee_accruals_daily, read them)
FUND_DAY_TABLES = ("stg_net_assets__daily", "int_fund_days_carried_forward", "int_daily_fees_accrued")
AGGREGATES = {"HASH_GROUP_BY", "PERFECT_HASH_GROUP_BY", "UNGROUPED_AGGREGATE", "SIMPLE_AGGREGATE"}
# rule 2's exceptions, each with its reason (each must still be explained)
HASHES_FUND_DAYS_BY_DESIGN = {
    # the right side is cut first to the agreement-funds with an unauthorised day (usually none)
    "fct_agreement_unauthorised_days": "the hashed side is cut to the agreement-funds listed",
}
# nodes the check must have explained, or it proves nothing
MUST_EXPLAIN = {"int_daily_fees_accrued", "int_tier_basis_assets_averaged", "fct_fee_tiers_monthly",
                "int_monthly_fees_rolled_up", "int_agreement_fund_days_unapproved_listed",
                "assert_every_covered_fund_day_is_priced", "assert_net_assets_are_not_stale"}


def reads_fund_days(node: dict, through_aggregates: bool = True) -> bool:
    """Whether the plan node scans a fund-day table (below an aggregate too, unless not
    through_aggregates: an aggregate's result is a row per fund or month)."""
    if not through_aggregates and node.get("name") in AGGREGATES:
        return False
    info = node.get("extra_info") or {}
    table = info.get("Table", "") if isinstance(info, dict) else ""
    if any(table == name or table.endswith("." + name) for name in FUND_DAY_TABLES):
        return True
    return any(reads_fund_days(child, through_aggregates) for child in node.get("children", []))


def reads_fund_days_ungrouped(node: dict) -> bool:
    return reads_fund_days(node, through_aggregates=False)


def stored_fund_day_ctes(plan: list) -> list[str]:
    found = []

    def walk(node: dict) -> None:
        # a CTE node's first child computes the CTE, the second reads it
        if node.get("name") == "CTE" and node.get("children") and reads_fund_days_ungrouped(node["children"][0]):
            found.append((node.get("extra_info") or {}).get("CTE Name", "?"))
        for child in node.get("children", []):
            walk(child)

    for root in plan:
        walk(root)
    return found


def fund_days_hashed_for_a_small_side(plan: list) -> list[str]:
    """Hash joins that build their table on fund-day rows while the side that probes it reads
    none: the join should be written the other way round (the fund-days on the left)."""
    found = []

    def walk(node: dict) -> None:
        children = node.get("children", [])
        if node.get("name") == "HASH_JOIN" and len(children) == 2:
            probe, build = children
            if reads_fund_days_ungrouped(build) and not reads_fund_days(probe):
                info = node.get("extra_info") or {}
                found.append(" and ".join(info.get("Conditions", "?")) if isinstance(info.get("Conditions"), list)
                             else str(info.get("Conditions", "?")))
        for child in children:
            walk(child)

    for root in plan:
        walk(root)
    return found


def test_the_check_finds_fund_days_hashed_for_a_small_side():
    import duckdb

    con = duckdb.connect()
    con.execute("set disabled_optimizers = 'build_side_probe_side'")
    con.execute("create table int_daily_fees_accrued as select range as fund_id, range % 7 as tier "
                "from range(100000)")
    con.execute("create table groups as select range as fund_id, 'g' as grp from range(10)")
    small_left = "select * from groups join int_daily_fees_accrued d using (fund_id)"
    small_right = "select * from int_daily_fees_accrued d join groups using (fund_id)"
    both = "select * from int_daily_fees_accrued a join int_daily_fees_accrued b using (fund_id)"
    plan = {name: json.loads(con.execute("explain (format json) " + sql).fetchall()[0][1])
            for name, sql in (("small_left", small_left), ("small_right", small_right), ("both", both))}
    assert len(fund_days_hashed_for_a_small_side(plan["small_left"])) == 1
    assert fund_days_hashed_for_a_small_side(plan["small_right"]) == []
    assert fund_days_hashed_for_a_small_side(plan["both"]) == []


def test_the_check_finds_a_fund_day_cte_read_twice():
    import duckdb

    con = duckdb.connect()
    con.execute("create table int_daily_fees_accrued as select range as fund_id, range % 7 as tier "
                "from range(100000)")
    twice = ("with daily as (select * from int_daily_fees_accrued) "
             "select * from daily join (select tier, count(*) from daily group by tier) t using (tier)")
    grouped = ("with months as (select tier, count(*) as n from int_daily_fees_accrued group by tier) "
               "select * from months a join months b using (tier)")
    once = "with daily as (select * from int_daily_fees_accrued) select tier, count(*) from daily group by tier"
    plan = {name: json.loads(con.execute("explain (format json) " + sql).fetchall()[0][1])
            for name, sql in (("twice", twice), ("grouped", grouped), ("once", once))}
    assert stored_fund_day_ctes(plan["twice"]) == ["daily"]
    assert stored_fund_day_ctes(plan["grouped"]) == []
    assert stored_fund_day_ctes(plan["once"]) == []


def profile_settings() -> dict:
    """The DuckDB settings of the default target in profiles.yml (the build's own planner)."""
    import yaml

    profile = yaml.safe_load((REPO_ROOT / "profiles.yml").read_text())["fund_fees"]
    return profile["outputs"][profile["target"]].get("settings", {})


def explain(con, sql: str) -> list:
    return json.loads(con.execute("explain (format json) " + sql).fetchall()[0][1])


def connect_as_the_build(build_db: Path):
    import duckdb

    con = duckdb.connect(str(build_db), read_only=True)
    for name, value in profile_settings().items():
        con.execute(f"set {name} = '{value}'")
    return con


def build_database(build: dict) -> Path:
    """The build database beside the published file (profiles.yml), where the views live."""
    published = Path(build["db_file"])
    return published.parent / ".fund_fees_build" / published.name


@pytest.fixture(scope="module")
def universe_build(background_dbt, tmp_path_factory):
    key = f"scenario:{UNIVERSE.name}"
    if key in background_dbt:
        return background_dbt[key].result()
    return make_build(UNIVERSE, None, tmp_path_factory.mktemp("query_plans_universe"))


def test_no_query_stores_fund_day_rows_in_a_cte(universe_build):
    import duckdb

    build = universe_build["build"]
    assert build["returncode"] == 0, build["output"][-3000:]
    folder = Path(build["db_file"]).parent
    build_db = build_database(build)
    compiled = sorted((folder / "target" / "compiled").rglob("*.sql"))
    con = connect_as_the_build(build_db)
    explained, stored, hashed = set(), {}, {}
    try:
        for path in compiled:
            try:
                plan = explain(con, path.read_text())
            except duckdb.Error:
                continue  # e.g. a staging model reading a file by a path relative to the project
            explained.add(path.stem)
            name = str(path.relative_to(folder / "target" / "compiled"))
            found = stored_fund_day_ctes(plan)
            if found:
                stored[name] = found
            found = fund_days_hashed_for_a_small_side(plan)
            if found and path.stem not in HASHES_FUND_DAYS_BY_DESIGN:
                hashed[name] = found
    finally:
        con.close()
    expected = MUST_EXPLAIN | set(HASHES_FUND_DAYS_BY_DESIGN)
    assert expected <= explained, f"not explained: {sorted(expected - explained)}"
    assert not stored, f"CTEs of fund-day rows read twice (each reader should read the model itself): {stored}"
    assert not hashed, f"joins that hash fund-days for a small side (put the fund-days on the left): {hashed}"


def test_the_incremental_branch_finds_changed_days_without_storing_fund_days(universe_build, tmp_path):
    """The comparison that int_daily_fees_accrued runs first on an incremental run (through
    run_query, so it is in no compiled file), compiled with dbt and explained the same way."""
    build = universe_build["build"]
    build_db = build_database(build)
    inline = ("with {{ fund_fees.accrual_restated_days(ref('int_daily_fees_accrued'), "
              "ref('int_fund_days_carried_forward'), ref('stg_agreements__asset_groups'), none) }} "
              "final as (select min(recompute_from_date) as since from recompute_from) select * from final")
    env = dict(os.environ, FUND_FEES_DB=str(build["db_file"]), DBT_PROFILES_DIR=str(REPO_ROOT),
               DBT_TARGET_PATH=str(tmp_path / "target"), DBT_LOG_PATH=str(tmp_path / "logs"),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    proc = run_dbt_process([dbt_executable(), "compile", "--quiet", "--inline", inline], cwd=REPO_ROOT, env=env)
    assert proc.returncode == 0 and "recompute_from" in proc.stdout, proc.stdout[-3000:] + proc.stderr[-3000:]
    con = connect_as_the_build(build_db)
    try:
        plan = explain(con, proc.stdout)
    finally:
        con.close()
    assert stored_fund_day_ctes(plan) == [], stored_fund_day_ctes(plan)
    assert fund_days_hashed_for_a_small_side(plan) == [], fund_days_hashed_for_a_small_side(plan)

