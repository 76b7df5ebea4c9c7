"""Corpus mode at growing sizes: time and peak memory for 1k, 10k and 100k version pairs.

Usage::

    python bench/corpus_scaling.py [--sizes 1000 10000 100000] [--jobs 2] [--keep DIR]
                                   [--source jsonl|sqlite|both]
    python bench/corpus_scaling.py --histories 8 --versions 50 [--jobs 2]

For each size a synthetic ``.jsonl`` corpus is written one pair at a time
(``bench/synthetic.py``: ~500-word versions, unique sentences), then ``storydiff corpus`` runs on
it in a fresh process with the default options (pairs against the reference, tone, texts kept
in the group rows). ``--source sqlite`` writes the same stories to an SQLite database instead,
laid out as NewsEdits' ``entryversion`` table (``synthetic.write_sqlite``), and reads them with
a query (``storydiff.corpus.SQLiteSource``); ``both`` runs the two, the same stories, in turn.
Printed for each size: wall seconds, pairs per second, the peak resident memory of the driver
and of the largest worker (``getrusage`` of the process and of its children), the corpus and
output sizes; then time(100k) / time(10k) and the memory ratio.
Generation is not timed.

``--histories N --versions V`` measures long revision histories instead: N stories of V versions
each (``synthetic_history``: each version made from the one before), every pair compared
(``pairs="all"``, V(V-1)/2 pairs a story), once with the default bound on pairs per task
(``max_pairs``, long stories cut into slices) and once with no bound (each chunk of stories one
task, whatever its number of pairs, as before the bound), each in a fresh process: seconds and
peak memory of the driver and of the largest worker side by side.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storydiff.corpus.run import MAX_PAIRS  # noqa: E402
from synthetic import SQLITE_QUERY, synthetic_histories, write_jsonl, write_sqlite  # noqa: E402

RUN = """
import json, resource, sys, time
from storydiff.corpus import compare_corpus
started = time.perf_counter()
from storydiff.corpus import CorpusOptions, SQLiteSource
options = CorpusOptions(pairs=sys.argv[4])
source = SQLiteSource(sys.argv[1], sys.argv[6]) if len(sys.argv) > 6 else sys.argv[1]
result = compare_corpus(
    source, sys.argv[2], jobs=int(sys.argv[3]), chunk_size=200, max_pairs=int(sys.argv[5]),
    options=options,
)
seconds = time.perf_counter() - started
print(json.dumps({
    "seconds": seconds,
    "pairs": result.n_pairs,
    "groups": result.n_groups,
    "failed": result.n_failed,
    "driver_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


def _size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def _run(
    corpus: Path, out: Path, jobs: int, pairs: str, max_pairs: int, what: str, query: str = ""
) -> dict:
    arguments = [str(corpus), str(out), str(jobs), pairs, str(max_pairs)]
    done = subprocess.run(
        [sys.executable, "-c", RUN, *arguments, *([query] if query else [])],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"corpus_scaling.py: the run of {what} failed:\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures.update(corpus_mb=_size_mb(corpus), output_mb=_size_mb(out))
    return figures


def measure(folder: Path, n_pairs: int, jobs: int, source: str = "jsonl") -> dict:
    """Write a corpus of `n_pairs` (a ``.jsonl`` file or an SQLite database), run storydiff
    corpus on it, return the figures."""
    corpus = folder / f"corpus-{n_pairs}.{'db' if source == 'sqlite' else 'jsonl'}"
    (write_sqlite if source == "sqlite" else write_jsonl)(corpus, n_pairs, seed=n_pairs)
    query = SQLITE_QUERY if source == "sqlite" else ""
    what = f"{n_pairs} pairs from {source}"
    out = folder / f"out-{n_pairs}-{source}"
    figures = _run(corpus, out, jobs, "reference", MAX_PAIRS, what, query)
    figures.update(n=n_pairs, source=source)
    corpus.unlink()
    return figures


def measure_histories(folder: Path, n_stories: int, n_versions: int, jobs: int) -> int:
    """Long histories, every pair: bounded pairs per task against no bound; print both."""
    corpus = folder / f"histories-{n_stories}x{n_versions}.jsonl"
    with open(corpus, "w", encoding="utf-8") as stream:
        for number, versions in enumerate(synthetic_histories(n_stories, n_versions, seed=11)):
            for version, text in enumerate(versions):
                record = {"story": f"h{number:04d}", "version": f"v{version:03d}", "text": text}
                stream.write(json.dumps(record) + "\n")
    print(
        f"storydiff corpus --pairs all, --jobs {jobs}, {n_stories} synthetic histories of "
        f"{n_versions} versions ({n_stories * n_versions * (n_versions - 1) // 2:,} pairs)"
    )
    print(
        f"  {'pairs per task':>22}  {'seconds':>8}  {'pairs/s':>8}  {'driver MB':>9}  "
        f"{'worker MB':>9}"
    )
    rows = {}
    for label, bound in ((f"at most {MAX_PAIRS:,}", MAX_PAIRS), ("no bound", 10**12)):
        row = rows[label] = _run(
            corpus, folder / f"out-histories-{bound}", jobs, "all", bound, f"histories ({label})"
        )
        print(
            f"  {label:>22}  {row['seconds']:8.1f}  {row['pairs'] / row['seconds']:8.1f}  "
            f"{row['driver_mb']:9.0f}  {row['worker_mb']:9.0f}",
            flush=True,
        )
    bounded, unbounded = rows.values()
    if bounded["pairs"] != unbounded["pairs"] or bounded["groups"] != unbounded["groups"]:
        print("  the two runs wrote different numbers of rows", file=sys.stderr)
        return 1
    corpus.unlink()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--keep", type=Path, help="write corpora and output here, and keep them")
    parser.add_argument("--histories", type=int, help="long histories instead: this many stories")
    parser.add_argument("--versions", type=int, default=50, help="versions of each history")
    parser.add_argument(
        "--source",
        choices=("jsonl", "sqlite", "both"),
        default="jsonl",
        help="the corpus as a .jsonl file (default), an SQLite database, or both in turn",
    )
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.sizes) or args.jobs < 1:
        print("corpus_scaling.py: sizes and --jobs must be 1 or more", file=sys.stderr)
        return 2
    if args.histories is not None and (args.histories < 1 or args.versions < 2):
        print(
            "corpus_scaling.py: --histories must be 1 or more, --versions 2 or more",
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        if args.histories is not None:
            return measure_histories(folder, args.histories, args.versions, args.jobs)
        print(f"storydiff corpus, --jobs {args.jobs}, default options, synthetic ~500-word pairs")
        print(
            f"  {'source':>6}  {'pairs':>8}  {'seconds':>8}  {'pairs/s':>8}  {'driver MB':>9}  "
            f"{'worker MB':>9}  {'input MB':>8}  {'output MB':>9}"
        )
        sources = ("jsonl", "sqlite") if args.source == "both" else (args.source,)
        rows = []
        for n in args.sizes:
            for source in sources:
                started = time.perf_counter()
                row = measure(folder, n, args.jobs, source)
                rows.append(row)
                _print_row(row, time.perf_counter() - started)
        for source in sources:
            by_size = {row["n"]: row for row in rows if row["source"] == source}
            for small, large in zip(args.sizes, args.sizes[1:], strict=False):
                a, b = by_size[small], by_size[large]
                peak_a = max(a["driver_mb"], a["worker_mb"])
                peak_b = max(b["driver_mb"], b["worker_mb"])
                print(
                    f"  {source}: time({large:,}) / time({small:,}) = "
                    f"{b['seconds'] / a['seconds']:.2f} (size ratio {large / small:.0f}); "
                    f"peak memory ratio {peak_b / peak_a:.2f}"
                )
    return 0


def _print_row(row: dict, with_writing: float) -> None:
    print(
        f"  {row['source']:>6}  {row['n']:>8,}  {row['seconds']:8.1f}  "
        f"{row['pairs'] / row['seconds']:8.1f}  {row['driver_mb']:9.0f}  {row['worker_mb']:9.0f}  "
        f"{row['corpus_mb']:8.0f}  {row['output_mb']:9.0f}   (with writing the corpus: "
        f"{with_writing:.0f} s)",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
