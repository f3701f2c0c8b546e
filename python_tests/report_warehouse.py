"""One scratch warehouse per pytest session for the report, metrics and docs tests.

``build(tmp_path_factory)`` runs one `dbt build` of the marts the fee report, the metrics
layer and the docs site read (their parents, seeds and data tests; unit tests excluded:
the full `dbt build` in scripts/test.sh runs them), under the session's base temporary
folder, once per session (the later callers find it built). Write-audit-publish: dbt
builds into the build database (build_database(), beside FUND_FEES_DB, profiles.yml) and
a passing `dbt build` publishes it to FUND_FEES_DB, the file returned (the report and any
reader open it); `mf query` and `dbt docs generate` read the build database through the
profile. ``copy_warehouse(db, folder)`` copies both files, for a test that builds on a copy.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import run_dbt_process

ROOT = Path(__file__).resolve().parents[1]
MARTS = [
    "+fct_fees_monthly", "+fct_fee_accruals_daily", "+fct_fee_tiers_monthly", "+fct_minimum_fee_periods",
    "+fct_invoice_reconciliation", "+fct_adviser_economics_monthly", "+fct_fee_curves",
    "+dim_funds", "+dim_agreements", "+dim_fee_schedule_tiers", "+dim_calendar_days",
]


def dbt_executable() -> str:
    dbt = ROOT / ".venv" / "bin" / "dbt"
    return str(dbt) if dbt.exists() else "dbt"


def dbt_env(db: Path) -> dict[str, str]:
    return dict(os.environ, FUND_FEES_DB=str(db), DBT_PROFILES_DIR=str(ROOT),
                DBT_SEND_ANONYMOUS_USAGE_STATS="false")


def build_database(db: Path) -> Path:
    """The build database dbt writes for the published file db (profiles.yml)."""
    return db.parent / ".fund_fees_build" / db.name


def copy_warehouse(db: Path, folder: Path) -> Path:
    """Copy the published file db and its build database into folder; returns the copy of db."""
    copy = folder / db.name
    build_database(copy).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(db, copy)
    shutil.copy(build_database(db), build_database(copy))
    return copy


def build(tmp_path_factory) -> Path:
    folder = tmp_path_factory.getbasetemp() / "report_warehouse"
    db = folder / "fund_fees.duckdb"
    marker = folder / "built"
    if marker.exists():
        return db
    folder.mkdir(parents=True, exist_ok=True)
    env = dbt_env(db)
    # cautious: only the data tests whose every parent is selected (a relationships test
    # to a mart outside the selection would fail on a table that is not built)
    command = ["build", "--select", *MARTS, "--exclude", "resource_type:unit_test",
               "--indirect-selection", "cautious"]
    result = run_dbt_process([dbt_executable(), *command], cwd=ROOT, env=env)
    assert result.returncode == 0, f"dbt {' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    assert db.exists() and "Published" in result.stdout, f"dbt build did not publish {db}:\n{result.stdout}"
    marker.write_text("ok\n")
    return db
