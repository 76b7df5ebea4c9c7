"""Sentence alignment between two versions of a story, with edit labels.

How it works, in plain words:

1. **Similarity.** Every sentence of version *a* is compared with every sentence of version *b* by
   a combined cosine of word TF-IDF on stems and of character n-grams
   (:class:`storydiff.features.SentenceVectorizer`, fitted once per story). Long versions (more
   than :data:`DIRECT_PAIRS` sentence pairs) are aligned stretch by stretch instead
   (:mod:`storydiff.anchors`): sentences carried over word for word, in order, are paired as
   they are, and only the others are compared, so the work grows with the length and with the
   changes, not with the square of the length.
2. **In-order matches.** Dynamic programming picks the set of one-to-one pairs that keeps both
   versions in document order and maximises the total similarity above ``match_threshold`` (the
   longest common subsequence, weighted by similarity).
3. **Moved sentences.** Sentences still unpaired are paired across the order, best first, when
   their similarity reaches the stricter ``moved_threshold``.
4. **Splits and merges.** A sentence still unpaired joins a pair nearby (within ``window``
   sentences) when most of its content words are found in the other side (``attach_coverage``)
   and adding it raises the group's similarity by at least ``attach_gain``: one sentence rewritten
   as two becomes a ``split`` group, two folded into one a ``merged`` group.
5. **Labels.** Headings are aligned only with headings, or with a line left unpaired on the
   other side that has the same words (a headline written as a heading in one version and as
   a plain first line in the other). A group with both sides is ``unchanged``
   when its words are the same (differences of whitespace, letter case, quote style and
   punctuation alone do not count, though the inline diff shows them and counts a word whose
   case changed), ``edited`` when at least ``edited_threshold`` of its words are shared in order
   (difflib's ratio over word tokens), ``rewritten`` otherwise; ``split``, ``merged`` and
   ``moved`` take precedence over these, and the word-level verdict stays in the ``edit`` column.
   What is left over is ``deleted`` (only in *a*) or ``added`` (only in *b*).

Examples
--------
>>> from storydiff.structure import segment
>>> a = segment("Two men died in a drone strike. Six were hurt. The mayor resigned.").sentences
>>> b = segment("Six were hurt. Two men were killed in a drone strike.").sentences
>>> alignment = align_sentences(a, b)
>>> alignment.to_frame()[["a", "b", "label", "edit"]]
         a    b      label       edit
group
0      [1]  [0]  unchanged  unchanged
1      [0]  [1]      moved     edited
2      [2]   []    deleted        NaN
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import NoReturn

import numpy as np
import pandas as pd

from . import matching
from .anchors import AnchorPlan, anchor_plan, pair_scores, scored_pairs
from .errors import InputTooLargeError, ParameterError
from .features import SentenceVectorizer, combined_similarity
from .groups import WorkingGroups, attach_leftovers
from .structure import Segmentation
from .tokens import signed_keys

MAX_SENTENCE_PAIRS = 16_000_000
"""The most sentence pairs one alignment scores: sentences of *a* times sentences of *b*, or, for
versions aligned stretch by stretch (above :data:`DIRECT_PAIRS`), the pairs within the
stretches between sentences carried over word for word, and then the sentences left unpaired
times each other (tried as moved sentences); the same for headings.

Scoring takes time and memory in proportion: about 70 bytes a pair, 1 GB and 10 to 20 seconds
for 4,000 by 4,000 sentences, where a news article has tens. Above the bound the comparison stops
with :class:`storydiff.errors.InputTooLargeError` before it fills the memory; raise it for a
machine that has the memory."""

MAX_VERSION_SENTENCES = 50_000
"""The most sentences of one version aligned (headings aside). Time and memory grow with the
versions' length even where most sentences carry over: two versions of 50,000 sentences (some
6.5 MB of text each) took 25 seconds and 1.7 GB (``bench/long_versions.py``). Above the bound
the comparison stops with :class:`storydiff.errors.InputTooLargeError` before it starts; raise
it for a machine that has the memory."""

HEADING_RATIO = 0.6
"""Least difflib ratio of two headings' lower-case forms for them to be paired."""

DIRECT_HEADING_PAIRS = 10_000
"""Above this many heading pairs (100 headings by 100), headings are aligned stretch by stretch,
as sentences are above :data:`DIRECT_PAIRS`."""

DIRECT_PAIRS = 1_000_000
"""Above this many sentence pairs (1,000 sentences by 1,000), versions are aligned stretch by
stretch (:mod:`storydiff.anchors`): sentences carried over word for word, in order, are paired
as they are, and only the rest are scored, within the stretches between them and, for moved
sentences, against each other. Up to it every sentence is scored against every other."""

LABELS = ("unchanged", "edited", "rewritten", "split", "merged", "moved", "added", "deleted")
"""Every label a group can have."""


@dataclass(frozen=True)
class AlignmentThresholds:
    """Parameters of :func:`align_sentences`, with their defaults.

    Attributes
    ----------
    match_threshold : float, default 0.2
        Least combined similarity for two sentences to be paired in document order.
    moved_threshold : float, default 0.5
        Least similarity for a pair out of document order (a moved sentence); never less than
        ``match_threshold``.
    attach_coverage : float, default 0.18
        Least share of a sentence's content-word weight found in the other side for it to join a
        group as part of a split or merge. It must also bring two or more of the other side's
        words that the group lacked, unless half its weight is found there.
    attach_gain : float, default 0.01
        Least rise in the share of the other side's content covered by the group for that join.
    attach_distance_cost : float, default 0.08
        Added to ``attach_coverage`` for each sentence of distance beyond the adjacent one: splits
        and merges are usually of neighbouring sentences.
    window : int, default 3
        How far (in sentences) a sentence may stand from its group's other members to join it.
    edited_threshold : float, default 0.7
        Least share of words kept in order (difflib ratio over word tokens) for ``edited`` rather
        than ``rewritten``; a pair with a single word changed (or two put in or taken out) is
        ``edited`` whatever its share (:data:`SMALL_EDIT_WORDS`).
    word_weight : float, default 0.5
        Weight of the word cosine against the character cosine.
    """

    match_threshold: float = 0.2
    moved_threshold: float = 0.5
    attach_coverage: float = 0.18
    attach_gain: float = 0.01
    attach_distance_cost: float = 0.08
    window: int = 3
    edited_threshold: float = 0.7
    word_weight: float = 0.5

    def __post_init__(self) -> None:
        for name in (
            "match_threshold",
            "moved_threshold",
            "attach_coverage",
            "edited_threshold",
            "word_weight",
            "attach_distance_cost",
        ):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
                raise ParameterError(f"{name} must be a number from 0 to 1, got {value!r}")
        if not isinstance(self.attach_gain, (int, float)) or not 0.0 <= self.attach_gain <= 1.0:
            raise ParameterError(
                f"attach_gain must be a number from 0 to 1, got {self.attach_gain!r}"
            )
        if not isinstance(self.window, int) or self.window < 0:
            raise ParameterError(f"window must be a whole number >= 0, got {self.window!r}")


@dataclass(frozen=True)
class AlignedGroup:
    """Sentences of *a* and of *b* that correspond, with what happened to them.

    Attributes
    ----------
    a, b : tuple of int
        Sentence ids (rows of each version's sentence table); one side is empty for ``added`` and
        ``deleted`` groups.
    label : str
        One of :data:`LABELS`.
    score : float
        Combined similarity of the two sides (0 when one side is empty).
    edit : str or None
        ``unchanged``, ``edited`` or ``rewritten`` for groups with both sides, else None.
    ratio : float or None
        Share of word tokens kept in order (difflib ratio), for groups with both sides.
    moved : bool
        The pair is out of document order.
    is_heading : bool
        The group holds a heading (headings align only with headings, or with a line of the
        same words that is not one on the other side).
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    label: str
    score: float = 0.0
    edit: str | None = None
    ratio: float | None = None
    moved: bool = False
    is_heading: bool = False


@dataclass(frozen=True)
class Alignment:
    """The aligned groups of two versions, covering every sentence of each exactly once.

    Attributes
    ----------
    groups : tuple of AlignedGroup
        In reading order: by position in *b*, with sentences only in *a* after their neighbours.
    a_source, b_source : DataFrame or Segmentation
        The two sentence tables the ids refer to, or the segmentations that make them (then a
        table is only built when asked for); :attr:`a_sentences` and :attr:`b_sentences` are
        the tables.
    thresholds : AlignmentThresholds
    similarity : ndarray or None
        Combined similarity of every non-heading sentence pair, rows for *a*, columns for *b*
        (indexed by position among the non-heading sentences); ``None`` for versions aligned
        stretch by stretch (above :data:`DIRECT_PAIRS`), whose pairs were not all scored.
    """

    groups: tuple[AlignedGroup, ...]
    a_source: pd.DataFrame | Segmentation = field(repr=False)
    b_source: pd.DataFrame | Segmentation = field(repr=False)
    thresholds: AlignmentThresholds = field(default_factory=AlignmentThresholds)
    similarity: np.ndarray | None = field(default=None, repr=False)

    @property
    def a_sentences(self) -> pd.DataFrame:
        """The sentence table of *a*."""
        return _table(self.a_source)

    @property
    def b_sentences(self) -> pd.DataFrame:
        """The sentence table of *b*."""
        return _table(self.b_source)

    def to_frame(self) -> pd.DataFrame:
        """One row per group: a, b (lists of ids), label, score, edit, ratio, moved, is_heading,
        a_text and b_text (the sentences joined by a space)."""
        a_text, b_text = _texts(self.a_source), _texts(self.b_source)
        rows = []
        for group in self.groups:
            row = asdict(group)
            row["a"], row["b"] = list(group.a), list(group.b)
            row["a_text"] = " ".join(a_text[i] for i in group.a)
            row["b_text"] = " ".join(b_text[j] for j in group.b)
            rows.append(row)
        columns = [
            "a",
            "b",
            "label",
            "score",
            "edit",
            "ratio",
            "moved",
            "is_heading",
            "a_text",
            "b_text",
        ]
        frame = pd.DataFrame(rows, columns=columns)
        frame.index.name = "group"
        return frame

    def to_dict(self) -> list[dict]:
        """The groups as JSON-ready dicts: ``{a: [ids], b: [ids], label, score, ...}``."""
        return [
            {
                **asdict(g),
                "a": list(g.a),
                "b": list(g.b),
                "score": round(float(g.score), 4),
                "ratio": None if g.ratio is None else round(float(g.ratio), 4),
            }
            for g in self.groups
        ]

    def counts(self) -> pd.Series:
        """Number of groups per label (every label listed, zeros included)."""
        counts = pd.Series(0, index=list(LABELS), name="groups")
        for group in self.groups:
            counts[group.label] += 1
        counts.index.name = "label"
        return counts

    @cached_property
    def sentence_labels(self) -> dict[str, pd.Series]:
        """For sides ``"a"`` and ``"b"``, the label of every sentence's group, by sentence id."""
        result = {}
        for side, table in (("a", self.a_sentences), ("b", self.b_sentences)):
            labels = pd.Series(index=table.index, dtype=object, name="label")
            for group in self.groups:
                for sentence in getattr(group, side):
                    labels[sentence] = group.label
            result[side] = labels
        return result


SMALL_EDIT_WORDS = 2
"""Words changed, put in or taken out (a word replaced counts two) that make a pair ``edited``
whatever its ratio: in a short sentence a single changed word leaves less than
``edited_threshold`` of its words."""


def _edit_verdict(a_text: str, b_text: str, edited_threshold: float) -> tuple[str, float]:
    if a_text == b_text:
        return "unchanged", 1.0
    a_words, b_words = signed_keys(a_text), signed_keys(b_text)
    if a_words == b_words:
        return "unchanged", 1.0
    kept = matching.matched(a_words, b_words)
    ratio = 2.0 * kept / (len(a_words) + len(b_words))
    # One word changed, or two put in or taken out, is an edit however short the sentence
    # ("Five people died." and "Six people died." keep 0.67 of their words).
    small = kept and len(a_words) + len(b_words) - 2 * kept <= SMALL_EDIT_WORDS
    return ("edited" if ratio >= edited_threshold or small else "rewritten"), ratio


def check_alignment_size(
    n_a: int,
    n_b: int,
    *,
    a: str = "version a",
    b: str = "version b",
    plan: AnchorPlan | None = None,
) -> None:
    """Refuse to score more than :data:`MAX_SENTENCE_PAIRS` sentence pairs, or to align a
    version of more than :data:`MAX_VERSION_SENTENCES` sentences.

    Parameters
    ----------
    n_a, n_b : int
        Sentences to align (headings aside) in each version.
    a, b : str
        The versions' names, for the message.
    plan : AnchorPlan, optional
        For versions aligned stretch by stretch (:func:`plan_alignment`): then only the pairs
        within its stretches count (:attr:`storydiff.anchors.AnchorPlan.pairs_to_score`).

    Raises
    ------
    InputTooLargeError
        Naming the two inputs (`a`, `b`), their sentences and what to do.

    Examples
    --------
    >>> check_alignment_size(40, 60)
    >>> check_alignment_size(5000, 4000, a="old.txt", b="new.txt")
    Traceback (most recent call last):
    ...
    storydiff.errors.InputTooLargeError: old.txt and new.txt: 5,000 and 4,000 sentences ...
    """
    for name, n in ((a, n_a), (b, n_b)):
        if n > MAX_VERSION_SENTENCES:
            raise InputTooLargeError(
                f"{name}: {n:,} sentences, more than storydiff.align.MAX_VERSION_SENTENCES "
                f"({MAX_VERSION_SENTENCES:,}; two versions this long take some 2 GB of memory "
                "to compare); compare the document part by part, or raise that bound if the "
                "machine has the memory"
            )
    scored = n_a * n_b if plan is None else plan.pairs_to_score
    if scored <= MAX_SENTENCE_PAIRS:
        return
    if plan is None or not plan.anchors:
        _refuse(f"{a} and {b}: {n_a:,} and {n_b:,} sentences are {scored:,} sentence pairs")
    _refuse(
        f"{a} and {b}: {n_a:,} and {n_b:,} sentences, whose stretches between the sentences "
        f"carried over word for word hold {scored:,} sentence pairs"
    )


def _refuse(what: str) -> NoReturn:
    raise InputTooLargeError(
        f"{what} to score, more than storydiff.align.MAX_SENTENCE_PAIRS ({MAX_SENTENCE_PAIRS:,}; "
        "about 70 bytes of memory each); compare the documents part by part, or raise that "
        "bound if the machine has the memory"
    )


def check_forms_size(
    a_forms: Sequence[str], b_forms: Sequence[str], *, a: str = "version a", b: str = "version b"
) -> None:
    """:func:`check_alignment_size` for two versions' sentences to align (their comparison
    forms, :func:`body_forms`), planning the alignment only when they are many.

    Examples
    --------
    >>> check_forms_size(["Same."] * 5000, ["Same."] * 5000 + ["New."])  # carried over
    >>> check_forms_size([f"Old {n}." for n in range(5000)], [f"New {n}." for n in range(4000)])
    Traceback (most recent call last):
    ...
    storydiff.errors.InputTooLargeError: version a and version b: 5,000 and 4,000 sentences are ...
    """
    n_a, n_b = len(a_forms), len(b_forms)
    if n_a * n_b > MAX_SENTENCE_PAIRS and max(n_a, n_b) <= MAX_VERSION_SENTENCES:
        check_alignment_size(n_a, n_b, a=a, b=b, plan=plan_alignment(a_forms, b_forms))
    else:
        check_alignment_size(n_a, n_b, a=a, b=b)


def plan_alignment(a_forms: Sequence[str], b_forms: Sequence[str]) -> AnchorPlan | None:
    """How two versions will be aligned: ``None`` when every sentence pair is scored (up to
    :data:`DIRECT_PAIRS` pairs), else the anchors and stretches
    (:func:`storydiff.anchors.anchor_plan`).

    `a_forms` and `b_forms` are the comparison forms of the sentences to align (headings aside,
    :func:`body_forms`).

    Examples
    --------
    >>> plan_alignment(["one."] * 3, ["one."] * 4) is None
    True
    """
    if len(a_forms) * len(b_forms) <= DIRECT_PAIRS:
        return None
    return anchor_plan(a_forms, b_forms)


def body_forms(segmentation: Segmentation) -> list[str]:
    """The comparison forms of a segmentation's sentences that are not headings (what
    :func:`align_segmentations` aligns by similarity)."""
    return [
        norm
        for norm, unit in zip(segmentation.norms, segmentation.units, strict=True)
        if not unit[3]
    ]


def _monotone_pairs(similarity: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs in document order maximising the total similarity above `threshold`."""
    n, m = similarity.shape
    if n == 0 or m == 0:
        return []
    gain = np.where(similarity >= threshold, similarity - threshold + 1e-9, -np.inf)
    dp = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        previous = dp[i - 1]
        best = np.maximum(previous[1:], previous[:-1] + gain[i - 1])
        dp[i, 1:] = np.maximum.accumulate(np.maximum(best, 0.0))
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        if dp[i, j] == dp[i, j - 1]:
            j -= 1
        elif dp[i, j] == dp[i - 1, j]:
            i -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _moved_threshold(t: AlignmentThresholds) -> float:
    """The least similarity of a pair out of order: ``moved_threshold``, and never less than
    ``match_threshold`` (with ``match_threshold=0.9``, pairs of 0.5 to 0.9 that the in-order
    pass left were all "moved")."""
    return max(t.moved_threshold, t.match_threshold)


def _pair_everything(groups: WorkingGroups, similarity: np.ndarray, t: AlignmentThresholds) -> None:
    """In-order pairs, then moved pairs, from the similarity of every sentence pair."""
    for i, j in _monotone_pairs(similarity, t.match_threshold):
        groups.add([i], [j])
    # Moved: pairs across the order, best first.
    free_a = [i for i in range(similarity.shape[0]) if i not in groups.group_of_a]
    free_b = [j for j in range(similarity.shape[1]) if j not in groups.group_of_b]
    if free_a and free_b:
        sub = similarity[np.ix_(free_a, free_b)]
        for flat in np.argsort(-sub, axis=None):
            r, c = np.unravel_index(flat, sub.shape)
            if sub[r, c] < _moved_threshold(t):
                break
            i, j = free_a[r], free_b[c]
            if i in groups.group_of_a or j in groups.group_of_b:
                continue
            groups.add([i], [j], moved=True)


def _pair_by_stretches(
    groups: WorkingGroups, plan: AnchorPlan, t: AlignmentThresholds, names: tuple[str, str]
) -> None:
    """In-order pairs (the plan's anchors, and pairs within each stretch between them), then
    moved pairs among the sentences left, scoring only those (:mod:`storydiff.anchors`).

    Raises
    ------
    InputTooLargeError
        When the sentences left unpaired are more than :data:`MAX_SENTENCE_PAIRS` pairs.
    """
    a_vectors, b_vectors = groups.a_vectors, groups.b_vectors

    def block(a_start: int, a_end: int, b_start: int, b_end: int) -> np.ndarray:
        return combined_similarity(
            (a_vectors[0][a_start:a_end], a_vectors[1][a_start:a_end]),
            (b_vectors[0][b_start:b_end], b_vectors[1][b_start:b_end]),
            t.word_weight,
        )

    for i, j in _stretch_pairs(plan, block, t.match_threshold):
        groups.add([i], [j])
    free_a = [
        i for a0, a1, _, _ in plan.stretches for i in range(a0, a1) if i not in groups.group_of_a
    ]
    free_b = [
        j for _, _, b0, b1 in plan.stretches for j in range(b0, b1) if j not in groups.group_of_b
    ]
    if len(free_a) * len(free_b) > MAX_SENTENCE_PAIRS:
        _refuse(
            f"{names[0]} and {names[1]}: {len(free_a):,} and {len(free_b):,} sentences left "
            f"unpaired in order, to be tried as moved sentences, are "
            f"{len(free_a) * len(free_b):,} sentence pairs"
        )
    moved = scored_pairs(a_vectors, b_vectors, free_a, free_b, t.word_weight, _moved_threshold(t))
    for _, i, j in moved:
        if i in groups.group_of_a or j in groups.group_of_b:
            continue
        groups.add([i], [j], moved=True)


def _heading_pairs(
    a_headings: list[str], b_headings: list[str], names: tuple[str, str]
) -> list[tuple[int, int]]:
    """In-order pairs of headings whose comparison forms are alike (difflib's ratio of their
    lower-case forms >= :data:`HEADING_RATIO`).

    Up to :data:`DIRECT_HEADING_PAIRS` pairs, every heading is scored against every other; more
    headings (a long report, a live blog with one heading an entry) are aligned as sentences
    are above :data:`DIRECT_PAIRS`: identical headings in order are paired as they are, and
    only the stretches between them are scored.
    """
    if not a_headings or not b_headings:
        return []
    a_forms = [heading.lower() for heading in a_headings]
    b_forms = [heading.lower() for heading in b_headings]
    if len(a_forms) * len(b_forms) <= DIRECT_HEADING_PAIRS:
        return _monotone_pairs(_heading_similarity(a_forms, b_forms), HEADING_RATIO)
    plan = anchor_plan(a_forms, b_forms)
    if plan.pairs_to_score > MAX_SENTENCE_PAIRS:
        _refuse(
            f"{names[0]} and {names[1]}: {len(a_forms):,} and {len(b_forms):,} headings, whose "
            f"stretches between the headings carried over word for word hold "
            f"{plan.pairs_to_score:,} heading pairs"
        )
    return _stretch_pairs(
        plan,
        lambda a0, a1, b0, b1: _heading_similarity(a_forms[a0:a1], b_forms[b0:b1]),
        HEADING_RATIO,
    )


def _stretch_pairs(plan: AnchorPlan, similarity, threshold: float) -> list[tuple[int, int]]:
    """The in-order pairs of a plan, in order: its anchors, and within each stretch the pairs
    :func:`_monotone_pairs` picks from ``similarity(a_start, a_end, b_start, b_end)``."""
    pairs = list(plan.anchors)
    for a_start, a_end, b_start, b_end in plan.stretches:
        if a_start < a_end and b_start < b_end:
            block = similarity(a_start, a_end, b_start, b_end)
            pairs.extend((a_start + i, b_start + j) for i, j in _monotone_pairs(block, threshold))
    return sorted(pairs)


def _same_lines(
    a_ids: list[int], b_ids: list[int], a_norm: dict, b_norm: dict, edited_threshold: float
) -> list[tuple[int, int]]:
    """In-order pairs of a heading of one side and a sentence left unpaired on the other whose
    words are the same, or edited at most (first come, first paired).

    A pair whose shared words (counted as a multiset, the most that can be kept in order) are
    too few for ``edited`` is passed over without the word diff: a version of 300 headings
    against one of 1,500 sentences took 4 s here before."""
    if not a_ids or not b_ids:
        return []
    a_words = {i: Counter(signed_keys(a_norm[i])) for i in a_ids}
    b_words = {j: Counter(signed_keys(b_norm[j])) for j in b_ids}
    pairs, start = [], 0
    for a_id in a_ids:
        x = a_words[a_id]
        for k in range(start, len(b_ids)):
            y = b_words[b_ids[k]]
            total = x.total() + y.total()
            needed = min(edited_threshold * total / 2, max((total - SMALL_EDIT_WORDS) / 2, 1))
            if (x & y).total() < needed:
                continue  # (cannot be edited: too few words in common)
            edit, _ = _edit_verdict(a_norm[a_id], b_norm[b_ids[k]], edited_threshold)
            if edit != "rewritten":
                pairs.append((a_id, b_ids[k]))
                start = k + 1
                break
    return pairs


def _heading_similarity(a_forms: list[str], b_forms: list[str]) -> np.ndarray:
    """difflib's ratio of every pair of headings that may reach :data:`HEADING_RATIO` (its
    quick upper bounds say which), 0 for the others."""
    similarity = np.zeros((len(a_forms), len(b_forms)))
    matcher = difflib.SequenceMatcher(None)
    for j, b_form in enumerate(b_forms):
        matcher.set_seq2(b_form)  # what difflib learns of the second form is kept across the row
        for i, a_form in enumerate(a_forms):
            matcher.set_seq1(a_form)
            if (
                matcher.real_quick_ratio() >= HEADING_RATIO
                and matcher.quick_ratio() >= HEADING_RATIO
            ):
                similarity[i, j] = matcher.ratio()
    return similarity


def _body_rows(vectors: tuple, is_heading: np.ndarray) -> tuple:
    """The rows of ``(word_matrix, char_matrix)`` that are not headings."""
    if not is_heading.any():
        return vectors
    rows = np.flatnonzero(~is_heading)
    return vectors[0][rows], vectors[1][rows]


def align_sentences(
    a_sentences: pd.DataFrame,
    b_sentences: pd.DataFrame,
    *,
    vectorizer: SentenceVectorizer | None = None,
    vectors: tuple | None = None,
    thresholds: AlignmentThresholds | None = None,
) -> Alignment:
    """Align the sentences of two versions.

    Parameters
    ----------
    a_sentences, b_sentences : DataFrame
        Sentence tables (``text``, ``norm``, ``is_heading``), as
        :attr:`storydiff.Version.sentences`.
    vectorizer : SentenceVectorizer, optional
        Already fitted on the story; fitted on these two versions' sentences otherwise.
    vectors : tuple, optional
        ``(a_vectors, b_vectors)``, each ``(word_matrix, char_matrix)`` with one row per row of
        the sentence table, already computed by the caller (then `vectorizer` is not used).
    thresholds : AlignmentThresholds, optional
        The parameters (see :class:`AlignmentThresholds` for the defaults).

    Returns
    -------
    Alignment
    """
    t = thresholds or AlignmentThresholds()
    a_columns = _columns(a_sentences)
    b_columns = _columns(b_sentences)
    groups, similarity = _align(a_columns, b_columns, vectorizer, vectors, t)
    return Alignment(groups, a_sentences, b_sentences, t, similarity)


def align_segmentations(
    a: Segmentation,
    b: Segmentation,
    *,
    vectors: tuple,
    thresholds: AlignmentThresholds,
    names: tuple[str, str] = ("version a", "version b"),
) -> Alignment:
    """:func:`align_sentences` for two segmentations whose sentence vectors are known (what
    :func:`storydiff.compare` does): the same groups, and the sentence tables are only built
    if the alignment is asked for them. `names` name the versions in an
    :class:`~storydiff.errors.InputTooLargeError`."""
    groups, similarity = _align(
        _segmentation_columns(a), _segmentation_columns(b), None, vectors, thresholds, names
    )
    return Alignment(groups, a, b, thresholds, similarity)


def _table(source) -> pd.DataFrame:
    return source.sentences if isinstance(source, Segmentation) else source


def _texts(source) -> Sequence[str] | pd.Series:
    """Sentence texts by sentence id (a table's ids are its index labels)."""
    return source.texts if isinstance(source, Segmentation) else source["text"]


def _segmentation_columns(segmentation: Segmentation) -> tuple[list[int], tuple, np.ndarray]:
    """:func:`_columns` of a segmentation's table, without building the table."""
    units = segmentation.units
    headings = np.array([heading for *_, heading in units], dtype=bool)
    return list(range(len(units))), segmentation.norms, headings


def _columns(table: pd.DataFrame) -> tuple[list[int], list[str], np.ndarray]:
    """Sentence ids, comparison forms and heading flags of a sentence table."""
    return (
        [int(i) for i in table.index],
        table["norm"].tolist(),
        table["is_heading"].to_numpy(bool),
    )


def _align(
    a_columns,
    b_columns,
    vectorizer,
    vectors,
    t: AlignmentThresholds,
    names: tuple[str, str] = ("version a", "version b"),
):
    """The groups and the similarity matrix, from each side's ids, forms and heading flags."""
    a_ids, a_norms, a_heading = a_columns
    b_ids, b_norms, b_heading = b_columns
    a_norm = dict(zip(a_ids, a_norms, strict=True))
    b_norm = dict(zip(b_ids, b_norms, strict=True))
    a_body = [i for i, heading in zip(a_ids, a_heading, strict=True) if not heading]
    b_body = [j for j, heading in zip(b_ids, b_heading, strict=True) if not heading]
    a_texts = [a_norm[i] for i in a_body]
    b_texts = [b_norm[j] for j in b_body]
    plan = plan_alignment(a_texts, b_texts)
    check_alignment_size(len(a_body), len(b_body), a=names[0], b=names[1], plan=plan)
    if vectors is not None:
        a_vectors = _body_rows(vectors[0], a_heading)
        b_vectors = _body_rows(vectors[1], b_heading)
    elif vectorizer is None:
        word, char = SentenceVectorizer(word_weight=t.word_weight).fit_transform(a_texts + b_texts)
        n = len(a_texts)
        a_vectors, b_vectors = (word[:n], char[:n]), (word[n:], char[n:])
    else:
        a_vectors, b_vectors = vectorizer.transform(a_texts), vectorizer.transform(b_texts)
    groups = WorkingGroups(a_vectors, b_vectors, t.word_weight)
    if plan is None:
        similarity = combined_similarity(a_vectors, b_vectors, t.word_weight)
        _pair_everything(groups, similarity, t)
    else:
        similarity = None
        _pair_by_stretches(groups, plan, t, names)
    attach_leftovers(groups, len(a_body), len(b_body), t)

    single = [
        (a_rows[0], b_rows[0])
        for a_rows, b_rows in groups.members
        if len(a_rows) == len(b_rows) == 1
    ]
    if similarity is not None:
        single_scores = iter(similarity[i, j] for i, j in single)
    else:
        single_scores = iter(pair_scores(a_vectors, b_vectors, single, t.word_weight))
    result: list[tuple[float, AlignedGroup]] = []
    for index, (a_rows, b_rows) in enumerate(groups.members):
        a_group = tuple(a_body[i] for i in a_rows)
        b_group = tuple(b_body[j] for j in b_rows)
        a_text = " ".join(a_norm[i] for i in a_group)
        b_text = " ".join(b_norm[j] for j in b_group)
        edit, ratio = _edit_verdict(a_text, b_text, t.edited_threshold)
        moved = groups.moved[index]
        if len(a_group) == 1 and len(b_group) > 1:
            label = "split"
        elif len(a_group) > 1 and len(b_group) == 1:
            label = "merged"
        elif len(a_group) > 1:
            label = "rewritten"
        else:
            label = "moved" if moved else edit
        if len(a_rows) == 1 and len(b_rows) == 1:
            score = float(next(single_scores))
        else:
            score = groups.score(a_rows, b_rows)
        group = AlignedGroup(a_group, b_group, label, score, edit, ratio, moved)
        result.append((float(min(b_group)), group))
    a_heads = [i for i, heading in zip(a_ids, a_heading, strict=True) if heading]
    b_heads = [j for j, heading in zip(b_ids, b_heading, strict=True) if heading]
    head_pairs = _heading_pairs([a_norm[i] for i in a_heads], [b_norm[j] for j in b_heads], names)
    pairs = [(a_heads[i], b_heads[j]) for i, j in head_pairs]
    # A headline that is a heading in one version and a plain line in the other (a Markdown
    # "#" line against a text file's first line) is the same headline.
    paired_a_heads = {a_id for a_id, _ in pairs}
    paired_b_heads = {b_id for _, b_id in pairs}
    a_free_body = [a_body[i] for i in range(len(a_body)) if i not in groups.group_of_a]
    b_free_body = [b_body[j] for j in range(len(b_body)) if j not in groups.group_of_b]
    for a_side, b_side in (
        ([i for i in a_heads if i not in paired_a_heads], b_free_body),
        (a_free_body, [j for j in b_heads if j not in paired_b_heads]),
    ):
        pairs += _same_lines(a_side, b_side, a_norm, b_norm, t.edited_threshold)
    paired_b = {b_id for _, b_id in pairs}
    for j in range(len(b_body)):
        if j not in groups.group_of_b and b_body[j] not in paired_b:
            result.append((float(b_body[j]), AlignedGroup((), (b_body[j],), "added")))
    for a_id, b_id in pairs:
        edit, ratio = _edit_verdict(a_norm[a_id], b_norm[b_id], t.edited_threshold)
        result.append(
            (float(b_id), AlignedGroup((a_id,), (b_id,), edit, ratio, edit, ratio, is_heading=True))
        )
    for b_id in b_heads:
        if b_id not in paired_b:
            result.append((float(b_id), AlignedGroup((), (b_id,), "added", is_heading=True)))

    # Sentences only in a: after the b-position of the nearest earlier a-sentence that has one.
    b_position_of_a: dict[int, float] = {}
    for position, group in result:
        for a_id in group.a:
            b_position_of_a[a_id] = position
    deleted = [i for i in a_ids if i not in b_position_of_a]
    head_set = set(a_heads)
    placed = sorted(b_position_of_a)
    latest = np.maximum.accumulate([b_position_of_a[k] for k in placed]) if placed else []
    for a_id in deleted:
        before = bisect_left(placed, a_id)  # the a-sentences placed that come before it
        position = (float(latest[before - 1]) if before else -1.0) + 0.5 + a_id / 1e6
        result.append((position, AlignedGroup((a_id,), (), "deleted", is_heading=a_id in head_set)))
    result.sort(key=lambda item: item[0])
    return tuple(g for _, g in result), similarity
