"""Every dbt unit test holds whatever vars the run sets.

A unit test that checks a default (the R1 accrual end date, the December fiscal
year, reimbursement on, the Series basis) must pin that var in its `overrides`, or a user's
`dbt build --vars ...` would fail on it. Builds the models empty (`dbt run
--empty`: the unit tests need the parents' column types) and runs every unit
test with non-default vars.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DBT = ROOT / ".venv" / "bin" / "dbt"
NON_DEFAULT_VARS = ('{accrue_through: "2013-06-30", expense_fiscal_year_end_month: 6, '
                    'expense_recoupment_enabled: false, expense_recoupment_fiscal_years: 3, '
                    'expense_reimbursement_expense_basis: trust, fee_accrues_while_unapproved: true, '
                    'default_tier_basis: monthly_average, '
                    'default_payable_rounding: half_even, default_day_count_convention: "actual/360", '
                    'default_minimum_allocation_key: average_net_assets}')


def test_unit_tests_pass_with_non_default_vars(tmp_path):
    env = dict(os.environ, FUND_FEES_DB=str(tmp_path / "empty.duckdb"), DBT_PROFILES_DIR=str(ROOT),
               DBT_TARGET_PATH=str(tmp_path / "target"), DBT_LOG_PATH=str(tmp_path / "logs"),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    dbt = str(DBT) if DBT.exists() else "dbt"
    for args in (["seed"], ["run", "--empty"],
                 ["test", "--select", "resource_type:unit_test", "--vars", NON_DEFAULT_VARS]):
        result = subprocess.run([dbt, *args], cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"dbt {' '.join(args)}:\n{result.stdout[-4000:]}"
