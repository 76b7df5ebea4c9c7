"""Whole-text similarity of every two versions of a story, computed at once.

The document-level measures of :class:`storydiff.similarity.Similarity` (word and character
TF-IDF cosines, vocabulary Jaccard, word 3-gram containment) need no sentence alignment: each is
a product of two versions' vectors or sets. Stacked as one matrix a version, every pair of a
long revision history is measured with a few sparse matrix products, where aligning every pair
would take O(n²) alignments. :func:`storydiff.compare_story` uses it for its similarity matrix,
so a history of hundreds of versions gets its heatmap while only the pairs a report shows are
aligned. The values are those of :func:`storydiff.compare` of the same two versions with the
story's vectorizer (the same counts, sets and formulas; a test holds them equal).

Examples
--------
>>> from storydiff import Story
>>> story = Story.from_texts({"wire": "Two men died in a strike. A woman was hurt.",
...                           "rewrite": "Two men died in a strike. Police came.",
...                           "other": "Rain fell all day."})
>>> documents = document_similarities(story)
>>> documents.matrix("containment_a_in_b").round(2)
         wire  rewrite  other
version
wire     1.00      0.5    0.0
rewrite  0.67      1.0    0.0
other    0.00      0.0    1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import ParameterError
from .features import SentenceVectorizer, document_terms, round_cosines
from .similarity import ngram_set
from .story import Story
from .tokens import sentence_keys

DOCUMENT_MEASURES = (
    "tfidf_cosine",
    "char_cosine",
    "jaccard",
    "containment_a_in_b",
    "containment_b_in_a",
)
"""The measures of :class:`storydiff.similarity.Similarity` that need no alignment."""


@dataclass(frozen=True, eq=False)  # arrays: equal only to itself
class DocumentSimilarities:
    """Document-level similarity of every two versions of a story.

    Attributes
    ----------
    ids : tuple of str
        The version ids, in story order (the rows and columns of every matrix).
    tfidf_cosine, char_cosine, jaccard : ndarray
        Symmetric ``(n, n)`` arrays, 1 on the diagonal.
    containment : ndarray
        ``containment[i, j]`` is the share of version *i*'s word 3-grams found in version *j*
        (1 on the diagonal, as in :meth:`storydiff.StoryComparison.matrix`).
    """

    ids: tuple[str, ...]
    tfidf_cosine: np.ndarray = field(repr=False)
    char_cosine: np.ndarray = field(repr=False)
    jaccard: np.ndarray = field(repr=False)
    containment: np.ndarray = field(repr=False)

    def matrix(self, measure: str = "tfidf_cosine") -> pd.DataFrame:
        """One measure as a square table indexed by version: the cell of row *x* and column *y*
        is the measure of the pair (``version_a`` *x*, ``version_b`` *y*). So for
        ``containment_a_in_b`` the row is the version whose 3-grams are looked for, and for
        ``containment_b_in_a`` the column is."""
        if measure not in DOCUMENT_MEASURES:
            raise ParameterError(
                f"{measure!r} is not a document-level measure; choose one of: "
                f"{', '.join(DOCUMENT_MEASURES)}"
            )
        name = "containment" if measure.startswith("containment") else measure
        values = getattr(self, name)
        if measure == "containment_b_in_a":  # (containment holds the row in the column)
            values = values.T
        ids = list(self.ids)
        frame = pd.DataFrame(values.copy(), index=ids, columns=ids)
        frame.index.name = "version"
        return frame

    def to_frame(self) -> pd.DataFrame:
        """One row per pair of versions in story order (``version_a`` before ``version_b``),
        with the five measures, as the pairs table of :func:`storydiff.compare_story` names them.

        Examples
        --------
        >>> from storydiff import Story
        >>> story = Story.from_texts({"a": "Two men died.", "b": "Two men were killed."})
        >>> document_similarities(story).to_frame()[["version_a", "version_b", "jaccard"]]
          version_a version_b  jaccard
        0         a         b      0.4
        """
        rows, columns = np.triu_indices(len(self.ids), k=1)
        ids = np.array(self.ids, dtype=object)
        return pd.DataFrame(
            {
                "version_a": ids[rows],
                "version_b": ids[columns],
                "tfidf_cosine": self.tfidf_cosine[rows, columns],
                "char_cosine": self.char_cosine[rows, columns],
                "jaccard": self.jaccard[rows, columns],
                "containment_a_in_b": self.containment[rows, columns],
                "containment_b_in_a": self.containment[columns, rows],
            }
        )


def _weights(counts: list, idf: np.ndarray):
    """Each version's document TF-IDF vector (as :func:`storydiff.features.document_weights`)
    as a row of one sparse matrix."""
    from scipy.sparse import csr_matrix  # noqa: PLC0415

    indptr, indices, data = [0], [], []
    for matrix in counts:
        present, weights = document_terms(matrix, idf)
        norm = np.sqrt(weights @ weights)
        indices.append(present)
        data.append(weights / norm if norm > 0 else weights)
        indptr.append(indptr[-1] + len(present))
    return csr_matrix(
        (np.concatenate(data), np.concatenate(indices), indptr), shape=(len(counts), len(idf))
    )


def _incidence(sets: list[set]):
    """A 0/1 sparse matrix with a row a set and a column a distinct member."""
    from scipy.sparse import csr_matrix  # noqa: PLC0415

    columns: dict = {}
    indptr, indices = [0], []
    for members in sets:
        indices.extend(columns.setdefault(member, len(columns)) for member in members)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.int64)
    return csr_matrix((data, np.array(indices, dtype=np.int64), indptr), (len(sets), len(columns)))


def _shared(sets: list[set]) -> tuple[np.ndarray, np.ndarray]:
    """The size of every set, and the size of every two sets' intersection (exact integers)."""
    incidence = _incidence(sets)
    sizes = np.array([len(members) for members in sets], dtype=np.int64)
    return sizes, (incidence @ incidence.T).toarray()


def _cosines(counts: list, idf: np.ndarray) -> np.ndarray:
    weights = _weights(counts, idf)
    cosines = round_cosines((weights @ weights.T).toarray())
    np.fill_diagonal(cosines, 1.0)
    return cosines


def document_similarities(
    story: Story,
    *,
    vectorizer: SentenceVectorizer | None = None,
    counts: Mapping[str, tuple] | None = None,
) -> DocumentSimilarities:
    """Word and character TF-IDF cosines, Jaccard and 3-gram containment of every two versions.

    Parameters
    ----------
    story : Story
    vectorizer, counts : optional
        A vectorizer fitted on all the story's sentences and each version's sentence counts, as
        :func:`storydiff.compare.story_counts` returns them (fitted here when not given).

    Returns
    -------
    DocumentSimilarities

    Examples
    --------
    >>> from storydiff import config, load_story
    >>> documents = document_similarities(load_story(config.EXAMPLE_STORY_DIR))
    >>> documents.ids, round(float(documents.jaccard[0, 1]), 2)
    (('original', 'rewrite'), 0.44)
    """
    if not isinstance(story, Story):
        raise ParameterError(f"document_similarities() takes a Story; got {type(story).__name__}")
    if vectorizer is None or counts is None:
        from .compare import story_counts  # noqa: PLC0415 (compare imports this module)

        vectorizer, counts = story_counts(story)
    ids = story.ids
    ordered = [counts[version_id] for version_id in ids]
    tfidf = _cosines([matrices[0] for matrices in ordered], vectorizer.word_idf_)
    char = _cosines([matrices[1] for matrices in ordered], vectorizer.char_idf_)
    words = [
        [word for text in version.segmentation.norms for word in sentence_keys(text)]
        for version in story
    ]
    sizes, shared = _shared([set(found) for found in words])
    union = sizes[:, None] + sizes[None, :] - shared
    jaccard = np.ones(shared.shape)
    np.divide(shared, union, out=jaccard, where=union > 0)
    gram_sizes, gram_shared = _shared([ngram_set(found) for found in words])
    containment = np.zeros(gram_shared.shape)
    np.divide(gram_shared, gram_sizes[:, None], out=containment, where=gram_sizes[:, None] > 0)
    for matrix in (jaccard, containment):
        np.fill_diagonal(matrix, 1.0)
    return DocumentSimilarities(ids, tfidf, char, jaccard, containment)


__all__ = ["DOCUMENT_MEASURES", "DocumentSimilarities", "document_similarities"]
