"""The report page: nbconvert's HTML export, with its accessibility pass done on the text.

nbconvert's ``HTMLExporter`` renders the page from its template, then parses the whole page
again with Beautiful Soup to give every image without one an ``alt`` text and to make code
inputs and outputs reachable with the keyboard (``tabindex="0"``), and writes the tree out
again. On a report of the bundled story (580 KB, about 2,000 elements) that second parse is
0.07 s of the export's 0.095 s. :class:`PageExporter` adds the same attributes to the same
start tags in the text the template writes, without a parse: the page is the same document
(``tests/test_page.py`` parses both and compares them), exported in 0.032 s. The differences
are in the text, not the document (Beautiful Soup writes characters where the template wrote
entities such as ``&nbsp;``), and one of choice: an element's own ``tabindex`` is kept, where
nbconvert would set it to 0.

This module imports nbconvert; :mod:`storydiff.reporting.notebooks` imports it only when a
page is exported.
"""

from __future__ import annotations

import re

from .schema_import import import_jsonschema

import_jsonschema()  # before nbconvert, which imports nbformat and so jsonschema

from nbconvert import HTMLExporter  # noqa: E402
from nbconvert.exporters.templateexporter import TemplateExporter  # noqa: E402
from nbconvert.filters.highlight import Highlight2HTML  # noqa: E402
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter  # noqa: E402

MISSING_ALT = "No description has been provided for this image"
"""The ``alt`` text of an image that has none (nbconvert's words)."""

FOCUSABLE_CLASSES = frozenset({"jp-Cell-inputWrapper", "jp-OutputArea-output"})
"""Classes of the ``div`` elements a keyboard reaches (nbconvert's choice)."""

_IMG = re.compile(r"<(img)\b([^>]*?)(\s*/?)>", re.IGNORECASE)
_DIV = re.compile(r"<(div)\b([^>]*)>", re.IGNORECASE)
_HAS_ALT = re.compile(r"\salt\s*=", re.IGNORECASE)
_HAS_TABINDEX = re.compile(r"\stabindex\s*=", re.IGNORECASE)
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _with_alt(match: re.Match) -> str:
    name, attributes, end = match.groups()
    if _HAS_ALT.search(attributes):
        return match.group(0)
    return f'<{name}{attributes} alt="{MISSING_ALT}"{end}>'


def _focusable(match: re.Match) -> str:
    name, attributes = match.groups()
    found = _CLASS.search(attributes)
    if found is None or _HAS_TABINDEX.search(attributes):
        return match.group(0)
    classes = (found.group(1) or found.group(2) or "").split()
    if FOCUSABLE_CLASSES.isdisjoint(classes):
        return match.group(0)
    return f'<{name}{attributes} tabindex="0">'


def accessible(page: str) -> str:
    """`page` with an ``alt`` text on every image that has none and ``tabindex="0"`` on every
    input wrapper and output ``div``, as nbconvert's ``HTMLExporter`` adds them.

    The page is the template's output: its elements are the template's markup and the
    notebook's HTML outputs, and article text in it is escaped, so a start tag is found by its
    ``<`` (which escaped text cannot contain).

    Examples
    --------
    >>> accessible('<div class="jp-OutputArea-output x"><img src="a.svg"></div><div class="y">')
    '<div class="jp-OutputArea-output x" tabindex="0"><img src="a.svg" alt="No description \
has been provided for this image"></div><div class="y">'
    >>> accessible('<img src="b.png" alt="A chart"/><p>&lt;img src=x&gt;</p>')
    '<img src="b.png" alt="A chart"/><p>&lt;img src=x&gt;</p>'
    """
    return _DIV.sub(_focusable, _IMG.sub(_with_alt, page))


class PageExporter(HTMLExporter):
    """nbconvert's ``HTMLExporter`` with :func:`accessible` in place of its Beautiful Soup pass.

    It renders the notebook as ``HTMLExporter.from_notebook_node`` does (the code highlighter
    of the notebook's language, widget outputs filtered by the notebook's metadata), through
    the template alone, then adds the attributes with :func:`accessible`.
    """

    def from_notebook_node(self, nb, resources=None, **kw):
        """Convert a notebook to the page's HTML; return ``(html, resources)``."""
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name", None))
        highlight = self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
        )
        resources = self._init_resources(resources)
        widgets = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources
        )
        self.register_filter("highlight_code", highlight)
        self.register_filter("filter_data_type", widgets)
        page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return accessible(page), resources


__all__ = ["MISSING_ALT", "PageExporter", "accessible"]
