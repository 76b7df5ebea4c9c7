"""Long tables cut into sections a browser draws when they come near the screen."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from storydiff.table_sections import (
    CHARACTERS_PER_LINE,
    LONG_TABLE_ROWS,
    SECTION_ROWS,
    row_height,
    sectioned_table,
    text_lines,
)

OPEN = '<table class="t">'
HEAD = "<tr><th>n</th></tr>"


def rows_of(n: int) -> list[str]:
    return [f"<tr><td>{k}</td></tr>" for k in range(n)]


@pytest.mark.parametrize("n", [0, 1, SECTION_ROWS + 1, LONG_TABLE_ROWS])
def test_a_table_of_news_length_stays_one_table(n):
    markup = sectioned_table(OPEN, HEAD, rows_of(n), [30] * n)
    assert markup == f"{OPEN}<thead>{HEAD}</thead><tbody>{''.join(rows_of(n))}</tbody></table>"


@pytest.mark.parametrize(
    ("n", "sizes"),
    [
        (LONG_TABLE_ROWS + 1, [100, 100, 100, 100, 1]),
        (450, [100, 100, 100, 100, 50]),
        (1000, [100] * 10),
    ],
)
def test_a_long_table_is_cut_into_sections_in_order(n, sizes):
    heights = [20 + k % 7 for k in range(n)]
    page = BeautifulSoup(sectioned_table(OPEN, HEAD, rows_of(n), heights), "html.parser")
    sections = page.find_all("div", recursive=False)
    assert [len(section.select("tbody tr")) for section in sections] == sizes
    assert [int(cell.get_text()) for cell in page.select("tbody td")] == list(range(n))
    start = 0
    for section, size in zip(sections, sizes, strict=True):
        assert section["class"] == ["sd-section"]
        assert section.select_one("table")["class"] == ["t"]  # the table's own opening tag
        assert section.select_one("thead").decode_contents() == HEAD  # every section has it
        style = section["style"]
        assert "content-visibility:auto" in style
        height = int(re.search(r"contain-intrinsic-size:auto (\d+)px", style).group(1))
        assert height == sum(heights[start : start + size]) + row_height(1)
        start += size


@pytest.mark.parametrize("n", [0, LONG_TABLE_ROWS + 1, 1000])
def test_without_sections_a_long_table_stays_whole(n):
    markup = sectioned_table(OPEN, HEAD, rows_of(n), [30] * n, sections=False)
    assert markup == f"{OPEN}<thead>{HEAD}</thead><tbody>{''.join(rows_of(n))}</tbody></table>"


def test_rows_and_heights_must_match():
    with pytest.raises(ValueError, match="3 rows but 2 heights"):
        sectioned_table(OPEN, HEAD, rows_of(3), [30, 30])


@pytest.mark.parametrize(
    ("characters", "lines"),
    [(0, 1), (1, 1), (CHARACTERS_PER_LINE, 1), (CHARACTERS_PER_LINE + 1, 2), (1000, 12)],
)
def test_text_lines(characters, lines):
    assert text_lines(characters) == lines


def test_row_height_grows_with_lines():
    assert row_height(1) < row_height(2) < row_height(10)
    assert row_height(2) - row_height(1) == row_height(10) - row_height(9)
