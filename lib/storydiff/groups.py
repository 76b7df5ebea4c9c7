"""The groups of an alignment while it is made: sentences paired, and sentences left over that
join a nearby pair as parts of a split or a merge.

:func:`storydiff.align.align_sentences` first pairs sentences one to one (in order, then moved);
:func:`attach_leftovers` then lets each sentence still unpaired join the pair next to it whose
other side it covers (a sentence rewritten as two is a split, two folded into one a merge).
Sentences' word vectors are read row by row (:class:`_DenseRows`), never as a whole dense matrix,
so a long version's leftovers cost what they touch.

Examples
--------
>>> from storydiff.align import AlignmentThresholds
>>> from storydiff.features import SentenceVectorizer
>>> a = ["The mayor resigned on Monday after the vote and left the city."]
>>> b = ["The mayor resigned on Monday.", "After the vote she left the city."]
>>> word, char = SentenceVectorizer().fit_transform(a + b)
>>> groups = WorkingGroups((word[:1], char[:1]), (word[1:], char[1:]), 0.5)
>>> groups.add([0], [0])
>>> attach_leftovers(groups, 1, 2, AlignmentThresholds())
>>> groups.members
[([0], [0, 1])]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .features import round_cosines

if TYPE_CHECKING:
    from .align import AlignmentThresholds


class WorkingGroups:
    """Mutable working state of the alignment: which rows belong to which group."""

    def __init__(self, a_vectors, b_vectors, word_weight: float):
        self.a_vectors, self.b_vectors = a_vectors, b_vectors
        self.word_weight = word_weight
        self.members: list[tuple[list[int], list[int]]] = []
        self.moved: list[bool] = []
        self.group_of_a: dict[int, int] = {}
        self.group_of_b: dict[int, int] = {}

    def add(self, a_rows: list[int], b_rows: list[int], moved: bool = False) -> None:
        index = len(self.members)
        self.members.append((list(a_rows), list(b_rows)))
        self.moved.append(moved)
        for row in a_rows:
            self.group_of_a[row] = index
        for row in b_rows:
            self.group_of_b[row] = index

    def side_vectors(self, a_rows: list[int], b_rows: list[int]):
        a_word, a_char = (_row_sum(matrix, a_rows) for matrix in self.a_vectors)
        b_word, b_char = (_row_sum(matrix, b_rows) for matrix in self.b_vectors)
        return (a_word, a_char), (b_word, b_char)

    def score(self, a_rows: list[int], b_rows: list[int]) -> float:
        (a_word, a_char), (b_word, b_char) = self.side_vectors(a_rows, b_rows)
        word = _dense_cosine(a_word, b_word)
        char = _dense_cosine(a_char, b_char)
        return self.word_weight * word + (1.0 - self.word_weight) * char


def _row_sum(matrix, rows: list[int]) -> np.ndarray:
    """The sum of some rows of a CSR matrix, dense, added in the order of `rows` (in time
    that grows with those rows, not with the matrix)."""
    total = np.zeros(matrix.shape[1])
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    for row in rows:
        start, end = indptr[row], indptr[row + 1]
        total[indices[start:end]] += data[start:end]  # a row's columns are distinct
    return total


def _dense_cosine(u, v) -> float:
    u = np.asarray(u).ravel()
    v = np.asarray(v).ravel()
    norm = np.linalg.norm(u) * np.linalg.norm(v)
    return round_cosines(u @ v / norm) if norm > 0 else 0.0


def _coverage(x_word: np.ndarray, y_word: np.ndarray) -> float:
    """Share of x's word weight whose terms also occur in y (dense rows or summed rows)."""
    total = x_word.sum()
    if total <= 0:
        return 0.0
    return float(x_word[y_word > 0].sum() / total)


class _DenseRows:
    """The rows of a sparse matrix as dense arrays, each made when first asked for (the last
    :attr:`KEEP` are kept), so that a long version's matrix is never made dense whole."""

    KEEP = 512

    def __init__(self, matrix):
        matrix = matrix.tocsr()
        if not matrix.has_canonical_format:
            matrix = matrix.copy()
            matrix.sum_duplicates()
        self.matrix = matrix
        self.rows: dict[int, np.ndarray] = {}

    def __getitem__(self, row: int) -> np.ndarray:
        found = self.rows.get(row)
        if found is None:
            if len(self.rows) >= self.KEEP:
                self.rows.clear()
            matrix = self.matrix
            start, end = matrix.indptr[row], matrix.indptr[row + 1]
            found = np.zeros(matrix.shape[1], dtype=matrix.dtype)
            found[matrix.indices[start:end]] = matrix.data[start:end]
            self.rows[row] = found
        return found

    def total(self, rows: list[int]) -> np.ndarray:
        """The sum of some rows (as the rows of the dense matrix would sum)."""
        return _row_sum(self.matrix, rows)


_SIDES = (("b", "a"), ("a", "b"))
"""The order in which leftover sentences are tried: those of *b*, then those of *a*."""


_MOSTLY = 0.5
"""Share of a sentence's content-word weight found on the other side above which it may join
a group with a single word of its own there (see :func:`attach_leftovers`)."""


def _newly_covered(x_word: np.ndarray, y_word: np.ndarray, together: np.ndarray) -> int:
    """How many of y's terms x has that the group's sentences on x's side lack."""
    return int(np.count_nonzero((x_word > 0) & (y_word > 0) & (together == 0)))


def attach_leftovers(groups: WorkingGroups, n_a: int, n_b: int, t: AlignmentThresholds) -> None:
    """Let unpaired sentences join nearby groups as parts of splits and merges, best join first.

    Each unpaired sentence's best join is found once, and again only when a join changes a
    group within its window, so long versions with many unpaired sentences stay quick.
    """
    words = {"a": _DenseRows(groups.a_vectors[0]), "b": _DenseRows(groups.b_vectors[0])}
    owners = {"a": groups.group_of_a, "b": groups.group_of_b}
    rank = {side: k for k, (side, _) in enumerate(_SIDES)}
    free = {
        "a": {row for row in range(n_a) if row not in owners["a"]},
        "b": {row for row in range(n_b) if row not in owners["b"]},
    }

    def best_join(side: str, other: str, row: int) -> tuple[float, int] | None:
        own = owners[side]
        nearby = {own[r] for r in range(row - t.window, row + t.window + 1) if r in own}
        best: tuple[float, int] | None = None
        for index in nearby:
            if groups.moved[index]:
                continue
            a_rows, b_rows = groups.members[index]
            same, opposite = (b_rows, a_rows) if side == "b" else (a_rows, b_rows)
            if len(opposite) != 1:
                continue
            distance = min(abs(row - r) for r in same)
            required = t.attach_coverage + t.attach_distance_cost * (distance - 1)
            x, y = words[side][row], words[other][opposite[0]]
            covered = _coverage(x, y)
            if covered < required:
                continue
            # The join must cover more of the other side's content than before.
            together = words[side].total(same)
            gain = _coverage(y, together + x) - _coverage(y, together)
            if gain < t.attach_gain or (best is not None and gain <= best[0]):
                continue
            # ...and, unless most of the sentence is there, more than one of its words: a
            # word it shares by chance ("blaze" for "fire") does not make it part of a merge.
            if covered < _MOSTLY and _newly_covered(x, y, together) < 2:
                continue
            best = (gain, index)
        return best

    joins: dict[tuple[str, int], tuple[float, int]] = {}
    stale = [(side, row) for side, _ in _SIDES for row in sorted(free[side])]
    while True:
        for side, row in stale:
            join = best_join(side, "a" if side == "b" else "b", row)
            if join is None:
                joins.pop((side, row), None)
            else:
                joins[(side, row)] = join
        if not joins:
            return
        # The best gain; on a tie, b before a and the earlier sentence first.
        (side, row), (_, index) = min(
            joins.items(), key=lambda item: (-item[1][0], rank[item[0][0]], item[0][1])
        )
        rows = groups.members[index][1 if side == "b" else 0]
        rows.append(row)
        rows.sort()
        owners[side][row] = index
        free[side].discard(row)
        del joins[(side, row)]
        # Joins that may have changed: sentences within the window of the group's members.
        a_rows, b_rows = groups.members[index]
        stale = [
            (near_side, near)
            for near_side, members in (("b", b_rows), ("a", a_rows))
            for near in sorted(
                {r for m in members for r in range(m - t.window, m + t.window + 1)}
                & free[near_side]
            )
        ]


__all__ = ["WorkingGroups", "attach_leftovers"]
