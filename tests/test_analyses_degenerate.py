"""Every analysis of meaning a Comparison offers, on degenerate pairs: each gives a result whose
tables and JSON export work, and the JSON is strict (no NaN)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from storydiff.compare import ANALYSES, compare
from storydiff.story import Version


def markdown(text: str, name: str) -> Version:
    return Version(name, text, format="markdown")


PAIRS = {
    "single sentences": ("Two men died.", "Two men were killed."),
    "single identical sentence": ("Two men died.", "Two men died."),
    "identical versions": (
        'Putin said the talks were "useful." Six people died in Kherson on Monday.',
        'Putin said the talks were "useful." Six people died in Kherson on Monday.',
    ),
    "no quotes": ("The cat sat on the mat. It slept.", "A dog lay on the rug."),
    "no numbers": ('Putin said "we will see."', "Putin said he would see."),
    "no quotes, numbers or names": ("It rained.", "It rained all day."),
    "heading and one sentence": (
        markdown("# Ongoing Conflict\n\nTwo men died in Kherson.\n", "a"),
        markdown("# Kremlin Talks\n\nThree men were killed.\n", "b"),
    ),
    "heading only against a sentence": (
        markdown("# Ongoing Conflict\n", "a"),
        "Two men died.",
    ),
    "headings only": (markdown("# Ongoing Conflict\n", "a"), markdown("# Other News\n", "b")),
    "one word": ("Hello", "Goodbye"),
    "one identical word": ("Hello", "Hello"),
    "punctuation only": ("...", "!!!"),
    "all-caps headline": ("PUTIN SAYS PLAN UNACCEPTABLE", "PUTIN SAYS PLAN UNACCEPTABLE."),
    "script-like text": ("<script>alert('x')</script> Hello.", "Hello <b>world</b>; DROP TABLE x;"),
    "unbalanced quote": ('Putin said "we will see', 'Putin said "we will see."'),
}


@pytest.fixture(scope="module", params=list(PAIRS))
def comparison(request):
    a, b = PAIRS[request.param]
    return compare(a, b)


@pytest.mark.parametrize("name", ANALYSES)
def test_every_analysis_exports_tables_and_strict_json(comparison, name):
    result = getattr(comparison, name)
    assert isinstance(result.to_frame(), pd.DataFrame)
    data = result.to_dict()
    assert isinstance(data, dict)
    json.loads(json.dumps(data, allow_nan=False))


def test_the_whole_comparison_exports_strict_json(comparison):
    data = comparison.to_dict(analyses=True)
    assert set(data["analyses"]) == set(ANALYSES)
    json.loads(json.dumps(data, allow_nan=False))


def test_every_analysis_is_covered():
    assert set(ANALYSES) == {"entities", "framing", "lexical", "numbers", "quotes", "tone"}
