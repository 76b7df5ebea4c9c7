"""Run a report notebook with papermill and export it to one self-contained HTML page.

:func:`execute_notebook` injects parameters and runs every cell in a fresh kernel;
:func:`export_html` renders the executed notebook with storydiff's nbconvert template (JupyterLab's
look, figures embedded as data, nothing loaded from the network, code hidden unless asked).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import config
from ..errors import ParameterError, StorydiffError

NOTEBOOKS = {
    "compare_versions": "compare_versions.ipynb",
    "story_overview": "story_overview.ipynb",
    "corpus_overview": "corpus_overview.ipynb",
}
"""The report notebooks by name, as files of :data:`storydiff.config.NOTEBOOKS_DIR`."""

TEMPLATE_DIR = config.RESOURCES_DIR / "templates"
TEMPLATE_NAME = "storydiff"
KERNEL_NAME = "python3"
EXECUTION_TIMEOUT = 600
"""Seconds a single cell may run before the report fails."""

WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"


class NotebookFailed(StorydiffError):
    """A report notebook raised an error in one of its cells."""


def notebook_path(name: str) -> Path:
    """The path of a report notebook by name (see :data:`NOTEBOOKS`) or a path to one.

    >>> notebook_path("compare_versions").name
    'compare_versions.ipynb'
    """
    if name in NOTEBOOKS:
        path = config.NOTEBOOKS_DIR / NOTEBOOKS[name]
    elif str(name).endswith(".ipynb"):
        path = Path(name)
    else:
        raise ParameterError(
            f"unknown notebook {name!r}; choose one of: {', '.join(NOTEBOOKS)}, or an .ipynb path"
        )
    if not path.is_file():
        raise StorydiffError(
            f"{path}: notebook not found; report notebooks live in the checkout's notebooks/ "
            "folder (set STORYDIFF_NOTEBOOKS_DIR to use another)"
        )
    return path


def _one_line(error: BaseException) -> str:
    """The error a notebook raised, as one line: ``Type: message``."""
    name = getattr(error, "ename", None) or type(error).__name__
    value = getattr(error, "evalue", None)
    if value is None:
        value = str(error)
    first = str(value).strip().splitlines()[0] if str(value).strip() else ""
    return f"{name}: {first}" if first else name


def execute_notebook(
    name: str, parameters: dict[str, Any], *, timeout: int = EXECUTION_TIMEOUT, cwd=None
):
    """Run a report notebook with *parameters* and return the executed notebook.

    The kernel is shut down at once after the last cell (``shutdown_kernel="immediate"``):
    the graceful shutdown of nbclient waits for the kernel to acknowledge, which sometimes
    stalls for seconds.

    Raises
    ------
    NotebookFailed
        With the first line of the error a cell raised (for example a StorydiffError about an
        input file), and the executed notebook in its ``notebook`` attribute.
    """
    import papermill  # noqa: PLC0415  (slow to import; only report runs need it)
    from papermill.exceptions import PapermillExecutionError  # noqa: PLC0415

    path = notebook_path(name)
    try:
        return papermill.execute_notebook(
            str(path),
            None,
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            request_save_on_cell_execute=False,
            cwd=str(cwd or path.parent),
            execution_timeout=timeout,
            shutdown_kernel="immediate",
            # The kernel's start-up notice about unencrypted local TCP is noise in a batch log.
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
    except PapermillExecutionError as error:
        raise NotebookFailed(f"{path.name}: {_one_line(error)}") from None


def static_widgets(notebook, resources):
    """nbconvert preprocessor: widget outputs shown by their other renderings.

    The widget view of every output and the widget state saved with the notebook (papermill
    saves it) are dropped, so an output that also carries ``text/html`` (as
    :class:`storydiff.explore.Explorer` does) shows that static view, and the page needs no
    script and no widget library from the network.
    """
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW_MIMETYPE, None)
    return notebook, resources


@lru_cache(maxsize=2)
def _html_exporter(show_code: bool):
    """One nbconvert exporter per setting, reused: its template is compiled once per process."""
    from nbconvert import HTMLExporter  # noqa: PLC0415

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=not show_code,
        exclude_input_prompt=not show_code,
        exclude_output_prompt=True,
        embed_images=True,
    )
    exporter.register_preprocessor(static_widgets)  # runs on nbconvert's copy
    return exporter


def export_html(notebook, *, show_code: bool | None = None) -> str:
    """Render an executed notebook as one self-contained HTML page.

    Parameters
    ----------
    notebook : NotebookNode
    show_code : bool, optional
        Keep the code cells. By default the notebook's ``hide_code`` parameter decides (as
        injected by papermill), and code is hidden when it has none.
    """
    if show_code is None:
        parameters = notebook.get("metadata", {}).get("papermill", {}).get("parameters", {})
        show_code = not parameters.get("hide_code", True)
    body, _ = _html_exporter(bool(show_code)).from_notebook_node(notebook)
    return body


def write_notebook(notebook, path: str | os.PathLike) -> None:
    """Write an executed notebook atomically (see :func:`atomic_write`)."""
    import nbformat  # noqa: PLC0415

    from .files import atomic_write  # noqa: PLC0415

    atomic_write(path, nbformat.writes(notebook))


__all__ = [
    "NOTEBOOKS",
    "NotebookFailed",
    "execute_notebook",
    "export_html",
    "notebook_path",
    "static_widgets",
    "write_notebook",
]
