"""Corpus mode: many stories, bounded memory, tidy Parquet output, optionally on Dask.

>>> from storydiff.corpus import compare_corpus, CorpusOptions, read_corpus
"""

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:  # pragma: no cover (for type checkers and editors; the same names as _EXPORTS)
    from .changes import CorpusChanges, corpus_changes, describe_run, pick_story, read_changes
    from .modes import MAX_PAIRS, PAIR_MODES
    from .page import example_corpus, write_changes_page
    from .reading import (
        iter_corpus_table,
        read_corpus,
        read_corpus_story,
        read_corpus_table,
        read_summary,
        table_columns,
    )
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
    "iter_corpus_table": "reading",
    "read_corpus": "reading",
    "read_corpus_story": "reading",
    "read_corpus_table": "reading",
    "read_summary": "reading",
    "table_columns": "reading",
    "CorpusChanges": "changes",
    "corpus_changes": "changes",
    "pick_story": "changes",
    "describe_run": "changes",
    "write_changes_page": "page",
    "example_corpus": "page",
    "read_changes": "changes",
}
"""Each public name and its module, imported on first use (:mod:`storydiff.lazy`)."""

__all__ = [
    "chunk_tables",
    "compare_corpus",
    "corpus_changes",
    "CorpusChanges",
    "CorpusOptions",
    "CorpusResult",
    "describe_run",
    "example_corpus",
    "iter_corpus_table",
    "MAX_PAIRS",
    "PAIR_MODES",
    "pick_story",
    "read_changes",
    "read_corpus",
    "read_corpus_story",
    "read_corpus_table",
    "read_summary",
    "SQLiteSource",
    "story_tables",
    "table_columns",
    "write_changes_page",
]

lazy_names(__name__, _EXPORTS)
