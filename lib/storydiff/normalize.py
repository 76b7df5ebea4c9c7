"""Normalisation of text for comparison, never for display.

Two versions of a story often differ only in typography: curly or straight quotes, an en dash or a
hyphen, a non-breaking space, NFC or decomposed accents. Comparisons run on :func:`normalize_text`,
while the original text is kept for display and for character offsets.

Examples
--------
>>> normalize_text("It was \\u201cnecessary\\u201d \\u2014 and \\u2018useful\\u2019\\u2026")
'It was "necessary" - and \\'useful\\'...'
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLATION = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys(
            "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
            "\u200a\u202f\u205f\u3000",
            " ",
        ),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
        "\u2026": "...",
    }
)
_WHITESPACE = re.compile(r"\s+")

_MARK_BLOCKS = ((0x0300, 0x1DFF), (0x20D0, 0x20FF), (0x302A, 0x309A), (0xFE20, 0xFE2F))
"""The blocks searched for combining marks: the scripts of India, South-East Asia, Arabic and
Hebrew, the combining accents, the Japanese sound marks."""


def _combining_ranges() -> str:
    ranges, start, previous = [], None, None
    for code in (c for low, high in _MARK_BLOCKS for c in range(low, high + 1)):
        if unicodedata.category(chr(code)).startswith("M"):
            if start is None or code != previous + 1:
                if start is not None:
                    ranges.append((start, previous))
                start = code
            previous = code
    ranges.append((start, previous))
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


COMBINING_MARKS = _combining_ranges()
"""A regular-expression character class body of the combining marks (Unicode categories Mn, Mc,
Me) of :data:`_MARK_BLOCKS`. Python's ``\\w`` leaves them out, so a word of Hindi ("लोग") or a
decomposed accent would be cut apart at each vowel sign; the tokenizers allow them inside words.

Examples
--------
>>> import re
>>> re.findall(rf"\\w[\\w{COMBINING_MARKS}]*", "१२ लोग मारे गए")
['१२', 'लोग', 'मारे', 'गए']
"""


def normalize_text(text: str) -> str:
    """Return the comparison form of a text.

    Steps: Unicode NFC; curly and other quote marks to ``'`` and ``"``; all dashes and the minus
    sign to ``-``; the ellipsis character to ``...``; every kind of space to one ASCII space;
    invisible characters (zero-width spaces, soft hyphens, byte-order marks) removed; leading and
    trailing whitespace stripped. Letter case is kept: lower-casing is a choice of each measure.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str

    Examples
    --------
    >>> normalize_text("  Moscow\\u2013installed\\u00a0leader  ")
    'Moscow-installed leader'
    >>> normalize_text("cafe\\u0301") == "caf\\u00e9"
    True
    """
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATION)
    return _WHITESPACE.sub(" ", text).strip()


_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def mostly_latin(text: str) -> bool:
    """Whether at least half of a text's letters are Latin ones (the English lexicons and
    formulas read nothing else); False for a text without letters.

    Examples
    --------
    >>> mostly_latin("Two men died."), mostly_latin("Погибли двое мужчин."), mostly_latin("42")
    (True, False, False)
    """
    # Most texts are settled without scanning their letters one by one: when their ASCII
    # letters are at least as many as their other characters, half their letters are Latin.
    ascii_only = text.encode("ascii", "ignore")
    ascii_letters = len(ascii_only) - len(ascii_only.translate(None, _ASCII_LETTERS))
    if ascii_letters and ascii_letters >= len(text) - len(ascii_only):
        return True
    letters = len(text) - len(_LETTER.sub("", text))
    latin = len(text) - len(_LATIN.sub("", text))
    return letters > 0 and 2 * latin >= letters
