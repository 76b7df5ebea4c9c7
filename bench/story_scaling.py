"""One story of many versions: what the story overview computes, time and peak memory.

Usage::

    python bench/story_scaling.py [--versions 12 40 120 300] [--modes reference all]
    python bench/story_scaling.py --versions 120 --report

For each number of versions a synthetic revision history is made (``bench/synthetic.py``:
~500-word versions, each made from the one before), then in a fresh process
``compare_story(story, pairs=MODE)`` runs, followed by ``story_metrics`` (every version against
the reference: tone, quotes, numbers, framing) and the similarity matrix, as the story overview
report does. Printed for each size and mode: seconds of each step, alignments made, and the
peak resident memory of the process. ``all`` aligns n(n-1)/2 pairs (what the report did for
every story before it aligned only the reference's pairs); ``reference`` aligns n - 1 and
measures every pair as whole texts. Sizes whose ``all`` run would take more than a few minutes
are best left to ``--modes reference``.

``--report`` also times the whole report command on each history (``storydiff report``, a
fresh process, the page written and its size printed).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storydiff.compare import STORY_PAIRS  # noqa: E402
from synthetic import synthetic_history  # noqa: E402

RUN = """
import json, resource, sys, time
started = time.perf_counter()
import storydiff
from storydiff.metrics import story_metrics
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
story = storydiff.Story.from_texts({r["version"]: r["text"] for r in records}, story_id="h")
for version in story:
    version.segmentation
imported = time.perf_counter()
result = storydiff.compare_story(story, pairs=sys.argv[2])
compared = time.perf_counter()
metrics = story_metrics(result)
measured = time.perf_counter()
matrix = result.matrix("tfidf_cosine")
done = time.perf_counter()
print(json.dumps({
    "compare": compared - imported,
    "metrics": measured - compared,
    "matrix": done - measured,
    "alignments": len(result.pairs),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def write_history(path: Path, n_versions: int) -> None:
    """A synthetic revision history of `n_versions` as a records file (one story)."""
    texts = synthetic_history(random.Random(n_versions), n_versions)
    with open(path, "w", encoding="utf-8") as stream:
        for number, text in enumerate(texts, start=1):
            record = {"story": f"history-{n_versions}", "version": f"v{number:03d}", "text": text}
            stream.write(json.dumps(record) + "\n")


def measure(path: Path, mode: str) -> dict:
    """Run the overview's computations on a history in a fresh process; return the figures."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(path), mode], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(
            f"story_scaling.py: the run on {path.name} ({mode}) failed:\n{done.stderr}"
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def time_report(path: Path, out: Path) -> tuple[float, float]:
    """Seconds of ``storydiff report`` on a history, and the size of its page in MB."""
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "storydiff",
            "report",
            str(path),
            "--out",
            str(out),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"story_scaling.py: the report on {path.name} failed:\n{done.stderr}")
    page = out / path.stem / "index.html"
    return seconds, page.stat().st_size / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, nargs="+", default=[12, 40, 120])
    parser.add_argument("--modes", nargs="+", default=["reference", "all"], choices=STORY_PAIRS)
    parser.add_argument("--report", action="store_true", help="time storydiff report too")
    args = parser.parse_args(argv)
    if any(n < 2 for n in args.versions):
        print("story_scaling.py: --versions must be 2 or more", file=sys.stderr)
        return 2
    print("compare_story + story_metrics + matrix on synthetic revision histories (~500 words)")
    print(
        f"  {'versions':>8}  {'pairs':>9}  {'aligned':>7}  {'compare s':>9}  {'metrics s':>9}  "
        f"{'matrix s':>8}  {'total s':>7}  {'peak MB':>7}"
    )
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for n in args.versions:
            path = folder / f"history-{n}.jsonl"
            write_history(path, n)
            for mode in args.modes:
                row = measure(path, mode)
                total = row["compare"] + row["metrics"] + row["matrix"]
                print(
                    f"  {n:>8}  {mode:>9}  {row['alignments']:>7,}  {row['compare']:9.2f}  "
                    f"{row['metrics']:9.2f}  {row['matrix']:8.3f}  {total:7.2f}  "
                    f"{row['peak_mb']:7.0f}",
                    flush=True,
                )
            if args.report:
                seconds, size = time_report(path, folder / "reports")
                print(
                    f"  {n:>8}  storydiff report: {seconds:.1f} s, page {size:.2f} MB", flush=True
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
