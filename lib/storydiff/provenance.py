"""Where a result came from: input hashes, parameters, package versions and time.

A report ends with this record so that a reader can tell which texts, settings and software
produced it, and a later run can tell whether anything changed.

Examples
--------
>>> from storydiff import config, load_story
>>> record = provenance(load_story(config.EXAMPLE_STORY_DIR), {"lexicon": "news"})
>>> record["inputs"][["version", "sha256"]].shape
(2, 2)
>>> "storydiff" in record["packages"].index
True
"""

from __future__ import annotations

import hashlib
import platform
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from importlib import metadata

import pandas as pd

from .story import Story

PACKAGES = (
    "storydiff",
    "pandas",
    "numpy",
    "scikit-learn",
    "vaderSentiment",
    "wordfreq",
    "matplotlib",
    "papermill",
    "nbconvert",
)
"""The packages whose versions a report records."""


def text_sha256(text: str) -> str:
    """The SHA-256 of a text encoded as UTF-8, in hex.

    >>> text_sha256("")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def package_versions(names: tuple[str, ...] = PACKAGES) -> pd.Series:
    """Installed version of each package (``"not installed"`` when absent), and Python's."""
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    versions["python"] = platform.python_version()
    return pd.Series(versions, name="version")


def provenance(story: Story, parameters: Mapping | None = None) -> dict:
    """Record the inputs, parameters and software behind an analysis of *story*.

    Parameters
    ----------
    story : Story
    parameters : mapping, optional
        The settings the analysis used (a notebook's parameters).

    Returns
    -------
    dict
        ``inputs``: DataFrame, one row per version (version, source, encoding, characters,
        sha256 of the text as read); ``parameters``: Series; ``packages``: Series;
        ``created``: ISO 8601 time in UTC; ``python``: the interpreter path.
    """
    inputs = pd.DataFrame(
        [
            {
                "version": version.id,
                "source": version.source or "",
                "encoding": version.encoding or "",
                "characters": len(version.text),
                "sha256": text_sha256(version.text),
            }
            for version in story
        ]
    )
    shown = {key: repr(value) for key, value in dict(parameters or {}).items()}
    return {
        "story": story.id,
        "inputs": inputs,
        "parameters": pd.Series(shown, name="value", dtype=object),
        "packages": package_versions(),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.executable,
    }


__all__ = ["PACKAGES", "package_versions", "provenance", "text_sha256"]
