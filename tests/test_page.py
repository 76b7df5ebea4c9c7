"""The report page's exporter: the same document as nbconvert's HTMLExporter, made without its
second parse of the page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter
from storydiff import config
from storydiff.reporting import execute_notebook, export_html
from storydiff.reporting.notebooks import export_settings, static_widgets
from storydiff.reporting.page import MISSING_ALT, accessible

ALT = f' alt="{MISSING_ALT}"'


@pytest.fixture(scope="module")
def executed_report():
    return execute_notebook("compare_versions", {"story": str(config.EXAMPLE_STORY_DIR)})


def _stock_page(notebook, *, show_code: bool) -> str:
    """The page nbconvert's own HTMLExporter makes with storydiff's template and settings."""
    exporter = HTMLExporter(**export_settings(show_code))
    exporter.register_preprocessor(static_widgets)
    return exporter.from_notebook_node(notebook)[0]


@pytest.mark.parametrize("show_code", [False, True], ids=["code hidden", "code shown"])
def test_the_page_is_the_document_nbconvert_makes(executed_report, show_code):
    ours = export_html(executed_report, show_code=show_code)
    stock = _stock_page(executed_report, show_code=show_code)
    ours_tree = BeautifulSoup(ours, "html.parser")
    assert ours_tree == BeautifulSoup(stock, "html.parser")  # elements, attributes, text
    images = ours_tree.find_all("img")
    assert len(images) >= 5 and all(image.get("alt") for image in images)  # the figures
    focusable = ours_tree.select("div.jp-OutputArea-output, div.jp-Cell-inputWrapper")
    assert focusable and all(div.get("tabindex") == "0" for div in focusable)
    assert ours != stock  # the text differs (entities kept), which is why trees are compared


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("", ""),
        ("<p>no tags to change</p>", "<p>no tags to change</p>"),
        ('<img src="a.svg">', f'<img src="a.svg"{ALT}>'),
        ('<img src="a.svg"/>', f'<img src="a.svg"{ALT}/>'),
        ('<IMG SRC="a.svg" />', f'<IMG SRC="a.svg"{ALT} />'),
        ('<img alt="A chart" src="a.svg">', '<img alt="A chart" src="a.svg">'),
        ('<img src="a.svg" alt="">', '<img src="a.svg" alt="">'),  # empty alt: decorative, kept
        ('<img src="data:x;base64,c2FsdA=">', f'<img src="data:x;base64,c2FsdA="{ALT}>'),
        ('<img data-alt="x" src="a">', f'<img data-alt="x" src="a"{ALT}>'),
        ("&lt;img src=x onerror=alert(1)&gt;", "&lt;img src=x onerror=alert(1)&gt;"),
        ('<div class="jp-Cell-inputWrapper">', '<div class="jp-Cell-inputWrapper" tabindex="0">'),
        (
            '<div class="jp-RenderedHTML jp-OutputArea-output" data-mime-type="text/html">',
            '<div class="jp-RenderedHTML jp-OutputArea-output" data-mime-type="text/html"'
            ' tabindex="0">',
        ),
        ("<div class='jp-OutputArea-output'>", "<div class='jp-OutputArea-output' tabindex=\"0\">"),
        ('<div class="jp-OutputArea-outputs">', '<div class="jp-OutputArea-outputs">'),
        ('<div class="x-jp-OutputArea-output">', '<div class="x-jp-OutputArea-output">'),
        ('<div class="jp-OutputArea-output" tabindex="-1">', None),  # its own tabindex kept
        ('<div id="jp-OutputArea-output">', None),  # an id, not a class
        ('<span class="jp-OutputArea-output">', None),  # not a div
        ('<divider class="jp-OutputArea-output">', None),
    ],
)
def test_accessible(page, expected):
    assert accessible(page) == (page if expected is None else expected)


@pytest.mark.parametrize(
    "page",
    [
        '<div class="jp-Cell-inputWrapper"><img src="a.svg"></div>',
        '<div class="a jp-OutputArea-output b" data-x="1"><img src="b.png" /></div>',
        '<div class="jp-OutputArea-output" tabindex="-1"><img alt="x" src="c"></div>',
    ],
)
def test_accessible_agrees_with_a_parse(page):
    """What nbconvert does with Beautiful Soup, on small pages."""
    tree = BeautifulSoup(page, "html.parser")
    for image in tree.select("img:not([alt])"):
        image.attrs["alt"] = MISSING_ALT
    for div in tree.select("div.jp-Cell-inputWrapper, div.jp-OutputArea-output"):
        if "tabindex" not in div.attrs:
            div.attrs["tabindex"] = "0"
    assert BeautifulSoup(accessible(page), "html.parser") == tree


def test_without_the_page_exporter_the_stock_exporter_makes_the_page(executed_report, monkeypatch):
    """An nbconvert release without the filters PageExporter names: nbconvert's own exporter
    makes the page (the same document)."""
    import sys

    from storydiff.reporting import notebooks

    monkeypatch.setitem(sys.modules, "storydiff.reporting.page", None)  # its import now fails
    notebooks._html_exporter.cache_clear()
    try:
        assert type(notebooks._html_exporter(False)) is HTMLExporter
        page = export_html(executed_report, show_code=False)
    finally:
        notebooks._html_exporter.cache_clear()
    assert page == _stock_page(executed_report, show_code=False)
