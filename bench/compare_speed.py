"""Throughput of ``storydiff.compare``, stage by stage, beside a naive per-pair pipeline,
VADER alone and difflib, on the same texts.

Usage::

    python bench/compare_speed.py [--pairs 1000] [--repeats 3] [--seed 0] [--histories 250]

Two workloads:

* the bundled story (one pair, compared 20 times);
* a synthetic corpus of ``--pairs`` pairs of ~500-word versions with unique sentences
  (``bench/synthetic.py``): originals and revisions with sentences dropped, moved, split and
  merged, words inserted, deleted and replaced, one sentence added.

Every figure is the median of ``--repeats`` runs over the whole workload on one core; before
each run the package's sentence caches are emptied (``synthetic.cold_caches``), so a repeat
costs what the first run did. "Full compare" is what a user gets from ``storydiff.compare(a, b)``
on two plain texts, plus the inline diff of every group: segmentation, vectorizer fit,
alignment, document similarity, inline diffs. Measured in the same process, on the same texts:

* the naive per-pair pipeline the issue names: split into sentences, a scikit-learn
  ``TfidfVectorizer`` refitted on the pair's sentences and their cosine matrix, VADER on every
  sentence, difflib's ratio over the words;
* VADER alone on every sentence of both versions;
* ``compare_corpus`` in this process (one core), with and without the tone columns;
* difflib's ``SequenceMatcher.ratio()`` over characters and over words (a floor: one number, no
  sentences).

A third workload, ``--histories`` revision histories of ``--versions`` versions (each version
made from the one before as a synthetic revision is, so most sentences carry over unchanged),
compares every version with the one before it: ``compare`` pair by pair, the naive pipeline pair
by pair, and ``compare_corpus(pairs="consecutive")``, which analyses each version once for its
two pairs and each repeated sentence once per story.
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd  # noqa: E402
from storydiff import config, load_story, split_sentences  # noqa: E402
from storydiff.align import AlignmentThresholds, align_segmentations  # noqa: E402
from storydiff.compare import Comparison, _document_similarity, compare  # noqa: E402
from storydiff.corpus import CorpusOptions, compare_corpus  # noqa: E402
from storydiff.features import SentenceVectorizer  # noqa: E402
from storydiff.similarity import words  # noqa: E402
from storydiff.story import Version  # noqa: E402
from synthetic import cold_caches, synthetic_histories, synthetic_pairs  # noqa: E402


def _median_seconds(function, pairs, repeats: int) -> float:
    """Median seconds of ``function(a, b)`` over every pair, caches emptied before each run."""
    timings = []
    for _ in range(repeats):
        cold_caches()
        start = time.perf_counter()
        for a, b in pairs:
            function(a, b)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def full_compare(a: str, b: str) -> None:
    """What a user gets from two texts: the comparison and every group's inline diff."""
    _ = compare(a, b).diffs


def naive_pipeline():
    """The naive per-pair pipeline (TF-IDF refit per pair, VADER on every sentence, difflib)."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: PLC0415

    vader = SentimentIntensityAnalyzer()

    def run(a: str, b: str) -> None:
        a_sentences, b_sentences = split_sentences(a), split_sentences(b)
        matrix = TfidfVectorizer().fit_transform(a_sentences + b_sentences)
        _ = (matrix[: len(a_sentences)] @ matrix[len(a_sentences) :].T).toarray()
        _ = [vader.polarity_scores(s)["compound"] for s in a_sentences + b_sentences]
        _ = difflib.SequenceMatcher(None, words(a), words(b)).ratio()

    return run, vader


def _stages(pairs, repeats: int) -> dict[str, float]:
    """Median milliseconds per pair of each stage of the full compare, timed on the path
    ``compare`` takes (segmentations, counts of one fit, alignment of the segmentations)."""
    totals: dict[str, list[float]] = {}
    for _ in range(repeats):
        cold_caches()
        spent = dict.fromkeys(["segment", "fit", "align", "similarity", "inline diffs"], 0.0)
        for a_text, b_text in pairs:
            t0 = time.perf_counter()
            a, b = Version("a", a_text), Version("b", b_text)
            a_norms, b_norms = a.segmentation.norms, b.segmentation.norms
            t1 = time.perf_counter()
            thresholds = AlignmentThresholds()
            vectorizer = SentenceVectorizer(word_weight=thresholds.word_weight)
            word, char = vectorizer.fit_counts(a_norms + b_norms)
            n = len(a_norms)
            a_counts, b_counts = (word[:n], char[:n]), (word[n:], char[n:])
            vectors = (vectorizer.weigh(a_counts), vectorizer.weigh(b_counts))
            t2 = time.perf_counter()
            aligned = align_segmentations(
                a.segmentation, b.segmentation, vectors=vectors, thresholds=thresholds
            )
            t3 = time.perf_counter()
            similarity = _document_similarity(a, b, aligned, vectorizer, a_counts, b_counts)
            t4 = time.perf_counter()
            _ = Comparison(a, b, aligned, similarity).diffs
            t5 = time.perf_counter()
            for name, seconds in zip(
                spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True
            ):
                spent[name] += seconds
        for name, seconds in spent.items():
            totals.setdefault(name, []).append(1000 * seconds / len(pairs))
    return {name: statistics.median(values) for name, values in totals.items()}


def _corpus_seconds(pairs, repeats: int, *, tone: bool) -> float:
    frame = pd.DataFrame(
        [
            {"story": f"s{i}", "version": version, "text": text}
            for i, (a, b) in enumerate(pairs)
            for version, text in (("a", a), ("b", b))
        ]
    )
    timings = []
    for _ in range(repeats):
        cold_caches()
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            compare_corpus(frame, out, options=CorpusOptions(tone=tone))
            timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def _history_corpus_seconds(histories, repeats: int, *, tone: bool) -> float:
    frame = pd.DataFrame(
        [
            {"story": f"h{i}", "version": f"v{k}", "text": text}
            for i, versions in enumerate(histories)
            for k, text in enumerate(versions)
        ]
    )
    timings = []
    for _ in range(repeats):
        cold_caches()
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            compare_corpus(frame, out, options=CorpusOptions(pairs="consecutive", tone=tone))
            timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def report_histories(histories, repeats: int) -> None:
    """Revision histories: every version against the one before it, as NewsEdits is read."""
    pairs = [
        (versions[k - 1], versions[k]) for versions in histories for k in range(1, len(versions))
    ]
    n = len(pairs)
    print(
        f"\nRevision histories (bench/synthetic.py): {len(histories)} stories of"
        f" {len(histories[0])} versions, {n} consecutive pairs"
    )
    full = _line(
        "storydiff.compare, pair by pair", _median_seconds(full_compare, pairs, repeats), n
    )
    naive, _ = naive_pipeline()
    naive_rate = _line(
        "naive: TF-IDF refit + VADER + difflib", _median_seconds(naive, pairs, repeats), n
    )
    with_tone = _line(
        "compare_corpus consecutive, one core, tone",
        _history_corpus_seconds(histories, repeats, tone=True),
        n,
    )
    _line(
        "compare_corpus consecutive, one core, no tone",
        _history_corpus_seconds(histories, repeats, tone=False),
        n,
    )
    print(f"  compare pair by pair / naive pipeline: {full / naive_rate:.2f}x")
    print(f"  compare_corpus with tone / naive pipeline: {with_tone / naive_rate:.2f}x")


def _line(name: str, seconds: float, n_pairs: int, note: str = "") -> float:
    rate = n_pairs / seconds
    print(f"  {name:<44} {rate:9,.1f} pairs/s  ({1000 * seconds / n_pairs:6.2f} ms/pair){note}")
    return rate


def report(title: str, pairs, repeats: int, *, corpus: bool) -> None:
    n_words = statistics.mean(len(words(a)) + len(words(b)) for a, b in pairs)
    n_sentences = sum(len(split_sentences(a)) + len(split_sentences(b)) for a, b in pairs)
    print(f"\n{title}: {len(pairs)} pairs, {n_words:.0f} words per pair on average")
    n = len(pairs)
    full = _line("storydiff.compare (all stages)", _median_seconds(full_compare, pairs, repeats), n)
    naive, vader = naive_pipeline()
    naive_rate = _line(
        "naive: TF-IDF refit + VADER + difflib", _median_seconds(naive, pairs, repeats), n
    )
    vader_seconds = _median_seconds(
        lambda a, b: [vader.polarity_scores(s) for s in split_sentences(a) + split_sentences(b)],
        pairs,
        repeats,
    )
    _line(
        "VADER alone, every sentence",
        vader_seconds,
        n,
        f"  {n_sentences / vader_seconds:,.0f} sentences/s",
    )
    if corpus:
        _line("compare_corpus, one core, with tone", _corpus_seconds(pairs, repeats, tone=True), n)
        _line("compare_corpus, one core, no tone", _corpus_seconds(pairs, repeats, tone=False), n)
    chars = _median_seconds(
        lambda a, b: difflib.SequenceMatcher(None, a, b).ratio(), pairs, repeats
    )
    _line("difflib SequenceMatcher, characters", chars, n)
    tokens = _median_seconds(
        lambda a, b: difflib.SequenceMatcher(None, words(a), words(b)).ratio(), pairs, repeats
    )
    _line("difflib SequenceMatcher, word tokens", tokens, n)
    print(f"  full compare / naive pipeline: {full / naive_rate:.2f}x")
    print("  stages of compare, median ms per pair:")
    for name, ms in _stages(pairs, repeats).items():
        print(f"    {name:<14} {ms:7.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000, help="synthetic pairs (default 1000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    parser.add_argument(
        "--histories", type=int, default=250, help="revision histories (default 250; 0: none)"
    )
    parser.add_argument("--versions", type=int, default=5, help="versions per history (default 5)")
    args = parser.parse_args(argv)
    if args.pairs < 1 or args.repeats < 1 or args.histories < 0 or args.versions < 2:
        print(
            "compare_speed.py: --pairs and --repeats must be 1 or more, --histories 0 or more,"
            " --versions 2 or more",
            file=sys.stderr,
        )
        return 2
    story = load_story(config.EXAMPLE_STORY_DIR)
    full_compare(story[0].text, story[1].text)  # warm-up: imports
    seed_pair = [(story[0].text, story[1].text)] * 20
    report("Bundled story (the same pair 20 times)", seed_pair, args.repeats, corpus=False)
    pairs = synthetic_pairs(args.pairs, seed=args.seed)
    report("Synthetic corpus (bench/synthetic.py)", pairs, args.repeats, corpus=True)
    if args.histories:
        histories = synthetic_histories(args.histories, args.versions, seed=args.seed)
        report_histories(histories, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
