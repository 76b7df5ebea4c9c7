"""Character n-grams of words, numbered once per process, so that a story's n-gram counts are
made by numpy rather than string by string.

Fitting the character vectorizer of :mod:`storydiff.features` on a story needs every distinct
n-gram of its words, in alphabetical order (the column order of scikit-learn's
``CountVectorizer``), and each word's n-grams as column numbers. Done with Python strings, that
is a set of some 20,000 n-grams a pair, a sort, a dictionary and a lookup per n-gram, and it was
most of the vectorizer's fit. Here a :class:`GramTable` gives every n-gram it sees a number (in
the order first seen) and remembers each word's n-gram numbers as an array, with sort keys that
order the numbers as their strings are ordered. A story's counts are then a concatenation, a
``numpy.unique`` and a ``numpy.lexsort``; its vocabulary (n-gram to column) is only made as a
dictionary when someone asks for it (:class:`GramVocabulary`).

The same n-grams and the same counts as before, column for column (``tests/test_grams.py``).

Memory stays bounded: a table is replaced by an empty one when it holds :data:`MAX_GRAMS`
n-grams, and :func:`storydiff.caches.clear_caches` empties it (the corpus mode does so per
chunk). A fitted vocabulary keeps the table it was numbered in, so replacing a table changes
no vocabulary made before.

Examples
--------
>>> table = GramTable(3, 4)
>>> table.word_numbers("kyiv").tolist(), table.word_numbers("yiv").tolist()
([0, 1, 2, 3, 4, 5, 6], [7, 2, 3, 8, 6])
>>> table.grams[:7]
[' ky', 'kyi', 'yiv', 'iv ', ' kyi', 'kyiv', 'yiv ']
"""

from __future__ import annotations

import threading
from functools import lru_cache
from itertools import accumulate, chain
from types import SimpleNamespace

import numpy as np

MAX_GRAMS = 500_000
"""N-grams a table numbers before it is replaced by an empty one (about 100 MB)."""

_CHARS_PER_KEY = 3
"""Characters packed into one int64 sort key: 21 bits each, code point + 1 (0 pads)."""


def cut_word_grams(low: int, high: int, word: str) -> tuple[str, ...]:
    """The n-grams of lengths `low` to `high` of one word padded with a space on each side:
    scikit-learn's ``char_wb`` analyzer on one word (the padded word itself is the last
    n-gram when it is no longer than the length: a short word counts once, whole).

    Examples
    --------
    >>> cut_word_grams(3, 5, "a")
    (' a ',)
    >>> cut_word_grams(3, 5, "ox")
    (' ox', 'ox ', ' ox ')
    >>> cut_word_grams(3, 3, "Kyiv")
    (' Ky', 'Kyi', 'yiv', 'iv ')
    """
    padded = f" {word} "
    size = len(padded)
    if size <= low:
        return (padded,)
    grams = [
        padded[i : i + n] for n in range(low, min(high, size - 1) + 1) for i in range(size - n + 1)
    ]
    if size <= high:  # no longer than the longest length: the whole padded word counts once
        grams.append(padded)
    return tuple(grams)


def sort_keys(grams: list[str], width: int) -> np.ndarray:
    """`width` int64 keys a gram that order n-grams as Python orders their strings (by code
    point, a prefix first): three characters to a key, each as its code point plus one (21
    bits), padded with zeros.

    Examples
    --------
    >>> keys = sort_keys(["b", "ab ", "ab"], 1)
    >>> np.argsort(keys[:, 0]).tolist()  # 'ab' < 'ab ' < 'b'
    [2, 1, 0]
    >>> sort_keys(["kyiv "], 2).tolist()
    [[474989279051882, 523367604027392]]
    """
    size = width * _CHARS_PER_KEY
    lengths = np.fromiter(map(len, grams), dtype=np.int64, count=len(grams))
    if len(grams) and lengths.max() > size:
        raise ValueError(f"an n-gram is longer than {size} characters")
    codes = np.array(grams, dtype=f"<U{size}").view(np.uint32).reshape(len(grams), size)
    codes = codes.astype(np.int64) + (np.arange(size) < lengths[:, None])  # 0 only pads
    return (codes[:, 0::3] << 42) | (codes[:, 1::3] << 21) | codes[:, 2::3]


class GramTable:
    """Numbers for the n-grams (lengths `low` to `high`) of the words seen so far.

    Attributes
    ----------
    grams : list of str
        Every n-gram numbered, the number being its position.
    keys : ndarray of int64, shape (capacity, width)
        Sort keys of the n-grams by number (:func:`sort_keys`); rows past ``len(grams)`` are
        unused.
    """

    def __init__(self, low: int, high: int):
        self.low, self.high = low, high
        self.width = -(-high // _CHARS_PER_KEY)
        self.grams: list[str] = []
        self.keys = np.zeros((1024, self.width), dtype=np.int64)
        self._numbers: dict[str, int] = {}
        self._words: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()  # threads of one process (a Dask worker) share a table

    def __len__(self) -> int:
        return len(self.grams)

    @property
    def n_words(self) -> int:
        """Words whose n-gram numbers are remembered."""
        return len(self._words)

    def word_numbers(self, word: str) -> np.ndarray:
        """The numbers of a word's n-grams, in the order :func:`cut_word_grams` gives them."""
        return self.numbers_of([word])[0]

    def numbers_of(self, words: list[str]) -> list[np.ndarray]:
        """:meth:`word_numbers` of each of `words` (new words are numbered together)."""
        known = self._words
        missing = [word for word in words if word not in known]
        if missing:
            with self._lock:
                self._add([word for word in dict.fromkeys(missing) if word not in known])
        return [known[word] for word in words]

    def _add(self, words: list[str]) -> None:
        numbers, start = self._numbers, len(self.grams)
        cut = [cut_word_grams(self.low, self.high, word) for word in words]
        distinct = dict.fromkeys(chain.from_iterable(cut))  # in the order first seen
        new = [gram for gram in distinct if gram not in numbers]
        if new:
            end = start + len(new)
            keys = self.keys
            if end > len(keys):  # a new array, so that a reader's copy stays whole
                keys = np.zeros((max(2 * len(keys), end), self.width), dtype=np.int64)
                keys[:start] = self.keys[:start]
            keys[start:end] = sort_keys(new, self.width)
            self.keys = keys
            self.grams.extend(new)
            numbers.update(zip(new, range(start, end), strict=True))
        lengths = [len(grams) for grams in cut]
        flat = np.fromiter(
            map(numbers.__getitem__, chain.from_iterable(cut)), dtype=np.int64, count=sum(lengths)
        )
        ends = list(accumulate(lengths))
        self._words.update(
            (word, flat[end - length : end])
            for word, length, end in zip(words, lengths, ends, strict=True)
        )


class GramVocabulary:
    """The n-grams of a fitted story, in column order (alphabetical), as numbers of the table
    they were numbered in; :meth:`to_dict` makes the usual n-gram to column dictionary.

    Examples
    --------
    >>> table = GramTable(3, 3)
    >>> numbers = np.concatenate([table.word_numbers(w) for w in ("peace", "plan")])
    >>> vocabulary, columns = GramVocabulary.of(table, numbers)
    >>> vocabulary.to_dict()
    {' pe': 0, ' pl': 1, 'ace': 2, 'an ': 3, 'ce ': 4, 'eac': 5, 'lan': 6, 'pea': 7, 'pla': 8}
    >>> columns.tolist()  # of ' pe', 'pea', 'eac', 'ace', 'ce ', ' pl', 'pla', 'lan', 'an '
    [0, 7, 5, 2, 4, 1, 8, 6, 3]
    """

    def __init__(self, table: GramTable, numbers: np.ndarray):
        self.table, self.numbers = table, numbers

    @classmethod
    def of(cls, table: GramTable, numbers: np.ndarray) -> tuple[GramVocabulary, np.ndarray]:
        """The vocabulary of the n-gram `numbers` (repeats allowed), and each one's column."""
        distinct, inverse = np.unique(numbers, return_inverse=True)
        keys = table.keys[distinct]
        order = np.lexsort(keys.T[::-1])  # the first key decides first
        column = np.empty_like(order)
        column[order] = np.arange(len(order))
        return cls(table, distinct[order]), column[inverse.reshape(-1)]

    def __len__(self) -> int:
        return len(self.numbers)

    def to_dict(self) -> dict[str, int]:
        """N-gram to column."""
        grams = self.table.grams
        return {grams[number]: column for column, number in enumerate(self.numbers.tolist())}


class _Tables:
    """The current table of each length range, with the two methods of an ``lru_cache`` that
    :mod:`storydiff.caches` uses (``cache_clear``, ``cache_info().currsize``: words known)."""

    def __init__(self):
        self._tables: dict[tuple[int, int], GramTable] = {}

    def get(self, low: int, high: int) -> GramTable:
        table = self._tables.get((low, high))
        if table is None or len(table) >= MAX_GRAMS:
            table = self._tables[low, high] = GramTable(low, high)
        return table

    def cache_clear(self) -> None:
        self._tables = {}

    def cache_info(self) -> SimpleNamespace:
        return SimpleNamespace(currsize=sum(table.n_words for table in self._tables.values()))


tables = _Tables()
"""Every length range's current :class:`GramTable`: ``tables.get(3, 5)``."""


@lru_cache(maxsize=200_000)
def word_grams(low: int, high: int, word: str) -> tuple[str, ...]:
    """:func:`cut_word_grams`, remembered (for texts counted in a fitted vocabulary)."""
    return cut_word_grams(low, high, word)


__all__ = ["GramTable", "GramVocabulary", "cut_word_grams", "sort_keys", "tables", "word_grams"]
