"""Long versions aligned stretch by stretch: the plan (anchors and stretches) and the scoring of
some sentence pairs only."""

from __future__ import annotations

import random
from itertools import pairwise

import numpy as np
import pytest
from storydiff import anchors
from storydiff.anchors import anchor_plan, pair_scores, scored_pairs
from storydiff.features import SentenceVectorizer, combined_similarity

from .conftest import load_bench_script


@pytest.mark.parametrize(
    ("a", "b", "expected_anchors", "expected_stretches"),
    [
        ("", "", [], []),
        ("abc", "abc", [(0, 0), (1, 1), (2, 2)], []),
        ("abc", "xyz", [], [(0, 3, 0, 3)]),
        ("", "xy", [], [(0, 0, 0, 2)]),
        ("ab", "", [], [(0, 2, 0, 0)]),
        # a sentence moved from the top to the bottom is left out of the anchors
        ("mxyz", "xyzm", [(1, 0), (2, 1), (3, 2)], [(0, 1, 0, 0), (4, 4, 3, 4)]),
        # repeated sentences: the common start and end, and the neighbours of unique anchors
        ("xxy", "xy", [(0, 0), (2, 1)], [(1, 2, 1, 1)]),
        (
            "axxbyyc",
            "aQxxbyyc",
            [(0, 0), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7)],
            [(1, 1, 1, 2)],
        ),  # fmt: skip
        # two moved blocks of the same length: the chain kept is one of them, in order
        ("abcdef", "defabc", [(3, 0), (4, 1), (5, 2)], [(0, 3, 0, 0), (6, 6, 3, 6)]),
    ],
)
def test_the_plan_of_small_cases(a, b, expected_anchors, expected_stretches):
    plan = anchor_plan(list(a), list(b))
    assert plan.anchors == expected_anchors
    assert plan.stretches == expected_stretches


def _covers_in_order(plan, n_a: int, n_b: int) -> None:
    """Anchors and stretches, in document order, hold every sentence of each side once."""
    pieces = [(i, i + 1, j, j + 1) for i, j in plan.anchors] + plan.stretches
    pieces.sort(key=lambda piece: (piece[0], piece[2]))
    a_at = b_at = 0
    for a_start, a_end, b_start, b_end in pieces:
        assert (a_start, b_start) == (a_at, b_at), pieces
        a_at, b_at = a_end, b_end
    assert (a_at, b_at) == (n_a, n_b)


@pytest.mark.parametrize("seed", range(40))
def test_anchors_are_identical_sentences_in_order_and_the_plan_covers_both(seed):
    rng = random.Random(seed)
    alphabet = "abcdefghijklmnopqrstuvwxyz"[: rng.randint(2, 26)]
    a = [rng.choice(alphabet) for _ in range(rng.randint(0, 60))]
    b = list(a)
    for _ in range(rng.randint(0, 15)):  # edits: replace, delete, insert, move
        roll = rng.random()
        if b and roll < 0.25:
            b[rng.randrange(len(b))] = rng.choice(alphabet.upper())
        elif b and roll < 0.5:
            del b[rng.randrange(len(b))]
        elif roll < 0.75:
            b.insert(rng.randint(0, len(b)), rng.choice(alphabet.upper()))
        elif b:
            b.insert(rng.randint(0, len(b) - 1), b.pop(rng.randrange(len(b))))
    plan = anchor_plan(a, b)
    assert all(a[i] == b[j] for i, j in plan.anchors)
    assert all(i < k and j < m for (i, j), (k, m) in pairwise(plan.anchors))
    _covers_in_order(plan, len(a), len(b))
    free_a, free_b = plan.unanchored
    assert free_a == len(a) - len(plan.anchors) and free_b == len(b) - len(plan.anchors)
    assert plan.pairs_to_score == sum((a1 - a0) * (b1 - b0) for a0, a1, b0, b1 in plan.stretches)
    assert plan.pairs_to_score <= free_a * free_b


def test_a_long_revision_is_mostly_anchors():
    """A revision that keeps most sentences: the stretches hold a few pairs, not millions."""
    rng = random.Random(7)
    a = [f"sentence {n}." for n in range(20_000)]
    b = [text for text in a if rng.random() > 0.02]  # 2 % dropped
    for _ in range(300):
        b[rng.randrange(len(b))] += " (updated)"
    plan = anchor_plan(a, b)
    assert len(plan.anchors) > 19_000
    assert plan.pairs_to_score < 5_000  # against 390 million pairs in all


@pytest.fixture(scope="module")
def vectors():
    texts = [
        "Two men died in a drone strike on Monday.",
        "Six people were hurt, officials said.",
        "The mayor resigned after the vote.",
        "It rained all day in the capital.",
        "Two men were killed in a drone strike.",
        "Officials said six people were hurt.",
        "Rain fell all day.",
        "The council will meet again in May.",
        "It rained.",
    ]
    word, char = SentenceVectorizer().fit_transform(texts)
    return (word[:4], char[:4]), (word[4:], char[4:])


@pytest.mark.parametrize("block_rows", [1, 2, 512])
@pytest.mark.parametrize("threshold", [0.0, 0.2, 0.5])
def test_scored_pairs_are_the_pairs_of_the_full_matrix_above_the_threshold(
    vectors, monkeypatch, block_rows, threshold
):
    monkeypatch.setattr(anchors, "BLOCK_ROWS", block_rows)
    a_vectors, b_vectors = vectors
    a_rows, b_rows = [0, 2, 3], [0, 1, 2, 4]
    full = combined_similarity(a_vectors, b_vectors, 0.5)
    found = scored_pairs(a_vectors, b_vectors, a_rows, b_rows, 0.5, threshold)
    expected = [(full[i, j], i, j) for i in a_rows for j in b_rows if full[i, j] >= threshold]
    expected.sort(key=lambda item: -item[0])  # best first; ties in the order of a, then b
    assert [(i, j) for _, i, j in found] == [(i, j) for _, i, j in expected]
    assert np.allclose([s for s, _, _ in found], [s for s, _, _ in expected])
    assert found and found[0][1:] == (0, 0)  # "Two men died" / "Two men were killed"


def test_scored_pairs_of_no_rows(vectors):
    a_vectors, b_vectors = vectors
    assert scored_pairs(a_vectors, b_vectors, [], [0, 1], 0.5, 0.1) == []
    assert scored_pairs(a_vectors, b_vectors, [0], [], 0.5, 0.1) == []


@pytest.mark.parametrize("block_rows", [1, 3, 512])
def test_pair_scores_are_the_full_matrix_at_those_pairs(vectors, monkeypatch, block_rows):
    monkeypatch.setattr(anchors, "BLOCK_ROWS", block_rows)
    a_vectors, b_vectors = vectors
    full = combined_similarity(a_vectors, b_vectors, 0.3)
    pairs = [(0, 0), (1, 1), (3, 4), (2, 3), (0, 4)]
    scores = pair_scores(a_vectors, b_vectors, pairs, 0.3)
    assert np.allclose(scores, [full[i, j] for i, j in pairs], atol=1e-12)
    assert pair_scores(a_vectors, b_vectors, [], 0.3).shape == (0,)


def test_the_long_versions_benchmark_runs():
    """One length in a fresh process: more than 1,000 by 1,000 sentences, so by stretches."""
    result = load_bench_script("long_versions").run(1100, seed=4)
    assert result["how"] == "stretches" and min(result["sentences"]) > 1000
    assert len(result["seconds"]) == 3 and result["peak_mb"] > 50
    assert result["labels"]["unchanged"] > 400 and result["labels"]["edited"] > 300
