"""Named entities: the people, places and organisations a version names, who of them is quoted,
and how the cast changes between two versions.

No tagger model can be downloaded here, so names are found by a transparent heuristic written
for English news; every mention says which ``evidence`` typed it. Read the tables with the text
at hand.

Finding names
-------------
* A **name** is a run of capitalised words ("Vladimir Putin", "Kryvyi Rih", "RIA Novosti",
  "U.S."), joined over particles ("Charles de Gaulle"), over an initial with its period ("Donald
  J. Trump", "St. Petersburg"), and over "of" or "for" after an organisation or place word
  ("Ministry of Defence") or inside a gazetteer name ("Bosnia and Herzegovina"). A possessive
  ends a run and is left out ("Trump's" -> "Trump").
* A capitalised part of a hyphenated word is a name of its own: "Moscow-installed" -> "Moscow",
  "Russia-occupied" -> "Russia"; "Russia-Ukraine" gives both, "Jean-Pierre" stays whole.
* Not names: weekdays, months standing alone, "I", demonyms and group adjectives ("Russian",
  "European", "Sunni": the gazetteer lists them), and common acronyms standing alone ("TV").
* A **sentence-initial** word (first of a sentence, or after an opening quote mark, a bracket, a
  colon or a dash) is dropped when it is a closed-class word ("The", "However": the list
  ``resources/sentence_starters.txt``), when the text writes it in lower case elsewhere, or, when
  it stands alone, when it is a common English word (Zipf frequency of at least
  :data:`COMMON_ZIPF` in ``wordfreq``) that the text never uses as a name elsewhere, the gazetteer
  does not list and no verb of saying follows: "Putin said" keeps "Putin", and with it the
  "Putin" of "Putin met ...".
* A common word of four letters or more in capitals ("DROP", "BREAKING") is emphasis, not an
  acronym, unless the gazetteer lists it or the text writes it in title case (:data:`SHOUTED_ZIPF`).
* In **headings and title-case lines** each word is weighed as if it began a sentence; in
  **all-caps lines** ("PUTIN SAYS U.S. PLAN UNACCEPTABLE") only words the body text capitalises or
  the gazetteer lists count.

Typing (the strongest evidence of any mention types the whole entity)
---------------------------------------------------------------------
1. ``gazetteer``: the name is in ``resources/gazetteer.csv`` (countries, cities, regions,
   organisations; see its ``.md``); aliases ("U.S." and "United States") are one entity.
2. ``title``: a title in the run ("President", "Mr.", "Gen.", "Prime Minister"), a role word just
   before it ("envoy", "chief negotiator,") or in an apposition after it (", head of ...") ->
   PERSON. The title is left out of the name; what stands before the title is a name of its own
   when the gazetteer lists it or it is an acronym ("U.S. President Donald Trump" -> "U.S." and
   "Donald Trump"), and is dropped otherwise ("Russian", "Foreign").
3. ``org cue`` or ``place cue``: the head word ("Ministry" of "Ministry of Defence", else the last
   word) is an organisation word ("Council", "Agency", "Party", "TV") -> ORG, or a place word
   ("Region", "Street", "Plant") -> PLACE.
4. ``acronym``: a word in capitals of two letters or more ("UNB", "RIA Novosti") -> ORG.
5. ``preposition``: "in", "near", "outside" ... before it -> PLACE.
6. ``speech verb``: a verb of saying follows ("Putin said", "Putin, who stated") -> PERSON.
7. ``name shape``: two to four capitalised words and nothing else -> PERSON.
8. ``capitalised``: none of these -> OTHER.

**Coreference**: a one-word mention that is the last word of a PERSON's name in the same version
is that person ("Vladimir Putin" ... "Putin"; with several candidates, the one named last before
it), evidence ``surname``; failing that, the first word of exactly one PERSON's name ("Xi
Jinping" ... "Xi"). An entity is named by the longest form the version uses.

Who is quoted
-------------
:func:`entity_profile` counts, for each entity, the direct quotes it is the speaker of
(``quoted``: the speakers of :func:`storydiff.quotes.find_quotes`, with "he", "she" and
participle clauses resolved to a name) and the statements given to it without quote marks
(``attributed``: "Vilkul said", "according to Tass"); see :mod:`storydiff.speakers`. Names come
from ``resources/gazetteer.csv`` through :mod:`storydiff.gazetteer`; a user may pass their own.

Examples
--------
>>> from storydiff.story import Version
>>> text = ("U.S. President Donald Trump met Kremlin envoy Kirill Dmitriev in Miami. "
...         "Trump said the talks were good. Dmitriev called them \\"very useful.\\"")
>>> find_entities(Version("v", text))[["entity", "type", "text", "evidence"]]
             entity    type             text   evidence
0              U.S.   PLACE             U.S.  gazetteer
1      Donald Trump  PERSON     Donald Trump      title
2           Kremlin     ORG          Kremlin  gazetteer
3   Kirill Dmitriev  PERSON  Kirill Dmitriev      title
4             Miami   PLACE            Miami  gazetteer
5      Donald Trump  PERSON            Trump    surname
6   Kirill Dmitriev  PERSON         Dmitriev    surname
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from .errors import ParameterError
from .frames import typed_frame
from .gazetteer import Gazetteer, fold_name, load_gazetteer
from .quotes import SPEECH_VERBS
from .sentences import _starters
from .speakers import entity_sources
from .story import Version
from .tokens import Token

ENTITY_TYPES = ("PERSON", "ORG", "PLACE", "OTHER")
"""Every entity type."""

STATUSES = ("both", "only_a", "only_b")
"""Every status of a row of :meth:`EntityComparison.to_frame`."""

COMMON_ZIPF = 3.0
"""A lone sentence-initial word this frequent in English (``wordfreq`` Zipf scale: 3 is about once
per million words) is read as an ordinary word unless the text shows it is a name."""

SHOUTED_ZIPF = 3.5
"""A word of four letters or more in capitals this frequent in English, which the text never writes
in title case, is emphasis ("DROP TABLE"), not an acronym ("UNB"), unless the gazetteer lists it."""

EVIDENCE_STRENGTH = {
    "gazetteer": 6,
    "title": 5,
    "org cue": 4,
    "place cue": 4,
    "acronym": 3,
    "speech verb": 2,
    "preposition": 2,
    "name shape": 1,
    "capitalised": 0,
}
"""How much each kind of evidence weighs when the mentions of one entity disagree on its type."""

TITLES = frozenset(
    """president vice prime minister chancellor premier king queen prince princess emperor pope
    sen senator rep gov governor mayor gen general col colonel lt lieutenant capt captain maj
    adm admiral sgt sergeant cmdr commander mr mrs ms dr prof professor sir dame lord lady judge
    justice secretary secretary-general ambassador envoy spokesman spokeswoman spokesperson
    chairman chairwoman ceo patriarch rabbi imam sheikh ayatollah bishop archbishop cardinal
    rev reverend speaker mp attorney chief deputy commissioner president-elect crown field
    marshal sultan emir""".split()
)
"""Capitalised titles before a name (lower case, without their period): they mark a PERSON."""

ROLE_WORDS = frozenset(
    """president minister envoy negotiator chief head leader spokesman spokeswoman spokesperson
    official administrator governor mayor commander general senator lawmaker legislator
    ambassador secretary son-in-law daughter-in-law son daughter wife husband brother sister
    mother father adviser advisor aide director chairman chairwoman ceo founder journalist
    reporter correspondent analyst expert professor lawyer attorney judge prosecutor activist
    resident witness colleague counterpart predecessor successor rival deputy colonel captain
    soldier officer premier chancellor dictator nominee mp economist scientist doctor
    commentator writer author editor producer coach manager owner candidate
    president-elect""".split()
)
"""Lower-case role nouns just before a name ("envoy Steve Witkoff") or after it in an apposition
(", head of ..."): they mark a PERSON."""

ORG_CUES = frozenset(
    """ministry council administration agency party army navy force forces guard command
    committee commission department office bank fund court parliament senate congress assembly
    government union organization organisation association institute university college
    company corporation corp inc ltd llc plc group news times post journal tribune herald
    gazette press service services police bureau authority foundation federation league club
    network tv radio broadcasting channel movement front alliance coalition cabinet duma rada
    secretariat brigade battalion regiment division corps directorate academy centre center
    fleet militia airlines airways exchange society church mission embassy consulate hospital
    media holding holdings industries motors""".split()
)
"""Head words of organisation names (lower case)."""

PLACE_CUES = frozenset(
    """city county province region oblast krai district state republic island islands sea river
    mountain mountains valley gulf bay ocean lake coast street square avenue road bridge airport
    port harbour harbor station plant dam strait peninsula desert park palace village town
    reservoir base hill hills heights canal crossing camp territory prefecture municipality
    tower cathedral mosque stadium prison mine refinery terminal""".split()
)
"""Head words of place and facility names (lower case)."""

PARTICLES = frozenset(
    "de da di del della der den van von bin ibn bint al el la le du dos das ter".split()
)
"""Lower-case name particles joined inside a name ("de Gaulle", "von der Leyen", "al-Assad")."""

PREPOSITIONS = frozenset("in near outside inside across throughout towards toward into".split())
"""A name right after one of these, with no stronger evidence, is a PLACE."""

COMMON_ACRONYMS = frozenset(
    "tv am pm gdp ceo id ok pr it ai dna hiv aids vip phd covid lgbt lgbtq usb gps ceos".split()
)
"""All-caps words that are not names when they stand alone."""

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_OPENERS = frozenset("\u201c \" \u2018 ' ( [ : \u2014 \u2013 \u00ab \u201e".split())
_CONNECTORS = PARTICLES | {"of", "for", "the", "and"}
_PERSON_VERBS = SPEECH_VERBS | {"spoke", "speaks"}
_SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", "\u2019", "'", ")", ":")
_HYPHENS = re.compile(r"[-\u2010\u2011]")
_POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")
_MENTION_COLUMNS = ["entity", "type", "text", "sentence", "start", "end", "evidence"]


@lru_cache(maxsize=65536)
def _name_parts(text: str) -> tuple[str, ...]:
    """A word's parts between hyphens, without a possessive ending ("Al-Qaeda's": Al, Qaeda)."""
    return tuple(_HYPHENS.split(_POSSESSIVE.sub("", text)))


@lru_cache(maxsize=65536)
def _may_name(text: str) -> bool:
    """Whether a word can hold (part of) a name: it starts with a capital or has a hyphen."""
    return text[:1].isupper() or _HYPHENS.search(text) is not None


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # noqa: PLC0415 (slow to import)

    return zipf_frequency(word, "en")


# --------------------------------------------------------------------------------------------------
# Finding mentions


@dataclass(frozen=True)
class _Word:
    """A capitalised word (or part of a hyphenated word) that may be part of a name."""

    text: str
    start: int
    end: int
    token: int
    isolated: bool = False  # a part of a hyphenated word: a name on its own
    closes: bool = False  # a possessive: ends its run


@dataclass
class _Mention:
    key: str
    type: str
    evidence: str
    text: str
    sentence: int
    start: int
    end: int
    n_words: int

    @property
    def strength(self) -> int:
        return EVIDENCE_STRENGTH.get(self.evidence, 0)


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and text != "I"


def _is_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


class _Reader:
    """Mentions of one version: document evidence first, then every sentence's name runs."""

    def __init__(self, version: Version, gazetteer: Gazetteer) -> None:
        self.version = version
        self.text = version.text
        self.gazetteer = gazetteer
        self.starters = _starters()
        table = version.sentences
        self.sentences = [
            (int(i), int(start), int(end), bool(heading))
            for i, start, end, heading in zip(
                table.index, table["start"], table["end"], table["is_heading"], strict=True
            )
        ]
        self.tokens = version.sentence_tokens
        self.modes = {i: self._mode(i, s, e, heading) for i, s, e, heading in self.sentences}
        self.lower: set[str] = set()  # words written in lower case somewhere
        self.known: set[str] = set()  # words capitalised mid-sentence in the body (not shouted)
        for i, tokens in self.tokens.items():
            for k, token in enumerate(tokens):
                if token.kind != "word":
                    continue
                for part in _name_parts(token.text):
                    if part[:1].islower():
                        self.lower.add(fold_name(part))
                    elif (
                        part
                        and self.modes[i] == "body"
                        and not self._initial(tokens, k)
                        and _capitalised(part)
                        and not (len(part) >= 4 and _is_acronym(part))
                    ):
                        self.known.add(fold_name(part))

    # -- sentence kinds ---------------------------------------------------------------------------

    def _mode(self, i: int, start: int, end: int, heading: bool) -> str:
        words = [t.text for t in self.tokens[i] if t.kind == "word"]
        letters = [ch for w in words for ch in w if ch.isalpha()]
        if len(words) >= 2 and letters and all(ch.isupper() for ch in letters):
            return "caps"
        if heading:
            return "title"
        text = self.text[start:end].rstrip()
        long = [w for w in words if len(w) > 3]
        headline = not text.endswith(_SENTENCE_ENDS)  # a title-case line has no full stop
        if headline and len(long) >= 3 and sum(map(_capitalised, long)) >= 0.8 * len(long):
            return "title"
        return "body"

    @staticmethod
    def _initial(tokens: list[Token], k: int) -> bool:
        """Whether token `k` starts its sentence or follows an opening mark (other punctuation
        between them aside): looked for backwards, so a long sentence stays linear."""
        for m in range(k - 1, -1, -1):
            before = tokens[m]
            if before.kind != "punct" or before.text in _OPENERS:
                return before.text in _OPENERS
        return True

    # -- words and runs ---------------------------------------------------------------------------

    def _shouted(self, word: str) -> bool:
        """A common word in capitals for emphasis ("DROP", "BREAKING"), not an acronym."""
        if len(word) < 4 or not _is_acronym(word) or self.gazetteer.lookup(word):
            return False
        return fold_name(word) not in self.known and _zipf(fold_name(word)) >= SHOUTED_ZIPF

    def _parts(self, token: Token, k: int) -> list[_Word]:
        """The name words of a word token that :func:`_may_name` lets through (:meth:`_runs`
        gives every other token no parts, which is what the steps below would find for it)."""
        core = _POSSESSIVE.sub("", token.text)
        closes = core != token.text
        folded = fold_name(core)
        if folded in _WEEKDAYS or core == "I" or not core:
            return []
        if not _HYPHENS.search(core):
            if not _capitalised(core) or self._shouted(core):
                return []
            return [_Word(core, token.start, token.start + len(core), k, False, closes)]
        pieces, position = [], token.start
        for piece in _HYPHENS.split(core):
            pieces.append((piece, position))
            position += len(piece) + 1
        capitalised = [p for p in pieces if _capitalised(p[0])]
        particle = pieces[0][0] in PARTICLES and len(capitalised) == len(pieces) - 1
        if capitalised and (len(capitalised) == len(pieces) or particle):
            places = [self.gazetteer.lookup(p) for p, _ in pieces]
            if len(pieces) > 1 and all(g and g[0] == "PLACE" for g in places):
                return [_Word(p, s, s + len(p), k, True, closes) for p, s in pieces]
            if particle or _capitalised(core):
                return [_Word(core, token.start, token.start + len(core), k, False, closes)]
        return [_Word(p, s, s + len(p), k, True, closes) for p, s in capitalised]

    def _runs(self, i: int) -> list[list[_Word]]:
        tokens = self.tokens[i]
        parts = [  # most words cannot be names, and are not looked at further
            self._parts(token, k) if token.kind == "word" and _may_name(token.text) else []
            for k, token in enumerate(tokens)
        ]
        single = [p[0] if len(p) == 1 and not p[0].isolated else None for p in parts]
        runs: list[list[_Word]] = []
        k = 0
        while k < len(tokens):
            if not parts[k]:
                k += 1
                continue
            if single[k] is None:
                runs.extend([word] for word in parts[k])
                k += 1
                continue
            run = [single[k]]
            k += 1
            while k < len(tokens) and not run[-1].closes:
                last = run[-1]
                if (
                    tokens[k].text == "."
                    and len(last.text) <= 3
                    and last.end == tokens[k].start
                    and k + 1 < len(tokens)
                    and single[k + 1] is not None
                ):  # an initial or abbreviated title: "J. Trump", "Mr. Putin", "St. Petersburg"
                    run[-1] = _Word(last.text + ".", last.start, last.end + 1, last.token)
                    k += 1
                    continue
                if single[k] is not None:
                    run.append(single[k])
                    k += 1
                    continue
                joined = self._connector(tokens, single, k, run)
                if joined is None:
                    break
                k = joined
            runs.append(run)
        return runs

    def _connector(self, tokens, single, k: int, run: list[_Word]) -> int | None:
        """Index of the capitalised word after connector words at ``k``, if they join a name."""
        j = k
        while j < len(tokens) and j - k < 2 and tokens[j].text in _CONNECTORS:
            j += 1
        if j == k or j >= len(tokens) or single[j] is None:
            return None
        words = [tokens[x].text for x in range(k, j)]
        if all(w in PARTICLES for w in words):
            return j
        joined = fold_name(self.text[run[0].start : single[j].end])
        if joined in self.gazetteer.prefixes or self.gazetteer.lookup(joined):
            return j
        cue = {fold_name(w.text).rstrip(".") for w in run} & (ORG_CUES | PLACE_CUES | TITLES)
        if words[0] in ("of", "for") and cue and words in (["of"], ["for"], ["of", "the"]):
            return j
        return None

    # -- cleaning ---------------------------------------------------------------------------------

    def _ordinary_initial(self, word: _Word, run_length: int, tokens: list[Token]) -> bool:
        folded = fold_name(word.text)
        if folded in self.starters:
            return True
        if folded in self.known or folded in TITLES or self.gazetteer.lookup(word.text):
            return False
        if folded in self.lower:
            return True
        if run_length > 1:
            return folded.endswith("ly")
        if _zipf(folded) < COMMON_ZIPF:
            return False
        after = tokens[word.token + 1].text.lower() if word.token + 1 < len(tokens) else ""
        return not (after in SPEECH_VERBS and not folded.endswith("s"))

    def _heading_word(self, word: _Word, mode: str) -> bool:
        folded = fold_name(word.text)
        if folded in self.known or self.gazetteer.lookup(word.text) or "." in word.text:
            return True
        if mode == "caps" or folded in self.starters or folded in self.lower:
            return False
        return _zipf(folded) < COMMON_ZIPF

    def _clean(self, i: int, run: list[_Word]) -> list[list[_Word]]:
        mode, tokens = self.modes[i], self.tokens[i]
        if mode != "body" and not self.gazetteer.lookup(self.text[run[0].start : run[-1].end]):
            pieces, current = [], []
            for word in run:
                if self._heading_word(word, mode):
                    current.append(word)
                elif current:
                    pieces.append(current)
                    current = []
            return [*pieces, current] if current else pieces
        if self.gazetteer.lookup(self.text[run[0].start : run[-1].end]):
            return [run]
        while run and self._initial(tokens, run[0].token):
            if not self._ordinary_initial(run[0], len(run), tokens):
                break
            run = run[1:]
        while run and fold_name(run[0].text) in _MONTHS:
            run = run[1:]
        return [run] if run else []

    # -- typing -----------------------------------------------------------------------------------

    def _word_before(self, tokens: list[Token], k: int, skip_comma: bool = True) -> str:
        k -= 1
        if skip_comma and k >= 0 and tokens[k].text == ",":
            k -= 1
        return tokens[k].text.lower() if k >= 0 and tokens[k].kind == "word" else ""

    def _role_after(self, tokens: list[Token], k: int) -> bool:
        """An apposition naming a role: "Oleh Kiper, head of ...", "Saldo, the ... leader"."""
        if k >= len(tokens) or tokens[k].text != ",":
            return False
        words = 0
        for token in tokens[k + 1 : k + 6]:
            word = token.text.lower()
            if token.kind != "word" or (word in self.starters and words) or _capitalised(word):
                return False
            if word in ROLE_WORDS:
                return True
            words += 1
        return False

    def _mention(self, i: int, run: list[_Word], evidence: str | None = None) -> _Mention | None:
        tokens = self.tokens[i]
        text = self.text[run[0].start : run[-1].end]
        found = self.gazetteer.lookup(text)
        if found and found[0] == "DEMONYM":
            return None

        def make(kind: str, why: str, key: str | None = None) -> _Mention:
            return _Mention(
                key or fold_name(text), kind, why, text, i, run[0].start, run[-1].end, len(run)
            )

        if found:
            return make(found[0], "gazetteer", found[1])
        if evidence:
            return make("PERSON", evidence)
        if len(run) == 1 and fold_name(text).replace(".", "") in COMMON_ACRONYMS:
            return None
        heads = [w for w in run if fold_name(w.text) not in PARTICLES]
        of = re.search(r"\s(?:of|for)\s", text)
        head = fold_name(run[0].text if of else run[-1].text).rstrip(".")
        if head in ORG_CUES:
            return make("ORG", "org cue")
        if head in PLACE_CUES:
            return make("PLACE", "place cue")
        if any(_is_acronym(w.text) for w in run) and self.modes[i] != "caps":
            return make("ORG", "acronym")
        first, last = run[0].token, run[-1].token
        before = self._word_before(tokens, first, skip_comma=False)
        after = tokens[last + 1].text.lower() if last + 1 < len(tokens) else ""
        after_who = [t.text.lower() for t in tokens[last + 1 : last + 3]] == [",", "who"]
        if self._word_before(tokens, first) in ROLE_WORDS or self._role_after(tokens, last + 1):
            return make("PERSON", "title")
        if before in PREPOSITIONS and not run[-1].closes:
            return make("PLACE", "preposition")
        if after in _PERSON_VERBS or after_who:
            return make("PERSON", "speech verb")
        if 2 <= len(heads) <= 4 and not of and all(w.text[:1].isalpha() for w in heads):
            return make("PERSON", "name shape")
        return make("OTHER", "capitalised")

    def _typed(self, i: int, run: list[_Word]) -> list[_Mention]:
        """Mentions of a cleaned run: split at a title, demonyms dropped, then typed."""
        text = self.text[run[0].start : run[-1].end]
        if self.gazetteer.lookup(text):
            found = self._mention(i, run)
            return [found] if found else []
        titles = [n for n, w in enumerate(run) if fold_name(w.text).rstrip(".") in TITLES]
        if titles:
            first, last = titles[0], titles[-1]
            while last + 1 < len(run) and re.fullmatch(
                r"\s+of(?:\s+the)?\s+", self.text[run[last].end : run[last + 1].start]
            ):
                last += 1  # "Secretary of State Marco Rubio"
            prefix, name = run[:first], run[last + 1 :]
            head = fold_name(name[-1].text) if name else ""
            if not name or head in ORG_CUES or head in PLACE_CUES:
                cues = {fold_name(w.text) for w in run} & ORG_CUES
                found = self._mention(i, run) if cues or name else None
                return [found] if found else []
            mentions = []
            if prefix:
                found = self._mention(i, prefix)
                if found and found.evidence in ("gazetteer", "acronym"):
                    mentions.append(found)
            found = self._mention(i, name, "title")
            return [*mentions, found] if found else mentions
        while len(run) > 1 and (self.gazetteer.lookup(run[0].text) or ("",))[0] == "DEMONYM":
            rest = fold_name(run[-1].text)
            if rest in ORG_CUES or rest in PLACE_CUES:
                break  # "Russian Defence Ministry" keeps its adjective
            run = run[1:]
        found = self._mention(i, run)
        return [found] if found else []

    def mentions(self) -> list[_Mention]:
        # first pass: words of the names found anywhere are names at a sentence's start too
        # ("Putin said ..." makes the "Putin" of "Putin met ..." a name)
        named = {
            fold_name(word.text)
            for i, _, _, _ in self.sentences
            for run in self._runs(i)
            for piece in self._clean(i, run)
            for word in piece
        }
        self.known |= named - self.lower - self.starters
        found = []
        for i, _, _, _ in self.sentences:
            for run in self._runs(i):
                for piece in self._clean(i, run):
                    found.extend(self._typed(i, piece))
        return found


def _resolve(mentions: list[_Mention]) -> list[tuple[_Mention, str, str]]:
    """Group mentions into entities: ``(mention, entity name, entity type)`` in text order."""
    groups: dict[str, list[_Mention]] = {}
    for mention in mentions:
        groups.setdefault(mention.key, []).append(mention)

    def best_type(members: list[_Mention]) -> str:
        top = max(m.strength for m in members)
        kinds = Counter(m.type for m in members if m.strength == top)
        return max(kinds, key=lambda kind: (kinds[kind], -ENTITY_TYPES.index(kind)))

    people = {
        key: members
        for key, members in groups.items()
        if len(key.split()) > 1 and best_type(members) == "PERSON"
    }
    for key in [k for k in groups if len(k.split()) == 1 and k not in people]:
        members = groups[key]
        if best_type(members) != "PERSON" and max(m.strength for m in members) >= 3:
            continue  # a listed or cued place or organisation, not a surname
        last = [k for k in people if k.split()[-1] == key]
        first = [k for k in people if k.split()[0] == key]
        candidates = last or (first if len(first) == 1 else [])
        if not candidates:
            continue
        for mention in members:
            earlier = [
                (max(m.start for m in people[c] if m.start < mention.start), c)
                for c in candidates
                if any(m.start < mention.start for m in people[c])
            ]
            target = max(earlier)[1] if earlier else max(candidates, key=lambda c: len(people[c]))
            mention.evidence = "surname" if mention.strength < 5 else mention.evidence
            groups[target].append(mention)  # the same list as people[target]
        del groups[key]
    resolved = []
    for members in groups.values():
        kind = best_type([m for m in members if m.evidence != "surname"] or members)
        if any(m.evidence == "surname" for m in members):
            kind = "PERSON"
        name = max(
            members,
            key=lambda m: (m.n_words, not _is_acronym(m.text) or "." in m.text, len(m.text)),
        ).text
        resolved.extend((m, name, kind) for m in members)
    return sorted(resolved, key=lambda item: item[0].start)


def _check_version(version, function: str) -> None:
    if not isinstance(version, Version):
        raise ParameterError(
            f"{function}() takes a Version; got {type(version).__name__} "
            "(build one with storydiff.Version('id', text))"
        )


def find_entities(version: Version, *, gazetteer: str | os.PathLike | Gazetteer | None = None):
    """The named entities of a version, one row per mention.

    Parameters
    ----------
    version : Version
        A story version (see :class:`storydiff.story.Version`).
    gazetteer : path or Gazetteer, optional
        Known names with their types; the bundled ``resources/gazetteer.csv`` by default.

    Returns
    -------
    DataFrame
        Columns ``entity`` (the entity's name: its longest form in the version), ``type`` (one of
        :data:`ENTITY_TYPES`), ``text`` (as written, possessive left out), ``sentence`` (id),
        ``start``, ``end`` (offsets into ``version.text``) and ``evidence`` (what typed the
        mention, see the module notes); in text order.

    Examples
    --------
    >>> text = "However, the Moscow-installed governor said Russia’s army would stay."
    >>> find_entities(Version("v", text))[["entity", "type", "text", "start", "end"]]
       entity   type    text  start  end
    0  Moscow  PLACE  Moscow     13   19
    1  Russia  PLACE  Russia     44   50
    """
    _check_version(version, "find_entities")
    reader = _Reader(version, load_gazetteer(gazetteer))
    rows = [
        (name, kind, m.text, m.sentence, m.start, m.end, m.evidence)
        for m, name, kind in _resolve(reader.mentions())
    ]
    return typed_frame(
        rows, _MENTION_COLUMNS, {"sentence": "int64", "start": "int64", "end": "int64"}
    )


# --------------------------------------------------------------------------------------------------
# Profiles and comparisons


@dataclass(frozen=True)
class EntityProfile:
    """The entities of one version.

    Attributes
    ----------
    version : str
        The version's id.
    mentions : DataFrame
        One row per mention (:func:`find_entities`).
    sources : DataFrame
        One row per quote (``kind`` ``quote``) and per unquoted statement (``attribution``)
        given to an entity: ``entity``, ``kind``, ``sentence``, ``verb``, ``text`` (the quote, or
        the sentence of an attribution).
    n_chars : int
        Length of the version's text (the base of ``first_position``).
    """

    version: str
    mentions: pd.DataFrame = field(repr=False)
    sources: pd.DataFrame = field(repr=False)
    n_chars: int

    def to_frame(self) -> pd.DataFrame:
        """One row per entity, most mentioned first (ties in order of first mention).

        Indexed by ``entity``: ``type``, ``count`` (mentions), ``first_sentence`` (id),
        ``first_position`` (0 to 1: how far into the text it is first named), ``quoted`` (quotes
        it is the speaker of), ``attributed`` (unquoted statements given to it), ``forms`` (the
        ways it is written, most frequent first).
        """
        columns = ["type", "count", "first_sentence", "first_position", "quoted", "attributed"]
        mentions = self.mentions
        if not len(mentions):
            empty = pd.DataFrame(columns=[*columns, "forms"], index=pd.Index([], name="entity"))
            return empty.astype({c: "int64" for c in ("count", "first_sentence", "quoted")})
        grouped = mentions.groupby("entity", sort=False)
        frame = pd.DataFrame(
            {
                "type": grouped["type"].first(),
                "count": grouped.size(),
                "first_sentence": grouped["sentence"].min(),
                "first_position": (grouped["start"].min() / max(self.n_chars, 1)).round(4),
            }
        )
        kinds = self.sources.groupby(["entity", "kind"]).size()
        for column, kind in (("quoted", "quote"), ("attributed", "attribution")):
            counts = kinds.xs(kind, level="kind") if kind in kinds.index.get_level_values(1) else {}
            frame[column] = [int(counts.get(name, 0)) for name in frame.index]
        written: dict[str, Counter] = {}
        for name, text in zip(mentions["entity"].tolist(), mentions["text"].tolist(), strict=True):
            written.setdefault(name, Counter())[text] += 1
        frame["forms"] = [  # most frequent first, ties in order of first use
            [text for text, _ in sorted(written[name].items(), key=lambda item: -item[1])]
            for name in frame.index
        ]
        frame = frame.sort_values(["count", "first_position"], ascending=[False, True])
        frame.index.name = "entity"
        return frame[[*columns, "forms"]]

    def counts(self) -> pd.Series:
        """Number of entities of each type, every type listed."""
        types = self.to_frame()["type"].value_counts()
        return types.reindex(ENTITY_TYPES, fill_value=0).rename("entities").astype("int64")

    def to_dict(self) -> dict:
        """JSON-ready: the version, mention and entity counts, and one record per entity."""
        frame = self.to_frame()
        records = [
            {"entity": name, **{k: _plain(v) for k, v in row.items()}}
            for name, row in zip(frame.index, frame.to_dict("records"), strict=True)
        ]
        return {
            "version": self.version,
            "n_mentions": len(self.mentions),
            "n_entities": len(frame),
            "types": {k: int(v) for k, v in self.counts().items()},
            "entities": records,
        }


def _plain(value):
    """A JSON-ready scalar or list (numpy numbers to Python, NaN to None)."""
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def entity_profile(
    version: Version, *, gazetteer: str | os.PathLike | Gazetteer | None = None
) -> EntityProfile:
    """The entities of a version: how often and how early each is named, and how often quoted.

    Parameters
    ----------
    version : Version
    gazetteer : path or Gazetteer, optional
        As for :func:`find_entities`.

    Returns
    -------
    EntityProfile

    Examples
    --------
    >>> text = ('Kremlin aide Yuri Ushakov called the talks "useful." '
    ...         "Ushakov said more talks would follow in Moscow.")
    >>> entity_profile(Version("v", text)).to_frame()[["type", "count", "quoted", "attributed"]]
                   type  count  quoted  attributed
    entity
    Yuri Ushakov  PERSON      2       1           1
    Kremlin          ORG      1       0           0
    Moscow         PLACE      1       0           0
    """
    _check_version(version, "entity_profile")
    mentions = find_entities(version, gazetteer=gazetteer)
    return EntityProfile(version.id, mentions, entity_sources(version, mentions), len(version.text))


@dataclass(frozen=True)
class EntityComparison:
    """The entities of two versions, side by side.

    Attributes
    ----------
    a, b : EntityProfile
    rows : DataFrame
        See :meth:`to_frame`.
    """

    a: EntityProfile
    b: EntityProfile
    rows: pd.DataFrame = field(repr=False)

    def to_frame(self) -> pd.DataFrame:
        """One row per entity of either version, most mentioned (in both together) first.

        Indexed by ``entity`` (the longer of the two versions' names for it): ``type``,
        ``count_a``, ``count_b``, ``first_a``, ``first_b`` (first position, 0 to 1; NaN when
        absent), ``quoted_a``, ``quoted_b``, ``attributed_a``, ``attributed_b``, ``status``
        (``both``, ``only_a``, ``only_b``), ``name_a``, ``name_b`` (its name in each version).
        """
        return self.rows.copy()

    def counts(self) -> pd.Series:
        """Number of entities per status, every status listed."""
        counts = self.rows["status"].value_counts().reindex(STATUSES, fill_value=0)
        counts.index.name = "status"
        return counts.rename("entities").astype("int64")

    def only(self, side: str) -> list[str]:
        """Names of the entities only version ``"a"`` or ``"b"`` names, most mentioned first."""
        if side not in ("a", "b"):
            raise ParameterError(f"side must be 'a' or 'b', got {side!r}")
        return list(self.rows.index[self.rows["status"] == f"only_{side}"])

    def tone(self, tone) -> pd.DataFrame:
        """Mean VADER tone of the sentences that mention each entity, in both versions.

        Like :meth:`storydiff.tone.ToneComparison.entity_tone`, but the sentences come from the
        entity's mentions, so "Putin" in one version and "Vladimir Putin" in the other count
        as one entity (``entity_tone`` matches one spelling).

        Parameters
        ----------
        tone : ToneComparison
            ``comparison.tone`` of the same comparison.

        Returns
        -------
        DataFrame
            Indexed by ``entity``: ``a_n_sentences``, ``a_mean``, ``b_n_sentences``, ``b_mean``,
            ``delta`` (b - a); headings left out, NaN where a version does not name it.
        """
        from .tone import ToneComparison  # noqa: PLC0415

        if not isinstance(tone, ToneComparison):
            raise ParameterError(
                f"tone() takes a ToneComparison (comparison.tone); got {type(tone).__name__}"
            )
        data = {}
        for side, profile, scores in (("a", self.a, tone.a.body), ("b", self.b, tone.b.body)):
            names = self.rows[f"name_{side}"]
            sentences = profile.mentions.groupby("entity")["sentence"].unique()
            n, mean = [], []
            for name in names:
                ids = [i for i in sentences.get(name, []) if i in scores.index]
                n.append(len(ids))
                average = scores.loc[ids, "compound"].mean() if ids else math.nan
                mean.append(round(float(average), 4))
            data[f"{side}_n_sentences"], data[f"{side}_mean"] = n, mean
        frame = pd.DataFrame(data, index=self.rows.index)
        frame["delta"] = (frame["b_mean"] - frame["a_mean"]).round(4)
        return frame

    def to_dict(self) -> dict:
        """JSON-ready: each version's counts, entities per status, and one record per entity."""
        records = [
            {"entity": name, **{k: _plain(v) for k, v in row.items()}}
            for name, row in zip(self.rows.index, self.rows.to_dict("records"), strict=True)
        ]
        about = {
            side: {k: v for k, v in profile.to_dict().items() if k != "entities"}
            for side, profile in (("a", self.a), ("b", self.b))
        }
        return {**about, "counts": {k: int(v) for k, v in self.counts().items()}, "rows": records}


def _keys(name: str, forms: list[str], gazetteer: Gazetteer) -> set[str]:
    keys = set()
    for form in [name, *forms]:
        found = gazetteer.lookup(form)
        keys.add(found[1] if found else fold_name(form))
    return keys


def _pair_score(row_a, row_b, keys_a: set[str], keys_b: set[str]) -> int:
    """How surely two entities are one: the same name 3, a shared alias or form 2, a surname or
    first name of the same person 1, else 0."""
    if fold_name(row_a.Index) == fold_name(row_b.Index):
        return 3
    if keys_a & keys_b:
        return 2
    people = {"PERSON", "OTHER"}
    if row_a.type in people and row_b.type in people and "PERSON" in (row_a.type, row_b.type):
        words = (fold_name(row_a.Index).split(), fold_name(row_b.Index).split())
        short, long = sorted(words, key=len)
        if len(short) == 1 and len(long) > 1 and short[0] in (long[-1], long[0]):
            return 1
    return 0


def compare_entities(
    comparison, *, gazetteer: str | os.PathLike | Gazetteer | None = None
) -> EntityComparison:
    """The entities of both versions of a comparison, matched by name, alias or surname.

    Parameters
    ----------
    comparison : Comparison
        From :func:`storydiff.compare`.
    gazetteer : path or Gazetteer, optional
        As for :func:`find_entities`.

    Returns
    -------
    EntityComparison

    Examples
    --------
    >>> from storydiff import compare
    >>> result = compare_entities(compare("Putin met Trump in Alaska. Putin said no.",
    ...                                   "Vladimir Putin met Donald Trump in Anchorage."))
    >>> result.to_frame()[["type", "count_a", "count_b", "status"]]
                      type  count_a  count_b  status
    entity
    Vladimir Putin  PERSON        2        1    both
    Donald Trump    PERSON        1        1    both
    Alaska           PLACE        1        0  only_a
    Anchorage        PLACE        0        1  only_b
    """
    from .compare import Comparison  # noqa: PLC0415

    if not isinstance(comparison, Comparison):
        raise ParameterError(
            f"compare_entities() takes a Comparison (storydiff.compare(a, b)); got "
            f"{type(comparison).__name__}"
        )
    names = load_gazetteer(gazetteer)
    a = entity_profile(comparison.a, gazetteer=names)
    b = entity_profile(comparison.b, gazetteer=names)
    frame_a, frame_b = a.to_frame(), b.to_frame()
    rows_a, rows_b = list(frame_a.itertuples()), list(frame_b.itertuples())
    keys_a = [_keys(row.Index, row.forms, names) for row in rows_a]
    keys_b = [_keys(row.Index, row.forms, names) for row in rows_b]
    candidates = []
    for row_a, key_a in zip(rows_a, keys_a, strict=True):
        for row_b, key_b in zip(rows_b, keys_b, strict=True):
            score = _pair_score(row_a, row_b, key_a, key_b)
            if score:
                candidates.append((-score, -(row_a.count + row_b.count), row_a.Index, row_b.Index))
    pairs: dict[str, str] = {}
    used_b: set[str] = set()
    for _, _, name_a, name_b in sorted(candidates):
        if name_a not in pairs and name_b not in used_b:
            pairs[name_a] = name_b
            used_b.add(name_b)
    rows = []
    by_name_a, by_name_b = frame_a.to_dict("index"), frame_b.to_dict("index")

    def row(name_a: str | None, name_b: str | None) -> dict:
        one = by_name_a[name_a] if name_a is not None else None
        two = by_name_b[name_b] if name_b is not None else None
        named = [n for n in (name_a, name_b) if n is not None]
        kinds = [x["type"] for x in (one, two) if x is not None]
        return {
            "entity": max(named, key=lambda n: (len(n.split()), len(n))),
            "type": next((k for k in kinds if k != "OTHER"), kinds[0]),
            "count_a": int(one["count"]) if one is not None else 0,
            "count_b": int(two["count"]) if two is not None else 0,
            "first_a": float(one["first_position"]) if one is not None else math.nan,
            "first_b": float(two["first_position"]) if two is not None else math.nan,
            "quoted_a": int(one["quoted"]) if one is not None else 0,
            "quoted_b": int(two["quoted"]) if two is not None else 0,
            "attributed_a": int(one["attributed"]) if one is not None else 0,
            "attributed_b": int(two["attributed"]) if two is not None else 0,
            "status": "both" if len(named) == 2 else ("only_a" if name_a else "only_b"),
            "name_a": name_a,
            "name_b": name_b,
        }

    for name_a in frame_a.index:
        rows.append(row(name_a, pairs.get(name_a)))
    rows.extend(row(None, name_b) for name_b in frame_b.index if name_b not in used_b)
    columns = [
        "entity", "type", "count_a", "count_b", "first_a", "first_b", "quoted_a", "quoted_b",
        "attributed_a", "attributed_b", "status", "name_a", "name_b",
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    frame["total"] = frame["count_a"] + frame["count_b"]
    frame["first"] = frame[["first_a", "first_b"]].min(axis=1)
    frame = frame.sort_values(["total", "first"], ascending=[False, True], kind="stable")
    frame = frame.drop(columns=["total", "first"]).set_index("entity")
    ints = ["count_a", "count_b", "quoted_a", "quoted_b", "attributed_a", "attributed_b"]
    frame = frame.astype({**dict.fromkeys(ints, "int64"), "first_a": float, "first_b": float})
    return EntityComparison(a, b, frame)
