"""Render the teaching notebooks to HTML pages ready to hand out.

Lessons keep their code (students read and change it). By default the exercises are left for the
student (the checks say "replace the ... with your answer"); ``solutions=True`` renders the
teacher's copy with the answers filled in and checked.
"""

from __future__ import annotations

import contextlib
import html
import os
from pathlib import Path

from .. import config
from ..errors import StorydiffError
from .files import atomic_write
from .kernels import KeptKernel
from .notebooks import execute_notebook, export_html


def lesson_paths(names: list[str] | None = None) -> list[Path]:
    """The lesson notebooks in reading order (those whose file name starts with a name given)."""
    folder = config.NOTEBOOKS_DIR / "teaching"
    paths = sorted(folder.glob("[0-9]*.ipynb"))
    if names:
        paths = [p for p in paths if any(p.stem.startswith(n) for n in names)]
    if not paths:
        raise StorydiffError(
            f"{folder}: no lessons found{' matching ' + ', '.join(names) if names else ''}"
        )
    return paths


def render_lessons(
    folder: str | os.PathLike | None = None,
    *,
    solutions: bool = False,
    names: list[str] | None = None,
    reuse_kernel: bool = True,
) -> list[Path]:
    """Execute each lesson with papermill and write ``<folder>/<lesson>.html`` and an index.

    Parameters
    ----------
    folder : path, optional
        Where the pages go; ``reports/lessons`` (``reports/lessons/solutions`` with solutions)
        by default.
    solutions : bool
        Fill in the answers (the teacher's copy).
    names : list of str, optional
        Only the lessons whose file name starts with one of these (``["01", "03"]``).
    reuse_kernel : bool, default True
        Run the lessons one after the other in one kernel, reset before each (see
        :mod:`storydiff.reporting.kernels`; the pages are the same); False gives each its own.

    Returns
    -------
    list of Path
        The pages written, in reading order.
    """
    default = config.REPORTS_DIR / "lessons" / ("solutions" if solutions else "")
    folder = Path(folder) if folder is not None else default
    pages, items = [], []
    paths = lesson_paths(names)
    with KeptKernel() if reuse_kernel else contextlib.nullcontext() as kernel:
        if kernel is not None:
            kernel.launch()  # it starts while the first lesson imports papermill and nbconvert
        for path in paths:
            parameters = {"show_solutions": solutions}
            executed = execute_notebook(str(path), parameters, kernel=kernel)
            html_page = export_html(executed, show_code=True)
            page = atomic_write(folder / f"{path.stem}.html", html_page)
            pages.append(page)
            title = executed.metadata.get("title") or path.stem
            items.append(f'<li><a href="{html.escape(page.name)}">{html.escape(title)}</a></li>')
    kind = "with solutions (for teachers)" if solutions else "for students"
    index = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>storydiff lessons'
        "</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:48em;margin:2em auto;"
        f"padding:0 1em}}</style></head><body><h1>storydiff lessons</h1><p>{kind}</p>"
        f"<ol>{''.join(items)}</ol></body></html>\n"
    )
    atomic_write(folder / "index.html", index)
    return pages


__all__ = ["lesson_paths", "render_lessons"]
