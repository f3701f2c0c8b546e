"""Bad input stops the build with a message naming the row and the rule, and loses nothing.

Each case feeds one kind of bad input to `dbt build` and checks that the build
fails, that the output names the offending row and the test (the rule) it
breaks, and, for net assets, that the marts built before are left as they were.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
DBT = ROOT / ".venv" / "bin" / "dbt"


def dbt(args: list[str], db: Path, project: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, FUND_FEES_DB=str(db), DBT_PROFILES_DIR=str(project),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    return subprocess.run([str(DBT) if DBT.exists() else "dbt", *args], cwd=project, env=env,
                          capture_output=True, text=True)


def monthly_totals(db: Path):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select count(*), sum(net_fee_usd) from fct_fees_monthly").fetchone()
    finally:
        con.close()


@pytest.fixture(scope="module")
def built_warehouse(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("bad_input") / "warehouse.duckdb"
    result = dbt(["build", "--quiet"], db)
    assert result.returncode == 0, result.stdout[-3000:]
    return db


NET_ASSET_CASES = {
    "duplicate": ("alger_growth,2013-03-01,100.00\nalger_growth,2013-03-01,101.00\n",
                  "unique_stg_net_assets__daily_net_asset_row_id", "alger_growth.2013-03-01"),
    "negative": ("alger_growth,2013-03-01,100.00\nalger_growth,2013-03-04,-5.00\n",
                 "accepted_range_stg_net_assets__daily_net_assets_usd", "alger_growth.2013-03-04"),
    "unknown fund": ("alger_growth,2013-03-01,100.00\nno_such_fund,2013-03-04,7.00\n",
                     "relationships_stg_net_assets__daily_fund_id", "no_such_fund"),
}


@pytest.mark.parametrize("case", sorted(NET_ASSET_CASES))
def test_bad_net_asset_row_stops_the_build_and_keeps_the_marts(case, built_warehouse, tmp_path):
    rows, rule, row = NET_ASSET_CASES[case]
    path = tmp_path / "net_assets.csv"
    path.write_text("fund_id,as_of_date,net_assets_usd\n" + rows)
    before = monthly_totals(built_warehouse)

    result = dbt(["build", "--vars", f'{{net_assets_path: "{path}"}}'], built_warehouse)

    assert result.returncode != 0
    assert rule in result.stdout
    assert "row(s) break this rule" in result.stdout and row in result.stdout, result.stdout[-3000:]
    assert monthly_totals(built_warehouse) == before


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "target", "logs", "*.duckdb", ".git", "__pycache__"))
    return project


def edit_csv(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


SEED_CASES = {
    # Alger Growth tier 2 printed "$300 million to $500 million": start it at $250M
    "overlapping tiers": ("fee_schedule_tiers.csv",
                          "jnl_advisory.alger_growth.20010131,2,300000000.00,",
                          "jnl_advisory.alger_growth.20010131,2,250000000.00,",
                          "tiers_are_contiguous", "jnl_advisory.alger_growth.20010131"),
    # Salomon Balanced tier 3 "Over $150 million": start it at $175M
    "gapped tiers": ("fee_schedule_tiers.csv",
                     "jnl_advisory.salomon_balanced.20010131,3,150000000.00,",
                     "jnl_advisory.salomon_balanced.20010131,3,175000000.00,",
                     "tiers_are_contiguous", "jnl_advisory.salomon_balanced.20010131"),
    # a schedule for a fund the Mellon roster does not list
    "schedule with no roster": ("fee_schedules.csv",
                                "mellon_sub_advisory.mellon_bond_index.20010131,mellon_sub_advisory,mellon_bond_index,",
                                "mellon_sub_advisory.mellon_bond_index.20010131,mellon_sub_advisory,alger_growth,",
                                "assert_fee_schedule_funds_are_on_roster", "alger_growth"),
}


@pytest.mark.parametrize("case", sorted(SEED_CASES))
def test_bad_schedule_seed_stops_the_build(case, tmp_path):
    seed, old, new, rule, row = SEED_CASES[case]
    project = copy_project(tmp_path)
    edit_csv(project / "seeds" / "agreements" / seed, old, new)

    result = dbt(["build", "--select", "path:seeds/agreements+", "--exclude", "resource_type:unit_test"],
                 tmp_path / "warehouse.duckdb", project)

    assert result.returncode != 0
    assert rule in result.stdout, result.stdout[-3000:]
    assert row in result.stdout, result.stdout[-3000:]
