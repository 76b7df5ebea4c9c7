"""Tone with VADER: per-sentence scores and their cache, version profiles, shifts between versions,
entity tone, and the published NYT figure."""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from storydiff import tone
from storydiff.compare import compare
from storydiff.errors import ParameterError, StorydiffError, StorydiffWarning
from storydiff.story import Version
from storydiff.tone import (
    ToneComparison,
    ToneProfile,
    ToneShift,
    compare_tone,
    entity_tone,
    mean_tone,
    score_sentences,
    tone_labels,
    tone_profile,
    tone_shifts,
)

from .conftest import load_bench_script


@pytest.fixture(scope="module")
def seed_tone(example_story) -> ToneComparison:
    return compare_tone(compare(example_story["original"], example_story["rewrite"]))


@pytest.fixture
def counting_vader(monkeypatch):
    """VADER behind a counter of the texts it was asked to score; the cache starts empty."""
    calls: list[str] = []
    real = tone.vader_analyzer()

    class Counting:
        def polarity_scores(self, text):
            calls.append(text)
            return real.polarity_scores(text)

    tone.clear_cache()
    monkeypatch.setattr(tone, "vader_analyzer", lambda: Counting())
    yield calls
    tone.clear_cache()  # no score computed through the wrapper outlives the test


# -- importing ---------------------------------------------------------------------------------


def test_importing_tone_does_not_load_vader_or_nltk():
    code = (
        "import sys, storydiff, storydiff.tone; "
        "print(sorted(m for m in ('vaderSentiment', 'nltk', 'sklearn') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# -- scoring and the cache ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "n_rows"),
    [
        ([], 0),
        (["It was good."], 1),
        (["It was good.", "It was bad.", "It was good."], 3),
    ],
)
def test_score_sentences_shape(texts, n_rows):
    frame = score_sentences(texts)
    assert list(frame.columns) == ["neg", "neu", "pos", "compound"]
    assert len(frame) == n_rows
    assert frame["compound"].between(-1, 1).all()


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Two men were killed.", -1),
        ("Two men died.", -1),
        ("Talks were useful.", 1),
        ("The plan is not good.", -1),
        ("The meeting was held on Tuesday.", 0),
        ("Ukraine\u2019s leaders can\u2019t agree.", -1),  # curly apostrophe: still a negation
    ],
)
def test_score_sentences_signs(text, sign):
    compound = score_sentences([text])["compound"].iloc[0]
    assert np.sign(round(compound, 2)) == sign


def test_score_sentences_keeps_a_series_index():
    texts = pd.Series(["Good.", "Bad."], index=[7, 3])
    assert score_sentences(texts).index.tolist() == [7, 3]


@pytest.mark.parametrize("bad", ["One sentence.", b"bytes"])
def test_score_sentences_refuses_a_bare_string(bad):
    with pytest.raises(ParameterError, match="not one string"):
        score_sentences(bad)


def test_score_sentences_refuses_non_strings():
    with pytest.raises(ParameterError, match="takes strings"):
        score_sentences(["Fine.", None])


def test_identical_sentences_are_scored_once(counting_vader):
    shared = "Authorities have convened emergency meetings."
    a = Version("a", f"{shared} Two men died. Talks were useful.")
    b = Version("b", f"Two men were killed. {shared} Talks were useful.")
    tone_profile(a)
    tone_profile(b)
    distinct = set(a.sentences["norm"]) | set(b.sentences["norm"])
    assert len(distinct) == 4
    assert sorted(counting_vader) == sorted(distinct)
    assert tone.cache_info().misses == 4 and tone.cache_info().hits == 2


def test_compare_tone_scores_each_distinct_sentence_once(counting_vader, example_story):
    # new Version objects: the fixture's remember the profiles other tests asked for
    a, b = (replace(example_story[v]) for v in ("original", "rewrite"))
    comparison = compare(a, b)
    compare_tone(comparison)
    distinct = set(comparison.a.sentences["norm"]) | set(comparison.b.sentences["norm"])
    assert len(counting_vader) == len(set(counting_vader)) == len(distinct)


def test_missing_vader_is_an_actionable_error(monkeypatch):
    tone.vader_analyzer.cache_clear()
    monkeypatch.setitem(sys.modules, "vaderSentiment", None)
    monkeypatch.setitem(sys.modules, "vaderSentiment.vaderSentiment", None)
    try:
        with pytest.raises(StorydiffError, match="pip install"):
            tone.vader_analyzer()
    finally:
        tone.vader_analyzer.cache_clear()


# -- labels ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("compound", "options", "expected"),
    [
        ([], {}, []),
        ([0.05], {}, ["positive"]),
        ([-0.05], {}, ["negative"]),
        ([0.049, -0.049, 0.0], {}, ["neutral"] * 3),
        ([0.3, -0.3], {"positive": 0.5, "negative": -0.5}, ["neutral", "neutral"]),
    ],
)
def test_tone_labels(compound, options, expected):
    assert tone_labels(compound, **options).tolist() == expected


@pytest.mark.parametrize(("positive", "negative"), [(0.0, 0.0), (-0.1, 0.1), (2.0, -0.05)])
def test_bad_thresholds_are_refused(positive, negative):
    with pytest.raises(ParameterError, match="thresholds"):
        tone_labels([0.0], positive=positive, negative=negative)
    with pytest.raises(ParameterError, match="thresholds"):
        tone_profile(pd.DataFrame({"text": ["Fine."]}), positive=positive, negative=negative)


# -- profiles ----------------------------------------------------------------------------------


def _table(texts, headings=()):
    return pd.DataFrame({"text": texts, "is_heading": [i in headings for i in range(len(texts))]})


@pytest.mark.parametrize(
    ("source", "n", "mean", "shares"),
    [
        (pd.DataFrame({"text": []}, dtype=str), 0, None, (0.0, 0.0, 0.0)),
        (_table(["War News"], headings=(0,)), 0, None, (0.0, 0.0, 0.0)),
        (_table(["What a great day!"]), 1, 0.6588, (1.0, 0.0, 0.0)),
        (_table(["Two men died.", "It rained."]), 2, -0.2787, (0.0, 0.5, 0.5)),
        (_table(["Toll", "Two men died.", "Talks were useful."], [0]), 2, -0.0585, (0.5, 0.5, 0)),
        (Version("v", "Two men died. Talks were useful."), 2, -0.0585, (0.5, 0.5, 0.0)),
    ],
    ids=["empty", "heading-only", "single", "two", "heading-excluded", "version"],
)
def test_tone_profile(source, n, mean, shares):
    profile = tone_profile(source)
    assert isinstance(profile, ToneProfile)
    assert profile.n_sentences == n
    if mean is None:
        assert math.isnan(profile.mean) and profile.to_dict()["mean"] is None
    else:
        assert profile.mean == pytest.approx(mean, abs=1e-4)
    got = (profile.share_positive, profile.share_negative, profile.share_neutral)
    assert got == pytest.approx(shares)
    assert sum(got) == pytest.approx(1.0 if n else 0.0)
    table = profile.to_frame()
    assert list(table.columns) == ["text", "is_heading", "compound", "neg", "neu", "pos", "label"]
    assert len(table) == len(source.sentences if isinstance(source, Version) else source)
    assert set(table["label"]) <= {"positive", "neutral", "negative"}
    assert profile.to_dict()["n_sentences"] == n


def test_tone_profile_keeps_sentence_ids_and_version(example_story):
    version = example_story["rewrite"]
    profile = tone_profile(version)
    assert profile.version == "rewrite"
    assert profile.to_frame().index.tolist() == version.sentences.index.tolist()
    assert profile.to_frame().index.name == "sentence"
    assert profile.n_sentences == int((~version.sentences["is_heading"]).sum())
    assert profile.to_frame()["is_heading"].sum() == 3  # headings scored, flagged, not counted


def test_tone_profile_thresholds_change_labels_only():
    table = _table(["Talks were useful.", "It was fine, I guess."])
    strict = tone_profile(table, positive=0.5, negative=-0.5)
    loose = tone_profile(table)
    assert strict.mean == loose.mean
    assert strict.share_positive < loose.share_positive
    assert strict.to_dict()["positive"] == 0.5


def test_tone_profile_does_not_mutate_its_input():
    table = _table(["Two men died."])
    before = table.copy()
    tone_profile(table)
    pd.testing.assert_frame_equal(table, before)


@pytest.mark.parametrize(
    ("bad", "match"),
    [
        ("Two men died.", "not a string"),
        (pd.DataFrame({"sentence": ["x"]}), "no 'text' column"),
        (["Two men died."], "takes a Version or a sentence table"),
    ],
)
def test_tone_profile_refuses_bad_input(bad, match):
    with pytest.raises(ParameterError, match=match):
        tone_profile(bad)


# -- shifts between versions -------------------------------------------------------------------


def test_seed_shift_of_the_killed_and_died_group(seed_tone):
    frame = seed_tone.to_frame()
    mask = frame["a_text"].str.contains("two men were killed") & frame["b_text"].str.contains(
        "two men died"
    )
    assert mask.sum() == 1
    row = frame[mask].iloc[0]
    assert row["a_compound"] < 0 and row["b_compound"] < 0
    assert row["delta"] == pytest.approx(row["b_compound"] - row["a_compound"])
    assert row["abs_delta"] == pytest.approx(abs(row["delta"])) and not math.isnan(row["delta"])


def test_seed_shifts_are_sorted_and_cover_every_two_sided_group(seed_tone, example_story):
    frame = tone_shifts(compare(example_story["original"], example_story["rewrite"]))
    pd.testing.assert_frame_equal(frame, seed_tone.to_frame())
    assert frame["abs_delta"].is_monotonic_decreasing
    assert list(frame.columns) == [
        "label",
        "is_heading",
        "a",
        "b",
        "a_text",
        "b_text",
        "a_compound",
        "b_compound",
        "delta",
        "abs_delta",
    ]
    comparison = compare(example_story["original"], example_story["rewrite"])
    two_sided = [i for i, g in enumerate(comparison.aligned.groups) if g.a and g.b]
    assert sorted(frame.index) == two_sided
    assert all(isinstance(shift, ToneShift) for shift in seed_tone.shifts)


def test_group_tone_is_the_mean_of_its_sentences(seed_tone):
    split = next(s for s in seed_tone.shifts if len(s.b) > 1)
    b_table = seed_tone.b.to_frame()
    assert split.b_compound == pytest.approx(b_table.loc[list(split.b), "compound"].mean())


def test_seed_to_dict(seed_tone):
    data = seed_tone.to_dict()
    assert set(data) == {"a", "b", "mean_delta", "shifts"}
    assert data["a"]["version"] == "original" and data["b"]["version"] == "rewrite"
    assert data["mean_delta"] == pytest.approx(seed_tone.b.mean - seed_tone.a.mean, abs=1e-4)
    assert len(data["shifts"]) == len(seed_tone.shifts)
    assert data["shifts"][0]["abs_delta"] == round(seed_tone.shifts[0].abs_delta, 4)


@pytest.mark.parametrize(
    ("a", "b", "n_shifts"),
    [
        ("Two men died.", "Two men died.", 1),
        ("Two men died.", "Two men were killed.", 1),
        ("The sky is blue today.", "Quarterly profits rose sharply at the bank.", 0),
    ],
    ids=["single-identical", "single-edited", "no-shared-group"],
)
def test_compare_tone_small_cases(a, b, n_shifts):
    result = compare_tone(compare(a, b))
    frame = result.to_frame()
    assert len(result.shifts) == len(frame) == n_shifts
    assert frame.index.name == "group"
    assert result.a.n_sentences == result.b.n_sentences == 1
    if n_shifts == 0:
        assert list(frame.columns)[-2:] == ["delta", "abs_delta"]
    if a == b:
        assert frame["delta"].tolist() == [0.0]


# -- entities ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ([], {}),
        (["Xi"], {"Xi": 0}),
        (["Putin"], {"Putin": 2}),
        (["putin"], {"putin": 0}),  # case-sensitive by default
        (["Put"], {"Put": 0}),  # whole words only
    ],
)
def test_entity_tone_counts(names, expected):
    texts = ["Putin Wins", "Putin praised the talks.", "Trump was angry.", "Putin met Trump."]
    profile = tone_profile(_table(texts, headings=(0,)))
    frame = entity_tone(profile, names)
    assert frame["n_sentences"].to_dict() == expected
    assert frame.loc[[k for k, v in expected.items() if not v], "mean"].isna().all()


def test_entity_tone_ignoring_case_and_both_versions(seed_tone):
    profile = tone_profile(_table(["PUTIN praised the talks."]))
    assert entity_tone(profile, ["Putin"], case_sensitive=False)["n_sentences"].tolist() == [1]
    both = seed_tone.entity_tone(["Putin", "Kushner"])
    assert list(both.columns) == ["a_n_sentences", "a_mean", "b_n_sentences", "b_mean", "delta"]
    assert (both[["a_n_sentences", "b_n_sentences"]] > 0).all().all()


@pytest.mark.parametrize(("names", "match"), [("Putin", "not one string"), ([""], "empty")])
def test_entity_tone_refuses_bad_names(names, match):
    with pytest.raises(ParameterError, match=match):
        entity_tone(tone_profile(_table(["Fine."])), names)


# -- the published figure ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def vader_bench():
    return load_bench_script("vader_nyt")


def test_weighted_prf_matches_scikit_learn(vader_bench):
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(0)
    gold, predicted = rng.integers(-1, 2, 300), rng.integers(-1, 2, 300)
    predicted[predicted == 0] = 1  # a class never predicted: precision 0
    expected = metrics.precision_recall_fscore_support(
        gold, predicted, average="weighted", zero_division=0
    )[:3]
    assert vader_bench.weighted_prf(gold, predicted) == pytest.approx(expected)


def test_vader_reproduces_the_published_nyt_correlation(vader_bench):
    path = vader_bench.data_path()
    if not path.is_file():
        pytest.skip(f"VADER NYT evaluation data not found at {path} (set STORYDIFF_EVAL_DIR)")
    result = vader_bench.evaluate(path)
    assert result["n"] == 5190
    assert 0.48 <= result["r"] <= 0.52
    assert result["precision"] == pytest.approx(0.69, abs=0.02)
    assert result["recall"] == pytest.approx(0.49, abs=0.02)
    assert result["f1"] == pytest.approx(0.55, abs=0.02)


def test_vader_bench_exits_1_without_data(vader_bench, tmp_path, capsys):
    assert vader_bench.main(["--eval-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "not found" in err


# -- the arc: tone along the text ----------------------------------------------------------------


def test_arc_of_the_seed(example_story):
    profile = tone_profile(example_story["rewrite"])
    arc = profile.arc()
    body = profile.body
    assert list(arc.index) == list(body.index) and len(arc) == profile.n_sentences == 28
    assert list(arc.columns) == ["position", "compound", "running_mean"]
    assert arc["compound"].tolist() == body["compound"].tolist() == arc["running_mean"].tolist()
    positions = arc["position"].to_numpy()
    assert (0 < positions).all() and (positions < 1).all() and (np.diff(positions) > 0).all()
    # a sentence's middle: the characters before it and half its own, one more for each space
    lengths = body["text"].str.len().to_numpy() + 1.0
    assert positions[1] == pytest.approx((lengths[0] + lengths[1] / 2) / lengths.sum())


@pytest.mark.parametrize("window", [2, 3, 7, 100])
def test_arc_running_mean_is_centred(window, example_story):
    arc = tone_profile(example_story["rewrite"]).arc(window=window)
    scores = arc["compound"].to_numpy()
    for k in range(len(scores)):
        # window // 2 sentences before; after, as many for an odd window, one fewer for an even
        window_scores = scores[max(0, k - window // 2) : k + (window - 1) // 2 + 1]
        assert arc["running_mean"].iloc[k] == pytest.approx(window_scores.mean())


def test_arc_of_no_sentences_and_bad_windows():
    empty = tone_profile(pd.DataFrame({"text": ["Talks"], "is_heading": [True]})).arc(window=5)
    assert empty.empty and list(empty.columns) == ["position", "compound", "running_mean"]
    profile = tone_profile(pd.DataFrame({"text": ["Talks failed."]}))
    for bad in (0, -3, 2.5, True, "5"):
        with pytest.raises(ParameterError, match="window must be a whole number >= 1"):
            profile.arc(window=bad)


def test_a_version_not_in_latin_letters_gets_no_mean_tone():
    """VADER's lexicon is English: a Russian sentence about deaths scored 0, read as neutral."""
    with pytest.warns(StorydiffWarning, match="'ru': written mostly in letters other than Latin"):
        russian = Version(
            "ru", "Президент сказал, что двое мужчин погибли. Переговоры продолжатся."
        )
    assert "the tone, readability" in russian.warnings[0]
    assert math.isnan(tone_profile(russian).mean) and math.isnan(mean_tone(russian))
    english = Version("en", "Two men were killed. Talks will go on.")
    assert tone_profile(english).mean < 0 and mean_tone(english) == tone_profile(english).mean


def test_a_sentence_too_long_for_vader_is_scored_in_pieces():
    """Text without sentence ends (20,000 words in one "sentence") took VADER about 20 s a
    version: its time grows with the square of a sentence's words."""
    from storydiff.tone import MAX_VADER_WORDS, vader_analyzer  # noqa: PLC0415

    good = " ".join(["the", "rescue", "was", "a", "great", "success"] * 300)
    bad = " ".join(["the", "attack", "was", "a", "terrible", "disaster"] * 300)
    assert len(good.split()) < MAX_VADER_WORDS < len(good.split()) * 2
    scored = score_sentences([good + " " + bad]).iloc[0]
    pieces = [p.split() for p in (good, bad)]
    words = [*pieces[0], *pieces[1]]
    chunks = [words[k : k + MAX_VADER_WORDS] for k in range(0, len(words), MAX_VADER_WORDS)]
    compounds = [vader_analyzer().polarity_scores(" ".join(c))["compound"] for c in chunks]
    expected = sum(c * len(chunk) for c, chunk in zip(compounds, chunks, strict=True)) / len(words)
    assert scored["compound"] == pytest.approx(expected)
    assert -1 < scored["compound"] < 1 and scored["neg"] > 0 and scored["pos"] > 0
