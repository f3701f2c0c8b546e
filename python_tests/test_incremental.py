"""Incremental accruals equal a full refresh (issue 7, item 3).

int_daily_fees_accrued is incremental on (agreement_id, fund_id, accrual_date), and the
mart fct_fee_accruals_daily is a view over it. This module builds, in one scratch warehouse:

1. a full build on the mellon_advisory_2000_2004 scenario cut at Friday 2004-02-06;
2. the same warehouse, incrementally, after two more weeks of figures (the days cross a
   month end and the end of a Mellon minimum-fee period, 2004-02-13);
3. the same warehouse, incrementally, after past figures were restated: a changed figure
   (mellon_sp500_index 2003-03-03, inside the complete minimum period), a changed figure in
   the expense-limitation year that the cap binds (putnam_growth 2003-12-15) and a figure
   withdrawn (alger_growth 2004-01-09: carried forward from the day before instead);
4. the same warehouse, incrementally, after a fund that had reported nothing so far
   (mellon_bond_index, left out of the first three inputs) sends its whole history: a fund
   the table never priced, priced from its first day;

and compares every mart, and the daily accruals, row by row at full precision with a fresh
full build on the same input (accrued_at, the time a row was computed, aside). The chain
and each of the three full builds are background jobs (conftest.background_dbt). The
project copy carries non-illustrative expense schedules, so the waiver marts have rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import threading
from decimal import Decimal
from pathlib import Path

import pytest

import scenarios
from conftest import Job, project_with_expense_rows, run_dbt_process
from wap_helpers import compared_columns, relations_of

REPO_ROOT = Path(__file__).resolve().parent.parent
CUT = dt.date(2004, 2, 6)
APPENDED_THROUGH = dt.date(2004, 2, 20)
RESTATED = {("mellon_sp500_index", "2003-03-03"): "Decimal('1.25')",
            ("putnam_growth", "2003-12-15"): "Decimal('1.10')"}
WITHDRAWN = {("alger_growth", "2004-01-09")}
LATE_FUND = "mellon_bond_index"  # its figures (from 2002-01-15) arrive in the last state only
# (schedule id, fund, kind, category, method, from, to, [(lower, upper, rate %)]): not illustrative
WAIVER_ROWS = [
    ("limitation.putnam_growth.incremental", "putnam_growth", "limitation", "", "whole", "2001-01-31", "",
     [("0.00", "", "1.000000")]),
    ("other.putnam_growth.registration_and_reporting.incremental", "putnam_growth", "other_expense",
     "registration_and_reporting", "whole", "2003-12-01", "2003-12-31", [("0.00", "", "15.000000")]),
]


def dbt_executable() -> str:
    local = REPO_ROOT / ".venv" / "bin" / "dbt"
    return str(local) if local.exists() else (shutil.which("dbt") or pytest.fail("dbt is not installed"))


def project_copy(folder: Path) -> Path:
    return project_with_expense_rows(folder, WAIVER_ROWS, "Test row (test_incremental)")


def dbt(project: Path, folder: Path, db_file: Path, data_file: Path, *args: str) -> None:
    env = dict(os.environ)
    env.update({
        "FUND_FEES_DB": str(db_file),
        "DBT_PROFILES_DIR": str(project),
        "DBT_TARGET_PATH": str(folder / "target"),
        "DBT_LOG_PATH": str(folder / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    })
    command = [dbt_executable(), *args, "--vars", json.dumps({"net_assets_path": str(data_file)})]
    proc = run_dbt_process(command, cwd=project, env=env)
    assert proc.returncode == 0, f"{' '.join(command)} failed:\n{(proc.stdout + proc.stderr)[-6000:]}"


HISTORY_TABLES = {"fct_fee_restatements"}


def read_tables(db_file: Path) -> dict[str, list[tuple]]:
    import duckdb

    con = duckdb.connect(str(db_file), read_only=True)
    try:
        # fct_fee_restatements is left out: it lists the fees that changed between earlier
        # publishes and now, a history a fresh full build does not have (by design: a build
        # that restates a published month shows it there; test_publish.py checks it)
        # the marts: tables and views (fct_fee_accruals_daily is a view)
        names = [name for name in relations_of(con, "main") if name not in HISTORY_TABLES]
        names.append("int_daily_fees_accrued")
        tables = {}
        for name in names:
            schema = "intermediate" if name.startswith("int_") else "main"
            select = ", ".join(f'"{c}"' for c in compared_columns(con, schema, name))
            tables[name] = sorted(con.execute(f"select {select} from {schema}.{name}").fetchall(), key=repr)
        return tables
    finally:
        con.close()


def write_input(rows: list[dict], path: Path) -> Path:
    return scenarios.write_parquet(rows, path)


STATES = ("appended", "restated", "late_fund")
_INPUTS_LOCK = threading.Lock()
_INPUTS: dict = {}


def inputs() -> dict:
    """The four inputs, d0 (cut) and one per state (computed once, by the first job to ask)."""
    with _INPUTS_LOCK:
        if not _INPUTS:
            rows = next(s for s in scenarios.build_scenarios()
                        if s.name == "mellon_advisory_2000_2004").generate().rows
            d0 = [r for r in rows if dt.date.fromisoformat(r["as_of_date"]) <= CUT]
            d1 = [r for r in rows if dt.date.fromisoformat(r["as_of_date"]) <= APPENDED_THROUGH]
            d2 = []
            for r in d1:
                key = (r["fund_id"], r["as_of_date"])
                if key in WITHDRAWN:
                    continue
                if key in RESTATED:
                    r = dict(r, net_assets_usd=str(
                        (Decimal(r["net_assets_usd"]) * eval(RESTATED[key])).quantize(Decimal("0.01"))))
                d2.append(r)
            assert len(d2) == len(d1) - len(WITHDRAWN) and d2 != d1
            d3 = d2
            d0, d1, d2 = ([r for r in d if r["fund_id"] != LATE_FUND] for d in (d0, d1, d2))
            assert len(d3) > len(d2)
            _INPUTS.update(cut=d0, appended=d1, restated=d2, late_fund=d3)
        return _INPUTS


def incremental_chain(project: Path, folder: Path) -> dict:
    """One warehouse: a full build on the cut input, then an incremental build per state."""
    incremental_db = folder / "incremental.duckdb"
    data = folder / "input" / "net_assets.parquet"
    data.parent.mkdir()
    result = {}
    write_input(inputs()["cut"], data)
    dbt(project, folder, incremental_db, data, "build", "--exclude-resource-type", "unit_test")
    for state in STATES:
        write_input(inputs()[state], data)
        dbt(project, folder, incremental_db, data, "build", "--exclude-resource-type", "unit_test")
        result[state] = {"incremental": read_tables(incremental_db), "latest": latest_run_dates(incremental_db)}
    return result


def full_refresh(project: Path, folder: Path, state: str) -> dict:
    """A fresh full build on a state's input, in a folder of its own."""
    data = folder / "input" / "net_assets.parquet"
    data.parent.mkdir()
    write_input(inputs()[state], data)
    full_db = folder / "refreshed.duckdb"
    dbt(project, folder, full_db, data, "build", "--exclude-resource-type", "unit_test",
        "--exclude-resource-type", "test")
    return read_tables(full_db)


def background_jobs(items, tmp_path_factory) -> dict:
    """The incremental chain and the three full builds, each a background job (conftest):
    the full builds run beside the chain. Folders and the project copy are made here."""
    project = project_copy(tmp_path_factory.mktemp("incremental_project"))
    chain_folder = tmp_path_factory.mktemp("incremental")
    jobs = {"incremental:chain": Job(lambda: incremental_chain(project, chain_folder), priority=70)}
    for state in STATES:
        folder = tmp_path_factory.mktemp(f"full_{state}")
        jobs[f"incremental:full_{state}"] = Job(lambda f=folder, s=state: full_refresh(project, f, s), priority=20)
    return jobs


@pytest.fixture(scope="module")
def states(background_dbt):
    chain = background_dbt["incremental:chain"].result()
    return {state: dict(chain[state], full=background_dbt[f"incremental:full_{state}"].result())
            for state in STATES}


def latest_run_dates(db_file: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(db_file), read_only=True)
    try:
        return dict(zip(("rows", "latest_rows", "first_recomputed"), con.execute(
            """select count(*),
                      count(*) filter (where accrued_at = (select max(accrued_at) from main.fct_fee_accruals_daily)),
                      min(accrual_date) filter (
                          where accrued_at = (select max(accrued_at) from main.fct_fee_accruals_daily))
               from main.fct_fee_accruals_daily""").fetchone()))
    finally:
        con.close()


def differences(incremental: dict, full: dict) -> list[str]:
    problems = []
    for name in sorted(set(incremental) | set(full)):
        a, b = incremental.get(name), full.get(name)
        if a is None or b is None:
            problems.append(f"{name}: only in the {'full' if a is None else 'incremental'} build")
            continue
        set_a, set_b = set(a), set(b)
        extra = [r for r in a if r not in set_b]
        missing = [r for r in b if r not in set_a]
        if extra or missing or len(a) != len(b):
            problems.append(f"{name}: {len(a)} rows incremental, {len(b)} full; "
                            f"not in full {extra[:3]}; not in incremental {missing[:3]}")
    return problems


@pytest.mark.parametrize("state", ["appended", "restated", "late_fund"])
def test_incremental_equals_full_refresh(states, state):
    problems = differences(states[state]["incremental"], states[state]["full"])
    assert not problems, "\n".join(problems)


def test_marts_are_not_empty(states):
    for name in ("fct_fee_accruals_daily", "fct_fees_monthly", "fct_minimum_fee_periods", "fct_expense_waivers_monthly",
                 "fct_fee_tiers_monthly"):
        assert states["restated"]["full"][name], f"{name} is empty: the comparison proves nothing"


def test_an_append_recomputes_only_the_current_month(states):
    latest = states["appended"]["latest"]
    assert latest["latest_rows"] < latest["rows"] / 10, latest
    assert latest["first_recomputed"] == dt.date(2004, 2, 1), latest


def test_a_restatement_recomputes_from_the_month_of_the_earliest_restated_day(states):
    latest = states["restated"]["latest"]
    # mellon_sp500_index restated on 2003-03-03: its agreement-days from 2003-03-01 are recomputed
    assert latest["first_recomputed"] == dt.date(2003, 3, 1), latest
    assert latest["latest_rows"] < latest["rows"], latest


def test_a_fund_never_priced_is_priced_from_its_first_day(states):
    latest = states["late_fund"]["latest"]
    # mellon_bond_index's first figure is 2002-01-15: priced from that day (the first of the
    # month has no fund-day of it); the other funds only from the current month, 2004-02-01
    assert latest["first_recomputed"] == dt.date(2002, 1, 15), latest
    assert latest["latest_rows"] < latest["rows"] / 5, latest
