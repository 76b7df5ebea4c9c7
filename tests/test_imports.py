"""Kernel start-up stays cheap: heavy libraries load only where a feature uses them.

Each check runs in a fresh interpreter and looks at ``sys.modules``; it asserts what is
imported, never how long it takes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from storydiff import config

HEAVY = (
    "IPython",
    "bs4",
    "ipywidgets",
    "matplotlib",
    "nbconvert",
    "nbformat",
    "nltk",
    "papermill",
    "scipy",
    "sklearn",
    "vaderSentiment",
    "wordfreq",
)
"""Libraries that take a noticeable part of a second or more to import."""


def _loaded_after(code: str) -> set[str]:
    """The libraries of :data:`HEAVY` loaded once *code* has run in a fresh interpreter."""
    probe = (
        f"{code}\nimport json, sys\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=config.REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    ("code", "allowed"),
    [
        ("import storydiff", set()),
        ("import storydiff.reporting", set()),
        ("import storydiff.metrics, storydiff.explore, storydiff.teaching", set()),
        (
            "import storydiff.framing, storydiff.tone, storydiff.lexical, storydiff.entities, "
            "storydiff.numbers, storydiff.quotes, storydiff.notebook, storydiff.provenance",
            set(),
        ),
        ("from storydiff import plots, views", {"matplotlib"}),
    ],
)
def test_importing_loads_no_heavy_library(code, allowed):
    assert _loaded_after(code) <= allowed


@pytest.mark.parametrize(
    "code",
    [
        "import storydiff",
        "import storydiff.cli",
        "import storydiff.corpus, storydiff.corpus.modes",
        "import storydiff.reporting, storydiff.reporting.kernels",
    ],
)
def test_the_command_line_and_the_packages_load_no_pandas(code):
    """What ``storydiff report`` imports before it starts its kernel: no pandas, no numpy (the
    package's names are imported on first use, see storydiff.lazy)."""
    assert _run(f"{code}\nimport sys\nprint('pandas' in sys.modules, 'numpy' in sys.modules)") == (
        "False False"
    )


@pytest.mark.parametrize(
    "first",
    ["import storydiff.compare", "from storydiff.compare import Comparison", "import storydiff"],
)
def test_a_function_named_as_its_module_stays_the_packages_name(first):
    """``storydiff.compare`` and ``storydiff.inline_diff`` are the functions, whichever import
    of their modules came first, and the lazy names are the same objects as the modules'."""
    code = (
        f"{first}\n"
        "import storydiff, storydiff.inline_diff, storydiff.compare as named\n"
        "from storydiff import compare, inline_diff, load_story\n"
        "import storydiff.reading\n"
        "print(type(storydiff.compare).__name__, type(storydiff.inline_diff).__name__,\n"
        "      named is compare, storydiff.load_story is storydiff.reading.load_story)"
    )
    assert _run(code) == "function function True True"


def test_an_unknown_name_is_an_attribute_error_and_a_submodule_is_imported():
    import storydiff

    with pytest.raises(AttributeError, match="module 'storydiff' has no attribute 'nope'"):
        _ = storydiff.nope
    with pytest.raises(AttributeError, match="has no attribute '_lazy'"):
        _ = storydiff._lazy
    assert {"compare", "load_story", "config"} <= set(dir(storydiff))
    code = "import storydiff, storydiff.corpus\nprint(storydiff.framing.__name__, storydiff.corpus.run.__name__)"
    assert _run(code) == "storydiff.framing storydiff.corpus.run"


def test_a_comparison_report_never_imports_nltk_sklearn_bs4_or_widgets():
    """What the compare_versions notebook computes: NLTK (the stems are storydiff's own),
    scikit-learn (the stop words are shipped, the TF-IDF computed on the sparse arrays),
    Beautiful Soup (the texts are plain) and ipywidgets stay out of the kernel."""
    code = (
        "import storydiff\n"
        "from storydiff.framing import compare_framing\n"
        "story = storydiff.load_story(storydiff.config.EXAMPLE_STORY_DIR)\n"
        "c = storydiff.compare(story['original'], story['rewrite'])\n"
        "compare_framing(c, 'news'); c.lexical; c.tone; c.quotes; c.numbers; c.entities\n"
    )
    loaded = _loaded_after(code)
    assert not loaded & {
        "nltk",
        "sklearn",
        "bs4",
        "ipywidgets",
        "papermill",
        "nbconvert",
        "IPython",
    }


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=config.REPO_ROOT
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


IRI_PROBE = "import sys; print('rfc3987_syntax' in sys.modules, 'jsonschema' in sys.modules)"


@pytest.mark.parametrize(
    "first_use",
    [
        "from storydiff.reporting import execute_notebook\n"
        "try:\n    execute_notebook('missing.ipynb', {})\nexcept Exception:\n    pass",
        "from storydiff.reporting.notebooks import _html_exporter\n_html_exporter(False)",
        "from storydiff.reporting.kernels import register_engine\nregister_engine()",
        "from storydiff.reporting.batch import _warm_worker\n_warm_worker(reuse_kernels=False)",
    ],
    ids=["execute_notebook", "export_html", "kept-kernel engine", "batch worker"],
)
def test_the_driver_imports_jsonschema_without_its_iri_parsers(first_use):
    """``rfc3987_syntax`` (installed with JupyterLab) builds its parsers for about 0.9 s when
    jsonschema imports it; every way into papermill or nbconvert leaves it out."""
    assert _run(f"{first_use}\n{IRI_PROBE}") == "False True"


def test_iri_parsers_stay_importable_and_notebooks_are_still_validated():
    code = (
        "from storydiff.reporting.schema_import import import_jsonschema\n"
        "import_jsonschema()\n"
        "import importlib.util, nbformat\n"
        "notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])\n"
        "nbformat.validate(notebook)\n"
        "notebook.cells[0]['cell_type'] = 'kode'\n"
        "try:\n    nbformat.validate(notebook)\n    caught = False\n"
        "except nbformat.ValidationError:\n    caught = True\n"
        "installed = importlib.util.find_spec('rfc3987_syntax') is not None\n"
        "if installed:\n    import rfc3987_syntax\n"
        "print(caught, installed)"
    )
    caught, installed = _run(code).split()
    assert caught == "True"
    if installed != "True":
        pytest.skip("rfc3987-syntax is not installed here: nothing is hidden")


def test_jsonschema_imported_before_storydiff_is_left_as_it_is():
    code = (
        "import jsonschema, sys\n"
        "from storydiff.reporting.schema_import import import_jsonschema\n"
        "before = 'rfc3987_syntax' in sys.modules\n"
        "import_jsonschema()\n"
        "print(before == ('rfc3987_syntax' in sys.modules))"
    )
    assert _run(code) == "True"


@pytest.mark.parametrize("package", ["storydiff", "storydiff.reporting", "storydiff.corpus"])
def test_type_checkers_see_the_same_names_as_the_lazy_package(package):
    """The names a lazy package gives (its ``_EXPORTS``) are those its ``TYPE_CHECKING`` block
    imports for type checkers and editors, from the same modules."""
    import ast
    import importlib

    module = importlib.import_module(package)
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    checked = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                for alias in statement.names:
                    checked[alias.name] = statement.module
    assert checked == module._EXPORTS
    public = set(module._EXPORTS) | ({"config"} if package == "storydiff" else set())
    assert set(module.__all__) == public
