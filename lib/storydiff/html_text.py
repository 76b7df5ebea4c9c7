"""The article text of an HTML page: headings and paragraphs, without the page around them.

BeautifulSoup parses the page (Python's own ``html.parser``, so any page parses, however broken).
Scripts, styles, forms, navigation, page headers and footers, asides, figures and blocks whose class
or id marks them as sharing widgets, newsletters, comments or related links are dropped: they never
become text. The article is the largest ``<article>`` (or ``itemprop="articleBody"``, ``<main>``,
``role="main"``), else ``<body>``. Block elements become paragraphs and ``<h1>``-``<h6>`` become
headings; inside a block, runs of whitespace fold to one space as a browser shows them.

Examples
--------
>>> page = '''<html><head><title>T</title><script>alert(1)</script></head><body>
... <nav>Home | World</nav><article><h1>Storm hits coast</h1>
... <p>Two people   died.</p><div class="share-buttons">Share</div><p>More <b>rain</b> is due.</p>
... </article><footer>(c) Paper</footer></body></html>'''
>>> extracted = extract_html(page)
>>> print(extracted.text)
Storm hits coast
<BLANKLINE>
Two people died.
<BLANKLINE>
More rain is due.
>>> [(b.kind, extracted.text[b.start:b.end]) for b in extracted.blocks][0]
('heading', 'Storm hits coast')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .structure import Block

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "nav",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "video",
    "audio",
    "picture",
    "map",
    "dialog",
    "menu",
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "caption",
        "address",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "br",
        "body",
        "html",
        "details",
        "summary",
    }
)
_HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
_BOILERPLATE = re.compile(
    r"(^|[\s_-])(share|sharing|social|newsletter|subscribe|subscription|related|recommended|"
    r"comments?|advert|advertisement|ads?|promo|sponsor|breadcrumbs?|cookie|consent|paywall|"
    r"byline-share|toolbar|sidebar|popup|modal|signup|tags)([\s_-]|$)",
    re.IGNORECASE,
)
_ARTICLE_SELECTORS = ("article", '[itemprop="articleBody"]', "main", '[role="main"]')
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


@dataclass(frozen=True)
class ExtractedText:
    """Article text taken out of an HTML page.

    Attributes
    ----------
    text : str
        Blocks separated by blank lines.
    blocks : tuple of Block
        Each heading and paragraph with its offsets into ``text``.
    title : str or None
        The page's ``<title>`` (or ``og:title``), when it has one.
    """

    text: str
    blocks: tuple[Block, ...]
    title: str | None


def looks_like_html(text: str) -> bool:
    """Say whether a text file actually holds an HTML page.

    Examples
    --------
    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Use <b> for bold, he said.")
    False
    """
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<") and ("<body" in head or "<p>" in head and "</p>" in head)
    )


def _is_boilerplate(tag) -> bool:
    if tag.attrs is None:
        return False
    if tag.get("aria-hidden") == "true" or tag.get("hidden") is not None:
        return True
    if tag.get("role") in {"navigation", "banner", "contentinfo", "complementary", "dialog"}:
        return True
    labels = " ".join(tag.get("class", []) or []) + " " + str(tag.get("id", "") or "")
    return bool(_BOILERPLATE.search(labels))


def _article_root(soup):
    for selector in _ARTICLE_SELECTORS:
        candidates = soup.select(selector)
        if candidates:
            return max(candidates, key=lambda node: len(node.get_text(" ", strip=True)))
    return soup.body or soup


def _page_title(soup) -> str | None:
    meta = soup.find("meta", attrs={"property": "og:title"})
    if meta is not None and meta.get("content"):
        return _SPACES.sub(" ", meta["content"]).strip() or None
    if soup.title is not None and soup.title.string:
        return _SPACES.sub(" ", soup.title.string).strip() or None
    return None


class _BlockWriter:
    """Collects text runs into blocks while the tree is walked."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.length = 0

    def add(self, text: str) -> None:
        self.buffer.append(text)

    def flush(self, kind: str = "paragraph", level: int = 0) -> None:
        content = _SPACES.sub(" ", "".join(self.buffer)).strip()
        self.buffer = []
        if not content:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(content)
        self.length += len(content)
        self.blocks.append(Block(start=start, end=self.length, kind=kind, level=level))


def _walk(node, writer: _BlockWriter) -> None:
    from bs4 import Comment, NavigableString, Tag  # noqa: PLC0415 (bs4 only when HTML is read)

    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            writer.add(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower() if child.name else ""
        if name in _HEADING_TAGS:
            writer.flush()
            _walk(child, writer)
            writer.flush("heading", _HEADING_TAGS[name])
        elif name in _BLOCK_TAGS:
            writer.flush()
            _walk(child, writer)
            writer.flush()
        else:
            _walk(child, writer)


def extract_html(markup: str) -> ExtractedText:
    """Extract the article's headings and paragraphs from an HTML page.

    Parameters
    ----------
    markup : str
        The page's HTML source (already decoded).

    Returns
    -------
    ExtractedText
        Empty ``text`` when the page holds no article text; the caller decides what that means.

    Examples
    --------
    >>> extract_html("<p>One &amp; two<br>three</p>").text
    'One & two\\n\\nthree'
    """
    from bs4 import BeautifulSoup  # noqa: PLC0415

    soup = BeautifulSoup(markup, "html.parser")
    title = _page_title(soup)
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_boilerplate):
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(["head", "title"]):
        tag.decompose()
    root = _article_root(soup)
    writer = _BlockWriter()
    _walk(root, writer)
    writer.flush()
    return ExtractedText("".join(writer.parts), tuple(writer.blocks), title)
