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
    result = subprocess.run(dbt_command(args), cwd=project, env=dbt_env(db, project, **extra),
                            capture_output=True, text=True)
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


def table_checksums(db: Path, schema: str = "main") -> dict[str, str]:
    """A checksum of every table of a schema: md5 of its rows as text, sorted."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = ? order by 1", [schema]).fetchall()]
        return {t: con.execute(
            f'select count(*) || \':\' || coalesce(md5(string_agg(cast(t as varchar), chr(10) '
            f'order by cast(t as varchar))), \'\') from "{schema}"."{t}" as t').fetchone()[0]
            for t in tables}
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
