"""The number and fact ledger: reading numbers, and pairing them across versions."""

import json
import random
import subprocess
import sys

import pandas as pd
import pytest
from storydiff.compare import compare
from storydiff.errors import ParameterError, StorydiffError
from storydiff.numbers import (
    KINDS,
    STATUSES,
    NumberLedger,
    find_numbers,
    number_ledger,
    number_mentions,
)
from storydiff.story import Version
from storydiff.structure import segment

# --- reading numbers ----------------------------------------------------------------------


# fmt: off
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (text as written, value, kind, qualifier, noun)
        ("It cost $1.5 billion.", [("$1.5 billion", 1.5e9, "money", None, None)]),
        ("Turnout was 3.5%.", [("3.5%", 3.5, "percent", None, None)]),
        ("Turnout rose 3.5 percent.", [("3.5 percent", 3.5, "percent", None, None)]),
        ("It serves 40,000 residents.", [("40,000", 40000, "count", None, "residents")]),
        ("Two hundred people came.", [("Two hundred", 200, "count", None, "people")]),
        ("Four million people, 4 million more.", [("Four million", 4e6, "count", None, "people"), ("4 million", 4e6, "count", None, None)]),
        ("A dozen people came.", [("A dozen", 12, "count", None, "people")]),
        ("Two dozen eggs.", [("Two dozen", 24, "count", None, "eggs")]),
        ("Half a million people fled.", [("Half a million", 5e5, "count", None, "people")]),
        ("Twenty-five people.", [("Twenty-five", 25, "count", None, "people")]),
        ("One hundred and twenty people came.", [("One hundred and twenty", 120, "count", None, "people")]),
        ("Two thousand and five cars, one hundred and twenty-five men.", [("Two thousand and five", 2005, "count", None, "cars"), ("one hundred and twenty-five", 125, "count", None, "men")]),
        ("Between one hundred and two hundred men.", [("one hundred", 100, "count", None, None), ("two hundred", 200, "count", None, "men")]),
        ("One thousand and two thousand cars.", [("One thousand", 1000, "count", None, None), ("two thousand", 2000, "count", None, "cars")]),
        ("Temperatures fell to -5 degrees.", [("-5", -5, "count", None, "degrees")]),
        ("He batted .590 this year.", [(".590", 0.59, "count", None, None)]),
        ("Sasha Petrova, 24, was hurt.", [("24", 24, "age", None, None)]),
        ("On May 24, 2025, it rained.", [("May 24", 24, "date", None, None), ("2025", 2025, "year", None, None)]),
        ("It fell to \u22123.2 degrees, and -$3 billion.", [("\u22123.2", -3.2, "count", None, "degrees"), ("-$3 billion", -3e9, "money", None, None)]),
        ("Growth was -0.5% and more than -2 percent.", [("-0.5%", -0.5, "percent", None, None), ("more than -2 percent", -2, "percent", "more than", None)]),
        ("Results of 2 -3 and 5-7 and 4 - 1.", [("2", 2, "count", None, None), ("3", 3, "count", None, None), ("5-7", 5, "count", None, None), ("4", 4, "count", None, None), ("1", 1, "count", None, None)]),
        ("It hit over 40 residential buildings.", [("over 40", 40, "count", "over", "buildings")]),
        ("More than 40,000 residents.", [("More than 40,000", 40000, "count", "more than", "residents")]),
        ("It began nearly four years ago.", [("nearly four", 4, "duration", "nearly", "years")]),
        ("Some 300 soldiers and some officers.", [("Some 300", 300, "count", "some", "soldiers")]),
        ("It damaged dozens of homes.", [("dozens", 24, "count", None, "homes")]),
        ("Hundreds of thousands fled.", [("Hundreds of thousands", 2e5, "count", None, "fled")]),
        ("It lasted several days.", [("several", 3, "duration", None, "days")]),
        ("A few officials left.", [("A few", 2, "count", None, "officials")]),
        ("Russia launched two ballistic missiles and 138 drones.", [("two", 2, "count", None, "missiles"), ("138", 138, "count", None, "drones")]),
        ("A 3-year-old girl was hurt.", [("3-year-old", 3, "age", None, "girl")]),
        ("A six-month-old boy was hurt.", [("six-month-old", 6, "age", None, "boy")]),
        ("A man aged 68 died.", [("68", 68, "age", None, "man")]),
        ("A woman, 68 years old, died.", [("68 years old", 68, "age", None, None)]),
        ("His five-hour talks ended.", [("five-hour", 5, "duration", None, "talks")]),
        ("The 20-point plan.", [("20-point", 20, "count", None, "plan")]),
        ("Up to 10-15 people.", [("Up to 10-15", 10, "count", "up to", "people")]),
        ("He paid 500 euros.", [("500 euros", 500, "money", None, None)]),
        ("In 2025 the war went on.", [("2025", 2025, "year", None, None)]),
        ("The 1990s were calm.", [("1990s", 1990, "year", None, None)]),
        ("It began at 01:00 local time.", [("01:00", 1, "time", None, None)]),
        ("It began at 3 p.m. on Dec. 4, 2025.", [("3 p.m.", 15, "time", None, None), ("Dec. 4", 4, "date", None, None), ("2025", 2025, "year", None, None)]),
        ("On 4 December talks began.", [("4 December", 4, "date", None, None)]),
        ("The first round was won.", [("first", 1, "ordinal", None, "round")]),
        ("He was the 21st victim.", [("21st", 21, "ordinal", None, "victim")]),
        ("One drone fell.", [("One", 1, "count", None, "drone")]),
        ("One of the drones fell.", []),
        ("No one was hurt.", []),
        ("A one-sided deal.", []),
        ("The F-16 jets, 5G masts and COVID-19 cases.", []),
        ("Putin met Trump's envoys on Tuesday.", []),
    ],
)
# fmt: on
def test_reading_numbers(text, expected):
    mentions = number_mentions(text)
    found = [(m.text, m.value, m.kind, m.qualifier, m.noun) for m in mentions]
    assert found == [(t, float(v), k, q, n) for t, v, k, q, n in expected]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.phrase.startswith(mention.text)


@pytest.mark.parametrize(
    ("text", "low", "high", "vague", "approximate"),
    [
        ("six dogs", 6, 6, False, False),
        ("over 40 homes", 40, None, False, True),
        ("at least 12 people", 12, None, False, True),
        ("nearly four years", 3.2, 4, False, True),
        ("about 1,200 people", 1080, 1320, False, True),
        ("up to 30 people", 0, 30, False, True),
        ("dozens of homes", 24, 199, True, True),
        ("hundreds of people", 200, 1999, True, True),
        ("several days", 3, 9, True, True),
        ("10-15 people", 10, 15, False, True),
        ("-5 degrees", -5, -5, False, False),
        ("more than -5 degrees", -5, None, False, True),
        ("less than -5 degrees", None, -5, False, True),
        ("about -10 percent", -11, -9, False, True),
    ],
)
def test_ranges(text, low, high, vague, approximate):
    (mention,) = number_mentions(text)
    assert mention.low == (None if low is None else pytest.approx(low))
    assert mention.high == (None if high is None else pytest.approx(high))
    assert (mention.vague, mention.approximate) == (vague, approximate)


def test_context_and_entity():
    text = "A missile strike in Kryvyi Rih on Wednesday injured six people, officials said."
    (mention,) = number_mentions(text)
    assert (mention.context, mention.entity) == ("injured", "Kryvyi Rih")
    (mention,) = number_mentions("In Kherson, two men were killed.")
    assert (mention.context, mention.entity) == ("killed", "Kherson")
    (mention,) = number_mentions("The strike resulted in six injuries.")
    assert mention.context == "resulted" and mention.entity is None


@pytest.mark.parametrize(
    ("source", "n_mentions"),
    [
        (segment("").sentences, 0),  # no sentences at all
        ("No numbers here.", 0),  # a single sentence without numbers
        ("Nothing. Still nothing, and no figures at all.", 0),  # several sentences, no numbers
        ("Six people died.", 1),  # a single sentence
        ("Ongoing Conflict\nSix people died. Two were hurt.", 2),
    ],
    ids=["empty", "single-no-numbers", "no-numbers", "single", "with-heading"],
)
def test_degenerate_inputs(source, n_mentions):
    frame = find_numbers(source)
    assert len(frame) == n_mentions
    assert frame.index.name == "mention"
    assert {"sentence", "text", "start", "end", "value", "kind", "noun", "entity"} <= set(frame)


def test_sentence_table_input_keeps_document_offsets():
    text = "Nothing here. Then 138 drones came."
    sentences = segment(text).sentences
    from_table = find_numbers(sentences)
    assert from_table.equals(find_numbers(text))
    row = from_table.iloc[0]
    assert text[row.start : row.end] == "138" and row.sentence == 1


@pytest.mark.parametrize(
    ("source", "error"),
    [(42, ParameterError), (pd.DataFrame({"start": [0]}), ParameterError)],
    ids=["not-a-text", "table-without-text"],
)
def test_bad_input_is_a_clear_error(source, error):
    with pytest.raises(error) as raised:
        find_numbers(source)
    assert isinstance(raised.value, StorydiffError)


# --- the bundled story --------------------------------------------------------------------

ORIGINAL = [  # (text, value, kind, noun), read by hand from data/stories/putin-peace-plan
    ("nearly four", 4, "duration", "years"),
    ("five-hour", 5, "duration", "talks"),
    ("six", 6, "count", "people"),
    ("3-year-old", 3, "age", "girl"),
    ("dozens", 24, "count", "homes"),
    ("6-year-old", 6, "age", "girl"),
    ("more than 40,000", 40000, "count", "residents"),
    ("six", 6, "count", "people"),
    ("two", 2, "count", "missiles"),
    ("138", 138, "count", "drones"),
    ("two", 2, "count", "men"),
    ("68-year-old", 68, "age", "woman"),
]
REWRITE = [
    ("five-hour", 5, "duration", "discussions"),
    ("six", 6, "count", "injuries"),
    ("3-year-old", 3, "age", "girl"),
    ("over 40", 40, "count", "buildings"),
    ("6-year-old", 6, "age", "girl"),
    ("over 40,000", 40000, "count", "residents"),
    ("several", 3, "duration", "days"),
    ("six", 6, "count", "injuries"),
    ("two", 2, "count", "missiles"),
    ("138", 138, "count", "drones"),
    ("two", 2, "count", "men"),
    ("68-year-old", 68, "age", "woman"),
]


@pytest.mark.parametrize(("version_id", "expected"), [("original", ORIGINAL), ("rewrite", REWRITE)])
def test_numbers_of_the_bundled_story(example_story, version_id, expected):
    version = example_story[version_id]
    frame = find_numbers(version)
    found = list(zip(frame["text"], frame["value"], frame["kind"], frame["noun"], strict=True))
    assert found == [(t, float(v), k, n) for t, v, k, n in expected]
    for row in frame.itertuples():
        assert version.text[row.start : row.end] == row.text
        assert row.text in version.sentences.at[row.sentence, "text"]


LEDGER = [  # (status, a phrase, b phrase), in reading order of the rewrite
    ("only_a", "nearly four years", None),
    ("same", "five-hour talks", "five-hour discussions"),
    ("same", "six people", "six injuries"),  # Kryvyi Rih: "injured six people"
    ("same", "3-year-old girl", "3-year-old girl"),
    ("changed", "dozens of homes", "over 40 residential buildings"),
    ("same", "6-year-old girl", "6-year-old girl"),
    ("same", "more than 40,000 residents", "over 40,000 residents"),
    ("only_b", None, "several days"),
    ("same", "six people", "six injuries"),  # Odesa: "wounded six people"
    ("same", "two ballistic missiles", "two ballistic missiles"),
    ("same", "138 drones", "138 drones"),
    ("same", "two men", "two men"),
    ("same", "68-year-old woman", "68-year-old woman"),
]


@pytest.fixture(scope="module")
def story_ledger(example_story) -> NumberLedger:
    return number_ledger(compare(example_story["original"], example_story["rewrite"]))


def test_ledger_of_the_bundled_story(story_ledger, example_story):
    assert [
        (row.status, row.a.phrase if row.a else None, row.b.phrase if row.b else None)
        for row in story_ledger.rows
    ] == LEDGER
    original, rewrite = example_story["original"], example_story["rewrite"]
    for row in story_ledger.rows:
        assert row.group is not None  # every pair was made within an aligned group
        if row.a is not None:
            assert original.text[row.a.start : row.a.end] == row.a.text
            assert row.a.phrase in original.sentences.at[row.a.sentence, "text"]
        if row.b is not None:
            assert rewrite.text[row.b.start : row.b.end] == row.b.text
            assert row.b.phrase in rewrite.sentences.at[row.b.sentence, "text"]
    frame = story_ledger.to_frame()
    assert frame["status"].tolist() == [status for status, _, _ in LEDGER]
    assert story_ledger.counts().to_dict() == {"same": 10, "changed": 1, "only_a": 1, "only_b": 1}


def test_dozens_of_homes_is_flagged_honestly(story_ledger):
    (row,) = story_ledger.changed().itertuples()
    assert (row.a_text, row.b_text) == ("dozens of homes", "over 40 residential buildings")
    assert "vague 'dozens'" in row.detail and "more specific 'over 40'" in row.detail
    assert "both can be true" in row.detail and row.consistent


def test_reworded_qualifier_and_injuries_stay_the_same(story_ledger):
    same = story_ledger.same()
    residents = same[same["a_text"] == "more than 40,000 residents"].iloc[0]
    assert "same meaning" in residents["detail"]
    injuries = same[same["b_text"] == "six injuries"]
    assert list(injuries["noun_a"]) == ["people", "people"]


def test_only_in_each_version(story_ledger, example_story):
    assert list(story_ledger.only_in("a")["a_text"]) == ["nearly four years"]
    assert list(story_ledger.only_in("rewrite")["b_text"]) == ["several days"]
    with pytest.raises(ParameterError):
        story_ledger.only_in("c")


def test_ledger_to_dict_is_json_ready(story_ledger):
    data = json.loads(json.dumps(story_ledger.to_dict()))
    assert data["a"] == "original" and data["b"] == "rewrite"
    assert data["counts"]["same"] == 10 and len(data["rows"]) == 13
    assert data["rows"][0]["a"]["text"] == "nearly four"


# --- ledger rules on small cases ----------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "counts"),
    [
        ("No numbers here.", "None here either.", {}),  # no numbers on either side
        ("Six people died.", "Six people died.", {"same": 1}),  # one identical sentence
        ("Six people died.", "Nobody died.", {"only_a": 1}),
        ("Nobody died.", "Six people died.", {"only_b": 1}),
        ("Six people died.", "Seven people died.", {"changed": 1}),
        ("The mayor resigned. Nothing more.", "The mayor resigned.", {}),
    ],
    ids=["no-numbers", "single-same", "only-a", "only-b", "single-changed", "no-numbers-deleted"],
)
def test_degenerate_ledgers(a, b, counts):
    ledger = number_ledger(compare(a, b))
    expected = dict.fromkeys(STATUSES, 0) | counts
    assert ledger.counts().to_dict() == expected
    frame = ledger.to_frame()
    assert len(frame) == sum(counts.values())
    assert list(frame.columns[:12]) == [
        "status", "a_text", "b_text", "a_value", "b_value", "noun_a", "noun_b", "kind",
        "a_sentence", "b_sentence", "group", "detail",
    ]  # fmt: skip


# fmt: off
@pytest.mark.parametrize(
    ("a", "b", "status", "detail", "consistent"),
    [
        ("Six people were killed in the strike.", "Seven people were killed in the strike.", "changed", "the versions disagree", False),
        ("The war began nearly four years ago.", "The war began four years ago.", "changed", "qualifier 'nearly' dropped", True),
        ("Over 40 homes burned.", "More than 40 homes burned.", "same", "same meaning", True),
        ("Dozens of people were killed.", "Hundreds of people were killed.", "changed", "the versions disagree", False),
        ("Six people were injured.", "Dozens of people were injured.", "changed", "became the vaguer", False),
        ("The war began in 2022 in the east.", "The war began in 2021 in the east.", "changed", "'2022' (exactly 2022)", False),
        ("Turnout was 3.5% in the city.", "Turnout was 4% in the city.", "changed", "the versions disagree", False),
        ("More than 50 people were arrested.", "Fewer than 50 people were arrested.", "changed", "'more than' became 'fewer than'; the versions disagree", False),
        ("Less than 50 people came.", "At least 50 people came.", "changed", "the versions disagree", False),
        ("Up to 30 people came.", "Over 30 people came.", "changed", "the versions disagree", False),
        ("Nearly 100 people came.", "More than 100 people came.", "changed", "the versions disagree", False),
        ("At least 50 people came.", "Up to 50 people came.", "changed", "both can be true", True),
        ("At least 12 people died.", "At least 15 people died.", "changed", "'At least 12' (12 or more) became 'At least 15' (15 or more)", True),
        ("Fewer than 20 people died.", "Up to 20 people died.", "changed", "both can be true", True),
        ("It fell to -5 degrees.", "It fell to -7 degrees.", "changed", "'-5' (exactly -5) became '-7' (exactly -7)", False),
        ("It fell to -5 degrees.", "It fell to 5 degrees.", "changed", "the versions disagree", False),
        ("One hundred and twenty people came.", "120 people came.", "same", "", True),
        ("About 1.5 million fled.", "About 1.6 million fled.", "changed", "(between 1,350,000 and 1,650,000) became", True),
        ("The driver was a 23-year-old man.", "The driver was a 23-year old man.", "same", "", True),
        ("The bridges are 43 years old on average.", "The bridges are 43 years on average.", "same", "", True),
        ("The artist, John Browne, 26, died.", "The artist, Terry Smith, 14, died.", "changed", "'26' (exactly 26) became '14' (exactly 14); the versions disagree", False),
        ("Sendek went 170-118 at the club.", "Sendek went 170-118 at his club.", "same", "", True),
    ],
    ids=[
        "contradiction", "qualifier-dropped", "qualifier-reworded", "vague-ladder", "became-vague",
        "year", "percent", "more-fewer", "less-at-least", "up-to-over", "nearly-more", "at-least-up-to",
        "at-least-reading", "fewer-up-to", "negative", "sign-lost", "words-and", "no-stray-stop",
        "hyphen-or-not", "years-old-or-years", "bare-age", "scoreline",
    ],
)
# fmt: on
def test_pair_status_and_detail(a, b, status, detail, consistent):
    (row,) = number_ledger(compare(a, b)).rows
    assert row.status == status
    assert detail in row.detail
    assert row.consistent is consistent


def test_unrelated_numbers_in_one_sentence_are_not_paired():
    ledger = number_ledger(compare("Two drones hit the port.", "Two soldiers hit the port."))
    assert ledger.counts()[["only_a", "only_b"]].tolist() == [1, 1]
    assert "dropped from" in ledger.rows[0].detail


def test_numbers_match_across_the_document_when_sentences_are_not_aligned():
    a = "The strike killed two men near the port. The mayor resigned on the same day."
    b = "The mayor resigned on the same day. Weather was cold. Officials confirmed that two men died."
    (row,) = number_ledger(compare(a, b)).rows
    assert row.status == "same" and row.group is None
    assert row.detail.startswith("matched outside the aligned sentences")


def test_ordinals_are_left_out_unless_asked_for():
    comparison = compare("He came first in the race.", "He came first in the race.")
    assert number_ledger(comparison).rows == ()
    (row,) = number_ledger(comparison, kinds=KINDS).rows
    assert (row.status, row.a.kind) == ("same", "ordinal")
    with pytest.raises(ParameterError, match="valid kinds"):
        number_ledger(comparison, kinds=["counts"])


def test_versions_are_accepted_directly():
    version = Version("v", "It lasted five hours.")
    assert find_numbers(version).iloc[0]["unit"] == "hour"


def test_importing_the_module_stays_light():
    code = "import sys, storydiff.numbers; print([m for m in ('nltk', 'sklearn') if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def _results_table(rows: int, changes: int, seed: int) -> tuple[list[str], list[str], list[int]]:
    """Rows of an election results table, and the same rows with `changes` vote counts
    changed: the two lists of rows and the changed rows' numbers."""
    rng = random.Random(seed)
    a = [f"district {k} {rng.randint(1, 99_999):,} votes" for k in range(rows)]
    changed = sorted(rng.sample(range(rows), changes))
    b = list(a)
    for k in changed:
        b[k] = f"district {k} {rng.randint(100_000, 999_999):,} votes"
    return a, b, changed


def _changed_counts(a_rows: list[str], b_rows: list[str], changed: list[int]) -> list[tuple]:
    return [(a_rows[k].split(" ", 2)[2], b_rows[k].split(" ", 2)[2]) for k in changed]


def test_a_table_flattened_into_one_sentence_pairs_every_number():
    # 2,000 numbers in one sentence: scored each against each (and kinds counted for each pair),
    # this took minutes
    a_rows, b_rows, changed = _results_table(1_000, 20, seed=1)
    a, b = "Results: " + ", ".join(a_rows) + ".", "Results: " + ", ".join(b_rows) + "."
    frame = compare(a, b).numbers.to_frame()
    assert frame["status"].value_counts().to_dict() == {"same": 1_980, "changed": 20}
    changed_rows = frame[frame["status"] == "changed"]
    pairs = list(zip(changed_rows["a_text"], changed_rows["b_text"], strict=True))
    assert pairs == _changed_counts(a_rows, b_rows, changed)


def test_a_table_of_one_row_a_paragraph_pairs_every_number():
    a_rows, b_rows, changed = _results_table(400, 10, seed=2)
    a = "\n\n".join(row.capitalize() + "." for row in a_rows)
    b = "\n\n".join(row.capitalize() + "." for row in b_rows)
    frame = compare(a, b).numbers.to_frame()
    assert frame["status"].value_counts().to_dict() == {"same": 790, "changed": 10}
    changed_rows = frame[frame["status"] == "changed"]
    pairs = list(zip(changed_rows["a_text"], changed_rows["b_text"], strict=True))
    assert pairs == _changed_counts(a_rows, b_rows, changed)



def test_words_the_quick_check_skips_begin_no_number(example_story):
    """A word token that ``_may_start`` turns away is one where the full reading finds nothing,
    whatever follows it: every word of the bundled story, and every word of the number tables
    in several forms (capitalised, upper case, hyphenated, possessive)."""
    from storydiff import numbers  # noqa: PLC0415 (the private parts under test)

    vocabulary = {
        token.text
        for version_id in example_story.ids
        for tokens in example_story[version_id].sentence_tokens.values()
        for token in tokens
    }
    table_words = [*numbers.QUALIFIERS, *numbers.VAGUE_QUANTITIES, *numbers._ORDINALS]
    table_words += [*numbers._NUMBER_WORDS, *numbers._SCALES, *numbers._MONTHS, "half", "a"]
    for phrase in table_words:
        for word in phrase.split(" "):
            vocabulary |= {word, word.title(), word.upper(), f"{word}-year-old", f"{word}'s"}
    skipped, read = 0, 0
    for word in sorted(vocabulary):
        for after in ("5 million people", "dozen of them", "of 30 years", "thousand years old"):
            text = f"{word} {after}"
            tokens = numbers.tokenize(text)
            reader = numbers._Reader(tokens, 0, text, 0)
            if tokens[0].kind != "word" or tokens[0].text in numbers._MONTHS:
                continue
            if numbers._may_start(reader.words[0]):
                read += reader._qualified(0)[1] is not None
            else:
                skipped += 1
                assert reader._qualified(0) == (None, None), text
    assert skipped > 2000 and read > 100  # most words are turned away; number words are read


def test_ledgers_have_the_same_column_types_whatever_their_rows():
    rows = number_ledger(compare("Five people died.", "Six people died.")).to_frame()
    empty = number_ledger(compare("Nobody died.", "Nobody was hurt.")).to_frame()
    assert empty.empty and rows.dtypes.equals(empty.dtypes)
    assert str(rows["consistent"].dtype) == "boolean" and rows["consistent"].tolist() == [False]
    assert pd.concat([empty, rows]).dtypes.equals(rows.dtypes)


# fmt: off
@pytest.mark.parametrize(
    ("a", "b", "rows"),
    [
        ("The deal is worth £5m.", "The deal is worth £6m.",
         [("changed", "£5m", "£6m", "money", False)]),
        ("Winds reached 80mph.", "Winds reached 120mph.",
         [("changed", "80mph", "120mph", "count", False)]),
        ("It was 100F there.", "It was 104F there.", [("changed", "100F", "104F", "count", False)]),
        ("The plane landed at 12 a.m.", "The plane landed at 12 p.m.",
         [("changed", "12 a.m.", "12 p.m.", "time", False)]),
        ("It landed at 12:43 a.m.", "It landed at 00:43.", [("same", "12:43 a.m.", "00:43", "time", True)]),
        ("10-15 people died.", "10-20 people died.",
         [("changed", "10-15 people", "10-20 people", "count", True)]),
        ("His funeral was on 19th October.", "His funeral was on 20th October.",
         [("changed", "19th October", "20th October", "date", False)]),
        ("Troops left at 0600 local time.", "Troops left at 06:00 local time.",
         [("same", "0600", "06:00", "time", True)]),
        ("It is a 15 team league.", "It is a 15-team league.",
         [("same", "15 team", "15-team league", "count", True)]),
        ("The crash closed Route 66.", "The crash closed Route 67.",
         [("changed", "Route 66", "Route 67", "name", False)]),
        ("A Cessna 150 crashed.", "A Cessna 152 crashed.",
         [("changed", "Cessna 150", "Cessna 152", "name", False)]),
        ("The score was Arsenal 3, Chelsea 1.", "The score was Arsenal 2, Chelsea 1.",
         [("changed", "Arsenal 3", "Arsenal 2", "name", False),
          ("same", "Chelsea 1", "Chelsea 1", "name", True)]),
        ("It reached 100F.", "It reached 38C.", [("only_a", "100F", None, "count", None),
                                                 ("only_b", None, "38C", "count", None)]),
        ("It was sent to Interpol's 186 member countries.", "It was sent to 190 countries.",
         [("changed", "186 member countries", "190 countries", "count", False)]),
        ("It fell in the 1989 earthquake.", "It fell in an earthquake in 1989.",
         [("same", "1989", "1989", "year", True)]),
        ("The flight lasted 2.5 hours.", "The flight lasted two and a half hours.",
         [("same", "2.5 hours", "two and a half hours", "duration", True)]),
        ("The fine was $1.5 billion.", "The fine was £1.5 billion.",
         [("changed", "$1.5 billion", "£1.5 billion", "money", False)]),
        ("On Monday 12 people died.", "On Monday 13 people died.",
         [("changed", "12 people", "13 people", "count", False)]),
        ("About 500,000 people lost power.", "About 500,000 others lost power.",
         [("same", "About 500,000 people", "About 500,000 others", "count", True)]),
        ("Two of the victims were children.", "Three of the victims were children.",
         [("changed", "Two", "Three", "count", False)]),
        ("The man, in his 30s, was held.", "The man, in his 40s, was held.",
         [("changed", "30s", "40s", "age", False)]),
        ("He signed a seven-figure deal.", "He signed an eight-figure deal.",
         [("changed", "seven-figure deal", "eight-figure deal", "count", False)]),
        ("It began at five o'clock.", "It began at 5 o'clock.",
         [("same", "five o'clock", "5 o'clock", "time", True)]),
        ("Speaking to 3 News, he said 40 jobs would go.",
         "Speaking to One News, he said 40 jobs would go.",
         [("changed", "3 News", "One News", "name", False),
          ("same", "40 jobs", "40 jobs", "count", True)]),
        ("Police held two News of the World staff.", "Police held three News of the World staff.",
         [("changed", "two News", "three News", "count", False)]),
        ("He told Channel 4 News that two died.", "He told Channel 4 News that two died.",
         [("same", "Channel 4", "Channel 4", "name", True),
          ("same", "two died", "two died", "count", True)]),
    ],
    ids=["glued-millions", "glued-unit", "fahrenheit", "midnight-noon", "past-midnight", "range-top",
         "ordinal-date", "24-hour-clock", "hyphenated-noun", "route", "aircraft-model", "score",
         "other-unit",
         "possessive-before", "year-after-the", "and-a-half", "currency", "weekday-before",
         "generic-noun", "the-only-count", "age-decade", "n-figure", "o-clock", "broadcaster",
         "news-of-the-world", "channel-before"],
)
# fmt: on
def test_numbers_found_by_the_audit_of_wikinews_revisions(a, b, rows):
    frame = number_ledger(compare(a, b)).to_frame()
    found = frame[["status", "a_text", "b_text", "kind", "consistent"]].astype(object)
    found = found.where(found.notna(), None)
    assert [tuple(r) for r in found.itertuples(index=False)] == rows
