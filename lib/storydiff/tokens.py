"""Words, numbers and punctuation with their offsets, comparison forms and stems.

The tokenizer is a single regular expression written for news text: it keeps together
abbreviations with inner periods ("U.S."), hyphenated compounds ("Moscow-installed",
"3-year-old"), contractions with straight or curly apostrophes ("can't", "can’t"), and numbers
with separators, decimals, currency and percent signs ("40,000", "$100.00", "3.5%"). Stems are
the Snowball English stems of :mod:`storydiff.snowball` (the same as NLTK's
``SnowballStemmer("english")``, without importing NLTK).

Examples
--------
>>> text = "The U.S. sent $1.5 billion to Kyiv’s Moscow-installed rivals."
>>> print(" | ".join(token.text for token in tokenize(text)))
The | U.S. | sent | $1.5 | billion | to | Kyiv’s | Moscow-installed | rivals | .
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .normalize import COMBINING_MARKS, normalize_text
from .snowball import english_stem

_WORD_PART = rf"\w[\w{COMBINING_MARKS}]*"  # a word's letters and its vowel signs and accents
_TOKEN = re.compile(
    r"""
    [^\W\d_](?:\.[^\W\d_])+(?:\.|\b)                # abbreviations: U.S., a.m., e.g (no last stop)
    | [$€£¥]?\d+(?:[.,:/]\d+)*(?:%|(?:-\w+)+)?     # numbers: 40,000 $100.00 01:00 3.5% 3-year-old
    | WORD(?:['\u2019\-\u2010\u2011]WORD)*            # words, compounds, contractions
    | \S                                            # any other single character
    """.replace("WORD", _WORD_PART),
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a text.

    Attributes
    ----------
    text : str
        As written.
    start, end : int
        Offsets into the text that was tokenized.
    kind : {"word", "number", "punct"}
        ``number`` for tokens made of digits (with currency, separators, percent); a number with a
        word suffix ("3-year-old") is a ``word``.
    """

    text: str
    start: int
    end: int
    kind: str

    @property
    def norm(self) -> str:
        """Lower-cased comparison form (quotes and dashes normalised)."""
        return _norm(self.text)


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    """:attr:`Token.norm` of a token's text, remembered per text (a version's tokens are mostly
    words it repeats)."""
    return normalize_text(text).lower()


@lru_cache(maxsize=65536)
def _kind(text: str) -> str:
    if any(ch.isalpha() for ch in text):
        return "word"
    if any(ch.isdigit() for ch in text):
        return "number"
    return "punct"


def tokenize(text: str, *, offset: int = 0) -> list[Token]:
    """Split a text into tokens with offsets.

    Parameters
    ----------
    text : str
        Any text.
    offset : int, default 0
        Added to every offset (to place a sentence's tokens in its document).

    Returns
    -------
    list of Token

    Examples
    --------
    >>> [(t.text, t.kind) for t in tokenize("6 hurt, 3-year-old")]
    [('6', 'number'), ('hurt', 'word'), (',', 'punct'), ('3-year-old', 'word')]
    """
    return [
        Token(match.group(), match.start() + offset, match.end() + offset, _kind(match.group()))
        for match in _TOKEN.finditer(text)
    ]


def sentence_tokens(text: str, sentences: pd.DataFrame) -> dict[int, tuple[Token, ...]]:
    """The tokens of every sentence of a document, with offsets into the document, by sentence.

    A version keeps this as :attr:`storydiff.story.Version.sentence_tokens`, so that its
    analyses (entities and their sources, numbers, framing, the token table) cut each sentence
    once between them.

    Parameters
    ----------
    text : str
        The text the sentence offsets refer to.
    sentences : DataFrame
        A table with ``start`` and ``end`` columns, indexed by sentence.

    Returns
    -------
    dict
        Sentence id to the tuple of its tokens (:func:`tokenize` of the sentence's text).

    Examples
    --------
    >>> from storydiff.structure import segment
    >>> text = "Two men died. Six were hurt."
    >>> found = sentence_tokens(text, segment(text).sentences)
    >>> [(i, [t.text for t in tokens]) for i, tokens in found.items()]
    [(0, ['Two', 'men', 'died', '.']), (1, ['Six', 'were', 'hurt', '.'])]
    >>> found[1][0]
    Token(text='Six', start=14, end=17, kind='word')
    """
    return {
        sentence: tuple(tokenize(text[start:end], offset=int(start)))
        for sentence, start, end in zip(
            sentences.index, sentences["start"], sentences["end"], strict=True
        )
    }


_HAS_ALNUM = re.compile(r"[^\W_]")


def word_keys(text: str) -> list[str]:
    """Lower-cased comparison forms of the word and number tokens of a text (no punctuation).

    The same as ``[t.norm for t in tokenize(text) if t.kind != "punct"]``, computed faster by
    normalising the whole text once.

    Examples
    --------
    >>> word_keys("Kyiv’s “peace plan”, 5 points.")
    ["kyiv's", 'peace', 'plan', '5', 'points']
    """
    return list(sentence_keys(text))


@lru_cache(maxsize=65536)
def sentence_keys(text: str) -> tuple[str, ...]:
    """:func:`word_keys` as a tuple, remembered for the texts seen last (sentences recur: every
    measure of a comparison reads the same sentences).

    Examples
    --------
    >>> sentence_keys("Two men died.")
    ('two', 'men', 'died')
    """
    found = _TOKEN.findall(normalize_text(text).lower())
    return tuple(token for token in found if _HAS_ALNUM.search(token))


_SIGNED = re.compile(r"(?<![\w.,%)\]])-(?=[$€£¥]?\d)")
"""A minus sign on a number (after normalising, every dash is ``-``): not after a word, a
number or a closing bracket, as in "2-3" or "(a)-5"."""


@lru_cache(maxsize=65536)
def signed_keys(text: str) -> tuple[str, ...]:
    """:func:`sentence_keys` with each number's minus sign kept on it, so that "-5" and "5"
    differ (the keys drop punctuation, and a minus sign is a punctuation token).

    Examples
    --------
    >>> signed_keys("It fell to -5 degrees, or −0.5%.")
    ('it', 'fell', 'to', '-5', 'degrees', 'or', '-0.5%')
    >>> signed_keys("Scores of 2-3 and 170-118.") == sentence_keys("Scores of 2-3 and 170-118.")
    True
    """
    lowered = normalize_text(text).lower()
    signs = {match.end() for match in _SIGNED.finditer(lowered)}
    if not signs:
        return sentence_keys(text)
    keys = []
    for match in _TOKEN.finditer(lowered):
        token = match.group()
        if match.start() in signs:
            token = "-" + token
        if _HAS_ALNUM.search(token):
            keys.append(token)
    return tuple(keys)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a lower-case word.

    Examples
    --------
    >>> stem("killed"), stem("killing"), stem("residential")
    ('kill', 'kill', 'residenti')
    """
    return english_stem(word)


def token_frame(
    text: str, sentences: pd.DataFrame, *, tokens: dict[int, tuple[Token, ...]] | None = None
) -> pd.DataFrame:
    """One row per token of every sentence in a sentence table.

    Parameters
    ----------
    text : str
        The text the sentence offsets refer to.
    sentences : DataFrame
        A table with ``start`` and ``end`` columns, indexed by sentence (as
        :attr:`storydiff.structure.Segmentation.sentences`).
    tokens : dict, optional
        The sentences' tokens when they are cut already (:func:`sentence_tokens`).

    Returns
    -------
    DataFrame
        Columns ``sentence``, ``token`` (as written), ``start``, ``end``, ``kind``, ``norm``
        (lower-cased comparison form) and ``stem`` (equal to ``norm`` for numbers and punctuation).

    Examples
    --------
    >>> from storydiff.structure import segment
    >>> text = "Two men were killed. Officials said so."
    >>> token_frame(text, segment(text).sentences)[["sentence", "token", "stem"]].head(4)
       sentence   token stem
    0         0     Two  two
    1         0     men  men
    2         0    were  were
    3         0  killed  kill
    """
    if tokens is None:
        tokens = sentence_tokens(text, sentences)
    rows = []
    for sentence in sentences.index:
        for token in tokens[sentence]:
            norm = token.norm
            rows.append(
                (
                    sentence,
                    token.text,
                    token.start,
                    token.end,
                    token.kind,
                    norm,
                    stem(norm) if token.kind == "word" else norm,
                )
            )
    columns = ["sentence", "token", "start", "end", "kind", "norm", "stem"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype(
        {
            "sentence": "int64",
            "start": "int64",
            "end": "int64",
            "token": object,
            "kind": object,
            "norm": object,
            "stem": object,
        }
    )
