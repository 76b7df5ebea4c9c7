"""Who is quoted and who is cited: the speakers of direct quotes and the sources of unquoted
statements, as entities of :mod:`storydiff.entities`.

Quotes and their speaker words come from :func:`storydiff.quotes.find_quotes`, then:

* a speaker **name** is the entity named so in the quote's sentences (else anywhere outside
  quote marks);
* **"he" or "she"** is the first person named before it in the quote's sentence outside quote
  marks, else the first in the nearest of the three sentences before that names one (its
  subject): "Trump said ... . 'Their impression ...,' he said" is Trump's, and "Diane Abbott
  voted. She told Wikinews: '...'" is Abbott's;
* **no speaker, or "it"**, after a verb of saying ("Putin declined ..., saying it was
  'premature'") is the first person, else organisation, named in the sentence;
* "they", "we", "I", "you" are left unresolved.

A name of unknown type (OTHER) counts as a person here. An **attribution** is a verb of saying
outside quote marks with a name next to it: before ("Vilkul said", "Putin, who stated",
"Witkoff and Kushner reported": both), after ("said Putin", "reports UNB"), after "according to"
or a passive "by" ("as reported by city chief Oleksandr Vilkul", skipping up to four lower-case
role words but not a determiner: "according to a senior Trump administration official" is not
Trump), a pronoun before it (resolved as above), or a participle ("..., saying") whose subject is
the first person named before it. Each entity counts once per sentence, and not in sentences
where it is quoted.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import NamedTuple

import pandas as pd

from .frames import typed_frame
from .gazetteer import fold_name
from .quotes import SPEECH_VERBS, find_quotes
from .sentences import _starters
from .story import Version
from .tokens import Token

SOURCE_COLUMNS = ["entity", "kind", "sentence", "verb", "text"]
"""Columns of :func:`entity_sources`."""

_SPEAKERS = ("PERSON", "OTHER")
_TITLE_GAP = 40
"""Most characters from a title taken for a speaker to the start of the name after it."""
LOOK_BACK = 3
"""How many sentences back "he" or "she" looks for the person it stands for."""
_ATTRIBUTION_GAP = frozenset("has have had also later previously then again earlier who".split())
_AFTER_VERBS = frozenset(
    "said says added adds wrote writes reported reports stated states noted according".split()
)
_PASSIVE_VERBS = frozenset("reported stated quoted announced claimed said cited".split())
_NOT_ATTRIBUTION = frozenset({"continued"})


class _Mention(NamedTuple):
    """One row of the mentions table, as the plain values the rules below compare."""

    entity: str
    type: str
    text: str
    sentence: int
    start: int
    end: int


def _has_word(name: str, word: str) -> bool:
    """Whether a name holds ``word`` (folded) as one of its words."""
    return word in fold_name(name).split()


def _quote_spans(quotes: pd.DataFrame) -> _Spans:
    return _Spans(
        [(int(s) - 1, int(e) + 1) for s, e in zip(quotes["start"], quotes["end"], strict=True)]
    )


class _Spans:
    """Character spans ``[start, end)``, asked whether a position falls in any of them (in time
    that grows with the logarithm of their number: a transcript has thousands of quotes).

    >>> spans = _Spans([(10, 20), (0, 4), (12, 30)])
    >>> [position in spans for position in (0, 4, 9, 10, 25, 30)]
    [True, False, False, True, True, False]
    """

    def __init__(self, spans: list[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max))  # furthest end so far

    def __contains__(self, position: int) -> bool:
        k = bisect_right(self.starts, position)  # the spans that start at or before it
        return k > 0 and self.reach[k - 1] > position


def _first(
    mentions: list[_Mention], kinds: tuple[str, ...], before: int | None = None
) -> str | None:
    """The first mention of the first of `kinds` that has one (ending by `before`)."""
    for kind in kinds:
        for mention in mentions:
            if mention.type == kind and (before is None or mention.end <= before):
                return mention.entity
    return None


def _role_words(gap: str) -> bool:
    """Whether the text between a title and a name holds only words, none a verb of saying
    (a title's or a role's: "blogger", "Gen.", "chief executive")."""
    words = gap.split()
    return all(w.rstrip(".").isalpha() and w.lower() not in SPEECH_VERBS for w in words)


class _Sources:
    """Speakers of quotes and sources of unquoted statements, as entities."""

    def __init__(self, version: Version, mentions: pd.DataFrame) -> None:
        self.version = version
        self.quotes = find_quotes(version)
        spans = _quote_spans(self.quotes)
        rows = zip(
            *(mentions[column].tolist() for column in _Mention._fields), strict=True
        )  # the table read once: the rules ask small questions of it many times
        self.outside = [
            mention
            for mention in (
                _Mention(str(e), str(t), str(x), int(i), int(a), int(b))
                for e, t, x, i, a, b in rows
            )
            if mention.start not in spans
        ]
        self.spans = spans
        units = version.segmentation.units
        self.body = [i for i, (*_, heading) in enumerate(units) if not heading]
        self.bounds = [(start, end) for start, end, _, _ in units]
        self._by_sentence: dict[int, list[_Mention]] = {}
        for mention in self.outside:
            self._by_sentence.setdefault(mention.sentence, []).append(mention)

    def _in(self, sentences) -> list[_Mention]:
        wanted = {int(i) for i in sentences}
        if len(wanted) == 1:
            return self._by_sentence.get(next(iter(wanted)), [])
        return [mention for mention in self.outside if mention.sentence in wanted]

    def _previous_subject(self, sentence: int) -> str | None:
        """The first person named in the nearest of the :data:`LOOK_BACK` sentences before
        `sentence` that names one (before its own "he" or "she", if it has one)."""
        k = bisect_right(self.body, sentence - 1)
        for i in reversed(self.body[max(0, k - LOOK_BACK) : k]):
            # named before its own "he" or "she", if it has one: "She told Wikinews ..." is
            # about her, not Wikinews
            pronoun = self._outside_quotes([i], "He", "She", "he", "she")
            found = _first(self._in([i]), _SPEAKERS, pronoun)
            if found is not None:
                return found
        return None

    def _pronoun(self, sentence: int, before: int | None = None) -> str | None:
        """Who "he" or "she" is: the first person named in the sentence (before the pronoun,
        at `before`), else in the nearest sentence before that names one (a name of unknown
        type counts when no person is named)."""
        return _first(self._in([sentence]), _SPEAKERS, before) or self._previous_subject(sentence)

    def _outside_quotes(self, sentences, *words: str) -> int | None:
        """Where the first of `words` stands outside quote marks in `sentences`, if one does."""
        for i in sentences:
            for token in self.version.sentence_tokens[int(i)]:
                if token.text in words and token.start not in self.spans:
                    return token.start
        return None

    def _name_after_title(self, sentences, title: str, here: list[_Mention]) -> str | None:
        """The entity named right after `title`, at most :data:`_TITLE_GAP` characters on,
        with only words of a title or role between them ("Indian blogger Neha Viswanathan"),
        no verb of saying nor mark ("Critics called Smith"), else None."""
        at = self._outside_quotes(sentences, title)
        if at is None:
            return None
        text, end = self.version.text, at + len(title)
        after = [
            m
            for m in here
            if end <= m.start <= end + _TITLE_GAP and _role_words(text[end : m.start])
        ]
        return _first(after, ("PERSON", "ORG", "OTHER"))

    def quoted(self) -> list[dict]:
        rows = []
        for quote in self.quotes.itertuples():
            speaker = quote.speaker if isinstance(quote.speaker, str) else None
            here = self._in(quote.sentences)
            entity = None
            if speaker and speaker.lower() in ("he", "she"):  # a name after it is not its own
                at = self._outside_quotes(quote.sentences, speaker)  # ("She told Wikinews")
                entity = self._pronoun(quote.sentences[0], at)
            elif speaker and speaker.lower() not in ("it", "they", "we", "i", "you"):
                wanted = fold_name(speaker)
                hits = [m for m in here if _has_word(m.text, wanted)]
                if not hits:
                    hits = [m for m in self.outside if _has_word(m.entity, wanted)]
                if hits:  # the nearest (the first of equals)
                    entity = min(hits, key=lambda m: abs(m.start - quote.start)).entity
                else:  # a title taken for the speaker: the name right after it, if one is
                    # ("said Gen. Valery Zaluzhny"), not the first in the sentence ("The Church
                    # said ..., and the President stated: '...'", "Critics called Smith '...'")
                    entity = self._name_after_title(quote.sentences, speaker, here)
                    k = bisect_right(self.body, int(quote.sentences[0]) - 1)
                    if entity is None and k:  # (a quote that took the sentence before's speaker)
                        before = [self.body[k - 1]]
                        entity = self._name_after_title(before, speaker, self._in(before))
            elif isinstance(quote.verb, str):
                entity = _first(here, ("PERSON", "ORG", "OTHER"))
            if entity is not None:
                rows.append(
                    {
                        "entity": entity,
                        "kind": "quote",
                        "sentence": int(quote.sentences[0]),
                        "verb": quote.verb if isinstance(quote.verb, str) else None,
                        "text": quote.quote,
                    }
                )
        return rows

    def attributed(self, quoted: list[dict]) -> list[dict]:
        speakers = {
            (row["entity"], s)
            for row, quote in zip(quoted, self._quote_rows(quoted), strict=True)
            for s in quote
        }
        text, cut = self.version.text, self.version.sentence_tokens
        rows, seen = [], set()
        for i in self.body:
            start, end = self.bounds[i]
            tokens = cut[i]
            for k, token in enumerate(tokens):
                verb = token.text.lower()
                if verb not in SPEECH_VERBS or verb in _NOT_ATTRIBUTION:
                    continue
                if k > 0 and not token.text.islower():
                    continue  # a name's word: "the United States Department of Justice"
                if token.start in self.spans:
                    continue
                for entity in self._source(i, tokens, k, self._in([i])):
                    if (entity, i) in seen or (entity, i) in speakers:
                        continue
                    seen.add((entity, i))
                    sentence = text[start:end]
                    rows.append(
                        {
                            "entity": entity,
                            "kind": "attribution",
                            "sentence": i,
                            "verb": verb,
                            "text": sentence,
                        }
                    )
        return rows

    def _quote_rows(self, quoted: list[dict]) -> list[tuple[int, ...]]:
        by_text = {}
        for quote in self.quotes.itertuples():
            by_text.setdefault((quote.quote, int(quote.sentences[0])), tuple(quote.sentences))
        return [by_text.get((row["text"], row["sentence"]), (row["sentence"],)) for row in quoted]

    def _source(self, i: int, tokens: list[Token], k: int, here: list[_Mention]) -> list[str]:
        """Entities a verb of saying at token ``k`` attributes a statement to."""
        verb = tokens[k].text.lower()
        starters = _starters()
        if verb != "according":
            # before the verb: "Vilkul said", "Putin, who stated", "Kushner has said"
            j = k - 1
            while j >= 0 and (tokens[j].text == "," or tokens[j].text.lower() in _ATTRIBUTION_GAP):
                j -= 1
            if j >= 0:
                before = [m for m in here if tokens[j].start < m.end <= tokens[j].end]
                if before:
                    last = before[-1]
                    found = [last.entity]
                    gap = self.version.text[: last.start].rstrip()
                    partner = [m for m in here if m.end <= last.start]
                    if gap.endswith(" and") and partner:  # "Witkoff and Kushner reported"
                        found.insert(0, partner[-1].entity)
                    return found
                if tokens[j].text.lower() in ("he", "she"):
                    person = self._pronoun(i, tokens[j].start)
                    return [person] if person else []
        # after the verb: "said Putin", "according to Tass", "reported by city chief X"
        j = k + 1
        passive = j < len(tokens) and tokens[j].text.lower() == "by" and verb in _PASSIVE_VERBS
        if verb == "according" or passive:
            if j >= len(tokens) or tokens[j].text.lower() not in ("to", "by"):
                return []
            j += 1
        elif verb not in _AFTER_VERBS:
            return self._participle(i, tokens, k, here)
        if j < len(tokens) and tokens[j].text.lower() == "the":
            j += 1
        skipped = 0
        while j < len(tokens) and skipped <= 4:
            hit = [m for m in here if m.start <= tokens[j].start < m.end]
            if hit:
                row = hit[0]
                after = [t for t in tokens if t.start >= row.end]
                nxt = after[0] if after else None
                if nxt and nxt.kind == "word" and nxt.text[:1].islower():
                    if nxt.text.lower() not in starters and nxt.text.lower() not in SPEECH_VERBS:
                        return []  # a modifier: "a senior Trump administration official"
                return [row.entity]
            word = tokens[j].text
            if tokens[j].kind != "word" or not word[:1].islower() or word.lower() in starters:
                break
            skipped += 1
            j += 1
        return self._participle(i, tokens, k, here)

    def _participle(self, i: int, tokens: list[Token], k: int, here: list[_Mention]) -> list[str]:
        """ "Putin declined to ..., saying ...": the first person named before the verb."""
        verb = tokens[k].text.lower()
        if not verb.endswith("ing") or verb == "according":
            return []
        found = _first(here, _SPEAKERS, before=tokens[k].start)
        return [found] if found else []


def entity_sources(version: Version, mentions: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted and who is cited in a version, as entities.

    Parameters
    ----------
    version : Version
    mentions : DataFrame
        The version's entity mentions (:func:`storydiff.entities.find_entities`).

    Returns
    -------
    DataFrame
        One row per direct quote given to an entity (``kind`` ``quote``) and per unquoted
        statement given to one (``attribution``): ``entity``, ``kind``, ``sentence`` (id),
        ``verb``, ``text`` (the quote, or the sentence of an attribution). Quotes whose speaker
        is no entity (none found, "they", "I") are left out.

    Examples
    --------
    >>> from storydiff.entities import find_entities
    >>> version = Version("v", 'Kremlin aide Yuri Ushakov called the talks "useful." '
    ...                        "Ushakov said more talks would follow, according to Tass.")
    >>> entity_sources(version, find_entities(version))[["entity", "kind", "sentence", "verb"]]
             entity         kind  sentence       verb
    0  Yuri Ushakov        quote         0     called
    1  Yuri Ushakov  attribution         1       said
    2          Tass  attribution         1  according
    """
    finder = _Sources(version, mentions)
    quoted = finder.quoted()
    rows = quoted + finder.attributed(quoted)
    return typed_frame(rows, SOURCE_COLUMNS, {"sentence": "int64"})
