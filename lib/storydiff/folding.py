"""Which unchanged stretches of a long comparison to fold away, as a diff shows context.

A side-by-side view of a news story shows every aligned group, changed or not: the unchanged
sentences are the story's thread, and a reader of 30 groups wants them. Two versions of a long
document (a transcript, a bill, a live blog) may have thousands of groups, most of them
unchanged; shown whole, the view is megabytes of text that nobody scrolls through. There, as
``diff -U`` and code review tools do, only the few unchanged groups next to each change are kept
(the *context*), and each longer unchanged run is folded into one line that says how many
sentences it holds.

:func:`folded_runs` finds the runs to fold; :func:`context_for` turns a view's ``context``
option (a number, ``"all"``, or ``"auto"``: every group up to :data:`LONG_COMPARISON_GROUPS`,
:data:`LONG_CONTEXT` groups of context beyond) into a number or ``None``.

Examples
--------
>>> changed = [False] * 10 + [True] + [False] * 10
>>> folded_runs(changed, context=2)
[range(0, 8), range(13, 21)]
>>> context_for("auto", n_groups=30), context_for("auto", n_groups=5000)
(None, 3)
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import ParameterError

LONG_COMPARISON_GROUPS = 400
"""Above this many aligned groups, ``context="auto"`` folds unchanged runs (a long news feature
has some 150 to 250 groups)."""

LONG_CONTEXT = 3
"""Unchanged groups kept on each side of a change when ``context="auto"`` folds."""

CONTEXT_WORDS = ("auto", "all")
"""The words ``context`` takes besides a whole number."""


def context_for(context: int | str | None, *, n_groups: int) -> int | None:
    """The unchanged groups to keep around each change: a number, or ``None`` for all.

    Parameters
    ----------
    context : int, "auto", "all" or None
        A whole number >= 0 is used as it is; ``"all"`` and ``None`` keep every group;
        ``"auto"`` keeps every group of a comparison of up to :data:`LONG_COMPARISON_GROUPS`
        groups and :data:`LONG_CONTEXT` around each change in a longer one.
    n_groups : int
        How many aligned groups the comparison has.

    Raises
    ------
    ParameterError
        For any other value, naming the valid ones.

    Examples
    --------
    >>> context_for(0, n_groups=10), context_for("all", n_groups=10**6)
    (0, None)
    >>> context_for(-1, n_groups=10)
    Traceback (most recent call last):
    ...
    storydiff.errors.ParameterError: context must be a whole number >= 0, "auto" or "all", got -1
    """
    if context is None or context == "all":
        return None
    if context == "auto":
        return None if n_groups <= LONG_COMPARISON_GROUPS else LONG_CONTEXT
    if isinstance(context, int) and not isinstance(context, bool) and context >= 0:
        return context
    raise ParameterError(f'context must be a whole number >= 0, "auto" or "all", got {context!r}')


def folded_runs(changed: Sequence[bool], *, context: int) -> list[range]:
    """The runs of unchanged groups to fold: those more than `context` groups from any change.

    A run is folded only when it holds at least two groups (a fold line in place of one group
    saves nothing). With no change at all, every group is folded.

    Parameters
    ----------
    changed : sequence of bool
        For each group in reading order, whether it changed (anything but ``unchanged``).
    context : int
        Unchanged groups kept on each side of a change.

    Returns
    -------
    list of range
        Group positions to fold, in order, none overlapping.

    Examples
    --------
    >>> folded_runs([True, False, False, False, True], context=1)  # one group: not folded
    []
    >>> folded_runs([True] + [False] * 5, context=0)
    [range(1, 6)]
    >>> folded_runs([False] * 4, context=3)
    [range(0, 4)]
    """
    n = len(changed)
    keep = [False] * n
    for position, is_changed in enumerate(changed):
        if is_changed:
            for near in range(max(0, position - context), min(n, position + context + 1)):
                keep[near] = True
    runs, start = [], None
    for position in range(n + 1):
        if position < n and not keep[position]:
            if start is None:
                start = position
        elif start is not None:
            if position - start >= 2:
                runs.append(range(start, position))
            start = None
    return runs


__all__ = ["CONTEXT_WORDS", "LONG_COMPARISON_GROUPS", "LONG_CONTEXT", "context_for", "folded_runs"]
