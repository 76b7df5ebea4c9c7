"""Direct quotes and the quote ledger, on the bundled story and small cases."""

from __future__ import annotations

import pytest
from storydiff.compare import compare
from storydiff.quotes import QUOTE_STATUSES, find_quotes, quote_ledger
from storydiff.story import Version


@pytest.fixture(scope="module")
def ledger(example_story):
    return quote_ledger(compare(example_story["original"], example_story["rewrite"]))


def test_the_original_has_more_full_quotes(ledger):
    full = {
        side: (q["kind"] == "full").sum()
        for side, q in (("a", ledger.a_quotes), ("b", ledger.b_quotes))
    }
    assert full["a"] > full["b"]
    assert ledger.to_dict()["n_quotes"] == {"a": int(full["a"]), "b": int(full["b"])}


def test_deal_quote_is_only_in_the_original(ledger):
    row = ledger.rows[ledger.rows["a_quote"].fillna("").str.startswith("Their impression")].iloc[0]
    assert row["status"] in {"dropped", "paraphrased"}
    assert not ledger.b_quotes["quote"].str.contains("impression").any()


def test_very_concrete_quote_is_kept_but_trimmed(ledger):
    row = ledger.rows[ledger.rows["a_quote"] == "It was a very concrete conversation"].iloc[0]
    assert row["status"] == "trimmed" and row["b_quote"] == "very concrete"


def test_words_added_inside_quote_marks_are_flagged(ledger):
    rows = ledger.rows.set_index("a_quote")
    assert rows.loc["difficult", "b_quote"] == "difficult work"
    assert rows.loc["difficult", "status"] == "extended" and rows.loc["difficult", "misquote"]
    assert rows.loc["necessary", "status"] == "kept" and not rows.loc["necessary", "misquote"]


def test_speakers_and_verbs(example_story):
    quotes = find_quotes(example_story["original"]).set_index("quote")
    assert quotes.loc["It was a very concrete conversation", ["speaker", "verb"]].tolist() == [
        "Putin",
        "said",
    ]
    assert (
        quotes.loc["Their impression was very strongly that he’d like to make a deal", "speaker"]
        == "he"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No quotes here. None at all.", []),
        ("One sentence only.", []),
        ('He said "yes."', ["yes"]),
        ("She called it \u201cshameful\u201d and left.", ["shameful"]),
        (
            '"We will rebuild," the mayor said. "It will take years."',
            ["We will rebuild", "It will take years"],
        ),
        ('The mayor said: "we will rebuild the school and', ["we will rebuild the school and"]),
        ("Kyiv\u2019s mayor said it wasn\u2019t over.", []),
    ],
    ids=["none", "single", "straight", "curly", "two", "unbalanced", "apostrophes"],
)
def test_find_quotes_small_cases(text, expected):
    quotes = find_quotes(Version("v", text))
    assert quotes["quote"].tolist() == expected
    for row in quotes.itertuples():
        assert text[row.start : row.end] == row.quote
    assert quotes["balanced"].tolist() == [not text.endswith(" and")] * len(expected)


def test_ledger_statuses_on_small_cases():
    a = 'The minister said "we will not raise taxes this year." Critics said "it is a lie."'
    b = 'The minister said "we will not raise taxes." Critics called it "a lie."'
    ledger = quote_ledger(compare(a, b))
    assert ledger.rows["status"].tolist() == ["trimmed", "trimmed"]
    assert set(ledger.counts().index) == set(QUOTE_STATUSES)


def test_ledger_with_no_quotes_and_with_added_quotes():
    ledger = quote_ledger(compare("No quote here.", "Still no quote here."))
    assert ledger.rows.empty and ledger.counts().sum() == 0 and ledger.to_dict()["rows"] == []
    ledger = quote_ledger(compare("Officials met.", 'Officials met. "It went well," one said.'))
    assert ledger.rows["status"].tolist() == ["added"]


def test_quoted_words_kept_without_marks_are_paraphrased():
    a = 'The mayor said "the bridge will reopen next spring after repairs."'
    b = "The mayor said the bridge will reopen next spring after repairs."
    assert quote_ledger(compare(a, b)).rows["status"].tolist() == ["paraphrased"]
