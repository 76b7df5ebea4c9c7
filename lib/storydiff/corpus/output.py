"""The corpus output folder: Parquet parts written whole, one per chunk and table.

Layout of ``OUT/``::

    pairs/part-000000.parquet    one row per compared pair of versions
    groups/part-000000.parquet   one row per aligned group
    errors/part-000000.parquet   one row per story that could not be compared
    story_index.parquet          each story and the parts holding its rows, sorted by story
    corpus.json                  what was run, with what, how long it took (written last)
    corpus.html                  the corpus page, when asked for (storydiff corpus --html)

Every part is written to a temporary file and renamed into place, the pairs part last, with
checksums on its pages; each carries in its metadata the key of its chunk (the stories' ids
and content, and the options). Before it writes or removes its first part, a run removes the
folder's ``corpus.json``, story index and page: a run that is stopped leaves whole parts and no
summary, so its folder is not read as finished (nor as the run it was replacing); the next run
with the same input and options keeps the chunks whose three parts carry its key and read
whole, and computes only the rest. A finished run of another source or with other options is
not replaced unless asked (:func:`check_replaces`); a lock file keeps a second run out while
one writes. ``pandas.read_parquet("OUT/pairs")`` reads a table whole;
:mod:`storydiff.corpus.reading` reads the tables in chunk order.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
from pathlib import Path

from ..errors import StorydiffError
from ..reporting.files import atomic_write, remove_stale_temporaries
from .tables import LABELS, PAIR_COLUMNS, ChunkTables, CorpusOptions

TABLES = ("pairs", "groups", "errors")
"""The tables of a corpus output folder."""

SUMMARY_FILE = "corpus.json"
PAGE_FILE = "corpus.html"
"""The corpus page's name in the run's folder (``storydiff corpus --html``)."""
INDEX_FILE = "story_index.parquet"
"""Where each story's rows are: its ``story`` and ``part`` (the chunk's number in the parts'
names), sorted by story (:func:`write_story_index`)."""
INDEX_ROW_GROUP = 16_384
"""Stories a row group of the story index holds: one is read to find a story."""
_KEY = b"storydiff.chunk_key"


def _pa():
    import pyarrow as pa  # noqa: PLC0415 (only corpus runs need pyarrow)

    return pa


def schemas(options: CorpusOptions) -> dict:
    """The pyarrow schema of each table for these options (columns present and their types)."""
    pa = _pa()
    text, integer, real, flag = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    pair_types = {name: real for name in PAIR_COLUMNS}
    pair_types.update(dict.fromkeys(["story", "version_a", "version_b", "reuse_label"], text))
    sizes = ["sentences_a", "sentences_b", "words_a", "words_b", "words_deleted", "words_inserted"]
    pair_types.update(dict.fromkeys(sizes, integer))
    pair_types.update({f"groups_{label}": integer for label in LABELS})
    pair_types["warnings"] = pa.list_(text)
    pair_columns = [c for c in PAIR_COLUMNS if options.tone or not c.startswith("tone_")]
    group_fields = [
        ("story", text),
        ("version_a", text),
        ("version_b", text),
        ("group", integer),
        ("a", pa.list_(integer)),
        ("b", pa.list_(integer)),
        ("label", text),
        ("score", real),
        ("edit", text),
        ("ratio", real),
        ("moved", flag),
        ("is_heading", flag),
        ("words_deleted", integer),
        ("words_inserted", integer),
    ]
    if options.texts:
        group_fields += [("a_text", text), ("b_text", text)]
    return {
        "pairs": pa.schema([(c, pair_types[c]) for c in pair_columns]),
        "groups": pa.schema(group_fields),
        "errors": pa.schema([("story", text), ("error", text), ("kind", text)]),
    }


def chunk_key(index: int, chunk: list, fingerprint: str) -> str:
    """A hash of what a chunk's output depends on: its stories, their content, the options,
    and for a slice of a long story's pairs (see :func:`storydiff.corpus.chunk_tables`) the
    slice.

    Texts are hashed as they are; a version file by its path, size and modification time (so
    an edited file is compared again without reading every file to check).
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{fingerprint}\0{index}\0".encode())
    for story_id, records, *part in chunk:
        digest.update(f"{story_id}\0".encode())
        if part:
            digest.update(f"{part[0].describe()}\0".encode())
        for record in records:
            for key in sorted(record):
                value = record[key]
                digest.update(f"{key}={value}\0".encode("utf-8", "surrogatepass"))
                if key in ("path", "folder") and isinstance(value, str):
                    digest.update(_stat_key(Path(value)).encode())
    return digest.hexdigest()


def _stat_key(path: Path) -> str:
    try:
        paths = sorted(path.iterdir()) if path.is_dir() else [path]
        return "".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns};" for p in paths)
    except OSError:
        return "missing"


TABLES_REVISION = 2
"""Raised when what a column of the tables means changes within a package version (2: a
version's words counted as the inline diffs count them), so that a run resumed by the new code
does not keep parts of the old."""


def fingerprint(options: CorpusOptions) -> str:
    """A hash of the options, the tables' columns, the package version and
    :data:`TABLES_REVISION` (a change of any redoes every chunk, so a folder never mixes parts
    of two layouts)."""
    from .. import __version__  # noqa: PLC0415

    columns = {table: str(schema) for table, schema in schemas(options).items()}
    text = json.dumps(
        {
            "options": options.to_dict(),
            "columns": columns,
            "storydiff": __version__,
            "revision": TABLES_REVISION,
        },
        sort_keys=True,
    )
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


_OWN_FILES = frozenset({*TABLES, SUMMARY_FILE, PAGE_FILE, INDEX_FILE})


PART_NAME = re.compile(r"part-(\d{6})\.parquet")
"""The name of a chunk's part in each table's folder."""


def _check_own_folder(folder: Path) -> None:
    """Refuse, before anything in it is touched, a folder that is neither new, empty, nor a
    corpus run's (whose files a run replaces): one line that names what is in the way."""
    advice = "give --out a new or empty folder, or the folder of an earlier corpus run"
    if folder.is_symlink() and not folder.exists():
        raise StorydiffError(f"{folder}: is a broken link; {advice}")
    if not folder.is_dir():
        return
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.name not in _OWN_FILES:
            raise StorydiffError(
                f"{folder}: holds {entry.name!r}, which is not a corpus run's; {advice}"
            )
        if (entry.name in TABLES) != entry.is_dir():
            what = "a file" if entry.name in TABLES else "a folder"
            raise StorydiffError(f"{entry}: is {what}, which no corpus run makes; {advice}")
        if entry.name in TABLES:
            for part in sorted(entry.iterdir()):
                if not part.name.startswith(".") and not PART_NAME.fullmatch(part.name):
                    raise StorydiffError(
                        f"{part}: is not a part of a corpus run; move it out of the run's "
                        "folder, or give --out another folder"
                    )
    summary = folder / SUMMARY_FILE
    if summary.is_file() and not any((folder / "pairs").glob("part-*.parquet")):
        try:  # (beside parts, a damaged summary is a run's, and is written anew)
            ours = {"stories", "pairs", "chunks", "options"} <= set(json.loads(summary.read_text()))
        except (OSError, UnicodeDecodeError, ValueError, TypeError):
            ours = False
        if not ours:
            raise StorydiffError(f"{summary}: is not the summary of a corpus run; {advice}")


LOCK_FILE = ".storydiff-corpus.lock"
"""Held by the run writing a folder: the process id of its command and its machine's name."""


def _take_lock(folder: Path) -> Path:
    """Hold `folder` for this run, or refuse in one line if another run that may be alive
    holds it (two runs into one folder mixed their parts, and both ended with exit 0). A lock
    left by a run of this machine that died, or by this process, is taken over; one written on
    another machine (a folder shared with a cluster, a container) is held, as that run cannot
    be seen from here."""
    path = folder / LOCK_FILE
    here = socket.gethostname()
    for _ in range(3):
        try:
            handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                words = path.read_text().split()
                holder, host = int(words[0]), " ".join(words[1:]) or here
            except (OSError, ValueError, IndexError):
                holder, host = 0, here
            elsewhere = host != here
            if holder and (elsewhere or (holder != os.getpid() and _alive(holder))):
                on = f" on {host}" if elsewhere else ""
                raise StorydiffError(
                    f"{folder}: another corpus run (process {holder}{on}) is writing it; wait "
                    f"for it to end, or give --out another folder (if no run is writing it, "
                    f"delete {path})"
                ) from None
            path.unlink(missing_ok=True)  # its run is gone
            continue
        with os.fdopen(handle, "w") as stream:
            stream.write(f"{os.getpid()} {here}\n")
        return path
    raise StorydiffError(f"{path}: cannot be made; check that the folder can be written")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def check_replaces(folder: str | os.PathLike, source: str, options: CorpusOptions) -> None:
    """Refuse in one line to write over the finished run in `folder` when it was made from
    another source or with other options (its ``corpus.json`` says so): its tables would be
    replaced. A run from the same source and options is resumed or brought up to date."""
    summary = Path(folder) / SUMMARY_FILE
    try:
        finished = json.loads(summary.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return  # no finished run (or not one that can be read): nothing to keep
    if not isinstance(finished, dict):
        return
    before = finished.get("source_path")  # (an older run's summary names no absolute path)
    if before is not None and before != source:
        what = f"a finished corpus run of {before}"
    elif finished.get("options") not in (None, options.to_dict()):
        changed = sorted(
            name
            for name, value in options.to_dict().items()
            if finished["options"].get(name) != value
        )
        what = f"a finished corpus run with other options ({', '.join(changed)})"
    else:
        return
    raise StorydiffError(
        f"{folder}: holds {what}; give --out another folder, or --replace to replace it "
        "(replace=True in Python)"
    )


class PartWriter:
    """Writes the parts of a corpus run into `folder` (see the module documentation)."""

    def __init__(self, folder: str | os.PathLike, options: CorpusOptions):
        self.folder = Path(folder)
        self.options = options
        self.schemas = schemas(options)
        if self.folder.exists() and not self.folder.is_dir():
            raise StorydiffError(f"{self.folder}: is a file; give a folder for the output")
        _check_own_folder(self.folder)
        for table in TABLES:
            (self.folder / table).mkdir(parents=True, exist_ok=True)
        self.lock = _take_lock(self.folder)
        for table in TABLES:
            remove_stale_temporaries(self.folder / table, recursive=False)
        remove_stale_temporaries(self.folder, recursive=False)
        self._finished_run_kept = True

    def _unfinish(self) -> None:
        """Before the first part is written or removed: what says the folder holds a finished
        run, or describes one, goes, so that a run stopped midway is not read as the one
        before it (a run that stops before it changes a part leaves that run whole)."""
        if self._finished_run_kept:
            for name in (SUMMARY_FILE, PAGE_FILE, INDEX_FILE):
                (self.folder / name).unlink(missing_ok=True)
            self._finished_run_kept = False

    def part(self, table: str, index: int) -> Path:
        return self.folder / table / f"part-{index:06d}.parquet"

    def is_done(self, index: int, key: str) -> bool:
        """Whether chunk `index` is already written whole with this key: each of its three
        parts carries the key and reads whole, its pages' checksums verified, so a damaged
        part, or one copied from another run, is made again."""
        return all(self._holds(self.part(table, index), key) for table in TABLES)

    @staticmethod
    def _holds(part: Path, key: str) -> bool:
        import pyarrow.parquet as pq  # noqa: PLC0415

        if not part.is_file():
            return False
        try:
            file = pq.ParquetFile(part, page_checksum_verification=True)
            if (file.schema_arrow.metadata or {}).get(_KEY, b"").decode() != key:
                return False
            file.read()
        except (OSError, ValueError, UnicodeDecodeError):
            return False
        return True

    def write(self, result: ChunkTables, key: str) -> None:
        """Write a chunk's three parts, each carrying the key, the pairs part last, with
        checksums on their pages."""
        pa = _pa()
        import pyarrow.parquet as pq  # noqa: PLC0415

        self._unfinish()
        for table in ("groups", "errors", "pairs"):
            schema = self.schemas[table].with_metadata({_KEY: key.encode()})
            data = pa.Table.from_pylist(getattr(result, table), schema=schema)
            sink = pa.BufferOutputStream()
            pq.write_table(data, sink, compression="zstd", write_page_checksum=True)
            atomic_write(self.part(table, result.index), sink.getvalue().to_pybytes())

    def prune(self, n_chunks: int) -> None:
        """Remove parts of chunks beyond the last one (left by an earlier, longer run)."""
        for table in TABLES:
            for path in (self.folder / table).glob("part-*.parquet"):
                number = PART_NAME.fullmatch(path.name)
                if number and int(number.group(1)) >= n_chunks:
                    self._unfinish()
                    path.unlink()

    def release(self) -> None:
        """Let other runs write into the folder (the lock of :func:`_take_lock` goes)."""
        self.lock.unlink(missing_ok=True)

    def write_summary(self, summary: dict) -> Path:
        return atomic_write(self.folder / SUMMARY_FILE, json.dumps(summary, indent=2) + "\n")


def write_story_index(folder: str | os.PathLike) -> Path:
    """Write a finished run's :data:`INDEX_FILE` (:func:`storydiff.corpus.compare_corpus` does,
    before ``corpus.json``): each story of the pairs and errors tables with the number
    of every part that holds its rows (a story cut into slices is in several), sorted by
    story, in row groups of :data:`INDEX_ROW_GROUP`. A reader looking for a few stories
    then reads a row group of it and their parts, instead of every part's footer."""
    folder = Path(folder)
    pa = _pa()
    import pyarrow.compute as pc  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    from .reading import _read_ahead, _read_part  # noqa: PLC0415

    parts = []
    for table in ("pairs", "errors"):
        parts += sorted(p for p in (folder / table).iterdir() if PART_NAME.fullmatch(p.name))

    def stories_of(part: Path):
        stories = pc.unique(_read_part(part, ["story"], None).column("story"))
        number = int(part.stem.split("-")[1])
        return pa.table({"story": stories, "part": pa.array([number] * len(stories), pa.int32())})

    found = list(_read_ahead(stories_of, parts))
    if found:
        index = pa.concat_tables(found)
    else:
        index = pa.table({"story": pa.array([], pa.string()), "part": pa.array([], pa.int32())})
    index = index.sort_by([("story", "ascending"), ("part", "ascending")])
    sink = pa.BufferOutputStream()
    pq.write_table(index, sink, compression="zstd", row_group_size=INDEX_ROW_GROUP)
    return atomic_write(folder / INDEX_FILE, sink.getvalue().to_pybytes())
