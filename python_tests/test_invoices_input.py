"""Invoices from the var invoices_path: a CSV glob or a Parquet file is read by DuckDB
and reconciled; a bad row stops the build naming the row and the rule.

Runs on a copy of the session's scratch warehouse (python_tests/report_warehouse.py),
rebuilding only stg_invoices__invoices and what depends on it.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb
import pytest

import report_warehouse
from conftest import run_dbt_process

ROOT = Path(__file__).resolve().parents[1]
HEADER = "agreement_id,fund_id,month_start,billed_usd\n"


@pytest.fixture()
def warehouse_copy(tmp_path_factory, tmp_path) -> Path:
    # the published file and its build database (dbt builds on the latter, publishes the former)
    return report_warehouse.copy_warehouse(report_warehouse.build(tmp_path_factory), tmp_path)


def build_invoices(db: Path, path: str) -> subprocess.CompletedProcess:
    return run_dbt_process(
        [report_warehouse.dbt_executable(), "build", "--quiet", "--select", "stg_invoices__invoices+",
         "--exclude", "fct_fees_monthly", "--vars", f'{{invoices_path: "{path}"}}'],
        cwd=ROOT, env=report_warehouse.dbt_env(db))


def statuses(db: Path) -> dict[tuple, tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {(f, str(m)): (s, d) for f, m, s, d in con.execute("""
            select fund_id, month_start, status, difference_usd from fct_invoice_reconciliation
            where billed_usd is not null""").fetchall()}
    finally:
        con.close()


def test_csv_glob_and_parquet(warehouse_copy, tmp_path):
    """Two CSV files through one glob, then one Parquet file. Mellon S&P 500 Index, March 2013:
    the independent calculator's net fee is 8,498.09 (test_fee_report.py), so billed 8,498.09
    is matched; April's fee is about 30/31 of March's at nearly the same assets, so 8,600.00
    is well over it. The Parquet invoice bills the bond index for March 2013, before its
    first net assets (April): not_computed."""
    (tmp_path / "inv").mkdir()
    (tmp_path / "inv" / "a.csv").write_text(HEADER + "mellon_sub_advisory,mellon_sp500_index,2013-03-01,8498.09\n")
    (tmp_path / "inv" / "b.csv").write_text(HEADER + "mellon_sub_advisory,mellon_sp500_index,2013-04-01,8600.00\n")
    result = build_invoices(warehouse_copy, str(tmp_path / "inv" / "*.csv"))
    assert result.returncode == 0, result.stdout + result.stderr
    got = statuses(warehouse_copy)
    assert set(got) == {("mellon_sp500_index", "2013-03-01"), ("mellon_sp500_index", "2013-04-01")}
    assert got[("mellon_sp500_index", "2013-03-01")][0] == "matched"
    assert got[("mellon_sp500_index", "2013-04-01")][0] == "over_billed"

    parquet = tmp_path / "invoices.parquet"
    duckdb.sql(f"""copy (select 'mellon_sub_advisory' as agreement_id, 'mellon_bond_index' as fund_id,
        date '2013-03-01' as month_start, 10.00::decimal(18, 2) as billed_usd) to '{parquet}' (format parquet)""")
    result = build_invoices(warehouse_copy, str(parquet))
    assert result.returncode == 0, result.stdout + result.stderr
    assert statuses(warehouse_copy) == {("mellon_bond_index", "2013-03-01"): ("not_computed", 10)}


def test_a_bad_invoice_stops_the_build_naming_the_row(warehouse_copy, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "mellon_sub_advisory,mellon_sp500_index,2013-03-15,10.00\n"
                   + "mellon_sub_advisory,no_such_fund,2013-03-01,10.00\n")
    result = build_invoices(warehouse_copy, str(bad))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "assert_invoice_month_start_is_first_of_month" in output and "2013-03-15" in output
    assert "relationships_stg_invoices__invoices_fund_id" in output and "no_such_fund" in output
