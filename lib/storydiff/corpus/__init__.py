"""Corpus mode: many stories, bounded memory, tidy Parquet output, optionally on Dask.

>>> from storydiff.corpus import compare_corpus, CorpusOptions, read_corpus
"""

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:  # pragma: no cover (for type checkers and editors; the same names as _EXPORTS)
    from .modes import MAX_PAIRS, PAIR_MODES
    from .output import read_corpus
    from .run import CorpusResult, SQLiteSource, compare_corpus
    from .tables import CorpusOptions, chunk_tables, story_tables

_EXPORTS = {
    "MAX_PAIRS": "modes",
    "PAIR_MODES": "modes",
    "CorpusOptions": "tables",
    "chunk_tables": "tables",
    "story_tables": "tables",
    "CorpusResult": "run",
    "compare_corpus": "run",
    "SQLiteSource": "run",
    "read_corpus": "output",
}
"""Each public name and its module, imported on first use (:mod:`storydiff.lazy`)."""

__all__ = [
    "chunk_tables",
    "compare_corpus",
    "CorpusOptions",
    "CorpusResult",
    "MAX_PAIRS",
    "PAIR_MODES",
    "read_corpus",
    "SQLiteSource",
    "story_tables",
]

lazy_names(__name__, _EXPORTS)
