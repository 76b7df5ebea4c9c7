"""Time HTML reports: seconds per report and reports per minute with one and two workers.

Usage::

    python bench/report_speed.py [--stories 20] [--jobs 1 2] [--repeats 1] [--eval-dir DIR]

The stories are the bundled example and N-1 Wikinews revision pairs of IteraTeR
(``<eval-dir>/iterater_news/news_doc_level_train.jsonl``, the eval folder of
:func:`storydiff.config.eval_dir` by default), written to a temporary folder with a manifest.
Each run is ``run_batch(..., force=True)`` into a fresh reports folder, so every report is made:
papermill runs the notebook (in the worker's kept kernel, or with ``--kernels fresh`` in a new
kernel per story) and nbconvert exports it; the batch ends with the corpus overview, as
``storydiff report`` does. Every (kernels, worker count) pair is run in turn, in the same
process, ``--repeats`` times (the order reversed on every other round); printed are each one's
speed-up over the first worker count with the same kernels, and how much faster kept kernels
are than fresh ones.
Also printed: the time of one report split into loading in the worker, notebook execution
(which also measures the story and writes its tidy tables) and HTML export (``--no-stages``
leaves it out).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from storydiff import config, load_story
from storydiff.reporting import execute_notebook, export_html, run_batch


def write_corpus(folder: Path, eval_dir: Path, n: int) -> list[str]:
    """The example story plus n - 1 IteraTeR revision pairs (a manifest); return the sources."""
    rows, seen = [], set()
    path = eval_dir / "iterater_news" / "news_doc_level_train.jsonl"
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if len(seen) >= n - 1:
                break
            record = json.loads(line)
            story = f"wikinews-{record['doc_id']}-{record['revision_depth']}"
            if story in seen:
                continue
            seen.add(story)
            for version, key in (("before", "before_revision"), ("after", "after_revision")):
                file = folder / story / f"{version}.txt"
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_text(record[key], encoding="utf-8")
                rows.append({"story": story, "version": version, "path": str(file)})
    manifest = folder / "manifest.csv"
    pd.DataFrame(rows).to_csv(manifest, index=False)
    return [str(config.EXAMPLE_STORY_DIR), str(manifest)]


def one_report_stages(folder: Path) -> dict[str, float]:
    """Seconds of each stage of the example story's report, in this process (the notebook writes
    the tidy tables to *folder*, as in a batch)."""
    stages = {}
    started = time.perf_counter()
    load_story(config.EXAMPLE_STORY_DIR)
    stages["load (in the worker)"] = time.perf_counter() - started
    started = time.perf_counter()
    parameters = {"story": str(config.EXAMPLE_STORY_DIR), "metrics_out": str(folder)}
    executed = execute_notebook("compare_versions", parameters)
    stages["notebook (kernel start, run, measures, shutdown)"] = time.perf_counter() - started
    started = time.perf_counter()
    export_html(executed)
    stages["HTML export"] = time.perf_counter() - started
    return stages


def time_batches(
    sources: list[str], folder: Path, runs: list[tuple[str, int]], repeats: int
) -> dict[tuple[str, int], list[float]]:
    """Seconds of each ``(kernels, jobs)`` batch, ``repeats`` times (every report made)."""
    seconds: dict[tuple[str, int], list[float]] = {run: [] for run in runs}
    for round_ in range(repeats):
        order = runs if round_ % 2 == 0 else runs[::-1]
        for kernels, jobs in order:
            out = folder / f"reports-{kernels}-{jobs}-{round_}"
            started = time.perf_counter()
            result = run_batch(
                sources,
                out,
                jobs=jobs,
                force=True,
                progress=False,
                reuse_kernels=kernels == "kept",
            )
            seconds[kernels, jobs].append(time.perf_counter() - started)
            if result.n_failed:
                failed = result.stories.loc[result.stories["status"] != "ok", "error"]
                print(f"  {kernels} jobs {jobs}: {result.n_failed} failed: {failed.tolist()}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=20, help="stories per run (default 20)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts")
    parser.add_argument(
        "--kernels",
        nargs="+",
        choices=["kept", "fresh"],
        default=["kept", "fresh"],
        help="kept: one kernel per worker, reset before each notebook (the default of "
        "storydiff report); fresh: a new kernel per notebook (--fresh-kernels)",
    )
    parser.add_argument("--repeats", type=int, default=1, help="runs of each count (default 1)")
    parser.add_argument("--no-stages", action="store_true", help="skip the one-report stages")
    parser.add_argument("--eval-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    eval_dir = args.eval_dir or config.eval_dir()
    if not (eval_dir / "iterater_news").is_dir():
        print(f"report_speed.py: no iterater_news in {eval_dir}; give --eval-dir", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        sources = write_corpus(folder, eval_dir, args.stories)
        if not args.no_stages:
            stages = one_report_stages(folder / "stages")
            print("One report of the example story, in seconds:")
            for stage, seconds in stages.items():
                print(f"  {stage:<50} {seconds:6.2f}")
        runs = [(kernels, jobs) for kernels in args.kernels for jobs in args.jobs]
        seconds = time_batches(sources, folder, runs, args.repeats)
    n = args.stories
    print(f"\nReports of {n} stories and the corpus overview (every report made, force=True),")
    print(f"{args.repeats} run(s) of each; speed-up over the first run of the same kernels:")
    print(
        f"  {'kernels':>7}  {'jobs':>4}  {'median s':>8}  {'min':>6}  {'max':>6}  {'s/report':>8}"
        f"  {'reports/min':>11}  {'speed-up':>8}"
    )
    for (kernels, jobs), values in seconds.items():
        base = statistics.median(seconds[kernels, args.jobs[0]])
        median = statistics.median(values)
        print(
            f"  {kernels:>7}  {jobs:>4}  {median:8.1f}  {min(values):6.1f}  {max(values):6.1f}"
            f"  {median / n:8.2f}  {60 * n / median:11.1f}  {base / median:7.2f}x"
        )
    if {"kept", "fresh"} <= set(args.kernels):
        for jobs in args.jobs:
            ratio = statistics.median(seconds["fresh", jobs]) / statistics.median(
                seconds["kept", jobs]
            )
            print(f"  jobs {jobs}: kept kernels {ratio:.2f}x faster than fresh ones")
    print(json.dumps({f"{kernels}-{jobs}": v for (kernels, jobs), v in seconds.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
