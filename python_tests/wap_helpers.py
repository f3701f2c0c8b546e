"""Helpers for the write-audit-publish tests (test_publish.py, test_bad_input.py).

Every build gets its own FUND_FEES_DB folder, dbt target and log folders, so that builds
can run side by side; the build database sits in <folder>/.fund_fees_build/ (profiles.yml).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
from conftest import run_dbt_process

ROOT = Path(__file__).resolve().parents[1]
DBT = ROOT / ".venv" / "bin" / "dbt"
SEED_NET_ASSETS = ROOT / "seeds" / "net_assets" / "net_assets_illustrative.csv"


def dbt_env(db: Path, project: Path = ROOT, **extra: str) -> dict:
    env = dict(os.environ, FUND_FEES_DB=str(db), DBT_PROFILES_DIR=str(project),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false",
               DBT_TARGET_PATH=str(db.parent / "target"), DBT_LOG_PATH=str(db.parent / "logs"))
    env.pop("FUND_FEES_BUILD_DB", None)
    env.update(extra)
    return env


def dbt_command(args: list[str]) -> list[str]:
    return [str(DBT) if DBT.exists() else "dbt", *args]


def dbt(args: list[str], db: Path, project: Path = ROOT, **extra: str) -> subprocess.CompletedProcess:
    result = run_dbt_process(dbt_command(args), cwd=project, env=dbt_env(db, project, **extra))
    result.output = result.stdout + result.stderr
    return result


def build_db_of(db: Path) -> Path:
    return db.parent / ".fund_fees_build" / db.name


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_warehouse(db: Path, folder: Path) -> Path:
    """A copy of a published warehouse and its build database in another folder."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(db, folder / db.name)
    (folder / ".fund_fees_build").mkdir(exist_ok=True)
    shutil.copy2(build_db_of(db), build_db_of(folder / db.name))
    return folder / db.name


def query(db: Path, sql: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


RUN_TIME_COLUMNS = {"accrued_at"}


def relations_of(con, schema: str = "main") -> list[str]:
    """The names of the tables and views (not DuckDB's internal ones) of a schema, sorted: a mart
    may be either (fct_fee_accruals_daily is a view over its intermediate table)."""
    return [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where schema_name = $1 union all "
        "select view_name from duckdb_views() where schema_name = $1 and not internal order by 1",
        [schema]).fetchall()]


def compared_columns(con, schema: str, name: str) -> list[str]:
    """The columns of a table or view in their order, without RUN_TIME_COLUMNS: the columns two
    builds of the same input must agree on."""
    return [r[0] for r in con.execute(
        "select column_name from duckdb_columns() where schema_name = ? and table_name = ? "
        "order by column_index", [schema, name]).fetchall() if r[0] not in RUN_TIME_COLUMNS]


def table_checksums(db: Path, schema: str = "main") -> dict[str, str]:
    """A checksum of every table and view of a schema: md5 of its rows as text, sorted. Columns that
    record when a run happened (RUN_TIME_COLUMNS, e.g. fct_fee_accruals_daily.accrued_at)
    are left out: they differ between two builds by design."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        sums = {}
        for t in relations_of(con, schema):
            columns = compared_columns(con, schema, t)
            row = "row(" + ", ".join(f'"{c}"' for c in columns) + ")"
            sums[t] = con.execute(
                f'select count(*) || \':\' || coalesce(md5(string_agg(cast({row} as varchar), chr(10) '
                f'order by cast({row} as varchar))), \'\') from "{schema}"."{t}"').fetchone()[0]
        return sums
    finally:
        con.close()


def write_net_assets(path: Path, change: dict | None = None) -> Path:
    """The shipped sample as a CSV file, with {(fund_id, as_of_date): new value} changed."""
    change = change or {}
    lines = SEED_NET_ASSETS.read_text().splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        fund_id, as_of_date, value = line.split(",")
        out.append(",".join([fund_id, as_of_date, change.get((fund_id, as_of_date), value)]))
    path.write_text("\n".join(out) + "\n")
    return path
