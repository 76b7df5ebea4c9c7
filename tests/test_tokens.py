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


def test_placed_tokens_are_cut_once_and_shared(example_story):
    from storydiff.caches import cache_sizes, clear_caches
    from storydiff.tokens import placed_tokens

    clear_caches()
    version = example_story["rewrite"]
    text = version.text
    spans = list(zip(version.sentences["start"], version.sentences["end"], strict=True))
    first = [tokenize(text[s:e], offset=s) for s, e in spans]
    assert cache_sizes()["placed_tokens"] == len(spans)
    again = [tokenize(text[s:e], offset=s) for s, e in spans]
    assert again == first
    for fresh, earlier in zip(again, first, strict=True):
        assert fresh is not earlier  # a new list each time
        assert all(x is y for x, y in zip(fresh, earlier, strict=True))  # of the same tokens
    first[0].clear()  # a caller changing its list changes nothing remembered
    s, e = spans[0]
    assert len(tokenize(text[s:e], offset=s)) == len(placed_tokens(text[s:e], s)) > 0
    # the analyses of a comparison share them: entities, numbers and framing cut nothing more
    version = type(version)("again", version.text)
    _ = version.tokens
    cut = cache_sizes()["placed_tokens"]
    from storydiff.entities import entity_profile
    from storydiff.framing import framing_profile
    from storydiff.numbers import number_mentions

    entity_profile(version), number_mentions(version), framing_profile(version)
    assert cache_sizes()["placed_tokens"] == cut
    assert (tokenize("Kyiv", offset=3)[0].start, tokenize("Kyiv")[0].start) == (3, 0)
