"""dbt-duckdb plugin: the file half of write-audit-publish (README, "Publishing").

dbt builds into a build database (profiles.yml) and the on-run-end hook
(macros/publish/publish_warehouse.sql) copies it, when every selected node passed,
into a temporary file in the published file's folder. SQL cannot rename files, so
this plugin registers two SQL functions on dbt's DuckDB connection:

- ``fund_fees_publish_prepare(dst)`` removes a temporary file left by a killed
  publish and returns the temporary path to copy into;
- ``fund_fees_publish_copy(src, tmp)`` copies the checkpointed build database file
  byte for byte into the temporary file (a file copy: re-encoding every table through
  ``COPY FROM DATABASE`` cost 40x as much, measured at 1,000 funds) and returns ``tmp``;
- ``fund_fees_publish(tmp, dst)`` opens the copy alone (a fresh DuckDB instance, no
  other database attached, no access to other files) and reads every view in it, so a
  view that refers to another database or reads an input file stops the publish; then fsyncs the copy, replaces ``dst`` with it in
  one ``os.replace`` (atomic on POSIX: a reader sees the old file or the new one,
  never a mix; a process holding the old file open keeps reading the old one),
  fsyncs the folder and returns ``dst``.

``FUND_FEES_PUBLISH_TEST_KILL`` (tests only): ``before_replace`` makes the process
SIGKILL itself between the copy and the replace, to prove a killed publish leaves
the published file as it was.
"""
from __future__ import annotations

import os
import shutil
import signal

import duckdb

from dbt.adapters.duckdb.plugins import BasePlugin


def temporary_path(dst: str) -> str:
    folder, name = os.path.split(os.path.abspath(dst))
    return os.path.join(folder, f".{name}.publish.tmp")


def _fsync(path: str, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish_prepare(dst: str) -> str:
    """Make the published file's folder, remove a stale temporary copy, return its path."""
    tmp = temporary_path(dst)
    os.makedirs(os.path.dirname(tmp), exist_ok=True)
    for stale in (tmp, tmp + ".wal"):
        if os.path.exists(stale):
            os.remove(stale)
    return tmp


def publish_copy(src: str, tmp: str) -> str:
    """Copy the build database file (checkpointed by the caller: no write-ahead log) to tmp."""
    if os.path.exists(src + ".wal") and os.path.getsize(src + ".wal") > 0:
        raise RuntimeError(f"{src} has a write-ahead log after CHECKPOINT: not copied")
    shutil.copyfile(src, tmp)
    return tmp


def check_self_contained(tmp: str) -> None:
    """Open the copy alone, without access to any other file, and read every view: a view
    that refers to another database (the build file, say) or reads an input file fails to
    bind here, and the publish stops."""
    con = duckdb.connect(tmp, read_only=True, config={"enable_external_access": False})
    try:
        views = con.execute(
            "select schema_name, view_name from duckdb_views() where not internal").fetchall()
        for schema, view in views:
            try:
                con.execute(f'select * from "{schema}"."{view}" limit 0').fetchall()
            except duckdb.Error as error:
                raise RuntimeError(
                    f"view {schema}.{view} does not read only from its own file ({error}): not published") from error
    finally:
        con.close()


def publish(tmp: str, dst: str) -> str:
    """Check that the finished copy refers to no other database, fsync it, then replace
    the published file with it atomically."""
    dst = os.path.abspath(dst)
    if os.path.exists(tmp + ".wal"):
        raise RuntimeError(f"{tmp} still has a write-ahead log: it was not detached cleanly")
    check_self_contained(tmp)
    _fsync(tmp)
    if os.environ.get("FUND_FEES_PUBLISH_TEST_KILL") == "before_replace":
        os.kill(os.getpid(), signal.SIGKILL)
    os.replace(tmp, dst)
    _fsync(os.path.dirname(dst), directory=True)
    return dst


class Plugin(BasePlugin):
    def update_connection_config(self, creds, config):
        # runs before dbt-duckdb opens the build database: make its folder
        folder = os.path.dirname(os.path.abspath(creds.path))
        os.makedirs(folder, exist_ok=True)

    def configure_connection(self, conn):
        conn.create_function("fund_fees_publish_prepare", publish_prepare, ["VARCHAR"], "VARCHAR",
                             side_effects=True)
        conn.create_function("fund_fees_publish_copy", publish_copy, ["VARCHAR", "VARCHAR"], "VARCHAR",
                             side_effects=True)
        conn.create_function("fund_fees_publish", publish, ["VARCHAR", "VARCHAR"], "VARCHAR",
                             side_effects=True)
