"""Render the reports of one story or many: papermill per story, in long-lived workers.

For each story the worker loads it (a broken story fails here, fast, with its one-line error),
executes the report notebook with papermill (its kernel compares the versions and writes the tidy
measures ``pairs.csv``, ``versions.csv``, ``framing.csv``, ``groups.csv``, ``metrics.json`` of that
comparison), exports it to ``index.html`` and writes ``status.json`` last. Every file is written
atomically, so an interrupted batch leaves whole reports or none. A story whose inputs, options,
notebooks and code are unchanged since its last report is skipped (``force=True`` redoes it).
Afterwards the run writes the reports folder's ``index.html`` (every story with its summary or its
error), the combined tidy tables, and for two or more stories the corpus overview (in this process,
whose kernel is warm by then).

With ``jobs=1`` the stories run in this process. With ``jobs=N`` this process renders stories
too, beside a pool of ``N - 1`` worker processes that each get ready once and then take story
after story; all of them take the next story from one queue, the longest first (a new Python
process per story would pay seconds of imports every time). The workers are forked from this
process, which has imported the libraries already, where that is safe (on Linux, before this
process starts a thread), and spawned otherwise: a spawned worker needs about a second of
imports, on a core that has other work to do, before its first story. Each worker and this
process keep one kernel for their notebooks
(:class:`~storydiff.reporting.kernels.KeptKernel`: reset before each notebook, replaced after a
failure), so the kernel's start and its imports are paid once per process, not once per story;
``reuse_kernels=False`` gives every notebook a new kernel.
"""

from __future__ import annotations

import json
import multiprocessing.util
import os
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .. import config, processes
from ..errors import ParameterError, StorydiffError
from ..folding import context_for
from . import pool
from .files import atomic_write, hash_files, package_fingerprint, remove_stale_temporaries
from .index import write_index
from .jobs import ReportJob, find_jobs, with_records_file
from .kernels import KeptKernel
from .schema_import import import_jsonschema

STATUS_FILE = "status.json"
TIDY_TABLES = ("pairs", "versions", "framing", "groups")
CORPUS_PAGE = "corpus.html"
METRICS_FILES = (*(f"{name}.csv" for name in TIDY_TABLES), "metrics.json")
_TEXT_COLUMNS = {"story": str, "version_a": str, "version_b": str}


@dataclass(frozen=True)
class ReportOptions:
    """Settings of a report run (they are part of every report's input hash).

    Attributes
    ----------
    show_code : bool
        Keep the code cells in the HTML.
    lexicon : str
        Framing lexicon name or path (a relative path is made absolute here: the notebooks run
        in the reports folder). It is loaded here, so a bad one fails before any story, and
        its terms are part of the hash: an edited lexicon file makes the reports out of date.
    reference : str
        Version id every other version is compared against ("" = each story's first).
    thresholds : dict
        Alignment thresholds to change.
    timeout : int
        Seconds a notebook cell may run.
    context : int or str
        Unchanged groups shown around each change in the side-by-side text of a story of two
        versions: a whole number, ``"all"``, or ``"auto"`` (every group up to
        :data:`~storydiff.folding.LONG_COMPARISON_GROUPS`, else
        :data:`~storydiff.folding.LONG_CONTEXT`; see :func:`storydiff.views.side_by_side`).
    sections : bool
        Show a side-by-side text of more than
        :data:`~storydiff.table_sections.LONG_TABLE_ROWS` rows as sections a browser draws as
        they are scrolled to; False keeps one table, slower to open, with every row in the
        accessibility tree from the start (for screen readers).
    """

    show_code: bool = False
    lexicon: str = "news"
    reference: str = ""
    thresholds: Mapping[str, float] = field(default_factory=dict)
    timeout: int = 600
    context: int | str = "auto"
    sections: bool = True

    def __post_init__(self) -> None:
        context_for(self.context, n_groups=0)  # a bad value fails here, not in every story
        if not isinstance(self.sections, bool):
            raise ParameterError(f"sections must be True or False, got {self.sections!r}")
        from ..framing import _looks_like_path, load_lexicon  # noqa: PLC0415

        if isinstance(self.lexicon, str) and _looks_like_path(self.lexicon):
            object.__setattr__(self, "lexicon", str(Path(self.lexicon).expanduser().absolute()))
        load_lexicon(self.lexicon)  # an unknown name or a bad file: one line, before any story

    def to_dict(self) -> dict:
        return {**asdict(self), "thresholds": dict(self.thresholds)}

    def lexicon_terms(self) -> str:
        """The lexicon's terms as CSV text (what reports depend on, whatever file holds them)."""
        from ..framing import load_lexicon  # noqa: PLC0415

        return load_lexicon(self.lexicon).to_frame().to_csv()


@dataclass(frozen=True)
class BatchResult:
    """What a report run did.

    Attributes
    ----------
    folder : Path
        The reports folder.
    stories : DataFrame
        One row per story: story, slug, status (``ok`` / ``failed``), action (``made`` /
        ``up to date``), error, seconds, versions, report (path of its HTML, if any).
    index : Path
        The reports folder's index page.
    corpus : Path or None
        The corpus overview page, when two or more stories succeeded.
    """

    folder: Path
    stories: pd.DataFrame
    index: Path
    corpus: Path | None = None

    @property
    def n_failed(self) -> int:
        return int((self.stories["status"] == "failed").sum())

    def to_frame(self) -> pd.DataFrame:
        return self.stories


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    line = text.splitlines()[0] if text else ""
    if isinstance(error, StorydiffError):
        return line or type(error).__name__
    return f"{type(error).__name__}: {line}" if line else type(error).__name__


def _summary(pairs: pd.DataFrame) -> dict:
    """The index's figures for a story: from its first compared pair."""
    if pairs.empty:
        return {}
    row = pairs.iloc[0]
    changed = sum(
        int(row[c]) for c in pairs.columns if c.startswith("groups_") and c != "groups_unchanged"
    )
    return {
        "pairs": len(pairs),
        "version_a": row["version_a"],
        "version_b": row["version_b"],
        "tfidf_cosine": float(row["tfidf_cosine"]),
        "containment_b_in_a": float(row["containment_b_in_a"]),
        "reuse_label": row["reuse_label"],
        "groups_changed": changed,
        "tone_a": float(row["tone_a"]),
        "tone_b": float(row["tone_b"]),
    }


def write_metrics(metrics, folder: str | os.PathLike) -> Path:
    """Write a story's tidy tables to *folder*: ``pairs.csv``, ``versions.csv``, ``framing.csv``,
    ``groups.csv`` and ``metrics.json`` (each atomically); return the folder.

    The report notebooks call it when ``storydiff report`` gives them a ``metrics_out`` folder,
    so the tables come from the very comparison the report shows.

    Examples
    --------
    >>> import tempfile
    >>> from storydiff import config, load_story
    >>> from storydiff.metrics import story_metrics
    >>> metrics = story_metrics(load_story(config.EXAMPLE_STORY_DIR))
    >>> folder = write_metrics(metrics, tempfile.mkdtemp())
    >>> sorted(p.name for p in folder.iterdir())
    ['framing.csv', 'groups.csv', 'metrics.json', 'pairs.csv', 'versions.csv']
    """
    folder = Path(folder)
    for name in TIDY_TABLES:
        table = getattr(metrics, name)  # its index written only when it names something
        atomic_write(folder / f"{name}.csv", table.to_csv(index=table.index.name is not None))
    atomic_write(folder / "metrics.json", json.dumps(metrics.to_dict(), indent=1))
    return folder


_worker_kernel: KeptKernel | None = None
"""The kernel a worker process keeps for its notebooks (set by :func:`_warm_worker`)."""


def render_story(
    job: ReportJob,
    folder: str | os.PathLike,
    input_hash: str,
    options,
    kernel: KeptKernel | None = None,
) -> dict:
    """Make one story's report under ``folder/job.slug``; return its status record.

    The notebook runs in *kernel* when given, else in the worker's kept kernel if it has one,
    else in a new kernel. Never raises for a problem of the story itself: the record says
    ``failed`` with the error in one line (and any report of an older input is removed, as it
    no longer matches).
    """
    from ..reading import load_story, story_from_records  # noqa: PLC0415
    from .notebooks import execute_notebook, export_html, write_notebook  # noqa: PLC0415

    options = options if isinstance(options, ReportOptions) else ReportOptions(**options)
    out = Path(folder) / job.slug
    started = time.perf_counter()
    record = {
        "story": job.story,
        "slug": job.slug,
        "source": job.source,
        "selector": job.selector,
        "status": "failed",
        "error": "",
        "warnings": [],
        "input_hash": input_hash,
        "versions": [],
        "notebook": "",
        "summary": {},
    }
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            story = (  # a database's story read from its rows names the database
                story_from_records(job.story, json.loads(job.extra), source=job.database)
                if job.database
                else load_story(job.source, story=job.selector or None)
            )
        record["warnings"] = [str(w.message) for w in caught if "storydiff" in str(w.category)]
        record["versions"] = list(story.ids)
        notebook_name = "compare_versions" if len(story) == 2 else "story_overview"
        record["notebook"] = notebook_name
        parameters = {
            "story": str(Path(job.source).resolve()),
            "story_id": job.selector,
            "reference": options.reference,
            "lexicon": options.lexicon,
            "thresholds": dict(options.thresholds),
            "hide_code": not options.show_code,
            # The kernel writes the tidy tables of the comparison it shows (no second one here).
            "metrics_out": str(out.resolve()),
        }
        if notebook_name == "compare_versions":  # the story overview has no side-by-side text
            parameters["context"] = options.context
            parameters["sections"] = options.sections
        for name in METRICS_FILES:
            (out / name).unlink(missing_ok=True)
        executed = execute_notebook(
            notebook_name, parameters, timeout=options.timeout, kernel=kernel or _worker_kernel
        )
        html = export_html(executed, show_code=options.show_code)
        if not (out / "metrics.json").is_file():
            raise StorydiffError(f"{notebook_name}: the notebook wrote no metrics.json")
        pairs = pd.read_csv(out / "pairs.csv", index_col=0, dtype=_TEXT_COLUMNS)
        write_notebook(executed, out / "report.ipynb")
        atomic_write(out / "index.html", html)
        record["status"] = "ok"
        record["summary"] = _summary(pairs)
    except Exception as error:  # any failure of one story is recorded, never raised
        record["error"] = _first_line(error)
        for name in ("index.html", "report.ipynb", *METRICS_FILES):
            (out / name).unlink(missing_ok=True)
    record["seconds"] = round(time.perf_counter() - started, 3)
    record["created"] = datetime.now(UTC).isoformat(timespec="seconds")
    atomic_write(out / STATUS_FILE, json.dumps(record, indent=1))
    return record


def _get_ready(kernel: KeptKernel | None, folder: Path, show_code: bool) -> None:
    """Start `kernel`, and while it starts do what the first report would do after it, one
    thing after the other: import papermill and nbconvert, compile the page template.

    Best effort: whatever fails here fails again in the first report, which records it as
    that story's error (a kernel that did not start is started again there).
    """
    try:
        if kernel is not None:
            kernel.launch(folder)
        import_jsonschema()
        import papermill  # noqa: F401, PLC0415

        from .. import reading  # noqa: F401, PLC0415
        from .notebooks import warm_up_export  # noqa: PLC0415

        warm_up_export(show_code)
    except Exception:  # noqa: BLE001, S110
        pass


def _warm_worker(reuse_kernels: bool = True, show_code: bool = False) -> None:
    """Get a worker process ready: Ctrl-C stops only the story it renders (see
    :func:`~storydiff.processes.interrupt_only_jobs`), and it imports what every report
    needs and starts its kept kernel (shut down when the worker exits), the two at once."""
    global _worker_kernel  # noqa: PLW0603 (one per worker process, by design)
    processes.interrupt_only_jobs()
    if reuse_kernels:
        _worker_kernel = KeptKernel()
        # A finalizer, not atexit: a forked worker ends with os._exit, which skips atexit.
        multiprocessing.util.Finalize(None, _worker_kernel.close, exitpriority=10)
    _get_ready(_worker_kernel, Path.cwd(), show_code)


def _render_in_worker(
    job: ReportJob, folder: Path, input_hash: str, options: ReportOptions
) -> dict:
    """:func:`render_story` in a worker process, where Ctrl-C may interrupt it."""
    with processes.running_job():
        return render_story(job, folder, input_hash, options)


def _read_status(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _input_size(job: ReportJob) -> int:
    """Bytes of a story's inputs: how long its report roughly takes."""
    size = len(job.extra)
    for path in job.inputs:
        try:
            size += os.path.getsize(path)
        except OSError:
            pass
    return size


def _up_to_date(folder: Path, job: ReportJob, input_hash: str) -> dict | None:
    status = _read_status(folder / job.slug / STATUS_FILE)
    if not status or status.get("input_hash") != input_hash:
        return None
    if status.get("status") == "ok" and not (folder / job.slug / "index.html").is_file():
        return None
    return status


_INDEX_TITLE = "<title>storydiff reports</title>"
"""What a reports folder's index page holds (:func:`storydiff.reporting.index.write_index`)."""


def _check_not_others(folder: Path) -> None:
    """Refuse a folder whose ``index.html`` or tables a batch would replace but did not write:
    an index that is not a storydiff index, or the batch's tables with no index beside them."""
    index = folder / "index.html"
    if index.is_file():
        with index.open("rb") as stream:
            head = stream.read(4096).decode("utf-8", "replace")
        if _INDEX_TITLE in head:
            return
        owner = index
    else:
        names = {*(f"{table}.csv" for table in TIDY_TABLES), "stories.csv", CORPUS_PAGE}
        owner = next((folder / name for name in sorted(names) if (folder / name).is_file()), None)
        if owner is None:
            return
    raise ParameterError(
        f"{owner}: a batch would replace this file, which storydiff report did not write; give "
        "the reports a new folder, or the folder of earlier reports"
    )


def _apart_from_reports(work: list[ReportJob], folder: Path) -> list[ReportJob]:
    """The stories to report, without the reports folder's own (a folder of reports found
    again under a source); refuse a story folder that the reports would be written into, where
    the next run would read them as its versions."""
    out = folder.resolve()
    if (out / "index.html").is_file():  # a reports folder: what is in it is no story
        work = [job for job in work if not Path(job.source).resolve().is_relative_to(out)]
    for job in work:
        source = Path(job.source).resolve()
        if source.is_dir() and (out.is_relative_to(source) or out / job.slug == source):
            raise ParameterError(
                f"{folder}: the reports would be written into story folder {job.source}, and "
                "read as its versions next time; give the reports a folder outside it"
            )
    return work


def _fingerprint(options: ReportOptions) -> str:
    """What every report depends on beyond its story: code, notebooks, template, options."""
    code = package_fingerprint(config.PACKAGE_DIR)
    notebooks = hash_files(sorted(config.NOTEBOOKS_DIR.glob("*.ipynb")))
    return hash_files(
        [],
        extra=[
            code,
            notebooks,
            json.dumps(options.to_dict(), sort_keys=True),
            options.lexicon_terms(),
        ],
    )


def _combine(folder: Path, records: list[dict]) -> None:
    """Write the reports folder's tidy tables: every successful story's rows, and stories.csv."""
    for name in TIDY_TABLES:
        frames = []
        for record in records:
            path = folder / record["slug"] / f"{name}.csv"
            if record["status"] == "ok" and path.is_file():
                frames.append(pd.read_csv(path))
        combined = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        atomic_write(folder / f"{name}.csv", combined.to_csv(index=False))
    status = pd.DataFrame(
        [
            {
                "story": r["story"],
                "slug": r["slug"],
                "status": r["status"],
                "error": r.get("error", ""),
                "seconds": r.get("seconds"),
                "versions": len(r.get("versions", [])),
                **r.get("summary", {}),
            }
            for r in records
        ]
    )
    atomic_write(folder / "stories.csv", status.to_csv(index=False))


def _corpus_page(
    folder: Path,
    records: list[dict],
    options: ReportOptions,
    fingerprint: str,
    kernel: KeptKernel | None = None,
):
    """Render the corpus overview when two or more stories succeeded (skipped if unchanged)."""
    from .notebooks import execute_notebook, export_html  # noqa: PLC0415

    page = folder / CORPUS_PAGE
    if sum(r["status"] == "ok" for r in records) < 2:
        page.unlink(missing_ok=True)
        return None
    tables = [folder / f"{name}.csv" for name in (*TIDY_TABLES, "stories")]
    corpus_hash = hash_files(tables, extra=[fingerprint])
    marker = folder / ".corpus.sha256"
    if page.is_file() and marker.is_file() and marker.read_text().strip() == corpus_hash:
        return page
    parameters = {"metrics_dir": str(folder.resolve()), "hide_code": not options.show_code}
    executed = execute_notebook(
        "corpus_overview", parameters, timeout=options.timeout, kernel=kernel or _worker_kernel
    )
    atomic_write(page, export_html(executed, show_code=options.show_code))
    atomic_write(marker, corpus_hash)
    return page


def _worker_failed(job: ReportJob, error: BaseException) -> dict:
    return {
        "story": job.story,
        "slug": job.slug,
        "status": "failed",
        "error": f"worker failed: {_first_line(error)}",
    }


def _render_with_pool(
    pending: list[ReportJob],
    folder: Path,
    hashes: dict[str, str],
    options: ReportOptions,
    kernel: KeptKernel | None,
    *,
    workers: ProcessPoolExecutor,
    n_workers: int,
    finished: Callable[[ReportJob, dict], None],
) -> None:
    """Render `pending` in this process and in the `n_workers` processes of `workers`, each
    taking the next story (the longest first) when it is free; `finished` gets every record,
    one at a time. The pool is left running, for the caller to shut down."""
    queue = pool.JobQueue(sorted(pending, key=_input_size, reverse=True))
    lock = threading.Lock()

    def one_done(job: ReportJob, record: dict) -> None:
        with lock:
            finished(job, record)

    def submit(job: ReportJob) -> Future:
        return workers.submit(_render_in_worker, job, folder, hashes[job.slug], options)

    feeder = pool.PoolFeeder(submit, n_workers, queue, one_done, _worker_failed)
    try:
        feeder.start()
        _get_ready(kernel, folder, options.show_code)
        processes.stop_if_interrupted()  # one its start-up swallowed: no story in this process
        while (job := queue.take()) is not None:
            one_done(job, render_story(job, folder, hashes[job.slug], options, kernel))
            processes.stop_if_interrupted()
        feeder.join()
        processes.stop_if_interrupted()  # the feeder stops taking stories after a Ctrl-C
    except BaseException:
        feeder.stop.set()
        raise
    if feeder.error is not None:
        raise feeder.error


def run_batch(
    sources: Iterable[str | os.PathLike],
    folder: str | os.PathLike | None = None,
    *,
    jobs: int = 1,
    force: bool = False,
    options: ReportOptions | None = None,
    progress: bool = True,
    reuse_kernels: bool = True,
    kernel: KeptKernel | None = None,
    query: str | None = None,
) -> BatchResult:
    """Render a report for every story in *sources* under *folder* (``reports/`` by default).

    Parameters
    ----------
    sources : iterable of paths
        Story folders, folders of stories, manifests, records files or SQLite databases (see
        :func:`find_jobs`).
    folder : path, optional
        Where the reports go; :data:`storydiff.config.REPORTS_DIR` by default.
    jobs : int, default 1
        Stories rendered at once: by this process and ``jobs - 1`` worker processes (1 renders
        every story in this process).
    force : bool, default False
        Redo reports that are up to date.
    options : ReportOptions, optional
    progress : bool, default True
        Show a tqdm progress bar on standard error.
    reuse_kernels : bool, default True
        Keep one kernel per worker for its notebooks (reset before each; see
        :mod:`storydiff.reporting.kernels`); False starts a new kernel for every notebook.
        The reports are the same either way.
    kernel : KeptKernel, optional
        The kept kernel of this process, started by the caller (say, before its own imports);
        used instead of a new one and left to the caller to close. Not with
        ``reuse_kernels=False``; with ``jobs`` above 1 the workers are then spawned, not forked
        (a started kernel runs a thread of this process, see
        :func:`~storydiff.processes.start_pool`).
    query : str, optional
        Read every source as an SQLite database, its stories the rows of this ``SELECT``
        (:class:`storydiff.reading.SQLiteSource`); a ``.db``, ``.sqlite`` or ``.sqlite3`` file
        is read as one without it. Each story's versions are written beside its report, as
        ``versions.jsonl``, and the report is up to date while its rows are unchanged.

    Returns
    -------
    BatchResult

    Raises
    ------
    StorydiffError
        Only for problems of the run as a whole (a missing source, a bad option); a broken
        story is reported in the result and the index instead.
    KeyboardInterrupt
        When interrupted; the reports finished so far are complete and kept, and the index
        lists them.
    """
    if not isinstance(jobs, int) or jobs < 1:
        raise ParameterError(f"jobs={jobs!r}: give a whole number of worker processes, 1 or more")
    if kernel is not None and not reuse_kernels:
        raise ParameterError("a kernel was given with reuse_kernels=False; give one or the other")
    options = options or ReportOptions()
    if folder is not None and not str(folder).strip():
        raise ParameterError(f"folder={str(folder)!r} is empty; give the reports a folder")
    folder = Path(folder) if folder is not None else config.REPORTS_DIR
    if folder.exists() and not folder.is_dir():
        raise ParameterError(f"{folder}: is a file; give the reports a folder")
    _check_not_others(folder)
    work = _apart_from_reports(find_jobs(list(sources), query=query, skip=folder), folder)
    if not work:
        raise StorydiffError("no stories found in the sources given; check the paths")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorydiffError(
            f"{folder}: cannot be made ({error.strerror or error}); give the reports a folder"
        ) from None
    remove_stale_temporaries(folder)
    work = [with_records_file(job, folder) for job in work]
    fingerprint = _fingerprint(options)
    hashes = {
        job.slug: hash_files(job.inputs, extra=[job.story, job.selector, job.extra, fingerprint])
        for job in work
    }
    records: dict[str, dict] = {}
    actions: dict[str, str] = {}
    pending = []
    for job in work:
        status = None if force else _up_to_date(folder, job, hashes[job.slug])
        if status is None:
            pending.append(job)
        else:
            records[job.slug], actions[job.slug] = status, "up to date"

    if pending:  # made anew at the end: a batch stopped before then leaves none of the last's
        for name in (*(f"{table}.csv" for table in TIDY_TABLES), "stories.csv", CORPUS_PAGE):
            (folder / name).unlink(missing_ok=True)
    # A Ctrl-C stops the batch at the next story even if Python loses it (see processes).
    with processes.interrupts_noticed():
        n_workers = max(min(jobs, len(pending)) - 1, 0)
        # Started first, before this process starts its kernel or any thread, so that the workers
        # can be forked (see processes.start_pool).
        workers = (
            processes.start_pool(n_workers, _warm_worker, (reuse_kernels, options.show_code))
            if n_workers
            else None
        )
        closing = bar = corpus = None
        own_kernel = kernel is None and reuse_kernels

        def finished(job: ReportJob, record: dict) -> None:
            records[job.slug], actions[job.slug] = record, "made"
            bar.set_postfix_str(job.slug[:30])
            bar.update()

        try:
            bar = processes.progress_bar(
                total=len(pending),
                unit="story",
                disable=not progress or not pending,
                file=sys.stderr,
            )
            # This process's kept kernel: for the stories it renders and the corpus overview.
            if own_kernel:
                kernel = KeptKernel()
            processes.stop_if_interrupted()  # one lost before the batch began (the command's)
            if workers is None:
                if pending:
                    _get_ready(kernel, folder, options.show_code)
                    processes.stop_if_interrupted()
                for job in pending:
                    finished(job, render_story(job, folder, hashes[job.slug], options, kernel))
                    processes.stop_if_interrupted()
            else:
                _render_with_pool(
                    pending,
                    folder,
                    hashes,
                    options,
                    kernel,
                    workers=workers,
                    n_workers=n_workers,
                    finished=finished,
                )
                closing = processes.shut_down_later(workers)  # they exit while the overview is made
            done = [records[job.slug] for job in work if job.slug in records]
            _combine(folder, done)
            # The corpus overview in this process, whose kernel and export are warm by now.
            corpus = _corpus_page(folder, done, options, fingerprint, kernel)
        except BaseException:
            if workers is not None and closing is None:
                # Waited for here, not left to the interpreter's exit, where it can race
                # multiprocessing's own clean-up (a worker was once left waiting for its stop).
                workers.shutdown(wait=True, cancel_futures=True)
                # A story a worker finished meanwhile is whole on disk: the index lists it.
                for job in pending:
                    if job.slug not in records:
                        status = _up_to_date(folder, job, hashes[job.slug])
                        if status is not None:
                            records[job.slug], actions[job.slug] = status, "made"
            raise
        finally:
            if bar is not None:
                bar.close()
            if own_kernel and kernel is not None:
                kernel.close()
            if closing is not None:
                closing.join()
            done = [records[job.slug] for job in work if job.slug in records]
            index = write_index(folder, done, total=len(work))
    if corpus is not None:
        index = write_index(folder, done, total=len(work), corpus=corpus.name)
    rows = []
    for record in done:
        report = folder / record["slug"] / "index.html"
        rows.append(
            {
                "story": record["story"],
                "slug": record["slug"],
                "status": record["status"],
                "action": actions.get(record["slug"], ""),
                "error": record.get("error", ""),
                "seconds": record.get("seconds"),
                "versions": len(record.get("versions", [])),
                "report": str(report) if record["status"] == "ok" else "",
            }
        )
    return BatchResult(folder, pd.DataFrame(rows), index, corpus)


def read_batch_tables(folder: str | os.PathLike | None = None) -> dict[str, pd.DataFrame]:
    """Read a report run's combined tidy tables: ``pairs``, ``versions``, ``framing``,
    ``groups``, ``stories`` (empty tables where a file is missing or empty).

    The sentence ids of the groups (``a``, ``b``), written as JSON lists, are read back as lists.

    Raises
    ------
    StorydiffError
        When `folder` is missing, or holds no report run (its ``stories.csv``).
    """
    folder = Path(folder) if folder else config.REPORTS_DIR
    if not folder.is_dir():
        raise StorydiffError(f"{folder}: no such reports folder; run `storydiff report` first")
    if not (folder / "stories.csv").is_file():  # (a run writes it last, whatever its stories)
        raise StorydiffError(
            f"{folder}: not a reports folder (no stories.csv); give the --out folder of "
            "`storydiff report`, or run it first"
        )
    tables = {}
    for name in (*TIDY_TABLES, "stories"):
        path = folder / f"{name}.csv"
        converters = {"a": json.loads, "b": json.loads} if name == "groups" else None
        try:
            tables[name] = pd.read_csv(path, converters=converters)
        except (FileNotFoundError, pd.errors.EmptyDataError):
            tables[name] = pd.DataFrame()
    return tables


__all__ = [
    "BatchResult",
    "ReportOptions",
    "read_batch_tables",
    "render_story",
    "run_batch",
    "write_metrics",
]
