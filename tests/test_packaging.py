"""The project's shape: dependency lists in step, bundled data readable, notebooks clean."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
import storydiff
import yaml
from storydiff import config

ROOT = config.REPO_ROOT


def _requirement(spec: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
    return name, match.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(
        _requirement(s)
        for s in project["dependencies"]
        + project["optional-dependencies"]["lab"]
        + project["optional-dependencies"]["dask"]
    )
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = dict(
        _requirement(s)
        for s in env["dependencies"]
        if isinstance(s, str) and _requirement(s)[0] not in {"python", "pip"}
    )
    assert conda == wanted
    pip_part = next(s["pip"] for s in env["dependencies"] if isinstance(s, dict))
    assert "-e .[dev]" in pip_part


def test_every_bundled_story_loads_and_has_metadata():
    folders = sorted(p for p in config.STORIES_DIR.iterdir() if p.is_dir())
    assert config.EXAMPLE_STORY_DIR in folders
    for folder in folders:
        meta = json.loads((folder / "story.json").read_text(encoding="utf-8"))
        story = storydiff.load_story(folder)
        assert story.id == meta["story"] == folder.name
        assert len(story) >= 2


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").rglob("*.ipynb")), ids=str)
def test_notebooks_are_committed_without_outputs(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    assert not any(cell.get("outputs") or cell.get("execution_count") for cell in cells)


def test_readme_states_the_two_commands_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_no_code_downloads_nltk_data():
    sources = [p.read_text(encoding="utf-8") for p in (ROOT / "lib").rglob("*.py")]
    assert sources and not any("nltk.download" in source for source in sources)


def test_importing_the_package_stays_light():
    """Kernels and the CLI start fast: NLTK and scikit-learn load only when a feature needs them."""
    import subprocess
    import sys

    code = "import sys, storydiff; print(sorted(m for m in ('nltk', 'sklearn', 'bs4') if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
