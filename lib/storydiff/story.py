"""A story and its versions, as typed objects with pandas views.

A :class:`Story` holds two or more :class:`Version` objects of the same news story (a wire report
and an outlet's rewrite, two revisions of one article, several outlets on one event). A version
keeps its text exactly as read, and computes its structure (paragraphs, headings, sentences,
tokens) the first time it is asked for.

Examples
--------
>>> story = Story.from_texts({"wire": "Two men died. A woman was hurt.",
...                           "rewrite": "Two men were killed. A woman was wounded."})
>>> story.ids
('wire', 'rewrite')
>>> story["rewrite"].sentences["text"].tolist()
['Two men were killed.', 'A woman was wounded.']
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

import pandas as pd

from .decoding import replace_lone_surrogates
from .errors import EmptyTextError, SingleVersionError, StorydiffWarning, StoryStructureError
from .normalize import mostly_latin
from .structure import Block, Segmentation, segment
from .tokens import Token, sentence_tokens, token_frame

T = TypeVar("T")

MIN_VERSIONS = 2
"""A story needs at least this many versions to be compared."""


def _make_valid(item, names: tuple[str, ...]) -> int:
    """Replace the lone surrogates of the named text attributes of a frozen dataclass
    (:func:`~storydiff.decoding.replace_lone_surrogates`); how many there were."""
    total = 0
    for name in names:
        value = getattr(item, name)
        if isinstance(value, str):
            value, count = replace_lone_surrogates(value)
            if count:
                object.__setattr__(item, name, value)
                total += count
    return total


_UNSPACED = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff"
    "\u1000-\u109f\u1780-\u17ff]+"
)
"""Letters of the scripts written without spaces between words: Japanese kana, Chinese
characters, Thai, Lao, Myanmar, Khmer."""


REPR_CHARACTERS = 60
"""Characters of a version's text its ``repr`` shows."""


def _mostly_unspaced(text: str) -> bool:
    """Whether more than a third of a text's letters are of a script without word spaces.

    >>> _mostly_unspaced("普京说，该计划不可接受。"), _mostly_unspaced("Putin met 普京 envoys.")
    (True, False)
    """
    if not _UNSPACED.search(text):  # most texts: one scan, nothing found
        return False
    unspaced = len(text) - len(_UNSPACED.sub("", text))
    letters = sum(map(str.isalpha, text))
    return unspaced * 3 > letters


@dataclass(frozen=True)
class Version:
    """One version of a story.

    Attributes
    ----------
    id : str
        Short identifier, unique within the story (e.g. ``"wire"``, ``"rewrite"``, ``"rev2"``).
    text : str
        The text as read (for HTML, the extracted article text). All offsets refer to it.
    label : str, optional
        How to name the version to readers (e.g. ``"AP wire"``).
    outlet, date, url : str, optional
        Provenance, as given in the story's metadata.
    source : str, optional
        Where the text came from (a path), for messages and provenance.
    format : str
        ``"text"``, ``"markdown"``, ``"html"``, ``"json"`` or ``"frame"``.
    encoding : str, optional
        The codec the file was decoded with.
    warnings : tuple of str
        Things the reader of a report should know (e.g. an encoding guess).
    blocks : tuple of Block, optional
        Paragraphs and headings known from the source format (HTML); found from the text otherwise.
    title : str, optional
        Headline from the source, when it has one (an HTML ``<title>``, a record's ``title``).
    """

    id: str
    text: str
    label: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    format: str = "text"
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    blocks: tuple[Block, ...] | None = field(default=None, repr=False)
    title: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            where = self.source or "a version"
            raise StoryStructureError(
                f"{where}: the version id is empty; give every version a name"
            )
        if not isinstance(self.text, str) or not self.text.strip():
            where = self.source or f"version {self.id!r}"
            raise EmptyTextError(
                f"{where}: the text is empty or only whitespace; give it the article text"
            )
        _make_valid(self, ("source",))  # (a file name in another encoding than the system's)
        fields = ("id", "text", "label", "outlet", "date", "url", "title")
        replaced = {name: _make_valid(self, (name,)) for name in fields}
        if any(replaced.values()):
            where = ", ".join(name for name, count in replaced.items() if count)
            note = (
                f"{self.source or f'version {self.id!r}'}: {sum(replaced.values())} "
                f"character(s) of its {where} that are not valid Unicode (lone surrogates, as a "
                "cut emoji leaves in JSON, or a file name in another encoding) replaced with "
                "\ufffd"
            )
            self._note(note)
        if _mostly_unspaced(self.text):
            note = (
                f"{self.source or f'version {self.id!r}'}: written mostly in Chinese, Japanese, "
                "Thai or another script without spaces between words; storydiff cuts words at "
                "spaces, so its word measures (TF-IDF, Jaccard, inline diffs, word counts) take "
                "whole phrases for words: read the character similarity and the sentences"
            )
            self._note(note)
        elif not mostly_latin(self.text) and any(map(str.isalpha, self.text)):
            note = (
                f"{self.source or f'version {self.id!r}'}: written mostly in letters other than "
                "Latin ones (Cyrillic, Greek, Arabic...); the tone, readability, framing, number "
                "and entity analyses read English, so they find little or nothing here: read "
                "the alignment, the inline diffs and the similarities"
            )
            self._note(note)

    def _note(self, note: str) -> None:
        """Keep a warning in :attr:`warnings` and raise it (to the code that made the version)."""
        object.__setattr__(self, "warnings", (*self.warnings, note))
        warnings.warn(note, StorydiffWarning, stacklevel=4)

    def __repr__(self) -> str:
        """The id, the text's start and length, and what else is set (a story of thirty
        versions printed whole would fill a notebook)."""
        start = self.text[:REPR_CHARACTERS].replace("\n", " ")
        if len(self.text) > len(start):
            start += "…"
        shown = [f"id={self.id!r}", f"text={start!r}", f"characters={len(self.text):,}"]
        for name in ("label", "outlet", "date", "url", "source", "encoding", "title"):
            if getattr(self, name) is not None:
                shown.append(f"{name}={getattr(self, name)!r}")
        if self.format != "text":
            shown.append(f"format={self.format!r}")
        if self.warnings:
            shown.append(f"warnings={len(self.warnings)}")
        return f"Version({', '.join(shown)})"

    @property
    def name(self) -> str:
        """The label if there is one, else the id."""
        return self.label or self.id

    @cached_property
    def segmentation(self) -> Segmentation:
        """Paragraphs, headings and sentences (computed once)."""
        return segment(self.text, blocks=self.blocks, markdown=self.format == "markdown")

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence or heading: text, start, end, paragraph, is_heading, norm."""
        return self.segmentation.sentences

    @property
    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph or heading: text, start, end, kind, level, n_sentences."""
        return self.segmentation.paragraphs

    @property
    def headings(self) -> list[str]:
        """The headings' texts, in order."""
        return self.segmentation.headings

    @cached_property
    def tokens(self) -> pd.DataFrame:
        """One row per token: sentence, token, start, end, kind, norm, stem."""
        return token_frame(self.text, self.sentences, tokens=self.sentence_tokens)

    @cached_property
    def sentence_tokens(self) -> dict[int, tuple[Token, ...]]:
        """The tokens of each sentence, offsets into :attr:`text`, by sentence id: cut once for
        all the analyses of this version (entities and their sources, numbers, framing, the
        token table)."""
        return sentence_tokens(self.text, self.sentences)

    @cached_property
    def _remembered(self) -> dict:
        return {}

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, worked out once for this version and `key`, then given back.

        The analyses of one version on its own (its tone, its framing profile) do not depend on
        the version it is compared with, so a story's reference, compared with every other
        version, is analysed once. `key` names the analysis and its parameters; the result is
        shared, so it must not be changed in place.

        Examples
        --------
        >>> version = Version("v1", "Two men died.")
        >>> version.remember(("words", 2), lambda: version.text.split()[:2])
        ['Two', 'men']
        >>> version.remember(("words", 2), lambda: "not computed again")
        ['Two', 'men']
        """
        remembered = self._remembered
        if key not in remembered:
            remembered[key] = compute()
        return remembered[key]

    def summary(self) -> dict:
        """Counts and provenance as a flat dict (one row of :meth:`Story.to_frame`)."""
        words = sum(  # the word and number rows of `tokens`, without making the table
            token.kind != "punct" for tokens in self.sentence_tokens.values() for token in tokens
        )
        return {
            "version": self.id,
            "label": self.label,
            "outlet": self.outlet,
            "date": self.date,
            "url": self.url,
            "source": self.source,
            "format": self.format,
            "encoding": self.encoding,
            "n_chars": len(self.text),
            "n_words": int(words),
            "n_paragraphs": int((self.paragraphs["kind"] == "paragraph").sum()),
            "n_headings": len(self.headings),
            "n_sentences": self.segmentation.n_sentences,
            "warnings": "; ".join(self.warnings),
        }


@dataclass(frozen=True)
class Story:
    """Two or more versions of one news story.

    Attributes
    ----------
    id : str
        The story's identifier.
    versions : tuple of Version
        In the order given (the first is the default reference for comparisons).
    title : str, optional
    source : str, optional
        Where the story was read from.

    Examples
    --------
    >>> story = Story.from_texts({"a": "One.", "b": "Two."}, story_id="demo")
    >>> len(story), story[0].id, story["b"].text
    (2, 'a', 'Two.')
    """

    id: str
    versions: tuple[Version, ...]
    title: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        # Without a warning of its own: a story's id and title are names (what a version's text
        # held is said by the version).
        _make_valid(self, ("id", "title"))
        where = self.source or f"story {self.id!r}"
        if len(self.versions) < MIN_VERSIONS:
            found = "no versions" if not self.versions else "only one version"
            error = SingleVersionError if self.versions else StoryStructureError
            raise error(
                f"{where}: has {found}; a story needs at least {MIN_VERSIONS} versions to compare "
                "(one file per version in the story folder, or records with a 'version' field)"
            )
        seen: dict[str, Version] = {}
        for version in self.versions:
            first = seen.setdefault(version.id, version)
            if first is not version:
                files = ""
                if first.source and version.source and first.source != version.source:
                    files = f" ({first.source} and {version.source}: rename one)"
                raise StoryStructureError(
                    f"{where}: two versions share the id {version.id!r}{files}; "
                    "give each version its own id"
                )

    @classmethod
    def from_texts(cls, texts: Mapping[str, str], *, story_id: str = "story", **metadata) -> Story:
        """Build a story from ``{version id: text}``.

        Examples
        --------
        >>> Story.from_texts({"v1": "Hello.", "v2": "Hello there."}).ids
        ('v1', 'v2')
        """
        return cls(
            story_id, tuple(Version(str(key), text) for key, text in texts.items()), **metadata
        )

    @property
    def ids(self) -> tuple[str, ...]:
        """The version ids, in order."""
        return tuple(version.id for version in self.versions)

    def __len__(self) -> int:
        return len(self.versions)

    def __iter__(self) -> Iterator[Version]:
        return iter(self.versions)

    def __getitem__(self, key: str | int) -> Version:
        if isinstance(key, int):
            return self.versions[key]
        for version in self.versions:
            if version.id == key:
                return version
        raise KeyError(
            f"story {self.id!r} has no version {key!r}; its versions are: {', '.join(self.ids)}"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per version: provenance and counts, indexed by version id."""
        return pd.DataFrame([version.summary() for version in self.versions]).set_index("version")

    def sentences(self) -> pd.DataFrame:
        """Every version's sentence table stacked, with a ``version`` column first."""
        frames = [version.sentences.reset_index().assign(version=version.id) for version in self]
        frame = pd.concat(frames, ignore_index=True)
        return frame[["version", *[c for c in frame.columns if c != "version"]]]
