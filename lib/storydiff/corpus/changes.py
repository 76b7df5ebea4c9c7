"""How much the stories of a corpus changed: per pair, per story, and per step of their
histories.

:func:`corpus_changes` reads the pairs table of a corpus run (:func:`read_corpus_table`) and
answers the questions a researcher asks of a revision corpus first: which stories were
rewritten most, does a story change less with each revision, how many revisions changed no
word at all, and what kinds of edits they were. It needs the pairs table only, never the
texts, and :func:`read_changes` reads it a batch of stories at a time, keeping a few numbers
a pair, so it fits in memory for millions of pairs.

Examples
--------
>>> import pandas as pd
>>> pairs = pd.DataFrame({
...     "story": ["s1", "s1", "s2"], "version_a": ["v1", "v2", "v1"],
...     "version_b": ["v2", "v3", "v2"], "words_a": [100, 110, 50], "words_b": [110, 110, 50],
...     "words_deleted": [5, 0, 20], "words_inserted": [15, 0, 20],
...     "tfidf_cosine": [0.9, 1.0, 0.5]})
>>> changes = corpus_changes(pairs)
>>> changes.stories[["pairs", "words_changed", "unchanged_pairs"]]
       pairs  words_changed  unchanged_pairs
story
s2         1             40                0
s1         2             20                1
>>> changes.steps["pairs"].tolist()
[2, 1]
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..align import LABELS
from ..errors import ParameterError, StorydiffError
from ..similarity import REUSE_LABELS
from .reading import BATCH_ROWS, iter_corpus_table, table_columns

REQUIRED_COLUMNS = (
    "story", "version_a", "version_b", "words_a", "words_b", "words_deleted", "words_inserted",
    "tfidf_cosine",
)  # fmt: skip
"""The pairs table's columns that :func:`corpus_changes` needs (``groups_<label>`` are used
when present)."""


@dataclass(frozen=True)
class CorpusChanges:
    """How much the versions of a corpus's stories differ.

    Attributes
    ----------
    pairs : DataFrame
        One row per pair, in corpus order: from :func:`corpus_changes`, the pairs table as
        given, and from :func:`read_changes`, only the columns of :data:`PAIR_MEASURES`; with
        four columns added either way: ``step`` (the pair's place among its story's pairs,
        from 1: with ``pairs="consecutive"`` the revision it makes, with ``"reference"`` the
        version compared with the reference), ``words_changed`` (``words_deleted +
        words_inserted``), ``change_share`` (``words_changed`` over the words of both
        versions, at most 1) and ``unchanged`` (no word deleted or inserted: the versions
        differ at most in punctuation, spacing or the order of their sentences).
    stories : DataFrame
        One row per story, indexed by story, the most changed first (by ``change_share``, then
        ``words_changed``): ``versions``, ``pairs``, ``words_changed`` (summed),
        ``change_share`` (the story's words changed over its pairs' words), ``unchanged_pairs``,
        ``min_similarity`` and ``last_similarity`` (TF-IDF cosine of its least alike and its
        last pair), and the summed group counts of every label.
    steps : DataFrame
        One row per step, indexed by step: ``pairs`` (how many stories reach it),
        ``median_words_changed``, ``mean_change_share``, ``unchanged_share`` (of the step's
        pairs), ``median_similarity``, and the mean group count of every label.
    labels : Series
        Groups of each label over the whole corpus, indexed by label.
    """

    pairs: pd.DataFrame = field(repr=False)
    stories: pd.DataFrame = field(repr=False)
    steps: pd.DataFrame = field(repr=False)
    labels: pd.Series = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        """The stories table."""
        return self.stories

    def most_changed(self, n: int = 10) -> pd.DataFrame:
        """The `n` stories whose versions differ most (the first rows of :attr:`stories`)."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ParameterError(f"most_changed() takes a whole number of 1 or more, got {n!r}")
        return self.stories.head(n)

    def to_dict(self) -> dict:
        """The corpus-wide figures as JSON-ready data: counts, shares and group labels."""
        pairs = self.pairs
        return {
            "stories": len(self.stories),
            "pairs": len(pairs),
            "unchanged_pairs": int(pairs["unchanged"].sum()),
            "words_changed": int(pairs["words_changed"].sum()),
            "median_change_share": round(float(pairs["change_share"].median()), 4)
            if len(pairs)
            else None,
            "labels": {label: int(count) for label, count in self.labels.items()},
        }


def _label_columns(pairs: pd.DataFrame) -> list[str]:
    return [f"groups_{label}" for label in LABELS if f"groups_{label}" in pairs.columns]


def _with_pair_measures(pairs: pd.DataFrame, codes: np.ndarray) -> pd.DataFrame:
    pairs = pairs.reset_index(drop=True)  # a new frame: the input keeps its columns
    pairs["step"] = pd.Series(codes).groupby(codes, sort=False).cumcount().to_numpy() + 1
    changed = pairs["words_deleted"] + pairs["words_inserted"]
    total = (pairs["words_a"] + pairs["words_b"]).where(lambda words: words > 0)
    pairs["words_changed"] = changed
    pairs["change_share"] = (changed / total).clip(upper=1.0).fillna(0.0)
    pairs["unchanged"] = changed == 0
    return pairs


def _versions_per_story(pairs: pd.DataFrame, codes: np.ndarray, n_stories: int) -> np.ndarray:
    """How many distinct version ids each story's pairs name, by story code."""
    versions, names = pd.factorize(
        pd.concat([pairs["version_a"], pairs["version_b"]], ignore_index=True)
    )
    n_versions = max(len(names), 1)
    keys = pd.unique(np.concatenate([codes, codes]).astype(np.int64) * n_versions + versions)
    return np.bincount(keys // n_versions, minlength=n_stories)


def _story_columns(
    pairs: pd.DataFrame, codes: np.ndarray, n: int, labels: list[str]
) -> dict[str, np.ndarray]:
    """The stories table's columns, by story code (unsorted), summed with numpy."""

    def total(column: str) -> np.ndarray:
        return np.bincount(codes, weights=pairs[column].to_numpy(float), minlength=n)

    words = total("words_a") + total("words_b")
    changed = total("words_changed")
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(words > 0, np.minimum(changed / words, 1.0), 0.0)
    # Each story's pairs in their order, to take the least alike and the last.
    order = np.argsort(codes, kind="stable")
    similarity = pairs["tfidf_cosine"].to_numpy(float)[order]
    starts = np.flatnonzero(np.r_[True, codes[order][1:] != codes[order][:-1]]) if n else order
    ends = np.r_[starts[1:], len(order)].astype(np.int64) - 1 if n else order
    return {
        "versions": _versions_per_story(pairs, codes, n),
        "pairs": np.bincount(codes, minlength=n),
        "words_changed": changed.astype(np.int64),
        "change_share": share.round(4),
        "unchanged_pairs": total("unchanged").astype(np.int64),
        "min_similarity": np.fmin.reduceat(similarity, starts).round(4) if n else similarity,
        "last_similarity": similarity[ends].round(4),
        **{label: total(label).astype(np.int64) for label in labels},
    }


def _by_step(step: np.ndarray, values: np.ndarray) -> np.ndarray:
    """`values` summed by step (index: the step)."""
    return np.bincount(step, weights=values) if len(step) else np.zeros(1)


def _padded_sum(left: np.ndarray | None, right: np.ndarray) -> np.ndarray:
    if left is None:
        return right
    size = max(len(left), len(right))
    return np.pad(left, (0, size - len(left))) + np.pad(right, (0, size - len(right)))


def _step_table(pairs: pd.DataFrame, label_sums: dict[str, np.ndarray]) -> pd.DataFrame:
    """The steps table, with numpy (a step is a small whole number, a corpus has millions of
    pairs): medians and means from the pairs' measures, label means from their sums by step."""
    step = pairs["step"].to_numpy(np.int64)
    present = np.flatnonzero(np.bincount(step)) if len(step) else np.array([], np.int64)
    counts = np.bincount(step, minlength=len(present) and int(present[-1]) + 1)[present]

    def mean(column: str) -> np.ndarray:
        return _by_step(step, pairs[column].to_numpy(float))[present] / counts

    def median(column: str) -> np.ndarray:
        values = pairs[column].to_numpy(float)[np.argsort(step, kind="stable")]
        parts = np.split(values, np.cumsum(counts)[:-1]) if len(counts) else []
        return np.array([np.median(part) for part in parts], dtype=float)

    steps = pd.DataFrame(
        {
            "pairs": counts,
            "median_words_changed": median("words_changed"),
            "mean_change_share": mean("change_share"),
            "unchanged_share": mean("unchanged"),
            "median_similarity": median("tfidf_cosine"),
            **{label: sums[present] / counts for label, sums in label_sums.items()},
        },
        index=pd.Index(present, name="step"),
    )
    return steps.round(4)


PAIR_MEASURES = (
    "story", "step", "words_changed", "change_share", "unchanged", "tfidf_cosine", "reuse_label",
)  # fmt: skip
"""The columns of :attr:`CorpusChanges.pairs` that :func:`read_changes` keeps (``reuse_label``
when the run wrote it)."""


_RANKING = ("change_share", "words_changed")  # the stories table's order, most changed first


class _Tally:
    """The sums of :func:`corpus_changes`, added up batch by batch of whole stories."""

    def __init__(self, labels: list[str], keep: tuple[str, ...] | None) -> None:
        self.labels, self.keep = labels, keep
        self.pairs: list = []  # DataFrames, or dicts of columns (keep)
        self.names: list[pd.Index] = []
        self.stories: list[dict[str, np.ndarray]] = []
        self.label_sums: dict[str, np.ndarray | None] = dict.fromkeys(labels)

    def add(self, pairs: pd.DataFrame) -> None:
        """Add a batch of pairs (every pair of its stories)."""
        if pairs["story"].isna().any():
            raise StorydiffError("the pairs table has rows without a story id; drop or name them")
        codes, names = pd.factorize(pairs["story"].reset_index(drop=True))
        measured = _with_pair_measures(pairs, codes)
        self.names.append(pd.Index(names))
        self.stories.append(_story_columns(measured, codes, len(names), self.labels))
        step = measured["step"].to_numpy(np.int64)
        for label in self.labels:
            sums = _by_step(step, measured[label].to_numpy(float))
            self.label_sums[label] = _padded_sum(self.label_sums[label], sums)
        if self.keep is not None:
            measured = _slim(measured[[c for c in self.keep if c in measured.columns]])
        self.pairs.append(measured)

    def result(self) -> CorpusChanges:
        pairs = _concat_columns(self.pairs)  # empties self.pairs
        names = self.names[0] if len(self.names) == 1 else self.names[0].append(self.names[1:])
        self.names.clear()
        rank = {name: np.concatenate([part[name] for part in self.stories]) for name in _RANKING}
        rows = np.lexsort((-rank["words_changed"], -rank["change_share"]))
        del rank
        columns = {}
        for name in list(self.stories[0]):  # one column at a time, its batches' pieces freed
            pieces = [part.pop(name) for part in self.stories]
            columns[name] = np.concatenate(pieces)[rows]  # most changed first; ties in order
        self.stories.clear()
        stories = pd.DataFrame(columns, index=pd.Index(names[rows], name="story"), copy=False)
        label_sums = dict(self.label_sums)
        return CorpusChanges(
            pairs=pairs,
            stories=stories,
            steps=_step_table(pairs, label_sums),
            labels=pd.Series(
                {
                    label.removeprefix("groups_"): int(sums.sum())
                    for label, sums in label_sums.items()
                },
                name="groups",
                dtype="int64",
            ),
        )


def _slim(pairs: pd.DataFrame) -> dict:
    """A batch's measures as columns of their own, in small types: steps as int32, reuse
    labels as a categorical (when they are the usual three)."""
    columns = {name: pairs[name].array.copy() for name in pairs.columns}
    columns["step"] = pairs["step"].to_numpy(np.int32)
    labels = columns.get("reuse_label")
    if labels is not None and pd.Series(labels).dropna().isin(REUSE_LABELS).all():
        columns["reuse_label"] = pd.Categorical(labels, categories=REUSE_LABELS)
    return columns


def _concat_columns(batches: list) -> pd.DataFrame:
    """The batches one under the other (DataFrames, or dicts of columns from :func:`_slim`),
    made a column at a time, each column's pieces freed as it is made, so a corpus's pairs are
    not held twice. `batches` is emptied."""
    if len(batches) == 1 and isinstance(batches[0], pd.DataFrame):
        return batches.pop()
    columns = {}
    for name in list(batches[0]):
        pieces = [pd.Series(batch.pop(name), copy=False) for batch in batches]
        columns[name] = pd.concat(pieces, ignore_index=True)
        del pieces
    batches.clear()
    return pd.DataFrame(columns, copy=False)


def _empty_pairs() -> pd.DataFrame:
    names = [*REQUIRED_COLUMNS, *(f"groups_{label}" for label in LABELS)]
    pairs = pd.DataFrame({c: pd.Series(dtype="float64") for c in names})
    return pairs.astype({"story": object, "version_a": object, "version_b": object})


def _check_columns(pairs: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in pairs.columns]
    if missing and len(pairs.columns):
        raise StorydiffError(
            f"the pairs table has no {', '.join(missing)} column(s); it was written by an "
            "older storydiff or is not a corpus pairs table: run storydiff corpus again"
        )


def corpus_changes(pairs: pd.DataFrame) -> CorpusChanges:
    """Measure how much a corpus's stories changed, from its pairs table.

    Parameters
    ----------
    pairs : DataFrame
        The pairs table of a corpus run (:func:`storydiff.corpus.read_corpus_table`), in
        corpus order (a story's pairs in the order the run compared them). The columns of
        :data:`REQUIRED_COLUMNS` are needed; ``groups_<label>`` are summed when present. It is
        not changed.

    Returns
    -------
    CorpusChanges
        Its ``pairs`` are the given table with the measures added. Empty tables for an empty
        pairs table.

    Raises
    ------
    StorydiffError
        When a needed column is missing (a pairs table written before storydiff counted the
        words changed: run the corpus again).

    See Also
    --------
    read_changes : the same of a corpus run's folder, read in batches.
    """
    if not isinstance(pairs, pd.DataFrame):
        raise StorydiffError(
            f"corpus_changes needs the pairs table as a DataFrame, not {type(pairs).__name__}"
        )
    _check_columns(pairs)
    if pairs.empty:
        pairs = _empty_pairs()
    tally = _Tally(_label_columns(pairs), keep=None)
    tally.add(pairs)
    return tally.result()


def pick_story(changes: CorpusChanges, story: str = "") -> str | None:
    """The story to look at up close: `story`, or the most changed one when it is empty
    (None when the corpus has no compared pair).

    Raises
    ------
    ParameterError
        When `story` is not a story of the corpus (the message names the most changed ones).

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"story": ["calm", "busy"], "version_a": ["v1", "v1"],
    ...     "version_b": ["v2", "v2"], "words_a": [100, 100], "words_b": [100, 100],
    ...     "words_deleted": [1, 30], "words_inserted": [1, 30], "tfidf_cosine": [0.99, 0.6]})
    >>> pick_story(corpus_changes(pairs)), pick_story(corpus_changes(pairs), "calm")
    ('busy', 'calm')
    """
    if not isinstance(story, str):
        raise ParameterError(f"story must be a story id (a string), got {type(story).__name__}")
    stories = changes.stories.index
    if not story:
        return str(stories[0]) if len(stories) else None
    if story in stories:
        return story
    shown = ", ".join(repr(str(s)) for s in stories[:5])
    raise ParameterError(
        f"story {story!r} is not in this corpus's pairs table; "
        + (f"its most changed stories are {shown}" if shown else "it has no compared pair")
        + " (leave story empty for the most changed)"
    )


def describe_run(summary: dict, changes: CorpusChanges, errors: pd.DataFrame) -> str:
    """One sentence on a corpus run: stories read, pairs compared, stories that failed and
    stories with a single version (from its ``corpus.json``, its changes and errors table).

    Examples
    --------
    >>> errors = pd.DataFrame({"story": ["a", "b"], "error": ["...", "..."],
    ...                        "kind": ["error", "single version"]})
    >>> describe_run({"stories": 3, "source": "ap.db", "options": {"pairs": "consecutive"}},
    ...              corpus_changes(pd.DataFrame()), errors)
    '3 stories read from ap.db: 0 pairs compared (each version against the one before it); 1 story could not be compared, 1 has a single version (nothing to compare).'
    """  # noqa: E501
    from .plots import STEP_NAMES  # noqa: PLC0415

    mode = summary.get("options", {}).get("pairs", "reference")
    made = STEP_NAMES.get(mode, ("", mode))[1]
    failed = int((errors["kind"] == "error").sum()) if "kind" in errors else len(errors)
    single = len(errors) - failed
    return (
        f"{summary.get('stories', 0):,} stories read from {summary.get('source', '?')}: "
        f"{len(changes.pairs):,} pairs compared ({made}); "
        f"{failed:,} {'story' if failed == 1 else 'stories'} could not be compared, "
        f"{single:,} {'has' if single == 1 else 'have'} a single version (nothing to compare)."
    )


READ_COLUMNS = (
    *REQUIRED_COLUMNS,
    *(f"groups_{label}" for label in LABELS),
    "reuse_label",
)
"""The pairs table's columns :func:`read_changes` reads (those the table has)."""


def read_changes(folder: str | os.PathLike, *, batch_rows: int = BATCH_ROWS) -> CorpusChanges:
    """:func:`corpus_changes` of a finished corpus run, in memory that grows little with the
    run: the pairs table is read in batches of whole stories (:func:`iter_corpus_table`), only
    the columns it needs (:data:`READ_COLUMNS`), and each batch is added up and let go.

    What is kept of every pair is its measures (:data:`PAIR_MEASURES`, about 60 bytes a pair);
    a story's other columns are read again when it is looked at up close
    (:func:`~storydiff.corpus.read_corpus_story`).

    Parameters
    ----------
    folder : str or Path
        A finished corpus run's output folder.
    batch_rows : int, default BATCH_ROWS
        Pairs read and added up at a time.

    Raises
    ------
    StorydiffError
        When `folder` holds no finished corpus run, or one written before storydiff counted
        the words each pair changed (run the corpus again: every chunk is compared anew).
    """
    available = table_columns(folder, "pairs")
    missing = [c for c in REQUIRED_COLUMNS if c not in available]
    if available and missing:
        raise StorydiffError(
            f"{folder}: its pairs table has no {', '.join(missing)} column(s): it was written by "
            "an older storydiff; run storydiff corpus again with the same --out (every chunk is "
            "compared anew)"
        )
    columns = [c for c in READ_COLUMNS if c in available]
    labels = [c for c in columns if c.startswith("groups_")]
    tally = _Tally(labels if available else _label_columns(_empty_pairs()), keep=PAIR_MEASURES)
    for batch in iter_corpus_table(folder, "pairs", columns=columns, batch_rows=batch_rows):
        tally.add(batch)
    if not tally.pairs:
        tally.add(_empty_pairs())
    return tally.result()


__all__ = [
    "CorpusChanges",
    "PAIR_MEASURES",
    "READ_COLUMNS",
    "REQUIRED_COLUMNS",
    "corpus_changes",
    "describe_run",
    "pick_story",
    "read_changes",
]
