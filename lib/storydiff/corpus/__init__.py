"""Corpus mode: many stories, bounded memory, tidy Parquet output, optionally on Dask.

>>> from storydiff.corpus import compare_corpus, CorpusOptions, read_corpus
"""

from ..lazy import lazy_names

_EXPORTS = {
    "MAX_PAIRS": "modes",
    "PAIR_MODES": "modes",
    "CorpusOptions": "tables",
    "chunk_tables": "tables",
    "story_tables": "tables",
    "CorpusResult": "run",
    "compare_corpus": "run",
    "read_corpus": "output",
}
"""Each public name and its module, imported on first use (:mod:`storydiff.lazy`)."""

__all__ = sorted(_EXPORTS, key=str.lower)

lazy_names(__name__, _EXPORTS)
