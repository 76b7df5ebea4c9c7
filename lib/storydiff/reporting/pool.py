"""How a batch feeds its worker processes: a batch with ``jobs=N`` renders stories in its own
process and in the ``N - 1`` workers of a pool (started by :func:`storydiff.processes.start_pool`;
:mod:`storydiff.reporting.batch` decides what a worker does). :class:`PoolFeeder` keeps each
worker busy with one job from a :class:`JobQueue` that this process takes jobs from too.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import Any

from .. import processes


class JobQueue:
    """Jobs not started yet, in order, taken one at a time by this process and by the thread
    that feeds the worker pool.

    Examples
    --------
    >>> queue = JobQueue(["long story", "short story"])
    >>> queue.take()
    'long story'
    >>> queue.put_back("long story")  # a pool that took no more work hands it back
    >>> [queue.take(), queue.take(), queue.take()]
    ['long story', 'short story', None]
    """

    def __init__(self, jobs: Iterable[Any]):
        self._jobs = deque(jobs)
        self._lock = threading.Lock()

    def take(self) -> Any | None:
        """The next job, or None when there is none left."""
        with self._lock:
            return self._jobs.popleft() if self._jobs else None

    def put_back(self, job: Any) -> None:
        """Return `job` to the front of the queue."""
        with self._lock:
            self._jobs.appendleft(job)


class PoolFeeder(threading.Thread):
    """Keeps `workers` jobs of `queue` running through `submit` (one per worker of a pool)
    until the queue is empty, and hands every job's result to `finished`; a job whose worker
    died gets ``failed(job, error)`` as its result.

    When the pool takes no more work (a worker died, which breaks the pool) the job goes back
    to the queue, and the caller runs the rest. An unexpected error is kept in ``error`` for
    the caller to raise.
    """

    def __init__(
        self,
        submit: Callable[[Any], Future],
        workers: int,
        queue: JobQueue,
        finished: Callable[[Any, Any], None],
        failed: Callable[[Any, BaseException], Any],
    ):
        super().__init__(name="storydiff-report-pool", daemon=True)
        self.submit, self.workers, self.queue = submit, workers, queue
        self.finished, self.failed = finished, failed
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self._feed()
        except BaseException as error:  # noqa: BLE001 (raised again by the caller)
            self.error = error

    def _feed(self) -> None:
        running: dict[Future, Any] = {}
        accepting = True
        while not self.stop.is_set():
            while accepting and len(running) < self.workers and not processes.interrupted():
                job = self.queue.take()
                if job is None:
                    break
                try:
                    running[self.submit(job)] = job
                except RuntimeError:  # BrokenProcessPool, or shut down: left to the caller
                    self.queue.put_back(job)
                    accepting = False
            if not running:
                return
            done, _ = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                job = running.pop(future)
                try:
                    result = future.result()
                except Exception as error:  # a worker died: report it, keep going
                    result = self.failed(job, error)
                self.finished(job, result)
