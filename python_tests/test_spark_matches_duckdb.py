"""The same project on Apache Spark gives the same marts as on DuckDB, row by row.

Two builds on each engine (issue 8):

- the shipped sample, with `dbt build --target spark` exactly as the README runs it
  (every seed, model, data test and unit test on Spark);
- the mellon_advisory_2000_2004 scenario (python_tests/scenarios.py: complete Mellon
  minimum-fee periods) on the project copy with the waiver-cap expense rows of
  test_fees_match_independent_calculator.py, with `expense_recoupment_enabled: true`, so
  that fiscal years waive and later ones recoup. Unit tests and data tests are left out of
  this build: the unit tests do not depend on the input and already ran on Spark in the
  first build; the data tests of this scenario run on DuckDB in
  test_fees_match_independent_calculator.py, and every mart of this build is compared here
  with DuckDB's, row by row (about half of this build's Spark time was its ~500 tests).

Every mart of the `main` schema, and every seed (the Spark seed loader), is compared:
same columns, same decimal types (scales), same rows, each value digit for digit (money
to the cent, accruals at their full 18 decimals). Spark's tables are read back by python_tests/spark_read_marts.py in the Spark
venv (.venv-spark, requirements-spark.txt), never in this one.

The two builds are background jobs (conftest.background_dbt), the first to start: they
run beside each other and beside the rest of the suite.

Skipped only when Java is missing (pyspark needs Java 17).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest

import scenarios
from conftest import Job, run_dbt_process
from test_fees_match_independent_calculator import project_with_waiver_cap_rows

REPO_ROOT = Path(__file__).resolve().parent.parent
SPARK_PYTHON = REPO_ROOT / ".venv-spark" / "bin" / "python"
MAX_REPORTED = 20

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None,
    reason="Java is missing: the Spark target needs Java 17 (apt-get install openjdk-17-jre-headless)",
)

# (build id, scenario name or None for the shipped sample, extra vars, waiver-cap project?, extra dbt args)
BUILDS = [
    ("shipped_sample", None, {}, False, []),
    ("mellon_2000_2004_recoupment", "mellon_advisory_2000_2004", {"expense_recoupment_enabled": True}, True,
     ["--exclude-resource-type", "unit_test", "--exclude-resource-type", "test"]),
]


def _dbt(project_dir: Path) -> str:
    local = REPO_ROOT / ".venv" / "bin" / "dbt"
    return str(local) if local.exists() else (shutil.which("dbt") or "dbt")


def _env(folder: Path, engine: str) -> dict:
    env = dict(os.environ)
    env.update({
        "FUND_FEES_DB": str(folder / "warehouse.duckdb"),
        "FUND_FEES_SPARK_DIR": str(folder / "spark"),
        "DBT_TARGET_PATH": str(folder / f"target_{engine}"),
        "DBT_LOG_PATH": str(folder / f"logs_{engine}"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    })
    return env


def _run(command: list, cwd: Path, env: dict, what: str) -> float:
    started = time.monotonic()
    proc = run_dbt_process(command, cwd=cwd, env=env)
    elapsed = time.monotonic() - started
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-80:])
        pytest.fail(f"{what} failed (exit {proc.returncode}): {' '.join(map(str, command))}\n{tail}")
    return elapsed


def _duckdb_tables(db_file: Path) -> dict:
    """The marts (main; fct_fee_accruals_daily is a view) and the seeds, as spark_read_marts.py
    writes Spark's."""
    import duckdb

    con = duckdb.connect(str(db_file), read_only=True)
    try:
        tables = {}
        found = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('main', 'seeds') and table_type in ('BASE TABLE', 'VIEW') order by 1, 2").fetchall()
        for schema, table in found:
            name = table if schema == "main" else f"{schema}.{table}"
            columns = con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position", [schema, table]).fetchall()
            rows = con.execute(f'select * from {schema}."{table}"').fetchall()
            tables[name] = {
                "columns": [[c, t] for c, t in columns],
                "rows": [[None if v is None else str(v) for v in row] for row in rows],
            }
        return tables
    finally:
        con.close()


_SPARK_VENV_LOCK = threading.Lock()


def spark_venv() -> Path:
    """The Spark venv's python. The first caller installs it (again when requirements-spark.txt
    changes: scripts/setup_spark.sh), the other builds' threads wait for it."""
    with _SPARK_VENV_LOCK:
        _run(["bash", "-c", "source scripts/setup_spark.sh"], REPO_ROOT, dict(os.environ), "setting up .venv-spark")
    return SPARK_PYTHON


def background_jobs(items, tmp_path_factory) -> dict:
    """Each selected build on both engines, a background job (conftest.background_dbt): the
    longest of the suite, so they start first and run beside the other tests."""
    if shutil.which("java") is None:
        return {}
    wanted = {item.callspec.id.split("-")[0] for item in items if hasattr(item, "callspec")}
    jobs = {}
    for build in BUILDS:
        if build[0] in wanted:
            folder = tmp_path_factory.mktemp(build[0])  # in the main thread, not the job's
            jobs[f"spark:{build[0]}"] = Job(lambda b=build, f=folder: build_on_both_engines(b, f),
                                            priority=100 if build[0] == "shipped_sample" else 90)
    return jobs


@pytest.fixture(scope="module", params=BUILDS, ids=[b[0] for b in BUILDS])
def both_engines(request, background_dbt, tmp_path_factory):
    key = f"spark:{request.param[0]}"
    if key in background_dbt:
        return background_dbt[key].result()
    return build_on_both_engines(request.param, tmp_path_factory.mktemp(request.param[0]))


def build_on_both_engines(build: tuple, folder: Path) -> dict:
    build_id, scenario_name, extra_vars, waiver_cap, extra_args = build
    project_dir = project_with_waiver_cap_rows(folder) if waiver_cap else REPO_ROOT
    dbt_vars = dict(extra_vars)
    if scenario_name:
        scenario = next(s for s in scenarios.build_scenarios() if s.name == scenario_name)
        dbt_vars["net_assets_path"] = str(scenarios.write_scenario(scenario, folder / "input"))
        if scenario.accrue_through:
            dbt_vars["accrue_through"] = scenario.accrue_through
    vars_args = ["--vars", json.dumps(dbt_vars)] if dbt_vars else []
    common = ["--project-dir", str(project_dir), "--profiles-dir", str(project_dir)] + vars_args + extra_args

    duckdb_seconds = _run([_dbt(project_dir), "build"] + common, project_dir, _env(folder, "duckdb"),
                          f"dbt build on DuckDB ({build_id})")
    spark_python = spark_venv()
    spark_seconds = _run([str(spark_python), str(REPO_ROOT / "scripts" / "dbt_spark.py"), "build", "--target", "spark"]
                         + common, project_dir, _env(folder, "spark"), f"dbt build --target spark ({build_id})")
    out_file = folder / "spark_marts.json"
    _run([str(spark_python), str(REPO_ROOT / "python_tests" / "spark_read_marts.py"), str(folder / "spark"),
          str(out_file), "main", "seeds"], REPO_ROOT, _env(folder, "spark"), "reading the Spark marts and seeds")
    print(f"\n{build_id}: DuckDB build {duckdb_seconds:.0f} s, Spark build {spark_seconds:.0f} s")
    bad_input = None
    if build_id == "shipped_sample":
        # bad input on Spark: a duplicate and a negative net-asset row, the staging model and
        # its tests only (on the warehouse just built): the build stops and names each row
        bad_file = folder / "bad_net_assets.csv"
        bad_file.write_text("fund_id,as_of_date,net_assets_usd\nalger_growth,2013-03-01,100.00\n"
                            "alger_growth,2013-03-01,101.00\nalger_growth,2013-03-04,-5.00\n", encoding="utf-8")
        proc = subprocess.run(
            [str(spark_python), str(REPO_ROOT / "scripts" / "dbt_spark.py"), "build", "--target", "spark",
             "--project-dir", str(project_dir), "--profiles-dir", str(project_dir),
             "--select", "stg_net_assets__daily", "--exclude-resource-type", "unit_test",
             "--vars", json.dumps({"net_assets_path": str(bad_file)})],
            cwd=project_dir, env=_env(folder, "spark"), capture_output=True, text=True)
        bad_input = {"returncode": proc.returncode, "output": proc.stdout + proc.stderr}
    return {
        "build_id": build_id,
        "bad_input": bad_input,
        "duckdb": _duckdb_tables(folder / "warehouse.duckdb"),
        # seeds.net_assets_file: Spark's external table over a net-asset CSV (DuckDB reads the file directly)
        "spark": {name: table for name, table in json.loads(out_file.read_text(encoding="utf-8"))["tables"].items()
                  if name != "seeds.net_assets_file"},
    }


def _type_kind(data_type: str) -> str:
    """decimal(p,s) as written, other types by family (VARCHAR = string, INTEGER = int ...)."""
    t = data_type.lower().replace(" ", "")
    if t.startswith("decimal"):
        return t
    return {"varchar": "string", "integer": "int", "bigint": "bigint", "date": "date",
            "boolean": "boolean", "timestamp": "timestamp", "int": "int", "string": "string"}.get(t, t)


def test_every_mart_and_seed_has_the_same_columns_and_types(both_engines):
    duck, spark = both_engines["duckdb"], both_engines["spark"]
    assert [n for n in duck if "." not in n], "no mart in DuckDB's main schema"
    assert sorted(spark) == sorted(duck), f"marts differ: DuckDB {sorted(duck)}, Spark {sorted(spark)}"
    problems = []
    for name, table in duck.items():
        d_cols = [(c, _type_kind(t)) for c, t in table["columns"]]
        s_cols = [(c, _type_kind(t)) for c, t in spark[name]["columns"]]
        if d_cols != s_cols:
            problems.append(f"{name}: DuckDB {d_cols} / Spark {s_cols}")
    assert not problems, "column names or types differ:\n" + "\n".join(problems)


# Columns that hold when the build ran (dbt's run_started_at), so differ between the two
# builds by construction: left out of the row comparison; each must still hold a single
# value per build (a full build computes every row in one run).
RUN_TIME_COLUMNS = {
    "fct_fee_accruals_daily": ["accrued_at"],
    "fct_fee_tiers_monthly": ["accrued_at"],
    "fct_fee_restatements": ["first_published_at", "current_published_at"],
}


def _without_run_time_columns(name: str, table: dict) -> tuple[list, list]:
    columns = [c for c, _ in table["columns"]]
    keep = [i for i, c in enumerate(columns) if c not in RUN_TIME_COLUMNS.get(name, [])]
    return [columns[i] for i in keep], [[row[i] for i in keep] for row in table["rows"]]


def test_run_time_columns_hold_one_value_per_build(both_engines):
    for engine in ("duckdb", "spark"):
        for name in ("fct_fee_accruals_daily", "fct_fee_tiers_monthly"):
            table = both_engines[engine][name]
            columns = [c for c, _ in table["columns"]]
            values = {row[columns.index("accrued_at")] for row in table["rows"]}
            assert len(values) == 1 and None not in values, \
                f"{engine} {name}: accrued_at values {sorted(map(str, values))[:5]}"


def test_every_mart_and_seed_row_matches(both_engines):
    duck, spark = both_engines["duckdb"], both_engines["spark"]
    problems = []
    for name, table in sorted(duck.items()):
        columns, d_rows = _without_run_time_columns(name, table)
        _, s_rows = _without_run_time_columns(name, spark.get(name, {"columns": table["columns"], "rows": []}))
        d_rows = sorted(d_rows, key=lambda r: [("" if v is None else v) for v in r])
        s_rows = sorted(s_rows, key=lambda r: [("" if v is None else v) for v in r])
        if len(d_rows) != len(s_rows):
            problems.append(f"{name}: {len(d_rows)} rows on DuckDB, {len(s_rows)} on Spark")
        missing = {tuple(r) for r in d_rows} - {tuple(r) for r in s_rows}
        extra = {tuple(r) for r in s_rows} - {tuple(r) for r in d_rows}
        for row in sorted(missing, key=str)[:MAX_REPORTED]:
            problems.append(f"{name}: DuckDB only {dict(zip(columns, row))}")
        for row in sorted(extra, key=str)[:MAX_REPORTED]:
            problems.append(f"{name}: Spark only {dict(zip(columns, row))}")
    assert not problems, f"{len(problems)} difference(s):\n" + "\n".join(problems[:100])


def test_the_scenario_exercises_minimum_fee_and_recoupment(both_engines):
    # the comparison is only as good as what the data exercises
    duck = both_engines["duckdb"]
    if both_engines["build_id"] != "mellon_2000_2004_recoupment":
        pytest.skip("checked on the multi-year scenario")

    def column(table, name):
        cols = [c for c, _ in duck[table]["columns"]]
        return [row[cols.index(name)] for row in duck[table]["rows"]]

    assert any(Decimal(v) > 0 for v in column("fct_minimum_fee_periods", "shortfall_usd") if v is not None), \
        "no complete minimum-fee period with a shortfall"
    assert any(Decimal(v) > 0 for v in column("fct_expense_waivers_monthly", "waiver_usd") if v is not None), \
        "no waiver"
    assert any(Decimal(v) > 0 for v in column("fct_fees_monthly", "expense_recoupment_usd") if v is not None), \
        "no recoupment"


def test_bad_input_on_spark_names_the_rows_and_the_rule(both_engines):
    bad = both_engines["bad_input"]
    if bad is None:
        pytest.skip("checked once, on the shipped-sample build")
    output = bad["output"]
    assert bad["returncode"] != 0, output[-3000:]
    for rule, row in [("unique_combination_stg_net_assets__daily_fund_id__as_of_date",
                       '"fund_id":"alger_growth","as_of_date":"2013-03-01"'),
                      ("assert_net_assets_fund_dates_are_unique", '"as_of_date":"2013-03-01","figures":2'),
                      ("assert_net_assets_values_are_positive", '"as_of_date":"2013-03-04","net_assets_usd":"-5.00"')]:
        assert rule in output, f"{rule} not reported:\n{output[-3000:]}"
        assert row in output, f"{row} not listed:\n{output[-3000:]}"
    assert "row(s) break this rule" in output, output[-3000:]
