"""conftest.JobPool, which runs the suite's slow builds in the background: the ready job of
the highest priority starts first, a job starts only after every job it runs after, once,
and a job whose `after` job failed fails unrun, naming the cause. Jobs here are plain
Python functions that record what ran."""
from __future__ import annotations

import threading
import time

import pytest

from conftest import Job, JobPool


def run_pool(jobs: dict[str, Job], workers: int) -> JobPool:
    pool = JobPool(workers)
    for key, job in jobs.items():
        pool.add(key, job)
    pool.start()
    for future in pool.futures.values():
        future.exception(timeout=30)  # wait, whatever the outcome
    # a worker that met an error of the pool itself (a job queued twice, say) has died
    assert all(thread.is_alive() for thread in pool._threads), "a worker thread died"
    pool.shutdown()
    return pool


def test_one_worker_runs_the_highest_priority_first_then_the_first_added():
    ran = []
    jobs = {key: Job(lambda k=key: ran.append(k), priority=p)
            for key, p in (("low", 1), ("high", 5), ("middle", 3), ("middle_later", 3))}
    run_pool(jobs, workers=1)
    assert ran == ["high", "middle", "middle_later", "low"]


def test_a_job_runs_once_after_all_of_its_after_jobs_even_when_they_end_together():
    """`a` and `b` end at the same moment: `b`'s worker, between its result and its look at
    the jobs waiting on it, holds (a done-callback) until `a` is done too, so that both
    workers find `last` ready. It is queued and run once, and both workers live on."""
    ran = []
    b_done = threading.Event()
    pool = JobPool(2)
    pool.add("a", Job(lambda: b_done.wait(10) and ran.append("a")))
    pool.add("b", Job(lambda: ran.append("b")))
    pool.add("last", Job(lambda: ran.append("last"), after=("a", "b")))
    pool.add("other", Job(lambda: ran.append("other"), after=("last",)))

    def hold_until_a_is_done(_):
        b_done.set()
        pool.futures["a"].exception(timeout=10)

    pool.futures["b"].add_done_callback(hold_until_a_is_done)
    pool.start()
    for key in ("a", "b", "last", "other"):
        pool.futures[key].result(timeout=30)
    time.sleep(0.2)  # a second copy of `last`, had it been queued, would have been taken by now
    assert all(thread.is_alive() for thread in pool._threads), "a worker thread died"
    pool.shutdown()
    assert ran == ["b", "a", "last", "other"]


def test_a_job_after_a_failed_job_fails_unrun_and_names_the_cause():
    ran = []

    def broken():
        raise ValueError("the base build failed")

    pool = run_pool({"base": Job(broken), "case": Job(lambda: ran.append("case"), after=("base",))},
                    workers=2)
    assert ran == []
    with pytest.raises(RuntimeError, match="background job case did not run.*the base build failed"):
        pool.futures["case"].result()
    with pytest.raises(ValueError):
        pool.futures["base"].result()


def test_a_job_after_an_unknown_job_is_refused_at_start():
    pool = JobPool(1)
    pool.add("case", Job(lambda: None, after=("no_such_job",)))
    with pytest.raises(AssertionError, match="runs after unknown jobs"):
        pool.start()
