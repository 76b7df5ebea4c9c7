"""storydiff: compare versions of a news story.

The flat public API:

>>> import storydiff
>>> story = storydiff.load_story(storydiff.config.EXAMPLE_STORY_DIR)
>>> story.ids
('original', 'rewrite')
>>> storydiff.split_sentences("Mr. Putin met U.S. envoys. Talks lasted five hours.")
['Mr. Putin met U.S. envoys.', 'Talks lasted five hours.']
"""

from . import config
from .align import AlignmentThresholds, align_sentences
from .compare import Comparison, StoryComparison, compare, compare_story
from .errors import StorydiffError, StorydiffWarning
from .inline_diff import InlineDiff, inline_diff
from .normalize import normalize_text
from .reading import iter_stories, load_story, read_manifest, read_version, story_from_frame
from .story import Story, Version
from .structure import Segmentation, segment, split_sentences

__version__ = "0.1.0"

__all__ = [
    "AlignmentThresholds",
    "Comparison",
    "InlineDiff",
    "StoryComparison",
    "align_sentences",
    "compare",
    "compare_story",
    "inline_diff",
    "Segmentation",
    "Story",
    "StorydiffError",
    "StorydiffWarning",
    "Version",
    "config",
    "iter_stories",
    "load_story",
    "normalize_text",
    "read_manifest",
    "read_version",
    "segment",
    "split_sentences",
    "story_from_frame",
]
