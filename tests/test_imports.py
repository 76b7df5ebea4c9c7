"""Kernel start-up stays cheap: heavy libraries load only where a feature uses them.

Each check runs in a fresh interpreter and looks at ``sys.modules``; it asserts what is
imported, never how long it takes.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from storydiff import config

HEAVY = (
    "IPython",
    "bs4",
    "ipywidgets",
    "matplotlib",
    "nbconvert",
    "nbformat",
    "nltk",
    "papermill",
    "scipy",
    "sklearn",
    "vaderSentiment",
    "wordfreq",
)
"""Libraries that take a noticeable part of a second or more to import."""


def _loaded_after(code: str) -> set[str]:
    """The libraries of :data:`HEAVY` loaded once *code* has run in a fresh interpreter."""
    probe = (
        f"{code}\nimport json, sys\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=config.REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    ("code", "allowed"),
    [
        ("import storydiff", set()),
        ("import storydiff.reporting", set()),
        ("import storydiff.metrics, storydiff.explore, storydiff.teaching", set()),
        (
            "import storydiff.framing, storydiff.tone, storydiff.lexical, storydiff.entities, "
            "storydiff.numbers, storydiff.quotes, storydiff.notebook, storydiff.provenance",
            set(),
        ),
        ("from storydiff import plots, views", {"matplotlib"}),
    ],
)
def test_importing_loads_no_heavy_library(code, allowed):
    assert _loaded_after(code) <= allowed


def test_a_comparison_report_never_imports_nltk_sklearn_bs4_or_widgets():
    """What the compare_versions notebook computes: NLTK (the stems are storydiff's own),
    scikit-learn (the stop words are shipped, the TF-IDF computed on the sparse arrays),
    Beautiful Soup (the texts are plain) and ipywidgets stay out of the kernel."""
    code = (
        "import storydiff\n"
        "from storydiff.framing import compare_framing\n"
        "story = storydiff.load_story(storydiff.config.EXAMPLE_STORY_DIR)\n"
        "c = storydiff.compare(story['original'], story['rewrite'])\n"
        "compare_framing(c, 'news'); c.lexical; c.tone; c.quotes; c.numbers; c.entities\n"
    )
    loaded = _loaded_after(code)
    assert not loaded & {
        "nltk",
        "sklearn",
        "bs4",
        "ipywidgets",
        "papermill",
        "nbconvert",
        "IPython",
    }
