"""Which unchanged runs a long side-by-side view folds, and the ``context`` option."""

from __future__ import annotations

import random

import pytest
from storydiff.errors import ParameterError
from storydiff.folding import LONG_COMPARISON_GROUPS, LONG_CONTEXT, context_for, folded_runs


def marks(pattern: str) -> list[bool]:
    """'.' an unchanged group, 'x' a changed one."""
    return [mark == "x" for mark in pattern]


@pytest.mark.parametrize(
    ("pattern", "context", "expected"),
    [
        ("", 3, []),
        ("xxxx", 0, []),
        ("x", 3, []),
        (".", 0, []),  # one group alone is never folded
        ("..", 0, [(0, 2)]),
        ("....", 3, [(0, 4)]),  # no change at all: everything folds
        ("x.x", 0, []),
        ("x..x", 0, [(1, 3)]),
        ("x...x", 1, []),  # the one group left between the contexts stays
        ("x....x", 1, [(2, 4)]),
        ("......x......", 2, [(0, 4), (9, 13)]),
        ("......x......", 5, []),  # the runs left are one group each
        ("......x......", 6, []),
        ("..x..........x..", 3, [(6, 10)]),
        ("x" + "." * 100, 3, [(4, 101)]),
        ("." * 100 + "x", 0, [(0, 100)]),
    ],
)
def test_folded_runs(pattern, context, expected):
    assert folded_runs(marks(pattern), context=context) == [range(*run) for run in expected]


def test_folded_runs_against_their_definition():
    rng = random.Random(11)
    for _ in range(300):
        changed = [rng.random() < rng.choice((0.02, 0.1, 0.5)) for _ in range(rng.randint(0, 80))]
        context = rng.randint(0, 5)
        runs = folded_runs(changed, context=context)
        folded = {position for run in runs for position in run}
        changes = [k for k, is_changed in enumerate(changed) if is_changed]
        far = [
            not is_changed and all(abs(k - c) > context for c in changes)
            for k, is_changed in enumerate(changed)
        ]
        # exactly the far groups fold, but for runs of one
        assert folded <= {k for k, is_far in enumerate(far) if is_far}
        for k, is_far in enumerate(far):
            if is_far and k not in folded:
                alone = (k == 0 or not far[k - 1]) and (k == len(far) - 1 or not far[k + 1])
                assert alone
        assert all(len(run) >= 2 for run in runs)
        assert all(a.stop < b.start for a, b in zip(runs, runs[1:], strict=False))


@pytest.mark.parametrize(
    ("context", "n_groups", "expected"),
    [
        (None, 10**6, None),
        ("all", 10**6, None),
        ("auto", 0, None),
        ("auto", LONG_COMPARISON_GROUPS, None),
        ("auto", LONG_COMPARISON_GROUPS + 1, LONG_CONTEXT),
        (0, 5, 0),
        (7, 5, 7),
    ],
)
def test_context_for(context, n_groups, expected):
    assert context_for(context, n_groups=n_groups) == expected


@pytest.mark.parametrize("bad", [-1, 1.5, "3", "All", True, False, [3]])
def test_a_bad_context_is_a_parameter_error(bad):
    with pytest.raises(ParameterError, match=r'context must be a whole number >= 0, "auto" or'):
        context_for(bad, n_groups=10)
