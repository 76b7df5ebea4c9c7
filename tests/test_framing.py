"""Framing: lexicon files and their loader, term matching, agency, and swaps between versions."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from storydiff import config, framing
from storydiff.compare import compare
from storydiff.errors import InputNotFoundError, ParameterError, StorydiffError
from storydiff.framing import (
    AGENCY_COLUMNS,
    BUILTIN_LEXICONS,
    LEXICON_COLUMNS,
    MENTION_COLUMNS,
    FramingComparison,
    FramingProfile,
    agency,
    attribution_profile,
    available_lexicons,
    compare_framing,
    framing_profile,
    load_lexicon,
)
from storydiff.story import Story, Version
from storydiff.structure import segment

HEADER = ",".join(LEXICON_COLUMNS)


@pytest.fixture(scope="module")
def seed(example_story) -> FramingComparison:
    return compare_framing(compare(example_story["original"], example_story["rewrite"]))


@pytest.fixture
def user_dir(tmp_path, monkeypatch):
    """An empty ``data/lexicons/`` for user files, in place of the checkout's."""
    monkeypatch.setattr(config, "DATA_DIR", tmp_path / "data")
    folder = tmp_path / "data" / "lexicons"
    folder.mkdir(parents=True)
    return folder


def write_csv(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def group_of(comparison, a_sentence: int) -> int:
    """The number of the aligned group that holds sentence `a_sentence` of version a."""
    return next(i for i, g in enumerate(comparison.aligned.groups) if a_sentence in g.a)


# -- importing -----------------------------------------------------------------------------------


def test_importing_framing_stays_light():
    code = (
        "import sys, storydiff, storydiff.framing; "
        "print(sorted(m for m in ('nltk', 'sklearn', 'vaderSentiment') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- the built-in lexicons -----------------------------------------------------------------------


def test_available_lexicons_lists_builtins_and_the_news_set():
    names = available_lexicons()
    assert set(BUILTIN_LEXICONS) | {"news"} <= set(names)
    assert names == sorted(names)


@pytest.mark.parametrize("name", BUILTIN_LEXICONS)
def test_builtin_lexicon_has_provenance(name):
    path = framing.builtin_lexicon_dir() / f"{name}.csv"
    assert path.read_text(encoding="utf-8").splitlines()[0] == HEADER
    lexicon = load_lexicon(name)
    assert lexicon.source == path.resolve()
    entries = lexicon.entries
    assert len(entries) >= 30
    assert (entries["source"].str.len() > 20).all(), "every row names its source"
    assert (entries["rationale"].str.len() > 5).all(), "every row gives a rationale"
    assert entries["source"].str.contains("MIT").all()
    assert entries["term"].eq(entries["term"].str.lower()).all()
    assert not entries.duplicated(["term", "category"]).any()


def test_lexicon_readme_documents_every_builtin():
    readme = (framing.builtin_lexicon_dir() / "README.md").read_text(encoding="utf-8")
    for name in BUILTIN_LEXICONS:
        assert f"{name}.csv" in readme
    assert "Boydstun" in readme and "Hyland" in readme and "MIT" in readme
    user_readme = config.REPO_ROOT / "data" / "lexicons" / "README.md"
    assert "resources/lexicons" in user_readme.read_text(encoding="utf-8")


def test_categories_asked_for_are_there():
    news = load_lexicon("news")
    subcategories = set(news.subcategories)
    for pair in [
        ("attribution", "neutral"),
        ("attribution", "loaded"),
        ("attribution", "distancing"),
        ("contested_label", "war_label"),
        ("contested_label", "territory"),
        ("contested_label", "appointment"),
        ("casualty", "agentive"),
        ("casualty", "non_agentive"),
    ]:
        assert pair in subcategories
    for category in ["hedge", "certainty", "intensifier", "emotive", "violence"]:
        assert category in news.categories
    terms = news.entries.groupby("category")["term"].apply(set)
    assert {"said", "claimed", "admitted", "insisted"} <= terms["attribution"]
    assert {"invasion", "war", "conflict", "military operation"} <= terms["contested_label"]
    assert {"occupied", "annexed", "installed", "appointed"} <= terms["contested_label"]


def test_media_frames_seed_words():
    entries = load_lexicon("media_frames").entries
    sizes = entries.groupby("category").size()
    dimensions = [c for c in sizes.index if c.startswith("mfc_")]
    assert len(dimensions) == 14  # "other" is the residual dimension: no seed words
    assert "mfc_other" not in dimensions
    assert sizes.between(10, 25).all(), sizes[~sizes.between(10, 25)]
    assert entries["source"].str.contains("Boydstun").all()


def test_news_combines_every_builtin():
    news = load_lexicon("news")
    assert news.members == BUILTIN_LEXICONS
    assert news.source is None
    assert set(news.entries["lexicon"]) == set(BUILTIN_LEXICONS)
    assert load_lexicon("news") is news, "combinations are cached"


# -- loading by name and by path -----------------------------------------------------------------


def test_load_by_path_str_and_pathlike(tmp_path):
    path = write_csv(
        tmp_path / "mine.csv",
        f"{HEADER}\nspecial op*,euphemism,war,0.5,me,test\nsaid,attribution,neutral,,me,test\n",
    )
    for given in (path, str(path)):
        lexicon = load_lexicon(given)
        assert lexicon.name == "mine"
        assert lexicon.categories == ("euphemism", "attribution")
        assert lexicon.entries["weight"].tolist() == [0.5, 1.0]
    found = framing_profile("It was a special operation, he said.", path).mentions
    assert found[["term", "matched"]].values.tolist() == [
        ["special op*", "special operation"],
        ["said", "said"],
    ]


def test_optional_columns_may_be_left_out(tmp_path):
    path = write_csv(tmp_path / "short.csv", "term,category,source\nDrone Strike,violence,me\n")
    lexicon = load_lexicon(path)
    assert lexicon.entries.loc[0, ["term", "subcategory", "weight", "rationale"]].tolist() == [
        "drone strike",
        "",
        1.0,
        "",
    ]


def test_user_lexicon_by_name_shadows_a_builtin(user_dir):
    write_csv(user_dir / "hedges.csv", f"{HEADER}\nmaybe,hedge,,1,me,mine\n")
    write_csv(user_dir / "extra.csv", f"{HEADER}\nblockade,violence,,1,me,mine\n")
    assert "extra" in available_lexicons()
    assert load_lexicon("hedges").entries["term"].tolist() == ["maybe"]
    assert load_lexicon("extra").source == (user_dir / "extra.csv").resolve()
    assert load_lexicon("extra.csv").name == "extra", "a bare file name is looked up there too"


def test_list_of_lexicons_is_combined(tmp_path):
    path = write_csv(tmp_path / "mine.csv", f"{HEADER}\nsaid,attribution,mine,1,me,dup\n")
    lexicon = load_lexicon(["attribution", path])
    assert lexicon.name == "attribution+mine"
    said = lexicon.entries[lexicon.entries["term"] == "said"]
    assert said["subcategory"].tolist() == ["neutral"], "the first lexicon wins a duplicate"


def test_file_is_cached_until_it_changes(tmp_path):
    path = write_csv(tmp_path / "mine.csv", f"{HEADER}\nsaid,attribution,,1,me,x\n")
    first = load_lexicon(path)
    assert load_lexicon(path) is first
    write_csv(path, f"{HEADER}\nsaid,attribution,,1,me,x\nclaimed,attribution,,1,me,x\n")
    later = path.stat().st_mtime_ns + 10**9  # a new modification time, however fast the disk
    os.utime(path, ns=(later, later))
    assert len(load_lexicon(path)) == 2


@pytest.mark.parametrize("name", ["nope", "News ", "attribution_v2"])
def test_unknown_name_lists_valid_names(name):
    with pytest.raises(ParameterError) as error:
        load_lexicon(name)
    message = str(error.value)
    assert repr(name.strip()) in message
    assert "attribution" in message and "contested_labels" in message and "news" in message


@pytest.mark.parametrize("value", ["", "   ", [], 3.5])
def test_empty_or_wrong_lexicon_arguments(value):
    with pytest.raises(ParameterError):
        load_lexicon(value)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(InputNotFoundError, match="nothere.csv"):
        load_lexicon(tmp_path / "nothere.csv")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("term,category\nsaid,attribution\n", ["missing column(s) source", HEADER]),
        ("word,kind,source\nsaid,attribution,me\n", ["missing column(s) term, category", HEADER]),
        ("", ["empty", HEADER]),
        (f"{HEADER}\n", ["no terms"]),
        (f"{HEADER}\n,attribution,,1,me,x\n", ["line 2", "term is empty"]),
        (f"{HEADER}\nsaid,,,1,me,x\n", ["line 2", "no category"]),
        (f"{HEADER}\nsaid,attribution,,heavy,me,x\n", ["line 2", "'heavy'", "number"]),
        (f"{HEADER}\nsaid,attribution,,-1,me,x\n", ["line 2", "number >= 0"]),
        (f"{HEADER}\nki*ll,violence,,1,me,x\n", ["line 2", "'*' may only end a word"]),
        (f"{HEADER}\nsaid!,attribution,,1,me,x\n", ["line 2", "not one word"]),
        (f"{HEADER}\nsaid,attribution,,1,me,x\nSaid,attribution,,1,me,y\n", ["line 3", "line 2"]),
        (f"{HEADER}\nsaid,attribution,,1,me,x,extra\n", ["line 2", "7 fields", "double quotes"]),
    ],
)
def test_malformed_lexicon_messages(tmp_path, content, expected):
    path = write_csv(tmp_path / "bad.csv", content)
    with pytest.raises(StorydiffError) as error:
        load_lexicon(path)
    message = str(error.value)
    assert str(path) in message
    for part in expected:
        assert part in message


def test_non_utf8_lexicon(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(f"{HEADER}\ncaf\xe9,food,,1,me,x\n".encode("latin-1"))
    with pytest.raises(StorydiffError, match="UTF-8"):
        load_lexicon(path)


# -- matching ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lexicon", "expected"),
    [
        (
            "The Moscow-installed head spoke.",
            "contested_labels",
            [("installed", "Moscow-installed")],
        ),
        ("In the Russia‑occupied south.", "contested_labels", [("occupied", "Russia‑occupied")]),
        ("His son-in-law arrived.", "media_frames", []),
        ("It was, according to Tass, useful.", "attribution", [("according to", "according to")]),
        ("As reported by Reuters.", "attribution", [("reported by", "reported by")]),
        (
            "Officials spoke on condition of anonymity.",
            "attribution",
            [("on condition of anonymity", "on condition of anonymity")],
        ),
        ("Families were mourning.", "emotive", [("mourn*", "mourning")]),
        ("It was accorded to him.", "attribution", []),
        ("“Premature,” Putin said.", "attribution", [("said", "said")]),
        (
            "Kyiv’s mayor met Kiev officials.",
            "contested_labels",
            [("kyiv", "Kyiv’s"), ("kiev", "Kiev")],
        ),
    ],
)
def test_term_matching(text, lexicon, expected):
    mentions = framing_profile(text, lexicon).mentions
    assert list(zip(mentions["term"], mentions["matched"], strict=True)) == expected
    for matched, start, end in mentions[["matched", "start", "end"]].itertuples(index=False):
        assert text[start:end] == matched


def test_longest_match_wins_only_within_a_category():
    mentions = framing_profile("Two men were killed in a drone strike.", "news").mentions
    pairs = set(zip(mentions["term"], mentions["category"], strict=True))
    assert ("drone", "violence") in pairs and ("strike", "violence") in pairs
    assert ("drone*", "mfc_security_defense") in pairs, "other categories match the same words"


def test_offsets_point_into_the_version_text(seed, example_story):
    for profile, version in (
        (seed.a, example_story["original"]),
        (seed.b, example_story["rewrite"]),
    ):
        assert len(profile.mentions) > 50
        for matched, start, end in profile.mentions[["matched", "start", "end"]].itertuples(
            index=False
        ):
            assert version.text[start:end] == matched
        for phrase, start, end in profile.agency[["phrase", "start", "end"]].itertuples(
            index=False
        ):
            assert version.text[start:end] == phrase


def test_headings_are_left_out(seed, example_story):
    headings = example_story["rewrite"].sentences.query("is_heading").index
    assert len(headings) == 3
    assert not seed.b.mentions["sentence"].isin(headings).any()  # "Ongoing Conflict" is not counted
    assert seed.b.n_sentences == len(example_story["rewrite"].sentences) - 3


def test_rates_per_thousand_words():
    profile = framing_profile(
        "Officials said the invasion began. Five more words are here.", "contested_labels"
    )
    assert profile.n_words == 10
    rates = profile.rates
    assert rates.loc[("contested_label", "war_label"), "count"] == 1
    assert rates.loc[("contested_label", "war_label"), "per_1000_words"] == 100.0
    assert rates.loc[("contested_label", "territory"), "per_1000_words"] == 0.0
    assert profile.category_rates().loc["contested_label", "count"] == 1


# -- degenerate inputs ---------------------------------------------------------------------------

DEGENERATE = {
    "empty table": segment("").sentences,
    "empty text": "",
    "headings only": Version("h", "# Ongoing Conflict\n", format="markdown"),
    "single sentence": "Two men died.",
    "no lexicon terms": "The cat sat on the mat.",
    "single sentence version": Version("v", "Moscow-installed officials said two men were killed."),
}


@pytest.mark.parametrize("case", list(DEGENERATE))
def test_profile_handles_degenerate_input(case):
    profile = framing_profile(DEGENERATE[case])
    assert isinstance(profile, FramingProfile)
    assert list(profile.mentions.columns) == MENTION_COLUMNS
    assert list(profile.agency.columns) == AGENCY_COLUMNS
    rates = profile.rates
    assert len(rates) == len(load_lexicon("news").subcategories)
    assert rates["per_1000_words"].notna().all()
    assert profile.category_rates()["count"].sum() == len(profile.mentions)
    terms = profile.terms()
    assert terms["count"].sum() == len(profile.mentions)
    assert isinstance(profile.agency_summary(), pd.Series)
    json.dumps(profile.to_dict())
    if case in {"empty table", "empty text", "headings only", "no lexicon terms"}:
        assert profile.mentions.empty and profile.agency.empty
        assert (rates["count"] == 0).all()


def test_empty_sentence_table_has_no_words():
    profile = framing_profile(segment("").sentences, "attribution")
    assert (profile.n_words, profile.n_sentences) == (0, 0)
    assert agency(segment("").sentences).empty


@pytest.mark.parametrize(
    ("a", "b", "n_swaps"),
    [
        ("The cat sat on the mat.", "The cat sat on the mat.", 0),
        ("The cat sat on the mat.", "A dog lay on the rug.", 0),
        ("Two men were killed, he said.", "Two men died, he claimed.", 2),
        ("Two men died.", "Two men died. Officials said so.", 0),
    ],
)
def test_comparison_handles_degenerate_pairs(a, b, n_swaps):
    result = compare_framing(compare(a, b))
    assert len(result.swaps) == n_swaps
    assert list(result.swaps.columns) == framing.CHANGE_COLUMNS
    assert list(result.rates.columns) == ["a", "b", "difference"]
    json.dumps(result.to_dict())


def test_compare_framing_needs_a_comparison():
    with pytest.raises(ParameterError, match="Comparison"):
        compare_framing("two men died")


@pytest.mark.parametrize("value", [42, None, b"bytes"])
def test_profile_rejects_other_inputs(value):
    with pytest.raises(ParameterError):
        framing_profile(value)


def test_sentence_table_without_text_column():
    with pytest.raises(ParameterError, match="'text' column"):
        framing_profile(pd.DataFrame({"sentence": ["Two men died."]}))


# -- agency --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The plant was forced to shut down.", [("passive", "forced", None, True)]),
        (
            "Odesa was targeted by Russian drone strikes.",
            [("passive", "target", "Russian drone strikes", False)],
        ),
        (
            "A girl died after being wounded by artillery fire the previous day.",
            [("passive", "wound", "artillery fire", False)],
        ),
        ("The bridge was also badly damaged.", [("passive", "damage", None, True)]),
        (
            "The town was shelled on Monday by the army of Russia.",
            [("passive", "shell", "the army of Russia", False)],
        ),
        ("The deal must be signed by Friday.", [("passive", "signed", None, True)]),
        (
            "Six people killed in the attack were buried.",
            [("reduced passive", "kill", None, True), ("passive", "buried", None, True)],
        ),
        ("Russia will attack Kyiv again.", [("active", "attack", "Russia", False)]),
        (
            "When a Ukrainian drone hit their vehicle, two men died.",
            [("active", "hit", "a Ukrainian drone", False)],
        ),
        ("The attack on the city continued.", []),
        (
            "Russian drone strikes wounded six people and damaged homes.",
            [
                ("active", "wound", "Russian drone strikes", False),
                ("active", "damage", "Russian drone strikes", False),
            ],
        ),
        (
            "They fired missiles, which killed three people.",
            [("active", "kill", "missiles", False)],
        ),
        ("Mr. Ahmed was Ahmed.", []),
        ("Kyiv was attacked by Italy, the family said.", [("passive", "attack", "Italy", False)]),
        ("The rally attacked the police.", [("active", "attack", "The rally", False)]),
        ("", []),
    ],
)
def test_agency_cases(text, expected):
    table = agency(text)
    got = list(
        table[["construction", "lemma", "agent", "agentless"]].itertuples(index=False, name=None)
    )
    assert got == expected


def test_agency_on_the_bundled_story(seed):
    a, b = seed.a.agency, seed.b.agency
    forced = a[(a["sentence"] == 14) & (a["lemma"] == "forced")].iloc[0]
    assert forced["phrase"] == "was forced" and forced["agentless"]
    in_19 = a[a["sentence"] == 19].set_index("lemma")
    assert in_19.loc["kill", "construction"] == "passive" and in_19.loc["kill", "agentless"]
    assert in_19.loc["hit", "construction"] == "active"
    assert in_19.loc["hit", "agent"] == "a Ukrainian drone"
    targeted = b[b["lemma"] == "target"].iloc[0]
    assert (targeted["sentence"], targeted["agent"], targeted["agentless"]) == (
        27,
        "Russian drone strikes",
        False,
    )
    summary = seed.agency_summary()
    assert list(summary.columns) == ["original", "rewrite"]
    assert summary.loc["harm_active", "original"] > summary.loc["harm_active", "rewrite"]


# -- the bundled story ---------------------------------------------------------------------------


def test_invasion_only_in_the_original(seed):
    assert "invasion" in set(seed.a.mentions["term"])
    assert "invasion" not in set(seed.b.mentions["term"])
    row = seed.a.mentions[seed.a.mentions["term"] == "invasion"].iloc[0]
    assert (row["sentence"], row["category"], row["subcategory"]) == (
        0,
        "contested_label",
        "war_label",
    )


def test_swaps_on_the_killed_sentence(seed, example_story):
    comparison = compare(example_story["original"], example_story["rewrite"])
    group = group_of(comparison, 19)
    swaps = seed.swaps[seed.swaps["group"] == group].set_index(["category", "subcategory"])
    casualty = swaps.loc[("casualty", "")]
    assert "killed" in casualty["a_terms"] and "died" in casualty["b_terms"]
    appointment = swaps.loc[("contested_label", "appointment")]
    assert (appointment["a_terms"], appointment["b_terms"]) == (["installed"], ["appointed"])
    assert "two men were killed" in casualty["a_text"]
    assert "Moscow-appointed" in appointment["b_text"]
    assert casualty["a_sentences"] == [19] and casualty["b_sentences"] == [29, 30]


def test_swaps_compare_stems_not_forms(seed):
    for a_terms, b_terms in seed.changes[["a_terms", "b_terms"]].itertuples(index=False):
        assert not ({"damaged", "damage"} <= set(a_terms) | set(b_terms))
        assert not ({"injured", "injuries"} <= set(a_terms) | set(b_terms))
    assert seed.to_frame().equals(seed.swaps)


def test_attribution_profile_differs(seed, example_story):
    table = seed.attribution()
    assert list(table.columns) == ["subcategory", "original", "rewrite"]
    assert table.loc["said", "original"] > table.loc["said", "rewrite"]
    assert table.loc["said", "original"] == table["original"].max(), "'said' dominates"
    for term in ["stated", "reported", "reported by", "according to"]:
        assert table.loc[term, "rewrite"] > 0
    assert table.loc["stated", "rewrite"] > table.loc["stated", "original"]
    again = attribution_profile(compare(example_story["original"], example_story["rewrite"]))
    pd.testing.assert_frame_equal(again, table)
    pd.testing.assert_frame_equal(attribution_profile(example_story), table)


def test_rates_side_by_side(seed):
    rates = seed.rates
    assert list(rates.columns) == ["original", "rewrite", "difference"]
    assert rates.index[0] == "attribution"
    row = rates.loc["intensifier"]
    assert row["difference"] == pytest.approx(row["rewrite"] - row["original"])
    assert row["original"] > row["rewrite"]
    assert seed.subcategory_rates().index.names == ["category", "subcategory"]
    data = seed.to_dict()
    json.dumps(data)
    assert data["a"]["version"] == "original" and data["swaps"]


# -- options -------------------------------------------------------------------------------------


def test_pair_within_subcategory_option():
    a = "Russia's invasion of the occupied region, he said."
    b = "Russia's war in the annexed region, he said."
    default = compare_framing(compare(a, b), "contested_labels").swaps
    assert default[["subcategory", "a_terms", "b_terms"]].values.tolist() == [
        ["war_label", ["invasion"], ["war"]],
        ["territory", ["occupied"], ["annexed"]],
    ]
    pooled = compare_framing(compare(a, b), "contested_labels", pair_within_subcategory=()).swaps
    assert pooled[["subcategory", "a_terms", "b_terms"]].values.tolist() == [
        ["", ["invasion", "occupied"], ["war", "annexed"]],
    ]


def test_attribution_profile_other_category_and_errors():
    story = Story.from_texts({"x": "Two men were killed.", "y": "Two men died."})
    table = attribution_profile(story, category="casualty")
    assert table.loc["killed", "x"] == 1 and table.loc["died", "y"] == 1
    with pytest.raises(ParameterError, match="no category 'nonsense'"):
        attribution_profile(story, category="nonsense")
    with pytest.raises(ParameterError):
        attribution_profile(42)
    assert attribution_profile("No attribution here.").empty


def test_the_words_a_lexicon_remembers_are_bounded_and_change_nothing(example_story, monkeypatch):
    from storydiff.story import Version

    lexicon = framing.load_lexicon("news")
    texts = [example_story[name].text for name in ("original", "rewrite")]
    expected = [
        framing._profile(Version(f"v{k}", t), lexicon).mentions for k, t in enumerate(texts)
    ]
    assert all(len(m) > 5 for m in expected)  # the seed story has framing terms to find
    assert 0 < len(lexicon._found) <= framing._FOUND_WORDS
    monkeypatch.setattr(framing, "_FOUND_WORDS", 5)
    lexicon._found.clear()
    for k, text in enumerate(texts):
        mentions = framing._profile(Version(f"v{k}", text), lexicon).mentions
        pd.testing.assert_frame_equal(mentions, expected[k])
        assert len(lexicon._found) <= 5
    assert lexicon._starting("killed") == lexicon._starting("killed")  # found again when gone


def test_a_mention_in_text_without_sentence_ends_gives_the_words_around_it():
    """Every mention held the whole "sentence": 20,000 words took 2 GB of memory."""
    from storydiff.framing import MENTION_CONTEXT_CHARS  # noqa: PLC0415

    blob = " ".join(["residents", "near", "the", "river"] * 600)
    text = blob + " officials said the flood was catastrophic " + blob + "."
    mentions = framing_profile(text).mentions
    row = mentions[mentions["matched"] == "catastrophic"].iloc[0]
    assert len(text) > 10 * MENTION_CONTEXT_CHARS
    assert row["text"].startswith("\u2026") and row["text"].endswith("\u2026")
    assert "the flood was catastrophic" in row["text"]
    assert len(row["text"]) <= MENTION_CONTEXT_CHARS + 2
    assert text[row["start"] : row["end"]] == "catastrophic"
    short = framing_profile("Officials said the flood was catastrophic.").mentions
    assert set(short["text"]) == {"Officials said the flood was catastrophic."}
