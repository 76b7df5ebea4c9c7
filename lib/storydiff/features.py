"""Sentence vectors for comparing versions: word TF-IDF on stems, and character n-grams.

Both vectorizers are fitted once per story, on the sentences of all its versions, so that a
word's weight reflects how rare it is *in this story*: a name repeated in every paragraph weighs
less than a number that appears once. Sentence pairs are then compared with sparse dot products.

Choices, documented because they change the numbers:

* **Words**: the tokens of :mod:`storydiff.tokens`, lower-cased, quotes and dashes normalised;
  English stop words removed (scikit-learn's ``ENGLISH_STOP_WORDS`` list of 318 words); words
  reduced to their Snowball stems ("killed" and "killing" count as one); numbers kept, with
  thousands separators dropped ("40,000" = "40000"); punctuation dropped. Sublinear term frequency,
  smoothed IDF, L2-normalised rows.
* **Characters**: ``char_wb`` n-grams of length 3 to 5 on the lower-cased comparison form, which
  catches shared names, numbers and word fragments that stemming misses ("Russian" / "Russia").

Examples
--------
>>> vectorizer = SentenceVectorizer().fit(["Two men died.", "Two men were killed.", "Rain fell."])
>>> round(float(vectorizer.similarity(["Two men died."], ["Two men were killed."])[0, 0]), 2)
0.36
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, partial
from itertools import chain
from typing import NamedTuple

import numpy as np

from . import grams
from .errors import ParameterError
from .normalize import normalize_text
from .sentences import word_list
from .tokens import sentence_keys, stem


def stop_words() -> frozenset[str]:
    """scikit-learn's English stop-word list (318 words), as shipped in
    ``resources/stop_words_en.txt`` so that comparing does not import scikit-learn.

    Examples
    --------
    >>> len(stop_words()), "the" in stop_words(), "peace" in stop_words()
    (318, True, False)
    """
    return word_list("stop_words_en.txt")


def content_terms(text: str) -> list[str]:
    """The terms a sentence is compared on: stems of content words, and numbers.

    Examples
    --------
    >>> content_terms("The plant serves over 40,000 residents.")
    ['plant', 'serv', '40000', 'resid']
    """
    return list(_content_terms(text))


@lru_cache(maxsize=50_000)
def _content_terms(text: str) -> tuple[str, ...]:
    return tuple(filter(None, map(_term, sentence_keys(text))))  # None: a stop word


@lru_cache(maxsize=200_000)
def _term(key: str) -> str | None:
    """The term of one word key: a number without thousands separators, the stem of a content
    word, or None for a stop word."""
    if not any(ch.isalpha() for ch in key):
        return key.replace(",", "")
    stops = stop_words()
    if key in stops or key.strip("'") in stops:
        return None
    return stem(key)


_PLACEHOLDER = {"\x00": 0}
"""The vocabulary of a story without a single term: one placeholder for the empty text."""


def _no_terms(text: str) -> list[str]:
    """Analyzer of the placeholder vocabulary: the placeholder term for the empty text only."""
    return ["\x00"] if text == "" else []


def _char_preprocess(text: str) -> str:
    return normalize_text(text).lower()


@lru_cache(maxsize=65536)
def _char_words(text: str) -> tuple[str, ...]:
    """The lower-cased words of a sentence's comparison form, remembered (sentences recur)."""
    return tuple(_char_preprocess(text).split())


def char_grams(text: str, ngrams: tuple[int, int] = (3, 5)) -> list[str]:
    """Character n-grams inside word boundaries, each word padded with one space on each side.

    The same n-grams as scikit-learn's ``analyzer="char_wb"`` on the lower-cased comparison form:
    a word shorter than the smallest length gives one gram, the whole padded word.

    Examples
    --------
    >>> char_grams("Kyiv", (3, 4))
    [' ky', 'kyi', 'yiv', 'iv ', ' kyi', 'kyiv', 'yiv ']
    >>> char_grams("a", (3, 5))
    [' a ']
    """
    found: list[str] = []
    for word in _char_preprocess(text).split():
        found.extend(grams.word_grams(ngrams[0], ngrams[1], word))
    return found


class _Analyzer(NamedTuple):
    """How a document becomes terms: cut into units (the whole sentence, or its words), and each
    distinct unit into terms (remembered per unit: sentences and words recur)."""

    units: Callable[[str], list[str]]
    terms: Callable[[str], tuple[str, ...]]


def _summed_csr(columns, indptr, n_rows: int, n_columns: int):
    """A CSR matrix of counts from the column of every occurrence, row by row."""
    from scipy.sparse import csr_matrix  # noqa: PLC0415

    matrix = csr_matrix(
        (
            np.ones(len(columns), dtype=np.int64),
            np.asarray(columns, dtype=np.int64),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=(n_rows, n_columns),
    )
    matrix.sum_duplicates()  # also sorts the indices
    return matrix


def _unit_incidence(documents: Sequence[str], units: Callable[[str], Sequence[str]]):
    """How often each distinct unit occurs in each document, and the units in first-seen order."""
    index: dict[str, int] = {}
    columns: list[int] = []
    indptr = [0]
    for document in documents:
        for unit in units(document):
            column = index.get(unit)
            if column is None:
                column = index[unit] = len(index)
            columns.append(column)
        indptr.append(len(columns))
    return _summed_csr(columns, indptr, len(documents), len(index)), list(index)


def _counts(incidence, columns: list[int], lengths: Iterable[int], n_columns: int):
    """Document-term counts: the documents' unit counts times each unit's term counts (the
    units' term columns one after the other in `columns`, `lengths` of them for each unit)."""
    indptr = np.cumsum([0, *lengths])
    unit_terms = _summed_csr(columns, indptr, len(indptr) - 1, n_columns)
    counts = (incidence @ unit_terms).tocsr()
    counts.sort_indices()
    return counts.astype(np.int64, copy=False)


def _placeholder_counts(documents: Sequence[str]):
    """Counts in the placeholder vocabulary: one for each empty document."""
    empty = [[0] if document == "" else [] for document in documents]
    indptr = np.cumsum([0, *map(len, empty)])
    return _summed_csr([0] * int(indptr[-1]), indptr, len(documents), 1)


def _fit_terms(documents: list[str], analyzer: _Analyzer):
    """Sorted vocabulary, counts and smoothed IDF of `documents` (scikit-learn's conventions).

    A story without a single term (say, only stop words) gets the placeholder term ``"\\x00"``,
    counted once for each empty document, so that every matrix keeps a column.
    """
    fitted = documents or [""]
    incidence, units = _unit_incidence(fitted, analyzer.units)
    unit_terms = [analyzer.terms(unit) for unit in units]
    distinct = set().union(*unit_terms)
    if distinct:  # columns in alphabetical order of the terms, as CountVectorizer has them
        terms = sorted(distinct)
        vocabulary = dict(zip(terms, range(len(terms)), strict=True))
        columns = list(map(vocabulary.__getitem__, chain.from_iterable(unit_terms)))
        counts = _counts(incidence, columns, map(len, unit_terms), len(terms))
    else:
        vocabulary = dict(_PLACEHOLDER)
        counts = _placeholder_counts(fitted)
    return vocabulary, _smooth_idf(counts), counts[: len(documents)]


def _fit_char_grams(documents: list[str], analyzer: _Analyzer, low: int, high: int):
    """:func:`_fit_terms` for character n-grams, counted on arrays
    (:func:`~storydiff.grams.count_grams`): the same counts and IDF, and the vocabulary as a
    :class:`~storydiff.grams.GramVocabulary` (a dictionary only when asked for). A story whose
    alphabet is too large for that has its n-gram strings counted."""
    fitted = documents or [""]
    words = [analyzer.units(document) for document in fitted]
    counted = grams.count_grams(words, low, high) if any(words) else None
    if counted is None:
        return _fit_terms(documents, analyzer)
    counts, vocabulary = counted
    return vocabulary, _smooth_idf(counts), counts[: len(documents)]


def _smooth_idf(counts) -> np.ndarray:
    """Smoothed IDF of every column of a document-term count matrix (scikit-learn's)."""
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    return np.log((1.0 + counts.shape[0]) / (1.0 + frequency)) + 1.0


def _tfidf(counts, idf: np.ndarray):
    """Sublinear TF times IDF, L2-normalised rows (zero rows stay zero)."""
    from scipy.sparse import csr_matrix  # noqa: PLC0415

    data = np.log(counts.data.astype(np.float64)) + 1.0
    data *= idf[counts.indices]
    squares = np.zeros(counts.shape[0])
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    np.add.at(squares, rows, data * data)
    norms = np.sqrt(squares)
    norms[norms == 0.0] = 1.0
    data /= norms[rows]
    return csr_matrix((data, counts.indices.copy(), counts.indptr.copy()), shape=counts.shape)


def document_weights(counts, idf: np.ndarray) -> np.ndarray:
    """The TF-IDF vector (dense, L2-normalised) of a document made of the rows of `counts`.

    Counts add up: a document's counts are the sum of its sentences' counts, so a whole version
    is weighted from its sentences' count matrix without analysing the text again.

    Examples
    --------
    >>> vectorizer = SentenceVectorizer().fit(["Two men died.", "Rain fell."])
    >>> word, _ = vectorizer.counts(["Two men died.", "Two men died."])
    >>> [round(float(x), 3) for x in document_weights(word, vectorizer.word_idf_)]
    [0.707, 0.0, 0.707, 0.0]
    """
    present, raw = document_terms(counts, idf)
    weights = np.zeros(counts.shape[1])
    weights[present] = raw
    norm = np.sqrt(weights @ weights)
    return weights / norm if norm > 0 else weights


def document_terms(counts, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The columns of the terms a document made of the rows of `counts` has, and their TF-IDF
    weights before normalisation (sublinear TF of the summed counts, times IDF): the sparse core
    of :func:`document_weights`."""
    totals = np.bincount(counts.indices, weights=counts.data, minlength=counts.shape[1])
    present = np.flatnonzero(totals > 0)
    return present, (np.log(totals[present]) + 1.0) * idf[present]


def _known_counts(documents: list[str], analyzer: _Analyzer, vocabulary: dict[str, int]):
    """Counts of the terms of `documents` that are in a fitted vocabulary (others ignored)."""
    if vocabulary == _PLACEHOLDER:
        return _placeholder_counts(documents)
    incidence, units = _unit_incidence(documents, analyzer.units)
    unit_columns = [
        [vocabulary[term] for term in analyzer.terms(unit) if term in vocabulary] for unit in units
    ]
    columns = list(chain.from_iterable(unit_columns))
    return _counts(incidence, columns, map(len, unit_columns), len(vocabulary))


class SentenceVectorizer:
    """Word and character TF-IDF vectors for sentences, fitted on one story.

    Follows the scikit-learn contract: parameters are stored by ``__init__``, learning happens in
    :meth:`fit`, learned state ends in ``_``. The weighting is scikit-learn's
    ``TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm="l2")`` over
    ``CountVectorizer`` counts, computed directly on the sparse arrays (the same numbers, without
    the per-call validation that dominated short texts).

    Parameters
    ----------
    char_ngrams : tuple of int, default (3, 5)
        Lengths of the character n-grams.
    word_weight : float, default 0.5
        Weight of the word cosine in :meth:`similarity` (the character cosine gets the rest).

    Attributes
    ----------
    word_vocabulary_, char_vocabulary_ : dict
        Term to column, in alphabetical order of the terms.
    word_idf_, char_idf_ : ndarray
        Smoothed inverse document frequency of every column.
    """

    def __init__(self, *, char_ngrams: tuple[int, int] = (3, 5), word_weight: float = 0.5):
        self.char_ngrams = char_ngrams
        self.word_weight = word_weight

    def get_params(self, deep: bool = True) -> dict:
        """The parameters, as scikit-learn's ``get_params`` (so ``sklearn.base.clone`` works)."""
        return {"char_ngrams": self.char_ngrams, "word_weight": self.word_weight}

    def set_params(self, **params) -> SentenceVectorizer:
        """Set parameters by name, as scikit-learn's ``set_params``; unknown names are an error."""
        valid = self.get_params()
        for name, value in params.items():
            if name not in valid:
                raise ParameterError(
                    f"SentenceVectorizer has no parameter {name!r}; its parameters are: "
                    f"{', '.join(valid)}"
                )
            setattr(self, name, value)
        return self

    def _analyzers(self) -> tuple[_Analyzer, _Analyzer]:
        low, high = (int(n) for n in self.char_ngrams)
        return (
            _Analyzer(lambda text: [text], _content_terms),
            _Analyzer(_char_words, partial(grams.word_grams, low, high)),
        )

    def fit(self, sentences: Sequence[str]) -> SentenceVectorizer:
        """Learn vocabularies and IDF weights from the sentences of every version of a story."""
        self.fit_counts(sentences)
        return self

    def fit_counts(self, sentences: Sequence[str]):
        """Fit on `sentences` and return their raw ``(word_counts, char_counts)`` matrices.

        Counts add up: the counts of a document are the sum of its sentences' counts, so
        :meth:`weigh` turns either into TF-IDF vectors without analysing the text again.
        """
        if isinstance(sentences, str):
            raise ParameterError(
                "SentenceVectorizer.fit() takes a list of sentences, not one string; "
                "wrap it in a list"
            )
        if not 0.0 <= self.word_weight <= 1.0:
            raise ParameterError(f"word_weight must be between 0 and 1, got {self.word_weight}")
        low, high = (int(n) for n in self.char_ngrams)
        if not 1 <= low <= high:
            raise ParameterError(
                f"char_ngrams must be two lengths 1 <= low <= high, got {self.char_ngrams!r}"
            )
        documents = list(sentences)
        word_analyzer, char_analyzer = self._analyzers()
        self.word_vocabulary_, self.word_idf_, word = _fit_terms(documents, word_analyzer)
        self._char_terms, self.char_idf_, char = _fit_char_grams(
            documents, char_analyzer, low, high
        )
        return word, char

    @property
    def char_vocabulary_(self) -> dict[str, int]:
        """N-gram to column, in alphabetical order of the n-grams (made on first use: comparing
        needs only the counts)."""
        terms = self.__dict__.get("_char_terms")
        if terms is None:
            raise AttributeError("'SentenceVectorizer' object has no attribute 'char_vocabulary_'")
        vocabulary = terms if isinstance(terms, dict) else terms.to_dict()
        self.__dict__["_char_terms"] = vocabulary
        return vocabulary

    def counts(self, sentences: Sequence[str]):
        """Raw ``(word_counts, char_counts)`` of texts, for :meth:`weigh` (unseen terms ignored)."""
        if not hasattr(self, "word_vocabulary_"):
            raise ParameterError("SentenceVectorizer is not fitted yet; call fit() first")
        documents = list(sentences)
        word_analyzer, char_analyzer = self._analyzers()
        return (
            _known_counts(documents, word_analyzer, self.word_vocabulary_),
            _known_counts(documents, char_analyzer, self.char_vocabulary_),
        )

    def weigh(self, counts):
        """TF-IDF ``(word_matrix, char_matrix)``, L2-normalised rows, from raw counts."""
        word, char = counts
        return _tfidf(word, self.word_idf_), _tfidf(char, self.char_idf_)

    def fit_transform(self, sentences: Sequence[str]):
        """Fit on `sentences` and return their ``(word_matrix, char_matrix)`` in one pass."""
        return self.weigh(self.fit_counts(sentences))

    def transform(self, sentences: Sequence[str]):
        """Return ``(word_matrix, char_matrix)``, sparse, one L2-normalised row per sentence."""
        return self.weigh(self.counts(sentences))

    def similarity(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """Combined cosine similarity of every sentence of `a` with every sentence of `b`."""
        return combined_similarity(self.transform(a), self.transform(b), self.word_weight)


COSINE_DECIMALS = 12
"""Cosines are rounded to this many decimals: the rounding error of a sum of products (about
1e-15) would otherwise leave two identical sentences or versions at 0.9999999999999999, short of
a threshold of 1.0 and of the 1.0 a reader expects."""


def round_cosines(values):
    """Cosines of L2-normalised vectors rounded to :data:`COSINE_DECIMALS` and kept within
    [0, 1] (a float or an array, rounded in place).

    Examples
    --------
    >>> round_cosines(0.9999999999999999), round_cosines(np.array([1.0000000000000002, 0.25]))
    (1.0, array([1.  , 0.25]))
    """
    if isinstance(values, np.ndarray):
        np.round(values, COSINE_DECIMALS, out=values)
        return np.clip(values, 0.0, 1.0, out=values)
    return min(max(round(float(values), COSINE_DECIMALS), 0.0), 1.0)


def combined_similarity(a_vectors, b_vectors, word_weight: float = 0.5) -> np.ndarray:
    """Weighted sum of the word and character cosines of two ``(word, char)`` matrix pairs."""
    word = (a_vectors[0] @ b_vectors[0].T).toarray()
    char = (a_vectors[1] @ b_vectors[1].T).toarray()
    return round_cosines(word_weight * word + (1.0 - word_weight) * char)
