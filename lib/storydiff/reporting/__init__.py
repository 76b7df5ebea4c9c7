"""Reports: parameterized notebooks run by papermill, exported to HTML by nbconvert.

>>> from storydiff.reporting import NOTEBOOKS
>>> sorted(NOTEBOOKS)
['compare_versions', 'corpus_overview', 'story_overview']
"""

from ..lazy import lazy_names

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

__all__ = sorted(_EXPORTS, key=str.lower)

lazy_names(__name__, _EXPORTS)
