"""Reading stories from disk and from pandas: the package's one I/O module.

What can be read
----------------
* **A story folder**: one file per version (``.txt``, ``.md``, ``.html``), and optionally a
  ``story.json`` that names the story and describes each version::

      {"story": "putin-peace-plan", "title": "...",
       "versions": [{"id": "original", "file": "original.txt", "label": "...",
                     "outlet": "...", "date": "2025-12-04", "url": "https://..."}, ...]}

  Without ``story.json`` every version file in the folder is a version, in name order, its id the
  file name without extension.
* **Records**: a ``.json`` file (a list of records, or ``{"story": ..., "versions": [...]}``) or a
  ``.jsonl`` file (one record a line). A record is ``{"story", "version", "text"}`` plus optional
  ``label``, ``outlet``, ``date``, ``url``, ``title``; ``html`` may stand in for ``text``.
* **A list of version files**, each becoming a version.
* **A pandas DataFrame** with columns ``version`` and ``text`` (and optionally ``story`` and the
  metadata columns above).
* **A manifest** of many stories (:func:`read_manifest`): a CSV with columns ``story``,
  ``version``, ``path`` and optional metadata columns, or a JSON-lines file of records.
* **An SQLite database** of many stories (:class:`SQLiteSource`, for a corpus): the rows of
  one query, with the columns of records, read as a stream and never written to.

Examples
--------
>>> from storydiff import config
>>> story = load_story(config.EXAMPLE_STORY_DIR)
>>> story.id, story.ids
('putin-peace-plan', ('original', 'rewrite'))
"""

from __future__ import annotations

import json
import os
import sqlite3
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .decoding import decode_bytes, decode_html_bytes, replace_lone_surrogates
from .errors import (
    EmptyTextError,
    InputNotFoundError,
    ParameterError,
    StorydiffError,
    StorydiffWarning,
    StoryStructureError,
    UnsupportedFormatError,
)
from .html_text import extract_html, looks_like_html
from .markdown_text import markdown_article
from .story import Story, Version

TEXT_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
"""File endings read as one version each, and the format each means."""

RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson"}
"""File endings read as records (possibly of many versions and stories)."""

METADATA_FILE = "story.json"
"""The optional metadata file of a story folder."""

MAX_FILE_BYTES = 20_000_000
"""Largest version file read by default (20 MB; a long news article is well under 1 MB)."""

METADATA_FIELDS = ("label", "outlet", "date", "url", "title")

PathLike = str | os.PathLike


def _supported() -> str:
    return ", ".join(sorted({*TEXT_SUFFIXES, *RECORD_SUFFIXES}))


def _human_size(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:.1f} MB" if n_bytes >= 1e6 else f"{n_bytes / 1e3:.1f} KB"


def _read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """A version file's bytes, at most `max_bytes` of them (read as a stream, so that a device
    or a pipe that never ends, such as a link to /dev/zero, is refused too)."""
    try:
        if not path.exists():
            raise InputNotFoundError(f"{path}: no such file or folder; check the path")
        if path.is_dir():
            raise StorydiffError(f"{path}: is a folder where a file was expected")
        if not path.is_file():
            raise StorydiffError(
                f"{path}: is not a regular file (a device, a pipe or a socket); give a file"
            )
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except StorydiffError:
        raise
    except OSError as exc:
        raise StorydiffError(
            f"{path}: cannot be read ({exc.strerror or exc}); check its permissions"
        ) from None
    if len(data) > max_bytes:
        size = max(len(data), path.stat().st_size)
        raise StorydiffError(
            f"{path}: is {_human_size(size)}, over the {_human_size(max_bytes)} limit for one "
            "version; check it is an article (in Python, load_story(..., max_bytes=...) "
            "reads longer ones)"
        )
    return data


def _optional(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _version_from_text(
    text: str,
    *,
    version_id: str,
    fmt: str,
    source: str,
    encoding: str | None = None,
    notes: tuple[str, ...] = (),
    metadata: Mapping[str, Any] | None = None,
) -> Version:
    """Build a version from decoded text of a given format (the article text of HTML is
    extracted here, and Markdown's inline markup taken out: :mod:`storydiff.markdown_text`)."""
    metadata = {key: _optional(value) for key, value in (metadata or {}).items()}
    blocks = None
    title = metadata.get("title")
    if fmt == "text" and looks_like_html(text):
        notes = (*notes, f"{source}: holds an HTML page; read its article text as HTML")
        fmt = "html"
    if fmt == "html":
        extracted = extract_html(text)
        if not extracted.text.strip():
            raise EmptyTextError(
                f"{source}: no article text found in the HTML (only scripts, navigation or "
                "empty markup); save the article's page or its text"
            )
        text, blocks, title = extracted.text, extracted.blocks, title or extracted.title
    if fmt == "markdown":
        text = markdown_article(text)
    if not text.strip():
        raise EmptyTextError(
            f"{source}: the text is empty or only whitespace; give it the article text"
        )
    for note in notes:
        warnings.warn(note, StorydiffWarning, stacklevel=3)
    return Version(
        id=version_id,
        text=text,
        label=metadata.get("label"),
        outlet=metadata.get("outlet"),
        date=metadata.get("date"),
        url=metadata.get("url"),
        source=source,
        format=fmt,
        encoding=encoding,
        warnings=notes,
        blocks=blocks,
        title=title,
    )


def read_version(
    path: PathLike,
    *,
    version_id: str | None = None,
    encoding: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    **metadata: Any,
) -> Version:
    """Read one version from a ``.txt``, ``.md`` or ``.html`` file.

    Parameters
    ----------
    path : str or Path
    version_id : str, optional
        Defaults to the file name without its extension.
    encoding : str, optional
        Force a codec instead of detecting UTF-8 / Windows-1252.
    max_bytes : int
        Refuse larger files (see :data:`MAX_FILE_BYTES`).
    **metadata
        ``label``, ``outlet``, ``date``, ``url``, ``title``.

    Returns
    -------
    Version

    Examples
    --------
    >>> from storydiff import config
    >>> version = read_version(config.EXAMPLE_STORY_DIR / "rewrite.txt")
    >>> version.id, version.headings
    ('rewrite', ['Kremlin Discussions', 'International Reactions', 'Ongoing Conflict'])
    """
    path = Path(path)
    fmt = TEXT_SUFFIXES.get(path.suffix.lower())
    if path.is_dir():
        raise UnsupportedFormatError(
            f"{path}: is a folder, not a version file; give the path of a version's file "
            "(a story folder is read with load_story)"
        )
    if fmt is None:
        raise UnsupportedFormatError(
            f"{path}: cannot read {path.suffix or 'files without an extension'} as a version; "
            f"use one of {', '.join(sorted(TEXT_SUFFIXES))} (or .json/.jsonl records for a story)"
        )
    decode = decode_html_bytes if fmt == "html" else decode_bytes
    decoded = decode(_read_bytes(path, max_bytes=max_bytes), name=str(path), encoding=encoding)
    return _version_from_text(
        decoded.text,
        version_id=version_id or path.stem,
        fmt=fmt,
        source=str(path),
        encoding=decoded.encoding,
        notes=decoded.warnings,
        metadata=metadata,
    )


def _records_from_file(path: Path, *, encoding: str | None, max_bytes: int) -> list[dict]:
    decoded = decode_bytes(
        _read_bytes(path, max_bytes=max_bytes), name=str(path), encoding=encoding
    )
    for note in decoded.warnings:
        warnings.warn(note, StorydiffWarning, stacklevel=3)
    if path.suffix.lower() in {".jsonl", ".ndjson"}:
        records = []
        for number, line in enumerate(decoded.text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise StorydiffError(
                    f"{path}: line {number} is not valid JSON ({exc.msg}); one record per line"
                ) from None
    else:
        try:
            data = json.loads(decoded.text)
        except json.JSONDecodeError as exc:
            raise StorydiffError(
                f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}); fix the file"
            ) from None
        if isinstance(data, dict) and "versions" in data and not isinstance(data["versions"], list):
            raise StoryStructureError(
                f'{path}: "versions" must be a list of records {{"version", "text", ...}}'
            )
        if isinstance(data, dict) and isinstance(data.get("versions"), list):
            story = data.get("story")
            records = [
                {"story": story, **record} if isinstance(record, dict) else record
                for record in data["versions"]
            ]
        elif isinstance(data, dict):
            records = [data]
        else:
            records = data
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise StorydiffError(
            f'{path}: expected records like {{"story", "version", "text"}}; found something else'
        )
    valid = [_valid_record(record) for record in records]
    replaced = sum(count for _, count in valid)
    if replaced:
        warnings.warn(
            f"{path}: {replaced} character(s) that are not valid Unicode (lone surrogates, "
            "as a cut emoji leaves in JSON) replaced with \ufffd",
            StorydiffWarning,
            stacklevel=3,
        )
    return [record for record, _ in valid]


def _valid_record(record: dict) -> tuple[dict, int]:
    """A record whose names and text values are valid Unicode (lone surrogates replaced, see
    :func:`~storydiff.decoding.replace_lone_surrogates`: JSON can hold them, pandas' and
    Parquet's strings cannot), and how many characters were replaced."""
    total, valid = 0, {}
    for key, value in record.items():
        if isinstance(key, str):
            key, count = replace_lone_surrogates(key)
            total += count
        if isinstance(value, str):
            value, count = replace_lone_surrogates(value)
            total += count
        valid[key] = value
    return valid, total


def _version_from_record(record: Mapping[str, Any], *, where: str) -> Version:
    version_id = _optional(record.get("version", record.get("id")))
    if version_id is None:
        raise StoryStructureError(f"{where}: has no 'version' field; name each version")
    if isinstance(record.get("text"), str):
        text, fmt = record["text"], "text"
    elif isinstance(record.get("html"), str):
        text, fmt = record["html"], "html"
    elif isinstance(record.get("file"), str):  # a story folder's story.json, given itself
        raise StoryStructureError(
            f"{where}: version {version_id!r} names a file ({record['file']!r}) instead of "
            f"holding its text: this is a story folder's {METADATA_FILE}; give the folder"
        )
    else:
        raise StoryStructureError(
            f"{where}: version {version_id!r} has no 'text' (or 'html') string; "
            "add the article text"
        )
    return _version_from_text(
        text,
        version_id=version_id,
        fmt=fmt,
        source=where,
        metadata={key: record.get(key) for key in METADATA_FIELDS},
    )


def _story_from_records(
    records: list[Mapping[str, Any]], *, source: str, story: str | None, default_id: str
) -> Story:
    ids = list(dict.fromkeys(_optional(r.get("story")) for r in records))
    if not records:
        raise StoryStructureError(
            f"{source}: holds no records; add one record (story, version, text) for each version"
        )
    if story is not None:
        records = [r for r in records if _optional(r.get("story")) == story]
        if not records:
            listed = ", ".join(str(i) for i in ids[:10])
            raise StoryStructureError(
                f"{source}: has no story {story!r}; its stories are: {listed}"
            )
        ids = [story]
    elif len(ids) > 1:
        listed = ", ".join(str(i) for i in ids[:10])
        raise StoryStructureError(
            f"{source}: holds {len(ids)} stories ({listed}); pick one with --story ID "
            "(story=... in Python, story_id in a notebook), or read them all with iter_stories"
        )
    versions = tuple(
        _version_from_record(record, where=f"{source} record {number}")
        for number, record in enumerate(records, start=1)
    )
    titles = [_optional(r.get("title")) for r in records]
    return Story(
        ids[0] or default_id,
        versions,
        title=next((t for t in titles if t), None),
        source=source,
    )


def _story_from_folder(folder: Path, *, encoding: str | None, max_bytes: int) -> Story:
    meta_path = folder / METADATA_FILE
    if meta_path.is_file():
        try:
            meta = json.loads(decode_bytes(meta_path.read_bytes(), name=str(meta_path)).text)
        except json.JSONDecodeError as exc:
            raise StoryStructureError(
                f"{meta_path}: not valid JSON ({exc.msg} at line {exc.lineno}); fix the file"
            ) from None
        entries = meta.get("versions") if isinstance(meta, dict) else None
        if not isinstance(entries, list):
            raise StoryStructureError(
                f'{meta_path}: needs a "versions" list of {{"id", "file", ...}}; see the README'
            )
        versions = []
        for number, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict) or not entry.get("file"):
                raise StoryStructureError(
                    f'{meta_path}: version {number} has no "file"; name the version\'s file'
                )
            path = folder / str(entry["file"])
            versions.append(
                read_version(
                    path,
                    version_id=_optional(entry.get("id")) or path.stem,
                    encoding=encoding,
                    max_bytes=max_bytes,
                    **{key: entry.get(key) for key in METADATA_FIELDS},
                )
            )
        story_id = _optional(meta.get("story")) or folder.name
        return Story(
            story_id, tuple(versions), title=_optional(meta.get("title")), source=str(folder)
        )
    files = version_files(folder)
    if not files:
        records = sorted(
            p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in RECORD_SUFFIXES
        )
        if len(records) == 1:
            return load_story(records[0], encoding=encoding, max_bytes=max_bytes)
        raise StoryStructureError(
            f"{folder}: has no versions; put one file per version in it "
            f"({', '.join(sorted(TEXT_SUFFIXES))}) or a {METADATA_FILE}"
        )
    versions = tuple(read_version(p, encoding=encoding, max_bytes=max_bytes) for p in files)
    return Story(folder.name, versions, source=str(folder))


def story_from_frame(
    frame: pd.DataFrame, *, story: str | None = None, source: str = "DataFrame"
) -> Story:
    """Build a story from a DataFrame with ``version`` and ``text`` columns.

    Parameters
    ----------
    frame : DataFrame
        One row per version; optional columns ``story``, ``label``, ``outlet``, ``date``, ``url``,
        ``title``. With a ``story`` column holding several stories, ``story`` picks one.
    story : str, optional
    source : str
        How to name the input in messages.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"version": ["a", "b"], "text": ["One.", "Two."]})
    >>> story_from_frame(frame).ids
    ('a', 'b')
    """
    missing = {"version", "text"} - set(frame.columns)
    if missing:
        raise StoryStructureError(
            f"{source}: lacks column(s) {', '.join(sorted(missing))}; "
            "a story table needs 'version' and 'text' columns"
        )
    records = frame.to_dict(orient="records")
    return _story_from_records(records, source=source, story=story, default_id="story")


def _distinct_names(paths: list[Path]) -> list[str]:
    """Version ids for files: their names without extension, made distinct when they clash
    (``old/article.txt`` and ``new/article.txt`` become ``old/article`` and ``new/article``)."""
    names = [p.stem for p in paths]
    if len(set(names)) < len(names):
        names = [f"{p.parent.name}/{p.stem}" if p.parent.name else p.stem for p in paths]
    if len(set(names)) < len(names):
        names = [f"{name}#{number}" for number, name in enumerate(names, start=1)]
    return names


def load_story(
    source: PathLike | pd.DataFrame | Iterable[PathLike],
    *,
    story: str | None = None,
    encoding: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> Story:
    """Read a story: its versions and their metadata.

    Parameters
    ----------
    source : path, list of paths, or DataFrame
        A story folder, a ``.json``/``.jsonl`` file of records, a manifest (``.csv``/``.tsv``,
        see :func:`read_manifest`), several version files, or a table (see the module
        documentation for the formats).
    story : str, optional
        Which story to take from records, a manifest or a table that hold several.
    encoding : str, optional
        Force a codec for every file instead of detecting it.
    max_bytes : int
        Refuse version files larger than this (default :data:`MAX_FILE_BYTES`).

    Returns
    -------
    Story

    Raises
    ------
    StorydiffError
        With a one-line message naming the input and what to do: a missing path, a folder with no
        versions, a story with one version, empty text, a binary file, undecodable bytes, an
        unknown format.

    Examples
    --------
    >>> from storydiff import config
    >>> story = load_story(config.EXAMPLE_STORY_DIR)
    >>> story["rewrite"].headings
    ['Kremlin Discussions', 'International Reactions', 'Ongoing Conflict']
    """
    if isinstance(source, pd.DataFrame):
        return story_from_frame(source, story=story)
    if isinstance(source, Mapping):
        raise ParameterError(
            "load_story() reads files; for texts in a dict use "
            "storydiff.Story.from_texts({'wire': '...', 'rewrite': '...'})"
        )
    if not isinstance(source, (str, os.PathLike)):
        items = list(source) if isinstance(source, Iterable) else [source]
        if not items or not all(isinstance(item, (str, os.PathLike)) for item in items):
            raise ParameterError(
                f"load_story() takes a path, a list of paths or a DataFrame; got {source!r:.60}"
            )
        paths = [Path(p) for p in items]
        versions = tuple(
            read_version(p, version_id=name, encoding=encoding, max_bytes=max_bytes)
            for p, name in zip(paths, _distinct_names(paths), strict=True)
        )
        names = ", ".join(str(p) for p in paths) or "the list of files"
        return Story("story", versions, source=names)
    path = Path(source)
    if not path.exists():
        raise InputNotFoundError(f"{path}: no such file or folder; check the path")
    if path.is_dir():
        own = _own_files(path)
        if len(own) == 1 and not (path / METADATA_FILE).is_file() and _child_stories(path):
            raise StoryStructureError(
                f"{path}: is a folder of story folders; give one of them (storydiff report and "
                "corpus read them all)"
            )
        loaded = _story_from_folder(path, encoding=encoding, max_bytes=max_bytes)
        if story is not None and str(story) != loaded.id:
            raise ParameterError(
                f"{path}: is one story, {loaded.id!r}; a story id (--story) picks one story of "
                "a records file or manifest"
            )
        return loaded
    suffix = path.suffix.lower()
    if suffix in RECORD_SUFFIXES:
        records = _records_from_file(path, encoding=encoding, max_bytes=max_bytes)
        return _story_from_records(records, source=str(path), story=story, default_id=path.stem)
    if suffix in {".csv", ".tsv"}:
        return _story_from_manifest(path, story=story, encoding=encoding)
    if suffix in TEXT_SUFFIXES:
        raise StoryStructureError(
            f"{path}: is one version; a story needs at least two: give the story's folder, "
            "or several files"
        )
    raise UnsupportedFormatError(
        f"{path}: unknown format {suffix or '(no extension)'}; "
        f"use a story folder or one of {_supported()}"
    )


MANIFEST_COLUMNS = ("story", "version", "path")
"""The columns of a manifest of version files; a manifest may give each version's ``text`` (or
``html``) instead of its ``path``, as ``DataFrame.to_csv`` writes a table of texts."""
_TEXT_COLUMNS = ("text", "html")


def _manifest_columns_error(path: Path, columns) -> StoryStructureError | None:
    """The one-line error of a manifest whose header lacks a column it needs, else None; a
    header that is one field holding the names with semicolons says so."""
    columns = [str(c) for c in columns]
    missing = [c for c in ("story", "version") if c not in columns]
    if "path" not in columns and not set(_TEXT_COLUMNS) & set(columns):
        missing.append("path (or text)")
    if not missing:
        return None
    hint = ""
    if len(columns) == 1 and ";" in columns[0]:
        hint = " (its header is one field with ';' in it: separate the fields with commas)"
    return StoryStructureError(
        f"{path}: lacks column(s) {', '.join(missing)}{hint}; a manifest needs story, version "
        "and path (a version file), or text"
    )


def _story_from_manifest(path: Path, *, story: str | None, encoding: str | None) -> Story:
    """One story of a manifest: the one named, or the only one."""
    frame = read_manifest(path)
    ids = list(dict.fromkeys(frame["story"].astype(str)))
    if not ids:
        raise StoryStructureError(
            f"{path}: lists no version; add one row ({', '.join(MANIFEST_COLUMNS)}) for each "
            "version"
        )
    if story is None:
        if len(ids) != 1:
            raise ParameterError(
                f"{path}: a manifest of {len(ids)} stories; name one with --story ID "
                f"(story=... in Python, story_id in a notebook; for example {ids[0]!r}), or "
                "read them all with iter_stories"
            )
        story = ids[0]
    if str(story) not in ids:
        shown = ", ".join(repr(i) for i in ids[:10]) + (" ..." if len(ids) > 10 else "")
        raise StoryStructureError(f"{path}: no story {story!r}; its stories are: {shown}")
    rows = frame[frame["story"].astype(str) == str(story)]
    return next(iter_stories(rows, encoding=encoding, source=str(path)))


def _separator(path: Path) -> str:
    """The field separator of a manifest: a tab for ``.tsv``, else a comma."""
    return "\t" if path.suffix.lower() == ".tsv" else ","


def _csv_reader(path: Path, **options):
    """``pandas.read_csv`` of a manifest: every cell the string written in it ("NA", "None" and
    "null" are ids like any other; an empty cell is ""), no index column taken from a row with
    too many fields. Read it, or with `chunksize` each chunk, through :func:`_parsed`."""
    return pd.read_csv(
        path,
        sep=_separator(path),
        dtype=str,
        keep_default_na=False,
        index_col=False,
        **options,
    )


def _parsed(path: Path, read):
    """What ``read()`` gives (a manifest read whole, or its next chunk); a row with more fields
    than the header, which pandas would cut short with a warning, is an error naming its line.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return read()
    except pd.errors.ParserWarning:
        raise StorydiffError(f"{path}: {_long_row(path)}; fix the row") from None


def _long_row(path: Path) -> str:
    """Where a manifest first has more fields than its header, in words."""
    import csv  # noqa: PLC0415

    with path.open(newline="", encoding="utf-8", errors="replace") as stream:
        rows = csv.reader(stream, delimiter=_separator(path))
        header = next(rows, [])
        for line, row in enumerate(rows, start=2):
            if len(row) > len(header):
                return f"line {line} has {len(row)} fields, the header {len(header)}"
    return "a row has more fields than the header"


def _check_cells(path: Path, frame: pd.DataFrame, first_row: int = 1) -> None:
    """Every row of a manifest names its story, version and path (`first_row`: the number of
    the frame's first row among the manifest's rows, from 1). An empty text is the error of its
    story, as in records."""
    texts = set(_TEXT_COLUMNS) & set(frame.columns)
    for column in [c for c in MANIFEST_COLUMNS if c != "path" or not texts]:
        empty = frame[column].str.strip() == ""
        if empty.any():
            line = _line_of_row(path, first_row + int(empty.to_numpy().argmax()))
            raise StoryStructureError(
                f"{path}: line {line} has no {column}; fill it in (every row needs a story, "
                f"a version and a {'text' if texts else 'path'})"
            )


def _line_of_row(path: Path, row: int) -> int:
    """The line of a manifest where its `row`-th row (from 1, after the header) ends, blank
    lines and cells that run over lines counted (read again, only to name a line)."""
    import csv  # noqa: PLC0415

    with path.open(newline="", encoding="utf-8-sig", errors="replace") as stream:
        reader = csv.reader(stream, delimiter=_separator(path))
        next(reader, None)
        seen = 0
        for record in reader:
            if record:  # a blank line is no row
                seen += 1
                if seen == row:
                    return reader.line_num
    return row + 1


def _manifest_error(path: Path, exc: Exception) -> StorydiffError:
    if isinstance(exc, UnicodeDecodeError):
        return StorydiffError(f"{path}: is not UTF-8 text; save the manifest as UTF-8")
    if isinstance(exc, pd.errors.EmptyDataError):
        return StoryStructureError(
            f"{path}: is empty; a manifest has a header (story, version, path or text) and a "
            "row for each version"
        )
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[-1].strip()
    reason = reason.removeprefix("Error tokenizing data. ")
    return StorydiffError(f"{path}: cannot be read as a manifest ({reason}); check the file")


def read_manifest(path: PathLike) -> pd.DataFrame:
    """Read a manifest of many stories into a validated table, one row per version.

    A manifest is a CSV with columns ``story``, ``version``, ``path`` (relative to the manifest's
    folder, or absolute) or ``text`` (or ``html``: the version itself, as ``DataFrame.to_csv``
    writes a table of texts) and optional ``label``, ``outlet``, ``date``, ``url``; or a
    ``.jsonl`` file of records (``story``, ``version``, ``text``, ...).

    Returns
    -------
    DataFrame
        For a CSV, paths resolved to absolute; for records, the records as rows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "m.csv").write_text("story,version,path\\ns1,a,a.txt\\ns1,b,b.txt\\n")
    >>> read_manifest(folder / "m.csv")[["story", "version"]].values.tolist()
    [['s1', 'a'], ['s1', 'b']]
    """
    path = Path(path)
    if not path.is_file():
        raise InputNotFoundError(f"{path}: no such manifest file; check the path")
    suffix = path.suffix.lower()
    if suffix in RECORD_SUFFIXES:
        records = _records_from_file(path, encoding=None, max_bytes=50 * MAX_FILE_BYTES)
        frame = pd.DataFrame(records)
        required = ("story", "version", "text")
        missing = [column for column in required if column not in frame.columns]
        if missing:
            raise StoryStructureError(
                f"{path}: lacks column(s) {', '.join(missing)}; a manifest needs "
                f"{', '.join(required)}"
            )
    elif suffix in {".csv", ".tsv"}:
        try:
            frame = _parsed(path, lambda: _csv_reader(path))
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
            raise _manifest_error(path, exc) from None
        error = _manifest_columns_error(path, frame.columns)
        if error is not None:
            raise error
        _check_cells(path, frame)
    else:
        raise UnsupportedFormatError(f"{path}: a manifest is a .csv, .tsv or .jsonl file")
    if "path" in frame.columns:
        frame["path"] = [
            str((path.parent / p).resolve()) if isinstance(p, str) else p for p in frame["path"]
        ]
    return frame


def iter_stories(
    manifest: PathLike | pd.DataFrame, *, encoding: str | None = None, source: str | None = None
) -> Iterator[Story]:
    """Yield the stories of a manifest one at a time (memory stays flat for large corpora).

    Parameters
    ----------
    manifest : path or DataFrame
        A manifest file (see :func:`read_manifest`) or its table.
    encoding : str, optional
        Force a codec for every version file.
    source : str, optional
        How to name the manifest in messages (its path by default).

    Yields
    ------
    Story
    """
    frame = read_manifest(manifest) if not isinstance(manifest, pd.DataFrame) else manifest
    if source is None:
        source = str(manifest) if not isinstance(manifest, pd.DataFrame) else "manifest"
    for story_id, rows in frame.groupby("story", sort=False):
        if "path" in rows.columns:
            versions = tuple(
                read_version(
                    row["path"],
                    version_id=str(row["version"]),
                    encoding=encoding,
                    **{key: row.get(key) for key in METADATA_FIELDS if key in rows.columns},
                )
                for _, row in rows.iterrows()
            )
            yield Story(str(story_id), versions, source=f"{source} story {story_id!r}")
        else:
            yield story_from_frame(rows, source=f"{source} story {story_id!r}")


StoryRecords = tuple[str, list[dict]]
"""A story as plain data: its id and one dict per version (``version`` and ``text``, ``html``
or ``path``, plus metadata), or a single ``{"folder": ...}`` for a story folder. Cheap to send
to another process or machine; :func:`story_from_records` makes the :class:`Story`."""


def iter_story_records(
    source: PathLike | SQLiteSource | pd.DataFrame, *, chunk_rows: int = 10_000
) -> Iterator[StoryRecords]:
    """Yield the stories of a corpus one at a time as plain records, reading it as a stream.

    Memory stays flat however large the corpus: a CSV manifest is read `chunk_rows` rows at a
    time, a JSON-lines file line by line, and no version text is read here for a manifest (its
    files are read by :func:`story_from_records`, wherever that runs).

    Parameters
    ----------
    source : path, SQLiteSource or DataFrame
        A manifest (``.csv``/``.tsv`` with ``story``, ``version``, ``path``), a ``.jsonl`` file of
        records (``story``, ``version``, ``text`` or ``html``), a folder of story folders, an
        SQLite database (:class:`SQLiteSource`; a path ending ``.db``, ``.sqlite`` or
        ``.sqlite3`` is read with its default query), or a table with ``story``, ``version`` and
        ``text`` (or ``path``) columns.
    chunk_rows : int
        Rows of a CSV manifest read at a time (a database's rows, which hold the texts, are
        fetched :data:`DATABASE_FETCH_ROWS` at a time).

    Yields
    ------
    tuple
        ``(story_id, records)``, see :data:`StoryRecords`.

    Raises
    ------
    StorydiffError
        One line naming the input: a missing file, an unknown format, missing columns, a line
        that is not JSON, or a story whose rows are not together (streaming needs a story's rows
        in one run: sort the manifest by story).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"story": ["s", "s"], "version": ["a", "b"], "text": ["X.", "Y."]})
    >>> [(story, [r["version"] for r in records]) for story, records in iter_story_records(frame)]
    [('s', ['a', 'b'])]
    """
    if isinstance(source, pd.DataFrame):
        yield from _contiguous(_frame_rows(source, "the table"), "the table")
        return
    if isinstance(source, (str, os.PathLike)) and is_database(source):
        source = SQLiteSource(source)
    if isinstance(source, SQLiteSource):
        yield from _contiguous(_database_rows(source), str(source.path))
        return
    if not isinstance(source, (str, os.PathLike)):
        raise ParameterError(
            "a corpus is a manifest, a .jsonl file, a folder, an SQLite database or a DataFrame; "
            f"got {source!r:.60}"
        )
    path = Path(source)
    if not path.exists():
        raise InputNotFoundError(f"{path}: no such file or folder; check the path")
    if path.is_dir():
        yield from _folder_records(path)
        return
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        yield from _contiguous(_jsonl_rows(path), str(path))
    elif suffix in {".csv", ".tsv"}:
        yield from _contiguous(_csv_rows(path, chunk_rows), str(path))
    elif suffix == ".json":
        frame = read_manifest(path)
        yield from _contiguous(_frame_rows(frame, str(path)), str(path))
    else:
        raise UnsupportedFormatError(
            f"{path}: a corpus is a manifest (.csv, .tsv), records (.jsonl), an SQLite database "
            "(.db, .sqlite, .sqlite3) or a folder of story folders"
        )


def count_stories(
    source: PathLike | SQLiteSource | pd.DataFrame, *, chunk_rows: int = 100_000
) -> int | None:
    """How many stories :func:`iter_story_records` yields from `source`, counted without reading
    a version's text: the total of a corpus run's progress bar.

    A table, a manifest (only its ``story`` column, `chunk_rows` rows at a time), a database
    (only the ``story`` column of its query) or a folder is counted. A JSON-lines file gives
    None: its texts are on the very lines that would have to be read. So does a source that
    cannot be read as a corpus (iterating it says why).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"story": ["s1", "s1", "s2"], "version": ["a", "b", "a"],
    ...                       "text": ["A.", "B.", "C."]})
    >>> count_stories(frame), count_stories("no-such-manifest.csv")
    (2, None)
    """
    try:
        if isinstance(source, pd.DataFrame):
            return _story_runs([source["story"]])
        if isinstance(source, (str, os.PathLike)) and is_database(source):
            source = SQLiteSource(source)
        if isinstance(source, SQLiteSource):
            return _story_runs(_database_stories(source, chunk_rows))
        path = Path(source)
        if path.is_dir():
            return sum(1 for _ in _folder_records(path))
        suffix = path.suffix.lower()
        if suffix in {".csv", ".tsv"}:
            chunks = _csv_reader(path, usecols=["story"], chunksize=max(1, int(chunk_rows)))
            return _story_runs(chunk["story"] for chunk in chunks)
        if suffix == ".json":
            return _story_runs([read_manifest(path)["story"]])
    except (StorydiffError, OSError, KeyError, ValueError, UnicodeDecodeError, sqlite3.Error):
        return None  # pandas' parser errors are ValueErrors
    return None


def _story_runs(columns: Iterable[Iterable]) -> int:
    """Stories of a ``story`` column read in chunks: runs of one id, as :func:`_contiguous`
    groups them."""
    runs, last = 0, None
    for column in columns:
        for value in column.tolist() if isinstance(column, pd.Series) else column:
            story = _optional(value)
            if story != last:
                runs, last = runs + 1, story
    return runs


def _clean(row: Mapping[str, Any]) -> dict:
    """A record without missing values (NaN from pandas), so it pickles small and reads plain."""
    return {str(k): v for k, v in row.items() if not (isinstance(v, float) and v != v)}


def _missing_columns(columns: Iterable[str]) -> list[str]:
    """The columns of corpus records that `columns` lack: ``story``, ``version``, and ``text``
    when there is none of ``text``, ``html`` and ``path``."""
    columns = set(columns)
    missing = [c for c in ("story", "version") if c not in columns]
    return missing + ([] if columns & set(TEXT_COLUMNS) else ["text"])


def _frame_rows(frame: pd.DataFrame, where: str) -> Iterator[tuple[int, dict]]:
    missing = _missing_columns(frame.columns)
    if missing:
        needed = ", ".join(c if c != "text" else "text (or html, or path)" for c in missing)
        raise StoryStructureError(
            f"{where}: lacks column(s) {needed}; a corpus table needs story, version and text"
        )
    for number, row in enumerate(frame.to_dict(orient="records"), start=1):
        yield number, _clean(row)


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict]]:
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
            except UnicodeDecodeError:
                raise StorydiffError(
                    f"{path}: line {number} is not UTF-8; save the file as UTF-8"
                ) from None
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise StorydiffError(
                    f"{path}: line {number} is not valid JSON ({exc.msg}); fix or remove it"
                ) from None
            if not isinstance(record, dict):
                raise StoryStructureError(
                    f'{path}: line {number} is not a record like {{"story", "version", "text"}}'
                )
            if number == 1 and "story" not in record:
                raise StoryStructureError(
                    f"{path}: records have no 'story' field; a corpus names each record's story"
                )
            yield number, record


def _csv_rows(path: Path, chunk_rows: int) -> Iterator[tuple[int, dict]]:
    number = 1
    try:
        chunks = _csv_reader(path, chunksize=max(1, int(chunk_rows)))
        while (chunk := _parsed(path, lambda: next(chunks, None))) is not None:
            error = _manifest_columns_error(path, chunk.columns)
            if error is not None:
                raise error
            _check_cells(path, chunk, first_row=number)
            rows = chunk.to_dict(orient="records")
            for row in rows:
                record = _clean(row)
                if isinstance(record.get("path"), str):
                    record["path"] = str((path.parent / record["path"]).resolve())
                yield number, record
                number += 1
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise _manifest_error(path, exc) from None


def stored_story_id(story: str) -> str:
    """A story id as corpus tables hold it: as given, but a lone surrogate (half an emoji, cut
    in JSON) written as its escape, which a Parquet table can hold, and which keeps two ids
    that differ only there apart.

    >>> stored_story_id("cut\\ud83d"), stored_story_id("whole")
    ('cut\\\\ud83d', 'whole')
    """
    if not replace_lone_surrogates(story)[1]:
        return story
    return story.encode("utf-8", "backslashreplace").decode("utf-8")


def _contiguous(rows: Iterator[tuple[int, dict]], where: str) -> Iterator[StoryRecords]:
    """Group consecutive rows of the same story; a story seen again later is an error."""
    seen: set[str] = set()
    current: str | None = None
    records: list[dict] = []
    for number, record in rows:
        story = _optional(record.get("story"))
        if story is not None and story != (stored := stored_story_id(story)):
            story, record = stored, {**record, "story": stored}
        if story is None:
            raise StoryStructureError(f"{where}: row {number} has no story; name its story")
        if story != current:
            if current is not None:
                yield current, records
            if story in seen:
                raise StoryStructureError(
                    f"{where}: story {story!r} comes back at row {number} after other stories; "
                    "keep each story's rows together (sort the corpus by story)"
                )
            seen.add(story)
            current, records = story, []
        records.append(record)
    if current is not None:
        yield current, records


DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
"""File name endings read as an SQLite database when a corpus is given as a path."""

TEXT_COLUMNS = ("text", "html", "path")

DATABASE_FETCH_ROWS = 200
"""Rows of a database query fetched at a time. They hold the texts, so few: 200 news articles
are about 1 MB. (Fetching 10,000 at a time, as a CSV manifest of paths is read, held two
batches of 40 MB each while reading a corpus of 20,000 synthetic versions.)"""


@dataclass(frozen=True)
class SQLiteSource:
    """A corpus in an SQLite database: the rows of one query, read as a stream.

    A revision corpus such as NewsEdits (1.2 million articles, 4.6 million versions) comes as
    SQLite files: reading them in place keeps memory flat, where a DataFrame of the texts would
    hold them all. The database is opened read-only, so a query cannot change it.

    Attributes
    ----------
    path : str or os.PathLike
        The database file.
    query : str, optional
        One ``SELECT`` whose columns are those of records: ``story``, ``version`` and ``text``
        (or ``html``, or ``path`` to a version file, relative to the database's folder), and
        optionally ``label``, ``outlet``, ``date``, ``url``, ``title``. One row per version; a
        story's rows together and in version order (``ORDER BY``), as the corpus is streamed.
        None reads every row of the database's one table or view that has those columns.

    Examples
    --------
    >>> import sqlite3, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "news.db")
    >>> with sqlite3.connect(path) as db:
    ...     _ = db.execute("CREATE TABLE entryversion (entry_id INT, version INT, summary TEXT)")
    ...     _ = db.executemany("INSERT INTO entryversion VALUES (?, ?, ?)",
    ...                        [(7, 1, "Two men died."), (7, 0, "A man died."), (8, 0, "Rain.")])
    >>> db.close()
    >>> source = SQLiteSource(path, "SELECT entry_id AS story, version, summary AS text "
    ...                             "FROM entryversion ORDER BY entry_id, version")
    >>> [(story, [r["version"] for r in records]) for story, records in iter_story_records(source)]
    [('7', [0, 1]), ('8', [0])]
    """

    path: str | os.PathLike
    query: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.path, (str, os.PathLike)):
            raise ParameterError(f"path must be a file path, got {self.path!r:.60}")
        if self.query is not None and not (isinstance(self.query, str) and self.query.strip()):
            raise ParameterError(f"query must be one SQL SELECT, got {self.query!r:.60}")

    def __str__(self) -> str:
        return (
            str(self.path)
            if self.query is None
            else f"{self.path} ({' '.join(self.query.split())})"
        )


def is_database(path: PathLike) -> bool:
    """Whether a corpus path names an SQLite database by its ending (:data:`DATABASE_SUFFIXES`)."""
    return Path(path).suffix.lower() in DATABASE_SUFFIXES


def _open_database(path: Path) -> sqlite3.Connection:
    """The database, read-only (``mode=ro``): opening never creates nor changes a file. A file
    that is not a database fails here, with or without a query."""
    if not path.is_file():
        raise InputNotFoundError(f"{path}: no such database file; check the path")
    database = None
    try:
        database = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        database.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the header
    except sqlite3.Error as exc:
        if database is not None:
            database.close()
        raise StorydiffError(f"{path}: cannot be read as an SQLite database ({exc})") from None
    return database


def _default_query(database: sqlite3.Connection, path: Path) -> str:
    """``SELECT *`` of the one table or view with the columns of records."""
    names = [
        name
        for (name,) in database.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        )
    ]
    fitting = []
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        columns = {row[1] for row in database.execute(f"PRAGMA table_info({quoted})")}
        if not _missing_columns(columns):
            fitting.append(quoted)
    if len(fitting) == 1:
        return f"SELECT * FROM {fitting[0]}"
    found = (
        f"several tables have them ({', '.join(fitting)})"
        if fitting
        else f"no table has them (tables: {', '.join(names) or 'none'})"
    )
    raise StoryStructureError(
        f"{path}: a corpus needs the columns story, version and text, and {found}; give a query, "
        "e.g. SELECT entry_id AS story, version, summary AS text FROM entryversion "
        "ORDER BY entry_id, version"
    )


def _query(source: SQLiteSource, database: sqlite3.Connection, path: Path) -> str:
    """The source's query without the semicolon that may end it (it is also read as a
    subquery, to count its stories), or the default one."""
    if source.query is None:
        return _default_query(database, path)
    return source.query.strip().rstrip(";").rstrip()


def _database_cursor(source: SQLiteSource, database: sqlite3.Connection, path: Path):
    query = _query(source, database, path)
    try:
        return database.execute(query)
    except (sqlite3.Error, sqlite3.Warning) as exc:  # Warning: more than one statement
        raise StorydiffError(f"{path}: the query failed ({exc}); check the SQL") from None


def _database_rows(
    source: SQLiteSource, fetch_rows: int = DATABASE_FETCH_ROWS
) -> Iterator[tuple[int, dict]]:
    path = Path(source.path)
    database = _open_database(path)
    try:
        cursor = _database_cursor(source, database, path)
        names = [column[0] for column in cursor.description or ()]
        missing = _missing_columns(names)
        if missing:
            raise StoryStructureError(
                f"{path}: the query gives no column(s) {', '.join(missing)} (it gives "
                f"{', '.join(names) or 'none'}); name them with AS, e.g. summary AS text"
            )
        number = 1
        while True:
            try:
                rows = cursor.fetchmany(fetch_rows)
            except sqlite3.Error as exc:  # a database damaged past its first pages
                raise StorydiffError(f"{path}: reading the query's rows failed ({exc})") from None
            if not rows:
                break
            for row in rows:
                record = {k: v for k, v in zip(names, row, strict=True) if v is not None}
                if isinstance(record.get("path"), str):
                    record["path"] = str((path.parent / record["path"]).resolve())
                yield number, record
                number += 1
    finally:
        database.close()


def _database_stories(source: SQLiteSource, chunk_rows: int) -> Iterator[list]:
    """The ``story`` column of a database source's query, `chunk_rows` values at a time."""
    path = Path(source.path)
    database = _open_database(path)
    try:
        query = _query(source, database, path)
        cursor = database.execute(f"SELECT story FROM ({query})")  # noqa: S608 (the user's own)
        while rows := cursor.fetchmany(max(1, int(chunk_rows))):
            yield [story for (story,) in rows]
    finally:
        database.close()


def _own_files(folder: Path) -> list[Path]:
    """A folder's files that may be versions: a text suffix, not hidden, not a README."""
    return [
        p
        for p in sorted(folder.iterdir())
        if p.suffix.lower() in TEXT_SUFFIXES
        and not p.name.startswith(".")
        and p.stem.lower() != "readme"
        and p.is_file()
    ]


def version_files(folder: Path) -> list[Path]:
    """A story folder's version files, sorted: its files with a text suffix, but hidden ones
    (``.notes.txt``, a zip's ``._a.txt``) and a README (left out with a warning: name it in
    ``story.json`` to make it a version). One with a text suffix that cannot be read as a file
    (a broken link, a folder named ``b.txt``) is left out with a warning."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        if path.stem.lower() == "readme":
            warnings.warn(
                f"{path}: a README, left out of the story's versions", StorydiffWarning, 2
            )
        elif path.is_file():
            found.append(path)
        else:
            what = "a broken link" if path.is_symlink() else "not a file"
            warnings.warn(f"{path}: {what}; left out of the story", StorydiffWarning, 2)
    return found


def is_output_folder(folder: Path) -> bool:
    """Whether a folder holds storydiff's own output, never a story: a corpus run
    (``corpus.json`` or ``pairs/``) or a folder of reports (``index.html`` beside story
    folders that hold a ``status.json``)."""
    if (folder / "corpus.json").is_file() or (folder / "pairs").is_dir():
        return True
    if not (folder / "index.html").is_file():
        return False
    return any((child / "status.json").is_file() for child in folder.iterdir() if child.is_dir())


def _child_stories(folder: Path) -> list[Path]:
    """The subfolders that are stories: a ``story.json``, or two or more version files (one
    file, as in ``attachments/caption.txt``, makes no story); storydiff's output folders left
    out."""
    found = []
    for child in sorted(folder.iterdir()):
        if not child.is_dir() or child.name.startswith(".") or is_output_folder(child):
            continue
        if (child / METADATA_FILE).is_file() or len(_own_files(child)) >= 2:
            found.append(child)
    return found


def is_story_folder(folder: Path) -> bool:
    """Whether a folder is one story (a ``story.json``, or version files of its own) rather than
    a folder of story folders.

    A folder with story folders in it and one file of its own (notes) is a folder of stories;
    with story folders and two or more files, which it is cannot be told.

    Raises
    ------
    StoryStructureError
        When the folder holds both two or more version files and story folders.
    """
    if (folder / METADATA_FILE).is_file():
        return True
    files = _own_files(folder)
    if not files:
        return False
    stories = _child_stories(folder)
    if not stories:
        return True
    if len(files) == 1:
        return False  # a folder of stories with notes beside them
    raise StoryStructureError(
        f"{folder}: holds both version files ({files[0].name}, ...) and story folders "
        f"({stories[0].name}, ...); keep one story per folder"
    )


def _folder_records(folder: Path) -> Iterator[StoryRecords]:
    if is_story_folder(folder):
        yield folder.name, [{"folder": str(folder)}]
        return
    children = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not children:
        raise StoryStructureError(
            f"{folder}: neither a story folder nor a folder of story folders; check the path"
        )
    for child in children:
        if not is_output_folder(child):  # (a run's --out may lie among the stories)
            yield child.name, [{"folder": str(child)}]


def is_folder_records(records: list[dict]) -> bool:
    """Whether a story's records are a story folder's one ``{"folder": ...}`` record.

    >>> is_folder_records([{"folder": "data/stories/x"}]), is_folder_records([{"text": "A."}])
    (True, False)
    """
    return len(records) == 1 and "folder" in records[0]


def story_from_records(
    story_id: str, records: list[dict], *, source: str = "corpus", encoding: str | None = None
) -> Story:
    """The :class:`Story` of one item of :func:`iter_story_records`.

    Examples
    --------
    >>> records = [{"version": "a", "text": "Two men died."}, {"version": "b", "text": "Two died."}]
    >>> story_from_records("s", records).ids
    ('a', 'b')
    """
    where = f"{source} story {story_id!r}"
    if is_folder_records(records):
        return load_story(records[0]["folder"], encoding=encoding)
    if all(isinstance(r.get("path"), str) and not isinstance(r.get("text"), str) for r in records):
        versions = tuple(
            read_version(
                r["path"],
                version_id=_optional(r.get("version")),
                encoding=encoding,
                **{key: r.get(key) for key in METADATA_FIELDS if key in r},
            )
            for r in records
        )
        return Story(str(story_id), versions, source=where)
    return _story_from_records(records, source=where, story=None, default_id=str(story_id))
