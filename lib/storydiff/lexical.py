"""Word-level profile of each version and the words that set two versions apart.

* **Profile** (:func:`lexical_profile`): words, sentences, vocabulary, type-token ratio, MTLD
  (McCarthy & Jarvis 2010: the mean length of word runs that keep a type-token ratio above 0.72;
  unlike the plain ratio it does not fall as texts get longer), Flesch reading ease and
  Flesch-Kincaid grade (syllables are counted by a vowel-group rule, as no pronouncing dictionary
  can be downloaded here: expect small differences from tools that use one), and sentence lengths.
* **Words added and removed** (:func:`words_added_removed`): content words (no stop words, no
  numbers) of one version that never occur in the other, with their counts.
* **Distinctive terms** (:func:`distinctive_terms`): the log-odds ratio with an informative
  Dirichlet prior (Monroe, Colaresi & Quinn 2008), as z-scores. The prior is a background word
  distribution: the story's own words, general English frequencies from the ``wordfreq`` package,
  or both. A positive z marks a term typical of version *a*, a negative one of *b*; |z| > 1.96 is
  the usual bar. The prior keeps rare words from dominating when a pair of short texts is all
  there is.

Examples
--------
>>> from storydiff.story import Version
>>> profile = lexical_profile(Version("v", "Two men died. A woman was hurt in the strike."))
>>> profile.n_words, profile.n_sentences, round(profile.type_token_ratio, 2)
(10, 2, 1.0)
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from .errors import ParameterError
from .tokens import word_keys

MTLD_THRESHOLD = 0.72
"""Type-token ratio at which an MTLD factor ends (McCarthy & Jarvis 2010)."""

PRIORS = ("story", "wordfreq", "both")
"""Background distributions for :func:`distinctive_terms`."""

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def count_syllables(word: str) -> int:
    """Syllables of an English word by a vowel-group rule (at least one).

    Examples
    --------
    >>> [count_syllables(w) for w in ["strike", "the", "residential", "killed", "people"]]
    [1, 1, 4, 1, 2]

    Vowel pairs that are two syllables are counted as one ("Ukrainian" gets 3, not 4).
    """
    word = word.lower().strip("'")
    if not word:
        return 0
    groups = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    if word.endswith("ed") and len(word) > 3 and word[-3] not in "td" and groups > 1:
        groups -= 1
    return max(1, groups)


def _mtld_pass(tokens: list[str]) -> float:
    factors, types, count = 0.0, set(), 0
    for token in tokens:
        count += 1
        types.add(token)
        if len(types) / count <= MTLD_THRESHOLD:
            factors += 1
            types, count = set(), 0
    if count:
        ratio = len(types) / count
        factors += (1 - ratio) / (1 - MTLD_THRESHOLD)
    return len(tokens) / factors if factors else float("nan")


def mtld(tokens: list[str]) -> float:
    """Measure of textual lexical diversity: mean of a forward and a backward pass.

    NaN when the text never falls to the threshold (too short to tell).

    Examples
    --------
    >>> round(mtld("the cat sat on the mat and the dog sat on the log".split()), 1)
    13.0
    """
    if not tokens:
        return float("nan")
    return (_mtld_pass(tokens) + _mtld_pass(tokens[::-1])) / 2


def _words(text: str) -> list[str]:
    """The word keys of a text that have a letter (numbers left out)."""
    return [w for w in word_keys(text) if w.isalpha() or any(ch.isalpha() for ch in w)]


@dataclass(frozen=True)
class LexicalProfile:
    """Counts and readability of one version (headings left out).

    Attributes
    ----------
    n_words, n_sentences, n_types : int
    type_token_ratio, mtld : float
    mean_sentence_length : float
        Words per sentence.
    flesch_reading_ease, flesch_kincaid_grade : float
        NaN for a text whose words are mostly not in Latin letters: the formulas count the
        syllables of English words.
    sentence_lengths : Series
        Words in each sentence, by sentence id.
    """

    n_words: int
    n_sentences: int
    n_types: int
    type_token_ratio: float
    mtld: float
    mean_sentence_length: float
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    sentence_lengths: pd.Series = field(repr=False)

    def to_dict(self) -> dict:
        """The figures (without the per-sentence lengths), rounded; a figure that cannot be
        computed (NaN, e.g. MTLD of a short text) is None, so the result is valid JSON.

        Examples
        --------
        >>> from storydiff.story import Version
        >>> lexical_profile(Version("v", "Hello.")).to_dict()["mtld"] is None
        True
        """
        data = asdict(self)
        data.pop("sentence_lengths")
        return {
            k: ((None if math.isnan(v) else round(v, 3)) if isinstance(v, float) else v)
            for k, v in data.items()
        }


def lexical_profile(version) -> LexicalProfile:
    """Words, vocabulary, diversity and readability of a version."""
    table = version.sentences
    body = table[~table["is_heading"]] if len(table) else table
    words = [_words(t) for t in body["text"]]
    lengths = pd.Series([len(w) for w in words], index=body.index, dtype="int64", name="words")
    tokens = [w for sentence in words for w in sentence]
    n_words, n_sentences = len(tokens), int((lengths > 0).sum())
    counts = Counter(tokens)  # each distinct word's syllables counted once
    syllables = sum(count_syllables(w) * n for w, n in counts.items())
    latin = sum(n for w, n in counts.items() if any("a" <= ch <= "z" for ch in w.lower()))
    if n_words and n_sentences and 2 * latin >= n_words:
        per_sentence, per_word = n_words / n_sentences, syllables / n_words
        ease = 206.835 - 1.015 * per_sentence - 84.6 * per_word
        grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    else:
        ease = grade = float("nan")
        per_sentence = n_words / n_sentences if n_sentences else float("nan")
    return LexicalProfile(
        n_words=n_words,
        n_sentences=n_sentences,
        n_types=len(counts),
        type_token_ratio=len(counts) / n_words if n_words else float("nan"),
        mtld=mtld(tokens),
        mean_sentence_length=per_sentence,
        flesch_reading_ease=ease,
        flesch_kincaid_grade=grade,
        sentence_lengths=lengths,
    )


def _content_counts(version) -> Counter:
    from .features import stop_words  # noqa: PLC0415 (scikit-learn only when needed)

    stops = stop_words()
    table = version.sentences
    texts = table.loc[~table["is_heading"], "text"] if len(table) else []
    return Counter(w for t in texts for w in _words(t) if w not in stops and len(w) > 1)


def words_added_removed(a, b) -> pd.DataFrame:
    """Content words found in only one of two versions, with their counts.

    Returns
    -------
    DataFrame
        Indexed by word: ``change`` (``removed`` = only in *a*, ``added`` = only in *b*) and
        ``count``; most frequent first.
    """
    counts_a, counts_b = _content_counts(a), _content_counts(b)
    rows = [(w, "removed", n) for w, n in counts_a.items() if w not in counts_b]
    rows += [(w, "added", n) for w, n in counts_b.items() if w not in counts_a]
    frame = pd.DataFrame(rows, columns=["word", "change", "count"])
    frame = frame.sort_values(["change", "count", "word"], ascending=[False, False, True])
    return frame.set_index("word")


def _background(vocabulary: list[str], counts: np.ndarray, prior: str) -> np.ndarray:
    """Background probabilities of the vocabulary's words."""
    story = counts / counts.sum()
    if prior == "story":
        return story
    from wordfreq import word_frequency  # noqa: PLC0415

    general = np.array([word_frequency(w, "en") for w in vocabulary]) + 1e-9
    general = general / general.sum()
    return general if prior == "wordfreq" else (story + general) / 2


def distinctive_terms(
    a, b, *, prior: str = "both", prior_strength: float = 500.0, min_count: int = 1
) -> pd.DataFrame:
    """Terms typical of version *a* or *b*: log-odds ratios with an informative Dirichlet prior.

    Parameters
    ----------
    a, b : Version
    prior : {"story", "wordfreq", "both"}, default "both"
        Background distribution: the two versions' own word frequencies, general English
        frequencies from ``wordfreq``, or their mean.
    prior_strength : float, default 500
        Total pseudo-count of the prior (alpha_0); larger values shrink rare words more.
    min_count : int, default 1
        Leave out words seen fewer times in both versions together.

    Returns
    -------
    DataFrame
        Indexed by term: ``count_a``, ``count_b``, ``log_odds`` (delta), ``z`` (positive leans
        to *a*), ``favours`` (the id of the version the term is typical of: the one its ``z``
        leans to, if that version uses it; missing otherwise, and where ``z`` is 0); sorted by
        ``z`` from *a*'s most typical to *b*'s. :meth:`LexicalComparison.typical_terms` gives
        each side's.
    """
    if prior not in PRIORS:
        raise ParameterError(f"unknown prior {prior!r}; choose one of: {', '.join(PRIORS)}")
    if prior_strength <= 0:
        raise ParameterError(f"prior_strength must be positive, got {prior_strength}")
    counts_a, counts_b = _content_counts(a), _content_counts(b)
    vocabulary = sorted(
        w for w in set(counts_a) | set(counts_b) if counts_a[w] + counts_b[w] >= min_count
    )
    columns = ["count_a", "count_b", "log_odds", "z", "favours"]
    if not vocabulary:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="term"))
    y_a = np.array([counts_a[w] for w in vocabulary], dtype=float)
    y_b = np.array([counts_b[w] for w in vocabulary], dtype=float)
    alpha = prior_strength * _background(vocabulary, y_a + y_b, prior)
    alpha0 = alpha.sum()
    n_a, n_b = y_a.sum(), y_b.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        # A term that is the whole vocabulary has no odds (its complement is empty): 0 for it.
        delta = np.log((y_a + alpha) / (n_a + alpha0 - y_a - alpha)) - np.log(
            (y_b + alpha) / (n_b + alpha0 - y_b - alpha)
        )
    delta = np.where(np.isfinite(delta), delta, 0.0)
    z = delta / np.sqrt(1 / (y_a + alpha) + 1 / (y_b + alpha))
    frame = pd.DataFrame(
        {"count_a": y_a.astype(int), "count_b": y_b.astype(int), "log_odds": delta, "z": z},
        index=pd.Index(vocabulary, name="term"),
    )
    # A term is typical of a version only if that version uses it: with an informative prior,
    # a short version's odds of a word it never uses can still exceed the other's.
    favours_a, favours_b = (z > 0) & (y_a > 0), (z < 0) & (y_b > 0)
    frame["favours"] = np.where(favours_a, a.id, np.where(favours_b, b.id, None))
    return frame.sort_values("z", ascending=False)


@dataclass(frozen=True)
class LexicalComparison:
    """Lexical profiles of two versions and the words that set them apart."""

    a: LexicalProfile
    b: LexicalProfile
    added_removed: pd.DataFrame = field(repr=False)
    distinctive: pd.DataFrame = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        """The two profiles side by side, one row per measure."""
        return pd.DataFrame({"a": self.a.to_dict(), "b": self.b.to_dict()})

    def typical_terms(self, side: str, top: int | None = None) -> pd.DataFrame:
        """The distinctive terms typical of version `side` ("a" or "b"), the most typical first:
        ``z`` leaning to it, and used in it.

        Examples
        --------
        >>> from storydiff import compare
        >>> lexical = compare("Officials said two men died.", "Officials stated two men died.")
        >>> lexical = lexical.lexical
        >>> lexical.typical_terms("a").index.tolist(), lexical.typical_terms("b").index.tolist()
        (['said'], ['stated'])
        """
        if side not in ("a", "b"):
            raise ParameterError(f"side must be 'a' or 'b', got {side!r}")
        terms = self.distinctive
        if side == "a":
            rows = terms[(terms["z"] > 0) & (terms["count_a"] > 0)]
        else:
            rows = terms[(terms["z"] < 0) & (terms["count_b"] > 0)][::-1]
        return rows if top is None else rows.head(top)

    def to_dict(self, *, top: int = 15) -> dict:
        """Profiles, added/removed words and the `top` distinctive terms of each side."""
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "removed": self.added_removed.query("change == 'removed'")["count"].head(50).to_dict(),
            "added": self.added_removed.query("change == 'added'")["count"].head(50).to_dict(),
            "distinctive_a": self.typical_terms("a", top)["z"].round(3).to_dict(),
            "distinctive_b": self.typical_terms("b", top)["z"].round(3).to_dict(),
        }


def compare_lexical(comparison, **options) -> LexicalComparison:
    """Lexical profiles, words added and removed, and distinctive terms of a comparison's versions.

    ``options`` go to :func:`distinctive_terms`.
    """
    a, b = comparison.a, comparison.b
    return LexicalComparison(
        lexical_profile(a),
        lexical_profile(b),
        words_added_removed(a, b),
        distinctive_terms(a, b, **options),
    )
