"""The package's caches: forgetting changes no result, and the corpus mode forgets per chunk."""

import json

import pandas as pd
import pytest
import storydiff
from storydiff import caches, config
from storydiff.corpus import CorpusOptions
from storydiff.corpus.tables import chunk_tables
from storydiff.reading import iter_story_records


def _dump(comparison) -> str:
    return json.dumps(
        {
            "groups": [
                [g.a, g.b, g.label, repr(g.score), g.edit, repr(g.ratio), g.moved]
                for g in comparison.aligned.groups
            ],
            "similarity": {k: repr(v) for k, v in comparison.similarity.to_dict().items()},
            "diffs": [diff.to_dict() for diff in comparison.diffs],
            "tone": comparison.tone.to_frame().to_json(),
        }
    )


def test_forgetting_changes_no_result_on_the_seed_pair():
    story = storydiff.load_story(config.EXAMPLE_STORY_DIR)
    first = _dump(storydiff.compare(story[0].text, story[1].text))
    warm = _dump(storydiff.compare(story[0].text, story[1].text))
    caches.clear_caches()
    cold = _dump(storydiff.compare(story[0].text, story[1].text))
    assert first == warm == cold


@pytest.mark.parametrize(
    ("sentences", "words", "emptied", "kept"),
    [
        (True, False, {"sentence_keys", "char_words", "paragraph_spans", "tone"}, {"stems"}),
        (False, True, {"stems", "terms"}, {"sentence_keys", "tone"}),
        (True, True, {"sentence_keys", "stems", "terms", "tone"}, set()),
    ],
)
def test_clear_caches_forgets_what_it_is_asked_to(sentences, words, emptied, kept):
    caches.clear_caches()
    story = storydiff.load_story(config.EXAMPLE_STORY_DIR)
    _ = storydiff.compare(story[0], story[1]).tone
    before = caches.cache_sizes()
    assert all(before[name] > 0 for name in emptied | kept)
    caches.clear_caches(sentences=sentences, words=words)
    after = caches.cache_sizes()
    assert all(after[name] == 0 for name in emptied)
    assert all(after[name] == before[name] for name in kept)


def test_every_corpus_chunk_starts_with_empty_caches(tmp_path):
    story = storydiff.load_story(config.EXAMPLE_STORY_DIR)
    frame = pd.DataFrame(
        [
            {"story": f"s{k}", "version": version.id, "text": version.text}
            for k in range(2)
            for version in story
        ]
    )
    records = list(iter_story_records(frame))
    options = CorpusOptions()
    first = chunk_tables(0, records[:1], options)
    sizes_after_one = caches.cache_sizes()
    storydiff.tokens.stem("zyzzyvas")  # a word no story of the chunk holds
    assert caches.cache_sizes()["stems"] == sizes_after_one["stems"] + 1
    again = chunk_tables(1, records[:1], options)
    assert caches.cache_sizes() == sizes_after_one  # the second chunk started from empty
    assert first.pairs == again.pairs and first.groups == again.groups
