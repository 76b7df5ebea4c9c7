"""Two long versions of one document: compare time and peak memory as the length grows.

Usage::

    python bench/long_versions.py [--sentences 1000 3000 10000 30000] [--seed 0]

For each length a synthetic original of that many sentences and its revision are made
(``bench/synthetic.py``: about a third of the sentences edited, some dropped, split, merged,
moved and added, as in its version pairs), then in a fresh process ``compare(a, b)`` and every
group's inline diff run. Printed for each length: the characters of each version, seconds of
segmentation, of the comparison and of the diffs, the peak resident memory of the process, how
the versions were aligned (``all pairs``, every sentence scored against every other, or
``stretches``, see :mod:`storydiff.anchors`) and the groups of each label. A length whose
comparison is refused prints the one-line error instead.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

RUN = """
import json, random, resource, sys, time
sys.path.insert(0, {bench!r})
from synthetic import synthetic_pair
import storydiff
from storydiff.errors import InputTooLargeError
try:
    from storydiff.align import DIRECT_PAIRS
except ImportError:  # a checkout from before the alignment by stretches
    DIRECT_PAIRS = float("inf")
a_text, b_text = synthetic_pair(random.Random({seed}), n_sentences={sentences})
result = {{"characters": [len(a_text), len(b_text)]}}
started = time.perf_counter()
a, b = storydiff.Version("a", a_text), storydiff.Version("b", b_text)
n_a, n_b = a.segmentation.n_sentences, b.segmentation.n_sentences
result["sentences"] = [n_a, n_b]
result["how"] = "all pairs" if n_a * n_b <= DIRECT_PAIRS else "stretches"
segmented = time.perf_counter()
try:
    comparison = storydiff.compare(a, b)
except InputTooLargeError as error:
    result["refused"] = str(error)
else:
    compared = time.perf_counter()
    comparison.diffs
    done = time.perf_counter()
    result["seconds"] = [segmented - started, compared - segmented, done - compared]
    result["labels"] = {{k: int(v) for k, v in comparison.counts.items() if v}}
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def run(sentences: int, seed: int) -> dict:
    """One length in a fresh process."""
    bench = str(Path(__file__).resolve().parent)
    code = RUN.format(bench=bench, seed=seed, sentences=sentences)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, nargs="+", default=[1000, 3000, 10000, 30000])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(
        f"{'sentences':>9} {'chars a':>10} {'segment':>8} {'compare':>8} {'diffs':>7} "
        f"{'peak MB':>8}  how        labels"
    )
    for sentences in args.sentences:
        result = run(sentences, args.seed)
        head = f"{sentences:>9,} {result['characters'][0]:>10,}"
        if "refused" in result:
            print(f"{head}  refused: {result['refused']}")
            continue
        segment, compare, diffs = result["seconds"]
        labels = " ".join(f"{k}={v}" for k, v in result["labels"].items())
        print(
            f"{head} {segment:8.2f} {compare:8.2f} {diffs:7.2f} {result['peak_mb']:8.0f}  "
            f"{result['how']:<10} {labels}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
