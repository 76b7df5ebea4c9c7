"""Which stories a report run covers, and what each one's report depends on.

A source is a story folder, a folder of story folders, a manifest (``.csv``/``.tsv``), a
records file (``.json``/``.jsonl``) or an SQLite database (the stories of a query). Each story
becomes a :class:`ReportJob` that names the path and story id the notebook loads, the folder
its report goes to, and the input files whose bytes decide whether an existing report is
still up to date.

Examples
--------
>>> from storydiff import config
>>> [job.slug for job in find_jobs([config.EXAMPLE_STORY_DIR])]
['putin-peace-plan']
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputNotFoundError, StorydiffError, StorydiffWarning, UnsupportedFormatError
from ..normalize import COMBINING_MARKS
from ..reading import (
    RECORD_SUFFIXES,
    is_database,
    is_output_folder,
    is_story_folder,
    read_manifest,
)

MANIFEST_SUFFIXES = (".csv", ".tsv")


@dataclass(frozen=True)
class ReportJob:
    """One story to report on.

    Attributes
    ----------
    story : str
        The story id (from the manifest, the records or the folder).
    source : str
        The path the notebook's ``story`` parameter gets.
    selector : str
        The notebook's ``story_id`` parameter: which story of a manifest or records file
        (empty for a story folder).
    slug : str
        The report's folder name under the reports folder (unique within a run).
    inputs : tuple of str
        Files whose bytes the report depends on.
    extra : str
        Further input identity (for records: the story's records as JSON).
    database : str
        The SQLite database the story comes from ("" for other sources): its records (`extra`)
        are written to a records file in its report folder, which the notebook reads
        (:func:`with_records_file`).
    """

    story: str
    source: str
    selector: str
    slug: str
    inputs: tuple[str, ...]
    extra: str = ""
    database: str = ""


def slugify(text: str) -> str:
    """A folder name for a story id: letters and digits of any script, ``.``, ``_`` and ``-``
    only (a story named in Cyrillic or Chinese keeps its name, so adding a story never renames
    another's folder).

    >>> slugify("Putin / peace plan: 2025?"), slugify("Путин: план"), slugify("spaces and ünicode")
    ('Putin-peace-plan-2025', 'Путин-план', 'spaces-and-ünicode')
    """
    text = unicodedata.normalize("NFC", str(text))
    slug = _NOT_IN_SLUG.sub("-", text).strip(".-_")[:80]
    while len(slug.encode("utf-8")) > SLUG_BYTES:  # file systems count bytes: 255 at most
        slug = slug[:-1]
    return slug.rstrip(".-_") or "story"


SLUG_BYTES = 200
"""Most bytes of a story's folder name (of 80 letters of a script of four-byte letters, 320
would be too many for a file system's 255), leaving room for a "-2"."""


_NOT_IN_SLUG = re.compile(rf"[^\w{COMBINING_MARKS}.-]+")


def _folder_jobs(folder: Path, *, top: bool = True, skip: Path | None = None) -> list[tuple]:
    children = sorted(
        p
        for p in folder.iterdir()
        if p.is_dir()
        and not p.name.startswith(".")
        and (skip is None or p.resolve() != skip)
        and not is_output_folder(p)  # reports or a corpus run among the stories
    )
    if is_story_folder(folder) or (not top and not children):
        story = folder.name
        meta = folder / "story.json"
        if meta.is_file():
            try:
                story = str(json.loads(meta.read_text(encoding="utf-8")).get("story") or story)
            except (ValueError, UnicodeDecodeError, AttributeError):
                pass  # the worker reports the broken story.json with its proper message
        files = tuple(str(p) for p in sorted(folder.iterdir()) if p.is_file())
        return [(story, str(folder), "", files, "")]
    if not children:
        raise StorydiffError(
            f"{folder}: neither a story folder (version files, story.json) nor a folder of "
            "story folders; check the path"
        )
    jobs = []
    for child in children:
        jobs.extend(_folder_jobs(child, top=False, skip=skip))
    return jobs


def _manifest_jobs(path: Path) -> list[tuple]:
    frame = read_manifest(path)
    jobs = []
    for story, rows in frame.groupby(frame["story"].astype(str), sort=False):
        if "path" in rows.columns:  # (a manifest of texts: the rows are the input)
            files = (str(path), *(str(p) for p in rows["path"]))
            extra = rows.drop(columns=["path"]).to_json(orient="records")
        else:
            files, extra = (), rows.to_json(orient="records")
        jobs.append((story, str(path), story, files, extra))
    return jobs


def _records_jobs(path: Path) -> list[tuple]:
    frame = read_manifest(path)
    default = path.stem
    story_ids = frame["story"].fillna(default).astype(str)
    jobs = []
    for story, rows in frame.groupby(story_ids, sort=False):
        jobs.append((story, str(path), story, (), rows.to_json(orient="records")))
    return jobs


def _database_jobs(path: Path, query: str | None) -> list[tuple]:
    """A job per story of a database's query, its records (texts included) as its identity."""
    from ..reading import SQLiteSource, iter_story_records  # noqa: PLC0415

    jobs = []
    for story, records in iter_story_records(SQLiteSource(path, query)):
        files = tuple(r["path"] for r in records if isinstance(r.get("path"), str))
        rows = json.dumps(records, ensure_ascii=False, default=str)
        jobs.append((str(story), str(path), str(story), files, rows))
    return jobs


def find_jobs(
    sources: Iterable[str | os.PathLike],
    *,
    query: str | None = None,
    skip: str | os.PathLike | None = None,
) -> list[ReportJob]:
    """Every story in *sources*, with unique report folder names, in the order given; a folder
    `skip` (the reports folder, which may lie in a folder of stories) is not looked into.

    An SQLite database (``.db``, ``.sqlite``, ``.sqlite3``, or any source when `query` is
    given) gives a job per story of its query (see :class:`storydiff.reading.SQLiteSource`);
    pick the stories to report with the query's ``WHERE``.

    Raises
    ------
    StorydiffError
        When a source does not exist or is of no known kind (one line naming it).
    """
    found, given = [], set()
    for source in sources:
        path = Path(source)
        if path.exists() and path.resolve() in given:
            warnings.warn(f"{path}: given twice; reported once", StorydiffWarning, 2)
            continue
        given.add(path.resolve())
        if not path.exists():
            raise InputNotFoundError(f"{path}: no such file or folder; check the path")
        suffix = path.suffix.lower()
        if query is not None or is_database(path):
            found.extend((*job, str(path)) for job in _database_jobs(path, query))
        elif path.is_dir():
            skipped = Path(skip).resolve() if skip is not None else None
            found.extend((*job, "") for job in _folder_jobs(path, skip=skipped))
        elif suffix in MANIFEST_SUFFIXES:
            found.extend((*job, "") for job in _manifest_jobs(path))
        elif suffix in RECORD_SUFFIXES:
            found.extend((*job, "") for job in _records_jobs(path))
        else:
            raise UnsupportedFormatError(
                f"{path}: give a story folder, a folder of stories, a manifest (.csv/.tsv), "
                "a records file (.json/.jsonl) or an SQLite database (.db/.sqlite)"
            )
    jobs, used, stories = [], set(RESERVED_NAMES), set()
    for story, source, selector, inputs, extra, database in found:
        key = (Path(source).resolve(), selector)
        if key in stories:  # a folder of stories given with one of its own stories
            warnings.warn(f"{source}: given twice; reported once", StorydiffWarning, 2)
            continue
        stories.add(key)
        slug, n = slugify(story), 1
        while slug.lower() in used:
            n += 1
            slug = f"{slugify(story)}-{n}"
        used.add(slug.lower())
        jobs.append(ReportJob(story, source, selector, slug, inputs, extra, database))
    return jobs


RESERVED_NAMES = frozenset(
    {"index.html", "corpus.html", "stories.csv", "metrics.json", "status.json"}
    | {f"{table}.csv" for table in ("pairs", "versions", "framing", "groups")}
)
"""Names of a reports folder's own files, which no story's folder may take."""


RECORDS_FILE = "versions.jsonl"
"""The records file of a story from a database, in its report folder."""


def with_records_file(job: ReportJob, folder: str | os.PathLike) -> ReportJob:
    """A database story's job reading a records file of its versions, written (whole, and only
    when its content changed) as ``folder/<slug>/versions.jsonl``; other jobs as they are.

    The report then depends on the story's rows, not on the whole database file, and its
    folder keeps the texts it was made from.
    """
    if not job.database:
        return job
    from .files import atomic_write  # noqa: PLC0415

    path = Path(folder) / job.slug / RECORDS_FILE
    lines = "".join(
        json.dumps(record, ensure_ascii=False, default=str) + "\n"
        for record in json.loads(job.extra)
    )
    if not path.is_file() or path.read_text(encoding="utf-8") != lines:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, lines)
    return dataclasses.replace(job, source=str(path))


__all__ = ["RECORDS_FILE", "ReportJob", "find_jobs", "slugify", "with_records_file"]
