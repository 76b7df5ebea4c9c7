"""Batch reports: many stories, a broken one, reruns, --force, and an interrupted run."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from storydiff import config, load_story
from storydiff.cli import main
from storydiff.errors import ParameterError, StorydiffWarning
from storydiff.metrics import story_metrics
from storydiff.reporting import ReportOptions, batch, read_batch_tables, run_batch
from storydiff.reporting.batch import CORPUS_PAGE
from storydiff.reporting.files import atomic_write, hash_files, remove_stale_temporaries
from storydiff.reporting.jobs import find_jobs, slugify

from .conftest import INTERRUPTED, interrupt, python_output, worker_started

ITERATER = config.eval_dir() / "iterater_news" / "news_doc_level_train.jsonl"
N_ITERATER = 20


def _write_corpus(folder: Path, n: int) -> Path:
    """A manifest of *n* IteraTeR revision pairs, the seed story and one broken story."""
    rows = []
    seen = set()
    with ITERATER.open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            story = f"wikinews-{record['doc_id']}-{record['revision_depth']}"
            if story in seen or not record["before_revision"].strip():
                continue
            seen.add(story)
            for version, key in (("before", "before_revision"), ("after", "after_revision")):
                path = folder / story / f"{version}.txt"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(record[key], encoding="utf-8")
                rows.append(
                    {
                        "story": story,
                        "version": version,
                        "path": f"{story}/{version}.txt",
                        "outlet": "Wikinews",
                    }
                )
            if len(seen) == n:
                break
    broken = folder / "broken"
    broken.mkdir()
    (broken / "a.txt").write_text("A story with text.", encoding="utf-8")
    (broken / "b.txt").write_text("   \n", encoding="utf-8")
    rows += [
        {"story": "broken", "version": "a", "path": "broken/a.txt", "outlet": ""},
        {"story": "broken", "version": "b", "path": "broken/b.txt", "outlet": ""},
    ]
    manifest = folder / "manifest.csv"
    pd.DataFrame(rows).to_csv(manifest, index=False)
    return manifest


def _complete_html(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    return text.rstrip().endswith("</html>")


@pytest.mark.skipif(not ITERATER.is_file(), reason=f"evaluation data not found: {ITERATER}")
def test_a_batch_of_stories_with_a_broken_one(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    manifest = _write_corpus(corpus, N_ITERATER)
    out = tmp_path / "reports"
    sources = [str(manifest), str(config.EXAMPLE_STORY_DIR)]

    code = main(["report", *sources, "--out", str(out), "--jobs", "2", "--no-progress"])
    printed = capsys.readouterr()
    assert code == 1  # one story failed
    assert "story 'broken' failed: " in printed.err and "b.txt: the text is empty" in printed.err
    stories = pd.read_csv(out / "stories.csv")
    assert len(stories) == N_ITERATER + 2
    assert (stories["status"] == "ok").sum() == N_ITERATER + 1
    for slug in stories.loc[stories["status"] == "ok", "slug"]:
        assert _complete_html(out / slug / "index.html"), slug
        assert (out / slug / "pairs.csv").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "b.txt: the text is empty or only whitespace" in index
    assert 'href="putin-peace-plan/index.html"' in index and 'href="corpus.html"' in index
    assert _complete_html(out / "corpus.html")
    pairs = pd.read_csv(out / "pairs.csv")
    assert len(pairs) == N_ITERATER + 1 and pairs["tfidf_cosine"].between(0, 1).all()
    for name in ("pairs", "framing", "groups"):  # no column of row numbers ("Unnamed: 0")
        assert pd.read_csv(out / f"{name}.csv", nrows=1).columns[0] == "story"
    framing = pd.read_csv(out / "framing.csv")
    assert set(framing["outlet"]) >= {"Wikinews"}
    # every aligned group of every story, in each story's folder and all together
    groups = pd.read_csv(out / "groups.csv")
    group_counts = pairs[[c for c in pairs.columns if c.startswith("groups_")]].sum(axis=1)
    assert len(groups) == group_counts.sum()
    assert groups.groupby("story").size().sort_index().tolist() == (
        group_counts.groupby(pairs["story"]).sum().sort_index().tolist()
    )
    seed = pd.read_csv(out / "putin-peace-plan" / "groups.csv")
    assert seed["group"].tolist() == list(range(len(seed)))
    assert "Moscow-appointed" in " ".join(seed["b_text"].dropna())
    read = read_batch_tables(out)["groups"]
    assert read.loc[read["story"] == "putin-peace-plan", "b"].iloc[0] == [0]  # ids as a list
    made = {p: p.stat().st_mtime_ns for p in out.rglob("index.html")}

    # Re-running does nothing new.
    assert main(["report", *sources, "--out", str(out), "--jobs", "2", "--no-progress"]) == 1
    assert f"0 reported now, {N_ITERATER + 2} up to date" in capsys.readouterr().out
    for path, stamp in made.items():
        if path != out / "index.html":
            assert path.stat().st_mtime_ns == stamp, path

    # A changed input redoes that story only.
    first = stories.loc[0, "slug"]
    (corpus / first / "after.txt").write_text("A wholly new text. It has two sentences.")
    main(["report", *sources, "--out", str(out), "--no-progress"])
    assert f"1 reported now, {N_ITERATER + 1} up to date" in capsys.readouterr().out

    # --force redoes all.
    result = run_batch(sources, out, jobs=2, force=True, progress=False)
    assert (result.stories["action"] == "made").all() and result.n_failed == 1
    assert all(p.stat().st_mtime_ns != made[p] for p in made if p.exists())


def test_an_interrupted_batch_leaves_only_whole_reports(tmp_path, make_story):
    texts = (
        "Officials said two men died on Tuesday. Six were hurt.",
        "Two men were killed on Tuesday, officials said. Six were injured.",
    )
    sources = []
    for n in range(4):
        sources.append(
            str(make_story({"a.txt": texts[0] + f" Story {n}.", "b.txt": texts[1]}, name=f"s{n}"))
        )
    out = tmp_path / "reports"
    command = [
        sys.executable,
        "-m",
        "storydiff",
        "report",
        *sources,
        "--out",
        str(out),
        "--no-progress",
    ]
    process = subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(out.glob("*/status.json")):
        time.sleep(0.05)
    time.sleep(0.5)  # well into the next story's notebook
    os.killpg(process.pid, signal.SIGKILL)  # as hard as a power cut: no clean-up runs
    process.wait()
    done = list(out.glob("*/status.json"))
    assert 1 <= len(done) < 4, "the run should be killed midway"
    for page in out.glob("*/index.html"):
        assert _complete_html(page) and (page.parent / "status.json").is_file()
    # The next run removes the leftovers and finishes the rest.
    result = run_batch(sources, out, progress=False)
    assert (result.stories["status"] == "ok").all()
    assert (result.stories["action"] == "up to date").sum() == len(done)
    assert not list(out.rglob("*.tmp"))


def test_a_batch_stopped_over_a_finished_one_leaves_none_of_its_combined_tables(
    tmp_path, make_story
):
    """The folder's combined tables and corpus overview are the last batch's: a batch that
    changes stories and is stopped before its end must not leave them, stale, beside it."""
    sources = [
        str(make_story({"a.txt": f"Two men died in town {n}.", "b.txt": "Two men died."}, f"s{n}"))
        for n in range(3)
    ]
    out = tmp_path / "reports"
    run_batch(sources, out, progress=False)
    combined = ["pairs.csv", "versions.csv", "framing.csv", "groups.csv", "stories.csv"]
    assert all((out / name).is_file() for name in combined) and (out / CORPUS_PAGE).is_file()
    (Path(sources[1]) / "b.txt").write_text("Three men died.", encoding="utf-8")

    def stop_at_the_changed_story(job, *args, **kwargs):
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batch, "render_story", stop_at_the_changed_story)
        with pytest.raises(KeyboardInterrupt):
            run_batch(sources, out, progress=False)
    assert not [name for name in [*combined, CORPUS_PAGE] if (out / name).exists()]
    assert (out / "index.html").is_file()  # the index lists what is whole
    result = run_batch(sources, out, progress=False)
    assert result.stories["action"].tolist() == ["up to date", "made", "up to date"]
    assert "Three men died." in (out / "groups.csv").read_text(encoding="utf-8")


def test_the_tidy_tables_are_those_of_story_metrics(tmp_path, make_story):
    # The report's kernel writes them from the comparison it shows: the same bytes as
    # story_metrics() computed here, for two versions (compare_versions) and three
    # (story_overview), with a changed threshold and another reference.
    texts = (
        "Officials said two men died on Tuesday. Six were hurt. The mayor called it a tragedy.",
        "Two men were killed on Tuesday, officials said. Six were injured in the attack.",
        "Two men died. The mayor said it was a tragedy. Police are investigating the attack.",
    )
    two = make_story({"a.txt": texts[0], "b.txt": texts[1]}, name="two")
    three = make_story({"a.txt": texts[0], "b.txt": texts[1], "c.txt": texts[2]}, name="three")
    options = ReportOptions(reference="b", thresholds={"moved_threshold": 0.6})
    out = tmp_path / "reports"
    result = run_batch([two, three], out, progress=False, options=options)
    assert (result.stories["status"] == "ok").all()
    for folder in (two, three):
        expected = story_metrics(load_story(folder), reference="b", moved_threshold=0.6)
        for name in ("pairs", "versions", "framing"):
            written = (out / folder.name / f"{name}.csv").read_text(encoding="utf-8")
            table = getattr(expected, name)  # (its index written when it names something)
            assert written == table.to_csv(index=table.index.name is not None), (folder.name, name)
        written = (out / folder.name / "metrics.json").read_text(encoding="utf-8")
        assert json.loads(written) == json.loads(json.dumps(expected.to_dict()))
        status = json.loads((out / folder.name / "status.json").read_text(encoding="utf-8"))
        assert status["summary"]["version_a"] == "b"


def test_atomic_write_and_temporaries(tmp_path):
    target = atomic_write(tmp_path / "a" / "page.html", "<html></html>")
    assert target.read_text() == "<html></html>"
    (tmp_path / "a" / ".page.html.k2_9abcd.tmp").write_text("half")
    (tmp_path / "a" / ".session.tmp").write_text("not ours")
    assert remove_stale_temporaries(tmp_path) == 1
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [".session.tmp", "page.html"]


def test_input_hash_follows_the_bytes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("one")
    first = hash_files([path])
    path.write_text("two")
    assert hash_files([path]) != first
    path.unlink()
    assert hash_files([path]) not in (first, "")


def test_find_jobs_kinds_and_unique_slugs(tmp_path, make_story):
    stories = tmp_path / "stories"
    for name in ("x", "y"):
        (stories / name).mkdir(parents=True)
        (stories / name / "a.txt").write_text("A.")
        (stories / name / "b.txt").write_text("B.")
    (stories / "empty").mkdir()
    records = tmp_path / "r.jsonl"
    records.write_text(
        "\n".join(json.dumps({"story": "x", "version": v, "text": "T."}) for v in "ab")
    )
    jobs = find_jobs([stories, records])
    assert [j.slug for j in jobs] == ["empty", "x", "y", "x-2"]
    assert jobs[-1].selector == "x" and jobs[1].selector == ""
    assert slugify("../../etc/passwd") == "etc-passwd"
    # Names in any script keep their letters: "Путин" and "普京" were both "story", numbered
    # story, story-2 ... in the order found, so adding a story renamed the others' folders.
    assert [slugify(name) for name in ("Путин", "普京", "हिंदी समाचार", "a\\b", "..")] == [
        "Путин",
        "普京",
        "हिंदी-समाचार",
        "a-b",
        "story",
    ]
    with pytest.raises(ValueError, match="no such file or folder"):
        find_jobs([tmp_path / "missing"])
    with pytest.raises(ValueError, match="give a story folder, a folder of stories"):
        find_jobs([Path(__file__)])
    (tmp_path / "news.db").write_bytes(b"")  # an empty database: no table to read
    with pytest.raises(ValueError, match=r"no table has them \(tables: none\); give a query"):
        find_jobs([tmp_path / "news.db"])


def _entryversion(path: Path, rows: list[tuple]) -> Path:
    """A NewsEdits-shaped database: entryversion(entry_id, version, title, summary)."""
    import sqlite3

    with sqlite3.connect(path) as database:
        database.execute(
            "CREATE TABLE entryversion (entry_id INTEGER, version INTEGER, title TEXT, summary TEXT)"
        )
        database.executemany("INSERT INTO entryversion VALUES (?, ?, ?, ?)", rows)
    return path


def test_reports_straight_from_an_sqlite_database(tmp_path, capsys):
    hostile = "Officials said <script>alert(1)</script> two men were killed on Tuesday."
    path = _entryversion(
        tmp_path / "ap.db",
        [
            (101, 1, "Strike", "Officials said two men were killed on Tuesday. Six were hurt."),
            (101, 2, "Strike", hostile + " Seven were hurt."),
            (202, 1, "Talks", "Talks began on Monday. Both sides met."),
            (202, 2, "Talks", "Talks began on Monday. Both sides met in Geneva."),
            (202, 3, "Talks", "Talks ended on Tuesday. Both sides met in Geneva."),
            (303, 1, "Alone", "A story that was never revised."),
        ],
    )
    query = (
        "SELECT entry_id AS story, version, summary AS text, title FROM entryversion "
        "WHERE entry_id IN (101, 202) ORDER BY entry_id, version"
    )
    out = tmp_path / "reports"
    argv = ["report", str(path), "--query", query, "--out", str(out), "--no-progress"]
    assert main(argv) == 0, capsys.readouterr().err
    assert "2 stories: 2 reported now, 0 up to date, 0 failed" in capsys.readouterr().out
    first = (out / "101" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in first and "<script>alert" not in first
    status = json.loads((out / "202" / "status.json").read_text())
    assert status["notebook"] == "story_overview" and status["versions"] == ["1", "2", "3"]
    records = (out / "101" / "versions.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["version"] for line in records] == [1, 2]
    assert status["source"] == str(out / "202" / "versions.jsonl")
    # Up to date while the story's rows are the same; a changed row remakes that story only.
    assert main(argv) == 0
    assert "0 reported now, 2 up to date" in capsys.readouterr().out
    import sqlite3

    with sqlite3.connect(path) as database:
        database.execute("UPDATE entryversion SET summary = 'Talks ended.' WHERE version = 3")
    assert main(argv) == 0
    assert "1 reported now, 1 up to date" in capsys.readouterr().out
    assert "Talks ended." in (out / "202" / "versions.jsonl").read_text(encoding="utf-8")
    # Without a query, the database needs its one table of records; a bad query is one line.
    assert main(["report", str(path), "--out", str(out), "--no-progress"]) == 2
    assert "give a query" in capsys.readouterr().err
    assert main([*argv[:2], "--query", "SELECT nothing", *argv[4:]]) == 2
    err = capsys.readouterr().err
    assert err.startswith("storydiff: error: ") and err.count("\n") == 1


def test_a_bad_row_of_a_database_is_named_by_the_database_and_story(tmp_path, capsys):
    path = _entryversion(
        tmp_path / "ap.db", [(101, 1, "Strike", "Two men were killed."), (101, 2, "Strike", None)]
    )
    query = "SELECT entry_id AS story, version, summary AS text FROM entryversion"
    out = tmp_path / "reports"
    main(["report", str(path), "--query", query, "--out", str(out), "--no-progress"])
    message = f"story '101' failed: {path} story '101' record 2: version '2' has no 'text'"
    assert message in capsys.readouterr().err
    assert json.loads((out / "101" / "status.json").read_text())["error"].startswith(str(path))


def test_report_options_and_bad_jobs(tmp_path):
    with pytest.raises(ValueError, match="jobs=0: give a whole number"):
        run_batch([config.EXAMPLE_STORY_DIR], tmp_path, jobs=0)
    assert ReportOptions(thresholds={"moved_threshold": 0.6}).to_dict()["thresholds"] == {
        "moved_threshold": 0.6
    }


def test_the_context_option_reaches_two_version_reports(tmp_path, make_story, capsys):
    clauses = [
        f"Clause {n} sets the fee for class {n % 13} at {n + 40} dollars." for n in range(450)
    ]
    amended = [*clauses[:200], "Clause 200 waives the fee for class 5.", *clauses[201:]]
    bill = make_story({"1-bill.txt": "\n\n".join(clauses), "2-act.txt": "\n\n".join(amended)})
    out = tmp_path / "reports"
    assert main(["report", str(bill), "--out", str(out), "--no-progress", "--context", "0"]) == 0
    page = (out / bill.name / "index.html").read_text(encoding="utf-8")
    # only the changed group is shown, the unchanged runs before and after it folded
    assert page.count('<tr class="sd-row') == 1 and page.count('<tr class="sd-fold">') == 2
    # the context is part of the report's inputs: another one remakes it
    capsys.readouterr()
    assert main(["report", str(bill), "--out", str(out), "--no-progress", "--context", "all"]) == 0
    assert "1 reported now, 0 up to date" in capsys.readouterr().out
    page = (out / bill.name / "index.html").read_text(encoding="utf-8")
    assert page.count('<tr class="sd-row') == 450 and '<tr class="sd-fold">' not in page
    assert page.count('<div class="sd-section"') == 5  # more than 400 rows: in sections
    # --no-sections keeps one table, and remakes the report
    argv = ["report", str(bill), "--out", str(out), "--no-progress", "--context", "all"]
    assert main([*argv, "--no-sections"]) == 0
    assert "1 reported now, 0 up to date" in capsys.readouterr().out
    page = (out / bill.name / "index.html").read_text(encoding="utf-8")
    assert page.count('<tr class="sd-row') == 450 and 'class="sd-section"' not in page
    assert page.count('<table class="sd-table sd-side"') == 1
    with pytest.raises(SystemExit) as stopped:
        main(["report", str(bill), "--out", str(out), "--context", "some"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.endswith(
        'argument --context: expected "auto", "all" or a whole number >= 0, got \'some\''
    )
    with pytest.raises(ParameterError, match='context must be a whole number >= 0, "auto" or'):
        ReportOptions(context=-1)
    with pytest.raises(ParameterError, match="sections must be True or False, got 'off'"):
        ReportOptions(sections="off")


def test_report_command_errors_are_one_line(tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing"), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("storydiff: error: ") and "no such file" in err


def test_kept_kernels_and_fresh_kernels_make_the_same_reports(tmp_path):
    sources = [
        str(config.EXAMPLE_STORY_DIR),
        str(config.STORIES_DIR / "drone-strike-three-outlets"),
    ]
    kept = run_batch(sources, tmp_path / "kept", jobs=2, progress=False)
    fresh = run_batch(sources, tmp_path / "fresh", progress=False, reuse_kernels=False)
    assert kept.n_failed == fresh.n_failed == 0
    pages = [Path(p).relative_to(tmp_path / "kept") for p in kept.stories["report"]]
    assert len(pages) == 2
    for page in [*pages, Path("corpus.html")]:
        texts = [
            re.sub(r"report made [^)<]*", "", (tmp_path / run / page).read_text(encoding="utf-8"))
            for run in ("kept", "fresh")
        ]
        assert texts[0] == texts[1], page


def test_a_failed_early_start_leaves_the_reports_to_their_own_start(tmp_path, monkeypatch):
    """Starting the kernel and warming the export before the first report is best effort: when
    either fails there, the first report starts its kernel itself, and exports as always."""
    from storydiff.reporting import kernels, notebooks

    def fail(*args, **kwargs):
        raise RuntimeError("no kernel today")

    monkeypatch.setattr(kernels.KeptKernel, "launch", fail)
    monkeypatch.setattr(notebooks, "warm_up_export", fail)
    result = run_batch([config.EXAMPLE_STORY_DIR], tmp_path, progress=False)
    assert result.stories["status"].tolist() == ["ok"]
    assert (tmp_path / "putin-peace-plan" / "index.html").is_file()


def _small_stories(make_story, n: int) -> list[str]:
    """n two-version stories, each a little different, quick to report on."""
    texts = ("Officials said two men died. Six were hurt.", "Two men were killed. Six were hurt.")
    return [
        str(make_story({"a.txt": texts[0] + f" Story {k}.", "b.txt": texts[1]}, name=f"s{k}"))
        for k in range(n)
    ]


def test_a_batch_with_two_jobs_renders_in_this_process_and_a_worker(
    tmp_path, make_story, monkeypatch
):
    """With --jobs 2 the command renders stories itself beside one worker process; every story
    is made once, the pages are those of one job, and no thread is left running."""
    from storydiff.reporting.kernels import KeptKernel

    sources = _small_stories(make_story, 4)
    here = []  # notebooks run by this process's kernel (the worker has its own)
    prepare = KeptKernel.prepare
    monkeypatch.setattr(
        KeptKernel, "prepare", lambda self, *a, **k: here.append(1) or prepare(self, *a, **k)
    )
    threads = set(threading.enumerate())
    two = run_batch(sources, tmp_path / "two", jobs=2, progress=True)
    monkeypatch.undo()
    # No thread left behind (tqdm's monitor was one): the next batch can fork its workers.
    assert set(threading.enumerate()) <= threads
    assert 2 <= len(here) <= 4  # one story or more and the corpus overview; the worker the rest
    one = run_batch(sources, tmp_path / "one", jobs=1, progress=False)
    assert two.n_failed == one.n_failed == 0 and len(two.stories) == 4
    assert (two.stories["action"] == "made").all()
    for slug in one.stories["slug"]:
        pages = [
            re.sub(r"report made [^)<]*", "", (tmp_path / run / slug / "index.html").read_text())
            for run in ("one", "two")
        ]
        assert pages[0] == pages[1], slug
    assert (tmp_path / "two" / "corpus.html").is_file()


def test_a_worker_that_dies_fails_its_story_and_this_process_makes_the_rest(
    tmp_path, make_story, monkeypatch
):
    """A worker killed mid-batch (say, by the out-of-memory killer) breaks the pool: the story it
    had fails with a one-line error, and the command makes every other story itself."""
    import multiprocessing

    from storydiff.reporting import batch

    sources = _small_stories(make_story, 4)
    get_ready = batch._get_ready

    here = os.getpid()

    def get_ready_then_kill_the_worker(*args, **kwargs):
        get_ready(*args, **kwargs)  # this process's own start, as usual
        if os.getpid() != here:  # a forked worker getting ready: not to be killed by itself
            return
        deadline = time.monotonic() + 30
        while not (workers := multiprocessing.active_children()):
            assert time.monotonic() < deadline, "no worker process started"
            time.sleep(0.01)
        for process in workers:
            process.kill()
            process.join(timeout=30)

    monkeypatch.setattr(batch, "_get_ready", get_ready_then_kill_the_worker)
    result = run_batch(sources, tmp_path / "reports", jobs=2, progress=False)
    failed = result.stories[result.stories["status"] == "failed"]
    assert len(failed) == 1 and len(result.stories) == 4
    assert failed["error"].iloc[0].startswith("worker failed: ")
    assert "\n" not in failed["error"].iloc[0]
    for report in result.stories.loc[result.stories["status"] == "ok", "report"]:
        assert _complete_html(Path(report))
    assert _complete_html(tmp_path / "reports" / "corpus.html")


def test_a_kernel_started_by_the_caller_is_used_and_left_to_it(tmp_path, make_story):
    """As `storydiff report` does: the kernel started before the batch's imports makes every
    notebook of the batch (two stories, the corpus overview), and is still running after it."""
    from storydiff.errors import ParameterError
    from storydiff.reporting.kernels import KeptKernel

    sources = _small_stories(make_story, 2)
    with KeptKernel() as kernel:
        kernel.launch()
        result = run_batch(sources, tmp_path / "out", kernel=kernel, progress=False)
        assert result.n_failed == 0 and result.corpus is not None
        assert (kernel.n_started, kernel.n_notebooks) == (1, 3) and kernel.is_alive
        with pytest.raises(ParameterError, match="reuse_kernels=False"):
            run_batch(sources, tmp_path / "no", kernel=kernel, reuse_kernels=False)
    assert not kernel.is_alive


@pytest.mark.parametrize("seconds", [0.1, 0.3, 0.6])
def test_ctrl_c_while_the_command_imports_is_one_line(tmp_path, seconds):
    """`storydiff report` starts its kernel, then imports pandas, papermill and the rest: a
    Ctrl-C meanwhile gets the command's one line and exit status 130, not a traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "storydiff", "report", "--out", str(tmp_path), "--no-progress"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(seconds)
    interrupt(process)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_ctrl_c_swallowed_as_the_kernel_starts_still_stops_the_batch(tmp_path, make_story, jobs):
    """Once, on a busy machine, a Ctrl-C as `storydiff report` started its kernel was lost
    without a word and the batch ran to its end (exit 0). Here the start-up swallows one on
    purpose: the command still stops with its one line and 130, rendering no story in its own
    process. With `--jobs 2` the worker, which the Ctrl-C did not reach, may finish the one
    story it had taken (whole, as every report left behind)."""
    stories = [
        make_story(
            {"a.txt": f"Two men died in town {i}.", "b.txt": f"Three men died in {i}."},
            name=f"s{i}",
        )
        for i in range(3)
    ]
    out = tmp_path / "reports"
    script = f"""
import os, signal, sys, time
from storydiff.reporting import kernels
original = kernels.KeptKernel.launch
def launch(self, *args, **kwargs):
    original(self, *args, **kwargs)
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)
    except KeyboardInterrupt:
        pass  # swallowed
kernels.KeptKernel.launch = launch
from storydiff.cli import main
sys.exit(main(["report", *{[str(s) for s in stories]!r}, "--out", {str(out)!r},
               "--jobs", {jobs!r}, "--no-progress"]))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip().splitlines() == [INTERRUPTED]
    made = list(out.glob("*/status.json"))
    assert len(made) <= (0 if jobs == "1" else 1)
    for status in made:
        assert (status.parent / "index.html").is_file()


@pytest.mark.parametrize(
    ("jobs", "moment"),
    [
        ("1", "in a notebook"),
        ("2", "in a notebook"),
        ("2", "as the worker is started"),
        ("2", "as the worker gets ready"),
    ],
)
def test_ctrl_c_stops_a_batch_with_one_line_and_whole_reports(tmp_path, make_story, jobs, moment):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) while a notebook runs,
    as the worker process is started, or while it gets ready: the command says it was
    interrupted in one line, with no traceback from the abandoned notebook or from the worker,
    exits with 130, and leaves only whole reports."""
    if moment != "in a notebook" and not Path("/proc/self/task").is_dir():
        pytest.skip("finding the worker process reads Linux's /proc")
    sources = _small_stories(make_story, 6)
    out = tmp_path / "reports"
    command = [sys.executable, "-m", "storydiff", "report", *sources, "--out", str(out)]
    process = subprocess.Popen(
        [*command, "--jobs", jobs, "--no-progress"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    if moment == "in a notebook":
        while time.monotonic() < deadline and not list(out.glob("*/status.json")):
            time.sleep(0.05)
        time.sleep(0.3)  # into the next story's notebook
    else:
        while time.monotonic() < deadline and not worker_started(process.pid):
            time.sleep(0.002)
        if moment == "as the worker gets ready":
            time.sleep(0.1)  # its imports, its kernel's start
        assert not list(out.glob("*/status.json")), "too late: a report is made already"
    interrupt(process)
    for page in out.glob("*/index.html"):
        assert _complete_html(page) and (page.parent / "status.json").is_file()


_LOST_CTRL_C_SCRIPT = """
import os, signal, sys
from storydiff.reporting import batch, run_batch

command, render = os.getpid(), batch.render_story


class Loses:
    def __del__(self):  # Ctrl-C as Python runs a finalizer: Python loses the KeyboardInterrupt
        signal.raise_signal(signal.SIGINT)


def render_story(*args, **kwargs):
    record = render(*args, **kwargs)
    if os.getpid() == command:  # in the command's process, not in the worker
        Loses()
    return record


batch.render_story = render_story
try:
    run_batch(sys.argv[3:], sys.argv[2], jobs=int(sys.argv[1]), progress=False)
    print("went to the end")
except KeyboardInterrupt:
    print("interrupted")
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_ctrl_c_that_python_loses_stops_the_batch_at_the_next_story(tmp_path, make_story, jobs):
    """A Ctrl-C that comes as Python runs a finalizer is lost (Python prints "Exception
    ignored"); the batch still stops after the story it is making, the reports made are whole,
    and the index lists them."""
    sources = _small_stories(make_story, 5)
    out = tmp_path / "reports"
    printed = python_output("-c", _LOST_CTRL_C_SCRIPT, jobs, str(out), *sources)
    assert printed.splitlines() == ["interrupted"]
    made = list(out.glob("*/status.json"))
    assert 1 <= len(made) <= 3  # this process's story, and what the worker had started
    for status in made:
        assert _complete_html(status.parent / "index.html")
    page = (out / "index.html").read_text()  # it lists every whole report, the worker's too
    assert (
        f"{len(made)} report{'s' if len(made) != 1 else ''}, 0 failed, {5 - len(made)} not yet made"
        in page
    )


_POOL_SCRIPT = """
import multiprocessing, os, sys, threading, time
from pathlib import Path
from storydiff import processes
from storydiff.reporting import batch

if sys.argv[1] == "threads":
    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
workers = processes.start_pool(1, batch._warm_worker, (True, False))
assert workers.submit(os.getpid).result() != os.getpid()  # the worker is ready by now
print(*[process.name.split("-")[0] for process in multiprocessing.active_children()])
temporary = Path(os.environ["TMPDIR"])  # where a kernel's connection file is written
print(len(list(temporary.glob("*.json"))))
workers.shutdown()
print(len(list(temporary.glob("*.json"))))
"""


@pytest.mark.parametrize(
    ("threads", "started"), [("none", "ForkProcess"), ("threads", "SpawnProcess")]
)
def test_workers_are_forked_when_safe_and_close_their_kernels_when_they_exit(
    tmp_path, threads, started
):
    """A batch's workers are forked from a process without other threads (they share its
    imports), spawned from one with threads (a fork would copy locks they hold); either way a
    worker shuts its kept kernel down when it exits (a forked one skips atexit)."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    printed = python_output("-c", _POOL_SCRIPT, threads, env=env)
    assert printed.split("\n")[:3] == [started, "1", "0"], printed


def test_a_records_file_with_half_an_emoji_is_reported(tmp_path, capsys):
    """JSON can hold a lone surrogate (half an emoji); the report says it was replaced."""
    records = [
        {"story": "cut", "version": "a", "text": "Two men died \ud83d. A woman was hurt."},
        {"story": "cut", "version": "b", "text": "Two men were killed. A woman was hurt."},
    ]
    path = tmp_path / "cut.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    out = tmp_path / "reports"
    assert main(["report", str(path), "--out", str(out), "--no-progress"]) == 0
    assert "1 character(s) that are not valid Unicode" in capsys.readouterr().err
    page = (out / "cut" / "index.html").read_text(encoding="utf-8")
    assert _complete_html(out / "cut" / "index.html")
    assert "\ufffd" in page and "not valid Unicode" in page


def test_a_lexicon_of_other_categories_a_relative_path_and_an_edit_of_it(
    tmp_path, make_story, monkeypatch, capsys
):
    """The built-in lexicons but two have no attribution verbs, and every report with one of
    them once failed; a relative lexicon path was looked up from the reports folder, where the
    notebook runs; and an edited lexicon file left the reports "up to date"."""
    story = make_story({"a.txt": "Troops attacked the town.", "b.txt": "Troops shelled the town."})
    (tmp_path / "lx").mkdir()
    lexicon = tmp_path / "lx" / "mine.csv"
    lexicon.write_text(
        (config.RESOURCES_DIR / "lexicons" / "violence.csv").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    command = ["report", str(story), "--out", "reports", "--lexicon", "lx/mine.csv"]
    assert main([*command, "--no-progress"]) == 0
    assert "1 reported now" in capsys.readouterr().out
    page = next((tmp_path / "reports").glob("*/index.html")).read_text(encoding="utf-8")
    assert "Attribution verbs" not in page and "Framing" in page
    assert main([*command, "--no-progress"]) == 0
    assert "0 reported now, 1 up to date" in capsys.readouterr().out
    with lexicon.open("a", encoding="utf-8") as stream:
        stream.write("bombarded,violence,attack,1,me,a test\n")
    assert main([*command, "--no-progress"]) == 0
    assert "1 reported now" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("lexicon", "message"),
    [("nope", "unknown lexicon 'nope'"), ("missing/lexicon.csv", "no such lexicon file")],
)
def test_a_bad_lexicon_fails_before_any_story(tmp_path, make_story, capsys, lexicon, message):
    story = make_story({"a.txt": "Two men died.", "b.txt": "Three men died."})
    out = tmp_path / "reports"
    assert main(["report", str(story), "--out", str(out), "--lexicon", lexicon]) == 2
    assert message in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("file", "file: is a file; give the reports a folder"),
        ("file/sub", "cannot be made"),
        (".", "would be written into story folder"),
        ("s/reports", "would be written into story folder"),
    ],
)
def test_a_reports_folder_that_is_a_file_or_inside_a_story_is_refused(
    tmp_path, make_story, monkeypatch, capsys, out, message
):
    """Reports written into a story folder were read as its versions by the next run (its
    index.html became the reference)."""
    make_story({"a.txt": "Two men died.", "b.txt": "Three men died."}, name="s")
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.chdir(tmp_path)
    assert main(["report", "s", "--out", out, "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == ["a.txt", "b.txt"]


def test_a_reports_folder_inside_the_folder_of_stories_is_not_read_as_stories(
    tmp_path, make_story, capsys
):
    stories = tmp_path / "stories"
    stories.mkdir()
    for name in ("s1", "s2"):
        folder = make_story({"a.txt": "Two men died.", "b.txt": f"Three men died in {name}."}, name)
        folder.rename(stories / name)
    command = ["report", str(stories), "--out", str(stories / "reports"), "--no-progress"]
    assert main(command) == 0
    assert main(command) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2 stories: 2 reported now")
    assert [line for line in out if "stories:" in line][1].startswith(
        "2 stories: 0 reported now, 2 up to date"
    )


def _descendants(pid: int) -> set[int]:
    """Every process under `pid` (Linux /proc)."""
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found.add(child)
            todo.append(child)
    return found


def test_kill_of_a_batch_leaves_no_worker_or_kernel_running(tmp_path, make_story):
    """`kill` (SIGTERM) to `storydiff report --jobs 2` once left its worker and the worker's
    kernel running, writing reports after the command was gone."""
    if not Path("/proc/self/task").is_dir():
        pytest.skip("finding the worker process reads Linux's /proc")
    sources = _small_stories(make_story, 6)
    command = [sys.executable, "-m", "storydiff", "report", *sources, "--out", str(tmp_path / "o")]
    process = subprocess.Popen(
        [*command, "--jobs", "2", "--no-progress"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not worker_started(process.pid):
        time.sleep(0.01)
    time.sleep(1.0)  # the worker and its kernel at work
    below = _descendants(process.pid)
    assert below, "no worker started"
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in below):
        time.sleep(0.1)
    alive = [pid for pid in below if Path(f"/proc/{pid}").exists()]
    for pid in alive:  # not left behind for the next tests, whatever the outcome
        os.kill(pid, signal.SIGKILL)
    assert not alive


def test_a_source_given_twice_is_reported_once(make_story):
    story = make_story({"a.txt": "Two men died.", "b.txt": "Three men died."}, name="s")
    with pytest.warns(StorydiffWarning, match="given twice; reported once"):
        jobs = find_jobs([story, story.parent / "s"])
    assert [job.slug for job in jobs] == ["s"]


def test_a_reports_folder_of_someone_else_is_refused_untouched(tmp_path, make_story):
    story = make_story({"a.txt": "Two men died.", "b.txt": "Three men died."}, name="s")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.html").write_text("<h1>my page</h1>")
    with pytest.raises(ParameterError, match="index.html: a batch would replace this file"):
        run_batch([story], mine, progress=False)
    (mine / "index.html").unlink()
    (mine / "stories.csv").write_text("my,notes\n")
    with pytest.raises(ParameterError, match="stories.csv: a batch would replace this file"):
        run_batch([story], mine, progress=False)
    assert [p.name for p in mine.iterdir()] == ["stories.csv"]
    with pytest.raises(ParameterError, match="is empty; give the reports a folder"):
        run_batch([story], "", progress=False)


def test_story_folder_names_avoid_the_reports_own_files_and_fit_a_file_system(tmp_path, make_story):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Two men died.")
    b.write_text("Three men died.")
    long = "\U00020000" * 90  # four bytes each in UTF-8
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "story,version,path\n"
        + "".join(f"{story},{v},{v}.txt\n" for story in ("index.html", long) for v in "ab"),
        encoding="utf-8",
    )
    slugs = [job.slug for job in find_jobs([manifest])]
    assert slugs[0] == "index.html-2" and len(slugs[1].encode("utf-8")) <= 200


def test_a_folder_of_stories_with_its_own_reports_and_one_story_given_again(tmp_path, make_story):
    stories = tmp_path / "big"
    stories.mkdir()
    for name in ("one", "two"):
        make_story({"a.txt": "Two men died.", "b.txt": f"Three men died in {name}."}, name)
        (tmp_path / name).rename(stories / name)
    run_batch([stories], stories / "reports", progress=False)
    with pytest.warns(StorydiffWarning, match="one: given twice; reported once"):
        jobs = find_jobs([stories, stories / "one"])
    assert [job.slug for job in jobs] == ["one", "two"]  # and not the reports folder


def test_the_index_says_not_scored_for_a_tone_that_is_not_a_number(tmp_path):
    from storydiff.reporting.index import write_index  # noqa: PLC0415

    summary = {"version_a": "a", "version_b": "b", "tfidf_cosine": 0.5, "reuse_label": "x"}
    records = [
        {"story": s, "slug": s, "status": "ok", "versions": ["a", "b"], "seconds": 1.0,
         "summary": {**summary, "tone_a": a, "tone_b": b}}
        for s, a, b in (("ru", float("nan"), float("nan")), ("mixed", 0.25, None))
    ]  # fmt: skip
    page = write_index(tmp_path, records, total=2).read_text(encoding="utf-8")
    assert "nan" not in page.lower()
    assert '<td class="num">not scored</td>' in page
    assert "0.25 &rarr; not scored" in page


def test_reports_from_a_manifest_of_texts(tmp_path, capsys):
    manifest = tmp_path / "texts.csv"
    pd.DataFrame(
        {
            "story": ["s1", "s1"],
            "version": ["a", "b"],
            "text": ["Two men died on Monday.", "Three men died on Monday."],
        }
    ).to_csv(manifest, index=False)
    argv = ["report", str(manifest), "--out", str(tmp_path / "out"), "--no-progress"]
    assert main(argv) == 0, capsys.readouterr().err
    assert "1 reported now" in capsys.readouterr().out
    page = (tmp_path / "out" / "s1" / "index.html").read_text(encoding="utf-8")
    assert ">Two</del>" in page and ">Three</ins>" in page
