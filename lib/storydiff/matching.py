"""Which tokens two sequences share, in order: difflib's answer, kept quick on very long ones.

Sentences are compared token by token with :class:`difflib.SequenceMatcher`, without its "junk"
heuristic (every token counts, however common). Its running time grows with the product of the
two lengths and with how often tokens repeat. For sentences that is nothing, but a single
"sentence" of 40,000 tokens (a list or a table flattened into text, a comma every other token)
took more than four minutes to diff.

So above :data:`DIRECT_LIMIT` (the product of the two lengths) the sequences are first cut at
anchors, as "patience diff" does: their common start and end, then the tokens found exactly once
in each (or, where there are none, runs of 2, 4, ... 32 tokens found exactly once in each), kept
where they are in the same order in both (the longest increasing subsequence). difflib then
matches the pieces between anchors, each cut again while it is too long. A piece that is still
too long and has no anchor at all (the same few tokens over and over) is reported as replaced
whole. Below the limit the answer is difflib's, opcode for opcode.

Examples
--------
>>> opcodes("the cat sat".split(), "the dog sat".split())
[('equal', 0, 1, 0, 1), ('replace', 1, 2, 1, 2), ('equal', 2, 3, 2, 3)]
>>> ratio("the cat sat".split(), "the dog sat".split())
0.6666666666666666
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Hashable, Sequence

DIRECT_LIMIT = 1_000_000
"""Largest product of the two lengths that difflib matches directly (1,000 tokens by 1,000)."""

_RUN_LENGTHS = (1, 2, 4, 8, 16, 32)
"""Lengths of the runs of tokens tried as anchors, shortest first."""

Opcode = tuple[str, int, int, int, int]
"""``(tag, a_start, a_end, b_start, b_end)`` as :meth:`difflib.SequenceMatcher.get_opcodes`."""


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """How to turn `a` into `b`: ``equal``, ``replace``, ``delete`` and ``insert`` ranges, in
    order, covering both sequences (difflib's opcodes below :data:`DIRECT_LIMIT`).

    Examples
    --------
    >>> opcodes(["a", "b"], ["b", "c"])
    [('delete', 0, 1, 0, 0), ('equal', 1, 2, 0, 1), ('insert', 2, 2, 1, 2)]
    >>> opcodes([], [])
    []
    """
    if len(a) * len(b) <= DIRECT_LIMIT:
        return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return _anchored(a, b)


def matched(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """How many tokens of `a` are matched in `b` (the sizes of difflib's matching blocks).

    Examples
    --------
    >>> matched("a b c d".split(), "a c d e".split())
    3
    """
    if len(a) * len(b) <= DIRECT_LIMIT:
        blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
        return sum(block.size for block in blocks)
    return sum(a_end - a_start for tag, a_start, a_end, _, _ in _anchored(a, b) if tag == "equal")


def ratio(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Similarity ``2 * M / T``, M tokens matched of T in both: difflib's ``ratio()``, and 1.0
    for two empty sequences.

    Examples
    --------
    >>> ratio([], []), ratio(["a"], [])
    (1.0, 0.0)
    """
    total = len(a) + len(b)
    return 2.0 * matched(a, b) / total if total else 1.0


def _anchored(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """:func:`opcodes` of sequences too long for difflib at once: pieces between anchors."""
    found: list[Opcode] = []
    pending: list[Opcode] = [("piece", 0, len(a), 0, len(b))]  # last is next
    while pending:
        task = pending.pop()
        if task[0] != "piece":
            _append(found, task)
            continue
        pending.extend(reversed(_cut(a, b, *task[1:])))
    return found


def _cut(a, b, a_start: int, a_end: int, b_start: int, b_end: int) -> list[Opcode]:
    """One piece as opcodes and smaller pieces, in order."""
    head = 0
    while head < min(a_end - a_start, b_end - b_start) and a[a_start + head] == b[b_start + head]:
        head += 1
    tail = 0
    while (
        tail < min(a_end - a_start, b_end - b_start) - head
        and a[a_end - 1 - tail] == b[b_end - 1 - tail]
    ):
        tail += 1
    parts: list[Opcode] = []
    if head:
        parts.append(("equal", a_start, a_start + head, b_start, b_start + head))
    a_lo, a_hi, b_lo, b_hi = a_start + head, a_end - tail, b_start + head, b_end - tail
    if a_lo == a_hi or b_lo == b_hi:
        if a_lo < a_hi:
            parts.append(("delete", a_lo, a_hi, b_lo, b_lo))
        elif b_lo < b_hi:
            parts.append(("insert", a_lo, a_lo, b_lo, b_hi))
    elif (a_hi - a_lo) * (b_hi - b_lo) <= DIRECT_LIMIT:
        matcher = difflib.SequenceMatcher(None, a[a_lo:a_hi], b[b_lo:b_hi], autojunk=False)
        parts.extend(
            (tag, a_lo + i1, a_lo + i2, b_lo + j1, b_lo + j2)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        )
    else:
        parts.extend(_between_anchors(a, b, a_lo, a_hi, b_lo, b_hi))
    if tail:
        parts.append(("equal", a_end - tail, a_end, b_end - tail, b_end))
    return parts


def _between_anchors(a, b, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> list[Opcode]:
    """A long piece as the pieces between its anchors and the anchors themselves (equal), or
    replaced whole when it has none."""
    anchors = _anchors(a, b, a_lo, a_hi, b_lo, b_hi)
    if not anchors:
        return [("replace", a_lo, a_hi, b_lo, b_hi)]
    parts: list[Opcode] = []
    for i, j, length in anchors:
        parts.append(("piece", a_lo, i, b_lo, j))
        parts.append(("equal", i, i + length, j, j + length))
        a_lo, b_lo = i + length, j + length
    parts.append(("piece", a_lo, a_hi, b_lo, b_hi))
    return parts


def _anchors(a, b, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> list[tuple[int, int, int]]:
    """``(i, j, length)`` of runs found once in each range, in the same order in both and not
    overlapping, for the shortest run length that has any."""
    for length in _RUN_LENGTHS:
        if length > min(a_hi - a_lo, b_hi - b_lo):
            break
        in_b = unique_runs(b, b_lo, b_hi, length)
        pairs = [
            (i, in_b[run])
            for run, i in unique_runs(a, a_lo, a_hi, length).items()
            if i >= 0 and in_b.get(run, -1) >= 0
        ]
        if pairs:
            pairs.sort()
            anchors, a_free, b_free = [], a_lo, b_lo
            for i, j in increasing_pairs(pairs):
                if i >= a_free and j >= b_free:  # runs longer than one token may overlap
                    anchors.append((i, j, length))
                    a_free, b_free = i + length, j + length
            return anchors
    return []


def unique_runs(tokens, start: int, end: int, length: int) -> dict:
    """Every run of `length` tokens in ``tokens[start:end]``: where it starts if it occurs once,
    -1 if more often (a run of length 1 is the token itself).

    >>> unique_runs(["a", "b", "a", "c"], 0, 4, 1)
    {'a': -1, 'b': 1, 'c': 3}
    """
    seen: dict = {}
    for i in range(start, end - length + 1):
        run = tokens[i] if length == 1 else tuple(tokens[i : i + length])
        seen[run] = -1 if run in seen else i
    return seen


def increasing_pairs(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (sorted by their first item) whose second items increase.

    >>> increasing_pairs([(0, 8), (1, 2), (2, 5), (3, 3), (4, 4)])
    [(1, 2), (3, 3), (4, 4)]
    """
    tails: list[int] = []  # the smallest last second item of an increasing run of each length
    ends: list[int] = []  # the pair that ends it
    before = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        length = bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            ends.append(k)
        else:
            tails[length], ends[length] = j, k
        before[k] = ends[length - 1] if length else -1
    chain, k = [], ends[-1] if ends else -1
    while k >= 0:
        chain.append(pairs[k])
        k = before[k]
    return chain[::-1]


def _append(found: list[Opcode], opcode: Opcode) -> None:
    """Add an opcode, joined with the one before when both are ``equal`` (as difflib's are)."""
    if found and opcode[0] == "equal" and found[-1][0] == "equal":
        tag, a_start, _, b_start, _ = found[-1]
        found[-1] = (tag, a_start, opcode[2], b_start, opcode[4])
    elif opcode[1] < opcode[2] or opcode[3] < opcode[4]:
        found.append(opcode)


__all__ = ["DIRECT_LIMIT", "increasing_pairs", "matched", "opcodes", "ratio", "unique_runs"]
