"""Sentence boundaries in English news text, as exact character spans.

How it works, in plain words:

1. Every run of ``.``, ``!``, ``?`` or ``…`` that ends a word is a *candidate* boundary, together
   with the closing quotes and brackets right after it (``great."``, ``engineer.)``). A spaced
   ellipsis (``. . .``) counts as one run. A stop glued to the next word (``said.The``) is a
   candidate only between a lowercase word and a capitalized one, outside e-mail addresses and URLs.
2. A candidate is kept when the next word could start a sentence: a lowercase next word always
   continues the sentence, a capitalized one usually starts a new one.
3. After a known abbreviation the rules are stricter. The list ships with the package
   (``resources/abbreviations.txt``). Titles written before a name (``Mr.``, ``Sen.``, ``Gen.``,
   ``Mt.``) never end a sentence; ``e.g.``, ``vs.`` neither; ``No.``, ``p.``, ``vol.`` are
   abbreviations only before a number. Ambiguous ones (``U.S.``, ``Co.``, ``Inc.``, ``Jan.``,
   ``Calif.``) end a sentence only when the next word is a common *sentence starter*, a
   closed-class word such as "The", "He", "But", "How" (``resources/sentence_starters.txt``):
   "the U.S. Government" stays one sentence, "in the U.S. How about you?" becomes two.
4. Special cases: single-letter initials (``John F. Kennedy``), numbers and decimals
   (``$100.00``), times (``5 p.m. Tuesday``), list markers (``1.``, ``2)``, ``a.``, bullets),
   ellipses (three dots continue a sentence unless a capitalized word other than "I" follows;
   four dots end it), bracketed omissions (``[...]``), and quotations: a quote that ends with
   ``?`` or ``!`` followed by a name and a speech verb (``"Why?" Putin asked.``) is one sentence.
5. Spans are cut at the kept candidates and stripped of whitespace, so together they cover every
   non-whitespace character of the text and ``text[start:end]`` is the sentence exactly as written.

The scanner makes one pass of compiled regular expressions over the text and looks at a few
characters around each candidate, so it runs in time linear in the text length.

Examples
--------
>>> split_sentences_plain("Mr. Putin met U.S. envoys. Talks lasted five hours.")
['Mr. Putin met U.S. envoys.', 'Talks lasted five hours.']
>>> sentence_spans("It rained.  Then it stopped.")
[(0, 10), (12, 28)]
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import config

__all__ = ["sentence_spans", "split_sentences_plain"]

_BULLETS = "\u2022\u2023\u2043\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u25ba\u25b8"
_OPENERS = "\"'\u201c\u2018\u201e\u00ab\u2039([{\u00bf\u00a1" + _BULLETS
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]}"
_QUOTES = "\"'\u201d\u2019\u00bb\u203a"
_TRAILING_JUNK = _CLOSERS + ".,;:!?\u2026"
_NO_BOUNDARY_BEFORE = ",;:)]}"

# A run of terminal punctuation. One match per run: the regex engine never backtracks into it.
_PUNCT_RUN = re.compile(r"[.!?\u2026\u203d]+")
# More dots of a spaced ellipsis (". . ."), each followed by a space, a closer or the end.
_SPACED_DOTS = re.compile(r"(?:[ \t\u00a0]\.(?=[\s\"'\u201d\u2019\u00bb\u203a)\]}]|$))+")
_NEXT_TOKEN = re.compile(r"\s*(\S{1,64})")  # bounded: a few characters decide
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_HAS_WORD_CHAR = re.compile(r"\w")
# Abbreviations written with inner periods: U.S, U.S.A, a.m, Ph.D, e.g, D.C
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
# What may stand before a list item on its own: nothing, or bullets and dashes.
_ONLY_BULLETS = re.compile(r"[\s\-\u2013\u2014*" + _BULLETS + r"]*")
_LIST_WORD = re.compile(r"\d{1,3}|[A-Za-z]|(?i:x{0,3}(?:ix|iv|v|vi{1,3}|i{1,3})|x{1,3})")
# Markers of numbered or lettered lists: "1.", "2)", "3.)", "(4)", "a.", "b)".
_LIST_MARKER = re.compile(r"(?<![^\s" + _BULLETS + r"])(\(?)(\d{1,2}|[A-Za-z])(\.\)|\)|\.)(?=\s)")
_BULLET = re.compile(r"(?<!\S)[" + _BULLETS + r"]")

# Behaviour of some abbreviations (all of them are in resources/abbreviations.txt).
_TITLES = frozenset(
    "mr mrs ms messrs mmes mme mlle dr drs prof profs rev revs hon rt fr msgr gov govs sen sens "
    "rep reps pres supt atty amb asst dep ald det insp gen gens lt col capt cpt cmdr cdr adm maj "
    "brig sgt cpl pvt pte pfc spc ens lieut ofc ste mt mts ft".split()
)
"""Written before a name: never the end of a sentence when written capitalized."""
_CONTINUING = frozenset("e.g i.e cf vs v viz approx ca incl esp".split())
"""Never the end of a sentence unless the text ends."""
_NUMBER_ONLY = frozenset(
    "no nos nr n\u00b0 n\u00ba p pp vol vols fig figs art sec sect ch chap para op pg tel "
    "ext".split()
)
"""Abbreviations only before a number ("No. 1", "p. 55"); words otherwise ("said no.")."""
_CAPITALIZED_ONLY = frozenset(
    "ill mass wash miss ore ark la pa mo del ind mon wed sat sun cos mar".split()
)
"""Abbreviations that are also English words: abbreviations only when capitalized ("Ill.")."""
_TIMES = frozenset({"a.m", "p.m"})
_TIME_FOLLOWERS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december et est edt ct cst cdt mt mst mdt pt "
    "pst pdt gmt utc bst cet cest eet eest msk ist jst aest eastern central mountain pacific "
    "greenwich".split()
)
"""Words that follow a clock time inside the same sentence ("5 p.m. Tuesday", "9 a.m. EST")."""
_FRONTING_WORDS = frozenset(
    "at by until till from around about before after since starting beginning shortly just early "
    "late on".split()
)
"""A sentence that opens with one of these and a time ("At 5 a.m. Mr. Smith ...") goes on."""
_SPEECH_VERBS = frozenset(
    "said says asked asks added adds told tells replied replies shouted shouts wrote writes "
    "continued exclaimed insisted explained answered declared recalled wondered demanded noted "
    "tweeted posted cried yelled joked quipped responded countered stated argued warned urged "
    "whispered screamed laughed sighed agreed admitted acknowledged remarked observed".split()
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Find the sentences of a text as character spans.

    Parameters
    ----------
    text : str
        English text, usually one paragraph. Newlines and other whitespace count as spaces.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` offsets into `text`, in order and non-overlapping. Each span starts and
        ends on a non-whitespace character, and together the spans cover every non-whitespace
        character of `text`. Empty or whitespace-only text gives ``[]``.

    Raises
    ------
    TypeError
        If `text` is not a string.

    Examples
    --------
    >>> text = 'He said "no." Then he left.'
    >>> spans = sentence_spans(text)
    >>> spans
    [(0, 13), (14, 27)]
    >>> [text[s:e] for s, e in spans]
    ['He said "no."', 'Then he left.']
    >>> sentence_spans("   ")
    []
    """
    if not isinstance(text, str):
        raise TypeError(f"sentence_spans() expects a str, got {type(text).__name__}")
    n = len(text)
    forced = _forced_boundaries(text)
    cuts: list[int] = []
    last = 0  # where the current sentence starts
    fi = 0
    consumed = 0
    content_from, content_upto, has_content = 0, 0, False
    for match in _PUNCT_RUN.finditer(text):
        s, e = match.span()
        if s < consumed:
            continue
        while fi < len(forced) and forced[fi] <= s:
            if forced[fi] > last:
                cuts.append(forced[fi])
                last = forced[fi]
            fi += 1
        if text[e - 1] == "." or text[e - 1] == "\u2026":
            more = _SPACED_DOTS.match(text, e)
            if more:
                e = more.end()
        j = e
        while j < n and text[j] in _CLOSERS:
            j += 1
        j = _spaced_closing_mark(text, j)
        consumed = j
        glued = j < n and not text[j].isspace()
        if glued and not _glued_boundary(text, s, j):
            continue
        if content_from != last:  # a new sentence began: look for its first word character again
            content_from, content_upto, has_content = last, last, False
        if not has_content:
            has_content = _HAS_WORD_CHAR.search(text, content_upto, s) is not None
            content_upto = s
        if not has_content:
            continue  # nothing to end yet (". . . The", "?! Yes")
        cut = _decide(text, s, e, j, last)
        if cut is not None and cut > last:
            cuts.append(cut)
            last = cut
    for position in forced[fi:]:
        if position > last:
            cuts.append(position)
            last = position
    return _spans_from_cuts(text, cuts)


def split_sentences_plain(text: str) -> list[str]:
    """Split a text into sentences, returned as strings exactly as written.

    Parameters
    ----------
    text : str
        English text, usually one paragraph.

    Returns
    -------
    list of str
        ``[text[s:e] for s, e in sentence_spans(text)]``.

    Examples
    --------
    >>> split_sentences_plain("Russian President Vladimir Putin met a U.S. envoy. He said no.")
    ['Russian President Vladimir Putin met a U.S. envoy.', 'He said no.']
    >>> split_sentences_plain("At 5 p.m. Tuesday, Sen. John F. Kennedy spoke. It lasted 3.5 hours.")
    ['At 5 p.m. Tuesday, Sen. John F. Kennedy spoke.', 'It lasted 3.5 hours.']
    >>> split_sentences_plain("")
    []
    """
    return [text[s:e] for s, e in sentence_spans(text)]


# --------------------------------------------------------------------------------------------------
# Word lists


@lru_cache(maxsize=8)
def word_list(name: str) -> frozenset[str]:
    """Read a resource file of lowercase entries, one per line, ``#`` comments skipped."""
    path = config.RESOURCES_DIR / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path}: the word list {name!r} that storydiff ships is missing; reinstall the "
            "package or restore the file from the repository"
        ) from None
    entries = (line.strip().lower() for line in lines)
    return frozenset(entry for entry in entries if entry and not entry.startswith("#"))


def _abbreviations() -> frozenset[str]:
    return word_list("abbreviations.txt")


def _starters() -> frozenset[str]:
    return word_list("sentence_starters.txt")


# --------------------------------------------------------------------------------------------------
# Candidates


def _glued_boundary(text: str, s: int, j: int) -> bool:
    """Whether a stop with no space after it ("said.The") may end a sentence."""
    n = len(text)
    if s < 2 or j + 1 >= n:
        return False
    a, b, c, d = text[s - 2], text[s - 1], text[j], text[j + 1]
    if not (a.isalpha() and a.islower() and b.isalpha() and b.islower()):
        return False
    if not (c.isupper() and d.islower()):
        return False
    start = _token_start(text, s, 0)
    end_match = _NEXT_TOKEN.match(text, j)
    token = text[start:j] + (end_match.group(1) if end_match else "")
    return not ("@" in token or "/" in token or "www." in token.lower())


def _token_start(text: str, s: int, floor: int) -> int:
    """Start of the whitespace-delimited token that ends at `s` (no earlier than `floor`)."""
    i = s
    limit = max(floor, s - 100)
    while i > limit and not text[i - 1].isspace():
        i -= 1
    return i


def _clean_word(body: str) -> str:
    """The word before a stop, without quotes, brackets or bullets around it."""
    return body.lstrip(_OPENERS).rstrip(_CLOSERS)


def _next_word(token: str) -> tuple[str, str, bool]:
    """Describe the token after a candidate.

    Returns its class (``upper``, ``lower``, ``digit`` or ``other``), its first word and whether
    that word is a common sentence starter.
    """
    stripped = token.lstrip(_OPENERS)
    if not stripped:
        return "other", "", False
    first = stripped[0]
    if first.isdigit() or first in "$\u20ac\u00a3\u00a5#":
        return "digit", "", False
    match = _WORD.match(stripped)
    if match is None:
        return "other", "", False
    word = match.group()
    if first.islower():
        # iPhone, eBay: a brand that starts a sentence in lowercase.
        if any(ch.isupper() for ch in word):
            return "upper", word, False
        return "lower", word, False
    if not first.isupper():
        return "other", word, False
    after = stripped[len(word) : len(word) + 1]
    if len(word) == 1 and after == ".":
        return "upper", word, False  # an initial ("A. Smith"), not the article "A"
    base = word.split("'")[0].split("\u2019")[0]
    if len(base) > 1 and not base[1:].islower():
        return "upper", word, False  # an acronym ("IT", "AP")
    key = word.lower().replace("\u2019", "'")
    starters = _starters()
    return "upper", word, key in starters or base.lower() in starters


def _classify(word: str, next_class: str) -> str | None:
    """How an abbreviation before a period behaves; ``None`` for an ordinary word."""
    if not word:
        return None
    if "-" in word or "/" in word or "|" in word:
        word = re.split(r"[-/|]", word)[-1]  # ex-Gov -> Gov
        if not word:
            return None
    lower = word.lower()
    if len(word) == 1:
        return "initial" if word.isalpha() else None
    if lower in _CONTINUING:
        return "continuing"
    if _DOTTED.fullmatch(word):
        return "time" if lower in _TIMES else "ambiguous"
    if lower not in _abbreviations():
        return None
    if lower in _NUMBER_ONLY:
        return "abbreviation" if next_class == "digit" else None
    capitalized = word[0].isupper()
    if lower in _TITLES:
        return "title" if capitalized else None
    if lower in _CAPITALIZED_ONLY and not capitalized:
        return None
    return "ambiguous"


_SPACES = " \t\u00a0"
_CLOSING_MARKS = {'"': '"', "\u201d": "\u201c", "\u00bb": "\u00ab"}
"""A closing quote mark and the mark that opens its quote."""


def _spaced_closing_mark(text: str, j: int) -> int:
    """Where a sentence ending at `j` ends when a space stands between its stop and the mark
    that closes its quote (``"We will rebuild. " The mayor agreed.``): after that mark, when a
    quote is open (the text, a paragraph, has opened more quotes than it closed before `j`;
    a quote may run over several sentences) and the mark is followed by a space or the end.

    >>> text = 'He said: "We will rebuild. " The mayor agreed.'
    >>> text[:_spaced_closing_mark(text, 26)]
    'He said: "We will rebuild. "'
    >>> _spaced_closing_mark('He left. "Go," she said.', 8)
    8
    """
    k = j
    while k < len(text) and text[k] in _SPACES:
        k += 1
    if k == j or k >= len(text) or (k + 1 < len(text) and not text[k + 1].isspace()):
        return j
    opener = _CLOSING_MARKS.get(text[k])
    if opener is None:
        return j
    if opener == text[k]:
        is_open = text.count(opener, 0, j) % 2 == 1
    else:
        is_open = text.count(opener, 0, j) > text.count(text[k], 0, j)
    return k + 1 if is_open else j


def _decide(text: str, s: int, e: int, j: int, last: int) -> int | None:
    """Decide one candidate: the offset to cut at, or ``None`` to go on.

    `s`:`e` is the punctuation run, `e`:`j` the closing quotes and brackets after it, and `last`
    the start of the current sentence.
    """
    following = _NEXT_TOKEN.match(text, j)
    if following is None:
        return None  # the end of the text ends the sentence anyway
    next_token = following.group(1)
    if next_token[0] in ",;:":
        return None  # "This is America? ," said ...
    next_class, next_word, starter = _next_word(next_token)
    if next_class == "other" and not _HAS_WORD_CHAR.search(next_token):
        # A token of punctuation only, such as a detached quote mark: the word after it decides.
        after_that = _NEXT_TOKEN.match(text, following.end(1))
        if after_that is None or _next_word(after_that.group(1))[0] == "lower":
            return None
    if next_class == "lower":
        return None
    punct = text[s:e]
    tok_start = _token_start(text, s, last)
    body = text[tok_start:s]
    closers = text[e:j]
    quoted = any(ch in _QUOTES for ch in closers)
    after = following.end(1)

    if "!" in punct or "?" in punct or "\u203d" in punct:
        if quoted and next_class == "upper" and not starter:
            if _is_attribution(text, following.start(1), require_end=False):
                return None
        return j

    dots = punct.count(".") + 3 * punct.count("\u2026")
    if dots >= 3:
        if body.endswith("[") and closers.startswith("]"):
            return None  # "[...]" marks an omission inside a quotation
        if dots == 3:
            if next_class != "upper" or next_word == "I":
                return None
            if quoted and not starter and _is_attribution(text, following.start(1), False):
                return None
            return j
        if next_class not in ("upper", "digit"):
            return None
        if text[s] == "." and s + 1 < len(text) and text[s + 1].isspace() and body:
            return s + 1  # "compounds. . . . The": the period ends it, the ellipsis opens the next
        return j

    # A single period (or two).
    word = _clean_word(body)
    if quoted and next_class == "upper":
        if not starter and _is_attribution(text, following.start(1), require_end=True):
            return None
        return j
    if _LIST_WORD.fullmatch(word) and _ONLY_BULLETS.fullmatch(text, last, tok_start):
        return None  # a list marker ("1.", "a.") opening an item
    kind = _classify(word, next_class)
    if kind is not None and next_token[0] in "([":
        return None  # "11 a.m. (NZST)", "the U.S. (and Canada)"
    if next_class == "digit":
        return j if kind is None else None
    if next_class == "other":
        if kind is not None:
            return None
        return None if following.group(1)[0] in _NO_BOUNDARY_BEFORE else j
    # The next word is capitalized.
    if kind is None:
        return j
    if kind in ("continuing", "title"):
        return None
    if kind == "initial":
        # "you and I. Did" ends; a middle initial never stands before a word like "The" or "Did",
        # but before a surname: "John F. Kennedy", "Albert I. Jones".
        return j if starter else None
    if kind == "time":
        return j if _time_ends_sentence(text, tok_start, last, next_word, starter, after) else None
    return j if starter else None  # ambiguous: U.S., Co., Inc., Jan., Calif.


def _previous_token(text: str, tok_start: int, last: int) -> str:
    """The token before the one starting at `tok_start`, within the current sentence."""
    i = tok_start
    while i > last and text[i - 1].isspace():
        i -= 1
    if i <= last:
        return ""
    return text[_token_start(text, i, last) : i]


def _time_ends_sentence(
    text: str, tok_start: int, last: int, next_word: str, starter: bool, after: int
) -> bool:
    """Whether "a.m." or "p.m." before a capitalized word ends the sentence."""
    if starter:
        return True
    if next_word.lower() in _TIME_FOLLOWERS:
        return False
    if 3 <= len(next_word) <= 5 and next_word.isupper() and next_word.endswith("T"):
        return False  # a time zone: "9:27 A.M. EDT", "10 a.m. NZST"
    following = _NEXT_TOKEN.match(text, after)
    if following and following.group(1).rstrip(_TRAILING_JUNK).lower() == "time":
        return False  # "10 p.m. Moscow time"
    previous = _previous_token(text, tok_start, last)
    if not any(ch.isdigit() for ch in previous):
        return False  # not a clock time: "British P.M. Boris Johnson"
    words = text[last:tok_start].split() if tok_start - last <= 100 else []
    if len(words) <= 4 and words and words[0].lstrip(_OPENERS).lower() in _FRONTING_WORDS:
        return False  # "At 5 a.m. Mr. Smith went to the bank."
    return True


def _is_attribution(text: str, start: int, require_end: bool) -> bool:
    """Whether the words from `start` are a speech tag: a name and a verb ("Putin said.")."""
    position = start
    names = 0
    for _ in range(5):
        match = _NEXT_TOKEN.match(text, position)
        if match is None:
            return False
        token = match.group(1)
        position = match.end(1)
        core = token.rstrip(_TRAILING_JUNK).lower()
        if names and core in _SPEECH_VERBS:
            return not require_end or token[-1] in ".,"
        stripped = token.lstrip(_OPENERS)
        if not stripped or not stripped[0].isupper() or core in _starters():
            return False
        if token[-1] in ",;:!?" or names >= 4:
            return False
        names += 1
    return False


# --------------------------------------------------------------------------------------------------
# Lists and bullets


_FULL_STOPS = re.compile(
    "[\u3002\uff01\uff1f\uff61\u0964\u0965\u061f\u06d4]+"  # 。！？｡ । ॥ ؟ ۔
    "[\u300d\u300f\uff09\u3011\u3015\u201d\u2019\"')\\]]*"  # closers after them: 」』）】〕” ...
)
"""The full stops of Chinese, Japanese, Hindi (and other Indic scripts), Arabic and Urdu, which
end a sentence wherever they stand (Chinese and Japanese put no space after them)."""


def _forced_boundaries(text: str) -> list[int]:
    """Offsets where a list item or bullet starts a new sentence without punctuation before it,
    or where a sentence of a script with its own full stop (:data:`_FULL_STOPS`) begins."""
    forced = [m.start() for m in _BULLET.finditer(text)]
    end = len(text.rstrip())
    forced += [m.end() for m in _FULL_STOPS.finditer(text) if m.end() < end]
    markers = [
        (m.start(), m.group(1) + m.group(3), m.group(2)) for m in _LIST_MARKER.finditer(text)
    ]
    if len(markers) >= 2:
        forced.extend(_list_chains(text, markers))
    first = len(text) - len(text.lstrip())
    return sorted({p for p in forced if p > first})


def _list_chains(text: str, markers: list[tuple[int, str, str]]) -> list[int]:
    """Starts of items 2, 3, ... of lists that begin with "1" or "a" at a sentence start.

    One pass: each style of marker ("1.", "1)", "a." ...) keeps the label it expects next.
    """
    starts: list[int] = []
    expected: dict[tuple[str, str], int] = {}
    for position, style, label in markers:
        family = "digit" if label.isdigit() else "lower" if label.islower() else "upper"
        key = (style, family)
        value = int(label) if family == "digit" else ord(label.lower()) - ord("a") + 1
        if expected.get(key) == value:
            starts.append(_token_start(text, position, 0))
            expected[key] = value + 1
        elif value == 1 and not (family == "upper" and style == "."):  # "A. Smith": an initial
            before = text[max(0, position - 80) : position]
            before = before.rstrip().rstrip(_BULLETS).rstrip().rstrip(_CLOSERS)
            if not before or before[-1] in ".!?:\u2026":
                expected[key] = 2
    return starts


# --------------------------------------------------------------------------------------------------
# Spans


def _spans_from_cuts(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """Cut `text` at the offsets in `cuts` and strip whitespace from each piece."""
    spans: list[tuple[int, int]] = []
    previous = 0
    for cut in [*sorted(cuts), len(text)]:
        if cut <= previous:
            continue
        piece = text[previous:cut]
        stripped = piece.strip()
        if stripped:
            start = previous + len(piece) - len(piece.lstrip())
            spans.append((start, start + len(stripped)))
        previous = cut
    return spans
