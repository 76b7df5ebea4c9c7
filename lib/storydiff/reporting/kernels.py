"""One kernel kept for many report notebooks, put back in order before each one.

Starting a kernel and importing pandas, matplotlib, scikit-learn, NLTK and storydiff is about
half of one report's time. In a batch, each worker keeps a :class:`KeptKernel` and runs
notebook after notebook in it. Before each notebook the kernel is returned to the state of a
kernel that has just imported its modules:

* the user namespace is emptied (``%reset -f``: variables, ``In``/``Out``, output history) and
  the execution counter starts again at 1, so a report numbers its cells as a fresh one does;
* every figure is closed and matplotlib's settings are those the kernel had when it was new;
* the warning filters are those the kernel had when it was new, and what "shown once" warnings
  remembered is forgotten, so each report shows the warnings its own run raises;
* the working directory is the notebook's.

Modules stay imported, with what they remember (storydiff's caches hold results of pure
functions; lexicons and word lists are loaded once). What cannot be reset is not attempted: a
notebook that fails (an error, a timeout, a dead kernel) has its kernel shut down, and the next
notebook gets a new one; and a kernel is replaced after ``max_notebooks`` notebooks, so nothing
a library keeps can grow without bound. Other settings a notebook may change (pandas options,
say) are not put back: the report notebooks are written for this (each calls
:func:`storydiff.notebook.setup_notebook`, which sets the same options every time, and sets
nothing else that outlives it), and ``tests/test_kernels.py`` runs them in one kernel after
others and checks that their pages are byte for byte those of fresh kernels.

papermill runs the notebook as usual (parameters, cell metadata, errors) through an engine of
its own that hands nbclient the kept kernel's manager and client instead of letting it start
them (an engine is papermill's documented way to run notebooks on a kernel it does not own).
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from ..errors import ParameterError, StorydiffError
from .schema_import import import_jsonschema

KERNEL_NAME = "python3"
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR", "--HistoryManager.hist_file=:memory:"]
"""Arguments of every report kernel: no start-up notice in a batch log, no history file."""

ENGINE_NAME = "storydiff-kept-kernel"
MAX_NOTEBOOKS = 50
READY_TIMEOUT = 60
"""Seconds a new kernel may take to answer, and a reset to finish."""

_STATE = "_storydiff_kernel_state"

_SNAPSHOT = f"""
import sys, types, warnings
import matplotlib, matplotlib.pyplot
_state = types.ModuleType({_STATE!r})
_state.rc = matplotlib.rcParams.copy()
_state.filters = list(warnings.filters)
sys.modules[{_STATE!r}] = _state
del sys, types, warnings, matplotlib, _state
"""
"""Run once in a new kernel: remember its matplotlib settings and warning filters (after
importing pyplot, which sets up the inline backend as every report's first cell does)."""

WARM_MODULES = (
    "pandas",
    "matplotlib.pyplot",
    "storydiff.plots",
    "storydiff.views",
    "storydiff.framing",
    "storydiff.metrics",
    "storydiff.notebook",
    "storydiff.provenance",
    "storydiff.reporting.batch",  # the notebooks' write_metrics (the package imports it lazily)
)
"""What the report notebooks import first, imported by a new kernel as soon as it is up."""

_WARM_UP = f"""
import importlib as _importlib
for _name in {WARM_MODULES!r}:
    try:
        _importlib.import_module(_name)
    except Exception:
        pass
del _importlib, _name
"""
"""Sent to a new kernel without waiting: it imports while the driver gets ready (a module that
fails here fails again, with its message, in the notebook that imports it)."""

_RESET = f"""
import os as _os, sys as _sys, warnings as _warnings
import matplotlib as _mpl, matplotlib.pyplot as _plt
_state = _sys.modules[{_STATE!r}]
_plt.close("all")
with _warnings.catch_warnings():
    _warnings.simplefilter("ignore")
    _mpl.rcParams.update(_state.rc)
_warnings.resetwarnings()  # also makes every module forget the warnings it showed once
_warnings.filters[:] = _state.filters
_os.chdir(%r)
get_ipython().run_line_magic("reset", "-f")
get_ipython().execution_count = 1
"""
"""Run before every notebook (``%r``: its working directory)."""


class KernelResetFailed(StorydiffError):
    """The kept kernel did not answer, or its reset code raised."""


def _run_sync(function):
    """``function`` (a coroutine function) as a blocking one, jupyter_core's ``run_sync``, whose
    task is cancelled when the wait is interrupted (Ctrl-C): left pending, it would be reported
    as destroyed at exit, or run on unseen."""
    import asyncio  # noqa: PLC0415

    from jupyter_core.utils import run_sync  # noqa: PLC0415

    def blocking(*args, **kwargs):
        running: list[asyncio.Task] = []

        async def tracked():
            running.append(asyncio.current_task())
            return await function(*args, **kwargs)

        try:
            return run_sync(tracked)()
        except BaseException:
            for task in running:
                _cancel(task)
            raise

    return blocking


SHUTDOWN_WAIT = 5.0
"""Seconds :func:`_shut_down_started` waits for jupyter_client to shut a kernel down."""


def _shut_down_started(manager) -> None:
    """Shut down the kernel of a start that Ctrl-C cut short, waiting at most
    :data:`SHUTDOWN_WAIT` seconds, then kill its process.

    jupyter_client's shutdown ends by terminating the manager's zmq context, which waits for
    every socket of it to be closed; after a start cut short one may never be, and a batch
    stopped then hung for good (one run of the test suite in four sessions' worth). It runs in
    a thread of its own here, left behind when it does not end.
    """
    import signal  # noqa: PLC0415
    import threading  # noqa: PLC0415

    done = threading.Event()

    def shut_down() -> None:
        with contextlib.suppress(Exception):
            if manager.has_kernel:
                _run_sync(manager.shutdown_kernel)(now=True)
        done.set()

    threading.Thread(target=shut_down, name="storydiff-kernel-shutdown", daemon=True).start()
    if not done.wait(SHUTDOWN_WAIT):
        process = getattr(getattr(manager, "provisioner", None), "process", None)
        with contextlib.suppress(Exception):
            os.kill(process.pid, signal.SIGKILL)


def _cancel(task) -> None:
    """Cancel an asyncio task that is not done, and let it end its cancellation when its loop
    is this thread's (not running now)."""
    import asyncio  # noqa: PLC0415

    if task.done():
        return
    loop = task.get_loop()
    loop.call_soon_threadsafe(task.cancel)
    if not loop.is_running():
        with contextlib.suppress(asyncio.CancelledError, Exception):  # a 2nd Ctrl-C goes on
            loop.run_until_complete(task)


class KeptKernel:
    """A kernel kept alive across notebooks (see the module docstring).

    Parameters
    ----------
    kernel_name : str, default "python3"
    max_notebooks : int, default 50
        Notebooks one kernel runs before it is replaced by a new one.

    Attributes
    ----------
    n_started : int
        Kernels started so far.
    n_notebooks : int
        Notebooks run in the current kernel.

    Examples
    --------
    Two reports of the bundled story in one kernel:

    >>> from storydiff.reporting import execute_notebook
    >>> with KeptKernel() as kernel:
    ...     runs = [execute_notebook("compare_versions", {}, kernel=kernel) for _ in range(2)]
    >>> kernel.n_started, kernel.n_notebooks, kernel.is_alive
    (1, 2, False)
    """

    def __init__(self, kernel_name: str = KERNEL_NAME, *, max_notebooks: int = MAX_NOTEBOOKS):
        if (
            isinstance(max_notebooks, bool)
            or not isinstance(max_notebooks, int)
            or max_notebooks < 1
        ):
            raise ParameterError(
                f"max_notebooks={max_notebooks!r}: give a whole number of notebooks, 1 or more"
            )
        self.kernel_name = kernel_name
        self.max_notebooks = max_notebooks
        self.n_started = 0
        self.n_notebooks = 0
        self._manager = None
        self._client = None
        self._ready = False

    def __enter__(self) -> KeptKernel:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def is_alive(self) -> bool:
        """Whether the kernel process is running."""
        return self._manager is not None and bool(_run_sync(self._manager.is_alive)())

    def launch(self, cwd: str | os.PathLike = ".") -> None:
        """Start the kernel process now, without waiting for it to be ready.

        The kernel takes most of a second to start; the caller can import papermill and
        nbconvert meanwhile, and :meth:`prepare` waits for it. Nothing happens when the kernel
        is started already.
        """
        if self._manager is None:
            self._launch(str(Path(cwd).resolve()))

    def _launch(self, cwd: str) -> None:
        from jupyter_client.manager import AsyncKernelManager  # noqa: PLC0415

        manager = AsyncKernelManager(kernel_name=self.kernel_name)
        try:
            _run_sync(manager.start_kernel)(cwd=cwd, extra_arguments=list(KERNEL_ARGUMENTS))
        except BaseException:  # Ctrl-C as it starts: a kernel launched already is shut down
            _shut_down_started(manager)
            raise
        self._manager, self.n_notebooks, self._ready = manager, 0, False
        self.n_started += 1
        try:
            # One client for the kernel's life: waiting until a new client is connected costs
            # at least 0.2 s (jupyter_client drains the output channel for that long), so
            # resets and every notebook's nbclient share this one.
            client = manager.client()
            client.allow_stdin = False
            # No heartbeat channel: the manager tells whether the kernel lives. jupyter_client's
            # heartbeat thread, stopped just as it starts (a kernel closed at once, as after a
            # bad argument), can go on opening sockets until none is left, and print "Too many
            # open files" from its thread.
            client.start_channels(hb=False)
            self._client = client
            client.execute(_WARM_UP, silent=True, store_history=False)  # no wait for its reply
        except BaseException:
            self.close()
            raise

    def _wait_until_ready(self) -> None:
        try:
            _run_sync(self._client.wait_for_ready)(timeout=READY_TIMEOUT)
            self._execute(_SNAPSHOT)
        except BaseException:
            self.close()
            raise
        self._ready = True

    def _start(self, cwd: str) -> None:
        self._launch(cwd)
        self._wait_until_ready()

    def _execute(self, code: str) -> None:
        """Run `code` in the kernel, quietly: wait for its reply on the shell channel (its
        output messages are left for nbclient, which skips those of other requests)."""
        from queue import Empty  # noqa: PLC0415

        request = self._client.execute(code, silent=True, store_history=False)
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            left = deadline - time.monotonic()
            try:
                if left <= 0:
                    raise Empty
                reply = _run_sync(self._client.get_shell_msg)(timeout=left)
            except Empty:
                raise KernelResetFailed(
                    f"the kept kernel did not answer within {READY_TIMEOUT} s"
                ) from None
            if reply["parent_header"].get("msg_id") == request:
                break
        content = reply["content"]
        if content.get("status") != "ok":
            raise KernelResetFailed(
                f"resetting the kept kernel failed: {content.get('ename')}: {content.get('evalue')}"
            )

    def client(self):
        """The kernel's client (connected and ready), for the notebook about to run."""
        return self._client

    def prepare(self, cwd: str | os.PathLike):
        """The kernel manager of a kernel ready for the next notebook, run in `cwd`.

        Starts a kernel when there is none, when it died, or when it has run ``max_notebooks``
        notebooks; otherwise resets the one it has. A reset that fails replaces the kernel.

        Raises
        ------
        KernelResetFailed
            When a new kernel does not answer or cannot be reset either.
        """
        cwd = str(Path(cwd).resolve())
        if self._manager is not None and not self._ready:  # launched earlier: wait for it
            try:
                self._wait_until_ready()
            except Exception:  # noqa: BLE001 (it is closed: a new kernel is started below)
                pass
        if self._manager is not None and (
            self.n_notebooks >= self.max_notebooks or not self.is_alive
        ):
            self.close()
        if self._manager is None:
            self._start(cwd)
        try:
            self._execute(_RESET % cwd)
        except KernelResetFailed:  # once more, in a new kernel; a second failure is raised
            self.close()
            try:
                self._start(cwd)
                self._execute(_RESET % cwd)
            except BaseException:
                self.close()
                raise
        self.n_notebooks += 1
        return self._manager

    def close(self) -> None:
        """Shut the kernel down at once (nothing happens when there is none)."""
        manager, self._manager = self._manager, None
        client, self._client = self._client, None
        self._ready = False
        if client is not None:
            client.stop_channels()
        if manager is None:
            return
        try:
            _run_sync(manager.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 (already gone: nothing left to stop)
            pass


_registered: list[str] = []


def register_engine() -> str:
    """Register the papermill engine that runs a notebook on a kept kernel (once); its name."""
    if _registered:
        return ENGINE_NAME
    import_jsonschema()
    from papermill.clientwrap import PapermillNotebookClient  # noqa: PLC0415
    from papermill.engines import NBClientEngine, papermill_engines  # noqa: PLC0415

    class KeptKernelEngine(NBClientEngine):
        """nbclient on a running kernel: its manager ``km`` and client ``kc``."""

        @classmethod
        def execute_managed_notebook(
            cls, nb_man, kernel_name, *, km, kc, start_timeout=60, execution_timeout=None, **kw
        ):
            client = PapermillNotebookClient(
                nb_man,
                km=km,
                kernel_name=kernel_name,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                log_output=False,
            )
            client.kc = kc  # connected already: nbclient starts no client of its own
            client.execute()  # not the kernel's owner, nbclient leaves kernel and client running

    papermill_engines.register(ENGINE_NAME, KeptKernelEngine)
    _registered.append(ENGINE_NAME)
    return ENGINE_NAME


__all__ = ["KeptKernel", "KernelResetFailed"]
