"""Corpus mode: streaming, Parquet tables, resuming, worker processes and Dask give one answer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import storydiff
from storydiff import config
from storydiff.cli import main
from storydiff.corpus import (
    CorpusOptions,
    compare_corpus,
    iter_corpus_table,
    read_changes,
    read_corpus,
    read_corpus_story,
    read_corpus_table,
    story_tables,
)
from storydiff.corpus import output as corpus_output
from storydiff.errors import ParameterError, StorydiffError
from storydiff.reading import iter_story_records

from .conftest import interrupt, load_bench_script, python_output, worker_started


@pytest.fixture(scope="module")
def corpus_frame() -> pd.DataFrame:
    """Twelve two-version stories: the bundled pair and perturbed copies of its sentences."""
    pairs = load_bench_script("synthetic").synthetic_pairs(11, seed=3)
    story = storydiff.load_story(config.EXAMPLE_STORY_DIR)
    pairs = [(story[0].text, story[1].text), *pairs]
    rows = []
    for number, (a, b) in enumerate(pairs):
        for version, text in (("v1", a), ("v2", b)):
            rows.append({"story": f"s{number:02d}", "version": version, "text": text})
    return pd.DataFrame(rows)


def test_pairs_match_compare_story_on_the_seed(tmp_path):
    result = compare_corpus(config.EXAMPLE_STORY_DIR, tmp_path / "out")
    tables = result.tables()
    pairs, groups = tables["pairs"], tables["groups"]
    expected = storydiff.compare_story(storydiff.load_story(config.EXAMPLE_STORY_DIR))
    comparison = expected.pairs[("original", "rewrite")]
    row = pairs.iloc[0]
    assert (row["story"], row["version_a"], row["version_b"]) == (
        "putin-peace-plan",
        "original",
        "rewrite",
    )
    for name, value in comparison.similarity.to_dict().items():
        assert row[name] == (value if isinstance(value, str) else pytest.approx(value, abs=1e-4))
    assert groups["label"].value_counts().to_dict() == {
        k: v for k, v in comparison.counts.items() if v
    }
    assert groups[["words_deleted", "words_inserted"]].sum().tolist() == [
        sum(d.n_deleted_words for d in comparison.diffs),
        sum(d.n_inserted_words for d in comparison.diffs),
    ]
    assert row["tone_a"] == pytest.approx(comparison.tone.a.mean)
    assert -1 <= row["tone_b"] <= 1
    summary = json.loads((tmp_path / "out" / "corpus.json").read_text())
    assert summary["stories"] == 1 and summary["pairs"] == 1 and summary["failed"] == 0


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("reference", [("a", "b"), ("a", "c")]),
        ("consecutive", [("a", "b"), ("b", "c")]),
        ("all", [("a", "b"), ("a", "c"), ("b", "c")]),
    ],
)
def test_pair_modes(tmp_path, mode, expected):
    frame = pd.DataFrame(
        {
            "story": ["s"] * 3,
            "version": ["a", "b", "c"],
            "text": ["Two men died. Rain fell.", "Two men were killed.", "Rain fell again."],
        }
    )
    result = compare_corpus(frame, tmp_path, options=CorpusOptions(pairs=mode, tone=False))
    pairs = result.tables()["pairs"]
    assert list(zip(pairs["version_a"], pairs["version_b"], strict=True)) == expected
    assert "tone_a" not in pairs.columns


def test_named_reference_and_no_texts(tmp_path, corpus_frame):
    options = CorpusOptions(reference="v2", texts=False)
    tables = compare_corpus(corpus_frame.head(4), tmp_path, options=options).tables()
    assert set(tables["pairs"]["version_a"]) == {"v2"}
    assert "a_text" not in tables["groups"].columns


def test_identical_and_unrelated_versions(tmp_path):
    frame = pd.DataFrame(
        {
            "story": ["same", "same", "other", "other"],
            "version": ["a", "b", "a", "b"],
            "text": [
                "Two men died in a strike. Six were hurt.",
                "Two men died in a strike. Six were hurt.",
                "The council approved the budget on Monday.",
                "A comet passed close to the planet overnight.",
            ],
        }
    )
    pairs = compare_corpus(frame, tmp_path).tables()["pairs"].set_index("story")
    assert pairs.loc["same", "reuse_label"] == "wholly-derived"
    assert pairs.loc["same", "groups_unchanged"] == 2
    assert pairs.loc["same", "share_verbatim_b"] == 1.0
    assert pairs.loc["other", "reuse_label"] == "non-derived"
    assert pairs.loc["other", ["groups_added", "groups_deleted"]].tolist() == [1, 1]


def test_a_broken_story_is_an_error_row_and_the_rest_go_on(tmp_path, corpus_frame):
    frame = pd.concat(
        [
            corpus_frame.head(2),
            pd.DataFrame({"story": ["lonely"], "version": ["v1"], "text": ["Only one version."]}),
            pd.DataFrame(
                {"story": ["blank", "blank"], "version": ["v1", "v2"], "text": [" ", "x"]}
            ),
            corpus_frame.iloc[2:4],
        ]
    )
    result = compare_corpus(frame, tmp_path)
    tables = result.tables()
    # A story with a single version is not a failure: revision corpora are full of them.
    assert (result.n_stories, result.n_failed, result.n_single) == (4, 1, 1)
    assert tables["pairs"]["story"].tolist() == ["s00", "s01"]
    errors = tables["errors"].set_index("story")
    assert "only one version" in errors.loc["lonely", "error"]
    assert "empty or only whitespace" in errors.loc["blank", "error"]
    assert errors["kind"].to_dict() == {"lonely": "single version", "blank": "error"}
    assert all("\n" not in message for message in errors["error"])
    summary = json.loads((tmp_path / "corpus.json").read_text())
    assert (summary["failed"], summary["single_version"]) == (1, 1)
    again = compare_corpus(frame, tmp_path)  # counted again from the kept parts
    assert (again.n_reused, again.n_failed, again.n_single) == (1, 1, 1)


def test_single_version_stories_alone_do_not_fail_the_command(tmp_path, capsys):
    records = tmp_path / "records.jsonl"
    rows = [
        {"story": "never-revised", "version": "v1", "text": "Two men died on Tuesday."},
        {"story": "revised", "version": "v1", "text": "Two men died. Six were hurt."},
        {"story": "revised", "version": "v2", "text": "Two men died. Seven were hurt."},
    ]
    records.write_text("".join(json.dumps(row) + "\n" for row in rows))
    code = main(["corpus", str(records), "--out", str(tmp_path / "out"), "--no-progress"])
    printed = capsys.readouterr()
    assert code == 0 and printed.err == ""
    assert "0 failed, 1 with a single version (nothing to compare)" in printed.out


def test_html_and_script_text_is_read_as_article_text(tmp_path):
    page = "<html><body><article><p>Two men died.</p><script>alert(1)</script></article></body>"
    frame = pd.DataFrame(
        {"story": ["h", "h"], "version": ["a", "b"], "html": [page, page.replace("died", "fell")]}
    )
    groups = compare_corpus(frame, tmp_path).tables()["groups"]
    assert groups["a_text"].tolist() == ["Two men died."]
    assert "alert" not in " ".join(groups["b_text"])


def _write_jsonl(path, frame: pd.DataFrame) -> None:
    path.write_text(
        "".join(json.dumps(record) + "\n" for record in frame.to_dict(orient="records")),
        encoding="utf-8",
    )


def _write_manifest(path, frame: pd.DataFrame) -> None:
    """A manifest at `path` of the texts of `frame`, each written to a file beside it."""
    rows = []
    for record in frame.to_dict(orient="records"):
        file = path.parent / "texts" / record["story"] / f"{record['version']}.txt"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(record["text"], encoding="utf-8")
        rows.append({"story": record["story"], "version": record["version"], "path": str(file)})
    pd.DataFrame(rows).to_csv(path, index=False)


def test_a_manifest_of_files_and_records_give_the_same_tables(tmp_path, corpus_frame):
    _write_manifest(tmp_path / "manifest.csv", corpus_frame.head(6))
    _write_jsonl(tmp_path / "corpus.jsonl", corpus_frame.head(6))
    from_files = compare_corpus(tmp_path / "manifest.csv", tmp_path / "a").tables()
    from_records = compare_corpus(tmp_path / "corpus.jsonl", tmp_path / "b").tables()
    for table in ("pairs", "groups"):
        pd.testing.assert_frame_equal(from_files[table], from_records[table])


def test_the_progress_bar_knows_how_many_stories_a_manifest_has(tmp_path, corpus_frame, capsys):
    """A manifest's stories are counted first (its story column only), so the bar shows the
    share done and the time left; a .jsonl file's are not (its texts would have to be read)."""
    _write_manifest(tmp_path / "manifest.csv", corpus_frame)
    _write_jsonl(tmp_path / "corpus.jsonl", corpus_frame)
    compare_corpus(tmp_path / "manifest.csv", tmp_path / "a", progress=True, chunk_size=5)
    bar = capsys.readouterr().err.split("\r")[-1]
    assert "100%" in bar and "12/12" in bar
    compare_corpus(tmp_path / "corpus.jsonl", tmp_path / "b", progress=True, chunk_size=5)
    bar = capsys.readouterr().err.split("\r")[-1]
    assert "%" not in bar and "12story" in bar


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"story": "s", "version": "a", "text": "x"}\nnot json\n', "line 2 is not valid JSON"),
        ('{"version": "a", "text": "x"}\n', "no 'story' field"),
        ("[1, 2]\n", "line 1 is not a record"),
        (
            '{"story": "s", "version": "a", "text": "x"}\n'
            '{"story": "t", "version": "a", "text": "y"}\n'
            '{"story": "s", "version": "b", "text": "z"}\n',
            "story 's' comes back at row 3",
        ),
    ],
)
def test_bad_records_fail_with_one_line_naming_the_line(tmp_path, content, message):
    path = tmp_path / "corpus.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StorydiffError, match=message) as caught:
        compare_corpus(path, tmp_path / "out")
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_a_stream_yields_stories_before_reading_the_rest(tmp_path):
    path = tmp_path / "corpus.jsonl"
    good = (
        '{"story": "s", "version": "a", "text": "x"}\n{"story": "s", "version": "b", "text": "y"}\n'
    )
    good += '{"story": "t", "version": "a", "text": "x"}\n'
    path.write_bytes(good.encode() + b'{"story": "t", "version": "b", "text": "\xff"}\n')
    stories = iter_story_records(path)
    assert next(stories)[0] == "s"
    with pytest.raises(StorydiffError, match="line 4 is not UTF-8"):
        next(stories)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.csv", "no such file or folder"),
        (
            lambda d: (d / "notes.docx").write_text("x") and d / "notes.docx",
            "a corpus is a manifest",
        ),
        (
            lambda d: (d / "m.csv").write_text("story,version\ns,a\n") and d / "m.csv",
            "lacks column\\(s\\) path",
        ),
    ],
)
def test_bad_sources(tmp_path, make, message):
    with pytest.raises(StorydiffError, match=message):
        compare_corpus(make(tmp_path), tmp_path / "out")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"jobs": 0}, "jobs must be"),
        ({"chunk_size": -1}, "chunk_size must be"),
        ({"max_pairs": 0}, "max_pairs must be"),
        ({"max_pairs": 2.5}, "max_pairs must be"),
        ({"options": "fast"}, "options must be a CorpusOptions"),
    ],
)
def test_bad_parameters(tmp_path, corpus_frame, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        compare_corpus(corpus_frame, tmp_path, **kwargs)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"tone": "no"}, "tone must be True or False"),
        ({"texts": 1}, "texts must be True or False"),
        ({"reference": 2}, "reference must be a version id"),
        (
            {"reference": "v1", "pairs": "consecutive"},
            "a reference version is for pairs='reference'",
        ),
        ({"encoding": "nosuch"}, "encoding='nosuch' is not a text encoding"),
    ],
)
def test_bad_options_fail_before_any_story(options, message):
    with pytest.raises(ParameterError, match=message):
        CorpusOptions(**options)


def test_a_reference_that_some_stories_lack_is_a_warning_with_their_count(tmp_path):
    frame = pd.DataFrame(
        [
            {"story": story, "version": version, "text": f"{story} {version}: two men died."}
            for story, versions in (("s1", ("v1", "main", "v2")), ("s2", ("v1", "v2")))
            for version in versions
        ]
    )
    with pytest.warns(storydiff.StorydiffWarning, match="'main' is not a version of 1 of the 2"):
        result = compare_corpus(frame, tmp_path / "out", options=CorpusOptions(reference="main"))
    pairs = result.tables()["pairs"]
    assert pairs.groupby("story")["version_a"].first().to_dict() == {"s1": "main", "s2": "v1"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compare_corpus(frame.iloc[:3], tmp_path / "again", options=CorpusOptions(reference="main"))


def test_bad_pair_mode():
    with pytest.raises(ParameterError, match="use one of reference, consecutive, all"):
        CorpusOptions(pairs="every")


def test_an_empty_manifest_warns_and_writes_empty_tables(tmp_path):
    (tmp_path / "m.csv").write_text("story,version,path\n")
    with pytest.warns(storydiff.StorydiffWarning, match="no stories"):
        result = compare_corpus(tmp_path / "m.csv", tmp_path / "out")
    assert result.n_stories == 0
    assert read_corpus(tmp_path / "out")["pairs"].empty


def test_an_empty_corpus_gives_tables_with_their_columns(tmp_path):
    (tmp_path / "m.csv").write_text("story,version,path\n")
    with pytest.warns(storydiff.StorydiffWarning, match="no stories"):
        compare_corpus(tmp_path / "m.csv", tmp_path / "out")
    tables = read_corpus(tmp_path / "out")
    assert {"story", "version_a", "tfidf_cosine"} <= set(tables["pairs"].columns)
    assert {"story", "label", "a", "b"} <= set(tables["groups"].columns)
    assert list(tables["errors"].columns) == ["story", "error", "kind"]
    assert all(table.empty for table in tables.values())
    with pytest.raises(StorydiffError, match="no column 'bogus'"):
        read_corpus_table(tmp_path / "out", "pairs", columns=["bogus"])


def test_a_missing_part_is_one_line_not_fewer_rows(tmp_path, corpus_frame):
    out = tmp_path / "out"
    compare_corpus(corpus_frame, out, chunk_size=2)
    (out / "pairs" / "part-000001.parquet").unlink()
    for read in (
        lambda: read_corpus(out),
        lambda: read_corpus_table(out, "pairs", columns=["story"]),
        lambda: list(iter_corpus_table(out, "pairs")),
        lambda: read_changes(out),
    ):
        with pytest.raises(StorydiffError, match="pairs/part-000001.parquet: missing") as caught:
            read()
        assert "\n" not in str(caught.value) and "run storydiff corpus again" in str(caught.value)
    again = compare_corpus(corpus_frame, out, chunk_size=2)
    assert again.n_reused == again.n_chunks - 1
    assert len(read_corpus(out)["pairs"]) == again.n_pairs


def _damage_data_pages(part: Path) -> None:
    """Change bytes in the middle of a Parquet file's data, leaving its footer readable."""
    data = bytearray(part.read_bytes())
    footer = int.from_bytes(data[-8:-4], "little") + 8
    middle = 4 + (len(data) - footer - 4) // 2
    data[middle : middle + 4] = bytes(255 - b for b in data[middle : middle + 4])
    part.write_bytes(bytes(data))


@pytest.mark.parametrize("table", ["groups", "pairs"])
def test_a_damaged_part_with_a_readable_footer_is_one_line_and_made_again(
    tmp_path, corpus_frame, table
):
    out = tmp_path / "out"
    compare_corpus(corpus_frame, out, chunk_size=4)
    before = read_corpus(out)
    part = out / table / "part-000001.parquet"
    _damage_data_pages(part)
    pq = pytest.importorskip("pyarrow.parquet")
    assert pq.read_metadata(part).num_rows > 0  # (its footer is whole)
    with pytest.raises(
        StorydiffError, match=f"{table}/part-000001.parquet: cannot be read"
    ) as caught:
        read_corpus_table(out, table)
    assert "\n" not in str(caught.value)
    again = compare_corpus(corpus_frame, out, chunk_size=4)
    assert (again.n_chunks, again.n_reused) == (3, 2)
    after = read_corpus(out)
    for name in ("pairs", "groups"):
        pd.testing.assert_frame_equal(after[name], before[name], check_exact=False)


def test_parts_of_two_runs_are_one_line_and_a_rerun_makes_the_strays_again(tmp_path, corpus_frame):
    out, other = tmp_path / "out", tmp_path / "other"
    compare_corpus(corpus_frame, out, chunk_size=4)
    before = read_corpus(out)
    compare_corpus(corpus_frame, other, chunk_size=4, options=CorpusOptions(texts=False))
    shutil.copy(other / "groups" / "part-000002.parquet", out / "groups" / "part-000002.parquet")
    for read in (
        lambda: read_corpus_table(out, "groups"),
        lambda: list(iter_corpus_table(out, "groups", batch_rows=1)),
        lambda: read_corpus_story(out, corpus_frame["story"].iloc[-1]),
    ):
        with pytest.raises(
            StorydiffError,
            match="groups/part-000002.parquet: its columns are not those of part-000000.parquet",
        ) as caught:
            read()
        assert "\n" not in str(caught.value) and "run storydiff corpus again" in str(caught.value)
    again = compare_corpus(corpus_frame, out, chunk_size=4)
    assert again.n_reused == 2
    pd.testing.assert_frame_equal(read_corpus(out)["groups"], before["groups"])


def test_a_folder_that_is_not_a_corpus_run_is_refused_untouched(tmp_path, corpus_frame):
    mine = tmp_path / "project"
    (mine / "sub").mkdir(parents=True)
    (mine / "sub" / ".session.tmp").write_text("a session")
    (mine / "notes.txt").write_text("my notes")
    with pytest.raises(StorydiffError, match="holds 'notes.txt', which is not a corpus run's"):
        compare_corpus(corpus_frame, mine)
    assert sorted(p.name for p in mine.rglob("*")) == [".session.tmp", "notes.txt", "sub"]
    other = tmp_path / "other"
    other.mkdir()
    (other / "corpus.json").write_text('{"my": "settings"}')
    with pytest.raises(StorydiffError, match="corpus.json: is not the summary of a corpus run"):
        compare_corpus(corpus_frame, other)
    assert [p.name for p in other.iterdir()] == ["corpus.json"]


@pytest.mark.parametrize(
    ("scheduler", "message"),
    [
        ("localhost", "cannot reach the Dask scheduler at 'localhost'"),
        ("tcp://127.0.0.1:abc", "cannot reach the Dask scheduler"),
        ("udp://1.2.3.4:1", "cannot reach the Dask scheduler"),
        (123, "scheduler must be an address"),
    ],
)
def test_a_bad_scheduler_is_one_line_and_leaves_a_finished_run_whole(
    tmp_path, corpus_frame, scheduler, message
):
    pytest.importorskip("distributed")
    out = tmp_path / "out"
    compare_corpus(corpus_frame.head(4), out)
    before = sorted(p.name for p in out.iterdir())
    with pytest.raises(ParameterError, match=message) as caught:
        compare_corpus(corpus_frame.head(4), out, scheduler=scheduler)
    assert "\n" not in str(caught.value)
    assert sorted(p.name for p in out.iterdir()) == before and len(read_corpus(out)["pairs"]) == 2


def test_reading_a_folder_without_a_finished_run_fails_clearly(tmp_path):
    with pytest.raises(StorydiffError, match="no finished corpus run"):
        read_corpus(tmp_path)


def test_a_rerun_keeps_whole_chunks_and_redoes_changed_ones(tmp_path, corpus_frame):
    out = tmp_path / "out"
    first = compare_corpus(corpus_frame, out, chunk_size=4)
    assert (first.n_chunks, first.n_reused) == (3, 0)
    before = read_corpus(out)
    again = compare_corpus(corpus_frame, out, chunk_size=4)
    assert again.n_reused == 3
    changed = corpus_frame.copy()
    changed.loc[changed.index[-1], "text"] = "A completely different closing text."
    third = compare_corpus(changed, out, chunk_size=4)
    assert third.n_reused == 2
    after = read_corpus(out)
    assert after["pairs"].iloc[:8].equals(before["pairs"].iloc[:8])
    assert after["pairs"].iloc[-1]["reuse_label"] != before["pairs"].iloc[-1]["reuse_label"]
    no_tone = CorpusOptions(tone=False)
    with pytest.raises(StorydiffError, match=r"other options \(tone\); .* or --replace"):
        compare_corpus(changed, out, chunk_size=4, options=no_tone)
    assert read_corpus(out)["pairs"].equals(after["pairs"])  # the finished run is kept
    other_options = compare_corpus(changed, out, chunk_size=4, options=no_tone, replace=True)
    assert other_options.n_reused == 0
    shorter = compare_corpus(changed.head(8), out, chunk_size=4, options=no_tone)
    assert shorter.n_chunks == 1 and len(read_corpus(out)["pairs"]) == 4


def test_a_finished_run_of_another_source_is_kept_unless_replaced(tmp_path, corpus_frame):
    """A run of another corpus into the folder of a finished one replaced it without a word; a
    run whose source then failed had already removed the finished run's summary."""
    out = tmp_path / "out"
    (tmp_path / "a.jsonl").write_text(corpus_frame.to_json(orient="records", lines=True))
    first = compare_corpus(tmp_path / "a.jsonl", out)
    before = read_corpus(out)
    with pytest.raises(StorydiffError, match=r"holds a finished corpus run of .*a\.jsonl; give"):
        compare_corpus(corpus_frame, out)
    (tmp_path / "b.jsonl").write_text('{"story": "s", "version": "v1", "text": "A."}\n{"x')
    with pytest.raises(StorydiffError):  # a source that fails before a part is written
        compare_corpus(tmp_path / "b.jsonl", out, replace=True)
    assert read_corpus(out)["pairs"].equals(before["pairs"])
    assert compare_corpus(tmp_path / "a.jsonl", out).n_reused == first.n_chunks
    assert compare_corpus(corpus_frame.head(4), out, replace=True).n_pairs == 2


def test_a_lock_written_on_another_machine_is_held(tmp_path, corpus_frame):
    """A run on another host of a shared folder looked dead here, and its lock was taken over."""
    out = tmp_path / "out"
    out.mkdir()
    (out / corpus_output.LOCK_FILE).write_text("3003 another-host\n")
    with pytest.raises(StorydiffError, match="process 3003 on another-host.*delete .*lock"):
        compare_corpus(corpus_frame.head(4), out)
    (out / corpus_output.LOCK_FILE).write_text("999999999\n")  # an older lock, no host: here
    assert compare_corpus(corpus_frame.head(4), out).n_pairs == 2


def test_leftover_temporary_parts_are_removed(tmp_path, corpus_frame):
    out = tmp_path / "out"
    compare_corpus(corpus_frame.head(4), out)
    leftover = out / "pairs" / ".part-000001.parquet.x8k2_p0q.tmp"
    leftover.write_bytes(b"half a file")
    compare_corpus(corpus_frame.head(4), out)
    assert not leftover.exists()


def test_a_run_killed_midway_leaves_whole_parts_and_resumes(tmp_path, corpus_frame):
    """The process is killed after its second part; the next run keeps both and does the rest."""
    _write_jsonl(tmp_path / "corpus.jsonl", corpus_frame)
    out = tmp_path / "out"
    script = f"""
import os, signal
import storydiff.corpus.output as output
written = []
original = output.PartWriter.write
def write(self, result, key):
    original(self, result, key)
    written.append(result.index)
    if len(written) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
output.PartWriter.write = write
from storydiff.corpus import compare_corpus
compare_corpus({str(tmp_path / "corpus.jsonl")!r}, {str(out)!r}, chunk_size=2)
"""
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=300)
    assert killed.returncode == -9
    assert len(list((out / "pairs").glob("part-*.parquet"))) == 2
    assert not (out / "corpus.json").exists()
    resumed = compare_corpus(tmp_path / "corpus.jsonl", out, chunk_size=2)
    assert (resumed.n_chunks, resumed.n_reused) == (6, 2)
    assert len(resumed.tables()["pairs"]) == 12


def test_a_run_stopped_over_a_finished_one_is_not_read_as_finished(tmp_path, corpus_frame):
    """A second run into a finished run's folder takes its corpus.json and page away first:
    stopped midway, its folder holds parts of two runs, which must not be read as one."""
    out = tmp_path / "out"
    compare_corpus(corpus_frame, out, chunk_size=2)
    (out / "corpus.html").write_text("<p>the page of the first run</p>")
    assert (out / corpus_output.INDEX_FILE).is_file()
    assert len(read_corpus(out)["pairs"]) == 12
    changed = corpus_frame.assign(text=corpus_frame["text"] + " One more sentence.")
    written = []
    original = corpus_output.PartWriter.write

    def stop_after_one(self, result, key):
        original(self, result, key)
        written.append(result.index)
        raise RuntimeError("stopped")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(corpus_output.PartWriter, "write", stop_after_one)
        with pytest.raises(RuntimeError, match="stopped"):
            compare_corpus(changed, out, chunk_size=2)
    assert written == [0]
    for name in ("corpus.json", "corpus.html", corpus_output.INDEX_FILE):
        assert not (out / name).exists()
    with pytest.raises(StorydiffError, match="no finished corpus run"):
        read_corpus(out)
    resumed = compare_corpus(changed, out, chunk_size=2)
    assert (resumed.n_reused, len(read_corpus(out)["pairs"])) == (1, 12)


def test_story_tables_rows_are_plain_values(example_story):
    pairs, groups = story_tables(example_story, CorpusOptions())
    for row in [*pairs, *groups]:
        for value in row.values():
            assert value is None or isinstance(value, (str, int, float, bool, list))


def test_story_tables_work_on_segmentations_without_building_sentence_tables():
    # The corpus path reads sentence texts, counts and headings off each version's
    # segmentation; the per-version pandas tables would cost about a millisecond a pair.
    story = storydiff.Story(
        "s",
        [
            storydiff.Version("a", "# Storm\n\nRain fell. Two men died.\n\nRoads closed."),
            storydiff.Version("b", "# Storm\n\nHeavy rain fell. Roads closed."),
        ],
    )
    pairs, groups = story_tables(story, CorpusOptions(tone=True))
    for version in story:
        assert "sentences" not in vars(version.segmentation)
        assert "sentences" not in vars(version)
    assert (pairs[0]["sentences_a"], pairs[0]["sentences_b"]) == (4, 3)
    tone = storydiff.compare(*story).tone
    assert (pairs[0]["tone_a"], pairs[0]["tone_b"]) == pytest.approx((tone.a.mean, tone.b.mean))
    assert pairs[0]["tone_a"] != pairs[0]["tone_b"]
    assert [g["b_text"] for g in groups if g["label"] == "edited"] == ["Heavy rain fell."]


def test_worker_processes_and_dask_give_the_same_rows(tmp_path, corpus_frame, long_history):
    """The acceptance check of the Dask path: a LocalCluster with two workers, row for row;
    slices of a long story's pairs too."""
    distributed = pytest.importorskip("distributed")
    _write_jsonl(tmp_path / "corpus.jsonl", corpus_frame)
    source = tmp_path / "corpus.jsonl"
    local = compare_corpus(source, tmp_path / "local", chunk_size=3).tables()
    processes = compare_corpus(source, tmp_path / "processes", chunk_size=3, jobs=2).tables()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the cluster's own start-up notices
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, distributed.Client(cluster) as client:
            on_dask = compare_corpus(source, tmp_path / "dask", chunk_size=3, scheduler=client)
            assert on_dask.scheduler == cluster.scheduler_address
            assert len(client.nthreads()) == 2
            sliced = {"options": CorpusOptions(pairs="all", tone=False), "max_pairs": 20}
            slices_on_dask = compare_corpus(
                long_history, tmp_path / "dask-slices", scheduler=client, **sliced
            )
    slices_here = compare_corpus(long_history, tmp_path / "slices", **sliced)
    assert slices_on_dask.n_chunks == slices_here.n_chunks == 6
    for table in ("pairs", "groups"):
        pd.testing.assert_frame_equal(slices_here.tables()[table], slices_on_dask.tables()[table])
    dask_tables = on_dask.tables()
    assert len(local["pairs"]) == 12 and len(local["groups"]) > 100
    for table in ("pairs", "groups", "errors"):
        pd.testing.assert_frame_equal(local[table], processes[table])
        pd.testing.assert_frame_equal(local[table], dask_tables[table])


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, corpus_frame):
    pytest.importorskip("distributed")
    with pytest.raises(
        ParameterError, match="cannot reach the Dask scheduler at .tcp://127.0.0.1:9."
    ):
        compare_corpus(corpus_frame, tmp_path, scheduler="tcp://127.0.0.1:9")


def test_cli_corpus(tmp_path, corpus_frame):
    _write_jsonl(tmp_path / "corpus.jsonl", corpus_frame.head(6))

    def corpus(*arguments):
        command = [sys.executable, "-m", "storydiff", "corpus", *map(str, arguments)]
        return subprocess.run(command, capture_output=True, text=True, timeout=300)

    source = tmp_path / "corpus.jsonl"
    done = corpus(source, "--out", tmp_path / "out", "--pairs", "consecutive", "--no-progress")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("3 stories, 3 pairs, ")
    assert len(pd.read_parquet(tmp_path / "out" / "pairs")) == 3
    small = corpus(source, "--out", tmp_path / "small", "--max-pairs", "1", "--no-progress")
    assert small.returncode == 0, small.stderr
    assert len(list((tmp_path / "small" / "pairs").glob("part-*.parquet"))) == 3
    assert json.loads((tmp_path / "small" / "corpus.json").read_text())["max_pairs"] == 1
    zero = corpus(source, "--out", tmp_path / "zero", "--max-pairs", "0")
    assert zero.returncode == 2
    assert "argument --max-pairs: expected 1 or more, got 0" in zero.stderr
    missing = corpus(tmp_path / "nope.csv", "--out", tmp_path / "x")
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [
        f"storydiff: error: {tmp_path / 'nope.csv'}: no such file or folder; check the path"
    ]


def _newsedits_database(path: Path, frame: pd.DataFrame) -> Path:
    """The stories of `frame` in an SQLite table laid out as NewsEdits' ``entryversion`` is
    (entry_id, version, title, summary), its rows stored out of story order."""
    import sqlite3

    rows = [
        (int(row.story[1:]), int(row.version[1:]) - 1, f"Story {row.story}", row.text)
        for row in frame.iloc[::-1].itertuples()
    ]
    with sqlite3.connect(path) as database:
        database.execute("CREATE TABLE entryversion (entry_id INT, version INT, title, summary)")
        database.executemany("INSERT INTO entryversion VALUES (?, ?, ?, ?)", rows)
    database.close()
    return path


NEWSEDITS_QUERY = (
    "SELECT printf('s%02d', entry_id) AS story, printf('v%d', version + 1) AS version, "
    "summary AS text FROM entryversion ORDER BY entry_id, version"
)


def test_an_sqlite_database_gives_the_rows_of_the_same_table(tmp_path, corpus_frame, capsys):
    from storydiff.cli import main
    from storydiff.corpus import SQLiteSource

    frame = corpus_frame.head(8)
    path = _newsedits_database(tmp_path / "newsedits.db", frame)
    before = path.read_bytes()
    expected = compare_corpus(frame, tmp_path / "frame").tables()
    from_database = compare_corpus(
        SQLiteSource(path, NEWSEDITS_QUERY), tmp_path / "db", progress=True
    )
    assert "4/4" in capsys.readouterr().err  # the progress bar counted the query's stories
    for table in ("pairs", "groups"):
        pd.testing.assert_frame_equal(from_database.tables()[table], expected[table])
    summary = json.loads((tmp_path / "db" / "corpus.json").read_text())
    assert summary["source"] == f"{path} ({NEWSEDITS_QUERY})"
    # the command: --query reads SOURCE as a database
    out = tmp_path / "cli"
    argv = ["corpus", str(path), "--out", str(out), "--query", NEWSEDITS_QUERY, "--no-progress"]
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("4 stories, 4 pairs, ")
    pd.testing.assert_frame_equal(read_corpus(out)["pairs"], expected["pairs"])
    assert path.read_bytes() == before  # read, never written
    # a query that fails is one line, exit 2
    assert main([*argv[:4], "--query", "SELECT story FROM nowhere"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"storydiff: error: {path}: the query failed (no such table: nowhere); check the SQL"
    )
    # without a query, the table's columns are not those of a corpus: the message says what to do
    assert main(argv[:4]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no table has them (tables: entryversion); give a query" in err


def _start_corpus_command(tmp_path: Path, n_pairs: int, seed: int, *options: str):
    """``storydiff corpus`` of `n_pairs` synthetic pairs (two versions a story) in chunks of 2
    stories, started in a session of its own (for :func:`interrupt`), with `options`; the
    process, the corpus's file and the output folder."""
    pairs = load_bench_script("synthetic").synthetic_pairs(n_pairs, seed=seed)
    frame = pd.DataFrame(
        [
            {"story": f"s{number:02d}", "version": version, "text": text}
            for number, (a, b) in enumerate(pairs)
            for version, text in (("v1", a), ("v2", b))
        ]
    )
    source, out = tmp_path / "corpus.jsonl", tmp_path / "out"
    _write_jsonl(source, frame)
    process = subprocess.Popen(
        [sys.executable, "-m", "storydiff", "corpus", str(source), "--out", str(out)]
        + [*options, "--chunk-size", "2", "--no-progress"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    return process, source, out


@pytest.mark.parametrize(
    "moment", ["as the workers start", "as the workers get ready", "while chunks are compared"]
)
def test_ctrl_c_stops_a_corpus_run_with_one_line_and_whole_parts(tmp_path, moment):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) to ``storydiff corpus
    --jobs 2`` as its worker processes are started, just after (a spawned worker would be
    importing the libraries), or while they compare chunks: one line, exit 130, no traceback
    from a worker, only whole parts written, and the next run resumes."""
    if not Path("/proc/self/task").is_dir():
        pytest.skip("finding the worker processes reads Linux's /proc")
    process, source, out = _start_corpus_command(tmp_path, 60, 5, "--jobs", "2")
    deadline = time.monotonic() + 120
    if moment != "while chunks are compared":
        while time.monotonic() < deadline and not worker_started(process.pid):
            time.sleep(0.002)
        if moment == "as the workers get ready":
            time.sleep(0.15)
    else:
        while time.monotonic() < deadline and len(list(out.glob("pairs/part-*.parquet"))) < 2:
            time.sleep(0.02)
    interrupt(process)
    written = sorted(out.glob("pairs/part-*.parquet"))
    if moment == "while chunks are compared":
        assert 2 <= len(written) < 30
    resumed = compare_corpus(source, out, chunk_size=2)
    assert (resumed.n_chunks, resumed.n_reused) == (30, len(written))
    assert resumed.n_pairs == 60 and resumed.n_failed == 0


def test_the_synthetic_benchmark_corpus_has_unique_sentences_of_news_length():
    synthetic = load_bench_script("synthetic")
    pairs = synthetic.synthetic_pairs(20, seed=7)
    sentences = [s for a, _ in pairs for s in storydiff.split_sentences(a)]
    assert len(sentences) == len(set(sentences)) > 400
    assert 450 < sum(len(a.split()) for a, _ in pairs) / len(pairs) < 600
    assert pairs == synthetic.synthetic_pairs(20, seed=7)


def test_the_synthetic_revision_histories_carry_most_sentences_over():
    synthetic = load_bench_script("synthetic")
    histories = synthetic.synthetic_histories(6, 5, seed=3)
    assert histories == synthetic.synthetic_histories(6, 5, seed=3)
    stories, kept = [], []
    for versions in histories:
        assert len(versions) == len(set(versions)) == 5
        for before, after in zip(versions[:-1], versions[1:], strict=True):
            old, new = storydiff.split_sentences(before), storydiff.split_sentences(after)
            kept.append(len(set(old) & set(new)) / len(old))
        stories.append({s for text in versions for s in storydiff.split_sentences(text)})
    # Each version keeps about half the sentences of the one before word for word.
    assert 0.1 < min(kept) and max(kept) < 0.95 and 0.35 < sum(kept) / len(kept) < 0.7
    assert all(not (a & b) for i, a in enumerate(stories) for b in stories[i + 1 :])


def test_the_scaling_benchmark_runs_a_small_corpus(tmp_path):
    scaling = load_bench_script("corpus_scaling")
    figures = scaling.measure(tmp_path, 6, 1)
    assert figures["pairs"] == 6 and figures["failed"] == 0
    assert figures["driver_mb"] > 10 and figures["seconds"] > 0
    # the same stories from an SQLite database give the same rows
    assert scaling.measure(tmp_path, 6, 1, "sqlite")["pairs"] == 6
    tables = [read_corpus(tmp_path / f"out-6-{source}") for source in ("jsonl", "sqlite")]
    for name in ("pairs", "groups"):
        pd.testing.assert_frame_equal(tables[0][name], tables[1][name])
    assert len(tables[0]["pairs"]) == 6 and not list(tmp_path.glob("corpus-6.*"))


def test_the_scaling_benchmark_runs_long_histories_both_ways(tmp_path, capsys):
    assert load_bench_script("corpus_scaling").measure_histories(tmp_path, 2, 4, 1) == 0
    printed = capsys.readouterr().out
    assert "2 synthetic histories of 4 versions (12 pairs)" in printed
    assert "at most 2,000" in printed and "no bound" in printed


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_cli_on_a_real_dask_scheduler_and_workers(tmp_path, corpus_frame):
    """The README's cluster recipe on this machine: `dask scheduler`, `dask worker`, then
    `storydiff corpus --scheduler`; the tables equal the in-process run's."""
    distributed = pytest.importorskip("distributed")
    import shutil
    import time

    dask = shutil.which("dask", path=str(config.REPO_ROOT / ".venv" / "bin")) or shutil.which(
        "dask"
    )
    if dask is None:
        pytest.skip("the dask command is not installed")
    _write_jsonl(tmp_path / "corpus.jsonl", corpus_frame.head(8))
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    logs = open(tmp_path / "cluster.log", "w")  # noqa: SIM115 (closed below)
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
        stdout=logs,
        stderr=logs,
    )
    worker = subprocess.Popen(
        [dask, "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
        stdout=logs,
        stderr=logs,
    )
    try:
        with distributed.Client(address, timeout="60s") as client:
            deadline = time.monotonic() + 90
            while len(client.nthreads()) < 2 and time.monotonic() < deadline:
                time.sleep(0.5)
            assert len(client.nthreads()) == 2, (tmp_path / "cluster.log").read_text()[-2000:]
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "storydiff",
                "corpus",
                str(tmp_path / "corpus.jsonl"),
                "--out",
                str(tmp_path / "cluster"),
                "--scheduler",
                address,
                "--chunk-size",
                "1",
                "--no-progress",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert f"on {address}" in done.stdout
    finally:
        for process in (worker, scheduler):
            process.terminate()
        for process in (worker, scheduler):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        logs.close()
    local = compare_corpus(tmp_path / "corpus.jsonl", tmp_path / "local").tables()
    cluster = read_corpus(tmp_path / "cluster")
    for table in ("pairs", "groups", "errors"):
        pd.testing.assert_frame_equal(local[table], cluster[table])


@pytest.fixture(scope="module")
def long_history() -> pd.DataFrame:
    """Two short stories around a revision history of 12 versions (66 pairs in "all" mode)."""
    synthetic = load_bench_script("synthetic")
    history = synthetic.synthetic_history(__import__("random").Random(4), 12)
    rows = [{"story": "h", "version": f"v{n:02d}", "text": text} for n, text in enumerate(history)]
    short = [
        {"story": story, "version": version, "text": text}
        for story, (a, b) in zip(("s1", "s2"), synthetic.synthetic_pairs(2, seed=8), strict=True)
        for version, text in (("v1", a), ("v2", b))
    ]
    return pd.DataFrame(short[:2] + rows + short[2:])


@pytest.mark.parametrize(
    ("mode", "max_pairs", "chunks"),
    [
        ("all", 10, 1 + 7 + 1),  # s1, the history's 66 pairs in 7 slices, s2
        ("all", 66, 3),  # the history fits: a chunk of its own between the short stories
        ("consecutive", 5, 1 + 3 + 1),
        ("reference", 11, 1 + 1 + 1),  # 11 pairs is not more than 11: no slice
    ],
)
def test_a_long_story_is_cut_into_slices_that_give_its_rows(
    tmp_path, long_history, mode, max_pairs, chunks
):
    options = CorpusOptions(pairs=mode)
    whole = compare_corpus(long_history, tmp_path / "whole", options=options)
    cut = compare_corpus(long_history, tmp_path / "cut", options=options, max_pairs=max_pairs)
    assert (whole.n_chunks, cut.n_chunks) == (1, chunks)
    assert cut.n_stories == whole.n_stories == 3
    assert cut.n_pairs == whole.n_pairs == {"all": 68, "consecutive": 13, "reference": 13}[mode]
    for table in ("pairs", "groups", "errors"):
        pd.testing.assert_frame_equal(cut.tables()[table], whole.tables()[table])
    parts = sorted((tmp_path / "cut" / "pairs").glob("part-*.parquet"))
    assert len(parts) == chunks
    assert max(len(pd.read_parquet(part)) for part in parts) <= max_pairs  # memory: pairs


def test_slices_run_in_worker_processes_and_resume(tmp_path, long_history):
    options = CorpusOptions(pairs="all", tone=False)
    local = compare_corpus(long_history, tmp_path / "a", options=options, max_pairs=20)
    workers = compare_corpus(long_history, tmp_path / "b", options=options, max_pairs=20, jobs=2)
    for table in ("pairs", "groups"):
        pd.testing.assert_frame_equal(local.tables()[table], workers.tables()[table])
    again = compare_corpus(long_history, tmp_path / "a", options=options, max_pairs=20)
    assert (again.n_chunks, again.n_reused, again.n_pairs) == (6, 6, local.n_pairs)
    assert again.n_stories == 3


def test_a_long_story_that_cannot_be_read_is_one_error_row(tmp_path, long_history):
    broken = long_history.copy()
    broken.loc[broken["version"] == "v05", "text"] = "   "
    result = compare_corpus(broken, tmp_path, options=CorpusOptions(pairs="all"), max_pairs=10)
    errors = result.tables()["errors"]
    assert errors["story"].tolist() == ["h"]
    assert "empty or only whitespace" in errors["error"].iloc[0]
    assert result.n_failed == 1 and result.n_pairs == 2  # the two short stories


def test_a_slice_reports_a_story_it_cannot_read_once_and_names_itself_in_errors(monkeypatch):
    from storydiff.corpus import chunk_tables, tables
    from storydiff.corpus.tables import split_story

    options = CorpusOptions(pairs="all")
    records = [{"version": f"v{n}", "text": f"Sentence number {n} of the story."} for n in range(6)]
    part = split_story(15, 4)[2]
    assert part.describe() == "pairs 9-12 of 15"
    table = chunk_tables(0, [("h", records, part)], options)
    pairs = [(row["version_a"], row["version_b"]) for row in table.pairs]
    assert pairs == [("v1", "v5"), ("v2", "v3"), ("v2", "v4"), ("v2", "v5")]  # 9th to 12th
    unreadable = [{"version": "v1", "text": "One."}, {"version": "v1", "text": "Two."}]
    first, later = split_story(3, 1)[0], split_story(3, 1)[1]
    assert len(chunk_tables(0, [("x", unreadable, first)], options).errors) == 1
    assert chunk_tables(0, [("x", unreadable, later)], options).errors == []

    def fail(*args):
        raise StorydiffError("the comparison failed")

    monkeypatch.setattr(tables, "story_tables", fail)
    errors = chunk_tables(0, [("h", records, part)], options).errors
    assert errors == [
        {"story": "h", "error": "pairs 9-12 of 15: the comparison failed", "kind": "error"}
    ]


_THREADS_SCRIPT = """
import sys, threading, time
from storydiff.corpus.run import _Processes


def openblas_threads():
    import scipy.sparse  # loaded late, in the worker
    from threadpoolctl import threadpool_info

    return sorted({p["num_threads"] for p in threadpool_info() if p["internal_api"] == "openblas"})


if __name__ == "__main__":
    if sys.argv[1] == "threads":  # a process with threads spawns its workers
        threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
    if sys.argv[2] == "plain":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        workers = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        print(workers.submit(openblas_threads).result())
    else:
        workers = _Processes(2)
        method = workers.pool._mp_context.get_start_method()
        print(method, workers.submit(openblas_threads).result())
    if sys.argv[2] == "plain":
        workers.shutdown()
    else:
        workers.close()
"""


@pytest.mark.parametrize(("start", "method"), [("none", "fork"), ("threads", "spawn")])
def test_worker_processes_run_openblas_on_one_thread(tmp_path, start, method):
    """Two workers each with a thread per core fought over two cores (five times slower on long
    histories); storydiff's workers get one, forked or spawned, unless the user chose a number."""
    from storydiff.corpus.run import THREAD_VARIABLES

    script = tmp_path / "threads.py"
    script.write_text(_THREADS_SCRIPT, encoding="utf-8")
    plain_env = {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES}

    def run(what: str, env: dict) -> str:
        return python_output(str(script), start, what, env=env).strip()

    if (os.cpu_count() or 1) > 1:
        assert run("plain", plain_env) != "[1]"  # a thread per core: what the fix is for
        assert run("ours", {**plain_env, "OPENBLAS_NUM_THREADS": "2"}) == f"{method} [2]"
    assert run("ours", plain_env) == f"{method} [1]"


_LOST_CTRL_C_SCRIPT = """
import signal, sys
from storydiff.corpus import compare_corpus, run

chunk_tables = run.chunk_tables


class Loses:
    def __del__(self):  # Ctrl-C as Python runs a finalizer: Python loses the KeyboardInterrupt
        signal.raise_signal(signal.SIGINT)


def first_chunk_then_ctrl_c(*args, **kwargs):
    tables = chunk_tables(*args, **kwargs)
    Loses()
    return tables


run.chunk_tables = first_chunk_then_ctrl_c
try:
    compare_corpus(sys.argv[1], sys.argv[2], chunk_size=2)
    print("went to the end")
except KeyboardInterrupt:
    print("interrupted")
"""


def test_a_ctrl_c_that_python_loses_stops_a_corpus_run_at_the_next_chunk(tmp_path, corpus_frame):
    """A Ctrl-C that comes as Python runs a finalizer is lost (Python prints "Exception
    ignored"); the run still stops after the chunk it is comparing, and the next run resumes."""
    source, out = tmp_path / "corpus.jsonl", tmp_path / "out"
    _write_jsonl(source, corpus_frame)
    printed = python_output("-c", _LOST_CTRL_C_SCRIPT, str(source), str(out))
    assert printed.splitlines() == ["interrupted"]
    written = len(list(out.glob("pairs/part-*.parquet")))
    assert written < 2
    resumed = compare_corpus(source, out, chunk_size=2)
    assert (resumed.n_chunks, resumed.n_reused, resumed.n_pairs) == (6, written, 12)


def test_records_with_lone_surrogates_give_tables_not_a_traceback(tmp_path):
    """JSON may hold half an emoji (a lone surrogate); Parquet may not. It is replaced."""
    records = [
        {"story": "cut\ud83d", "version": "a", "text": "Two men died \ud83d. A woman was hurt."},
        {"story": "cut\ud83d", "version": "b", "text": "Two men were killed. A woman was hurt."},
    ]
    path = tmp_path / "cut.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    with pytest.warns(storydiff.StorydiffWarning, match="not valid Unicode"):
        result = compare_corpus(path, tmp_path / "out", options=CorpusOptions(texts=True))
    pairs = result.tables()["pairs"]
    assert pairs["story"].tolist() == ["cut\\ud83d"] and result.n_failed == 0
    assert "died \ufffd." in " ".join(result.tables()["groups"]["a_text"].dropna())


def test_story_ids_that_differ_in_a_lone_surrogate_stay_two_stories(tmp_path):
    """Both ids were once made "a\ufffd": one story of four versions, then a traceback."""
    records = [
        {"story": story, "version": version, "text": text}
        for story, versions in (("a\ud800", ("1", "2")), ("a\udc00", ("3", "4")))
        for version, text in zip(versions, ("Rain fell.", "Rain fell hard."), strict=True)
    ]
    path = tmp_path / "cut.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", storydiff.StorydiffWarning)
        result = compare_corpus(path, tmp_path / "out")
    pairs = result.tables()["pairs"]
    assert pairs["story"].tolist() == ["a\\ud800", "a\\udc00"] and result.n_failed == 0


def test_a_corpus_run_among_its_stories_is_not_read_as_a_story(tmp_path, capsys):
    stories = tmp_path / "stories"
    for name in ("s1", "s2"):
        (stories / name).mkdir(parents=True)
        (stories / name / "a.txt").write_text("Two men died in the strike.")
        (stories / name / "b.txt").write_text(f"Three men died in the strike on {name}.")
    out = stories / "out"
    for _ in range(2):
        assert main(["corpus", str(stories), "--out", str(out), "--html", "--no-progress"]) == 0
        assert capsys.readouterr().out.startswith("2 stories, 2 pairs")
    with pytest.raises(ParameterError, match="out must be the path of a folder"):
        compare_corpus(stories, None)


def test_a_damaged_summary_beside_parts_is_a_run_the_next_run_writes_anew(tmp_path, corpus_frame):
    out = tmp_path / "out"
    compare_corpus(corpus_frame, out, chunk_size=2)
    (out / "corpus.json").write_text("")
    with pytest.raises(StorydiffError, match="not a corpus summary"):
        read_corpus(out)
    again = compare_corpus(corpus_frame, out, chunk_size=2)
    assert again.n_reused == again.n_chunks and len(read_corpus(out)["pairs"]) == again.n_pairs


def test_a_stray_file_among_the_parts(tmp_path, corpus_frame):
    out = tmp_path / "out"
    first = compare_corpus(corpus_frame, out, chunk_size=2)
    copy = out / "pairs" / "part-000000 (copy).parquet"
    copy.write_bytes((out / "pairs" / "part-000000.parquet").read_bytes())
    assert len(read_corpus_table(out, "pairs")) == first.n_pairs  # the run's parts only
    with pytest.raises(StorydiffError, match=r"part-000000 \(copy\).parquet: is not a part"):
        compare_corpus(corpus_frame, out, chunk_size=2)
    assert (out / "corpus.json").is_file()  # refused before anything was touched


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda out: out.symlink_to(out.parent / "nowhere"), "is a broken link"),
        (lambda out: (out / "corpus.json").mkdir(parents=True), "is a folder, which no corpus"),
        (lambda out: (out / "story_index.parquet").mkdir(parents=True), "is a folder"),
        (lambda out: (out.mkdir(), (out / "pairs").write_text("x")), "is a file, which no corpus"),
    ],
    ids=["broken-link", "summary-folder", "index-folder", "table-file"],
)
def test_an_out_folder_in_the_way_is_one_line(tmp_path, corpus_frame, make, message):
    out = tmp_path / "out"
    make(out)
    with pytest.raises(StorydiffError, match=message) as caught:
        compare_corpus(corpus_frame, out)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda frame, out: compare_corpus(frame, out, jobs=10**10), "at most 256 worker"),
        (lambda frame, out: CorpusOptions(encoding="rot13"), "'rot13' is not a text encoding"),
        (lambda frame, out: CorpusOptions(reference=""), "reference must be a version id"),
    ],
    ids=["huge-jobs", "bytes-codec", "empty-reference"],
)
def test_options_found_by_the_second_probe(tmp_path, corpus_frame, call, message):
    with pytest.raises(ParameterError, match=message):
        call(corpus_frame, tmp_path / "out")


def test_a_story_id_with_a_lone_surrogate_is_found_as_given(tmp_path):
    records = [{"story": "a\udc80b", "version": v, "text": f"Two men died. V{v}."} for v in "xy"]
    path = tmp_path / "sur.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", storydiff.StorydiffWarning)
        compare_corpus(path, tmp_path / "out")
    assert len(read_corpus_table(tmp_path / "out", "pairs", stories=["a\udc80b"])) == 1
    from storydiff.corpus import read_corpus_story

    assert len(read_corpus_story(tmp_path / "out", "a\udc80b")["pairs"]) == 1


def test_a_folder_another_run_is_writing_is_refused_and_a_dead_runs_lock_taken_over(
    tmp_path, corpus_frame
):
    """Two runs into one folder at once both ended with exit 0, their parts mixed."""
    out = tmp_path / "out"
    out.mkdir()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (out / corpus_output.LOCK_FILE).write_text(f"{other.pid}\n")
        with pytest.raises(StorydiffError, match=f"another corpus run \\(process {other.pid}\\)"):
            compare_corpus(corpus_frame.head(4), out)
    finally:
        other.kill()
        other.wait()
    result = compare_corpus(corpus_frame.head(4), out)  # its process is gone: taken over
    assert result.n_pairs == 2 and not (out / corpus_output.LOCK_FILE).exists()


def test_a_pairs_words_are_counted_as_its_diffs_count_them(tmp_path):
    """ "23-year-old" was one word of a version and three of its diffs: a version replaced whole
    had more words deleted than it held, and a change share above 1."""
    a = "The 23-year-old man's car hit U.S.-made steel. It was an e-mail-linked area at 100F."
    b = "Rain fell on Tuesday."
    frame = pd.DataFrame({"story": ["s", "s"], "version": ["a", "b"], "text": [a, b]})
    compare_corpus(frame, tmp_path / "out")
    (row,) = read_corpus_table(tmp_path / "out", "pairs").to_dict("records")
    assert (row["words_a"], row["words_b"]) == (19, 4)
    assert (row["words_deleted"], row["words_inserted"]) == (19, 4)


def test_parts_of_an_earlier_tables_revision_are_made_again(tmp_path, corpus_frame, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setattr(corpus_output, "TABLES_REVISION", corpus_output.TABLES_REVISION - 1)
    compare_corpus(corpus_frame.head(4), out)
    monkeypatch.undo()
    assert compare_corpus(corpus_frame.head(4), out).n_reused == 0
    assert compare_corpus(corpus_frame.head(4), out).n_reused == 1


def test_warnings_are_kept_in_the_pairs_table_and_told_again_on_a_rerun(tmp_path):
    """An encoding guessed for a version was printed once (by a worker, on a cluster: to its
    own log) and kept nowhere; a rerun that kept the chunk told nothing."""
    (tmp_path / "a.txt").write_bytes("Caf\u00e9 owners said two men died.".encode("cp1252"))
    (tmp_path / "b.txt").write_text("Cafe owners said three men died.", encoding="utf-8")
    manifest = tmp_path / "m.csv"
    manifest.write_text("story,version,path\ns,a,a.txt\ns,b,b.txt\n", encoding="utf-8")
    for kept in (0, 1):
        with pytest.warns(storydiff.StorydiffWarning) as caught:
            result = compare_corpus(manifest, tmp_path / "out")
        assert result.n_reused == kept
        told = [str(w.message) for w in caught]
        assert told[-1].startswith("1 pair of 1 story had a version read or compared with")
        assert "a.txt: not valid UTF-8" in told[-1]
    (notes,) = read_corpus_table(tmp_path / "out", "pairs")["warnings"].tolist()
    assert len(notes) == 1 and "read as Windows-1252" in notes[0]


@pytest.mark.parametrize(
    ("ids", "back"),
    [(["0", "2", "1"], "'1' comes after '2'"),
     (["2024-05-01", "2024-04-30T10:00"], "'2024-04-30T10:00' comes after '2024-05-01'"),
     (["1", "2", "10"], None), (["b", "a"], None),
     (["2024-05-01T10:00", "2024-05-01T09:00+00:00"], None)],
    ids=["numbers", "dates", "in-order", "names", "times-with-and-without-a-zone"],
)  # fmt: skip
def test_consecutive_versions_that_go_back_are_warned_of(tmp_path, ids, back):
    texts = ["Two men died on Monday.", "Two men died.", "Three men died on Monday."]
    frame = pd.DataFrame({"story": "s", "version": ids, "text": texts[: len(ids)]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compare_corpus(frame, tmp_path / "out", options=CorpusOptions(pairs="consecutive"))
    notes = read_corpus_table(tmp_path / "out", "pairs")["warnings"].tolist()
    assert len(notes) == len(ids) - 1  # every pair compared
    if back is None:
        assert not caught and all(len(n) == 0 for n in notes)
    else:
        assert all(back in n[0] for n in notes) and back in str(caught[-1].message)


def test_a_manifest_may_give_the_texts_as_pandas_writes_them(tmp_path, corpus_frame):
    """A CSV of story, version, text (DataFrame.to_csv) was refused for lacking a path."""
    corpus_frame.to_csv(tmp_path / "texts.csv", index=False)
    from_csv = compare_corpus(tmp_path / "texts.csv", tmp_path / "csv")
    from_frame = compare_corpus(corpus_frame, tmp_path / "frame")
    assert from_csv.n_pairs == from_frame.n_pairs > 0
    columns = ["story", "version_a", "version_b", "words_deleted", "tfidf_cosine"]
    pairs = [read_corpus_table(tmp_path / name, "pairs")[columns] for name in ("csv", "frame")]
    assert pairs[0].equals(pairs[1])


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("", r"m\.csv: is empty; a manifest has a header"),
        ("story;version;path\ns;a;a.txt\n", r"lacks column\(s\) story, version, path \(or text\) "
         r"\(its header is one field with ';' in it: separate the fields with commas\)"),
        ("story,version,path\ns,a,\n", r"line 2 has no path; fill it in"),
        ("story,version,text\n,a,Two died.\n", r"line 2 has no story; fill it in"),
    ],
    ids=["empty-file", "semicolons", "no-path", "no-story"],
)  # fmt: skip
def test_manifest_mistakes_are_one_line(tmp_path, manifest, message):
    (tmp_path / "m.csv").write_text(manifest, encoding="utf-8")
    with pytest.raises(StorydiffError, match=message):
        compare_corpus(tmp_path / "m.csv", tmp_path / "out")


def test_a_folder_given_as_a_version_file_and_numpy_counts(tmp_path):
    (tmp_path / "m.csv").write_text("story,version,path\ns,a,.\ns,b,.\n", encoding="utf-8")
    result = compare_corpus(tmp_path / "m.csv", tmp_path / "out", max_pairs=np.int64(5))
    (error,) = read_corpus_table(tmp_path / "out", "errors")["error"].tolist()
    assert result.n_failed == 1 and "is a folder, not a version file" in error


def test_a_reference_the_first_story_lacks_is_warned_of_at_once(tmp_path, corpus_frame):
    with pytest.warns(storydiff.StorydiffWarning) as caught:
        compare_corpus(corpus_frame, tmp_path / "out", options=CorpusOptions(reference="v9"))
    first, last = str(caught[0].message), str(caught[-1].message)
    assert first.startswith("reference 'v9' is not a version of the first story")
    assert "is not a version of" in last and "stories" in last


@pytest.mark.parametrize("moment", ["as the cluster starts", "while chunks are compared"])
def test_ctrl_c_stops_a_local_dask_run_with_one_line(tmp_path, moment):
    """Ctrl-C to ``storydiff corpus --scheduler local`` printed the tracebacks of the cluster's
    worker processes (those starting, importing), and one that came as the cluster started left
    it half made: "AssertionError: Status.init" at exit. Now one line, exit 130, and whole
    parts."""
    pytest.importorskip("distributed")
    if not Path("/proc/self/task").is_dir():
        pytest.skip("finding the worker processes reads Linux's /proc")
    process, source, out = _start_corpus_command(tmp_path, 40, 3, "--scheduler", "local")
    deadline = time.monotonic() + 120
    if moment == "as the cluster starts":
        while time.monotonic() < deadline and not worker_started(process.pid):
            time.sleep(0.002)
        time.sleep(0.3)  # (the cluster's processes are being spawned, importing)
    else:
        while time.monotonic() < deadline and len(list(out.glob("pairs/part-*.parquet"))) < 2:
            time.sleep(0.02)
    interrupt(process)
    assert compare_corpus(source, out, chunk_size=2).n_pairs == 40
