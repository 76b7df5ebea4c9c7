"""Lesson 6, one event, many versions: the exercises of ``06_many_versions.ipynb``.

The notebook is in ``notebooks/teaching/``. Its story, :data:`STORY_DIR`, was written by the
project for teaching: an invented event told by an invented wire report and three invented
outlets (see its ``story.json``). Every exercise is computed from :func:`compare_story` on that
story, so the checks agree with what the notebook shows.

Answers name a version by its id (``"outlet-b"``); ``"Outlet B"``, ``"outlet b"`` or its label
are read the same way.

Examples
--------
>>> from storydiff.teaching import check, solution
>>> solution("6.1")
'outlet-b'
>>> check("6.1", "Outlet B").correct, check("6.1", "wire").correct
(True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import config
from ..compare import StoryComparison, compare_story
from ..reading import load_story
from . import exercise
from .answers import as_ids, as_number, as_word, listed

STORY_ID = "drone-strike-three-outlets"
"""The lesson's story: a wire report and three outlets, all invented for teaching."""

STORY_DIR = config.STORIES_DIR / STORY_ID


@lru_cache(maxsize=1)
def lesson_comparison() -> StoryComparison:
    """Every pair of versions of the lesson's story, against its first version (the wire)."""
    return compare_story(load_story(STORY_DIR))


MIN_OWN_VERSIONS = 3
"""Versions the lesson's last section is written for (a matrix of one pair shows little)."""


def own_story(story: str = ""):
    """The story of the lesson's last section: `story` (a folder, records file or manifest),
    or the lesson's own when empty; a warning when it has fewer than
    :data:`MIN_OWN_VERSIONS` versions, which the section's comparisons are written for."""
    import warnings  # noqa: PLC0415

    from ..errors import StorydiffWarning  # noqa: PLC0415

    loaded = load_story(story or STORY_DIR)
    if len(loaded) < MIN_OWN_VERSIONS:
        warnings.warn(
            f"{loaded.source or loaded.id}: {len(loaded)} versions; this section compares "
            f"{MIN_OWN_VERSIONS} or more (outlets covering one event, or a revision history), "
            "so its matrix and table show a single pair",
            StorydiffWarning,
            stacklevel=2,
        )
    return loaded


def _key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text.lower())


def _version(word: str | None) -> str | None:
    """The version id a learner's word stands for (its id, its label, or "b" for outlet-b)."""
    if word is None:
        return None
    story = lesson_comparison().story
    key = _key(re.sub(r"\s*\(.*$", "", word))  # "outlet b (invented" as the label reads
    for version in story:
        names = {version.id, version.label or "", re.sub(r"\s*\(.*\)$", "", version.label or "")}
        names.add(version.id.rsplit("-", 1)[-1])  # "b" for "outlet-b"
        if key in {_key(name) for name in names if name}:
            return version.id
    return None


def _versions(answer) -> set[str] | None:
    """The version ids of an answer that names one version or several; None if any is unknown."""
    if isinstance(answer, str) and _version(as_word(answer)):  # "Outlet B", not "Outlet", "B"
        return {_version(as_word(answer))}
    ids = as_ids(answer)
    if ids is None:
        return None
    found = {_version(word) for word in ids}
    return None if None in found else found


def _ids_hint() -> str:
    return ", ".join(lesson_comparison().story.ids)


def _against_reference():
    return lesson_comparison().against_reference()


def _closest() -> str:
    return str(_against_reference()["tfidf_cosine"].idxmax())


def _non_derived() -> list[str]:
    table = _against_reference()
    return sorted(table.index[table["reuse_label"] == "non-derived"])


def _one_or_all(ids: list[str]) -> str | list[str]:
    return ids[0] if len(ids) == 1 else ids


def _containment_of_closest() -> float:
    return round(float(_against_reference().loc[_closest(), "containment_b_in_a"]), 2)


def _changed_numbers() -> list[str]:
    result = lesson_comparison()
    return sorted(
        version
        for (reference, version), comparison in result.pairs.items()
        if reference == result.reference and comparison.numbers.counts()["changed"]
    )


def _one_version(answer) -> tuple[str | None, str]:
    """The one version an answer names, or None and a hint."""
    versions = _versions(answer)
    if versions is None:
        return None, f"Answer with a version id in quotes: one of {_ids_hint()}."
    if len(versions) != 1:
        return None, "Name one version only."
    return versions.pop(), ""


@exercise(
    "6.1",
    prompt="Which outlet's version is closest to the wire report (the highest TF-IDF cosine)?",
    solution=_closest,
)
def _check_closest(answer):
    version, hint = _one_version(answer)
    if version is None:
        return False, hint
    if version == _closest():
        return True, ""
    if version == lesson_comparison().reference:
        return False, (
            "The wire is the reference itself (1.00 with itself). Which other version is "
            "closest to it?"
        )
    return False, (
        f"{version} shares less wording with the wire than another outlet does. Compare the "
        "numbers in the wire's row of the heatmap."
    )


@exercise(
    "6.2",
    prompt="Which version does the METER reuse label call non-derived from the wire?",
    solution=lambda: _one_or_all(_non_derived()),
)
def _check_non_derived(answer):
    versions = _versions(answer)
    if versions is None:
        return False, f"Answer with a version id in quotes: one of {_ids_hint()}."
    expected = set(_non_derived())
    if versions == expected:
        return True, ""
    table = _against_reference()
    wrong = sorted(versions - expected - {lesson_comparison().reference})
    if wrong:
        labels = table.loc[wrong, "reuse_label"]
        return False, (
            f"The table labels {listed(wrong)} {', '.join(dict.fromkeys(labels))}. Look down "
            "the reuse_label column for non-derived."
        )
    return False, (
        "Look down the reuse_label column of the table 'Against the reference' for non-derived."
    )


@exercise(
    "6.3",
    prompt="What share of the closest outlet's three-word sequences also appear in the wire? "
    "(a number from 0 to 1, two decimals)",
    solution=_containment_of_closest,
)
def _check_containment(answer):
    value = as_number(answer)
    if value is None:
        return False, "Answer with a number from 0 to 1, e.g. 0.25 (or a percentage, '25%')."
    if 1 < value <= 100:
        value /= 100
    row = _against_reference().loc[_closest()]
    if abs(value - row["containment_b_in_a"]) <= 0.015:
        return True, ""
    if abs(value - row["containment_a_in_b"]) <= 0.015:
        return False, (
            "That is the other direction: the share of the wire's sequences found in the outlet. "
            "The question asks for the outlet's sequences found in the wire."
        )
    measures = {
        "tfidf_cosine": "TF-IDF cosine",
        "char_cosine": "character cosine",
        "jaccard": "Jaccard similarity",
        "derived_share": "derived share",
    }
    for measure, name in measures.items():
        if abs(value - row[measure]) <= 0.015:
            return False, (
                f"That is the {name}. The question asks for containment: the share of one "
                "version's three-word sequences found in the other."
            )
    return False, (
        "Read the containment heatmap: the row of the closest outlet, the column of the wire "
        "(or containment_b_in_a in the table against the reference)."
    )


@exercise(
    "6.4",
    prompt="Which outlet gives a different number of injured people from the wire?",
    solution=lambda: _one_or_all(_changed_numbers()),
)
def _check_changed_numbers(answer):
    versions = _versions(answer)
    if versions is None:
        return False, f"Answer with a version id in quotes: one of {_ids_hint()}."
    expected = set(_changed_numbers())
    if versions == expected:
        return True, ""
    if lesson_comparison().reference in versions:
        return False, "The wire is what the outlets are compared with; name an outlet."
    return False, (
        "Look for a number ledger row whose status is 'changed'. A number that an outlet "
        "leaves out (only in the wire) is not a different number."
    )


__all__ = ["STORY_DIR", "STORY_ID", "lesson_comparison"]
