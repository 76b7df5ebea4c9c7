"""The corpus page at growing sizes: reading a run's changes, and the whole page, in time and
memory.

Usage::

    python bench/corpus_page.py [--base 2000] [--sizes 10000 100000 1000000] [--versions 2]
                                [--keep DIR]

A corpus of ``--base`` synthetic pairs (``bench/synthetic.py``, ~500-word versions) is compared
once with ``storydiff corpus``: stories of two versions, or with ``--versions N`` revision
histories of N versions compared each with the one before (``--pairs consecutive``; NewsEdits
has about 3.8 versions an article). Its Parquet parts are then copied, their story ids made unique
(``s00012`` becomes ``s00012~3``), until the run holds each of ``--sizes`` pairs. The copies
hold real rows of the layout a run writes, texts included, so reading them costs what reading a
run of that size costs (comparing 1,000,000 pairs here would take about two hours).

For each size, each in a fresh process: ``read_changes`` (the pairs table's columns the page
needs, and the per-story and per-step tables), then the one story's pairs and groups that the
page shows up close (``read_corpus_story``): seconds and peak resident memory. Then
the whole page, ``write_changes_page`` (papermill and nbconvert in a new kernel), as a process:
seconds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_histories, write_jsonl  # noqa: E402

READ = """
import json, resource, sys, time
started = time.perf_counter()
from storydiff.corpus import pick_story, read_changes, read_corpus_story
changes = read_changes(sys.argv[1])
read = time.perf_counter()
groups = read_corpus_story(sys.argv[1], pick_story(changes))["groups"]
print(json.dumps({
    "pairs": len(changes.pairs),
    "stories": len(changes.stories),
    "read_s": read - started,
    "story_s": time.perf_counter() - read,
    "groups_of_story": len(groups),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""

PAGE = """
import sys
from storydiff.corpus import write_changes_page
write_changes_page(sys.argv[1])
"""


def replicate(base: Path, out: Path, n_pairs: int) -> int:
    """Copy the parts of the run in `base` into `out` until it holds `n_pairs` pairs (whole
    copies of the base run, the last one cut to size); return the pairs written."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    parts = sorted((base / "pairs").glob("part-*.parquet"))
    for table in ("pairs", "groups", "errors"):
        (out / table).mkdir(parents=True, exist_ok=True)
    written, index, copy = 0, 0, 0
    while written < n_pairs:
        for part in parts:
            pairs = pq.read_table(part)
            keep = pairs.slice(0, n_pairs - written)
            if not keep.num_rows:
                break
            kept_stories = set(keep["story"].to_pylist())
            for table in ("pairs", "groups", "errors"):
                data = keep if table == "pairs" else pq.read_table(base / table / part.name)
                if table != "pairs":
                    stories = pa.array(sorted(kept_stories))
                    data = data.filter(pc.is_in(data["story"], value_set=stories))
                renamed = pc.binary_join_element_wise(data["story"], f"~{copy}", "")
                data = data.set_column(data.schema.get_field_index("story"), "story", renamed)
                pq.write_table(data, out / table / f"part-{index:06d}.parquet", compression="zstd")
            written += keep.num_rows
            index += 1
        copy += 1
    from storydiff.corpus.output import write_story_index

    write_story_index(out)  # as a run writes it, for its copied stories
    summary = json.loads((base / "corpus.json").read_text())
    summary.update(pairs=written, source=f"{summary['source']} (copied to {written} pairs)")
    (out / "corpus.json").write_text(json.dumps(summary))
    return written


def write_histories(path: Path, n_pairs: int, n_versions: int) -> None:
    """Revision histories of `n_versions` versions, enough for about `n_pairs` consecutive
    pairs, as a ``.jsonl`` corpus."""
    n_stories = max(1, round(n_pairs / (n_versions - 1)))
    with open(path, "w", encoding="utf-8") as stream:
        for number, versions in enumerate(synthetic_histories(n_stories, n_versions)):
            for k, text in enumerate(versions):
                row = {"story": f"hist-{number:07d}", "version": f"v{k}", "text": text}
                stream.write(json.dumps(row) + "\n")


def _python(code: str, *arguments: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments], capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"corpus_page.py: the measured process failed:\n{done.stderr}")
    return time.perf_counter() - started, done.stdout


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*.parquet")) / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=2000, help="pairs really compared")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--versions", type=int, default=2, help="versions a story (2 or more)")
    parser.add_argument("--keep", type=Path, help="write the runs here, and keep them")
    args = parser.parse_args(argv)
    if args.base < 1 or any(size < 1 for size in args.sizes) or args.versions < 2:
        print(
            "corpus_page.py: --base and --sizes must be 1 or more, --versions 2 or more",
            file=sys.stderr,
        )
        return 2
    folder = Path(args.keep or tempfile.mkdtemp(prefix="storydiff-page-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        corpus = folder / "base.jsonl"
        if args.versions == 2:
            write_jsonl(corpus, args.base)
        else:
            write_histories(corpus, args.base, args.versions)
        base = folder / "base"
        subprocess.run(
            [sys.executable, "-m", "storydiff", "corpus", str(corpus), "--out", str(base),
             "--jobs", "2", "--no-progress", "--pairs",
             "reference" if args.versions == 2 else "consecutive"],
            check=True, capture_output=True,
        )  # fmt: skip
        compared = json.loads((base / "corpus.json").read_text())["pairs"]
        print(
            f"base run: {compared:,} pairs compared ({args.versions} versions a story), "
            f"{_size_mb(base):.0f} MB of Parquet"
        )
        print(
            f"{'pairs':>10} {'stories':>10} {'Parquet':>9} {'read_changes':>13} "
            f"{'one story':>10} {'peak memory':>12} {'whole page':>11}"
        )
        for size in args.sizes:
            run = folder / f"run-{size}"
            written = replicate(base, run, size)
            _, printed = _python(READ, str(run))
            row = json.loads(printed)
            page_s, _ = _python(PAGE, str(run))
            print(
                f"{written:>10,} {row['stories']:>10,} {_size_mb(run):>7.0f} MB "
                f"{row['read_s']:>11.2f} s {row['story_s']:>8.2f} s {row['peak_mb']:>9.0f} MB "
                f"{page_s:>9.1f} s"
            )
            if not args.keep:
                shutil.rmtree(run)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
