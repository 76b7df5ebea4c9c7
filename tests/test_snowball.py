"""storydiff's Snowball English stemmer gives NLTK's stems, without importing NLTK."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from storydiff import config
from storydiff.snowball import english_stem
from storydiff.tokens import tokenize

SUFFIXES = (
    "", "s", "es", "ies", "ied", "ed", "ing", "ingly", "edly", "eed", "eedly", "ly", "li", "y",
    "ational", "tional", "ization", "izer", "ation", "ator", "alism", "aliti", "alli", "fulness",
    "ousli", "ousness", "iveness", "iviti", "biliti", "bli", "ogi", "fulli", "lessli", "enci",
    "anci", "abli", "entli", "alize", "icate", "iciti", "ical", "ful", "ness", "ative", "al",
    "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti",
    "ous", "ive", "ize", "ion", "sion", "tion", "e", "l", "ll", "'s", "'", "'s'", "at", "bl",
    "iz", "bb", "tt", "sses", "us", "ss",
)  # fmt: skip


def _words() -> list[str]:
    """Words of the bundled stories, common English words, and made-up words built from the
    suffixes the algorithm handles (with the prefixes and letters it treats specially)."""
    words = {"realization", "additional", "generationally", "strated", "canning's", "skies"}
    for path in config.STORIES_DIR.rglob("*.txt"):
        words.update(t.norm for t in tokenize(path.read_text(encoding="utf-8")))
    from wordfreq import top_n_list

    words.update(top_n_list("en", 30000))
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz'" + "aeiouy" * 3 + "\u2019"
    for _ in range(20000):
        stem = "".join(rng.choice(letters) for _ in range(rng.randint(0, 7)))
        if rng.random() < 0.2:
            stem = rng.choice(["gener", "commun", "arsen", "y", "'", "yy"]) + stem
        words.add(stem + "".join(rng.choice(SUFFIXES) for _ in range(rng.randint(0, 3))))
    return sorted(words)


def test_same_stems_as_nltk():
    from nltk.stem.snowball import SnowballStemmer

    nltk_stemmer = SnowballStemmer("english")
    different = [(w, nltk_stemmer.stem(w), english_stem(w)) for w in _words()]
    different = [row for row in different if row[1] != row[2]]
    assert different == []


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("", ""),
        ("a", "a"),
        ("is", "is"),
        ("Killed", "kill"),
        ("hopping", "hop"),
        ("cries", "cri"),
        ("ties", "tie"),
        ("generously", "generous"),
        ("news", "news"),
        ("kyiv’s", "kyiv"),
        ("'tis", "tis"),
        ("yelling", "yell"),
    ],
)
def test_english_stem(word, expected):
    assert english_stem(word) == expected


def test_stemming_does_not_import_nltk():
    code = (
        "import sys; from storydiff.tokens import stem; stem('killed'); "
        "print('nltk' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
