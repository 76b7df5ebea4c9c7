"""Charts of comparison results: what is drawn, on the seed story and on degenerate comparisons."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from storydiff import plots  # noqa: E402
from storydiff.align import LABELS  # noqa: E402
from storydiff.compare import SHARE_CLASSES, compare, compare_story  # noqa: E402
from storydiff.errors import ParameterError  # noqa: E402
from storydiff.metrics import story_metrics  # noqa: E402
from storydiff.story import Story, Version  # noqa: E402

from .test_align import UNRELATED  # noqa: E402

A_COLOR, B_COLOR = plots.VERSION_COLORS


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def seed(example_story):
    return compare(example_story["original"], example_story["rewrite"])


@pytest.fixture(scope="module")
def identical(example_story):
    version = example_story["rewrite"]
    return compare(version, Version("copy", version.text))


@pytest.fixture(scope="module")
def unrelated(example_story):
    return compare(example_story["original"], UNRELATED)


@pytest.fixture(scope="module")
def single():
    return compare("Two men died, officials said.", "Two men were killed, officials claimed.")


def ticks(axis_labels) -> list[str]:
    return [label.get_text() for label in axis_labels]


def legend_texts(ax) -> list[str]:
    return [text.get_text() for text in ax.get_legend().get_texts()]


def note(ax) -> str:
    """The "nothing to show" note of an axes, or '' when the chart was drawn."""
    found = [t.get_text() for t in ax.texts if t.get_text().startswith("nothing to show")]
    return found[0] if found else ""


def version_lines(ax):
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]


def scatter(ax, label: str) -> np.ndarray:
    (collection,) = [c for c in ax.collections if c.get_label() == label]
    return np.asarray(collection.get_offsets())


# -- one call per function, for the checks every function must pass ------------------------------

CALLS = {
    "distinctive_terms": lambda c, ax: plots.plot_distinctive_terms(c.lexical, ax=ax),
    "tone_arc": lambda c, ax: plots.plot_tone_arc(c.tone, ax=ax),
    "tone_shifts": lambda c, ax: plots.plot_tone_shifts(c.tone, ax=ax),
    "framing_rates": lambda c, ax: plots.plot_framing_rates(c.framing, ax=ax),
    "framing_subcategories": lambda c, ax: plots.plot_framing_rates(
        c.framing, subcategories=True, ax=ax
    ),
    "edit_labels": lambda c, ax: plots.plot_edit_labels(c, ax=ax),
    "reuse_shares": lambda c, ax: plots.plot_reuse_shares(c, ax=ax),
    "similarity_matrix": lambda c, ax: plots.plot_similarity_matrix(
        pd.DataFrame(np.eye(2), index=[c.a.id, c.b.id], columns=[c.a.id, c.b.id]), ax=ax
    ),
    "similarity_distribution": lambda c, ax: plots.plot_similarity_distribution(
        pd.DataFrame([c.similarity.to_dict()]), ax=ax
    ),
    "framing_across_versions": lambda c, ax: plots.plot_framing_across_versions(
        story_metrics(Story("s", (c.a, c.b))).framing, ax=ax
    ),
}


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize("case", ["seed", "identical", "unrelated", "single"])
def test_every_chart_draws_on_the_axes_given(name, case, request):
    comparison = request.getfixturevalue(case)
    fig, ax = plt.subplots()
    assert CALLS[name](comparison, ax) is ax
    assert ax.get_title()
    fig.canvas.draw()  # renders without error


@pytest.mark.parametrize("name", sorted(CALLS))
def test_without_ax_a_new_figure_is_made_and_left_open(name, seed):
    before = set(plt.get_fignums())
    ax = CALLS[name](seed, None)
    assert ax.figure.number not in before and plt.fignum_exists(ax.figure.number)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: plots.plot_distinctive_terms(c), "LexicalComparison, e.g. comparison.lexical"),
        (lambda c: plots.plot_distinctive_terms(c.lexical.distinctive), "got DataFrame"),
        (lambda c: plots.plot_tone_arc(c), "ToneComparison, e.g. comparison.tone; got Comparison"),
        (lambda c: plots.plot_tone_arc(c.tone.a), "got ToneProfile"),
        (lambda c: plots.plot_tone_shifts(c.lexical), "got LexicalComparison"),
        (lambda c: plots.plot_framing_rates(c.framing.rates), "FramingComparison"),
        (lambda c: plots.plot_edit_labels(c.alignment), "Comparison, from storydiff.compare()"),
        (lambda c: plots.plot_reuse_shares(c.shares()), "got DataFrame"),
        (lambda c: plots.plot_similarity_matrix(c), "StoryComparison"),
        (lambda c: plots.plot_similarity_distribution(c.similarity), "got Similarity"),
        (lambda c: plots.plot_similarity_distribution("metrics.csv"), "got str"),
        (lambda c: plots.plot_tone_arc(c.tone, ax="left"), "ax must be a matplotlib Axes"),
        (lambda c: plots.plot_edit_labels(c, ax=plt.gcf()), "ax must be a matplotlib Axes"),
        (lambda c: plots.plot_distinctive_terms(c.lexical, top=0), "top must be"),
        (lambda c: plots.plot_tone_shifts(c.tone, top=2.5), "top must be"),
        (lambda c: plots.plot_tone_shifts(c.tone, top=True), "top must be"),
        (lambda c: plots.plot_reuse_shares(c, labels="ab"), "labels must be two names"),
        (lambda c: plots.plot_tone_arc(c.tone, labels=("x", "y", "z")), "labels must be"),
    ],
)
def test_wrong_input_is_a_parameter_error(call, message, single):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call(single)


# -- distinctive terms ---------------------------------------------------------------------------


def test_distinctive_terms_of_the_seed(seed):
    ax = plots.plot_distinctive_terms(seed.lexical, top=12)
    labels = ticks(ax.get_yticklabels())
    distinctive = seed.lexical.distinctive
    assert len(ax.patches) == len(labels) == 24
    assert labels[0] == "said"  # the original's most typical word, at the top
    assert labels[-1] == distinctive["z"].idxmin() == "stated"
    assert set(labels[:12]) <= set(distinctive.index[distinctive["z"] > 0])
    widths = [bar.get_width() for bar in ax.patches]
    assert widths[0] == pytest.approx(distinctive.loc["said", "z"])
    assert [to_hex(bar.get_facecolor()) for bar in ax.patches] == [A_COLOR.lower()] * 12 + [
        B_COLOR.lower()
    ] * 12
    assert legend_texts(ax) == ["original", "rewrite"]
    assert "8 : 0" in [t.get_text() for t in ax.texts]  # uses of "said" in each version
    assert "typical of original" in ax.get_xlabel() and "typical of rewrite" in ax.get_xlabel()


def test_distinctive_terms_top_and_labels(seed):
    ax = plots.plot_distinctive_terms(seed.lexical, top=3, labels=("AP", "Rewrite"))
    assert ticks(ax.get_yticklabels()) == [
        "said",
        "wounded",
        "damaged",
        "peace",
        "injuries",
        "stated",
    ]
    assert legend_texts(ax) == ["AP", "Rewrite"]


def test_distinctive_terms_of_identical_versions_is_a_note(identical):
    ax = plots.plot_distinctive_terms(identical.lexical)
    assert "same rates" in note(ax) and not ax.patches


def test_distinctive_terms_of_one_sentence(single):
    ax = plots.plot_distinctive_terms(single.lexical)
    assert set(ticks(ax.get_yticklabels())) == {"said", "died", "killed", "claimed"}
    assert legend_texts(ax) == ["a", "b"]


# -- tone ----------------------------------------------------------------------------------------


def test_tone_arc_of_the_seed(seed):
    ax = plots.plot_tone_arc(seed.tone)
    lines = version_lines(ax)
    assert [line.get_label() for line in lines] == ["original", "rewrite"]
    assert legend_texts(ax) == ["original", "rewrite"]
    assert [to_hex(line.get_color()) for line in lines] == [A_COLOR.lower(), B_COLOR.lower()]
    # one point per body sentence: the rewrite's three headings are left out
    assert len(lines[0].get_xdata()) == seed.tone.a.n_sentences == 20
    assert len(lines[1].get_xdata()) == seed.tone.b.n_sentences == 28
    for line, profile in zip(lines, (seed.tone.a, seed.tone.b), strict=True):
        x = np.asarray(line.get_xdata())
        assert (0 < x).all() and (x < 1).all() and (np.diff(x) > 0).all()
        assert np.asarray(line.get_ydata()) == pytest.approx(profile.body["compound"].to_numpy())
    assert ax.get_xlim() == (0, 1)


def test_tone_arc_of_one_sentence_sits_in_the_middle(single):
    ax = plots.plot_tone_arc(single.tone)
    for line in version_lines(ax):
        assert list(line.get_xdata()) == [pytest.approx(0.5)]


def test_tone_arc_of_headings_only_is_a_note():
    table = pd.DataFrame({"text": ["Talks"], "is_heading": [True]})
    from storydiff.tone import ToneComparison, tone_profile

    profile = tone_profile(table)
    ax = plots.plot_tone_arc(ToneComparison(profile, profile, ()))
    assert "outside headings" in note(ax)


def test_tone_arc_of_long_versions_draws_dots_and_a_running_mean():
    from matplotlib.figure import Figure
    from storydiff.tone import ToneComparison, tone_profile

    moods = ["Talks failed badly.", "The vote is on Friday.", "Talks went well."]
    texts = [f"{moods[(k // 100) % 3]} Item {k}." for k in range(4000)]
    long = tone_profile(pd.DataFrame({"text": texts}))
    short = tone_profile(pd.DataFrame({"text": texts[:301]}))
    ax = plots.plot_tone_arc(ToneComparison(long, short, ()), ax=Figure().subplots())
    window = plots.arc_window(4000)
    assert window == 51 and plots.arc_window(300) == 1 and plots.arc_window(301) == 5
    # each version smoothed for its own length, as its legend says
    assert legend_texts(ax) == ["a (mean of 51 sentences)", "b (mean of 5 sentences)"]
    # every sentence a dot, drawn as pixels in an SVG
    dots = [c for c in ax.collections if c.get_rasterized()]
    assert [len(c.get_offsets()) for c in dots] == [4000, 301]
    assert np.asarray(dots[0].get_offsets())[:, 1] == pytest.approx(long.arc()["compound"])
    # the line: the running mean at every eighth of a window (6 sentences), the last included
    line_a, line_b = version_lines(ax)
    arc = long.arc(window=window)
    kept = [*range(0, 4000, 6), 3999]
    assert np.asarray(line_a.get_xdata()) == pytest.approx(arc["position"].iloc[kept])
    assert np.asarray(line_a.get_ydata()) == pytest.approx(arc["running_mean"].iloc[kept])
    # the running mean follows the moods, which change every 100 sentences
    assert arc["running_mean"].iloc[50] < -0.3 and arc["running_mean"].iloc[250] > 0.2
    assert line_b.get_marker() in (None, "None", "")
    # beside a long version, a short one keeps its scores joined, one point a sentence
    ax = plots.plot_tone_arc(
        ToneComparison(long, tone_profile(pd.DataFrame({"text": texts[:40]})), ()),
        ax=Figure().subplots(),
    )
    assert legend_texts(ax) == ["a (mean of 51 sentences)", "b"]
    assert len(version_lines(ax)[1].get_xdata()) == 40


def test_tone_shifts_of_the_seed(seed):
    ax = plots.plot_tone_shifts(seed.tone, top=8)
    frame = seed.tone.to_frame()
    expected = frame[frame["abs_delta"] > 0].head(8)
    labels = ticks(ax.get_yticklabels())
    assert labels == [
        f"group {g}\n{label}" for g, label in zip(expected.index, expected["label"], strict=True)
    ]
    assert labels[0] == "group 5\nrewritten"  # the largest shift, at the top
    a_points, b_points = scatter(ax, "original"), scatter(ax, "rewrite")
    assert len(a_points) == len(b_points) == 8
    assert a_points[:, 0] == pytest.approx(expected["a_compound"].to_numpy())
    assert b_points[:, 0] == pytest.approx(expected["b_compound"].to_numpy())
    assert legend_texts(ax) == ["original", "rewrite"]
    assert f"{expected['delta'].iloc[0]:+.2f}" in [t.get_text() for t in ax.texts]


def test_tone_shifts_top(seed):
    ax = plots.plot_tone_shifts(seed.tone, top=3)
    assert len(ax.get_yticklabels()) == 3 and len(scatter(ax, "original")) == 3


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("identical", "no aligned group of sentences changed tone"),
        ("unrelated", "no group of sentences is in both versions"),
    ],
)
def test_tone_shifts_with_nothing_to_show(case, reason, request):
    ax = plots.plot_tone_shifts(request.getfixturevalue(case).tone)
    assert note(ax) == f"nothing to show: {reason}"


# -- framing -------------------------------------------------------------------------------------


def test_framing_rates_of_the_seed(seed):
    ax = plots.plot_framing_rates(seed.framing)
    rates = seed.framing.rates
    shown = rates[(rates["original"] > 0) | (rates["rewrite"] > 0)]
    labels = ticks(ax.get_yticklabels())
    assert len(labels) == len(shown) and len(ax.patches) == 2 * len(shown)
    assert labels[0] == "attribution" and "frame: security & defense" in labels
    assert "frame: economic" not in labels  # no term in either version
    widths = [bar.get_width() for bar in ax.patches]
    assert widths[: len(shown)] == pytest.approx(shown["original"].to_list())
    assert widths[len(shown) :] == pytest.approx(shown["rewrite"].to_list())
    assert legend_texts(ax) == ["original", "rewrite"]
    assert f"{len(rates) - len(shown)} categories" in ax.get_xlabel()


def test_the_framing_legend_covers_no_bar():
    """Placed at the lower right, it covered the last categories' bars when they were long."""
    text = "The cat sat on the mat, officials said. The dog lay on the rug."  # (one category)
    framing = compare(text, text.replace("officials said", "officials stated")).framing
    ax = plots.plot_framing_rates(framing)
    figure = ax.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    bars = [bar.get_window_extent(renderer) for bar in ax.patches]
    assert not [bar for bar in bars if bar.overlaps(legend)]


def test_framing_subcategory_rates(seed):
    ax = plots.plot_framing_rates(seed.framing, subcategories=True)
    labels = ticks(ax.get_yticklabels())
    assert labels[:2] == ["attribution: neutral", "attribution: formal"]
    assert "attribution: distancing" not in labels  # zero in both
    assert "frame: policy" in labels  # media frames have no subcategory


def test_framing_rates_without_terms_is_a_note():
    comparison = compare("The cat sat on the mat.", "A dog lay on the rug.")
    ax = plots.plot_framing_rates(comparison.framing)
    assert "no term of the 'news' lexicon" in note(ax)


# -- alignment -----------------------------------------------------------------------------------


def test_edit_labels_of_the_seed(seed):
    ax = plots.plot_edit_labels(seed)
    assert ticks(ax.get_yticklabels()) == list(LABELS)
    assert [bar.get_width() for bar in ax.patches] == seed.counts[list(LABELS)].to_list()
    colors = {
        tick.get_text(): to_hex(bar.get_facecolor())
        for tick, bar in zip(ax.get_yticklabels(), ax.patches, strict=True)
    }
    assert colors["added"] == B_COLOR.lower() and colors["deleted"] == A_COLOR.lower()
    assert legend_texts(ax) == ["in both versions", "only in original", "only in rewrite"]
    assert "27 in all" in ax.get_xlabel()


def test_edit_labels_of_identical_versions(identical):
    ax = plots.plot_edit_labels(identical)
    widths = dict(
        zip(ticks(ax.get_yticklabels()), [b.get_width() for b in ax.patches], strict=True)
    )
    assert (
        widths["unchanged"] == len(identical.alignment)
        and sum(widths.values()) == widths["unchanged"]
    )


def test_reuse_shares_of_the_seed(seed):
    ax = plots.plot_reuse_shares(seed)
    shares = seed.shares()
    assert ticks(ax.get_yticklabels()) == ["original", "rewrite"]
    assert len(ax.patches) == 2 * len(SHARE_CLASSES)
    widths = np.array([bar.get_width() for bar in ax.patches]).reshape(len(SHARE_CLASSES), 2)
    assert widths == pytest.approx(shares[list(SHARE_CLASSES)].to_numpy().T)
    assert legend_texts(ax) == [
        "verbatim",
        "lightly edited",
        "heavily rewritten",
        "only in this version",
    ]
    assert "85%" in [t.get_text() for t in ax.texts]


def test_reuse_shares_of_unrelated_versions_are_all_new(unrelated):
    ax = plots.plot_reuse_shares(unrelated, labels=("AP", "Weather"))
    assert ticks(ax.get_yticklabels()) == ["AP", "Weather"]
    last_two = [bar.get_width() for bar in ax.patches][-2:]
    assert last_two == [1.0, 1.0]


# -- similarity ----------------------------------------------------------------------------------


def annotations(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


@pytest.mark.parametrize("measure", ["tfidf_cosine", "containment_a_in_b", "derived_share"])
def test_similarity_matrix_of_a_two_version_story(measure, example_story):
    result = compare_story(example_story)
    ax = plots.plot_similarity_matrix(result, measure=measure)
    matrix = result.matrix(measure)
    assert annotations(ax) == [f"{v:.2f}" for v in matrix.to_numpy().ravel()]
    assert ticks(ax.get_xticklabels()) == ticks(ax.get_yticklabels()) == ["original", "rewrite"]
    assert ax.get_title() == plots.MEASURE_NAMES[measure]
    assert ax.get_images()[0].get_array().shape == (2, 2)


def test_similarity_matrix_of_three_versions(example_story):
    story = Story.from_texts(
        {
            "wire": example_story["original"].text,
            "rewrite": example_story["rewrite"].text,
            "weather": UNRELATED,
        }
    )
    result = compare_story(story)
    ax = plots.plot_similarity_matrix(result)
    values = result.matrix().to_numpy().ravel()
    assert annotations(ax) == [f"{v:.2f}" for v in values]
    assert ticks(ax.get_yticklabels()) == ["wire", "rewrite", "weather"]


def test_similarity_matrix_of_a_table_with_a_gap():
    table = pd.DataFrame([[1.0, np.nan], [np.nan, 1.0]], index=["x", "y"], columns=["x", "y"])
    ax = plots.plot_similarity_matrix(table, measure="jaccard")
    assert annotations(ax) == ["1.00", "\u2013", "\u2013", "1.00"]
    assert ax.get_title() == plots.MEASURE_NAMES["jaccard"]


@pytest.mark.parametrize(
    ("source", "kwargs", "message"),
    [
        (pd.DataFrame([[1.0, 0.5]], index=["x"], columns=["x", "y"]), {}, "must be square"),
        (
            pd.DataFrame([[1.0, 0.5], [0.5, 1]], index=["x", "y"], columns=["y", "x"]),
            {},
            "same order",
        ),
        (
            pd.DataFrame([["a", "b"], ["c", "d"]], index=["x", "y"], columns=["x", "y"]),
            {},
            "numbers",
        ),
        ("story", {}, "got str"),
    ],
)
def test_similarity_matrix_rejects(source, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        plots.plot_similarity_matrix(source, **kwargs)


def test_similarity_matrix_unknown_measure(example_story):
    with pytest.raises(ParameterError, match="unknown measure"):
        plots.plot_similarity_matrix(compare_story(example_story), measure="cosine")


METRICS = pd.DataFrame(
    {
        "story": list("abcdefgh"),
        "tfidf_cosine": [0.91, 0.84, 0.3, 0.12, 0.66, np.nan, 0.72, 0.05],
        "reuse_label": pd.Categorical(
            [
                "wholly-derived",
                "wholly-derived",
                "partially-derived",
                "non-derived",
                "wholly-derived",
                "non-derived",
                None,
                "non-derived",
            ]
        ),
    }
)


def bar_heights(ax) -> float:
    return sum(bar.get_height() for bar in ax.patches)


def test_similarity_distribution():
    ax = plots.plot_similarity_distribution(METRICS)
    assert bar_heights(ax) == 7  # the NaN row is left out
    assert len(ax.patches) == 20
    assert ax.get_xlabel() == plots.MEASURE_NAMES["tfidf_cosine"]
    assert "1 without a value" in ax.get_title()


def test_similarity_distribution_by_label():
    metrics = METRICS.assign(reuse_label=METRICS["reuse_label"].astype(str).replace("nan", None))
    ax = plots.plot_similarity_distribution(metrics, by="reuse_label")
    assert legend_texts(ax) == [
        "wholly-derived (3)",
        "partially-derived (1)",
        "non-derived (2)",
        "no reuse_label (1)",
    ]
    assert bar_heights(ax) == 7


def test_similarity_distribution_by_categorical_keeps_its_order():
    metrics = METRICS.assign(
        reuse_label=METRICS["reuse_label"].cat.reorder_categories(
            ["non-derived", "partially-derived", "wholly-derived"]
        )
    )
    ax = plots.plot_similarity_distribution(metrics, by="reuse_label", bins=5)
    assert legend_texts(ax)[:3] == [
        "non-derived (2)",
        "partially-derived (1)",
        "wholly-derived (3)",
    ]


def test_similarity_distribution_outside_zero_to_one():
    metrics = pd.DataFrame({"words": [120, 340, 560, 80]})
    ax = plots.plot_similarity_distribution(metrics, column="words")
    assert bar_heights(ax) == 4 and ax.get_xlabel() == "words"


def test_similarity_distribution_without_values_is_a_note():
    ax = plots.plot_similarity_distribution(pd.DataFrame({"tfidf_cosine": [np.nan, np.nan]}))
    assert "no compared pair has a value" in note(ax)
    ax = plots.plot_similarity_distribution(pd.DataFrame({"tfidf_cosine": []}, dtype=float))
    assert note(ax)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"column": "cosine"},
            "column='cosine' is not a column of the table; its columns are: story",
        ),
        ({"by": "outlet"}, "by='outlet' is not a column"),
        ({"column": "story"}, "does not hold numbers; numeric columns: tfidf_cosine"),
        ({"column": "reuse_label"}, "does not hold numbers"),
    ],
)
def test_similarity_distribution_rejects(kwargs, message):
    with pytest.raises(ParameterError, match=message):
        plots.plot_similarity_distribution(METRICS, **kwargs)


def test_palette_is_consistent_across_charts(seed):
    """Version a is one colour and version b another in every two-version chart."""
    ax = plots.plot_framing_rates(seed.framing)
    handles = ax.get_legend().legend_handles
    assert [to_hex(h.get_facecolor()) for h in handles] == [A_COLOR.lower(), B_COLOR.lower()]
    ax = plots.plot_tone_shifts(seed.tone)
    assert to_hex(ax.get_legend().legend_handles[0].get_facecolor()[0]) == A_COLOR.lower()


def _history_table(n: int) -> pd.DataFrame:
    """A similarity table of a revision history: each version close to the ones next to it."""
    names = [f"v{i:03d}" for i in range(n)]
    distance = np.abs(np.subtract.outer(np.arange(n), np.arange(n)))
    return pd.DataFrame(np.exp(-distance / 8.0), index=names, columns=names)


def test_similarity_matrix_of_many_versions_has_a_colour_bar_and_no_numbers():
    ax = plots.plot_similarity_matrix(_history_table(plots.ANNOTATED_VERSIONS + 1))
    assert annotations(ax) == []
    colorbars = [other for other in ax.figure.axes if other is not ax]
    assert len(colorbars) == 1 and colorbars[0].get_ylabel() == plots.MEASURE_NAMES["tfidf_cosine"]
    assert len(ticks(ax.get_yticklabels())) == plots.ANNOTATED_VERSIONS + 1  # every one named
    edge = plots.plot_similarity_matrix(_history_table(plots.ANNOTATED_VERSIONS))
    assert len(annotations(edge)) == plots.ANNOTATED_VERSIONS**2
    assert len(edge.figure.axes) == 1


@pytest.mark.parametrize(("n", "step"), [(17, 1), (40, 1), (41, 2), (120, 3)])
def test_similarity_matrix_of_a_long_history_names_every_kth_version_and_labels_do_not_overlap(
    n, step
):
    ax = plots.plot_similarity_matrix(_history_table(n))
    names = ticks(ax.get_yticklabels())
    assert names == [f"v{i:03d}" for i in range(0, n, step)]
    assert ticks(ax.get_xticklabels()) == names
    assert ax.get_images()[0].get_array().shape == (n, n)
    figure = ax.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    for labels in (ax.get_yticklabels(), ax.get_xticklabels()):
        boxes = [label.get_window_extent(renderer) for label in labels]
        assert not any(a.overlaps(b) for a, b in zip(boxes, boxes[1:], strict=False))
    inside = figure.bbox
    for text in [*ax.get_yticklabels(), *ax.get_xticklabels(), ax.title]:
        box = text.get_window_extent(renderer)
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0


def test_titles_sit_where_automatic_placement_puts_them(seed, monkeypatch):
    """A title set at the top of the axes lands exactly where matplotlib's automatic placement
    puts it; with x tick labels on top, the placement stays automatic and clears them."""

    def title_box(ticks_on_top: bool):
        fig, ax = plt.subplots(figsize=(6, 3), layout="constrained")
        if ticks_on_top:
            ax.xaxis.tick_top()
        ax = plots.plot_tone_shifts(seed.tone, ax=ax)
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        return ax.title.get_window_extent(renderer), ax.xaxis.get_tightbbox(renderer)

    fixed, _ = title_box(False)
    on_top, ticks_box = title_box(True)
    with monkeypatch.context() as patch:  # matplotlib's own placement for every title
        patch.setattr(plots, "_set_title", lambda ax, title, **kw: ax.set_title(title, **kw))
        automatic, _ = title_box(False)
        automatic_on_top, _ = title_box(True)
    assert np.allclose(fixed.extents, automatic.extents)
    assert on_top.y0 >= ticks_box.y1 - 1e-6  # moved above the tick labels, not over them
    assert np.allclose(on_top.extents, automatic_on_top.extents)


def _framing_history(n: int) -> pd.DataFrame:
    """A tidy framing table of n versions: attribution always, hedges in the first half only."""
    rows = []
    for k in range(n):
        version = f"v{k:03d}"
        rows += [
            {"version": version, "category": "attribution", "per_1000_words": 40.0 + k},
            {"version": version, "category": "hedge", "per_1000_words": 5.0 if k < n / 2 else 0},
            {"version": version, "category": "emotive", "per_1000_words": 0.0},
            {"version": version, "category": "mfc_security_defense", "per_1000_words": 2.0},
        ]
    return pd.DataFrame(rows)


def test_framing_across_the_three_outlets():
    from storydiff import config, load_story

    story = load_story(config.STORIES_DIR / "drone-strike-three-outlets")
    framing = story_metrics(story).framing
    ax = plots.plot_framing_across_versions(framing)
    table = framing.pivot_table(
        index="category", columns="version", values="per_1000_words", sort=False
    )
    used = table.loc[(table > 0).any(axis=1)]
    assert ticks(ax.get_xticklabels()) == list(story.ids)  # the story's order, not alphabetical
    assert ticks(ax.get_yticklabels())[0] == "attribution"
    assert "frame: security & defense" in ticks(ax.get_yticklabels())
    assert np.array_equal(ax.get_images()[0].get_array(), used.to_numpy(float))
    left_out = len(table) - len(used)
    assert left_out > 0 and f"({left_out} unused categories not shown)" in ax.get_xlabel()
    assert ax.figure.axes[-1].get_ylabel() == "terms per 1,000 words"  # the colour bar


def test_framing_across_a_long_history_shows_where_a_category_vanishes():
    ax = plots.plot_framing_across_versions(_framing_history(120))
    image = ax.get_images()[0].get_array()
    assert image.shape == (3, 120)  # emotive, never used, is not shown
    assert ticks(ax.get_yticklabels()) == ["attribution", "hedge", "frame: security & defense"]
    assert image[1, 0] == 5.0 and image[1, -1] == 0.0
    names = ticks(ax.get_xticklabels())
    assert names == [f"v{i:03d}" for i in range(0, 120, 3)]
    figure = ax.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in ax.get_xticklabels()]
    assert not any(a.overlaps(b) for a, b in zip(boxes, boxes[1:], strict=False))
    inside = figure.bbox
    for text in [*ax.get_yticklabels(), *ax.get_xticklabels(), ax.title, ax.xaxis.label]:
        box = text.get_window_extent(renderer)
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0


@pytest.mark.parametrize(
    ("frame", "reason"),
    [
        (_framing_history(3).assign(per_1000_words=0.0), "no version has a term of the lexicon"),
        (pd.DataFrame(columns=["version", "category", "per_1000_words"]), "the table is empty"),
    ],
)
def test_framing_across_versions_with_nothing_to_show(frame, reason):
    ax = plots.plot_framing_across_versions(frame)
    assert note(ax) == f"nothing to show: {reason}"


@pytest.mark.parametrize(
    ("framing", "message"),
    [
        ("framing.csv", "takes a framing table"),
        (pd.DataFrame({"version": ["a"], "rate": [1.0]}), "no category, per_1000_words column"),
        (  # a batch's combined framing.csv: versions of different stories must not be averaged
            pd.concat([_framing_history(2).assign(story=s) for s in ("x", "y")]),
            "the table holds 2 stories; draw one at a time",
        ),
        (pd.concat([_framing_history(2)] * 2), "more than one row for a version and category"),
        (
            _framing_history(2).assign(per_1000_words="high"),
            "per_1000_words holds str values, not numbers",
        ),
    ],
)
def test_framing_across_versions_rejects(framing, message):
    with pytest.raises(ParameterError, match=message):
        plots.plot_framing_across_versions(framing)
