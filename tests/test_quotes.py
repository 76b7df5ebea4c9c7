"""Direct quotes and the quote ledger, on the bundled story and small cases."""

from __future__ import annotations

import difflib
import random
import warnings

import pandas as pd
import pytest
from storydiff.compare import compare
from storydiff.quotes import (
    QUOTE_STATUSES,
    _pairs_that_may_match,
    _places,
    find_quotes,
    quote_ledger,
)
from storydiff.story import Version
from storydiff.tokens import word_keys


@pytest.fixture(scope="module")
def ledger(example_story):
    return quote_ledger(compare(example_story["original"], example_story["rewrite"]))


def test_the_original_quotes_more_of_its_speakers_words(ledger):
    kinds = {
        side: q["kind"].tolist() for side, q in (("a", ledger.a_quotes), ("b", ledger.b_quotes))
    }
    assert summary_of(kinds["a"]) == {"full": 2, "partial": 2, "fragment": 4}
    assert summary_of(kinds["b"]) == {"full": 2, "partial": 1, "fragment": 5}
    summary = ledger.to_dict()
    assert summary["n_quotes"] == {k: len(v) - v.count("fragment") for k, v in kinds.items()}
    assert summary["n_partial"] == {k: v.count("partial") for k, v in kinds.items()}
    assert summary["n_fragments"] == {k: v.count("fragment") for k, v in kinds.items()}
    # "had to go through each point" runs on from "Putin said both sides": a partial quote
    assert kinds["a"][3] == "partial" and kinds["a"][4] == "full"


def summary_of(kinds: list[str]) -> dict[str, int]:
    return {kind: kinds.count(kind) for kind in ("full", "partial", "fragment")}


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


BASE = 'Officials met. "We will rebuild every school in the region by next spring," Smith said.'


# fmt: off
@pytest.mark.parametrize(
    ("b", "status", "b_quote", "misquote", "speaker_changed"),
    [
        (BASE.replace("will rebuild", "will not rebuild"), "reworded", "We will not rebuild every school in the region by next spring", True, False),
        (BASE.replace("in the region ", ""), "reworded", "We will rebuild every school by next spring", True, False),
        (BASE.replace("in the region", "..."), "trimmed", "We will rebuild every school ... by next spring", False, False),
        (BASE.replace(" in the region by next spring", ""), "trimmed", "We will rebuild every school", False, False),
        (BASE.replace("spring,", "spring or sooner,"), "extended", "We will rebuild every school in the region by next spring or sooner", True, False),
        ('Officials met. "We will rebuild every school," Smith said, "in the region by next spring."', "kept", "We will rebuild every school \u2026 in the region by next spring", False, False),
        ('Officials met. \u201cWe will rebuild every school,\u201d the mayor told reporters, \u201cin the region by next spring.\u201d', "kept", "We will rebuild every school \u2026 in the region by next spring", False, False),
        (BASE.replace("Smith said", "Jones said"), "kept", "We will rebuild every school in the region by next spring", False, True),
        (BASE.replace("Smith said", "he said"), "kept", "We will rebuild every school in the region by next spring", False, False),
    ],
    ids=["negation", "cut-from-middle", "cut-with-ellipsis", "cut-at-end", "extended", "interrupted", "interrupted-curly", "other-speaker", "pronoun"],
)
# fmt: on
def test_what_became_of_one_quote(b, status, b_quote, misquote, speaker_changed):
    (row,) = quote_ledger(compare(BASE, b)).rows.to_dict("records")
    assert (row["status"], row["b_quote"]) == (status, b_quote)
    assert (row["misquote"], row["speaker_changed"]) == (misquote, speaker_changed)


def test_an_interrupted_quote_is_followed_whole_either_way_and_its_parts_when_both_have_them():
    split = 'Officials met. "We will rebuild every school," Smith said, "in the region by next spring."'
    (row,) = quote_ledger(compare(split, BASE)).rows.to_dict("records")
    assert row["status"] == "kept" and row["a_quote"].count("\u2026") == 1
    assert row["a_sentences"] == row["b_sentences"] == (1,)
    rows = quote_ledger(compare(split, split)).rows
    assert rows["status"].tolist() == ["kept", "kept"]
    assert rows["a_quote"].tolist() == ["We will rebuild every school", "in the region by next spring"]
    two = '"We will rebuild." Smith said. "It will take years."'  # two quotes: a full stop between
    assert quote_ledger(compare(two, two)).rows["a_quote"].tolist() == ["We will rebuild", "It will take years"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The economy is in trouble," said Treasury Secretary Janet Yellen.', "Yellen"),
        ('"We go," said Mr. Smith.', "Smith"),
        ('"We go," said Mr. Smith. Jones stayed.', "Smith"),
        ('"We go," said Secretary of State Antony Blinken.', "Blinken"),
        ('"We go," said Smith, the mayor.', "Smith"),
        ('According to Smith, "we will rebuild every school."', "Smith"),
        ('"We go," said President Putin.', "Putin"),
        ('"We go," Putin said.', "Putin"),
        ('"We go," said the Prime Minister.', None),
    ],
)
def test_the_speaker_is_the_name_not_its_title(text, speaker):
    (found,) = find_quotes(Version("v", text))["speaker"].tolist()
    assert found == speaker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Smith said we will rebuild every school" in the region. Officials left.', []),
        ('He said "yes." Then "no" came.', ["yes", "no"]),
        ('It was a "win".', ["win"]),
        ('("We will," he said.)', ["We will"]),
    ],
)
def test_a_stray_straight_closing_mark_opens_no_quote(text, expected):
    assert find_quotes(Version("v", text))["quote"].tolist() == expected


def test_ledger_with_no_quotes_and_with_added_quotes():
    ledger = quote_ledger(compare("No quote here.", "Still no quote here."))
    assert ledger.rows.empty and ledger.counts().sum() == 0 and ledger.to_dict()["rows"] == []
    ledger = quote_ledger(compare("Officials met.", 'Officials met. "It went well," one said.'))
    assert ledger.rows["status"].tolist() == ["added"]


def test_quoted_words_kept_without_marks_are_paraphrased():
    a = 'The mayor said "the bridge will reopen next spring after repairs."'
    b = "The mayor said the bridge will reopen next spring after repairs."
    assert quote_ledger(compare(a, b)).rows["status"].tolist() == ["paraphrased"]


def _quote_heavy_pair(n: int, seed: int) -> tuple[str, str]:
    """Two versions of `n` paragraphs, each a quote of a few words from one small vocabulary
    (so that many quotes overlap) and a fragment; some rewritten, the order shuffled."""
    rng = random.Random(seed)
    vocabulary = (
        "we will not stop the fight for our town and its people until the end of this year "
        "when every family has a home a school a clinic and a job that pays"
    ).split()
    speakers = ["John Smith", "Maria Garcia", "the mayor", "he"]

    def paragraph(k: int) -> str:
        words = " ".join(rng.sample(vocabulary, rng.randint(2, 10)))
        fragment = rng.choice(["fell", "rose sharply", "held"])
        return f'"{words.capitalize()} {k}," {rng.choice(speakers)} said. Trade "{fragment}".'

    a = [paragraph(k) for k in range(n)]
    b = [text if rng.random() < 0.6 else paragraph(k) for k, text in enumerate(a)]
    rng.shuffle(b)
    return "\n\n".join(a), "\n\n".join(b)


@pytest.mark.parametrize("seed", range(3))
def test_the_pairs_searched_hold_every_candidate(seed):
    comparison = compare(*_quote_heavy_pair(120, seed))
    a_quotes, b_quotes = find_quotes(comparison.a), find_quotes(comparison.b)
    a_words = [word_keys(q) for q in a_quotes["quote"]]
    b_words = [word_keys(q) for q in b_quotes["quote"]]
    _, a_partners, b_sentences = _places(comparison, a_quotes, b_quotes)
    every_candidate = set()  # what the ledger looked for by matching every pair
    for i, words_a in enumerate(a_words):
        for j, words_b in enumerate(b_words):
            matched = sum(
                block.size
                for block in difflib.SequenceMatcher(
                    None, words_a, words_b, autojunk=False
                ).get_matching_blocks()
            )
            aligned = bool(a_partners[i] & b_sentences[j])
            if matched and matched / min(len(words_a), len(words_b)) >= (0.5 if aligned else 0.8):
                every_candidate.add((i, j, aligned))
    searched = set(_pairs_that_may_match(a_words, b_words, a_partners, b_sentences))
    assert every_candidate <= searched
    assert len(every_candidate) > 1_000  # the quotes do overlap (the fragments most)
    assert len(searched) < 1.05 * len(every_candidate)  # few pairs searched in vain
    assert len(searched) < 0.1 * len(a_words) * len(b_words)  # most pairs are never matched


def test_a_quote_belongs_to_every_sentence_it_overlaps_and_no_other():
    """Headings, a quote across two sentences, one across a paragraph's end: each quote's
    sentences are those whose span overlaps it, as a scan of the whole table finds them."""
    from storydiff.quotes import find_quotes

    text = (
        "# Strike talks\n\n"
        'The mayor said: "We will not give in. The city must stand firm." She left.\n\n'
        "## Reactions\n\n"
        '"It was a long night," a resident said. Another added "enough" and went home.\n\n'
        '"Talks resume Monday. Nothing is settled," the union said.'
    )
    version = Version("v", text, format="markdown")
    sentences = version.sentences
    quotes = find_quotes(version)
    assert len(quotes) == 4 and sentences["is_heading"].sum() == 2
    for quote in quotes.itertuples():
        scan = sentences[(sentences["end"] > quote.start) & (sentences["start"] < quote.end)]
        assert quote.sentences == tuple(int(i) for i in scan.index), quote.quote
    assert [len(q) for q in quotes["sentences"]] == [2, 1, 1, 2]


# fmt: off
@pytest.mark.parametrize(
    ("a", "b", "sources", "changed"),
    [
        ('Vladimir Putin met Donald Trump in Moscow. "We will see what happens next week," he said.',
         'Donald Trump met Vladimir Putin in Moscow. "We will see what happens next week," he said.',
         ("Vladimir Putin", "Donald Trump"), True),
        ('"We will see what happens next week," Vladimir Putin said.',
         '"We will see what happens next week," Putin said.',
         ("Vladimir Putin", "Vladimir Putin"), False),
        ('"He is that one, the best we have," said Bilbreys coach, Joe Zemaitis.',
         '"He is that one, the best we have," said Bilbrey\'s coach, Joe Zemaitis.',
         None, False),
        ('The FBI is probing the new "skyway" portion of the Bay Bridge by Yerba Buena Island.',
         'The FBI is probing the new "skyway" portion of the Bay Bridge.', None, False),
    ],
    ids=["he-resolved-to-another", "fuller-name", "possessive-spelling", "scare-quote"],
)
# fmt: on
def test_speaker_changed_reads_the_entities_and_the_speaker_words(a, b, sources, changed):
    """Found by an audit of 82 quote rows of Wikinews revisions: a false "check speaker" came
    from a possessive spelt two ways, and from scare quotes given the nearest name."""
    (row,) = quote_ledger(compare(a, b)).rows.to_dict("records")
    if sources is not None:
        assert (row["a_source"], row["b_source"]) == sources
    assert row["speaker_changed"] is changed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Он сказал: «Мы продолжим переговоры». Затем ушёл.", ["Мы продолжим переговоры"]),
        ("Er sagte: \u201eWir werden sehen.\u201c Dann ging er.", ["Wir werden sehen"]),
        ("彼は「明日行く」と言った。", ["明日行く"]),
        ("Il a dit : « nous verrons ». Puis il est parti.", ["nous verrons"]),
        ("«Он назвал это \u201eпобедой\u201c на словах», сказал он.", ["Он назвал это \u201eпобедой\u201c на словах"]),
    ],
    ids=["guillemets", "german", "corner-brackets", "french-spaced", "quote-within-guillemets"],
)
def test_the_quote_marks_of_other_languages(text, expected):
    """A Russian quote reworded between versions gave no quote ledger at all."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (the Japanese sentence's note on word spaces)
        quotes = find_quotes(Version("v", text))
    assert quotes["quote"].tolist() == expected


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ('"Staff are exhausted," Obi said.', ["full"]),
        ('Obi said: "Not now." Then he left.', ["full"]),
        ('Obi said, "We are tired." Then he left.', ["full"]),
        ('He called the plan "premature" and left.', ["fragment"]),
        ('He called the plan "premature."', ["fragment"]),
        ('"Premature" is how he described the plan.', ["fragment"]),
        ('Mr. Brown said that his party "will offer new entitlements to carers." He left.',
         ["partial"]),
        ('She won the "Outstanding Lead Actor in a Comedy Series" award.', ["fragment"]),
        ("He said Moscow can discuss some provisions, but \u201cothers we can\u2019t agree to.\u201d",
         ["partial"]),
        ('"We will rebuild," Smith said, "every school in the town."', ["full", "full"]),
        ('According to the ruling, "all that needed to be proved is that it was hidden."',
         ["partial"]),
        ('Chan said of the animals he worked with, "They are tame. We will find them homes."',
         ["full"]),
        ('Hotz states at the auction site "Soon you will be able to buy them everywhere."',
         ["full"]),
        ('Chan said of the animals, whom he described as his "band of friends", "They are so '
         'tame."', ["fragment", "full"]),
        ('Eugenia, a witness said, "who has told you that they came in 3 minutes?"', ["full"]),
        ('Sluiter remarked that the results of the game supported his decision to retire, '
         '"Today it was clear: I have to play at my best."', ["full"]),
    ],
    ids=["before-attribution", "after-colon", "after-comma", "inside", "us-stop", "opening-word",
         "partial", "title", "after-a-clause-comma", "interrupted", "after-according-to",
         "verb-far-before", "verb-and-place", "after-another-quote", "said-comma-lower-case",
         "verb-a-clause-before"],
)  # fmt: skip
def test_how_far_a_quote_stands_apart_sets_its_kind(text, kinds):
    assert find_quotes(Version("v", text))["kind"].tolist() == kinds
    assert quote_ledger(compare(text, text)).rows["kind"].tolist() == kinds


def test_a_short_quote_given_to_another_speaker_is_flagged():
    a = (
        "Hospital director Karl Obi spoke on Monday. Health Minister Ana Ruiz visited. "
        '"Staff are exhausted," Obi said.'
    )
    (row,) = quote_ledger(compare(a, a.replace("Obi said", "Ruiz said"))).rows.to_dict("records")
    assert (row["status"], row["kind"]) == ("kept", "full")
    assert (row["a_source"], row["b_source"], row["speaker_changed"]) == (
        "Karl Obi",
        "Ana Ruiz",
        True,
    )


def test_dropped_and_added_quotes_name_their_sources():
    a = 'Governor Elena Morvek visited. "The water is still rising fast," Morvek said. Shops shut.'
    b = (
        "Governor Elena Morvek visited. Shops shut. Shopkeeper Ivo Brandt lost his store. "
        '"I have lost everything," he said.'
    )
    rows = quote_ledger(compare(a, b)).rows.set_index("status")
    assert rows.loc["dropped", "a_source"] == "Elena Morvek"
    assert "Ivo Brandt" in rows.loc["added", "b_source"]


def test_ledgers_have_the_same_column_types_whatever_their_rows():
    with_quotes = quote_ledger(compare('"We will rebuild," Smith said.', "Smith spoke.")).rows
    without = quote_ledger(compare("No quotes here.", "None at all.")).rows
    assert without.empty and with_quotes.dtypes.equals(without.dtypes)
    stacked = pd.concat([without, with_quotes])
    assert stacked.dtypes.equals(with_quotes.dtypes)
    assert stacked["speaker_changed"].tolist() == [False]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We will build it," Trevor Mallard, Minister for the Rugby World Cup, said.', "Mallard"),
        ('"No," the Mayor, Anna Kovalenko, said.', "Kovalenko"),
        ('Putin, who was in Moscow on Tuesday, said: "No."', "Putin"),
        ('"No," Smith, 45, said.', "Smith"),
        ('"No," said Smith, a teacher.', "Smith"),
        ('Meanwhile, a spokesman defended the game, telling reporters "it is not real at all."', None),
        ('Smith, who lives in Boston, was held, telling police "I did nothing wrong at all."', None),
    ],
    ids=["title-in-apposition", "title-before-name", "relative-clause", "age", "after-the-verb",
         "participle-after-a-clause", "participle-after-a-place"],
)
def test_the_speaker_is_the_name_before_an_apposition(text, speaker):
    """From the audit of Wikinews quotes: "Trevor Mallard, Minister for the Rugby World Cup,
    said" gave the speaker "Cup"."""
    assert find_quotes(Version("v", text))["speaker"].tolist() == [speaker]


@pytest.mark.parametrize(
    ("text", "verb", "speaker", "source"),
    [
        ('Ann Lee, a spokeswoman, said the inquiry goes on. "It is still going on."',
         "said", "Lee", "Ann Lee"),
        ('Ann Lee said the inquiry goes on.\n\n"It is still going on."', "said", "Lee", "Ann Lee"),
        ('Diane Abbott: "Post offices are central spaces within a community."',
         None, "Abbott", "Diane Abbott"),
        ('Despite saying this, he would not rule out a strike. "Why will they not talk to us?"',
         None, None, None),
        ('Premier Ivo Kostic spoke. He also reaffirmed his stance: "There is no room for them."',
         "reaffirmed", "He", "Ivo Kostic"),
        ('Simon Adkin spoke today. He then said that "the lorry was travelling north."',
         "said", "He", "Simon Adkin"),
        ('Diane Abbott voted for the bill. She told Wikinews: "Post offices are central spaces."',
         "told", "She", "Diane Abbott"),
        ('Health Minister Reba Meagher said use is falling. She also claimed it was common. '
         '"Cannabis is readily available here," she said.', "said", "she", "Reba Meagher"),
        ('A United States Department of Justice address was blocked for "vandalism" today.',
         None, None, None),
        ('The Coptic Church met, and the President stated: "Egypt is in a fierce battle."',
         "stated", "President", "President"),
        ('Critics called Smith "a liar and a cheat" after the vote.', "called", "Critics",
         "Critics"),
        ('The driver, Mere Wall, was abused by Ivo Brown, who allegedly called Wall a "Liar."',
         "called", "Brown", "Ivo Brown"),
        ('"It may have little to do with it," writes Indian blogger Neha Viswanathan. "The '
         'protest has hardly found a voice."', "writes", "Indian", "Neha Viswanathan"),
        ('Diane Abbott voted no. She told Wikinews she was worried. She also claimed they were '
         'vital. She added: "Post offices matter to the elderly."', "added", "She",
         "Diane Abbott"),
    ],
    ids=["own-sentence-after-speaker", "own-paragraph-after-speaker", "caption",
         "no-speaker-to-take", "reaffirmed",
         "adverb-before-verb", "she-told-a-name", "she-two-sentences-on", "name-word-not-verb",
         "title-not-first-name", "called-object", "called-object-named", "title-role-name",
         "she-not-who-she-told"],
)  # fmt: skip
def test_speakers_found_by_the_audit_of_wikinews_quotes(text, verb, speaker, source):
    """Attributions a hand audit of the quotes of 40 Wikinews revisions found missed or wrong."""
    row = quote_ledger(compare(text, text)).rows.iloc[0]
    found = [row["a_verb"], row["a_speaker"], row["a_source"]]
    assert [None if pd.isna(x) else x for x in found] == [verb, speaker, source]


def test_a_bracket_closed_inside_a_quote_stays_in_it():
    text = 'Wall said: "I have written to TV3 [about the letter]." Lee said: "We met (twice)".'
    assert find_quotes(Version("v", text))["quote"].tolist() == [
        "I have written to TV3 [about the letter]",
        "We met (twice)",
    ]


def test_a_partial_quote_given_to_another_speaker_is_flagged():
    a = "Ann Lee and Ivo Kostic spoke. Lee said the plan would \"cost far more than anyone says\"."
    (row,) = quote_ledger(compare(a, a.replace("Lee said", "Kostic said"))).rows.to_dict("records")
    assert (row["kind"], row["speaker_changed"]) == ("partial", True)


def test_a_quote_left_open_ends_with_its_sentence_when_another_opens():
    text = (
        'Brown said his party "will offer new help to carers. He spoke for an hour. '
        'Brown claimed his party has "already cut crime by 32%." He left.'
    )
    quotes = find_quotes(Version("v", text))
    assert quotes[["quote", "balanced"]].values.tolist() == [
        ["will offer new help to carers", False],
        ["already cut crime by 32%", True],
    ]


def test_an_editors_words_in_brackets_are_not_the_speakers():
    a = 'Lee said: "This is a media operation [...] aimed at the firms." Shares fell.'
    b = 'Lee said: "This is a media operation [... with a] aim at the firms." Shares fell.'
    rows = quote_ledger(compare(a, a.replace("[...]", "[... with an]"))).rows
    assert rows[["status", "misquote"]].values.tolist() == [["kept", False]]
    rows = quote_ledger(compare(a, b)).rows  # "aimed" became "aim": the speaker's words changed
    assert rows[["status", "misquote"]].values.tolist() == [["reworded", True]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Lee said: "It is late. We must go. Kim said "no." Talks went on.',
         [["It is late. We must go", False], ["no", True]]),
        ('A witness said: "I saw it. Someone shouted "run" and we ran. It was awful." Police came.',
         [['I saw it. Someone shouted "run" and we ran. It was awful', True]]),
    ],
    ids=["full-quote-left-open", "quote-within-a-quote"],
)  # fmt: skip
def test_where_a_straight_quote_left_open_or_holding_another_ends(text, expected):
    quotes = find_quotes(Version("v", text))
    assert quotes[["quote", "balanced"]].values.tolist() == expected
