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

from dataclasses import asdict, dataclass, field, fields

from ..align import LABELS, AlignmentThresholds
from ..caches import clear_caches
from ..compare import SHARE_CLASSES, Comparison, compare_counted, story_counts
from ..errors import ParameterError, StorydiffError
from ..reading import StoryRecords, story_from_records
from ..similarity import Similarity
from ..story import Story
from ..tokens import sentence_keys

PAIR_MODES = ("reference", "consecutive", "all")
"""Which pairs of a story's versions are compared: each against the reference (the first
version unless named), each against the one before it (revision histories), or every pair."""


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

    def to_dict(self) -> dict:
        """The options as JSON-ready data."""
        return {**asdict(self), "thresholds": asdict(self.thresholds)}


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
    return sum(len(sentence_keys(text)) for text in version.segmentation.norms)


def pair_row(story: Story, comparison: Comparison, tones: dict | None = None) -> dict:
    """One row of the pairs table: ids, sizes, similarity, group counts, shares, tone."""
    a, b = comparison.a, comparison.b
    counts = dict.fromkeys(LABELS, 0)
    for group in comparison.aligned.groups:
        counts[group.label] += 1
    row = {
        "story": story.id,
        "version_a": a.id,
        "version_b": b.id,
        "sentences_a": len(a.segmentation.units),
        "sentences_b": len(b.segmentation.units),
        "words_a": _words(a),
        "words_b": _words(b),
        **asdict(comparison.similarity),
        **{f"groups_{label}": counts[label] for label in LABELS},
    }
    for side, shares in comparison.share_values().items():
        for kind in SHARE_CLASSES:
            row[f"share_{kind.replace(' ', '_')}_{side}"] = shares[kind]
    if tones is not None:
        row["tone_a"], row["tone_b"] = tones[a.id], tones[b.id]
    return row


def group_rows(story: Story, comparison: Comparison, *, texts: bool = True) -> list[dict]:
    """One row per aligned group: ids, sentence ids, label, scores, words changed, texts."""
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


def story_tables(story: Story, options: CorpusOptions) -> tuple[list[dict], list[dict]]:
    """The pair rows and group rows of one story."""
    thresholds = options.thresholds
    vectorizer, counts = story_counts(story, word_weight=thresholds.word_weight)
    wanted = version_pairs(story.ids, options.pairs, options.reference)
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
        ``{"story", "error"}``: the one-line message of a story that failed.
    n_stories : int
    """

    index: int
    pairs: list[dict]
    groups: list[dict]
    errors: list[dict]
    n_stories: int


def chunk_tables(index: int, chunk: list[StoryRecords], options: CorpusOptions) -> ChunkTables:
    """Read and compare every story of a chunk; a story that fails becomes an error row.

    The package's caches are emptied first (:func:`storydiff.caches.clear_caches`): a story's
    versions still share their sentences' work, and a worker's memory and speed stay the same
    from the first chunk of a corpus to the last.
    """
    clear_caches()
    pairs, groups, errors = [], [], []
    for story_id, records in chunk:
        try:
            story = story_from_records(story_id, records, encoding=options.encoding)
            story_pairs, story_groups = story_tables(story, options)
        except Exception as error:  # noqa: BLE001 (one bad story must not stop a corpus)
            errors.append({"story": str(story_id), "error": _one_line(error)})
            continue
        pairs.extend(story_pairs)
        groups.extend(story_groups)
    return ChunkTables(index, pairs, groups, errors, len(chunk))


PAIR_COLUMNS = (
    ["story", "version_a", "version_b", "sentences_a", "sentences_b", "words_a", "words_b"]
    + [f.name for f in fields(Similarity)]
    + [f"groups_{label}" for label in LABELS]
    + [f"share_{k.replace(' ', '_')}_{side}" for side in "ab" for k in SHARE_CLASSES]
    + ["tone_a", "tone_b"]
)
"""Columns of the pairs table, in order (``tone_*`` only when tone is asked for)."""
