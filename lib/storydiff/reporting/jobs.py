"""Which stories a report run covers, and what each one's report depends on.

A source is a story folder, a folder of story folders, a manifest (``.csv``/``.tsv``) or a
records file (``.json``/``.jsonl``). Each story becomes a :class:`ReportJob` that names the path
and story id the notebook loads, the folder its report goes to, and the input files whose bytes
decide whether an existing report is still up to date.

Examples
--------
>>> from storydiff import config
>>> [job.slug for job in find_jobs([config.EXAMPLE_STORY_DIR])]
['putin-peace-plan']
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputNotFoundError, StorydiffError, UnsupportedFormatError
from ..reading import RECORD_SUFFIXES, is_database, is_story_folder, read_manifest

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
    """

    story: str
    source: str
    selector: str
    slug: str
    inputs: tuple[str, ...]
    extra: str = ""


def slugify(text: str) -> str:
    """A folder name for a story id: letters, digits, ``.``, ``_`` and ``-`` only.

    >>> slugify("Putin / peace plan: 2025?")
    'Putin-peace-plan-2025'
    """
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", str(text)).strip(".-_")[:80]
    return slug or "story"


def _folder_jobs(folder: Path, *, top: bool = True) -> list[tuple]:
    children = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
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
        jobs.extend(_folder_jobs(child, top=False))
    return jobs


def _manifest_jobs(path: Path) -> list[tuple]:
    frame = read_manifest(path)
    jobs = []
    for story, rows in frame.groupby(frame["story"].astype(str), sort=False):
        files = (str(path), *(str(p) for p in rows["path"]))
        extra = rows.drop(columns=["path"]).to_json(orient="records")
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


def find_jobs(sources: Iterable[str | os.PathLike]) -> list[ReportJob]:
    """Every story in *sources*, with unique report folder names, in the order given.

    Raises
    ------
    StorydiffError
        When a source does not exist or is of no known kind (one line naming it).
    """
    found = []
    for source in sources:
        path = Path(source)
        if not path.exists():
            raise InputNotFoundError(f"{path}: no such file or folder; check the path")
        suffix = path.suffix.lower()
        if path.is_dir():
            found.extend(_folder_jobs(path))
        elif suffix in MANIFEST_SUFFIXES:
            found.extend(_manifest_jobs(path))
        elif suffix in RECORD_SUFFIXES:
            found.extend(_records_jobs(path))
        elif is_database(path):
            raise UnsupportedFormatError(
                f"{path}: reports are made from story folders, manifests and records files; "
                "compare an SQLite database with storydiff corpus, or export the stories to "
                "report to a .jsonl file"
            )
        else:
            raise UnsupportedFormatError(
                f"{path}: give a story folder, a folder of stories, a manifest (.csv/.tsv) or "
                "a records file (.json/.jsonl)"
            )
    jobs, used = [], set()
    for story, source, selector, inputs, extra in found:
        slug, n = slugify(story), 1
        while slug.lower() in used:
            n += 1
            slug = f"{slugify(story)}-{n}"
        used.add(slug.lower())
        jobs.append(ReportJob(story, source, selector, slug, inputs, extra))
    return jobs


__all__ = ["ReportJob", "find_jobs", "slugify"]
