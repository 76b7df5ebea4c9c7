"""Lesson 4, framing: the exercises of ``notebooks/teaching/04_framing.ipynb``.

Two exercises ask about the bundled story and are computed from it, so they agree with what the
notebook shows; two ask about the small hand-made sentences :data:`ATTRIBUTION_SENTENCES` and
:data:`AGENCY_SENTENCES`, which the notebook displays from here.

Examples
--------
>>> from storydiff.teaching import check, solution
>>> solution("4.2")
['B', 'D']
>>> check("4.2", "b and d").correct
True
>>> print(check("4.2", ["B"]))
Exercise 4.2: not yet. Hint: Right so far, but another sentence also uses a verb that casts doubt
on the speaker.
"""

from __future__ import annotations

import pandas as pd

from ..framing import agency, framing_profile
from . import exercise
from .answers import as_ids, as_word, bundled_framing, listed

# -- the lesson's material -----------------------------------------------------------------------

ATTRIBUTION_SENTENCES = {
    "A": "The minister said the bridge was safe.",
    "B": "The minister claimed the bridge was safe.",
    "C": "According to the minister, the bridge was safe.",
    "D": "The minister insisted the bridge was safe.",
    "E": "The minister stated that the bridge was safe.",
}
"""One claim reported five ways (exercise 4.2): only the attribution changes."""

AGENCY_SENTENCES = {
    "A": "Police fired tear gas at the protesters.",
    "B": "Tear gas was fired at the protesters.",
    "C": "Tear gas was fired at the protesters by police.",
    "D": "Two protesters were injured in the clashes.",
    "E": "Soldiers shelled the village overnight.",
    "F": "The radio station was forced to close.",
}
"""Sentences that name who acted, or do not (exercise 4.3)."""


def _attribution_counts() -> pd.Series:
    framing = bundled_framing()
    return framing.attribution()[framing.labels[1]]


def _most_used_attribution() -> str:
    return str(_attribution_counts().idxmax())


def _loaded_sentences() -> list[str]:
    return sorted(
        letter
        for letter, text in ATTRIBUTION_SENTENCES.items()
        if "loaded" in set(framing_profile(text, "attribution").mentions["subcategory"])
    )


def _agentless_sentences() -> list[str]:
    return sorted(
        letter for letter, text in AGENCY_SENTENCES.items() if agency(text)["agentless"].any()
    )


def _installed_swap() -> pd.Series:
    swaps = bundled_framing().swaps
    rows = swaps[
        (swaps["category"] == "contested_label")
        & swaps["a_terms"].map(lambda terms: "installed" in terms)
    ]
    return rows.iloc[0]


def _installed_replacement() -> str:
    return str(_installed_swap()["b_terms"][0])


def _letters_check(answer, expected: list[str], sentences: dict, *, missing: str, wrong: str):
    """Shared check of exercises 4.2 and 4.3: a set of sentence letters."""
    ids = as_ids(answer)
    letters = ", ".join(sentences)
    if ids is None:
        return False, 'Give the letters of the sentences as a list, for example ["A", "C"].'
    unknown = ids - {k.lower() for k in sentences}
    if unknown:
        return False, f"Use only the letters {letters}: {listed(unknown, upper=True)} is not one."
    want = {k.lower() for k in expected}
    if ids == want:
        return True, ""
    extra = ids - want
    if extra:
        return False, wrong.format(listed(extra, upper=True))
    return False, missing


# -- the exercises -------------------------------------------------------------------------------


@exercise(
    "4.1",
    prompt="Which attribution verb does the rewrite of the bundled story use most often?",
    solution=_most_used_attribution,
)
def _check_most_used_attribution(answer):
    word = as_word(answer)
    if word is None:
        return False, 'Answer with one word in quotes, as it is written in the table, e.g. "noted".'
    counts = _attribution_counts()
    if word in counts.index and counts[word] == counts.max():
        return True, ""
    if word in counts.index and counts[word] == 0:
        return False, (
            f"The rewrite never uses {word!r} (0 in its column). Look down the rewrite column "
            "for the largest number."
        )
    if word in counts.index:
        return False, (
            f"The rewrite uses {word!r} {counts[word]} time(s), but another verb more often. "
            "Find the largest number in the rewrite column."
        )
    return False, (
        f"{word!r} is not in the attribution table. Answer with a term from the table "
        "'Attribution verbs in each version'."
    )


@exercise(
    "4.2",
    prompt="Which of the sentences A to E use a loaded attribution verb? Give their letters.",
    solution=_loaded_sentences,
)
def _check_loaded_sentences(answer):
    return _letters_check(
        answer,
        _loaded_sentences(),
        ATTRIBUTION_SENTENCES,
        missing="Right so far, but another sentence also uses a verb that casts doubt on the "
        "speaker.",
        wrong="Look again at {}: a neutral or formal verb reports without judging, while a "
        "loaded one hints that the speaker is wrong, stubborn or hiding something.",
    )


@exercise(
    "4.3",
    prompt="Which of the sentences A to F do not say who did it (a passive with no agent)?",
    solution=_agentless_sentences,
)
def _check_agentless_sentences(answer):
    return _letters_check(
        answer,
        _agentless_sentences(),
        AGENCY_SENTENCES,
        missing="Right so far, but another sentence also leaves out who acted. Look for a form "
        "of 'be' followed by a verb such as 'injured' or 'forced', with no 'by ...' after it.",
        wrong="Look again at {}: a sentence names who acted when a subject stands before an "
        "active verb, or when a 'by ...' phrase follows a passive one.",
    )


@exercise(
    "4.4",
    prompt="The original calls Vladimir Saldo 'Moscow-installed'. Which word does the rewrite "
    "use instead of 'installed'?",
    solution=_installed_replacement,
)
def _check_installed_replacement(answer):
    word = as_word(answer)
    if word is None:
        return False, 'Answer with one word in quotes, e.g. "elected".'
    word = word.removeprefix("moscow-").removeprefix("moscow ")
    if word == _installed_replacement():
        return True, ""
    if word == "installed":
        return False, "That is the original's word. Which word stands in its place in the rewrite?"
    swaps = bundled_framing().swaps
    same_sentence = swaps[swaps["group"] == _installed_swap()["group"]]
    if any(word in terms for terms in same_sentence["b_terms"]):
        return False, (
            "That word is in the same sentence, but it replaces another term. Take the swaps row "
            "whose category is contested_label."
        )
    return False, (
        "Look for the swaps row with 'installed' in the original's column (category "
        "contested_label), or read the last sentence of the rewrite."
    )


__all__ = [
    "AGENCY_SENTENCES",
    "ATTRIBUTION_SENTENCES",
    "bundled_framing",
]
