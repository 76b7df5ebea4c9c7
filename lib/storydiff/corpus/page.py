"""The HTML page of a corpus run: the ``corpus_changes`` notebook, executed and exported.

``storydiff corpus SOURCE --out OUT --html`` writes it as ``OUT/corpus.html`` once the tables
are written; :func:`write_changes_page` does the same from Python, for a run made earlier or on
a cluster. The page holds no text but the one story it shows up close, escaped.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import config
from ..errors import ParameterError
from ..reporting.files import atomic_write
from .output import PAGE_FILE, SUMMARY_FILE
from .reading import read_corpus_table, read_summary


def example_corpus(folder: str | os.PathLike | None = None) -> Path:
    """A finished corpus run of the bundled stories (``data/stories``), made on first use.

    The ``corpus_changes`` notebook reads it when it is given no folder, as the other report
    notebooks read the bundled story; ``make demo`` makes it too.

    Parameters
    ----------
    folder : str or Path, optional
        Where the run is, or goes: :data:`storydiff.config.CORPUS_DIR` by default. A folder that
        holds a finished run (its ``corpus.json``) is used as it is.

    Returns
    -------
    Path
    """
    from .run import compare_corpus  # noqa: PLC0415

    folder = Path(folder or config.CORPUS_DIR)
    if not (folder / SUMMARY_FILE).is_file():
        compare_corpus(config.STORIES_DIR, folder, progress=False)
    return folder


def write_changes_page(
    folder: str | os.PathLike,
    *,
    story: str = "",
    show_code: bool = False,
    timeout: int | None = None,
) -> Path:
    """Execute ``corpus_changes.ipynb`` on a finished corpus run and write it beside the tables.

    Parameters
    ----------
    folder : str or Path
        The run's output folder (``storydiff corpus ... --out``).
    story : str, optional
        The story to show up close; the most changed by default.
    show_code : bool, default False
        Keep the code cells in the page.
    timeout : int, optional
        Seconds a cell may run (:data:`storydiff.reporting.notebooks.EXECUTION_TIMEOUT` by
        default).

    Returns
    -------
    Path
        ``folder / "corpus.html"``, written whole or not at all.

    Raises
    ------
    StorydiffError
        When `folder` holds no finished run, or the notebook fails (the message is its error's
        one line).
    """
    from ..reporting.notebooks import (  # noqa: PLC0415 (papermill and nbconvert are heavy)
        EXECUTION_TIMEOUT,
        execute_notebook,
        export_html,
    )

    folder = Path(folder)
    read_summary(folder)  # clear errors before a kernel is started
    if not isinstance(story, str):
        raise ParameterError(f"story must be a story id (a string), got {type(story).__name__}")
    if story and read_corpus_table(folder, "pairs", columns=["story"], stories=[story]).empty:
        raise ParameterError(
            f"{folder}: story {story!r} has no compared pair in this run; leave it out to show "
            "the most changed story"
        )
    parameters = {"corpus_dir": str(folder.resolve()), "story": story, "hide_code": not show_code}
    executed = execute_notebook("corpus_changes", parameters, timeout=timeout or EXECUTION_TIMEOUT)
    return atomic_write(folder / PAGE_FILE, export_html(executed, show_code=show_code))


__all__ = ["PAGE_FILE", "example_corpus", "write_changes_page"]
