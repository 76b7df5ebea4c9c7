"""The worker pool of a batch: feeding jobs, a dead worker, starting by fork or spawn, Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pytest
from storydiff.reporting.pool import JobQueue, PoolFeeder


def _failed(job, error):
    return {"job": job, "status": "failed", "error": f"{type(error).__name__}: {error}"}


def _feed(jobs, submit, workers=2):
    """Run a pool feeder to its end; return the queue, the results in order and the feeder."""
    queue, results = JobQueue(jobs), []
    feeder = PoolFeeder(submit, workers, queue, lambda job, result: results.append(result), _failed)
    feeder.start()
    feeder.join(timeout=30)
    assert not feeder.is_alive() and feeder.error is None
    return queue, results, feeder


def test_the_feeder_keeps_each_worker_busy_until_the_queue_is_empty():
    busy, most = [0], [0]

    def run(job):
        busy[0] += 1
        most[0] = max(most[0], busy[0])
        time.sleep(0.02)
        busy[0] -= 1
        return {"job": job, "status": "ok"}

    jobs = [f"s{k}" for k in range(9)]
    with ThreadPoolExecutor(max_workers=4) as threads:
        queue, results, _ = _feed(jobs, lambda job: threads.submit(run, job), workers=2)
    assert sorted(r["job"] for r in results) == jobs
    assert most[0] == 2  # never more jobs at once than workers, and both kept busy
    assert queue.take() is None


def test_the_feeder_reports_a_dead_worker_and_leaves_the_rest_when_the_pool_breaks():
    submitted = []

    def submit(job):
        if len(submitted) == 2:  # the pool is broken from the third job on
            raise BrokenProcessPool("A child process terminated abruptly")
        submitted.append(job)
        future = Future()
        if job == "s0":
            future.set_result({"job": "s0", "status": "ok"})
        else:
            future.set_exception(BrokenProcessPool("A child process terminated abruptly"))
        return future

    queue, results, _ = _feed([f"s{k}" for k in range(5)], submit)
    assert submitted == ["s0", "s1"]
    by_job = {result["job"]: result for result in results}  # finished in either order
    assert len(results) == 2 and by_job["s0"] == {"job": "s0", "status": "ok"}
    assert by_job["s1"]["status"] == "failed"
    assert by_job["s1"]["error"] == "BrokenProcessPool: A child process terminated abruptly"
    left = []  # the caller runs the rest, the job that could not be submitted first
    while (job := queue.take()) is not None:
        left.append(job)
    assert left == ["s2", "s3", "s4"]


_CTRL_C_SCRIPT = """
import signal, sys, threading, time
from storydiff.reporting import pool


def get_ready(seconds):
    pool.interrupt_only_jobs()
    time.sleep(seconds)  # as a worker imports and starts its kernel


def job(seconds):
    with pool.running_job():
        time.sleep(seconds)
    return "done"


if __name__ == "__main__":
    start, moment = sys.argv[1:]
    if start == "threads":
        threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
    workers = pool.start_pool(1, get_ready, (3 if moment == "getting ready" else 0,))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command's own Ctrl-C is not tested here
    print(*[p.name.split("-")[0] for p in pool.multiprocessing.active_children()], flush=True)
    future = workers.submit(job, 0.5 if moment == "getting ready" else 30)
    try:
        print(future.result(), flush=True)
    except KeyboardInterrupt:
        print("job interrupted", flush=True)
    print(workers.submit(job, 0).result(), flush=True)  # the worker is still there
    workers.shutdown()
    print("shut down", flush=True)
"""


@pytest.mark.parametrize(
    ("start", "method"), [("fork", "ForkProcess"), ("threads", "SpawnProcess")]
)
@pytest.mark.parametrize("moment", ["getting ready", "running a job"])
def test_ctrl_c_interrupts_a_workers_job_and_nothing_else(tmp_path, start, method, moment):
    """Ctrl-C reaches every process of the command (a terminal signals the whole group). In a
    worker it interrupts the job it runs, which the pool hands back as a KeyboardInterrupt;
    while the worker gets ready (or waits) it is ignored, without a traceback, and the worker
    stays usable until the pool shuts it down. Workers are forked from a process without
    other threads, spawned otherwise."""
    script = tmp_path / "ctrl_c.py"
    script.write_text(_CTRL_C_SCRIPT, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), start, moment],
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline() == f"{method}\n"
    time.sleep(1.5)  # the worker is getting ready (3 s), or running the job (30 s)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert err == ""  # no traceback from the worker
    first = "done" if moment == "getting ready" else "job interrupted"
    assert out.splitlines() == [first, "done", "shut down"]
