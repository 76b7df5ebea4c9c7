"""The number and fact ledger: numbers in digits and words, what they count, and how they fare
between two versions of a story.

:func:`find_numbers` reads every number of a version ("six", "40,000", "$1.5 billion", "3.5%",
"dozens", "over 40", "68-year-old", "Dec. 4", "2025", "01:00") with its value, the noun it counts,
a verb-ish context word and the nearest name. :func:`number_ledger` pairs the numbers of two
versions, first within the sentences aligned to each other, then across the whole document, and
says of each whether it stayed the ``same``, ``changed`` or is only in one version.

How a mention is read, in plain words (heuristics, no tagger):

* **Value.** Digits with thousands separators and decimals, number words up to the billions
  ("two hundred", "4 million", "a dozen", "half a million"), percent and currency signs or
  words. A ``qualifier`` ("over", "more than", "nearly", "about", "up to", ...) turns the value
  into a range (:data:`QUALIFIERS`); a vague quantity ("dozens", "several", "a few",
  "hundreds", ...) is read as its conventional range and its value is the lower bound
  (:data:`VAGUE_QUANTITIES`).
* **"one"** counts only when a content word follows and no determiner precedes it ("one
  drone", "one-year"), never in "one of the", "no one", "the one", "one another". Bare "some"
  is a determiner, not a number; "some 40" is the qualifier "some" (about).
* **Noun.** The head of the run of content words after the number (after "of" for vague
  quantities and percentages): the first plural-looking word for counts ("two ballistic
  missiles" -> ``missiles``), else the first word that does not look like an adjective
  ("a 3-year-old girl died" -> ``girl``). A compound ("five-hour talks", "3-year-old girl")
  gives its unit (``hour``, ``year``) and the noun after it (``talks``, ``girl``).
* **Kind.** ``count``, ``age`` ("3-year-old", "68 years old", "aged 68"), ``duration`` (a
  count of a time unit: "five-hour", "nearly four years"), ``money``, ``percent``, ``year``
  ("2025"; a four-digit number from 1800 to 2100 unless a content word follows it and no
  preposition precedes it), ``date`` ("Dec. 4", "4 December"), ``time`` ("01:00", "3 p.m.")
  ``ordinal`` ("first", "21st") and ``name``, a number that names a thing rather than counts
  it ("Route 66", "Cessna 150", "section 373", "Arsenal 3": its word comes with it, and it
  pairs only with the same word's). Weekday names are not read as numbers.
* **Context.** The nearest lower-case content word before the number ("injured six people"
  -> ``injured``), else an ``-ed`` verb after its noun ("two men were killed" -> ``killed``);
  reporting verbs (said, reported, ...) are skipped. It lets "injured six people" match "six
  injuries".
* **Entity.** The nearest run of capitalised words in the sentence, leaving out a sentence's
  first word when it is a common word, weekday and month names, and single demonyms
  ("Russian").

Examples
--------
>>> text = "A strike injured six people and damaged dozens of homes in Kryvyi Rih."
>>> find_numbers(text)[["text", "value", "vague", "noun", "context", "entity"]]
           text  value  vague    noun  context      entity
mention
0           six    6.0  False  people  injured  Kryvyi Rih
1        dozens   24.0   True   homes  damaged  Kryvyi Rih
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from functools import cached_property, lru_cache

import pandas as pd

from . import matching
from .errors import ParameterError
from .frames import typed_frame
from .story import Version
from .structure import segment
from .tokens import Token, stem, tokenize

KINDS = ("count", "age", "duration", "money", "percent", "year", "date", "time", "ordinal", "name")
"""Every kind of number mention."""

LEDGER_KINDS = tuple(kind for kind in KINDS if kind != "ordinal")
"""Kinds the ledger compares by default (ordinals such as "first" are left out)."""

STATUSES = ("same", "changed", "only_a", "only_b")
"""Every status of a ledger row."""

QUALIFIERS: dict[str, tuple[str, float, float | None]] = {
    "more than": ("more than", 1.0, None),
    "over": ("more than", 1.0, None),
    "just over": ("more than", 1.0, None),
    "upwards of": ("more than", 1.0, None),
    "at least": ("at least", 1.0, None),
    "nearly": ("nearly", 0.8, 1.0),
    "almost": ("nearly", 0.8, 1.0),
    "close to": ("nearly", 0.8, 1.0),
    "just under": ("nearly", 0.8, 1.0),
    "up to": ("up to", 0.0, 1.0),
    "as many as": ("up to", 0.0, 1.0),
    "as much as": ("up to", 0.0, 1.0),
    "at most": ("up to", 0.0, 1.0),
    "less than": ("less than", 0.0, 1.0),
    "fewer than": ("less than", 0.0, 1.0),
    "under": ("less than", 0.0, 1.0),
    "about": ("about", 0.9, 1.1),
    "around": ("about", 0.9, 1.1),
    "roughly": ("about", 0.9, 1.1),
    "approximately": ("about", 0.9, 1.1),
    "some": ("about", 0.9, 1.1),
    "an estimated": ("about", 0.9, 1.1),
}
"""Qualifier -> (meaning, low factor, high factor): the range a qualified value stands for, as
factors of the value (None: no bound). Qualifiers with the same meaning ("over", "more than")
are the same claim. The factors of "nearly" and "about" are conventions, not facts. The bounds
that :data:`OPEN_BOUNDS` names exclude the value itself."""

OPEN_BOUNDS: dict[str, tuple[bool, bool]] = {
    "more than": (True, False),
    "less than": (False, True),
}
"""Meaning -> whether its (low, high) bound is open: "more than 50" and "fewer than 50" cannot
both be true, nor "nearly 100" and "more than 100"; "at least 50" and "up to 50" can (50).
"Nearly 100" keeps 100 in its range: a rounded "100" elsewhere is not called a contradiction."""

VAGUE_QUANTITIES: dict[str, tuple[float, float | None]] = {
    "dozens": (24, 199),
    "scores": (40, 199),
    "hundreds": (200, 1_999),
    "thousands": (2_000, 19_999),
    "tens of thousands": (20_000, 199_999),
    "hundreds of thousands": (200_000, 1_999_999),
    "millions": (2_000_000, 19_999_999),
    "tens of millions": (20_000_000, 199_999_999),
    "hundreds of millions": (200_000_000, 1_999_999_999),
    "billions": (2_000_000_000, None),
    "several": (3, 9),
    "a few": (2, 5),
    "a couple": (2, 3),
    "a handful": (2, 6),
}
"""Vague quantity -> (lower bound, upper bound or None): conventional readings, not facts. A
plural word reaches up to just below the next word's lower bound, so "dozens" and "over 40" can
both be true but "dozens" and "hundreds" disagree. "scores", "a couple" and "a handful" count
only before "of"."""

RELATED_NOUNS: dict[str, tuple[str, ...]] = {
    "injured": ("injured", "injury", "injuries", "wounded", "wounds", "hurt"),
    "killed": ("killed", "dead", "died", "death", "deaths", "fatalities"),
    "people": ("people", "persons", "person", "residents", "civilians", "individuals"),
    "homes": ("homes", "houses", "buildings", "apartments", "dwellings"),
    "children": ("children", "child", "kids", "girl", "girls", "boy", "boys"),
    "talks": ("talks", "discussions", "negotiations", "meeting"),
}
"""Small synonym table for news numbers: words of one entry count as the same noun (compared by
stem). "injured six people" also matches "six injuries" through the context word."""

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALES |= {"bn": 1e9, "mln": 1e6, "trn": 1e12}
_NUMBER_WORDS = _UNITS.keys() | _TENS.keys() | {"hundred", "thousand", "million", "billion"}
_ORDINALS = {
    word: n
    for n, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split(),
        start=1,
    )
}
_TIME_UNITS = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "night": "night",
    "nights": "night", "week": "week", "weeks": "week", "month": "month", "months": "month",
    "year": "year", "years": "year", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century",
}  # fmt: skip
_COMPOUND_UNITS = set(_TIME_UNITS) | {
    "point", "storey", "story", "floor", "mile", "kilometre", "kilometer", "metre", "meter",
    "member", "nation", "country", "seat", "page", "step", "part", "round", "percent", "figure",
}  # fmt: skip
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_GLUED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
"""Scales written against a sum of money: "£5m", "$1.5bn"."""
_GLUED_UNITS = {
    "km": "km", "kms": "km", "m": "metre", "cm": "cm", "mm": "mm", "mi": "mile", "ft": "foot",
    "mph": "mph", "kph": "km/h", "kmh": "km/h", "kg": "kg", "kgs": "kg", "lb": "lb",
    "lbs": "lb", "ha": "hectare", "mw": "MW", "gw": "GW", "kw": "kW", "gb": "GB", "tb": "TB",
}  # fmt: skip
"""Units written against a number: "5km", "80mph" (a letter written against it otherwise
makes an identifier, "3D", "5G")."""
_TEMPERATURES = {"F": "°F", "C": "°C"}
_CLOCK_ZONES = {"utc", "gmt", "local", "hours", "hrs", "est", "edt", "cet", "cest", "bst"}
_CLOCK_ZONES |= {"pst", "pdt", "ist", "jst", "aest", "msk", "eet", "eest", "z"}
"""Words after four digits that make them a 24-hour time ("0600 GMT", "1100 hours")."""
_FOUR_DIGIT_CLOCK = re.compile(r"([01]\d|2[0-3])([0-5]\d)")
_ID_WORDS = {
    "section", "article", "tier", "level", "route", "flight", "chapter", "page", "paragraph",
    "clause", "interstate", "highway", "platform", "gate", "room", "no", "no.", "number",
}  # fmt: skip
"""Words after which a number names a thing rather than counts it ("section 373", "Route 66")."""
_DETERMINERS = {"the", "a", "an", "this", "that", "its", "his", "her", "their", "our"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
    "hryvnia": "UAH", "hryvnias": "UAH", "yuan": "CNY", "yen": "JPY",
}  # fmt: skip
_MONTHS = {
    name: month.lower()
    for month in (
        "January February March April May June July August September October November December"
    ).split()
    for name in (month, month[:3], "Sept" if month == "September" else month[:3])
}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_FUNCTION_WORDS = frozenset(
    """a an the of in on at to for with by from and or but nor as that which who whom whose this
    these those its it their his her our my your they he she we you i there here was were is are
    be been being am had has have having will would could should may might can must shall do does
    did than into onto over under after before during since about around including per each
    other another more most less not no while when where also all both such so then only just up
    out off down ago if because though although until till via among against between across
    within without through what how why any some many much very said says told reported added
    stated according""".split()
)
_YEAR_PREPOSITIONS = {"in", "since", "by", "until", "till", "from", "of", "through", "before"}
_YEAR_PREPOSITIONS |= {"after", "during", "early", "late", "mid", "year", "between", "to", "and"}
_REPORTING = {"said", "says", "told", "reported", "added", "stated", "according", "announced"}
_CONTEXT_SKIP = {"in", "to", "the", "a", "an", "by", "at", "of", "for", "some", "least"}
_AUXILIARIES = {"was", "were", "is", "are", "been", "be", "being", "have", "has", "had", "also"}
_IRREGULAR_PLURALS = {"people", "men", "women", "children", "police", "personnel", "staff"}
_IRREGULAR_PLURALS |= {"feet", "teeth", "mice", "geese", "cattle", "troops", "crew"}
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ary", "ian")
_ADJECTIVE_ENDINGS += ("ish", "ese", "ern", "ed", "est", "ing")
_COMMON_INITIALS = {"meanwhile", "however", "earlier", "later", "separately", "authorities"}
_COMMON_INITIALS |= {"officials", "police", "residents", "temporary", "ukrainian", "russian"}
_DEMONYMS = {"french", "british", "dutch", "swiss", "irish", "polish", "turkish", "greek"}
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish")
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u2010": "-", "\u2011": "-"})
"""Quote and hyphen variants folded (one character for one, so offsets hold)."""
_STARTS = frozenset(
    phrase.split(" ")[0] for phrase in [*QUALIFIERS, *VAGUE_QUANTITIES, *_ORDINALS, "a", "half"]
)
"""The first words of qualifiers, vague quantities and number phrases (besides number words)."""


@lru_cache(maxsize=65536)
def _may_start(word: str) -> bool:
    """Whether a word token (folded, lower case, not a month) can begin a number mention or its
    qualifier: it begins one of :data:`_STARTS`, is or begins with a number word, or has a
    digit. For any other word :meth:`_Reader._qualified` finds nothing.

    Examples
    --------
    >>> [_may_start(w) for w in ("about", "twenty-five", "3-year-old", "a", "killed")]
    [True, True, True, True, False]
    """
    return (
        word.split(" ")[0] in _STARTS
        or word.split("-")[0] in _NUMBER_WORDS
        or any(ch.isdigit() for ch in word)
    )


_DIGITS = re.compile(r"(?P<sign>[$€£¥]?)(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_MINUS_SIGNS = ("-", "\u2212")
_MONTHS_LOWER = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


@dataclass(frozen=True)
class NumberMention:
    """One number in a version.

    Attributes
    ----------
    sentence : int
        Sentence id (row of the version's sentence table).
    text : str
        As written, with its qualifier ("over 40", "$1.5 billion", "3-year-old", "dozens").
    start, end : int
        Offsets into the version's text: ``version.text[start:end] == text``.
    value : float
        The number ("six" -> 6.0); for a vague quantity its lower bound ("dozens" -> 24.0); for
        a time of day the hour (13.5 for "13:30"); for a date the day of the month.
    kind : str
        One of :data:`KINDS`.
    low, high : float or None
        The range the mention stands for (None: no bound); both equal `value` for an exact one.
    qualifier : str or None
        A key of :data:`QUALIFIERS` ("over", "nearly", ...).
    vague : bool
        A vague quantity ("dozens", "several") rather than a number.
    approximate : bool
        Not an exact value: qualified, vague or a range ("10-15").
    unit : str or None
        The unit of a compound, duration, age, money, percent or date: ``hour``, ``year``,
        ``USD``, ``percent``, ``december``.
    noun : str or None
        The noun the number counts or describes, lower case ("drones", "girl", "talks").
    context : str or None
        The verb-ish word around it ("injured"), see the module notes.
    entity : str or None
        The nearest capitalised name in the sentence.
    phrase : str
        The text from the mention to its noun ("over 40 residential buildings").
    """

    sentence: int
    text: str
    start: int
    end: int
    value: float
    kind: str
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    vague: bool = False
    approximate: bool = False
    unit: str | None = None
    noun: str | None = None
    context: str | None = None
    entity: str | None = None
    phrase: str = ""

    def reading(self) -> str:
        """The range in words: "exactly 6", "24 or more", "more than 40", "between 3 and 9".

        Examples
        --------
        >>> [m.reading() for m in number_mentions("Over 40 homes, dozens of cars, six dogs.")]
        ['more than 40', 'between 24 and 199', 'exactly 6']
        >>> [m.reading() for m in number_mentions("At least 12 died and fewer than 5 fled.")]
        ['12 or more', 'less than 5']
        """
        grouping = self.kind not in ("year", "date", "time")
        low, high = _fmt(self.low, grouping), _fmt(self.high, grouping)
        low_open, high_open = _open_bounds(self)
        if self.low == self.high:
            return f"exactly {low}"
        if self.high is None:
            return f"more than {low}" if low_open else f"{low} or more"
        if self.low is None or (self.low == 0 and self.high > 0):
            return f"less than {high}" if high_open else f"up to {high}"
        return f"between {low} and {high}"

    def to_dict(self) -> dict:
        """The mention as a flat dict (one row of :func:`find_numbers`).

        Its fields are plain values, so a shallow dict is the same as ``dataclasses.asdict``,
        which copies each value (a fifth of the time of reading a long version's numbers).
        """
        return {name: getattr(self, name) for name in _MENTION_COLUMNS}


_MENTION_COLUMNS = [field.name for field in fields(NumberMention)]
"""The columns of :func:`find_numbers`: the fields of a mention, in order."""


def _open_bounds(m: NumberMention) -> tuple[bool, bool]:
    """Whether the mention's low and high bounds exclude their value (see :data:`OPEN_BOUNDS`)."""
    if m.qualifier is None:
        return False, False
    return OPEN_BOUNDS.get(QUALIFIERS[m.qualifier][0], (False, False))


@dataclass(frozen=True)
class _Core:
    """A number expression before its noun is known: tokens ``[first, stop)``."""

    first: int
    stop: int
    value: float
    kind: str = "count"
    low: float | None = None
    high: float | None = None
    vague: bool = False
    unit: str | None = None
    of_noun: bool = False  # the noun follows "of" ("dozens of homes")


def _fmt(value: float | None, grouping: bool = True) -> str:
    if value is None:
        return "none"
    comma = "," if grouping else ""
    if float(value).is_integer():
        return f"{value:{comma}.0f}"
    return f"{value:{comma}.2f}".rstrip("0").rstrip(".")


def _digits_value(text: str) -> float | None:
    match = _DIGITS.fullmatch(text)
    return float(match["number"].replace(",", "")) if match else None


def _below_hundred(word: str) -> bool:
    """A number word under 100: "seven", "twenty", "twenty-five"."""
    if word in _UNITS or word in _TENS:
        return True
    tens, _, unit = word.partition("-")
    return tens in _TENS and unit in _UNITS


def _words_value(words: list[str]) -> float | None:
    """The value of number words in order ("two hundred fifty", "a million")."""
    total = current = 0.0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0.0
        elif word not in ("a", "and"):
            return None
    return total + current


def _plural(word: str) -> bool:
    """Whether a lower-case noun looks plural ("people", "runners"; not "census")."""
    if word in _IRREGULAR_PLURALS:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))


class _Reader:
    """Reads the number mentions of one sentence from its tokens (one tokenizer pass)."""

    def __init__(self, tokens: list[Token], sentence: int, text: str, offset: int):
        self.tokens, self.sentence, self.text, self.offset = tokens, sentence, text, offset
        self.words = [t.text.translate(_FOLD).lower() for t in tokens]

    @cached_property
    def entities(self) -> list[tuple[int, int, str]]:
        """The sentence's runs of capitalised words (read when a mention looks for its entity:
        most sentences have no number)."""
        return self._entities()

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < len(self.words) else ""

    def adjacent(self, i: int) -> bool:
        """Token ``i`` follows token ``i - 1`` with no space."""
        return 0 < i < len(self.tokens) and self.tokens[i].start == self.tokens[i - 1].end

    def is_content(self, i: int) -> bool:
        if not 0 <= i < len(self.tokens) or self.tokens[i].kind != "word":
            return False
        word = self.words[i]
        return word not in _FUNCTION_WORDS and not any(ch.isdigit() for ch in word)

    def mentions(self) -> list[NumberMention]:
        found, i = [], 0
        tokens, words = self.tokens, self.words
        while i < len(tokens):
            token = tokens[i]
            if token.kind == "word" and token.text not in _MONTHS and not _may_start(words[i]):
                i += 1  # what the steps below find for it, most words being such (quicker)
                continue
            qualifier, core = self._qualified(i)
            if core is None:
                i += 1
                continue
            mention, resume = self._finish(i, qualifier, core)
            found.append(mention)
            i = max(resume, i + 1)
        return found

    def _qualified(self, i: int) -> tuple[str | None, _Core | None]:
        for size in (3, 2, 1):
            phrase = " ".join(self.words[i : i + size])
            if phrase in QUALIFIERS and i + size < len(self.tokens):
                core = self._core(i + size)
                if core is None and self.tokens[i + size].text in _MINUS_SIGNS:
                    core = self._core(i + size + 1) if i + size + 1 < len(self.tokens) else None
                    core = core if core is not None and core.first == i + size else None
                if (
                    core
                    and core.kind in ("count", "age", "duration", "money", "percent")
                    and not core.vague
                ):
                    return phrase, core
        return None, self._core(i)

    def _core(self, i: int) -> _Core | None:
        token, word = self.tokens[i], self.words[i]
        if token.text in _MONTHS:
            return self._month_day(i)
        if token.kind == "number":
            return self._digit_compound(i) if "-" in word else self._digits(i)
        if token.kind != "word":
            return None
        if word in _UNITS and self._names_a_channel(i):  # "One News"
            value = float(_UNITS[word])
            return _Core(i, i + 2, value, "name", value, value, unit="news")
        if any(ch.isdigit() for ch in word):
            return self._digit_compound(i)
        return self._vague(i) or self._number_words(i) or self._ordinal_word(i)

    def _month_day(self, i: int) -> _Core | None:
        j = i + 1
        if self.word(j) == "." and self.adjacent(j):
            j += 1
        day = _digits_value(self.word(j)) if j < len(self.tokens) else None
        if day is None or not day.is_integer() or not 1 <= day <= 31:
            return None
        stop = (
            j + 2
            if self.word(j + 1) in ("st", "nd", "rd", "th") and self.adjacent(j + 1)
            else j + 1
        )
        return _Core(i, stop, day, "date", day, day, unit=_MONTHS[self.tokens[i].text])

    def _digits(self, i: int) -> _Core | None:
        text, nxt = self.words[i], self.word(i + 1)
        clock = _CLOCK.fullmatch(text)
        if clock:
            hours, stop = int(clock[1]), i + 1
            if nxt in ("p.m.", "pm") and hours < 12:
                hours, stop = hours + 12, i + 2
            elif nxt in ("a.m.", "am"):
                hours, stop = hours % 12, i + 2  # 12:30 a.m. is 0:30
            hour = hours + float(clock[2]) / 60
            return _Core(i, stop, hour, "time", hour, hour)
        four = _FOUR_DIGIT_CLOCK.fullmatch(text)
        if four and nxt in _CLOCK_ZONES:  # "0600 GMT", "1100 hours": a 24-hour time
            hour = float(four[1]) + float(four[2]) / 60
            return _Core(i, i + 2 if nxt in ("hours", "hrs") else i + 1, hour, "time", hour, hour)
        if self._names_a_thing(i):  # "Route 66", "Cessna 150", "section 373": its word with it
            value = float(text)
            return _Core(i - 1, i + 1, value, "name", value, value, unit=self.words[i - 1])
        if text.isdigit() and self._names_a_channel(i):  # "3 News", a broadcaster
            return _Core(i, i + 2, float(text), "name", float(text), float(text), unit="news")
        percent = text.endswith("%")
        match = _DIGITS.fullmatch(text.removesuffix("%"))
        if match is None:
            return None
        value, sign = float(match["number"].replace(",", "")), match["sign"]
        if not sign and "." not in text and self._bare_decimal(i):  # ".590"
            value = float(f"0.{match['number']}")
            return _Core(i - 1, i + 1, value, "count", value, value)
        if not sign and not percent and self._bare_age(i, value):  # "Sasha Petrova, 24,"
            return _Core(i, i + 1, value, "age", value, value, unit="year")
        stop, kind, unit = i + 1, "count", None
        if self.adjacent(i + 1) and self.tokens[i + 1].kind == "word":
            raw = self.tokens[i + 1].text
            if nxt in ("st", "nd", "rd", "th") and not sign:
                month = self.tokens[i + 2].text if i + 2 < len(self.tokens) else ""
                if month in _MONTHS and value.is_integer() and 1 <= value <= 31:  # 19th October
                    return _Core(i, i + 3, value, "date", value, value, unit=_MONTHS[month])
                return _Core(i, i + 2, value, "ordinal", value, value)
            if nxt == "s" and len(match["number"]) == 4 and not sign:
                return _Core(i, i + 2, value, "year", value, value + 9)
            if nxt == "s" and value in (20, 30, 40, 50, 60, 70, 80, 90) and not sign:
                if self.word(i - 1) in ("his", "her", "their", "my", "your", "our"):  # in his 30s
                    return _Core(i, i + 2, value, "age", value, value + 9, unit="year")
            if sign and nxt in _GLUED_SCALES:  # £5m, $1.5bn
                value, stop = value * _GLUED_SCALES[nxt], i + 2
            elif not sign and not percent and nxt in _GLUED_UNITS:  # 5km, 80mph
                stop, unit = i + 2, _GLUED_UNITS[nxt]
            elif not sign and not percent and raw in _TEMPERATURES:  # 100F
                stop, unit = i + 2, _TEMPERATURES[raw]
            elif nxt not in _SCALES and nxt not in ("pm", "am"):
                return None  # an identifier such as 3D or 5G
        if sign:
            kind, unit = "money", _CURRENCY_SIGNS[sign]
        if percent:
            kind, unit = "percent", "percent"
        if self.word(stop) in _SCALES:
            value *= _SCALES[self.word(stop)]
            stop += 1
        if self.word(stop) == "dozen":
            value, stop = value * 12, stop + 1
        core = self._suffixes(i, stop, value, kind, unit)
        if core.kind == "count" and core.stop == i + 1 and self._is_year(i, text, value):
            return _Core(i, i + 1, value, "year", value, value)
        if core.kind in ("count", "money", "percent") and self._minus(i):
            low, high = core.low, core.high
            return replace(core, first=i - 1, value=-core.value, low=-high, high=-low)
        return core

    def _minus(self, i: int) -> bool:
        """A minus sign is written against number token ``i`` ("fell to -5", "-$3 billion"),
        with a space or the sentence's start before it, not after another number ("2 -3")."""
        if i < 1 or self.tokens[i - 1].text not in _MINUS_SIGNS or not self.adjacent(i):
            return False
        return i < 2 or (not self.adjacent(i - 1) and self.tokens[i - 2].kind != "number")

    def _bare_decimal(self, i: int) -> bool:
        """A decimal point written against number token ``i`` with nothing before it (".590")."""
        if i < 1 or self.tokens[i - 1].text != "." or not self.adjacent(i):
            return False
        return i < 2 or not self.adjacent(i - 1)

    def _bare_age(self, i: int, value: float) -> bool:
        """A number set off by commas after a name, as news gives ages ("John Browne, 14, died")."""
        if not (value.is_integer() and 1 <= value <= 120) or self.word(i - 1) != ",":
            return False
        after = self.word(i + 1)
        if after not in (",", ".", ";", ")") and i + 1 < len(self.tokens):
            return False
        return i >= 2 and self._capitalised(i - 2) and self.word(i - 2) not in _MONTHS_LOWER

    def _is_year(self, i: int, text: str, value: float) -> bool:
        if not (len(text) == 4 and text.isdigit() and 1800 <= value <= 2100):
            return False
        before = self.tokens[i - 1].text if i > 0 else ""
        after_date = before == "," and i > 1 and self.tokens[i - 2].kind == "number"
        if self.word(i - 1) in _YEAR_PREPOSITIONS or before in _MONTHS or after_date:
            return True
        if self.word(i - 1) in _DETERMINERS and self.is_content(i + 1):
            return not _plural(self.words[i + 1])  # "the 1989 earthquake", not "the 2000 runners"
        return not self.is_content(i + 1)

    def _names_a_channel(self, i: int) -> bool:
        """Whether the number at token ``i`` names a broadcaster's news ("3 News", "One
        News", "Nine News"): "News" with a capital follows it, and ends the name (not "News of
        the World", "News Corp"), not in a headline's title case."""
        after = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if after is None or after.text != "News" or self.adjacent(i + 1):
            return False
        then = self.tokens[i + 2].text if i + 2 < len(self.tokens) else ""
        if then == "of" or then[:1].isupper():  # "two News of the World journalists"
            return False
        words = [t.text for t in self.tokens[1:] if t.kind == "word" and t.text[:1].isalpha()]
        return sum(w[:1].isupper() for w in words) * 2 <= len(words)

    def _names_a_thing(self, i: int) -> bool:
        """Whether the plain number at token ``i`` is part of a name ("Route 66", "Cessna 150",
        "Level 3 Communications") or a reference ("section 373"), not a quantity: after one of
        :data:`_ID_WORDS`, or after a capitalised word that does not open the sentence and is no
        month or weekday, in a sentence not written in title case (a headline)."""
        if i < 1 or self.adjacent(i) or not self.words[i].isdigit():
            return False
        after = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if after is not None and after.text.islower() and _plural(self.words[i + 1]):
            return False  # a quantity of something: "a section 100 feet wide"
        before, word = self.tokens[i - 1], self.words[i - 1]
        if word in _ID_WORDS:
            return True
        if i < 2 or before.kind != "word" or not before.text[:1].isupper():
            return False
        if before.text in _MONTHS or word in _WEEKDAYS or word.endswith(("'s", "s'")):
            return False  # a date, or a possessive: "Interpol's 186 member countries"
        if word == "i" or word.startswith("i'") or word in _FUNCTION_WORDS:  # "I'm 23", "The 27"
            return False
        others = [  # the sentence's words but its first and this one: all capitalised in a headline
            t.text for k, t in enumerate(self.tokens[1:], start=1)
            if k != i - 1 and t.kind == "word" and t.text[:1].isalpha()
        ]  # fmt: skip
        return sum(word[:1].isupper() for word in others) * 2 <= len(others) or not others

    def _suffixes(self, first: int, stop: int, value: float, kind: str, unit: str | None) -> _Core:
        """Words after a number that set its kind: percent, currency, a.m./p.m., years old."""
        word, nxt = self.word(stop), self.word(stop + 1)
        exact = {"low": value, "high": value}
        if word in ("percent", "%") or (word == "per" and nxt == "cent"):
            stop += 2 if word == "per" else 1
            return _Core(first, stop, value, "percent", **exact, unit="percent", of_noun=True)
        if word == "percentage" and nxt in ("point", "points"):
            return _Core(first, stop + 2, value, "percent", **exact, unit="percentage point")
        if word in _CURRENCY_WORDS:
            return _Core(first, stop + 1, value, "money", **exact, unit=_CURRENCY_WORDS[word])
        if word == "o'clock" and kind == "count" and 1 <= value <= 12 and value.is_integer():
            return _Core(first, stop + 1, value, "time", value, value)  # ("five o'clock")
        if word in ("p.m.", "pm", "a.m.", "am") and kind == "count" and value <= 12:
            hour = value + 12 if word in ("p.m.", "pm") and value < 12 else value
            if word in ("a.m.", "am") and value == 12:  # midnight
                hour = 0.0
            return _Core(first, stop + 1, hour, "time", hour, hour)
        if word in ("year", "years") and nxt == "old":
            return _Core(first, stop + 2, value, "age", **exact, unit="year")
        month = self.tokens[stop].text if stop < len(self.tokens) else ""
        if month in _MONTHS and self.tokens[stop - 1].kind == "number" and value.is_integer():
            if 1 <= value <= 31:
                return _Core(first, stop + 1, value, "date", **exact, unit=_MONTHS[month])
        if self.word(first - 1) == "aged":
            return _Core(first, stop, value, "age", **exact, unit="year")
        return _Core(first, stop, value, kind, **exact, unit=unit)

    def _compound(self, i: int, parts: list[str], value: float, high: float) -> _Core | None:
        """A number with a unit attached by hyphens: 3-year-old, five-hour, 20-point."""
        if not parts:
            core = self._suffixes(i, i + 1, value, "count", None)
            return _Core(i, core.stop, value, core.kind, value, high, unit=core.unit)
        if parts[-1] in ("old", "olds") and parts[0] in _TIME_UNITS:
            return _Core(i, i + 1, value, "age", value, high, unit=_TIME_UNITS[parts[0]])
        if parts[0] in _TIME_UNITS and len(parts) == 1:
            if self.word(i + 1) in ("old", "olds"):  # "a 23-year old man"
                return _Core(i, i + 2, value, "age", value, high, unit=_TIME_UNITS[parts[0]])
            return _Core(i, i + 1, value, "duration", value, high, unit=_TIME_UNITS[parts[0]])
        if parts[0] in _SCALES and len(parts) == 1:
            value, high = value * _SCALES[parts[0]], high * _SCALES[parts[0]]
            return _Core(i, i + 1, value, "count", value, high)
        return _Core(i, i + 1, value, "count", value, high, unit="-".join(parts))

    def _digit_compound(self, i: int) -> _Core | None:
        parts = self.words[i].split("-")
        sign = parts[0][:1] if parts[0][:1] in _CURRENCY_SIGNS else ""
        value = _digits_value(parts[0].removeprefix(sign))
        if value is None:
            return None
        high = value
        if len(parts) > 1 and _digits_value(parts[1]) is not None:
            high = _digits_value(parts[1])
            parts = parts[1:]
            if high < value:  # not a range but a score or a count of two sides ("170-118")
                high = value
        core = self._compound(i, parts[1:], value, high)
        if core is not None and sign:
            value = core.value
            return _Core(i, core.stop, value, "money", value, value, unit=_CURRENCY_SIGNS[sign])
        if core is not None and high != value:
            return _Core(i, core.stop, value, core.kind, value, high, unit=core.unit)
        return core

    def _vague(self, i: int) -> _Core | None:
        for size in (3, 2, 1):
            phrase = " ".join(self.words[i : i + size])
            if phrase not in VAGUE_QUANTITIES:
                continue
            after = self.word(i + size)
            if phrase in ("scores", "a couple", "a handful") and after != "of":
                return None
            low, high = VAGUE_QUANTITIES[phrase]
            return _Core(i, i + size, low, "count", low, high, vague=True, of_noun=True)
        return None

    def _number_words(self, i: int) -> _Core | None:
        words, j = self.words, i
        if words[i] == "half" and self.word(i + 1) == "a":
            scale = self.word(i + 2)
            if scale == "dozen" or scale in _SCALES:
                value = 6.0 if scale == "dozen" else _SCALES[scale] / 2
                return _Core(i, i + 3, value, "count", value, value, of_noun=True)
            return None
        if words[i] == "a":
            if self.word(i + 1) == "dozen":
                return _Core(i, i + 2, 12.0, "count", 12.0, 12.0, of_noun=True)
            if self.word(i + 1) not in _SCALES or self.word(i + 1) in ("bn", "mln", "trn"):
                return None
            j = i + 1
        parts = words[j].split("-")
        lead = 0
        while lead < len(parts) and parts[lead] in _NUMBER_WORDS:
            lead += 1
        if lead == 0 or (j == i and parts[0] in _SCALES):
            return None
        if lead < len(parts):  # five-hour, three-year-old, twenty-five-year-old
            if "-".join(parts[lead:]) not in _COMPOUND_UNITS and parts[-1] not in ("old", "olds"):
                return None
            value = _words_value(parts[:lead])
            return self._compound(i, parts[lead:], value, value)
        sequence, stop = parts, j + 1
        while stop < len(words):
            word, last = words[stop], sequence[-1]
            if word in _NUMBER_WORDS and (last in _SCALES or word in _SCALES):
                sequence.append(word)
            elif word in _UNITS and last in _TENS:
                sequence.append(word)
            elif last == "and" and _below_hundred(word):
                sequence.extend(word.split("-"))
            elif word == "and" and last in _SCALES and self._and_continues(stop, sequence):
                sequence.append(word)
            else:
                break
            stop += 1
        if sequence == ["one"] and not self._counts_one(i):
            return None
        value = _words_value(sequence if j == i else ["a", *sequence])
        if value is None:
            return None
        if [self.word(stop), self.word(stop + 1), self.word(stop + 2)] == ["and", "a", "half"]:
            value, stop = value + 0.5, stop + 3  # "two and a half hours"
        if self.word(stop) == "dozen":
            value, stop = value * 12, stop + 1
        return self._suffixes(i, stop, value, "count", None)

    def _and_continues(self, k: int, sequence: list[str]) -> bool:
        """Whether the "and" at token `k` joins the number words before it to those after it
        ("one hundred and twenty", "two thousand and five"), rather than two numbers ("between
        one hundred and two hundred", "one thousand and two thousand")."""
        after = k + 1
        if not _below_hundred(self.word(after)):
            return False
        after += 1
        if self.word(after - 1) in _TENS and self.word(after) in _UNITS:
            after += 1
        scale = self.word(after)
        if scale not in _SCALES:
            return True
        return scale != "hundred" and all(
            _SCALES[word] < _SCALES[scale] for word in sequence if word in _SCALES
        )

    def _counts_one(self, i: int) -> bool:
        """ "one" is a number when a content word follows and no determiner comes before it."""
        before = {"the", "no", "any", "every", "each", "this", "that", "which", "someone"}
        return (
            self.is_content(i + 1)
            and self.word(i + 1) != "another"
            and self.word(i - 1) not in before
        )

    def _ordinal_word(self, i: int) -> _Core | None:
        value = _ORDINALS.get(self.words[i])
        if value is None:
            return None
        return _Core(i, i + 1, float(value), "ordinal", float(value), float(value))

    def _noun(self, core: _Core) -> tuple[int | None, str | None]:
        """Index and lower-case form of the head noun after a number expression."""
        j = core.stop
        if core.of_noun and self.word(j) == "of":
            j += 1
        run = []
        while j < len(self.tokens) and len(run) < 4 and self.is_content(j):
            if self.words[j] in _NUMBER_WORDS or self.words[j] in _ORDINALS:
                break
            if self.words[j] in VAGUE_QUANTITIES or self.tokens[j].text in _MONTHS:
                break
            run.append(j)
            if self.words[j].endswith(("'s", "s'")):
                break
            j += 1
        if not run:
            return None, None
        forms = {k: self.words[k].removesuffix("'s").removesuffix("'") for k in run}
        head = next((k for k in run if _plural(forms[k])), None)
        if head is None:
            head = next((k for k in run if not forms[k].endswith(_ADJECTIVE_ENDINGS)), run[-1])
        return head, forms[head]

    def _context(self, first: int, after: int) -> str | None:
        """The verb-ish word before a mention, else an -ed word after its noun."""
        k, skipped = first - 1, 0
        while k >= 0 and self.words[k] in _CONTEXT_SKIP and skipped < 2:
            k, skipped = k - 1, skipped + 1
        if self.is_content(k) and self.tokens[k].text[:1].islower():
            if self.words[k] not in _REPORTING:
                return self.words[k]
        k, skipped = after, 0
        while k < len(self.tokens) and self.words[k] in _AUXILIARIES and skipped < 3:
            k, skipped = k + 1, skipped + 1
        if self.is_content(k) and self.words[k].endswith("ed") and self.words[k] not in _REPORTING:
            return self.words[k]
        return None

    def _entities(self) -> list[tuple[int, int, str]]:
        """Runs of capitalised words: (start, end, text), offsets in the document."""
        runs: list[list[int]] = []
        for k in range(len(self.tokens)):
            if not self._capitalised(k):
                continue
            if runs and runs[-1][-1] == k - 1 and "-" not in self.tokens[k - 1].text:
                runs[-1].append(k)
            else:
                runs.append([k])
        found = []
        for run in runs:
            first, last = self.tokens[run[0]], self.tokens[run[-1]]
            text = self.text[first.start - self.offset : last.end - self.offset]
            if len(run) == 1:
                text = text[: len(text.translate(_FOLD).split("-")[0])]
            if text.translate(_FOLD).endswith("'s"):
                text = text[:-2]
            word = text.lower()
            if len(run) == 1 and (word in _DEMONYMS or word.endswith(_DEMONYM_ENDINGS)):
                continue
            found.append((first.start, first.start + len(text), text))
        return found

    def _capitalised(self, k: int) -> bool:
        token, word = self.tokens[k], self.words[k]
        if token.kind != "word" or not token.text[:1].isupper() or token.text == "I":
            return False
        base = word.split("-")[0]
        if base in _WEEKDAYS or token.text in _MONTHS:
            return False
        if k == 0 and (base in _FUNCTION_WORDS or base in _COMMON_INITIALS):
            return False
        return base not in _NUMBER_WORDS and base not in _ORDINALS and base not in ("a", "an")

    def _entity(self, start: int, end: int) -> str | None:
        best, best_distance = None, math.inf
        for run_start, run_end, text in self.entities:
            distance = max(run_start - end, start - run_end, 0)
            if distance < best_distance:
                best, best_distance = text, distance
        return best

    def _finish(self, i: int, qualifier: str | None, core: _Core) -> tuple[NumberMention, int]:
        noun_index, noun = self._noun(core)
        kind, unit = core.kind, core.unit
        if kind == "count" and noun in _TIME_UNITS and unit is None:
            kind, unit = "duration", _TIME_UNITS[noun]
            if self.word(noun_index + 1) == "old":
                kind, noun_index, noun = "age", noun_index + 1, None
        elif kind == "count" and noun in _CURRENCY_WORDS:
            kind, unit = "money", _CURRENCY_WORDS[noun]
        if kind in ("year", "time", "date", "name"):
            noun_index, noun = None, None
        elif kind == "age" and self.word(i - 1) == "aged":  # "a man aged 68": the noun is before
            noun_index, noun = None, self.words[i - 2] if self.is_content(i - 2) else None
        low, high = core.low, core.high
        if qualifier is not None:
            _, low_factor, high_factor = QUALIFIERS[qualifier]
            if core.value < 0 and not low_factor:  # "less than -5": below it, with no bound
                low = None
            elif high_factor is not None:
                low, high = sorted((core.low * low_factor, core.high * high_factor))
            else:
                low, high = core.low * low_factor, None
        i = min(i, core.first)  # a minus sign before the number
        start, end = self.tokens[i].start, self.tokens[core.stop - 1].end
        phrase_end = self.tokens[noun_index].end if noun_index is not None else end
        if noun_index is not None and noun is not None:
            phrase_end = self.tokens[noun_index].start + len(noun)
        after = (noun_index + 1) if noun_index is not None else core.stop
        mention = NumberMention(
            sentence=self.sentence,
            text=self.text[start - self.offset : end - self.offset],
            start=start,
            end=end,
            value=float(core.value),
            kind=kind,
            low=low,
            high=high,
            qualifier=qualifier,
            vague=core.vague,
            approximate=qualifier is not None or core.vague or low != high,
            unit=unit,
            noun=noun,
            context=self._context(i, after),
            entity=self._entity(start, end),
            phrase=self.text[start - self.offset : phrase_end - self.offset],
        )
        return mention, (noun_index + 1 if noun_index is not None else core.stop)


def _sentence_table(source) -> tuple[pd.DataFrame, str | None]:
    """The sentence table of a Version, a text or a sentence table, and the document text."""
    if isinstance(source, Version):
        return source.sentences, source.text
    if isinstance(source, str):
        return segment(source).sentences, source
    if isinstance(source, pd.DataFrame):
        missing = [c for c in ("text", "start") if c not in source.columns]
        if missing:
            raise ParameterError(
                f"the sentence table lacks the column(s) {', '.join(missing)}; pass a version's "
                "sentences (Version.sentences or storydiff.structure.segment(text).sentences)"
            )
        return source, None
    raise ParameterError(
        f"find_numbers() takes a Version, a text or a sentence table; got {type(source).__name__}"
    )


def number_mentions(source) -> tuple[NumberMention, ...]:
    """Every number mention of a version, in reading order.

    Parameters
    ----------
    source : Version, str or DataFrame
        A version, a text, or a sentence table (columns ``text`` and ``start``, indexed by
        sentence id, as :attr:`storydiff.Version.sentences`).

    Returns
    -------
    tuple of NumberMention

    Examples
    --------
    >>> [(m.text, m.value, m.kind) for m in number_mentions("It cost $1.5 billion in 2025.")]
    [('$1.5 billion', 1500000000.0, 'money'), ('2025', 2025.0, 'year')]
    """
    if isinstance(source, Version):  # found once: they do not depend on the other version
        return source.remember("number_mentions", lambda: _mentions(source))
    return _mentions(source)


def _mentions(source) -> tuple[NumberMention, ...]:
    table, document = _sentence_table(source)
    cut = source.sentence_tokens if isinstance(source, Version) else {}
    found: list[NumberMention] = []
    for sentence, text, start in zip(table.index, table["text"], table["start"], strict=True):
        start = int(start)
        if document is not None:
            text = document[start : start + len(text)]
        tokens = cut[sentence] if sentence in cut else tokenize(text, offset=start)
        reader = _Reader(tokens, int(sentence), text, start)
        found.extend(reader.mentions())
    return tuple(found)


def find_numbers(source) -> pd.DataFrame:
    """Every number mention of a version as a table, one row per mention.

    Parameters
    ----------
    source : Version, str or DataFrame
        As for :func:`number_mentions`.

    Returns
    -------
    DataFrame
        Indexed by ``mention`` (reading order), with the columns of :class:`NumberMention`.

    Examples
    --------
    >>> find_numbers("Over 40 buildings and a 3-year-old girl.")[["text", "kind", "low", "noun"]]
                  text   kind   low       noun
    mention
    0          Over 40  count  40.0  buildings
    1       3-year-old    age   3.0       girl
    >>> find_numbers("No numbers here.").empty
    True
    """
    rows = [m.to_dict() for m in number_mentions(source)]
    frame = pd.DataFrame(rows, columns=_MENTION_COLUMNS)
    frame.index.name = "mention"
    return frame


# --- the ledger ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _concepts() -> dict[str, str]:
    return {stem(word): concept for concept, words in RELATED_NOUNS.items() for word in words}


def _key(word: str | None) -> str | None:
    if word is None:
        return None
    stemmed = stem(word)
    return _concepts().get(stemmed, stemmed)


def _noun_keys(m: NumberMention) -> set[str]:
    keys = {_key(m.noun)} - {None}
    if m.kind in ("duration", "money", "date") and m.unit:
        keys.add(f"unit:{m.unit}")
    elif m.kind == "count" and m.unit:  # a measure ("5km") or a noun in a compound ("15-team")
        keys.add(_key(m.unit))
    return keys


def _relation(x: NumberMention, y: NumberMention) -> int:
    """2: the nouns (or units) are related; 1: a noun or context word is; 0: nothing is."""
    x_nouns, y_nouns = _noun_keys(x), _noun_keys(y)
    if x_nouns & y_nouns:
        return 2
    x_all = x_nouns | ({_key(x.context)} - {None})
    y_all = y_nouns | ({_key(y.context)} - {None})
    return 1 if x_all & y_all else 0


def _overlap(x: NumberMention, y: NumberMention) -> bool:
    """Whether some value lies in both ranges (an open bound excludes its own value)."""
    (x_low_open, x_high_open), (y_low_open, y_high_open) = _open_bounds(x), _open_bounds(y)
    x_low = -math.inf if x.low is None else x.low
    y_low = -math.inf if y.low is None else y.low
    x_high = math.inf if x.high is None else x.high
    y_high = math.inf if y.high is None else y.high
    low, low_open = max((x_low, x_low_open), (y_low, y_low_open))
    high, high_closed = min((x_high, not x_high_open), (y_high, not y_high_open))
    return low < high or (low == high and not low_open and high_closed)


def _close(a: float | None, b: float | None) -> bool:
    return a is None and b is None or (a is not None and b is not None and math.isclose(a, b))


def _same_unit(x: NumberMention, y: NumberMention) -> bool:
    """The units agree: the same, or, for counts, one is a noun written into a compound ("15
    team" and "15-team")."""
    if x.unit == y.unit:
        return True
    return x.kind == y.kind == "count" and (x.unit is None or y.unit is None)


def _same_value(x: NumberMention, y: NumberMention) -> bool:
    """The same number, bounds ("10-15" and "10-20" differ), vagueness and unit."""
    close = math.isclose(x.value, y.value) and _close(x.low, y.low) and _close(x.high, y.high)
    return close and x.vague == y.vague and _same_unit(x, y)


def _pairing_kind(m: NumberMention) -> str:
    """The kind a mention pairs within: its own, but an age and a number of years are one."""
    return "age" if m.kind == "duration" and m.unit == "year" else m.kind


def _age_and_years(x: NumberMention, y: NumberMention) -> bool:
    """An age and a number of years ("43 years old", "43 years"): the same reading."""
    return {x.kind, y.kind} == {"age", "duration"} and x.unit == y.unit == "year"


_GENERIC_NOUNS = {"others", "people", "persons", "individuals", "ones", "more"}
"""Nouns that stand for whatever the other version counts ("500,000 others")."""

_UNIQUE_KINDS = {"year", "date", "time", "percent", "money", "age"}
"""Kinds whose only mention on each side of an aligned group is paired whatever its value."""


def _pair_score(
    x: NumberMention, y: NumberMention, *, within_group: bool, unique: bool = False
) -> float | None:
    """How well two mentions correspond, or None when they should not be paired. `unique`: each
    is the only mention of its kind on its side of an aligned group."""
    if x.kind != y.kind and not _age_and_years(x, y):
        return None
    if x.kind == "count" and x.unit and y.unit and x.unit != y.unit:
        return None  # other units ("100F" and "38C"): no conversion is made, no pair claimed
    value = 2 if _same_value(x, y) else (1 if _overlap(x, y) else 0)
    relation = _relation(x, y)
    if within_group and unique and x.kind in _UNIQUE_KINDS:
        ok = True
    elif x.kind == "name":  # the same thing's number: "Cessna 150" and "Cessna 172"
        ok = x.unit == y.unit
    elif x.kind in ("year", "time", "date"):
        ok = value == 2
    elif within_group:
        # In one aligned group: related nouns; or the same number, of no noun or of a
        # generic one ("500,000 people" and "500,000 others"); or the only count of each side
        # when one counts nothing named ("Two of the victims" and "Three of the victims").
        nouns = {x.noun, y.noun}
        same = value == 2 and (x.kind != "count" or nouns == {None} or nouns & _GENERIC_NOUNS)
        ok = relation >= 1 or same or (unique and None in nouns)
    else:
        ok = relation >= 1 and value >= 1
    if not ok:
        return None
    return 3 * value + 2 * relation + (0.5 if x.entity and x.entity == y.entity else 0)


def _meaning(m: NumberMention) -> str | None:
    return QUALIFIERS[m.qualifier][0] if m.qualifier else None


def _describe(x: NumberMention, y: NumberMention) -> tuple[str, str, bool]:
    """Status, detail and whether the two can both be true (not in different currencies or
    units: "$1.5 billion" and "£1.5 billion")."""
    consistent = _overlap(x, y) and _same_unit(x, y)
    notes = []
    if _same_value(x, y) and _meaning(x) == _meaning(y):
        status = "same"
        if x.qualifier != y.qualifier:
            notes.append(f"qualifier reworded '{x.qualifier}' -> '{y.qualifier}', same meaning")
    else:
        status = "changed"
        if x.vague and not y.vague:
            notes.append(
                f"vague '{x.text}' ({x.reading()}) became the more specific "
                f"'{y.text}' ({y.reading()})"
            )
        elif y.vague and not x.vague:
            notes.append(
                f"specific '{x.text}' ({x.reading()}) became the vaguer '{y.text}' ({y.reading()})"
            )
        elif math.isclose(x.value, y.value) and _same_unit(x, y) and x.qualifier != y.qualifier:
            if x.qualifier and y.qualifier:
                change = f"'{x.qualifier}' became '{y.qualifier}'"
            else:
                change = f"'{x.qualifier}' dropped" if x.qualifier else f"'{y.qualifier}' added"
            notes.append(f"same number {_fmt(x.value)}; qualifier {change}")
        else:
            notes.append(f"'{x.text}' ({x.reading()}) became '{y.text}' ({y.reading()})")
        notes.append("both can be true" if consistent else "the versions disagree")
    if x.noun and y.noun and x.noun != y.noun:  # (a noun found on one side only is no change)
        notes.append(f"noun '{x.noun}' -> '{y.noun}'")
    return status, "; ".join(notes), consistent


def _only_detail(side: str, label: str | None) -> str:
    if label in ("deleted", "added"):
        return f"its sentence was {label}"
    if label is None:
        return ""
    article = "an" if label[0] in "aeiou" else "a"
    return f"{'dropped from' if side == 'a' else 'added to'} {article} {label} sentence"


@dataclass(frozen=True)
class NumberMatch:
    """One row of the ledger: a mention of *a*, of *b*, or of both.

    Attributes
    ----------
    status : str
        One of :data:`STATUSES`.
    a, b : NumberMention or None
    group : int or None
        Index of the aligned group the match was made in (for ``only_a``/``only_b``, the group
        of the mention's sentence); None for pairs made across the document.
    detail : str
        What changed, in words ("" when nothing needs saying).
    consistent : bool or None
        For pairs, whether the two ranges overlap (both can be true).
    """

    status: str
    a: NumberMention | None
    b: NumberMention | None
    group: int | None
    detail: str = ""
    consistent: bool | None = None

    def to_dict(self) -> dict:
        """The row as a flat dict (one row of :meth:`NumberLedger.to_frame`)."""
        a, b = self.a, self.b
        return {
            "status": self.status,
            "a_text": a.phrase if a else None,
            "b_text": b.phrase if b else None,
            "a_value": a.value if a else None,
            "b_value": b.value if b else None,
            "noun_a": a.noun if a else None,
            "noun_b": b.noun if b else None,
            "kind": (a or b).kind,
            "a_sentence": a.sentence if a else None,
            "b_sentence": b.sentence if b else None,
            "group": self.group,
            "detail": self.detail,
            "consistent": self.consistent,
        }


_LEDGER_COLUMNS = [
    "status", "a_text", "b_text", "a_value", "b_value", "noun_a", "noun_b", "kind",
    "a_sentence", "b_sentence", "group", "detail", "consistent",
]  # fmt: skip


@dataclass(frozen=True)
class NumberLedger:
    """The numbers of two versions, paired, with what happened to each.

    Attributes
    ----------
    a_id, b_id : str
        The version ids.
    rows : tuple of NumberMatch
        In reading order of *b* (by aligned group).
    """

    a_id: str
    b_id: str
    rows: tuple[NumberMatch, ...]

    def to_frame(self) -> pd.DataFrame:
        """One row per match: status, a_text, b_text (the phrases), a_value, b_value, noun_a,
        noun_b, kind, a_sentence, b_sentence, group, detail, consistent (a nullable boolean:
        missing where the question does not arise). The columns have the same types whatever
        the rows, so that the ledgers of many pairs stack with ``pandas.concat``."""
        texts = ["status", "a_text", "b_text", "noun_a", "noun_b", "kind", "detail"]
        dtypes = {
            **dict.fromkeys(texts, "str"),
            **dict.fromkeys(["a_sentence", "b_sentence", "group"], "Int64"),
            **dict.fromkeys(["a_value", "b_value"], float),
            "consistent": "boolean",
        }
        frame = typed_frame([row.to_dict() for row in self.rows], _LEDGER_COLUMNS, dtypes)
        frame.index.name = "row"
        return frame

    def to_dict(self) -> dict:
        """JSON-ready: version ids, counts and the rows with both mentions in full."""
        return {
            "a": self.a_id,
            "b": self.b_id,
            "counts": {k: int(v) for k, v in self.counts().items()},
            "rows": [
                {
                    "status": row.status,
                    "group": row.group,
                    "detail": row.detail,
                    "consistent": row.consistent,
                    "a": row.a.to_dict() if row.a else None,
                    "b": row.b.to_dict() if row.b else None,
                }
                for row in self.rows
            ],
        }

    def counts(self) -> pd.Series:
        """Number of rows per status (every status listed, zeros included)."""
        counts = pd.Series(0, index=list(STATUSES), name="numbers")
        for row in self.rows:
            counts[row.status] += 1
        counts.index.name = "status"
        return counts

    def same(self) -> pd.DataFrame:
        """The rows whose number is the same in both versions."""
        frame = self.to_frame()
        return frame[frame["status"] == "same"]

    def changed(self) -> pd.DataFrame:
        """The rows whose number changed (value, vagueness or qualifier)."""
        frame = self.to_frame()
        return frame[frame["status"] == "changed"]

    def only_in(self, side: str) -> pd.DataFrame:
        """The rows of numbers found in only one version, ``"a"`` or ``"b"`` (or its id)."""
        ids = {"a": "a", "b": "b", self.a_id: "a", self.b_id: "b"}
        if side not in ids:
            raise ParameterError(
                f"only_in() takes 'a' or 'b' (or {self.a_id!r}, {self.b_id!r}); got {side!r}"
            )
        frame = self.to_frame()
        return frame[frame["status"] == f"only_{ids[side]}"]


_DIRECT_PAIRS = 250_000
"""Most pairs of mentions scored one against the other; beyond, runs of identical mentions in
the same order are paired first (a flattened table: thousands of numbers in one sentence)."""


def _best_pairs(xs: list[NumberMention], ys: list[NumberMention], *, within_group: bool):
    """Greedy one-to-one pairs, best score first, ties broken by relative position.

    Only mentions of one kind can pair (an age and a number of years count as one kind), so
    each kind's mentions are scored among themselves.
    When more than :data:`_DIRECT_PAIRS` pairs would be scored, the mentions that read the
    same (kind, value, noun and text) in the same order on both sides are paired first, as the
    longest runs of a diff, and the rest are scored: with every pair scored, a table of 800 rows
    flattened into one sentence took 10 s, and one of 3,000 rows more than five minutes.
    """
    if len(xs) * len(ys) > _DIRECT_PAIRS:
        same = _same_in_order(xs, ys)
        yield from ((xs[i], ys[j]) for i, j in same)
        x_paired, y_paired = {i for i, _ in same}, {j for _, j in same}
        x_rest = [i for i in range(len(xs)) if i not in x_paired]
        y_rest = [j for j in range(len(ys)) if j not in y_paired]
    else:
        x_rest, y_rest = list(range(len(xs))), list(range(len(ys)))
    x_kinds = Counter(_pairing_kind(xs[i]) for i in x_rest)
    y_kinds = Counter(_pairing_kind(ys[j]) for j in y_rest)
    y_of_kind: dict[str, list[int]] = {}
    for j in y_rest:
        y_of_kind.setdefault(_pairing_kind(ys[j]), []).append(j)
    candidates = []
    for i in x_rest:
        x = xs[i]
        kind = _pairing_kind(x)
        for j in y_of_kind.get(kind, ()):
            y = ys[j]
            unique = x_kinds[kind] == 1 and y_kinds[kind] == 1
            score = _pair_score(x, y, within_group=within_group, unique=unique)
            if score is not None:
                closeness = -abs(i / len(xs) - j / len(ys))
                candidates.append((score, closeness, -i, -j, i, j))
    candidates.sort(reverse=True)
    used_x: set[int] = set()
    used_y: set[int] = set()
    for *_, i, j in candidates:
        if i not in used_x and j not in used_y:
            used_x.add(i)
            used_y.add(j)
            yield xs[i], ys[j]


def _same_in_order(xs: list[NumberMention], ys: list[NumberMention]) -> list[tuple[int, int]]:
    """``(i, j)`` of the mentions in the equal runs of a diff of the two lists of mentions,
    each read as its kind, value, noun and text."""

    def read(m: NumberMention) -> tuple:
        return (m.kind, m.value, m.noun, m.text)

    pairs = []
    for tag, i1, i2, j1, _ in matching.opcodes([read(m) for m in xs], [read(m) for m in ys]):
        if tag == "equal":
            pairs.extend((i1 + k, j1 + k) for k in range(i2 - i1))
    return pairs


def number_ledger(comparison, *, kinds: Iterable[str] = LEDGER_KINDS) -> NumberLedger:
    """Pair the numbers of two compared versions and say what happened to each.

    Mentions are paired first within each aligned group (sentences of *a* and *b* aligned to
    each other), then across the whole document for those left over. Within a group, two
    mentions of one kind pair when their nouns are related (same stem or one entry of
    :data:`RELATED_NOUNS`, or a context word related to the other's noun), when years, dates,
    times, ages, percentages or sums have the same value, or when such a mention is the only
    one of its kind on each side of the group. Across the document they must have related
    nouns (years, dates and times: nothing more) and the same value or overlapping ranges. A
    pair is ``same`` when value, vagueness, unit and qualifier meaning agree, else ``changed``
    with a ``detail`` that says how and whether both can be true.

    Parameters
    ----------
    comparison : Comparison
        From :func:`storydiff.compare.compare`.
    kinds : iterable of str, default LEDGER_KINDS
        The kinds of mention to compare (every kind but ``ordinal``).

    Returns
    -------
    NumberLedger

    Examples
    --------
    >>> from storydiff.compare import compare
    >>> ledger = number_ledger(compare(
    ...     "A strike injured six people and damaged dozens of homes.",
    ...     "The strike caused six injuries and damaged over 40 buildings."))
    >>> ledger.to_frame()[["status", "a_text", "b_text"]]
        status          a_text             b_text
    row
    0     same      six people       six injuries
    1  changed  dozens of homes  over 40 buildings
    >>> print(ledger.rows[1].detail)
    vague 'dozens' (between 24 and 199) became the more specific 'over 40' (more than 40); both
    can be true; noun 'homes' -> 'buildings'
    """
    kinds = tuple(kinds)
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise ParameterError(
            f"unknown kind(s) {', '.join(unknown)}; valid kinds are: {', '.join(KINDS)}"
        )
    a_all = [m for m in number_mentions(comparison.a) if m.kind in kinds]
    b_all = [m for m in number_mentions(comparison.b) if m.kind in kinds]
    groups = comparison.aligned.groups
    group_of = {
        side: {s: index for index, g in enumerate(groups) for s in getattr(g, side)}
        for side in ("a", "b")
    }
    rows: list[NumberMatch] = []
    paired: set[int] = set()  # ids of paired mentions

    def add_pair(x: NumberMention, y: NumberMention, group: int | None) -> None:
        status, detail, consistent = _describe(x, y)
        if group is None:
            detail = "; ".join(filter(None, ["matched outside the aligned sentences", detail]))
        rows.append(NumberMatch(status, x, y, group, detail, consistent))
        paired.update((id(x), id(y)))

    in_group: dict[str, dict[int, list[NumberMention]]] = {"a": {}, "b": {}}
    for side, mentions in (("a", a_all), ("b", b_all)):
        for m in mentions:
            index = group_of[side].get(m.sentence)
            if index is not None:
                in_group[side].setdefault(index, []).append(m)
    for index in range(len(groups)):
        xs, ys = in_group["a"].get(index, []), in_group["b"].get(index, [])
        for x, y in _best_pairs(xs, ys, within_group=True):
            add_pair(x, y, index)
    a_left = [m for m in a_all if id(m) not in paired]
    b_left = [m for m in b_all if id(m) not in paired]
    for x, y in _best_pairs(a_left, b_left, within_group=False):
        add_pair(x, y, None)
    for side, mentions in (("a", a_all), ("b", b_all)):
        for m in mentions:
            if id(m) not in paired:
                group = group_of[side].get(m.sentence)
                pair = (m, None) if side == "a" else (None, m)
                detail = _only_detail(side, None if group is None else groups[group].label)
                rows.append(NumberMatch(f"only_{side}", *pair, group, detail))

    def order(row: NumberMatch) -> tuple:
        group = row.group
        if group is None:
            group = (
                group_of["b"].get(row.b.sentence) if row.b else group_of["a"].get(row.a.sentence)
            )
        return (group if group is not None else -1, row.a is None, (row.a or row.b).start)

    return NumberLedger(comparison.a.id, comparison.b.id, tuple(sorted(rows, key=order)))
