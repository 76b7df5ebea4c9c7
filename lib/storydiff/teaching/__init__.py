"""Exercise checks for the lessons in ``notebooks/teaching/``.

Every exercise has an id (``"1.2"``: lesson 1, exercise 2), a prompt, a solution and a check.
``check(id, answer)`` never raises on a learner's answer: it returns a :class:`CheckResult` that
shows as a green or amber box in Jupyter, with a hint when the answer is wrong. The exercises of
lesson *n* live in the module ``lesson_<n>.py`` of this package, registered with
:func:`exercise`; they are loaded when first needed.

A lesson module registers each check with the decorator, e.g. in ``lesson_1.py``::

    @exercise("1.1", prompt="Which label does ...?", solution=_cost_label)
    def _check_cost_label(answer):
        ...  # return (correct, hint)

Examples
--------
>>> from storydiff import teaching
>>> teaching.check("1.1", "unchanged").correct
False
>>> print(teaching.check("1.1", "moved"))
Exercise 1.1: correct.
>>> teaching.solution("1.1")
'moved'
"""

from __future__ import annotations

import html
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..errors import ParameterError


@dataclass(frozen=True)
class Exercise:
    """One exercise: its id, prompt, solution (a value, or a function that computes it) and
    its check (a function of the answer returning ``(correct, hint)``)."""

    id: str
    prompt: str
    solution: Any
    checker: Callable[[Any], tuple[bool, str]]

    @property
    def lesson(self) -> int:
        return int(self.id.split(".")[0])

    def solved(self) -> Any:
        """The solution's value (computed when the solution is a function)."""
        return self.solution() if callable(self.solution) else self.solution


@dataclass(frozen=True)
class CheckResult:
    """The verdict on an answer: ``correct`` and a ``message`` (the hint when wrong)."""

    exercise: str
    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        if self.correct:
            return f"Exercise {self.exercise}: correct."
        return f"Exercise {self.exercise}: not yet. Hint: {self.message}"

    def _repr_html_(self) -> str:
        colour, mark = ("#1a7f37", "&#10003;") if self.correct else ("#9a6700", "&#9888;")
        return (
            f'<div style="border-left:4px solid {colour};padding:.4em .8em;margin:.4em 0;'
            f'background:#f6f8fa"><strong style="color:{colour}">{mark}</strong> '
            f"{html.escape(str(self))}</div>"
        )


_REGISTRY: dict[str, Exercise] = {}
_LOADED = False


def exercise(exercise_id: str, *, prompt: str, solution: Any):
    """Register the decorated function as the check of exercise *exercise_id*.

    The function takes the learner's answer and returns ``(correct, hint)``; the hint says what
    to look at, without giving the answer away.
    """

    def register(function: Callable[[Any], tuple[bool, str]]):
        _REGISTRY[exercise_id] = Exercise(exercise_id, prompt, solution, function)
        return function

    return register


def _load_lessons() -> None:
    global _LOADED
    if _LOADED:
        return
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("lesson_"):
            importlib.import_module(f"{__name__}.{module.name}")
    _LOADED = True


def _get(exercise_id: str) -> Exercise:
    _load_lessons()
    if exercise_id not in _REGISTRY:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise ParameterError(f"no exercise {exercise_id!r}; the exercises are: {known}")
    return _REGISTRY[exercise_id]


def check(exercise_id: str, answer: Any) -> CheckResult:
    """Check a learner's *answer* to an exercise; never raises for a wrong or odd answer."""
    item = _get(exercise_id)
    if answer is None or answer is Ellipsis:
        return CheckResult(exercise_id, False, "replace the ... with your answer and run the cell")
    try:
        correct, hint = item.checker(answer)
    except Exception as error:  # a learner's answer of an unexpected kind
        return CheckResult(
            exercise_id,
            False,
            f"this answer could not be checked ({type(error).__name__}): "
            f"look at what the exercise asks for. {item.prompt}",
        )
    return CheckResult(exercise_id, bool(correct), "" if correct else hint)


def solution(exercise_id: str) -> Any:
    """The solution of an exercise (for teachers, and for ``show_solutions=True``)."""
    return _get(exercise_id).solved()


def exercises(lesson: int | None = None) -> pd.DataFrame:
    """The exercises (of one lesson, or all): id, lesson, prompt."""
    _load_lessons()
    rows = [
        {"id": e.id, "lesson": e.lesson, "prompt": e.prompt}
        for e in sorted(_REGISTRY.values(), key=lambda e: tuple(map(int, e.id.split("."))))
        if lesson is None or e.lesson == lesson
    ]
    return pd.DataFrame(rows, columns=["id", "lesson", "prompt"]).set_index("id")


__all__ = ["CheckResult", "Exercise", "check", "exercise", "exercises", "solution"]
