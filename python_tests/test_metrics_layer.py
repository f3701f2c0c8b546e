"""The metrics layer answers `mf query` against the embedded DuckDB.

MetricFlow (dbt-metricflow, pinned) reads the semantic models and metrics of
models/marts/metrics/_metrics__models.yml from dbt's semantic manifest and queries a
scratch warehouse. The figures must be the marts' own: a metric is a view of a mart,
never a second computation, so these tests compare the two.
"""
from __future__ import annotations

import csv
import subprocess
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

import report_warehouse

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return report_warehouse.build(tmp_path_factory)


def mf_query(warehouse: Path, tmp_path: Path, *arguments: str) -> list[dict]:
    mf = ROOT / ".venv" / "bin" / "mf"
    out = tmp_path / "mf.csv"
    result = subprocess.run([str(mf) if mf.exists() else "mf", "query", *arguments, "--csv", str(out)],
                            cwd=ROOT, env=report_warehouse.dbt_env(warehouse), capture_output=True, text=True)
    assert result.returncode == 0 and out.exists(), f"mf query failed:\n{result.stdout}\n{result.stderr}"
    with out.open(newline="") as handle:
        return list(csv.DictReader(handle))


def mart(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_net_fee_and_effective_rate_by_fund_and_month_equal_the_mart(warehouse, tmp_path):
    """Every fund-month: net_fee_usd is the mart's sum to the cent; the ratio metric
    effective_rate_bps is fct_fees_monthly.effective_rate_bps (each fund-month of the sample
    has one agreement; the metric divides in DOUBLE: equal to 1e-9 bps)."""
    rows = mf_query(warehouse, tmp_path, "--metrics", "net_fee_usd,effective_rate_bps",
                    "--group-by", "metric_time__month,fund")
    got = {(r["metric_time__month"][:10], r["fund"]): r for r in rows}
    want = {(m.isoformat(), f): (fee, rate) for m, f, fee, rate in mart(warehouse, """
        select month_start, fund_id, sum(net_fee_usd), max(effective_rate_bps)
        from fct_fees_monthly group by 1, 2 having count(*) = 1""")}
    assert len(want) > 100 and set(want) <= set(got)
    for key, (fee, rate) in want.items():
        assert Decimal(got[key]["net_fee_usd"]) == fee, key
        assert abs(Decimal(got[key]["effective_rate_bps"]) - rate) < Decimal("1e-9"), key


def test_payee_totals_and_invoice_differences_equal_the_marts(warehouse, tmp_path):
    rows = mf_query(warehouse, tmp_path, "--metrics", "net_fee_usd", "--group-by", "agreement__payee")
    got = {r["agreement__payee"]: Decimal(r["net_fee_usd"]) for r in rows}
    want = dict(mart(warehouse, "select payee, sum(net_fee_usd) from fct_fees_monthly group by 1"))
    assert got == want
    rows = mf_query(warehouse, tmp_path, "--metrics", "invoice_difference_usd",
                    "--group-by", "invoice_line__status")
    got = {r["invoice_line__status"]: Decimal(r["invoice_difference_usd"]) for r in rows}
    want = dict(mart(warehouse, "select status, sum(difference_usd) from fct_invoice_reconciliation group by 1"))
    assert got == want
