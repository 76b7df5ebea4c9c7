"""Lesson 4, framing: the exercises of ``notebooks/teaching/04_framing.ipynb``.

Two exercises ask about the bundled story and are computed from it, so they agree with what the
notebook shows; two ask about the small hand-made sentences :data:`ATTRIBUTION_SENTENCES` and
:data:`AGENCY_SENTENCES`, which the notebook displays from here.

This module also holds the readers of learners' answers that lessons 4 to 6 share:
:func:`as_word`, :func:`as_ids` and :func:`as_number` turn the forms a learner may reasonably type
(any case, quote marks, a list or a set, ``"B and D"``, ``"90%"``, numpy numbers) into one
comparable value, or None when the answer is of another kind.

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

import numbers
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import config
from ..compare import compare
from ..framing import FramingComparison, agency, framing_profile
from ..normalize import normalize_text
from ..reading import load_story
from . import exercise

# -- reading answers (shared by lessons 4 to 6) --------------------------------------------------

_EDGES = "\"'`.,;:!?()[]{} "
_ID_SEPARATORS = re.compile(r"\s*(?:[,;/&+]|\band\b)\s*|\s+")
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?|[-+]?\.\d+%?")


def as_word(answer) -> str | None:
    """A word or short phrase as typed, in comparison form: lower case, curly quotes made
    straight, surrounding quote marks, spaces and punctuation removed. None for anything that is
    not text (a one-item list is read as its item).

    >>> as_word(" \\u201cStated\\u201d. "), as_word(["died"]), as_word(3)
    ('stated', 'died', None)
    """
    if isinstance(answer, list | tuple) and len(answer) == 1:
        answer = answer[0]
    if not isinstance(answer, str):
        return None
    return normalize_text(answer).strip(_EDGES).lower() or None


def as_ids(answer) -> frozenset[str] | None:
    """A set of ids (letters or version ids), lower case, from the forms a learner may type.

    Accepted: a string (``"B, D"``, ``"B and D"``, ``"B D"``), a list, tuple or set of strings,
    a pandas Series or Index or a numpy array of strings, or a dict or Series of booleans (the
    ids whose value is true: what ``{letter: test for letter, text in ...}`` gives). None for
    anything else, and for an empty answer.

    >>> sorted(as_ids("B and d")), sorted(as_ids({"A": False, "F": True})), as_ids(42)
    (['b', 'd'], ['f'], None)
    """
    if isinstance(answer, dict):
        answer = pd.Series(answer, dtype=object)
    if (
        isinstance(answer, pd.Series)
        and len(answer)
        and all(isinstance(v, bool | np.bool_) for v in answer)
    ):
        answer = [str(key) for key, value in answer.items() if value]
        if not answer:
            return None
    if isinstance(answer, str):
        parts = _ID_SEPARATORS.split(normalize_text(answer))
    elif isinstance(answer, list | tuple | set | frozenset | pd.Series | pd.Index | np.ndarray):
        parts = list(answer)
        if not all(isinstance(part, str) for part in parts):
            return None
    else:
        return None
    ids = {as_word(part) for part in parts}
    ids.discard(None)
    return frozenset(ids) or None


def as_number(answer) -> float | None:
    """A number from a number (numpy numbers included), a number word up to twenty, or text
    holding exactly one number (``"40"``, ``"over 40"``, ``"1,200"``, ``"90%"``, which is read as
    0.9). None otherwise; a boolean is not a number here.

    >>> as_number(np.int64(2)), as_number("over 40 buildings"), as_number("90%"), as_number("Two")
    (2.0, 40.0, 0.9, 2.0)
    >>> as_number("between 2 and 3"), as_number(True), as_number([2])
    (None, None, None)
    """
    if isinstance(answer, bool | np.bool_):
        return None
    if isinstance(answer, numbers.Real):
        value = float(answer)
        return value if np.isfinite(value) else None
    if not isinstance(answer, str):
        return None
    word = as_word(answer)
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS.index(word))
    found = _NUMBER.findall(answer)
    if len(found) != 1:
        return None
    text = found[0].replace(",", "")
    value = float(text.rstrip("%"))
    return value / 100 if text.endswith("%") else value


def listed(ids, *, upper: bool = False) -> str:
    """Ids in a hint: ``"B and D"``.

    >>> listed({"d", "b"}, upper=True)
    'B and D'
    """
    names = sorted(i.upper() if upper else i for i in ids)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


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


@lru_cache(maxsize=1)
def bundled_framing() -> FramingComparison:
    """The framing comparison of the bundled story (original against rewrite), computed once."""
    story = load_story(config.EXAMPLE_STORY_DIR)
    return compare(story["original"], story["rewrite"]).framing


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
    "as_ids",
    "as_number",
    "as_word",
    "bundled_framing",
    "listed",
]
