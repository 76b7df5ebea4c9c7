"""Paragraphs, headings and sentences, on the bundled story and on small cases."""

from __future__ import annotations

import pytest
from storydiff.normalize import normalize_text
from storydiff.structure import find_blocks, is_heading_line, segment, split_sentences


def test_rewrite_has_its_three_headings_as_headings(example_story):
    rewrite = example_story["rewrite"]
    assert rewrite.headings == [
        "Kremlin Discussions",
        "International Reactions",
        "Ongoing Conflict",
    ]
    headings = rewrite.sentences[rewrite.sentences["is_heading"]]
    assert headings["text"].tolist() == rewrite.headings
    # A heading is never glued to the sentence that follows it.
    sentences = rewrite.sentences[~rewrite.sentences["is_heading"]]["text"]
    assert not any(text.startswith(tuple(rewrite.headings)) for text in sentences)


def test_original_has_no_headings_and_its_paragraphs(example_story):
    original = example_story["original"]
    assert original.headings == []
    assert len(original.paragraphs) == 14
    assert original.segmentation.n_sentences == 20


@pytest.mark.parametrize("version_id", ["original", "rewrite"])
def test_offsets_map_every_sentence_back_to_its_exact_text(example_story, version_id):
    version = example_story[version_id]
    table = version.sentences
    for row in table.itertuples():
        assert version.text[row.start : row.end] == row.text
        assert row.text == row.text.strip() and row.text
    assert (table["start"].diff().dropna() > 0).all()
    # Everything that is not whitespace belongs to exactly one sentence or heading.
    covered = "".join(version.text[s:e] for s, e in zip(table["start"], table["end"], strict=True))
    assert "".join(covered.split()) == "".join(version.text.split())


@pytest.mark.parametrize("version_id", ["original", "rewrite"])
def test_us_never_ends_a_sentence_in_the_seed_story(example_story, version_id):
    texts = example_story[version_id].sentences["text"]
    assert not any(text.endswith("U.S.") for text in texts)
    assert texts.str.contains("U.S.", regex=False).sum() >= 2


def test_seed_sentences_are_split_where_a_reader_would(example_story):
    texts = example_story["original"].sentences["text"].tolist()
    assert texts[0].startswith("U.S. President Donald Trump has launched")
    assert texts[1].startswith("But the initiative has again hit")
    assert "“It was a very concrete conversation,” Putin said, adding that while Moscow" in texts[6]
    assert texts[-1] == (
        "In the Russia-occupied part of Kherson, two men were killed and a 68-year-old woman was "
        "wounded when a Ukrainian drone hit their vehicle, Moscow-installed regional head Vladimir "
        "Saldo said."
    )


def test_a_sentence_never_crosses_a_paragraph():
    text = "He said the talks went well\nMoscow disagreed. It gave no details."
    seg = segment(text)
    assert seg.sentences["text"].tolist() == [
        "He said the talks went well",
        "Moscow disagreed.",
        "It gave no details.",
    ]
    assert seg.sentences["paragraph"].tolist() == [0, 1, 1]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Kremlin Discussions", True),
        ("International Reactions", True),
        ("What Comes Next", True),
        ("2025 in review", True),
        ("Putin declined to comment.", False),
        ("“Their impression was very strongly that he’d like to make a deal,” he said.", False),
        ("lower case start", False),
        ("- a bullet point", False),
        ("Heading: with a colon:", False),
        ("One two three four five six seven eight nine ten eleven", False),
        ("", False),
        ("1234", False),
    ],
)
def test_is_heading_line(line, expected):
    assert is_heading_line(line) is expected


def test_markdown_headings_keep_their_level_and_drop_the_marks():
    text = "# Storm hits coast\n\n## Damage\n\nTwo people died. Roads closed.\n"
    seg = segment(text, markdown=True)
    assert seg.headings == ["Storm hits coast", "Damage"]
    assert [b.level for b in seg.blocks if b.is_heading] == [1, 2]
    assert seg.sentences["text"].tolist() == [
        "Storm hits coast",
        "Damage",
        "Two people died.",
        "Roads closed.",
    ]


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "A missile strike in Kryvyi Rih on Wednesday injured six\n"
        "people, including a 3-year-old girl, and damaged dozens of\n"
        "homes, a school and gas pipelines, the city chief said.\n"
        "\n"
        "In Odesa, Russian drone strikes wounded six people and\n"
        "damaged civilian and energy infrastructure. Officials said so.\n"
    )
    seg = segment(text)
    assert len(seg.blocks) == 2
    assert seg.n_sentences == 3
    first = seg.sentences["text"][0]
    assert first.startswith("A missile strike") and first.endswith("the city chief said.")
    assert seg.sentences["norm"][0].startswith(
        "A missile strike in Kryvyi Rih on Wednesday injured six people,"
    )


def test_text_made_only_of_short_lines_is_not_all_headings():
    seg = segment("Two killed\nSix injured\n")
    assert seg.headings == []
    assert seg.n_sentences == 2


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n"])
def test_empty_text_has_no_units(text):
    seg = segment(text)
    assert (
        seg.units == ()
        and seg.sentences.empty
        and list(seg.sentences.columns)[:2] == ["text", "start"]
    )


def test_split_sentences_keeps_or_drops_headings():
    text = "Ongoing Conflict\nRussian attacks continued. Six were hurt."
    assert split_sentences(text) == [
        "Ongoing Conflict",
        "Russian attacks continued.",
        "Six were hurt.",
    ]
    assert split_sentences(text, headings=False) == ["Russian attacks continued.", "Six were hurt."]


def test_crlf_and_blank_line_paragraphs_are_found():
    blocks = find_blocks("First para.\n\n\nSecond para.")
    assert [(b.start, b.end) for b in blocks] == [(0, 11), (14, 26)]


def _iterater_records():
    from storydiff import config

    folder = config.eval_dir() / "iterater_news"
    if not folder.is_dir():
        pytest.skip(f"IteraTeR news revisions not found at {folder}; set STORYDIFF_EVAL_DIR")
    import json

    for path in sorted(folder.glob("news_doc_level_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def test_real_wikinews_revisions_segment_cleanly():
    """Every IteraTeR before/after pair reads as a story whose sentences map back exactly."""
    import pandas as pd
    import storydiff

    records = list(_iterater_records())
    assert len(records) == 189
    for record in records:
        frame = pd.DataFrame(
            {
                "version": ["before", "after"],
                "text": [record["before_revision"], record["after_revision"]],
            }
        )
        story = storydiff.load_story(frame)
        for version in story:
            table = version.sentences
            assert len(table) >= 1
            for row in table.itertuples():
                assert version.text[row.start : row.end] == row.text
            covered = "".join(table["text"])
            assert "".join(covered.split()) == "".join(version.text.split())


@pytest.mark.parametrize("version_id", ["original", "rewrite"])
def test_texts_and_norms_are_the_table_columns_and_cannot_be_changed(example_story, version_id):
    segmentation = example_story[version_id].segmentation
    table = segmentation.sentences
    assert segmentation.texts == tuple(table["text"]) and len(segmentation.texts) == len(table)
    assert segmentation.norms == tuple(table["norm"])
    assert segmentation.norms == tuple(map(normalize_text, segmentation.texts))
    with pytest.raises(AttributeError):
        segmentation.norms.append("x")  # a tuple: the cached forms stay as they were
