"""HTML displays of computed results, for report notebooks.

Each function takes a result (a :class:`~storydiff.compare.Comparison`, a ledger, a table) and
returns an :class:`HTML` object, which Jupyter shows as markup and ``str()`` turns into text. The
views compute nothing: they lay out what the result already holds.

Safety. Every text that comes from a story or a table (article text, speakers, terms, version
labels, column names) is escaped with :func:`html.escape` (``quote=True``), so markup in a story
is shown as text, never run. The output holds no JavaScript, no links and no images, and fetches
nothing: it stays whole in an offline HTML export.

Styling. :data:`STYLE` is one CSS block, every rule scoped under the ``storydiff`` class that wraps
each view, so it does not fight the notebook's theme; :func:`style` emits it (display it once, at
the top of a notebook). Each view also carries a few inline styles, so that it stays readable
where the block is missing. Colours come from the Okabe-Ito palette, which stays distinguishable
with the common colour-vision deficiencies, and never carry meaning alone: insertions are
``<ins>`` (underlined), deletions ``<del>`` (struck through), and every label is written out.

Examples
--------
>>> from storydiff import compare
>>> comparison = compare("Two men died. A woman was hurt.", "Two men were killed. A woman was hurt")
>>> view = side_by_side(comparison).data
>>> '<del class="sd-del">died</del>' in view, '<ins class="sd-ins">were killed</ins>' in view
(True, True)
>>> print(notice("Read as <cp1252>", level="info"))
<div class="storydiff"><div class="sd-notice sd-notice-info" ...>...Read as &lt;cp1252&gt;</div>...
"""

from __future__ import annotations

import html
import math
import numbers
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import ParameterError
from .folding import context_for, folded_runs
from .similarity import reuse_label
from .table_sections import row_height, sectioned_table, text_lines

CHANGE_KINDS = ("added", "deleted", "moved")
"""The kinds of change :func:`changes_list` can list."""

NOTICE_LEVELS = ("info", "warning", "error")
"""Valid values of ``level`` in :func:`notice`."""

# Okabe & Ito (2008), "Color Universal Design": tells apart with the common colour deficiencies.
_PALETTE = {
    "same": "#009E73",  # bluish green: unchanged, kept, same
    "light": "#56B4E9",  # sky blue: edited, trimmed, extended
    "heavy": "#E69F00",  # orange: rewritten, reworded, changed
    "struct": "#CC79A7",  # reddish purple: split, merged
    "moved": "#7F7F7F",  # grey (the palette's yellow is unreadable on white)
    "ins": "#0072B2",  # blue: added, inserted
    "del": "#D55E00",  # vermilion: deleted, dropped
    "alert": "#D55E00",  # vermilion: a flag to check
    "neutral": "#999999",
}
_TONE = {
    **dict.fromkeys(("unchanged", "kept", "same", "verbatim"), "same"),
    **dict.fromkeys(("edited", "trimmed", "extended", "lightly edited"), "light"),
    **dict.fromkeys(("rewritten", "reworded", "paraphrased", "changed"), "heavy"),
    **dict.fromkeys(("heavily rewritten",), "heavy"),
    **dict.fromkeys(("split", "merged"), "struct"),
    **dict.fromkeys(("moved",), "moved"),
    **dict.fromkeys(("added", "only_b", "new", "wholly-derived"), "ins"),
    **dict.fromkeys(("deleted", "dropped", "only_a", "non-derived"), "del"),
    **dict.fromkeys(("partially-derived",), "struct"),
}
_NOTICE_COLOR = {"info": "#56B4E9", "warning": "#E69F00", "error": "#D55E00"}
_NOTICE_MARK = {"info": "Note", "warning": "Warning", "error": "Error"}


_NUMERIC = re.compile(r"-?[\d.,]*\d%?\Z")

STYLE = """
.storydiff { line-height: 1.45; margin: 0.3em 0 0.8em; }
.storydiff .sd-card { border: 1px solid rgba(128,128,128,.4); border-radius: 6px;
  padding: 0.5em 0.9em; max-width: 62em; }
.storydiff .sd-title { font-weight: bold; font-size: 1.1em; margin: 0.2em 0 0.4em; }
.storydiff .sd-subtitle { font-weight: bold; margin: 0.7em 0 0.25em; }
.storydiff .sd-muted, .storydiff .sd-note { opacity: 0.75; font-size: 0.85em; }
.storydiff .sd-note { margin: 0.25em 0; }
.storydiff table.sd-table { border-collapse: collapse; margin: 0.3em 0; width: auto;
  table-layout: auto; font-size: 0.9em; }
.storydiff table.sd-table caption { caption-side: top; text-align: left; font-weight: bold;
  padding: 0.2em 0; }
.storydiff table.sd-table th, .storydiff table.sd-table td {
  border: 1px solid rgba(128,128,128,.35); padding: 0.3em 0.55em; text-align: left;
  vertical-align: top; white-space: normal; line-height: 1.4; max-width: 40em; }
.storydiff table.sd-table thead th { background: rgba(128,128,128,.12); }
.storydiff table.sd-table td.sd-num { text-align: right; white-space: nowrap;
  font-variant-numeric: tabular-nums; }
.storydiff table.sd-side { width: 100%; table-layout: fixed; }
.storydiff table.sd-side td { max-width: none; }
.storydiff .sd-section { content-visibility: auto; }
.storydiff .sd-section table.sd-side { margin: 0; }
.storydiff table.sd-side td.sd-heading { font-weight: bold; }
.storydiff tr.sd-row-added td.sd-text, .storydiff tr.sd-row-deleted td.sd-text {
  background: rgba(153,153,153,.1); }
.storydiff tr.sd-flag td { background: rgba(213,94,0,.08); }
.storydiff tr.sd-fold td { text-align: center; font-style: italic;
  background: rgba(128,128,128,.07); }
.storydiff ins.sd-ins { background: rgba(0,114,178,.18); color: inherit;
  text-decoration-line: underline; text-decoration-color: #0072B2;
  text-decoration-thickness: 2px; }
.storydiff del.sd-del { background: rgba(213,94,0,.18); color: inherit;
  text-decoration-line: line-through; text-decoration-color: #D55E00; }
.storydiff .sd-inline-diff { white-space: pre-wrap; }
.storydiff td.sd-text .sd-inline-diff { display: inline; }
.storydiff .sd-ids { font-size: 0.78em; opacity: 0.7; margin-right: 0.35em;
  font-variant-numeric: tabular-nums; }
.storydiff .sd-badges { margin: 0.2em 0 0.4em; }
.storydiff .sd-badge { display: inline-block; font-size: 0.78em; line-height: 1.35;
  padding: 0 0.45em; border-radius: 0.7em; margin: 0 0.25em 0.15em 0; font-weight: normal; }
.storydiff .sd-tone-same { background: rgba(0,158,115,.16); }
.storydiff .sd-tone-light { background: rgba(86,180,233,.18); }
.storydiff .sd-tone-heavy { background: rgba(230,159,0,.18); }
.storydiff .sd-tone-struct { background: rgba(204,121,167,.18); }
.storydiff .sd-tone-moved { background: rgba(127,127,127,.18); }
.storydiff .sd-tone-ins { background: rgba(0,114,178,.16); }
.storydiff .sd-tone-del, .storydiff .sd-tone-alert { background: rgba(213,94,0,.16); }
.storydiff .sd-tone-neutral { background: rgba(153,153,153,.14); }
.storydiff .sd-notice { padding: 0.45em 0.8em; margin: 0.4em 0; border-radius: 0 4px 4px 0; }
.storydiff .sd-notice-info { background: rgba(86,180,233,.12); }
.storydiff .sd-notice-warning { background: rgba(230,159,0,.12); }
.storydiff .sd-notice-error { background: rgba(213,94,0,.12); }
.storydiff ul.sd-list { margin: 0.2em 0 0.6em 1.3em; padding: 0; }
.storydiff ul.sd-list li { margin: 0.15em 0; }
""".strip()
"""The views' CSS, every rule under ``.storydiff``; emitted by :func:`style`."""

# Inline fallbacks: enough layout to read a view where STYLE is missing.
_TABLE_STYLE = "border-collapse:collapse"
_CELL_STYLE = "text-align:left;vertical-align:top;padding:2px 6px"
_NUM_STYLE = "text-align:right;vertical-align:top;padding:2px 6px;white-space:nowrap"


@dataclass(frozen=True, repr=False)
class HTML:
    """Markup that Jupyter displays as HTML; ``str()`` and :attr:`data` give the text.

    Attributes
    ----------
    data : str
        The markup.

    Examples
    --------
    >>> view = HTML("<b>bold</b>") + HTML("<i>italic</i>")
    >>> str(view)
    '<b>bold</b><i>italic</i>'
    >>> view
    HTML(24 characters)
    """

    data: str

    def _repr_html_(self) -> str:
        return self.data

    def __html__(self) -> str:  # the markupsafe protocol: Jinja templates take it as markup
        return self.data

    def __str__(self) -> str:
        return self.data

    def __repr__(self) -> str:
        return f"HTML({len(self.data)} characters)"

    def __add__(self, other: HTML) -> HTML:
        if not isinstance(other, HTML):
            return NotImplemented
        return HTML(self.data + other.data)


def _e(value) -> str:
    """Escaped text (quotes too, so it is safe inside attribute values)."""
    return html.escape(str(value), quote=True)


def _wrap(body: str) -> HTML:
    return HTML(f'<div class="storydiff">{body}</div>')


def _badge(text: str, tone: str | None = None) -> str:
    """A small label; `tone` (a key of the palette) defaults to the one of `text`."""
    tone = tone or _TONE.get(text, "neutral")
    color = _PALETTE[tone]
    return (
        f'<span class="sd-badge sd-tone-{tone}" style="border:1px solid {color};'
        f'border-radius:3px;padding:0 4px;white-space:nowrap">{_e(text)}</span>'
    )


def _ids(ids: Iterable) -> str:
    """Sentence ids as ``[3, 4]``."""
    ids = list(ids)
    return f'<span class="sd-ids">[{_e(", ".join(str(i) for i in ids))}]</span>' if ids else ""


def _td(content: str, css_class: str = "", *, number: bool = False, bold: bool = False) -> str:
    css = f' class="{css_class}"' if css_class else ""
    style = (_NUM_STYLE if number else _CELL_STYLE) + (";font-weight:bold" if bold else "")
    return f'<td{css} style="{style}">{content}</td>'


def _th(content: str, *, scope: str = "col", width: str | None = None) -> str:
    style = _CELL_STYLE + (f";width:{width}" if width else "")
    return f'<th scope="{scope}" style="{style}">{content}</th>'


def _check_limit(name: str, value) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise ParameterError(f"{name} must be a whole number >= 0 or None, got {value!r}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _number(value: float) -> str:
    """A float rounded for reading: whole numbers without decimals, else 1 to 3 decimals."""
    if not math.isfinite(value):
        return "∞" if value > 0 else ("-∞" if value < 0 else "")
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    size = abs(value)
    if size < 0.001:
        return f"{value:.2g}"
    decimals = 1 if size >= 100 else 2 if size >= 1 else 3
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")


def _text(value) -> str:
    """A cell value as plain text: NaN and None empty, sequences comma-separated."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, np.ndarray, pd.Series, pd.Index)):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return ", ".join(sorted(_text(v) for v in value))
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return ""
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return _number(float(value))
    return str(value)


def _cell(value) -> str:
    """A cell as markup: an :class:`HTML` value as it is, anything else escaped."""
    return value.data if isinstance(value, HTML) else _e(_text(value))


def _is_number(value) -> bool:
    """Numbers, and texts that read as one ("40%", "1,200"), which are right-aligned."""
    if isinstance(value, str):
        return bool(_NUMERIC.match(value))
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _table(
    frame: pd.DataFrame,
    *,
    max_rows: int | None = 50,
    columns: Sequence | None = None,
    caption: str | None = None,
    row_classes: Sequence[str] | None = None,
) -> str:
    """The markup of :func:`table` (without the wrapper); `row_classes` are trusted names."""
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    if not isinstance(frame, pd.DataFrame):
        raise ParameterError(f"table() takes a pandas DataFrame, got {type(frame).__name__}")
    _check_limit("max_rows", max_rows)
    if columns is not None:
        if isinstance(columns, str):
            columns = [columns]
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ParameterError(
                f"no column(s) {', '.join(map(str, missing))} in the table; "
                f"its columns are: {', '.join(map(str, frame.columns))}"
            )
        frame = frame[list(columns)]
    if frame.empty:
        return _notice(f"{caption}: nothing to show." if caption else "Nothing to show.", "info")
    index = frame.index
    show_index = any(name is not None for name in index.names) or not (
        isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
    )
    shown = frame if max_rows is None else frame.iloc[:max_rows]
    index_name = ", ".join(str(name) for name in index.names if name is not None)
    head = [_th(_e(index_name))] if show_index else []
    head += [_th(_e(" / ".join(map(str, c)) if isinstance(c, tuple) else c)) for c in frame.columns]
    rows = []
    for position, (key, values) in enumerate(
        zip(shown.index, shown.itertuples(index=False, name=None), strict=True)
    ):
        css = f' class="{row_classes[position]}"' if row_classes and row_classes[position] else ""
        cells = [_th(_cell(key), scope="row")] if show_index else []
        cells += [
            _td(_cell(v), "sd-num" if _is_number(v) else "", number=_is_number(v)) for v in values
        ]
        rows.append(f"<tr{css}>{''.join(cells)}</tr>")
    title = f"<caption>{_e(caption)}</caption>" if caption else ""
    more = len(frame) - len(shown)
    note = f'<div class="sd-note">… {_plural(more, "more row")}</div>' if more else ""
    return (
        f'<table class="sd-table" style="{_TABLE_STYLE}">{title}'
        f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(rows)}</tbody></table>{note}"
    )


def table(
    frame: pd.DataFrame,
    *,
    max_rows: int | None = 50,
    columns: Sequence | None = None,
    caption: str | None = None,
) -> HTML:
    """Any table as escaped HTML.

    Parameters
    ----------
    frame : DataFrame or Series
        The table. The index is shown when it is named or not the default 0, 1, 2 ...
    max_rows : int or None, default 50
        Rows shown; a note says how many more there are. None shows all.
    columns : list, optional
        The columns to show, in this order (default: all).
    caption : str, optional
        A title above the table.

    Returns
    -------
    HTML
        Lists, tuples and sets in cells are shown comma-separated, NaN and None as empty cells,
        booleans as yes/no, floats rounded; an :class:`HTML` value in a cell is inserted as markup
        (that is how the views below put badges in cells). An empty table gives a notice.

    Raises
    ------
    ParameterError
        If `columns` names a column the table does not have, or `max_rows` is not a whole number.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"term": ["<b>war</b>"], "sentences": [(3, 4)], "rate": [0.12345]})
    >>> view = table(frame, caption="Terms").data
    >>> "&lt;b&gt;war&lt;/b&gt;" in view, ">3, 4</td>" in view, ">0.123</td>" in view
    (True, True, True)
    >>> "1 more row" in table(pd.concat([frame, frame]), max_rows=1).data
    True
    """
    return _wrap(_table(frame, max_rows=max_rows, columns=columns, caption=caption))


def _notice(message: str, level: str) -> str:
    if level not in NOTICE_LEVELS:
        raise ParameterError(f"level={level!r} is not valid; use one of {', '.join(NOTICE_LEVELS)}")
    return (
        f'<div class="sd-notice sd-notice-{level}" role="note" style="border-left:4px solid '
        f'{_NOTICE_COLOR[level]};padding:4px 8px;margin:4px 0">'
        f"<strong>{_NOTICE_MARK[level]}:</strong> {_e(message)}</div>"
    )


def notice(message: str, *, level: str = "warning") -> HTML:
    """A visible box with a message: a warning about an input, or why a section is empty.

    Parameters
    ----------
    message : str
        Plain text (escaped).
    level : {"info", "warning", "error"}, default "warning"

    Examples
    --------
    >>> print(notice("rewrite.txt was decoded as cp1252"))
    <div class="storydiff"><div class="sd-notice sd-notice-warning" role="note" ...><strong>Warning:</strong> rewrite.txt was decoded as cp1252</div></div>
    """  # noqa: E501
    return _wrap(_notice(message, level))


def style() -> HTML:
    """The CSS of the views, as a ``<style>`` block to display once at the top of a notebook.

    Examples
    --------
    >>> style().data.startswith("<style>") and ".storydiff ins.sd-ins" in style().data
    True
    """
    return HTML(f"<style>\n{STYLE}\n</style>")


# -- the comparison ------------------------------------------------------------------------------

_MEASURES = (
    # (attribute, name, as a percentage, what it means: {a} and {b} are the versions' names)
    ("tfidf_cosine", "word similarity (TF-IDF cosine)", False,
     "shared vocabulary, distinctive words weighing more: 1 = the same words, 0 = none shared"),
    ("char_cosine", "character similarity (n-gram cosine)", False,
     "shared letter sequences: like the above, but forgiving of inflection and spelling"),
    ("jaccard", "shared vocabulary (Jaccard)", True,
     "share of all the distinct words that both versions use"),
    ("containment_a_in_b", "{a} found in {b}", True,
     "share of {a}'s three-word phrases that {b} repeats word for word"),
    ("containment_b_in_a", "{b} found in {a}", True,
     "share of {b}'s three-word phrases taken word for word from {a}"),
    ("derived_share", "derived share", True,
     "share of {b}'s words in sentences that correspond to sentences of {a}"),
)  # fmt: skip

_REUSE_MEANING = {
    "wholly-derived": "{b} is built from {a}: at least {wholly:.0%} of its words stand in "
    "sentences that correspond to {a}'s",
    "partially-derived": "{b} draws partly on {a}: {partially:.0%} to {wholly:.0%} of its words "
    "stand in sentences that correspond to {a}'s",
    "non-derived": "{b} is essentially independent of {a}: under {partially:.0%} of its words "
    "stand in sentences that correspond to {a}'s",
}


def _version_rows(comparison) -> str:
    a, b = comparison.a, comparison.b
    summaries = a.summary(), b.summary()
    rows = [
        ("id", a.id, b.id),
        ("outlet", a.outlet, b.outlet),
        ("date", a.date, b.date),
        ("words", summaries[0]["n_words"], summaries[1]["n_words"]),
        ("sentences", summaries[0]["n_sentences"], summaries[1]["n_sentences"]),
        ("headings", summaries[0]["n_headings"], summaries[1]["n_headings"]),
    ]
    frame = pd.DataFrame(
        [(x, y) for name, x, y in rows if x or y or name in ("words", "sentences")],
        index=pd.Index([name for name, x, y in rows if x or y or name in ("words", "sentences")]),
        columns=[f"a: {a.name}", f"b: {b.name}"],
    )
    return _table(frame, max_rows=None)


def overview_card(comparison) -> HTML:
    """The two versions, how similar they are, and how their sentences were edited.

    Parameters
    ----------
    comparison : Comparison
        From :func:`storydiff.compare`.

    Returns
    -------
    HTML
        The versions (label, id, words, sentences), each similarity measure with what it means,
        the METER reuse label, the aligned groups counted by edit label (as badges), the share of
        each version's sentences kept, edited, rewritten or new. Reading warnings (such as an
        encoding guess, in ``version.warnings``) are not repeated here: show them with
        :func:`notice`.

    Examples
    --------
    >>> from storydiff import compare
    >>> comparison = compare("Two men died in a strike.", "Two men were killed in a strike.")
    >>> card = overview_card(comparison).data
    >>> "wholly-derived" in card, "edited 1" in card
    (True, True)
    """
    a, b = comparison.a, comparison.b
    names = {"a": _e(a.name), "b": _e(b.name)}
    similarity = comparison.similarity
    parts = [f'<div class="sd-title">{names["b"]} compared with {names["a"]}</div>']
    parts.append(_version_rows(comparison))

    measures = []
    for attribute, name, percent, meaning in _MEASURES:
        value = getattr(similarity, attribute)
        shown = f"{value:.0%}" if percent else f"{value:.2f}"
        measures.append(
            f"<tr>{_td(name.format(**names))}{_td(_e(shown), 'sd-num', number=True)}"
            f"{_td(meaning.format(**names))}</tr>"
        )
    label = similarity.reuse_label
    thresholds = reuse_label.__kwdefaults__
    meaning = _REUSE_MEANING.get(label, "")
    measures.append(
        f"<tr>{_td('reuse (METER class)')}{_td(_badge(label))}"
        f"{_td(meaning.format(**names, **thresholds))}</tr>"
    )
    parts.append(
        '<div class="sd-subtitle">How similar</div>'
        f'<table class="sd-table" style="{_TABLE_STYLE}"><thead><tr>{_th("measure")}'
        f"{_th('value')}{_th('what it means')}</tr></thead><tbody>{''.join(measures)}</tbody>"
        "</table>"
    )

    counts = [(label, int(n)) for label, n in comparison.counts.items() if n]
    badges = " ".join(_badge(f"{label} {n}", _TONE.get(label, "neutral")) for label, n in counts)
    total = sum(n for _, n in counts)
    parts.append(
        f'<div class="sd-subtitle">Aligned groups of sentences ({total})</div>'
        f'<div class="sd-badges">{badges}</div>'
    )
    shares = comparison.shares()
    shares.index = [f"a: {a.name}", f"b: {b.name}"]
    shares.index.name = "share of sentences"
    parts.append(_table(shares.map(lambda x: f"{x:.0%}"), max_rows=None))
    return _wrap(f'<div class="sd-card">{"".join(parts)}</div>')


def _plain(text: str) -> str:
    return f'<div class="sd-inline-diff" style="white-space: pre-wrap">{_e(text)}</div>'


def side_by_side(
    comparison,
    *,
    show_unchanged: bool = True,
    context: int | str | None = "auto",
    max_groups: int | None = None,
    sections: bool = True,
) -> HTML:
    """The two versions in two columns, one row per aligned group, in reading order.

    Parameters
    ----------
    comparison : Comparison
    show_unchanged : bool, default True
        Also show the groups whose words did not change.
    context : int, "auto", "all" or None, default "auto"
        Unchanged groups to show on each side of a change; each longer run of unchanged groups
        is folded into one line that gives its sentence ids, as a diff shows its context.
        ``"all"`` (or ``None``) shows every group; ``"auto"`` shows every group of a comparison
        of up to :data:`~storydiff.folding.LONG_COMPARISON_GROUPS` groups (any news story) and
        :data:`~storydiff.folding.LONG_CONTEXT` around each change in a longer one (a
        transcript, a bill). Applies when `show_unchanged` is true.
    max_groups : int, optional
        Show at most this many groups; a note says how many more there are.
    sections : bool, default True
        Show more than :data:`~storydiff.table_sections.LONG_TABLE_ROWS` rows as sections
        that a browser draws as they are scrolled to (a long document's page opens several
        times faster). False keeps one table, slower to open, whose rows are all in the
        accessibility tree from the start, as a screen reader needs them.

    Returns
    -------
    HTML
        Per row: the group number, its edit label as a badge with the similarity score (and a
        ``moved`` badge when the sentences changed places), *a*'s sentences with the deleted words
        in ``<del>``, *b*'s with the inserted words in ``<ins>``; each text starts with its
        sentence ids in brackets. An added group has an empty left cell, a deleted group an
        empty right cell; headings are bold. A folded run is one row of class ``sd-fold``.
        More than :data:`~storydiff.table_sections.LONG_TABLE_ROWS` rows are shown as
        sections of :data:`~storydiff.table_sections.SECTION_ROWS`, which a browser draws as
        they are scrolled to (:func:`~storydiff.table_sections.sectioned_table`), unless
        `sections` is false.

    Raises
    ------
    ParameterError
        If `context`, `max_groups`, `sections` or `show_unchanged` is not one of the values
        above.

    Examples
    --------
    >>> from storydiff import compare
    >>> view = side_by_side(compare("Two men died. A woman was hurt.", "Two men died."))
    >>> view.data.count('<tr class="sd-row'), "sd-row-deleted" in view.data
    (2, True)
    >>> kept = " ".join(f"Fact {n} was kept." for n in range(8))
    >>> view = side_by_side(compare(kept + " It rained.", kept), context=1).data
    >>> view.count('<tr class="sd-row'), "7 unchanged sentences folded" in view
    (2, True)
    """
    _check_limit("max_groups", max_groups)
    for name, value in (("sections", sections), ("show_unchanged", show_unchanged)):
        if not isinstance(value, bool):
            raise ParameterError(f"{name} must be True or False, got {value!r}")
    groups = comparison.aligned.groups
    context = context_for(context, n_groups=len(groups))
    folds = {}
    if show_unchanged and context is not None:
        changed = [group.label != "unchanged" for group in groups]
        folds = {run.start: run for run in folded_runs(changed, context=context)}
    a, b = comparison.a, comparison.b
    a_text, b_text = a.sentences["text"], b.sentences["text"]
    diffs = comparison.diffs
    sizes = [dict(zip(texts.index, map(len, texts), strict=True)) for texts in (a_text, b_text)]
    rows, heights, shown, hidden, folded, places, more = [], [], 0, 0, 0, 0, 0
    number = 0
    while number < len(groups):
        full = max_groups is not None and shown >= max_groups
        if number in folds:
            run = folds[number]
            number = run.stop
            if full:
                more += len(run)
            else:
                rows.append(_fold_row(groups[run.start : run.stop], a.name, b.name))
                heights.append(row_height(1))
                folded, places = folded + len(run), places + 1
            continue
        group = groups[number]
        number += 1
        if not show_unchanged and group.label == "unchanged":
            hidden += 1
        elif full:
            more += 1
        else:
            rows.append(_group_row(number - 1, group, diffs[number - 1], a_text, b_text))
            heights.append(_group_height(group, sizes))
            shown += 1
    if groups and all(group.label == "unchanged" for group in groups):
        if hidden or folded:
            return _wrap(
                _notice("The two versions do not differ: every group is unchanged.", "info")
            )
    elif not groups:
        return _wrap(_notice("No aligned groups to show.", "info"))
    notes = []
    if hidden:
        notes.append(f"{_plural(hidden, 'unchanged group')} not shown.")
    if folded:
        notes.append(
            f"{_plural(folded, 'unchanged group')} more than {context} groups from a change "
            f"folded in {_plural(places, 'place')}; context='all' shows every group."
        )
    if more:
        notes.append(f"… {_plural(more, 'more group')} not shown.")
    head = (
        f"<tr>{_th('#', width='3em')}{_th('edit', width='8.5em')}"
        f"{_th('a: ' + _e(a.name), width='45%')}{_th('b: ' + _e(b.name), width='45%')}</tr>"
    )
    key = (
        "Words struck through were deleted from a, underlined words inserted in b. Numbers in "
        "brackets are sentence ids, counted from 0 as in the data tables."
    )
    notes_html = "".join(f'<div class="sd-note">{_e(n)}</div>' for n in [key, *notes])
    table_open = f'<table class="sd-table sd-side" style="{_TABLE_STYLE};width:100%">'
    table = sectioned_table(table_open, head, rows, heights, sections=sections)
    return _wrap(table + notes_html)


def _group_row(number: int, group, diff, a_text, b_text) -> str:
    """One aligned group as a row of :func:`side_by_side`."""
    if group.a and group.b:
        left, right = diff.a_html(), diff.b_html()
    else:
        left = _plain(" ".join(a_text[i] for i in group.a)) if group.a else ""
        right = _plain(" ".join(b_text[j] for j in group.b)) if group.b else ""
    return _row_markup(number, group, left, right)


def _row_markup(number: int, group, left: str, right: str) -> str:
    """The row of an aligned group (anything with ``a``, ``b``, ``label``, ``moved``,
    ``edit``, ``score`` and ``is_heading``: an AlignedGroup, or a groups table's row) whose
    two texts are already markup."""
    text_class = "sd-text sd-heading" if group.is_heading else "sd-text"
    label = [_badge(group.label)]
    if group.moved and group.label != "moved":
        label.append(_badge("moved"))
    if group.label in ("split", "merged", "moved") and group.edit:
        label.append(f'<span class="sd-muted">{_e(group.edit)}</span>')
    if group.a and group.b:
        label.append(f'<div class="sd-muted">score {group.score:.2f}</div>')
    if group.is_heading:
        label.append('<div class="sd-muted">heading</div>')
    return (
        f'<tr class="sd-row sd-row-{_e(group.label)}">{_td(str(number), "sd-num", number=True)}'
        f"{_td(' '.join(label))}"
        f"{_td(_ids(group.a) + left, text_class, bold=group.is_heading)}"
        f"{_td(_ids(group.b) + right, text_class, bold=group.is_heading)}</tr>"
    )


def _group_height(group, sizes: list[dict[int, int]]) -> int:
    """Estimated pixel height of a group's row: its longer text, or its stacked labels.

    `sizes` gives the length of every sentence of a and of b, by sentence id."""
    characters = [
        sum(lengths[i] + 6 for i in ids)  # each text and its id
        for lengths, ids in zip(sizes, (group.a, group.b), strict=True)
    ]
    labels = 1 + bool(group.a and group.b) + group.is_heading
    return row_height(max(labels, *(text_lines(n) for n in characters)))


def _id_span(ids: list[int]) -> str:
    """Sentence ids as ``[3]`` or ``[3–9]`` (first to last)."""
    return f"[{ids[0]}]" if ids[0] == ids[-1] else f"[{ids[0]}–{ids[-1]}]"


def _fold_row(groups, a_name: str, b_name: str) -> str:
    """One row in place of a run of unchanged groups: how many sentences, and their ids."""
    a_ids = [i for group in groups for i in group.a]
    b_ids = [j for group in groups for j in group.b]
    text = (
        f"⋯ {_plural(len(a_ids), 'unchanged sentence')} folded: "
        f"a: {a_name} {_id_span(a_ids)}, b: {b_name} {_id_span(b_ids)}"
    )
    cell = f'<td colspan="4" class="sd-muted" style="{_CELL_STYLE}">{_e(text)}</td>'
    return f'<tr class="sd-fold">{cell}</tr>'


def changes_list(comparison, kinds: Sequence[str] = CHANGE_KINDS) -> HTML:
    """The sentences added, dropped and moved, as short lists with their sentence ids.

    Parameters
    ----------
    comparison : Comparison
    kinds : sequence of {"added", "deleted", "moved"}, default all three
        The lists to show, in this order.

    Returns
    -------
    HTML

    Raises
    ------
    ParameterError
        If `kinds` is a bare string or holds an unknown kind.

    Examples
    --------
    >>> from storydiff import compare
    >>> comparison = compare("Two men died.", "Two men died. Six were hurt.")
    >>> view = changes_list(comparison, kinds=["added"]).data
    >>> "Added in b (1)" in view and "Six were hurt." in view
    True
    """
    if isinstance(kinds, str):
        raise ParameterError(f"kinds takes a list of kinds, e.g. [{kinds!r}], not a bare string")
    unknown = [k for k in kinds if k not in CHANGE_KINDS]
    if unknown:
        raise ParameterError(
            f"unknown kind(s) {', '.join(map(repr, unknown))}; use {', '.join(CHANGE_KINDS)}"
        )
    a, b = comparison.a, comparison.b
    a_text, b_text = a.sentences["text"], b.sentences["text"]
    titles = {
        "added": f"Added in {b.name}",
        "deleted": f"Dropped from {a.name}",
        "moved": "Moved",
    }
    parts = []
    for kind in kinds:
        items = []
        for group in comparison.aligned.groups:
            heading = _badge("heading", "neutral") if group.is_heading else ""
            if kind == "added" and group.label == "added":
                text = " ".join(b_text[j] for j in group.b)
                items.append(f"{_ids(group.b)}{heading}{_e(text)}")
            elif kind == "deleted" and group.label == "deleted":
                text = " ".join(a_text[i] for i in group.a)
                items.append(f"{_ids(group.a)}{heading}{_e(text)}")
            elif kind == "moved" and group.moved:
                text = " ".join(b_text[j] for j in group.b)
                where = f'<span class="sd-ids">a [{_e(", ".join(map(str, group.a)))}] → b </span>'
                items.append(f"{where}{_ids(group.b)}{heading}{_e(text)}")
        title = _e(titles[kind])
        body = (
            '<ul class="sd-list">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
            if items
            else '<div class="sd-note">None.</div>'
        )
        parts.append(f'<div class="sd-subtitle">{title} ({len(items)})</div>{body}')
    return _wrap("".join(parts))


# -- ledgers -------------------------------------------------------------------------------------


def _counts_badges(counts: pd.Series) -> str:
    badges = " ".join(
        _badge(f"{label} {int(n)}", _TONE.get(label, "neutral")) for label, n in counts.items() if n
    )
    return f'<div class="sd-badges">{badges}</div>'


def _pair(x, y) -> str:
    """One value, or ``x → y`` when the two versions differ."""
    x, y = _text(x), _text(y)
    if x and y and x != y:
        return f"{x} → {y}"
    return x or y


def _sentences(a_ids, b_ids) -> str:
    a_ids, b_ids = _text(a_ids), _text(b_ids)
    return " → ".join(
        part for part in (f"a {a_ids}" if a_ids else "", f"b {b_ids}" if b_ids else "") if part
    )


def quote_ledger_view(ledger, *, max_rows: int | None = 50) -> HTML:
    """What became of every direct quote: status badges, the quotes, speakers and verbs.

    Parameters
    ----------
    ledger : QuoteLedger
        ``comparison.quotes``.
    max_rows : int or None, default 50

    Returns
    -------
    HTML
        Counts by status, then one row per quote. A possible misquote (words inside the quote
        marks that differ between the versions) is flagged "check wording", a quote given to
        another speaker "check speaker", and their rows shaded.

    Examples
    --------
    >>> from storydiff import compare
    >>> comparison = compare('He said it was "very good news".', 'He said it was "good news".')
    >>> view = quote_ledger_view(comparison.quotes).data
    >>> "trimmed" in view and "very good news" in view
    True
    """
    rows = ledger.rows
    if rows.empty:
        return notice("No direct quotes in either version.", level="info")
    shown = pd.DataFrame(
        {
            "status": [
                HTML(
                    _badge(s)
                    + (_badge("⚠ check wording", "alert") if m else "")
                    + (_badge("⚠ check speaker", "alert") if c else "")
                )
                for s, m, c in zip(
                    rows["status"], rows["misquote"], rows["speaker_changed"], strict=True
                )
            ],
            "kind": rows["kind"],
            "quote in a": rows["a_quote"],
            "quote in b": rows["b_quote"],
            "speaker": [  # the entity a followed quote is given to, else the speaker word
                _pair(s if isinstance(s, str) else x, t if isinstance(t, str) else y)
                for x, y, s, t in zip(
                    rows["a_speaker"],
                    rows["b_speaker"],
                    rows["a_source"],
                    rows["b_source"],
                    strict=True,
                )
            ],
            "verb": [_pair(x, y) for x, y in zip(rows["a_verb"], rows["b_verb"], strict=True)],
            "sentences": [
                _sentences(x, y)
                for x, y in zip(rows["a_sentences"], rows["b_sentences"], strict=True)
            ],
            "similarity": rows["similarity"].round(2),
        }
    )
    flags = [
        "sd-flag" if m or c else ""
        for m, c in zip(rows["misquote"], rows["speaker_changed"], strict=True)
    ]
    keys = []
    if rows["misquote"].any():
        keys.append(
            "⚠ check wording: the words inside the quote marks differ between the versions "
            "(reworded or extended), so they may no longer be the speaker's."
        )
    if rows["speaker_changed"].any():
        keys.append("⚠ check speaker: the same quote is given to another speaker in b.")
    return _wrap(
        _counts_badges(ledger.counts())
        + _table(shown, max_rows=max_rows, row_classes=flags)
        + "".join(f'<div class="sd-note">{_e(key)}</div>' for key in keys)
    )


_NUMBER_STATUS = {
    "same": "same",
    "changed": "changed",
    "only_a": "only in a",
    "only_b": "only in b",
}


def number_ledger_view(ledger, *, max_rows: int | None = 50) -> HTML:
    """The numbers of both versions, paired: kept, changed, or in one version only.

    Parameters
    ----------
    ledger : NumberLedger
        ``comparison.numbers``.
    max_rows : int or None, default 50

    Returns
    -------
    HTML
        Counts by status, then one row per number; changed numbers are shaded, and flagged
        "contradicts" when the two readings cannot both be true (their ranges do not overlap).

    Examples
    --------
    >>> from storydiff import compare
    >>> comparison = compare("Six people were hurt.", "Nine people were hurt.")
    >>> view = number_ledger_view(comparison.numbers).data
    >>> "changed" in view and "contradicts" in view
    True
    """
    frame = ledger.to_frame().reset_index(drop=True)
    if frame.empty:
        return notice("No numbers in either version.", level="info")
    status = []
    for s, consistent in zip(frame["status"], frame["consistent"], strict=True):
        badge = _badge(_NUMBER_STATUS.get(s, s), _TONE.get(s, "neutral"))
        if s == "changed" and _text(consistent) == "no":
            badge += _badge("⚠ contradicts", "alert")
        status.append(HTML(badge))
    shown = pd.DataFrame(
        {
            "status": status,
            f"in a ({ledger.a_id})": frame["a_text"],
            f"in b ({ledger.b_id})": frame["b_text"],
            "kind": frame["kind"],
            "what changed": frame["detail"],
            "sentences": [
                _sentences(x, y)
                for x, y in zip(frame["a_sentence"], frame["b_sentence"], strict=True)
            ],
        }
    )
    counts = ledger.counts().rename(index=_NUMBER_STATUS)
    return _wrap(
        _counts_badges(counts)
        + _table(
            shown,
            max_rows=max_rows,
            row_classes=["sd-flag" if s == "changed" else "" for s in frame["status"]],
        )
    )


def framing_swaps_view(framing, *, max_rows: int | None = 50) -> HTML:
    """Term swaps: one wording traded for another in corresponding sentences.

    Parameters
    ----------
    framing : FramingComparison
        ``comparison.framing``.
    max_rows : int or None, default 50

    Returns
    -------
    HTML
        One row per swap: the aligned group (its number in :func:`side_by_side`) and label, the
        lexicon category, the terms of *a* (struck through) and those of *b* (underlined).

    Examples
    --------
    >>> from storydiff import compare
    >>> comparison = compare("Two men were killed.", "Two men died.")
    >>> view = framing_swaps_view(comparison.framing).data
    >>> '<del class="sd-del">killed</del>' in view and '<ins class="sd-ins">died</ins>' in view
    True
    """
    swaps = framing.swaps
    if swaps.empty:
        return notice("No term swaps between the aligned sentences.", level="info")
    a_label, b_label = framing.labels

    def terms(values, tag: str) -> HTML:
        return HTML(", ".join(f'<{tag} class="sd-{tag}">{_e(_text(t))}</{tag}>' for t in values))

    shown = pd.DataFrame(
        {
            "group": swaps["group"],
            "edit": [HTML(_badge(label)) for label in swaps["label"]],
            "category": [
                _text(c) + (f" ({_text(s)})" if _text(s) else "")
                for c, s in zip(swaps["category"], swaps["subcategory"], strict=True)
            ],
            f"in a ({a_label})": [terms(t, "del") for t in swaps["a_terms"]],
            f"in b ({b_label})": [terms(t, "ins") for t in swaps["b_terms"]],
            "sentences": [
                _sentences(x, y)
                for x, y in zip(swaps["a_sentences"], swaps["b_sentences"], strict=True)
            ],
        }
    )
    return _wrap(_table(shown, max_rows=max_rows))


GROUP_VIEW_COLUMNS = (
    "version_a", "version_b", "group", "a", "b", "label", "score", "edit", "moved", "is_heading",
    "a_text", "b_text",
)  # fmt: skip
"""The columns of a groups table that :func:`groups_view` reads (``story`` too, if present)."""


def groups_view(
    groups: pd.DataFrame, *, changed_only: bool = True, max_rows: int | None = 50
) -> HTML:
    """The aligned groups of a groups table (a corpus run's, or a batch's ``groups.csv``), as
    the side-by-side text shows them: words struck through in *a*, underlined in *b*.

    Each pair of versions in the table gets a heading row naming it (and its story, when the
    table holds several) and how many of its groups changed, then its groups in order.

    Parameters
    ----------
    groups : DataFrame
        Rows of a groups table with the columns of :data:`GROUP_VIEW_COLUMNS` (the texts are
        there unless the run left them out).
    changed_only : bool, default True
        Leave out the groups labelled ``unchanged``.
    max_rows : int, optional
        Show at most this many groups; a note says how many more there are.

    Returns
    -------
    HTML

    Raises
    ------
    ParameterError
        When a column is missing (the texts: the run was made with ``texts=False``).

    Examples
    --------
    >>> import pandas as pd
    >>> groups = pd.DataFrame({"version_a": ["v1", "v1"], "version_b": ["v2", "v2"],
    ...     "group": [0, 1], "label": ["unchanged", "edited"], "a": [[0], [1]], "b": [[0], [1]],
    ...     "score": [1.0, 0.8], "edit": [None, None], "moved": [False, False],
    ...     "is_heading": [False, False], "a_text": ["Two died.", "Six <b>were</b> hurt."],
    ...     "b_text": ["Two died.", "Seven <b>were</b> hurt."]})
    >>> view = groups_view(groups).data
    >>> '<del class="sd-del">Six</del>' in view, "&lt;b&gt;were" in view, "Two died" in view
    (True, True, False)
    """
    from .inline_diff import inline_diff  # noqa: PLC0415

    if not isinstance(groups, pd.DataFrame):
        raise ParameterError(f"groups_view() takes a groups table, got {type(groups).__name__}")
    missing = [c for c in GROUP_VIEW_COLUMNS if c not in groups.columns]
    if missing:
        hint = " (runs made with --no-texts leave the texts out)" if "a_text" in missing else ""
        raise ParameterError(f"groups_view(): the table has no {', '.join(missing)} column{hint}")
    _check_limit("max_rows", max_rows)
    if not isinstance(changed_only, bool):
        raise ParameterError(f"changed_only must be True or False, got {changed_only!r}")
    if groups.empty:
        return notice("No aligned groups to show.", level="info")
    shown_rows, n_shown, n_more = [], 0, 0
    by_story = "story" in groups.columns
    keys = ["story", "version_a", "version_b"] if by_story else ["version_a", "version_b"]
    several = by_story and groups["story"].nunique() > 1
    for key, pair in groups.groupby(keys, sort=False):
        rows = pair[pair["label"] != "unchanged"] if changed_only else pair
        n_changed = int((pair["label"] != "unchanged").sum())
        heading = f"{key[-2]} → {key[-1]}: {_plural(n_changed, 'group')} of {len(pair)} changed"
        if several:
            heading = f"story {key[0]}, {heading}"
        shown_rows.append(
            f'<tr class="sd-fold"><th scope="rowgroup" colspan="4" style="{_CELL_STYLE}">'
            f"{_e(heading)}</th></tr>"
        )
        for row in rows.itertuples(index=False):
            if max_rows is not None and n_shown >= max_rows:
                n_more += 1
                continue
            n_shown += 1
            group = row._replace(a=list(row.a), b=list(row.b), edit=_text(row.edit))
            a_text, b_text = _text(row.a_text), _text(row.b_text)
            if group.a and group.b:
                diff = inline_diff(a_text, b_text)
                left, right = diff.a_html(), diff.b_html()
            else:
                left = _plain(a_text) if group.a else ""
                right = _plain(b_text) if group.b else ""
            shown_rows.append(_row_markup(int(row.group), group, left, right))
    head = (
        f"<tr>{_th('#', width='3em')}{_th('edit', width='8.5em')}"
        f"{_th('a', width='45%')}{_th('b', width='45%')}</tr>"
    )
    notes = [
        "Words struck through were deleted from a, underlined words inserted in b. Numbers in "
        "brackets are sentence ids, counted from 0 as in the data tables."
    ]
    if n_more:
        notes.append(f"… {_plural(n_more, 'more group')} not shown.")
    notes_html = "".join(f'<div class="sd-note">{_e(n)}</div>' for n in notes)
    return _wrap(
        f'<table class="sd-table sd-side" style="{_TABLE_STYLE};width:100%">'
        f"<thead>{head}</thead><tbody>{''.join(shown_rows)}</tbody></table>{notes_html}"
    )
