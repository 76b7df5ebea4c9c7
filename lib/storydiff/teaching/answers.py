"""Readers of learners' answers, shared by the lessons' checks.

:func:`as_word`, :func:`as_number`, :func:`as_sentence_id`, :func:`as_sentence_ids` and
:func:`as_ids` turn the forms a learner may reasonably type (any case, quote marks, ``"5/7"``,
``"90%"``, ``"over 40"``, ``"two"``, numpy numbers, ``"B and D"``, a list, a set or a Series of
ids) into one comparable value, or None when the answer is of another kind. :func:`listed` and
:func:`close_to` help write hints and compare numbers; :func:`bundled_comparison` and
:func:`bundled_framing` give the bundled story's comparison, computed once.

This module is not named ``lesson_*``: those modules are imported as exercise registries.
"""

from __future__ import annotations

import numbers
import re
from fractions import Fraction
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import config
from ..compare import Comparison, compare
from ..framing import FramingComparison
from ..normalize import normalize_text
from ..reading import load_story

_EDGES = "\"'`.,;:!?()[]{} "
_FRACTION = re.compile(r"\s*([-+]?\d+)\s*/\s*(\d+)\s*")
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?|[-+]?\.\d+%?")
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_ID_SEPARATORS = re.compile(r"\s*(?:[,;/&+]|\band\b)\s*|\s+")
_COLLECTIONS = list | tuple | set | frozenset | pd.Series | pd.Index | np.ndarray


def as_word(answer) -> str | None:
    """Read a word or short phrase as typed, in comparison form.

    Parameters
    ----------
    answer : object
        The learner's answer; a one-item list or tuple is read as its item.

    Returns
    -------
    str or None
        The text in lower case, curly quotes made straight, surrounding quote marks, spaces and
        punctuation removed; None for anything that is not text.

    Examples
    --------
    >>> as_word(" \\u201cInitiated\\u201d. "), as_word(["moved"]), as_word(3)
    ('initiated', 'moved', None)
    """
    if isinstance(answer, list | tuple) and len(answer) == 1:
        answer = answer[0]
    if not isinstance(answer, str):
        return None
    return normalize_text(answer).strip(_EDGES).lower() or None


def as_number(answer) -> float | None:
    """Read a number.

    Parameters
    ----------
    answer : object
        A number (numpy numbers included), a fraction such as ``"5/7"``, a number word up to
        twenty, or text holding exactly one number (``"0.71"``, ``"about -0.95"``, ``"over 40"``,
        ``"1,200"``, ``"82%"``, which is read as 0.82). A one-item list or tuple is read as its
        item.

    Returns
    -------
    float or None
        The number; None otherwise (a boolean is not a number here).

    Examples
    --------
    >>> as_number(np.float64(0.5)), as_number("5/8"), as_number("82%"), as_number("Two")
    (0.5, 0.625, 0.82, 2.0)
    >>> as_number("over 40 buildings"), as_number("between 2 and 3"), as_number(True)
    (40.0, None, None)
    """
    if isinstance(answer, list | tuple) and len(answer) == 1:
        answer = answer[0]
    if isinstance(answer, bool | np.bool_):
        return None
    if isinstance(answer, numbers.Real):
        value = float(answer)
        return value if np.isfinite(value) else None
    if not isinstance(answer, str):
        return None
    fraction = _FRACTION.fullmatch(answer)
    if fraction:
        top, bottom = int(fraction[1]), int(fraction[2])
        return float(Fraction(top, bottom)) if bottom else None
    word = as_word(answer)
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS.index(word))
    found = _NUMBER.findall(normalize_text(answer))
    if len(found) != 1:
        return None
    text = found[0].replace(",", "")
    value = float(text.rstrip("%"))
    return value / 100 if text.endswith("%") else value


def _as_whole(value) -> int | None:
    """An int from an int, a numpy int, an integral float or a string of digits; else None."""
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def as_sentence_ids(answer) -> frozenset[int] | None:
    """Read a set of sentence ids.

    Parameters
    ----------
    answer : object
        A list, tuple, set, pandas Series or Index, numpy array, or a string such as
        ``"0, 14 and 17"``.

    Returns
    -------
    frozenset of int or None
        The ids; None for anything else, or when an item is not a whole number.

    Examples
    --------
    >>> sorted(as_sentence_ids([np.int64(3), 1])), sorted(as_sentence_ids("1, 3 and 4"))
    ([1, 3], [1, 3, 4])
    >>> as_sentence_ids({"a": 1}) is None, as_sentence_ids(["x"]) is None
    (True, True)
    """
    if isinstance(answer, str):
        parts = [part for part in _ID_SEPARATORS.split(answer.strip(" []{}()")) if part]
    elif isinstance(answer, _COLLECTIONS):
        parts = list(np.ravel(np.asarray(list(answer), dtype=object)))
    else:
        return None
    ids = [_as_whole(part) for part in parts]
    if not ids or any(i is None for i in ids):
        return None
    return frozenset(ids)


def as_sentence_id(answer) -> int | None:
    """Read one sentence id.

    Parameters
    ----------
    answer : object
        A whole number, numpy int, digit string, or a one-item list or set.

    Returns
    -------
    int or None
        The id; None for anything else.

    Examples
    --------
    >>> as_sentence_id(np.int64(20)), as_sentence_id("20"), as_sentence_id([20])
    (20, 20, 20)
    >>> as_sentence_id(2.5) is None, as_sentence_id([1, 2]) is None
    (True, True)
    """
    if isinstance(answer, _COLLECTIONS):
        ids = as_sentence_ids(answer)
        return next(iter(ids)) if ids is not None and len(ids) == 1 else None
    return _as_whole(answer)


def as_ids(answer) -> frozenset[str] | None:
    """Read a set of ids (letters or version ids), in lower case.

    Parameters
    ----------
    answer : object
        A string (``"B, D"``, ``"B and D"``, ``"B D"``), a list, tuple or set of strings, a
        pandas Series or Index or a numpy array of strings, or a dict or Series of booleans (the
        ids whose value is true: what ``{letter: test for letter, text in ...}`` gives).

    Returns
    -------
    frozenset of str or None
        The ids; None for anything else, and for an empty answer.

    Examples
    --------
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
    elif isinstance(answer, _COLLECTIONS):
        parts = list(answer)
        if not all(isinstance(part, str) for part in parts):
            return None
    else:
        return None
    ids = {as_word(part) for part in parts}
    ids.discard(None)
    return frozenset(ids) or None


def listed(ids, *, upper: bool = False) -> str:
    """Write ids for a hint, sorted: ``"3, 5 and 9"``.

    Parameters
    ----------
    ids : iterable of int or str
        The ids.
    upper : bool, default False
        Whether to write string ids in upper case (letters of sentences).

    Returns
    -------
    str

    Examples
    --------
    >>> listed({9, 3, 5}), listed([4]), listed({"d", "b"}, upper=True)
    ('3, 5 and 9', '4', 'B and D')
    """
    names = [str(i) for i in sorted(i.upper() if upper else i for i in ids)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def close_to(value: float | None, target: float, tolerance: float = 0.01) -> bool:
    """Tell whether a learner's number is within *tolerance* of *target*.

    Parameters
    ----------
    value : float or None
        The learner's number, as read by :func:`as_number`.
    target : float
        The expected number.
    tolerance : float, default 0.01
        The largest accepted difference.

    Returns
    -------
    bool
        False for None.

    Examples
    --------
    >>> close_to(0.71, 5 / 7), close_to(0.75, 5 / 7), close_to(None, 1.0)
    (True, False, False)
    """
    return value is not None and abs(value - target) <= tolerance


@lru_cache(maxsize=1)
def bundled_comparison() -> Comparison:
    """Compare the bundled story's original with its rewrite, once.

    Returns
    -------
    Comparison

    Examples
    --------
    >>> bundled_comparison() is bundled_comparison()
    True
    """
    story = load_story(config.EXAMPLE_STORY_DIR)
    return compare(story["original"], story["rewrite"])


@lru_cache(maxsize=1)
def bundled_framing() -> FramingComparison:
    """Compare the framing of the bundled story's original and rewrite, once.

    Returns
    -------
    FramingComparison

    Examples
    --------
    >>> bundled_framing() is bundled_framing()
    True
    """
    return bundled_comparison().framing
