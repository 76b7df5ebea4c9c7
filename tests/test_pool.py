"""How a batch feeds its worker pool: jobs kept running, a dead worker, a broken pool."""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

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
