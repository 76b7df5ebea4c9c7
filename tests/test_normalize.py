"""Normalisation for comparison."""

import pytest
from storydiff.normalize import normalize_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("   \n\t ", ""),
        ("“necessary,” ‘useful’", "\"necessary,\" 'useful'"),
        ("Russia’s", "Russia's"),
        ("Moscow–installed — or – not", "Moscow-installed - or - not"),
        ("wait…", "wait..."),
        ("six\u00a0people\u2009injured", "six people injured"),
        ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
        ("line\nbreak   and\ttab", "line break and tab"),
        ("e\u0301", "\u00e9"),
    ],
)
def test_normalize_text(text, expected):
    assert normalize_text(text) == expected


def test_curly_and_straight_versions_of_a_seed_sentence_are_equal():
    curly = "Putin said both sides “had to go through each point” of the U.S. plan."
    straight = 'Putin said both sides "had to go through each point" of the U.S. plan.'
    assert normalize_text(curly) == normalize_text(straight)
