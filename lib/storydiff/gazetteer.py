"""The gazetteer: known names of places and organisations, and the demonyms that are not names.

A gazetteer is a small CSV file a reader can check (``name,type,refers_to,source``); the bundled
one, ``resources/gazetteer.csv``, is described with its sources in ``resources/gazetteer.md``.
Names are looked up without regard to case or apostrophe style, and an alias stands for its full
name ("U.S." for "United States"). :mod:`storydiff.entities` types names with it.

Examples
--------
>>> gazetteer = load_gazetteer()
>>> gazetteer.lookup("u.s."), gazetteer.lookup("Kyiv’s") is None
(('PLACE', 'united states'), True)
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from . import config
from .errors import DecodingError, InputNotFoundError, ParameterError

GAZETTEER = "gazetteer.csv"
"""The bundled gazetteer, in ``storydiff/resources/`` (format and sources in ``gazetteer.md``)."""

GAZETTEER_TYPES = ("PERSON", "ORG", "PLACE", "OTHER", "DEMONYM")
"""Types a gazetteer row may have: an entity type, or ``DEMONYM`` (a nationality or group
adjective such as "Russian" or "Sunni", which is not a name)."""


@lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """Comparison form of a name: apostrophes straightened, case folded, spaces collapsed
    (remembered for the words seen last: the entity reader folds every word of a version).

    Examples
    --------
    >>> fold_name("  Kyiv’s   Mayor ")
    "kyiv's mayor"
    """
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").casefold().split())


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Names with their types, read from a CSV file (:func:`load_gazetteer`).

    Attributes
    ----------
    table : DataFrame
        Columns ``name``, ``type`` (``PLACE``, ``ORG``, ``PERSON``, ``OTHER`` or ``DEMONYM``),
        ``refers_to`` (an alias's full name, a demonym's place; may be empty), ``source``.
    path : str
        The file it was read from.
    """

    table: pd.DataFrame = field(repr=False)
    path: str

    @cached_property
    def _entries(self) -> dict[str, tuple[str, str]]:
        entries = {}
        for name, kind, refers in zip(
            self.table["name"], self.table["type"], self.table["refers_to"], strict=True
        ):
            key = fold_name(name)
            target = refers if refers and kind != "DEMONYM" else name
            entries.setdefault(key, (kind, fold_name(target)))
            if kind == "DEMONYM":  # plurals are groups of people: "Russians", "Ukrainians"
                entries.setdefault(key + "s", (kind, key))
        return entries

    @cached_property
    def prefixes(self) -> frozenset[str]:
        """Folded word prefixes of the names of several words ("bosnia and", ...)."""
        found = set()
        for key in self._entries:
            words = key.split()
            found.update(" ".join(words[:i]) for i in range(1, len(words)))
        return frozenset(found)

    def lookup(self, name: str) -> tuple[str, str] | None:
        """``(type, key)`` of a name, the key being the folded full name for an alias.

        Examples
        --------
        >>> load_gazetteer().lookup("U.S.")
        ('PLACE', 'united states')
        >>> load_gazetteer().lookup("Ukrainians")
        ('DEMONYM', 'ukrainian')
        """
        return self._entries.get(fold_name(name))


@lru_cache(maxsize=8)
def _read_gazetteer(path: str, modified: int) -> Gazetteer:
    """Read a gazetteer file (cached per path and modification time)."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            header = reader.fieldnames or []
    except FileNotFoundError:
        raise InputNotFoundError(
            f"{path}: no such gazetteer file; give a CSV with columns name,type "
            f"(optional refers_to, source), or leave gazetteer=None for the bundled {GAZETTEER}"
        ) from None
    except UnicodeDecodeError:
        raise DecodingError(
            f"{path}: the gazetteer is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in a "
            "spreadsheet program)"
        ) from None
    missing = [column for column in ("name", "type") if column not in header]
    if missing:
        raise ParameterError(
            f"{path}: the gazetteer lacks the column(s) {', '.join(missing)}; its header must "
            "name at least name,type"
        )
    table = pd.DataFrame(rows, columns=list(header)).fillna("")
    for column in ("refers_to", "source"):
        if column not in table.columns:
            table[column] = ""
    bad = sorted(set(table["type"]) - set(GAZETTEER_TYPES))
    if bad:
        raise ParameterError(
            f"{path}: unknown type(s) {', '.join(map(repr, bad))} in column 'type'; use one of "
            f"{', '.join(GAZETTEER_TYPES)}"
        )
    table = table[["name", "type", "refers_to", "source"]]
    return Gazetteer(table[table["name"].str.strip() != ""].reset_index(drop=True), path)


def load_gazetteer(path: str | os.PathLike | Gazetteer | None = None) -> Gazetteer:
    """Read a gazetteer: the bundled one by default, or a CSV of your own in the same format.

    Parameters
    ----------
    path : path or Gazetteer, optional
        A CSV file with columns ``name`` and ``type`` (and optionally ``refers_to``, ``source``);
        a Gazetteer is returned as it is.

    Examples
    --------
    >>> gazetteer = load_gazetteer()
    >>> gazetteer.lookup("Kremlin"), gazetteer.lookup("Kryvyi Rih")
    (('ORG', 'kremlin'), ('PLACE', 'kryvyi rih'))
    """
    if isinstance(path, Gazetteer):
        return path
    if path is None:
        path = config.RESOURCES_DIR / GAZETTEER
    elif not isinstance(path, str | os.PathLike):
        raise ParameterError(
            f"gazetteer must be a path to a CSV file or a Gazetteer; got {type(path).__name__}"
        )
    path = Path(path)
    try:
        modified = path.stat().st_mtime_ns
    except OSError:
        modified = -1  # the reader names the missing file
    return _read_gazetteer(str(path), modified)
