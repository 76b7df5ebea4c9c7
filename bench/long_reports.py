"""Reports of long documents: the time of ``storydiff report``, its peak memory, the size of the
HTML page and of its largest parts, and how long headless Chromium takes to open it.

Usage::

    python bench/long_reports.py [--sentences 5000 20000] [--kinds sparse dense] [--seed 0]
                                 [--no-browser] [--keep DIR]

For each length and kind a story of two versions is written to a temporary folder:

* ``sparse``: a long document and its amendment, a tenth of its 50-sentence stretches revised
  and the rest carried over word for word (``synthetic.synthetic_long_pair``), as a transcript,
  a bill or a live blog is revised;
* ``dense``: a third of all the sentences edited, some dropped, split, merged, moved and added
  (``synthetic.synthetic_pair``, as in ``bench/long_versions.py``).

Then ``storydiff report STORY --out DIR --force`` runs in a new process (papermill, a new
kernel, nbconvert), timed as a whole; the peak resident memory is the largest of that process
and the kernel it started. Printed for each: the seconds, the peak MB, the page's MB and the MB
of its side-by-side text (with its rows, groups and fold lines, and the sections they are cut
into: :mod:`storydiff.table_sections`) and of its tone figures (the outputs of those cells of
the executed notebook), and, when Debian's ``chromium`` is installed and ``--no-browser`` is
not given, the median seconds of two headless runs that load the page and take a screenshot.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storydiff import config  # noqa: E402
from synthetic import synthetic_long_pair, synthetic_pair  # noqa: E402

KINDS = ("sparse", "dense")

RUN = """
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - started
if done.returncode:
    sys.exit(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "report failed")
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""
"""Runs the report and prints its seconds and the peak memory of the report's processes (the
command and, waited for by it, its kernel) in MB."""

CHROMIUM_FLAGS = (*config.HEADLESS_CHROMIUM_FLAGS, "--window-size=1300,2000")

PARTS = {"side by side": "views.side_by_side(", "tone figures": "plots.plot_tone_arc("}
"""Parts of the page measured apart: a name, and a call that only their cell makes."""


def write_story(folder: Path, sentences: int, kind: str, seed: int) -> Path:
    """The story of two versions of `kind`, written as ``original.txt`` and ``revision.txt``."""
    rng = random.Random(seed)
    if kind == "sparse":
        original, revision = synthetic_long_pair(rng, sentences)
    else:
        original, revision = synthetic_pair(rng, n_sentences=sentences)
    story = folder / f"{kind}-{sentences}"
    story.mkdir(parents=True)
    (story / "original.txt").write_text(original, encoding="utf-8")
    (story / "revision.txt").write_text(revision, encoding="utf-8")
    return story


def part_sizes(notebook: Path) -> dict[str, int]:
    """Bytes of the outputs of the cells that make each of :data:`PARTS`."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    sizes = dict.fromkeys(PARTS, 0)
    for cell in cells:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for name, call in PARTS.items():
            if cell["cell_type"] == "code" and call in source:
                sizes[name] += sum(len(json.dumps(output)) for output in cell.get("outputs", []))
    return sizes


def browser_seconds(page: Path, chromium: str, scratch: Path) -> float:
    """Median seconds of two headless Chromium runs that open `page` and take a screenshot."""
    timings = []
    for attempt in range(2):
        profile = scratch / f"chromium-{attempt}"
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={scratch / 'page.png'}",
            page.as_uri(),
        ]
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, timeout=300, check=False)
        timings.append(time.perf_counter() - started)
        shutil.rmtree(profile, ignore_errors=True)
    return statistics.median(timings)


def run(sentences: int, kind: str, seed: int, work: Path, chromium: str | None) -> dict:
    """One report of a story of `sentences` sentences a version, of `kind`."""
    story = write_story(work / "stories", sentences, kind, seed)
    out = work / "reports"
    command = [sys.executable, "-m", "storydiff", "report", str(story), "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-c", RUN, *command, "--force", "--no-progress"],
        capture_output=True,
        text=True,
        check=False,
    )
    result = {"sentences": sentences, "kind": kind}
    if done.returncode:
        result["failed"] = done.stderr.strip().splitlines()[-1] if done.stderr else "failed"
        return result
    seconds, peak = map(float, done.stdout.split())
    page = out / story.name / "index.html"
    html = page.read_text(encoding="utf-8")
    result.update(
        seconds=seconds,
        peak_mb=peak,
        page_mb=page.stat().st_size / 1e6,
        rows=html.count('<tr class="sd-row') + html.count('<tr class="sd-fold"'),
        sections=html.count('<div class="sd-section"'),
        **{name: size / 1e6 for name, size in part_sizes(page.with_name("report.ipynb")).items()},
    )
    if chromium:
        result["browser_seconds"] = browser_seconds(page, chromium, work)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-browser", action="store_true", help="do not time Chromium")
    parser.add_argument("--keep", type=Path, help="write the stories and reports here")
    args = parser.parse_args(argv)
    chromium = None if args.no_browser else shutil.which("chromium")
    print(
        f"{'kind':<7}{'sentences':>10}{'seconds':>9}{'peak MB':>9}{'page MB':>9}"
        f"{'side MB':>9}{'rows':>7}{'sections':>9}{'tone MB':>9}{'browser s':>11}"
    )
    for sentences in args.sentences:
        for kind in args.kinds:
            with tempfile.TemporaryDirectory() as scratch:
                work = Path(scratch)
                if args.keep:
                    work = args.keep / f"{kind}-{sentences}"
                    shutil.rmtree(work, ignore_errors=True)
                    work.mkdir(parents=True)
                result = run(sentences, kind, args.seed, work, chromium)
            head = f"{kind:<7}{sentences:>10,}"
            if "failed" in result:
                print(f"{head}  failed: {result['failed']}")
                continue
            browser = result.get("browser_seconds")
            print(
                f"{head}{result['seconds']:9.1f}{result['peak_mb']:9.0f}{result['page_mb']:9.2f}"
                f"{result['side by side']:9.2f}{result['rows']:7,}{result['sections']:9}"
                f"{result['tone figures']:9.2f}"
                f"{'' if browser is None else f'{browser:.2f}':>11}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
