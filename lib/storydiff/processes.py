"""Worker processes on this machine: how they start, take Ctrl-C and stop.

Both the report batches (:mod:`storydiff.reporting.batch`) and the corpus mode
(:mod:`storydiff.corpus.run`) run their work in a :class:`~concurrent.futures.ProcessPoolExecutor`
whose workers are made here (this module knows nothing of what they run):

- :func:`start_pool` starts every worker at once, forked from this process where that is safe
  (:func:`can_fork`), so that a worker has this process's imports already, and spawned
  otherwise;
- a worker calls :func:`interrupt_only_jobs` as it starts and runs each job inside
  :func:`running_job`: Ctrl-C (which a terminal sends to every process of the command) then
  stops the job a worker is running, and is otherwise left to the command, which shuts the pool
  down, so that no worker prints a traceback of its own;
- :func:`shut_down_later` lets the workers exit while the command finishes its own work;
- :func:`interrupts_noticed` and :func:`stop_if_interrupted` make sure that a Ctrl-C stops the
  command, even one that Python loses;
- :func:`progress_bar` is a tqdm bar that leaves no thread behind, so that a later pool of the
  same process can still be forked.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
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


_interrupted = threading.Event()
"""Set by the handler of :func:`interrupts_noticed` when Ctrl-C comes, cleared as it ends."""


@contextlib.contextmanager
def interrupts_noticed() -> Iterator[None]:
    """Meanwhile a Ctrl-C to this process is also remembered, so that :func:`stop_if_interrupted`
    raises it again if it got lost.

    Python raises ``KeyboardInterrupt`` wherever the main thread is when Ctrl-C comes. When that
    is inside a finalizer or a weak-reference callback (in a batch, importlib's clean-up of a
    module lock), Python prints "Exception ignored in ..." and carries on as if nothing had
    happened: in about one run in 120 a batch interrupted at a random moment went on to its last
    story. Here Ctrl-C raises ``KeyboardInterrupt`` as before and also sets a flag, which
    the command reads between two stories or chunks (:func:`stop_if_interrupted`) and a thread
    feeding a pool reads before each job (:func:`interrupted`). A Ctrl-C that got lost then
    stops the command at the next story, as one that did not would have stopped it at once.

    Only where Python's own handler is in place, from the main thread: a caller with a handler
    of its own (a Jupyter kernel's, a test runner's) keeps it, and nothing is remembered.

    Examples
    --------
    >>> with interrupts_noticed():
    ...     stop_if_interrupted()  # no Ctrl-C came: nothing happens
    >>> interrupted()
    False
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    previous = signal.signal(signal.SIGINT, _remember_and_raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _interrupted.clear()


def _remember_and_raise(signum: int, frame: Any) -> None:
    _interrupted.set()
    raise KeyboardInterrupt


def interrupted() -> bool:
    """Whether a Ctrl-C has come inside :func:`interrupts_noticed` (from any thread)."""
    return _interrupted.is_set()


def stop_if_interrupted() -> None:
    """Raise ``KeyboardInterrupt`` if a Ctrl-C has come inside :func:`interrupts_noticed`: one
    that Python lost (see there), as one it raised would have propagated already."""
    if _interrupted.is_set():
        raise KeyboardInterrupt


_HOLDS = hasattr(signal, "pthread_sigmask")
"""Whether this system can hold a signal back (block it) rather than only ignore it."""


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C back meanwhile (from the main thread only), so that a process started
    meanwhile begins with it blocked, from its first instruction until
    :func:`interrupt_only_jobs` sets its handler; a Ctrl-C that comes to this process meanwhile
    is kept, and raised here as the window ends. The window is the few milliseconds of starting
    the processes. Where signals cannot be blocked (Windows), Ctrl-C is ignored meanwhile,
    and one that comes then is lost."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is None  # a handler not set from Python: left alone
    ):
        yield
        return
    if not _HOLDS:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)
        return
    came: list[int] = []
    # Kept, not raised, if another thread of this process receives it meanwhile.
    previous = signal.signal(signal.SIGINT, lambda signum, frame: came.append(signum))
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # one held back comes now
        signal.signal(signal.SIGINT, previous)  # runs what came before it changes the handler
    if came:
        signal.raise_signal(signal.SIGINT)


def start_pool(
    workers: int, initializer: Callable[..., None], initargs: tuple = ()
) -> ProcessPoolExecutor:
    """A pool of `workers` processes, all started now, each running ``initializer(*initargs)``
    first.

    Forked from this process when :func:`can_fork` (call this before starting any thread): a
    forked worker has this process's imports already, where a spawned one needs a second of
    imports on a core that is busy with the start of everything else. Spawned otherwise (other
    systems, or a caller with threads of its own, such as a Jupyter kernel). Either way the
    workers start with Ctrl-C held back, until the initializer calls
    :func:`interrupt_only_jobs` (a worker that never calls it leaves Ctrl-C to the command,
    and exits when the pool shuts down). A Ctrl-C while they start interrupts this process as
    they are started, and stops them. On Linux a worker is sent SIGTERM when this process
    dies (:func:`_die_with_parent`), so a command killed with ``kill`` leaves no worker, nor
    (as its kernel sees its parent gone) a worker's kernel, running on.
    """
    method = "fork" if can_fork() else "spawn"
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(os.getpid(), initializer, initargs),
    )
    # A fork pool forks every worker at its first job, so one call that does nothing starts
    # them all now; a spawn pool spawns one worker per job while none is idle, so it needs one
    # such call per worker.
    try:
        with _interrupts_held():
            for _ in range(1 if method == "fork" else workers):
                pool.submit(os.getpid)
    except BaseException:  # Ctrl-C as they started: they stop, the command is interrupted
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    return pool


def _start_worker(parent: int, initializer: Callable[..., None], initargs: tuple) -> None:
    _die_with_parent(parent)
    initializer(*initargs)


def _die_with_parent(parent: int) -> None:
    """Ask Linux to send this process SIGTERM when its parent, `parent`, dies (prctl's
    ``PR_SET_PDEATHSIG``); elsewhere nothing. A parent already gone is answered at once."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes  # noqa: PLC0415

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # no C library to ask: the worker lives as before
        return
    if os.getppid() != parent:  # it died before the request was made
        os.kill(os.getpid(), signal.SIGTERM)


def _interrupt_the_job(signum: int, frame: Any) -> None:
    if _running_job:
        raise KeyboardInterrupt


def interrupt_only_jobs() -> None:
    """In a worker, as it starts: from now on Ctrl-C interrupts the job it is running (the
    pool hands the ``KeyboardInterrupt`` back as that job's result), and is ignored while the
    worker gets ready or waits for its next job (the command got the same Ctrl-C and shuts the
    pool down; the worker then exits as the pool tells it to, running its clean-up). Until
    then, a worker of :func:`start_pool` holds Ctrl-C back."""
    signal.signal(signal.SIGINT, _interrupt_the_job)
    if _HOLDS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


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


STOP_GRACE = 5.0
"""Seconds :func:`stop_pool` gives the workers to exit by themselves."""


def stop_pool(pool: ProcessPoolExecutor, grace: float = STOP_GRACE) -> None:
    """Shut `pool` down at a stop (Ctrl-C), its pending jobs cancelled, without waiting for
    ever: a worker that has not exited after `grace` seconds is terminated.

    A plain ``shutdown(wait=True)`` after a Ctrl-C could hang for good (about one stopped
    ``storydiff corpus --jobs 2`` in seven): one worker waited for a job on the call queue
    whose lock another held, and the pool waited for both."""
    import time  # noqa: PLC0415

    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + grace
    for worker in workers:
        worker.join(timeout=max(0.0, deadline - time.monotonic()))
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
            worker.join(timeout=grace)
    pool.shutdown(wait=True)  # its thread sees the workers gone and ends


def shut_down_later(pool: ProcessPoolExecutor) -> threading.Thread:
    """Shut `pool` down in a thread, so that its workers exit (and clean up) while this process
    goes on; join the thread to wait for them."""
    closer = threading.Thread(target=pool.shutdown, name="storydiff-pool-shutdown", daemon=True)
    closer.start()
    return closer
