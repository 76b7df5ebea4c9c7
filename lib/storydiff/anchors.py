"""Long versions aligned stretch by stretch: sentences carried over word for word are anchors.

:func:`storydiff.align.align_sentences` scores every sentence of one version against every
sentence of the other, so its time and memory grow with the product of their lengths: nothing for
an article of tens of sentences, minutes and gigabytes for two versions of tens of thousands (a
transcript, a report, a live blog that ran for days). Between two revisions of such a document
most sentences are carried over unchanged, and those need no scoring at all.

So above :data:`storydiff.align.DIRECT_PAIRS` the alignment is planned first from the sentences'
comparison forms alone:

1. **Anchors.** Sentences whose comparison forms are identical, in the same order in both
   versions: the common start and end, then the sentences found exactly once in each, kept where
   their order agrees (the longest such chain, as "patience diff" does), with the identical
   sentences next to them, in runs of at least two sentences.
2. **Stretches.** What lies between two anchors: a few sentences of *a* and a few of *b*. The
   in-order pairing of :func:`storydiff.align.align_sentences` runs within each stretch.
3. **Moved sentences.** Sentences still unpaired are scored against each other across the whole
   document (:func:`scored_pairs`, block by block, keeping only scores above the threshold), so a
   paragraph moved from the top to the bottom is still found.

The cost then grows with the sentences that are *not* carried over: the pairs within each
stretch, and the sentences left unpaired scored against each other. Each of these counts is what
:data:`storydiff.align.MAX_SENTENCE_PAIRS` bounds for long versions.

Examples
--------
>>> plan = anchor_plan(["a", "b", "c", "d"], ["a", "x", "c", "d", "e"])
>>> plan.anchors
[(0, 0), (2, 2), (3, 3)]
>>> plan.stretches
[(1, 2, 1, 2), (4, 4, 4, 5)]
>>> plan.unanchored, plan.pairs_to_score
((1, 2), 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import matching
from .features import round_cosines

MIN_RUN = 2
"""Fewest sentences carried over together, in order, for them to be anchors (past the common
start and end): a lone sentence that reads the same in both versions may be one that moved
far, and is left to the stretch around it, where every pair is scored."""

BLOCK_ROWS = 512
"""Rows of *a* scored at a time by :func:`scored_pairs` (the memory of one block is this many
rows times the sentences of *b* scored, in float64), and pairs at a time by :func:`pair_scores`."""


@dataclass(frozen=True)
class AnchorPlan:
    """How two long versions are aligned: anchors, and the stretches between them.

    Attributes
    ----------
    anchors : list of (int, int)
        ``(i, j)``: sentence *i* of *a* and sentence *j* of *b* have the same comparison form and
        are paired as they are; increasing in both.
    stretches : list of (int, int, int, int)
        ``(a_start, a_end, b_start, b_end)``: the sentences between two anchors (or before the
        first, after the last), at least one side not empty, in document order.
    """

    anchors: list[tuple[int, int]]
    stretches: list[tuple[int, int, int, int]]

    @property
    def pairs_to_score(self) -> int:
        """Sentence pairs scored for in-order pairs: within each stretch, every sentence of *a*
        with every sentence of *b*."""
        return sum(
            (a_end - a_start) * (b_end - b_start)
            for a_start, a_end, b_start, b_end in self.stretches
        )

    @property
    def unanchored(self) -> tuple[int, int]:
        """Sentences of *a* and of *b* that are in no anchor."""
        return (
            sum(a_end - a_start for a_start, a_end, _, _ in self.stretches),
            sum(b_end - b_start for _, _, b_start, b_end in self.stretches),
        )


def anchor_plan(a_forms: Sequence[str], b_forms: Sequence[str]) -> AnchorPlan:
    """The anchors and stretches of two versions, from their sentences' comparison forms.

    The anchors are the identical sentences at the common start and end, then, between them,
    the sentences found exactly once in each version, kept where their order agrees (the longest
    such chain), each extended to the identical sentences next to it, where it and they make a
    run of at least :data:`MIN_RUN`. A sentence moved far away is not an anchor: it is left to
    the moved-sentence step.

    Parameters
    ----------
    a_forms, b_forms : sequence of str
        One comparison form per sentence (as ``Segmentation.norms``).

    Returns
    -------
    AnchorPlan

    Examples
    --------
    >>> anchor_plan(["same", "old"], ["same", "new", "added"]).stretches
    [(1, 2, 1, 3)]
    >>> anchor_plan([], ["only b"]).stretches
    [(0, 0, 0, 1)]
    >>> anchor_plan(["moved", "x", "y", "z"], ["x", "y", "z", "moved"]).anchors
    [(1, 0), (2, 1), (3, 2)]
    """
    a, b = list(a_forms), list(b_forms)
    n_a, n_b = len(a), len(b)
    head = 0
    while head < min(n_a, n_b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(n_a, n_b) - head and a[n_a - 1 - tail] == b[n_b - 1 - tail]:
        tail += 1
    a_end, b_end = n_a - tail, n_b - tail
    once_a = matching.unique_runs(a, head, a_end, 1)
    once_b = matching.unique_runs(b, head, b_end, 1)
    chain = matching.increasing_pairs(
        sorted(
            (i, once_b[form]) for form, i in once_a.items() if i >= 0 and once_b.get(form, -1) >= 0
        )
    )
    anchors = [(k, k) for k in range(head)]
    done_a, done_b = head, head  # where the last run ended
    for i, j in chain:
        if i < done_a or j < done_b:  # inside the run of the anchor before
            continue
        start_a, start_b = i, j
        while start_a > done_a and start_b > done_b and a[start_a - 1] == b[start_b - 1]:
            start_a, start_b = start_a - 1, start_b - 1
        end_a, end_b = i + 1, j + 1
        while end_a < a_end and end_b < b_end and a[end_a] == b[end_b]:
            end_a, end_b = end_a + 1, end_b + 1
        if end_a - start_a >= MIN_RUN:
            anchors.extend(zip(range(start_a, end_a), range(start_b, end_b), strict=True))
            done_a, done_b = end_a, end_b
    anchors.extend((a_end + k, b_end + k) for k in range(tail))
    stretches = []
    for (i, j), (next_i, next_j) in zip([(-1, -1), *anchors], [*anchors, (n_a, n_b)], strict=True):
        if next_i - i > 1 or next_j - j > 1:
            stretches.append((i + 1, next_i, j + 1, next_j))
    return AnchorPlan(anchors, stretches)


def pair_scores(a_vectors, b_vectors, pairs: Sequence[tuple[int, int]], word_weight: float):
    """The combined similarity of some sentence pairs (rows of ``(word, char)`` L2-normalised
    sparse matrices), as :func:`storydiff.features.combined_similarity` gives for every pair.

    Examples
    --------
    >>> from storydiff.features import SentenceVectorizer
    >>> vectors = SentenceVectorizer().fit_transform(["Two men died.", "Two men were killed."])
    >>> first, second = (vectors[0][:1], vectors[1][:1]), (vectors[0][1:], vectors[1][1:])
    >>> pair_scores(first, second, [(0, 0)], 0.5).round(2).tolist()
    [0.33]
    >>> from storydiff.features import combined_similarity
    >>> combined_similarity(first, second, 0.5).round(2).tolist()
    [[0.33]]
    """
    scores = np.zeros(len(pairs))
    a_rows = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    b_rows = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
    for start in range(0, len(pairs), BLOCK_ROWS):
        a_block, b_block = a_rows[start : start + BLOCK_ROWS], b_rows[start : start + BLOCK_ROWS]
        word = a_vectors[0][a_block].multiply(b_vectors[0][b_block]).sum(axis=1)
        char = a_vectors[1][a_block].multiply(b_vectors[1][b_block]).sum(axis=1)
        scores[start : start + len(a_block)] = np.asarray(
            word_weight * word + (1.0 - word_weight) * char
        ).ravel()
    return round_cosines(scores)


def scored_pairs(
    a_vectors,
    b_vectors,
    a_rows: Sequence[int],
    b_rows: Sequence[int],
    word_weight: float,
    threshold: float,
) -> list[tuple[float, int, int]]:
    """The pairs of `a_rows` x `b_rows` whose combined similarity reaches `threshold`, best first.

    Scored :data:`BLOCK_ROWS` rows of *a* at a time, so memory stays bounded however many pairs
    there are. Ties keep the order of *a*, then of *b*.

    Returns
    -------
    list of (float, int, int)
        ``(score, i, j)`` with *i* in `a_rows` and *j* in `b_rows`.

    Examples
    --------
    >>> from storydiff.features import SentenceVectorizer
    >>> texts = ["Two men died.", "It rained.", "Two men died today.", "Rain fell."]
    >>> word, char = SentenceVectorizer().fit_transform(texts)
    >>> [(round(s, 2), i, j) for s, i, j in scored_pairs((word, char), (word, char), [0, 1], [2, 3],
    ...                                                  0.5, 0.5)]
    [(0.63, 0, 2)]
    """
    found: list[tuple[float, int, int]] = []
    if len(a_rows) == 0 or len(b_rows) == 0:
        return found
    a_index = np.asarray(a_rows, dtype=np.int64)
    b_index = np.asarray(b_rows, dtype=np.int64)
    b_word, b_char = b_vectors[0][b_index].T.tocsr(), b_vectors[1][b_index].T.tocsr()
    for start in range(0, len(a_index), BLOCK_ROWS):
        rows = a_index[start : start + BLOCK_ROWS]
        word = (a_vectors[0][rows] @ b_word).toarray()
        char = (a_vectors[1][rows] @ b_char).toarray()
        block = round_cosines(word_weight * word + (1.0 - word_weight) * char)
        r, c = np.nonzero(block >= threshold)
        found.extend(
            zip(block[r, c].tolist(), a_index[start + r].tolist(), b_index[c].tolist(), strict=True)
        )
    found.sort(key=lambda item: -item[0])  # stable: ties stay in the order of a, then b
    return found
