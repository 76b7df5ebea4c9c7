"""Corpus mode at growing sizes: time and peak memory for 1k, 10k and 100k version pairs.

Usage::

    python bench/corpus_scaling.py [--sizes 1000 10000 100000] [--jobs 2] [--keep DIR]

For each size a synthetic ``.jsonl`` corpus is written one pair at a time
(``bench/synthetic.py``: ~500-word versions, unique sentences), then ``storydiff corpus`` runs on
it in a fresh process with the default options (pairs against the reference, tone, texts kept
in the group rows). Printed for each size: wall seconds, pairs per second, the peak resident
memory of the driver and of the largest worker (``getrusage`` of the process and of its
children), the corpus and output sizes; then time(100k) / time(10k) and the memory ratio.
Generation is not timed.
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

from synthetic import write_jsonl  # noqa: E402

RUN = """
import json, resource, sys, time
from storydiff.corpus import compare_corpus
started = time.perf_counter()
result = compare_corpus(sys.argv[1], sys.argv[2], jobs=int(sys.argv[3]), chunk_size=200)
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


def measure(folder: Path, n_pairs: int, jobs: int) -> dict:
    """Write a corpus of `n_pairs`, run storydiff corpus on it, return the figures."""
    corpus = folder / f"corpus-{n_pairs}.jsonl"
    write_jsonl(corpus, n_pairs, seed=n_pairs)
    out = folder / f"out-{n_pairs}"
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(corpus), str(out), str(jobs)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"corpus_scaling.py: the run of {n_pairs} pairs failed:\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures.update(n=n_pairs, corpus_mb=_size_mb(corpus), output_mb=_size_mb(out))
    corpus.unlink()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--keep", type=Path, help="write corpora and output here, and keep them")
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.sizes) or args.jobs < 1:
        print("corpus_scaling.py: sizes and --jobs must be 1 or more", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"storydiff corpus, --jobs {args.jobs}, default options, synthetic ~500-word pairs")
        print(
            f"  {'pairs':>8}  {'seconds':>8}  {'pairs/s':>8}  {'driver MB':>9}  "
            f"{'worker MB':>9}  {'input MB':>8}  {'output MB':>9}"
        )
        rows = []
        for n in args.sizes:
            started = time.perf_counter()
            row = measure(folder, n, args.jobs)
            rows.append(row)
            print(
                f"  {n:>8,}  {row['seconds']:8.1f}  {row['pairs'] / row['seconds']:8.1f}  "
                f"{row['driver_mb']:9.0f}  {row['worker_mb']:9.0f}  {row['corpus_mb']:8.0f}  "
                f"{row['output_mb']:9.0f}   (with writing the corpus: "
                f"{time.perf_counter() - started:.0f} s)",
                flush=True,
            )
        by_size = {row["n"]: row for row in rows}
        for small, large in zip(args.sizes, args.sizes[1:], strict=False):
            a, b = by_size[small], by_size[large]
            peak_a = max(a["driver_mb"], a["worker_mb"])
            peak_b = max(b["driver_mb"], b["worker_mb"])
            print(
                f"  time({large:,}) / time({small:,}) = {b['seconds'] / a['seconds']:.2f} "
                f"(size ratio {large / small:.0f}); peak memory ratio {peak_b / peak_a:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
