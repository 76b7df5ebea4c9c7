"""Story and Version objects and their pandas views."""

import warnings

import pytest
import storydiff
from storydiff import Story, Version
from storydiff.errors import EmptyTextError, StorydiffWarning, StoryStructureError


def test_example_story_table(example_story):
    table = example_story.to_frame()
    assert list(table.index) == ["original", "rewrite"]
    assert table.loc["rewrite", "n_headings"] == 3
    assert table.loc["original", "n_headings"] == 0
    assert (table["n_words"] > 400).all()
    assert table.loc["rewrite", "label"] == "Rewritten version"


def test_stacked_sentences(example_story):
    frame = example_story.sentences()
    assert list(frame.columns[:3]) == ["version", "sentence", "text"]
    assert set(frame["version"]) == {"original", "rewrite"}
    assert len(frame) == sum(len(v.sentences) for v in example_story)


def test_versions_by_id_and_position(example_story):
    assert example_story[0] is example_story["original"]
    with pytest.raises(KeyError, match="its versions are: original, rewrite"):
        example_story["missing"]


@pytest.mark.parametrize(
    ("versions", "error", "message"),
    [
        ((), StoryStructureError, "has no versions"),
        ((Version("a", "Text."),), StoryStructureError, "has only one version"),
        ((Version("a", "One."), Version("a", "Two.")), StoryStructureError, "share the id 'a'"),
    ],
)
def test_invalid_stories(versions, error, message):
    with pytest.raises(error, match=message):
        Story("s", versions)


@pytest.mark.parametrize("text", ["", "  \n\t "])
def test_empty_version_text_is_an_error(text):
    with pytest.raises(EmptyTextError, match="empty or only whitespace"):
        Version("a", text)


def test_identical_versions_are_a_valid_story():
    story = Story.from_texts({"a": "Same text.", "b": "Same text."})
    assert story["a"].sentences["norm"].tolist() == story["b"].sentences["norm"].tolist()


def test_a_version_remembers_what_was_worked_out_for_it():
    from storydiff.framing import framing_profile, load_lexicon
    from storydiff.numbers import number_mentions
    from storydiff.quotes import find_quotes
    from storydiff.tone import tone_profile

    version = Version("v", 'Two men died, police said. "We are safe," she said. It cost $5.')
    calls = []
    assert version.remember("k", lambda: calls.append(1) or len(calls)) == 1
    assert version.remember("k", lambda: calls.append(1) or len(calls)) == 1
    assert version.remember(("k", 2), lambda: calls.append(1) or len(calls)) == 2
    # the analyses of one version alone are worked out once, per parameters
    assert framing_profile(version, "news") is framing_profile(version, "news")
    other = framing_profile(version, "violence")
    assert other.lexicon == "violence" and other is not framing_profile(version, "news")
    assert framing_profile(version, load_lexicon("news")) is framing_profile(version, "news")
    assert tone_profile(version) is tone_profile(version)
    assert tone_profile(version, positive=0.5).positive == 0.5
    assert number_mentions(version) is number_mentions(version)
    quotes = find_quotes(version)
    quotes.loc[0, "quote"] = "changed by a reader"  # a copy: what is remembered stays as found
    assert find_quotes(version).loc[0, "quote"] == "We are safe"
    # a new, equal version works things out again; it is still equal to the first
    again = Version("v", version.text)
    assert again == version and framing_profile(again, "news") is not framing_profile(
        version, "news"
    )


def test_lone_surrogates_are_replaced_and_said(recwarn):
    version = Version("v\ud83d", "Caf\udc80 owner said the plan \ud83d failed.", label="\ude00")
    assert version.text == "Caf\ufffd owner said the plan \ufffd failed."
    assert (version.id, version.label) == ("v\ufffd", "\ufffd")
    assert (
        len(version.warnings) == 1
        and "4 character(s) of its id, text, label that are not valid Unicode"
        in (version.warnings[0])
    )
    assert [str(w.message) for w in recwarn if w.category is StorydiffWarning] == [
        version.warnings[0]
    ]
    story = Story("s\udc80", (version, Version("b", "The plan failed.")), title="t\ud83d")
    assert (story.id, story.title) == ("s\ufffd", "t\ufffd")
    frame = storydiff.compare(story[0], story[1]).aligned.to_frame()  # pandas takes the text
    assert "Caf\ufffd owner said the plan \ufffd failed." in frame.to_string()
    named = Version("bad\udcff", "Text.", source="/tmp/bad\udcff.txt")  # a Latin-1 file name
    assert (named.id, named.source) == ("bad\ufffd", "/tmp/bad\ufffd.txt")
    assert "1 character(s) of its id" in named.warnings[0] and "file name" in named.warnings[0]


def test_a_version_in_a_script_without_word_spaces_says_what_its_word_measures_mean():
    with pytest.warns(StorydiffWarning, match="without spaces between words"):
        version = Version("zh", "普京说，该计划不可接受。谈判将继续。")
    assert len(version.warnings) == 1 and "character similarity" in version.warnings[0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Version("en", "Putin met the envoys of 普京 in Moscow on Tuesday.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Погибли двое мужчин. Шесть человек ранены.", ["other than Latin"]),
        ("दो लोगों की मौत हो गई। छह लोग घायल हुए।", ["other than Latin"]),
        ("普京说，该计划不可接受。", ["without spaces between words"]),
        ("Deux hommes sont morts. Six personnes ont été blessées.", []),
        ("Putin met Путин in Moscow on Tuesday.", []),
        ("2024 - 17", []),
    ],
    ids=["cyrillic", "devanagari", "chinese", "french", "a-name-in-cyrillic", "no-letters"],
)
def test_a_version_in_a_script_the_analyses_do_not_read_is_warned_of(text, expected):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        version = Version("v", text)
    assert len(version.warnings) == len(expected) == len(caught)
    for note, wanted in zip(version.warnings, expected, strict=True):
        assert note.startswith("version 'v': written mostly") and wanted in note


def test_a_story_of_many_versions_prints_in_a_few_lines():
    texts = {
        f"v{n:02d}": f"Revision {n}. " + "Floods killed 14 people on Sunday. " * 40
        for n in range(30)
    }
    story = Story.from_texts(texts)
    shown = repr(story)
    assert len(shown) < 200 * len(texts) and shown.count("Version(id=") == 30
    assert repr(story["v03"]).startswith("Version(id='v03', text='Revision 3. Floods killed")
    assert "characters=1,412" in repr(story["v03"])
