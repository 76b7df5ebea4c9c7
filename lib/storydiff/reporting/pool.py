"""The worker processes of a batch: how they start, are fed stories, take Ctrl-C and stop.

A batch with ``jobs=N`` renders stories in its own process and in ``N - 1`` worker processes of
a :class:`~concurrent.futures.ProcessPoolExecutor` (:mod:`storydiff.reporting.batch` decides what
a worker does; this module knows nothing of reports):

- :func:`start_pool` starts every worker at once, forked from this process where that is safe
  (:func:`can_fork`), so that a worker has this process's imports already, and spawned
  otherwise;
- :class:`PoolFeeder` keeps each worker busy with one job from a :class:`JobQueue` that this
  process takes jobs from too;
- a worker calls :func:`interrupt_only_jobs` as it starts and runs each job inside
  :func:`running_job`: Ctrl-C (which a terminal sends to every process of the command) then
  stops the job a worker is running, and is otherwise left to the command, which shuts the pool
  down, so that no worker prints a traceback of its own;
- :func:`shut_down_later` lets the workers exit while the command finishes its own work.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

_running_job = False
"""In a worker process: whether it is running a job now (see :func:`running_job`)."""


def can_fork() -> bool:
    """Whether worker processes may be forked from this process: on Linux, with no other
    thread running (a fork copies only the calling thread, and a lock that another thread held
    at that moment would stay held in the child for ever).

    Examples
    --------
    >>> import threading
    >>> stop = threading.Event()
    >>> thread = threading.Thread(target=stop.wait)
    >>> thread.start()
    >>> can_fork()
    False
    >>> stop.set(); thread.join()
    """
    return sys.platform == "linux" and threading.active_count() == 1


@contextlib.contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """Ignore Ctrl-C in this process meanwhile (from the main thread only), so that a process
    started meanwhile ignores it from its first instruction until it sets its own handler.
    The window is the few milliseconds of starting the processes; a Ctrl-C in it is lost."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def start_pool(
    workers: int, initializer: Callable[..., None], initargs: tuple = ()
) -> ProcessPoolExecutor:
    """A pool of `workers` processes, all started now, each running ``initializer(*initargs)``
    first.

    Forked from this process when :func:`can_fork` (call this before starting any thread): a
    forked worker has this process's imports already, where a spawned one needs a second of
    imports on a core that is busy with the start of everything else. Spawned otherwise (other
    systems, or a caller with threads of its own, such as a Jupyter kernel). Either way the
    workers start with Ctrl-C ignored, until the initializer calls
    :func:`interrupt_only_jobs`.
    """
    method = "fork" if can_fork() else "spawn"
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=initializer,
        initargs=initargs,
    )
    # A fork pool forks every worker at its first job, so one call that does nothing starts
    # them all now; a spawn pool spawns one worker per job while none is idle, so it needs one
    # such call per worker.
    with _interrupts_ignored():
        for _ in range(1 if method == "fork" else workers):
            pool.submit(os.getpid)
    return pool


def _interrupt_the_job(signum: int, frame: Any) -> None:
    if _running_job:
        raise KeyboardInterrupt


def interrupt_only_jobs() -> None:
    """In a worker, as it starts: from now on Ctrl-C interrupts the job it is running (the
    pool hands the ``KeyboardInterrupt`` back as that job's result), and is ignored while the
    worker gets ready or waits for its next job (the command got the same Ctrl-C and shuts the
    pool down; the worker then exits as the pool tells it to, running its clean-up)."""
    signal.signal(signal.SIGINT, _interrupt_the_job)


@contextlib.contextmanager
def running_job() -> Iterator[None]:
    """In a worker: the job run inside this may be interrupted by Ctrl-C."""
    global _running_job  # noqa: PLW0603 (one flag per worker process, read by its signal handler)
    _running_job = True
    try:
        yield
    finally:
        _running_job = False


def progress_bar(**options: Any):
    """A tqdm progress bar (``tqdm.auto``) that starts no monitor thread: tqdm's monitor stays
    alive after the bar, and would make every later batch of this process spawn its workers
    instead of forking them (:func:`can_fork`). It only adjusts how often a bar updates when
    iterating, and the batches update theirs once per story.

    Examples
    --------
    >>> import threading
    >>> before = set(threading.enumerate())
    >>> bar = progress_bar(total=2, disable=True)
    >>> bar.update(2); bar.close()
    >>> set(threading.enumerate()) <= before
    True
    """
    from tqdm.auto import tqdm  # noqa: PLC0415

    class Bar(tqdm):
        monitor_interval = 0

    return Bar(**options)


def shut_down_later(pool: ProcessPoolExecutor) -> threading.Thread:
    """Shut `pool` down in a thread, so that its workers exit (and clean up) while this process
    goes on; join the thread to wait for them."""
    closer = threading.Thread(target=pool.shutdown, name="storydiff-pool-shutdown", daemon=True)
    closer.start()
    return closer


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
            while accepting and len(running) < self.workers:
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
