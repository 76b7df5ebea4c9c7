"""Figures drawn once for the inline display: the same SVG as matplotlib's two-draw path."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from IPython.core.pylabtools import print_figure  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from storydiff import config, load_story, plots  # noqa: E402
from storydiff.compare import compare, compare_story  # noqa: E402
from storydiff.framing import compare_framing  # noqa: E402
from storydiff.metrics import story_metrics  # noqa: E402
from storydiff.notebook import SVG_OPTIONS, figure_svg  # noqa: E402
from storydiff.reporting import execute_notebook  # noqa: E402

from .test_align import UNRELATED  # noqa: E402

THREE_OUTLETS = "drone-strike-three-outlets"


@pytest.fixture(autouse=True)
def report_settings():
    """The rcParams :func:`storydiff.notebook.setup_notebook` sets, for this module only."""
    settings = {"figure.dpi": 110, "svg.fonttype": "none", "svg.hashsalt": "storydiff"}
    with matplotlib.rc_context(settings):
        yield
    plt.close("all")


@pytest.fixture(scope="module")
def seed(example_story):
    return compare(example_story["original"], example_story["rewrite"])


def _edit_figure(comparison):
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.4), layout="constrained")
    plots.plot_edit_labels(comparison, ax=left)
    plots.plot_reuse_shares(comparison, ax=right)
    return fig


def _similarity_distribution(_):
    rng = np.random.default_rng(7)
    labels = ["wholly-derived", "partially-derived", "non-derived"]
    metrics = pd.DataFrame(
        {"tfidf_cosine": rng.uniform(0, 1, 60), "reuse_label": rng.choice(labels, 60)}
    )
    return plots.plot_similarity_distribution(metrics, by="reuse_label").figure


def _user_additions(comparison):
    """A returned axes a reader adds to, as one does in JupyterLab."""
    ax = plots.plot_distinctive_terms(comparison.lexical)
    ax.set_title("A much longer title that a reader typed in, which the layout must fit")
    ax.set_xlabel("z score (log-odds with an informative prior)")
    ax.annotate("note", (0.5, 0.5), xycoords="axes fraction")
    return ax.figure


def _layout(kind, *, colorbar: bool = True):
    def make(_):
        fig, axes = plt.subplots(2, 2, layout=kind)
        for i, ax in enumerate(axes.flat):
            image = ax.imshow(np.arange(12.0).reshape(3, 4) * (i + 1))
            ax.set_title(f"panel {i} <b>&</b>")
            ax.set_ylabel("a long label\non two lines")
        if colorbar:
            fig.colorbar(image, ax=axes)
        fig.suptitle("a figure title")
        return fig

    return make


FIGURES = {
    "edit labels and reuse": lambda c: _edit_figure(c["seed"]),
    "distinctive terms": lambda c: plots.plot_distinctive_terms(c["seed"].lexical).figure,
    "tone arc": lambda c: plots.plot_tone_arc(c["seed"].tone).figure,
    "tone shifts": lambda c: plots.plot_tone_shifts(c["seed"].tone).figure,
    "framing rates": lambda c: plots.plot_framing_rates(c["framing"]).figure,
    "similarity matrix, colorbar": lambda c: plots.plot_similarity_matrix(c["outlets"]).figure,
    "framing across versions": lambda c: (
        plots.plot_framing_across_versions(story_metrics(c["outlets"]).framing).figure
    ),
    "similarity distribution": _similarity_distribution,
    "nothing to show (unrelated)": lambda c: _edit_figure(c["unrelated"]),
    "tone of unrelated texts": lambda c: plots.plot_tone_shifts(c["unrelated"].tone).figure,
    "axes a reader added to": lambda c: _user_additions(c["seed"]),
    "constrained, colorbar, suptitle": _layout("constrained"),
    "compressed": _layout("compressed"),
    "tight": _layout("tight", colorbar=False),
    "no layout engine": _layout(None),
}


@pytest.fixture(scope="module")
def context(seed, example_story):
    """What the figures draw: the seed pair, three outlets' story, an unrelated pair."""
    return {
        "seed": seed,
        "outlets": compare_story(load_story(config.DATA_DIR / "stories" / THREE_OUTLETS)),
        "unrelated": compare(example_story["original"], UNRELATED),
        "framing": compare_framing(seed),
    }


@pytest.mark.parametrize("name", FIGURES)
def test_a_figure_drawn_once_is_the_svg_drawn_twice(name, context):
    """Each figure is built twice the same way: one goes through matplotlib's own path (a
    layout draw without output, then the real draw), the other through ``figure_svg``."""
    stock_figure = FIGURES[name](context)
    stock = print_figure(stock_figure, "svg", **SVG_OPTIONS)
    plt.close("all")
    figure = FIGURES[name](context)
    engine, canvas = figure.get_layout_engine(), figure.canvas
    svg = figure_svg(figure)
    assert svg.startswith("<?xml") and len(svg) > 1_000
    assert svg == stock
    # The figure keeps its engine, canvas and dpi.
    assert (figure.get_layout_engine(), figure.canvas, figure.dpi) == (engine, canvas, 110)
    figure.canvas.draw()  # and draws again, as when a reader calls fig.savefig later


def test_the_layout_engine_is_kept_under_layout_rc_settings():
    """With rc settings that make every figure laid out, the engine is taken away for the one
    draw only, and the figure keeps its own."""
    with matplotlib.rc_context({"figure.constrained_layout.use": True}):
        figure = plt.figure()
        figure.subplots().set_title("laid out by rc")
        engine = figure.get_layout_engine()
        twin = plt.figure()
        twin.subplots().set_title("laid out by rc")
        assert figure_svg(figure) == print_figure(twin, "svg", **SVG_OPTIONS)
        assert figure.get_layout_engine() is engine and engine is not None
        assert figure.dpi == twin.dpi == 110


def test_a_figure_without_axes_shows_nothing():
    assert figure_svg(Figure(layout="constrained")) is None
    assert figure_svg(Figure()) is None


def test_report_kernels_display_figures_through_figure_svg(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "from IPython import get_ipython\n"
            "from matplotlib.figure import Figure\n"
            "import matplotlib.pyplot as plt\n"
            "from storydiff.notebook import setup_notebook\n"
            "setup_notebook()\n"
            "formatter = get_ipython().display_formatter.formatters['image/svg+xml']\n"
            "print(formatter.lookup_by_type(Figure).__module__,"
            " formatter.lookup_by_type(Figure).__name__)\n"
            "fig, ax = plt.subplots(layout='constrained')\n"
            "ax.set_title('<script>alert(1)</script>')"
        )
    ]
    path = tmp_path / "figure.ipynb"
    nbformat.write(notebook, path)
    executed = execute_notebook(str(path), {})
    outputs = executed.cells[0].outputs
    assert outputs[0]["text"] == "storydiff.notebook figure_svg\n"
    svgs = [o["data"]["image/svg+xml"] for o in outputs if "image/svg+xml" in o.get("data", {})]
    assert len(svgs) == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svgs[0] and "<script>" not in svgs[0]


def test_a_reader_who_asks_for_tight_bounding_boxes_gets_the_same_svg(context):
    """``savefig.bbox = "tight"`` set after setup_notebook: both paths crop the same way."""
    with matplotlib.rc_context({"savefig.bbox": "tight"}):
        stock = print_figure(_edit_figure(context["seed"]), "svg", **SVG_OPTIONS)
        plt.close("all")
        svg = figure_svg(_edit_figure(context["seed"]))
    plt.close("all")
    standard = figure_svg(_edit_figure(context["seed"]))
    assert svg == stock
    assert svg != standard  # cropped: another size than the figure's own
