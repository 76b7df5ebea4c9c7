"""Token matching: difflib's answer for sentences, valid and quick ones for very long inputs."""

from __future__ import annotations

import difflib
import random

import pytest
import storydiff
from storydiff import matching
from storydiff.inline_diff import inline_diff

SMALL = [
    ([], []),
    (["a"], []),
    ([], ["a"]),
    (["a", "b", "c"], ["a", "b", "c"]),
    (["a", "b", "c"], ["x", "y"]),
    ("the the the cat".split(), "the cat the the".split()),
    ("two men died in the blast".split(), "two men were killed in the blast".split()),
    (list("abcabba"), list("cbabac")),
]


def _random_pairs(count: int, size: int, alphabet: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        a = [rng.randrange(alphabet) for _ in range(rng.randrange(size))]
        b = [rng.choice(a) if a and rng.random() < 0.7 else rng.randrange(alphabet) for _ in a]
        yield a, b[: rng.randrange(len(b) + 1)] + a[: rng.randrange(3)]


def _check_valid(a, b, opcodes):
    """Opcodes cover both sequences in order, equal ranges are equal, and tags fit the ranges."""
    a_at = b_at = 0
    previous = None
    for tag, i1, i2, j1, j2 in opcodes:
        assert (i1, j1) == (a_at, b_at)
        assert tag in {"equal", "replace", "delete", "insert"}
        if tag == "equal":
            assert list(a[i1:i2]) == list(b[j1:j2]) and i2 > i1
            assert previous != "equal"  # runs of equal tokens are joined
        else:
            assert (i2 > i1) == (tag != "insert") and (j2 > j1) == (tag != "delete")
        a_at, b_at, previous = i2, j2, tag
    assert (a_at, b_at) == (len(a), len(b))


@pytest.mark.parametrize(("a", "b"), SMALL + list(_random_pairs(200, 40, 6, seed=1)))
def test_below_the_limit_the_answer_is_difflibs(a, b):
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    assert matching.opcodes(a, b) == matcher.get_opcodes()
    assert matching.matched(a, b) == sum(block.size for block in matcher.get_matching_blocks())
    assert matching.ratio(a, b) == matcher.ratio()


def _edited(seed: int, size: int = 400, alphabet: int = 300):
    """Random tokens and an edited copy: some replaced, deleted and inserted, a block moved."""
    rng = random.Random(seed)
    a = [rng.randrange(alphabet) for _ in range(size)]
    b = [rng.randrange(alphabet) if rng.random() < 0.05 else token for token in a]
    for _ in range(10):
        del b[rng.randrange(len(b))]
        b.insert(rng.randrange(len(b)), rng.randrange(alphabet))
    start = rng.randrange(size - 40)
    block, b[start : start + 40] = b[start : start + 40], []
    return a, b[:100] + block + b[100:]


@pytest.mark.parametrize("seed", range(40))
def test_cut_at_anchors_the_opcodes_are_valid_and_match_about_as_much(monkeypatch, seed):
    a, b = _edited(seed)
    direct = matching.matched(a, b)
    monkeypatch.setattr(matching, "DIRECT_LIMIT", 30)  # every piece longer than ~5 tokens is cut
    opcodes = matching.opcodes(a, b)
    _check_valid(a, b, opcodes)
    found = sum(i2 - i1 for tag, i1, i2, _, _ in opcodes if tag == "equal")
    assert found == matching.matched(a, b)
    assert found >= 0.95 * direct  # anchors may miss a little of what difflib finds


def test_a_piece_without_anchors_is_replaced_whole(monkeypatch):
    monkeypatch.setattr(matching, "DIRECT_LIMIT", 100)
    a = ["la"] * 1500 + ["li"] + ["la"] * 1500
    b = ["la"] * 1000 + ["lo"] + ["la"] * 2000
    opcodes = matching.opcodes(a, b)
    _check_valid(a, b, opcodes)
    assert opcodes == [
        ("equal", 0, 1000, 0, 1000),
        ("replace", 1000, 1501, 1000, 1501),
        ("equal", 1501, 3001, 1501, 3001),
    ]


def _flattened_list(words: int, changes: int, seed: int) -> tuple[str, str, set[int]]:
    """One "sentence" of `words` stop words and commas (a list flattened into text), and the
    same with `changes` words replaced: the texts and the replaced words' positions."""
    rng = random.Random(seed)
    vocabulary = sorted(storydiff.features.stop_words())
    tokens = [rng.choice(vocabulary) + "," for _ in range(words)]
    changed = set(rng.sample(range(words), changes))
    edited = ["CHANGED," if k in changed else token for k, token in enumerate(tokens)]
    return " ".join(tokens), " ".join(edited), changed


def test_a_sentence_of_forty_thousand_words_diffs_at_each_change():
    a, b, changed = _flattened_list(40_000, 20, seed=3)  # took minutes with difflib alone
    diff = inline_diff(a, b)
    assert "".join(op.text for op in diff.ops if op.op != "insert").replace(" ", "") == a.replace(
        " ", ""
    )
    assert [op.text.strip() for op in diff.ops if op.op == "insert"] == ["CHANGED"] * 20
    deleted = [op.a_start for op in diff.ops if op.op == "delete"]
    assert len(deleted) == len(changed)
    words = a.split(" ")
    starts = [sum(len(w) + 1 for w in words[:k]) for k in sorted(changed)]
    assert deleted == starts


def test_a_long_flattened_list_is_an_edit_in_a_comparison():
    a, b, _ = _flattened_list(20_000, 10, seed=4)
    comparison = storydiff.compare(a, b)
    (group,) = comparison.aligned.groups
    assert (group.label, group.edit, group.ratio) == (
        "edited",
        "edited",
        0.9995,
    )  # 2 * 19,990 / 40,000
    (diff,) = comparison.diffs
    assert [op.op for op in diff.ops] == ["equal"] + ["delete", "insert", "equal"] * 10
