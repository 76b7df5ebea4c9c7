"""Lesson 3, tone: the exercises of ``notebooks/teaching/03_tone.ipynb``.

Exercise 3.1 asks for VADER's score of :data:`HAND_SENTENCE`, which the notebook shows from here;
exercises 3.2 to 3.4 ask about the bundled story and are computed from it, so they agree with what
the notebook shows.

Examples
--------
>>> from storydiff.teaching import check, solution
>>> solution("3.1")
-0.7269
>>> check("3.1", "-0.73").correct
True
>>> print(check("3.1", -4.1))
Exercise 3.1: not yet. Hint: That is the sum of the ratings. Now squash it into -1 to +1 with
the formula: sum / sqrt(sum * sum + 15).
"""

from __future__ import annotations

import math

from ..tone import score_sentences, vader_analyzer
from . import exercise
from .answers import as_number, as_sentence_id, as_word, bundled_comparison, close_to

# -- the lesson's material -----------------------------------------------------------------------

HAND_SENTENCE = "A missile strike injured six people and damaged a school."
"""A sentence whose compound score the learner computes by hand (exercise 3.1): VADER applies
none of its rules to it, so the score is the squashed sum of its words' ratings."""

EUPHEMISM_SENTENCE = 13
"""The original's sentence of exercise 3.3: "In Kherson, a 6-year-old girl died after being
wounded by artillery fire ...", which the rewrite tells with a word VADER does not know."""

EUPHEMISM = "succumbed"
"""The rewrite's word for the girl's death (exercise 3.3); not in VADER's lexicon."""


def _hand_score() -> float:
    return float(score_sentences([HAND_SENTENCE])["compound"].iloc[0])


def _hand_ratings() -> dict[str, float]:
    """The lexicon ratings of the words of :data:`HAND_SENTENCE` that have one."""
    lexicon = vader_analyzer().lexicon
    words = [word.strip(".,").lower() for word in HAND_SENTENCE.split()]
    return {word: lexicon[word] for word in words if word in lexicon}


def _squash(total: float) -> float:
    """VADER's normalisation of a sum of ratings into -1 to +1 (alpha = 15)."""
    return total / math.sqrt(total * total + 15)


def _whole_text_score() -> float:
    sentences = bundled_comparison().a.sentences
    body = sentences[~sentences["is_heading"].to_numpy(bool)]
    return float(score_sentences([" ".join(body["text"])])["compound"].iloc[0])


def _most_positive_sentence() -> int:
    body = bundled_comparison().tone.b.body
    return int(body["compound"].idxmax())


# -- the exercises -------------------------------------------------------------------------------


@exercise(
    "3.1",
    prompt="Compute by hand, from the lexicon's ratings and VADER's formula, the compound score "
    "of HAND_SENTENCE (two decimals).",
    solution=_hand_score,
)
def _check_hand_score(answer):
    value = as_number(answer)
    if value is None:
        return False, "Give a number between -1 and +1, such as -0.25."
    if close_to(value, _hand_score()):
        return True, ""
    ratings = _hand_ratings()
    total = sum(ratings.values())
    if close_to(value, total):
        return False, (
            "That is the sum of the ratings. Now squash it into -1 to +1 with the formula: "
            "sum / sqrt(sum * sum + 15)."
        )
    if close_to(value, -_hand_score()):
        return False, "Check the sign: the rated words of this sentence are all negative."
    partial = {
        round(_squash(total - rating), 2) for rating in ratings.values() if total != rating
    } | {round(_squash(rating), 2) for rating in ratings.values()}
    if any(close_to(value, score) for score in partial):
        return False, (
            "Close: did you add up the rating of every word the lexicon knows? Look each word of "
            "the sentence up; some you might not expect have a rating."
        )
    if abs(value) > 1:
        return False, (
            "A compound score lies between -1 and +1: squash the sum of ratings with "
            "sum / sqrt(sum * sum + 15)."
        )
    return False, (
        "Look up every word of the sentence in the lexicon (vader_analyzer().lexicon.get(word)), "
        "add up the ratings, then compute sum / sqrt(sum * sum + 15)."
    )


@exercise(
    "3.2",
    prompt="Score the whole bundled original as one text (its sentences joined by spaces). What "
    "compound score does VADER give it (two decimals)?",
    solution=_whole_text_score,
)
def _check_whole_text_score(answer):
    value = as_number(answer)
    if value is None:
        return False, "Give a number between -1 and +1, such as 0.3."
    if close_to(value, _whole_text_score()):
        return True, ""
    tone = bundled_comparison().tone
    if close_to(value, tone.a.mean):
        return False, (
            "That is the mean of the sentence scores. The exercise asks for one score of the "
            "whole text: join the sentences into one string first."
        )
    if close_to(value, tone.b.mean):
        return False, "That looks like the rewrite's mean: the exercise asks about the original."
    if abs(value) > 1:
        return False, "A compound score lies between -1 and +1."
    return False, (
        'Join the original\'s sentences with " ".join(...) and pass a list holding that one '
        'string to score_sentences; read its "compound" column.'
    )


@exercise(
    "3.3",
    prompt=f"The original's sentence {EUPHEMISM_SENTENCE} says a girl died and scores clearly "
    "negative; the rewrite's version scores 0. Which word does the rewrite use for her death?",
    solution=EUPHEMISM,
)
def _check_euphemism(answer):
    word = as_word(answer)
    if word is None:
        return False, 'Answer with one word in quotes, e.g. "perished".'
    if word.split()[0].startswith("succumb"):
        return True, ""
    if word == "died":
        return False, "That is the original's word. Which verb does the rewrite use instead?"
    return False, (
        f"Print the inline diff of the group that holds the original's sentence "
        f"{EUPHEMISM_SENTENCE}, and find the verb that tells the girl's death in the rewrite "
        "(between {+ and +})."
    )


@exercise(
    "3.4",
    prompt="Which sentence of the bundled rewrite does VADER score most positive? Give its id.",
    solution=_most_positive_sentence,
)
def _check_most_positive(answer):
    sentence = as_sentence_id(answer)
    if sentence is None:
        return False, "Give one sentence id of the rewrite, a whole number such as 4."
    best = _most_positive_sentence()
    if sentence == best:
        return True, ""
    table = bundled_comparison().tone.b.sentences
    if sentence not in table.index:
        return False, f"The rewrite has sentences 0 to {len(table) - 1}."
    if table.at[sentence, "is_heading"]:
        return False, "That is a heading; look among the sentences."
    score = table.at[sentence, "compound"]
    return False, (
        f"Sentence {sentence} scores {score:+.2f}, and another scores higher. Sort the rewrite's "
        "tone table by its compound column, largest first."
    )
