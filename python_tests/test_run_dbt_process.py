"""conftest.run_dbt_process: a process that died of SIGSEGV runs once more, said on stderr;
any other failure is returned as it is, not rerun."""
from __future__ import annotations

import sys

from conftest import run_dbt_process

# counts its runs in a file; the first run (or every run, with "always") dies of SIGSEGV
SCRIPT = """
import os, signal, sys
path, mode = sys.argv[1], sys.argv[2]
runs = int(open(path).read()) + 1 if os.path.exists(path) else 1
open(path, "w").write(str(runs))
print(f"run {runs}")
if mode == "always" or (mode == "first" and runs == 1):
    os.kill(os.getpid(), signal.SIGSEGV)
sys.exit(3 if mode == "fail" else 0)
"""


def test_a_crash_runs_once_more_and_says_so(tmp_path):
    runs = tmp_path / "runs"
    proc = run_dbt_process([sys.executable, "-c", SCRIPT, str(runs), "first"])
    assert proc.returncode == 0
    assert proc.stdout == "run 2\n"
    assert "died of SIGSEGV" in proc.stderr and "run 1" in proc.stderr
    assert runs.read_text() == "2"


def test_a_second_crash_is_returned(tmp_path):
    runs = tmp_path / "runs"
    proc = run_dbt_process([sys.executable, "-c", SCRIPT, str(runs), "always"])
    assert proc.returncode < 0
    assert runs.read_text() == "2"


def test_a_failure_is_not_rerun(tmp_path):
    runs = tmp_path / "runs"
    proc = run_dbt_process([sys.executable, "-c", SCRIPT, str(runs), "fail"])
    assert proc.returncode == 3 and proc.stdout == "run 1\n" and proc.stderr == ""
    assert runs.read_text() == "1"
