"""Shared fixtures: the bundled story, and small story folders written on the fly."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import storydiff
from storydiff import config

# A shell ignores Ctrl-C (SIGINT) for what it starts in the background, and a program inherits
# that: the commands the Ctrl-C tests start would then never see it. Python restores it here,
# so the suite gives the same answers however it was started.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def example_story() -> storydiff.Story:
    """The bundled example story (two versions of one real news story)."""
    return storydiff.load_story(config.EXAMPLE_STORY_DIR)


@pytest.fixture
def make_story(tmp_path: Path):
    """Write ``{file name: str or bytes}`` into a fresh story folder and return its path."""

    def write(files: dict[str, str | bytes], name: str = "story") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for file_name, content in files.items():
            path = folder / file_name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return write


def load_bench_script(name: str) -> ModuleType:
    """Import a script of ``bench/`` (not a package) so tests can call its measuring functions."""
    path = config.REPO_ROOT / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def worker_started(pid: int) -> bool:
    """Whether the process `pid` has started a worker process yet: a child that is neither a
    Jupyter kernel nor multiprocessing's resource tracker (Linux /proc)."""
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:  # gone meanwhile
            continue
        if b"ipykernel" not in command and b"resource_tracker" not in command:
            return True
    return False


INTERRUPTED = (
    "storydiff: interrupted; finished reports and corpus parts are kept, run again to do the rest"
)


def interrupt(process: subprocess.Popen) -> None:
    """Ctrl-C to a storydiff command started in a session of its own (SIGINT to its whole
    process group, as a terminal sends it); check that it ends as interrupted, with one line."""
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    # 130, or now and then (2 runs in 120 of a loop of Ctrl-Cs) killed by SIGINT, -2, after
    # printing the same one line: CPython's own way out after some Ctrl-Cs; a shell shows both
    # as 130.
    assert process.returncode in (130, -signal.SIGINT), err
    assert err.strip().splitlines() == [INTERRUPTED]


def python_run(
    *arguments: str, env: dict | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """Run ``python ARGUMENTS`` (this interpreter) in a new process and check that it
    succeeded; what it printed is in ``.stdout`` and ``.stderr``."""
    done = subprocess.run(
        [sys.executable, *arguments],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def python_output(*arguments: str, env: dict | None = None) -> str:
    """What ``python ARGUMENTS`` printed, run as :func:`python_run` runs it."""
    return python_run(*arguments, env=env).stdout
