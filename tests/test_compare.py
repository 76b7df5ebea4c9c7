"""compare() and compare_story(): similarity, reuse, exports, and properties that must always hold."""

from __future__ import annotations

import json

import pytest
import storydiff
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storydiff.cli import main
from storydiff.compare import compare, compare_story
from storydiff.errors import InputNotFoundError, ParameterError, StorydiffError, StorydiffWarning
from storydiff.story import Story, Version

from .conftest import load_bench_script
from .test_align import UNRELATED


@pytest.fixture(scope="module")
def seed_comparison(example_story):
    return compare(example_story["original"], example_story["rewrite"])


def test_seed_similarity_and_reuse(seed_comparison):
    sim = seed_comparison.similarity
    assert 0.4 < sim.tfidf_cosine < 0.9 and 0.4 < sim.char_cosine < 0.9
    assert sim.containment_a_in_b < 0.4 and sim.containment_b_in_a < 0.4  # paraphrased throughout
    assert sim.reuse_label == "wholly-derived"
    shares = seed_comparison.shares()
    assert shares.sum(axis=1).round(6).eq(1.0).all()
    assert shares.loc["rewrite", "new"] > 0


def test_identical_versions(example_story):
    version = example_story["rewrite"]
    comparison = compare(version, Version("copy", version.text))
    assert set(comparison.alignment["label"]) == {"unchanged"}
    assert comparison.similarity.tfidf_cosine == pytest.approx(1.0)
    assert comparison.similarity.char_cosine == pytest.approx(1.0)
    assert comparison.similarity.containment_a_in_b == 1.0
    assert all(diff.is_unchanged for diff in comparison.diffs)


def test_identical_versions_score_exactly_one_and_meet_the_strictest_thresholds(example_story):
    """Rounding in the cosines' sums once left identical versions at 0.9999999999999999, so a
    threshold of 1.0 labelled identical sentences moved, or deleted and added."""
    version = example_story["original"]
    comparison = compare(version, version.text, match_threshold=1.0, moved_threshold=1.0)
    assert set(comparison.alignment["label"]) == {"unchanged"}
    assert set(comparison.alignment["score"]) == {1.0}
    assert (comparison.similarity.tfidf_cosine, comparison.similarity.char_cosine) == (1.0, 1.0)


def test_unrelated_versions(example_story):
    comparison = compare(example_story["original"], UNRELATED)
    assert comparison.similarity.tfidf_cosine < 0.1
    assert set(comparison.alignment["label"]) == {"added", "deleted"}
    assert comparison.similarity.reuse_label == "non-derived"


def test_a_version_carrying_the_whole_other_is_not_non_derived():
    a = "The mayor opened the new bridge on Monday."
    b = a + (
        " Traffic was heavy across the city. Schools closed early because of snow. The council"
        " met to discuss taxes. A new library will open in June. Police reported two burglaries."
        " Rain is expected tomorrow."
    )
    similarity = compare(a, b).similarity
    assert similarity.containment_a_in_b == 1.0 and similarity.derived_share < 0.2
    assert similarity.reuse_label == "partially-derived"
    assert compare(b, a).similarity.reuse_label == "wholly-derived"


def test_json_export_covers_every_sentence_exactly_once(seed_comparison):
    data = json.loads(json.dumps(seed_comparison.to_dict()))
    for side in ("a", "b"):
        ids = [s["id"] for s in data["sentences"][side]]
        aligned = sorted(i for group in data["alignment"] for i in group[side])
        assert aligned == ids
        assert {"id", "text", "start", "end"} <= set(data["sentences"][side][0])
    assert set(data["similarity"]) >= {
        "tfidf_cosine",
        "char_cosine",
        "jaccard",
        "containment_a_in_b",
        "containment_b_in_a",
        "reuse_label",
    }
    assert {"a", "b", "label", "score"} <= set(data["alignment"][0])


def test_story_comparison_for_three_versions(example_story):
    third = Version(
        "brief", "Putin said some U.S. proposals were unacceptable. Two men were killed."
    )
    story = Story("s", (*example_story.versions, third))
    result = compare_story(story, reference="rewrite")
    # every pair in story order, plus the reference first against the versions before it
    assert set(result.pairs) == {
        ("original", "rewrite"),
        ("original", "brief"),
        ("rewrite", "brief"),
        ("rewrite", "original"),
    }
    matrix = result.matrix()
    assert (
        abs(matrix.values - matrix.values.T).max() < 1e-9 and (matrix.values.diagonal() == 1).all()
    )
    table = result.against_reference()
    assert list(table.index) == ["original", "brief"]
    with pytest.raises(StorydiffError, match="has no version 'nope'"):
        compare_story(story, reference="nope")
    with pytest.raises(ParameterError, match="unknown measure"):
        result.matrix("loudness")


def test_unknown_option_is_named():
    with pytest.raises(ParameterError, match="unknown option.*match_treshold.*valid options"):
        compare("A.", "B.", match_treshold=0.2)


def test_cli_compare_text_and_json(capsys, example_story):
    folder = str(storydiff.config.EXAMPLE_STORY_DIR)
    assert main(["compare", folder]) == 0
    out = capsys.readouterr().out
    assert "wholly-derived" in out and "SPLIT" in out and "{+" in out
    a, b = (str(v.source) for v in example_story)
    assert main(["compare", a, b, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["a"]["id"] == "original" and data["similarity"]["reuse_label"] == "wholly-derived"


@pytest.mark.parametrize("option", ["--story", "--reference"])
def test_cli_compare_of_two_files_refuses_the_options_of_a_story(capsys, example_story, option):
    """They were ignored: the comparison ran as if they were not given."""
    a, b = (str(v.source) for v in example_story)
    assert main(["compare", a, b, option, "rewrite"]) == 2
    assert f"{option} picks from one story folder or records file" in capsys.readouterr().err


def test_cli_compare_bad_threshold_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["compare", str(storydiff.config.EXAMPLE_STORY_DIR), "--match-threshold", "2"])
    assert info.value.code == 2
    assert "expected a number from 0 to 1" in capsys.readouterr().err


# ---- properties (hypothesis): random versions built from the seed story's sentences ----------


def _pool():
    story = storydiff.load_story(storydiff.config.EXAMPLE_STORY_DIR)
    return [t for v in story for t in v.sentences.query("~is_heading")["text"]]


POOL = _pool()
versions = st.lists(st.sampled_from(POOL), min_size=1, max_size=8).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=versions, b=versions)
def test_properties_of_any_comparison(a, b):
    forward, backward = compare(a, b), compare(b, a)
    for comparison in (forward, backward):
        for side, version in (("a", comparison.a), ("b", comparison.b)):
            ids = sorted(i for g in comparison.aligned.groups for i in getattr(g, side))
            assert ids == list(version.sentences.index)
    for measure in ("tfidf_cosine", "char_cosine", "jaccard"):
        assert getattr(forward.similarity, measure) == pytest.approx(
            getattr(backward.similarity, measure), abs=1e-9
        )
    assert forward.similarity.containment_a_in_b == backward.similarity.containment_b_in_a
    f, r = forward.counts, backward.counts
    assert (f["added"], f["deleted"], f["split"], f["merged"]) == (
        r["deleted"],
        r["added"],
        r["merged"],
        r["split"],
    )


def test_document_diff_places_marks_on_the_original_texts(seed_comparison):
    a_text, b_text = seed_comparison.a.text, seed_comparison.b.text
    diff = seed_comparison.document_diff()

    def in_order(marked: str, span: str) -> bool:
        # a run's words stand in the original span in order (a split group's sentences need not
        # be adjacent, so a run may skip a sentence of another group)
        words = iter(span.split())
        return all(word in words for word in marked.split())

    deletes = [op for op in diff.ops if op.op == "delete"]
    inserts = [op for op in diff.ops if op.op == "insert"]
    assert deletes and inserts
    for op in deletes:
        assert in_order(op.text, a_text[op.a_start : op.a_end])
    for op in inserts:
        assert in_order(op.text, b_text[op.b_start : op.b_end])
    exact = [op for op in deletes if a_text[op.a_start : op.a_end].split() == op.text.split()]
    assert len(exact) >= 0.9 * len(deletes)


def test_iterater_revisions_compare_and_their_edits_show_in_the_groups_diffs():
    """Every Wikinews revision pair compares; >= 95 % of annotated edits show in the group diffs."""
    folder = storydiff.config.eval_dir() / "iterater_news"
    if not folder.is_dir():
        pytest.skip(f"IteraTeR news data not found at {folder}; set STORYDIFF_EVAL_DIR")
    bench = load_bench_script("iterater_spans")
    records = bench.read_records(folder)
    assert len(records) == 189
    result = bench.span_visibility(records, bench.compared_document_diff)
    assert result["n_documents"] == 189
    assert result["share"] >= 0.95, result["by_type"]


def test_analyses_are_exposed_on_the_comparison_and_in_json(seed_comparison, capsys):
    assert seed_comparison.quotes.counts()["trimmed"] >= 1
    assert seed_comparison.lexical.added_removed.loc["invasion", "change"] == "removed"
    data = json.loads(json.dumps(seed_comparison.to_dict(analyses=True)))
    assert {"quotes", "lexical"} <= set(data["analyses"])
    assert main(["compare", str(storydiff.config.EXAMPLE_STORY_DIR), "--json"]) == 0
    assert "quotes" in json.loads(capsys.readouterr().out)["analyses"]


def test_tone_is_exposed_on_the_comparison(seed_comparison):
    tone = seed_comparison.tone
    shifts = tone.to_frame()
    assert shifts["abs_delta"].is_monotonic_decreasing
    killed = shifts[shifts["a"].map(lambda ids: 19 in ids)]
    assert len(killed) == 1 and killed["delta"].notna().all()
    assert "tone" in seed_comparison.analyses()


def test_number_ledger_is_exposed_on_the_comparison(seed_comparison):
    ledger = seed_comparison.numbers
    changed = ledger.changed()
    assert len(changed) == 1 and "dozens" in changed.iloc[0]["a_text"]
    assert "numbers" in seed_comparison.analyses()


def test_framing_is_exposed_on_the_comparison_and_in_the_summary(seed_comparison, capsys):
    swaps = seed_comparison.framing.swaps
    pairs = {(tuple(r.a_terms), tuple(r.b_terms)) for r in swaps.itertuples()}
    assert any("killed" in a and "died" in b for a, b in pairs)
    assert "framing" in json.loads(json.dumps(seed_comparison.analyses()))
    assert main(["compare", str(storydiff.config.EXAMPLE_STORY_DIR)]) == 0
    assert "framing swaps:" in capsys.readouterr().out


def test_entities_are_exposed_on_the_comparison_in_json_and_in_the_summary(seed_comparison, capsys):
    entities = seed_comparison.entities
    assert entities is seed_comparison.entities  # computed once
    frame = entities.to_frame()
    assert (
        frame.loc["Vladimir Putin", "type"] == "PERSON"
        and frame.loc["Vladimir Putin", "status"] == "both"
    )
    data = json.loads(json.dumps(seed_comparison.to_dict(analyses=True), allow_nan=False))
    assert data["analyses"]["entities"]["rows"][0]["entity"] == "Vladimir Putin"
    assert main(["compare", str(storydiff.config.EXAMPLE_STORY_DIR)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "entities" in x)
    assert "Vladimir Putin 6/7" in line and "only in a: UNB" in line and "Xi Jinping" in line


def test_a_one_line_text_ending_in_a_file_name_is_compared_as_text_with_a_warning(tmp_path):
    a = "Download the plan from example.com/plan.html"
    with pytest.warns(StorydiffWarning, match="is no file, so it is compared as text"):
        comparison = compare(a, a + " today")
    assert comparison.a.text == a and comparison.counts["edited"] == 1
    with pytest.raises(InputNotFoundError, match="missing.txt"):
        compare(str(tmp_path / "missing.txt"), "Two men died.")  # no space: a path, not there
    spaced = tmp_path / "my story" / "a.txt"
    spaced.parent.mkdir()
    spaced.write_text("Two men died.", encoding="utf-8")
    assert compare(str(spaced), "Two men died.").a.text.strip() == "Two men died."
