"""Lesson 5, quotes and numbers: the exercises of ``05_quotes_and_numbers.ipynb``.

The notebook is in ``notebooks/teaching/``. Exercise 5.1 is about one hand-made quote,
:data:`MAYOR_QUOTE`, and five ways a rewrite may carry it, :data:`QUOTE_VARIANTS` (the notebook
displays them from here). Exercises 5.2 to 5.4 ask about the quote and number ledgers of the
bundled story and are computed from them, so they agree with what the notebook shows.

Examples
--------
>>> from storydiff.teaching import check, solution
>>> solution("5.4")
40
>>> check("5.4", "over 40").correct, check("5.4", 24).correct
(True, False)
"""

from __future__ import annotations

import pandas as pd

from ..compare import compare
from ..quotes import QUOTE_STATUSES
from . import exercise
from .answers import as_ids, as_number, as_word, bundled_comparison, listed

MAYOR_QUOTE = '"We will rebuild every home before winter," the mayor said.'
"""The source of exercise 5.1: one sentence with one direct quote."""

QUOTE_VARIANTS = {
    "A": '"We will rebuild every home before winter," the mayor said on Friday.',
    "B": 'The mayor promised to "rebuild every home".',
    "C": '"We will rebuild every single home before winter," the mayor said.',
    "D": '"We will rebuild homes before winter," the mayor said.',
    "E": "The mayor said the town would rebuild every home before winter.",
}
"""Five rewrites of :data:`MAYOR_QUOTE` (exercise 5.1)."""

CONCRETE_QUOTE = "It was a very concrete conversation"
"""The start of the quote of the bundled story asked about in exercise 5.3."""


def variant_statuses() -> pd.Series:
    """The quote ledger's status of the mayor's quote in each variant, by letter."""
    return pd.Series(
        {
            letter: compare(MAYOR_QUOTE, text).quotes.to_frame()["status"].iloc[0]
            for letter, text in QUOTE_VARIANTS.items()
        },
        name="status",
    )


def _changed_words() -> list[str]:
    return sorted(
        letter
        for letter, text in QUOTE_VARIANTS.items()
        if compare(MAYOR_QUOTE, text).quotes.to_frame()["misquote"].any()
    )


def _dropped_quotes() -> int:
    return int(bundled_comparison().quotes.counts()["dropped"])


def _concrete_row() -> pd.Series:
    ledger = bundled_comparison().quotes.to_frame()
    rows = ledger[ledger["a_quote"].fillna("").str.startswith(CONCRETE_QUOTE)]
    return rows.iloc[0]


def _concrete_status() -> str:
    return str(_concrete_row()["status"])


def _dozens_row() -> pd.Series:
    changed = bundled_comparison().numbers.changed()
    return changed[changed["a_text"].str.contains("dozens", case=False)].iloc[0]


def _dozens_replacement() -> int:
    return int(_dozens_row()["b_value"])


@exercise(
    "5.1",
    prompt="Which of the versions A to E change the mayor's words inside the quote marks?",
    solution=_changed_words,
)
def _check_changed_words(answer):
    ids = as_ids(answer)
    letters = ", ".join(QUOTE_VARIANTS)
    if ids is None:
        return False, 'Give the letters of the versions as a list, for example ["A", "C"].'
    unknown = ids - {k.lower() for k in QUOTE_VARIANTS}
    if unknown:
        return False, f"Use only the letters {letters}: {listed(unknown, upper=True)} is not one."
    want = {k.lower() for k in _changed_words()}
    if ids == want:
        return True, ""
    statuses = variant_statuses().rename(index=str.lower)
    for letter in sorted(ids - want):
        status = statuses[letter]
        if status == "trimmed":
            return False, (
                f"{letter.upper()} quotes fewer of the mayor's words, but every word between its "
                "quote marks is his. Shortening a quote needs care; it does not change his words."
            )
        if status == "paraphrased":
            return False, (
                f"{letter.upper()} has no quote marks: reported speech may use other words, as "
                "long as it keeps the meaning."
            )
        return False, (
            f"Look again at {letter.upper()}: compare the words between its quote marks with the "
            "mayor's, word by word; the words outside the marks may change."
        )
    return False, (
        "Right so far, but another version also puts words between the quote marks that the "
        "mayor did not say in that form. Compare word by word."
    )


@exercise(
    "5.2",
    prompt="How many quotes of the bundled story's original did the rewrite drop?",
    solution=_dropped_quotes,
)
def _check_dropped_quotes(answer):
    value = as_number(answer)
    if value is None or value != int(value):
        return False, "Answer with a whole number, e.g. 3."
    if int(value) == _dropped_quotes():
        return True, ""
    ledger = bundled_comparison().quotes
    if int(value) == len(ledger.a_quotes):
        return False, (
            "That is the number of all the original's quotes. Count only the rows whose status "
            "is 'dropped'."
        )
    return False, (
        "Count the rows of the quote ledger whose status is 'dropped' (the badges above the "
        "table give the count of each status)."
    )


@exercise(
    "5.3",
    prompt="What status does the quote ledger give Putin's quote 'It was a very concrete "
    "conversation'?",
    solution=_concrete_status,
)
def _check_concrete_status(answer):
    word = as_word(answer)
    statuses = ", ".join(QUOTE_STATUSES)
    if word is None or word not in QUOTE_STATUSES:
        return False, f"Answer with one of the statuses in quotes: {statuses}."
    if word == _concrete_status():
        return True, ""
    if word == "dropped":
        return False, (
            "Look again: the rewrite still quotes part of it, in another sentence (search its "
            "quotes for 'concrete')."
        )
    return False, (
        f"Find the row whose quote in a begins {CONCRETE_QUOTE!r} and compare its two quotes: "
        "which words are still between the quote marks in the rewrite?"
    )


@exercise(
    "5.4",
    prompt="Where the original says the missile strike damaged 'dozens of homes', what number "
    "does the rewrite give?",
    solution=_dozens_replacement,
)
def _check_dozens_replacement(answer):
    value = as_number(answer)
    if value is None:
        return False, "Answer with a number, e.g. 12."
    expected = _dozens_replacement()
    if abs(value - expected) < 0.5:
        return True, ""
    if abs(value - _dozens_row()["a_value"]) < 0.5:
        return False, (
            f"{value:g} is how storydiff reads 'dozens' (its lowest value). What number does the "
            "rewrite itself write?"
        )
    return False, (
        "Find the 'changed' row of the number ledger: what does the rewrite say instead of "
        "'dozens of homes'?"
    )


__all__ = [
    "CONCRETE_QUOTE",
    "MAYOR_QUOTE",
    "QUOTE_VARIANTS",
    "bundled_comparison",
    "variant_statuses",
]
