"""The structure of one version: paragraphs, headings and sentences, with exact offsets.

A text is first cut into blocks (paragraphs and headings), then every paragraph into sentences by
:func:`storydiff.sentences.sentence_spans`. A sentence never crosses a paragraph, and a heading is
one unit of its own, never glued to the sentence after it.

How blocks are found in plain text and Markdown:

* Blank lines always separate blocks.
* If the text is *hard-wrapped* (most lines inside blank-line blocks stop mid-sentence), the lines
  of one block are joined into one paragraph; otherwise every line is a paragraph of its own, as in
  most text copied from web pages and news wires. In hard-wrapped text only a short line standing
  alone between blank lines can be a heading.
* A heading is a Markdown ``#`` line, or a short line (at most 10 words and 80 characters) that
  starts with a capital letter or a digit and ends without closing punctuation, such as
  "Kremlin Discussions". If *every* block of a text looks like a heading, none is taken as one (a
  text made only of short lines is not all headings).

HTML pages come with their blocks already known (``<p>``, ``<h2>``); see
:mod:`storydiff.html_text`.

Examples
--------
>>> text = "Ongoing Conflict\\nA strike hit Kryvyi Rih. Six people were hurt.\\n"
>>> seg = segment(text)
>>> seg.sentences[["text", "start", "end", "paragraph", "is_heading"]]
                              text  start  end  paragraph  is_heading
sentence
0                 Ongoing Conflict      0   16          0        True
1         A strike hit Kryvyi Rih.     17   41          1       False
2            Six people were hurt.     42   63          1       False
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd

from .normalize import normalize_text
from .sentences import sentence_spans

MAX_HEADING_WORDS = 10
"""A heading has at most this many words."""

MAX_HEADING_CHARS = 80
"""A heading has at most this many characters."""

_LINE = re.compile(r"[^\n]*")
_MARKDOWN_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+\u2022\u2043]|\d{1,3}[.)])\s+")
_CLOSING = tuple(".!?;:,\"'\u201d\u2019)]\u2026>")


@dataclass(frozen=True)
class Block:
    """A paragraph or heading: a span of the text.

    Attributes
    ----------
    start, end : int
        Offsets of the block's text (without markup such as Markdown's ``#``).
    kind : {"paragraph", "heading"}
    level : int
        Heading level (1 for a title, 2 for a section heading, ...); 0 for paragraphs and for
        headings found by the plain-text rule, whose level is unknown.
    """

    start: int
    end: int
    kind: str = "paragraph"
    level: int = 0

    @property
    def is_heading(self) -> bool:
        """Whether the block is a heading."""
        return self.kind == "heading"


def is_heading_line(line: str) -> bool:
    """Say whether one line of plain text reads as a heading.

    Parameters
    ----------
    line : str
        One line, without its line break.

    Examples
    --------
    >>> is_heading_line("Kremlin Discussions")
    True
    >>> is_heading_line("Putin declined to comment.")
    False
    >>> is_heading_line("and then the talks went on")
    False
    """
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS:
        return False
    if len(stripped.split()) > MAX_HEADING_WORDS:
        return False
    if stripped.endswith(_CLOSING) or _LIST_ITEM.match(stripped):
        return False
    first = stripped[0]
    return (first.isupper() or first.isdigit()) and any(ch.isalpha() for ch in stripped)


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of every line (without the ``\\n``)."""
    spans = []
    position = 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def _runs(text: str) -> list[list[tuple[int, int]]]:
    """Lines grouped into runs separated by blank lines."""
    runs: list[list[tuple[int, int]]] = [[]]
    for start, end in _lines(text):
        if text[start:end].strip():
            runs[-1].append((start, end))
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _is_hard_wrapped(text: str, runs: list[list[tuple[int, int]]]) -> bool:
    """Most lines that are followed by another line in the same run stop mid-sentence.

    A line counts as cut mid-sentence when it ends without closing punctuation and either the next
    line starts in lower case or the line is long (headings are short).
    """
    pairs = [
        (text[s:e].rstrip(), text[n_s:n_e].lstrip())
        for run in runs
        for (s, e), (n_s, n_e) in zip(run, run[1:], strict=False)
    ]
    if len(pairs) < 2:
        return False
    cut = sum(
        not line.endswith(_CLOSING) and (following[:1].islower() or len(line) >= 50)
        for line, following in pairs
    )
    return cut / len(pairs) >= 0.5


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it starts and ends on non-whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph(text: str, lines: list[tuple[int, int]]) -> list[Block]:
    """Join pending lines into one paragraph block (emptying ``lines``); none if there are none."""
    if not lines:
        return []
    block = Block(*_trimmed(text, lines[0][0], lines[-1][1]))
    lines.clear()
    return [block]


def find_blocks(text: str, *, markdown: bool = False) -> list[Block]:
    """Cut a plain-text or Markdown document into paragraphs and headings.

    Parameters
    ----------
    text : str
        The whole document.
    markdown : bool, default False
        Recognise ``#`` headings (the ``#`` marks are left out of the heading's span).

    Returns
    -------
    list of Block

    Examples
    --------
    >>> text = "# Title\\n\\nFirst line\\nof a wrapped paragraph that goes\\non and on.\\n"
    >>> for b in find_blocks(text, markdown=True):
    ...     print(b.kind, b.level, repr(text[b.start:b.end]))
    heading 1 'Title'
    paragraph 0 'First line\\nof a wrapped paragraph that goes\\non and on.'
    """
    runs = _runs(text)
    wrapped = _is_hard_wrapped(text, runs)
    blocks: list[Block] = []
    for run in runs:
        pending: list[tuple[int, int]] = []  # lines of the paragraph being joined
        for start, end in run:
            line = text[start:end]
            heading = _MARKDOWN_HEADING.match(line) if markdown else None
            if heading:
                blocks += _paragraph(text, pending)
                h_start, h_end = _trimmed(text, start + heading.start(2), start + heading.end(2))
                if h_end > h_start:
                    blocks.append(Block(h_start, h_end, "heading", len(heading.group(1))))
            elif is_heading_line(line) and (not wrapped or len(run) == 1):
                blocks += _paragraph(text, pending)
                blocks.append(Block(*_trimmed(text, start, end), "heading", 0))
            elif wrapped and not _LIST_ITEM.match(line):
                pending.append((start, end))
            else:
                blocks += _paragraph(text, pending)
                pending.append((start, end))
        blocks += _paragraph(text, pending)
    if blocks and all(block.level == 0 and block.is_heading for block in blocks):
        blocks = [Block(block.start, block.end) for block in blocks]
    return blocks


@dataclass(frozen=True)
class Segmentation:
    """Paragraphs, headings and sentences of one text.

    Attributes
    ----------
    text : str
        The text the offsets refer to.
    blocks : tuple of Block
        Paragraphs and headings in document order.
    units : tuple of tuple
        ``(start, end, paragraph, is_heading)`` for every sentence and heading, in order.
    """

    text: str
    blocks: tuple[Block, ...]
    units: tuple[tuple[int, int, int, bool], ...]

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence or heading.

        Columns: ``text`` (as written), ``start``, ``end`` (offsets into :attr:`text`),
        ``paragraph`` (index of its block), ``is_heading``, ``norm`` (comparison form, see
        :func:`storydiff.normalize.normalize_text`). The index, named ``sentence``, numbers the
        rows from 0.
        """
        texts = self.texts
        starts, ends, paragraphs, headings = (
            np.array([unit[k] for unit in self.units], dtype=dtype)
            for k, dtype in ((0, np.int64), (1, np.int64), (2, np.int64), (3, bool))
        )
        columns = {
            "text": pd.Series(np.array(texts, dtype=object), dtype=object, copy=False),
            "start": starts,
            "end": ends,
            "paragraph": paragraphs,
            "is_heading": headings,
            "norm": list(self.norms),
        }
        frame = pd.DataFrame(columns)
        frame.index.name = "sentence"
        return frame

    @cached_property
    def texts(self) -> tuple[str, ...]:
        """The ``text`` column of :attr:`sentences` (sentence ``i`` is ``texts[i]``)."""
        return tuple(self.text[start:end] for start, end, _, _ in self.units)

    @cached_property
    def norms(self) -> tuple[str, ...]:
        """The ``norm`` column of :attr:`sentences`: each text's comparison form."""
        return tuple(normalize_text(text) for text in self.texts)

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """One row per block: ``text``, ``start``, ``end``, ``kind``, ``level``, ``n_sentences``."""
        counts = [0] * len(self.blocks)
        for _, _, paragraph, heading in self.units:
            if not heading:
                counts[paragraph] += 1
        frame = pd.DataFrame(
            [
                (self.text[b.start : b.end], b.start, b.end, b.kind, b.level, counts[i])
                for i, b in enumerate(self.blocks)
            ],
            columns=["text", "start", "end", "kind", "level", "n_sentences"],
        )
        frame = frame.astype(
            {
                "text": object,
                "kind": object,
                "start": "int64",
                "end": "int64",
                "level": "int64",
                "n_sentences": "int64",
            }
        )
        frame.index.name = "paragraph"
        return frame

    @property
    def headings(self) -> list[str]:
        """The headings' texts, in order."""
        return [self.text[b.start : b.end] for b in self.blocks if b.is_heading]

    @property
    def n_sentences(self) -> int:
        """Number of sentences, headings not counted."""
        return sum(not heading for *_, heading in self.units)

    def to_frame(self) -> pd.DataFrame:
        """The :attr:`sentences` table (a copy)."""
        return self.sentences.copy()


@lru_cache(maxsize=8192)
def _paragraph_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """The sentence spans of one paragraph, remembered (versions of a story share paragraphs)."""
    return tuple(sentence_spans(paragraph))


def segment(
    text: str,
    *,
    blocks: tuple[Block, ...] | list[Block] | None = None,
    markdown: bool = False,
) -> Segmentation:
    """Split a text into paragraphs, headings and sentences.

    Parameters
    ----------
    text : str
        The version's text.
    blocks : sequence of Block, optional
        Paragraphs and headings already known (from HTML); found by :func:`find_blocks` otherwise.
    markdown : bool, default False
        Read ``#`` lines as headings.

    Returns
    -------
    Segmentation

    Examples
    --------
    >>> seg = segment("Mr. Smith went to the U.S. Embassy. He left at 5 p.m.")
    >>> seg.sentences["text"].tolist()
    ['Mr. Smith went to the U.S. Embassy.', 'He left at 5 p.m.']
    """
    found = tuple(blocks) if blocks is not None else tuple(find_blocks(text, markdown=markdown))
    units: list[tuple[int, int, int, bool]] = []
    for index, block in enumerate(found):
        if block.is_heading:
            units.append((block.start, block.end, index, True))
            continue
        for start, end in _paragraph_spans(text[block.start : block.end]):
            units.append((block.start + start, block.start + end, index, False))
    return Segmentation(text, found, tuple(units))


def split_sentences(text: str, *, headings: bool = True) -> list[str]:
    """Split a text into sentences, as written.

    Paragraphs are found first (line breaks, blank lines), so a sentence never runs across a
    paragraph, and a heading line is never glued to the sentence after it.

    Parameters
    ----------
    text : str
        Any text; an empty text gives an empty list.
    headings : bool, default True
        Keep heading lines as items of their own; ``False`` leaves them out.

    Returns
    -------
    list of str

    Examples
    --------
    >>> split_sentences("The U.S. plan has 28 points. Mr. Putin said some were \\"unacceptable.\\"")
    ['The U.S. plan has 28 points.', 'Mr. Putin said some were "unacceptable."']
    >>> split_sentences("Kremlin Discussions\\nPutin spoke for 5 hours.", headings=False)
    ['Putin spoke for 5 hours.']
    """
    seg = segment(text)
    return [text[s:e] for s, e, _, heading in seg.units if headings or not heading]
