"""The rows a corpus run writes: one per compared pair of versions, one per aligned group.

:func:`story_tables` compares the versions of one story exactly as
:func:`storydiff.compare_story` does (one vectorizer fitted on all the story's sentences, each
version's sentences counted once and reused by every pair, tone scored once per version) and
turns the results into plain rows; :func:`chunk_tables` does it for a list of stories and is
the unit of work that runs in-process, in worker processes or on a Dask cluster. Rows are built
from plain values only, so every path gives the same table.

Examples
--------
>>> from storydiff import config, load_story
>>> pairs, groups = story_tables(load_story(config.EXAMPLE_STORY_DIR), CorpusOptions())
>>> pairs[0]["version_a"], pairs[0]["version_b"], pairs[0]["reuse_label"]
('original', 'rewrite', 'wholly-derived')
>>> len(groups) == sum(pairs[0][f"groups_{label}"] for label in LABELS)
True
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass, field, fields

from ..align import LABELS, AlignmentThresholds
from ..caches import clear_caches
from ..compare import SHARE_CLASSES, Comparison, check_pair_size, compare_counted, story_counts
from ..errors import ParameterError, SingleVersionError, StorydiffError, StorydiffWarning
from ..inline_diff import count_words
from ..reading import story_from_records
from ..similarity import Similarity
from ..story import Story
from .modes import PAIR_MODES


@dataclass(frozen=True)
class CorpusOptions:
    """What a corpus run compares and writes.

    Attributes
    ----------
    pairs : {"reference", "consecutive", "all"}, default "reference"
        See :data:`PAIR_MODES`.
    reference : str, optional
        Version id of the reference in ``pairs="reference"`` mode; the first version by default
        (a story without that version uses its first).
    tone : bool, default True
        Add each version's mean VADER compound score (``tone_a``, ``tone_b``).
    texts : bool, default True
        Keep the sentences' texts in the group rows (``a_text``, ``b_text``).
    thresholds : AlignmentThresholds
        The alignment's parameters.
    encoding : str, optional
        Force a codec for the version files of a manifest.
    """

    pairs: str = "reference"
    reference: str | None = None
    tone: bool = True
    texts: bool = True
    thresholds: AlignmentThresholds = field(default_factory=AlignmentThresholds)
    encoding: str | None = None

    def __post_init__(self) -> None:
        if self.pairs not in PAIR_MODES:
            raise ParameterError(
                f"pairs={self.pairs!r} is not a pair mode; use one of {', '.join(PAIR_MODES)}"
            )
        if not isinstance(self.thresholds, AlignmentThresholds):
            raise ParameterError("thresholds must be an AlignmentThresholds")
        for name in ("tone", "texts"):
            if not isinstance(getattr(self, name), bool):
                raise ParameterError(f"{name} must be True or False, got {getattr(self, name)!r}")
        if self.reference is not None and not (isinstance(self.reference, str) and self.reference):
            raise ParameterError(
                f"reference must be a version id (a string), got {self.reference!r}; leave it "
                "out to compare with each story's first version"
            )
        if self.reference and self.pairs != "reference":
            raise ParameterError(
                f"a reference version is for pairs='reference'; pairs={self.pairs!r} compares "
                "versions without one (leave the reference out)"
            )
        if self.encoding is not None:
            import codecs  # noqa: PLC0415

            try:
                text = getattr(codecs.lookup(self.encoding), "_is_text_encoding", True)
            except (LookupError, TypeError):
                text = False
            if not text:  # unknown, or a codec of bytes to bytes or text to text ("rot13")
                raise ParameterError(
                    f"encoding={self.encoding!r} is not a text encoding Python knows; use e.g. "
                    "utf-8, cp1252 or latin-1"
                )

    def to_dict(self) -> dict:
        """The options as JSON-ready data."""
        return {**asdict(self), "thresholds": asdict(self.thresholds)}


@dataclass(frozen=True)
class PairSlice:
    """Part of a long story's pairs, compared as a task of its own (see :func:`split_story`).

    Attributes
    ----------
    start : int
    stop : int or None
        The pairs ``start`` to ``stop`` (``None``: to the last) of those the pair mode gives the
        story, in their order.
    total : int
        How many pairs the story has, expected from its number of versions.
    """

    start: int
    stop: int | None
    total: int

    def describe(self) -> str:
        """``"pairs 2001-4000 of 44850"``: the slice, for an error message."""
        end = self.total if self.stop is None else self.stop
        return f"pairs {self.start + 1}-{end} of {self.total}"


def pair_total(n_versions: int, mode: str) -> int:
    """How many pairs a story of `n_versions` versions gets in a pair mode.

    >>> [pair_total(40, mode) for mode in PAIR_MODES]
    [39, 39, 780]
    """
    if n_versions < 2:
        return 0
    return n_versions * (n_versions - 1) // 2 if mode == "all" else n_versions - 1


def split_story(total: int, max_pairs: int) -> list[PairSlice]:
    """The slices of at most `max_pairs` pairs that a story of `total` pairs is cut into.

    >>> [part.describe() for part in split_story(4500, 2000)]
    ['pairs 1-2000 of 4500', 'pairs 2001-4000 of 4500', 'pairs 4001-4500 of 4500']
    """
    starts = range(0, total, max_pairs)
    return [
        PairSlice(start, start + max_pairs if start + max_pairs < total else None, total)
        for start in starts
    ]


def version_pairs(ids: tuple[str, ...], mode: str, reference: str | None = None) -> list:
    """The ``(a, b)`` version pairs a story gets in a pair mode.

    Examples
    --------
    >>> version_pairs(("v1", "v2", "v3"), "consecutive")
    [('v1', 'v2'), ('v2', 'v3')]
    >>> version_pairs(("v1", "v2", "v3"), "reference", "v2")
    [('v2', 'v1'), ('v2', 'v3')]
    >>> len(version_pairs(("v1", "v2", "v3"), "all"))
    3
    """
    if mode == "consecutive":
        return list(zip(ids, ids[1:], strict=False))
    if mode == "all":
        return [(x, y) for i, x in enumerate(ids) for y in ids[i + 1 :]]
    first = reference if reference in ids else ids[0]
    return [(first, other) for other in ids if other != first]


def _words(version) -> int:
    """A version's words counted as its inline diffs count them, so that the words a pair
    deletes or inserts are at most the words of its versions (counted as the alignment's keys,
    "23-year-old" was one word and the diffs' three: a version deleted whole had more words
    deleted than it held)."""
    return sum(count_words(text) for text in version.segmentation.texts)


def pair_row(story: Story, comparison: Comparison, tones: dict | None = None) -> dict:
    """One row of the pairs table: ids, sizes, words changed, similarity, group counts,
    shares, tone.

    ``words_deleted`` and ``words_inserted`` add up the inline diffs of the pair's groups: the
    words (and numbers, not punctuation) of *a* that *b* does not keep, and those *b* adds.
    A sentence moved as it was changes none. ``warnings`` are the two versions' (an encoding
    guessed, an HTML page read as text ...).
    """
    a, b = comparison.a, comparison.b
    counts = dict.fromkeys(LABELS, 0)
    for group in comparison.aligned.groups:
        counts[group.label] += 1
    diffs = comparison.diffs
    row = {
        "story": story.id,
        "version_a": a.id,
        "version_b": b.id,
        "sentences_a": len(a.segmentation.units),
        "sentences_b": len(b.segmentation.units),
        "words_a": _words(a),
        "words_b": _words(b),
        "words_deleted": sum(diff.n_deleted_words for diff in diffs),
        "words_inserted": sum(diff.n_inserted_words for diff in diffs),
        **asdict(comparison.similarity),
        **{f"groups_{label}": counts[label] for label in LABELS},
    }
    for side, shares in comparison.share_values().items():
        for kind in SHARE_CLASSES:
            row[f"share_{kind.replace(' ', '_')}_{side}"] = shares[kind]
    if tones is not None:
        row["tone_a"], row["tone_b"] = tones[a.id], tones[b.id]
    row["warnings"] = list(dict.fromkeys([*a.warnings, *b.warnings]))
    return row


GROUP_COLUMNS = [
    "story", "version_a", "version_b", "group", "a", "b", "label", "score", "edit", "ratio",
    "moved", "is_heading", "words_deleted", "words_inserted", "a_text", "b_text",
]  # fmt: skip
"""Columns of the groups table, in order (``a_text`` and ``b_text`` only with the texts)."""


def group_rows(story: Story, comparison: Comparison, *, texts: bool = True) -> list[dict]:
    """One row per aligned group: ids, sentence ids, label, scores, words changed, texts (the
    keys of :data:`GROUP_COLUMNS`, in order)."""
    a_text, b_text = comparison.a.segmentation.texts, comparison.b.segmentation.texts
    rows = []
    for number, (group, diff) in enumerate(
        zip(comparison.aligned.groups, comparison.diffs, strict=True)
    ):
        row = {
            "story": story.id,
            "version_a": comparison.a.id,
            "version_b": comparison.b.id,
            "group": number,
            "a": list(group.a),
            "b": list(group.b),
            "label": group.label,
            "score": float(group.score),
            "edit": group.edit,
            "ratio": None if group.ratio is None else float(group.ratio),
            "moved": bool(group.moved),
            "is_heading": bool(group.is_heading),
            "words_deleted": diff.n_deleted_words,
            "words_inserted": diff.n_inserted_words,
        }
        if texts:
            row["a_text"] = " ".join(a_text[i] for i in group.a)
            row["b_text"] = " ".join(b_text[j] for j in group.b)
        rows.append(row)
    return rows


def _mean_tone(version) -> float | None:
    from ..tone import mean_tone  # noqa: PLC0415 (VADER loads its lexicon when first used)

    mean = mean_tone(version)
    return None if mean != mean else mean


def story_tables(
    story: Story, options: CorpusOptions, part: PairSlice | None = None
) -> tuple[list[dict], list[dict]]:
    """The pair rows and group rows of one story, or of one slice of its pairs.

    A slice's rows are those rows of the whole story: the vectorizer is fitted on all the
    story's sentences either way.
    """
    thresholds = options.thresholds
    if options.pairs == "consecutive":
        _warn_if_out_of_order(story)
    wanted = version_pairs(story.ids, options.pairs, options.reference)
    if part is not None:
        wanted = wanted[part.start : part.stop]
    for x, y in wanted:
        check_pair_size(story[x], story[y])
    vectorizer, counts = story_counts(story, word_weight=thresholds.word_weight)
    tones = None
    if options.tone:
        needed = dict.fromkeys(v for pair in wanted for v in pair)
        tones = {v: _mean_tone(story[v]) for v in needed}
    pairs, groups = [], []
    for x, y in wanted:
        comparison = compare_counted(
            story[x], story[y], vectorizer, counts[x], counts[y], thresholds
        )
        pairs.append(pair_row(story, comparison, tones))
        groups.extend(group_rows(story, comparison, texts=options.texts))
    return pairs, groups


def _warn_if_out_of_order(story: Story) -> None:
    """Warn when a story's version ids are all numbers, or all ISO dates, and go back somewhere
    in the order given: consecutive pairs follow that order (a database read without ``ORDER
    BY`` gave "0 -> 2 -> 1", a revision that deleted words, without a word)."""
    from datetime import date, datetime  # noqa: PLC0415

    for read in (float, date.fromisoformat, datetime.fromisoformat):
        try:
            keys = [read(version_id) for version_id in story.ids]
            back = next((k for k in range(1, len(keys)) if keys[k] < keys[k - 1]), None)
        except (TypeError, ValueError):  # (not all read so; or times with and without a zone)
            continue
        if back is not None:
            warnings.warn(
                f"story {story.id!r}: version {story.ids[back]!r} comes after "
                f"{story.ids[back - 1]!r}; consecutive pairs follow the order of the rows, so "
                "sort the versions (ORDER BY in a database's query)",
                StorydiffWarning,
                2,
            )
        return


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    if not isinstance(error, StorydiffError):
        text = f"{type(error).__name__}: {text} (a bug? please report it with this story)"
    return text


@dataclass(frozen=True)
class ChunkTables:
    """The rows of a chunk of stories: pairs, groups, and stories that could not be compared.

    Attributes
    ----------
    index : int
        The chunk's position in the corpus.
    pairs, groups : list of dict
    errors : list of dict
        ``{"story", "error", "kind"}``: the one-line message of a story that was not compared,
        and why (:data:`ERROR_KINDS`).
    n_stories : int
    """

    index: int
    pairs: list[dict]
    groups: list[dict]
    errors: list[dict]
    n_stories: int

    @property
    def n_failed(self) -> int:
        """Stories that failed (those with a single version are counted apart)."""
        return sum(row["kind"] == ERROR_KINDS[0] for row in self.errors)


ERROR_KINDS = ("error", "single version")
"""Why a story of a corpus was not compared: it failed (an unreadable or empty version, a
missing file, ...), or it has a single version, so nothing to compare (a revision corpus may
hold articles that were never revised; they are not failures)."""


def _error_row(story_id, error: BaseException, prefix: str = "") -> dict:
    kind = ERROR_KINDS[1] if isinstance(error, SingleVersionError) else ERROR_KINDS[0]
    return {"story": str(story_id), "error": prefix + _one_line(error), "kind": kind}


def chunk_tables(index: int, chunk: list, options: CorpusOptions) -> ChunkTables:
    """Read and compare every story of a chunk; a story that fails becomes an error row.

    Each item of `chunk` is a story's :data:`~storydiff.reading.StoryRecords` ``(story_id,
    records)``, or ``(story_id, records, PairSlice)`` for one slice of a long story's pairs.
    A story that cannot be read is one error row, from its first slice; a slice whose
    comparison fails is an error row naming the slice.

    The package's caches are emptied first (:func:`storydiff.caches.clear_caches`): a story's
    versions still share their sentences' work, and a worker's memory and speed stay the same
    from the first chunk of a corpus to the last.
    """
    clear_caches()
    pairs, groups, errors = [], [], []
    for story_id, records, *rest in chunk:
        part = rest[0] if rest else None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", StorydiffWarning)
            try:
                story = story_from_records(story_id, records, encoding=options.encoding)
            except Exception as error:  # noqa: BLE001 (one bad story must not stop a corpus)
                if part is None or part.start == 0:
                    errors.append(_error_row(story_id, error))
                continue
            try:
                story_pairs, story_groups = story_tables(story, options, part)
            except Exception as error:  # noqa: BLE001
                errors.append(_error_row(story_id, error, f"{part.describe()}: " if part else ""))
                continue
        _keep_warnings(caught, story_pairs)
        pairs.extend(story_pairs)
        groups.extend(story_groups)
    return ChunkTables(index, pairs, groups, errors, len(chunk))


def _keep_warnings(caught: list, pairs: list[dict]) -> None:
    """Put storydiff's warnings of a story into its pair rows, where the run's summary finds
    them however the chunk was run (a worker's, or a cluster's, standard error is not the
    user's); a version's own warnings are in its pairs already. Other warnings are shown."""
    notes = []
    for warning in caught:
        if issubclass(warning.category, StorydiffWarning):
            notes.append(str(warning.message))
        else:
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    for row in pairs:
        row["warnings"] = list(dict.fromkeys([*row["warnings"], *notes]))


PAIR_COLUMNS = (
    ["story", "version_a", "version_b", "sentences_a", "sentences_b", "words_a", "words_b"]
    + ["words_deleted", "words_inserted"]
    + [f.name for f in fields(Similarity)]
    + [f"groups_{label}" for label in LABELS]
    + [f"share_{k.replace(' ', '_')}_{side}" for side in "ab" for k in SHARE_CLASSES]
    + ["tone_a", "tone_b", "warnings"]
)
"""Columns of the pairs table, in order (``tone_*`` only when tone is asked for)."""
