"""Comparing versions: two at a time (:func:`compare`) or all versions of a story
(:func:`compare_story`).

A :class:`Comparison` holds the sentence alignment of two versions (what was kept, edited,
rewritten, split, merged, moved, added or deleted), the word-level inline diff of every aligned
group, and document-level similarity and reuse measures (:mod:`storydiff.similarity`).

Examples
--------
>>> a = "Two men died in a drone strike. A woman was hurt."
>>> b = "Two men were killed in a drone strike. A woman was hurt."
>>> comparison = compare(a, b)
>>> comparison.alignment[["a", "b", "label"]]
         a    b      label
group
0      [0]  [0]     edited
1      [1]  [1]  unchanged
>>> print(comparison.diffs[0].to_terminal())
Two men [-died-] {+were killed+} in a drone strike.
>>> comparison.similarity.reuse_label
'wholly-derived'
"""

from __future__ import annotations

import itertools
import os
import warnings
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from .align import (
    LABELS,
    Alignment,
    AlignmentThresholds,
    align_segmentations,
    body_forms,
    check_forms_size,
)
from .documents import DOCUMENT_MEASURES, DocumentSimilarities, document_similarities
from .errors import ParameterError, StorydiffError, StorydiffWarning
from .features import SentenceVectorizer, document_weights, round_cosines
from .inline_diff import DiffOp, InlineDiff, inline_diff
from .reading import TEXT_SUFFIXES, read_version
from .similarity import (
    Similarity,
    gram_containment,
    ngram_set,
    reuse_label,
    vocabulary_jaccard,
)
from .story import Story, Version
from .tokens import sentence_keys

STORY_PAIRS = ("all", "reference", "consecutive")
"""Which pairs :func:`compare_story` aligns (see its ``pairs`` option)."""

SHARE_CLASSES = ("verbatim", "lightly edited", "heavily rewritten", "new")
"""How each sentence of a version fared: kept word for word, edited, rewritten, or not aligned."""

ANALYSES = ("entities", "framing", "lexical", "numbers", "quotes", "tone")
"""The analyses of meaning a :class:`Comparison` offers as properties (see :meth:`analyses`)."""

_EDIT_CLASS = {
    "unchanged": "verbatim",
    "edited": "lightly edited",
    "rewritten": "heavily rewritten",
}


def _as_version(value, name: str) -> Version:
    """A Version from a Version, a path, or a text string."""
    if isinstance(value, Version):
        return value
    if isinstance(value, os.PathLike):
        return read_version(value)
    if isinstance(value, str):
        candidate = value.strip()
        looks_like_path = (
            "\n" not in candidate
            and len(candidate) < 1024
            and Path(candidate).suffix.lower() in TEXT_SUFFIXES
            and " " not in Path(candidate).name
        )
        if looks_like_path and (
            Path(candidate).exists() or not any(c.isspace() for c in candidate)
        ):
            return read_version(candidate)
        if looks_like_path:  # a one-line text ending in a file name, or a path that is not there
            warnings.warn(
                f"{name}: {candidate[:80]!r} is no file, so it is compared as text; give a "
                "pathlib.Path to read a file",
                StorydiffWarning,
                stacklevel=3,
            )
        return Version(name, value)
    raise ParameterError(
        f"compare() takes versions, paths or texts; got {type(value).__name__} for {name!r}"
    )


def _thresholds(options: dict) -> AlignmentThresholds:
    valid = {f.name for f in fields(AlignmentThresholds)}
    unknown = sorted(set(options) - valid)
    if unknown:
        raise ParameterError(
            f"unknown option(s) {', '.join(unknown)}; valid options are: {', '.join(sorted(valid))}"
        )
    return AlignmentThresholds(**options)


@dataclass(frozen=True)
class Comparison:
    """Version *b* compared with version *a* (the reference).

    Attributes
    ----------
    a, b : Version
    aligned : Alignment
        The sentence alignment; :attr:`alignment` is its table.
    similarity : Similarity
        Document-level similarity and reuse.
    """

    a: Version
    b: Version
    aligned: Alignment = field(repr=False)
    similarity: Similarity

    @property
    def alignment(self) -> pd.DataFrame:
        """One row per aligned group: a, b, label, score, edit, ratio, moved, is_heading, texts."""
        return self.aligned.to_frame()

    @property
    def counts(self) -> pd.Series:
        """Number of groups per label."""
        return self.aligned.counts()

    @cached_property
    def diffs(self) -> tuple[InlineDiff, ...]:
        """The word-level inline diff of every group, in group order (one side may be empty)."""
        a_text, b_text = self.a.segmentation.texts, self.b.segmentation.texts
        return tuple(
            inline_diff(" ".join(a_text[i] for i in g.a), " ".join(b_text[j] for j in g.b))
            for g in self.aligned.groups
        )

    @cached_property
    def quotes(self):
        """The quote ledger: what became of every direct quote (:mod:`storydiff.quotes`)."""
        from .quotes import quote_ledger  # noqa: PLC0415

        return quote_ledger(self)

    @cached_property
    def lexical(self):
        """Lexical profiles, words added and removed, distinctive terms (see storydiff.lexical)."""
        from .lexical import compare_lexical  # noqa: PLC0415

        return compare_lexical(self)

    @cached_property
    def tone(self):
        """VADER tone of each version and the tone shift of each aligned group (storydiff.tone)."""
        from .tone import compare_tone  # noqa: PLC0415

        return compare_tone(self)

    @cached_property
    def framing(self):
        """Framing lexicon rates, term swaps per aligned group and agency (storydiff.framing)."""
        from .framing import compare_framing  # noqa: PLC0415

        return compare_framing(self)

    @cached_property
    def numbers(self):
        """The number ledger: numbers kept, changed or only in one version (storydiff.numbers)."""
        from .numbers import number_ledger  # noqa: PLC0415

        return number_ledger(self)

    @cached_property
    def entities(self):
        """People, places and organisations of both versions, side by side (storydiff.entities)."""
        from .entities import compare_entities  # noqa: PLC0415

        return compare_entities(self)

    def analyses(self) -> dict:
        """Every analysis of meaning that is available, as JSON-ready dicts keyed by name."""
        result = {}
        for name in ANALYSES:
            value = getattr(self, name, None)
            if value is not None:
                result[name] = value.to_dict()
        return result

    def document_diff(self) -> InlineDiff:
        """The groups' inline diffs stitched together, with offsets into the two whole texts.

        Runs follow the groups' reading order; a run's ``a_start``/``a_end`` and
        ``b_start``/``b_end`` point into ``a.text`` and ``b.text`` (an added group's runs sit at
        the end of the last *a* sentence before it, a deleted group's likewise in *b*), so marks
        can be placed on the original texts.
        """
        a_table, b_table = self.a.sentences, self.b.sentences
        ops = []
        a_anchor = b_anchor = 0
        for group, diff in zip(self.aligned.groups, self.diffs, strict=True):
            a_map = _offset_map(a_table, group.a, a_anchor)
            b_map = _offset_map(b_table, group.b, b_anchor)
            for op in diff.ops:
                ops.append(
                    DiffOp(
                        op.op,
                        op.text,
                        a_map(op.a_start),
                        a_map(op.a_end),
                        b_map(op.b_start),
                        b_map(op.b_end),
                    )
                )
            if group.a:
                a_anchor = int(a_table.at[group.a[-1], "end"])
            if group.b:
                b_anchor = int(b_table.at[group.b[-1], "end"])
        return InlineDiff(self.a.text, self.b.text, tuple(ops))

    def share_values(self) -> dict[str, dict[str, float]]:
        """:meth:`shares` as plain values: ``{"a": {"verbatim": ..., ...}, "b": {...}}``."""
        rows = {}
        for side in ("a", "b"):
            counts = dict.fromkeys(SHARE_CLASSES, 0)
            for group in self.aligned.groups:
                if group.is_heading:
                    continue
                kind = _EDIT_CLASS[group.edit] if group.edit else "new"
                counts[kind] += len(getattr(group, side))
            total = sum(counts.values())
            rows[side] = {k: (v / total if total else 0.0) for k, v in counts.items()}
        return rows

    def shares(self) -> pd.DataFrame:
        """Share of each version's sentences that are verbatim, lightly edited, heavily rewritten
        or new (for *a*: not carried into *b*), headings left out; rows ``a`` and ``b``."""
        frame = pd.DataFrame.from_dict(self.share_values(), orient="index")
        frame.index = [self.a.id, self.b.id] if self.a.id != self.b.id else ["a", "b"]
        frame.index.name = "version"
        return frame

    def to_frame(self) -> pd.DataFrame:
        """The alignment table with the two version ids and each group's inserted/deleted words."""
        frame = self.alignment
        frame.insert(0, "version_a", self.a.id)
        frame.insert(1, "version_b", self.b.id)
        frame["words_deleted"] = [d.n_deleted_words for d in self.diffs]
        frame["words_inserted"] = [d.n_inserted_words for d in self.diffs]
        return frame

    def to_dict(self, *, analyses: bool = False) -> dict:
        """Everything as JSON-ready data: versions, sentences, alignment, similarity, counts;
        with ``analyses=True`` also the analyses of meaning (quotes, lexical, ...)."""

        def sentences(version: Version) -> list[dict]:
            table = version.sentences
            return [
                {
                    "id": int(i),
                    "text": row.text,
                    "start": int(row.start),
                    "end": int(row.end),
                    "paragraph": int(row.paragraph),
                    "is_heading": bool(row.is_heading),
                }
                for i, row in zip(table.index, table.itertuples(), strict=True)
            ]

        def about(version: Version) -> dict:
            return {"id": version.id, "label": version.label, "source": version.source}

        return {
            "a": about(self.a),
            "b": about(self.b),
            "sentences": {"a": sentences(self.a), "b": sentences(self.b)},
            "alignment": self.aligned.to_dict(),
            "similarity": self.similarity.to_dict(),
            "counts": {k: int(v) for k, v in self.counts.items()},
            "shares": {
                side: {k: round(float(v), 4) for k, v in row.items()}
                for side, row in zip(("a", "b"), self.shares().to_dict("records"), strict=True)
            },
            "thresholds": asdict(self.aligned.thresholds),
            **({"analyses": self.analyses()} if analyses else {}),
        }


def _offset_map(table: pd.DataFrame, ids: tuple[int, ...], anchor: int):
    """Map offsets in ``" ".join(sentences)`` of a group back to offsets in the document."""
    if not ids:
        return lambda offset: anchor
    starts = [int(table.at[i, "start"]) for i in ids]
    lengths = [int(table.at[i, "end"]) - start for i, start in zip(ids, starts, strict=True)]
    local = list(itertools.accumulate([0, *[n + 1 for n in lengths[:-1]]]))

    def to_document(offset: int) -> int:
        for begin, start, length in zip(
            reversed(local), reversed(starts), reversed(lengths), strict=True
        ):
            if offset >= begin:
                return start + min(offset - begin, length)
        return starts[0]

    return to_document


def _document_cosines(vectorizer: SentenceVectorizer, a_counts, b_counts) -> tuple[float, float]:
    """Word and character TF-IDF cosines of two whole versions from their sentences' counts.

    Counts add up, so a version's counts are the column sums of its sentences' counts; each is
    weighted as one document (sublinear TF, the story's IDF, L2 norm) and the two compared.
    """
    cosines = []
    for a_matrix, b_matrix, idf in (
        (a_counts[0], b_counts[0], vectorizer.word_idf_),
        (a_counts[1], b_counts[1], vectorizer.char_idf_),
    ):
        u, v = (document_weights(matrix, idf) for matrix in (a_matrix, b_matrix))
        cosines.append(round_cosines(u @ v))
    return cosines[0], cosines[1]


def _document_similarity(
    a: Version,
    b: Version,
    aligned: Alignment,
    vectorizer: SentenceVectorizer,
    a_counts=None,
    b_counts=None,
) -> Similarity:
    a_norms, b_norms = a.segmentation.norms, b.segmentation.norms
    if a_counts is None or b_counts is None:
        a_counts, b_counts = vectorizer.counts(a_norms), vectorizer.counts(b_norms)
    tfidf, char = _document_cosines(vectorizer, a_counts, b_counts)
    # A text's words are its sentences' words in order (no token spans a space).
    a_sentence_words = [sentence_keys(text) for text in a_norms]
    b_sentence_words = [sentence_keys(text) for text in b_norms]
    a_words = [w for found in a_sentence_words for w in found]
    b_words = [w for found in b_sentence_words for w in found]
    a_grams, b_grams = ngram_set(a_words), ngram_set(b_words)
    share = _aligned_share(b_sentence_words, aligned, "b")
    a_in_b = gram_containment(a_grams, b_grams)
    return Similarity(
        tfidf_cosine=min(tfidf, 1.0),
        char_cosine=min(char, 1.0),
        jaccard=vocabulary_jaccard(set(a_words), set(b_words)),
        containment_a_in_b=a_in_b,
        containment_b_in_a=gram_containment(b_grams, a_grams),
        derived_share=share,
        reuse_label=reuse_label(share, source_kept=a_in_b),
    )


def _aligned_share(sentence_words: list, aligned: Alignment, side: str) -> float:
    """Share of one side's words (`sentence_words`, sentence by sentence, row i is sentence i)
    in sentences aligned to the other side: ``derived_share`` for side ``"b"``."""
    other = "a" if side == "b" else "b"
    lengths = [len(found) for found in sentence_words]
    derived = sum(lengths[i] for g in aligned.groups if getattr(g, other) for i in getattr(g, side))
    total = sum(lengths)
    return derived / total if total else 0.0


def reverse_derived_share(comparison: Comparison) -> float:
    """``derived_share`` the other way: the share of *a*'s words in sentences aligned to *b*,
    read from the same alignment.

    Examples
    --------
    >>> comparison = compare("Two men died. Police came.", "Two men died.")
    >>> comparison.similarity.derived_share, reverse_derived_share(comparison)
    (1.0, 0.6)
    """
    words = [sentence_keys(text) for text in comparison.a.segmentation.norms]
    return _aligned_share(words, comparison.aligned, "a")


def compare(a, b, *, vectorizer: SentenceVectorizer | None = None, **options) -> Comparison:
    """Compare version `b` with version `a`.

    Parameters
    ----------
    a, b : Version, path or str
        A version, a version file's path, or the text itself.
    vectorizer : SentenceVectorizer, optional
        Fitted on the whole story (as :func:`compare_story` does); fitted on `a` and `b` otherwise.
    **options
        Alignment thresholds, see :class:`storydiff.align.AlignmentThresholds` (e.g.
        ``match_threshold=0.25``).

    Returns
    -------
    Comparison

    Examples
    --------
    >>> compare("Same text.", "Same text.").similarity.tfidf_cosine
    1.0
    """
    version_a, version_b = _as_version(a, "a"), _as_version(b, "b")
    thresholds = _thresholds(options)
    check_pair_size(version_a, version_b)
    a_norms, b_norms = version_a.segmentation.norms, version_b.segmentation.norms
    if vectorizer is None:  # fit on the two versions: every sentence is analysed once
        vectorizer = SentenceVectorizer(word_weight=thresholds.word_weight)
        word, char = vectorizer.fit_counts(a_norms + b_norms)
        n = len(a_norms)
        a_counts, b_counts = (word[:n], char[:n]), (word[n:], char[n:])
    else:
        a_counts, b_counts = vectorizer.counts(a_norms), vectorizer.counts(b_norms)
    return compare_counted(version_a, version_b, vectorizer, a_counts, b_counts, thresholds)


def check_pair_size(a: Version, b: Version) -> None:
    """Refuse a pair of versions too long to align, naming both (call it before fitting vectors).

    Raises
    ------
    InputTooLargeError
        See :data:`storydiff.align.MAX_SENTENCE_PAIRS` and
        :data:`storydiff.align.MAX_VERSION_SENTENCES`.
    """
    a_name, b_name = _names(a, b)
    check_forms_size(body_forms(a.segmentation), body_forms(b.segmentation), a=a_name, b=b_name)


def _names(a: Version, b: Version) -> tuple[str, str]:
    """How messages name two versions: their files, else their ids."""
    return a.source or f"version {a.id!r}", b.source or f"version {b.id!r}"


def compare_counted(
    a: Version,
    b: Version,
    vectorizer: SentenceVectorizer,
    a_counts: tuple,
    b_counts: tuple,
    thresholds: AlignmentThresholds,
) -> Comparison:
    """:func:`compare` for versions whose sentences are already counted by a fitted vectorizer.

    A story's versions are analysed once (``vectorizer.fit_counts`` over all their sentences)
    and every pair reuses the counts; :func:`compare_story` and the corpus mode work this way.
    """
    check_pair_size(a, b)
    vectors = (vectorizer.weigh(a_counts), vectorizer.weigh(b_counts))
    aligned = align_segmentations(
        a.segmentation, b.segmentation, vectors=vectors, thresholds=thresholds, names=_names(a, b)
    )
    similarity = _document_similarity(a, b, aligned, vectorizer, a_counts, b_counts)
    return Comparison(a, b, aligned, similarity)


def story_counts(
    story: Story, *, word_weight: float = 0.5
) -> tuple[SentenceVectorizer, dict[str, tuple]]:
    """One vectorizer fitted on all the sentences of a story, and each version's raw counts.

    Examples
    --------
    >>> from storydiff import load_story, config
    >>> vectorizer, counts = story_counts(load_story(config.EXAMPLE_STORY_DIR))
    >>> {version: matrices[0].shape[0] for version, matrices in counts.items()}
    {'original': 20, 'rewrite': 31}
    """
    norms = [version.segmentation.norms for version in story]
    vectorizer = SentenceVectorizer(word_weight=word_weight)
    word, char = vectorizer.fit_counts([text for texts in norms for text in texts])
    counts, start = {}, 0
    for version, texts in zip(story, norms, strict=True):
        end = start + len(texts)
        counts[version.id] = (word[start:end], char[start:end])
        start = end
    return vectorizer, counts


@dataclass(frozen=True)
class StoryComparison:
    """The versions of a story compared: pairs aligned, and every two versions measured.

    Attributes
    ----------
    story : Story
    reference : str
        The id of the reference version.
    pairs : dict
        ``{(id_a, id_b): Comparison}`` for the pairs aligned (see the ``pairs`` option of
        :func:`compare_story`): always every version against the reference (with the reference
        as *a*), in story order.
    documents : DocumentSimilarities, optional
        The document-level similarity of every two versions (computed from the story when not
        given).
    """

    story: Story
    reference: str
    pairs: dict[tuple[str, str], Comparison] = field(repr=False)
    documents: DocumentSimilarities | None = field(default=None, repr=False)

    @cached_property
    def _documents(self) -> DocumentSimilarities:
        if self.documents is not None:
            return self.documents
        return document_similarities(self.story)

    def matrix(self, measure: str = "tfidf_cosine") -> pd.DataFrame:
        """Square table of one similarity measure between every two versions (1 on the
        diagonal): the cell of row *x* and column *y* is the measure of *y* compared with *x*,
        as ``compare(x, y)`` gives it. So for ``containment_a_in_b`` the row is the contained
        version, and for ``containment_b_in_a`` and ``derived_share`` the column is.

        The document-level measures (:data:`storydiff.documents.DOCUMENT_MEASURES`) are given
        for every two versions. ``derived_share`` comes from the sentence alignment, so it is
        given for the pairs aligned only (NaN elsewhere): compare with ``pairs="all"`` for all of
        it. An aligned pair gives both its cells: the share of *y*'s words in sentences aligned
        to *x*, and of *x*'s words in sentences aligned to *y*.
        """
        valid = [f.name for f in fields(Similarity) if f.name != "reuse_label"]
        if measure not in valid:
            raise ParameterError(f"unknown measure {measure!r}; choose one of: {', '.join(valid)}")
        if measure in DOCUMENT_MEASURES:
            return self._documents.matrix(measure)
        ids = list(self.story.ids)
        cells = np.full((len(ids), len(ids)), np.nan)
        np.fill_diagonal(cells, 1.0)
        values = pd.DataFrame(cells, index=ids, columns=ids)
        for (x, y), comparison in self.pairs.items():
            values.loc[x, y] = comparison.similarity.derived_share
            if (y, x) not in self.pairs:  # (a pair compared both ways gives its own share)
                values.loc[y, x] = reverse_derived_share(comparison)
        values.index.name = "version"
        return values

    def against_reference(self) -> pd.DataFrame:
        """One row per other version: similarity measures and group counts against the reference."""
        rows = []
        for version in self.story:
            if version.id == self.reference:
                continue
            comparison = self.pairs[(self.reference, version.id)]
            rows.append(
                {
                    "version": version.id,
                    **comparison.similarity.to_dict(),
                    **{k: int(v) for k, v in comparison.counts.items()},
                }
            )
        return pd.DataFrame(rows).set_index("version")


def compare_story(
    story: Story, reference: str | None = None, *, pairs: str = "all", **options
) -> StoryComparison:
    """Compare the versions of a story, with one vectorizer fitted on the whole story.

    Parameters
    ----------
    story : Story
    reference : str, optional
        Version id to compare every other version against; the first version by default.
    pairs : {"all", "reference", "consecutive"}, default "all"
        Which pairs are aligned sentence by sentence: every pair; each version against the
        reference only; or, in a revision history, each version against the one before it too.
        Every version is aligned against the reference in all three, and every two versions
        are measured as whole texts (:meth:`StoryComparison.matrix`) in all three. Aligning
        every pair costs n(n-1)/2 alignments: for a long history choose "reference" or
        "consecutive".
    **options
        Alignment thresholds, as for :func:`compare`.

    Examples
    --------
    >>> from storydiff import load_story, config
    >>> result = compare_story(load_story(config.EXAMPLE_STORY_DIR))
    >>> list(result.pairs)
    [('original', 'rewrite')]
    """
    if not isinstance(story, Story):
        raise ParameterError(f"compare_story() takes a Story; got {type(story).__name__}")
    if pairs not in STORY_PAIRS:
        raise ParameterError(
            f"pairs={pairs!r} is not a pair mode; use one of {', '.join(STORY_PAIRS)}"
        )
    reference = story.ids[0] if reference is None else reference
    if reference not in story.ids:
        hint = ""
        if not isinstance(reference, str) and str(reference) in story.ids:
            hint = f" (version ids are text: give reference={str(reference)!r})"
        raise StorydiffError(
            f"story {story.id!r} has no version {reference!r}{hint}; its versions are: "
            f"{', '.join(story.ids)}"
        )
    thresholds = _thresholds(options)
    order = list(story.ids)
    if pairs == "all":
        wanted = list(itertools.combinations(order, 2))
    elif pairs == "consecutive":
        wanted = list(itertools.pairwise(order))
    else:
        wanted = []
    wanted += [(reference, v) for v in order if v != reference and (reference, v) not in wanted]
    for x, y in wanted:
        check_pair_size(story[x], story[y])
    vectorizer, counts = story_counts(story, word_weight=thresholds.word_weight)
    compared: dict[tuple[str, str], Comparison] = {}
    for x, y in wanted:
        compared[(x, y)] = compare_counted(
            story[x], story[y], vectorizer, counts[x], counts[y], thresholds
        )
    documents = document_similarities(story, vectorizer=vectorizer, counts=counts)
    return StoryComparison(story, reference, compared, documents)


__all__ = [
    "LABELS",
    "STORY_PAIRS",
    "Comparison",
    "StoryComparison",
    "compare",
    "check_pair_size",
    "compare_counted",
    "compare_story",
    "reverse_derived_share",
    "story_counts",
]
