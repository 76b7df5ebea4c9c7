"""Framing: lexicon terms per version, who is said to do harm, and term swaps between versions.

Three readings of a story's wording, each transparent enough to check by hand:

* **Lexicon terms** (:func:`framing_profile`). A lexicon is a CSV file of terms, each with a
  category, a subcategory, a weight, a source and a rationale. The built-in lexicons
  (:data:`BUILTIN_LEXICONS`, all together as ``"news"``) cover attribution verbs (neutral "said"
  vs loaded "claimed"), hedges, certainty markers, intensifiers, emotive words, violence and
  casualty vocabulary, contested labels (invasion / war / conflict; occupied / annexed;
  installed / appointed) and seed words for 14 of the 15 dimensions of the Media Frames Corpus
  codebook; ``lib/storydiff/resources/lexicons/README.md`` says where each list comes from. Your
  own CSV file is loaded by path, or by name from ``data/lexicons/`` (:func:`load_lexicon`).
  Terms match the lower-cased comparison form of each sentence's words: a phrase matches
  consecutive words ("according to"), ``*`` ends a prefix ("mourn*"), a word matches its
  possessive ("Kyiv's"), and a single word also matches a part of a hyphenated compound
  ("installed" in "Moscow-installed"; not "law" in "son-in-law"), recorded as written.
  Within one category the longest match wins, so "reported by" is not also counted as "reported".
  Headings are left out. Rates are per 1,000 words of the version's sentences.
* **Agency** (:func:`agency`). Passive constructions (a form of *be* or *get*, up to three adverbs,
  a past participle: "was forced to shut down"), whether a "by ..." phrase names the agent, and for
  verbs of harm (kill, injure, wound, strike, hit, shell, damage, target ...) who does the harming:
  the noun phrase that opens the clause for an active verb ("when a Ukrainian drone hit their
  vehicle"), the "by" phrase for a passive ("was targeted by Russian drone strikes"), nothing for
  an agentless passive ("two men were killed"). This is a word-list heuristic, not a parser (no
  tagger can be downloaded here): it misses subjects after long openings, reads some adjectives
  as participles ("was prepared to") and some metaphors as harm ("hit obstacles").
* **Term swaps** (:func:`compare_framing`). For every aligned group with sentences on both sides,
  the lexicon terms found on one side only, per category: "killed" in the original where the
  rewrite has "died" (casualty), "Moscow-installed" where it has "Moscow-appointed" (contested
  label, appointment). Terms are compared by their stems, so "damaged" and "damage" are not a
  swap. Categories listed in ``pair_within_subcategory`` (the contested labels by default) pair
  only terms of the same subcategory: "invasion" is an alternative to "war", not to "annexed".

Examples
--------
>>> from storydiff import Story, compare
>>> story = Story.from_texts({
...     "wire": "Two men were killed when a drone hit their car, the Moscow-installed head said.",
...     "rewrite": "Two men died in a drone strike, the Moscow-appointed head claimed."})
>>> profile = framing_profile(story["wire"], "contested_labels")
>>> profile.mentions[["term", "matched", "category", "subcategory"]]
        term           matched         category  subcategory
0  installed  Moscow-installed  contested_label  appointment
>>> agency(story["wire"])[["construction", "verb", "agent", "agentless"]]
  construction    verb    agent  agentless
0      passive  killed     None       True
1       active     hit  a drone      False
>>> framing = compare_framing(compare(story["wire"], story["rewrite"]))
>>> framing.swaps[["category", "subcategory", "a_terms", "b_terms"]]
          category  subcategory      a_terms    b_terms
0      attribution                    [said]  [claimed]
1         violence                     [hit]   [strike]
2         casualty                  [killed]     [died]
3  contested_label  appointment  [installed]  [appointed]
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import config
from .errors import InputNotFoundError, ParameterError, StorydiffError
from .frames import typed_frame
from .normalize import normalize_text
from .story import Story, Version
from .structure import segment
from .tokens import Token, stem, tokenize, word_keys

if TYPE_CHECKING:  # pragma: no cover
    from .compare import Comparison

LEXICON_COLUMNS = ("term", "category", "subcategory", "weight", "source", "rationale")
"""The header of a lexicon CSV file, in order."""

REQUIRED_COLUMNS = ("term", "category", "source")
"""Columns a lexicon file must have; ``subcategory``, ``weight`` and ``rationale`` may be left out
(empty, 1.0 and empty)."""

BUILTIN_LEXICONS = (
    "attribution",
    "hedges",
    "certainty",
    "intensifiers",
    "emotive",
    "violence",
    "contested_labels",
    "media_frames",
)
"""The lexicon files that ship with the package (``resources/lexicons/<name>.csv``)."""

LEXICON_SETS = {"news": BUILTIN_LEXICONS}
"""Names that stand for several lexicons at once."""

DEFAULT_LEXICON = "news"
"""The lexicon used when none is named: every built-in lexicon."""

PAIR_WITHIN_SUBCATEGORY = ("contested_label",)
"""Categories whose subcategories are sets of alternatives: swaps pair terms of one subcategory."""

MENTION_COLUMNS = [
    "sentence",
    "term",
    "matched",
    "category",
    "subcategory",
    "weight",
    "start",
    "end",
    "text",
]
AGENCY_COLUMNS = [
    "sentence",
    "construction",
    "verb",
    "lemma",
    "harm",
    "agent",
    "agentless",
    "phrase",
    "start",
    "end",
    "text",
]
CHANGE_COLUMNS = [
    "group",
    "label",
    "category",
    "subcategory",
    "a_terms",
    "b_terms",
    "a_sentences",
    "b_sentences",
    "a_text",
    "b_text",
]


# -- lexicons ------------------------------------------------------------------------------------


def user_lexicon_dir() -> Path:
    """The checkout's folder of user lexicons, ``data/lexicons/`` (may not exist)."""
    return config.DATA_DIR / "lexicons"


def builtin_lexicon_dir() -> Path:
    """The folder of the lexicons that ship with the package."""
    return config.RESOURCES_DIR / "lexicons"


@dataclass(frozen=True)
class _Pattern:
    words: tuple[str, ...]
    prefix: tuple[bool, ...]
    term: str
    category: str
    subcategory: str
    weight: float
    rank: int


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Terms with their categories, read from one CSV file or combined from several.

    Attributes
    ----------
    name : str
        The file's stem (``"attribution"``), a set name (``"news"``) or names joined by ``+``.
    entries : DataFrame
        One row per term: term, category, subcategory, weight, source, rationale, lexicon (the
        file it came from).
    source : Path, optional
        The file read; None for a combination of lexicons.
    members : tuple of str
        The names of the lexicons combined (just ``name`` for one file).

    Examples
    --------
    >>> lexicon = load_lexicon("contested_labels")
    >>> lexicon.categories
    ('contested_label',)
    >>> lexicon.entries.set_index("term").loc["installed", "subcategory"]
    'appointment'
    """

    name: str
    entries: pd.DataFrame = field(repr=False)
    source: Path | None = None
    members: tuple[str, ...] = ()

    @cached_property
    def categories(self) -> tuple[str, ...]:
        """The categories, in the order of the file."""
        return tuple(dict.fromkeys(self.entries["category"]))

    @cached_property
    def subcategories(self) -> tuple[tuple[str, str], ...]:
        """Every (category, subcategory) pair, in the order of the file."""
        pairs = zip(self.entries["category"], self.entries["subcategory"], strict=True)
        return tuple(dict.fromkeys(pairs))

    def __len__(self) -> int:
        return len(self.entries)

    def to_frame(self) -> pd.DataFrame:
        """The entries (a copy)."""
        return self.entries.copy()

    @cached_property
    def _patterns(self) -> tuple[dict[str, list[_Pattern]], dict[str, list[_Pattern]], tuple]:
        """Patterns by exact first word; patterns whose first word is a prefix, by that prefix;
        and the lengths of those prefixes, longest first (built once)."""
        exact: dict[str, list[_Pattern]] = {}
        prefixed: dict[str, list[_Pattern]] = {}
        columns = ["term", "category", "subcategory", "weight"]
        for rank, (term, category, subcategory, weight) in enumerate(
            self.entries[columns].itertuples(index=False)
        ):
            words = term.split(" ")
            pattern = _Pattern(
                tuple(w.rstrip("*") for w in words),
                tuple(w.endswith("*") for w in words),
                term,
                category,
                subcategory,
                float(weight),
                rank,
            )
            first = exact if not pattern.prefix[0] else prefixed
            first.setdefault(pattern.words[0], []).append(pattern)
        lengths = tuple(sorted({len(prefix) for prefix in prefixed}, reverse=True))
        return exact, prefixed, lengths

    @cached_property
    def _found(self) -> dict[str, list[_Pattern]]:
        """The patterns a word can start, by word, filled as words are met (a text repeats
        most of its words: each is looked up in :attr:`_patterns` once); emptied when it
        reaches :data:`_FOUND_WORDS` words, so that a long corpus run keeps a flat memory."""
        return {}

    def _starting(self, key: str) -> list[_Pattern]:
        """The patterns whose first word is `key`, or a prefix of it (in no particular order)."""
        found = self._found.get(key)
        if found is None:
            exact, prefixed, lengths = self._patterns
            found = exact.get(key, []) + [
                pattern for n in lengths if n <= len(key) for pattern in prefixed.get(key[:n], ())
            ]
            if len(self._found) >= _FOUND_WORDS:
                self._found.clear()
            self._found[key] = found
        return found


_FOUND_WORDS = 100_000
"""Words whose patterns a lexicon remembers at most (:meth:`Lexicon._starting`)."""


def _lexicon_error(path: Path, line: int | None, message: str) -> StorydiffError:
    where = f"{path}, line {line}" if line else str(path)
    return StorydiffError(f"{where}: {message}")


def _clean_term(raw: str, path: Path, line: int) -> str:
    term = " ".join(normalize_text(raw).lower().split())
    if not term:
        raise _lexicon_error(
            path, line, "the term is empty; give a word or phrase, or drop the row"
        )
    for word in term.split(" "):
        core = word[:-1] if word.endswith("*") else word
        if not core or "*" in core:
            raise _lexicon_error(
                path, line, f"term {raw!r}: '*' may only end a word, as in 'kill*' (a prefix)"
            )
        if word_keys(core) != [core]:
            raise _lexicon_error(
                path,
                line,
                f"term {raw!r}: {core!r} is not one word as texts are tokenized; "
                "write words separated by spaces, without punctuation",
            )
    return term


def _read_lexicon_file(path: Path) -> Lexicon:
    """Read and check one lexicon CSV file."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise _lexicon_error(
            path, None, f"is not UTF-8 text (byte {error.start}); save the lexicon as UTF-8"
        ) from error
    expected = ",".join(LEXICON_COLUMNS)
    reader = csv.reader(io.StringIO(raw))
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
        if not any(header):
            raise _lexicon_error(
                path, None, f"the file is empty; a lexicon CSV starts with the header {expected}"
            )
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise _lexicon_error(
                path,
                None,
                f"missing column(s) {', '.join(missing)}; a lexicon CSV needs the header "
                f"{expected} (subcategory, weight and rationale may be left out)",
            )
        rows, seen = [], {}
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise _lexicon_error(
                    path,
                    line,
                    f"{len(row)} fields but the header has {len(header)}; "
                    "put a field that holds a comma in double quotes",
                )
            values = dict(zip(header, [*row, *[""] * (len(header) - len(row))], strict=True))
            term = _clean_term(values["term"], path, line)
            category = values["category"].strip().lower()
            if not category:
                raise _lexicon_error(path, line, f"term {term!r} has no category")
            weight_text = values.get("weight", "").strip()
            try:
                weight = float(weight_text) if weight_text else 1.0
            except ValueError:
                weight = float("nan")
            if not 0.0 <= weight < float("inf"):
                raise _lexicon_error(
                    path, line, f"weight {weight_text!r} of {term!r} is not a number >= 0"
                )
            if (term, category) in seen:
                raise _lexicon_error(
                    path,
                    line,
                    f"{term!r} is already in category {category!r} on line "
                    f"{seen[(term, category)]}; keep one row",
                )
            seen[(term, category)] = line
            rows.append(
                (
                    term,
                    category,
                    values.get("subcategory", "").strip().lower(),
                    weight,
                    values["source"].strip(),
                    values.get("rationale", "").strip(),
                )
            )
    except csv.Error as error:
        raise _lexicon_error(path, reader.line_num, f"is not valid CSV ({error})") from error
    if not rows:
        raise _lexicon_error(path, None, "has a header but no terms")
    entries = pd.DataFrame(rows, columns=list(LEXICON_COLUMNS)).assign(lexicon=path.stem)
    return Lexicon(path.stem, entries, source=path, members=(path.stem,))


@lru_cache(maxsize=64)
def _cached_file(path: str, mtime_ns: int, size: int) -> Lexicon:
    return _read_lexicon_file(Path(path))


def _load_file(path: Path) -> Lexicon:
    if not path.is_file():
        raise InputNotFoundError(
            f"{path}: no such lexicon file; give the path of a CSV file or one of the names: "
            f"{', '.join(available_lexicons())}"
        )
    resolved = path.resolve()
    stat = resolved.stat()
    return _cached_file(str(resolved), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _combined(name: str, parts: tuple[Lexicon, ...]) -> Lexicon:
    entries = pd.concat([part.entries for part in parts], ignore_index=True)
    entries = entries.drop_duplicates(["term", "category"], keep="first").reset_index(drop=True)
    members = tuple(member for part in parts for member in part.members)
    return Lexicon(name, entries, source=None, members=members)


def available_lexicons() -> list[str]:
    """Names :func:`load_lexicon` accepts: files in ``data/lexicons/``, built-ins and sets.

    Examples
    --------
    >>> {"attribution", "contested_labels", "media_frames", "news"} <= set(available_lexicons())
    True
    """
    names = set(LEXICON_SETS)
    for folder in (user_lexicon_dir(), builtin_lexicon_dir()):
        if folder.is_dir():
            names.update(path.stem for path in folder.glob("*.csv"))
    return sorted(names)


def _looks_like_path(text: str) -> bool:
    return "/" in text or os.sep in text or text.lower().endswith(".csv")


def load_lexicon(name_or_path: str | os.PathLike | Lexicon | Iterable = DEFAULT_LEXICON) -> Lexicon:
    """Load a lexicon by name, by path, or several at once.

    A name is looked up first in the checkout's ``data/lexicons/<name>.csv`` (so a user file
    shadows a built-in of the same name), then among the built-ins, then among the sets
    (:data:`LEXICON_SETS`). Files are read once and cached until they change.

    Parameters
    ----------
    name_or_path : str, path, Lexicon or list of these
        A name (``"attribution"``, ``"news"``), the path of a CSV file, a loaded lexicon, or a list
        of any of these to combine (a term already in a category is kept from the first).

    Returns
    -------
    Lexicon

    Raises
    ------
    ParameterError
        For an unknown name (the message lists the valid ones).
    InputNotFoundError
        For a path that does not exist.
    StorydiffError
        For a malformed file (missing columns, empty terms, bad weights, duplicates).

    Examples
    --------
    >>> load_lexicon("attribution").name, len(load_lexicon("news").categories) > 10
    ('attribution', True)
    >>> load_lexicon(["hedges", "certainty"]).categories
    ('hedge', 'certainty')
    """
    if isinstance(name_or_path, Lexicon):
        return name_or_path
    if isinstance(name_or_path, os.PathLike):
        return _load_file(Path(name_or_path))
    if isinstance(name_or_path, str):
        text = name_or_path.strip()
        if not text:
            raise ParameterError(
                f"the lexicon name is empty; valid names are: {', '.join(available_lexicons())}"
            )
        if _looks_like_path(text):
            path = Path(text).expanduser()
            if not path.exists() and (user_lexicon_dir() / path.name).is_file():
                path = user_lexicon_dir() / path.name
            return _load_file(path)
        for folder in (user_lexicon_dir(), builtin_lexicon_dir()):
            path = folder / f"{text}.csv"
            if path.is_file():
                return _load_file(path)
        if text in LEXICON_SETS:
            return _combined(text, tuple(load_lexicon(member) for member in LEXICON_SETS[text]))
        raise ParameterError(
            f"unknown lexicon {text!r}; valid names are: {', '.join(available_lexicons())}; "
            f"or give the path of a CSV file with the header {','.join(LEXICON_COLUMNS)}"
        )
    if isinstance(name_or_path, Iterable) and not isinstance(name_or_path, bytes | pd.DataFrame):
        parts = tuple(load_lexicon(item) for item in name_or_path)
        if not parts:
            raise ParameterError("the list of lexicons is empty; give at least one name or path")
        if len(parts) == 1:
            return parts[0]
        return _combined("+".join(part.name for part in parts), parts)
    raise ParameterError(
        "a lexicon is a name, a path, a Lexicon or a list of these; "
        f"got {type(name_or_path).__name__}"
    )


# -- sentences and tokens ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sentence:
    id: Any
    text: str
    start: int
    tokens: tuple[Token, ...]
    norms: tuple[str, ...]

    def span(self, first: int, last: int) -> str:
        """The text as written from token `first` to token `last` (inclusive)."""
        return self.text[self.tokens[first].start - self.start : self.tokens[last].end - self.start]


def _sentence_table(source) -> tuple[str, pd.DataFrame]:
    """A version id and a sentence table from a Version, a sentence table or a text."""
    if isinstance(source, Version):
        return source.id, source.sentences
    if isinstance(source, pd.DataFrame):
        if "text" not in source.columns:
            raise ParameterError(
                "a sentence table needs a 'text' column (and 'start', 'is_heading' if known), "
                f"as Version.sentences has; got columns: {', '.join(map(str, source.columns))}"
            )
        return "sentences", source
    if isinstance(source, str):
        return "text", segment(source).sentences
    raise ParameterError(
        f"framing analyses take a Version, a sentence table or a text; got {type(source).__name__}"
    )


def _tokenized(table: pd.DataFrame, cut: dict | None = None) -> list[_Sentence]:
    """The non-heading sentences of a table with their tokens (offsets into the document),
    those of `cut` (a version's :attr:`~storydiff.story.Version.sentence_tokens`) where given."""
    cut = cut or {}
    starts = table["start"] if "start" in table.columns else pd.Series(0, index=table.index)
    headings = (
        table["is_heading"]
        if "is_heading" in table.columns
        else pd.Series(False, index=table.index)
    )
    sentences = []
    for sentence_id, text, start, is_heading in zip(
        table.index, table["text"], starts, headings, strict=True
    ):
        if is_heading or not isinstance(text, str):
            continue
        tokens = (
            cut[sentence_id] if sentence_id in cut else tuple(tokenize(text, offset=int(start)))
        )
        sentences.append(
            _Sentence(sentence_id, text, int(start), tokens, tuple(t.norm for t in tokens))
        )
    return sentences


_FUNCTION_PARTS = frozenset("a an the of in on at to by for and or".split())


def _hyphen_parts(norm: str) -> list[str]:
    """The parts of a hyphenated compound ("moscow-installed"), none for a lexicalised phrase
    with a function word inside ("son-in-law", "state-of-the-art")."""
    if "-" not in norm:
        return []
    parts = [part for part in norm.split("-") if part]
    return [] if _FUNCTION_PARTS.intersection(parts) else parts


# -- term matching -------------------------------------------------------------------------------


def _match_end(pattern: _Pattern, norms: tuple[str, ...], first: int) -> int | None:
    """Index of the last token of a multi-word match starting at `first`, or None."""
    for k in range(1, len(pattern.words)):
        j = first + k
        if j >= len(norms):
            return None
        word, token = pattern.words[k], norms[j]
        if not (token.startswith(word) if pattern.prefix[k] else token == word):
            return None
    return first + len(pattern.words) - 1


def _sentence_mentions(sentence: _Sentence, lexicon: Lexicon) -> list[tuple]:
    candidates = []
    for i, (token, norm) in enumerate(zip(sentence.tokens, sentence.norms, strict=True)):
        if token.kind == "punct":
            continue
        keys = [(norm, False), *[(part, True) for part in _hyphen_parts(norm)]]
        if norm.endswith("'s") and len(norm) > 2:  # "Kyiv's" also matches "kyiv"
            keys.append((norm[:-2], False))
        for key, is_part in keys:
            # the order found in does not matter: candidates are sorted below, rank last
            for pattern in lexicon._starting(key):
                if is_part and len(pattern.words) > 1:
                    continue
                last = _match_end(pattern, sentence.norms, i)
                if last is not None:
                    candidates.append((pattern, i, last, is_part))
    # within a category: longest first, then whole tokens, exact words, file order
    candidates.sort(key=lambda c: (c[2] - c[1], -c[3], -any(c[0].prefix), -c[0].rank), reverse=True)
    taken: dict[str, set[int]] = {}
    kept = []
    for pattern, first, last, _ in candidates:
        used = taken.setdefault(pattern.category, set())
        span = set(range(first, last + 1))
        if used & span:
            continue
        used |= span
        kept.append((pattern, first, last))
    kept.sort(key=lambda c: (c[1], c[0].rank))
    return [
        (
            sentence.id,
            pattern.term,
            sentence.span(first, last),
            pattern.category,
            pattern.subcategory,
            pattern.weight,
            sentence.tokens[first].start,
            sentence.tokens[last].end,
            _context(sentence, first, last),
        )
        for pattern, first, last in kept
    ]


MENTION_CONTEXT_CHARS = 1_000
"""Longest sentence a mention's ``text`` gives whole; of a longer one (text without sentence
ends: a caption dump, a flattened table) it gives the words around the term, about this many
characters: a table of every mention holding the whole sentence took 2 GB for 20,000 words."""


def _context(sentence: _Sentence, first: int, last: int) -> str:
    """A mention's sentence, or, for a very long one, the part of it around the mention."""
    text = sentence.text
    if len(text) <= MENTION_CONTEXT_CHARS:
        return text
    half = MENTION_CONTEXT_CHARS // 2
    start = max(0, sentence.tokens[first].start - sentence.start - half)
    end = min(len(text), sentence.tokens[last].end - sentence.start + half)
    if start > 0:  # (whole words at both ends)
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("\u2026" if start > 0 else "") + text[start:end] + ("\u2026" if end < len(text) else "")


def _mentions(sentences: list[_Sentence], lexicon: Lexicon) -> pd.DataFrame:
    rows = [row for sentence in sentences for row in _sentence_mentions(sentence, lexicon)]
    return typed_frame(rows, MENTION_COLUMNS, {"weight": float, "start": "int64", "end": "int64"})


# -- agency --------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BE = _words("am is are was were be been being")
_GET = _words("get gets got gotten getting")
_HAVE = _words("have has had having")
_AUXILIARIES = _words("will would can could may might must shall should do does did")
_PRONOUNS = _words("i you he she it we they")
_RELATIVES = _words("who which that whom whose")
_DETERMINERS = _words(
    "a an the this these those its their his her our my your each every any no another such"
)
_PREPOSITIONS = _words(
    "in on at of for from with without into onto over under across through during after before "
    "since near towards toward against among between about amid amidst along around behind "
    "beyond via per despite inside outside upon within following ahead"
)
_CONJUNCTIONS = _words(
    "and or but nor yet so when while as because although though if unless whereas where whether"
)
_ADVERBS = _words(
    "also not never already still then later reportedly allegedly just all both since "
    "subsequently soon again recently previously n't"
)
_NOT_AGENT_AFTER_BY = _words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december then now far way default contrast "
    "comparison phone telephone video email mail hand chance mistake accident midnight noon "
    "dawn nightfall"
)
_NOT_PARTICIPLES = _words(
    "need indeed hundred bed red shed seed speed feed breed greed creed deed steed weed sled "
    "naked wicked sacred kindred rugged ragged beloved"
)
_IRREGULAR_PARTICIPLES = _words(
    "hit struck shot taken built hurt beaten blown broken brought caught given held known left "
    "led lost made met put run seen sent set shown shut sold spent spoken stolen thrown told torn "
    "won written driven drawn fought found forgotten frozen hidden kept laid paid bound bitten "
    "chosen cut done eaten felt fed forbidden forgiven ground grown hung heard overrun overtaken "
    "ridden shaken slain sworn swept undertaken upheld withdrawn woken born borne understood "
    "begun become sought taught thought bought dealt meant burnt"
)
_HARM_VERBS = {
    # lemma: (base and -s forms, past forms, -ing forms)
    "kill": ("kill kills", "killed", "killing"),
    "injure": ("injure injures", "injured", "injuring"),
    "wound": ("wound wounds", "wounded", "wounding"),
    "attack": ("attack attacks", "attacked", "attacking"),
    "strike": ("strike strikes", "struck", "striking"),
    "shell": ("shell shells", "shelled", "shelling"),
    "bomb": ("bomb bombs", "bombed", "bombing"),
    "bombard": ("bombard bombards", "bombarded", "bombarding"),
    "destroy": ("destroy destroys", "destroyed", "destroying"),
    "damage": ("damage damages", "damaged", "damaging"),
    "hit": ("hit hits", "hit", "hitting"),
    "target": ("target targets", "targeted targetted", "targeting targetting"),
    "shoot": ("shoot shoots", "shot", "shooting"),
    "murder": ("murder murders", "murdered", "murdering"),
    "execute": ("", "executed", ""),
    "hurt": ("hurt hurts", "hurt", "hurting"),
    "harm": ("harm harms", "harmed", "harming"),
    "maim": ("maim maims", "maimed", "maiming"),
    "raid": ("", "raided", "raiding"),
    "storm": ("", "stormed", ""),
    "assassinate": ("assassinate assassinates", "assassinated", ""),
    "torture": ("", "tortured", "torturing"),
    "abduct": ("abduct abducts", "abducted", "abducting"),
    "kidnap": ("kidnap kidnaps", "kidnapped", "kidnapping"),
    "invade": ("invade invades", "invaded", "invading"),
    "burn": ("", "burned burnt", ""),
    "massacre": ("", "massacred", ""),
    "slaughter": ("", "slaughtered", ""),
    "slay": ("", "slain slew", ""),
}
"""Verbs of harm, whose agent :func:`agency` looks for, with the forms it recognises."""


def _harm_forms() -> dict[str, tuple[str, frozenset[str]]]:
    forms: dict[str, tuple[str, set[str]]] = {}
    for lemma, groups in _HARM_VERBS.items():
        for kind, words in zip(("base", "past", "ing"), groups, strict=True):
            for word in words.split():
                forms.setdefault(word, (lemma, set()))[1].add(kind)
    return {word: (lemma, frozenset(kinds)) for word, (lemma, kinds) in forms.items()}


_HARM_FORMS = _harm_forms()
_CLAUSE_STOPS = _PREPOSITIONS | _CONJUNCTIONS | _RELATIVES | _BE | _HAVE | _AUXILIARIES | {"to"}


_NOT_ADVERBS = _words(
    "family rally ally supply assembly reply anomaly monopoly belly bully jelly lily holy fly "
    "italy july"
)


def _is_adverb(token: Token, norm: str) -> bool:
    """A word from the adverb list, or a lower-case word ending in -ly ("badly", "reportedly")."""
    if norm in _ADVERBS:
        return True
    return (
        token.kind == "word"
        and token.text[:1].islower()
        and norm.endswith("ly")
        and len(norm) > 3
        and norm not in _NOT_ADVERBS
    )


def _is_participle(token: Token, norm: str) -> bool:
    if token.kind != "word" or (token.text[:1].isupper() and "-" not in norm):
        return False
    last = norm.rsplit("-", 1)[-1]
    if last in _IRREGULAR_PARTICIPLES:
        return True
    return last.endswith("ed") and len(last) > 3 and last not in _NOT_PARTICIPLES


def _looks_like_verb(token: Token, norm: str) -> bool:
    """A lower-case word ending in -ed: probably a verb, so the end of a noun phrase."""
    return token.kind == "word" and token.text[:1].islower() and norm.endswith("ed")


def _forward_end(sentence: _Sentence, begin: int, limit: int, max_words: int) -> int:
    """End (exclusive) of the noun phrase that starts at token `begin`: it stops at punctuation,
    a preposition, a clause word, a likely verb, or a determiner that opens a new phrase."""
    tokens, norms = sentence.tokens, sentence.norms
    end = begin
    while end < limit and end - begin < max_words:
        token, norm = tokens[end], norms[end]
        if token.kind == "punct" or norm in _CLAUSE_STOPS or _looks_like_verb(token, norm):
            break
        if norm in _DETERMINERS and end > begin and norms[end - 1] not in _DETERMINERS:
            break  # "by artillery fire the previous day"
        end += 1
    while end > begin and norms[end - 1] in _DETERMINERS:
        end -= 1
    return end


def _phrase_forward(sentence: _Sentence, begin: int, limit: int, max_words: int) -> str | None:
    """The noun phrase that starts at token `begin`, as written, or None."""
    end = _forward_end(sentence, begin, limit, max_words)
    return sentence.span(begin, end - 1) if end > begin else None


def _phrase_backward(sentence: _Sentence, end: int, max_words: int = 6) -> str | None:
    """The noun phrase that ends just before token `end`, as written, or None."""
    tokens, norms = sentence.tokens, sentence.norms
    begin = end
    while begin > 0 and end - begin < max_words:
        token, norm = tokens[begin - 1], norms[begin - 1]
        if token.kind == "punct" or norm in _CLAUSE_STOPS or _looks_like_verb(token, norm):
            break
        begin -= 1
        if norm in _DETERMINERS:
            break
    return sentence.span(begin, end - 1) if end > begin else None


def _by_agent(sentence: _Sentence, participle: int) -> str | None:
    """The agent named in a "by ..." phrase soon after a participle, or None.

    The phrase keeps an "of ..." part ("by the mayor of Kyiv"); "by" followed by a day, a month
    or "the end" is read as time, not as an agent.
    """
    tokens, norms = sentence.tokens, sentence.norms
    n = len(tokens)
    for m in range(participle + 1, min(participle + 6, n)):
        if tokens[m].kind == "punct" or norms[m] in _CONJUNCTIONS or norms[m] in _RELATIVES:
            return None
        if norms[m] != "by":
            continue
        begin = m + 1
        if begin >= n or norms[begin] in _NOT_AGENT_AFTER_BY:
            return None
        if norms[begin] == "the" and begin + 1 < n and norms[begin + 1] in {"end", "time"}:
            return None
        end = _forward_end(sentence, begin, n, max_words=8)
        if end == begin:
            return None
        if end + 1 < n and norms[end] == "of":
            after = _forward_end(sentence, end + 1, n, max_words=6)
            end = after if after > end + 1 else end
        return sentence.span(begin, end - 1)
    return None


def _previous_word(sentence: _Sentence, index: int) -> int | None:
    """Index of the nearest token before `index` that is not an adverb (punctuation counts)."""
    k = index - 1
    while k >= 0 and _is_adverb(sentence.tokens[k], sentence.norms[k]):
        k -= 1
    return k if k >= 0 else None


def _active_subject(sentence: _Sentence, verb: int, previous_agent: str | None) -> str | None:
    """Who does the harm in an active clause: the noun phrase that opens the clause."""
    tokens, norms = sentence.tokens, sentence.norms
    k = verb - 1
    while k >= 0 and (norms[k] in _HAVE | _AUXILIARIES | _BE or _is_adverb(tokens[k], norms[k])):
        k -= 1
    end = k + 1  # the subject ends before the auxiliaries
    boundary = k
    while boundary >= 0 and not (
        tokens[boundary].kind == "punct"
        or norms[boundary] in _CONJUNCTIONS
        or norms[boundary] in _RELATIVES
    ):
        boundary -= 1
    begin = boundary + 1
    if begin >= end:  # nothing between the boundary and the verb
        if boundary >= 0 and norms[boundary] in _RELATIVES:
            before = (
                boundary - 1 if boundary > 0 and tokens[boundary - 1].kind == "punct" else boundary
            )
            return _phrase_backward(sentence, before)
        return previous_agent  # "injured six people ... and damaged dozens of homes"
    if norms[begin] in _PREPOSITIONS:
        return _phrase_backward(sentence, end)
    return _phrase_forward(sentence, begin, end, max_words=8)


def _sentence_agency(sentence: _Sentence) -> list[dict]:
    tokens, norms = sentence.tokens, sentence.norms
    found: list[dict] = []
    used: set[int] = set()

    def add(construction, first, verb, agent, lemma) -> None:
        found.append(
            {
                "sentence": sentence.id,
                "construction": construction,
                "verb": tokens[verb].text,
                "lemma": lemma,
                "harm": lemma in _HARM_VERBS,
                "agent": agent,
                "agentless": construction != "active" and agent is None,
                "phrase": sentence.span(first, verb),
                "start": tokens[first].start,
                "end": tokens[verb].end,
                "text": sentence.text,
                "_index": verb,
            }
        )

    for i, norm in enumerate(norms):
        if norm not in _BE and norm not in _GET:
            continue
        j, skipped = i + 1, 0
        while j < len(tokens) and skipped < 3 and _is_adverb(tokens[j], norms[j]):
            j, skipped = j + 1, skipped + 1
        if j < len(tokens) and j not in used and _is_participle(tokens[j], norms[j]):
            last = norms[j].rsplit("-", 1)[-1]
            lemma = _HARM_FORMS[last][0] if last in _HARM_FORMS else last
            add("passive", i, j, _by_agent(sentence, j), lemma)
            used.add(j)

    previous_agent = None
    for k, norm in enumerate(norms):
        if norm not in _HARM_FORMS:
            continue
        if k in used:
            previous_agent = next(r["agent"] for r in found if r["_index"] == k) or previous_agent
            continue
        lemma, kinds = _HARM_FORMS[norm]
        p = _previous_word(sentence, k)
        prev = norms[p] if p is not None else ""
        prev_punct = p is not None and tokens[p].kind == "punct"
        if prev in _DETERMINERS or (prev in _PREPOSITIONS and prev != "to"):
            continue  # a noun: "the attack", "of shelling"
        nxt = k + 1 if k + 1 < len(tokens) else None
        object_like = (
            nxt is not None
            and tokens[nxt].kind != "punct"
            and not (
                norms[nxt] in _PREPOSITIONS or norms[nxt] in _CONJUNCTIONS or norms[nxt] == "by"
            )
        )
        cue = prev in _HAVE or prev in _AUXILIARIES or prev in _PRONOUNS or prev == "to"
        construction = None
        if "past" in kinds and (prev in _HAVE or object_like):
            construction = "active"
        elif (
            "past" in kinds and "base" not in kinds and not cue and p is not None and not prev_punct
        ):
            construction = "reduced passive"  # "six people killed in the attack"
        elif (
            "ing" in kinds
            and object_like
            and (
                prev in _BE or prev_punct or prev in {"and", "while", "after", "before", "without"}
            )
        ):
            construction = "active"
        elif (
            "base" in kinds
            and object_like
            and (cue or (p is not None and tokens[p].text[:1].isupper() and p > 0))
        ):
            construction = "active"
        if construction is None:
            continue
        if construction == "active":
            agent = _active_subject(sentence, k, previous_agent)
        else:
            agent = _by_agent(sentence, k)
        add(construction, k, k, agent, lemma)
        previous_agent = agent or previous_agent
    found.sort(key=lambda row: row["start"])
    for row in found:
        del row["_index"]
    return found


def _agency(sentences: list[_Sentence]) -> pd.DataFrame:
    rows = [row for sentence in sentences for row in _sentence_agency(sentence)]
    frame = typed_frame(
        rows,
        AGENCY_COLUMNS,
        {"harm": bool, "agentless": bool, "start": "int64", "end": "int64", "agent": object},
    )
    frame["agent"] = frame["agent"].where(frame["agent"].notna(), None)
    return frame


def agency(version) -> pd.DataFrame:
    """Passive constructions and verbs of harm, with their agents, sentence by sentence.

    A heuristic over word lists, documented in the module: read the sentences it points to.

    Parameters
    ----------
    version : Version, sentence table or str
        A version, a table like :attr:`Version.sentences` (headings are left out), or a text.

    Returns
    -------
    DataFrame
        One row per construction: ``sentence``; ``construction`` (``passive``: a form of *be* or
        *get* and a participle; ``reduced passive``: a participle of harm after a noun, "six
        people killed in ..."; ``active``: an active verb of harm); ``verb`` as written;
        ``lemma``; ``harm`` (a verb of harm); ``agent`` (the "by" phrase of a passive, the
        subject of an active verb, or None); ``agentless`` (a passive that names no agent);
        ``phrase`` as written, its ``start`` and ``end`` offsets, and the sentence ``text``.

    Examples
    --------
    >>> text = ("The plant was forced to shut down. Odesa was targeted by Russian drones. "
    ...         "A missile strike injured six people and damaged a school.")
    >>> agency(text)[["sentence", "construction", "lemma", "agent", "agentless"]]
       sentence construction   lemma            agent  agentless
    0         0      passive  forced             None       True
    1         1      passive  target   Russian drones      False
    2         2       active  injure  A missile strike      False
    3         2       active  damage  A missile strike      False
    """
    _, table = _sentence_table(version)
    return _agency(_tokenized(table))


# -- profiles ------------------------------------------------------------------------------------


def _json_value(value):
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [
        {key: _json_value(value) for key, value in record.items()}
        for record in frame.astype(object).to_dict("records")
    ]


def _rate(count: float, n_words: int) -> float:
    return count * 1000.0 / n_words if n_words else 0.0


@dataclass(frozen=True, eq=False)
class FramingProfile:
    """Lexicon terms and agency in one version.

    Attributes
    ----------
    version : str
        The version's id (``"text"`` or ``"sentences"`` when given a text or a table).
    lexicon : str
        The lexicon's name.
    n_words : int
        Words and numbers in the version's sentences (headings left out).
    n_sentences : int
        Sentences analysed (headings left out).
    mentions : DataFrame
        One row per term found: sentence, term (as in the lexicon), matched (as written),
        category, subcategory, weight, start, end (offsets into the version's text), text (the
        sentence; of one longer than :data:`MENTION_CONTEXT_CHARS`, the words around the term).
    agency : DataFrame
        Passive constructions and verbs of harm (see :func:`agency`).
    subcategories : tuple
        Every (category, subcategory) of the lexicon, so that rates list zeros too.

    Examples
    --------
    >>> profile = framing_profile("Officials said two men died. Putin claimed victory.",
    ...                           "attribution")
    >>> profile.rates
                              count  per_1000_words  weighted_per_1000_words
    category    subcategory
    attribution neutral           1           125.0                    125.0
                formal            0             0.0                      0.0
                loaded            1           125.0                    125.0
                interpretive      0             0.0                      0.0
                distancing        0             0.0                      0.0
                anonymous         0             0.0                      0.0
    """

    version: str
    lexicon: str
    n_words: int
    n_sentences: int
    mentions: pd.DataFrame = field(repr=False)
    agency: pd.DataFrame = field(repr=False)
    subcategories: tuple[tuple[str, str], ...] = field(repr=False, default=())

    @cached_property
    def rates(self) -> pd.DataFrame:
        """Counts per category and subcategory, and per 1,000 words (0 when there are no words);
        the weighted rate sums the terms' weights instead of counting them."""
        index = pd.MultiIndex.from_tuples(
            list(self.subcategories), names=["category", "subcategory"]
        )
        counts = pd.Series(0, index=index, dtype="int64")
        weights = pd.Series(0.0, index=index)
        if not self.mentions.empty:
            grouped = self.mentions.groupby(["category", "subcategory"])
            counts = grouped.size().reindex(index, fill_value=0).astype("int64")
            weights = grouped["weight"].sum().reindex(index, fill_value=0.0)
        return pd.DataFrame(
            {
                "count": counts,
                "per_1000_words": [_rate(c, self.n_words) for c in counts],
                "weighted_per_1000_words": [_rate(w, self.n_words) for w in weights],
            },
            index=index,
        )

    def category_rates(self) -> pd.DataFrame:
        """Counts and rates per category (subcategories added up), in the lexicon's order."""
        rates = self.rates
        order = list(dict.fromkeys(category for category, _ in self.subcategories))
        frame = rates.groupby(level="category", sort=False).sum().reindex(order)
        frame.index.name = "category"
        return frame

    def terms(self) -> pd.DataFrame:
        """One row per term found: category, subcategory, term, count, the forms as written and
        the sentences it stands in; by category (lexicon order), then count."""
        columns = ["category", "subcategory", "term", "count", "matched", "sentences"]
        if self.mentions.empty:
            return pd.DataFrame(columns=columns)
        order = {c: i for i, c in enumerate(dict.fromkeys(c for c, _ in self.subcategories))}
        rows = []
        for (category, subcategory, term), group in self.mentions.groupby(
            ["category", "subcategory", "term"], sort=False
        ):
            rows.append(
                (
                    category,
                    subcategory,
                    term,
                    len(group),
                    list(dict.fromkeys(group["matched"])),
                    list(dict.fromkeys(group["sentence"].tolist())),
                )
            )
        frame = pd.DataFrame(rows, columns=columns)
        frame["_order"] = frame["category"].map(order)
        frame = frame.sort_values(["_order", "count", "term"], ascending=[True, False, True])
        return frame.drop(columns="_order").reset_index(drop=True)

    def agency_summary(self) -> pd.Series:
        """Counts of passives, agentless passives and verbs of harm, by how their agent is given.

        Examples
        --------
        >>> framing_profile("Two men were killed. Russia shelled the town.").agency_summary()
        passives                     1
        agentless_passives           1
        harm_verbs                   2
        harm_active                  1
        harm_passive_with_agent      0
        harm_agentless               1
        Name: text, dtype: int64
        """
        table = self.agency
        passive = table["construction"] != "active"
        harm = table["harm"]
        values = {
            "passives": int((table["construction"] == "passive").sum()),
            "agentless_passives": int(
                ((table["construction"] == "passive") & table["agentless"]).sum()
            ),
            "harm_verbs": int(harm.sum()),
            "harm_active": int((harm & ~passive).sum()),
            "harm_passive_with_agent": int((harm & passive & ~table["agentless"]).sum()),
            "harm_agentless": int((harm & table["agentless"]).sum()),
        }
        return pd.Series(values, name=self.version, dtype="int64")

    def to_frame(self) -> pd.DataFrame:
        """The mentions (a copy): one row per term found, with its sentence."""
        return self.mentions.copy()

    def to_dict(self) -> dict:
        """JSON-ready: version, lexicon, word count, rates, mentions, agency rows and summary."""
        rates = self.rates.reset_index()
        return {
            "version": self.version,
            "lexicon": self.lexicon,
            "n_words": self.n_words,
            "n_sentences": self.n_sentences,
            "rates": _records(rates.round({"per_1000_words": 4, "weighted_per_1000_words": 4})),
            "mentions": _records(self.mentions),
            "agency": _records(self.agency),
            "agency_summary": {k: int(v) for k, v in self.agency_summary().items()},
        }


def framing_profile(version, lexicon=DEFAULT_LEXICON) -> FramingProfile:
    """Find a lexicon's terms, and passive and harm constructions, in one version.

    Parameters
    ----------
    version : Version, sentence table or str
        A version, a table like :attr:`Version.sentences` (``text`` column required; ``start`` and
        ``is_heading`` used when present), or a text.
    lexicon : str, path, Lexicon or list, default "news"
        See :func:`load_lexicon`.

    Returns
    -------
    FramingProfile

    Examples
    --------
    >>> profile = framing_profile("Russia's full-scale invasion, officials said, was a war.",
    ...                           "contested_labels")
    >>> profile.mentions[["term", "matched", "subcategory", "start", "end"]]
           term    matched subcategory  start  end
    0  invasion   invasion   war_label     20   28
    1       war        war   war_label     52   55
    >>> profile.n_words
    8
    """
    lex = load_lexicon(lexicon)
    if isinstance(version, Version):  # found once a version and lexicon
        # the lexicon is kept beside its profile, so no other lexicon can take its id
        return version.remember(
            ("framing_profile", id(lex)), lambda: (lex, _profile(version, lex))
        )[1]
    return _profile(version, lex)


def _profile(version, lex: Lexicon) -> FramingProfile:
    version_id, table = _sentence_table(version)
    sentences = _tokenized(table, version.sentence_tokens if isinstance(version, Version) else None)
    n_words = sum(token.kind != "punct" for s in sentences for token in s.tokens)
    return FramingProfile(
        version=version_id,
        lexicon=lex.name,
        n_words=int(n_words),
        n_sentences=len(sentences),
        mentions=_mentions(sentences, lex),
        agency=_agency(sentences),
        subcategories=lex.subcategories,
    )


# -- comparing two versions ----------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _term_key(term: str) -> str:
    """What makes two terms the same for swaps: their words' stems ("damaged" = "damage")."""
    if "*" in term:
        return term
    return " ".join(stem(word) for word in term.split(" "))


def _same_term(key: str, keys: set[str]) -> bool:
    """A stem among `keys`, or one word whose stem starts the other's (Snowball stems "injured"
    to "injur" and "injuries" to "injuri")."""
    if key in keys:
        return True
    if " " in key or "*" in key or len(key) < 4:
        return False
    return any(
        " " not in other and len(other) >= 4 and (other.startswith(key) or key.startswith(other))
        for other in keys
    )


def _labels(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a != b else ("a", "b")


def _term_changes(
    comparison: Comparison,
    a: FramingProfile,
    b: FramingProfile,
    pair_within: Collection[str],
) -> pd.DataFrame:
    def by_sentence(profile: FramingProfile) -> dict:
        table: dict = {}
        for sentence, term, category, subcategory in profile.mentions[
            ["sentence", "term", "category", "subcategory"]
        ].itertuples(index=False):
            key = (category, subcategory if category in pair_within else "")
            table.setdefault(sentence, []).append((key, term))
        return table

    a_found, b_found = by_sentence(a), by_sentence(b)
    a_text, b_text = comparison.a.sentences["text"], comparison.b.sentences["text"]
    order = {
        (category, subcategory if category in pair_within else ""): i
        for i, (category, subcategory) in enumerate(a.subcategories)
    }
    rows = []
    for number, group in enumerate(comparison.aligned.groups):
        if not group.a or not group.b or group.is_heading:
            continue
        a_terms: dict = {}
        b_terms: dict = {}
        for sentence in group.a:
            for key, term in a_found.get(sentence, []):
                a_terms.setdefault(key, {}).setdefault(term, None)
        for sentence in group.b:
            for key, term in b_found.get(sentence, []):
                b_terms.setdefault(key, {}).setdefault(term, None)
        keys = sorted(set(a_terms) | set(b_terms), key=lambda k: order.get(k, len(order)))
        for key in keys:
            a_side, b_side = list(a_terms.get(key, {})), list(b_terms.get(key, {}))
            a_keys, b_keys = {_term_key(t) for t in a_side}, {_term_key(t) for t in b_side}
            a_only = [t for t in a_side if not _same_term(_term_key(t), b_keys)]
            b_only = [t for t in b_side if not _same_term(_term_key(t), a_keys)]
            if a_only or b_only:
                rows.append(
                    (
                        number,
                        group.label,
                        key[0],
                        key[1],
                        a_only,
                        b_only,
                        list(group.a),
                        list(group.b),
                        " ".join(a_text[i] for i in group.a),
                        " ".join(b_text[j] for j in group.b),
                    )
                )
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def _side_by_side(a: pd.DataFrame, b: pd.DataFrame, labels: tuple[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {labels[0]: a["per_1000_words"], labels[1]: b["per_1000_words"]}, index=a.index
    )
    frame["difference"] = frame[labels[1]] - frame[labels[0]]
    return frame


@dataclass(frozen=True, eq=False)
class FramingComparison:
    """Framing of version *b* against version *a*, overall and group by group.

    Attributes
    ----------
    a, b : FramingProfile
    changes : DataFrame
        For every aligned group with both sides and every category (with subcategory, for the
        categories in ``pair_within_subcategory``), the terms found on one side only: group,
        label, category, subcategory, a_terms, b_terms, a_sentences, b_sentences, a_text, b_text.
    pair_within_subcategory : tuple of str
        Categories whose terms pair only within their subcategory.
    """

    a: FramingProfile
    b: FramingProfile
    changes: pd.DataFrame = field(repr=False)
    pair_within_subcategory: tuple[str, ...] = PAIR_WITHIN_SUBCATEGORY

    @property
    def labels(self) -> tuple[str, str]:
        """Column names for the two versions: their ids, or ``a`` and ``b`` if these agree."""
        return _labels(self.a.version, self.b.version)

    @property
    def swaps(self) -> pd.DataFrame:
        """The changes with terms on both sides: one wording traded for another."""
        changes = self.changes
        both = changes["a_terms"].map(bool) & changes["b_terms"].map(bool)
        return changes[both.astype(bool)].reset_index(drop=True)

    @property
    def rates(self) -> pd.DataFrame:
        """Terms per 1,000 words per category, one column per version, and b minus a."""
        return _side_by_side(self.a.category_rates(), self.b.category_rates(), self.labels)

    def subcategory_rates(self) -> pd.DataFrame:
        """As :attr:`rates`, per category and subcategory."""
        return _side_by_side(self.a.rates, self.b.rates, self.labels)

    @property
    def categories(self) -> tuple[str, ...]:
        """The lexicon's categories, sorted (``"attribution" in framing.categories`` tells
        whether :meth:`attribution` has terms to count)."""
        return tuple(sorted({category for category, _ in self.a.subcategories}))

    def attribution(self) -> pd.DataFrame:
        """Counts of each attribution term in the two versions (see :func:`attribution_profile`).

        Raises
        ------
        ParameterError
            When the lexicon has no ``attribution`` category (see :attr:`categories`)."""
        return _term_counts([self.a, self.b], "attribution")

    def agency_summary(self) -> pd.DataFrame:
        """Both versions' agency counts side by side (:meth:`FramingProfile.agency_summary`)."""
        frame = pd.concat([self.a.agency_summary(), self.b.agency_summary()], axis=1)
        frame.columns = list(self.labels)
        return frame

    def to_frame(self) -> pd.DataFrame:
        """The swaps."""
        return self.swaps

    def to_dict(self) -> dict:
        """JSON-ready: both profiles, the rates side by side, the changes and the swaps."""
        rates = self.rates.round(4).reset_index()
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "rates": _records(rates),
            "changes": _records(self.changes),
            "swaps": _records(self.swaps),
            "pair_within_subcategory": list(self.pair_within_subcategory),
        }


def compare_framing(
    comparison: Comparison,
    lexicon=DEFAULT_LEXICON,
    *,
    pair_within_subcategory: Collection[str] = PAIR_WITHIN_SUBCATEGORY,
) -> FramingComparison:
    """Profile both versions of a comparison and find the terms swapped in each aligned group.

    Parameters
    ----------
    comparison : Comparison
        From :func:`storydiff.compare`.
    lexicon : str, path, Lexicon or list, default "news"
        See :func:`load_lexicon`.
    pair_within_subcategory : collection of str, default ("contested_label",)
        Categories whose subcategories are sets of alternatives; in the others any two terms of
        the category pair ("said" with "claimed", "killed" with "died").

    Returns
    -------
    FramingComparison

    Examples
    --------
    >>> from storydiff import compare
    >>> result = compare_framing(compare("Two men died, officials said.",
    ...                                  "Two men were killed, officials claimed."), "violence")
    >>> result.swaps[["category", "a_terms", "b_terms"]]
       category a_terms   b_terms
    0  casualty  [died]  [killed]
    """
    for name in ("a", "b", "aligned"):
        if not hasattr(comparison, name):
            raise ParameterError(
                "compare_framing() takes a Comparison (from storydiff.compare); "
                f"got {type(comparison).__name__}"
            )
    if isinstance(pair_within_subcategory, str):
        pair_within_subcategory = (pair_within_subcategory,)
    pair_within = tuple(pair_within_subcategory)
    lex = load_lexicon(lexicon)
    a = framing_profile(comparison.a, lex)
    b = framing_profile(comparison.b, lex)
    changes = _term_changes(comparison, a, b, frozenset(pair_within))
    return FramingComparison(a, b, changes, pair_within_subcategory=pair_within)


def _term_counts(profiles: list[FramingProfile], category: str) -> pd.DataFrame:
    labels: list[str] = []
    for profile in profiles:
        label, n = profile.version, 2
        while label in labels:
            label, n = f"{profile.version}_{n}", n + 1
        labels.append(label)
    known = {c for profile in profiles for c, _ in profile.subcategories}
    if profiles and category not in known:
        raise ParameterError(
            f"the lexicon has no category {category!r}; its categories are: "
            f"{', '.join(sorted(known))}"
        )
    order = [s for c, s in profiles[0].subcategories if c == category] if profiles else []
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for label, profile in zip(labels, profiles, strict=True):
        found = profile.mentions[profile.mentions["category"] == category]
        for subcategory, term in found[["subcategory", "term"]].itertuples(index=False):
            row = counts.setdefault((subcategory, term), dict.fromkeys(labels, 0))
            row[label] += 1
    frame = pd.DataFrame(
        [{"term": term, "subcategory": sub, **row} for (sub, term), row in counts.items()],
        columns=["term", "subcategory", *labels],
    )
    if frame.empty:
        return frame.set_index("term")
    frame["_order"] = frame["subcategory"].map({s: i for i, s in enumerate(order)})
    frame["_total"] = frame[labels].sum(axis=1)
    frame = frame.sort_values(["_order", "_total", "term"], ascending=[True, False, True])
    return (
        frame.drop(columns=["_order", "_total"])
        .set_index("term")
        .astype(dict.fromkeys(labels, "int64"))
    )


def attribution_profile(source, *, lexicon=DEFAULT_LEXICON, category: str = "attribution"):
    """How often each attribution term ("said", "stated", "according to" ...) is used per version.

    Parameters
    ----------
    source : Comparison, FramingComparison, Story, Version, text, or a list of versions
    lexicon : str, path, Lexicon or list, default "news"
    category : str, default "attribution"
        Any category of the lexicon can be counted term by term this way.

    Returns
    -------
    DataFrame
        Indexed by term: the subcategory, then one column of counts per version; by subcategory
        (lexicon order), then total count. Only terms found in some version are listed.

    Examples
    --------
    >>> from storydiff import Story
    >>> story = Story.from_texts({"wire": "He said so. She said no.",
    ...                           "rewrite": "He stated so, according to Tass. She insisted."})
    >>> attribution_profile(story)
                 subcategory  wire  rewrite
    term
    said             neutral     2        0
    according to     neutral     0        1
    stated            formal     0        1
    insisted          loaded     0        1
    """
    if isinstance(source, FramingComparison):
        return _term_counts([source.a, source.b], category)
    lex = load_lexicon(lexicon)
    if hasattr(source, "aligned") and hasattr(source, "a") and hasattr(source, "b"):
        items = [source.a, source.b]
    elif isinstance(source, Story):
        items = list(source)
    elif isinstance(source, Version | str | pd.DataFrame):
        items = [source]
    elif isinstance(source, Iterable):
        items = list(source)
    else:
        raise ParameterError(
            "attribution_profile() takes a comparison, a story, versions or texts; "
            f"got {type(source).__name__}"
        )
    return _term_counts([framing_profile(item, lex) for item in items], category)


__all__ = [
    "BUILTIN_LEXICONS",
    "DEFAULT_LEXICON",
    "LEXICON_COLUMNS",
    "LEXICON_SETS",
    "PAIR_WITHIN_SUBCATEGORY",
    "FramingComparison",
    "FramingProfile",
    "Lexicon",
    "agency",
    "attribution_profile",
    "available_lexicons",
    "builtin_lexicon_dir",
    "compare_framing",
    "framing_profile",
    "load_lexicon",
    "user_lexicon_dir",
]
