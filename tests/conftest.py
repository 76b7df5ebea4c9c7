"""Shared fixtures: the bundled story, and small story folders written on the fly."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
import storydiff
from storydiff import config


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
