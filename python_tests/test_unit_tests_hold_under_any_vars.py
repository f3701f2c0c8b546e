"""Every dbt unit test holds whatever vars the run sets.

A unit test that checks a default (the R1 accrual end date, the December fiscal
year, reimbursement on, the Series basis) must pin that var in its `overrides`, or a user's
`dbt build --vars ...` would fail on it. One `dbt build --empty` with
non-default vars: the seeds, every model built empty (the unit tests need the
parents' column types) and every unit test; the data tests are left out (they
check data, and the models are empty). Runs in the background
(conftest.background_dbt) while the other tests go on.
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from conftest import run_dbt_process

ROOT = Path(__file__).resolve().parents[1]
DBT = ROOT / ".venv" / "bin" / "dbt"
NON_DEFAULT_VARS = ('{accrue_through: "2013-06-30", expense_fiscal_year_end_month: 6, '
                    'expense_recoupment_enabled: false, expense_recoupment_fiscal_years: 3, '
                    'expense_reimbursement_expense_basis: trust, fee_accrues_while_unapproved: true, '
                    'default_tier_basis: monthly_average, '
                    'default_payable_rounding: half_even, default_day_count_convention: "actual/360", '
                    'default_minimum_allocation_key: average_net_assets, invoice_tolerance_usd: 2.50, '
                    'fee_curve_step_usd: 25000000, fee_curve_max_assets_usd: 500000000}')
ARGS = ["build", "--empty", "--exclude", "resource_type:test", "--vars", NON_DEFAULT_VARS]


def run_unit_tests_with_non_default_vars(folder: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, FUND_FEES_DB=str(folder / "empty.duckdb"), DBT_PROFILES_DIR=str(ROOT),
               DBT_TARGET_PATH=str(folder / "target"), DBT_LOG_PATH=str(folder / "logs"),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    dbt = str(DBT) if DBT.exists() else "dbt"
    return run_dbt_process([dbt, *ARGS], cwd=ROOT, env=env)


def background_jobs(items, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("unit_tests_vars")  # in the main thread, not the job's
    return {"unit_tests_non_default_vars": lambda: run_unit_tests_with_non_default_vars(folder)}


def test_unit_tests_pass_with_non_default_vars(background_dbt, tmp_path):
    job = background_dbt.get("unit_tests_non_default_vars")
    result = job.result() if job else run_unit_tests_with_non_default_vars(tmp_path)
    assert result.returncode == 0, f"dbt {' '.join(ARGS)}:\n{result.stdout[-4000:]}"
    # every unit test of the project ran and passed (not an empty selection)
    found = re.search(r"Found .*?(\d+) unit tests", result.stdout)
    passed = re.findall(r" PASS \S+::\S+", result.stdout)
    assert found and int(found.group(1)) > 0 and len(passed) == int(found.group(1)), result.stdout[-4000:]
