"""Import jsonschema (and so nbformat, papermill, nbconvert) without its IRI syntax parsers.

nbformat validates notebooks with ``jsonschema``. When ``rfc3987-syntax`` is installed, as it is
wherever JupyterLab is (jupyter-events asks for ``jsonschema[format-nongpl]``), importing
jsonschema imports it too, and it builds about forty Lark parsers for the ``iri`` and
``iri-reference`` formats: about 0.9 s of the 1.0 s that ``import nbformat`` takes, in every
``storydiff report`` or ``storydiff lessons`` command and every batch worker. No notebook schema
uses those formats (and nbformat validates without a format checker), so the driver imports
jsonschema with that one module hidden, for that import only: jsonschema then leaves the two
formats unchecked in this process, as it does wherever ``rfc3987-syntax`` is not installed, and
``rfc3987_syntax`` itself stays importable afterwards.

Report kernels never import jsonschema; only the processes that run and export notebooks call
:func:`import_jsonschema`.

Examples
--------
>>> import sys
>>> import_jsonschema()
>>> "jsonschema" in sys.modules and sys.modules.get("rfc3987_syntax", "absent") is not None
True
"""

from __future__ import annotations

import sys

HIDDEN = "rfc3987_syntax"
"""The module jsonschema would import for the ``iri`` formats."""


def import_jsonschema() -> None:
    """Import jsonschema once, without :data:`HIDDEN`; nothing to do if it is loaded already.

    Call it before the first import of nbformat, papermill or nbconvert in a process.
    """
    if "jsonschema" in sys.modules:
        return
    hide = HIDDEN not in sys.modules
    if hide:
        sys.modules[HIDDEN] = None  # an import of it now raises ImportError
    try:
        import jsonschema  # noqa: F401, PLC0415
    finally:
        if hide and sys.modules.get(HIDDEN, "absent") is None:
            del sys.modules[HIDDEN]
