"""Sentence vectors: the same counts and TF-IDF weights as scikit-learn's, computed directly."""

from __future__ import annotations

import numpy as np
import pytest
import storydiff
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    CountVectorizer,
    TfidfTransformer,
)
from storydiff import config
from storydiff.errors import ParameterError
from storydiff.features import (
    SentenceVectorizer,
    char_grams,
    content_terms,
    document_weights,
    stop_words,
)

from .conftest import load_bench_script


def _sklearn_vectors(documents: list[str], queries: list[str]):
    """What the vectorizer computed with scikit-learn before: CountVectorizer + TfidfTransformer."""
    result = []
    for counter in (
        CountVectorizer(analyzer=content_terms),
        CountVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            preprocessor=lambda t: storydiff.normalize_text(t).lower(),
        ),
    ):
        counts = counter.fit_transform(documents)
        weigher = TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm="l2").fit(counts)
        result.append(
            (counts, weigher.transform(counts), weigher.transform(counter.transform(queries)))
        )
    return result


def _stories() -> list[list[str]]:
    story = storydiff.load_story(config.EXAMPLE_STORY_DIR)
    cases = [[s for version in story for s in version.sentences["norm"]]]
    for a, b in load_bench_script("synthetic").synthetic_pairs(5, seed=11):
        cases.append(storydiff.split_sentences(a) + storydiff.split_sentences(b))
    cases.append(["Kyiv’s “peace plan”, 5 points.", "½ of 40,000 homes", "I", "ÉCOLE café"])
    return cases


@pytest.mark.parametrize("documents", _stories(), ids=["seed", *range(5), "unicode"])
def test_counts_and_weights_are_scikit_learns(documents):
    queries = ["Two men died in Kyiv on Monday.", "unknownword zzz", documents[0]]
    vectorizer = SentenceVectorizer()
    counts = vectorizer.fit_counts(documents)
    vectors = vectorizer.weigh(counts)
    transformed = vectorizer.transform(queries)
    expected = _sklearn_vectors(documents, queries)
    for ours, theirs, weights, (their_counts, their_weights, their_query) in zip(
        counts, vectors, transformed, expected, strict=True
    ):
        assert ours.shape == their_counts.shape
        assert (ours != their_counts).nnz == 0
        assert np.array_equal(theirs.toarray(), their_weights.toarray())
        assert np.array_equal(weights.toarray(), their_query.toarray())


@pytest.mark.parametrize(
    "documents", [[], [""], ["the and of"], ["", "the a"], ["", ""], ["a", "I"]]
)
def test_texts_without_terms_get_the_placeholder(documents):
    vectorizer = SentenceVectorizer()
    word, char = vectorizer.fit_transform(documents)
    assert word.shape[0] == char.shape[0] == len(documents)
    again = vectorizer.transform(["", "the"])
    assert again[0].shape[0] == 2
    if vectorizer.word_vocabulary_ == {"\x00": 0}:
        assert again[0].toarray().tolist() == [[1.0], [0.0]]


def test_char_grams_are_char_wb():
    analyzer = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    for text in ("Moscow-installed leader", "a I ox", "  spaced   out  ", "Ünïcödé wörds"):
        assert char_grams(text) == analyzer(storydiff.normalize_text(text).lower())


def test_the_shipped_stop_words_are_scikit_learns():
    assert stop_words() == frozenset(ENGLISH_STOP_WORDS)


def test_document_weights_of_summed_counts():
    vectorizer = SentenceVectorizer().fit(["Two men died.", "Rain fell on the city."])
    word, _ = vectorizer.counts(["Two men died.", "Rain fell on the city."])
    weights = document_weights(word, vectorizer.word_idf_)
    assert weights @ weights == pytest.approx(1.0)
    empty = document_weights(word[:0], vectorizer.word_idf_)
    assert not empty.any()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: SentenceVectorizer().fit("one string"), "not one string"),
        (lambda: SentenceVectorizer(word_weight=2).fit(["a"]), "word_weight must be"),
        (lambda: SentenceVectorizer(char_ngrams=(4, 2)).fit(["a"]), "char_ngrams must be"),
        (lambda: SentenceVectorizer().transform(["a"]), "not fitted yet"),
    ],
)
def test_bad_use_is_a_clear_error(make, message):
    with pytest.raises(ParameterError, match=message):
        make()


def test_the_vectorizer_clones_like_a_scikit_learn_estimator():
    from sklearn.base import clone

    vectorizer = SentenceVectorizer(word_weight=0.3).fit(["Two men died.", "Rain fell."])
    copy = clone(vectorizer)
    assert copy.get_params() == {"char_ngrams": (3, 5), "word_weight": 0.3}
    assert not hasattr(copy, "word_vocabulary_")
    assert copy.set_params(word_weight=0.6).word_weight == 0.6
    with pytest.raises(ParameterError, match="no parameter 'ngrams'"):
        copy.set_params(ngrams=(2, 4))
