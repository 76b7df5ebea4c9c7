"""Lesson 1, reading two versions side by side: the exercises of
``notebooks/teaching/01_side_by_side.ipynb``.

Exercise 1.1 asks about the small hand-made story :data:`BRIDGE_STORY`, which the notebook shows
from here; exercises 1.2 to 1.4 ask about the bundled story and are computed from it, so they agree
with what the notebook shows.

Examples
--------
>>> from storydiff.teaching import check, solution
>>> solution("1.1")
'moved'
>>> check("1.1", "Moved").correct
True
>>> print(check("1.1", "unchanged"))
Exercise 1.1: not yet. Hint: Its words did not change, right; but compare where the sentence
stands in each version.
"""

from __future__ import annotations

from functools import lru_cache

from ..compare import Comparison, compare
from . import exercise
from .answers import as_sentence_id, as_sentence_ids, as_word, bundled_comparison, listed

# -- the lesson's material -----------------------------------------------------------------------

BRIDGE_STORY = {
    "wire": (
        "The mayor opened the new bridge on Monday. "
        "Two men died in a crash on the bridge on Tuesday night. "
        "Police are investigating the cause of the crash. "
        "The bridge cost 40 million euros and took three years to build. "
        "Traffic was heavy all week."
    ),
    "rewrite": (
        "The bridge cost 40 million euros and took three years to build. "
        "The mayor opened the new bridge on Monday. "
        "Two men were killed in a crash on the bridge on Tuesday night. "
        "Police said they are investigating the crash. "
        "They did not say who was driving. "
        "The bridge reopened an hour later."
    ),
}
"""A small hand-made story whose comparison shows six of the eight labels (exercise 1.1)."""

DROPPED_SENTENCE = 11
"""The original's sentence that storydiff marks deleted although the rewrite paraphrases it
(exercise 1.3): "Meanwhile, Russian attacks on Ukrainian cities continued overnight."."""

PARAPHRASE = 20
"""The rewrite's sentence that says the same in other words: "Russian military actions targeting
civilian areas in Ukraine persisted into Thursday."."""

REWORDED_SENTENCE = 15
"""The original's sentence of exercise 1.4: "Authorities have convened emergency meetings ..."."""


@lru_cache(maxsize=1)
def bridge_comparison() -> Comparison:
    """The comparison of :data:`BRIDGE_STORY`, computed once."""
    return compare(BRIDGE_STORY["wire"], BRIDGE_STORY["rewrite"])


def _cost_label() -> str:
    comparison = bridge_comparison()
    b_text = comparison.b.sentences["text"]
    group = next(g for g in comparison.aligned.groups if any("cost" in b_text[j] for j in g.b))
    return group.label


def _added_sentences() -> list[int]:
    return sorted(
        int(j)
        for g in bundled_comparison().aligned.groups
        if g.label == "added" and not g.is_heading
        for j in g.b
    )


def _group_of_a(sentence: int) -> int:
    """The group number of the group holding sentence *sentence* of the original."""
    groups = bundled_comparison().aligned.groups
    return next(number for number, g in enumerate(groups) if sentence in g.a)


def _inserted_word() -> str:
    diff = bundled_comparison().diffs[_group_of_a(REWORDED_SENTENCE)]
    inserted = [op.text.strip() for op in diff.ops if op.op == "insert"]
    return inserted[0]


def _deleted_words() -> str:
    diff = bundled_comparison().diffs[_group_of_a(REWORDED_SENTENCE)]
    return " ".join(op.text.strip() for op in diff.ops if op.op == "delete")


# -- the exercises -------------------------------------------------------------------------------


@exercise(
    "1.1",
    prompt="In the bridge story, which label does storydiff give the sentence about what the "
    "bridge cost?",
    solution=_cost_label,
)
def _check_cost_label(answer):
    word = as_word(answer)
    if word is None:
        return False, 'Answer with one label in quotes, as written in the table, e.g. "added".'
    if word == _cost_label():
        return True, ""
    if word == "unchanged":
        return False, (
            "Its words did not change, right; but compare where the sentence stands in each "
            "version."
        )
    if word in ("added", "deleted"):
        return False, "The sentence is in both versions: it is neither added nor deleted."
    if word in ("edited", "rewritten", "split", "merged"):
        return False, (
            f"'{word}' means the words changed; read the two sentences again: are any words "
            "different?"
        )
    return False, (
        "Use one of the labels of the table: unchanged, edited, rewritten, split, merged, moved, "
        "added, deleted."
    )


@exercise(
    "1.2",
    prompt="Which sentences of the bundled rewrite were added (no counterpart in the original)? "
    "Leave out headings. Give their sentence ids as a list.",
    solution=_added_sentences,
)
def _check_added_sentences(answer):
    ids = as_sentence_ids(answer)
    if ids is None:
        return False, "Give the sentence ids as a list of whole numbers, for example [3, 7]."
    comparison = bundled_comparison()
    expected = set(_added_sentences())
    if ids == expected:
        return True, ""
    groups = comparison.aligned.groups
    added_groups = {n for n, g in enumerate(groups) if g.label == "added"}
    if ids == added_groups or ids == {n for n in added_groups if not groups[n].is_heading}:
        return False, (
            "Those are group numbers (the index of the alignment table). Give the sentence ids "
            "of the rewrite instead: the numbers in column b."
        )
    sentences = comparison.b.sentences
    unknown = {i for i in ids if i not in sentences.index}
    if unknown:
        return False, (
            f"The rewrite has sentences 0 to {len(sentences) - 1}; {listed(unknown)} is not one "
            "of them."
        )
    headings = {i for i in ids if sentences.at[i, "is_heading"]}
    if headings:
        return False, (
            f"{listed(headings)}: a heading, not a sentence (column is_heading). Leave headings "
            "out."
        )
    extra = ids - expected
    if extra:
        labels = comparison.aligned.sentence_labels["b"]
        first = min(extra)
        return False, (
            f"Sentence {first} of the rewrite is in a group labelled '{labels[first]}', so it has "
            "a counterpart in the original. Keep only the groups labelled 'added'."
        )
    missing = len(expected - ids)
    return False, (
        f"Right so far, but {missing} more added sentence(s) to find. Filter the alignment table "
        "on its label column."
    )


@exercise(
    "1.3",
    prompt=f"storydiff marks the original's sentence {DROPPED_SENTENCE} as deleted. Which sentence "
    "of the rewrite says the same thing in other words? Give its id.",
    solution=PARAPHRASE,
)
def _check_paraphrase(answer):
    sentence = as_sentence_id(answer)
    if sentence is None:
        return False, "Give one sentence id of the rewrite, a whole number such as 4."
    if sentence == PARAPHRASE:
        return True, ""
    comparison = bundled_comparison()
    sentences = comparison.b.sentences
    if sentence == DROPPED_SENTENCE:
        return False, (
            f"{DROPPED_SENTENCE} is the id in the original; the question asks for the id of the "
            "sentence in the rewrite."
        )
    if sentence not in sentences.index:
        return False, f"The rewrite has sentences 0 to {len(sentences) - 1}."
    if sentences.at[sentence, "is_heading"]:
        return False, "That is a heading. Look for a sentence."
    if sentence in _added_sentences():
        return False, (
            "That sentence was added, as storydiff says, and it tells something else. Read the "
            f"original's sentence {DROPPED_SENTENCE} again: who did what, where, and until when?"
        )
    label = comparison.aligned.sentence_labels["b"][sentence]
    return False, (
        f"That sentence already has a partner in the original (label '{label}'). A paraphrase "
        "storydiff missed has no partner: look among the sentences it marks as added."
    )


@exercise(
    "1.4",
    prompt=f"In the aligned group holding the original's sentence {REWORDED_SENTENCE} (emergency "
    "meetings), which word did the rewrite insert?",
    solution=_inserted_word,
)
def _check_inserted_word(answer):
    word = as_word(answer)
    if word is None:
        return False, 'Answer with one word in quotes, e.g. "announced".'
    if word == _inserted_word().lower():
        return True, ""
    deleted = _deleted_words().lower()
    if word in deleted.split() or word == deleted:
        return False, (
            "That was deleted from the original (struck through, between [- and -]). Which word "
            "was inserted (underlined, between {+ and +})?"
        )
    return False, (
        f"Find the group whose column a holds [{REWORDED_SENTENCE}] and print its inline diff "
        "(comparison.diffs[group].to_terminal()): the inserted word is between {+ and +}."
    )
