"""A kept kernel: reports made in it are those of fresh kernels, and it is reset or replaced."""

from __future__ import annotations

import re

import nbformat
import pytest
from storydiff import config
from storydiff.errors import ParameterError
from storydiff.reporting import execute_notebook, export_html
from storydiff.reporting.kernels import KeptKernel, _run_sync
from storydiff.reporting.notebooks import NotebookFailed

from .conftest import python_run

THREE_OUTLETS = config.DATA_DIR / "stories" / "drone-strike-three-outlets"


def _page(notebook) -> str:
    """The HTML of a report without the time it was made (the one thing that differs)."""
    html = export_html(notebook, show_code=True)  # prompts shown: execution counts compared too
    return re.sub(r"report made [^)<]*", "report made (time)", html)


def _notebook(folder, name: str, *sources: str) -> str:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    path = folder / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return str(path)


def _stream(notebook, cell: int, name: str = "stdout") -> str:
    outputs = notebook.cells[cell].get("outputs", [])
    return "".join(o.get("text", "") for o in outputs if o.get("name") == name)


def test_reports_made_in_a_kept_kernel_are_those_of_fresh_kernels():
    runs = [
        ("story_overview", {"story": str(THREE_OUTLETS)}),
        ("compare_versions", {}),
        ("compare_versions", {"story": str(THREE_OUTLETS), "compared": "outlet-c"}),
    ]
    fresh = [_page(execute_notebook(name, parameters)) for name, parameters in runs[:2]]
    assert fresh[0] != fresh[1]
    with KeptKernel() as kernel:
        kept = [_page(execute_notebook(n, p, kernel=kernel)) for n, p in [*runs, runs[0]]]
        assert (kernel.n_started, kernel.n_notebooks) == (1, 4)
    assert kept[0] == fresh[0]  # the first notebook of a new kernel
    assert kept[1] == fresh[1]  # after another notebook
    assert kept[3] == fresh[0]  # after two others, one of them the same notebook
    assert not kernel.is_alive


def test_namespace_settings_warnings_and_directory_are_reset(tmp_path):
    (tmp_path / "warner.py").write_text(
        "import warnings\n\ndef warn():\n    warnings.warn('shown once per place', UserWarning)\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    first = _notebook(
        tmp_path,
        "first",
        "leak = 1\nimport matplotlib\nmatplotlib.rcParams['lines.linewidth'] = 9",
        f"import os, warner\nwarner.warn()\nos.chdir({str(elsewhere)!r})",
        "import warnings\nwarnings.simplefilter('ignore')",
    )
    second = _notebook(
        tmp_path,
        "second",
        "import os, matplotlib\nprint('leak' in dir(), matplotlib.rcParams['lines.linewidth'])",
        "import warner\nwarner.warn()\nprint(os.getcwd())",
    )
    fresh = execute_notebook(second, {})
    with KeptKernel() as kernel:
        execute_notebook(first, {}, kernel=kernel)
        kept = execute_notebook(second, {}, kernel=kernel)
        assert kernel.n_started == 1
    for run in (fresh, kept):
        assert _stream(run, 0) == "False 1.5\n"
        assert "shown once per place" in _stream(run, 1, "stderr")
        assert _stream(run, 1) == f"{tmp_path}\n"
    assert [c.execution_count for c in kept.cells] == [c.execution_count for c in fresh.cells]


@pytest.mark.parametrize(
    ("source", "error"),
    [("raise ValueError('bad input')", NotebookFailed), ("import os\nos._exit(3)", Exception)],
    ids=["an error in a cell", "the kernel dies"],
)
def test_a_notebook_that_fails_has_its_kernel_replaced(tmp_path, source, error):
    failing = _notebook(tmp_path, "failing", "x = 1", source)
    fine = _notebook(tmp_path, "fine", "print('x' in dir())")
    with KeptKernel() as kernel:
        with pytest.raises(error):
            execute_notebook(failing, {}, kernel=kernel)
        assert not kernel.is_alive
        after = execute_notebook(fine, {}, kernel=kernel)
        assert kernel.n_started == 2
    assert _stream(after, 0) == "False\n"


def test_a_kernel_is_replaced_after_its_share_of_notebooks(tmp_path):
    counter = _notebook(tmp_path, "counter", "import os\nprint(os.getpid())")
    with KeptKernel(max_notebooks=2) as kernel:
        pids = [_stream(execute_notebook(counter, {}, kernel=kernel), 0) for _ in range(3)]
        assert kernel.n_started == 2
    assert pids[0] == pids[1] != pids[2]


def test_a_kernel_that_cannot_be_reset_is_replaced(tmp_path):
    breaking = _notebook(
        tmp_path, "breaking", "import sys\ndel sys.modules['_storydiff_kernel_state']\nx = 1"
    )
    fine = _notebook(tmp_path, "fine", "print('x' in dir())")
    with KeptKernel() as kernel:
        execute_notebook(breaking, {}, kernel=kernel)  # the notebook itself succeeds
        after = execute_notebook(fine, {}, kernel=kernel)
        assert kernel.n_started == 2
    assert _stream(after, 0) == "False\n"


def test_a_kernel_launched_early_runs_the_first_notebook(tmp_path):
    """``launch`` starts the kernel and returns; the first notebook waits for it to be ready."""
    here = _notebook(tmp_path, "here", "import os\nprint(os.getcwd())")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with KeptKernel() as kernel:
        kernel.launch(elsewhere)
        assert kernel.n_started == 1 and kernel.is_alive
        kernel.launch(elsewhere)  # started already: nothing happens
        run = execute_notebook(here, {}, kernel=kernel)
        assert (kernel.n_started, kernel.n_notebooks) == (1, 1)
    assert _stream(run, 0) == f"{tmp_path.resolve()}\n"  # the notebook's folder, as always


def test_a_new_kept_kernel_has_imported_what_reports_import(tmp_path):
    """The warm-up imports run in the kernel while the driver gets ready; they leave no names
    behind, and a kernel of papermill's own has not run them."""
    from storydiff.reporting.kernels import WARM_MODULES

    probe = _notebook(
        tmp_path,
        "probe",
        "import sys\n"
        f"print(all(name in sys.modules for name in {WARM_MODULES!r}))\n"
        "print(sorted(name for name in dir() if 'importlib' in name or name == '_name'))",
    )
    with KeptKernel() as kernel:
        kernel.launch(tmp_path)
        kept = _stream(execute_notebook(probe, {}, kernel=kernel), 0)
    assert kept == "True\n[]\n"
    assert _stream(execute_notebook(probe, {}), 0) == "False\n[]\n"


def test_a_kernel_launched_early_that_dies_before_it_is_ready_is_replaced(tmp_path):
    fine = _notebook(tmp_path, "fine", "print(6 * 7)")
    with KeptKernel() as kernel:
        kernel.launch(tmp_path)
        _run_sync(kernel._manager.shutdown_kernel)(now=True)  # gone before it answered
        run = execute_notebook(fine, {}, kernel=kernel)
        assert kernel.n_started == 2
    assert _stream(run, 0) == "42\n"


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "3"])
def test_bad_max_notebooks(bad):
    with pytest.raises(ParameterError, match="max_notebooks="):
        KeptKernel(max_notebooks=bad)


_INTERRUPTED_START = """
import asyncio, os, signal, threading, time
import jupyter_client.manager as manager
from storydiff.reporting.kernels import KeptKernel

launched = []
launch = manager.AsyncKernelManager._async_launch_kernel


async def launch_then_wait(self, kernel_cmd, **kw):  # the process is up, the start not done
    await launch(self, kernel_cmd, **kw)
    launched.append(self.provisioner.process.pid)
    threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT)).start()
    await asyncio.sleep(5)


manager.AsyncKernelManager._async_launch_kernel = launch_then_wait
kernel = KeptKernel()
try:
    kernel.launch(".")
except KeyboardInterrupt:
    print("interrupted")
kernel.close()
from jupyter_core.utils import ensure_event_loop  # the loop the start ran on
print("pending tasks:", sum(not task.done() for task in asyncio.all_tasks(ensure_event_loop())))
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    try:
        os.kill(launched[0], 0)
    except ProcessLookupError:
        print("kernel process gone")
        break
    time.sleep(0.05)
"""


def test_a_start_interrupted_by_ctrl_c_leaves_no_kernel_or_task_behind(tmp_path):
    """Ctrl-C after the kernel process is launched but before its start has finished: the
    start's task is cancelled (not reported as destroyed at exit) and the process shut down
    (not left running for as long as this process lives)."""
    done = python_run("-c", _INTERRUPTED_START, cwd=tmp_path)
    assert done.stdout.split("\n") == [
        "interrupted",
        "pending tasks: 0",
        "kernel process gone",
        "",
    ]
    assert "Task was destroyed" not in done.stderr


def test_kernels_closed_as_soon_as_started_leave_nothing_behind():
    """A kept kernel closed right after its launch (the command stops on a bad argument) and
    again and again: no thread keeps running, no error is printed, and the next kernel works.
    jupyter_client's heartbeat thread, stopped as it started, used to open sockets until none
    was left ("Too many open files", printed from the thread)."""
    code = (
        "import threading\n"
        "from storydiff.reporting.kernels import KeptKernel\n"
        "for _ in range(10):\n"
        "    kernel = KeptKernel()\n"
        "    kernel.launch()\n"
        "    kernel.close()\n"
        "print(threading.active_count())\n"
        "with KeptKernel() as kernel:\n"
        "    kernel.prepare('.')\n"
        "    print(kernel.is_alive)\n"
    )
    done = python_run("-c", code)
    assert done.stdout.split() == ["1", "True"]
    assert "Exception in thread" not in done.stderr and "Too many open files" not in done.stderr
