"""Lessons 1 to 3 of ``notebooks/teaching/``: they run top to bottom, their solutions pass their
checks, wrong answers get a hint, odd answers never raise, and the notebooks hold no logic."""

from __future__ import annotations

import ast
import json
import math

import nbformat
import numpy as np
import pandas as pd
import papermill
import pytest
from storydiff import compare, config
from storydiff.reporting import execute_notebook
from storydiff.similarity import jaccard
from storydiff.teaching import check, exercises, lesson_1, lesson_2, lesson_3, solution
from storydiff.tone import score_sentences, vader_analyzer

LESSONS = {1: "01_side_by_side.ipynb", 2: "02_similarity.ipynb", 3: "03_tone.ipynb"}
EXERCISES = [e for lesson in LESSONS for e in exercises(lesson).index]


def _path(lesson: int):
    return config.NOTEBOOKS_DIR / "teaching" / LESSONS[lesson]


def _check_cells(notebook) -> dict[str, dict]:
    """The check cells of a notebook, by exercise id: ``check("1.2", answer_1_2)`` -> "1.2"."""
    cells = {}
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.source.startswith("check("):
            call = ast.parse(cell.source).body[0].value
            cells[call.args[0].value] = cell
    return cells


def _outputs(notebook) -> str:
    return json.dumps([cell.get("outputs", []) for cell in notebook.cells])


# -- (a) the lessons run, and with the solutions every check says correct ------------------------


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_lesson_runs_with_the_solutions_and_every_check_is_correct(lesson):
    executed = execute_notebook(str(_path(lesson)), {"show_solutions": True})
    outputs = _outputs(executed)
    assert '"output_type": "error"' not in outputs
    assert "not yet" not in outputs
    checks = _check_cells(executed)
    assert sorted(checks) == sorted(exercises(lesson).index)  # notebook and module agree
    for exercise_id, cell in checks.items():
        text = json.dumps(cell.outputs)
        assert f"Exercise {exercise_id}: correct." in text, exercise_id


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_lesson_runs_on_another_story_without_answers(lesson, make_story):
    folder = make_story(
        {
            "wire.txt": "Officials said two men were killed in a drone strike on Tuesday. "
            "Six people were injured.\n\nThe strike damaged dozens of homes.",
            "rewrite.txt": "Two men died in a drone strike on Tuesday, officials stated. "
            "Six people were hurt and over 40 buildings were damaged.",
        }
    )
    executed = execute_notebook(str(_path(lesson)), {"story": str(folder)})
    outputs = _outputs(executed)
    assert '"output_type": "error"' not in outputs
    assert "The exercises are about the bundled example story" in outputs
    for exercise_id, cell in _check_cells(executed).items():  # the learner's ... is not an answer
        assert "replace the ... with your answer" in json.dumps(cell.outputs), exercise_id


# -- (b) the checks ------------------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_solution_passes_its_check(exercise_id):
    result = check(exercise_id, solution(exercise_id))
    assert result.correct, result.message
    assert str(result) == f"Exercise {exercise_id}: correct."


ACCEPTED = [
    ("1.1", "Moved"),
    ("1.1", " “moved”. "),
    ("1.1", ["moved"]),
    ("1.2", [20, 18, 17, 14, 0]),
    ("1.2", {0, 14, 17, 18, 20}),
    ("1.2", (0, 14, 17, 18, 20)),
    ("1.2", np.array([0, 14, 17, 18, 20])),
    ("1.2", pd.Series([0, 14, 17, 18, 20], dtype="int64")),
    ("1.2", pd.Index([0, 14, 17, 18, 20])),
    ("1.2", "0, 14, 17, 18 and 20"),
    ("1.2", "[0, 14, 17, 18, 20]"),
    ("1.3", 20),
    ("1.3", np.int64(20)),
    ("1.3", "20"),
    ("1.3", [20]),
    ("1.3", 20.0),
    ("1.4", "Initiated"),
    ("1.4", '"initiated"'),
    ("2.1", 5 / 7),
    ("2.1", "5/7"),
    ("2.1", 0.71),
    ("2.1", "0.714"),
    ("2.1", np.float64(0.7143)),
    ("2.1", "71%"),
    ("2.2", 1),
    ("2.2", np.int64(1)),
    ("2.2", "1.0"),
    ("2.2", "100%"),
    ("2.3", "Containment"),
    ("2.3", "containment_b_in_a"),
    ("2.3", "3-gram containment"),
    ("2.4", 0.82),
    ("2.4", "0.816"),
    ("2.4", "82%"),
    ("3.1", -0.73),
    ("3.1", "-0.727"),
    ("3.1", np.float32(-0.7269)),
    ("3.2", -0.95),
    ("3.2", "-0.95"),
    ("3.3", "Succumbed"),
    ("3.3", "succumbed to injuries"),
    ("3.4", np.int64(18)),
    ("3.4", "18"),
]


@pytest.mark.parametrize(("exercise_id", "answer"), ACCEPTED)
def test_reasonable_forms_of_the_answer_are_accepted(exercise_id, answer):
    result = check(exercise_id, answer)
    assert result.correct, result.message


WRONG = [
    # (exercise, a wrong answer, a fragment of the hint it should get)
    ("1.1", "unchanged", "where the sentence stands"),
    ("1.1", "added", "in both versions"),
    ("1.1", "edited", "are any words different"),
    ("1.1", "banana", "Use one of the labels"),
    ("1.2", [0, 5, 14, 15, 17, 18, 19, 20], "a heading"),
    ("1.2", [0, 4, 11, 12, 15, 16, 17, 18], "group numbers"),
    ("1.2", [0, 14, 17], "2 more added sentence(s)"),
    ("1.2", [0, 1, 14, 17, 18, 20], "labelled 'rewritten'"),
    ("1.2", [0, 99], "not one of them"),
    ("1.3", 11, "id in the original"),
    ("1.3", 17, "tells something else"),
    ("1.3", 21, "already has a partner"),
    ("1.3", 19, "heading"),
    ("1.3", 2.5, "whole number"),
    ("1.4", "convened", "was deleted"),
    ("1.4", "have convened", "was deleted"),
    ("1.4", "meetings", "diffs[group]"),
    ("2.1", 5, "count of words"),
    ("2.1", 5 / 8, "lower-case"),
    ("2.1", 5 / 6, "Divide by the union"),
    ("2.1", 0.4, "intersection / union"),
    ("2.1", 71, "between 0 and 1"),
    ("2.2", 0, "remember the order"),
    ("2.3", "jaccard", "vocabularies"),
    ("2.3", "tfidf_cosine", "runs of words"),
    ("2.3", "TF-IDF", "runs of words"),
    ("2.3", "the headline", "Choose one of the three"),
    ("2.4", 0.1326, "containment_b_in_a"),
    ("2.4", 0.4418, "Jaccard"),
    ("2.4", 0.5, "comparison.similarity"),
    ("2.4", 81.6, "between 0 and 1"),
    ("3.1", -4.1, "sum of the ratings"),
    ("3.1", 0.73, "sign"),
    ("3.1", -0.68, "every word the lexicon knows"),
    ("3.1", -0.2, "Look up every word"),
    ("3.2", -0.0689, "mean of the sentence scores"),
    ("3.2", 0.0827, "rewrite"),
    ("3.2", 0.5, "join"),
    ("3.3", "died", "original's word"),
    ("3.3", "shelling", "inline diff"),
    ("3.4", 17, "another scores higher"),
    ("3.4", 15, "heading"),
    ("3.4", 99, "sentences 0 to"),
]


@pytest.mark.parametrize(("exercise_id", "answer", "hint"), WRONG)
def test_a_wrong_answer_gets_a_hint(exercise_id, answer, hint):
    result = check(exercise_id, answer)
    assert not result.correct
    assert hint in result.message
    assert str(result).startswith(f"Exercise {exercise_id}: not yet. Hint: ")


def test_every_exercise_has_a_wrong_answer_in_the_table():
    assert {exercise_id for exercise_id, _, _ in WRONG} == set(EXERCISES)


MENUS = ("Use one of the labels", "Choose one of the three")
"""Hints that list every valid choice (for an answer that is none of them)."""


def test_hints_do_not_give_word_answers_away():
    for exercise_id, answer, hint in WRONG:
        expected = solution(exercise_id)
        if isinstance(expected, str) and hint not in MENUS:
            assert expected not in check(exercise_id, answer).message.lower(), (exercise_id, answer)


ODD = [
    None,
    ...,
    "",
    "   ",
    "banana",
    "0.5 or 0.6",
    {"a": 1},
    [],
    [None],
    object(),
    True,
    float("nan"),
    math.inf,
    -1,
    10**9,
    ["moved", "added"],
    {1: True},
    b"20",
]


@pytest.mark.parametrize("exercise_id", EXERCISES)
@pytest.mark.parametrize("answer", ODD, ids=repr)
def test_odd_answers_never_raise_and_get_a_friendly_hint(exercise_id, answer):
    result = check(exercise_id, answer)
    assert not result.correct
    assert result.message.strip()
    assert not result.message.startswith("this answer could not be checked"), result.message
    assert result._repr_html_()


# -- what the lessons' prose says about the bundled story still holds ----------------------------


def test_the_bridge_story_shows_six_labels():
    labels = set(lesson_1.bridge_comparison().alignment["label"])
    assert labels == {"moved", "unchanged", "edited", "rewritten", "deleted", "added"}
    police = lesson_1.bridge_comparison().alignment.iloc[3]
    assert police["label"] == "rewritten" and 0.6 < police["ratio"] < 0.7  # "just under the line"


def test_the_paraphrase_of_exercise_1_3_is_missed_by_the_alignment():
    comparison = lesson_1.bundled_comparison()
    labels = comparison.aligned.sentence_labels
    assert labels["a"][lesson_1.DROPPED_SENTENCE] == "deleted"
    assert labels["b"][lesson_1.PARAPHRASE] == "added"
    assert "continued" in comparison.a.sentences.at[lesson_1.DROPPED_SENTENCE, "text"]
    assert "persisted" in comparison.b.sentences.at[lesson_1.PARAPHRASE, "text"]
    assert set(comparison.alignment["label"]).isdisjoint({"unchanged", "moved"})  # as lesson 1 says


def test_exercise_1_4_has_one_inserted_word():
    assert lesson_1._deleted_words() == "have convened"
    assert solution("1.4") == "initiated"


def test_the_hand_sentence_follows_the_formula_without_rules():
    ratings = lesson_3._hand_ratings()
    total = sum(ratings.values())
    assert solution("3.1") == pytest.approx(round(total / math.sqrt(total**2 + 15), 4), abs=1e-4)
    assert set(ratings) == {"strike", "injured", "damaged"}


def test_the_euphemism_of_exercise_3_3_is_unknown_to_vader():
    comparison = lesson_1.bundled_comparison()
    group = next(g for g in comparison.aligned.groups if lesson_3.EUPHEMISM_SENTENCE in g.a)
    (b_sentence,) = group.b
    text = comparison.b.sentences.at[b_sentence, "text"]
    assert lesson_3.EUPHEMISM in text and "died" not in text
    assert lesson_3.EUPHEMISM not in vader_analyzer().lexicon
    assert score_sentences([text])["compound"].iloc[0] == 0.0
    a_text = comparison.a.sentences.at[lesson_3.EUPHEMISM_SENTENCE, "text"]
    assert score_sentences([a_text])["compound"].iloc[0] < -0.5


def test_lesson_2_pairs():
    assert jaccard(*lesson_2.ORDER_PAIR) == 1.0
    order = compare(*lesson_2.ORDER_PAIR).similarity  # "Jaccard and TF-IDF cosine say 1"
    assert order.tfidf_cosine == pytest.approx(1.0) and order.containment_a_in_b == 0.0
    assert solution("2.4") > 0.8 > 0.2 > lesson_1.bundled_comparison().similarity.containment_b_in_a


# -- (c) the notebooks are committed clean and hold no logic -------------------------------------


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_lesson_notebook_is_clean_and_holds_no_logic(lesson):
    path = _path(lesson)
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert notebook.metadata["title"].startswith(f"Lesson {lesson}: ")
    assert notebook.cells[0].cell_type == "markdown"
    assert notebook.cells[0].source.startswith(f"# Lesson {lesson}: ")
    ids = [cell.id for cell in notebook.cells]
    assert len(set(ids)) == len(ids)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    for cell in code:
        tree = ast.parse(cell.source)
        defined = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda)
        ]
        assert not defined, f"{path.name} {cell.id}: logic belongs in lib/"
    tagged = [cell for cell in code if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1
    for line in tagged[0].source.splitlines()[1:]:
        assert "=" not in line.split("#", 1)[1], f"papermill skips {line!r}"
    parameters = papermill.inspect_notebook(str(path))
    assert parameters["show_solutions"]["default"] == "False"
    assert parameters["story"]["default"] == '""'
    assert all(p["help"] for p in parameters.values())
