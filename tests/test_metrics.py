"""A story's measures as tidy tables: pairs, versions, framing and aligned groups."""

from __future__ import annotations

import pandas as pd
import pytest
from storydiff import compare, load_story
from storydiff.corpus import CorpusOptions, story_tables
from storydiff.corpus.tables import GROUP_COLUMNS
from storydiff.errors import ParameterError
from storydiff.metrics import pair_metrics, story_metrics


def test_the_groups_table_is_corpus_modes_groups_table(example_story):
    metrics = story_metrics(example_story)
    _, corpus_groups = story_tables(example_story, CorpusOptions())
    expected = pd.DataFrame(corpus_groups, columns=GROUP_COLUMNS)
    pd.testing.assert_frame_equal(metrics.groups, expected)
    comparison = compare(example_story["original"], example_story["rewrite"])
    assert metrics.groups["label"].tolist() == [g.label for g in comparison.aligned.groups]
    assert metrics.groups["a"].tolist() == [list(g.a) for g in comparison.aligned.groups]
    # the report's tables come from the comparison it shows, with the same groups
    pd.testing.assert_frame_equal(pair_metrics(example_story, comparison).groups, metrics.groups)
    assert "groups" not in metrics.to_dict()  # the JSON leaves the texts to groups.csv


def test_every_pair_of_a_longer_story_has_its_groups(make_story):
    story = load_story(
        make_story(
            {
                "1-wire.txt": "Two men died on Tuesday. Six were hurt. Police came.",
                "2-local.txt": "Two men were killed on Tuesday. Six were hurt.",
                "3-update.txt": "Police said two men died. Six were injured. A third died later.",
            }
        )
    )
    metrics = story_metrics(story)
    assert metrics.groups.groupby("version_b", sort=False).size().to_dict() == {
        version: int(row[[c for c in row.index if c.startswith("groups_")]].sum())
        for version, row in metrics.pairs.set_index("version_b").iterrows()
    }
    assert set(metrics.groups["version_a"]) == {"1-wire"}
    assert list(metrics.groups.columns) == GROUP_COLUMNS


def test_pair_metrics_needs_the_two_versions_compared(make_story):
    other = load_story(make_story({"a.txt": "One. Two.", "b.txt": "One.", "c.txt": "Two."}))
    comparison = compare(other["a"], other["b"])
    with pytest.raises(ParameterError, match="use story_metrics"):
        pair_metrics(other, comparison)
