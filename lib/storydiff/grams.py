"""Character n-grams of words, and a story's n-gram counts made by numpy in a few array passes.

Fitting the character vectorizer of :mod:`storydiff.features` on a story needs every distinct
n-gram of its words in alphabetical order (the column order of scikit-learn's
``CountVectorizer``) and, for each sentence, how often each one occurs. Done with Python strings,
that is some 20,000 n-gram strings cut, hashed, sorted and looked up for every pair of versions,
and it was most of the vectorizer's fit. :func:`count_grams` does it on arrays instead:

1. the sentences' words are written one after the other, each padded with a space on each side,
   as one array of code points; each code point is replaced by its rank among the story's
   characters (1, 2, ...: the story's alphabet, in code-point order);
2. an n-gram is then a number in base ``len(alphabet) + 1``, its characters' ranks as digits,
   padded with zeros to the longest length: numbers order as Python orders the strings (by code
   point, a prefix first), and every n-gram of every length starting at every position is a
   running sum over the array;
3. each n-gram's number is joined with its sentence's number, the whole is sorted once, and runs
   of equal values are the counts: the vocabulary is the distinct n-gram numbers in order, and
   the count matrix comes out with its columns already sorted in every row. A long text (more
   than :data:`PART_CHARACTERS`) goes through these steps in parts of whole sentences, whose
   n-grams are then numbered among all the parts', so that memory stays some 50 bytes a
   character of one part rather than of the whole text.

:func:`count_grams` remembers nothing between calls: the work is the same for a story's first
pair and its hundredth, and needs no table, lock or bound. The n-gram to column dictionary
(:meth:`GramVocabulary.to_dict`) is only made when someone asks for it; comparing never does.
A story whose alphabet is too large for the numbers to fit in 64 bits (thousands of distinct
characters, as Chinese or Japanese text may have) gets ``None``, and the caller counts strings.

The same n-grams, columns and counts as scikit-learn's ``analyzer="char_wb"``
(``tests/test_grams.py``).

Examples
--------
>>> counts, vocabulary = count_grams([["kyiv"], ["kyiv", "kyiv"]], 3, 3)
>>> vocabulary.to_dict()
{' ky': 0, 'iv ': 1, 'kyi': 2, 'yiv': 3}
>>> counts.toarray().tolist()
[[1, 1, 1, 1], [2, 2, 2, 2]]
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

import numpy as np

_DENSE_CODE_POINTS = 1 << 17
"""Below this code point, a story's alphabet is found with a presence array, not a sort."""

PART_CHARACTERS = 1 << 20
"""Characters of words (padded) counted in one pass by :func:`count_grams`; a longer text is
counted in parts of whole documents of about this size, and the parts' counts joined."""


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


@lru_cache(maxsize=200_000)
def word_grams(low: int, high: int, word: str) -> tuple[str, ...]:
    """:func:`cut_word_grams`, remembered (for texts counted in a fitted vocabulary)."""
    return cut_word_grams(low, high, word)


class GramVocabulary:
    """The distinct n-grams of a story, in column order (alphabetical), as numbers: each one's
    characters are digits in base ``len(alphabet) + 1`` (a character's rank in `alphabet`, plus
    one; zeros pad a short n-gram), most significant first.

    Attributes
    ----------
    numbers : ndarray of int64
        The n-grams' numbers, ascending (so in alphabetical order of the n-grams).
    alphabet : ndarray of uint32
        The story's characters (code points), ascending.
    high : int
        The longest n-gram length (digits of a number).

    Examples
    --------
    >>> _, vocabulary = count_grams([["peace", "plan"]], 3, 3)
    >>> len(vocabulary), vocabulary.to_dict()
    (9, {' pe': 0, ' pl': 1, 'ace': 2, 'an ': 3, 'ce ': 4, 'eac': 5, 'lan': 6, 'pea': 7, 'pla': 8})
    """

    def __init__(self, numbers: np.ndarray, alphabet: np.ndarray, high: int):
        self.numbers, self.alphabet, self.high = numbers, alphabet, high

    def __len__(self) -> int:
        return len(self.numbers)

    def grams(self) -> list[str]:
        """The n-grams, in column order."""
        base = len(self.alphabet) + 1
        powers = base ** np.arange(self.high - 1, -1, -1, dtype=np.int64)
        digits = self.numbers[:, None] // powers % base
        lengths = np.count_nonzero(digits, axis=1)
        characters = self.alphabet[np.maximum(digits - 1, 0)] * (digits > 0)
        texts = np.ascontiguousarray(characters, dtype=np.uint32).view(f"<U{self.high}")
        grams = texts.ravel().tolist()
        for row in np.flatnonzero(np.fromiter(map(len, grams), int, len(grams)) != lengths):
            # numpy drops trailing NULs: an n-gram ending in the character U+0000 is rebuilt
            grams[row] = "".join(map(chr, characters[row, : lengths[row]].tolist()))
        return grams

    def to_dict(self) -> dict[str, int]:
        """N-gram to column."""
        grams = self.grams()
        return dict(zip(grams, range(len(grams)), strict=True))


def _ranks(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct code points of `codes`, ascending, and each code's rank among them plus one."""
    top = int(codes.max())
    if top < _DENSE_CODE_POINTS:
        present = np.zeros(top + 1, dtype=np.int64)
        present[codes] = 1
        return np.flatnonzero(present).astype(np.uint32), np.cumsum(present)[codes]
    alphabet, inverse = np.unique(codes, return_inverse=True)
    return alphabet, inverse.reshape(-1) + 1


def count_grams(documents: Sequence[Sequence[str]], low: int, high: int):
    """How often each n-gram (lengths `low` to `high`, scikit-learn's ``char_wb``) of the words
    of each document occurs in it, and the vocabulary: ``(counts, vocabulary)``, or ``None``
    when the documents' alphabet is too large for 64-bit numbers (count strings instead).

    Parameters
    ----------
    documents : sequence of sequences of str
        Each document's words (non-empty strings without spaces), at least one word in all.
    low, high : int
        The shortest and longest n-gram lengths, ``1 <= low <= high``.

    Returns
    -------
    counts : scipy.sparse.csr_matrix of int64, shape (len(documents), len(vocabulary))
        Sorted column indices in every row.
    vocabulary : GramVocabulary

    Examples
    --------
    >>> counts, vocabulary = count_grams([["a"], [], ["ox", "a"]], 3, 5)
    >>> vocabulary.to_dict(), counts.toarray().tolist()
    ({' a ': 0, ' ox': 1, ' ox ': 2, 'ox ': 3}, [[1, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1]])
    """
    from scipy.sparse import csr_matrix  # noqa: PLC0415

    n_documents = len(documents)
    words = list(chain.from_iterable(documents))
    sizes = np.fromiter(map(len, words), dtype=np.int64, count=len(words)) + 2  # padded
    codes = np.frombuffer(
        f" {'  '.join(words)} ".encode("utf-32-le", "surrogatepass"), dtype=np.uint32
    )
    alphabet, ranks = _ranks(codes)
    base = len(alphabet) + 1
    document_bits = max(n_documents - 1, 1).bit_length()
    if base**high << document_bits >= 1 << 63:
        return None
    del codes
    words_per_document = np.fromiter(map(len, documents), dtype=np.int64, count=n_documents)
    text = _Text(ranks, sizes, words_per_document, low, high, base, document_bits)
    parts = [text.count(first, end) for first, end in text.parts()]
    indptr = np.zeros(n_documents + 1, dtype=np.int64)
    np.cumsum(np.concatenate([part[2] for part in parts]), out=indptr[1:])
    if len(parts) == 1:
        numbers, columns, _, counts = parts[0]
    else:  # each part's columns are its own n-grams': renumber them among all the parts'
        numbers = np.unique(np.concatenate([part[0] for part in parts]))
        columns = np.empty(indptr[-1], dtype=np.int64)
        counts = np.empty(indptr[-1], dtype=np.int64)
        at = 0
        for k, (part_numbers, part_columns, _, part_counts) in enumerate(parts):
            end = at + len(part_columns)
            columns[at:end] = np.searchsorted(numbers, part_numbers)[part_columns]
            counts[at:end] = part_counts
            parts[k], at = None, end  # let each part go as soon as it is copied
    matrix = csr_matrix((counts, columns, indptr), shape=(n_documents, len(numbers)))
    matrix.has_sorted_indices = True
    return matrix, GramVocabulary(numbers, alphabet, high)


class _Text:
    """The padded words of every document as ranks, counted part by part: a long text in runs of
    whole documents of about :data:`PART_CHARACTERS` characters, so that the arrays of one pass
    (some 50 bytes a character) stay small whatever the length."""

    def __init__(self, ranks, sizes, words_per_document, low, high, base, document_bits):
        self.ranks, self.sizes, self.words_per_document = ranks, sizes, words_per_document
        self.low, self.high, self.base, self.document_bits = low, high, base, document_bits
        self.word_starts = np.concatenate([[0], np.cumsum(words_per_document)])
        self.character_starts = np.concatenate([[0], np.cumsum(sizes)])

    def parts(self) -> list[tuple[int, int]]:
        """``(first, end)`` document numbers of each part, in order."""
        document_starts = self.character_starts[self.word_starts]
        n_documents = len(self.words_per_document)
        parts, first = [], 0
        while first < n_documents:
            limit = document_starts[first] + PART_CHARACTERS
            end = int(np.searchsorted(document_starts, limit, side="right")) - 1
            parts.append((first, min(max(end, first + 1), n_documents)))
            first = parts[-1][1]
        return parts

    def count(self, first: int, end: int):
        """The n-grams of documents `first` to `end`: ``(numbers, columns, per_document,
        counts)``, the part's distinct n-gram numbers in order, then for each (n-gram, document)
        found, by document and then n-gram, its column among those numbers and its count, and
        how many there are for each document."""
        high, base, document_bits = self.high, self.base, self.document_bits
        word_lo, word_hi = self.word_starts[first], self.word_starts[end]
        sizes = self.sizes[word_lo:word_hi]
        lo, hi = self.character_starts[word_lo], self.character_starts[word_hi]
        total = hi - lo
        digits = np.zeros(total + high, dtype=np.int64)
        digits[:total] = self.ranks[lo:hi]
        ends = np.cumsum(sizes)
        room = np.repeat(ends, sizes) - np.arange(total)  # characters left in the word
        words_per_document = self.words_per_document[first:end]
        document = np.repeat(np.repeat(np.arange(first, end), words_per_document), sizes)
        starts = ends - sizes
        found = []  # each n-gram's number joined with its document's number
        number = np.zeros(total, dtype=np.int64)  # of the n-gram of length n at each position
        for n in range(1, high + 1):
            number += digits[n - 1 : n - 1 + total] * base ** (high - n)
            if n >= self.low:
                at = np.flatnonzero(room >= n)
            else:  # a padded word shorter than `low` counts once, whole
                at = starts[sizes == n]
            found.append(number[at] << document_bits | document[at])
        del digits, room, document, number
        joined = np.sort(np.concatenate(found))
        del found
        run_starts = np.flatnonzero(np.diff(joined, prepend=-1))  # of one n-gram in one document
        counts = np.diff(run_starts, append=len(joined))
        entries = joined[run_starts]
        numbers, documents_of = entries >> document_bits, entries & ((1 << document_bits) - 1)
        new = np.diff(numbers, prepend=-1) != 0
        columns = np.cumsum(new) - 1  # among this part's n-grams
        small = documents_of.astype(np.uint16) if end <= 1 << 16 else documents_of
        order = np.argsort(small, kind="stable")  # by document, each one's n-grams ascending
        per_document = np.bincount(documents_of - first, minlength=end - first)
        return numbers[new], columns[order], per_document, counts[order]


__all__ = ["GramVocabulary", "count_grams", "cut_word_grams", "word_grams"]
