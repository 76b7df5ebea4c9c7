"""Reports: parameterized notebooks run by papermill, exported to HTML by nbconvert.

>>> from storydiff.reporting import NOTEBOOKS
>>> sorted(NOTEBOOKS)
['compare_versions', 'corpus_overview', 'story_overview']
"""

from .batch import BatchResult, ReportOptions, read_batch_tables, run_batch, write_metrics
from .notebooks import NOTEBOOKS, execute_notebook, export_html

__all__ = [
    "NOTEBOOKS",
    "BatchResult",
    "ReportOptions",
    "execute_notebook",
    "export_html",
    "read_batch_tables",
    "run_batch",
    "write_metrics",
]
