"""Time of the analyses of meaning on top of ``compare``: the seed pair and a synthetic corpus.

Usage::

    python bench/analysis_speed.py [--pairs 100] [--repeats 5]

For each workload it prints the median milliseconds per pair of ``compare`` itself and of each
analysis a ``Comparison`` offers (``storydiff.compare.ANALYSES``), and the pairs per second of the
whole (compare plus every analysis). Every run starts from plain texts. VADER scores are cached
per distinct sentence, so the tone figure for a repeated pair shows the cached cost; the tone
cache is cleared before each run of the synthetic corpus to show the cold cost.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from storydiff import config, load_story
from storydiff.compare import ANALYSES, compare

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_speed import synthetic_pairs  # noqa: E402


def _clear_tone_cache() -> None:
    from storydiff import tone  # noqa: PLC0415

    tone.clear_cache()


def stage_times(pairs, repeats: int, *, cold_tone: bool) -> tuple[dict[str, float], float]:
    """Median ms per pair of compare and of each analysis, and median pairs/s of the whole."""
    per_stage: dict[str, list[float]] = {}
    rates = []
    for _ in range(repeats):
        if cold_tone:
            _clear_tone_cache()
        spent = dict.fromkeys(("compare", *ANALYSES), 0.0)
        start_all = time.perf_counter()
        for a, b in pairs:
            start = time.perf_counter()
            comparison = compare(a, b)
            spent["compare"] += time.perf_counter() - start
            for name in ANALYSES:
                start = time.perf_counter()
                getattr(comparison, name)
                spent[name] += time.perf_counter() - start
        rates.append(len(pairs) / (time.perf_counter() - start_all))
        for name, seconds in spent.items():
            per_stage.setdefault(name, []).append(1000 * seconds / len(pairs))
    return {k: statistics.median(v) for k, v in per_stage.items()}, statistics.median(rates)


def report(title: str, pairs, repeats: int, *, cold_tone: bool) -> None:
    stages, rate = stage_times(pairs, repeats, cold_tone=cold_tone)
    print(
        f"\n{title}: {len(pairs)} pairs; compare + every analysis: {rate:,.1f} pairs/s "
        f"({1000 / rate:.1f} ms/pair)"
    )
    for name, ms in stages.items():
        print(f"  {name:<10} {ms:8.2f} ms/pair")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100, help="synthetic pairs (default 100)")
    parser.add_argument("--repeats", type=int, default=5, help="runs per figure (median)")
    args = parser.parse_args(argv)
    if args.pairs < 1 or args.repeats < 1:
        print("analysis_speed.py: --pairs and --repeats must be 1 or more", file=sys.stderr)
        return 2
    story = load_story(config.EXAMPLE_STORY_DIR)
    seed = (story[0].text, story[1].text)
    warm = compare(*seed)
    for name in ANALYSES:
        getattr(warm, name)  # imports and lexicons loaded once, outside the timings
    print(f"Analyses timed: compare, {', '.join(ANALYSES)}")
    report(
        "Bundled story (the same pair 10 times, tone cache warm)",
        [seed] * 10,
        args.repeats,
        cold_tone=False,
    )
    report(
        "Synthetic perturbed versions (tone cache cleared before each run)",
        synthetic_pairs(args.pairs),
        args.repeats,
        cold_tone=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
