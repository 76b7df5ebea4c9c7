"""HTML views: the pieces each view shows, escaping of everything from a story, degenerate cases."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from storydiff import views
from storydiff.compare import compare
from storydiff.errors import ParameterError
from storydiff.story import Version
from storydiff.views import (
    HTML,
    STYLE,
    changes_list,
    framing_swaps_view,
    notice,
    number_ledger_view,
    overview_card,
    quote_ledger_view,
    side_by_side,
    style,
    table,
)

XSS_SCRIPT = "<script>document.title='PWNED'</script>"
XSS_IMG = "<img src=x onerror=\"document.title='PWNED'\">"

ALLOWED_TAGS = {
    "div", "span", "strong", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "ins", "del", "ul", "li",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"class", "style", "scope", "role", "colspan"}


def soup(view: HTML) -> BeautifulSoup:
    return BeautifulSoup(view.data, "html.parser")


def assert_safe(view: HTML) -> None:
    """Only allowed tags and attributes, no event handlers, links, images or scripts."""
    assert isinstance(view, HTML)
    assert "<script" not in view.data.lower() and "<img" not in view.data.lower()
    parsed = soup(view)
    tags = {tag.name for tag in parsed.find_all(True)}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for tag in parsed.find_all(True):
        for name, value in tag.attrs.items():
            assert name in ALLOWED_ATTRIBUTES, (tag.name, name)
            assert not name.lower().startswith("on")
            text = " ".join(value) if isinstance(value, list) else value
            assert "url(" not in text and "javascript:" not in text.lower()
    # an event handler may only appear escaped, inside text
    for match in re.finditer(r"onerror\s*=", view.data):
        assert "&lt;img" in view.data[max(0, match.start() - 40) : match.start()]


@pytest.fixture(scope="module")
def seed(example_story):
    return compare(example_story["original"], example_story["rewrite"])


@pytest.fixture(scope="module")
def seed_views(seed) -> dict[str, HTML]:
    return {
        "overview_card": overview_card(seed),
        "side_by_side": side_by_side(seed),
        "changes_list": changes_list(seed),
        "quote_ledger_view": quote_ledger_view(seed.quotes),
        "number_ledger_view": number_ledger_view(seed.numbers),
        "framing_swaps_view": framing_swaps_view(seed.framing),
        "table": table(seed.alignment),
        "notice": notice("decoded as cp1252"),
    }


def all_views(comparison) -> dict[str, HTML]:
    return {
        "overview_card": overview_card(comparison),
        "side_by_side": side_by_side(comparison),
        "side_by_side changed only": side_by_side(comparison, show_unchanged=False),
        "changes_list": changes_list(comparison),
        "quote_ledger_view": quote_ledger_view(comparison.quotes),
        "number_ledger_view": number_ledger_view(comparison.numbers),
        "framing_swaps_view": framing_swaps_view(comparison.framing),
        "table alignment": table(comparison.alignment),
        "table quotes": table(comparison.quotes.rows),
        "table numbers": table(comparison.numbers.to_frame()),
        "table swaps": table(comparison.framing.swaps),
    }


# -- the HTML object and the style -----------------------------------------------------------------


def test_html_object_displays_in_jupyter_and_as_text():
    view = HTML("<b>x</b>")
    assert view._repr_html_() == str(view) == view.data == view.__html__() == "<b>x</b>"
    assert (view + HTML("<i>y</i>")).data == "<b>x</b><i>y</i>"
    assert repr(view) == "HTML(8 characters)"
    with pytest.raises(TypeError):
        view + "<i>y</i>"  # noqa: B018


def test_importing_views_does_not_import_ipython():
    code = "import sys, storydiff.views; assert 'IPython' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_style_is_scoped_offline_css():
    block = style()
    assert block.data.startswith("<style>") and block.data.endswith("</style>")
    assert STYLE in block.data
    lowered = STYLE.lower()
    for forbidden in ("@import", "url(", "http", "expression(", "@font-face", "</"):
        assert forbidden not in lowered
    selectors = re.findall(r"(?:^|})\s*([^{}]+)\{", STYLE)
    assert selectors
    for group in selectors:
        for selector in group.split(","):
            assert selector.strip().startswith(".storydiff"), selector


# -- the seed story ------------------------------------------------------------------------------


def test_every_seed_view_is_wrapped_and_safe(seed_views):
    for name, view in seed_views.items():
        assert view.data.startswith('<div class="storydiff">'), name
        assert_safe(view)


def test_overview_card_shows_versions_measures_reuse_and_counts(seed, seed_views):
    text = soup(seed_views["overview_card"]).get_text(" ")
    for expected in ("Original report", "Rewritten version", "original", "rewrite"):
        assert expected in text
    assert seed.similarity.reuse_label == "wholly-derived"
    assert "wholly-derived" in text and "METER" in text
    for measure in ("TF-IDF cosine", "Jaccard", "derived share", "three-word phrases"):
        assert measure in text
    assert f"{seed.similarity.tfidf_cosine:.2f}" in text
    badges = [b.get_text() for b in soup(seed_views["overview_card"]).select(".sd-badge")]
    for label, n in seed.counts.items():
        assert (f"{label} {n}" in badges) == bool(n)
    assert "437" in text and "582" in text  # words of each version


def test_side_by_side_has_one_row_per_group_in_order(seed, seed_views):
    rows = soup(seed_views["side_by_side"]).select("tr.sd-row")
    assert len(rows) == len(seed.aligned.groups)
    for number, (row, group) in enumerate(zip(rows, seed.aligned.groups, strict=True)):
        cells = row.find_all("td")
        assert cells[0].get_text() == str(number)
        assert group.label in cells[1].get_text()
        left, right = cells[2].get_text(), cells[3].get_text()
        assert (left == "") == (not group.a) and (right == "") == (not group.b)
        if group.label == "added":
            assert "sd-row-added" in row["class"] and left == ""
        if group.label == "deleted":
            assert "sd-row-deleted" in row["class"] and right == ""
        if group.is_heading:
            assert "sd-heading" in cells[3]["class"]
        if group.a and group.b:
            assert f"score {group.score:.2f}" in cells[1].get_text()


def test_side_by_side_marks_the_killed_died_edit(seed, seed_views):
    number = next(
        i
        for i, diff in enumerate(seed.diffs)
        if any(op.op == "delete" and "killed" in op.text for op in diff.ops)
        and any(op.op == "insert" and "died" in op.text for op in diff.ops)
    )
    row = soup(seed_views["side_by_side"]).select("tr.sd-row")[number]
    left, right = row.find_all("td")[2:]
    assert any("killed" in d.get_text() for d in left.find_all("del"))
    assert any("died" in i.get_text() for i in right.find_all("ins"))
    assert not left.find_all("ins") and not right.find_all("del")


def test_side_by_side_options(seed):
    shown = side_by_side(seed, max_groups=5)
    assert len(soup(shown).select("tr.sd-row")) == 5
    assert f"… {len(seed.aligned.groups) - 5} more groups not shown." in shown.data
    assert len(soup(side_by_side(seed, max_groups=0)).select("tr.sd-row")) == 0
    for bad in (-1, 1.5, "3", True):
        with pytest.raises(ParameterError, match="max_groups"):
            side_by_side(seed, max_groups=bad)


def test_side_by_side_flags_moved_groups():
    comparison = compare(
        "Two men died in a drone strike. Six were hurt. The mayor resigned.",
        "Six were hurt. Two men were killed in a drone strike.",
    )
    assert any(g.moved for g in comparison.aligned.groups)
    rows = soup(side_by_side(comparison)).select("tr.sd-row")
    for row, group in zip(rows, comparison.aligned.groups, strict=True):
        assert ("moved" in row.find_all("td")[1].get_text()) == group.moved
    moved = changes_list(comparison, kinds=["moved"])
    assert "Moved (1)" in moved.data and "a [0] → b" in soup(moved).get_text()


def test_changes_list_lists_added_dropped_and_moved(seed, seed_views):
    parsed = soup(seed_views["changes_list"])
    titles = [t.get_text() for t in parsed.select(".sd-subtitle")]
    assert titles == [
        "Added in Rewritten version (8)",
        "Dropped from Original report (1)",
        "Moved (0)",
    ]
    items = parsed.select("li")
    assert len(items) == 9
    dropped = seed.a.sentences.at[11, "text"]
    assert any(item.get_text() == f"[11]{dropped}" for item in items)
    assert sum("heading" in item.get_text() for item in items) == 3  # the rewrite's headings
    only_added = changes_list(seed, kinds=("added",))
    assert "Dropped" not in only_added.data and len(soup(only_added).select("li")) == 8


@pytest.mark.parametrize("kinds", ["added", ["edited"], ("added", "nope")])
def test_changes_list_rejects_unknown_kinds(seed, kinds):
    with pytest.raises(ParameterError, match="kind"):
        changes_list(seed, kinds=kinds)


def test_quote_ledger_view_flags_misquotes(seed, seed_views):
    parsed = soup(seed_views["quote_ledger_view"])
    rows = parsed.select("tbody tr")
    ledger = seed.quotes.rows
    assert len(rows) == len(ledger)
    flagged = [("sd-flag" in (row.get("class") or [])) for row in rows]
    assert flagged == ledger["misquote"].tolist()
    assert parsed.get_text().count("⚠ check wording") == ledger["misquote"].sum() + 1  # + the key
    header = [th.get_text() for th in parsed.select("thead th")]
    assert header[:4] == ["status", "kind", "quote in a", "quote in b"]
    assert "It was a very concrete conversation" in parsed.get_text()
    assert "said → characterized" in parsed.get_text()


def test_quote_ledger_view_flags_a_quote_given_to_another_speaker():
    a = 'Officials met. "We will rebuild every school by spring," Smith said.'
    ledger = compare(a, a.replace("Smith", "Jones")).quotes
    parsed = soup(views.quote_ledger_view(ledger))
    (row,) = parsed.select("tbody tr")
    assert "sd-flag" in row.get("class") and "⚠ check speaker" in row.get_text()
    assert "⚠ check wording" not in parsed.get_text()
    assert "given to another speaker" in parsed.select_one(".sd-note").get_text()


def test_number_ledger_view_highlights_changed_numbers(seed, seed_views):
    parsed = soup(seed_views["number_ledger_view"])
    rows = parsed.select("tbody tr")
    frame = seed.numbers.to_frame()
    assert len(rows) == len(frame)
    flagged = [("sd-flag" in (row.get("class") or [])) for row in rows]
    assert flagged == (frame["status"] == "changed").tolist()
    text = parsed.get_text()
    assert "dozens of homes" in text and "over 40 residential buildings" in text
    assert "only in a" in text and "changed 1" in text
    assert parsed.select_one("thead th").get_text() == "status"  # no "row" index column
    assert "⚠ contradicts" not in text  # "dozens" and "over 40" can both be true


def test_framing_swaps_view_strikes_a_terms_and_underlines_b_terms(seed, seed_views):
    parsed = soup(seed_views["framing_swaps_view"])
    rows = parsed.select("tbody tr")
    assert len(rows) == len(seed.framing.swaps)
    installed = next(r for r in rows if "installed" in r.get_text())
    assert [d.get_text() for d in installed.find_all("del")] == ["installed"]
    assert [i.get_text() for i in installed.find_all("ins")] == ["appointed"]
    assert "contested_label (appointment)" in installed.get_text()


# -- table -----------------------------------------------------------------------------------------


def test_table_formats_cells():
    frame = pd.DataFrame(
        {
            "terms": [["war", "invasion"], ()],
            "ids": [(3, 4), frozenset({2, 1})],
            "value": [0.123456, np.nan],
            "big": [40000.0, 1234.567],
            "count": pd.array([3, None], dtype="Int64"),
            "flag": [True, False],
            "note": [None, "ok"],
        }
    )
    parsed = soup(table(frame))
    cells = [[td.get_text() for td in tr.find_all("td")] for tr in parsed.select("tbody tr")]
    assert cells == [
        ["war, invasion", "3, 4", "0.123", "40000", "3", "yes", ""],
        ["", "1, 2", "", "1234.6", "", "no", "ok"],
    ]
    assert not parsed.select("tbody th")  # a default index is not shown
    numbers = parsed.select("tbody tr")[0].find_all("td")
    assert "sd-num" in numbers[2]["class"] and "sd-num" not in (numbers[0].get("class") or [])


def test_table_shows_a_meaningful_index_and_options():
    frame = pd.DataFrame({"x": range(60), "y": ["a"] * 60}, index=pd.Index(range(60), name="group"))
    view = table(frame, caption="Groups")
    parsed = soup(view)
    assert parsed.select_one("caption").get_text() == "Groups"
    assert len(parsed.select("tbody tr")) == 50 and "… 10 more rows" in view.data
    assert parsed.select_one("thead th").get_text() == "group"
    assert len(soup(table(frame, max_rows=None)).select("tbody tr")) == 60
    assert [th.get_text() for th in soup(table(frame, columns=["y"])).select("thead th")] == [
        "group",
        "y",
    ]
    assert "… 1 more row" in table(frame.head(2), max_rows=1).data
    assert len(soup(table(frame["x"], max_rows=3)).select("tbody tr")) == 3
    described = frame.groupby("y")[["x"]].describe().T  # a two-level index without names
    parsed = soup(table(described))
    assert parsed.select_one("thead th").get_text() == ""
    assert [th.get_text() for th in parsed.select("tbody th")][:2] == ["x, count", "x, mean"]


def test_table_errors_and_empty_frames():
    frame = pd.DataFrame({"x": [1]})
    with pytest.raises(ParameterError, match="no column"):
        table(frame, columns=["nope"])
    for bad in (-1, 2.0, True):
        with pytest.raises(ParameterError, match="max_rows"):
            table(frame, max_rows=bad)
    with pytest.raises(ParameterError, match="DataFrame"):
        table([1, 2, 3])
    empty = table(pd.DataFrame(columns=["a", "b"]), caption="Entities")
    assert "sd-notice" in empty.data and "Entities: nothing to show." in empty.data


def test_table_escapes_cells_headers_index_and_caption():
    frame = pd.DataFrame(
        {XSS_IMG: [XSS_SCRIPT, [XSS_IMG, "&amp;"]], "ok": ['"quotes"', {XSS_SCRIPT}]},
        index=pd.Index([XSS_SCRIPT, "b"], name=XSS_IMG),
    )
    view = table(frame, caption=XSS_SCRIPT)
    assert_safe(view)
    assert html.escape(XSS_SCRIPT) in view.data and html.escape(XSS_IMG) in view.data
    assert "&amp;amp;" in view.data and "&quot;quotes&quot;" in view.data
    assert soup(view).select_one("caption").get_text() == XSS_SCRIPT


# -- notices ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", views.NOTICE_LEVELS)
def test_notice_levels(level):
    view = notice(XSS_SCRIPT, level=level)
    assert_safe(view)
    box = soup(view).select_one(".sd-notice")
    assert f"sd-notice-{level}" in box["class"] and box.get_text().endswith(XSS_SCRIPT)


def test_notice_rejects_unknown_levels():
    with pytest.raises(ParameterError, match="level"):
        notice("x", level="danger")


# -- markup in a story ----------------------------------------------------------------------------

XSS_A = (
    f"The mayor said {XSS_SCRIPT} was fine. "
    f'Officials said "{XSS_SCRIPT} is a test of the system" on Monday. '
    f'Six people were hurt near {XSS_IMG} in the city &amp; its suburbs, "quotes" said. '
    "Two men were killed in a drone strike."
)
XSS_B = (
    f"The mayor claimed {XSS_SCRIPT} was fine. "
    f'Officials stated "{XSS_SCRIPT} is a test" on Monday. '
    f'Nine people were hurt near {XSS_IMG} in the city &amp; its suburbs, "quotes" said. '
    "Two men died in a drone strike. "
    f"<b>Bold</b> {XSS_IMG} claims were added."
)


@pytest.fixture(scope="module")
def hostile():
    a = Version(f"a{XSS_SCRIPT}", XSS_A, label=XSS_SCRIPT, outlet=XSS_IMG)
    b = Version(f"b{XSS_IMG}", XSS_B, label=XSS_IMG, date='"2025"&amp;')
    return compare(a, b)


def test_markup_in_a_story_is_shown_never_run(hostile):
    assert not hostile.quotes.rows.empty and not hostile.numbers.to_frame().empty
    assert not hostile.framing.swaps.empty
    for name, view in all_views(hostile).items():
        assert_safe(view)
        text = soup(view).get_text()
        if name not in ("framing_swaps_view", "table swaps", "table numbers"):  # no story text
            assert "document.title='PWNED'" in text, name
    side = side_by_side(hostile).data
    assert html.escape(XSS_SCRIPT) in side and html.escape(XSS_IMG) in side
    assert "&amp;amp;" in side and "&quot;quotes&quot;" in side
    card = soup(overview_card(hostile)).get_text()
    assert XSS_SCRIPT in card and XSS_IMG in card and '"2025"&amp;' in card
    quotes = quote_ledger_view(hostile.quotes)  # the quote finder trims the edge "<"
    assert "script&gt;document.title='PWNED'&lt;/script" in quotes.data.replace("&#x27;", "'")
    assert XSS_IMG in soup(changes_list(hostile)).get_text()
    headers = [th.get_text() for th in soup(number_ledger_view(hostile.numbers)).select("thead th")]
    assert f"in a (a{XSS_SCRIPT})" in headers


# -- degenerate comparisons ----------------------------------------------------------------------

DEGENERATE = {
    "identical": ("Two men died. A woman was hurt.", "Two men died. A woman was hurt."),
    "single sentence": ("Two men died.", "Two men were killed."),
    "unrelated": ("Two men died in Kherson.", "Parliament approved the budget on Tuesday."),
    "one word": ("Yes.", "No."),
    "headings only": (
        Version("a", "# Kremlin Talks\n", format="markdown"),
        Version("b", "# Ongoing Conflict\n", format="markdown"),
    ),
}


@pytest.mark.parametrize("case", DEGENERATE)
def test_degenerate_comparisons_still_render(case):
    comparison = compare(*DEGENERATE[case])
    for name, view in all_views(comparison).items():
        assert_safe(view)
        assert view.data.startswith('<div class="storydiff">'), name
    rows = soup(side_by_side(comparison)).select("tr.sd-row")
    assert len(rows) == len(comparison.aligned.groups)


def test_identical_versions():
    comparison = compare(*DEGENERATE["identical"])
    changed = side_by_side(comparison, show_unchanged=False)
    assert "sd-notice" in changed.data and "do not differ" in changed.data
    assert soup(changes_list(comparison)).get_text().count("None.") == 3
    assert "unchanged 2" in overview_card(comparison).data
    assert "<del" not in side_by_side(comparison).data


def test_hidden_unchanged_groups_are_counted():
    comparison = compare(
        "Two men died. A woman was hurt.", "Two men were killed. A woman was hurt."
    )
    view = side_by_side(comparison, show_unchanged=False)
    assert len(soup(view).select("tr.sd-row")) == 1 and "1 unchanged group not shown." in view.data


def test_unrelated_versions_have_empty_cells_on_one_side():
    comparison = compare(*DEGENERATE["unrelated"])
    assert {g.label for g in comparison.aligned.groups} == {"added", "deleted"}
    for row in soup(side_by_side(comparison)).select("tr.sd-row"):
        left, right = (td.get_text() for td in row.find_all("td")[2:])
        assert (left == "") != (right == "")
    assert "non-derived" in overview_card(comparison).data


def test_empty_ledgers_give_notices():
    comparison = compare("The talks went on.", "The talks continued.")
    assert comparison.quotes.rows.empty and comparison.numbers.to_frame().empty
    assert comparison.framing.swaps.empty
    for view, message in (
        (quote_ledger_view(comparison.quotes), "No direct quotes"),
        (number_ledger_view(comparison.numbers), "No numbers"),
        (framing_swaps_view(comparison.framing), "No term swaps"),
    ):
        assert "sd-notice-info" in view.data and message in view.data


# -- long comparisons: unchanged runs folded -----------------------------------------------------

LONG_SENTENCES = [
    f"Clause {n} of the bill sets the fee for permit class {n % 13} at {n + 40} dollars."
    for n in range(450)
]


def long_pair(edits: dict[int, str], dropped: tuple[int, ...] = ()) -> tuple[str, str]:
    """The 450 clauses, one a line, and a revision with some replaced and some dropped."""
    revised = [edits.get(n, s) for n, s in enumerate(LONG_SENTENCES) if n not in dropped]
    return "\n\n".join(LONG_SENTENCES), "\n\n".join(revised)


@pytest.fixture(scope="module")
def long_comparison():
    edits = {
        100: "Clause 100 of the bill sets the fee for permit class 9 at 150 dollars.",
        101: "Clause 101 of the bill sets the fee for permit class 10 at 160 dollars.",
        300: "Clause 300 of the bill waives the fee for permit class 1.",
    }
    return compare(*long_pair(edits, dropped=(200,)))


def _changed_numbers(comparison) -> list[int]:
    return [k for k, g in enumerate(comparison.aligned.groups) if g.label != "unchanged"]


def test_a_long_comparison_folds_its_unchanged_runs(long_comparison):
    groups = long_comparison.aligned.groups
    changed = _changed_numbers(long_comparison)
    assert len(groups) == 450 and len(changed) == 4  # two edited, one deleted, one rewritten
    view = side_by_side(long_comparison)
    assert_safe(view)
    rows = soup(view).select("tr.sd-row")
    numbers = [int(row.find("td").get_text()) for row in rows]
    near = sorted({k for c in changed for k in range(c - 3, c + 4)})
    assert numbers == near  # every change, three unchanged groups on each side, nothing else
    folds = [row.get_text() for row in soup(view).select("tr.sd-fold")]
    assert folds[0] == "⋯ 97 unchanged sentences folded: a: a [0–96], b: b [0–96]"
    assert folds[-1] == "⋯ 146 unchanged sentences folded: a: a [304–449], b: b [303–448]"
    # folded and shown, every sentence of a is accounted for once
    shown_a = sum(len(groups[k].a) for k in numbers)
    folded_a = sum(int(re.search(r"⋯ (\d+)", text).group(1)) for text in folds)
    assert shown_a + folded_a == 450
    assert f"{450 - len(near)} unchanged groups more than 3 groups from a change" in view.data
    assert "folded in 4 places; context='all' shows every group." in soup(view).get_text()


def test_the_context_option_of_a_long_comparison(long_comparison):
    groups = long_comparison.aligned.groups
    every = side_by_side(long_comparison, context="all")
    assert len(soup(every).select("tr.sd-row")) == len(groups) and "sd-fold" not in every.data
    assert side_by_side(long_comparison, context=None).data == every.data
    changes_only = soup(side_by_side(long_comparison, context=0))
    numbers = [int(row.find("td").get_text()) for row in changes_only.select("tr.sd-row")]
    assert numbers == _changed_numbers(long_comparison)
    assert len(changes_only.select("tr.sd-fold")) == 4  # the deleted and rewritten are apart
    hidden = side_by_side(long_comparison, show_unchanged=False, context=3)
    assert "sd-fold" not in hidden.data and "446 unchanged groups not shown." in hidden.data
    for bad in (-2, "3", 2.0):
        with pytest.raises(ParameterError, match="context must be"):
            side_by_side(long_comparison, context=bad)


def test_a_news_length_comparison_is_not_folded(seed, seed_views):
    assert side_by_side(seed).data == side_by_side(seed, context="all").data
    assert "sd-fold" not in seed_views["side_by_side"].data
    # asked for, a short comparison shows only its changes too
    rows = soup(side_by_side(seed, context=0)).select("tr.sd-row")
    assert [int(row.find("td").get_text()) for row in rows] == _changed_numbers(seed)


def test_long_identical_versions_fold_to_a_notice():
    text = long_pair({})[0]
    view = side_by_side(compare(text, text))
    assert "do not differ" in view.data and "sd-row" not in view.data


def test_max_groups_with_folds(long_comparison):
    view = side_by_side(long_comparison, max_groups=2)
    parsed = soup(view)
    assert [int(r.find("td").get_text()) for r in parsed.select("tr.sd-row")] == [97, 98]
    assert len(parsed.select("tr.sd-fold")) == 1  # the run before them; none after the cap
    assert f"… {450 - 97 - 2} more groups not shown." in view.data


def test_fold_rows_escape_the_version_names():
    a, b = long_pair({5: "Clause 5 was struck out."})
    comparison = compare(Version(XSS_SCRIPT, a), Version(XSS_IMG, b))
    view = side_by_side(comparison)
    assert_safe(view)
    fold = soup(view).select("tr.sd-fold")[0]
    assert XSS_SCRIPT in fold.get_text() and XSS_IMG in fold.get_text()  # shown as text


def test_a_long_side_by_side_is_shown_in_sections(long_comparison):
    every = side_by_side(long_comparison, context="all")
    assert_safe(every)
    parsed = soup(every)
    sections = parsed.select("div.sd-section")
    assert [len(s.select("tr.sd-row")) for s in sections] == [100, 100, 100, 100, 50]
    numbers = [int(row.find("td").get_text()) for row in parsed.select("tr.sd-row")]
    assert numbers == list(range(450))  # every group once, in order, across the sections
    for section in sections:
        assert "content-visibility:auto" in section["style"]
        headers = [th.get_text() for th in section.select("thead th")]
        assert headers == ["#", "edit", "a: a", "b: b"]  # each section says which side is which
    # the key and notes come once, after the last section
    notes = parsed.select("div.sd-note")
    assert notes and all(note.find_parent("div", class_="sd-section") is None for note in notes)
    # a long comparison folded to a few rows is one table, as a news story's is
    folded = side_by_side(long_comparison)
    assert "sd-section" not in folded.data and folded.data.count("<table") == 1


def test_sections_can_be_turned_off(long_comparison):
    whole = side_by_side(long_comparison, context="all", sections=False)
    assert_safe(whole)
    parsed = soup(whole)
    assert not parsed.select("div.sd-section") and len(parsed.select("table")) == 1
    assert "content-visibility" not in whole.data
    # the same rows and notes as the sections hold, in the same order
    cut = soup(side_by_side(long_comparison, context="all"))
    rows = [row.decode() for row in parsed.select("tbody tr")]
    assert len(rows) == 450 and rows == [row.decode() for row in cut.select("tbody tr")]
    assert [n.get_text() for n in parsed.select("div.sd-note")] == [
        n.get_text() for n in cut.select("div.sd-note")
    ]
    with pytest.raises(ParameterError, match="sections must be True or False, got 'no'"):
        side_by_side(long_comparison, sections="no")


def test_every_section_header_escapes_the_version_names():
    a, b = long_pair({5: "Clause 5 was struck out."})
    comparison = compare(Version(XSS_SCRIPT, a), Version(XSS_IMG, b))
    view = side_by_side(comparison, context="all")
    assert_safe(view)
    sections = soup(view).select("div.sd-section")
    assert len(sections) == 5
    for section in sections:
        headers = [th.get_text() for th in section.select("thead th")]
        assert headers[2:] == [f"a: {XSS_SCRIPT}", f"b: {XSS_IMG}"]
