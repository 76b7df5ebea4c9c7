"""Numbered character n-grams: the same vocabulary, columns and counts as strings give."""

from __future__ import annotations

import pickle
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import storydiff
from sklearn.feature_extraction.text import CountVectorizer
from storydiff import caches, config, grams
from storydiff.features import SentenceVectorizer

from .conftest import load_bench_script

TRICKY = [
    "ab",
    "ab ",
    "a",
    " a ",
    "b",
    "\x00a",
    "a\x00",
    "é",
    "e\u0301",
    "Ω",
    "日本語",
    "😀",
    "😀a",
    "a😀",
    "\uffff",
    "zzzzz",
    "",
]


def _story_words() -> list[str]:
    story = storydiff.load_story(config.EXAMPLE_STORY_DIR)
    return [word for version in story for word in version.text.lower().split()]


@pytest.mark.parametrize("width", [1, 2, 3])
def test_sort_keys_order_as_python_orders_strings(width):
    strings = [s for s in TRICKY if len(s) <= 3 * width]
    keys = grams.sort_keys(strings, width)
    order = np.lexsort(keys.T[::-1])
    assert [strings[i] for i in order] == sorted(strings)
    assert len({tuple(row) for row in keys.tolist()}) == len(strings)  # no two alike


def test_sort_keys_refuse_a_gram_too_long_for_their_width():
    with pytest.raises(ValueError, match="longer than 3"):
        grams.sort_keys(["abcd"], 1)


@pytest.mark.parametrize(("low", "high"), [(3, 5), (1, 1), (2, 7), (4, 4)])
def test_a_vocabulary_is_the_sorted_grams_and_columns_follow_it(low, high):
    words = [*_story_words(), *TRICKY[:-1]]
    table = grams.GramTable(low, high)
    numbers = table.numbers_of(words)
    vocabulary, columns = grams.GramVocabulary.of(table, np.concatenate(numbers))
    cut = [grams.cut_word_grams(low, high, word) for word in words]
    expected = {gram: column for column, gram in enumerate(sorted({g for c in cut for g in c}))}
    assert vocabulary.to_dict() == expected
    assert [expected[g] for c in cut for g in c] == columns.tolist()
    assert [table.grams[n] for n in np.concatenate(numbers).tolist()] == [g for c in cut for g in c]


@pytest.mark.parametrize(
    "word", ["a", "ox", "cat", "kyiv", "résumé", "日本", "antidisestablishment"]
)
@pytest.mark.parametrize(("low", "high"), [(3, 5), (1, 2), (2, 6), (5, 5)])
def test_cut_word_grams_are_scikit_learns_char_wb(word, low, high):
    analyzer = CountVectorizer(analyzer="char_wb", ngram_range=(low, high)).build_analyzer()
    assert list(grams.cut_word_grams(low, high, word)) == analyzer(word)


@pytest.mark.parametrize("ngrams", [(1, 1), (2, 7), (4, 4)])
def test_other_lengths_count_as_scikit_learn_does(ngrams):
    documents = storydiff.split_sentences(storydiff.load_story(config.EXAMPLE_STORY_DIR)[0].text)
    documents += ["😀 日本語 ÉCOLE", "", "a I"]
    ours = SentenceVectorizer(char_ngrams=ngrams)
    _, char = ours.fit_counts(documents)
    theirs = CountVectorizer(
        analyzer="char_wb",
        ngram_range=ngrams,
        preprocessor=lambda t: storydiff.normalize_text(t).lower(),
    )
    expected = theirs.fit_transform(documents)
    assert ours.char_vocabulary_ == theirs.vocabulary_
    assert (char != expected).nnz == 0


def test_a_replaced_table_leaves_earlier_vocabularies_whole(monkeypatch):
    pairs = load_bench_script("synthetic").synthetic_pairs(6, seed=4)
    documents = [storydiff.split_sentences(a) + storydiff.split_sentences(b) for a, b in pairs]
    caches.clear_caches()
    expected = [SentenceVectorizer().fit(d).char_vocabulary_ for d in documents]
    caches.clear_caches()
    monkeypatch.setattr(grams, "MAX_GRAMS", 2_000)  # a story has more: a new table each fit
    fitted = [SentenceVectorizer().fit(d) for d in documents]
    assert len({id(v._char_terms.table) for v in fitted}) == len(fitted)
    assert [v.char_vocabulary_ for v in fitted] == expected


def test_threads_sharing_a_table_count_what_one_thread_counts():
    pairs = load_bench_script("synthetic").synthetic_pairs(24, seed=9)
    documents = [storydiff.split_sentences(a) + storydiff.split_sentences(b) for a, b in pairs]

    def fit(sentences):
        vectorizer = SentenceVectorizer()
        _, char = vectorizer.fit_counts(sentences)
        return vectorizer.char_vocabulary_, char.toarray().tolist()

    caches.clear_caches()
    alone = [fit(d) for d in documents]
    for _ in range(3):
        caches.clear_caches()
        start = threading.Barrier(4)  # the four threads start numbering at once
        with ThreadPoolExecutor(4, initializer=start.wait) as pool:
            assert list(pool.map(fit, documents)) == alone


def test_a_fitted_vectorizer_pickles_its_vocabulary_not_the_table():
    story = storydiff.load_story(config.EXAMPLE_STORY_DIR)
    sentences = [s for version in story for s in version.sentences["norm"]]
    vectorizer = SentenceVectorizer().fit(sentences)
    data = pickle.dumps(vectorizer)
    assert b"GramTable" not in data
    copy = pickle.loads(data)
    assert copy.char_vocabulary_ == vectorizer.char_vocabulary_
    query = ["Putin's peace plan", "zzz"]
    for ours, theirs in zip(copy.transform(query), vectorizer.transform(query), strict=True):
        assert np.array_equal(ours.toarray(), theirs.toarray())


def test_an_unfitted_vectorizer_has_no_char_vocabulary():
    vectorizer = SentenceVectorizer()
    assert not hasattr(vectorizer, "char_vocabulary_")
    vectorizer.fit(["Two men died."])
    assert hasattr(vectorizer, "char_vocabulary_")
    assert SentenceVectorizer().fit([""]).char_vocabulary_ == {"\x00": 0}


def test_numbers_of_repeats_and_nothing():
    table = grams.GramTable(3, 5)
    assert table.numbers_of([]) == []
    first, again = table.numbers_of(["peace", "peace"])
    assert first.tolist() == again.tolist() and len(table) == len(first)
    assert table.n_words == 1
