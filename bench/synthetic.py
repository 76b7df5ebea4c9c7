"""A synthetic corpus of news-like version pairs with unique sentences, for the speed benchmarks.

Every pair is a ~500-word "original" of 23 sentences in paragraphs of two or three, and a
"revision" with what editors do: sentences dropped, moved, split and merged, words inserted,
deleted and replaced, a sentence added. Words are drawn from wordfreq's 20,000 most frequent
English words in roughly the mix of news prose, with names, numbers and quotations mixed in, so
that no two sentences of the corpus repeat (a benchmark whose sentences repeat measures its
caches).
Deterministic for a seed.

>>> pairs = synthetic_pairs(2, seed=1)
>>> len(pairs), all(350 < len(a.split()) < 700 for a, _ in pairs)
(2, True)
"""

from __future__ import annotations

import math
import random
from functools import lru_cache

NAMES = ["Ms. Alvarez", "Mr. Okafor", "Dr. Lindqvist", "the mayor", "a spokesperson", "officials"]
VERBS = ["said", "told reporters", "added", "wrote in a statement", "warned"]
FILLER = ["reportedly", "also", "on Thursday", "officials said", "again", "in a statement"]


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    """wordfreq's 20,000 most frequent English words that are letters only."""
    from wordfreq import top_n_list  # noqa: PLC0415

    return tuple(w for w in top_n_list("en", 20_000) if w.isalpha())


def _word(rng: random.Random, words: tuple[str, ...]) -> str:
    """A function word (the 100 most frequent) 45 % of the time, else a content word drawn
    log-uniformly from the rest, roughly the mix of news prose."""
    if rng.random() < 0.45:
        return words[rng.randrange(100)]
    return words[
        min(int(math.exp(rng.uniform(math.log(100), math.log(len(words))))), len(words) - 1)
    ]


def sentence(rng: random.Random) -> str:
    """One news-like sentence of 10 to 32 words, sometimes with a number or a quotation."""
    words = vocabulary()
    body = [_word(rng, words) for _ in range(rng.randint(10, 32))]
    if rng.random() < 0.35:
        body.insert(rng.randrange(len(body)), f"{rng.randint(2, 90_000):,}")
    text = " ".join(body)
    text = text[0].upper() + text[1:]
    if rng.random() < 0.2:
        return f"\u201c{text},\u201d {rng.choice(NAMES)} {rng.choice(VERBS)}."
    return text + "."


def _edit(text: str, rng: random.Random) -> str:
    tokens = text.split()
    for _ in range(rng.randint(1, 3)):
        if len(tokens) < 5:
            break
        position = rng.randrange(1, len(tokens) - 1)
        roll = rng.random()
        if roll < 0.35:
            del tokens[position]
        elif roll < 0.7:
            tokens.insert(position, rng.choice(FILLER))
        else:
            tokens[position] = _word(rng, vocabulary())
    return " ".join(tokens)


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    blocks, i = [], 0
    while i < len(sentences):
        n = rng.choice((2, 3))
        blocks.append(" ".join(sentences[i : i + n]))
        i += n
    return "\n\n".join(blocks)


def _revise(original: list[str], rng: random.Random) -> list[str]:
    """The sentences of a revision of `original`: dropped, split, edited, moved, merged, added."""
    revision = []
    for text in original:
        roll = rng.random()
        if roll < 0.08:
            continue  # dropped
        if roll < 0.13 and len(text.split()) > 12:
            words = text.rstrip(".").split()
            cut = len(words) // 2
            revision += [" ".join(words[:cut]) + ".", " ".join(words[cut:]).capitalize() + "."]
        elif roll < 0.5:
            revision.append(_edit(text, rng))
        else:
            revision.append(text)
    if len(revision) > 3 and rng.random() < 0.5:
        i = rng.randrange(len(revision))
        revision.insert(rng.randrange(len(revision)), revision.pop(i))  # moved
    if len(revision) > 2 and rng.random() < 0.3:
        revision[0] = revision[0].rstrip(".") + " and " + revision.pop(1)  # merged
    revision.insert(rng.randrange(len(revision) + 1), sentence(rng))  # added
    return revision


def synthetic_pair(rng: random.Random, n_sentences: int = 23) -> tuple[str, str]:
    """An original and its revision (see the module documentation)."""
    original = [sentence(rng) for _ in range(n_sentences)]
    revision = _revise(original, rng)
    return _paragraphs(original, rng), _paragraphs(revision, rng)


def synthetic_long_pair(
    rng: random.Random, n_sentences: int, *, revised_share: float = 0.1, stretch: int = 50
) -> tuple[str, str]:
    """A long document and a lightly revised version of it: the original cut into stretches of
    `stretch` sentences, a `revised_share` of them revised as :func:`synthetic_pair` revises
    (a third of their sentences edited, some dropped, split, merged, moved and added), the rest
    carried over word for word, as a transcript or a bill is amended.

    >>> a, b = synthetic_long_pair(random.Random(1), 400)
    >>> a == b, abs(len(a) - len(b)) < 0.05 * len(a)
    (False, True)
    """
    original = [sentence(rng) for _ in range(n_sentences)]
    revision = []
    for start in range(0, n_sentences, stretch):
        part = original[start : start + stretch]
        revision += _revise(part, rng) if rng.random() < revised_share else part
    return _paragraphs(original, rng), _paragraphs(revision, rng)


def synthetic_history(rng: random.Random, n_versions: int = 5, n_sentences: int = 23) -> list[str]:
    """A revision history: an original and `n_versions` - 1 successive revisions, each made
    from the one before as :func:`synthetic_pair` makes its revision (so most sentences of a
    version are carried, unchanged, into the next, as in the revision histories of NewsEdits).

    >>> versions = synthetic_history(random.Random(2), 4)
    >>> len(versions), len(set(versions))
    (4, 4)
    """
    sentences = [sentence(rng) for _ in range(n_sentences)]
    versions = [sentences]
    for _ in range(n_versions - 1):
        versions.append(_revise(versions[-1], rng))
    return [_paragraphs(version, rng) for version in versions]


def synthetic_histories(n_stories: int, n_versions: int = 5, *, seed: int = 0) -> list[list[str]]:
    """`n_stories` revision histories of `n_versions` versions, deterministic for `seed`."""
    rng = random.Random(seed)
    return [synthetic_history(rng, n_versions) for _ in range(n_stories)]


def synthetic_pairs(n_pairs: int, *, seed: int = 0) -> list[tuple[str, str]]:
    """`n_pairs` pairs, deterministic for `seed`."""
    rng = random.Random(seed)
    return [synthetic_pair(rng) for _ in range(n_pairs)]


def write_jsonl(path, n_pairs: int, *, seed: int = 0) -> int:
    """Write `n_pairs` stories of two versions as a ``.jsonl`` corpus, one pair at a time
    (memory stays flat); return the bytes written."""
    import json  # noqa: PLC0415

    rng = random.Random(seed)
    written = 0
    with open(path, "w", encoding="utf-8") as stream:
        for number in range(n_pairs):
            a, b = synthetic_pair(rng)
            for version, text in (("original", a), ("revision", b)):
                line = json.dumps({"story": f"syn-{number:07d}", "version": version, "text": text})
                written += stream.write(line + "\n")
    return written


def write_sqlite(path, n_pairs: int, *, seed: int = 0) -> None:
    """Write the stories :func:`write_jsonl` writes with the same seed to an SQLite database,
    in a table laid out as NewsEdits' ``entryversion`` (``entry_id``, ``version`` 0 and 1,
    ``title``, ``summary`` holding the text), one pair at a time (memory stays flat); read it
    with :data:`SQLITE_QUERY`."""
    import sqlite3  # noqa: PLC0415

    rng = random.Random(seed)

    def rows():
        for number in range(n_pairs):
            for version, text in enumerate(synthetic_pair(rng)):
                yield number, version, f"Story {number}", text

    with sqlite3.connect(path) as database:
        database.execute("CREATE TABLE entryversion (entry_id INT, version INT, title, summary)")
        database.executemany("INSERT INTO entryversion VALUES (?, ?, ?, ?)", rows())
    database.close()


SQLITE_QUERY = (
    "SELECT printf('syn-%07d', entry_id) AS story, "
    "CASE version WHEN 0 THEN 'original' ELSE 'revision' END AS version, summary AS text "
    "FROM entryversion ORDER BY entry_id, version"
)
"""The query that reads :func:`write_sqlite`'s table as the records of :func:`write_jsonl`."""


def cold_caches() -> None:
    """Forget what the package remembers about sentences (not about single words), so a
    repeated run over the same texts costs what the first did."""
    from storydiff.caches import clear_caches  # noqa: PLC0415

    clear_caches(words=False)
