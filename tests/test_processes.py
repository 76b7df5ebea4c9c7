"""Worker processes: started by fork or spawn, Ctrl-C only in a job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from storydiff import processes

from .conftest import python_run

_CTRL_C_SCRIPT = """
import signal, sys, threading, time
from storydiff import processes


def get_ready(seconds):
    processes.interrupt_only_jobs()
    time.sleep(seconds)  # as a worker imports and starts its kernel


def job(seconds):
    with processes.running_job():
        time.sleep(seconds)
    return "done"


if __name__ == "__main__":
    start, moment = sys.argv[1:]
    if start == "threads":
        threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
    workers = processes.start_pool(1, get_ready, (3 if moment == "getting ready" else 0,))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command's own Ctrl-C is not tested here
    print(*[p.name.split("-")[0] for p in processes.multiprocessing.active_children()], flush=True)
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


@pytest.mark.skipif(not processes._HOLDS, reason="this system cannot block signals")
def test_a_ctrl_c_while_workers_start_is_held_back_then_raised():
    """Ctrl-C as the workers are started is not lost, nor raised half-way through starting
    them: it comes as the window ends."""
    reached = False
    with pytest.raises(KeyboardInterrupt):  # noqa: PT012 (the window is the point)
        with processes._interrupts_held():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            reached = True
    assert reached
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


_LOST_INTERRUPT = """
import signal, sys
from storydiff import processes

class Loses:
    def __del__(self):  # Ctrl-C as Python runs a finalizer: the KeyboardInterrupt is lost
        signal.raise_signal(signal.SIGINT)

def run():
    Loses()
    print("went on")
    processes.stop_if_interrupted()
    print("to the end")

if sys.argv[1] == "noticed":
    with processes.interrupts_noticed():
        try:
            run()
        except KeyboardInterrupt:
            print("stopped")
else:
    run()
print(processes.interrupted(), signal.getsignal(signal.SIGINT) is signal.default_int_handler)
"""


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("noticed", ["went on", "stopped", "False True"]),
        ("plain", ["went on", "to the end", "False True"]),  # what Python does by itself
    ],
)
def test_a_ctrl_c_that_python_loses_still_stops_the_run(how, expected):
    done = python_run("-c", _LOST_INTERRUPT, how)
    assert "Exception ignored" in done.stderr and "KeyboardInterrupt" in done.stderr
    assert done.stdout.splitlines() == expected


def test_interrupts_noticed_leaves_a_handler_of_the_callers_own():
    def own(signum, frame):
        pass

    previous = signal.signal(signal.SIGINT, own)
    try:
        with processes.interrupts_noticed():
            assert signal.getsignal(signal.SIGINT) is own
        assert signal.getsignal(signal.SIGINT) is own
    finally:
        signal.signal(signal.SIGINT, previous)


def _sleep_long() -> None:
    time.sleep(60)


def _nothing() -> None:
    pass


def test_stop_pool_ends_a_worker_that_does_not_exit():
    """After a Ctrl-C, a pool's shutdown could wait for ever on a worker (about one stopped
    corpus run in seven with two jobs); stop_pool gives them a grace period, then ends them."""
    pool = processes.start_pool(1, _nothing)
    worker = next(iter(pool._processes.values()))
    pool.submit(_sleep_long)
    time.sleep(0.3)
    started = time.monotonic()
    processes.stop_pool(pool, grace=0.5)
    assert time.monotonic() - started < 10 and not worker.is_alive()
