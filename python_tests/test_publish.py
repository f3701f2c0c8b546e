"""Write-audit-publish: FUND_FEES_DB is the published warehouse, replaced only by a fully
successful `dbt build`, atomically; readers never block; nothing billed is lost.

One warehouse folder goes through a sequence of builds, one background job
(conftest.background_dbt) that records what each step saw; each test checks one property:

1. build A (the shipped sample as a CSV file) publishes; the published file is
   self-contained: it opens and queries alone and under another name; its only view,
   fct_fee_accruals_daily, reads the file's own int_daily_fees_accrued (a view naming
   another database stops the publish: test_a_view_of_another_database_is_not_published);
2. a second, fresh build of the same inputs gives identical marts (checksums);
3. while a reader holds the published file open read-only, build B (Alger Growth's
   2013-04-10 net assets doubled: a corrected past day) runs and publishes: the reader
   neither blocks it nor sees a change; a new connection sees B;
4. fct_fee_restatements then lists exactly the fund-months whose net fee changed,
   with A's figure as first published and B's as current;
5. builds of A killed (SIGKILL) early, in the middle and between the copy and the
   replace leave the published file byte-identical and queryable; the next build
   publishes A again and the restatements go away.

The fresh build of step 2 is a job of its own, run beside the sequence.
"""
from __future__ import annotations

import importlib.util
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import duckdb
import pytest

from conftest import Job
from wap_helpers import (build_db_of, dbt, dbt_command, dbt_env, digest, query, table_checksums,
                         write_net_assets)

ALGER_DAY = ("alger_growth", "2013-04-10")


SQL_TOTAL = "select count(*), sum(net_fee_usd) from fct_fees_monthly"
KILL_POINTS = ["early", "middle", "during publish"]


def load_publish_plugin():
    """dbt_plugins/fund_fees_publish.py as a module (dbt-duckdb finds it through the profile's module_paths)."""
    path = Path(__file__).resolve().parents[1] / "dbt_plugins" / "fund_fees_publish.py"
    spec = importlib.util.spec_from_file_location("fund_fees_publish", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_inputs(folder: Path) -> dict:
    original = write_net_assets(folder / "net_assets_a.csv")
    value = next(line.split(",")[2] for line in original.read_text().splitlines()
                 if line.startswith(",".join(ALGER_DAY)))
    doubled = f"{float(value) * 2:.2f}"
    restated = write_net_assets(folder / "net_assets_b.csv", {ALGER_DAY: doubled})
    return {"a": original, "b": restated}


def vars_for(path: Path) -> list[str]:
    return ["--vars", f'{{net_assets_path: "{path}"}}']


def fees(db: Path) -> dict:
    return {(r[0], r[1], r[2]): r[3] for r in query(
        db, "select agreement_id, fund_id, month_start, net_fee_usd from fct_fees_monthly")}


def build_result(result) -> dict:
    return {"returncode": result.returncode, "output": result.output}


def read_while_building(db: Path, inputs: dict) -> dict:
    """Step 3: a reader holds the published file open and polls it while build B runs."""
    reader = duckdb.connect(str(db), read_only=True)
    try:
        before = reader.execute(SQL_TOTAL).fetchone()
        seen, stop = [], threading.Event()

        def poll():
            while not stop.is_set():
                seen.append(reader.cursor().execute(SQL_TOTAL).fetchone())
                time.sleep(0.2)

        poller = threading.Thread(target=poll)
        poller.start()
        try:
            result = dbt(["build", *vars_for(inputs["b"])], db)
        finally:
            stop.set()
            poller.join()
        same_reader_after = reader.execute(SQL_TOTAL).fetchone()
    finally:
        reader.close()
    return {"build": build_result(result), "before": before, "seen": seen,
            "same_reader_after": same_reader_after, "new_connection": query(db, SQL_TOTAL)[0]}


def kill_when(command: list[str], env: dict, cwd: Path, marker: str | None, seconds: float | None):
    """Start a build and SIGKILL it when its output shows `marker` (or after `seconds`)."""
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    started, output = time.monotonic(), []
    if marker is None:
        time.sleep(seconds)
    else:
        for line in proc.stdout:
            output.append(line)
            if marker in line:
                break
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    return killed, "".join(output), time.monotonic() - started


def kill_a_build(db: Path, inputs: dict, point: str) -> dict:
    """Step 5: a build of A killed at ``point``; what the published file holds afterwards."""
    before = digest(db)
    command = dbt_command(["build", *vars_for(inputs["a"])])
    root = Path(__file__).resolve().parents[1]
    if point == "during publish":
        env = dbt_env(db, FUND_FEES_PUBLISH_TEST_KILL="before_replace")
        proc = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
        killed = proc.returncode == -signal.SIGKILL
        output = proc.stdout
    else:
        marker = None if point == "early" else "START sql table model main.fct_fee"
        killed, output, _ = kill_when(command, dbt_env(db), root, marker, 3.0 if point == "early" else None)
    return {"killed": killed, "output": output, "copy_left": (db.parent / f".{db.name}.publish.tmp").exists(),
            "unchanged": digest(db) == before, "rows": query(db, "select count(*) from fct_fees_monthly")[0][0],
            "fees": fees(db)}


def run_sequence(folder: Path, inputs: dict) -> dict:
    """Steps 1 and 3 to 5 on one warehouse; stops at the first build that fails (``stopped``)."""
    db = folder / "published" / "fund_fees.duckdb"
    db.parent.mkdir()
    state: dict = {"db": db}
    a = dbt(["build", *vars_for(inputs["a"])], db)
    state["a_build"] = build_result(a)
    if a.returncode != 0:
        return dict(state, stopped="build A failed")
    state.update(a_digest=digest(db), a_fees=fees(db), a_checksums=table_checksums(db),
                 build_db_exists=build_db_of(db).exists())
    state["a_copy"] = folder / "copied_elsewhere.duckdb"
    shutil.copy2(db, state["a_copy"])
    state["reader"] = read_while_building(db, inputs)
    if state["reader"]["build"]["returncode"] != 0:
        return dict(state, stopped="build B failed")
    state["b_fees"] = fees(db)
    state["restatements"] = query(db, """
        select agreement_id, fund_id, month_start, first_published_net_fee_usd, current_net_fee_usd,
            restatement_usd, first_published_at, current_published_at
        from fct_fee_restatements""")
    state["history"] = query(db, """
        select count(*), count(distinct published_at) from fund_fees_audit.fct_fees_monthly_published
        where fund_id = 'alger_growth' and month_start = date '2013-04-01'""")[0]
    state["kills"] = {point: kill_a_build(db, inputs, point) for point in KILL_POINTS}
    final = dbt(["build", *vars_for(inputs["a"])], db)
    state["final"] = {"build": build_result(final),
                      "copy_left": (db.parent / f".{db.name}.publish.tmp").exists(),
                      "fees": fees(db) if final.returncode == 0 else None,
                      "restatements": query(db, "select count(*) from fct_fee_restatements")[0][0]}
    return state


def fresh_build(folder: Path, inputs: dict) -> dict:
    db = folder / "fund_fees.duckdb"
    result = dbt(["build", *vars_for(inputs["a"])], db)
    return {"build": build_result(result), "checksums": table_checksums(db) if result.returncode == 0 else None}


def background_jobs(items, tmp_path_factory) -> dict:
    """The sequence and the fresh build of step 2 (folders made here, in the main thread)."""
    inputs = write_inputs(tmp_path_factory.mktemp("inputs"))
    sequence_folder, fresh_folder = tmp_path_factory.mktemp("published"), tmp_path_factory.mktemp("fresh")
    return {"publish:sequence": Job(lambda: run_sequence(sequence_folder, inputs), priority=80),
            "publish:fresh_build": Job(lambda: fresh_build(fresh_folder, inputs), priority=10)}


@pytest.fixture(scope="module")
def warehouse(background_dbt) -> dict:
    return background_dbt["publish:sequence"].result()


def step(state: dict, name: str):
    if name not in state:
        pytest.fail(f"the sequence stopped before this step: {state.get('stopped')}\n"
                    + _failed_output(state)[-4000:])
    return state[name]


def _failed_output(state: dict) -> str:
    for build in (state.get("a_build"), (state.get("reader") or {}).get("build")):
        if build and build["returncode"] != 0:
            return build["output"]
    return ""


def test_published_file_is_self_contained(warehouse):
    build = warehouse["a_build"]
    assert build["returncode"] == 0, build["output"][-4000:]
    assert "Published " in build["output"]
    assert step(warehouse, "build_db_exists"), "dbt builds into the build database beside the published file"
    copy = step(warehouse, "a_copy")
    con = duckdb.connect(str(copy), read_only=True)
    try:
        views = con.execute(
            "select schema_name, view_name from duckdb_views() where not internal order by 1, 2").fetchall()
        # the one view kept: the daily accruals, stored once in the intermediate table
        assert views == [("main", "fct_fee_accruals_daily")], views
        for schema, table in con.execute(
                "select schema_name, table_name from duckdb_tables() order by 1, 2").fetchall():
            con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()
        assert con.execute("select count(*) from staging.stg_net_assets__daily").fetchone()[0] > 3000
        daily = con.execute("select count(*), sum(daily_accrual_usd) from main.fct_fee_accruals_daily").fetchone()
        assert daily == con.execute(
            "select count(*), sum(daily_accrual_usd) from intermediate.int_daily_fees_accrued").fetchone()
        assert daily[0] > 3000
    finally:
        con.close()
    # under another name, from a connection whose own database is in memory
    con = duckdb.connect()
    try:
        con.execute(f"attach '{copy}' as some_other_name (read_only)")
        assert con.execute(
            "select count(*), sum(daily_accrual_usd) from some_other_name.main.fct_fee_accruals_daily").fetchone() == daily
    finally:
        con.close()


def test_a_view_of_another_database_is_not_published(tmp_path):
    """fund_fees_publish opens the copy alone and reads every view before the replace."""
    publish = load_publish_plugin().publish

    other, tmp, dst = tmp_path / "build.duckdb", tmp_path / "copy.duckdb", tmp_path / "published.duckdb"
    con = duckdb.connect(str(tmp))
    con.execute("create table own as select 2 as fee")
    con.execute("create view reads_own as select fee from main.own")
    con.close()
    con = duckdb.connect(str(other))
    con.execute("create table fees as select 1 as fee")
    con.execute(f"attach '{tmp}' as copy")
    con.execute("create view copy.main.reads_build as select fee from build.main.fees")
    con.execute("detach copy")
    con.close()
    dst.write_bytes(b"the published file as it was")
    with pytest.raises(RuntimeError, match="reads_build does not read only from its own file"):
        publish(str(tmp), str(dst))
    assert dst.read_bytes() == b"the published file as it was"
    assert tmp.exists()
    # a view that reads an input file (as the staging views do) is refused too
    (tmp_path / "input.csv").write_text("fee\n3\n", encoding="utf-8")
    con = duckdb.connect(str(tmp))
    con.execute("drop view reads_build")
    con.execute(f"create view reads_file as select fee from read_csv('{tmp_path / 'input.csv'}')")
    con.close()
    with pytest.raises(RuntimeError, match="reads_file does not read only from its own file"):
        publish(str(tmp), str(dst))
    assert dst.read_bytes() == b"the published file as it was"
    # without those views the same copy publishes
    con = duckdb.connect(str(tmp))
    con.execute("drop view reads_file")
    con.close()
    assert publish(str(tmp), str(dst)) == str(dst)
    con = duckdb.connect(str(dst), read_only=True)
    assert con.execute("select fee from reads_own").fetchall() == [(2,)]
    con.close()


def test_two_builds_of_the_same_inputs_give_identical_marts(warehouse, background_dbt):
    second = background_dbt["publish:fresh_build"].result()
    assert second["build"]["returncode"] == 0, second["build"]["output"][-4000:]
    first_sums = step(warehouse, "a_checksums")
    assert "fct_fees_monthly" in first_sums and "fct_fee_restatements" in first_sums
    assert first_sums == second["checksums"]


def test_reader_holding_the_published_file_neither_blocks_nor_sees_a_half_built_state(warehouse):
    reader = step(warehouse, "reader")
    assert reader["build"]["returncode"] == 0, reader["build"]["output"][-4000:]
    assert "Published " in reader["build"]["output"]
    before = reader["before"]
    assert reader["seen"] and all(row == before for row in reader["seen"]), \
        "the reader saw the warehouse change under it"
    assert reader["same_reader_after"] == before
    assert reader["new_connection"] != before, "a new connection sees the new marts"


def test_restated_past_day_is_listed_with_first_published_and_current_fee(warehouse):
    a_fees, b_fees = step(warehouse, "a_fees"), step(warehouse, "b_fees")
    changed = {key for key in a_fees if a_fees[key] != b_fees.get(key)}
    # the corrected day is Alger Growth's 2013-04-10: only its April fees can change
    assert changed and {(key[1], str(key[2])) for key in changed} == {("alger_growth", "2013-04-01")}
    rows = step(warehouse, "restatements")
    assert {(r[0], r[1], r[2]) for r in rows} == changed
    for agreement_id, fund_id, month, first, current, difference, first_at, current_at in rows:
        key = (agreement_id, fund_id, month)
        assert first == a_fees[key] and current == b_fees[key]
        assert difference == current - first
        assert first_at < current_at
    assert step(warehouse, "history")[1] == 2, "both versions of the restated month are kept"


@pytest.mark.parametrize("point", KILL_POINTS)
def test_killed_build_leaves_the_published_file_as_it_was(warehouse, point):
    kill = step(warehouse, "kills")[point]
    assert kill["killed"], kill["output"][-3000:]
    if point == "during publish":
        assert kill["copy_left"], "killed after the copy was written"
    assert kill["unchanged"]
    assert kill["rows"] > 0
    assert kill["fees"] == warehouse["b_fees"]


def test_next_good_build_publishes_after_the_kills(warehouse):
    final = step(warehouse, "final")
    assert final["build"]["returncode"] == 0, final["build"]["output"][-4000:]
    assert not final["copy_left"]
    assert final["fees"] == warehouse["a_fees"]
    # back to the figures first published: nothing is restated any more
    assert final["restatements"] == 0
