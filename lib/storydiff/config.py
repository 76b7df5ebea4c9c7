"""Paths and settings, anchored in one place.

Every path the package uses comes from here, built from the location of this file (never from the
working directory). Settings that a user may change are read from environment variables.

Examples
--------
>>> from storydiff import config
>>> config.RESOURCES_DIR.name
'resources'
>>> (config.RESOURCES_DIR / "abbreviations.txt").is_file()
True
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
"""The installed ``storydiff`` package."""

RESOURCES_DIR = PACKAGE_DIR / "resources"
"""Data files that ship inside the package (abbreviation lists, lexicons)."""

REPO_ROOT = PACKAGE_DIR.parent.parent
"""The checkout, when the package is used from one (``lib/storydiff`` -> repository root)."""

DATA_DIR = REPO_ROOT / "data"
"""The checkout's ``data/`` folder: input stories, never edited by the code."""

STORIES_DIR = DATA_DIR / "stories"
"""Where bundled and user stories live, one folder per story."""

EXAMPLE_STORY_ID = "putin-peace-plan"
"""The bundled example: two versions of one real news story."""

EXAMPLE_STORY_DIR = STORIES_DIR / EXAMPLE_STORY_ID

REPORTS_DIR = Path(os.environ.get("STORYDIFF_REPORTS_DIR") or REPO_ROOT / "reports")
"""Generated output only (``STORYDIFF_REPORTS_DIR`` moves it)."""

CORPUS_DIR = REPORTS_DIR / "corpus"
"""Where ``make demo`` writes the corpus run of the bundled stories, and where the
``corpus_changes`` notebook looks when it is given no folder."""

NOTEBOOKS_DIR = Path(os.environ.get("STORYDIFF_NOTEBOOKS_DIR") or REPO_ROOT / "notebooks")
"""The report and lesson notebooks (``STORYDIFF_NOTEBOOKS_DIR`` points elsewhere)."""

EVAL_DIR_VARIABLE = "STORYDIFF_EVAL_DIR"

HEADLESS_CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""How the browser tests and ``bench/long_reports.py`` start Debian's Chromium: headless, as root
without a sandbox, and without the background connections a closed network refuses."""


def eval_dir() -> Path:
    """Return the folder of public evaluation data.

    The environment variable ``STORYDIFF_EVAL_DIR`` wins; otherwise ``../shared/eval`` beside the
    checkout. The folder may not exist (a user's machine has none): callers check and skip.

    Examples
    --------
    >>> eval_dir().name
    'eval'
    """
    configured = os.environ.get(EVAL_DIR_VARIABLE)
    if configured:
        return Path(configured).expanduser().resolve()
    return (REPO_ROOT.parent / "shared" / "eval").resolve()
