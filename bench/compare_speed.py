"""Throughput of ``storydiff.compare``, stage by stage, beside difflib on the same texts.

Usage::

    python bench/compare_speed.py [--pairs 200] [--repeats 5] [--seed 0]

Two workloads:

* the bundled story (one pair, compared many times);
* a synthetic corpus of perturbed versions: each pair is a ~500-word text built from the bundled
  story's sentences and a copy of it with sentences dropped, moved, split and merged and words
  inserted, deleted and replaced (deterministic with ``--seed``).

For each workload it prints the median pairs per second over ``--repeats`` runs of the full
``compare`` (segmentation included: every run starts from plain texts), the median milliseconds
per pair of each stage (segmentation, vectorizer fit, alignment, document similarity, inline
diffs of every group), and, measured in the same run on the same texts, difflib's
``SequenceMatcher.ratio()`` over characters (what character-diff tools such as NewsDiffs compute)
and over word tokens.
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import sys
import time

from storydiff import config, load_story
from storydiff.align import AlignmentThresholds, align_sentences
from storydiff.compare import _document_similarity, compare
from storydiff.features import SentenceVectorizer
from storydiff.inline_diff import inline_diff
from storydiff.similarity import words
from storydiff.story import Version

FILLER = ["reportedly", "also", "on Thursday", "officials said", "again", "in a statement"]


def _perturb_sentence(sentence: str, rng: random.Random) -> str:
    tokens = sentence.split()
    for _ in range(rng.randint(0, 3)):
        if len(tokens) < 4:
            break
        action = rng.random()
        position = rng.randrange(1, len(tokens) - 1)
        if action < 0.35:
            del tokens[position]
        elif action < 0.7:
            tokens.insert(position, rng.choice(FILLER))
        else:
            tokens[position] = rng.choice(tokens)
    return " ".join(tokens)


def synthetic_pairs(n_pairs: int, seed: int = 0) -> list[tuple[str, str]]:
    """Pairs of (~500-word original, perturbed copy) built from the bundled story's sentences."""
    story = load_story(config.EXAMPLE_STORY_DIR)
    pool = [s for v in story for s in v.sentences.query("~is_heading")["text"]]
    rng = random.Random(seed)
    pairs = []
    for _ in range(n_pairs):
        original = rng.sample(pool, k=min(len(pool), 17))
        copy = []
        for sentence in original:
            roll = rng.random()
            if roll < 0.08:
                continue  # dropped
            if roll < 0.14 and ", " in sentence:
                head, _, tail = sentence.partition(", ")
                copy += [head + ".", tail[:1].upper() + tail[1:]]  # split
                continue
            copy.append(_perturb_sentence(sentence, rng))
        if len(copy) > 3 and rng.random() < 0.5:
            i = rng.randrange(len(copy))
            copy.insert(rng.randrange(len(copy)), copy.pop(i))  # moved
        if len(copy) > 2 and rng.random() < 0.3:
            copy[0] = copy[0].rstrip(".") + " and " + copy.pop(1)  # merged
        copy.append(rng.choice(pool))  # added
        pairs.append(("\n".join(original), "\n".join(copy)))
    return pairs


def _rate(function, pairs, repeats: int) -> float:
    """Median pairs per second of `function(a, b)` over `pairs`."""
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        for a, b in pairs:
            function(a, b)
        timings.append(time.perf_counter() - start)
    return len(pairs) / statistics.median(timings)


def _full_compare(a: str, b: str) -> None:
    comparison = compare(a, b)
    _ = comparison.diffs


def _stages(pairs, repeats: int) -> dict[str, float]:
    """Median milliseconds per pair of each stage."""
    totals: dict[str, list[float]] = {}
    for _ in range(repeats):
        spent = dict.fromkeys(["segment", "fit", "align", "similarity", "inline diffs"], 0.0)
        for a_text, b_text in pairs:
            t0 = time.perf_counter()
            a, b = Version("a", a_text), Version("b", b_text)
            _ = a.sentences, b.sentences
            t1 = time.perf_counter()
            thresholds = AlignmentThresholds()
            vectorizer = SentenceVectorizer(word_weight=thresholds.word_weight)
            a_norms, b_norms = a.sentences["norm"].tolist(), b.sentences["norm"].tolist()
            word, char = vectorizer.fit_counts(a_norms + b_norms)
            n = len(a_norms)
            a_counts, b_counts = (word[:n], char[:n]), (word[n:], char[n:])
            vectors = (vectorizer.weigh(a_counts), vectorizer.weigh(b_counts))
            t2 = time.perf_counter()
            aligned = align_sentences(a.sentences, b.sentences, vectors=vectors)
            t3 = time.perf_counter()
            _document_similarity(a, b, aligned, vectorizer, a_counts, b_counts)
            t4 = time.perf_counter()
            for group in aligned.groups:
                inline_diff(
                    " ".join(a.sentences["text"][i] for i in group.a),
                    " ".join(b.sentences["text"][j] for j in group.b),
                )
            t5 = time.perf_counter()
            for name, seconds in zip(
                spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True
            ):
                spent[name] += seconds
        for name, seconds in spent.items():
            totals.setdefault(name, []).append(1000 * seconds / len(pairs))
    return {name: statistics.median(values) for name, values in totals.items()}


def report(title: str, pairs, repeats: int) -> None:
    n_words = statistics.mean(len(words(a)) + len(words(b)) for a, b in pairs)
    print(f"\n{title}: {len(pairs)} pairs, {n_words:.0f} words per pair on average")
    full = _rate(_full_compare, pairs, repeats)
    chars = _rate(lambda a, b: difflib.SequenceMatcher(None, a, b).ratio(), pairs, repeats)
    tokens = _rate(
        lambda a, b: difflib.SequenceMatcher(None, words(a), words(b)).ratio(), pairs, repeats
    )
    print(
        f"  storydiff.compare (all stages)        {full:9,.1f} pairs/s  "
        f"({1000 / full:6.1f} ms/pair)"
    )
    print(
        f"  difflib SequenceMatcher, characters   {chars:9,.1f} pairs/s  "
        f"({1000 / chars:6.1f} ms/pair)"
    )
    print(
        f"  difflib SequenceMatcher, word tokens  {tokens:9,.1f} pairs/s  "
        f"({1000 / tokens:6.1f} ms/pair)"
    )
    print("  stages of compare, median ms per pair:")
    for name, ms in _stages(pairs, repeats).items():
        print(f"    {name:<14} {ms:7.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200, help="synthetic pairs (default 200)")
    parser.add_argument("--repeats", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    args = parser.parse_args(argv)
    if args.pairs < 1 or args.repeats < 1:
        print("compare_speed.py: --pairs and --repeats must be 1 or more", file=sys.stderr)
        return 2
    story = load_story(config.EXAMPLE_STORY_DIR)
    _full_compare(story[0].text, story[1].text)  # warm-up: imports and caches
    seed_pair = [(story[0].text, story[1].text)] * 20
    report("Bundled story (the same pair 20 times)", seed_pair, args.repeats)
    report("Synthetic perturbed versions", synthetic_pairs(args.pairs, args.seed), args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
