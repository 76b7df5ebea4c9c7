"""document_similarities(): every two versions measured at once, equal to compare() pair by pair."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from storydiff import Story, config, load_story
from storydiff.compare import STORY_PAIRS, StoryComparison, compare, compare_story
from storydiff.documents import DOCUMENT_MEASURES, document_similarities
from storydiff.errors import ParameterError

from .conftest import load_bench_script


def _history(n: int, seed: int = 4) -> Story:
    texts = load_bench_script("synthetic").synthetic_history(random.Random(seed), n)
    return Story.from_texts({f"v{i:02d}": text for i, text in enumerate(texts)}, story_id="h")


def _iterater_story(n: int) -> Story:
    """`n` unrelated Wikinews articles of the IteraTeR set, as if they were versions of one."""
    path = config.eval_dir() / "iterater_news" / "news_doc_level_dev.jsonl"
    if not path.exists():
        pytest.skip(f"the IteraTeR evaluation set is not at {path} (set STORYDIFF_EVAL_DIR)")
    texts, seen = {}, set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["doc_id"] in seen:
                continue
            seen.add(record["doc_id"])
            texts[f"doc{record['doc_id']}"] = record["before_revision"]
            if len(texts) == n:
                break
    return Story.from_texts(texts, story_id="unrelated")


def _stories():
    return {
        "seed pair": load_story(config.EXAMPLE_STORY_DIR),
        "three outlets": load_story(config.STORIES_DIR / "drone-strike-three-outlets"),
        "history of 12": _history(12),
    }


@pytest.mark.parametrize("name", ["seed pair", "three outlets", "history of 12", "iterater"])
def test_every_pair_equals_its_comparison(name):
    story = _iterater_story(6) if name == "iterater" else _stories()[name]
    result = compare_story(story, pairs="all")
    documents = result.documents
    assert documents.ids == story.ids
    index = {version: i for i, version in enumerate(story.ids)}
    assert len(result.pairs) == len(story) * (len(story) - 1) // 2
    for (x, y), comparison in result.pairs.items():
        i, j = index[x], index[y]
        similarity = comparison.similarity
        for measure in ("tfidf_cosine", "char_cosine", "jaccard"):
            expected = getattr(similarity, measure)
            assert getattr(documents, measure)[i, j] == pytest.approx(expected, abs=1e-12)
            assert getattr(documents, measure)[j, i] == pytest.approx(expected, abs=1e-12)
        assert documents.containment[i, j] == pytest.approx(
            similarity.containment_a_in_b, abs=1e-12
        )
        assert documents.containment[j, i] == pytest.approx(
            similarity.containment_b_in_a, abs=1e-12
        )
    for measure in (*DOCUMENT_MEASURES, "derived_share"):  # a cell is compare(row, column)'s
        matrix = result.matrix(measure)
        for (x, y), comparison in result.pairs.items():
            expected = getattr(comparison.similarity, measure)
            assert matrix.loc[x, y] == pytest.approx(expected, abs=1e-12)
    for measure in DOCUMENT_MEASURES:
        matrix = result.matrix(measure)
        assert list(matrix.index) == list(matrix.columns) == list(story.ids)
        assert (np.diag(matrix.to_numpy()) == 1.0).all()
        assert ((matrix.to_numpy() >= 0) & (matrix.to_numpy() <= 1)).all()
    if name == "iterater":  # different articles share few words and almost no 3-grams
        off = ~np.eye(len(story), dtype=bool)
        assert documents.containment[off].max() < 0.05
        assert documents.tfidf_cosine[off].max() < 0.3


def test_the_pairs_table_has_every_pair_once_in_story_order():
    story = _history(7)
    frame = compare_story(story, pairs="reference").documents.to_frame()
    assert len(frame) == 21
    assert list(frame.columns) == ["version_a", "version_b", *DOCUMENT_MEASURES]
    order = {version: i for i, version in enumerate(story.ids)}
    assert all(
        order[a] < order[b] for a, b in zip(frame["version_a"], frame["version_b"], strict=True)
    )
    pair = frame.set_index(["version_a", "version_b"]).loc[("v02", "v05")]
    similarity = compare_story(story, pairs="all").pairs[("v02", "v05")].similarity
    assert pair["containment_b_in_a"] == pytest.approx(similarity.containment_b_in_a, abs=1e-12)


def test_degenerate_versions():
    story = Story.from_texts(
        {
            "a": "Two men died in a strike.",
            "same": "Two men died in a strike.",
            "short": "Two men.",  # fewer words than a 3-gram: one shorter gram
            "marks": "\u2014 \u2026 \u2014",  # text without a single word
        }
    )
    documents = document_similarities(story)
    assert documents.tfidf_cosine[0, 1] == pytest.approx(1.0)
    assert documents.jaccard[0, 1] == documents.containment[0, 1] == 1.0
    assert documents.containment[2, 0] == 0.0  # ("two", "men") is not a 3-gram of "a"
    assert documents.jaccard[0, 2] == pytest.approx(2 / 6)
    marks = 3
    assert documents.jaccard[marks, 0] == 0.0 and documents.containment[marks, 0] == 0.0
    assert documents.tfidf_cosine[marks, 0] == 0.0
    assert documents.jaccard[marks, marks] == 1.0  # the diagonal, as in the matrix
    for x, y in [("a", "short"), ("a", "marks"), ("short", "marks")]:
        pair = compare(story[x], story[y])
        i, j = story.ids.index(x), story.ids.index(y)
        assert documents.jaccard[i, j] == pair.similarity.jaccard
        assert documents.containment[i, j] == pair.similarity.containment_a_in_b
        assert documents.containment[j, i] == pair.similarity.containment_b_in_a


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ("reference", {("v02", "v00"), ("v02", "v01"), ("v02", "v03"), ("v02", "v04")}),
        (
            "consecutive",
            {("v00", "v01"), ("v01", "v02"), ("v02", "v03"), ("v03", "v04")}
            | {("v02", "v00"), ("v02", "v01"), ("v02", "v04")},
        ),
        (
            "all",
            {(f"v0{i}", f"v0{j}") for i in range(5) for j in range(i + 1, 5)}
            | {("v02", "v00"), ("v02", "v01")},
        ),
    ],
)
def test_pair_modes_align_those_pairs_and_measure_every_pair(pairs, expected):
    story = _history(5)
    result = compare_story(story, reference="v02", pairs=pairs)
    assert set(result.pairs) == expected
    assert list(result.against_reference().index) == ["v00", "v01", "v03", "v04"]
    everything = compare_story(story, reference="v02", pairs="all")
    for measure in DOCUMENT_MEASURES:
        assert result.matrix(measure).equals(everything.matrix(measure))
    derived = result.matrix("derived_share")
    aligned = {frozenset(pair) for pair in expected}
    for x in story.ids:
        for y in story.ids:
            value = derived.loc[x, y]
            if x == y:
                assert value == 1.0
            elif frozenset((x, y)) in aligned:
                assert 0.0 <= value <= 1.0
            else:
                assert np.isnan(value)


def test_a_derived_share_is_given_both_ways_each_from_its_own_direction():
    wire = (
        "Floods killed 14 people in Calveria on Sunday, officials said. Rescue teams pulled 37 "
        "people from flooded homes overnight. The army will send 500 soldiers, the minister said."
    )
    short = "Floods killed 14 people in Calveria on Sunday, officials said."
    story = Story.from_texts({"wire": wire, "short": short, "long": wire + " Aid is on its way."})
    for reference in ("wire", "long"):
        result = compare_story(story, reference=reference, pairs="all")
        derived = result.matrix("derived_share")
        for x in story.ids:
            for y in story.ids:
                if x != y:
                    expected = compare(story[x], story[y]).similarity.derived_share
                    assert derived.loc[x, y] == pytest.approx(expected, abs=1e-12), (x, y)
    assert derived.loc["wire", "short"] == 1.0 and derived.loc["short", "wire"] < 0.5


def test_bad_pair_mode_is_named():
    with pytest.raises(ParameterError, match="pairs='every'.*" + ", ".join(STORY_PAIRS)):
        compare_story(_history(3), pairs="every")
    with pytest.raises(ParameterError, match="takes a Story"):
        document_similarities(["a", "b"])
    with pytest.raises(ParameterError, match="not a document-level measure.*tfidf_cosine"):
        document_similarities(_history(3)).matrix("derived_share")


def test_a_story_comparison_built_without_them_measures_its_versions():
    story = load_story(config.EXAMPLE_STORY_DIR)
    comparison = compare(story["original"], story["rewrite"])
    result = StoryComparison(story, "original", {("original", "rewrite"): comparison})
    matrix = result.matrix("char_cosine")
    assert matrix.loc["original", "rewrite"] == pytest.approx(
        comparison.similarity.char_cosine, abs=1e-12
    )
    for measure in ("containment_a_in_b", "containment_b_in_a", "derived_share"):
        assert result.matrix(measure).loc["original", "rewrite"] == pytest.approx(
            getattr(comparison.similarity, measure), abs=1e-12
        )


def test_versions_in_any_order_keep_their_rows():
    story = _history(4)
    backwards = Story("h", tuple(reversed(story.versions)))
    forward = document_similarities(story).matrix("containment_a_in_b")
    reverse = document_similarities(backwards).matrix("containment_a_in_b")
    assert list(reverse.index) == ["v03", "v02", "v01", "v00"]
    reordered = reverse.loc[forward.index, forward.columns]
    assert np.allclose(reordered.to_numpy(), forward.to_numpy(), atol=1e-12)


def test_the_story_scaling_benchmark_runs_both_modes(tmp_path):
    bench = load_bench_script("story_scaling")
    path = tmp_path / "history.jsonl"
    bench.write_history(path, 5)
    reference, everything = bench.measure(path, "reference"), bench.measure(path, "all")
    assert (reference["alignments"], everything["alignments"]) == (4, 10)
    assert all(row["peak_mb"] > 0 and row["metrics"] > 0 for row in (reference, everything))
