"""Write-audit-publish: FUND_FEES_DB is the published warehouse, replaced only by a fully
successful `dbt build`, atomically; readers never block; nothing billed is lost.

One warehouse folder goes through a sequence of builds (module fixture), each test
checking one property:

1. build A (the shipped sample as a CSV file) publishes; the published file is
   self-contained (no view; it opens and queries under another name);
2. a second, fresh build of the same inputs gives identical marts (checksums);
3. while a reader holds the published file open read-only, build B (Alger Growth's
   2013-04-10 net assets doubled: a corrected past day) runs and publishes: the reader
   neither blocks it nor sees a change; a new connection sees B;
4. fct_fee_restatements then lists exactly the fund-months whose net fee changed,
   with A's figure as first published and B's as current;
5. builds of A killed (SIGKILL) early, in the middle and between the copy and the
   replace leave the published file byte-identical and queryable; the next build
   publishes A again and the restatements go away.
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import duckdb
import pytest

from wap_helpers import (build_db_of, dbt, dbt_command, dbt_env, digest, query, table_checksums,
                         write_net_assets)

ALGER_DAY = ("alger_growth", "2013-04-10")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("inputs")
    original = write_net_assets(folder / "net_assets_a.csv")
    value = next(line.split(",")[2] for line in original.read_text().splitlines()
                 if line.startswith(",".join(ALGER_DAY)))
    doubled = f"{float(value) * 2:.2f}"
    restated = write_net_assets(folder / "net_assets_b.csv", {ALGER_DAY: doubled})
    return {"a": original, "b": restated}


def vars_for(path: Path) -> list[str]:
    return ["--vars", f'{{net_assets_path: "{path}"}}']


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, inputs) -> dict:
    db = tmp_path_factory.mktemp("published") / "fund_fees.duckdb"
    result = dbt(["build", *vars_for(inputs["a"])], db)
    assert result.returncode == 0, result.output[-4000:]
    assert "Published " in result.output
    state = {"db": db, "a_digest": digest(db), "a_fees": fees(db)}
    return state


def fees(db: Path) -> dict:
    return {(r[0], r[1], r[2]): r[3] for r in query(
        db, "select agreement_id, fund_id, month_start, net_fee_usd from fct_fees_monthly")}


def test_published_file_is_self_contained(warehouse, tmp_path):
    db = warehouse["db"]
    assert build_db_of(db).exists(), "dbt builds into the build database beside the published file"
    other = tmp_path / "copied_elsewhere.duckdb"
    shutil.copy2(db, other)
    con = duckdb.connect(str(other), read_only=True)
    try:
        assert con.execute("select count(*) from duckdb_views() where not internal").fetchone()[0] == 0
        for schema, table in con.execute(
                "select schema_name, table_name from duckdb_tables() order by 1, 2").fetchall():
            con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()
        assert con.execute("select count(*) from staging.stg_net_assets__daily").fetchone()[0] > 3000
    finally:
        con.close()


def test_two_builds_of_the_same_inputs_give_identical_marts(warehouse, inputs, tmp_path):
    second = tmp_path / "fund_fees.duckdb"
    result = dbt(["build", *vars_for(inputs["a"])], second)
    assert result.returncode == 0, result.output[-4000:]
    first_sums, second_sums = table_checksums(warehouse["db"]), table_checksums(second)
    assert "fct_fees_monthly" in first_sums and "fct_fee_restatements" in first_sums
    assert first_sums == second_sums


def test_reader_holding_the_published_file_neither_blocks_nor_sees_a_half_built_state(warehouse, inputs):
    db = warehouse["db"]
    reader = duckdb.connect(str(db), read_only=True)
    sql = "select count(*), sum(net_fee_usd) from fct_fees_monthly"
    before = reader.execute(sql).fetchone()
    seen, stop = [], threading.Event()

    def poll():
        while not stop.is_set():
            seen.append(reader.cursor().execute(sql).fetchone())
            time.sleep(0.2)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        result = dbt(["build", *vars_for(inputs["b"])], db)
    finally:
        stop.set()
        poller.join()
    assert result.returncode == 0, result.output[-4000:]
    assert "Published " in result.output
    assert seen and all(row == before for row in seen), "the reader saw the warehouse change under it"
    assert reader.execute(sql).fetchone() == before
    reader.close()
    after = query(db, sql)[0]
    assert after != before, "a new connection sees the new marts"
    warehouse["b_fees"] = fees(db)


def test_restated_past_day_is_listed_with_first_published_and_current_fee(warehouse):
    db = warehouse["db"]
    a_fees, b_fees = warehouse["a_fees"], warehouse["b_fees"]
    changed = {key for key in a_fees if a_fees[key] != b_fees.get(key)}
    # the corrected day is Alger Growth's 2013-04-10: only its April fees can change
    assert changed and {(key[1], str(key[2])) for key in changed} == {("alger_growth", "2013-04-01")}
    rows = query(db, """
        select agreement_id, fund_id, month_start, first_published_net_fee_usd, current_net_fee_usd,
            restatement_usd, first_published_at, current_published_at
        from fct_fee_restatements""")
    assert {(r[0], r[1], r[2]) for r in rows} == changed
    for agreement_id, fund_id, month, first, current, difference, first_at, current_at in rows:
        key = (agreement_id, fund_id, month)
        assert first == a_fees[key] and current == b_fees[key]
        assert difference == current - first
        assert first_at < current_at
    history = query(db, """
        select count(*), count(distinct published_at) from fund_fees_audit.fct_fees_monthly_published
        where fund_id = 'alger_growth' and month_start = date '2013-04-01'""")[0]
    assert history[1] == 2, "both versions of the restated month are kept"


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


@pytest.mark.parametrize("point", ["early", "middle", "during publish"])
def test_killed_build_leaves_the_published_file_as_it_was(warehouse, inputs, point):
    db = warehouse["db"]
    before = digest(db)
    command = dbt_command(["build", *vars_for(inputs["a"])])
    if point == "during publish":
        env = dbt_env(db, FUND_FEES_PUBLISH_TEST_KILL="before_replace")
        proc = subprocess.run(command, cwd=Path(__file__).resolve().parents[1], env=env,
                              capture_output=True, text=True)
        assert proc.returncode == -signal.SIGKILL, proc.stdout[-3000:]
        assert (db.parent / f".{db.name}.publish.tmp").exists(), "killed after the copy was written"
    else:
        marker = None if point == "early" else "START sql table model main.fct_fee"
        killed, output, _ = kill_when(command, dbt_env(db), Path(__file__).resolve().parents[1],
                                      marker, 3.0 if point == "early" else None)
        assert killed, output[-3000:]
    assert digest(db) == before
    assert query(db, "select count(*) from fct_fees_monthly")[0][0] > 0
    assert fees(db) == warehouse["b_fees"]


def test_next_good_build_publishes_after_the_kills(warehouse, inputs):
    db = warehouse["db"]
    result = dbt(["build", *vars_for(inputs["a"])], db)
    assert result.returncode == 0, result.output[-4000:]
    assert not (db.parent / f".{db.name}.publish.tmp").exists()
    assert fees(db) == warehouse["a_fees"]
    # back to the figures first published: nothing is restated any more
    assert query(db, "select count(*) from fct_fee_restatements")[0][0] == 0
