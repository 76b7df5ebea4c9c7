"""The Snowball English stemmer ("Porter 2"), written from the published algorithm.

The algorithm is Martin Porter's, as described at https://snowballstem.org/algorithms/english/
stemmer.html (the version NLTK's ``SnowballStemmer("english")`` implements, with its exceptional
forms, and the way it tracks the regions R1 and R2 as suffixes are replaced). storydiff has its
own implementation so that a report's kernel does not import NLTK, whose package start-up
imports SciPy's statistics and scikit-learn (about 1.8 s on a 2-core machine); the tests check
that both give the same stem for every word of a large vocabulary.

Examples
--------
>>> [english_stem(w) for w in ("killed", "killing", "generously", "residential", "skies")]
['kill', 'kill', 'generous', 'residenti', 'sky']
"""

from __future__ import annotations

VOWELS = frozenset("aeiouy")
DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
LI_ENDINGS = frozenset("cdeghkmnrt")

EXCEPTIONS = {
    "skis": "ski",
    "skies": "sky",
    "dying": "die",
    "lying": "lie",
    "tying": "tie",
    "idly": "idl",
    "gently": "gentl",
    "ugly": "ugli",
    "early": "earli",
    "only": "onli",
    "singly": "singl",
    "sky": "sky",
    "news": "news",
    "howe": "howe",
    "atlas": "atlas",
    "cosmos": "cosmos",
    "bias": "bias",
    "andes": "andes",
    **{
        f"{word}{end}": word
        for word in ("inning", "outing", "canning", "herring", "earring")
        for end in ("", "s")
    },
    **{
        f"{word}{end}": word
        for word in ("proceed", "exceed", "succeed")
        for end in ("", "s", "ed", "ing")
    },
}
"""Words stemmed by table rather than by rule: the algorithm's two lists of exceptional forms,
the second (words left alone after step 1a) written out with their inflections."""

# Suffix; how many of its last letters are replaced, and by what; what a region shorter than
# those letters becomes ("" or "e").
_STEP_2 = (
    ("ization", 7, "ize", ""),
    ("ational", 7, "ate", "e"),
    ("fulness", 4, "", ""),
    ("ousness", 7, "ous", ""),
    ("iveness", 7, "ive", "e"),
    ("tional", 2, "", ""),
    ("biliti", 6, "ble", ""),
    ("lessli", 2, "", ""),
    ("entli", 2, "", ""),
    ("ation", 5, "ate", "e"),
    ("alism", 5, "al", ""),
    ("aliti", 5, "al", ""),
    ("ousli", 5, "ous", ""),
    ("iviti", 5, "ive", "e"),
    ("fulli", 2, "", ""),
    ("enci", 1, "e", ""),
    ("anci", 1, "e", ""),
    ("abli", 1, "e", ""),
    ("izer", 4, "ize", ""),
    ("ator", 4, "ate", "e"),
    ("alli", 4, "al", ""),
    ("bli", 3, "ble", ""),
    ("ogi", 1, "", ""),
    ("li", 2, "", ""),
)
_STEP_3 = (
    ("ational", 7, "ate"),
    ("tional", 2, ""),
    ("alize", 3, ""),
    ("icate", 5, "ic"),
    ("iciti", 5, "ic"),
    ("ative", 5, ""),
    ("ical", 4, "ic"),
    ("ness", 4, ""),
    ("ful", 3, ""),
)
_STEP_4 = (
    "ement",
    "ance",
    "ence",
    "able",
    "ible",
    "ment",
    "ant",
    "ent",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
    "ion",
    "al",
    "er",
    "ic",
)


class _Word:
    """A word being stemmed, with the lengths of its regions R1 and R2 (each a suffix of it).

    A region is kept as the part of the word's end it covers. When a suffix longer than a
    region is replaced, the region becomes empty (or, after the replacements ending in -ate
    and -ive of step 2, the final "e"): the bookkeeping of NLTK's implementation, which this
    module reproduces so that it gives the same stems.
    """

    __slots__ = ("r1", "r2", "text")

    def __init__(self, text: str, r1: int, r2: int) -> None:
        self.text, self.r1, self.r2 = text, r1, r2

    def cut(self, n: int) -> None:
        """Drop the last *n* letters (from the regions too)."""
        self.text = self.text[:-n]
        self.r1, self.r2 = max(self.r1 - n, 0), max(self.r2 - n, 0)

    def replace(self, n: int, replacement: str, short: str = "") -> None:
        """Replace the last *n* letters; a region shorter than them becomes *short*."""
        m = len(replacement)
        self.text = self.text[:-n] + replacement
        self.r1 = self.r1 - n + m if self.r1 >= n else 0
        self.r2 = self.r2 - n + m if self.r2 >= n else len(short)

    def add_e(self, r1: bool, r2: bool) -> None:
        self.text += "e"
        self.r1 += r1
        self.r2 += r2

    def in_r1(self, suffix: str) -> bool:
        return self.r1 >= len(suffix)

    def in_r2(self, suffix: str) -> bool:
        return self.r2 >= len(suffix)


def _region_length(word: str, start: int) -> int:
    """Letters after the first non-vowel that follows a vowel, looking from *start*."""
    for i in range(start + 1, len(word)):
        if word[i] not in VOWELS and word[i - 1] in VOWELS:
            return len(word) - i - 1
    return 0


def _mark_consonant_y(word: str) -> str:
    """An initial y, and a y after a vowel, written Y (a consonant for the rules)."""
    letters = list(word)
    for i, letter in enumerate(letters):
        if letter == "y" and (i == 0 or letters[i - 1] in VOWELS):
            letters[i] = "Y"
    return "".join(letters)


def _has_vowel(text: str) -> bool:
    return any(letter in VOWELS for letter in text)


def _step_1a(w: _Word) -> None:
    text = w.text
    if text.endswith("sses"):
        w.cut(2)
    elif text.endswith(("ied", "ies")):
        w.cut(2 if len(text) > 4 else 1)
    elif text.endswith(("us", "ss")):
        pass
    elif text.endswith("s") and _has_vowel(text[:-2]):
        w.cut(1)


def _step_1b(w: _Word) -> None:
    for suffix in ("eedly", "ingly", "edly", "eed", "ing", "ed"):
        if not w.text.endswith(suffix):
            continue
        if suffix in ("eedly", "eed"):
            if w.in_r1(suffix):
                w.replace(len(suffix), "ee")
        elif _has_vowel(w.text[: -len(suffix)]):
            w.cut(len(suffix))
            text = w.text
            if text.endswith(("at", "bl", "iz")):
                w.add_e(r1=True, r2=len(text) >= 5 or w.r1 >= 2)
            elif text.endswith(DOUBLES):
                w.cut(1)
            elif w.r1 == 0 and (
                (
                    len(text) >= 3
                    and text[-1] not in VOWELS
                    and text[-1] not in "wxY"
                    and text[-2] in VOWELS
                    and text[-3] not in VOWELS
                )
                or (len(text) == 2 and text[0] in VOWELS and text[1] not in VOWELS)
            ):
                w.add_e(r1=False, r2=False)
        return


def _step_1c(w: _Word) -> None:
    text = w.text
    if len(text) > 2 and text[-1] in "yY" and text[-2] not in VOWELS:
        w.replace(1, "i")


def _by_suffix(entries) -> tuple[dict, tuple[int, ...]]:
    """A step's entries by suffix, and the suffixes' lengths, longest first."""
    table = {(entry if isinstance(entry, str) else entry[0]): entry for entry in entries}
    return table, tuple(sorted({len(suffix) for suffix in table}, reverse=True))


_SUFFIXES_2, _SUFFIXES_3, _SUFFIXES_4 = map(_by_suffix, (_STEP_2, _STEP_3, _STEP_4))


def _longest(text: str, suffixes: tuple[dict, tuple[int, ...]]):
    """The entry of the longest of a step's suffixes that `text` ends with, or None (the
    algorithm's "search for the longest among the following suffixes")."""
    table, lengths = suffixes
    for n in lengths:
        if n <= len(text):
            entry = table.get(text[-n:])
            if entry is not None:
                return entry
    return None


def _step_2(w: _Word) -> None:
    entry = _longest(w.text, _SUFFIXES_2)
    if entry is None:
        return
    suffix, n, replacement, short = entry
    if w.in_r1(suffix):
        if suffix == "ogi" and w.text[-4:-3] != "l":
            return
        if suffix == "li" and w.text[-3:-2] not in LI_ENDINGS:
            return
        w.replace(n, replacement, short)


def _step_3(w: _Word) -> None:
    entry = _longest(w.text, _SUFFIXES_3)
    if entry is None:
        return
    suffix, n, replacement = entry
    if w.in_r1(suffix) and (suffix != "ative" or w.in_r2(suffix)):
        w.replace(n, replacement)


def _step_4(w: _Word) -> None:
    suffix = _longest(w.text, _SUFFIXES_4)
    if suffix is None:
        return
    if w.in_r2(suffix) and (suffix != "ion" or w.text[-4:-3] in ("s", "t")):
        w.cut(len(suffix))


def _step_5(w: _Word) -> None:
    text = w.text
    if w.r2 and text.endswith("l") and text[-2:-1] == "l":
        w.cut(1)
    elif w.r2 and text.endswith("e"):
        w.cut(1)
    elif w.r1 and text.endswith("e") and len(text) >= 4:
        short_syllable = (
            text[-2] not in VOWELS
            and text[-2] not in "wxY"
            and text[-3] in VOWELS
            and text[-4] not in VOWELS
        )
        if not short_syllable:
            w.cut(1)


def english_stem(word: str) -> str:
    """The Snowball English stem of a word (lower-cased first).

    Examples
    --------
    >>> english_stem("Officials"), english_stem("hopping"), english_stem("cries")
    ('offici', 'hop', 'cri')
    >>> english_stem("is"), english_stem("")
    ('is', '')
    """
    word = word.lower()
    if len(word) <= 2:
        return word
    if word in EXCEPTIONS:
        return EXCEPTIONS[word]
    word = word.replace("\u2019", "'").replace("\u2018", "'").replace("\u201b", "'")
    word = _mark_consonant_y(word.removeprefix("'"))
    if word.startswith(("gener", "arsen", "commun")):
        start = 6 if word.startswith("commun") else 5
        r1 = len(word) - start
        r2 = _region_length(word, start)
    else:
        r1 = _region_length(word, 0)
        r2 = _region_length(word, len(word) - r1)
    w = _Word(word, r1, r2)
    for suffix in ("'s'", "'s", "'"):
        if word.endswith(suffix):
            w.cut(len(suffix))
            break
    for step in (_step_1a, _step_1b, _step_1c, _step_2, _step_3, _step_4, _step_5):
        step(w)
    return w.text.replace("Y", "y")


__all__ = ["english_stem"]
