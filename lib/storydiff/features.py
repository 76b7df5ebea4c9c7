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

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .errors import ParameterError
from .normalize import normalize_text
from .tokens import stem, word_keys


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """scikit-learn's English stop-word list (imported when first needed)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # noqa: PLC0415

    return frozenset(ENGLISH_STOP_WORDS)


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
    stops = stop_words()
    terms = []
    for key in word_keys(text):
        if not any(ch.isalpha() for ch in key):
            terms.append(key.replace(",", ""))
        elif key not in stops and key.strip("'") not in stops:
            terms.append(stem(key))
    return tuple(terms)


def _no_terms(text: str) -> list[str]:
    """Analyzer of the fallback vectorizer: a placeholder term for the empty text only."""
    return ["\x00"] if text == "" else []


def _char_preprocess(text: str) -> str:
    return normalize_text(text).lower()


class SentenceVectorizer:
    """Word and character TF-IDF vectors for sentences, fitted on one story.

    Follows the scikit-learn contract: parameters are stored by ``__init__``, learning happens in
    :meth:`fit`, learned state ends in ``_``.

    Parameters
    ----------
    char_ngrams : tuple of int, default (3, 5)
        Lengths of the character n-grams.
    word_weight : float, default 0.5
        Weight of the word cosine in :meth:`similarity` (the character cosine gets the rest).
    """

    def __init__(self, *, char_ngrams: tuple[int, int] = (3, 5), word_weight: float = 0.5):
        self.char_ngrams = char_ngrams
        self.word_weight = word_weight

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
        from sklearn.feature_extraction.text import (  # noqa: PLC0415
            CountVectorizer,
            TfidfTransformer,
        )

        documents = list(sentences)
        fitted = []
        for counter in (
            CountVectorizer(analyzer=content_terms),
            CountVectorizer(
                analyzer="char_wb",
                ngram_range=tuple(self.char_ngrams),
                preprocessor=_char_preprocess,
            ),
        ):
            try:
                counts = counter.fit_transform(documents or [""])
            except ValueError:  # no term at all: an empty-vocabulary fallback
                counter = CountVectorizer(analyzer=_no_terms)
                counts = counter.fit_transform([""] if not documents else documents + [""])
                counts = counts[: len(documents) or 1]
            weigher = TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm="l2").fit(counts)
            fitted.append((counter, weigher, counts[: len(documents)]))
        (self.word_, self.word_weights_, word), (self.char_, self.char_weights_, char) = fitted
        return word, char

    def counts(self, sentences: Sequence[str]):
        """Raw ``(word_counts, char_counts)`` of texts, for :meth:`weigh`."""
        if not hasattr(self, "word_"):
            raise ParameterError("SentenceVectorizer is not fitted yet; call fit() first")
        sentences = list(sentences)
        if not sentences:
            from scipy.sparse import csr_matrix  # noqa: PLC0415

            return (
                csr_matrix((0, len(self.word_.vocabulary_))),
                csr_matrix((0, len(self.char_.vocabulary_))),
            )
        return self.word_.transform(sentences), self.char_.transform(sentences)

    def weigh(self, counts):
        """TF-IDF ``(word_matrix, char_matrix)``, L2-normalised rows, from raw counts."""
        word, char = counts
        if word.shape[0] == 0:
            return word.astype(float), char.astype(float)
        return self.word_weights_.transform(word), self.char_weights_.transform(char)

    def fit_transform(self, sentences: Sequence[str]):
        """Fit on `sentences` and return their ``(word_matrix, char_matrix)`` in one pass."""
        return self.weigh(self.fit_counts(sentences))

    def transform(self, sentences: Sequence[str]):
        """Return ``(word_matrix, char_matrix)``, sparse, one L2-normalised row per sentence."""
        return self.weigh(self.counts(sentences))

    def similarity(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """Combined cosine similarity of every sentence of `a` with every sentence of `b`."""
        return combined_similarity(self.transform(a), self.transform(b), self.word_weight)


def combined_similarity(a_vectors, b_vectors, word_weight: float = 0.5) -> np.ndarray:
    """Weighted sum of the word and character cosines of two ``(word, char)`` matrix pairs."""
    word = (a_vectors[0] @ b_vectors[0].T).toarray()
    char = (a_vectors[1] @ b_vectors[1].T).toarray()
    return word_weight * word + (1.0 - word_weight) * char
