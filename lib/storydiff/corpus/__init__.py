"""Corpus mode: many stories, bounded memory, tidy Parquet output, optionally on Dask.

>>> from storydiff.corpus import compare_corpus, CorpusOptions, read_corpus
"""

from .output import read_corpus
from .run import CorpusResult, compare_corpus
from .tables import PAIR_MODES, CorpusOptions, chunk_tables, story_tables

__all__ = [
    "PAIR_MODES",
    "CorpusOptions",
    "CorpusResult",
    "chunk_tables",
    "compare_corpus",
    "read_corpus",
    "story_tables",
]
