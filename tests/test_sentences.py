"""Tests for storydiff.sentences: the sentence boundary detector."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from storydiff import config
from storydiff.sentences import sentence_spans, split_sentences_plain

from .conftest import load_bench_script

GOLDEN_RULES = Path("golden_rules") / "english_golden_rules.jsonl"
SEEDS_DIR = config.EXAMPLE_STORY_DIR  # the seed texts, copied byte for byte

CASES = [
    # empty and degenerate input
    ("", []),
    ("   \n\t ", []),
    ("Hello", ["Hello"]),
    (".", ["."]),
    ("...", ["..."]),
    ("?!", ["?!"]),
    # plain boundaries
    ("It rained. Then it stopped.", ["It rained.", "Then it stopped."]),
    ("Is it over? No. It goes on!", ["Is it over?", "No.", "It goes on!"]),
    ("Line one.\nLine two.", ["Line one.", "Line two."]),
    # U.S. and other dotted abbreviations
    (
        "U.S. President Donald Trump said talks would go on.",
        ["U.S. President Donald Trump said talks would go on."],
    ),
    ("Putin rejected parts of a U.S. peace plan for Ukraine.", None),
    (
        "He met the U.S. envoy. The talks lasted five hours.",
        ["He met the U.S. envoy.", "The talks lasted five hours."],
    ),
    ("I live in the U.S. How about you?", ["I live in the U.S.", "How about you?"]),
    (
        "It was signed in Washington, D.C. The treaty took effect.",
        ["It was signed in Washington, D.C.", "The treaty took effect."],
    ),
    ("Washington, D.C. Mayor Muriel Bowser spoke.", None),
    ("Ask the U.N. Security Council.", None),
    # titles and initials
    ("Mr. Smith met Dr. Jones and Sen. Warren.", None),
    ("Gov. Gavin Newsom (D-Calif.) spoke to Lt. Gen. Smith.", None),
    ("John F. Kennedy was elected in 1960.", None),
    (
        "We make a good team, you and I. Did you see him?",
        ["We make a good team, you and I.", "Did you see him?"],
    ),
    ("J. K. Rowling wrote the books.", None),
    # numbers, money, times
    ("Growth was 3.5 percent in the quarter.", None),
    ("She has $100.00 in her bag.", None),
    ("She has $100.00. It is in her bag.", ["She has $100.00.", "It is in her bag."]),
    ("The vote is at 5 p.m. Tuesday.", None),
    ("He left at 5 p.m. The talks ended.", ["He left at 5 p.m.", "The talks ended."]),
    ("No. 10 Downing St. issued a statement.", None),
    ("He said no. Trump left.", ["He said no.", "Trump left."]),
    ("Please turn to p. 55.", None),
    # quotations
    ('"It was concrete," Putin said.', None),
    ("\u201cIt was concrete,\u201d Putin said.", None),
    ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
    ("He said \u201cno.\u201d Then he left.", ["He said \u201cno.\u201d", "Then he left."]),
    ("She turned to him, 'This is great.' she said.", None),
    ("She turned to him, \u2018This is great.\u2019 she said.", None),
    ('"Why now?" Putin asked. Nobody answered.', ['"Why now?" Putin asked.', "Nobody answered."]),
    # double punctuation and ellipses
    ("Hello?! Is that you?", ["Hello?!", "Is that you?"]),
    ("Hello!! Long time no see.", ["Hello!!", "Long time no see."]),
    (
        "I never meant that.... She left the store.",
        ["I never meant that....", "She left the store."],
    ),
    ("He paused ... then went on.", None),
    ("He waited\u2026 and waited.", None),
    ("She works at Yahoo! in the accounting department.", None),
    # lists, e-mails, web addresses
    ("1. The first item 2. The second item", ["1. The first item", "2. The second item"]),
    ("1) The first item. 2) The second item.", ["1) The first item.", "2) The second item."]),
    (
        "\u2022 9. The first item \u2022 10. The second item",
        ["\u2022 9. The first item", "\u2022 10. The second item"],
    ),
    (
        "Her email is Jane.Doe@example.com. I wrote.",
        ["Her email is Jane.Doe@example.com.", "I wrote."],
    ),
    (
        "See https://www.example.com/a.html. It helps.",
        ["See https://www.example.com/a.html.", "It helps."],
    ),
    # a missing space after a stop
    ("He said.The next day he left.", ["He said.", "The next day he left."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences_plain(text: str, expected: list[str] | None) -> None:
    if expected is None:  # one sentence
        expected = [text]
    assert split_sentences_plain(text) == expected


def _assert_spans_valid(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    covered = bytearray(len(text))
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        sentence = text[start:end]
        assert sentence == sentence.strip()
        covered[start:end] = b"\x01" * (end - start)
        previous_end = end
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert missing == []


ODD_TEXTS = [
    "",
    " ",
    "\u00a0\u2003Hi. \u3000There.\u2028",
    "." * 500,
    ". . . . . .",
    "?!?!?!",
    "x" * 5000,
    "\U0001f600. \U0001f600! Ok",
    "\x00\x01. \x02",
    "\u2022",
    "1.",
    "a. b. c.",
    "[...]",
    '" " "',
    "Mr.",
    "U.S.",
    "He said.The",
]


@pytest.mark.parametrize("text", [text for text, _ in CASES] + ODD_TEXTS)
def test_spans_cover_text_and_map_back(text: str) -> None:
    spans = sentence_spans(text)
    _assert_spans_valid(text, spans)
    assert split_sentences_plain(text) == [text[s:e] for s, e in spans]


def test_spans_are_exact_offsets() -> None:
    text = "  It rained.   Then it stopped.  "
    assert sentence_spans(text) == [(2, 12), (15, 31)]


def test_rejects_non_string() -> None:
    with pytest.raises(TypeError, match="expects a str"):
        sentence_spans(None)  # type: ignore[arg-type]


def test_golden_rules_score() -> None:
    path = config.eval_dir() / GOLDEN_RULES
    if not path.is_file():
        pytest.skip(f"Golden Rules file not found at {path}; set STORYDIFF_EVAL_DIR")
    result = load_bench_script("golden_rules").score_golden_rules(path)
    assert result["n"] == 48
    failing = [(f["id"], f["name"]) for f in result["failures"]]
    assert result["score"] >= 0.90, failing


def _seed_lines() -> list[str]:
    paths = sorted(SEEDS_DIR.glob("*.txt")) if SEEDS_DIR.is_dir() else []
    if not paths:
        pytest.skip(f"seed texts not found at {SEEDS_DIR}")
    lines = []
    for path in paths:
        lines.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return lines


def test_seed_texts() -> None:
    lines = _seed_lines()
    for line in lines:
        spans = sentence_spans(line)
        _assert_spans_valid(line, spans)
        for start, end in spans:
            if end < len(line.rstrip()):
                assert not re.search(r"\bU\.S\.$", line[start:end]), line[start:end]
    putin = (
        "Russian President Vladimir Putin stated on Thursday that certain proposals within a "
        "U.S. peace plan for Ukraine are unacceptable to the Kremlin, indicating that a "
        "resolution remains distant."
    )
    assert split_sentences_plain(putin) == [putin]
    whole = "\n".join(lines)
    _assert_spans_valid(whole, sentence_spans(whole))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("你好。今天天气很好！我们走吧。", ["你好。", "今天天气很好！", "我们走吧。"]),
        ("他说：「我们走吧。」然后离开了。", ["他说：「我们走吧。」", "然后离开了。"]),
        ("१२ लोग मारे गए। पुलिस ने कहा।", ["१२ लोग मारे गए।", "पुलिस ने कहा।"]),
        ("هل انتهى؟ نعم، انتهى.", ["هل انتهى؟", "نعم، انتهى."]),
        ("你好。 ", ["你好。"]),
    ],
    ids=["chinese", "japanese-closer", "hindi-danda", "arabic-question", "trailing-space"],
)
def test_the_full_stops_of_other_scripts_end_sentences(text, expected):
    assert split_sentences_plain(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'He said: "We will rebuild the bridge. " The mayor agreed.',
            ['He said: "We will rebuild the bridge. "', "The mayor agreed."],
        ),
        (
            "He said: \u201cIt is over. We will rebuild. \u201d The mayor agreed.",
            ["He said: \u201cIt is over.", "We will rebuild. \u201d", "The mayor agreed."],
        ),
        (
            'He left. " Go now," she said.',  # a mark opening a quote, spaced
            ["He left.", '" Go now," she said.'],
        ),
    ],
    ids=["straight", "curly-over-two-sentences", "spaced-opening-mark"],
)
def test_a_closing_mark_after_a_space_stays_with_its_quote(text, expected):
    """Found in Wikinews revisions: the closing mark began the next sentence, and the inline
    diffs showed a quote mark put into the wrong sentence."""
    assert split_sentences_plain(text) == expected
