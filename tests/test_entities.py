"""Named entities: the seed pair, small hand-written cases, degenerate input, and bad parameters."""

from __future__ import annotations

import json
import random

import pandas as pd
import pytest
from storydiff import entities
from storydiff.compare import compare
from storydiff.entities import (
    ENTITY_TYPES,
    STATUSES,
    EntityComparison,
    EntityProfile,
    compare_entities,
    entity_profile,
    find_entities,
)
from storydiff.errors import StorydiffError
from storydiff.story import Version

MENTION_COLUMNS = ["entity", "type", "text", "sentence", "start", "end", "evidence"]
PROFILE_COLUMNS = [
    "type",
    "count",
    "first_sentence",
    "first_position",
    "quoted",
    "attributed",
    "forms",
]


def entity_types(text: str) -> dict[str, str]:
    return dict(
        zip(*find_entities(Version("v", text))[["entity", "type"]].T.to_numpy(), strict=True)
    )


# -- the seed pair --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(example_story):
    return compare(example_story["original"], example_story["rewrite"])


@pytest.fixture(scope="module")
def seed_entities(seed):
    return compare_entities(seed)


@pytest.mark.parametrize("side", ["original", "rewrite"])
def test_seed_mentions_point_into_the_text(example_story, side):
    version = example_story[side]
    mentions = find_entities(version)
    assert list(mentions.columns) == MENTION_COLUMNS
    assert set(mentions["type"]) <= set(ENTITY_TYPES)
    for row in mentions.itertuples():
        assert version.text[row.start : row.end] == row.text
        sentence = version.sentences.loc[row.sentence]
        assert sentence["start"] <= row.start < row.end <= sentence["end"]
    assert mentions["start"].is_monotonic_increasing


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Vladimir Putin", "PERSON"),
        ("Donald Trump", "PERSON"),
        ("Steve Witkoff", "PERSON"),
        ("Jared Kushner", "PERSON"),
        ("Oleksandr Vilkul", "PERSON"),
        ("Kremlin", "ORG"),
        ("Tass", "ORG"),
        ("RIA Novosti", "ORG"),
        ("Moscow", "PLACE"),
        ("Ukraine", "PLACE"),
        ("U.S.", "PLACE"),
        ("Kryvyi Rih", "PLACE"),
    ],
)
def test_seed_entities_are_typed_sensibly_in_both_versions(seed_entities, name, kind):
    row = seed_entities.to_frame().loc[name]
    assert row["type"] == kind
    assert row["status"] == "both" and row["count_a"] > 0 and row["count_b"] > 0


def test_seed_putin_is_one_entity_in_each_version_and_across_them(seed_entities):
    frame = seed_entities.to_frame()
    putin = frame.loc["Vladimir Putin"]
    # the original only says "Putin"; the rewrite introduces "Vladimir Putin" and then "Putin"
    assert (putin["name_a"], putin["name_b"]) == ("Putin", "Vladimir Putin")
    assert putin["count_a"] == 6 and putin["count_b"] == 7
    rewrite = seed_entities.b.to_frame()
    assert set(rewrite.loc["Vladimir Putin", "forms"]) == {"Vladimir Putin", "Putin"}
    assert not any(name == "Putin" for name in rewrite.index)
    assert frame.index[0] == "Vladimir Putin"  # the most mentioned


def test_seed_sentence_initial_words_and_demonyms_are_not_entities(seed_entities):
    names = set(seed_entities.to_frame().index)
    for word in ["Meanwhile", "Authorities", "Temporary", "Speaking", "The", "In", "A"]:
        assert word not in names
    for word in ["Russian", "Ukrainian", "European", "French", "International", "Ongoing"]:
        assert word not in names
    assert {"Thursday", "Wednesday", "Tuesday"}.isdisjoint(names)


def test_seed_only_in_one_version(seed_entities):
    assert seed_entities.only("a") == ["UNB"]
    assert {"Xi Jinping", "Emmanuel Macron", "China", "France", "Beijing"} <= set(
        seed_entities.only("b")
    )


def test_seed_comparison_table_and_json(seed_entities):
    frame = seed_entities.to_frame()
    assert list(frame.columns) == [
        "type", "count_a", "count_b", "first_a", "first_b", "quoted_a", "quoted_b",
        "attributed_a", "attributed_b", "status", "name_a", "name_b",
    ]  # fmt: skip
    assert set(frame["status"]) <= set(STATUSES)
    assert frame["first_a"].between(0, 1).sum() == (frame["status"] != "only_b").sum()
    totals = frame["count_a"] + frame["count_b"]
    assert totals.is_monotonic_decreasing
    data = json.loads(json.dumps(seed_entities.to_dict(), allow_nan=False))
    assert data["counts"] == {k: int(v) for k, v in seed_entities.counts().items()}
    assert data["rows"][0]["entity"] == "Vladimir Putin"
    assert data["a"]["n_mentions"] == len(seed_entities.a.mentions)


def test_seed_entity_tone(seed, seed_entities):
    tone = seed_entities.tone(seed.tone)
    assert list(tone.columns) == ["a_n_sentences", "a_mean", "b_n_sentences", "b_mean", "delta"]
    assert list(tone.index) == list(seed_entities.to_frame().index)
    putin = tone.loc["Vladimir Putin"]
    assert putin["a_n_sentences"] == 6 and putin["b_n_sentences"] == 7
    assert tone.loc["UNB", "b_n_sentences"] == 0 and pd.isna(tone.loc["UNB", "b_mean"])


# -- hand-written cases ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # titles mark people and are left out of the name; what stands before a title is kept
        # only when it is a listed name
        (
            "U.S. President Donald Trump met Russian President Vladimir Putin.",
            {"U.S.": "PLACE", "Donald Trump": "PERSON", "Vladimir Putin": "PERSON"},
        ),
        (
            "Gen. Valery Gerasimov and Mr. Smith spoke.",
            {"Valery Gerasimov": "PERSON", "Smith": "PERSON"},
        ),
        (
            "Secretary of State Marco Rubio met Prime Minister Keir Starmer.",
            {"Marco Rubio": "PERSON", "Keir Starmer": "PERSON"},
        ),
        ("NATO Secretary General Mark Rutte spoke.", {"NATO": "ORG", "Mark Rutte": "PERSON"}),
        # role words before or after a name
        ("Kremlin spokesman Dmitry Peskov spoke.", {"Kremlin": "ORG", "Dmitry Peskov": "PERSON"}),
        ("It was signed by Oleh Kiper, head of the region.", {"Oleh Kiper": "PERSON"}),
        # organisation and place cues, acronyms
        (
            "The Ministry of Defence and the Russian Defence Ministry disagreed.",
            {"Ministry of Defence": "ORG", "Russian Defence Ministry": "ORG"},
        ),
        (
            "Strikes hit the Zaporizhzhia Thermal Power Plant.",
            {"Zaporizhzhia Thermal Power Plant": "PLACE"},
        ),
        ("He spoke to India Today TV and the UNB.", {"India Today TV": "ORG", "UNB": "ORG"}),
        # hyphenated words: the capitalised part is a name of its own
        ("A Moscow-installed official left.", {"Moscow": "PLACE"}),
        ("The Russia-Ukraine war goes on.", {"Russia": "PLACE", "Ukraine": "PLACE"}),
        (
            "Jean-Pierre Lacroix met Bashar al-Assad.",
            {"Jean-Pierre Lacroix": "PERSON", "Bashar al-Assad": "PERSON"},
        ),
        # connectors: particles, gazetteer names with "and", but not "and" between two names
        (
            "Ursula von der Leyen flew to Bosnia and Herzegovina.",
            {"Ursula von der Leyen": "PERSON", "Bosnia and Herzegovina": "PLACE"},
        ),
        ("Apple and Google are rivals.", {"Apple": "ORG", "Google": "ORG"}),
        # possessives end a name; an initial with its period joins it
        (
            "Ukraine's President Volodymyr Zelensky spoke.",
            {"Ukraine": "PLACE", "Volodymyr Zelensky": "PERSON"},
        ),
        (
            "Donald J. Trump visited St. Petersburg.",
            {"Donald J. Trump": "PERSON", "St. Petersburg": "PLACE"},
        ),
        # evidence from the sentence: a verb of saying, a preposition
        (
            "Fighting near Pokrovsk and Vuhledar went on, Syrskyi said.",
            {"Pokrovsk": "PLACE", "Vuhledar": "PLACE", "Syrskyi": "PERSON"},
        ),
        ("Shelling hit Zarichne overnight, residents in Zarichne said.", {"Zarichne": "PLACE"}),
        # sentence-initial ordinary words are not entities; names there are
        ("However, Putin said no.", {"Putin": "PERSON"}),
        ("The talks failed. Meanwhile Kyiv waited.", {"Kyiv": "PLACE"}),
        ("Authorities said residents were safe. Officials said so.", {}),
        ("Temporary tents were set up. Witnesses said the city was calm.", {}),
        # demonyms and group adjectives, plural or not, are not entities; weekdays and months neither
        ("Russians and Ukrainians fled on Monday in March; European and Sunni leaders met.", {}),
        # aliases are one entity, named by the longest form used
        ("The United States said the U.S. would act.", {"United States": "PLACE"}),
        ("The U.S. Congress met.", {"U.S. Congress": "ORG"}),
    ],
)
def test_hand_written_cases(text, expected):
    assert entity_types(text) == expected


def test_surname_coreference_takes_the_person_named_last():
    mentions = find_entities(
        Version("v", "Joe Biden met Hunter Biden. Then Biden left. Joe Biden stayed.")
    )
    assert mentions["entity"].tolist() == ["Joe Biden", "Hunter Biden", "Hunter Biden", "Joe Biden"]
    assert mentions.loc[2, "evidence"] == "surname"


def test_first_name_coreference_when_unique():
    # Chinese names put the family name first: "Xi Jinping" ... "Xi"
    mentions = find_entities(
        Version("v", "China's leader Xi Jinping met Macron. Xi, smiling, left.")
    )
    assert mentions[mentions["text"] == "Xi"]["entity"].tolist() == ["Xi Jinping"]


def test_a_common_first_word_is_a_name_when_the_text_shows_it():
    # "Putin" is a common word by frequency; "Putin said" shows it is a name, so "Putin met" too
    mentions = find_entities(Version("v", "Putin met Trump in Alaska. Putin said no."))
    assert mentions["text"].tolist() == ["Putin", "Trump", "Alaska", "Putin"]


def test_all_caps_headline_takes_names_known_from_the_body():
    text = (
        "PUTIN SAYS U.S. PLAN UNACCEPTABLE\n\nVladimir Putin said the U.S. plan was unacceptable."
    )
    mentions = find_entities(Version("v", text))
    assert mentions["text"].tolist() == ["PUTIN", "U.S.", "Vladimir Putin", "U.S."]
    assert mentions["entity"].tolist()[0] == "Vladimir Putin"  # the mixed-case form names it


def test_title_case_heading_keeps_only_names(make_story):
    text = "# Kremlin Discussions\n\nThe Kremlin said no.\n\n# International Reactions\n\nParis agreed.\n"
    version = Version("v", text, format="markdown")
    mentions = find_entities(version)
    assert mentions["text"].tolist() == ["Kremlin", "Kremlin", "Paris"]


def test_comparison_matches_aliases_and_surnames():
    result = compare_entities(
        compare(
            "The U.S. and Putin talked. Putin said no.",
            "The United States and Vladimir Putin talked.",
        )
    )
    frame = result.to_frame()
    assert frame.loc["United States", "status"] == "both"
    assert frame.loc["Vladimir Putin", ["name_a", "name_b"]].tolist() == ["Putin", "Vladimir Putin"]
    assert result.counts().to_dict() == {"both": 2, "only_a": 0, "only_b": 0}


# -- degenerate input -----------------------------------------------------------------------------

DEGENERATE = {
    "single sentence": ("Two men died.", 0),
    "single sentence with a name": ("Two men died in Kherson.", 1),
    "no entities": ("The cat sat on the mat. It slept.", 0),
    "one word": ("Hello", 0),
    "punctuation only": ("...", 0),
    "all-caps headline only": ("PUTIN SAYS PLAN UNACCEPTABLE", 0),
    "sentence-initial common words": (
        "The talks failed. However, nobody left. Meanwhile it rained.",
        0,
    ),
    "script-like text": ("<script>alert('x')</script> the end; DROP TABLE users; --", 0),
    "quote without speaker": ('"We will see."', 0),
    "unbalanced quote": ('Putin said "we will see', 1),
}


@pytest.mark.parametrize("case", list(DEGENERATE))
def test_degenerate_versions(case):
    text, n_entities = DEGENERATE[case]
    version = Version("v", text)
    mentions = find_entities(version)
    assert list(mentions.columns) == MENTION_COLUMNS
    profile = entity_profile(version)
    assert isinstance(profile, EntityProfile)
    frame = profile.to_frame()
    assert list(frame.columns) == PROFILE_COLUMNS and len(frame) == n_entities
    assert profile.counts().sum() == n_entities
    data = json.loads(json.dumps(profile.to_dict(), allow_nan=False))
    assert data["n_entities"] == n_entities and len(data["entities"]) == n_entities


def test_heading_only_version():
    version = Version("h", "# Ongoing Conflict\n", format="markdown")
    assert find_entities(version).empty and entity_profile(version).to_frame().empty


@pytest.mark.parametrize(
    ("a", "b", "counts"),
    [
        ("The cat sat.", "The cat sat.", {"both": 0, "only_a": 0, "only_b": 0}),
        ("Kyiv was hit.", "Kyiv was hit.", {"both": 1, "only_a": 0, "only_b": 0}),
        ("Kyiv was hit.", "The city was hit.", {"both": 0, "only_a": 1, "only_b": 0}),
        ("The city was hit.", "Odesa was hit.", {"both": 0, "only_a": 0, "only_b": 1}),
    ],
    ids=["no-entities", "identical", "only-a", "only-b"],
)
def test_degenerate_comparisons(a, b, counts):
    comparison = compare(a, b)
    result = compare_entities(comparison)
    assert isinstance(result, EntityComparison)
    assert result.counts().to_dict() == counts
    json.dumps(result.to_dict(), allow_nan=False)
    tone = result.tone(comparison.tone)
    assert len(tone) == sum(counts.values())


# -- gazetteer and parameters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: find_entities("Putin said no."), "takes a Version"),
        (lambda: entity_profile(None), "takes a Version"),
        (lambda: compare_entities("Putin said no."), "takes a Comparison"),
        (lambda: compare_entities(compare("Kyiv.", "Kyiv.")).only("c"), "side must be"),
        (lambda: compare_entities(compare("Kyiv.", "Kyiv.")).tone("tone"), "ToneComparison"),
    ],
)
def test_bad_parameters(call, message):
    with pytest.raises(StorydiffError, match=message):
        call()


def test_module_lists_are_lower_case():
    for name in ("TITLES", "ROLE_WORDS", "ORG_CUES", "PLACE_CUES", "PARTICLES", "PREPOSITIONS"):
        words = getattr(entities, name)
        assert words and all(word == word.lower() for word in words), name


def test_a_long_list_of_names_in_one_sentence():
    # each word looked back over the whole sentence before: 4,000 names took 5.9 s
    rng = random.Random(7)
    first = ["John", "Maria", "Ahmed", "Li", "Olga", "Pierre", "Kwame", "Sara", "Ivan", "Yuki"]
    last = ["Smith", "Garcia", "Khan", "Wang", "Petrova", "Dubois", "Mensah", "Cohen", "Popov"]
    names = [f"{rng.choice(first)} {rng.choice(last)}" for _ in range(3_000)]
    a = "The victims were " + ", ".join(names) + "."
    b = "The victims were " + ", ".join([*names[:1_500], "Olaf Nilsen", *names[1_500:]]) + "."
    frame = compare(a, b).entities.to_frame()
    assert frame["status"].value_counts().to_dict() == {"both": len(set(names)), "only_b": 1}
    assert frame.loc["Olaf Nilsen", ["type", "count_b"]].tolist() == ["PERSON", 1]
    counts = pd.Series(names).value_counts()
    assert (frame.loc[counts.index, "count_a"] == counts).all()
