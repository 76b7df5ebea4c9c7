"""Every report notebook runs under papermill on small inputs, and exports to offline HTML."""

from __future__ import annotations

import json

import nbformat
import pandas as pd
import pytest
from storydiff import config
from storydiff.reporting import NOTEBOOKS, execute_notebook, export_html
from storydiff.reporting.notebooks import KERNEL_NAME, NotebookFailed, notebook_path

from .conftest import load_bench_script

WIRE = (
    "Officials said two men were killed in a drone strike on Tuesday. "
    '"We will rebuild," the mayor, Anna Kovalenko, said. Six people were injured.\n\n'
    "The strike damaged dozens of homes."
)
REWRITE = (
    "Two men died in a drone strike on Tuesday, officials stated. "
    "Six people were hurt and over 40 residential buildings were damaged.\n\n"
    '"We will rebuild," Kovalenko said.'
)
THIRD = "A drone strike on Tuesday killed two men. The mayor promised to rebuild."


@pytest.fixture
def small_story(make_story):
    return make_story({"wire.txt": WIRE, "rewrite.txt": REWRITE}, name="small")


def _markup(html: str) -> str:
    """The page without its style sheets (which name every class, used or not)."""
    import re

    return re.sub(r"<style.*?</style>", "", html, flags=re.S)


def _outputs(notebook) -> str:
    """Every output of every cell, as one string (errors included)."""
    return json.dumps([cell.get("outputs", []) for cell in notebook.cells])


def test_notebooks_are_committed_clean_with_one_parameters_cell():
    for name in NOTEBOOKS:
        notebook = nbformat.read(notebook_path(name), as_version=4)
        tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, name
        assert all(
            not c.get("outputs") and not c.get("execution_count")
            for c in notebook.cells
            if c.cell_type == "code"
        ), name
        code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
        assert "\ndef " not in code and "\nclass " not in code, f"{name}: logic belongs in lib/"
        assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith(
            "# "
        )


def test_compare_versions_runs_on_a_small_story(small_story):
    executed = execute_notebook(
        "compare_versions", {"story": str(small_story), "reference": "wire", "hide_code": True}
    )
    outputs = _outputs(executed)
    assert '"output_type": "error"' not in outputs
    assert "image/svg+xml" in outputs  # the figures
    html = export_html(executed)
    for heading in (
        "Overview",
        "The two versions side by side",
        "Added, dropped and moved",
        "Distinctive words",
        "Tone",
        "Framing",
        "Quotes",
        "Numbers",
        "People, places and organizations",
        "Method notes",
        "Provenance",
    ):
        assert f">{heading}" in html, heading
    assert "Kovalenko" in html and "dozens of homes" in html
    assert "<script" not in html  # code hidden, nothing loaded: no script at all
    assert "cdnjs" not in html and "mathjax" not in html.lower()
    assert "jp-InputArea-editor" not in _markup(html)  # code cells hidden


def test_show_code_keeps_the_code(small_story):
    executed = execute_notebook("compare_versions", {"story": str(small_story), "hide_code": False})
    assert "jp-InputArea-editor" in _markup(export_html(executed))
    assert "jp-InputArea-editor" not in _markup(export_html(executed, show_code=False))


def test_story_overview_runs_on_three_versions(make_story):
    folder = make_story({"1-wire.txt": WIRE, "2-rewrite.txt": REWRITE, "3-brief.txt": THIRD})
    executed = execute_notebook("story_overview", {"story": str(folder)})
    outputs = _outputs(executed)
    assert '"output_type": "error"' not in outputs
    assert "3-brief" in outputs and "image/svg+xml" in outputs


def test_a_bad_parameter_fails_with_one_line(small_story):
    with pytest.raises(
        NotebookFailed, match=r"ParameterError: reference='nope'.*choose one of: rewrite, wire"
    ):
        execute_notebook("compare_versions", {"story": str(small_story), "reference": "nope"})


def test_a_bad_context_fails_with_one_line(small_story):
    with pytest.raises(
        NotebookFailed,
        match=r'ParameterError: context must be a whole number >= 0, "auto" or "all", got -3',
    ):
        execute_notebook("compare_versions", {"story": str(small_story), "context": -3})


def test_thresholds_given_as_text_by_papermill_are_read_as_json(small_story):
    executed = execute_notebook(
        "compare_versions", {"story": str(small_story), "thresholds": '{"moved_threshold": 0.6}'}
    )
    assert '"output_type": "error"' not in _outputs(executed)
    with pytest.raises(NotebookFailed, match=r"ParameterError: thresholds must be a mapping"):
        execute_notebook("compare_versions", {"story": str(small_story), "thresholds": "x=1"})


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        (
            {"show_unchanged": "no"},
            "ParameterError: show_unchanged must be True or False, got 'no'",
        ),
        ({"lexicon": "nosuchlex"}, "ParameterError: unknown lexicon 'nosuchlex'; valid names"),
    ],
)
def test_a_storydiff_error_in_a_cell_is_shown_as_one_line(
    small_story, tmp_path, parameters, message
):
    """The cell fails, and shows the error's one line, not a traceback through the library."""
    papermill = pytest.importorskip("papermill")
    executed = tmp_path / "out.ipynb"
    with pytest.raises(papermill.PapermillExecutionError):
        papermill.execute_notebook(
            str(notebook_path("compare_versions")),
            str(executed),
            parameters={"story": str(small_story), **parameters},
            progress_bar=False,
            kernel_name=KERNEL_NAME,
        )
    errors = [
        output
        for cell in nbformat.read(executed, as_version=4).cells
        for output in cell.get("outputs", [])
        if output["output_type"] == "error"
    ]
    assert len(errors) == 1 and len(errors[0]["traceback"]) == 1
    assert errors[0]["traceback"][0].startswith(message)
    assert "\n" not in errors[0]["traceback"][0]


@pytest.mark.parametrize("name", ["compare_versions", "story_overview"])
def test_a_warning_is_shown_once_as_a_notice(make_story, name):
    """A version's warning showed twice: as the notebook's notice and as raw standard error."""
    folder = make_story(
        {
            "1-wire.txt": WIRE,
            "2-rewrite.txt": REWRITE.replace("buildings", "caf\u00e9s").encode("cp1252"),
        }
    )
    executed = execute_notebook(name, {"story": str(folder)})
    outputs = [output for cell in executed.cells for output in cell.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "stream" and o["name"] == "stderr"]
    html = ["".join(o.get("data", {}).get("text/html", "")) for o in outputs]
    notices = [h for h in html if '<div class="sd-notice sd-notice-warning"' in h]
    assert len(notices) == 1 and "2-rewrite.txt: not valid UTF-8" in notices[0]


def test_unknown_notebook_name():
    with pytest.raises(
        ValueError, match="unknown notebook 'nope'; choose one of: compare_versions"
    ):
        notebook_path("nope")


def test_example_story_is_the_default():
    notebook = nbformat.read(notebook_path("compare_versions"), as_version=4)
    parameters = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    assert 'story: str = ""' in parameters.source
    assert config.EXAMPLE_STORY_DIR.is_dir()


def test_corpus_overview_runs_on_a_small_batch_of_tables(tmp_path):
    from storydiff import Story
    from storydiff.metrics import story_metrics

    results = [
        story_metrics(Story.from_texts({"wire": WIRE, "rewrite": REWRITE}, story_id="s1")),
        story_metrics(Story.from_texts({"wire": WIRE, "brief": THIRD}, story_id="s2")),
    ]
    for name in ("pairs", "versions", "framing"):
        frames = [getattr(r, name) for r in results]
        pd.concat(frames).to_csv(tmp_path / f"{name}.csv", index=name == "versions")
    pd.DataFrame(
        [
            {"story": "s1", "status": "ok", "error": ""},
            {"story": "s3", "status": "failed", "error": "b.txt: the text is empty"},
        ]
    ).to_csv(tmp_path / "stories.csv", index=False)
    executed = execute_notebook("corpus_overview", {"metrics_dir": str(tmp_path)})
    outputs = _outputs(executed)
    assert '"output_type": "error"' not in outputs
    assert "b.txt: the text is empty" in outputs and "image/svg+xml" in outputs


def test_corpus_overview_of_a_folder_that_is_not_a_reports_folder_is_one_line(small_story):
    with pytest.raises(NotebookFailed, match=r"small: not a reports folder \(no stories.csv\)"):
        execute_notebook("corpus_overview", {"metrics_dir": str(small_story)})


def test_compare_versions_folds_a_long_document(make_story):
    clauses = [
        f"Clause {n} sets the fee for permit class {n % 13} at {n + 40} dollars."
        for n in range(450)
    ]
    revised = [*clauses[:200], "Clause 200 waives the fee for permit class 5.", *clauses[201:]]
    folder = make_story({"1-bill.txt": "\n\n".join(clauses), "2-amended.txt": "\n\n".join(revised)})
    executed = execute_notebook("compare_versions", {"story": str(folder)})
    html = export_html(executed)
    assert html.count('<tr class="sd-fold">') == 2 and html.count('<tr class="sd-row') == 7
    assert "⋯ 197 unchanged sentences folded: a: 1-bill [0–196], b: 2-amended [0–196]" in html
    # asked for every group, the notebook shows them all
    executed = execute_notebook("compare_versions", {"story": str(folder), "context": "all"})
    html = export_html(executed)
    assert 'class="sd-fold"' not in html and html.count('<tr class="sd-row') == 450


def test_the_long_reports_benchmark_runs(tmp_path):
    bench = load_bench_script("long_reports")
    result = bench.run(600, "sparse", seed=1, work=tmp_path, chromium=None)
    assert result["seconds"] > 0 and result["peak_mb"] > 50
    # 600 groups, a few stretches revised: the side-by-side text is folded to a small part
    assert 0 < result["side by side"] < 0.1 * result["page_mb"]
    assert 0 < result["tone figures"] < result["page_mb"] < 2
    assert 0 < result["rows"] <= 400 and result["sections"] == 0  # folded: one table
