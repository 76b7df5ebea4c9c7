"""Charts of a corpus run's changes (:class:`~storydiff.corpus.CorpusChanges`).

They draw what :func:`~storydiff.corpus.corpus_changes` computed and return the axes, as the
charts of :mod:`storydiff.plots` do (which also draws a corpus's group labels and its
distribution of a measure: ``plot_edit_labels(changes.labels)``,
``plot_similarity_distribution(changes.pairs, column="change_share")``).

Examples
--------
>>> import pandas as pd
>>> from matplotlib.figure import Figure
>>> from storydiff.corpus import corpus_changes
>>> pairs = pd.DataFrame({
...     "story": ["s1", "s1", "s2", "s2"], "version_a": ["v1", "v2", "v1", "v2"],
...     "version_b": ["v2", "v3", "v2", "v3"], "words_a": [100, 110, 50, 60],
...     "words_b": [110, 110, 60, 60], "words_deleted": [5, 0, 20, 1],
...     "words_inserted": [15, 0, 30, 1], "tfidf_cosine": [0.9, 1.0, 0.5, 0.99]})
>>> ax = plot_change_by_step(corpus_changes(pairs), min_pairs=2, ax=Figure().subplots())
>>> [line.get_label() for line in ax.get_lines()]
['mean share of words changed', 'share of pairs that changed no word']
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator, PercentFormatter

from ..errors import ParameterError
from ..plots import CATEGORY_COLORS, _axes, _check, _nothing_to_show, _set_title, _tidy
from .changes import CorpusChanges

STEP_NAMES = {
    "consecutive": ("Revision", "each version against the one before it"),
    "reference": ("Version compared with the reference", "each version against the reference"),
    "all": ("Pair of the story", "every pair of versions"),
}
"""What a step is in each pair mode: the x axis's name, and how the pairs were made."""


def plot_change_by_step(
    changes: CorpusChanges,
    *,
    pairs: str = "consecutive",
    min_pairs: int = 5,
    ax: Axes | None = None,
) -> Axes:
    """How much the versions change at each step of their stories' histories.

    Two lines over the steps (the first pair of every story, the second, ...): the mean share
    of the words deleted or inserted, and the share of pairs that changed no word at all.
    Later steps are reached by fewer stories, the ones with many versions, so a step with fewer
    than `min_pairs` pairs is left out (the title says how many).

    Parameters
    ----------
    changes : CorpusChanges
        From :func:`storydiff.corpus.corpus_changes`.
    pairs : {"consecutive", "reference", "all"}, default "consecutive"
        The pair mode of the run (its ``corpus.json`` says which), to name the steps.
    min_pairs : int, default 5
        The fewest pairs a step needs to be drawn.
    ax : Axes, optional

    Returns
    -------
    Axes
    """
    function = "plot_change_by_step()"
    _check(changes, CorpusChanges, function, "a CorpusChanges, from corpus_changes()")
    if pairs not in STEP_NAMES:
        raise ParameterError(f"{function}: pairs must be one of {', '.join(STEP_NAMES)}")
    if isinstance(min_pairs, bool) or not isinstance(min_pairs, int) or min_pairs < 1:
        raise ParameterError(f"{function}: min_pairs must be a whole number of 1 or more")
    ax = _axes(ax, (7.0, 3.8), function)
    axis_name, made = STEP_NAMES[pairs]
    steps = changes.steps
    shown = steps[steps["pairs"] >= min_pairs]
    title = f"How much each step changes ({made})"
    if len(steps) == 1:
        return _nothing_to_show(
            ax, title, "every story has a single pair of versions, so there is no second step"
        )
    if len(shown) < 2:
        reason = "no pairs" if steps.empty else f"fewer than two steps have {min_pairs} pairs"
        return _nothing_to_show(ax, title, f"{reason} (min_pairs={min_pairs})")
    x = shown.index.to_numpy()
    marker = "o" if len(x) <= 40 else None
    ax.plot(
        x,
        shown["mean_change_share"].to_numpy(float),
        marker=marker,
        color=CATEGORY_COLORS[0],
        label="mean share of words changed",
    )
    ax.plot(
        x,
        shown["unchanged_share"].to_numpy(float),
        marker=marker,
        linestyle="--",
        color=CATEGORY_COLORS[1],
        label="share of pairs that changed no word",
    )
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    if len(x) <= 20:
        ax.set_xticks(x)
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(x.min() - 0.5, x.max() + 0.5)
    ax.set_xlabel(f"{axis_name} (pairs per step: {_pair_range(shown['pairs'].to_numpy())})")
    left_out = len(steps) - len(shown)
    note = f"\n{left_out} later steps, of fewer than {min_pairs} pairs, left out"
    _set_title(ax, title + (note if left_out else ""), fontsize="medium")
    ax.legend(frameon=False, loc="best", fontsize="small")
    _tidy(ax)
    return ax


def _pair_range(counts: np.ndarray) -> str:
    low, high = int(counts.min()), int(counts.max())
    return f"{low:,}" if low == high else f"{high:,} down to {low:,}"


__all__ = ["STEP_NAMES", "plot_change_by_step"]
