"""Lexical profiles, words added and removed, and distinctive terms."""

from __future__ import annotations

import math

import pytest
from storydiff.compare import compare
from storydiff.errors import ParameterError, StorydiffWarning
from storydiff.lexical import (
    compare_lexical,
    count_syllables,
    distinctive_terms,
    lexical_profile,
    mtld,
    words_added_removed,
)
from storydiff.story import Version


@pytest.fixture(scope="module")
def lexical(example_story):
    return compare_lexical(compare(example_story["original"], example_story["rewrite"]))


def test_invasion_is_only_in_the_original(lexical):
    assert lexical.added_removed.loc["invasion", "change"] == "removed"


def test_attribution_verbs_set_the_versions_apart(lexical):
    distinctive = lexical.distinctive
    assert distinctive.loc["said", "z"] > 1.5 and distinctive.loc["said", "favours"] == "original"
    assert distinctive.loc["stated", "z"] < -1.5
    assert distinctive.loc["stated", "favours"] == "rewrite"


def test_profiles_of_the_seed_pair(lexical):
    assert lexical.a.n_words < lexical.b.n_words
    assert lexical.b.n_sentences == 28 and lexical.a.n_sentences == 20
    assert 0 < lexical.a.type_token_ratio < 1
    # the rewrite's longer words read harder
    assert lexical.b.flesch_reading_ease < lexical.a.flesch_reading_ease
    assert set(lexical.to_frame().columns) == {"a", "b"}
    data = lexical.to_dict()
    assert "invasion" in data["removed"] and "stated" in data["distinctive_b"]


@pytest.mark.parametrize(
    ("text", "words", "sentences"),
    [("Hello.", 1, 1), ("Kremlin Discussions\nPutin spoke.", 2, 1), ("...", 0, 0)],
    ids=["single", "heading-left-out", "no-words"],
)
def test_profile_small_cases(text, words, sentences):
    profile = lexical_profile(Version("v", text))
    assert (profile.n_words, profile.n_sentences) == (words, sentences)
    if not words:
        assert math.isnan(profile.flesch_reading_ease) and math.isnan(profile.type_token_ratio)


def test_identical_versions_have_nothing_added_or_removed():
    a, b = Version("a", "Two men died in the strike."), Version("b", "Two men died in the strike.")
    assert words_added_removed(a, b).empty
    assert distinctive_terms(a, b)["z"].abs().max() < 1e-9


def test_no_content_words_gives_an_empty_table():
    a, b = Version("a", "It is what it is."), Version("b", "It was.")
    assert distinctive_terms(a, b).empty


def test_bad_prior_is_named():
    a = Version("a", "One.")
    with pytest.raises(ParameterError, match="unknown prior 'none'"):
        distinctive_terms(a, a, prior="none")


def test_helpers():
    assert count_syllables("") == 0 and count_syllables("rhythm") == 1
    assert math.isnan(mtld([]))


def test_a_term_is_typical_only_of_a_version_that_uses_it(example_story):
    """With the informative prior, a short version's odds of a word it never uses can exceed
    the long one's: "like", "new" and "people" were listed as typical of a one-sentence b."""
    original = example_story["original"]
    short = original.text.strip().splitlines()[1]
    lexical = compare(original, short).lexical
    typical_b = lexical.typical_terms("b")
    assert len(typical_b) and (typical_b["count_b"] > 0).all() and (typical_b["z"] < 0).all()
    assert (lexical.typical_terms("a")["count_a"] > 0).all()
    unused = lexical.distinctive.query("z < 0 and count_b == 0")
    assert len(unused) and unused["favours"].isna().all()
    assert set(lexical.to_dict()["distinctive_b"]) <= set(typical_b.index)


def test_readability_is_not_given_for_a_text_in_another_script():
    """Flesch's formulas count English syllables: a Russian text got 116, as "The cat sat on
    the mat." does."""
    with pytest.warns(StorydiffWarning, match="other than Latin"):
        russian = lexical_profile(Version("ru", "Президент сказал, что план неприемлем. Всё."))
    assert math.isnan(russian.flesch_reading_ease) and math.isnan(russian.flesch_kincaid_grade)
    assert russian.mean_sentence_length == 3.0 and russian.to_dict()["flesch_reading_ease"] is None
    english = lexical_profile(Version("en", "The president said the plan was unacceptable."))
    assert 0 < english.flesch_reading_ease < 100
