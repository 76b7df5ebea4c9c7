"""Lessons 4 to 6 of notebooks/teaching/: they run top to bottom with the solutions filled in, and
every exercise check accepts its solution, rejects a wrong answer with a hint and survives odd ones.
"""

from __future__ import annotations

import ast
import json
import re

import nbformat
import numpy as np
import pandas as pd
import pytest
from storydiff import config, teaching
from storydiff.reporting import execute_notebook
from storydiff.teaching.lesson_6 import STORY_DIR

LESSONS = {
    4: config.NOTEBOOKS_DIR / "teaching" / "04_framing.ipynb",
    5: config.NOTEBOOKS_DIR / "teaching" / "05_quotes_and_numbers.ipynb",
    6: config.NOTEBOOKS_DIR / "teaching" / "06_many_versions.ipynb",
}

WRONG = {  # at least one wrong answer per exercise: (answer, ...)
    "4.1": ["said", "according to", "claimed"],
    "4.2": [["B"], ["B", "D", "E"], "A, C", ["X"]],
    "4.3": [["B", "D"], ["B", "C", "D", "F"], "A"],
    "4.4": ["installed", "died", "elected"],
    "5.1": [["B", "C", "D"], ["C", "D", "E"], ["C"], "A"],
    "5.2": [8, 3, 0],
    "5.3": ["kept", "dropped", "reworded"],
    "5.4": [24, 6, "dozens"],
    "6.1": ["wire", "outlet-c", "outlet-a", ["outlet-b", "outlet-c"]],
    "6.2": ["outlet-b", "wire", ["outlet-a", "outlet-c"]],
    "6.3": [0.64, 0.83, 0.5, 1.0],
    "6.4": ["outlet-a", "outlet-b", "wire"],
}

ODD = [None, ..., "", "   ", True, [], {}, (), object(), float("nan"), ["a", 1], pd.DataFrame()]


def _exercise_ids() -> list[str]:
    return [i for lesson in LESSONS for i in teaching.exercises(lesson).index]


def _outputs(notebook) -> str:
    return json.dumps([cell.get("outputs", []) for cell in notebook.cells])


def _other_forms(value) -> list:
    """The solution as a learner may also type it."""
    if isinstance(value, list):
        return [set(value), tuple(value), [v.lower() for v in value], " and ".join(value)]
    if isinstance(value, str):
        return [value.upper(), f' "{value}". ']
    if isinstance(value, int | float):
        return [np.int64(value) if float(value).is_integer() else np.float64(value), str(value)]
    return []


def test_every_exercise_of_lessons_4_to_6_is_registered():
    assert _exercise_ids() == [f"{n}.{k}" for n in (4, 5, 6) for k in (1, 2, 3, 4)]
    assert set(WRONG) == set(_exercise_ids())


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_lesson_is_committed_clean_with_its_parameters(lesson):
    notebook = nbformat.read(LESSONS[lesson], as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert notebook.metadata["title"].startswith(f"Lesson {lesson}: ")
    assert notebook.cells[0].cell_type == "markdown"
    assert notebook.cells[0].source.startswith(f"# Lesson {lesson}: ")
    ids = [cell.id for cell in notebook.cells]
    assert ids == [f"cell-{n:02d}" for n in range(len(ids))]  # stable ids
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    tagged = [cell for cell in code if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1
    parameters = tagged[0].source
    assert "show_solutions: bool = False  # " in parameters
    assert 'story: str = ""  # ' in parameters
    for line in parameters.splitlines():
        if "#" in line and not line.startswith("#"):
            assert "=" not in line.split("#", 1)[1], f"papermill skips {line!r}"


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_lesson_holds_no_function_or_class(lesson):
    notebook = nbformat.read(LESSONS[lesson], as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            for node in ast.walk(ast.parse(cell.source)):
                assert not isinstance(
                    node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda
                ), f"lesson {lesson}, {cell.id}: logic belongs in lib/storydiff/teaching/"


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_lesson_runs_top_to_bottom_with_the_solutions(lesson):
    executed = execute_notebook(str(LESSONS[lesson]), {"show_solutions": True})
    outputs = _outputs(executed)
    assert '"output_type": "error"' not in outputs
    assert "not yet" not in outputs
    code = "\n".join(cell.source for cell in executed.cells if cell.cell_type == "code")
    for exercise_id in teaching.exercises(lesson).index:
        name = "answer_" + exercise_id.replace(".", "_")
        assert f'check("{exercise_id}", {name})' in code
        assert f"Exercise {exercise_id}: correct." in outputs
    if lesson != 5:
        assert "image/svg+xml" in outputs  # the framing chart; the heatmaps


def test_without_solutions_the_checks_ask_for_an_answer_and_story_is_used():
    executed = execute_notebook(str(LESSONS[4]), {"show_solutions": False, "story": str(STORY_DIR)})
    outputs = _outputs(executed)
    assert '"output_type": "error"' not in outputs
    asked = outputs.count("not yet. Hint: replace the ... with your answer")
    assert asked == len(teaching.exercises(4))
    assert "Attribution verbs in wire and outlet-a" in outputs  # the last section's story


@pytest.mark.parametrize("exercise_id", _exercise_ids())
def test_the_solution_is_correct_in_every_reasonable_form(exercise_id):
    value = teaching.solution(exercise_id)
    assert teaching.check(exercise_id, value).correct, value
    for form in _other_forms(value):
        assert teaching.check(exercise_id, form).correct, form


@pytest.mark.parametrize(
    ("exercise_id", "answer"), [(i, answer) for i, answers in WRONG.items() for answer in answers]
)
def test_a_wrong_answer_gets_a_hint(exercise_id, answer):
    result = teaching.check(exercise_id, answer)
    assert not result.correct
    assert result.message.strip()
    assert "could not be checked" not in result.message  # the check read the answer itself
    assert str(teaching.solution(exercise_id)).lower() not in result.message.lower()


@pytest.mark.parametrize("exercise_id", _exercise_ids())
@pytest.mark.parametrize("answer", ODD, ids=repr)
def test_an_odd_answer_does_not_raise(exercise_id, answer):
    result = teaching.check(exercise_id, answer)
    assert result.correct is False and result.message
    assert re.search(r"[a-z]", str(result))


def test_the_lesson_6_story_is_labelled_as_invented():
    meta = json.loads((STORY_DIR / "story.json").read_text(encoding="utf-8"))
    assert "Written by the storydiff project" in meta["about"]
    assert "not real outlets" in meta["about"].lower()
    assert len(meta["versions"]) >= 3
    assert all("invented" in version["label"] for version in meta["versions"])


def test_lesson_6_on_a_story_of_two_versions_says_what_its_last_section_expects(make_story):
    folder = make_story({"wire.txt": "Two men died in a strike.", "rewrite.txt": "Two men died."})
    executed = execute_notebook(str(LESSONS[6]), {"story": str(folder)})
    outputs = _outputs(executed)
    assert '"output_type": "error"' not in outputs
    assert "2 versions; this section compares 3 or more" in outputs
