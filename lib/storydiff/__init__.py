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

from typing import TYPE_CHECKING

from . import config
from .lazy import lazy_names

if TYPE_CHECKING:  # pragma: no cover (for type checkers and editors; the same names as _EXPORTS)
    from .align import AlignmentThresholds, align_sentences
    from .compare import Comparison, StoryComparison, compare, compare_story
    from .errors import StorydiffError, StorydiffWarning
    from .inline_diff import InlineDiff, inline_diff
    from .normalize import normalize_text
    from .reading import iter_stories, load_story, read_manifest, read_version, story_from_frame
    from .story import Story, Version
    from .structure import Segmentation, segment, split_sentences

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

__all__ = [
    "align_sentences",
    "AlignmentThresholds",
    "compare",
    "compare_story",
    "Comparison",
    "config",
    "inline_diff",
    "InlineDiff",
    "iter_stories",
    "load_story",
    "normalize_text",
    "read_manifest",
    "read_version",
    "segment",
    "Segmentation",
    "split_sentences",
    "Story",
    "story_from_frame",
    "StoryComparison",
    "StorydiffError",
    "StorydiffWarning",
    "Version",
]

lazy_names(__name__, _EXPORTS)
