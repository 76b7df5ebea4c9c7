"""How much a corpus's stories changed: the pairs table's words changed, the per-story and
per-step tables, selective reading of a run's tables, and the corpus page."""

from __future__ import annotations

import json
import re

import matplotlib
import pandas as pd
import pytest
import storydiff
from matplotlib.figure import Figure
from storydiff import config, plots, views
from storydiff.cli import main
from storydiff.corpus import (
    CorpusOptions,
    compare_corpus,
    corpus_changes,
    pick_story,
    read_changes,
    read_corpus,
    read_corpus_story,
    read_corpus_table,
    read_summary,
    write_changes_page,
)
from storydiff.corpus import output as corpus_output
from storydiff.corpus import reading as corpus_reading
from storydiff.corpus.changes import PAIR_MEASURES
from storydiff.corpus.plots import plot_change_by_step
from storydiff.errors import ParameterError, StorydiffError
from storydiff.metrics import story_metrics
from storydiff.reporting import execute_notebook
from storydiff.reporting.notebooks import NotebookFailed
from storydiff.similarity import REUSE_LABELS

from .conftest import load_bench_script

matplotlib.use("Agg")


def _pairs(rows: list[tuple]) -> pd.DataFrame:
    """A pairs table from (story, a, b, words_a, words_b, deleted, inserted, cosine) rows."""
    columns = [
        "story", "version_a", "version_b", "words_a", "words_b", "words_deleted",
        "words_inserted", "tfidf_cosine",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def _history_rows(n_stories: int, n_versions: int, seed: int, width: int = 2) -> list[dict]:
    """Records of synthetic revision histories, stories h00, h01, ... (h0, h1, ... for width
    1)."""
    histories = load_bench_script("synthetic").synthetic_histories(n_stories, n_versions, seed=seed)
    return [
        {"story": f"h{i:0{width}d}", "version": f"v{k}", "text": text}
        for i, versions in enumerate(histories)
        for k, text in enumerate(versions)
    ]


@pytest.fixture(scope="module")
def history_run(tmp_path_factory):
    """Twelve synthetic revision histories of five versions, compared consecutively, plus a
    story whose text holds markup."""
    folder = tmp_path_factory.mktemp("changes")
    rows = _history_rows(12, 5, 4)
    rows += [
        {"story": "markup", "version": "v0", "text": "Police said two men died. It rained."},
        {
            "story": "markup",
            "version": "v1",
            "text": "Police said <script>alert(1)</script> two men died. Talks failed.",
        },
    ]
    out = folder / "out"
    compare_corpus(pd.DataFrame(rows), out, options=CorpusOptions(pairs="consecutive"))
    return out


# -- the pairs table's words changed ------------------------------------------------------------


def test_words_changed_in_the_pairs_table_add_up_the_groups_and_match_the_batch_tables(tmp_path):
    compare_corpus(config.EXAMPLE_STORY_DIR, tmp_path / "out")
    tables = read_corpus(tmp_path / "out")
    pair = tables["pairs"].iloc[0]
    sums = tables["groups"][["words_deleted", "words_inserted"]].sum()
    assert (pair["words_deleted"], pair["words_inserted"]) == tuple(sums)
    assert pair["words_deleted"] > 0 and pair["words_inserted"] > 0
    batch = story_metrics(storydiff.load_story(config.EXAMPLE_STORY_DIR)).pairs.iloc[0]
    assert (batch["words_deleted"], batch["words_inserted"]) == tuple(sums)


def test_identical_versions_change_no_word_and_moved_sentences_change_none(tmp_path):
    text = "Two men died in the strike. Six people were hurt. The mayor spoke."
    moved = "Six people were hurt. Two men died in the strike. The mayor spoke."
    rows = [
        {"story": "same", "version": "a", "text": text},
        {"story": "same", "version": "b", "text": text},
        {"story": "moved", "version": "a", "text": text},
        {"story": "moved", "version": "b", "text": moved},
    ]
    compare_corpus(pd.DataFrame(rows), tmp_path / "out")
    changes = read_changes(tmp_path / "out")
    assert changes.pairs.set_index("story")["words_changed"].to_dict() == {"same": 0, "moved": 0}
    assert changes.pairs["unchanged"].all()
    assert changes.labels["moved"] >= 1


def test_a_change_of_table_layout_redoes_every_chunk(monkeypatch):
    options = CorpusOptions()
    before = corpus_output.fingerprint(options)
    real = corpus_output.schemas

    def with_a_column(options):
        tables = real(options)
        tables["pairs"] = tables["pairs"].append(corpus_output._pa().field("new", "int64"))
        return tables

    monkeypatch.setattr(corpus_output, "schemas", with_a_column)
    assert corpus_output.fingerprint(options) != before


# -- corpus_changes -----------------------------------------------------------------------------


def test_corpus_changes_per_pair_story_and_step():
    pairs = _pairs(
        [
            ("s1", "v1", "v2", 100, 110, 5, 15, 0.9),
            ("s1", "v2", "v3", 110, 110, 0, 0, 1.0),
            ("s1", "v3", "v4", 110, 90, 30, 10, 0.7),
            ("s2", "v1", "v2", 50, 50, 20, 20, 0.5),
            ("s3", "v1", "v2", 0, 0, 0, 0, 0.0),
            ("s4", "v1", "v2", 10, 10, 15, 15, 0.1),
        ]
    )
    pairs["groups_added"] = [1, 0, 0, 2, 0, 1]
    original = pairs.copy()
    changes = corpus_changes(pairs)
    pd.testing.assert_frame_equal(pairs, original)  # not changed in place
    measured = changes.pairs
    assert measured["step"].tolist() == [1, 2, 3, 1, 1, 1]
    assert measured["words_changed"].tolist() == [20, 0, 40, 40, 0, 30]
    assert measured["change_share"].round(4).tolist() == [0.0952, 0.0, 0.2, 0.4, 0.0, 1.0]
    assert measured["unchanged"].tolist() == [False, True, False, False, True, False]
    stories = changes.stories
    assert stories.index.tolist() == ["s4", "s2", "s1", "s3"]  # most changed first
    s1 = stories.loc["s1"]
    assert (s1["versions"], s1["pairs"], s1["words_changed"], s1["unchanged_pairs"]) == (
        4,
        3,
        60,
        1,
    )
    assert s1["change_share"] == pytest.approx(60 / 630, abs=1e-4)
    assert (s1["min_similarity"], s1["last_similarity"]) == (0.7, 0.7)
    assert s1["groups_added"] == 1
    steps = changes.steps
    assert steps["pairs"].tolist() == [4, 1, 1]
    assert steps.loc[1, "unchanged_share"] == 0.25
    assert steps.loc[1, "median_words_changed"] == 25.0  # of 20, 40, 0, 30
    assert steps.loc[1, "groups_added"] == 1.0
    assert changes.labels.to_dict() == {"added": 4}
    summary = changes.to_dict()
    assert (summary["pairs"], summary["unchanged_pairs"], summary["words_changed"]) == (6, 2, 130)
    assert json.loads(json.dumps(summary)) == summary
    assert changes.to_frame() is stories and changes.most_changed(2).index.tolist() == ["s4", "s2"]
    for bad in (0, "15", True):
        with pytest.raises(ParameterError, match="whole number"):
            changes.most_changed(bad)


def test_corpus_changes_of_a_table_whose_stories_are_interleaved():
    rows = [
        ("s1", "v1", "v2", 100, 110, 5, 15, 0.9),
        ("s2", "v1", "v2", 50, 50, 20, 20, 0.5),
        ("s1", "v2", "v3", 110, 90, 30, 10, 0.7),
    ]
    interleaved = corpus_changes(_pairs(rows))
    together = corpus_changes(_pairs([rows[0], rows[2], rows[1]]))
    pd.testing.assert_frame_equal(interleaved.stories, together.stories)
    pd.testing.assert_frame_equal(interleaved.steps, together.steps)
    assert interleaved.pairs["step"].tolist() == [1, 1, 2]
    assert interleaved.stories.loc["s1", "versions"] == 3


def test_corpus_changes_of_no_pairs_are_empty_tables():
    changes = corpus_changes(pd.DataFrame())
    assert changes.pairs.empty and changes.stories.empty and changes.steps.empty
    assert changes.to_dict()["pairs"] == 0 and changes.to_dict()["median_change_share"] is None
    assert (
        plot_change_by_step(changes, ax=Figure().subplots())
        .texts[0]
        .get_text()
        .startswith("nothing to show")
    )
    assert pick_story(changes) is None
    with pytest.raises(ParameterError, match="it has no compared pair"):
        pick_story(changes, "s1")
    assert set(changes.stories.columns) >= {"groups_added", "groups_deleted", "groups_rewritten"}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pd.DataFrame({"story": ["s"], "tfidf_cosine": [1.0]}), "no version_a, version_b"),
        ("pairs.parquet", "as a DataFrame, not str"),
    ],
)
def test_corpus_changes_of_a_wrong_table_is_one_line(table, message):
    with pytest.raises(StorydiffError, match=message) as caught:
        corpus_changes(table)
    assert "\n" not in str(caught.value)


def test_pick_story():
    changes = corpus_changes(
        _pairs([("calm", "a", "b", 9, 9, 0, 0, 1.0), ("busy", "a", "b", 9, 9, 9, 9, 0.1)])
    )
    assert pick_story(changes) == "busy" and pick_story(changes, "calm") == "calm"
    with pytest.raises(ParameterError, match=r"story 'nope' is not in .* 'busy', 'calm'"):
        pick_story(changes, "nope")
    with pytest.raises(ParameterError, match="a string"):
        pick_story(changes, 7)


# -- reading a run ------------------------------------------------------------------------------


def test_read_corpus_table_reads_only_the_columns_and_stories_asked_for(history_run):
    whole = read_corpus(history_run)["groups"]
    picked = read_corpus_table(
        history_run, "groups", columns=["story", "label", "a_text"], stories=["h03", "markup"]
    )
    expected = whole.loc[whole["story"].isin(["h03", "markup"]), ["story", "label", "a_text"]]
    pd.testing.assert_frame_equal(picked, expected.reset_index(drop=True))
    assert read_corpus_table(history_run, "pairs", stories=["no such story"]).empty
    nothing = read_corpus_table(history_run, "groups", columns=["label"], stories=[])
    assert nothing.empty and list(nothing.columns) == ["label"]
    only_labels = read_corpus_table(history_run, "groups", columns=["label"], stories=["h03"])
    assert (
        only_labels["label"].tolist() == expected.loc[expected["story"] == "h03", "label"].tolist()
    )
    for bad in ({"columns": "label"}, {"stories": "h03"}):
        with pytest.raises(ParameterError, match="not a bare string"):
            read_corpus_table(history_run, "groups", **bad)
    with pytest.raises(StorydiffError, match=r"no column 'text'; the table has story, "):
        read_corpus_table(history_run, "groups", columns=["text"])
    with pytest.raises(ParameterError, match="not a corpus table"):
        read_corpus_table(history_run, "stories")


def test_read_corpus_story(history_run):
    markup = read_corpus_story(history_run, "markup")
    for table in ("pairs", "groups"):
        expected = read_corpus_table(history_run, table, stories=["markup"])
        pd.testing.assert_frame_equal(markup[table], expected)
    assert "<script>" in " ".join(markup["groups"]["b_text"].dropna())
    nothing = read_corpus_story(history_run, "no such story")
    assert nothing["pairs"].empty and nothing["groups"].empty
    assert list(nothing["groups"].columns) == list(read_corpus_table(history_run, "groups").columns)
    with pytest.raises(ParameterError, match="a string"):
        read_corpus_story(history_run, 3)


def test_the_story_index_finds_the_rows_the_parts_hold(tmp_path):
    import pyarrow.parquet as pq

    rows = _history_rows(7, 4, 11, width=1)
    rows += [{"story": "alone", "version": "v0", "text": "Only one version."}]  # errors only
    rows += [{"story": "empty", "version": f"v{k}", "text": ""} for k in range(2)]
    out = tmp_path / "out"
    compare_corpus(  # three pairs a story, at most two a part: most stories in two parts
        pd.DataFrame(rows), out, options=CorpusOptions(pairs="consecutive"), max_pairs=2
    )
    index = pq.read_table(out / corpus_output.INDEX_FILE).to_pandas()
    assert index["story"].tolist() == sorted(index["story"])
    expected = {}
    for table in ("pairs", "errors"):
        for part in sorted((out / table).glob("part-*.parquet")):
            for story in set(pq.read_table(part, columns=["story"])["story"].to_pylist()):
                expected.setdefault(story, set()).add(int(part.stem.split("-")[1]))
    got = index.groupby("story")["part"].apply(set).to_dict()
    assert got == expected and len(expected) == 9 and len(got["h3"]) == 2
    with_index = {
        story: (
            read_corpus_story(out, story),
            read_corpus_table(out, "errors", stories=[story]),
            read_corpus_table(out, "groups", columns=["label"], stories=[story, "h0"]),
        )
        for story in ["h3", "alone", "empty", "nowhere"]
    }
    (out / corpus_output.INDEX_FILE).unlink()  # a run written before the index: footers
    for story, (up_close, errors, labels) in with_index.items():
        for table in ("pairs", "groups"):
            pd.testing.assert_frame_equal(up_close[table], read_corpus_story(out, story)[table])
        pd.testing.assert_frame_equal(errors, read_corpus_table(out, "errors", stories=[story]))
        again = read_corpus_table(out, "groups", columns=["label"], stories=[story, "h0"])
        pd.testing.assert_frame_equal(labels, again)
    assert len(with_index["h3"][0]["pairs"]) == 3 and len(with_index["alone"][1]) == 1
    (out / corpus_output.INDEX_FILE).write_bytes(b"damaged")
    with pytest.raises(StorydiffError, match="story_index.parquet: cannot be read"):
        read_corpus_story(out, "h3")


def test_many_parts_are_read_in_corpus_order_and_a_story_is_found_in_any(tmp_path):
    import pyarrow.parquet as pq

    rows = _history_rows(12, 3, 5)
    out = tmp_path / "out"
    compare_corpus(pd.DataFrame(rows), out, chunk_size=1)  # a part per story: read in threads
    for table in ("pairs", "groups"):
        parts = sorted((out / table).glob("part-*.parquet"))
        assert len(parts) == 12 >= 2 * corpus_reading.READ_THREADS
        plain = pd.concat([pq.read_table(p).to_pandas() for p in parts], ignore_index=True)
        pd.testing.assert_frame_equal(read_corpus_table(out, table), plain)
        wanted = ["h11", "h00", "h05"]
        expected = plain[plain["story"].isin(wanted)].reset_index(drop=True)
        pd.testing.assert_frame_equal(read_corpus_table(out, table, stories=wanted), expected)
    assert read_changes(out).stories.index.nunique() == 12


def test_reading_a_folder_that_is_not_a_finished_run(tmp_path):
    with pytest.raises(StorydiffError, match="no finished corpus run"):
        read_changes(tmp_path)
    (tmp_path / "corpus.json").write_text("{not json")
    with pytest.raises(StorydiffError, match="not a corpus summary"):
        read_summary(tmp_path)


def test_a_damaged_part_is_one_line_and_a_new_run_writes_it_anew(tmp_path):
    rows = [
        {"story": f"s{i}", "version": f"v{k}", "text": f"Story {i}: {k + 1} men died. Police came."}
        for i in range(6)
        for k in range(2)
    ]
    out = tmp_path / "out"
    compare_corpus(pd.DataFrame(rows), out, chunk_size=2)
    pairs_part = out / "pairs" / "part-000001.parquet"
    whole_part = pairs_part.read_bytes()
    pairs_part.write_bytes(whole_part[:100])
    groups_part = out / "groups" / "part-000002.parquet"
    groups_part.write_bytes(b"not parquet")
    for read in (
        lambda: read_changes(out),
        lambda: read_corpus_story(out, "s2"),
        lambda: read_corpus_table(out, "pairs", stories=["s3"]),
        lambda: list(corpus_reading.iter_corpus_table(out, "pairs")),
    ):
        with pytest.raises(StorydiffError, match="part-000001.parquet: cannot be read") as caught:
            read()
        assert "\n" not in str(caught.value) and "run storydiff corpus again" in str(caught.value)
    pairs_part.write_bytes(whole_part)
    with pytest.raises(StorydiffError, match="groups/part-000002.parquet: cannot be read"):
        read_corpus_story(out, "s4")
    (out / "groups" / "part-000000.parquet").unlink()
    with pytest.raises(StorydiffError, match="groups/part-000000.parquet: cannot be read"):
        read_corpus_story(out, "s0")
    again = compare_corpus(pd.DataFrame(rows), out, chunk_size=2)
    assert (again.n_chunks, again.n_reused) == (3, 1)  # the two damaged chunks made anew
    assert read_changes(out).stories["pairs"].sum() == 6


def test_a_run_of_an_older_layout_asks_for_a_new_run(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "pairs").mkdir()
    (tmp_path / "corpus.json").write_text("{}")
    old = pa.table({"story": ["s"], "version_a": ["a"], "version_b": ["b"], "tfidf_cosine": [1.0]})
    pq.write_table(old, tmp_path / "pairs" / "part-000000.parquet")
    with pytest.raises(StorydiffError, match="older storydiff; run storydiff corpus again"):
        read_changes(tmp_path)


def test_corpus_changes_of_revision_histories_are_what_pandas_groupby_gives(history_run):
    changes = corpus_changes(read_corpus_table(history_run, "pairs"))
    # The stories table, summed with numpy by story code, is what pandas' groupby gives.
    pairs = changes.pairs
    by_story = pairs.groupby("story", sort=False)
    versions = pd.concat([pairs["version_a"], pairs["version_b"]]).groupby(
        pd.concat([pairs["story"], pairs["story"]])
    )
    expected = pd.DataFrame(
        {
            "versions": versions.nunique(),
            "pairs": by_story.size(),
            "words_changed": by_story["words_changed"].sum(),
            "unchanged_pairs": by_story["unchanged"].sum(),
            "min_similarity": by_story["tfidf_cosine"].min().round(4),
            "last_similarity": by_story["tfidf_cosine"].last().round(4),
            "groups_added": by_story["groups_added"].sum(),
        }
    )
    got = changes.stories[expected.columns].sort_index()
    pd.testing.assert_frame_equal(got, expected.sort_index(), check_names=False, check_dtype=False)
    # And the steps table, made with numpy too.
    by_step = pairs.groupby("step")
    steps = pd.DataFrame(
        {
            "pairs": by_step.size(),
            "median_words_changed": by_step["words_changed"].median(),
            "mean_change_share": by_step["change_share"].mean(),
            "unchanged_share": by_step["unchanged"].mean(),
            "median_similarity": by_step["tfidf_cosine"].median(),
            "groups_added": by_step["groups_added"].mean(),
        }
    ).round(4)
    pd.testing.assert_frame_equal(changes.steps[steps.columns], steps, check_dtype=False)
    assert len(changes.pairs) == 12 * 4 + 1
    assert changes.steps["pairs"].tolist() == [13, 12, 12, 12]
    assert set(changes.stories["versions"]) == {5, 2}
    assert (changes.pairs["change_share"] > 0).all()


def _same_changes(read, whole) -> None:
    """`read` (from read_changes) holds what `whole` (corpus_changes of the whole table) does."""
    pd.testing.assert_frame_equal(read.stories, whole.stories)
    pd.testing.assert_frame_equal(read.steps, whole.steps)
    pd.testing.assert_series_equal(read.labels, whole.labels)
    kept = [c for c in PAIR_MEASURES if c in whole.pairs.columns]
    assert list(read.pairs.columns) == kept
    numbers = [c for c in kept if c != "reuse_label"]
    pd.testing.assert_frame_equal(read.pairs[numbers], whole.pairs[numbers], check_dtype=False)
    assert read.pairs["reuse_label"].tolist() == whole.pairs["reuse_label"].tolist()
    assert list(read.pairs["reuse_label"].cat.categories) == list(REUSE_LABELS)
    assert read.to_dict() == whole.to_dict()


@pytest.mark.parametrize("batch_rows", [1, 7, 250_000])
def test_read_changes_in_batches_is_corpus_changes_of_the_whole_table(history_run, batch_rows):
    whole = corpus_changes(read_corpus_table(history_run, "pairs"))
    read = read_changes(history_run, batch_rows=batch_rows)
    _same_changes(read, whole)
    assert "a_text" not in read.pairs.columns and "version_a" not in read.pairs.columns


def test_a_story_cut_into_several_parts_is_added_up_whole(tmp_path):
    rows = _history_rows(5, 6, 9, width=1)
    out = tmp_path / "out"
    compare_corpus(  # five pairs a story, at most two a part: every story in three parts
        pd.DataFrame(rows), out, options=CorpusOptions(pairs="consecutive"), max_pairs=2
    )
    assert len(list((out / "pairs").glob("part-*.parquet"))) == 15
    batches = list(
        corpus_reading.iter_corpus_table(out, "pairs", columns=["words_a"], batch_rows=3)
    )
    assert [batch["story"].unique().tolist() for batch in batches] == [[f"h{i}"] for i in range(5)]
    assert [len(batch) for batch in batches] == [5] * 5 and list(batches[0].columns) == [
        "story",
        "words_a",
    ]
    up_close = read_corpus_story(out, "h3")  # from its three parts
    for table in ("pairs", "groups"):
        expected = read_corpus_table(out, table, stories=["h3"])
        pd.testing.assert_frame_equal(up_close[table], expected)
    assert len(up_close["pairs"]) == 5 and up_close["groups"]["a_text"].notna().any()
    whole = corpus_changes(read_corpus_table(out, "pairs"))
    for batch_rows in (1, 4, 11):
        read = read_changes(out, batch_rows=batch_rows)
        _same_changes(read, whole)
        assert read.stories["pairs"].tolist() == [5] * 5
        assert read.stories["versions"].tolist() == [6] * 5
        assert read.steps["pairs"].tolist() == [5] * 5


def test_iter_corpus_table_checks_what_it_is_given(history_run, tmp_path):
    for bad in (0, -1, 2.5, True, "10"):
        with pytest.raises(ParameterError, match="batch_rows must be a whole number"):
            list(corpus_reading.iter_corpus_table(history_run, "pairs", batch_rows=bad))
    with pytest.raises(ParameterError, match="not a bare string"):
        list(corpus_reading.iter_corpus_table(history_run, "pairs", columns="story"))
    with pytest.raises(StorydiffError, match="no column 'nope'"):
        list(corpus_reading.iter_corpus_table(history_run, "pairs", columns=["nope"]))
    whole = read_corpus_table(history_run, "groups")
    pd.testing.assert_frame_equal(
        pd.concat(
            corpus_reading.iter_corpus_table(history_run, "groups", batch_rows=40),
            ignore_index=True,
        ),
        whole,
    )


def test_words_changed_follow_what_annotators_marked_in_real_revisions(tmp_path):
    """On IteraTeR's 189 Wikinews revisions, a revision people marked as bigger is measured as
    bigger (Spearman 0.93 when written), and revisions that changed the meaning change more."""
    folder = config.eval_dir() / "iterater_news"
    if not folder.is_dir():
        pytest.skip(f"IteraTeR news data not found at {folder}; set STORYDIFF_EVAL_DIR")
    bench = load_bench_script("iterater_changes")
    _, records = bench.records_or_complaint(None, "test")
    result = bench.changes_against_annotations(records, tmp_path / "out")
    assert result["pairs"] == 189
    assert result["spearman_words"] >= 0.85
    assert result["median_share_meaning"] > 1.5 * result["median_share_other"]


# -- charts and views ---------------------------------------------------------------------------


def test_plot_change_by_step(history_run):
    changes = read_changes(history_run)
    ax = plot_change_by_step(changes, min_pairs=12, ax=Figure().subplots())
    lines = ax.get_lines()
    assert [list(line.get_xdata()) for line in lines] == [[1, 2, 3, 4]] * 2
    assert list(lines[0].get_ydata()) == pytest.approx(changes.steps["mean_change_share"].tolist())
    assert "Revision" in ax.get_xlabel() and "13 down to 12" in ax.get_xlabel()
    fewer = plot_change_by_step(changes, min_pairs=13, ax=Figure().subplots())
    assert "fewer than two steps have 13 pairs" in fewer.texts[0].get_text()
    single = corpus_changes(_pairs([("s", "a", "b", 9, 9, 1, 1, 0.9)] * 1))
    assert "single pair" in plot_change_by_step(single, ax=Figure().subplots()).texts[0].get_text()
    for bad in ({"pairs": "every"}, {"min_pairs": 0}, {"min_pairs": True}):
        with pytest.raises(ParameterError):
            plot_change_by_step(changes, **bad)
    with pytest.raises(ParameterError, match="CorpusChanges"):
        plot_change_by_step(changes.pairs)


def test_plot_edit_labels_takes_a_corpus_counts(history_run):
    counts = read_changes(history_run).labels
    ax = plots.plot_edit_labels(counts, ax=Figure().subplots())
    drawn = {
        t.get_text(): int(b.get_width())
        for t, b in zip(ax.get_yticklabels(), ax.patches, strict=True)
    }
    assert drawn == counts.to_dict()
    with pytest.raises(ParameterError, match="indexed by label"):
        plots.plot_edit_labels(pd.Series({"kept": 3}))


def test_groups_view_shows_the_changes_of_each_pair_escaped(history_run):
    groups = read_corpus_table(history_run, "groups", stories=["markup", "h00"])
    page = views.groups_view(groups).data
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert page.count('scope="rowgroup"') == 1 + 4  # a heading row per pair
    changed = int((groups["label"] != "unchanged").sum())
    assert page.count('class="sd-row ') == changed
    everything = views.groups_view(groups, changed_only=False, max_rows=3).data
    assert everything.count('class="sd-row ') == 3
    assert f"{len(groups) - 3} more groups not shown" in everything
    with pytest.raises(ParameterError, match="--no-texts"):
        views.groups_view(groups.drop(columns=["a_text"]))
    assert "No aligned groups" in views.groups_view(groups.iloc[:0]).data
    # A batch's groups table (story_metrics, groups.csv) has the same columns.
    batch = story_metrics(storydiff.load_story(config.EXAMPLE_STORY_DIR)).groups
    shown = views.groups_view(batch, max_rows=None).data
    assert shown.count('class="sd-row ') == int((batch["label"] != "unchanged").sum())
    assert "Kremlin Discussions" in shown and '<del class="sd-del">' in shown


# -- the page -----------------------------------------------------------------------------------


def test_the_corpus_page_of_revision_histories(history_run, tmp_path):
    page = write_changes_page(history_run, story="markup")
    assert page == history_run / "corpus.html"
    html = page.read_text(encoding="utf-8")
    assert "How the stories of a corpus changed" in html
    assert "13 stories read from DataFrame: 49 pairs compared" in html
    assert "The pairs of story markup" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert html.count("data:image/svg+xml") >= 3  # distribution, steps, labels
    markup = re.sub(r"<style.*?</style>", "", html, flags=re.S)
    assert "Traceback" not in markup and "sd-notice-warning" not in markup
    with pytest.raises(ParameterError, match="story 'nope' has no compared pair"):
        write_changes_page(history_run, story="nope")
    with pytest.raises(StorydiffError, match="no finished corpus run"):
        write_changes_page(tmp_path)


def test_the_corpus_page_of_a_run_where_every_story_failed(tmp_path):
    rows = [
        {"story": "alone", "version": "v1", "text": "Only one version. Nothing to compare."},
        {"story": "<i>empty</i>", "version": "v1", "text": "Two men died."},
        {"story": "<i>empty</i>", "version": "v2", "text": "   "},
    ]
    result = compare_corpus(pd.DataFrame(rows), tmp_path / "out")
    assert (result.n_failed, result.n_single) == (1, 1)
    html = write_changes_page(tmp_path / "out", show_code=True).read_text(encoding="utf-8")
    assert "0 pairs compared" in html and "1 story could not be compared" in html
    assert "1 has a single version" in html
    assert "there is no story to show" in html and "&lt;i&gt;empty&lt;/i&gt;" in html
    assert "empty or only whitespace" in html


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"story": "nope"}, "ParameterError: story 'nope' is not in this corpus"),
        ({"corpus_dir": "/no/such/run"}, "/no/such/run: no finished corpus run here"),
    ],
)
def test_the_corpus_notebook_fails_with_one_line(history_run, parameters, message):
    with pytest.raises(NotebookFailed) as caught:
        execute_notebook("corpus_changes", {"corpus_dir": str(history_run), **parameters})
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_cli_corpus_html(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["corpus", str(config.STORIES_DIR), "--out", str(out), "--no-progress", "--html"])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert f"page: {out / 'corpus.html'}" in printed.out
    html = (out / "corpus.html").read_text(encoding="utf-8")
    assert "drone-strike-three-outlets" in html and "putin-peace-plan" in html
    for arguments, message in (
        (["--story", "putin-peace-plan"], "add --html"),
        (["--html", "--story", "nope"], "story 'nope' has no compared pair"),
    ):
        code = main(
            ["corpus", str(config.STORIES_DIR), "--out", str(out), "--no-progress", *arguments]
        )
        err = capsys.readouterr().err
        assert code == 2 and message in err and err.count("\n") == 1, err
