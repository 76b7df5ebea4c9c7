"""Tokens, comparison forms and stems."""

import pytest
from storydiff.tokens import stem, token_frame, tokenize


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("", []),
        ("U.S. envoys", ["U.S.", "envoys"]),
        ("over 40,000 residents", ["over", "40,000", "residents"]),
        ("$100.00 and 3.5%", ["$100.00", "and", "3.5%"]),
        ("a 68-year-old woman", ["a", "68-year-old", "woman"]),
        ("Moscow-installed head", ["Moscow-installed", "head"]),
        ("can’t and won't", ["can’t", "and", "won't"]),
        ("“necessary,”", ["“", "necessary", ",", "”"]),
        ("at 01:00 UTC", ["at", "01:00", "UTC"]),
    ],
)
def test_tokenize(text, tokens):
    assert [t.text for t in tokenize(text)] == tokens


def test_offsets_and_kinds():
    text = "Six people, 3 drones."
    tokens = tokenize(text, offset=10)
    assert [(t.start, t.end) for t in tokens][:2] == [(10, 13), (14, 20)]
    assert [t.kind for t in tokens] == ["word", "word", "punct", "number", "word", "punct"]


def test_norm_folds_case_and_typography():
    assert [t.norm for t in tokenize("Kyiv’s")] == ["kyiv's"]


def test_stems_relate_word_forms():
    assert stem("killed") == stem("killing") == stem("kills")
    assert stem("strikes") == stem("strike")


def test_token_frame_on_the_seed_story(example_story):
    version = example_story["original"]
    tokens = version.tokens
    assert list(tokens.columns) == ["sentence", "token", "start", "end", "kind", "norm", "stem"]
    for row in tokens.sample(50, random_state=0).itertuples():
        assert version.text[row.start : row.end] == row.token
    assert set(tokens["sentence"]) <= set(version.sentences.index)
    assert "40,000" in set(tokens.loc[tokens["kind"] == "number", "token"])


def test_token_frame_of_no_sentences_is_empty_with_columns():
    import pandas as pd

    frame = token_frame("", pd.DataFrame({"start": [], "end": []}))
    assert frame.empty and "stem" in frame.columns


def test_a_versions_sentences_are_cut_once_for_all_its_analyses(example_story, monkeypatch):
    from storydiff import entities, framing, numbers, speakers
    from storydiff.story import Version
    from storydiff.tokens import sentence_tokens

    version = Version("again", example_story["rewrite"].text)
    cut = version.sentence_tokens
    assert version.sentence_tokens is cut and list(cut) == list(version.sentences.index)
    for sentence, start, end in zip(
        version.sentences.index, version.sentences["start"], version.sentences["end"], strict=True
    ):
        assert list(cut[sentence]) == tokenize(version.text[start:end], offset=start)
    assert sentence_tokens(version.text, version.sentences) == cut

    def refuse(*args, **kwargs):
        raise AssertionError("a sentence of the version was cut again")

    for module in (entities, framing, numbers, speakers):
        if hasattr(module, "tokenize"):
            monkeypatch.setattr(module, "tokenize", refuse)
    entities.entity_profile(version)
    numbers.number_mentions(version)
    framing.framing_profile(version)
    assert version.tokens["token"].tolist() == [t.text for ts in cut.values() for t in ts]
    assert version.summary()["n_words"] == sum(t.kind != "punct" for ts in cut.values() for t in ts)
    # a bare sentence table, with no version to keep them, is still cut
    monkeypatch.undo()
    assert len(numbers.number_mentions(version.sentences)) == len(numbers.number_mentions(version))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("१२ लोग मारे गए।", ["१२", "लोग", "मारे", "गए"]),
        ("cafe\u0301 society", ["cafe\u0301", "society"]),
        ("مُحَمَّد قال", ["مُحَمَّد", "قال"]),
    ],
    ids=["hindi-vowel-signs", "decomposed-accent", "arabic-vowel-marks"],
)
def test_combining_marks_stay_inside_their_words(text, words):
    tokens = tokenize(text)
    assert [t.text for t in tokens if t.kind != "punct"] == words
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_an_abbreviation_without_its_last_stop_is_one_token():
    texts = [t.text for t in tokenize("Cities, e.g Kyiv, and U.S policy; x.com ends.")]
    assert texts == [
        "Cities",
        ",",
        "e.g",
        "Kyiv",
        ",",
        "and",
        "U.S",
        "policy",
        ";",
        "x",
        ".",
        "com",
        "ends",
        ".",
    ]
