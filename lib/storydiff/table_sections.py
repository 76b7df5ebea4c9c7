"""Long HTML tables cut into sections that a browser draws only when they come near the screen.

A browser lays out a whole table before it shows any of it. The side-by-side text of two long
documents (a transcript, a bill, a live blog revised throughout) has tens of thousands of rows:
a report of two 20,000-sentence versions, a third of their sentences edited, was a 22 MB page
that headless Chromium took about 8 s to open, nearly all of it laying out that one table.

:func:`sectioned_table` cuts a table of more than :data:`LONG_TABLE_ROWS` rows into tables of
:data:`SECTION_ROWS` rows, one after the other, each with the same header and in a block with
the CSS ``content-visibility: auto``. The browser then lays out and paints only the sections
near the screen, and the others as they are scrolled to; the page above opened in about 1.3 s.
The text is all in the page, so find-in-page, selecting and copying, and printing still reach
every row. The side-by-side table has fixed column widths (``table-layout: fixed``), so the
sections' columns line up as one table's would, and the repeated header reminds a reader deep
in the page which side is which.

What it costs: Chromium (156) leaves the sections it has not drawn out of the page's
accessibility tree, so a screen reader reaches their rows as the page scrolls to them, not
before. That is why a table of news length (up to :data:`LONG_TABLE_ROWS` rows, which a
browser lays out in a fraction of a second) stays one table, and why ``sections=False`` keeps
a long one whole too (``storydiff report --no-sections``, the report notebook's ``sections``
parameter) for readers who need every row in the accessibility tree at once.

Until a section has been drawn, the browser gives it the height it is told
(``contain-intrinsic-size``): the sum of its rows' :func:`row_height`, estimated from the
length of their texts, so that the scroll bar is about right from the start. ``auto`` makes
the browser keep the real height once it has drawn the section. Browsers without
``content-visibility`` (Firefox before 125, Safari before 18) ignore it and lay out every
section, as they laid out the one table.

Examples
--------
>>> rows = [f"<tr><td>{n}</td></tr>" for n in range(3)]
>>> sectioned_table('<table class="t">', "<tr><th>n</th></tr>", rows, [30] * 3)
'<table class="t"><thead><tr><th>n</th></tr></thead><tbody><tr><td>0</td></tr>...</tbody></table>'
>>> page = sectioned_table("<table>", "", rows * 150, [30] * 450)  # 450 rows of 30 pixels
>>> page.count("<table>"), page.count("contain-intrinsic-size:auto 3026px")  # and a header
(5, 4)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

LONG_TABLE_ROWS = 400
"""A table of more rows than this is cut into sections (a news story has some 20 to 250 aligned
groups; a long document's side-by-side text folded around its changes is shorter too)."""

SECTION_ROWS = 100
"""Rows of one section (the last may have fewer)."""

CHARACTERS_PER_LINE = 90
"""Characters of story text on one line of a side-by-side text column, for the height estimate:
about 90 in Chromium, in a page 1,280 pixels wide (text columns of 535 pixels, 14.4-pixel
sans-serif), measured on 2,000 rows of edited news-like text."""

LINE_PIXELS = 20
"""Height of one line of table text (0.9 em of 16 pixels, line height 1.4: 20.2 pixels)."""

ROW_PADDING_PIXELS = 6
"""What a row adds to its lines (cell padding and border), as fitted on the same rows."""


def text_lines(characters: int) -> int:
    """Lines that a text of this many characters takes in a side-by-side text column.

    Examples
    --------
    >>> text_lines(0), text_lines(90), text_lines(91)
    (1, 1, 2)
    """
    return max(1, math.ceil(characters / CHARACTERS_PER_LINE))


def row_height(lines: int) -> int:
    """Estimated pixel height of a table row whose tallest cell has `lines` lines.

    Examples
    --------
    >>> row_height(1), row_height(3)
    (26, 66)
    """
    return lines * LINE_PIXELS + ROW_PADDING_PIXELS


def sectioned_table(
    table_open: str,
    head: str,
    rows: Sequence[str],
    heights: Sequence[int],
    *,
    sections: bool = True,
) -> str:
    """A table's markup: one table, or sections of :data:`SECTION_ROWS` rows when it has more
    than :data:`LONG_TABLE_ROWS`.

    Parameters
    ----------
    table_open : str
        The table's opening tag, repeated for every section (its class and style).
    head : str
        The header row(s), shown in every section's ``<thead>``.
    rows : sequence of str
        The body rows, as markup.
    heights : sequence of int
        Each row's estimated height in pixels (see :func:`row_height`).
    sections : bool, default True
        Cut a long table into sections. False keeps every table whole, for readers who need
        every row in the page's accessibility tree from the start (a screen reader's list of
        rows, its find), at the cost of a page that is slower to open.

    Returns
    -------
    str
        One table when there are at most :data:`LONG_TABLE_ROWS` rows or `sections` is false;
        else one table a section, each wrapped in ``<div class="sd-section">`` with
        ``content-visibility: auto`` and the sum of its rows' heights as its size until drawn.

    Examples
    --------
    >>> rows = ["<tr><td>row</td></tr>"] * 450
    >>> sectioned_table("<table>", "", rows, [26] * 450).count("<table>")
    5
    >>> sectioned_table("<table>", "", rows, [26] * 450, sections=False).count("<table>")
    1
    """
    if len(rows) != len(heights):
        raise ValueError(f"{len(rows)} rows but {len(heights)} heights")

    def table(start: int, stop: int) -> str:
        body = "".join(rows[start:stop])
        return f"{table_open}<thead>{head}</thead><tbody>{body}</tbody></table>"

    if len(rows) <= LONG_TABLE_ROWS or not sections:
        return table(0, len(rows))
    sections = []
    for start in range(0, len(rows), SECTION_ROWS):
        stop = min(start + SECTION_ROWS, len(rows))
        height = sum(heights[start:stop]) + row_height(1)  # and the header
        style = f"content-visibility:auto;contain-intrinsic-size:auto {height}px"
        sections.append(f'<div class="sd-section" style="{style}">{table(start, stop)}</div>')
    return "".join(sections)
