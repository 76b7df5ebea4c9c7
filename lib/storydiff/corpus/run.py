"""Corpus mode: compare every story of a large corpus in bounded memory, in-process, in worker
processes, or on a Dask cluster, and write tidy Parquet tables.

The corpus is read as a stream (:func:`storydiff.reading.iter_story_records`) and cut into
chunks of `chunk_size` stories and at most `max_pairs` pairs (a story with more pairs is cut
into slices of its pairs, a chunk each). Each chunk is one task,
:func:`storydiff.corpus.tables.chunk_tables`: read the chunk's versions, compare them, return
plain rows. The driver keeps at most `window`
chunks in flight and writes their Parquet parts in corpus order as they come back, so memory
holds a few chunks, however long the corpus. The same task runs in three places:

* ``jobs=1``: in this process;
* ``jobs=N``: in N worker processes on this machine (forked from this process where that is
  safe, see :func:`storydiff.processes.start_pool`; spawned otherwise, each importing the
  libraries once);
* ``scheduler=ADDRESS`` (or a ``distributed.Client``, or ``"local"`` for a LocalCluster): on the
  workers of a Dask cluster, through ``Client.submit``. A manifest's version files are then read
  by the workers, which must see the same paths (a shared file system); records (``.jsonl``,
  DataFrame) travel with their chunk.

Every path gives the same rows in the same order (the tests compare them).

What is shared and what is not. The analyzers (stop words, the Snowball stemmer, character
n-gram lengths) are the same for the whole corpus, and the work on each word and sentence is
remembered: a word's n-grams are cut once, a sentence is analysed once per story however many
pairs it is in, a version's tone is scored once. The TF-IDF weights are fitted per story, as
:func:`storydiff.compare_story` fits them, because they mean "rare in this story": fitted on
the whole corpus they would make one story's alignment depend on which other stories are in
the batch, and a story compared alone would no longer match the same story in a corpus run.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import numbers
import os
import platform
import signal
import subprocess
import sys
import time
import warnings
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import processes
from ..errors import ParameterError, StorydiffWarning
from ..reading import (
    SQLiteSource,  # noqa: F401 (re-exported by storydiff.corpus)
    StoryRecords,
    count_stories,
    is_folder_records,
    iter_story_records,
)
from .modes import MAX_PAIRS
from .output import (
    PART_NAME,
    PartWriter,
    check_replaces,
    chunk_key,
    fingerprint,
    write_story_index,
)
from .reading import read_corpus
from .tables import ChunkTables, CorpusOptions, chunk_tables, pair_total, split_story


@dataclass(frozen=True)
class CorpusResult:
    """What a corpus run did, and where its tables are.

    Attributes
    ----------
    folder : Path
        The output folder (see :mod:`storydiff.corpus.output`).
    n_stories, n_pairs, n_groups, n_failed : int
        Stories read, pairs and groups written, stories that could not be compared because
        they failed.
    n_chunks, n_reused : int
        Chunks in the corpus, and chunks kept from an earlier run (not computed again).
    seconds : float
        Wall time of the run.
    scheduler : str
        ``"in-process"``, ``"N processes"`` or the Dask scheduler's address.
    n_single : int
        Stories with a single version, nothing to compare: not failures, but in the errors
        table too, with the kind ``"single version"``.
    """

    folder: Path
    n_stories: int
    n_pairs: int
    n_groups: int
    n_failed: int
    n_chunks: int
    n_reused: int
    seconds: float
    scheduler: str
    n_single: int = 0

    def tables(self) -> dict[str, pd.DataFrame]:
        """The pairs, groups and errors tables (:func:`storydiff.corpus.read_corpus`)."""
        return read_corpus(self.folder)

    def to_dict(self) -> dict:
        """The counts as JSON-ready data."""
        return {
            "folder": str(self.folder),
            "stories": self.n_stories,
            "pairs": self.n_pairs,
            "groups": self.n_groups,
            "failed": self.n_failed,
            "single_version": self.n_single,
            "chunks": self.n_chunks,
            "reused_chunks": self.n_reused,
            "seconds": round(self.seconds, 3),
            "scheduler": self.scheduler,
        }


def _versions(records: list[dict]) -> int | None:
    """A story's number of versions, known from its records (not for a story folder)."""
    if is_folder_records(records):
        return None
    return len(records)


def _chunks(
    stories: Iterator[StoryRecords], size: int, max_pairs: int, mode: str
) -> Iterator[list[tuple]]:
    """Chunks of at most `size` stories and `max_pairs` pairs; a story with more pairs is cut
    into slices of `max_pairs`, each a chunk of its own (so memory is bounded by pairs, not by
    stories: a revision history of 300 versions has 44,850 pairs in ``"all"`` mode)."""
    chunk: list[tuple] = []
    weight = 0
    for story_id, records in stories:
        n = _versions(records)
        total = 1 if n is None else pair_total(n, mode)
        if total > max_pairs:
            if chunk:
                yield chunk
                chunk, weight = [], 0
            for part in split_story(total, max_pairs):
                yield [(story_id, records, part)]
            continue
        if chunk and (len(chunk) >= size or weight + total > max_pairs):
            yield chunk
            chunk, weight = [], 0
        chunk.append((story_id, records))
        weight += total
    if chunk:
        yield chunk


def _stories_in(chunk: list[tuple]) -> tuple[int, int]:
    """Stories a chunk starts and finishes: a long story is counted by its first slice and
    finished by its last."""
    if len(chunk) == 1 and len(chunk[0]) == 3:
        part = chunk[0][2]
        return int(part.start == 0), int(part.stop is None)
    return len(chunk), len(chunk)


class _InProcess:
    name = "in-process"
    workers = 1

    def submit(self, function, *args):
        return _Done(function(*args))

    def close(self, *, stopped: bool = False) -> None:
        pass


class _Done:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
"""Environment variables that set how many threads the numerical libraries use."""


def one_native_thread() -> None:
    """Start of a worker process: the numerical libraries (OpenBLAS, OpenMP) use one thread.

    Each worker is one core's worth of work already. Left to themselves, numpy's and scipy's
    OpenBLAS start a thread per core in every worker, and two workers on two cores fought over
    them: a corpus of long revision histories (2 stories of 80 versions, every pair) took 77.5 s
    with two workers against 15.4 s with one thread each. Dask's nanny does the same for its
    workers. Nothing is changed when the user has set one of :data:`THREAD_VARIABLES`.
    """
    if any(os.environ.get(name) for name in THREAD_VARIABLES):
        return
    for name in THREAD_VARIABLES:  # libraries loaded later (scipy's OpenBLAS) read these
        os.environ[name] = "1"
    from threadpoolctl import threadpool_limits  # noqa: PLC0415

    threadpool_limits(1)  # those loaded already (numpy's, with pandas)


def _start_worker() -> None:
    """Start of a worker process: one native thread (:func:`one_native_thread`), and Ctrl-C
    stops only the chunk it compares (:func:`storydiff.processes.interrupt_only_jobs`)."""
    one_native_thread()
    processes.interrupt_only_jobs()


def _in_worker(function, *args):
    """``function(*args)`` in a worker process, where Ctrl-C may interrupt it."""
    with processes.running_job():
        return function(*args)


class _Processes:
    """`jobs` worker processes of this machine, forked from this process where that is safe
    (:func:`storydiff.processes.start_pool`)."""

    def __init__(self, jobs: int):
        self.workers = jobs
        self.name = f"{jobs} processes"
        self.pool = processes.start_pool(jobs, _start_worker)

    def submit(self, function, *args):
        return self.pool.submit(_in_worker, function, *args)

    def close(self, *, stopped: bool = False) -> None:
        if stopped:  # the chunks in flight are given up: workers that do not exit are ended
            processes.stop_pool(self.pool)
        else:
            self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    def __init__(self, scheduler):
        if isinstance(scheduler, str) and scheduler == "local":
            with _ctrl_c_ignored() as pressed:
                self._connect(scheduler)
                if pressed():  # while the cluster started: it is closed, the run stopped
                    self.client.close()
                    raise KeyboardInterrupt
        else:
            self._connect(scheduler)
        self.name = str(self.client.scheduler.address)
        self.workers = max(1, sum(self.client.nthreads().values()))

    def _connect(self, scheduler) -> None:
        try:
            from distributed import Client  # noqa: PLC0415
        except ImportError:
            raise ParameterError(
                "running on Dask needs the 'distributed' package: pip install 'storydiff[dask]'"
            ) from None
        self.own = not isinstance(scheduler, Client)
        if not self.own:
            self.client = scheduler
        elif not isinstance(scheduler, str):
            raise ParameterError(
                f"scheduler must be an address such as 'tcp://HOST:8786', 'local' or a "
                f"distributed.Client, got {type(scheduler).__name__}"
            )
        elif scheduler == "local":
            self.client = Client(processes=True, n_workers=2, threads_per_worker=1)
        else:
            try:
                self.client = Client(scheduler, timeout="10s")
            except (OSError, ValueError, TypeError) as error:
                reason = str(error).splitlines()[0] if str(error) else type(error).__name__
                raise ParameterError(
                    f"cannot reach the Dask scheduler at {scheduler!r} ({reason}); give its "
                    "address as tcp://HOST:8786 (or 'local') and check that dask-scheduler runs"
                ) from None

    def submit(self, function, *args):
        return self.client.submit(function, *args, pure=False)

    def close(self, *, stopped: bool = False) -> None:
        if stopped and self.own:  # its workers, and their tasks cancelled, are logged as warnings
            logging.getLogger("distributed").setLevel(logging.ERROR)
            with contextlib.suppress(Exception):
                self.client.run(_quiet_dask_logs)
        if self.own:
            self.client.close()


@contextlib.contextmanager
def _ctrl_c_ignored():
    """Meanwhile Ctrl-C is ignored, so that the processes a LocalCluster spawns ignore it too (a
    spawned process keeps a signal ignored): a Ctrl-C then stops this process, which ends
    them, rather than each printing its tracebacks (and one that came while the cluster started
    left it half made, failing again at exit). Gives a function that tells whether Ctrl-C was
    pressed meanwhile: a process started first, in this process group, that Ctrl-C ends.

    (Blocking the signal instead does not do: a spawned process unblocks it, and a thread of
    this process that does not block it, numpy's or pyarrow's, takes a Ctrl-C and drops it.)
    """
    watcher = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(3600)"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield lambda: watcher.poll() is not None
    finally:
        signal.signal(signal.SIGINT, previous)
        watcher.kill()
        watcher.wait()


def _quiet_dask_logs() -> None:
    """In a Dask worker: log only errors (a run stopped cancels its tasks, each a warning)."""
    logging.getLogger("distributed").setLevel(logging.ERROR)


def _executor(jobs: int, scheduler):
    if scheduler is not None:
        return _Dask(scheduler)
    if jobs > 1:
        return _Processes(jobs)
    return _InProcess()


MAX_JOBS = 256
"""Most worker processes a corpus run starts on one machine (beyond, use a Dask cluster)."""


def _check(jobs, chunk_size, window, max_pairs) -> None:
    for name, value in (("jobs", jobs), ("chunk_size", chunk_size), ("max_pairs", max_pairs)):
        if not _whole(value) or value < 1:
            raise ParameterError(f"{name} must be a whole number of 1 or more, got {value!r}")
    if jobs > MAX_JOBS:
        raise ParameterError(f"jobs={jobs}: at most {MAX_JOBS} worker processes on one machine")
    if window is not None and (not _whole(window) or window < 1):
        raise ParameterError(f"window must be a whole number of 1 or more, got {window!r}")


def _whole(value) -> bool:
    """Whether `value` is a whole number (a numpy one too), not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _progress(enabled: bool, total: int | None):
    return processes.progress_bar(
        total=total, unit="story", disable=not enabled, file=sys.stderr, dynamic_ncols=True
    )


def compare_corpus(
    source,
    out: str | os.PathLike,
    *,
    options: CorpusOptions | None = None,
    jobs: int = 1,
    scheduler=None,
    chunk_size: int = 200,
    max_pairs: int = MAX_PAIRS,
    window: int | None = None,
    progress: bool = False,
    replace: bool = False,
) -> CorpusResult:
    """Compare the versions of every story in a corpus and write Parquet tables to `out`.

    Parameters
    ----------
    source : path, SQLiteSource or DataFrame
        A manifest (``.csv``), records (``.jsonl``), a folder of story folders, an SQLite
        database (:class:`~storydiff.reading.SQLiteSource`: a query's rows; a path ending
        ``.db``, ``.sqlite`` or ``.sqlite3`` reads its one table of stories), or a table with
        ``story``, ``version`` and ``text`` columns (see
        :func:`storydiff.reading.iter_story_records`).
    out : path
        The output folder; created when missing. A finished or stopped earlier run with the same
        input and options is resumed: its whole chunks are kept.
    options : CorpusOptions, optional
        Pair mode, tone, texts, alignment thresholds.
    jobs : int, default 1
        Worker processes on this machine (ignored with `scheduler`).
    scheduler : str or distributed.Client, optional
        A Dask scheduler's address (``tcp://host:8786``), a ``distributed.Client``, or
        ``"local"`` for a LocalCluster of two single-threaded workers.
    chunk_size : int, default 200
        Stories per task and per Parquet part.
    max_pairs : int, default 2000
        Pairs per task and part at most: a chunk closes early when its stories have that many
        pairs, and a story with more (a long revision history in ``"all"`` mode) is cut into
        slices of that many pairs, one task each, which give the rows of the whole story.
    window : int, optional
        Chunks in flight at once (default: twice the workers); bounds the memory.
    progress : bool, default False
        Show a progress bar of stories (tqdm, on standard error), with the share done and the
        time left when the number of stories is known (a table, a manifest, a database or a
        folder: :func:`storydiff.reading.count_stories`; not a ``.jsonl`` file).
    replace : bool, default False
        Write over a finished run in `out` made from another source or with other options;
        without it such a run is kept and the call refused.

    Returns
    -------
    CorpusResult

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> frame = pd.DataFrame({
    ...     "story": ["s1", "s1", "s2", "s2"],
    ...     "version": ["v1", "v2", "v1", "v2"],
    ...     "text": ["Two men died.", "Two men were killed.", "Rain fell.", "Rain fell."]})
    >>> result = compare_corpus(frame, tempfile.mkdtemp())
    >>> result.n_stories, result.n_pairs
    (2, 2)
    >>> result.tables()["pairs"][["story", "reuse_label"]].values.tolist()
    [['s1', 'wholly-derived'], ['s2', 'wholly-derived']]
    """
    options = options or CorpusOptions()
    if not isinstance(options, CorpusOptions):
        raise ParameterError(f"options must be a CorpusOptions, got {type(options).__name__}")
    _check(jobs, chunk_size, window, max_pairs)
    jobs, chunk_size, max_pairs = int(jobs), int(chunk_size), int(max_pairs)  # (numpy's too)
    window = None if window is None else int(window)
    if not isinstance(out, str | os.PathLike):
        raise ParameterError(f"out must be the path of a folder, got {type(out).__name__}")
    started = time.perf_counter()
    stories = iter_story_records(source)
    first = next(stories, None)  # a broken source fails here, before any worker starts
    source_name = _source_name(source)
    if not replace:
        check_replaces(out, source_name, options)
    _warn_if_no_reference(first, options)
    total = count_stories(source) if progress else None  # a million manifest rows: 0.4 s
    stamp = fingerprint(options)
    counts = dict.fromkeys(
        ["stories", "pairs", "groups", "failed", "single", "chunks", "reused"], 0
    )
    with processes.interrupts_noticed():  # a Ctrl-C that Python loses stops the run too
        executor = _executor(jobs, scheduler)
        try:  # the folder is touched once the workers (or the scheduler) are there
            writer = PartWriter(out, options)
        except BaseException:
            executor.close()
            raise
        in_flight: deque = deque()
        limit = window or 2 * executor.workers

        def collect(item) -> None:
            future, key, finished = item
            result: ChunkTables = future.result()
            writer.write(result, key)
            counts["pairs"] += len(result.pairs)
            counts["groups"] += len(result.groups)
            counts["failed"] += result.n_failed
            counts["single"] += len(result.errors) - result.n_failed
            bar.update(finished)

        bar = _progress(progress, total)
        try:
            all_stories = itertools.chain([first] if first is not None else [], stories)
            chunks = _chunks(all_stories, chunk_size, max_pairs, options.pairs)
            for index, chunk in enumerate(chunks):
                started_here, finished = _stories_in(chunk)
                counts["chunks"] += 1
                counts["stories"] += started_here
                key = chunk_key(index, chunk, stamp)
                if writer.is_done(index, key):
                    counts["reused"] += 1
                    tables = _part_counts(writer, index)
                    for name in ("pairs", "groups", "failed", "single"):
                        counts[name] += tables[name]
                    bar.update(finished)
                    continue
                in_flight.append(
                    (executor.submit(chunk_tables, index, chunk, options), key, finished)
                )
                while len(in_flight) >= limit:
                    collect(in_flight.popleft())
                processes.stop_if_interrupted()
            while in_flight:
                collect(in_flight.popleft())
                processes.stop_if_interrupted()
        except BaseException:
            bar.close()
            executor.close(stopped=True)
            writer.release()
            raise
        bar.close()
        executor.close()
    if not counts["chunks"]:  # no story: one empty part of each table gives readers its columns
        writer.write(ChunkTables(0, [], [], [], 0), chunk_key(0, [], stamp))
        counts["chunks"] = 1
    writer.prune(counts["chunks"])
    write_story_index(out)
    if options.pairs == "reference" and options.reference:
        without = _stories_without(out, options.reference)
        if without:
            warnings.warn(
                f"reference {options.reference!r} is not a version of {without:,} of the "
                f"{counts['stories']:,} stories; those were compared with their first version",
                StorydiffWarning,
                2,
            )
    warned = _warned_pairs(out)
    if warned:
        n_pairs, n_stories, first = warned
        warnings.warn(
            f"{n_pairs:,} pair{'s' * (n_pairs != 1)} of {n_stories:,} "
            f"stor{'ies' if n_stories != 1 else 'y'} had a version read or compared with a "
            f"warning (the pairs table's warnings column), the first: {first}",
            StorydiffWarning,
            2,
        )
    if not counts["stories"]:
        where = "the table" if isinstance(source, pd.DataFrame) else str(source)
        warnings.warn(f"{where}: no stories found; the tables are empty", StorydiffWarning, 2)
    result = CorpusResult(
        folder=Path(out),
        n_stories=counts["stories"],
        n_pairs=counts["pairs"],
        n_groups=counts["groups"],
        n_failed=counts["failed"],
        n_single=counts["single"],
        n_chunks=counts["chunks"],
        n_reused=counts["reused"],
        seconds=time.perf_counter() - started,
        scheduler=executor.name,
    )
    writer.write_summary(
        {
            **result.to_dict(),
            "source": str(source) if not isinstance(source, pd.DataFrame) else "DataFrame",
            "source_path": source_name,
            "options": options.to_dict(),
            "chunk_size": chunk_size,
            "max_pairs": max_pairs,
            "python": platform.python_version(),
        }
    )
    writer.release()
    return result


def _warn_if_no_reference(first: StoryRecords | None, options: CorpusOptions) -> None:
    """Warn at once when the corpus's first story has no version of the reference asked for
    (a typo is then told before the run, not only in its count of such stories at the end)."""
    if first is None or options.pairs != "reference" or not options.reference:
        return
    story, records = first
    if is_folder_records(records):
        return
    ids = [str(r.get("version")) for r in records]
    if options.reference not in ids:
        shown = ", ".join(repr(i) for i in ids[:5]) + (" ..." if len(ids) > 5 else "")
        warnings.warn(
            f"reference {options.reference!r} is not a version of the first story, {story!r} "
            f"(its versions: {shown}); a story without it is compared with its first version",
            StorydiffWarning,
            3,
        )


def _source_name(source) -> str:
    """What a run's summary records of its source, to tell a run of another source: a path
    made absolute (with the query of a database), or "DataFrame"."""
    if isinstance(source, pd.DataFrame):
        return "DataFrame"
    if isinstance(source, SQLiteSource):
        return str(SQLiteSource(Path(source.path).resolve(), source.query))
    if isinstance(source, str | os.PathLike):
        return str(Path(source).resolve())
    return str(source)


def _warned_pairs(folder) -> tuple[int, int, str] | None:
    """How many pairs of a run's pairs table, of how many stories, carry warnings, and the
    first warning; None when none does. Read from the parts, so a resumed run, or one on a
    cluster, tells them too."""
    import pyarrow.compute as pc  # noqa: PLC0415

    from .reading import _read_ahead, _read_part  # noqa: PLC0415

    parts = sorted(p for p in (Path(folder) / "pairs").iterdir() if PART_NAME.fullmatch(p.name))
    n_pairs, stories, first = 0, set(), None
    for part in _read_ahead(lambda path: _read_part(path, ["story", "warnings"], None), parts):
        warned = part.filter(pc.greater(pc.list_value_length(part.column("warnings")), 0))
        if warned.num_rows:
            n_pairs += warned.num_rows
            stories.update(pc.unique(warned.column("story")).to_pylist())
            first = first or warned.column("warnings")[0].as_py()[0]
    return (n_pairs, len(stories), first) if n_pairs else None


def _stories_without(folder, reference: str) -> int:
    """How many stories of a run's pairs table were compared with a version other than
    `reference` (their first, as they have no version of that id)."""
    import pyarrow.compute as pc  # noqa: PLC0415

    from .reading import _read_ahead, _read_part  # noqa: PLC0415

    parts = sorted(p for p in (Path(folder) / "pairs").iterdir() if PART_NAME.fullmatch(p.name))
    stories = set()
    for part in _read_ahead(lambda path: _read_part(path, ["story", "version_a"], None), parts):
        other = pc.not_equal(part.column("version_a"), reference)
        stories.update(pc.unique(part.column("story").filter(other)).to_pylist())
    return len(stories)


def _part_counts(writer: PartWriter, index: int) -> dict[str, int]:
    """The rows of a chunk's parts kept from an earlier run, its errors by kind."""
    import pyarrow.parquet as pq  # noqa: PLC0415

    counts = {
        table: pq.read_metadata(writer.part(table, index)).num_rows for table in ("pairs", "groups")
    }
    kinds = pq.read_table(writer.part("errors", index), columns=["kind"])["kind"].to_pylist()
    counts["failed"] = kinds.count("error")
    counts["single"] = len(kinds) - counts["failed"]
    return counts
