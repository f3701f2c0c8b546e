"""No query of the project stores a copy of fund-day rows in a CTE (issue 7, DECISIONLOG D28).

DuckDB inlines a CTE that a query reads once and materializes (stores whole, before any
reader starts) a CTE that it reads twice. At fund-day grain that copies every row and
column: `int_tier_basis_assets_averaged` spent 9.9 s of 11.7 s so at 1,000 funds. This is
a plan check, not a timed test: every compiled model and data test of the synthetic
universe's build (the scenario build of test_fees_match_independent_calculator.py, with
combined-asset groups, pro rata and minimum fees) is explained on its build database, and
no materialized CTE may read a fund-day table without an aggregate in between (an
aggregate's result, a row per fund or month, may be stored).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from test_fees_match_independent_calculator import REPO_ROOT, UNIVERSE, dbt_executable, make_build

# the stored fund-day tables (the fund-day views read them)
FUND_DAY_TABLES = ("stg_net_assets__daily", "int_fund_days_carried_forward", "int_daily_fees_accrued",
                   "fct_fee_accruals_daily")
AGGREGATES = {"HASH_GROUP_BY", "PERFECT_HASH_GROUP_BY", "UNGROUPED_AGGREGATE", "SIMPLE_AGGREGATE"}
# nodes the check must have explained, or it proves nothing
MUST_EXPLAIN = {"int_daily_fees_accrued", "int_tier_basis_assets_averaged", "fct_fee_tiers_monthly",
                "int_monthly_fees_rolled_up", "int_agreement_fund_days_unapproved_listed",
                "assert_every_covered_fund_day_is_priced", "assert_net_assets_are_not_stale"}


def reads_fund_days_ungrouped(node: dict) -> bool:
    if node.get("name") in AGGREGATES:
        return False
    info = node.get("extra_info") or {}
    table = info.get("Table", "") if isinstance(info, dict) else ""
    if any(table == name or table.endswith("." + name) for name in FUND_DAY_TABLES):
        return True
    return any(reads_fund_days_ungrouped(child) for child in node.get("children", []))


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
    con = duckdb.connect(str(build_db), read_only=True)
    explained, stored = set(), {}
    try:
        for path in compiled:
            try:
                plan = json.loads(con.execute("explain (format json) " + path.read_text()).fetchall()[0][1])
            except duckdb.Error:
                continue  # e.g. a staging model reading a file by a path relative to the project
            explained.add(path.stem)
            found = stored_fund_day_ctes(plan)
            if found:
                stored[str(path.relative_to(folder / "target" / "compiled"))] = found
    finally:
        con.close()
    assert MUST_EXPLAIN <= explained, f"not explained: {sorted(MUST_EXPLAIN - explained)}"
    assert not stored, f"CTEs of fund-day rows read twice (each reader should read the model itself): {stored}"


def test_the_incremental_branch_finds_changed_days_without_storing_fund_days(universe_build, tmp_path):
    """The comparison that int_daily_fees_accrued runs first on an incremental run (through
    run_query, so it is in no compiled file), compiled with dbt and explained the same way."""
    import duckdb

    build = universe_build["build"]
    build_db = build_database(build)
    inline = ("with {{ fund_fees.accrual_restated_days(ref('int_daily_fees_accrued'), "
              "ref('int_fund_days_carried_forward'), ref('stg_agreements__asset_groups'), none) }} "
              "final as (select min(recompute_from_date) as since from recompute_from) select * from final")
    env = dict(os.environ, FUND_FEES_DB=str(build["db_file"]), DBT_PROFILES_DIR=str(REPO_ROOT),
               DBT_TARGET_PATH=str(tmp_path / "target"), DBT_LOG_PATH=str(tmp_path / "logs"),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    proc = subprocess.run([dbt_executable(), "compile", "--quiet", "--inline", inline], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "recompute_from" in proc.stdout, proc.stdout[-3000:] + proc.stderr[-3000:]
    con = duckdb.connect(str(build_db), read_only=True)
    try:
        plan = json.loads(con.execute("explain (format json) " + proc.stdout).fetchall()[0][1])
    finally:
        con.close()
    assert stored_fund_day_ctes(plan) == [], stored_fund_day_ctes(plan)

