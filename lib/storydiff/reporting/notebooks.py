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
from .kernels import KERNEL_ARGUMENTS, KERNEL_NAME, KeptKernel, register_engine
from .schema_import import import_jsonschema

NOTEBOOKS = {
    "compare_versions": "compare_versions.ipynb",
    "story_overview": "story_overview.ipynb",
    "corpus_overview": "corpus_overview.ipynb",
    "corpus_changes": "corpus_changes.ipynb",
}
"""The report notebooks by name, as files of :data:`storydiff.config.NOTEBOOKS_DIR`."""

TEMPLATE_DIR = config.RESOURCES_DIR / "templates"
TEMPLATE_NAME = "storydiff"
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


def cancel_abandoned_tasks() -> int:
    """Cancel the tasks an interrupted notebook run left on this thread's event loop; return
    how many there were.

    papermill runs a notebook on the thread's asyncio loop (through ``jupyter_core``'s
    ``run_sync``). Interrupted (Ctrl-C), the loop stops with nbclient's cell task still pending;
    the next use of the loop, such as shutting the kernel down, would wake it up to find the
    kernel dead and fail with a traceback ("Task exception was never retrieved") after the
    command had already said it was interrupted. Cancelled first, the task ends quietly.

    Examples
    --------
    >>> import asyncio
    >>> from jupyter_core.utils import ensure_event_loop
    >>> loop = ensure_event_loop()
    >>> task = loop.create_task(asyncio.sleep(60))  # as an interrupted cell leaves its task
    >>> cancel_abandoned_tasks(), task.cancelled()
    (1, True)
    """
    import asyncio  # noqa: PLC0415

    from jupyter_core.utils import ensure_event_loop  # noqa: PLC0415

    loop = ensure_event_loop()
    if loop.is_running() or loop.is_closed():
        return 0
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    return len(pending)


def execute_notebook(
    name: str,
    parameters: dict[str, Any],
    *,
    timeout: int = EXECUTION_TIMEOUT,
    cwd=None,
    kernel: KeptKernel | None = None,
):
    """Run a report notebook with *parameters* and return the executed notebook.

    By default the notebook gets a new kernel, shut down at once after the last cell
    (``shutdown_kernel="immediate"``: the graceful shutdown of nbclient waits for the kernel to
    acknowledge, which sometimes stalls for seconds). With *kernel* it runs in that
    :class:`~storydiff.reporting.kernels.KeptKernel`, reset first; a notebook that fails
    there has the kernel shut down (the next one starts a new kernel).

    The injected parameters cell gets a fixed id, so that two runs with the same inputs give
    the same notebook.

    Raises
    ------
    NotebookFailed
        With the first line of the error a cell raised (for example a StorydiffError about an
        input file), and the executed notebook in its ``notebook`` attribute.
    """
    import_jsonschema()
    import papermill  # noqa: PLC0415  (slow to import; only report runs need it)
    from papermill.exceptions import PapermillExecutionError  # noqa: PLC0415

    path = notebook_path(name)
    cwd = str(cwd or path.parent)
    if kernel is None:
        # The kernel's start-up notice about unencrypted local TCP is noise in a batch log.
        running = {"shutdown_kernel": "immediate", "extra_arguments": list(KERNEL_ARGUMENTS)}
    else:
        manager = kernel.prepare(cwd)
        running = {"engine_name": register_engine(), "km": manager, "kc": kernel.client()}
    try:
        executed = papermill.execute_notebook(
            str(path),
            None,
            parameters=parameters,
            kernel_name=kernel.kernel_name if kernel is not None else KERNEL_NAME,
            progress_bar=False,
            request_save_on_cell_execute=False,
            cwd=cwd,
            execution_timeout=timeout,
            **running,
        )
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):
            cancel_abandoned_tasks()
        if kernel is not None:  # its state is unknown after a failure: the next gets a new one
            kernel.close()
        if isinstance(error, PapermillExecutionError):
            raise NotebookFailed(f"{path.name}: {_one_line(error)}") from None
        raise
    for cell in executed.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"
    return executed


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


def export_settings(show_code: bool) -> dict[str, Any]:
    """The settings of the page's nbconvert exporter: storydiff's template, prompts and (unless
    `show_code`) code hidden, images embedded.

    Examples
    --------
    >>> export_settings(False)["template_name"], export_settings(False)["exclude_input"]
    ('storydiff', True)
    """
    return {
        "template_name": TEMPLATE_NAME,
        "extra_template_basedirs": [str(TEMPLATE_DIR)],
        "exclude_input": not show_code,
        "exclude_input_prompt": not show_code,
        "exclude_output_prompt": True,
        "embed_images": True,
    }


@lru_cache(maxsize=2)
def _html_exporter(show_code: bool):
    """One exporter per setting, reused: its template is compiled once per process.

    storydiff's :class:`~storydiff.reporting.page.PageExporter`, or nbconvert's own
    ``HTMLExporter`` (the same document, made more slowly) where an nbconvert release no longer
    has the filters that it names.
    """
    import_jsonschema()
    try:
        from .page import PageExporter as Exporter  # noqa: PLC0415  (imports nbconvert)
    except ImportError:
        from nbconvert import HTMLExporter as Exporter  # noqa: PLC0415

    exporter = Exporter(**export_settings(show_code))
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


def warm_up_export(show_code: bool = False) -> None:
    """Do the first export's one-time work now (nbconvert imported, the page template
    compiled), for instance while a kernel starts."""
    import_jsonschema()
    import nbformat  # noqa: PLC0415

    export_html(nbformat.v4.new_notebook(), show_code=show_code)


def write_notebook(notebook, path: str | os.PathLike) -> None:
    """Write an executed notebook atomically (see :func:`atomic_write`)."""
    import_jsonschema()
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
