"""One scratch warehouse per pytest session for the report, metrics and docs tests.

``build(tmp_path_factory)`` runs `dbt seed` and `dbt run` for the marts the fee report,
the metrics layer and the docs site read, into a scratch FUND_FEES_DB under the
session's base temporary folder, once per session (the later callers find it built).
Data and unit tests are not run here: `dbt build` in scripts/test.sh runs them.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

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


def build(tmp_path_factory) -> Path:
    folder = tmp_path_factory.getbasetemp() / "report_warehouse"
    db = folder / "fund_fees.duckdb"
    marker = folder / "built"
    if marker.exists():
        return db
    folder.mkdir(parents=True, exist_ok=True)
    env = dbt_env(db)
    for command in (["seed", "--quiet"], ["run", "--quiet", "--select", *MARTS]):
        result = subprocess.run([dbt_executable(), *command], cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"dbt {' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    marker.write_text("ok\n")
    return db
