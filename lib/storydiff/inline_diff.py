"""Word-level inline diff of two versions of a sentence or a group of sentences.

:func:`inline_diff` shows which words of version ``a`` were removed and which words of version
``b`` were added, in reading order, like ``wdiff`` or a newspaper's "compare versions" view:

>>> diff = inline_diff("Two men died in a drone strike.", "Two men were killed in a drone strike.")
>>> print(diff.to_terminal())
Two men [-died-] {+were killed+} in a drone strike.

What the diff shows, and its caveats:

- It compares **tokens**, not characters: words (contractions such as "Kyiv's" stay whole),
  numbers ("40,000", "02:00") and single punctuation marks. A change inside a word shows the whole
  word as deleted and re-inserted; hyphenated compounds are split at the hyphen, so
  "Moscow-installed" → "Moscow-appointed" marks only the second half.
- It is **case-sensitive**: "The" → "the" is a change.
- **Typography is ignored**: curly and straight quotes, dashes and hyphens, non-breaking and
  ordinary spaces, and the amount of whitespace between words compare equal (tokens are compared
  by :func:`storydiff.normalize.normalize_text`). Such differences are not shown; unchanged runs
  are displayed with the characters of version ``b``.
- It is a shortest-edit alignment (Python's :class:`difflib.SequenceMatcher`): when a sentence was
  heavily rewritten, the diff is correct but may not match how a person would describe the edit,
  and a moved phrase shows as a deletion in one place and an insertion in another. A very long
  "sentence" (more than about 1,000 tokens on each side: a list or a table flattened into text)
  is first cut at the tokens found once in each version (:mod:`storydiff.matching`): a list of
  40,000 words diffs in a fraction of a second instead of minutes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from itertools import pairwise

import pandas as pd

from . import matching
from .errors import ParameterError
from .frames import typed_frame
from .normalize import COMBINING_MARKS, normalize_text

GRANULARITIES = ("word", "char")
"""Valid values of ``granularity`` in :func:`inline_diff`."""

OPS = ("equal", "delete", "insert")
"""The kinds of :class:`DiffOp`."""

# Whitespace as the tokenizer sees it: Unicode spaces plus zero-width space and byte-order mark.
_SPACE = r"[\s\u200b\ufeff]"
# Word characters, plus the invisible joiners, soft hyphen and combining marks (vowel signs,
# accents) that may sit inside a word.
_WORDCHAR = rf"[\w\u00ad\u200c\u200d\u2060{COMBINING_MARKS}]"
_INNER = {
    # Abbreviations with inner periods ("U.S.", "a.m."), numbers with separators ("40,000", "3.5",
    # "02:00"), words with inner apostrophes ("can't", "Kyiv’s"), then any other single character
    # (punctuation, symbols).
    "word": (
        rf"[^\W\d_](?:\.[^\W\d_])+(?:\.|\b)|\d+(?:[.,:]\d+)+"
        rf"|{_WORDCHAR}+(?:['\u2019\u02bc]{_WORDCHAR}+)*|\S"
    ),
    "char": r"\S",
}
# One token = leading whitespace (start of text only) + the token + the whitespace after it, so
# that the tokens tile the text exactly. A text of whitespace only is one token.
_TOKENIZERS = {
    name: re.compile(rf"(?:^{_SPACE}+)?(?:{inner}){_SPACE}*|{_SPACE}+")
    for name, inner in _INNER.items()
}
_WORD_TOKEN = re.compile(_INNER["word"])
_COUNTED = re.compile(
    rf"[^\W\d_](?:\.[^\W\d_])+(?:\.|\b)|\d+(?:[.,:]\d+)+"
    rf"|{_WORDCHAR}*[^\W_]{_WORDCHAR}*(?:['\u2019\u02bc]{_WORDCHAR}+)*"
)
"""The tokens of ``_WORD_TOKEN`` that hold a letter or digit, found without the others (single
marks, runs of joiners and underscores): twice as quick to count, and the same count on every
text of the project's evaluation sets (5,822); strings of apostrophes, joiners and combining
marks with no letter between them may count one word fewer."""
_EDGE_SPACE = re.compile(rf"({_SPACE}*)(.*?)({_SPACE}*)\Z", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_ANSI = {"delete": "\x1b[31m", "insert": "\x1b[32m", "reset": "\x1b[0m"}
_MARKERS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
_HTML_TAGS = {"delete": ("del", "sd-del"), "insert": ("ins", "sd-ins")}


@dataclass(frozen=True)
class DiffOp:
    """One run of the diff: tokens kept, deleted from ``a`` or inserted in ``b``.

    Attributes
    ----------
    op : {"equal", "delete", "insert"}
        What happened to the run.
    text : str
        The run as written, with the whitespace that follows each token: from ``a`` for a
        deletion, from ``b`` for an insertion and for an unchanged run (which may differ from
        ``a`` in typography only; ``a[a_start:a_end]`` gives ``a``'s characters).
    a_start, a_end : int
        Character offsets of the run in ``a``; for an insertion ``a_start == a_end``, the place in
        ``a`` where the text was inserted.
    b_start, b_end : int
        Character offsets of the run in ``b``; for a deletion ``b_start == b_end``, the place in
        ``b`` where the text was removed.

    Examples
    --------
    >>> inline_diff("six people", "6 people").ops[0]
    DiffOp(op='delete', text='six ', a_start=0, a_end=4, b_start=0, b_end=0)
    """

    op: str
    text: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)
class InlineDiff:
    """The token-level differences between two texts, as a sequence of runs.

    Concatenating the ``text`` of the ``equal`` and ``insert`` runs gives ``b`` exactly; the
    ``a`` offsets of the ``equal`` and ``delete`` runs tile ``a`` exactly.

    Attributes
    ----------
    a, b : str
        The two versions, as given.
    ops : tuple of DiffOp
        The runs in reading order; a replacement is a deletion followed by an insertion.
    granularity : {"word", "char"}
        The tokens compared (see :func:`inline_diff`).

    Examples
    --------
    >>> diff = inline_diff("six people died", "6 people died")
    >>> diff.n_deleted_words, diff.n_inserted_words, round(diff.ratio, 2)
    (1, 1, 0.67)
    >>> diff.to_frame()
           op     text  a_start  a_end  b_start  b_end
    0  delete     six         0      4        0      0
    1  insert       6         4      4        0      2
    2   equal  people died    4     15        2     13
    """

    a: str
    b: str
    ops: tuple[DiffOp, ...]
    granularity: str = "word"

    def to_frame(self) -> pd.DataFrame:
        """One row per run: ``op``, ``text``, ``a_start``, ``a_end``, ``b_start``, ``b_end``."""
        columns = ["op", "text", "a_start", "a_end", "b_start", "b_end"]
        dtypes = {c: "int64" for c in columns[2:]} | {"op": object, "text": object}
        return typed_frame([asdict(op) for op in self.ops], columns, dtypes)

    def to_dict(self) -> dict:
        """JSON-ready dict: ``a``, ``b``, ``granularity``, ``ops`` (list of dicts), summary numbers.

        Examples
        --------
        >>> inline_diff("a b", "a c").to_dict()["ops"][1]
        {'op': 'delete', 'text': 'b', 'a_start': 2, 'a_end': 3, 'b_start': 2, 'b_end': 2}
        """
        return {
            "a": self.a,
            "b": self.b,
            "granularity": self.granularity,
            "ops": [asdict(op) for op in self.ops],
            "n_deleted_words": self.n_deleted_words,
            "n_inserted_words": self.n_inserted_words,
            "ratio": round(self.ratio, 4),
            "is_unchanged": self.is_unchanged,
        }

    @property
    def n_deleted_words(self) -> int:
        """Number of words and numbers (not punctuation) in the deleted runs."""
        return sum(count_words(op.text) for op in self.ops if op.op == "delete")

    @property
    def n_inserted_words(self) -> int:
        """Number of words and numbers (not punctuation) in the inserted runs."""
        return sum(count_words(op.text) for op in self.ops if op.op == "insert")

    @property
    def ratio(self) -> float:
        """Similarity ``2 * M / T`` (as :meth:`difflib.SequenceMatcher.ratio`).

        ``M`` is the number of unchanged tokens, ``T`` the number of tokens in both texts; 1.0
        when the texts do not differ (or are both empty), 0.0 when they share no token.
        """
        tokenizer = _TOKENIZERS[self.granularity]
        total = sum(_count_tokens(op.text, tokenizer) for op in self.ops if op.op != "equal")
        matched = sum(_count_tokens(op.text, tokenizer) for op in self.ops if op.op == "equal")
        total += 2 * matched
        return 1.0 if total == 0 else 2 * matched / total

    @property
    def is_unchanged(self) -> bool:
        """True when the texts differ at most in typography (only ``equal`` runs)."""
        return all(op.op == "equal" for op in self.ops)

    def to_terminal(self, color: bool = False) -> str:
        """Both versions in one line, ``wdiff`` style: ``[-deleted-] {+inserted+}``.

        Parameters
        ----------
        color : bool, default False
            Also colour deletions red and insertions green with ANSI escape codes.

        Returns
        -------
        str
            Control characters from the texts are shown escaped (``\\x1b``), so a text cannot
            send commands to the terminal.

        Examples
        --------
        >>> print(inline_diff("The incident occurred", "The crash occurred").to_terminal())
        The [-incident-] {+crash+} occurred
        """

        def mark(kind: str, core: str) -> str:
            start, end = _MARKERS[kind]
            if color:
                return f"{_ANSI[kind]}{start}{core}{end}{_ANSI['reset']}"
            return f"{start}{core}{end}"

        return self._render(("delete", "insert"), mark, _escape_control)

    def to_html(self) -> str:
        """Both versions in one HTML fragment, with ``<del>`` and ``<ins>`` around the changes.

        Deletions are ``<del class="sd-del">``, insertions ``<ins class="sd-ins">``, inside a
        ``<div class="sd-inline-diff">`` that keeps line breaks. All text is HTML-escaped, so
        markup in a story is shown, never run.

        Examples
        --------
        >>> inline_diff("it <b>rained</b>", "it snowed").to_html()
        '<div class="sd-inline-diff" style="white-space: pre-wrap">it <del class="sd-del">&lt;b&gt;rained&lt;/b&gt;</del> <ins class="sd-ins">snowed</ins></div>'
        """  # noqa: E501
        return _html_block(self._render(("delete", "insert"), _html_mark, _escape_html))

    def a_html(self) -> str:
        """Version ``a`` alone as HTML, its deletions in ``<del class="sd-del">``.

        For two-column reports, beside :meth:`b_html`.

        Examples
        --------
        >>> inline_diff("six people", "6 people").a_html()
        '<div class="sd-inline-diff" style="white-space: pre-wrap"><del class="sd-del">six</del> people</div>'
        """  # noqa: E501
        return _html_block(self._render(("delete",), _html_mark, _escape_html, side="a"))

    def b_html(self) -> str:
        """Version ``b`` alone as HTML, its insertions in ``<ins class="sd-ins">``.

        Examples
        --------
        >>> inline_diff("six people", "6 people").b_html()
        '<div class="sd-inline-diff" style="white-space: pre-wrap"><ins class="sd-ins">6</ins> people</div>'
        """  # noqa: E501
        return _html_block(self._render(("insert",), _html_mark, _escape_html, side="b"))

    def _repr_html_(self) -> str:
        return self.to_html()

    def _render(
        self,
        kinds: tuple[str, ...],
        mark: Callable[[str, str], str],
        escape: Callable[[str], str],
        *,
        side: str = "b",
    ) -> str:
        """Display text: unchanged runs (from `side`) and the runs of the given `kinds`, marked.

        Whitespace at the edges of a marked run goes outside the marks. Because unchanged runs
        are shown as in ``b``, the space before a deletion is adjusted to read as in ``a``: added
        when ``b`` lost it ("died [-in-]"), moved after the deletion when ``a`` had none there
        ("23-year[---] old").
        """
        out: list[str] = []
        for op in self.ops:
            if op.op == "equal":
                out.append(escape(self.a[op.a_start : op.a_end] if side == "a" else op.text))
                continue
            if op.op not in kinds:
                continue
            lead, core, trail = _EDGE_SPACE.match(op.text).groups()
            if not core:  # a change of whitespace only: mark it as it is
                lead, core, trail = "", op.text, ""
            context = self.a[: op.a_start] if op.op == "delete" else self.b[: op.b_start]
            shown = out[-1] if out else ""
            gap = moved = ""
            if shown and not shown[-1].isspace() and context[-1:].isspace():
                gap = " "
            elif op.op == "delete" and shown[-1:].isspace() and not context[-1:].isspace():
                out[-1] = shown.rstrip()
                moved = shown[len(out[-1]) :]
            out.append(gap + escape(lead) + mark(op.op, escape(core)) + escape(trail))
            if moved and not trail:  # (a deletion's own space after it is that space already)
                out.append(moved)
        return "".join(out)


def inline_diff(a: str, b: str, *, granularity: str = "word") -> InlineDiff:
    """Compare two texts token by token.

    Parameters
    ----------
    a, b : str
        The earlier and the later version (a sentence, or a few sentences joined).
    granularity : {"word", "char"}, default "word"
        ``"word"``: words, numbers and punctuation marks; ``"char"``: single characters.

    Returns
    -------
    InlineDiff

    Raises
    ------
    ParameterError
        If `granularity` is not one of :data:`GRANULARITIES`.

    Examples
    --------
    >>> diff = inline_diff("Moscow-installed leader", "Moscow\\u2013appointed leader")
    >>> [(op.op, op.text) for op in diff.ops]
    [('equal', 'Moscow–'), ('delete', 'installed '), ('insert', 'appointed '), ('equal', 'leader')]
    >>> inline_diff("\\u201cNecessary\\u201d", '"Necessary"').is_unchanged
    True
    >>> inline_diff("", "").ops
    ()
    """
    if granularity not in _TOKENIZERS:
        raise ParameterError(
            f"granularity={granularity!r} is not supported; use one of {', '.join(GRANULARITIES)}"
        )
    tokenizer = _TOKENIZERS[granularity]
    if a == b:  # a kept sentence (the common case): one equal run from the first token on
        first = tokenizer.search(a)
        if first is None:
            return InlineDiff(a, b, (), granularity=granularity)
        start = first.start()
        ops = (DiffOp("equal", b[start:], start, len(a), start, len(b)),)
        return InlineDiff(a, b, ops, granularity=granularity)
    a_bounds = _bounds(a, tokenizer)
    b_bounds = _bounds(b, tokenizer)
    a_keys = [_key(a[i:j]) for i, j in pairwise(a_bounds)]
    b_keys = [_key(b[i:j]) for i, j in pairwise(b_bounds)]
    if a_keys == b_keys:  # the same tokens (kept sentences are common): one equal run
        opcodes = [("equal", 0, len(a_keys), 0, len(b_keys))] if a_keys else []
    else:
        opcodes = matching.opcodes(a_keys, b_keys)
    ops = _merge(_runs(a, b, a_bounds, b_bounds, opcodes))
    return InlineDiff(a, b, tuple(ops), granularity=granularity)


def _bounds(text: str, tokenizer: re.Pattern) -> list[int]:
    """Start offset of every token, then ``len(text)``: token ``i`` is ``text[b[i]:b[i+1]]``."""
    return [match.start() for match in tokenizer.finditer(text)] + [len(text)]


@lru_cache(maxsize=65536)
def _key(token: str) -> str:
    return normalize_text(token)


def _runs(
    a: str, b: str, a_bounds: list[int], b_bounds: list[int], opcodes: Iterable[tuple]
) -> Iterator[DiffOp]:
    for tag, i1, i2, j1, j2 in opcodes:
        a_start, a_end, b_start, b_end = a_bounds[i1], a_bounds[i2], b_bounds[j1], b_bounds[j2]
        if tag == "equal":
            yield DiffOp("equal", b[b_start:b_end], a_start, a_end, b_start, b_end)
            continue
        if a_end > a_start:  # "delete", or the first half of "replace"
            yield DiffOp("delete", a[a_start:a_end], a_start, a_end, b_start, b_start)
        if b_end > b_start:  # "insert", or the second half of "replace"
            yield DiffOp("insert", b[b_start:b_end], a_end, a_end, b_start, b_end)


def _merge(ops: Iterable[DiffOp]) -> Iterator[DiffOp]:
    """Join adjacent runs of the same kind."""
    pending: DiffOp | None = None
    for op in ops:
        if pending is not None and pending.op == op.op:
            pending = DiffOp(
                op.op, pending.text + op.text, pending.a_start, op.a_end, pending.b_start, op.b_end
            )
            continue
        if pending is not None:
            yield pending
        pending = op
    if pending is not None:
        yield pending


def _count_tokens(text: str, tokenizer: re.Pattern) -> int:
    return sum(1 for _ in tokenizer.finditer(text))


def count_words(text: str) -> int:
    """The words and numbers of `text` as the inline diffs count them (not punctuation): a
    hyphenated word is its parts, "100F" is one.

    >>> count_words("The 23-year-old's car hit 100F (38C).")
    8
    """
    return len(_COUNTED.findall(text))


def _escape_html(text: str) -> str:
    return html.escape(text, quote=True)


def _escape_control(text: str) -> str:
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def _html_mark(kind: str, core: str) -> str:
    tag, css_class = _HTML_TAGS[kind]
    return f'<{tag} class="{css_class}">{core}</{tag}>'


def _html_block(body: str) -> str:
    return f'<div class="sd-inline-diff" style="white-space: pre-wrap">{body}</div>'
