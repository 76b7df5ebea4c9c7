"""``storydiff lessons``: lessons rendered to HTML, the student's and the teacher's copy."""

from __future__ import annotations

import base64
import re

import pytest
from storydiff import config
from storydiff.cli import main

LESSONS = sorted((config.NOTEBOOKS_DIR / "teaching").glob("[0-9]*.ipynb"))
pytestmark = pytest.mark.skipif(not LESSONS, reason="no lessons in notebooks/teaching/")


def _texts_outside(svg: str) -> list[str]:
    """The texts of a matplotlib SVG whose anchor lies outside the figure (cut off)."""
    width, height = (
        float(re.search(rf'{side}="([\d.]+)pt"', svg)[1]) for side in ("width", "height")
    )
    outside = []
    for match in re.finditer(r"<text\b([^>]*)>([^<]*)", svg):
        x, y = (re.search(rf'\b{axis}="(-?[\d.]+)"', match[1]) for axis in ("x", "y"))
        if x and y and not (0 <= float(x[1]) <= width and 0 <= float(y[1]) <= height):
            outside.append(match[2])
    return outside


def _body(page) -> str:
    return re.sub(r"<style.*?</style>", "", page.read_text(encoding="utf-8"), flags=re.S)


def test_six_lessons_in_reading_order():
    assert [p.name[:3] for p in LESSONS] == ["01_", "02_", "03_", "04_", "05_", "06_"]


def test_a_lesson_renders_for_students_and_teachers(tmp_path, capsys):
    first = LESSONS[0].stem[:2]
    assert main(["lessons", first, "--out", str(tmp_path / "students")]) == 0
    assert main(["lessons", first, "--solutions", "--out", str(tmp_path / "teachers")]) == 0
    assert "index:" in capsys.readouterr().out
    student = _body(tmp_path / "students" / f"{LESSONS[0].stem}.html")
    teacher = _body(tmp_path / "teachers" / f"{LESSONS[0].stem}.html")
    assert "jp-InputArea-editor" in student  # lessons keep their code
    assert "not yet" in student and "replace the ... with your answer" in student
    assert "not yet" not in teacher and ": correct." in teacher
    assert "<script" not in teacher
    index = (tmp_path / "teachers" / "index.html").read_text(encoding="utf-8")
    assert f'href="{LESSONS[0].stem}.html"' in index


def test_unknown_lesson_is_one_line(tmp_path, capsys):
    assert main(["lessons", "99", "--out", str(tmp_path)]) == 2
    assert "no lessons found matching 99" in capsys.readouterr().err


def test_lessons_run_in_one_kept_kernel_are_those_run_fresh(tmp_path):
    from storydiff.reporting.lessons import render_lessons

    kept = render_lessons(tmp_path / "kept", solutions=True)  # all six, one after the other
    later = [p.stem[:2] for p in LESSONS[3:]]
    fresh = render_lessons(tmp_path / "fresh", solutions=True, names=later, reuse_kernel=False)
    assert len(kept) == len(LESSONS) and len(fresh) == len(LESSONS) - 3
    for page in fresh:
        assert _body(tmp_path / "kept" / page.name) == _body(page), page.name
    for page in kept:  # no label drawn below or beside its figure
        for figure in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", page.read_text()):
            svg = base64.b64decode(figure).decode("utf-8")
            if "<dc:type" in svg:  # a figure (not one of the page's icons)
                assert not _texts_outside(svg), (page.name, _texts_outside(svg))
