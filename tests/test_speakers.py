"""Who is quoted and who is cited: the seed pair's speakers and sources, hand-written cases and
degenerate input."""

from __future__ import annotations

import pytest
from storydiff.entities import entity_profile, find_entities
from storydiff.quotes import find_quotes
from storydiff.speakers import SOURCE_COLUMNS, entity_sources
from storydiff.story import Version


def sources(text: str):
    version = Version("v", text)
    return entity_sources(version, find_entities(version))


@pytest.mark.parametrize(
    ("side", "speakers"),
    [
        # find_quotes gives "Putin" for two quotes, "he" (sentence 8), "it" (sentence 9) and no
        # speaker for the participle clauses ("noting", "adding"): all are Putin's but the "he"
        # one, which is Trump's (the subject of the sentence before)
        ("original", {"Putin": 7, "Donald Trump": 1}),
        # "He characterized ..." follows "Tass quoted Putin ..."; Xi "stated that 'China ...'"
        ("rewrite", {"Vladimir Putin": 7, "Xi Jinping": 1}),
    ],
)
def test_seed_who_is_quoted(example_story, side, speakers):
    version = example_story[side]
    quotes = find_quotes(version)
    profile = entity_profile(version)
    quoted = profile.to_frame()["quoted"]
    assert quoted[quoted > 0].to_dict() == speakers
    assert quoted.sum() == len(quotes)  # every quote of the seed gets a speaker
    direct = set(quotes["speaker"].dropna()) - {"he", "He", "it"}
    assert direct <= {"Putin"}


@pytest.mark.parametrize(
    ("side", "sources"),
    [
        (
            "original",
            {
                "Oleksandr Vilkul",
                "Oleksandr Prokudin",
                "Oleh Kiper",
                "Vladimir Saldo",
                "UNB",
                "Tass",
            },
        ),
        (
            "rewrite",
            {"Oleksandr Vilkul", "Oleksandr Prokudin", "Oleh Kiper", "Vladimir Saldo", "Tass"},
        ),
    ],
)
def test_seed_unquoted_attributions(example_story, side, sources):
    frame = entity_profile(example_story[side]).to_frame()
    attributed = set(frame.index[frame["attributed"] > 0])
    assert sources <= attributed
    # "according to a senior Trump administration official" is not Trump speaking
    assert frame.loc["Donald Trump", "attributed"] == 1


def test_quote_speakers_by_pronoun_and_participle():
    text = (
        'Russian President Vladimir Putin declined to give details, saying it was "premature." '
        "Zelensky met Macron in Paris. "
        '"We will not give up our land," he said.'
    )
    profile = entity_profile(Version("v", text))
    sources = profile.sources
    assert sources[sources["kind"] == "quote"]["entity"].tolist() == ["Vladimir Putin", "Zelensky"]
    assert profile.to_frame().loc["Macron", "quoted"] == 0


def test_attribution_before_and_after_the_verb():
    text = (
        "The plant was hit, Vilkul said. Two died, according to Tass. "
        "The army retreated, reports UNB. Witkoff and Kushner reported progress."
    )
    frame = entity_profile(Version("v", text)).to_frame()
    assert frame["attributed"].to_dict() == {
        "Vilkul": 1, "Tass": 1, "UNB": 1, "Witkoff": 1, "Kushner": 1,
    }  # fmt: skip
    assert (frame["quoted"] == 0).all()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "it" after a participle: the first person named in the sentence
        (
            'Prime Minister Keir Starmer left early, saying it was "a good day."',
            [("Keir Starmer", "quote")],
        ),
        # "they", "we", "I" are left unresolved
        ('"We will see," they said.', []),
        ('"We will see," I said.', []),
        # no speaker, no verb: no source
        ('The sign read "Closed." Kyiv was quiet.', []),
        # a name after "said"
        ('"It is over," said Gen. Valery Zaluzhny.', [("Valery Zaluzhny", "quote")]),
        # a determiner after "according to": the name is a modifier, not the source
        ("Two died, according to a senior Kremlin official.", []),
        ("Two died, according to the Kremlin.", [("Kremlin", "attribution")]),
        # "he said" without quote marks: the subject of the sentence before
        (
            "Oleh Kiper visited Odesa. The damage was severe, he said.",
            [("Oleh Kiper", "attribution")],
        ),
        # a capitalised word of a name is not a verb of saying ("United States")
        ("Ann Lee works for the United States Department of Justice.", []),
        # a verb of saying inside quote marks is not an attribution
        ('Putin spoke. "Nobody said it would be easy."', []),
        # one attribution per entity and sentence; not where the entity is quoted
        ('Vilkul said two died and Vilkul added that "help is coming."', [("Vilkul", "quote")]),
    ],
)
def test_small_cases(text, expected):
    found = sources(text)
    assert list(found.columns) == SOURCE_COLUMNS
    assert list(zip(found["entity"], found["kind"], strict=True)) == expected


@pytest.mark.parametrize(
    "text",
    ["Hello", "...", '"', '"We will see', "The cat sat on the mat.", "PUTIN SAYS NO"],
    ids=[
        "one-word",
        "punctuation",
        "lone-quote-mark",
        "unbalanced-quote",
        "no-entities",
        "all-caps",
    ],
)
def test_degenerate_input(text):
    found = sources(text)
    assert list(found.columns) == SOURCE_COLUMNS and found.empty
    assert found["sentence"].dtype == "int64"


@pytest.mark.parametrize("seed", range(20))
def test_a_position_is_in_the_quote_spans_as_a_search_of_every_span_says(seed):
    import random

    from storydiff.speakers import _Spans

    rng = random.Random(seed)
    spans = [
        (s, s + rng.randint(0, 30))
        for s in (rng.randint(0, 300) for _ in range(rng.randint(0, 25)))
    ]
    inside = _Spans(spans)
    for position in range(-2, 340):
        assert (position in inside) == any(s <= position < e for s, e in spans)
