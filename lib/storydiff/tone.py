"""Tone of each sentence with VADER, per version and across two versions.

VADER (Hutto & Gilbert 2014) is a lexicon of about 7,500 words and emoticons, each rated by
people from -4 (very negative) to +4 (very positive), with a few rules on top: negation ("not
good"), intensifiers ("very good"), "but" shifting weight to what follows, capitals and
exclamation marks. For a piece of text it gives the shares of negative, neutral and positive
words (``neg``, ``neu``, ``pos``) and a *compound* score between -1 and +1. The usual reading,
used here, is compound >= 0.05 positive, <= -0.05 negative, neutral in between.

Why per sentence: the compound score is a squashed sum, so on a long text it runs to -1 or +1
and stops telling texts apart. This module scores every sentence on its own and averages; it
never scores a whole article. A group of several sentences gets the mean of its sentences.

Caveats on news text:

* VADER scores words, not events or stances. "Two men were killed" (-0.67) and "two men died"
  (-0.56) are both negative, and the difference between them is a difference in the lexicon's
  ratings of "killed" and "died", not a measured difference in blame or framing.
* Negation is found from a fixed word list a few words back; longer or implicit negation is
  missed. Curly apostrophes hide it altogether ("can’t agree" scores +0.36, "can't agree"
  -0.28), so sentences are scored in their normalised form (:func:`storydiff.normalize_text`).
* Quoted words count as the writer's: "'We are very happy,' the minister said" is positive
  although the article only reports someone else's feelings.
* The lexicon was built on social media; on NYT editorial sentences its compound score
  correlates with the mean human rating at r = 0.49 (individual people reach 0.75). Read the
  scores as a rough, comparable indicator, and read the sentences behind any large shift.

VADER comes from the ``vaderSentiment`` package, which carries its lexicon; it is imported the
first time a sentence is scored, never when ``storydiff`` is imported. Scores are cached per
distinct (normalised) sentence, so a sentence that two versions share is scored once.

Examples
--------
>>> from storydiff import Story, compare
>>> story = Story.from_texts({"wire": "Two men died. Talks were useful.",
...                           "rewrite": "Two men were killed. Talks were useful."})
>>> profile = tone_profile(story["wire"])
>>> profile.to_frame()[["text", "compound", "label"]]
                     text  compound     label
sentence
0           Two men died.   -0.5574  negative
1       Talks were useful.   0.4404  positive
>>> round(profile.mean, 4), profile.share_negative
(-0.0585, 0.5)
>>> tone = compare_tone(compare(story["wire"], story["rewrite"]))
>>> tone.to_frame()[["label", "a_compound", "b_compound", "delta"]]
           label  a_compound  b_compound   delta
group
0      rewritten     -0.5574     -0.6705 -0.1131
1      unchanged      0.4404      0.4404  0.0000
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import ParameterError, StorydiffError
from .frames import typed_frame
from .normalize import mostly_latin, normalize_text
from .story import Version

if TYPE_CHECKING:  # pragma: no cover
    from .compare import Comparison

POSITIVE_THRESHOLD = 0.05
"""Compound score from which a sentence counts as positive (Hutto & Gilbert's threshold)."""

NEGATIVE_THRESHOLD = -0.05
"""Compound score up to which a sentence counts as negative."""

TONE_LABELS = ("positive", "neutral", "negative")
"""The three tone classes of a sentence."""

SCORE_COLUMNS = ("neg", "neu", "pos", "compound")
"""VADER's four scores, as columns of :func:`score_sentences`."""

CACHE_SIZE = 2**16
"""How many distinct sentences keep their scores in memory."""

_PROFILE_COLUMNS = ["text", "is_heading", "compound", "neg", "neu", "pos", "label"]
_SHIFT_COLUMNS = [
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


@functools.cache
def vader_analyzer():
    """Return VADER's analyzer (``vaderSentiment.SentimentIntensityAnalyzer``), built once.

    Raises
    ------
    StorydiffError
        When the ``vaderSentiment`` package is not installed.
    """
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: PLC0415
    except ImportError as error:
        raise StorydiffError(
            "tone analysis needs the vaderSentiment package (it carries the VADER lexicon); "
            "install it with: pip install 'vaderSentiment>=3.3.2'"
        ) from error
    return SentimentIntensityAnalyzer()


MAX_VADER_WORDS = 2_000
"""Longest text VADER scores whole. A longer one (text without sentence ends: a caption dump, a
flattened table) is scored in pieces of this many words, its scores their means weighted by
words: VADER's time grows with the square of a text's words (it lower-cases the whole text
again for every word it checks for a negation), and 20,000 words in one "sentence" took about
20 s a version. No sentence of prose is near it, nor most whole articles (lesson 3 scores one
whole)."""


@functools.lru_cache(maxsize=CACHE_SIZE)
def _vader_scores(text: str) -> tuple[float, float, float, float]:
    """VADER's (neg, neu, pos, compound) of one normalised sentence, cached per distinct text
    (a sentence of more than :data:`MAX_VADER_WORDS` words scored in pieces)."""
    analyzer = vader_analyzer()
    words = text.split()
    if len(words) <= MAX_VADER_WORDS:
        scores = analyzer.polarity_scores(text)
        return tuple(float(scores[key]) for key in SCORE_COLUMNS)  # type: ignore[return-value]
    pieces = [words[k : k + MAX_VADER_WORDS] for k in range(0, len(words), MAX_VADER_WORDS)]
    totals = dict.fromkeys(SCORE_COLUMNS, 0.0)
    for piece in pieces:
        scores = analyzer.polarity_scores(" ".join(piece))
        for key in SCORE_COLUMNS:
            totals[key] += float(scores[key]) * len(piece)
    return tuple(totals[key] / len(words) for key in SCORE_COLUMNS)  # type: ignore[return-value]


def cache_info() -> functools._CacheInfo:
    """Hits, misses and size of the per-sentence score cache.

    Examples
    --------
    >>> clear_cache()
    >>> _ = score_sentences(["It was good.", "It was good.", "It was bad."])
    >>> cache_info().misses, cache_info().hits
    (2, 1)
    """
    return _vader_scores.cache_info()


def clear_cache() -> None:
    """Forget every cached sentence score (the next scoring calls VADER again)."""
    _vader_scores.cache_clear()


def _check_texts(texts, what: str = "texts") -> None:
    if isinstance(texts, str | bytes):
        raise ParameterError(
            f"{what} must be a list of sentences, not one string; wrap it: [{texts[:30]!r}]"
        )


def score_sentences(texts: Iterable[str], *, normalize: bool = True) -> pd.DataFrame:
    """VADER's scores of each sentence.

    Parameters
    ----------
    texts : iterable of str or Series
        One sentence per item (a Series keeps its index).
    normalize : bool
        Score the comparison form of each text (:func:`storydiff.normalize_text`: straight quotes
        and apostrophes, so that "can’t" is read as a negation). On by default.

    Returns
    -------
    DataFrame
        Columns ``neg``, ``neu``, ``pos``, ``compound``; one row per text, in order.

    Examples
    --------
    >>> score_sentences(["Two men were killed.", "Talks were useful.", "It rained."])
       neg    neu    pos  compound
    0  0.6  0.400  0.000   -0.6705
    1  0.0  0.408  0.592    0.4404
    2  0.0  1.000  0.000    0.0000
    """
    _check_texts(texts)
    index = texts.index if isinstance(texts, pd.Series) else None
    rows = []
    for text in texts:
        if not isinstance(text, str):
            raise ParameterError(
                f"score_sentences() takes strings; got {type(text).__name__} ({text!r})"
            )
        rows.append(_vader_scores(normalize_text(text) if normalize else text))
    frame = pd.DataFrame(rows, columns=list(SCORE_COLUMNS), dtype=float)
    if index is not None:
        frame.index = index
    return frame


def _check_thresholds(positive: float, negative: float) -> None:
    if not (-1.0 <= negative < positive <= 1.0):
        raise ParameterError(
            f"tone thresholds must satisfy -1 <= negative < positive <= 1; got "
            f"negative={negative}, positive={positive} (the usual values are -0.05 and 0.05)"
        )


def tone_labels(
    compound, *, positive: float = POSITIVE_THRESHOLD, negative: float = NEGATIVE_THRESHOLD
) -> np.ndarray:
    """The tone class of each compound score: ``positive``, ``negative`` or ``neutral``.

    Parameters
    ----------
    compound : array-like of float
    positive : float
        Scores at or above it are positive.
    negative : float
        Scores at or below it are negative; the rest are neutral.

    Examples
    --------
    >>> tone_labels([0.5, 0.05, 0.0, -0.05]).tolist()
    ['positive', 'positive', 'neutral', 'negative']
    """
    _check_thresholds(positive, negative)
    values = np.asarray(compound, dtype=float)
    return np.where(
        values >= positive, "positive", np.where(values <= negative, "negative", "neutral")
    ).astype(object)


def _nan_to_none(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 4)


@dataclass(frozen=True)
class ToneProfile:
    """The tone of one version, sentence by sentence and overall.

    Attributes
    ----------
    version : str or None
        The version's id (None for a bare sentence table).
    sentences : DataFrame
        One row per sentence, indexed by sentence id: ``text``, ``is_heading``, ``compound``,
        ``neg``, ``neu``, ``pos``, ``label`` (``positive``, ``neutral`` or ``negative``).
        Headings are kept and scored, and flagged by ``is_heading``.
    mean : float
        Mean compound score of the sentences that are not headings (NaN when there are none,
        or when most of the version's letters are not Latin: VADER's lexicon is English, and
        scores a Russian or Arabic sentence 0, which would read as neutral).
    share_positive, share_negative, share_neutral : float
        Shares of those sentences in each class (all 0 when there are none).
    n_sentences : int
        Number of sentences that are not headings (the base of the aggregates).
    positive, negative : float
        The thresholds the labels were drawn with.
    """

    version: str | None
    sentences: pd.DataFrame = field(repr=False)
    mean: float
    share_positive: float
    share_negative: float
    share_neutral: float
    n_sentences: int
    positive: float = POSITIVE_THRESHOLD
    negative: float = NEGATIVE_THRESHOLD

    @property
    def body(self) -> pd.DataFrame:
        """The sentence table without headings (the rows the aggregates are computed on)."""
        return self.sentences[~self.sentences["is_heading"].to_numpy(bool)]

    def arc(self, *, window: int = 1) -> pd.DataFrame:
        """The tone along the text: where each sentence stands, its score and a running mean.

        Parameters
        ----------
        window : int, default 1
            Sentences in the running mean, centred on each sentence (an even window reaches
            one sentence further back than forward; fewer sentences at the two ends); 1 gives
            the scores themselves.

        Returns
        -------
        DataFrame
            One row per sentence that is not a heading, indexed by sentence id: ``position``,
            the middle of the sentence as a share of the version's length (its sentences'
            characters, one more for each space between them), so that versions of different
            lengths overlay; ``compound``; ``running_mean``.

        Examples
        --------
        >>> from storydiff import Version
        >>> profile = tone_profile(Version("a", "Talks failed. Nothing new. Talks went well."))
        >>> profile.arc(window=3).round(3)
                  position  compound  running_mean
        sentence
        0            0.159    -0.511        -0.255
        1            0.466     0.000        -0.079
        2            0.807     0.273         0.137
        """
        if isinstance(window, bool) or not isinstance(window, int) or window < 1:
            raise ParameterError(f"window must be a whole number >= 1, got {window!r}")
        body = self.body
        lengths = body["text"].astype(str).str.len().to_numpy(float) + 1.0
        middles = (np.cumsum(lengths) - lengths / 2) / lengths.sum() if len(body) else lengths
        compound = body["compound"].astype(float)
        return pd.DataFrame(
            {
                "position": middles,
                "compound": compound.to_numpy(),
                "running_mean": compound.rolling(window, center=True, min_periods=1)
                .mean()
                .to_numpy(),
            },
            index=body.index,
        )

    def to_frame(self) -> pd.DataFrame:
        """The per-sentence table (a copy of :attr:`sentences`)."""
        return self.sentences.copy()

    def to_dict(self) -> dict:
        """The aggregates as JSON-ready data (``mean`` is None when there are no sentences)."""
        return {
            "version": self.version,
            "n_sentences": self.n_sentences,
            "mean": _nan_to_none(self.mean),
            "share_positive": round(self.share_positive, 4),
            "share_negative": round(self.share_negative, 4),
            "share_neutral": round(self.share_neutral, 4),
            "positive": self.positive,
            "negative": self.negative,
        }


def _sentence_table(source) -> tuple[str | None, pd.DataFrame]:
    if isinstance(source, Version):
        return source.id, source.sentences
    if isinstance(source, pd.DataFrame):
        if "text" not in source.columns:
            raise ParameterError(
                "the sentence table has no 'text' column (its columns: "
                f"{', '.join(map(str, source.columns)) or 'none'}); pass Version.sentences "
                "or a DataFrame with one sentence per row in 'text'"
            )
        return None, source
    if isinstance(source, str):
        raise ParameterError(
            "tone_profile() takes a Version or a sentence table, not a string; "
            "build a version with storydiff.Version('id', text)"
        )
    raise ParameterError(
        f"tone_profile() takes a Version or a sentence table; got {type(source).__name__}"
    )


def tone_profile(
    source: Version | pd.DataFrame,
    *,
    positive: float = POSITIVE_THRESHOLD,
    negative: float = NEGATIVE_THRESHOLD,
) -> ToneProfile:
    """Score every sentence of a version and sum up its tone.

    Parameters
    ----------
    source : Version or DataFrame
        A version, or a sentence table with a ``text`` column (optionally ``norm``, the text to
        score, and ``is_heading``) indexed by sentence id; it may be empty.
    positive, negative : float
        Compound thresholds of the positive and negative classes (defaults 0.05 and -0.05).

    Returns
    -------
    ToneProfile
        Headings are scored and kept in the table, but left out of the aggregates.

    Examples
    --------
    >>> empty = pd.DataFrame({"text": []}, dtype=str)
    >>> profile = tone_profile(empty)
    >>> profile.n_sentences, profile.mean, profile.share_positive
    (0, nan, 0.0)
    >>> tone_profile(pd.DataFrame({"text": ["What a great day!"]})).to_dict()["mean"]
    0.6588
    """
    _check_thresholds(positive, negative)
    if isinstance(source, Version):
        return source.remember(
            ("tone_profile", positive, negative),
            lambda: _profile(source, positive=positive, negative=negative),
        )
    return _profile(source, positive=positive, negative=negative)


def _profile(source, *, positive: float, negative: float) -> ToneProfile:
    version_id, table = _sentence_table(source)
    texts = table["norm"] if "norm" in table.columns else table["text"].map(normalize_text)
    scores = score_sentences(texts.astype(str), normalize=False)
    frame = pd.DataFrame(
        {
            "text": table["text"].astype(object),
            "is_heading": (
                table["is_heading"].astype(bool)
                if "is_heading" in table.columns
                else pd.Series(False, index=table.index, dtype=bool)
            ),
        },
        index=table.index,
    )
    frame = frame.join(scores[["compound", "neg", "neu", "pos"]])
    frame["label"] = tone_labels(frame["compound"], positive=positive, negative=negative)
    frame = frame[_PROFILE_COLUMNS]
    frame.index.name = table.index.name or "sentence"
    body = frame[~frame["is_heading"].to_numpy(bool)]
    n = len(body)
    share = {k: float((body["label"] == k).sum() / n) if n else 0.0 for k in TONE_LABELS}
    english = mostly_latin(" ".join(body["text"].astype(str))) if n else False
    return ToneProfile(
        version=version_id,
        sentences=frame,
        mean=float(body["compound"].mean()) if n and english else math.nan,
        share_positive=share["positive"],
        share_negative=share["negative"],
        share_neutral=share["neutral"],
        n_sentences=n,
        positive=positive,
        negative=negative,
    )


def mean_tone(version: Version) -> float:
    """The mean compound score of a version's sentences that are not headings, as
    :attr:`ToneProfile.mean` has it, without building the per-sentence table (for corpora).

    Examples
    --------
    >>> round(mean_tone(Version("v", "What a great day! It rained.")), 4)
    0.3294
    """
    if not mostly_latin(version.text):
        return math.nan
    segmentation = version.segmentation
    compound = SCORE_COLUMNS.index("compound")
    values = [
        _vader_scores(text)[compound]
        for text, unit in zip(segmentation.norms, segmentation.units, strict=True)
        if not unit[3]  # a heading
    ]
    return float(np.mean(np.asarray(values, dtype=float))) if values else math.nan


def entity_tone(
    profile: ToneProfile, names: Sequence[str], *, case_sensitive: bool = True
) -> pd.DataFrame:
    """Mean tone of the sentences that mention each name (headings left out).

    A sentence mentions a name when the name occurs in it as whole words (in the normalised
    text). The tone is that of the whole sentence, not of what it says about the name.

    Parameters
    ----------
    profile : ToneProfile
    names : sequence of str
        Entity names, e.g. ``["Putin", "Trump"]``.
    case_sensitive : bool
        Match names with their capitals (default), which keeps "Bush" apart from "bush".

    Returns
    -------
    DataFrame
        Indexed by ``entity``: ``n_sentences``, ``mean`` (NaN when no sentence mentions it),
        ``share_positive``, ``share_negative``.

    Examples
    --------
    >>> table = pd.DataFrame({"text": ["Putin praised the talks.", "Trump was angry.",
    ...                                "Putin and Trump met."]})
    >>> entity_tone(tone_profile(table), ["Putin", "Trump", "Xi"])
            n_sentences    mean  share_positive  share_negative
    entity
    Putin             2  0.2470             0.5             0.0
    Trump             2 -0.2553             0.0             0.5
    Xi                0     NaN             0.0             0.0
    """
    _check_texts(names, "names")
    body = profile.body
    texts = body["text"].astype(str).map(normalize_text)
    flags = 0 if case_sensitive else re.IGNORECASE
    rows = []
    for name in names:
        wanted = normalize_text(str(name))
        if not wanted:
            raise ParameterError("entity_tone() got an empty entity name; drop it from the list")
        pattern = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)", flags)
        hits = body[texts.map(lambda text, p=pattern: p.search(text) is not None).to_numpy(bool)]
        n = len(hits)
        rows.append(
            {
                "entity": wanted,
                "n_sentences": n,
                "mean": round(float(hits["compound"].mean()), 4) if n else math.nan,
                "share_positive": float((hits["label"] == "positive").sum() / n) if n else 0.0,
                "share_negative": float((hits["label"] == "negative").sum() / n) if n else 0.0,
            }
        )
    columns = ["entity", "n_sentences", "mean", "share_positive", "share_negative"]
    return typed_frame(rows, columns, {"n_sentences": int, "mean": float}).set_index("entity")


@dataclass(frozen=True)
class ToneShift:
    """How the tone of one aligned group changed from *a* to *b*.

    Attributes
    ----------
    group : int
        The group's position in the alignment (:attr:`storydiff.Comparison.alignment` row).
    label : str
        What happened to the group (``edited``, ``rewritten``, ``split``, ...).
    is_heading : bool
    a, b : tuple of int
        Sentence ids on each side (both non-empty).
    a_text, b_text : str
        The sentences of each side joined by a space.
    a_compound, b_compound : float
        Mean compound score of each side's sentences (each sentence scored on its own).
    """

    group: int
    label: str
    is_heading: bool
    a: tuple[int, ...]
    b: tuple[int, ...]
    a_text: str
    b_text: str
    a_compound: float
    b_compound: float

    @property
    def delta(self) -> float:
        """``b_compound - a_compound``: positive when *b* reads more positive."""
        return self.b_compound - self.a_compound

    @property
    def abs_delta(self) -> float:
        """Size of the shift, whatever its direction."""
        return abs(self.delta)

    def to_dict(self) -> dict:
        """The shift as JSON-ready data (scores rounded to 4 decimals)."""
        return {
            "group": self.group,
            "label": self.label,
            "is_heading": self.is_heading,
            "a": list(self.a),
            "b": list(self.b),
            "a_text": self.a_text,
            "b_text": self.b_text,
            "a_compound": round(self.a_compound, 4),
            "b_compound": round(self.b_compound, 4),
            "delta": round(self.delta, 4),
            "abs_delta": round(self.abs_delta, 4),
        }


@dataclass(frozen=True)
class ToneComparison:
    """The tone of two versions and of every aligned group they share.

    Attributes
    ----------
    a, b : ToneProfile
        The two versions' profiles (thresholds as given to :func:`compare_tone`).
    shifts : tuple of ToneShift
        One per aligned group with sentences on both sides (added and deleted groups count in the
        profiles only), largest shift first; ties keep reading order.
    """

    a: ToneProfile
    b: ToneProfile
    shifts: tuple[ToneShift, ...] = field(repr=False)

    @property
    def mean_delta(self) -> float:
        """``b.mean - a.mean``: the change of the versions' mean tone (NaN if one is empty)."""
        return self.b.mean - self.a.mean

    def to_frame(self) -> pd.DataFrame:
        """One row per shift, indexed by ``group``: label, is_heading, a, b (lists of ids),
        a_text, b_text, a_compound, b_compound, delta, abs_delta; largest shift first."""
        rows = [
            {
                "group": s.group,
                "label": s.label,
                "is_heading": s.is_heading,
                "a": list(s.a),
                "b": list(s.b),
                "a_text": s.a_text,
                "b_text": s.b_text,
                "a_compound": s.a_compound,
                "b_compound": s.b_compound,
                "delta": s.delta,
                "abs_delta": s.abs_delta,
            }
            for s in self.shifts
        ]
        floats = ["a_compound", "b_compound", "delta", "abs_delta"]
        dtypes = {"is_heading": bool, **dict.fromkeys(floats, float)}
        frame = typed_frame(rows, ["group", *_SHIFT_COLUMNS], dtypes).set_index("group")
        frame.index = frame.index.astype(int)
        return frame

    def to_dict(self) -> dict:
        """Both profiles' aggregates, the change of the mean, and every shift, JSON-ready."""
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "mean_delta": _nan_to_none(self.mean_delta),
            "shifts": [shift.to_dict() for shift in self.shifts],
        }

    def entity_tone(self, names: Sequence[str], *, case_sensitive: bool = True) -> pd.DataFrame:
        """:func:`entity_tone` of both versions side by side, with ``delta`` of the means.

        Columns ``a_n_sentences``, ``a_mean``, ``b_n_sentences``, ``b_mean``, ``delta``.
        """
        a = entity_tone(self.a, names, case_sensitive=case_sensitive)
        b = entity_tone(self.b, names, case_sensitive=case_sensitive)
        frame = pd.DataFrame(
            {
                "a_n_sentences": a["n_sentences"],
                "a_mean": a["mean"],
                "b_n_sentences": b["n_sentences"],
                "b_mean": b["mean"],
            }
        )
        frame["delta"] = (frame["b_mean"] - frame["a_mean"]).round(4)
        return frame


def compare_tone(
    comparison: Comparison,
    *,
    positive: float = POSITIVE_THRESHOLD,
    negative: float = NEGATIVE_THRESHOLD,
) -> ToneComparison:
    """The tone of both versions of a comparison, and where it shifted most.

    Parameters
    ----------
    comparison : Comparison
        From :func:`storydiff.compare`.
    positive, negative : float
        Compound thresholds of the positive and negative classes (defaults 0.05 and -0.05).

    Returns
    -------
    ToneComparison

    Examples
    --------
    >>> from storydiff import compare
    >>> tone = compare_tone(compare("The talks went well. It rained.", "The talks failed."))
    >>> [(s.a, s.b, s.label, round(s.delta, 4)) for s in tone.shifts]
    [((0,), (0,), 'rewritten', -0.7838)]
    """
    a = tone_profile(comparison.a, positive=positive, negative=negative)
    b = tone_profile(comparison.b, positive=positive, negative=negative)
    # Each sentence's text and score by id, read once (a lookup in the table for every group
    # cost more than all of VADER's scoring of a long version).
    a_text, b_text = (
        dict(zip(t.index, t["text"], strict=True)) for t in (a.sentences, b.sentences)
    )
    a_score, b_score = (
        dict(zip(t.index, t["compound"].to_numpy(float), strict=True))
        for t in (a.sentences, b.sentences)
    )
    shifts = []
    for index, group in enumerate(comparison.aligned.groups):
        if not group.a or not group.b:
            continue
        shifts.append(
            ToneShift(
                group=index,
                label=group.label,
                is_heading=bool(group.is_heading),
                a=tuple(int(i) for i in group.a),
                b=tuple(int(j) for j in group.b),
                a_text=" ".join(a_text[i] for i in group.a),
                b_text=" ".join(b_text[j] for j in group.b),
                a_compound=_mean([a_score[i] for i in group.a]),
                b_compound=_mean([b_score[j] for j in group.b]),
            )
        )
    shifts.sort(key=lambda shift: -shift.abs_delta)  # stable: ties keep reading order
    return ToneComparison(a, b, tuple(shifts))


def _mean(scores: list[float]) -> float:
    """The mean of some scores as pandas' ``Series.mean`` makes it (missing ones left out, as
    zeros in the sum, and not counted).

    >>> _mean([0.5, float("nan"), 0.1]) == float(pd.Series([0.5, float("nan"), 0.1]).mean())
    True
    >>> _mean([float("nan")])
    nan
    """
    values = np.array(scores, dtype=float)
    missing = np.isnan(values)
    values[missing] = 0.0
    count = len(values) - int(missing.sum())
    return float(values.sum() / count) if count else math.nan


def tone_shifts(
    comparison: Comparison,
    *,
    positive: float = POSITIVE_THRESHOLD,
    negative: float = NEGATIVE_THRESHOLD,
) -> pd.DataFrame:
    """The change of tone of every aligned group with both sides, largest first.

    Shorthand for ``compare_tone(comparison).to_frame()``.

    Returns
    -------
    DataFrame
        Indexed by ``group``: label, is_heading, a, b, a_text, b_text, a_compound (mean compound
        of the *a* sentences), b_compound, delta (b - a), abs_delta; sorted by abs_delta,
        descending.

    Examples
    --------
    >>> from storydiff import compare
    >>> tone_shifts(compare("Two men died.", "Two men were killed."))[["delta", "abs_delta"]]
            delta  abs_delta
    group
    0     -0.1131     0.1131
    """
    return compare_tone(comparison, positive=positive, negative=negative).to_frame()
