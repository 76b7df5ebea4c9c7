"""storydiff: compare versions of a news story.

The flat public API:

>>> import storydiff
>>> story = storydiff.load_story(storydiff.config.EXAMPLE_STORY_DIR)
>>> story.ids
('original', 'rewrite')
>>> storydiff.split_sentences("Mr. Putin met U.S. envoys. Talks lasted five hours.")
['Mr. Putin met U.S. envoys.', 'Talks lasted five hours.']

Its names are imported when first used (:mod:`storydiff.lazy`): ``import storydiff`` alone
loads neither pandas nor scikit-learn, so that the ``storydiff`` command can start a report's
kernel before it imports them (and answer a Ctrl-C during those imports with its one line).
"""

from __future__ import annotations

from . import config  # noqa: F401 (a public name: storydiff.config)
from .lazy import lazy_names

__version__ = "0.1.0"

_EXPORTS = {
    "AlignmentThresholds": "align",
    "align_sentences": "align",
    "Comparison": "compare",
    "StoryComparison": "compare",
    "compare": "compare",
    "compare_story": "compare",
    "StorydiffError": "errors",
    "StorydiffWarning": "errors",
    "InlineDiff": "inline_diff",
    "inline_diff": "inline_diff",
    "normalize_text": "normalize",
    "iter_stories": "reading",
    "load_story": "reading",
    "read_manifest": "reading",
    "read_version": "reading",
    "story_from_frame": "reading",
    "Story": "story",
    "Version": "story",
    "Segmentation": "structure",
    "segment": "structure",
    "split_sentences": "structure",
}
"""Each public name and the module of the package that defines it."""

__all__ = sorted([*_EXPORTS, "config"], key=str.lower)

lazy_names(__name__, _EXPORTS)
