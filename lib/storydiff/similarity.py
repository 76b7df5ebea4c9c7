"""How similar two versions are overall, and how much of one is reused in the other.

Measures, and the choices behind them:

* ``tfidf_cosine``: cosine of the two documents' word TF-IDF vectors (stems of content words and
  numbers, English stop words removed; IDF learned from the story's sentences; see
  :mod:`storydiff.features`). 1 for the same words in any order, near 0 for unrelated texts.
* ``char_cosine``: the same with character 3- to 5-grams; less hurt by inflection and spelling.
* ``jaccard``: size of the intersection over the union of the two vocabularies (lower-cased word
  forms, punctuation left out, no stemming).
* ``containment_a_in_b`` / ``containment_b_in_a``: the share of one version's word 3-grams that
  occur in the other (Broder's containment, the measure of churnalism and text-reuse studies
  such as METER). Asymmetric: a short rewrite can be wholly contained in a long original.
* ``derived_share``: the share of *b*'s words that stand in sentences aligned to *a* (anything but
  ``added``), from the sentence alignment.
* ``reuse_label``: the METER corpus's three classes for *b* as a possible derivative of *a*:
  ``wholly-derived`` when ``derived_share >= 0.8``, ``partially-derived`` when it is at least 0.2,
  ``non-derived`` below. Sentence alignment rather than 3-gram containment decides, because a
  rewrite that paraphrases every sentence (as in the bundled story) shares few exact 3-grams yet
  is wholly derived. The thresholds are parameters of :func:`reuse_label`.

Examples
--------
>>> containment("two men died in a strike", "police said two men died in a strike today")
1.0
>>> round(jaccard("Two men died", "two men were killed"), 2)
0.4
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from .errors import ParameterError
from .tokens import word_keys

REUSE_LABELS = ("wholly-derived", "partially-derived", "non-derived")


def words(text: str) -> list[str]:
    """Lower-cased comparison forms of the words and numbers of a text, in order.

    Examples
    --------
    >>> words("Putin’s “useful” talks, 5 hours.")
    ["putin's", 'useful', 'talks', '5', 'hours']
    """
    return word_keys(text)


def word_ngrams(text: str, n: int = 3) -> set[tuple[str, ...]]:
    """The set of word n-grams of a text (a text shorter than n gives one shorter gram)."""
    return ngram_set(words(text), n)


def ngram_set(tokens: Sequence[str], n: int = 3) -> set[tuple[str, ...]]:
    """The set of n-grams of a token sequence (one shorter gram when there are fewer than n).

    Examples
    --------
    >>> sorted(ngram_set(["two", "men", "died", "today"], 3))
    [('men', 'died', 'today'), ('two', 'men', 'died')]
    """
    if n < 1:
        raise ParameterError(f"n must be 1 or more, got {n}")
    tokens = tuple(tokens)
    if len(tokens) < n:
        return {tokens} if tokens else set()
    return set(zip(*(tokens[i:] for i in range(n)), strict=False))


def containment(a: str, b: str, *, n: int = 3) -> float:
    """Share of the word n-grams of `a` that also occur in `b` (0 when `a` has none)."""
    return gram_containment(word_ngrams(a, n), word_ngrams(b, n))


def gram_containment(a_grams: set, b_grams: set) -> float:
    """Share of the n-grams `a_grams` that are also in `b_grams` (0 when there are none)."""
    return len(a_grams & b_grams) / len(a_grams) if a_grams else 0.0


def jaccard(a: str, b: str) -> float:
    """Jaccard similarity of the two vocabularies (1 when both are empty)."""
    return vocabulary_jaccard(set(words(a)), set(words(b)))


def vocabulary_jaccard(vocab_a: set, vocab_b: set) -> float:
    """Jaccard similarity of two sets of words (1 when both are empty)."""
    union = vocab_a | vocab_b
    return len(vocab_a & vocab_b) / len(union) if union else 1.0


def reuse_label(
    derived_share: float,
    *,
    source_kept: float = 0.0,
    wholly: float = 0.8,
    partially: float = 0.2,
) -> str:
    """METER reuse class of a version given the share of its text derived from the other.

    A version that carries most of the other (`source_kept`, the share of the other's word
    3-grams found in it, at least `wholly`) is at least partially derived, however much it
    adds: the wire story printed whole under six new paragraphs is not independent of it.

    Examples
    --------
    >>> reuse_label(0.93), reuse_label(0.5), reuse_label(0.0)
    ('wholly-derived', 'partially-derived', 'non-derived')
    >>> reuse_label(0.15, source_kept=1.0)
    'partially-derived'
    """
    if not 0.0 <= partially <= wholly <= 1.0:
        raise ParameterError(
            f"reuse thresholds need 0 <= partially <= wholly <= 1, got {partially} and {wholly}"
        )
    if derived_share >= wholly:
        return "wholly-derived"
    if derived_share >= partially or source_kept >= wholly:
        return "partially-derived"
    return "non-derived"


@dataclass(frozen=True)
class Similarity:
    """Document-level similarity and reuse of version *b* against version *a*.

    Attributes
    ----------
    tfidf_cosine, char_cosine, jaccard : float
        Symmetric similarities (see the module documentation).
    containment_a_in_b, containment_b_in_a : float
        Word 3-gram containment in each direction.
    derived_share : float
        Share of *b*'s words in sentences aligned to *a*.
    reuse_label : str
        ``wholly-derived``, ``partially-derived`` or ``non-derived``.
    """

    tfidf_cosine: float
    char_cosine: float
    jaccard: float
    containment_a_in_b: float
    containment_b_in_a: float
    derived_share: float
    reuse_label: str

    def to_dict(self) -> dict:
        """The measures, rounded to 4 decimals."""
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}
