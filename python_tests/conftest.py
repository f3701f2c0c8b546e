"""Shared pytest fixtures for python_tests/.

- ``repo_root``: the repository root (computed from this file).
- ``handmade_seeds``: a factory writing a small hand-made copy of the agreement
  seeds (same file names and columns as seeds/agreements/, see the design
  brief) to a temporary folder. The rows transcribe the agreements' Schedule A
  and B for the funds the calculator tests use; keyword arguments override the
  per-agreement switches or the combined-asset rules. ``extra_schedules``
  adds fee schedules (HANDMADE_SCHEDULES tuples) and puts their funds on the
  agreement's roster; ``expense_schedules`` also writes the R7 waiver seeds
  (expense_categories, expense_schedules, expense_schedule_tiers, the columns
  of seeds/waivers/) to the same folder. Without them the folder is as before.
- ``background_dbt``: the slow dbt runs of the whole session, started when the
  first test starts and run BACKGROUND_WORKERS at a time (default 2, the
  machine's cores; env FUND_FEES_TEST_WORKERS) while the tests go on: a test
  module that defines ``background_jobs(items, tmp_path_factory) -> {key:
  callable or Job}`` gets its jobs submitted for its selected tests; a test reads
  ``background_dbt[key].result()`` (which re-raises a job's error). A ``Job``
  names the jobs it runs after (``after``: their keys; it fails, without running,
  when one of them failed) and a ``priority``: of the jobs ready to run, the
  highest priority starts first (the longest chains, such as the Spark builds,
  go first, so that the last minutes are not one long build alone). A job's
  temporary folder is made in ``background_jobs`` (the main thread), not in the
  callable: pytest's ``tmp_path_factory`` is not thread-safe.
- ``run_dbt_process``: ``subprocess.run`` for a dbt command (output captured as text),
  run once more, and said so on stderr, when DuckDB crashed the process (SIGSEGV).
- Test order: the modules whose tests read background jobs (``background_jobs``,
  or ``READS_BACKGROUND_JOBS = True`` for one that reads another module's) run after the others
  (each group in file order), so that the foreground runs its own builds while the
  background ones run, instead of waiting for them first.
"""

from __future__ import annotations

import csv
import heapq
import itertools
import os
import shutil
import signal
import subprocess
import sys
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
BACKGROUND_WORKERS = int(os.environ.get("FUND_FEES_TEST_WORKERS", "2"))

SEED_COLUMNS = {
    "agreements": [
        "agreement_id", "agreement_name", "agreement_type", "fee_type", "payer_party_id",
        "payee_party_id", "document_id", "date_as_printed", "effective_date", "date_assumption",
        "amended_effective_date", "signed_date", "day_count_convention", "tier_basis",
        "payable_rounding", "minimum_allocation_key", "source_line",
    ],
    "funds": ["fund_id", "fund_name", "inception_date", "termination_date", "document_id", "source_line"],
    "rosters": [
        "roster_id", "agreement_id", "roster_effective_date", "roster_position", "fund_id",
        "name_as_printed", "document_id", "source_line",
    ],
    "fee_schedules": [
        "schedule_id", "agreement_id", "fund_id", "effective_from", "method", "schedule_role",
        "heading_as_printed", "document_id", "source_line",
    ],
    "fee_schedule_tiers": [
        "schedule_id", "tier_number", "lower_bound_usd", "upper_bound_usd", "annual_rate_pct",
        "printed_text", "document_id", "source_line", "erratum_id",
    ],
    "asset_groups": ["asset_group_id", "fund_id", "document_id", "source_line"],
    "combined_asset_rules": [
        "rule_id", "agreement_id", "fund_id", "asset_group_id", "fee_basis", "threshold_usd",
        "threshold_comparison", "alternate_schedule_id", "effective_from", "printed_text",
        "document_id", "source_line",
    ],
    "minimum_fees": [
        "minimum_fee_id", "agreement_id", "minimum_fee_usd", "period_months", "start_rule",
        "start_offset_months", "printed_text", "document_id", "source_line",
    ],
    # R7 waiver seeds (seeds/waivers/), written only when expense_schedules is given
    "expense_categories": [
        "expense_category_id", "category_name", "amount_source", "is_excluded_from_limitation",
        "printed_text", "document_id", "source_line",
    ],
    "expense_schedules": [
        "expense_schedule_id", "fund_id", "schedule_kind", "expense_category_id", "method",
        "effective_from", "effective_to", "is_illustrative", "note",
    ],
    "expense_schedule_tiers": [
        "expense_schedule_id", "tier_number", "lower_bound_usd", "upper_bound_usd", "annual_rate_pct",
        "tier_text",
    ],
}

M = 1_000_000

# Advisory agreement section 2 (004_2d0174667ff849b4.txt lines 97-101): aggregate expenses
# "include the compensation of Adviser and all other normal expenses and charges, but shall
# exclude interest, taxes, brokerage fees ..., fees and expenses incurred in connection with
# the distribution of Trust shares, and extraordinary expenses". (category, source, excluded?)
HANDMADE_EXPENSE_CATEGORIES = [
    ("advisory_fee", "fee_engine", False),
    ("custody_fees", "expense_schedule", False),
    ("registration_and_reporting", "expense_schedule", False),
    ("other_normal_expenses", "expense_schedule", False),
    ("interest", "expense_schedule", True),
    ("taxes", "expense_schedule", True),
    ("brokerage_fees", "expense_schedule", True),
    ("distribution_costs", "expense_schedule", True),
    ("extraordinary_expenses", "expense_schedule", True),
]

# (agreement_id, fund_id, effective yyyymmdd, method, role, suffix, tiers [(lower $M, upper $M|None, pct)])
HANDMADE_SCHEDULES = [
    # Mellon Schedule B (002_1b116a1c2540b3f0.txt): .12% / .06% / .02% at $50M and $100M
    *[
        ("mellon_sub_advisory", f, "20010131", "marginal", "base", "",
         [(0, 50, "0.12"), (50, 100, "0.06"), (100, None, "0.02")])
        for f in ("mellon_sp500_index", "mellon_sp400_mid_cap_index", "mellon_small_cap_index", "mellon_bond_index")
    ],
    ("mellon_sub_advisory", "mellon_international_index", "20010131", "marginal", "base", "",
     [(0, 50, "0.15"), (50, 100, "0.10"), (100, None, "0.04")]),
    # Advisory Schedule B (004_2d0174667ff849b4.txt lines 427-431): Putnam International Growth
    ("jnl_advisory", "putnam_international_equity", "20010131", "marginal", "base", "",
     [(0, 50, "1.10"), (50, 150, "1.05"), (150, 300, "1.00"), (300, 500, "0.95"), (500, None, "0.90")]),
    # Invesco Schedule B, December 1, 2012 (003_f82e2d9a16dbb399.txt)
    ("invesco_sub_advisory", "invesco_global_real_estate", "20121201", "marginal", "base", "",
     [(0, 50, "0.50"), (50, None, "0.45")]),
    ("invesco_sub_advisory", "invesco_international_growth", "20121201", "marginal", "base", "",
     [(0, 250, "0.40"), (250, None, "0.35")]),
    ("invesco_sub_advisory", "invesco_large_cap_growth", "20121201", "marginal", "base", "",
     [(0, 150, "0.40"), (150, None, "0.35")]),
    ("invesco_sub_advisory", "invesco_large_cap_growth", "20121201", "whole", "combined_asset_alternate",
     ".combined_gt_1b", [(0, None, "0.35")]),
    ("invesco_sub_advisory", "invesco_small_cap_growth", "20121201", "marginal", "base", "",
     [(0, 500, "0.60"), (500, None, "0.55")]),
    ("invesco_sub_advisory", "invesco_small_cap_growth", "20121201", "marginal", "combined_asset_alternate",
     ".combined_gt_1b", [(0, 250, "0.60"), (250, None, "0.55")]),
]

INVESCO_FUNDS = [
    "invesco_global_real_estate", "invesco_international_growth", "invesco_large_cap_growth",
    "invesco_small_cap_growth",
]
MELLON_FUNDS = [
    "mellon_sp500_index", "mellon_sp400_mid_cap_index", "mellon_small_cap_index",
    "mellon_international_index", "mellon_bond_index",
]


def run_dbt_process(command: list, **kwargs) -> subprocess.CompletedProcess:
    """subprocess.run(command, capture_output=True, text=True, **kwargs), run once more when
    the process died of SIGSEGV. DuckDB 1.5.6 can crash while dbt lists the relations of two
    schemas on two threads as it starts (an upstream bug of concurrent catalog queries,
    duckdb-python#435; seen once in about 130 test builds). A crash is never a result of the
    project's SQL, and a build that stopped is one the next build completes (incremental
    models pick up what a stopped run computed, DECISIONLOG D30), so the rerun builds the
    same thing. The crash is written to stderr and kept at the head of the rerun's stderr."""
    proc = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if proc.returncode == -signal.SIGSEGV:
        note = (f"{' '.join(map(str, command[:2]))}: the process died of SIGSEGV (DuckDB); run once more. "
                f"Its output ended: {(proc.stdout + proc.stderr)[-500:]!r}\n")
        sys.stderr.write(note)
        proc = subprocess.run(command, capture_output=True, text=True, **kwargs)
        proc.stderr = note + proc.stderr
    return proc


def _iso(yyyymmdd: str) -> str:
    return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:]}"


def _write(folder: Path, name: str, rows: list[dict]) -> None:
    with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=SEED_COLUMNS[name])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in SEED_COLUMNS[name]})


def write_expense_seeds(folder: Path, expense_schedules: list) -> None:
    """The R7 seeds. ``expense_schedules``: tuples (fund_id, kind, category or "", method,
    effective_from, effective_to or "", is_illustrative, bands [(lower $M, upper $M|None, pct)]),
    kind = limitation | other_expense."""
    _write(folder, "expense_categories", [
        {"expense_category_id": c, "category_name": c, "amount_source": source,
         "is_excluded_from_limitation": "true" if excluded else "false", "document_id": "advisory_2000"}
        for c, source, excluded in HANDMADE_EXPENSE_CATEGORIES
    ])
    schedules, tiers = [], []
    for fund_id, kind, category, method, start, stop, illustrative, bands in expense_schedules:
        prefix = "limitation" if kind == "limitation" else f"other.{category}"
        sid = f"{prefix}.{fund_id}.{start.replace('-', '')}"
        schedules.append({"expense_schedule_id": sid, "fund_id": fund_id, "schedule_kind": kind,
                          "expense_category_id": category, "method": method, "effective_from": start,
                          "effective_to": stop, "is_illustrative": "true" if illustrative else "false"})
        for n, (lower, upper, pct) in enumerate(bands, 1):
            tiers.append({"expense_schedule_id": sid, "tier_number": n, "lower_bound_usd": f"{lower * M}.00",
                          "upper_bound_usd": "" if upper is None else f"{upper * M}.00",
                          "annual_rate_pct": pct})
    _write(folder, "expense_schedules", schedules)
    _write(folder, "expense_schedule_tiers", tiers)


def write_handmade_seeds(folder: Path, switches: dict | None = None, combined_rules: list | None = None,
                         terminations: dict | None = None, inceptions: dict | None = None,
                         extra_schedules: list | None = None, expense_schedules: list | None = None) -> Path:
    """Write the hand-made seeds; ``switches`` = {agreement_id: {column: value}}."""
    folder.mkdir(parents=True, exist_ok=True)
    switches = switches or {}
    terminations = terminations or {}
    inceptions = inceptions or {}
    extra_schedules = extra_schedules or []
    extra_funds = [f for f in dict.fromkeys(x[1] for x in extra_schedules)]
    agreements = [
        {"agreement_id": "jnl_advisory", "agreement_type": "advisory", "fee_type": "advisory",
         "payer_party_id": "jnl_series_trust", "payee_party_id": "jnam", "document_id": "advisory_2000",
         "effective_date": "2001-01-31"},
        {"agreement_id": "mellon_sub_advisory", "agreement_type": "sub_advisory", "fee_type": "sub_advisory",
         "payer_party_id": "jnam", "payee_party_id": "mellon_capital", "document_id": "mellon_2001",
         "effective_date": "2001-01-31"},
        {"agreement_id": "invesco_sub_advisory", "agreement_type": "sub_advisory", "fee_type": "sub_advisory",
         "payer_party_id": "jnam", "payee_party_id": "invesco_advisers", "document_id": "invesco_2012",
         "effective_date": "2010-01-01", "amended_effective_date": "2012-12-01"},
        {"agreement_id": "jnl_brokerage_enhancement_plan", "agreement_type": "distribution_plan",
         "fee_type": "", "document_id": "bep_2001", "effective_date": "2001-01-31"},
    ]
    for row in agreements:
        row.update(switches.get(row["agreement_id"], {}))
    _write(folder, "agreements", agreements)

    fund_ids = ["putnam_international_equity", *MELLON_FUNDS, *INVESCO_FUNDS]
    fund_ids += [f for f in extra_funds if f not in fund_ids]
    _write(folder, "funds", [
        {"fund_id": f, "fund_name": f, "inception_date": inceptions.get(f, ""),
         "termination_date": terminations.get(f, "")} for f in fund_ids
    ])

    rosters = []
    for agreement_id, date, members in [
        ("jnl_advisory", "20010131", ["putnam_international_equity"]),
        ("mellon_sub_advisory", "20010131", MELLON_FUNDS),
        ("invesco_sub_advisory", "20121201", INVESCO_FUNDS),
        ("jnl_brokerage_enhancement_plan", "20010131", ["putnam_international_equity"]),
    ]:
        members = members + [x[1] for x in extra_schedules
                             if x[0] == agreement_id and x[4] == "base" and x[1] not in members]
        for pos, fund_id in enumerate(members, 1):
            rosters.append({"roster_id": f"{agreement_id}.{date}", "agreement_id": agreement_id,
                            "roster_effective_date": _iso(date), "roster_position": pos, "fund_id": fund_id})
    _write(folder, "rosters", rosters)

    schedules, tiers = [], []
    for agreement_id, fund_id, date, method, role, suffix, bands in HANDMADE_SCHEDULES + list(extra_schedules):
        sid = f"{agreement_id}.{fund_id}.{date}{suffix}"
        schedules.append({"schedule_id": sid, "agreement_id": agreement_id, "fund_id": fund_id,
                          "effective_from": _iso(date), "method": method, "schedule_role": role})
        for n, (lower, upper, pct) in enumerate(bands, 1):
            tiers.append({"schedule_id": sid, "tier_number": n, "lower_bound_usd": f"{lower * M}.00",
                          "upper_bound_usd": "" if upper is None else f"{upper * M}.00",
                          "annual_rate_pct": pct})
    _write(folder, "fee_schedules", schedules)
    _write(folder, "fee_schedule_tiers", tiers)

    _write(folder, "asset_groups", [{"asset_group_id": "invesco_combined", "fund_id": f} for f in INVESCO_FUNDS])
    if combined_rules is None:
        combined_rules = [
            {"rule_id": f"invesco_sub_advisory.{f}.20121201", "agreement_id": "invesco_sub_advisory",
             "fund_id": f, "asset_group_id": "invesco_combined", "fee_basis": "schedule_switch",
             "threshold_usd": "1000000000.00", "threshold_comparison": "gt",
             "alternate_schedule_id": f"invesco_sub_advisory.{f}.20121201.combined_gt_1b",
             "effective_from": "2012-12-01"}
            for f in ("invesco_large_cap_growth", "invesco_small_cap_growth")
        ]
    _write(folder, "combined_asset_rules", combined_rules)
    _write(folder, "minimum_fees", [
        {"minimum_fee_id": "mellon_sub_advisory.minimum", "agreement_id": "mellon_sub_advisory",
         "minimum_fee_usd": "300000.00", "period_months": 12,
         "start_rule": "one_year_after_earliest_inception", "start_offset_months": 12},
    ])
    if expense_schedules is not None:
        write_expense_seeds(folder, expense_schedules)
    return folder


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def handmade_seeds(tmp_path):
    """Factory: handmade_seeds(**overrides) -> folder with the hand-made seeds."""
    counter = iter(range(1000))

    def make(**kwargs) -> Path:
        return write_handmade_seeds(tmp_path / f"seeds_{next(counter)}", **kwargs)

    return make


@dataclass
class Job:
    """A background job: ``run()`` after the jobs keyed in ``after``; highest ``priority`` first."""
    run: Callable[[], object]
    after: tuple[str, ...] = ()
    priority: int = 0


class JobPool:
    """Runs jobs on ``workers`` threads: a job once every job it runs ``after`` is done, of
    the jobs ready the highest priority first (then the first added). ``futures[key]`` is
    each job's Future; a job whose ``after`` job failed fails with that error, unrun."""

    def __init__(self, workers: int):
        self.futures: dict[str, Future] = {}
        self._jobs: dict[str, Job] = {}
        self._ready: list = []
        self._pushed: set[str] = set()  # a job with two `after` jobs that end together is queued once
        self._order = itertools.count()
        self._cond = threading.Condition()
        self._closed = False
        self._threads = [threading.Thread(target=self._work, name=f"dbt_{n}", daemon=True)
                         for n in range(max(workers, 1))]

    def add(self, key: str, job: Job) -> None:
        assert key not in self._jobs, f"two background jobs named {key}"
        self._jobs[key] = job
        self.futures[key] = Future()

    def start(self) -> None:
        for key, job in self._jobs.items():
            missing = [k for k in job.after if k not in self._jobs]
            assert not missing, f"background job {key} runs after unknown jobs {missing}"
        with self._cond:
            for key, job in self._jobs.items():
                if not job.after:
                    self._push(key)
        for thread in self._threads:
            thread.start()

    def _push(self, key: str) -> None:
        if key in self._pushed:
            return
        self._pushed.add(key)
        heapq.heappush(self._ready, (-self._jobs[key].priority, next(self._order), key))
        self._cond.notify()

    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._ready and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                key = heapq.heappop(self._ready)[2]
            future = self.futures[key]
            if future.set_running_or_notify_cancel():
                try:
                    failed = [self.futures[k] for k in self._jobs[key].after
                              if self.futures[k].cancelled() or self.futures[k].exception() is not None]
                    if failed:
                        cause = None if failed[0].cancelled() else failed[0].exception()
                        raise RuntimeError(f"background job {key} did not run: a job it runs after "
                                           f"failed ({cause!r})") from cause
                    future.set_result(self._jobs[key].run())
                except BaseException as error:  # pytest.fail raises a BaseException
                    future.set_exception(error)
            with self._cond:
                for other, job in self._jobs.items():
                    if key in job.after and all(self.futures[k].done() for k in job.after):
                        self._push(other)

    def shutdown(self) -> None:
        with self._cond:
            for future in self.futures.values():
                future.cancel()
            self._closed = True
            self._cond.notify_all()
        for thread in self._threads:
            if thread.is_alive():
                thread.join()


def pytest_collection_modifyitems(session, config, items):
    """The modules that read background jobs (they define ``background_jobs``, or set
    ``READS_BACKGROUND_JOBS``) last, see the module doc; a stable sort."""
    def reads_jobs(item) -> bool:
        module = getattr(item, "module", None)
        return hasattr(module, "background_jobs") or getattr(module, "READS_BACKGROUND_JOBS", False)

    items.sort(key=reads_jobs)


@pytest.fixture(scope="session", autouse=True)
def background_dbt(request, tmp_path_factory):
    """{key: Future} of every background job of the selected tests' modules (see the module doc)."""
    by_module: dict = {}
    for item in request.session.items:
        module = getattr(item, "module", None)
        if module is not None and hasattr(module, "background_jobs"):
            by_module.setdefault(module, []).append(item)
    # Create pytest's base temporary folder here, in the main thread. Two jobs that call
    # mktemp() first in their own threads would each create one (pytest-N, pytest-N+1), and
    # mktemp() then refuses the folder of the other ("... is not a normalized and relative path").
    tmp_path_factory.getbasetemp()
    pool = JobPool(BACKGROUND_WORKERS)
    try:
        for module, items in by_module.items():
            for key, job in module.background_jobs(items, tmp_path_factory).items():
                pool.add(key, job if isinstance(job, Job) else Job(job))
        pool.start()
        yield pool.futures
    finally:
        pool.shutdown()


def project_with_expense_rows(folder: Path, rows: list, note: str) -> Path:
    """A copy of the dbt project (with its dbt_plugins/, which every DuckDB build needs for
    publishing) whose seeds/waivers/ also hold ``rows``: tuples (expense_schedule_id, fund_id,
    kind, category, method, effective_from, effective_to, tiers), tiers as (lower, upper, pct).
    ``note`` fills the schedules' note column."""
    project = folder / "project"
    project.mkdir(parents=True)
    for name in ("dbt_project.yml", "profiles.yml"):
        shutil.copy2(REPO_ROOT / name, project / name)
    for name in ("seeds", "models", "macros", "tests", "analyses", "dbt_plugins"):
        shutil.copytree(REPO_ROOT / name, project / name)
    waivers = project / "seeds" / "waivers"
    for name in ("expense_schedules.csv", "expense_schedule_tiers.csv"):  # end the last line
        text = (waivers / name).read_text(encoding="utf-8")
        if not text.endswith("\n"):
            (waivers / name).write_text(text + "\n", encoding="utf-8")
    with open(waivers / "expense_schedules.csv", "a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for sid, fund, kind, category, method, start, stop, _ in rows:
            writer.writerow([sid, fund, kind, category, method, start, stop, "false", note])
    with open(waivers / "expense_schedule_tiers.csv", "a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for sid, *_, tiers in rows:
            for n, (lower, upper, pct) in enumerate(tiers, 1):
                writer.writerow([sid, n, lower, upper, pct, "test row"])
    return project
