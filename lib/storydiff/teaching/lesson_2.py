"""Lesson 2, measuring similarity: the exercises of ``notebooks/teaching/02_similarity.ipynb``.

Exercises 2.1 and 2.2 ask about the sentence pairs :data:`JACCARD_PAIR` and :data:`ORDER_PAIR`,
which the notebook shows from here; exercise 2.3 asks which measure to choose; exercise 2.4 reads
a measure of the bundled story, computed from it.

Examples
--------
>>> from storydiff.teaching import check, solution
>>> round(solution("2.1"), 4)
0.7143
>>> check("2.1", "5/7").correct, check("2.1", 0.71).correct
(True, True)
>>> print(check("2.1", 5))
Exercise 2.1: not yet. Hint: That is a count of words. Jaccard is a share: the number of shared
words divided by the number of distinct words in the two sentences together.
"""

from __future__ import annotations

from ..similarity import jaccard, words
from . import exercise
from .answers import as_number, as_word, bundled_comparison, close_to

# -- the lesson's material -----------------------------------------------------------------------

JACCARD_PAIR = ("Putin met the envoys in Moscow.", "The envoys met Putin in the Kremlin.")
"""Two sentences whose Jaccard similarity the learner computes by hand (exercise 2.1)."""

ORDER_PAIR = ("Police shot the protester.", "The protester shot police.")
"""The same words in another order, with the opposite meaning (exercise 2.2)."""

MEASURES = {
    "jaccard": "jaccard",
    "tfidf_cosine": "tfidf_cosine",
    "tf-idf cosine": "tfidf_cosine",
    "tfidf cosine": "tfidf_cosine",
    "tf-idf": "tfidf_cosine",
    "tfidf": "tfidf_cosine",
    "cosine": "tfidf_cosine",
    "char_cosine": "char_cosine",
    "character cosine": "char_cosine",
    "containment": "containment",
    "containment_a_in_b": "containment",
    "containment_b_in_a": "containment",
    "3-gram containment": "containment",
    "word 3-gram containment": "containment",
    "n-gram containment": "containment",
    "derived_share": "derived_share",
}
"""The names a learner may give the measures (exercise 2.3), to the measure they mean."""


def _jaccard_by_hand() -> float:
    return jaccard(*JACCARD_PAIR)


def _order_jaccard() -> float:
    return jaccard(*ORDER_PAIR)


def _derived_share() -> float:
    return bundled_comparison().similarity.derived_share


# -- the exercises -------------------------------------------------------------------------------


@exercise(
    "2.1",
    prompt="Compute by hand the Jaccard similarity of the two sentences of JACCARD_PAIR "
    "(lower-cased words, punctuation left out).",
    solution=_jaccard_by_hand,
)
def _check_jaccard_by_hand(answer):
    value = as_number(answer)
    if value is None:
        return False, 'Give a number between 0 and 1, such as 0.5, or a fraction such as "3/4".'
    target = _jaccard_by_hand()
    if close_to(value, target):
        return True, ""
    most_words = sum(len(set(words(sentence))) for sentence in JACCARD_PAIR)
    if 1 < value <= most_words and float(value).is_integer():
        return False, (
            "That is a count of words. Jaccard is a share: the number of shared words divided by "
            "the number of distinct words in the two sentences together."
        )
    if value > 1:
        return False, "Jaccard is a share between 0 and 1 (write 0.5 for 50 %)."
    if close_to(value, 5 / 8):
        return False, (
            "Did you lower-case the words? 'The' and 'the' are the same word here, so they count "
            "once."
        )
    if close_to(value, 5 / 6):
        return False, (
            "You divided by the words of one sentence. Divide by the union: every distinct word "
            "of either sentence, counted once."
        )
    if close_to(value, 2 / 7):
        return False, "That is the share of words NOT shared; Jaccard counts the shared ones."
    return False, (
        "Write down the set of words of each sentence, then count the words in both sets "
        "(intersection) and the words in either (union): Jaccard is intersection / union."
    )


@exercise(
    "2.2",
    prompt="Predict, then compute: what is the Jaccard similarity of the two sentences of "
    "ORDER_PAIR?",
    solution=_order_jaccard,
)
def _check_order_jaccard(answer):
    value = as_number(answer)
    if value is None:
        return False, "Give a number between 0 and 1."
    if close_to(value, _order_jaccard()):
        return True, ""
    if value > 1:
        return False, "Jaccard is a share between 0 and 1 (write 0.5 for 50 %)."
    return False, (
        "Jaccard compares the sets of words of the two sentences. Which words does each set hold? "
        "Does a set remember the order of its words?"
    )


@exercise(
    "2.3",
    prompt="An editor wants to know whether an outlet copied a wire story's wording, whole "
    "phrases word for word, not only its facts. Which measure answers that best: jaccard, "
    "tfidf_cosine or containment?",
    solution="containment",
)
def _check_copying_measure(answer):
    word = as_word(answer)
    if word is None:
        return False, 'Answer with the name of one measure in quotes, e.g. "jaccard".'
    measure = MEASURES.get(word.replace("\u2010", "-"))
    if measure == "containment":
        return True, ""
    if measure == "jaccard":
        return False, (
            "Jaccard compares vocabularies: two texts can share every word without sharing one "
            "phrase (think of exercise 2.2)."
        )
    if measure in ("tfidf_cosine", "char_cosine"):
        return False, (
            "A cosine compares how often each word (or run of letters) is used, in any order: "
            "the same facts in new sentences score high too. Which measure looks at runs of "
            "words?"
        )
    if measure == "derived_share":
        return False, (
            "The derived share comes from the sentence alignment, which also pairs reworded "
            "sentences. Which measure looks at runs of words copied exactly?"
        )
    return False, "Choose one of the three measures named: jaccard, tfidf_cosine or containment."


@exercise(
    "2.4",
    prompt="What share of the bundled rewrite's words stand in sentences aligned to the original? "
    "Give it as a number between 0 and 1.",
    solution=_derived_share,
)
def _check_derived_share(answer):
    value = as_number(answer)
    if value is None:
        return False, "Give a number between 0 and 1, read from comparison.similarity."
    if close_to(value, _derived_share()):
        return True, ""
    if value > 1:
        return False, "Give it as a share between 0 and 1 (write 0.5 for 50 %)."
    similarity = bundled_comparison().similarity
    for name in ("containment_a_in_b", "containment_b_in_a", "tfidf_cosine", "char_cosine"):
        if close_to(value, getattr(similarity, name), 0.005):
            return False, (
                f"That is {name}. The question asks for the share of words in aligned sentences: "
                "another field of comparison.similarity."
            )
    if close_to(value, similarity.jaccard, 0.005):
        return False, (
            "That is the Jaccard similarity of the two vocabularies. The question asks for the "
            "share of words in aligned sentences: another field of comparison.similarity."
        )
    return False, (
        "Print comparison.similarity and look for the field that measures the share of the "
        "rewrite's words in aligned sentences."
    )
