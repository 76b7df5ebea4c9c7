"""storydiff.notebook: what a report notebook's first cell sets up."""

from __future__ import annotations

import textwrap

import pytest
from storydiff import config, load_story
from storydiff.errors import ParameterError
from storydiff.notebook import choose_pair

from .conftest import python_output


def _run(code: str) -> list[str]:
    """Run `code` in a new interpreter (the freeze is once per process); the words it printed."""
    return python_output("-c", textwrap.dedent(code)).split()


def test_setup_notebook_freezes_what_was_imported_once():
    out = _run(
        """
        import gc
        import pandas
        from storydiff.notebook import freeze_imports, setup_notebook
        before = gc.get_freeze_count()
        setup_notebook()
        first = gc.get_freeze_count()
        import weakref
        class Node: pass
        node = Node(); node.self = node; alive = weakref.ref(node)
        setup_notebook()  # a second report in the same kernel
        print(before, first > 10_000, gc.get_freeze_count() == first, freeze_imports())
        del node
        gc.collect()  # a cycle made after the freeze is still collected
        print(alive() is None)
        """
    )
    assert out == ["0", "True", "True", "False", "True"]


def test_frozen_imports_leave_a_report_kernel_collecting(tmp_path):
    """In a real report kernel: frozen after its first cell, and full collections still work."""
    import nbformat
    from storydiff.reporting import execute_notebook

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import gc\nimport storydiff.plots\nfrom storydiff.notebook import setup_notebook\n"
            "setup_notebook()"
        ),
        nbformat.v4.new_code_cell(
            "import weakref\nclass Node: pass\nnode = Node(); node.self = node\n"
            "alive = weakref.ref(node); del node; gc.collect()\n"
            "print(gc.get_freeze_count() > 10_000, alive() is None)"
        ),
    ]
    path = tmp_path / "freeze.ipynb"
    nbformat.write(notebook, path)
    executed = execute_notebook(str(path), {}, cwd=tmp_path)
    text = "".join(o.get("text", "") for o in executed.cells[-1].outputs)
    assert text.split() == ["True", "True"]


def test_choose_pair_defaults_and_errors():
    story = load_story(config.EXAMPLE_STORY_DIR)
    assert choose_pair(story) == ("original", "rewrite")
    assert choose_pair(story, "", "rewrite") == ("original", "rewrite")
    with pytest.raises(ParameterError, match="no such version; choose one of: original"):
        choose_pair(story, "draft")
    with pytest.raises(ParameterError, match="both 'original'"):
        choose_pair(story, "original", "original")


def test_a_storydiff_error_is_shown_as_its_line_and_left_for_tb_and_debug():
    import sys  # noqa: PLC0415

    from storydiff.errors import ParameterError  # noqa: PLC0415
    from storydiff.notebook import _one_line_error  # noqa: PLC0415

    shown = []

    class Shell:
        def _showtraceback(self, etype, value, lines):
            shown.append(lines)

    error = ParameterError("context must be a whole number >= 0, got -3")
    _one_line_error(Shell(), ParameterError, error, None)
    assert shown == [["ParameterError: context must be a whole number >= 0, got -3"]]
    assert sys.last_value is error and sys.last_type is ParameterError
