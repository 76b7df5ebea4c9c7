"""Character n-grams counted on arrays: the same vocabulary, columns and counts as strings give."""

from __future__ import annotations

import pickle
from collections import Counter

import numpy as np
import pytest
import storydiff
from sklearn.feature_extraction.text import CountVectorizer
from storydiff import config, grams
from storydiff.features import SentenceVectorizer

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


def _string_counts(documents, low, high):
    """What counting strings gives: the sorted vocabulary and each document's n-gram counts."""
    found = [
        Counter(g for word in words for g in grams.cut_word_grams(low, high, word))
        for words in documents
    ]
    vocabulary = sorted(set().union(*found))
    return vocabulary, [[counter[g] for g in vocabulary] for counter in found]


@pytest.mark.parametrize(("low", "high"), [(3, 5), (1, 1), (2, 7), (4, 4), (6, 6)])
def test_counts_and_vocabulary_are_those_of_strings(low, high):
    words = _story_words()
    documents = [words[:40], [], TRICKY[:-1], words[40:45] * 3, ["a"], ["\ud83d", "x\x00"]]
    counts, vocabulary = grams.count_grams(documents, low, high)
    expected_vocabulary, expected_counts = _string_counts(documents, low, high)
    assert vocabulary.grams() == expected_vocabulary
    assert vocabulary.to_dict() == {g: c for c, g in enumerate(expected_vocabulary)}
    assert counts.toarray().tolist() == expected_counts
    assert counts.has_canonical_format and counts.dtype == np.int64


@pytest.mark.parametrize("part_characters", [1, 7, 60, 1 << 20])
@pytest.mark.parametrize(("low", "high"), [(3, 5), (1, 1), (2, 7)])
def test_a_long_text_counted_in_parts_counts_as_strings(monkeypatch, part_characters, low, high):
    """Parts of whole documents (one document a part, a few, all of them): the same counts."""
    monkeypatch.setattr(grams, "PART_CHARACTERS", part_characters)
    words = _story_words()
    documents = [words[:40], [], TRICKY[:-1], words[40:45] * 3, [], ["a"] * 300, words[45:60]]
    counts, vocabulary = grams.count_grams(documents, low, high)
    expected_vocabulary, expected_counts = _string_counts(documents, low, high)
    assert vocabulary.grams() == expected_vocabulary
    assert counts.toarray().tolist() == expected_counts
    assert counts.has_canonical_format and counts.dtype == np.int64


def test_more_documents_than_sixteen_bits_number():
    documents = [["ab"], ["cd", "ab"]] * 33_000 + [["ef"]]
    counts, vocabulary = grams.count_grams(documents, 3, 4)
    assert vocabulary.grams() == [" ab", " ab ", " cd", " cd ", " ef", " ef ", "ab ", "cd ", "ef "]
    assert counts.shape == (66_001, 9)
    assert counts[1].toarray().tolist() == [[1, 1, 1, 1, 0, 0, 1, 1, 0]]
    assert counts[-1].toarray().tolist() == [[0, 0, 0, 0, 1, 1, 0, 0, 1]]
    assert counts.sum() == 33_000 * 9 + 3  # three n-grams a word


def test_an_alphabet_too_large_for_the_numbers_is_counted_as_strings():
    characters = [chr(0x4E00 + k) for k in range(7_000)]  # 7,000 CJK ideographs
    sentences = ["".join(characters[k : k + 50]) + " 和平" for k in range(0, 7_000, 50)]
    words = [sentence.split() for sentence in sentences]
    assert grams.count_grams(words, 3, 5) is None
    ours = SentenceVectorizer()
    _, char = ours.fit_counts(sentences)
    theirs = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=False)
    assert ours.char_vocabulary_ == theirs.fit(sentences).vocabulary_
    assert (char != theirs.transform(sentences)).nnz == 0


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


def test_a_fitted_vectorizer_pickles_and_counts_alike():
    story = storydiff.load_story(config.EXAMPLE_STORY_DIR)
    sentences = [s for version in story for s in version.sentences["norm"]]
    vectorizer = SentenceVectorizer().fit(sentences)
    copy = pickle.loads(pickle.dumps(vectorizer))
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
