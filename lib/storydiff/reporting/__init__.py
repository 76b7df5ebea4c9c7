"""Reports: parameterized notebooks run by papermill, exported to HTML by nbconvert.

>>> from storydiff.reporting import NOTEBOOKS
>>> sorted(NOTEBOOKS)
['compare_versions', 'corpus_changes', 'corpus_overview', 'story_overview']
"""

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:  # pragma: no cover (for type checkers and editors; the same names as _EXPORTS)
    from .batch import BatchResult, ReportOptions, read_batch_tables, run_batch, write_metrics
    from .notebooks import NOTEBOOKS, execute_notebook, export_html

_EXPORTS = {
    "BatchResult": "batch",
    "ReportOptions": "batch",
    "read_batch_tables": "batch",
    "run_batch": "batch",
    "write_metrics": "batch",
    "NOTEBOOKS": "notebooks",
    "execute_notebook": "notebooks",
    "export_html": "notebooks",
}
"""Each public name and its module, imported on first use (:mod:`storydiff.lazy`): the
command starts a kept kernel (:mod:`.kernels`) before it imports pandas for the batch."""

__all__ = [
    "BatchResult",
    "execute_notebook",
    "export_html",
    "NOTEBOOKS",
    "read_batch_tables",
    "ReportOptions",
    "run_batch",
    "write_metrics",
]

lazy_names(__name__, _EXPORTS)
