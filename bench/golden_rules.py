"""Score sentence splitters on the English "Golden Rules" and time storydiff's splitter.

Usage::

    python bench/golden_rules.py [--eval-dir DIR] [--seeds DIR] [--verbose]

The Golden Rules (48 short texts with the expected sentences, from the pySBD project) are read from
``<eval-dir>/golden_rules/english_golden_rules.jsonl``; the default folder is
``storydiff.config.eval_dir()`` (``$STORYDIFF_EVAL_DIR`` or ``../shared/eval``). A rule passes when
the list of sentences equals the expected list exactly; the score is the share of rules passed.

The table shows storydiff's splitter and NLTK's Punkt measured in this run, next to the figures
published in the pySBD paper (Sadvilkar & Neumann 2020, Table 1). The last line gives the speed of
:func:`storydiff.sentences.sentence_spans` on the seed news texts, split into lines first.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from storydiff import config
from storydiff.sentences import sentence_spans, split_sentences_plain
from storydiff.structure import segment

RULES_FILE = Path("golden_rules") / "english_golden_rules.jsonl"
"""Where the rules are, relative to the evaluation folder."""

PUBLISHED = [
    ("pySBD", 97.92),
    ("blingfire", 75.00),
    ("stanza", 72.92),
    ("syntok", 68.75),
    ("NLTK punkt", 56.25),
    ("spaCy dep", 54.17),
    ("spaCy", 52.08),
]
"""Published Golden Rules scores in percent (pySBD paper, Table 1)."""

PUBLISHED_SOURCE = "pySBD paper, Table 1"


def read_rules(path: Path) -> list[dict]:
    """Read the Golden Rules: one JSON object a line (``id``, ``name``, ``text``, ``expected``).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "rules.jsonl"
    ...     _ = path.write_text('{"id": 1, "name": "n", "text": "A. B.", "expected": ["A. B."]}\\n')
    ...     [rule["id"] for rule in read_rules(path)]
    [1]
    """
    rules = []
    with Path(path).open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                rules.append(json.loads(line))
    return rules


def score_golden_rules(
    path: Path | str, splitter: Callable[[str], list[str]] = split_sentences_plain
) -> dict:
    """Score a sentence splitter on the Golden Rules file at `path`.

    Parameters
    ----------
    path : Path or str
        The ``english_golden_rules.jsonl`` file.
    splitter : callable, optional
        Text in, list of sentence strings out; storydiff's splitter by default.

    Returns
    -------
    dict
        ``score`` (share of rules whose output equals ``expected`` exactly, 0..1), ``n`` (number
        of rules), ``passed`` and ``failures`` (one dict per failing rule: ``id``, ``name``,
        ``text``, ``expected``, ``got``).
    """
    rules = read_rules(Path(path))
    failures = []
    for rule in rules:
        got = [str(sentence) for sentence in splitter(rule["text"])]
        if got != list(rule["expected"]):
            failures.append(
                {
                    "id": rule["id"],
                    "name": rule["name"],
                    "text": rule["text"],
                    "expected": list(rule["expected"]),
                    "got": got,
                }
            )
    n = len(rules)
    passed = n - len(failures)
    return {"score": passed / n if n else 0.0, "n": n, "passed": passed, "failures": failures}


def nltk_punkt_splitter(abbreviations: Iterable[str] = ()) -> Callable[[str], list[str]]:
    """NLTK's Punkt with no trained parameters (no download), optionally given abbreviations."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    abbreviations = set(abbreviations)
    if not abbreviations:
        return PunktSentenceTokenizer().tokenize
    parameters = PunktParameters()
    parameters.abbrev_types = abbreviations
    return PunktSentenceTokenizer(parameters).tokenize


def storydiff_abbreviations() -> list[str]:
    """The abbreviation list that storydiff ships (``resources/abbreviations.txt``)."""
    lines = (config.RESOURCES_DIR / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def seed_lines(seeds_dir: Path) -> list[str]:
    """The non-empty lines of every ``*.txt`` file in `seeds_dir`."""
    lines: list[str] = []
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lines.extend(line for line in text.splitlines() if line.strip())
    return lines


def sentences_per_second(
    lines: list[str], *, target_seconds: float = 1.0, repeats: int = 5
) -> tuple[float, int]:
    """Time :func:`sentence_spans` over `lines`: median sentences per second, sentences per pass.

    Each repeat runs enough passes over the lines to take about `target_seconds`.
    """
    n_sentences = sum(len(sentence_spans(line)) for line in lines)
    start = time.perf_counter()
    for line in lines:
        sentence_spans(line)
    one_pass = max(time.perf_counter() - start, 1e-6)
    passes = max(1, round(target_seconds / one_pass))
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(passes):
            for line in lines:
                sentence_spans(line)
        timings.append(time.perf_counter() - start)
    return passes * n_sentences / statistics.median(timings), n_sentences


def segmented_sentences_per_second(texts: list[str], *, repeats: int = 5) -> float:
    """Time the whole segmentation (blocks, headings, sentences, the sentence table with ``norm``).

    Returns the median sentences per second over `repeats` runs of about one second each.
    """
    n_units = sum(len(segment(text).sentences) for text in texts)
    start = time.perf_counter()
    for text in texts:
        _ = segment(text).sentences
    passes = max(1, round(1.0 / max(time.perf_counter() - start, 1e-6)))
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(passes):
            for text in texts:
                _ = segment(text).sentences
        timings.append(time.perf_counter() - start)
    return passes * n_units / statistics.median(timings)


def _print_failures(title: str, result: dict) -> None:
    print(f"\nFailing rules, {title} ({len(result['failures'])}):")
    for failure in result["failures"]:
        print(f"  #{failure['id']} {failure['name']}")
        print(f"      expected: {failure['expected']}")
        print(f"      got:      {failure['got']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--eval-dir",
        type=Path,
        default=None,
        help="folder of public evaluation data (default: storydiff.config.eval_dir())",
    )
    parser.add_argument(
        "--seeds",
        type=Path,
        default=config.EXAMPLE_STORY_DIR,
        help="folder of news texts (*.txt) to time the splitter on (default: the bundled story)",
    )
    parser.add_argument("--verbose", action="store_true", help="list the failing rules")
    args = parser.parse_args(argv)

    eval_dir = args.eval_dir if args.eval_dir is not None else config.eval_dir()
    path = eval_dir / RULES_FILE
    if not path.is_file():
        print(
            f"golden_rules.py: {path} not found; set STORYDIFF_EVAL_DIR or pass --eval-dir",
            file=sys.stderr,
        )
        return 1

    ours = score_golden_rules(path)
    punkt = score_golden_rules(path, nltk_punkt_splitter())
    punkt_abbrev = score_golden_rules(path, nltk_punkt_splitter(storydiff_abbreviations()))

    rows = [
        ("storydiff.sentences", ours, "measured now"),
        ("NLTK Punkt, untrained", punkt, "measured now"),
        ("NLTK Punkt + storydiff abbreviations", punkt_abbrev, "measured now"),
    ]
    print(f"Golden Rules: {ours['n']} rules from {path}")
    print(f"{'splitter':<38} {'score':>8}  {'passed':>6}  source")
    for name, result, source in rows:
        passed = f"{result['passed']}/{result['n']}"
        print(f"{name:<38} {100 * result['score']:>7.2f}%  {passed:>6}  {source}")
    for name, percent in PUBLISHED:
        print(f"{name:<38} {percent:>7.2f}%  {'':>6}  {PUBLISHED_SOURCE}")

    if args.verbose:
        _print_failures("storydiff.sentences", ours)
        _print_failures("NLTK Punkt, untrained", punkt)

    lines = seed_lines(args.seeds)
    if lines:
        rate, n_sentences = sentences_per_second(lines)
        print(
            f"\nSpeed of sentence_spans on the seed texts in {args.seeds} ({len(lines)} lines, "
            f"{n_sentences} sentences): {rate:,.0f} sentences/s (median of 5 repeats of ~1 s)"
        )
        texts = [p.read_text(encoding="utf-8") for p in sorted(Path(args.seeds).glob("*.txt"))]
        full = segmented_sentences_per_second(texts)
        print(
            f"Speed of the whole segmentation (structure.segment -> sentence DataFrame) on the "
            f"same {len(texts)} texts: {full:,.0f} sentences/s (median of 5 repeats of ~1 s)"
        )
    else:
        print(f"\nSpeed: no seed texts (*.txt) in {args.seeds}; skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
