"""Charts of comparison results, for report notebooks.

Every function takes a result computed elsewhere (:func:`storydiff.compare` and its analyses),
draws it and returns the :class:`~matplotlib.axes.Axes`. Nothing is computed here beyond picking
and ordering what is shown. Options are keyword-only; ``ax`` draws into an existing axes, and
without it a figure of a size that suits the chart is made (never shown or closed here: a notebook
displays it, a script saves or closes it).

Colours are Okabe & Ito's colour-blind-safe palette and mean the same in every chart: version *a*
(the reference) is blue, version *b* vermillion (:data:`VERSION_COLORS`). The two versions are
named by their ids as the result carries them; ``labels=("...", "...")`` names them otherwise,
e.g. ``labels=(comparison.a.label, comparison.b.label)``.

A result with nothing to draw (no tone shift because every sentence was rewritten from scratch, no
framing term in either version) gives an axes with a centred "nothing to show: ..." note, so a
report never stops on an unusual story. Input of the wrong kind raises
:class:`~storydiff.errors.ParameterError`.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> from storydiff import compare
>>> comparison = compare("Two men died. Talks went well.", "Two men were killed. Talks failed.")
>>> ax = plot_tone_shifts(comparison.tone)
>>> [text.get_text() for text in ax.get_legend().get_texts()]
['a', 'b']
>>> plt.close(ax.figure)
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import PowerNorm
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter

from .align import LABELS
from .compare import SHARE_CLASSES, Comparison, StoryComparison
from .errors import ParameterError
from .framing import FramingComparison
from .lexical import LexicalComparison
from .similarity import REUSE_LABELS
from .tone import ToneComparison

VERSION_COLORS = ("#0072B2", "#D55E00")
"""Version *a* (blue) and version *b* (vermillion), in every chart."""

NEUTRAL_COLOR = "#8C8C8C"
"""Things that belong to neither version: sentences kept in both, arrows, reference lines."""

BAND_COLOR = "#EBEBEB"
"""Background bands, such as VADER's neutral zone."""

SHARE_COLORS = {
    "verbatim": "#1B7837",
    "lightly edited": "#7FBF7B",
    "heavily rewritten": "#C2A5CF",
    "new": "#762A83",
}
"""How each sentence of a version fared, from kept (green) to not carried over (purple)."""

CATEGORY_COLORS = ("#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
"""Groups that are not versions (e.g. reuse labels across a corpus); used in this order."""

MEASURE_NAMES = {
    "tfidf_cosine": "Word similarity (TF-IDF cosine)",
    "char_cosine": "Character similarity (n-gram cosine)",
    "jaccard": "Shared vocabulary (Jaccard)",
    "containment_a_in_b": "Word 3-grams reused (containment)",
    "containment_b_in_a": "Word 3-grams reused (containment)",
    "derived_share": "Share of words derived from the other version",
    "change_share": "Share of the words deleted or inserted",
}
"""Plain-language names of the similarity measures, for titles and axis labels."""

ANNOTATED_VERSIONS = 16
"""Similarity matrices of up to this many versions have each cell's value written in it."""

LABELLED_VERSIONS = 40
"""Similarity matrices of more versions name only every k-th version on their axes."""

_FRAME_NAMES = {
    "mfc_economic": "economic",
    "mfc_capacity_resources": "capacity & resources",
    "mfc_morality": "morality",
    "mfc_fairness_equality": "fairness & equality",
    "mfc_legality": "legality",
    "mfc_policy": "policy",
    "mfc_crime_punishment": "crime & punishment",
    "mfc_security_defense": "security & defense",
    "mfc_health_safety": "health & safety",
    "mfc_quality_of_life": "quality of life",
    "mfc_cultural_identity": "cultural identity",
    "mfc_public_opinion": "public opinion",
    "mfc_political": "political",
    "mfc_external_regulation": "external regulation",
}

_SHARE_NAMES = {"new": "only in this version"}
_Z_BAR = 1.96


# -- helpers -------------------------------------------------------------------------------------


def _check(value, kind: type | tuple[type, ...], function: str, expected: str) -> None:
    if not isinstance(value, kind):
        raise ParameterError(f"{function} takes {expected}; got {type(value).__name__}")


def _check_top(top, function: str) -> int:
    if isinstance(top, bool) or not isinstance(top, int | np.integer) or top < 1:
        raise ParameterError(f"{function}: top must be a whole number of 1 or more, got {top!r}")
    return int(top)


def _pair_labels(a, b, labels, function: str) -> tuple[str, str]:
    """The versions' names: `labels` if given, else the ids (``a`` and ``b`` if they agree)."""
    if labels is not None:
        if isinstance(labels, str) or len(labels) != 2:
            raise ParameterError(
                f"{function}: labels must be two names, one per version, e.g. "
                f"('wire', 'rewrite'); got {labels!r}"
            )
        return str(labels[0]), str(labels[1])
    a = "a" if a is None else str(a)
    b = "b" if b is None else str(b)
    return (a, b) if a != b else ("a", "b")


def _axes(ax, figsize: tuple[float, float], function: str) -> Axes:
    """`ax`, or the axes of a new figure of `figsize` inches."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
        return ax
    if not isinstance(ax, Axes):
        raise ParameterError(
            f"{function}: ax must be a matplotlib Axes (e.g. from plt.subplots()) or None; "
            f"got {type(ax).__name__}"
        )
    return ax


def _tidy(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _named_versions(n: int) -> range:
    """The positions of the versions an axis of `n` versions names: every one up to
    :data:`LABELLED_VERSIONS`, else every k-th, so that no label covers another.

    >>> _named_versions(3), _named_versions(120)
    (range(0, 3), range(0, 120, 3))
    """
    return range(0, n, max(1, -(-n // LABELLED_VERSIONS)))


def _set_title(ax: Axes, title: str, **kwargs) -> None:
    """Title `ax`, placed at the top of the axes as matplotlib's automatic placement places it
    when nothing stands above the axes.

    Left to itself, matplotlib measures every tick label of the axes again at each layout pass
    and each draw to check that nothing is in the title's way; with the x ticks and label at the
    bottom the answer is always the top of the axes, so the title is set there (the same SVG,
    and about a sixth less time for a report's figures). An axes whose x ticks or label are on
    top keeps the automatic placement.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> _set_title(ax, "Tone")
    >>> ax.title.get_position()[1]
    1.0
    >>> plt.close(fig)
    """
    on_top = ax.xaxis.get_ticks_position() in ("top", "unknown")
    if on_top or ax.xaxis.get_label_position() == "top":
        ax.set_title(title, **kwargs)
    else:
        ax.set_title(title, y=1.0, **kwargs)


def _nothing_to_show(ax: Axes, title: str, reason: str) -> Axes:
    """Write a centred note instead of a chart."""
    _set_title(ax, title)
    ax.text(
        0.5,
        0.5,
        f"nothing to show: {reason}",
        ha="center",
        va="center",
        wrap=True,
        color="#555555",
        transform=ax.transAxes,
    )
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax


def _title_and_legend_above(ax: Axes, title: str, ncols: int, **legend) -> None:
    """A title with a one-row legend between it and the axes, clear of the data."""
    _set_title(ax, title, pad=22)
    ax.legend(
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=ncols,
        frameon=False,
        borderaxespad=0,
        fontsize="small",
        columnspacing=1.2,
        **legend,
    )


def _height(rows: int, *, per_row: float = 0.32, extra: float = 1.6) -> float:
    return min(max(3.0, rows * per_row + extra), 14.0)


def _category_name(key) -> str:
    """``"mfc_security_defense"`` as "frame: security & defense", ``("hedge", "modal")`` as
    "hedge: modal"."""
    category, subcategory = key if isinstance(key, tuple) else (key, "")
    name = (
        f"frame: {_FRAME_NAMES[category]}"
        if category in _FRAME_NAMES
        else str(category).replace("_", " ")
    )
    return f"{name}: {str(subcategory).replace('_', ' ')}" if subcategory else name


# -- words ---------------------------------------------------------------------------------------


def plot_distinctive_terms(
    lexical: LexicalComparison,
    *,
    top: int = 12,
    labels: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Diverging bars of the terms most typical of each version, by z-score.

    Parameters
    ----------
    lexical : LexicalComparison
        ``comparison.lexical``.
    top : int, default 12
        Terms shown for each version.
    labels : pair of str, optional
        Names of the two versions; the ids in ``lexical.distinctive["favours"]`` by default.
    ax : Axes, optional

    Returns
    -------
    Axes
        Terms typical of *a* point right (z > 0), those of *b* left; the strongest of *a* at the
        top, of *b* at the bottom. Beside each bar: the term's uses in *a* and in *b*. Dotted
        lines mark |z| = 1.96, the usual bar for a clear difference.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from storydiff import compare
    >>> lexical = compare("Officials said two men died.", "Officials stated two men died.").lexical
    >>> ax = plot_distinctive_terms(lexical, ax=Figure().subplots())
    >>> [tick.get_text() for tick in ax.get_yticklabels()]
    ['said', 'stated']
    """
    function = "plot_distinctive_terms()"
    _check(lexical, LexicalComparison, function, "a LexicalComparison, e.g. comparison.lexical")
    top = _check_top(top, function)
    frame = lexical.distinctive
    favours = frame.groupby(frame["z"] > 0)["favours"].first()
    label_a, label_b = _pair_labels(favours.get(True), favours.get(False), labels, function)
    side_a = lexical.typical_terms("a", top)
    side_b = lexical.typical_terms("b", top)[::-1]  # b's most typical at the bottom
    rows = pd.concat([side_a, side_b])
    ax = _axes(ax, (7.0, _height(len(rows), per_row=0.27)), function)
    title = "Words that set the versions apart"
    if rows.empty:
        reason = (
            "the versions have no content words"
            if frame.empty
            else "both versions use their words at the same rates"
        )
        return _nothing_to_show(ax, title, reason)
    y = np.arange(len(rows))[::-1]
    colors = [VERSION_COLORS[0] if z > 0 else VERSION_COLORS[1] for z in rows["z"]]
    ax.barh(y, rows["z"], height=0.7, color=colors)
    ax.set_yticks(y, rows.index)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    reach = max(float(rows["z"].abs().max()), _Z_BAR) * 1.3
    ax.set_xlim(-reach, reach)
    ax.axvline(0, color="black", linewidth=0.8)
    for x in (-_Z_BAR, _Z_BAR):
        ax.axvline(x, color=NEUTRAL_COLOR, linewidth=0.8, linestyle=":")
    pad = reach * 0.02
    for position, (z, count_a, count_b) in zip(
        y, rows[["z", "count_a", "count_b"]].itertuples(index=False), strict=True
    ):
        ax.text(
            z + (pad if z > 0 else -pad),
            position,
            f"{count_a} : {count_b}",
            ha="left" if z > 0 else "right",
            va="center",
            fontsize="x-small",
            color="#555555",
        )
    _set_title(ax, title)
    ax.set_xlabel(
        f"\u2190 typical of {label_b}     z-score of the log-odds ratio     "
        f"typical of {label_a} \u2192\n"
        f"beside each bar: uses in {label_a} : uses in {label_b}; dotted lines: |z| = 1.96"
    )
    ax.legend(
        handles=[Patch(color=VERSION_COLORS[0]), Patch(color=VERSION_COLORS[1])],
        labels=[label_a, label_b],
        loc="lower right",
        frameon=False,
    )
    ax.tick_params(axis="y", length=0)
    _tidy(ax)
    return ax


# -- tone ----------------------------------------------------------------------------------------


def _tone_axis(ax: Axes, tone: ToneComparison, *, horizontal: bool) -> None:
    """VADER's neutral zone as a band, and the zero line, on the compound axis."""
    low, high = tone.a.negative, tone.a.positive
    if horizontal:
        ax.axhspan(low, high, color=BAND_COLOR, zorder=0, linewidth=0)
        ax.axhline(0, color=NEUTRAL_COLOR, linewidth=0.8, zorder=1)
    else:
        ax.axvspan(low, high, color=BAND_COLOR, zorder=0, linewidth=0)
        ax.axvline(0, color=NEUTRAL_COLOR, linewidth=0.8, zorder=1)


ARC_SENTENCES = 300
"""Up to this many sentences in a version, :func:`plot_tone_arc` joins every sentence's score;
beyond, it draws each one as a faint dot and joins a running mean (:func:`arc_window`)."""

ARC_POINTS = 80
"""About how many running means of :data:`ARC_SENTENCES` or more sentences fit the tone arc."""


def arc_window(n_sentences: int) -> int:
    """Sentences in the running mean of a tone arc of a version of `n_sentences`: 1 (none) up to
    :data:`ARC_SENTENCES`, then an odd window of about a :data:`ARC_POINTS`-th of the text.

    Examples
    --------
    >>> arc_window(25), arc_window(300), arc_window(301), arc_window(5000)
    (1, 1, 5, 63)
    """
    if n_sentences <= ARC_SENTENCES:
        return 1
    return max(5, n_sentences // ARC_POINTS) | 1


_TONE_TICKS = [-1, -0.5, 0, 0.5, 1]
_TONE_TICK_LABELS = ["\u22121\nnegative", "\u22120.5", "0", "+0.5", "+1\npositive"]


def plot_tone_arc(
    tone: ToneComparison,
    *,
    labels: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """The tone of every sentence along the text, one line per version.

    Parameters
    ----------
    tone : ToneComparison
        ``comparison.tone``.
    labels : pair of str, optional
        Names of the two versions; their ids by default.
    ax : Axes, optional

    Returns
    -------
    Axes
        VADER compound score (-1 to +1) of each sentence that is not a heading, at the middle of
        the sentence as a share of the version's length in characters, so versions of different
        lengths overlay (:meth:`ToneProfile.arc <storydiff.tone.ToneProfile.arc>`). The grey
        band is the neutral zone (between the profile's ``negative`` and ``positive``
        thresholds). In a version of more than :data:`ARC_SENTENCES` sentences the scores are
        faint dots, drawn as pixels inside the SVG, and its line is their running mean over
        :func:`arc_window` sentences, as its legend says (a shorter version beside it keeps
        its joined scores).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from storydiff import compare
    >>> tone = compare("Two men died. Talks went well.", "Two men were killed. Talks failed.").tone
    >>> ax = plot_tone_arc(tone, labels=("wire", "rewrite"), ax=Figure().subplots())
    >>> [(line.get_label(), len(line.get_xdata())) for line in ax.get_lines()[-2:]]
    [('wire', 2), ('rewrite', 2)]
    """
    function = "plot_tone_arc()"
    _check(tone, ToneComparison, function, "a ToneComparison, e.g. comparison.tone")
    label_a, label_b = _pair_labels(tone.a.version, tone.b.version, labels, function)
    ax = _axes(ax, (8.0, 4.0), function)
    title = "Tone sentence by sentence"
    bodies = (tone.a.body, tone.b.body)
    if all(body.empty for body in bodies):
        return _nothing_to_show(ax, title, "neither version has sentences outside headings")
    _tone_axis(ax, tone, horizontal=True)
    # a drawn wider and beneath b, so that where the versions agree both stay visible
    styles = (("o", 5.0, 2.4), ("s", 3.5, 1.3))
    for profile, label, color, (marker, size, width) in zip(
        (tone.a, tone.b), (label_a, label_b), VERSION_COLORS, styles, strict=True
    ):
        window = arc_window(profile.n_sentences)  # each version at its own length
        arc = profile.arc(window=window)
        if arc.empty:
            continue
        if window == 1:
            ax.plot(
                arc["position"],
                arc["compound"],
                color=color,
                marker=marker,
                markersize=size,
                linewidth=width,
                label=label,
                zorder=3,
            )
            continue
        # too many sentences to join: each one a faint dot (drawn as pixels, so that the SVG
        # stays small), the line their running mean
        ax.scatter(
            arc["position"],
            arc["compound"],
            s=size,
            color=color,
            alpha=0.25,
            linewidths=0,
            rasterized=True,
            zorder=2,
        )
        # a mean of `window` sentences moves little from one sentence to the next: every
        # eighth of a window (and the last) is enough for the line
        line = arc.iloc[sorted({*range(0, len(arc), max(1, window // 8)), len(arc) - 1})]
        ax.plot(
            line["position"],
            line["running_mean"],
            color=color,
            linewidth=width,
            label=f"{label} (mean of {window} sentences)",
            zorder=3,
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(-1.08, 1.08)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_yticks(_TONE_TICKS, [label.replace("\n", " ") for label in _TONE_TICK_LABELS])
    ax.set_xlabel("Position in the text (share of its length)")
    ax.set_ylabel("Tone of the sentence (VADER compound)")
    ax.text(
        0.995,
        (tone.a.positive + 1.08) / 2.16,
        "neutral",
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize="x-small",
        color="#666666",
    )
    _title_and_legend_above(ax, title, 2)
    _tidy(ax)
    return ax


def plot_tone_shifts(
    tone: ToneComparison,
    *,
    top: int = 8,
    labels: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """The largest changes of tone between aligned groups, as arrows from *a* to *b*.

    Parameters
    ----------
    tone : ToneComparison
        ``comparison.tone``.
    top : int, default 8
        Groups shown, largest shift first (at the top).
    labels : pair of str, optional
        Names of the two versions; their ids by default.
    ax : Axes, optional

    Returns
    -------
    Axes
        One row per group, labelled "group N" (its row of ``comparison.alignment``) and its label;
        a dot for each version's mean compound score and the change on the right. Groups whose
        tone did not change are left out.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from storydiff import compare
    >>> tone = compare("Two men died. Talks went well.", "Two men were killed. Talks failed.").tone
    >>> ax = plot_tone_shifts(tone, ax=Figure().subplots())
    >>> [tick.get_text() for tick in ax.get_yticklabels()]
    ['group 1\\nrewritten', 'group 0\\nrewritten']
    """
    function = "plot_tone_shifts()"
    _check(tone, ToneComparison, function, "a ToneComparison, e.g. comparison.tone")
    top = _check_top(top, function)
    label_a, label_b = _pair_labels(tone.a.version, tone.b.version, labels, function)
    frame = tone.to_frame()
    changed = frame[frame["abs_delta"] > 0]
    shown = changed.head(top)
    ax = _axes(ax, (7.0, _height(len(shown), per_row=0.5, extra=1.8)), function)
    if shown.empty:
        reason = (
            "no group of sentences is in both versions"
            if frame.empty
            else "no aligned group of sentences changed tone"
        )
        return _nothing_to_show(ax, "Largest changes of tone", reason)
    _tone_axis(ax, tone, horizontal=False)
    y = np.arange(len(shown))[::-1]
    for position, a_score, b_score in zip(y, shown["a_compound"], shown["b_compound"], strict=True):
        ax.annotate(
            "",
            xy=(b_score, position),
            xytext=(a_score, position),
            arrowprops={
                "arrowstyle": "-|>",
                "color": NEUTRAL_COLOR,
                "linewidth": 1.4,
                "shrinkA": 4,
                "shrinkB": 5,
            },
            zorder=2,
        )
    ax.scatter(shown["a_compound"], y, s=45, color=VERSION_COLORS[0], label=label_a, zorder=3)
    ax.scatter(shown["b_compound"], y, s=45, color=VERSION_COLORS[1], label=label_b, zorder=3)
    for position, delta in zip(y, shown["delta"], strict=True):
        ax.text(
            1.01,
            position,
            f"{delta:+.2f}",
            transform=ax.get_yaxis_transform(),
            ha="left",
            va="center",
            fontsize="small",
        )
    ax.text(
        1.01,
        len(shown) - 0.4,
        "change",
        transform=ax.get_yaxis_transform(),
        ha="left",
        va="bottom",
        fontsize="x-small",
        color="#555555",
    )
    names = [
        f"group {group}\n{label}" for group, label in zip(shown.index, shown["label"], strict=True)
    ]
    ax.set_yticks(y, names)
    ax.set_ylim(-0.6, len(shown) - 0.4)
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xticks(_TONE_TICKS, _TONE_TICK_LABELS)
    ax.set_xlabel(
        f"Mean tone of the group's sentences (VADER compound), {label_a} \u2192 {label_b}"
    )
    _title_and_legend_above(
        ax, f"Largest changes of tone ({len(shown)} of {len(frame)} aligned groups)", 2
    )
    _tidy(ax)
    return ax


# -- framing -------------------------------------------------------------------------------------


def plot_framing_rates(
    framing: FramingComparison,
    *,
    subcategories: bool = False,
    labels: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Framing-lexicon terms per 1,000 words, per category, side by side for the two versions.

    Parameters
    ----------
    framing : FramingComparison
        ``comparison.framing``.
    subcategories : bool, default False
        One pair of bars per category and subcategory (:meth:`FramingComparison.subcategory_rates`)
        rather than per category (:attr:`FramingComparison.rates`).
    labels : pair of str, optional
        Names of the two versions; ``framing.labels`` by default.
    ax : Axes, optional

    Returns
    -------
    Axes
        Categories in the lexicon's order; those with no term in either version are left out.
        Categories ``mfc_*`` (the Media Frames Corpus dimensions) are shown as "frame: ...".

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from storydiff import compare
    >>> framing = compare("Two men were killed, officials said.",
    ...                   "Two men died, officials claimed.").framing
    >>> ax = plot_framing_rates(framing, ax=Figure().subplots())
    >>> [tick.get_text() for tick in ax.get_yticklabels()]
    ['attribution', 'casualty']
    """
    function = "plot_framing_rates()"
    _check(framing, FramingComparison, function, "a FramingComparison, e.g. comparison.framing")
    column_a, column_b = framing.labels
    label_a, label_b = _pair_labels(column_a, column_b, labels, function)
    rates = framing.subcategory_rates() if subcategories else framing.rates
    shown = rates[(rates[column_a] > 0) | (rates[column_b] > 0)]
    ax = _axes(ax, (7.0, _height(len(shown), per_row=0.42)), function)
    title = "Framing vocabulary by " + ("subcategory" if subcategories else "category")
    if shown.empty:
        return _nothing_to_show(
            ax, title, f"no term of the {framing.a.lexicon!r} lexicon in either version"
        )
    y = np.arange(len(shown))[::-1]
    height = 0.4
    ax.barh(y + height / 2, shown[column_a], height=height, color=VERSION_COLORS[0], label=label_a)
    ax.barh(y - height / 2, shown[column_b], height=height, color=VERSION_COLORS[1], label=label_b)
    ax.set_yticks(y, [_category_name(key) for key in shown.index])
    ax.set_ylim(-0.6, len(shown) - 0.4)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color=BAND_COLOR, linewidth=0.8)
    ax.set_axisbelow(True)
    hidden = len(rates) - len(shown)
    kind = "subcategories" if subcategories else "categories"
    note = f"\n{hidden} {kind} with no term in either version left out" if hidden else ""
    ax.set_xlabel("Lexicon terms per 1,000 words" + note)
    _set_title(ax, title)
    # Room at the right for the legend, which goes where it covers fewest bars ("lower right"
    # covered the last categories' bars when they were the longest).
    ax.set_xlim(0, float(np.nanmax(shown[[column_a, column_b]].to_numpy(float))) * 1.3)
    ax.legend(loc="best", frameon=False)
    _tidy(ax)
    return ax


# -- alignment -----------------------------------------------------------------------------------


def plot_edit_labels(
    comparison: Comparison | pd.Series,
    *,
    labels: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """How many aligned groups of sentences got each edit label.

    Parameters
    ----------
    comparison : Comparison or Series
        From :func:`storydiff.compare`; or counts indexed by label, such as the groups of a
        whole corpus (:attr:`storydiff.corpus.CorpusChanges.labels`).
    labels : pair of str, optional
        Names of the two versions; their ids by default (``a`` and ``b`` for counts).
    ax : Axes, optional

    Returns
    -------
    Axes
        One bar per label, in the order of :data:`storydiff.align.LABELS` (zeros included), with
        its count; ``deleted`` (only in *a*) and ``added`` (only in *b*) in the versions' colours.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from storydiff import compare
    >>> comparison = compare("Two men died. It rained.", "Two men died. Talks failed.")
    >>> ax = plot_edit_labels(comparison, ax=Figure().subplots())
    >>> {tick.get_text(): int(bar.get_width())
    ...  for tick, bar in zip(ax.get_yticklabels(), ax.patches) if bar.get_width()}
    {'unchanged': 1, 'added': 1, 'deleted': 1}
    >>> counts = pd.Series({"unchanged": 40, "edited": 12, "added": 3})
    >>> ax = plot_edit_labels(counts, labels=("earlier", "later"), ax=Figure().subplots())
    >>> [text.get_text() for text in ax.get_legend().get_texts()][1:]
    ['only in earlier', 'only in later']
    """
    function = "plot_edit_labels()"
    _check(
        comparison,
        (Comparison, pd.Series),
        function,
        "a Comparison, from storydiff.compare(), or a Series of counts by label",
    )
    if isinstance(comparison, pd.Series):
        unknown = [str(label) for label in comparison.index if label not in LABELS]
        if unknown or not pd.api.types.is_numeric_dtype(comparison):
            raise ParameterError(
                f"{function}: counts must be numbers indexed by label ({', '.join(LABELS)}); "
                f"got {', '.join(unknown) or comparison.dtype}"
            )
        label_a, label_b = _pair_labels(None, None, labels, function)
        counts = comparison.reindex(list(LABELS), fill_value=0).fillna(0).astype("int64")
    else:
        label_a, label_b = _pair_labels(comparison.a.id, comparison.b.id, labels, function)
        counts = comparison.counts.reindex(list(LABELS), fill_value=0)
    ax = _axes(ax, (6.4, 3.8), function)
    title = "What happened to each group of sentences"
    if int(counts.sum()) == 0:
        return _nothing_to_show(ax, title, "the alignment has no groups")
    special = {"deleted": VERSION_COLORS[0], "added": VERSION_COLORS[1]}
    colors = [special.get(label, NEUTRAL_COLOR) for label in counts.index]
    y = np.arange(len(counts))[::-1]
    bars = ax.barh(y, counts.to_numpy(), height=0.65, color=colors)
    ax.bar_label(bars, padding=3, fontsize="small")
    ax.set_yticks(y, list(counts.index))
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(int(counts.max()), 1) * 1.12)
    ax.set_xlabel(f"Aligned groups of sentences ({int(counts.sum())} in all)")
    _title_and_legend_above(
        ax,
        title,
        3,
        handles=[
            Patch(color=NEUTRAL_COLOR),
            Patch(color=VERSION_COLORS[0]),
            Patch(color=VERSION_COLORS[1]),
        ],
        labels=["in both versions", f"only in {label_a}", f"only in {label_b}"],
    )
    _tidy(ax)
    return ax


def plot_reuse_shares(
    comparison: Comparison,
    *,
    labels: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Stacked bars: the share of each version's sentences kept verbatim, edited, rewritten or new.

    Parameters
    ----------
    comparison : Comparison
        From :func:`storydiff.compare`; the bars are :meth:`Comparison.shares`.
    labels : pair of str, optional
        Names of the two versions; their ids by default.
    ax : Axes, optional

    Returns
    -------
    Axes
        One bar per version (*a* on top), headings left out. "only in this version" is the
        share of sentences aligned to nothing in the other version (new in *b*, dropped from *a*).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from storydiff import compare
    >>> comparison = compare("Two men died. It rained.", "Two men died. Talks failed.")
    >>> ax = plot_reuse_shares(comparison, ax=Figure().subplots())
    >>> [tick.get_text() for tick in ax.get_yticklabels()]
    ['a', 'b']
    >>> [float(bar.get_width()) for bar in ax.patches][:2]
    [0.5, 0.5]
    """
    function = "plot_reuse_shares()"
    _check(comparison, Comparison, function, "a Comparison, from storydiff.compare()")
    label_a, label_b = _pair_labels(comparison.a.id, comparison.b.id, labels, function)
    shares = comparison.shares()
    ax = _axes(ax, (7.5, 3.0), function)
    title = "How much of each version was kept"
    if not shares.to_numpy().sum():
        return _nothing_to_show(ax, title, "neither version has sentences outside headings")
    y = np.array([1.0, 0.0])
    left = np.zeros(2)
    for kind in SHARE_CLASSES:
        values = shares[kind].to_numpy(float)
        color = SHARE_COLORS[kind]
        bars = ax.barh(
            y,
            values,
            left=left,
            height=0.6,
            color=color,
            edgecolor="white",
            linewidth=1,
            label=_SHARE_NAMES.get(kind, kind),
        )
        dark = kind in ("verbatim", "new")
        ax.bar_label(
            bars,
            labels=[f"{v:.0%}" if v >= 0.06 else "" for v in values],
            label_type="center",
            fontsize="small",
            color="white" if dark else "black",
        )
        left += values
    ax.set_yticks(y, [label_a, label_b])
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("Share of the version's sentences (headings left out)")
    _title_and_legend_above(ax, title, 4)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return ax


FRAMING_COLUMNS = ("version", "category", "per_1000_words")
"""Columns :func:`plot_framing_across_versions` reads (``story_metrics(...).framing`` has them)."""


def plot_framing_across_versions(framing: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Heatmap of framing-term rates through the versions of a story: a category per row, a
    version per column in the story's order, darker for more terms per 1,000 words.

    Meant for revision histories and many outlets, where a table of one column per version is
    too wide to read: a category that appears, grows or vanishes from one version to the next
    stands out. Colours follow the square root of the rate, so that rare categories stay
    visible beside the frequent attribution verbs (the colour bar gives the real rates).
    Categories that no version uses are not shown (the axis label says how many).

    Parameters
    ----------
    framing : DataFrame
        One row per version and category with the columns ``version``, ``category`` and
        ``per_1000_words``, as in ``storydiff.metrics.story_metrics(story).framing``; versions
        and categories are shown in the order they first appear.
    ax : Axes, optional

    Returns
    -------
    Axes
        With a colour bar; above :data:`LABELLED_VERSIONS` versions only every k-th version is
        named, so that no label covers another.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> framing = pd.DataFrame({"version": ["v1", "v1", "v2", "v2"],
    ...                         "category": ["hedge", "emotive", "hedge", "emotive"],
    ...                         "per_1000_words": [4.0, 0.0, 0.0, 0.0]})
    >>> ax = plot_framing_across_versions(framing, ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_images()[0].get_array().tolist()
    (['hedge'], [[4.0, 0.0]])
    """
    function = "plot_framing_across_versions()"
    _check(framing, pd.DataFrame, function, "a framing table (story_metrics(story).framing)")
    missing = [c for c in FRAMING_COLUMNS if c not in framing.columns]
    if missing:
        raise ParameterError(
            f"{function}: the table has no {', '.join(missing)} column; give "
            "story_metrics(story).framing, one row per version and category"
        )
    if "story" in framing.columns and framing["story"].nunique() > 1:
        raise ParameterError(
            f"{function}: the table holds {framing['story'].nunique()} stories; draw one at a "
            "time, e.g. framing[framing['story'] == 'my-story']"
        )
    if framing.duplicated(["version", "category"]).any():
        raise ParameterError(
            f"{function}: the table has more than one row for a version and category; give "
            "one row per version and category, as story_metrics(story).framing has"
        )
    rates = framing["per_1000_words"]
    numbers = pd.to_numeric(rates, errors="coerce")
    if pd.api.types.is_bool_dtype(rates) or (numbers.isna() & rates.notna()).any():
        raise ParameterError(
            f"{function}: per_1000_words holds {rates.dtype} values, not numbers; convert it "
            "(framing.astype({'per_1000_words': float})) or read the CSV with its types"
        )
    framing = framing.assign(per_1000_words=numbers)
    table = framing.pivot_table(
        index="category", columns="version", values="per_1000_words", sort=False
    )
    used = table.loc[(table.fillna(0) > 0).any(axis=1)]
    n_versions, n_used = table.shape[1], len(used)
    width = min(max(7.0, 0.16 * n_versions + 4.0), 10.5)  # within a report page's width
    ax = _axes(ax, (width, _height(max(n_used, 1), per_row=0.3, extra=1.8)), function)
    title = "Framing terms per 1,000 words"
    if n_used == 0:
        reason = "no version has a term of the lexicon" if n_versions else "the table is empty"
        return _nothing_to_show(ax, title, reason)
    values = used.to_numpy(float)
    # A square-root scale: rare categories stay visible beside attribution verbs, which are
    # many times more frequent; the colour bar shows the real rates.
    norm = PowerNorm(gamma=0.5, vmin=0.0, vmax=float(np.nanmax(values)))
    image = ax.imshow(values, cmap="Blues", norm=norm, aspect="auto")
    versions = [str(v) for v in used.columns]
    shown = _named_versions(n_versions)
    upright = n_versions > ANNOTATED_VERSIONS or max(len(v) for v in versions) > 8
    ax.set_xticks(shown, [versions[i] for i in shown], rotation=90 if upright else 0)
    ax.set_yticks(range(n_used), [_category_name(c) for c in used.index])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    left_out = len(table) - n_used
    note = f" ({left_out} unused categories not shown)" if left_out else ""
    ax.set_xlabel(f"version, in the story's order{note}")
    _set_title(ax, title)
    ax.figure.colorbar(image, ax=ax, shrink=0.8, label="terms per 1,000 words")
    return ax


# -- similarity ----------------------------------------------------------------------------------


def plot_similarity_matrix(
    source: StoryComparison | pd.DataFrame,
    *,
    measure: str = "tfidf_cosine",
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of a similarity measure between every two versions of a story, values written in.

    Parameters
    ----------
    source : StoryComparison or DataFrame
        From :func:`storydiff.compare_story` (its :meth:`StoryComparison.matrix` is drawn), or a
        square table with the same versions as rows and columns.
    measure : str, default "tfidf_cosine"
        The measure to take from a StoryComparison; with a table, only names the chart.
    ax : Axes, optional

    Returns
    -------
    Axes
        Cells on a 0 to 1 scale (darker = more similar). Up to :data:`ANNOTATED_VERSIONS`
        versions each cell is annotated with its value to two decimals; a larger table (a long
        revision history) gets a colour bar instead, and above :data:`LABELLED_VERSIONS` only
        every k-th version is named, so that no label covers another. A cell is the measure
        of its column compared with its row (:meth:`StoryComparison.matrix`): for
        ``containment_a_in_b`` the row is the contained version, for ``containment_b_in_a``
        and ``derived_share`` the column.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame([[1.0, 0.634], [0.634, 1.0]],
    ...                      index=["wire", "rewrite"], columns=["wire", "rewrite"])
    >>> ax = plot_similarity_matrix(table, ax=Figure().subplots())
    >>> [text.get_text() for text in ax.texts]
    ['1.00', '0.63', '0.63', '1.00']
    """
    function = "plot_similarity_matrix()"
    if isinstance(source, StoryComparison):
        frame = source.matrix(measure)
    elif isinstance(source, pd.DataFrame):
        frame = source
        if list(map(str, frame.index)) != list(map(str, frame.columns)):
            raise ParameterError(
                f"{function}: the table must be square with the same versions, in the same "
                f"order, as rows and columns; got rows {list(frame.index)} and columns "
                f"{list(frame.columns)} (use StoryComparison.matrix())"
            )
        try:
            frame = frame.astype(float)
        except (TypeError, ValueError) as error:
            raise ParameterError(f"{function}: the table must hold numbers ({error})") from error
    else:
        raise ParameterError(
            f"{function} takes a StoryComparison (from storydiff.compare_story()) or a square "
            f"DataFrame; got {type(source).__name__}"
        )
    n = len(frame)
    side = min(max(3.2, 0.9 * n + 1.8), 12.0)
    ax = _axes(ax, (side + 0.4, side), function)
    name = MEASURE_NAMES.get(measure, str(measure).replace("_", " "))
    if n == 0:
        return _nothing_to_show(ax, name, "the table has no versions")
    values = frame.to_numpy(float)
    finite = values[np.isfinite(values)]
    low, high = 0.0, 1.0
    if finite.size and (finite.min() < 0 or finite.max() > 1):
        low, high = float(finite.min()), float(finite.max())
    image = ax.imshow(values, cmap="Blues", vmin=low, vmax=high)
    names = [str(v) for v in frame.index]
    long_names = max(len(v) for v in names) > 8 and n > 2
    shown = _named_versions(n)
    if shown.step > 1 or n > ANNOTATED_VERSIONS:  # many columns: names upright, side by side
        rotation, align = 90, "center"
    else:
        rotation, align = (30, "right") if long_names else (0, "center")
    ax.set_xticks(shown, [names[i] for i in shown], rotation=rotation, ha=align)
    ax.set_yticks(shown, [names[i] for i in shown])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if n <= LABELLED_VERSIONS:  # white lines between cells, while cells are large enough
        ax.set_xticks(np.arange(n + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(n + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="white", linewidth=2 if n <= ANNOTATED_VERSIONS else 0.5)
        ax.tick_params(which="minor", length=0)
    _set_title(ax, name)
    if str(measure).startswith("containment"):
        ax.set_ylabel("version (its 3-grams)")
        ax.set_xlabel("found in this version")
    if n > ANNOTATED_VERSIONS:
        ax.figure.colorbar(image, ax=ax, shrink=0.8, label=name)
        return ax
    fontsize = "medium" if n <= 6 else "small" if n <= 10 else "x-small"
    span = (high - low) or 1.0
    for row in range(n):
        for column in range(n):
            value = values[row, column]
            if np.isfinite(value):
                text, dark = f"{value:.2f}", (value - low) / span > 0.55
            else:
                text, dark = "\u2013", False
            ax.text(
                column,
                row,
                text,
                ha="center",
                va="center",
                fontsize=fontsize,
                color="white" if dark else "black",
            )
    return ax


def plot_similarity_distribution(
    metrics: pd.DataFrame,
    *,
    column: str = "tfidf_cosine",
    by: str | None = None,
    bins: int | Sequence[float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Histogram of one measure over many compared pairs, optionally stacked by a category.

    Parameters
    ----------
    metrics : DataFrame
        One row per compared pair (e.g. across the stories of a corpus).
    column : str, default "tfidf_cosine"
        The numeric column to count; rows where it is missing are left out.
    by : str, optional
        A categorical column (e.g. ``"reuse_label"``) to stack the bars by, in its categorical
        order (for reuse labels: wholly, partially, non-derived), else sorted.
    bins : int or sequence of float, optional
        Twenty bins of 0.05 for measures between 0 and 1 by default, twenty bins otherwise.
    ax : Axes, optional

    Returns
    -------
    Axes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> metrics = pd.DataFrame({"tfidf_cosine": [0.9, 0.85, 0.3, 0.1],
    ...                         "reuse_label": ["wholly-derived", "wholly-derived",
    ...                                         "partially-derived", "non-derived"]})
    >>> ax = plot_similarity_distribution(metrics, by="reuse_label", ax=Figure().subplots())
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['wholly-derived (2)', 'partially-derived (1)', 'non-derived (1)']
    """
    function = "plot_similarity_distribution()"
    _check(metrics, pd.DataFrame, function, "a DataFrame with one row per compared pair")
    for name, role in ((column, "column"), (by, "by")):
        if name is not None and name not in metrics.columns:
            raise ParameterError(
                f"{function}: {role}={name!r} is not a column of the table; its columns are: "
                f"{', '.join(map(str, metrics.columns)) or 'none'}"
            )
    if not pd.api.types.is_numeric_dtype(metrics[column]) or pd.api.types.is_bool_dtype(
        metrics[column]
    ):
        numeric = [str(c) for c in metrics.select_dtypes("number").columns]
        raise ParameterError(
            f"{function}: column {column!r} does not hold numbers; numeric columns: "
            f"{', '.join(numeric) or 'none'}"
        )
    ax = _axes(ax, (7.0, 4.0), function)
    name = MEASURE_NAMES.get(column, str(column).replace("_", " "))
    rows = metrics[metrics[column].notna()]
    missing = len(metrics) - len(rows)
    if rows.empty:
        return _nothing_to_show(ax, name, f"no compared pair has a value of {column!r}")
    values = rows[column].to_numpy(float)
    if bins is None:
        inside = values.min() >= 0 and values.max() <= 1
        bins = np.linspace(0, 1, 21) if inside else 20
    if by is None:
        ax.hist(values, bins=bins, color="#4D4D4D", edgecolor="white", linewidth=0.8)
    else:
        groups = rows[by]
        if isinstance(groups.dtype, pd.CategoricalDtype):
            order = [g for g in groups.cat.categories if (groups == g).any()]
        else:
            present = set(groups.dropna())
            order = [g for g in REUSE_LABELS if g in present]
            order += sorted(present - set(order), key=str)
        stacks = [values[(groups == g).to_numpy(bool)] for g in order]
        unlabelled = values[groups.isna().to_numpy(bool)]
        names = [f"{g} ({len(s)})" for g, s in zip(order, stacks, strict=True)]
        colors = [CATEGORY_COLORS[i % len(CATEGORY_COLORS)] for i in range(len(order))]
        if unlabelled.size:
            stacks.append(unlabelled)
            names.append(f"no {by} ({unlabelled.size})")
            colors.append(NEUTRAL_COLOR)
        ax.hist(
            stacks,
            bins=bins,
            stacked=True,
            color=colors,
            label=names,
            edgecolor="white",
            linewidth=0.8,
        )
        ax.legend(title=by.replace("_", " "), frameon=False, loc="best")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(name)
    ax.set_ylabel("Compared pairs")
    left_out = f"; {missing} without a value left out" if missing else ""
    _set_title(ax, f"Across {len(values)} compared pairs{left_out}")
    _tidy(ax)
    return ax


__all__ = [
    "CATEGORY_COLORS",
    "FRAMING_COLUMNS",
    "MEASURE_NAMES",
    "NEUTRAL_COLOR",
    "SHARE_COLORS",
    "VERSION_COLORS",
    "plot_distinctive_terms",
    "plot_edit_labels",
    "plot_framing_across_versions",
    "plot_framing_rates",
    "plot_reuse_shares",
    "plot_similarity_distribution",
    "plot_similarity_matrix",
    "plot_tone_arc",
    "plot_tone_shifts",
]
