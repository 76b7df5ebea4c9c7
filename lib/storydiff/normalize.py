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
