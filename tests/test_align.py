"""Sentence alignment: the seed pair against a hand-made gold alignment, and degenerate cases."""

from __future__ import annotations

import random

import pytest
import storydiff
from storydiff.align import AlignmentThresholds, align_sentences
from storydiff.errors import ParameterError
from storydiff.structure import segment

from .conftest import load_bench_script

# Hand-made gold links (original sentence id, rewrite sentence id) for the bundled story, written
# by reading both versions side by side. The rewrite's lede (b0) has no counterpart (the original
# starts without it), Macron / Xi (b17, b18) are new, b5, b15, b19 are headings.
GOLD = {
    (0, 1),
    (1, 2),
    (2, 3),
    (2, 4),
    (3, 6),
    (4, 7),
    (4, 9),
    (5, 8),
    (6, 10),
    (7, 11),
    (8, 11),
    (9, 12),
    (9, 13),
    (9, 14),
    (10, 16),
    (11, 20),
    (12, 21),
    (12, 22),
    (13, 23),
    (14, 24),
    (15, 25),
    (16, 26),
    (17, 27),
    (18, 28),
    (19, 29),
    (19, 30),
}


@pytest.fixture(scope="module")
def seed_alignment(example_story):
    return align_sentences(example_story["original"].sentences, example_story["rewrite"].sentences)


def links(alignment):
    return {(i, j) for group in alignment.groups for i in group.a for j in group.b}


def test_seed_alignment_precision_and_recall_against_gold(seed_alignment):
    found = links(seed_alignment)
    true_positives = len(found & GOLD)
    precision, recall = true_positives / len(found), true_positives / len(GOLD)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall, found ^ GOLD)


def test_seed_paraphrases_are_linked(seed_alignment, example_story):
    found = links(seed_alignment)
    rewrite = example_story["rewrite"].sentences["text"]
    original = example_story["original"].sentences["text"]
    # "two men were killed ..." (original) with "two men died in a Ukrainian drone strike ..."
    assert "two men were killed" in original[19] and "two men died" in rewrite[29]
    assert (19, 29) in found
    # "... according to a senior Trump administration official" with "This information was ..."
    assert rewrite[4].startswith("This information was provided by an anonymous")
    assert (2, 4) in found


def test_macron_and_xi_are_only_in_the_rewrite(seed_alignment, example_story):
    rewrite = example_story["rewrite"].sentences["text"]
    labels = seed_alignment.sentence_labels["b"]
    for j in (17, 18):
        assert "Xi" in rewrite[j]
        assert labels[j] == "added"


def test_headings_are_never_aligned_with_sentences(seed_alignment, example_story):
    headings = set(example_story["rewrite"].sentences.query("is_heading").index)
    assert headings == {5, 15, 19}
    for group in seed_alignment.groups:
        if set(group.b) & headings:
            assert group.is_heading and group.label == "added" and not group.a


@pytest.mark.parametrize("reverse", [False, True])
def test_a_headline_that_is_a_heading_in_one_version_only_is_the_same_headline(reverse):
    """A story mixing a .txt wire with .md or .html outlets said every outlet dropped the
    wire's headline (and added its own), and a headline-only version was non-derived."""
    head = "Floods kill 14 in northern Calveria as river bursts its banks"
    body = "At least 14 people were killed on Sunday, officials said. Rescue teams came."
    versions = [
        storydiff.Version("wire", f"{head}\n\n{body}"),
        storydiff.Version("site", f"# {head}\n\n{body}", format="markdown"),
    ]
    a, b = reversed(versions) if reverse else versions
    comparison = storydiff.compare(a, b)
    assert [(g.a, g.b, g.label) for g in comparison.aligned.groups] == [
        ((0,), (0,), "unchanged"),
        ((1,), (1,), "unchanged"),
        ((2,), (2,), "unchanged"),
    ]
    assert comparison.aligned.groups[0].is_heading
    assert comparison.similarity.reuse_label == "wholly-derived"
    other = storydiff.Version("other", f"# Rain expected in Calveria\n\n{body}", format="markdown")
    labels = [g.label for g in storydiff.compare(versions[0], other).aligned.groups]
    assert sorted(labels) == ["added", "deleted", "unchanged", "unchanged"]


@pytest.mark.parametrize("match_threshold", [0.6, 0.9, 1.0])
def test_a_stricter_match_threshold_labels_no_sentence_in_order_as_moved(
    example_story, match_threshold
):
    """With match_threshold=0.9 the pairs of 0.5 to 0.9 that the in-order pass left were all
    taken as moved, though they stood in order."""
    a, b = example_story["original"].sentences, example_story["rewrite"].sentences
    alignment = align_sentences(
        a, b, thresholds=AlignmentThresholds(match_threshold=match_threshold)
    )
    assert not [g for g in alignment.groups if g.moved]


def test_every_sentence_is_in_exactly_one_group(seed_alignment, example_story):
    for side, version in (("a", "original"), ("b", "rewrite")):
        ids = [i for group in seed_alignment.groups for i in getattr(group, side)]
        assert sorted(ids) == list(example_story[version].sentences.index)


def test_identical_versions_are_all_unchanged(example_story):
    text = example_story["rewrite"].sentences
    alignment = align_sentences(text, text)
    assert {group.label for group in alignment.groups} == {"unchanged"}


def test_whitespace_quotes_and_punctuation_alone_are_unchanged():
    a = segment('Putin called the talks "useful" - and long.').sentences
    b = segment("Putin  called the talks \u201cuseful\u201d \u2014 and long!").sentences
    assert [g.label for g in align_sentences(a, b).groups] == ["unchanged"]


UNRELATED = (
    "Heavy snow closed mountain passes in the Alps on Sunday. Ski resorts in Switzerland and "
    "Austria reported record crowds despite the cold. Avalanche warnings remain in force for "
    "much of the region, forecasters said. Rail operators expect delays until Tuesday."
)


def test_unrelated_stories_are_all_added_and_deleted(example_story):
    alignment = align_sentences(example_story["original"].sentences, segment(UNRELATED).sentences)
    assert {group.label for group in alignment.groups} == {"added", "deleted"}


def test_shuffled_sentences_are_moved_or_unchanged_and_none_lost(example_story):
    sentences = example_story["original"].sentences["text"].tolist()
    shuffled = sentences[:]
    random.Random(7).shuffle(shuffled)
    a = segment("\n".join(sentences)).sentences
    b = segment("\n".join(shuffled)).sentences
    alignment = align_sentences(a, b)
    assert {group.label for group in alignment.groups} <= {"moved", "unchanged"}
    assert "moved" in {group.label for group in alignment.groups}
    assert sorted(i for g in alignment.groups for i in g.a) == list(a.index)
    assert sorted(j for g in alignment.groups for j in g.b) == list(b.index)


def test_one_sentence_rewritten_as_two_is_a_split_and_back_a_merge():
    a = segment("Two men were killed and a woman was wounded when a drone hit their car.").sentences
    b = segment("Two men were killed when a drone hit their car. A woman was wounded.").sentences
    assert [g.label for g in align_sentences(a, b).groups] == ["split"]
    assert [g.label for g in align_sentences(b, a).groups] == ["merged"]


def _labels(a: str, b: str) -> list[tuple[list[int], list[int], str]]:
    groups = align_sentences(segment(a).sentences, segment(b).sentences).groups
    return [(list(g.a), list(g.b), g.label) for g in groups]


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        ("Temperatures fell to -5 degrees.", "Temperatures fell to 5 degrees.", "edited"),
        ("Growth was \u22120.5%.", "Growth was 0.5%.", "edited"),
        ("Growth was \u22120.5%.", "Growth was -0.5%.", "unchanged"),
        ("Scores of 2-3 were seen.", "Scores of 2\u20133 were seen.", "unchanged"),
        ("Five people died.", "Six people died.", "edited"),
        ("Two died.", "Three died.", "edited"),
        ("Police arrived.", "Police arrived very late.", "edited"),
        ("Five people died on Sunday.", "Six men were killed on Sunday.", "rewritten"),
    ],
)
def test_a_sign_or_one_word_of_a_short_sentence_is_an_edit(a, b, label):
    assert _labels(a, b) == [([0], [0], label)]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (  # "blaze" is all the dropped sentence has in common with the kept one
            "Police said the fire started at 3 a.m. A firefighter was injured in the blaze.",
            "Police said the blaze started at 3 a.m.",
            [([0], [0], "edited"), ([1], [], "deleted")],
        ),
        (
            "The company reported a loss of $2 million. Its chief executive resigned in March.",
            "The company reported a loss of $2 million, its chief financial officer said.",
            [([0], [0], "edited"), ([1], [], "deleted")],
        ),
        (  # one word of its own, but most of the sentence is there
            "John Smith, 45, a teacher from Leeds, was arrested on Monday.",
            "John Smith was arrested on Monday. He is a 45-year-old teacher from Leeds.",
            [([0], [0, 1], "split")],
        ),
        (
            "The council approved the budget. It also raised parking fees.",
            "The council approved the budget and raised parking fees.",
            [([0, 1], [0], "merged")],
        ),
    ],
)
def test_a_word_in_common_does_not_hide_a_dropped_sentence_in_a_merge(a, b, expected):
    assert _labels(a, b) == expected


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("match_threshold", 1.5),
        ("moved_threshold", -0.1),
        ("window", -1),
        ("edited_threshold", "x"),
    ],
)
def test_bad_thresholds_are_parameter_errors(option, value):
    with pytest.raises(ParameterError, match=option):
        AlignmentThresholds(**{option: value})


def test_empty_tables_align_to_nothing():
    empty = segment("").sentences
    one = segment("Only one sentence here.").sentences
    assert align_sentences(empty, empty).groups == ()
    assert [g.label for g in align_sentences(empty, one).groups] == ["added"]


def test_alignment_frame_and_counts(seed_alignment):
    frame = seed_alignment.to_frame()
    assert list(frame.columns[:4]) == ["a", "b", "label", "score"]
    assert frame.loc[frame["label"] == "added", "a"].map(len).eq(0).all()
    counts = seed_alignment.counts()
    assert counts.sum() == len(frame) and counts["added"] >= 3
    assert storydiff.align.LABELS == tuple(counts.index)


# ---- inputs too large to align -------------------------------------------------------------------


def test_the_bound_on_sentence_pairs():
    from storydiff.align import MAX_SENTENCE_PAIRS, check_alignment_size
    from storydiff.errors import InputTooLargeError

    check_alignment_size(4000, 4000)  # exactly the bound: aligned
    assert MAX_SENTENCE_PAIRS == 4000 * 4000
    with pytest.raises(
        InputTooLargeError, match=r"^old.txt and new.txt: 4,001 and 4,000 sentences"
    ):
        check_alignment_size(4001, 4000, a="old.txt", b="new.txt")


def test_versions_too_long_to_align_stop_before_filling_the_memory():
    from storydiff.errors import InputTooLargeError

    long_a = " ".join(f"Item {n} was listed." for n in range(4001))
    long_b = " ".join(f"Item {n} was listed again." for n in range(4000))
    a, b = storydiff.Version("a", long_a), storydiff.Version("b", long_b)
    with pytest.raises(InputTooLargeError) as info:
        storydiff.compare(a, b)
    message = str(info.value)
    assert message.startswith("version 'a' and version 'b': 4,001 and 4,000 sentences")
    assert "storydiff.align.MAX_SENTENCE_PAIRS (16,000,000;" in message and "\n" not in message


@pytest.fixture
def small_bound(monkeypatch):
    """Align at most 100 sentence pairs, so that the bundled story (20 x 28) is too large."""
    monkeypatch.setattr("storydiff.align.MAX_SENTENCE_PAIRS", 100)


def test_every_way_in_names_the_inputs(small_bound, example_story, capsys):
    from storydiff.cli import main
    from storydiff.errors import InputTooLargeError

    with pytest.raises(InputTooLargeError, match="original.txt and .*rewrite.txt: 20 and 28"):
        storydiff.compare(example_story["original"], example_story["rewrite"])
    with pytest.raises(InputTooLargeError, match="original.txt and .*rewrite.txt"):
        storydiff.compare_story(example_story, pairs="reference")
    with pytest.raises(InputTooLargeError, match="^version a and version b: 20 and 28"):
        align_sentences(example_story["original"].sentences, example_story["rewrite"].sentences)
    assert main(["compare", str(storydiff.config.EXAMPLE_STORY_DIR)]) == 2
    printed = capsys.readouterr().err.strip()
    assert "560 sentence pairs to score" in printed and len(printed.splitlines()) == 1


def test_a_story_too_large_is_an_error_row_in_a_corpus(small_bound, example_story, tmp_path):
    import pandas as pd
    from storydiff.corpus import compare_corpus

    small = [("small", "v1", "Two men died."), ("small", "v2", "Two men were killed.")]
    large = [("large", version.id, version.text) for version in example_story]
    frame = pd.DataFrame(small + large, columns=["story", "version", "text"])
    result = compare_corpus(frame, tmp_path)
    tables = result.tables()
    assert tables["pairs"]["story"].tolist() == ["small"]
    error = tables["errors"].set_index("story").loc["large", "error"]
    assert error.startswith(
        "corpus story 'large' record 1 and corpus story 'large' record 2: 20 and"
    )
    assert "sentence pairs to score" in error


def test_the_size_is_checked_before_any_vector_is_fitted(small_bound, example_story, monkeypatch):
    from storydiff.errors import InputTooLargeError
    from storydiff.features import SentenceVectorizer

    def no_fitting(*args, **kwargs):
        raise AssertionError("vectors were fitted for a pair too long to align")

    monkeypatch.setattr(SentenceVectorizer, "fit_counts", no_fitting)
    for run in (
        lambda: storydiff.compare(example_story["original"], example_story["rewrite"]),
        lambda: storydiff.compare_story(example_story),
    ):
        with pytest.raises(InputTooLargeError):
            run()


# ---- long versions: aligned stretch by stretch ---------------------------------------------------


def _groups(alignment) -> set:
    return {(group.a, group.b, group.label) for group in alignment.groups}


def test_stretches_give_the_groups_of_every_pair_scored(monkeypatch, example_story):
    """Forced on articles of news length, the alignment by stretches finds the groups that
    scoring every sentence pair finds (on these 61 pairs, all 1,441)."""

    pairs = load_bench_script("synthetic").synthetic_pairs(60, seed=21)
    pairs.append((example_story["original"].text, example_story["rewrite"].text))
    same = total = 0
    for a, b in pairs:
        every_pair = storydiff.compare(a, b).aligned
        monkeypatch.setattr("storydiff.align.DIRECT_PAIRS", 0)
        stretches = storydiff.compare(a, b).aligned
        monkeypatch.undo()
        assert every_pair.similarity is not None and stretches.similarity is None
        assert sorted(i for g in stretches.groups for i in g.a) == sorted(
            i for g in every_pair.groups for i in g.a
        )  # every sentence in exactly one group either way
        same += len(_groups(every_pair) & _groups(stretches))
        total += len(_groups(every_pair))
    assert same == total > 1000


def test_a_long_revision_is_aligned_as_when_every_pair_is_scored(monkeypatch):
    """2,000 sentences a version, a third edited, some split, merged, moved, dropped: more than
    DIRECT_PAIRS, so aligned by stretches, with the labels of the full alignment."""

    a, b = load_bench_script("synthetic").synthetic_pair(random.Random(0), n_sentences=2000)
    stretches = storydiff.compare(a, b)
    assert stretches.aligned.similarity is None
    monkeypatch.setattr("storydiff.align.DIRECT_PAIRS", 10**12)
    every_pair = storydiff.compare(a, b)
    assert every_pair.aligned.similarity is not None
    assert stretches.counts.equals(every_pair.counts)
    assert stretches.counts["split"] > 50 and stretches.counts["edited"] > 500
    groups = _groups(every_pair.aligned)
    assert len(groups & _groups(stretches.aligned)) / len(groups) >= 0.995
    one_to_one = {
        (g.a, g.b): g.score for g in every_pair.aligned.groups if len(g.a) == len(g.b) == 1
    }
    for group in stretches.aligned.groups:
        if (group.a, group.b) in one_to_one:  # scored pair by pair: the same similarity
            assert group.score == pytest.approx(one_to_one[group.a, group.b], abs=1e-9)


def test_a_long_version_past_the_old_bound_is_compared():
    """4,500 one-line paragraphs, 20,250,000 sentence pairs: refused before the alignment by
    stretches, now compared (a few seconds)."""
    rng = random.Random(3)
    lines = [
        f"Entry {n}: the council heard item {rng.randint(1, 10**6)} on day {n}."
        for n in range(4500)
    ]
    revised = list(lines)
    del revised[100:110]  # ten deleted
    revised[2000] = "A correction was added to this entry."  # one rewritten
    revised.insert(3000, revised.pop(50))  # one moved far down
    revised[4000] = revised[4000].replace("heard", "discussed")  # one edited
    comparison = storydiff.compare("\n\n".join(lines), "\n\n".join(revised))
    counts = comparison.counts
    assert comparison.aligned.similarity is None
    assert counts["unchanged"] == 4500 - 10 - 1 - 1 - 1
    assert (counts["deleted"], counts["moved"], counts["edited"]) == (11, 1, 1)
    assert counts["added"] == 1


def test_versions_differing_throughout_stretch_the_bound_with_their_carried_sentences():
    from storydiff.align import check_forms_size
    from storydiff.errors import InputTooLargeError

    carried = [f"Kept {n}." for n in range(3000)]
    a = carried + [f"Old {n}." for n in range(5000)]
    b = carried + [f"New {n}." for n in range(5000)]
    with pytest.raises(InputTooLargeError) as info:
        check_forms_size(a, b, a="old.txt", b="new.txt")
    message = str(info.value)
    assert message.startswith(
        "old.txt and new.txt: 8,000 and 8,000 sentences, whose stretches between the sentences "
        "carried over word for word hold 25,000,000 sentence pairs to score"
    )
    assert "\n" not in message
    check_forms_size(carried + a[3000:4000], carried + b[3000:4000])  # 1,000,000 pairs: aligned


def test_sentences_left_unpaired_are_bounded_too(monkeypatch, example_story):
    """Sentences carried over, but what is left unpaired on both sides is more pairs than the
    bound allows to try as moved sentences: refused, naming the inputs."""
    from storydiff.errors import InputTooLargeError

    monkeypatch.setattr("storydiff.align.DIRECT_PAIRS", 0)
    monkeypatch.setattr("storydiff.align.MAX_SENTENCE_PAIRS", 20)
    kept = " ".join(f"The mayor spoke on day {n} of the strike." for n in range(5))
    a = kept + " " + " ".join(f"Rain {n} fell on {n * 7} farms near Lyon." for n in range(5))
    b = " ".join(f"Bonds {n} rose by {n * 3} points in Tokyo." for n in range(5)) + " " + kept
    with pytest.raises(InputTooLargeError) as info:
        storydiff.compare(storydiff.Version("old", a), storydiff.Version("new", b))
    assert str(info.value).startswith(
        "version 'old' and version 'new': 5 and 5 sentences left unpaired in order, to be tried "
        "as moved sentences, are 25 sentence pairs to score"
    )


def test_a_version_of_too_many_sentences_is_refused_by_name(monkeypatch, example_story):
    from storydiff.align import MAX_VERSION_SENTENCES, check_alignment_size
    from storydiff.errors import InputTooLargeError

    assert MAX_VERSION_SENTENCES == 50_000
    check_alignment_size(50_000, 10)
    with pytest.raises(InputTooLargeError, match=r"^big.txt: 50,001 sentences, more than"):
        check_alignment_size(10, 50_001, a="small.txt", b="big.txt")
    monkeypatch.setattr("storydiff.align.MAX_VERSION_SENTENCES", 25)
    with pytest.raises(InputTooLargeError, match=r"rewrite.txt: 28 sentences, more than .*25;"):
        storydiff.compare(example_story["original"], example_story["rewrite"])


def _reference_heading_pairs(a_headings, b_headings):
    """The heading pairs as they were found before headings were aligned by stretches: difflib's
    ratio of every pair, made afresh, then the in-order pairing."""
    import difflib

    import numpy as np
    from storydiff.align import _monotone_pairs

    if not a_headings or not b_headings:
        return []
    similarity = np.array(
        [
            [difflib.SequenceMatcher(None, x.lower(), y.lower()).ratio() for y in b_headings]
            for x in a_headings
        ]
    )
    return _monotone_pairs(similarity, 0.6)


@pytest.mark.parametrize("seed", range(12))
def test_headings_are_paired_as_every_pair_scored_says(seed):
    from storydiff.align import _heading_pairs

    rng = random.Random(seed)
    words = "Live Updates Strike Drone Mayor Vote Council Talks Day Night Timeline What".split()

    def heading():
        return " ".join(rng.choice(words) for _ in range(rng.randint(1, 5)))

    a = [heading() for _ in range(rng.randint(0, 60))]
    b = [h if rng.random() < 0.6 else heading() for h in a if rng.random() < 0.9]
    names = ("a", "b")
    assert _heading_pairs(a, b, names) == _reference_heading_pairs(a, b)


def test_a_live_blog_of_hundreds_of_headings(monkeypatch):
    """150 entries with a heading each (22,500 heading pairs, more than DIRECT_HEADING_PAIRS):
    headings aligned by stretches, the same pairs as scoring every pair."""
    from storydiff.align import _heading_pairs

    a = [f"{9 + n // 60}:{n % 60:02d} Update {n} on the strike" for n in range(150)]
    b = list(a)
    b[10] = b[10].replace("strike", "walkout")
    del b[100]
    b.insert(0, "Latest: talks resume")
    assert _heading_pairs(a, b, ("a", "b")) == _reference_heading_pairs(a, b)
    text_a = "\n\n".join(f"# {h}\n\nThe union said entry {n} was read." for n, h in enumerate(a))
    text_b = "\n\n".join(f"# {h}\n\nThe union said entry {n} was read." for n, h in enumerate(b))
    comparison = storydiff.compare(
        storydiff.Version("a", text_a, format="markdown"),
        storydiff.Version("b", text_b, format="markdown"),
    )
    headings = [g for g in comparison.aligned.groups if g.is_heading]
    assert sum(g.label == "unchanged" for g in headings) == 148
    assert [g.label for g in headings if g.label != "unchanged"].count("edited") == 1
