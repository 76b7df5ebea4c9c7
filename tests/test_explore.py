"""The explorer: pure views on the seed story, the widgets, the static fallback, the notebook."""

from __future__ import annotations

import importlib.util
import json
import math
import re
import sys

import nbformat
import pytest
import storydiff
from storydiff import config
from storydiff.errors import ParameterError, StorydiffError
from storydiff.explore import (
    DEFAULT_MATCH_THRESHOLD,
    WIDGET_VIEW_MIMETYPE,
    comparison_summary,
    default_group,
    explorer,
    framing_categories,
    group_choices,
    group_details,
    highlight_category,
    resolve_story,
    story_choices,
)
from storydiff.reporting import execute_notebook, export_html
from storydiff.reporting.notebooks import static_widgets

NOTEBOOK = config.NOTEBOOKS_DIR / "explore.ipynb"
SCRIPT = "<script>alert('x')</script>"
IMAGE = '<img src=x onerror="alert(1)">'
HOSTILE_WIRE = (
    f"Two men were killed {SCRIPT} in a strike. A woman was wounded {IMAGE}.\n\nTalks went on."
)
HOSTILE_REWRITE = f"Two men died {SCRIPT} in a strike. A woman was hurt {IMAGE}.\n\nTalks went on."


@pytest.fixture(scope="module")
def seed():
    story = storydiff.load_story(config.EXAMPLE_STORY_DIR)
    return storydiff.compare(story["original"], story["rewrite"])


@pytest.fixture(scope="module")
def killed_group(seed) -> int:
    """The group of "two men were killed ..." (a) and "two men died ..." (b)."""
    return next(i for i, diff in enumerate(seed.diffs) if "two men were killed" in diff.a)


@pytest.fixture
def hostile_story(make_story):
    return make_story({"wire.txt": HOSTILE_WIRE, "rewrite.txt": HOSTILE_REWRITE}, name="hostile")


def _cells(html: str) -> list[str]:
    """The two text cells of highlight_category, a then b."""
    return re.findall(r'<td><div class="sd-fulltext">(.*?)</div></td>', html, flags=re.S)


# -- pure views -----------------------------------------------------------------------------------


def test_group_details_of_the_killed_group(seed, killed_group):
    html = group_details(seed, seed.framing, killed_group).data
    assert re.search(r'<del class="sd-del">[^<]*\bkilled\b[^<]*</del>', html)
    assert re.search(r'<ins class="sd-ins">[^<]*\bdied\b[^<]*</ins>', html)
    shift = next(s for s in seed.tone.shifts if s.group == killed_group)
    assert f"Tone shift (b − a): {shift.delta:+.3f}" in html
    assert f"{shift.a_compound:+.3f}" in html and f"{shift.b_compound:+.3f}" in html
    assert f"Group {killed_group}: {seed.aligned.groups[killed_group].label}" in html
    # casualty terms of that group: "killed" and "wounded" only in a, "died" and "injured" only in b
    row = re.search(r"<td[^>]*>casualty</td>.*?</tr>", html, flags=re.S).group()
    assert '<del class="sd-del">killed</del>' in row and '<ins class="sd-ins">died</ins>' in row
    assert "<mark" not in html  # no category chosen


def test_group_details_marks_the_chosen_category(seed, killed_group):
    html = group_details(seed, seed.framing, killed_group, category="casualty").data
    assert '<mark class="sd-mark"><del class="sd-del">killed</del></mark>' in html
    assert "Marked: the category casualty." in html


def test_group_details_of_an_added_group_has_no_tone_shift(seed):
    added = next(i for i, g in enumerate(seed.aligned.groups) if g.label == "added")
    html = group_details(seed, seed.framing, added).data
    assert "Tone shift: none, the group has sentences in one version only." in html
    assert "<ins" in html and "<del" not in html


def test_highlight_casualty_marks_killed_and_wounded_in_a(seed, killed_group):
    html = highlight_category(seed, seed.framing, "casualty", group=killed_group).data
    a_cell, b_cell = _cells(html)
    for term in ("killed", "wounded"):
        assert re.search(rf'<mark class="sd-mark" title="[a-z_]+">{term}</mark>', a_cell), term
    assert ">died</mark>" in b_cell and ">killed</mark>" not in b_cell
    count_a = (seed.framing.a.mentions["category"] == "casualty").sum()
    assert a_cell.count("<mark") == count_a
    assert f"{count_a} in a" in html
    assert a_cell.count('<span class="sd-focus">') == len(seed.aligned.groups[killed_group].a)


def test_highlight_without_category_marks_nothing_and_keeps_the_text(seed):
    html = highlight_category(seed, seed.framing, None).data
    a_cell, b_cell = _cells(html)
    assert "<mark" not in html and "sd-focus" not in html
    assert "Moscow-installed regional head Vladimir Saldo said." in a_cell
    assert b_cell.count("\n") == seed.b.text.count("\n")  # line breaks kept (pre-wrap)


def test_views_escape_every_text(hostile_story):
    story = storydiff.load_story(hostile_story)
    comparison = storydiff.compare(story["wire"], story["rewrite"])
    pages = [
        comparison_summary(comparison).data,
        highlight_category(comparison, comparison.framing, "casualty", group=0).data,
        *(
            group_details(comparison, comparison.framing, g, category="casualty").data
            for g in range(len(comparison.aligned.groups))
        ),
        explorer(hostile_story, category="casualty").to_html().data,
    ]
    for html in pages:
        assert "<script" not in html.replace("<style>", "") and "<img" not in html
    joined = "".join(pages)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in joined
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in joined
    assert ">killed</mark>" in pages[1]


@pytest.mark.parametrize(
    "group, category, message",
    [
        (
            -1,
            None,
            r"group=-1: the comparison has \d+ aligned groups; choose a number from 0 to \d+",
        ),
        (999, None, r"group=999:"),
        (True, None, r"group=True:"),
        ("3", None, r"group='3':"),
        (
            0,
            "nope",
            r"category='nope': the lexicon 'news' has no such category; choose one of: attribution, ",
        ),
    ],
)
def test_bad_view_choices_are_one_line_errors(seed, group, category, message):
    with pytest.raises(ParameterError, match=message) as caught:
        group_details(seed, seed.framing, group, category=category)
    assert "\n" not in str(caught.value)


def test_choices_and_defaults(seed):
    choices = group_choices(seed)
    assert [n for _, n in choices] == list(range(len(seed.aligned.groups)))
    assert all(len(label) < 100 for label, _ in choices)
    first = default_group(seed)
    assert seed.aligned.groups[first].label != "unchanged" and seed.aligned.groups[first].a
    assert "casualty" in framing_categories(seed.framing)
    assert config.EXAMPLE_STORY_ID in story_choices()
    assert story_choices(config.REPO_ROOT / "no-such-folder") == []
    assert resolve_story("") == config.EXAMPLE_STORY_DIR
    assert resolve_story(config.EXAMPLE_STORY_ID) == config.EXAMPLE_STORY_DIR


def test_unchanged_versions_show_group_zero():
    same = storydiff.compare("Two men died. Talks went on.", "Two men died. Talks went on.")
    assert default_group(same) == 0
    html = group_details(same, same.framing, 0).data
    assert "Tone shift (b − a): +0.000, b reads the same." in html
    assert "<del" not in html and "<ins" not in html


# -- the explorer -------------------------------------------------------------------------------


def test_explorer_defaults():
    view = explorer()
    assert (view.reference, view.compared) == ("original", "rewrite")
    assert view.match_threshold == DEFAULT_MATCH_THRESHOLD
    assert view.category is None and view.group == default_group(view.comparison)
    assert view.framing.a.version == "original"
    assert "Explorer(story='putin-peace-plan'" in repr(view)


def test_the_mimebundle_has_the_static_html_and_the_widget_view():
    pytest.importorskip("ipywidgets")
    view = explorer(category="casualty")
    bundle = view._repr_mimebundle_()
    assert bundle[WIDGET_VIEW_MIMETYPE]["model_id"] == view.widget.model_id
    assert bundle["text/plain"] == repr(view)
    html = bundle["text/html"]
    assert "A static view" in html and '<del class="sd-del">' in html and ">killed</mark>" in html
    assert "text/html" not in view._repr_mimebundle_(exclude={"text/html"})
    assert set(view._repr_mimebundle_(include={"text/html"})) == {"text/html"}


def test_without_ipywidgets_only_the_static_html(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import raises ImportError
    view = explorer()
    bundle = view._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    with pytest.raises(StorydiffError, match=r"ipywidgets is not installed.*pip install"):
        view.widget  # noqa: B018


def test_the_slider_recomputes_the_comparison():
    pytest.importorskip("ipywidgets")
    view = explorer()
    before, n_before, shown = view.comparison, len(view.comparison.aligned.groups), view.widget
    view.controls["match_threshold"].value = 0.7
    assert view.match_threshold == 0.7
    assert view.comparison is not before
    n_after = len(view.comparison.aligned.groups)
    assert n_after > n_before
    assert len(view.controls["group"].options) == n_after
    assert f"At match threshold 0.70, {n_after} aligned groups" in shown.children[-1].value
    assert view.widget is shown


def test_category_and_group_change_only_the_view(seed, killed_group):
    pytest.importorskip("ipywidgets")
    view = explorer()
    comparison, framing = view.comparison, view.framing
    output = view.widget.children[-1]
    view.controls["category"].value = "casualty"
    view.controls["group"].value = killed_group
    assert view.comparison is comparison and view.framing is framing
    assert (view.category, view.group) == ("casualty", killed_group)
    assert f"Group {killed_group}: " in output.value and ">killed</mark>" in output.value
    view.controls["category"].value = ""
    assert view.category is None and "<mark" not in output.value


def test_the_group_follows_its_sentences_when_the_threshold_changes(killed_group):
    view = explorer(group=killed_group)
    first = view.comparison.aligned.groups[killed_group].a[0]
    view.update(match_threshold=0.35)
    assert first in view.comparison.aligned.groups[view.group].a


def test_version_pickers_swap_and_bad_input_shows_an_error():
    pytest.importorskip("ipywidgets")
    view = explorer()
    view.controls["reference"].value = "rewrite"
    assert (view.reference, view.compared) == ("rewrite", "original")
    assert view.controls["compared"].value == "original"
    comparison = view.comparison
    status = view.widget.children[3]
    view.controls["story"].value = "/no/such/story"
    assert "Error:" in status.value and "/no/such/story" in status.value
    assert view.comparison is comparison and view.story.id == config.EXAMPLE_STORY_ID
    assert view.controls["story"].value != "/no/such/story"
    view.controls["match_threshold"].value = 0.3
    assert status.value == ""


def test_another_story_through_the_widget(hostile_story):
    pytest.importorskip("ipywidgets")
    view = explorer()
    view.controls["story"].value = str(hostile_story)
    assert view.story.id == "hostile" and (view.reference, view.compared) == ("rewrite", "wire")
    assert list(view.controls["reference"].options) == ["rewrite", "wire"]
    assert "&lt;script&gt;" in view.widget.children[-1].value
    assert "<script" not in view.widget.children[-1].value


@pytest.mark.parametrize(
    "options, message",
    [
        (
            {"reference": "nope"},
            r"reference='nope': story 'putin-peace-plan' has no such version; choose one of: original, rewrite",
        ),
        (
            {"reference": "rewrite", "compared": "rewrite"},
            r"reference and compared are both 'rewrite'",
        ),
        (
            {"match_threshold": 1.5},
            r"match_threshold=1.5: give a number from 0 to 1 \(the default is 0.2\)",
        ),
        ({"match_threshold": -0.1}, r"match_threshold=-0.1:"),
        ({"match_threshold": math.nan}, r"match_threshold=nan:"),
        ({"match_threshold": True}, r"match_threshold=True:"),
        ({"match_threshold": "0.3"}, r"match_threshold='0.3':"),
        ({"category": "nope"}, r"category='nope': the lexicon 'news' has no such category"),
        ({"group": 10_000}, r"group=10000: the comparison has \d+ aligned groups"),
        ({"story": 42}, r"story takes a folder or file path \(or a Story\), got int"),
    ],
)
def test_bad_parameters_are_one_line_parameter_errors(options, message):
    with pytest.raises(ParameterError, match=message) as caught:
        explorer(**options)
    assert "\n" not in str(caught.value)


def test_a_missing_story_is_a_one_line_error(tmp_path):
    with pytest.raises(StorydiffError) as caught:
        explorer(tmp_path / "missing")
    assert "missing" in str(caught.value) and "\n" not in str(caught.value)


def test_a_failed_update_changes_nothing():
    view = explorer(category="casualty")
    state = (view.comparison, view.framing, view.category, view.group, view.match_threshold)
    for bad in ({"match_threshold": 2}, {"compared": "nope"}, {"category": "nope"}):
        with pytest.raises(ParameterError):
            view.update(**bad)
        assert (
            view.comparison,
            view.framing,
            view.category,
            view.group,
            view.match_threshold,
        ) == state
    view.update(lexicon="violence")
    assert view.comparison is state[0] and view.framing is not state[1]
    assert framing_categories(view.framing) == ("violence", "casualty")


def test_an_explorer_of_a_story_object():
    story = storydiff.Story.from_texts({"wire": HOSTILE_WIRE, "rewrite": HOSTILE_REWRITE})
    view = explorer(story, reference="rewrite")
    assert (view.reference, view.compared) == ("rewrite", "wire")
    assert view.update(match_threshold=0.5).story is story


# -- the export and the notebook ------------------------------------------------------------------


def test_static_widgets_keeps_the_static_rendering():
    notebook = nbformat.v4.new_notebook(metadata={"widgets": {"state": {}}})
    output = nbformat.v4.new_output(
        "display_data",
        data={"text/html": "<p>static</p>", WIDGET_VIEW_MIMETYPE: {"model_id": "x"}},
    )
    notebook.cells.append(nbformat.v4.new_code_cell("view", outputs=[output]))
    cleaned, _ = static_widgets(notebook, {})
    assert "widgets" not in cleaned.metadata
    assert set(cleaned.cells[0].outputs[0].data) == {"text/html"}


def test_the_notebook_is_clean_with_typed_parameters():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for line in tagged[0].source.splitlines()[1:]:
        assert re.match(r"^\w+: (str|int|float|bool|dict) = .+  # ", line), line
        assert "=" not in line.split("  # ", 1)[1], f"papermill skips a comment with '=': {line}"
    assert f"match_threshold: float = {DEFAULT_MATCH_THRESHOLD}  #" in tagged[0].source
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "\ndef " not in code and "\nclass " not in code
    assert not any(c.get("outputs") or c.get("execution_count") for c in notebook.cells)


def test_the_notebook_under_papermill_falls_back_to_the_static_view():
    executed = execute_notebook(str(NOTEBOOK), {})
    outputs = [o for cell in executed.cells for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    (shown,) = [o for o in outputs if "text/html" in o.get("data", {})]
    static = shown.data["text/html"]
    assert "A static view" in static and '<del class="sd-del">' in static
    if importlib.util.find_spec("ipywidgets") is not None:
        assert WIDGET_VIEW_MIMETYPE in shown.data  # JupyterLab would show the live widgets
    page = export_html(executed)
    group = re.search(r"Group (\d+): ", static).group()
    assert group in page and '<del class="sd-del">' in page and "A static view" in page
    assert "<script" not in page and WIDGET_VIEW_MIMETYPE not in page
    assert "widget-state" not in page


def test_the_notebook_with_parameters_on_a_hostile_story(hostile_story):
    executed = execute_notebook(
        str(NOTEBOOK),
        {"story": str(hostile_story), "category": "casualty", "group": 0, "match_threshold": 0.3},
    )
    assert '"output_type": "error"' not in json.dumps(
        [c.get("outputs", []) for c in executed.cells]
    )
    page = export_html(executed)
    assert "Group 0: " in page and ">killed</mark>" in page and "match threshold 0.30" in page
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page  # escaped as shown
