"""Tidy tables of a story's measures, for batches of many stories.

One row per compared pair of versions (similarity, reuse label, edit counts, tone, quote and
number changes), one row per version (length, tone, outlet), one row per version and framing
category, and one row per aligned group of sentences (which sentences were kept, edited, moved,
added or dropped, with their texts): the long format that pandas ``groupby`` and the corpus
overview notebook read.

Examples
--------
>>> from storydiff import config, load_story
>>> result = story_metrics(load_story(config.EXAMPLE_STORY_DIR))
>>> result.pairs[["version_a", "version_b", "reuse_label"]].values.tolist()
[['original', 'rewrite', 'wholly-derived']]
>>> sorted(result.versions.index)
['original', 'rewrite']
>>> first = result.groups.iloc[0]
>>> first["a"], first["b"], first["label"], first["b_text"][:40]
([], [0], 'added', 'Russian President Vladimir Putin stated ')
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .align import LABELS
from .compare import Comparison, StoryComparison, compare_story
from .corpus.tables import GROUP_COLUMNS, group_rows
from .errors import ParameterError
from .framing import FramingComparison, compare_framing
from .story import Story


def _pair_row(story: Story, comparison: Comparison, framing: FramingComparison) -> dict:
    shares = comparison.shares()
    counts = comparison.counts
    row = {
        "story": story.id,
        "version_a": comparison.a.id,
        "version_b": comparison.b.id,
        "outlet_a": comparison.a.outlet or comparison.a.label or comparison.a.id,
        "outlet_b": comparison.b.outlet or comparison.b.label or comparison.b.id,
        "words_deleted": sum(diff.n_deleted_words for diff in comparison.diffs),
        "words_inserted": sum(diff.n_inserted_words for diff in comparison.diffs),
        **comparison.similarity.to_dict(),
        **{f"groups_{label}": int(counts.get(label, 0)) for label in LABELS},
    }
    for position, side in enumerate("ab"):
        for kind, share in shares.iloc[position].items():
            row[f"share_{kind.replace(' ', '_')}_{side}"] = round(float(share), 4)
    tone = comparison.tone
    row["tone_a"] = round(tone.a.mean, 4)
    row["tone_b"] = round(tone.b.mean, 4)
    for status, count in comparison.quotes.counts().items():
        row[f"quotes_{status}"] = int(count)
    for status, count in comparison.numbers.counts().items():
        row[f"numbers_{status}"] = int(count)
    row["framing_swaps"] = len(framing.swaps)
    return row


@dataclass(frozen=True)
class StoryMetrics:
    """A story's measures as tidy tables.

    Attributes
    ----------
    story : str
        The story id.
    pairs : DataFrame
        One row per pair compared (every version against the reference): ids, outlets, words
        deleted and inserted (summed over the groups' inline diffs), similarity, group counts,
        shares, tone, quote and number counts, framing swaps.
    versions : DataFrame
        One row per version, indexed by version id: label, outlet, date, words, sentences,
        tone (mean VADER compound of the body sentences).
    framing : DataFrame
        One row per version and framing category: story, version, outlet, category, count,
        per_1000_words.
    groups : DataFrame
        One row per aligned group of every pair compared, the rows of corpus mode's groups
        table (:data:`storydiff.corpus.tables.GROUP_COLUMNS`): story, version_a, version_b,
        group, a and b (lists of sentence ids), label, score, edit, ratio, moved, is_heading,
        words_deleted, words_inserted, a_text, b_text.
    """

    story: str
    pairs: pd.DataFrame = field(repr=False)
    versions: pd.DataFrame = field(repr=False)
    framing: pd.DataFrame = field(repr=False)
    groups: pd.DataFrame = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        """The pairs table."""
        return self.pairs

    def to_dict(self) -> dict:
        """JSON-ready: the pairs, versions and framing tables as lists of records (the groups,
        which hold the story's text, are left to their own table)."""

        def records(frame: pd.DataFrame) -> list[dict]:
            return frame.astype(object).where(frame.notna(), None).to_dict("records")

        return {
            "story": self.story,
            "pairs": records(self.pairs),
            "versions": records(self.versions.reset_index()),
            "framing": records(self.framing),
        }


def story_metrics(
    story: Story | StoryComparison,
    *,
    reference: str | None = None,
    lexicon: str = "news",
    **options,
) -> StoryMetrics:
    """Measure a story: every version against the reference, and each version on its own.

    Parameters
    ----------
    story : Story or StoryComparison
        A story, or the result of :func:`storydiff.compare_story` on one (not computed again).
    reference : str, optional
        The version the others are compared against (the first by default; ignored for a
        StoryComparison, which has its own).
    lexicon : str, default "news"
        The framing lexicon (see :func:`storydiff.framing.load_lexicon`).
    **options
        Alignment thresholds, as for :func:`storydiff.compare`.

    Returns
    -------
    StoryMetrics
    """
    if isinstance(story, StoryComparison):
        result, story = story, story.story
    elif isinstance(story, Story):
        result = compare_story(story, reference, pairs="reference", **options)
    else:
        raise ParameterError(
            f"story_metrics() takes a Story or a StoryComparison; got {type(story).__name__}"
        )
    pairs, versions, framing, groups = [], {}, [], []
    for version in story:
        if version.id == result.reference:
            continue
        comparison = result.pairs[(result.reference, version.id)]
        framing_result = compare_framing(comparison, lexicon)
        pairs.append(_pair_row(story, comparison, framing_result))
        groups.extend(group_rows(story, comparison))
        for side in (comparison.a, comparison.b):
            if side.id in versions:
                continue
            profile = framing_result.a if side is comparison.a else framing_result.b
            tone = comparison.tone.a if side is comparison.a else comparison.tone.b
            body = side.sentences[~side.sentences["is_heading"]]
            versions[side.id] = {
                "story": story.id,
                "label": side.label or side.id,
                "outlet": side.outlet or side.label or side.id,
                "date": side.date,
                "words": profile.n_words,
                "sentences": len(body),
                "tone": round(tone.mean, 4),
            }
            rates = profile.category_rates()
            for category, row in rates.iterrows():
                framing.append(
                    {
                        "story": story.id,
                        "version": side.id,
                        "outlet": versions[side.id]["outlet"],
                        "category": category,
                        "count": int(row["count"]),
                        "per_1000_words": round(float(row["per_1000_words"]), 4),
                    }
                )
    order = [v for v in story.ids if v in versions]
    version_frame = pd.DataFrame.from_dict(versions, orient="index").reindex(order)
    version_frame.index.name = "version"
    group_frame = pd.DataFrame(groups, columns=GROUP_COLUMNS)
    return StoryMetrics(
        story.id, pd.DataFrame(pairs), version_frame, pd.DataFrame(framing), group_frame
    )


def pair_metrics(story: Story, comparison: Comparison, *, lexicon: str = "news") -> StoryMetrics:
    """A two-version story's measures from the comparison of its versions, not computed again.

    The same tables as ``story_metrics(story, reference=comparison.a.id)`` with the thresholds
    the comparison used: :func:`storydiff.compare` of a story's two versions fits its vectors on
    the same sentences as :func:`storydiff.compare_story`. The report notebook uses it to write
    the tidy tables of the comparison it shows.

    Raises
    ------
    ParameterError
        When the story's versions are not exactly the two compared.

    Examples
    --------
    >>> from storydiff import compare, config, load_story
    >>> story = load_story(config.EXAMPLE_STORY_DIR)
    >>> pair = pair_metrics(story, compare(story["original"], story["rewrite"]))
    >>> pair.pairs.equals(story_metrics(story).pairs)
    True
    """
    ids = (comparison.a.id, comparison.b.id)
    if len(story) != 2 or set(story.ids) != set(ids):
        raise ParameterError(
            f"pair_metrics() needs a story of the two versions compared ({', '.join(ids)}); "
            f"story {story.id!r} has {', '.join(story.ids)}: use story_metrics() instead"
        )
    result = StoryComparison(story, comparison.a.id, {ids: comparison})
    return story_metrics(result, lexicon=lexicon)


__all__ = ["StoryMetrics", "pair_metrics", "story_metrics"]
