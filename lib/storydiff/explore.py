"""Explore two versions of a story interactively: JupyterLab widgets over escaped HTML views.

The views are pure functions of a comparison, testable without any widget:

- :func:`comparison_summary`: the two versions, the match threshold and the groups by label;
- :func:`group_details`: one aligned group: its inline diff, its tone (VADER compound of each
  side and the shift) and the framing terms found in it, those on one side only marked;
- :func:`highlight_category`: both texts in full, the terms of one framing category marked with
  ``<mark>`` and the sentences of the chosen group outlined.

:func:`explorer` returns an :class:`Explorer`, which holds the current choices (story, the two
versions, the match threshold, the framing category, the group) and recomputes only what a change
needs: the comparison when the story, the versions or the threshold change; only the views when the
category or the group change. Displayed in a notebook it offers two renderings in one output:

- the live widgets (``application/vnd.jupyter.widget-view+json``), when ``ipywidgets`` is
  installed: JupyterLab renders them first in the session that ran the cell;
- a static rendering of the current state (``text/html``), always: what JupyterLab shows for a
  notebook it does not trust (one executed by papermill, opened later), and what
  :func:`storydiff.reporting.export_html` puts in a report (it drops the widget views). A plain
  ``jupyter nbconvert --to html`` instead embeds the widget state papermill saved and loads the
  widget library from a CDN to draw it.

ipywidgets is optional (the ``lab`` extra) and imported only when the widgets are built.

Every text from a story is escaped (``html.escape``, quotes too): markup in a story is shown as
text, never run; the views hold no script and fetch nothing.

Examples
--------
>>> from storydiff import compare
>>> comparison = compare("Two men were killed. Talks went on.", "Two men died. Talks went on.")
>>> html = group_details(comparison, comparison.framing, 0).data
>>> '<del class="sd-del">were killed</del>' in html, "Tone shift" in html
(True, True)
>>> '<mark class="sd-mark"' in highlight_category(comparison, comparison.framing, "casualty").data
True
"""

from __future__ import annotations

import html
import math
import numbers
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from . import config
from .align import AlignmentThresholds
from .compare import Comparison, compare
from .errors import ParameterError, StorydiffError
from .framing import DEFAULT_LEXICON, FramingComparison, compare_framing, load_lexicon
from .notebook import choose_pair
from .reading import load_story
from .story import Story
from .views import HTML, notice, style, table

DEFAULT_MATCH_THRESHOLD = AlignmentThresholds().match_threshold
"""The match threshold the slider starts at when none is given."""

WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"

_SNIPPET = 70  # characters of a group's text in the group picker

_STYLE = """
.storydiff mark.sd-mark { background: rgba(240,228,66,.55); color: inherit; padding: 0 1px;
  border-bottom: 2px solid #B8A800; }
.storydiff .sd-focus { outline: 2px solid #0072B2; outline-offset: 1px; border-radius: 2px; }
.storydiff .sd-fulltext { white-space: pre-wrap; }
.storydiff table.sd-texts { width: 100%; table-layout: fixed; border-collapse: collapse; }
.storydiff table.sd-texts td { vertical-align: top; padding: 0.3em 0.6em;
  border: 1px solid rgba(128,128,128,.35); }
""".strip()


def _e(value) -> str:
    """Escaped text, quotes too (safe inside attribute values)."""
    return html.escape(str(value), quote=True)


def _wrap(body: str) -> HTML:
    return HTML(f'<div class="storydiff sd-explore">{body}</div>')


def _style() -> HTML:
    """The views' CSS and the few rules of this module."""
    return style() + HTML(f"<style>\n{_STYLE}\n</style>")


# -- choices -------------------------------------------------------------------------------------


def story_choices(folder: str | os.PathLike | None = None) -> list[str]:
    """The story folders under *folder* (default :data:`storydiff.config.STORIES_DIR`), by name.

    An installed package without its checkout has no such folder: the list is then empty.

    Examples
    --------
    >>> config.EXAMPLE_STORY_ID in story_choices()
    True
    """
    root = Path(folder) if folder is not None else config.STORIES_DIR
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def resolve_story(story: str | os.PathLike) -> Path:
    """The path a ``story`` parameter names: empty for the bundled example, an existing path as
    it is, else a folder name under :data:`storydiff.config.STORIES_DIR`.

    Examples
    --------
    >>> resolve_story("") == config.EXAMPLE_STORY_DIR
    True
    >>> resolve_story("putin-peace-plan") == config.STORIES_DIR / "putin-peace-plan"
    True
    """
    text = str(story).strip()
    if not text:
        return config.EXAMPLE_STORY_DIR
    path = Path(text).expanduser()
    if not path.exists() and (config.STORIES_DIR / text).is_dir():
        return config.STORIES_DIR / text
    return path


def framing_categories(framing: FramingComparison) -> tuple[str, ...]:
    """The categories of the lexicon *framing* was computed with, in the lexicon's order.

    Examples
    --------
    >>> from storydiff import compare
    >>> framing_categories(compare("He said so.", "He claimed so.").framing)[:3]
    ('attribution', 'hedge', 'certainty')
    """
    return tuple(dict.fromkeys(category for category, _ in framing.a.subcategories))


def _side_text(comparison: Comparison, group) -> str:
    table = comparison.b.sentences if group.b else comparison.a.sentences
    return " ".join(table.at[i, "text"] for i in (group.b or group.a))


def group_choices(comparison: Comparison) -> list[tuple[str, int]]:
    """``(label, group number)`` for every aligned group, for a picker: the number, the edit
    label and the start of the group's text (of *b*, or of *a* for a deleted group).

    Examples
    --------
    >>> from storydiff import compare
    >>> group_choices(compare("Two men died. Six were hurt.", "Two men died."))
    [('0 · unchanged · Two men died.', 0), ('1 · deleted · Six were hurt.', 1)]
    """
    choices = []
    for number, group in enumerate(comparison.aligned.groups):
        text = " ".join(_side_text(comparison, group).split())
        if len(text) > _SNIPPET:
            text = text[: _SNIPPET - 1].rstrip() + "…"
        heading = " · heading" if group.is_heading else ""
        choices.append((f"{number} · {group.label}{heading} · {text}", number))
    return choices


def default_group(comparison: Comparison) -> int:
    """The group shown first: the first one with both sides whose words changed, else the first
    changed one, else group 0.

    Examples
    --------
    >>> from storydiff import compare
    >>> default_group(compare("Same. Two men died.", "Same. Two men were killed."))
    1
    """
    groups = comparison.aligned.groups
    for wanted in (lambda g: g.a and g.b, lambda g: True):
        for number, group in enumerate(groups):
            if group.label != "unchanged" and wanted(group):
                return number
    return 0


def _matching_group(old: Comparison, number: int, new: Comparison) -> int:
    """The group of *new* that holds the first sentence of group *number* of *old*."""
    group = old.aligned.groups[number]
    for side in ("a", "b"):
        ids = getattr(group, side)
        if ids:
            for candidate, other in enumerate(new.aligned.groups):
                if ids[0] in getattr(other, side):
                    return candidate
    return default_group(new)


# -- validation ----------------------------------------------------------------------------------


def _check_threshold(value) -> float:
    if value is None:
        return DEFAULT_MATCH_THRESHOLD
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not 0.0 <= float(value) <= 1.0
    ):
        raise ParameterError(
            f"match_threshold={value!r}: give a number from 0 to 1 "
            f"(the default is {DEFAULT_MATCH_THRESHOLD})"
        )
    return float(value)


def _check_group(comparison: Comparison, group) -> int:
    n = len(comparison.aligned.groups)
    if isinstance(group, bool) or not isinstance(group, numbers.Integral) or not 0 <= group < n:
        raise ParameterError(
            f"group={group!r}: the comparison has {n} aligned groups; choose a number from 0 "
            f"to {n - 1} (None shows the first changed group)"
        )
    return int(group)


def _check_category(framing: FramingComparison, category) -> str | None:
    if category is None or category == "":
        return None
    categories = framing_categories(framing)
    if category not in categories:
        raise ParameterError(
            f"category={category!r}: the lexicon {framing.a.lexicon!r} has no such category; "
            f"choose one of: {', '.join(categories)}"
        )
    return str(category)


# -- views ---------------------------------------------------------------------------------------


def comparison_summary(comparison: Comparison) -> HTML:
    """One paragraph: the two versions, the match threshold, the aligned groups by label.

    Examples
    --------
    >>> from storydiff import compare
    >>> print(comparison_summary(compare("Two men died.", "Two men died. <b>Six</b> were hurt.")))
    <div class="storydiff sd-explore"><p><strong>a</strong>: a ... 2 aligned groups: 1 unchanged, 1 added.</p></div>
    """  # noqa: E501
    a, b = comparison.a, comparison.b
    counts = [f"{int(n)} {label}" for label, n in comparison.counts.items() if n]
    threshold = comparison.aligned.thresholds.match_threshold
    n = len(comparison.aligned.groups)
    return _wrap(
        f"<p><strong>a</strong>: {_e(a.name)} &nbsp;&rarr;&nbsp; <strong>b</strong>: "
        f"{_e(b.name)}. At match threshold {threshold:.2f}, {n} aligned group"
        f"{'' if n == 1 else 's'}: {_e(', '.join(counts))}.</p>"
    )


def _compound(profile, ids) -> float:
    if not ids:
        return math.nan
    return float(profile.sentences.loc[list(ids), "compound"].mean())


def _signed(value: float) -> str:
    return "" if math.isnan(value) else f"{value:+.3f}"


def _tone_block(comparison: Comparison, group) -> str:
    tone = comparison.tone
    a_value, b_value = _compound(tone.a, group.a), _compound(tone.b, group.b)
    frame = pd.DataFrame(
        {
            "sentences": [", ".join(map(str, group.a)), ", ".join(map(str, group.b))],
            "compound": [_signed(a_value), _signed(b_value)],
        },
        index=pd.Index([f"a: {comparison.a.name}", f"b: {comparison.b.name}"], name="version"),
    )
    if group.a and group.b:
        delta = b_value - a_value
        direction = "more positive" if delta > 0 else "more negative" if delta < 0 else "the same"
        line = f"Tone shift (b − a): {_signed(delta)}, b reads {direction}."
    else:
        line = "Tone shift: none, the group has sentences in one version only."
    return (
        '<div class="sd-subtitle">Tone (VADER compound, −1 to +1)</div>'
        + table(frame, max_rows=None).data
        + f'<div class="sd-note">{_e(line)}</div>'
    )


def _framing_block(
    comparison: Comparison, framing: FramingComparison, number: int, category: str | None
) -> str:
    """The group's lexicon terms, one row per category (per subcategory for the categories whose
    subcategories are alternatives), keyed like :attr:`FramingComparison.changes`."""
    group = comparison.aligned.groups[number]
    pair_within = set(framing.pair_within_subcategory)
    one_sided: dict[str, set] = {"a": set(), "b": set()}
    changes = framing.changes[framing.changes["group"] == number]
    for a_terms, b_terms, found in zip(
        changes["a_terms"], changes["b_terms"], changes["category"], strict=True
    ):
        one_sided["a"].update((found, t) for t in a_terms)
        one_sided["b"].update((found, t) for t in b_terms)
    rows: dict[tuple[str, str], dict[str, list[str]]] = {}
    for side, profile, ids in (("a", framing.a, group.a), ("b", framing.b, group.b)):
        mentions = profile.mentions[profile.mentions["sentence"].isin(list(ids))]
        for term, matched, found, subcategory in mentions[
            ["term", "matched", "category", "subcategory"]
        ].itertuples(index=False):
            key = (found, subcategory if found in pair_within else "")
            cell = rows.setdefault(key, {"a": [], "b": []})[side]
            text = _e(matched)
            if (found, term) in one_sided[side]:
                tag = "del" if side == "a" else "ins"
                text = f'<{tag} class="sd-{tag}">{text}</{tag}>'
            if found == category:
                text = f'<mark class="sd-mark">{text}</mark>'
            if subcategory and found not in pair_within:
                text = f'<span title="{_e(subcategory)}">{text}</span>'
            if text not in cell:
                cell.append(text)
    title = '<div class="sd-subtitle">Framing terms in this group</div>'
    if not rows:
        return title + notice("No lexicon terms in this group.", level="info").data
    order: dict[tuple[str, str], int] = {}
    for found, subcategory in framing.a.subcategories:
        order.setdefault((found, subcategory if found in pair_within else ""), len(order))
    keys = sorted(rows, key=lambda key: order.get(key, len(order)))
    frame = pd.DataFrame(
        {
            "category": [c if not s else f"{c} ({s})" for c, s in keys],
            f"a: {comparison.a.name}": [HTML(", ".join(rows[k]["a"])) for k in keys],
            f"b: {comparison.b.name}": [HTML(", ".join(rows[k]["b"])) for k in keys],
        }
    )
    key = (
        "Struck through: a term of that category only in a; underlined: only in b "
        "(a swap when both sides have one)."
    )
    if category:
        key += f" Marked: the category {category}."
    return title + table(frame, max_rows=None).data + f'<div class="sd-note">{_e(key)}</div>'


def group_details(
    comparison: Comparison,
    framing: FramingComparison,
    group: int,
    *,
    category: str | None = None,
) -> HTML:
    """One aligned group in detail: its inline diff, its tone and its framing terms.

    Parameters
    ----------
    comparison : Comparison
    framing : FramingComparison
        Of the same comparison (``comparison.framing``, or :func:`compare_framing` with another
        lexicon).
    group : int
        The group's number (its row in ``comparison.alignment``).
    category : str, optional
        A framing category whose terms are marked (``<mark>``) in the terms table.

    Returns
    -------
    HTML
        The group's label, score and sentence ids; the inline diff (deleted words in ``<del>``,
        inserted words in ``<ins>``); the mean VADER compound of each side and the shift b − a;
        one row per framing category and subcategory found, with the terms of each side as
        written, those on one side only struck through (a) or underlined (b).

    Raises
    ------
    ParameterError
        For a group number outside the comparison or an unknown category.

    Examples
    --------
    >>> from storydiff import compare
    >>> comparison = compare("Two men died.", "Two men were killed.")
    >>> html = group_details(comparison, comparison.framing, 0, category="casualty").data
    >>> '<mark class="sd-mark"><ins class="sd-ins">killed</ins></mark>' in html
    True
    >>> "Tone shift (b − a): -0.113" in html
    True
    """
    number = _check_group(comparison, group)
    category = _check_category(framing, category)
    chosen = comparison.aligned.groups[number]
    diff = comparison.diffs[number]
    facts = [chosen.label + (" (moved)" if chosen.moved and chosen.label != "moved" else "")]
    if chosen.a and chosen.b:
        facts.append(f"score {chosen.score:.2f}")
    if chosen.is_heading:
        facts.append("heading")
    ids = f"a [{', '.join(map(str, chosen.a))}] → b [{', '.join(map(str, chosen.b))}]"
    head = (
        f'<div class="sd-title">Group {number}: {_e(", ".join(facts))}</div>'
        f'<div class="sd-note">Sentence ids {_e(ids)}. Struck through: deleted from a; '
        "underlined: inserted in b.</div>"
    )
    return _wrap(
        head
        + diff.to_html()
        + _tone_block(comparison, chosen)
        + _framing_block(comparison, framing, number, category)
    )


def _marked_text(version, mentions: pd.DataFrame, focus: tuple[int, ...]) -> tuple[str, int]:
    """The version's text, escaped, with *mentions* in ``<mark>`` and the *focus* sentences
    outlined; and the number of marks."""
    text = version.text
    spans = sorted(zip(mentions["start"], mentions["end"], mentions["subcategory"], strict=True))
    sentences = version.sentences
    out, position, marks = [], 0, 0
    for sentence_id, start, end in zip(
        sentences.index, sentences["start"], sentences["end"], strict=True
    ):
        start, end = int(start), int(end)
        if start < position:  # defensive: sentences never overlap
            continue
        out.append(_e(text[position:start]))
        inner, cursor = [], start
        for first, last, subcategory in spans:
            first, last = int(first), int(last)
            if first < cursor or first < start or last > end:
                continue
            inner.append(_e(text[cursor:first]))
            title = f' title="{_e(subcategory)}"' if subcategory else ""
            inner.append(f'<mark class="sd-mark"{title}>{_e(text[first:last])}</mark>')
            cursor, marks = last, marks + 1
        inner.append(_e(text[cursor:end]))
        body = "".join(inner)
        if sentence_id in focus:
            body = f'<span class="sd-focus">{body}</span>'
        out.append(body)
        position = end
    out.append(_e(text[position:]))
    return "".join(out), marks


def highlight_category(
    comparison: Comparison,
    framing: FramingComparison,
    category: str | None,
    *,
    group: int | None = None,
) -> HTML:
    """Both versions in full, side by side, the terms of one framing category marked.

    Parameters
    ----------
    comparison : Comparison
    framing : FramingComparison
        Of the same comparison.
    category : str or None
        A category of the framing lexicon (see :func:`framing_categories`); None marks nothing.
    group : int, optional
        An aligned group whose sentences are outlined in both texts.

    Returns
    -------
    HTML
        A two-column table with the texts as written (line breaks kept, every character
        escaped), each term of the category in ``<mark class="sd-mark">`` with its subcategory as
        a tooltip, and the count of terms in each version.

    Raises
    ------
    ParameterError
        For an unknown category or group.

    Examples
    --------
    >>> from storydiff import compare
    >>> comparison = compare("<b>Two</b> men were killed.", "Two men died.")
    >>> html = highlight_category(comparison, comparison.framing, "casualty").data
    >>> 'killed</mark>' in html, "&lt;b&gt;Two&lt;/b&gt;" in html
    (True, True)
    """
    category = _check_category(framing, category)
    chosen = (
        comparison.aligned.groups[_check_group(comparison, group)] if group is not None else None
    )
    cells, counts = [], []
    for side, version, profile in (("a", comparison.a, framing.a), ("b", comparison.b, framing.b)):
        mentions = profile.mentions
        mentions = mentions[mentions["category"] == category] if category else mentions.iloc[:0]
        focus = tuple(getattr(chosen, side)) if chosen is not None else ()
        body, n = _marked_text(version, mentions, focus)
        counts.append(n)
        cells.append(f'<td><div class="sd-fulltext">{body}</div></td>')
    if category:
        about = f"Terms of the category {category} marked: {counts[0]} in a, {counts[1]} in b."
    else:
        about = "No framing category chosen: nothing marked."
    if chosen is not None:
        about += f" Outlined: the sentences of group {group}."
    head = f"<tr><th>a: {_e(comparison.a.name)}</th><th>b: {_e(comparison.b.name)}</th></tr>"
    return _wrap(
        f'<div class="sd-subtitle">The two texts</div><div class="sd-note">{_e(about)}</div>'
        f'<table class="sd-texts"><thead>{head}</thead><tbody><tr>{"".join(cells)}</tr>'
        "</tbody></table>"
    )


# -- the explorer --------------------------------------------------------------------------------


class _Keep:
    """Marks a parameter of :meth:`Explorer.update` that is not changed."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()


def _ipywidgets():
    """The ipywidgets module, or a one-line error saying how to install it."""
    try:
        import ipywidgets  # noqa: PLC0415  (optional: the lab extra)
    except ImportError:
        raise StorydiffError(
            "ipywidgets is not installed, so the explorer shows a static view; install it with "
            "pip install -e '.[lab]' (or pip install ipywidgets) and restart the kernel"
        ) from None
    return ipywidgets


class Explorer:
    """Choices for exploring two versions of a story, with the comparison they give.

    Build one with :func:`explorer`. The attributes below are the current state (read only);
    :meth:`update` changes it, recomputing only what the change needs. Displayed in a notebook,
    the explorer is live widgets where ipywidgets can render, and a static HTML rendering of the
    current state everywhere else (both are in the output; see the module documentation).

    Attributes
    ----------
    story : Story
    reference, compared : str
        The ids of version a and version b.
    match_threshold : float
    lexicon : str
    category : str or None
        The framing category whose terms are marked.
    group : int
        The aligned group shown in detail.
    comparison : Comparison
    framing : FramingComparison
    """

    def __init__(
        self,
        story: str | os.PathLike | Story = "",
        *,
        story_id: str = "",
        reference: str = "",
        compared: str = "",
        match_threshold: float | None = None,
        lexicon: str = DEFAULT_LEXICON,
        category: str | None = None,
        group: int | None = None,
    ):
        self._source: str | Story | None = None
        self._story_id = ""
        self._story: Story | None = None
        self._reference = self._compared = ""
        self._threshold = DEFAULT_MATCH_THRESHOLD
        self._lexicon = ""
        self._category: str | None = None
        self._group = 0
        self._comparison: Comparison | None = None
        self._framing: FramingComparison | None = None
        self._box = None
        self._controls: dict = {}
        self._syncing = False
        self.update(
            story=story,
            story_id=story_id,
            reference=reference,
            compared=compared,
            match_threshold=match_threshold,
            lexicon=lexicon,
            category=category,
            group=group,
        )

    # state, read only
    story = property(lambda self: self._story)
    reference = property(lambda self: self._reference)
    compared = property(lambda self: self._compared)
    match_threshold = property(lambda self: self._threshold)
    lexicon = property(lambda self: self._lexicon)
    category = property(lambda self: self._category)
    group = property(lambda self: self._group)
    comparison = property(lambda self: self._comparison)
    framing = property(lambda self: self._framing)

    def update(
        self,
        *,
        story=KEEP,
        story_id=KEEP,
        reference=KEEP,
        compared=KEEP,
        match_threshold=KEEP,
        lexicon=KEEP,
        category=KEEP,
        group=KEEP,
    ) -> Explorer:
        """Change some choices; parameters left out keep their value. Returns the explorer.

        A new story resets the versions (unless given) to its first two; a new comparison keeps
        the group that holds the same first sentence (unless a group is given). Nothing changes
        when a choice is invalid.

        Raises
        ------
        StorydiffError
            One line naming the bad choice and what to do: a story that cannot be read, an
            unknown version, a threshold outside 0 to 1, an unknown category or group.
        """
        source = self._source if story is KEEP else story
        selector = self._story_id if story_id is KEEP else str(story_id or "")
        if story is not KEEP and story_id is KEEP:
            selector = ""
        if isinstance(source, Story):
            loaded = source
        elif not isinstance(source, str | os.PathLike):
            raise ParameterError(
                f"story takes a folder or file path (or a Story), got {type(source).__name__}"
            )
        else:
            source = str(source)
            same = (
                isinstance(self._source, str)
                and resolve_story(source) == resolve_story(self._source)
                and selector == self._story_id
            )
            loaded = self._story if same else None
            if loaded is None:
                loaded = load_story(resolve_story(source), story=selector or None)
        new_story = loaded is not self._story
        if reference is KEEP:
            reference = "" if new_story else self._reference
        if compared is KEEP:
            compared = "" if new_story else self._compared
        a, b = choose_pair(loaded, str(reference or ""), str(compared or ""))
        threshold = (
            self._threshold if match_threshold is KEEP else _check_threshold(match_threshold)
        )
        name = self._lexicon if lexicon is KEEP else str(lexicon or DEFAULT_LEXICON)

        comparison = self._comparison
        if new_story or (a, b, threshold) != (self._reference, self._compared, self._threshold):
            comparison = compare(loaded[a], loaded[b], match_threshold=threshold)
        framing = self._framing
        if comparison is not self._comparison or name != self._lexicon:
            framing = compare_framing(comparison, load_lexicon(name))
        chosen = _check_category(framing, self._category if category is KEEP else category)
        if group is not KEEP and group is not None:
            number = _check_group(comparison, group)
        elif group is None or self._comparison is None or new_story:
            number = default_group(comparison)
        elif comparison is not self._comparison:
            number = _matching_group(self._comparison, self._group, comparison)
        else:
            number = self._group

        self._source, self._story_id, self._story = source, selector, loaded
        self._reference, self._compared, self._threshold = a, b, threshold
        self._lexicon, self._comparison, self._framing = name, comparison, framing
        self._category, self._group = chosen, number
        return self

    # -- rendering -----------------------------------------------------------------------------

    def view(self) -> HTML:
        """The views of the current state: summary, group details, the two texts."""
        return (
            comparison_summary(self._comparison)
            + group_details(self._comparison, self._framing, self._group, category=self._category)
            + highlight_category(self._comparison, self._framing, self._category, group=self._group)
        )

    def to_html(self) -> HTML:
        """The static rendering: styles, the choices in words, and :meth:`view`."""
        label = self._story.title or self._story.id
        choices = (
            f"Story {label}; a: {self._reference}, b: {self._compared}; match threshold "
            f"{self._threshold:.2f}; framing category {self._category or '(none)'}; "
            f"group {self._group}. A static view: run the notebook in JupyterLab with ipywidgets "
            "to change these choices."
        )
        return _style() + notice(choices, level="info") + self.view()

    def __repr__(self) -> str:
        return (
            f"Explorer(story={self._story.id!r}, reference={self._reference!r}, "
            f"compared={self._compared!r}, match_threshold={self._threshold}, "
            f"category={self._category!r}, group={self._group}, "
            f"groups={len(self._comparison.aligned.groups)})"
        )

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """The live widgets' view (when ipywidgets is importable) and the static HTML."""
        bundle = {"text/plain": repr(self), "text/html": self.to_html().data}
        try:
            widget = self.widget
        except StorydiffError:
            widget = None
        if widget is not None:
            bundle[WIDGET_VIEW_MIMETYPE] = widget._repr_mimebundle_()[WIDGET_VIEW_MIMETYPE]
        return {
            mimetype: data
            for mimetype, data in bundle.items()
            if (not include or mimetype in include) and not (exclude and mimetype in exclude)
        }

    # -- widgets -------------------------------------------------------------------------------

    @property
    def widget(self):
        """The ipywidgets box (built on first use).

        Raises
        ------
        StorydiffError
            When ipywidgets is not installed.
        """
        if self._box is None:
            self._build()
        return self._box

    @property
    def controls(self) -> dict:
        """The widgets by choice: story, reference, compared, match_threshold, category, group."""
        self.widget  # noqa: B018  (builds the widgets)
        return dict(self._controls)

    def _story_label(self) -> str:
        if isinstance(self._source, str) and self._source:
            return self._source
        return self._story.id

    def _category_options(self) -> list[tuple[str, str]]:
        return [("(none)", "")] + [(c, c) for c in framing_categories(self._framing)]

    def _build(self) -> None:
        widgets = _ipywidgets()
        wide = widgets.Layout(width="32em")
        description = {"description_width": "9.5em"}
        ids = list(self._story.ids)
        controls = {
            "story": widgets.Combobox(
                value=self._story_label(),
                options=story_choices(),
                placeholder="a folder under data/stories, or a path",
                description="Story",
                ensure_option=False,
                continuous_update=False,
                layout=wide,
                style=description,
            ),
            "reference": widgets.Dropdown(
                options=ids, value=self._reference, description="Version a", style=description
            ),
            "compared": widgets.Dropdown(
                options=ids, value=self._compared, description="Version b", style=description
            ),
            "match_threshold": widgets.FloatSlider(
                value=self._threshold,
                min=0.0,
                max=1.0,
                step=0.01,
                readout_format=".2f",
                continuous_update=False,
                description="Match threshold",
                layout=wide,
                style=description,
            ),
            "category": widgets.Dropdown(
                options=self._category_options(),
                value=self._category or "",
                description="Mark category",
                style=description,
            ),
            "group": widgets.Dropdown(
                options=group_choices(self._comparison),
                value=self._group,
                description="Group",
                layout=widgets.Layout(width="60em"),
                style=description,
            ),
        }
        self._status = widgets.HTML(value="")
        self._output = widgets.HTML(value=(_style() + self.view()).data)
        self._shown = (self._comparison, self._framing)
        for control in controls.values():
            control.observe(self._on_change, names="value")
        self._controls = controls
        self._box = widgets.VBox(
            [
                widgets.HBox([controls["story"], controls["reference"], controls["compared"]]),
                widgets.HBox([controls["match_threshold"], controls["category"]]),
                controls["group"],
                self._status,
                self._output,
            ]
        )

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Set widget values without their observers acting on it."""
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = False

    def _on_change(self, change) -> None:
        if self._syncing:
            return
        name = next(n for n, c in self._controls.items() if c is change["owner"])
        value = change["new"]
        changes = {name: value}
        if name == "reference" and value == self._compared:
            changes["compared"] = self._reference  # choosing b's version as a swaps them
        elif name == "compared" and value == self._reference:
            changes["reference"] = self._compared
        elif name == "category":
            changes["category"] = value or None
        try:
            self.update(**changes)
            self._status.value = ""
        except StorydiffError as error:
            self._status.value = notice(str(error), level="error").data
        self._sync()

    def _sync(self) -> None:
        """Show the current state in the widgets: their values, their options where the story
        or the comparison changed, and the views."""
        controls = self._controls
        with self._quiet():
            ids = tuple(self._story.ids)
            if tuple(controls["reference"].options) != ids:
                controls["reference"].options = ids
                controls["compared"].options = ids
            controls["story"].value = self._story_label()
            controls["reference"].value = self._reference
            controls["compared"].value = self._compared
            controls["match_threshold"].value = self._threshold
            if self._framing is not self._shown[1]:
                controls["category"].options = self._category_options()
            controls["category"].value = self._category or ""
            if self._comparison is not self._shown[0]:
                controls["group"].options = group_choices(self._comparison)
            controls["group"].value = self._group
        self._shown = (self._comparison, self._framing)
        self._output.value = (_style() + self.view()).data


def explorer(
    story: str | os.PathLike | Story = "",
    *,
    story_id: str = "",
    reference: str = "",
    compared: str = "",
    match_threshold: float | None = None,
    lexicon: str = DEFAULT_LEXICON,
    category: str | None = None,
    group: int | None = None,
) -> Explorer:
    """Explore two versions of a story: widgets in JupyterLab, a static view elsewhere.

    Parameters
    ----------
    story : str, path or Story, default ""
        A story folder (or the name of one under :data:`storydiff.config.STORIES_DIR`), a records
        file or a manifest; empty for the bundled example.
    story_id : str, default ""
        Which story of a records file or manifest that holds several.
    reference, compared : str, default ""
        The version ids of a and b; empty for the story's first and the first other version.
    match_threshold : float, optional
        Least similarity for two sentences to align, 0 to 1 (default
        :data:`DEFAULT_MATCH_THRESHOLD`).
    lexicon : str, default "news"
        The framing lexicon (see :func:`storydiff.framing.available_lexicons`) or a CSV path.
    category : str, optional
        A category of that lexicon whose terms are marked in the texts.
    group : int, optional
        The aligned group shown in detail; by default the first changed one.

    Returns
    -------
    Explorer

    Raises
    ------
    StorydiffError
        One line for a story that cannot be read or a bad choice (see :meth:`Explorer.update`).

    Examples
    --------
    >>> view = explorer(category="casualty")
    >>> view.reference, view.compared, view.match_threshold
    ('original', 'rewrite', 0.2)
    >>> "text/html" in view._repr_mimebundle_()
    True
    """
    return Explorer(
        story,
        story_id=story_id,
        reference=reference,
        compared=compared,
        match_threshold=match_threshold,
        lexicon=lexicon,
        category=category,
        group=group,
    )


__all__ = [
    "DEFAULT_MATCH_THRESHOLD",
    "KEEP",
    "Explorer",
    "comparison_summary",
    "default_group",
    "explorer",
    "framing_categories",
    "group_choices",
    "group_details",
    "highlight_category",
    "resolve_story",
    "story_choices",
]
