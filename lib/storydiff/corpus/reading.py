"""Reading a finished corpus run: its summary, its tables whole or in batches of whole
stories, only the columns and stories asked for, and one story's rows.

A run is finished when its ``corpus.json`` is there (:mod:`storydiff.corpus.output` writes it
last). Every reader names a damaged or missing part in one line, and says to run the corpus
again, which writes it anew.
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ..errors import ParameterError, StorydiffError
from ..reading import stored_story_id
from .output import INDEX_FILE, PART_NAME, SUMMARY_FILE, TABLES, _pa


def _finished(folder: str | os.PathLike) -> Path:
    folder = Path(folder)
    if not (folder / SUMMARY_FILE).is_file():
        raise StorydiffError(
            f"{folder}: no finished corpus run here ({SUMMARY_FILE} is missing); "
            "run storydiff corpus MANIFEST --out FOLDER first"
        )
    return folder


def read_summary(folder: str | os.PathLike) -> dict:
    """What a finished corpus run wrote in ``corpus.json``: its counts, source, options, time.

    Raises
    ------
    StorydiffError
        When `folder` holds no finished corpus run, or its ``corpus.json`` is not JSON.
    """
    path = _finished(folder) / SUMMARY_FILE
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StorydiffError(
            f"{path}: not a corpus summary ({exc}); run storydiff corpus again to rewrite it"
        ) from None
    if not isinstance(summary, dict):
        raise StorydiffError(f"{path}: not a corpus summary; run storydiff corpus again")
    return summary


def _table_parts(folder: str | os.PathLike, table: str) -> list[Path]:
    """A finished run's parts of `table`, in corpus order: one for each of the run's chunks
    (``corpus.json`` counts them; another file in the folder, such as a copy of a part, is
    not the run's); a missing one is an error that names it."""
    if table not in TABLES:
        raise ParameterError(
            f"table={table!r} is not a corpus table; use one of {', '.join(TABLES)}"
        )
    folder = _finished(folder)
    chunks = read_summary(folder).get("chunks")
    if not isinstance(chunks, int) or isinstance(chunks, bool):  # a summary without the count
        return sorted(p for p in (folder / table).iterdir() if PART_NAME.fullmatch(p.name))
    parts = [folder / table / f"part-{i:06d}.parquet" for i in range(chunks)]
    missing = next((part for part in parts if not part.is_file()), None)
    if missing is not None:
        raise StorydiffError(
            f"{missing}: missing (the run wrote {chunks} parts of each table); run storydiff "
            "corpus again with the same --out to write it anew"
        )
    return parts


def table_columns(folder: str | os.PathLike, table: str) -> list[str]:
    """The columns of a table of a finished corpus run (none when it has no part).

    Raises
    ------
    StorydiffError
        When `folder` holds no finished run.
    ParameterError
        When `table` is not one of :data:`TABLES`.
    """
    return _columns_of(_table_parts(folder, table))


def _columns_of(parts: list[Path]) -> list[str]:
    import pyarrow.parquet as pq  # noqa: PLC0415

    if not parts:
        return []
    with _readable(parts[0]):
        return pq.read_schema(parts[0]).names


def read_corpus_table(
    folder: str | os.PathLike,
    table: str,
    *,
    columns: list[str] | tuple[str, ...] | None = None,
    stories: list | tuple | set | None = None,
) -> pd.DataFrame:
    """One table of a corpus output folder, rows in corpus order, only what is asked for.

    Each part is read for its `columns` only. With `stories`, only the parts that the run's
    story index names are read (a run without one: those whose footers do not rule them
    out), and only those stories' rows are kept, so picking one story's groups out of a corpus
    of millions takes a few hundredths of a second and a part's memory.

    Parameters
    ----------
    folder : str or Path
        A finished corpus run's output folder.
    table : {"pairs", "groups", "errors"}
    columns : list of str, optional
        The columns to read (all by default).
    stories : list, optional
        Keep only the rows of these story ids (all by default).

    Raises
    ------
    StorydiffError
        When `folder` holds no finished run, or a column is not in the table.
    ParameterError
        When `table` is not one of :data:`TABLES`.
    """
    for name, value in (("columns", columns), ("stories", stories)):
        if isinstance(value, str):
            raise ParameterError(f"{name} takes a list, e.g. [{value!r}], not a bare string")
    parts, columns = _parts_and_columns(folder, table, columns)
    wanted = None if stories is None else sorted({stored_story_id(str(s)) for s in stories})
    if wanted is None:
        read = list(_read_ahead(lambda part: _read_part(part, columns, None), parts))
    else:  # from the story index, or most parts ruled out by their footers (too quick to thread)
        holding = _indexed_parts(folder, wanted)
        if holding is not None:  # (a part none is in still gives the columns' types)
            parts = [Path(folder) / table / name for name in holding] or parts[:1]
        read = [_read_part(part, columns, wanted) for part in parts]
    if not read:  # the table has no part
        return pd.DataFrame(columns=columns or [])
    return _joined(read, parts, columns).to_pandas()


def _joined(read: list, parts: list[Path], columns: list[str] | None):
    """The tables `read` from `parts` (their `columns`, or all), one after the other. A part
    whose columns are not those of the table's first part (a folder holding parts of two runs
    with different options) is an error that names it."""
    first_part = parts[0].with_name("part-000000.parquet")
    if parts[0] == first_part or not first_part.is_file():
        first, first_part = read[0], parts[0]
    else:  # (only some parts were read, for some stories: the first part's footer)
        first = _columns_like(first_part, columns)
    for table, part in zip(read, parts, strict=True):
        _check_same_columns(table, part, first, first_part)
    return _pa().concat_tables(read)


def _columns_like(part: Path, names: list[str] | None):
    """An empty table of `part`'s `names` columns (all its columns if None, or if it lacks
    one)."""
    import pyarrow.parquet as pq  # noqa: PLC0415

    with _readable(part):
        schema = pq.read_schema(part).remove_metadata()
    if names is not None and all(name in schema.names for name in names):
        schema = _pa().schema([schema.field(name) for name in names])
    return schema.empty_table()


def _check_same_columns(table, part: Path, first, first_part: Path) -> None:
    if not table.schema.equals(first.schema):
        raise StorydiffError(
            f"{part}: its columns are not those of {first_part.name} (parts of two runs with "
            "different options); run storydiff corpus again with the same --out to write them anew"
        )


def _parts_and_columns(
    folder: str | os.PathLike, table: str, columns
) -> tuple[list[Path], list[str] | None]:
    """A table's parts in corpus order, and `columns` checked against the table's."""
    parts = _table_parts(folder, table)
    known = _columns_of(parts)
    if columns is None:
        return parts, None
    columns = list(columns)
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise StorydiffError(
            f"{Path(folder) / table}: no column {', '.join(map(repr, unknown))}; "
            f"the table has {', '.join(known)}"
        )
    return parts, columns


BATCH_ROWS = 100_000
"""Rows of a table :func:`iter_corpus_table` gathers before it gives them (more when one
story has more): about 20 MB of the pairs table's numbers and ids."""


def iter_corpus_table(
    folder: str | os.PathLike,
    table: str,
    *,
    columns: list[str] | tuple[str, ...] | None = None,
    batch_rows: int = BATCH_ROWS,
):
    """One table of a corpus output folder in batches of whole stories, in corpus order.

    For tallies over runs too large to hold at once: each batch is a DataFrame of about
    `batch_rows` rows, and a story's rows are all in one batch, even the rows of a story
    the run cut into several parts (a batch is then longer). Only `columns` are read
    (``story`` always is).

    Parameters
    ----------
    folder : str or Path
        A finished corpus run's output folder.
    table : {"pairs", "groups", "errors"}
    columns : list of str, optional
        The columns to read (all by default).
    batch_rows : int, default BATCH_ROWS
        Rows gathered before a batch is given.

    Yields
    ------
    DataFrame
        Rows of whole stories; nothing for a table without rows.

    Raises
    ------
    StorydiffError
        When `folder` holds no finished run, or a column is not in the table.
    ParameterError
        When `table` is not a corpus table, `columns` a bare string, or `batch_rows` not a
        whole number of 1 or more.
    """
    if isinstance(columns, str):
        raise ParameterError(f"columns takes a list, e.g. [{columns!r}], not a bare string")
    if isinstance(batch_rows, bool) or not isinstance(batch_rows, int) or batch_rows < 1:
        raise ParameterError(f"batch_rows must be a whole number of 1 or more, got {batch_rows!r}")
    parts, columns = _parts_and_columns(folder, table, columns)
    if columns is not None and "story" not in columns:
        columns = ["story", *columns]
    pa = _pa()
    held, rows, first = [], 0, None
    reads = _read_ahead(lambda part: _read_part(part, columns, None), parts)
    for part, read in zip(parts, reads, strict=True):
        first = first or (read, part)
        _check_same_columns(read, part, *first)
        held.append(read)
        rows += read.num_rows
        if rows < batch_rows:
            continue
        batch = pa.concat_tables(held)
        whole = _end_of_whole_stories(batch)
        held = [batch.slice(whole)]
        if whole:
            yield batch.slice(0, whole).to_pandas()
            rows = batch.num_rows - whole
    if rows:
        yield pa.concat_tables(held).to_pandas()


def _end_of_whole_stories(batch) -> int:
    """The rows of `batch` before its last story's (which may go on in the next part)."""
    import pyarrow.compute as pc  # noqa: PLC0415

    stories = batch.column("story")
    other = pc.indices_nonzero(pc.not_equal(stories, stories[-1]))
    return other[-1].as_py() + 1 if len(other) else 0


READ_THREADS = 4
"""Parts read at once by :func:`read_corpus_table` and :func:`iter_corpus_table` (pyarrow
reads without holding the GIL; most of a small part's time is opening it)."""


def _read_ahead(function, parts: list[Path], ahead: int = 4 * READ_THREADS):
    """``function(part)`` of each part, in order, as they are needed: up to `ahead` parts
    are read in :data:`READ_THREADS` threads while the caller works on the ones before."""
    if len(parts) < 2 * READ_THREADS:
        yield from map(function, parts)
        return
    from collections import deque  # noqa: PLC0415
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    with ThreadPoolExecutor(READ_THREADS, thread_name_prefix="storydiff-read") as pool:
        pending = deque(pool.submit(function, part) for part in parts[:ahead])
        for part in parts[ahead:]:
            yield pending.popleft().result()
            pending.append(pool.submit(function, part))
        while pending:
            yield pending.popleft().result()


def _read_part(part: Path, columns: list[str] | None, wanted: list[str] | None):
    """One part's `columns`, only the rows of the `wanted` story ids (sorted) if given.

    A part whose row groups' statistics show that it holds none of the wanted stories is
    answered from its footer alone, without reading its data."""
    with _readable(part):
        return _read_readable_part(part, columns, wanted)


@contextmanager
def _readable(part: Path):
    """Turn pyarrow's error on a damaged or missing part into one line that names it."""
    try:
        yield
    except (OSError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        remedy = "" if isinstance(exc, FileNotFoundError) else "delete it and "
        raise StorydiffError(
            f"{part}: cannot be read as a part of a corpus run ({reason}); {remedy}run storydiff "
            "corpus again with the same --out to write it anew"
        ) from None


def _read_readable_part(part: Path, columns: list[str] | None, wanted: list[str] | None):
    import pyarrow.compute as pc  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    file = pq.ParquetFile(part, page_checksum_verification=True)
    schema = file.schema_arrow.remove_metadata()
    shown = schema.names if columns is None else columns
    if wanted is None:
        return file.read(columns=shown).replace_schema_metadata(None)
    empty = _pa().schema([schema.field(name) for name in shown]).empty_table()
    if not wanted or not _may_hold(file, wanted):
        return empty
    stories = file.read(columns=["story"]).column("story")
    mask = pc.is_in(stories, value_set=_pa().array(wanted, type=_pa().string()))
    if not pc.any(mask).as_py():
        return empty
    return file.read(columns=shown).replace_schema_metadata(None).filter(mask)


def _may_hold(file, wanted: list[str]) -> bool:
    """Whether a Parquet file may hold one of the `wanted` story ids (sorted), by the minimum
    and maximum its row groups record for the ``story`` column (True without statistics)."""
    from bisect import bisect_left  # noqa: PLC0415

    metadata = file.metadata
    column = file.schema_arrow.get_field_index("story")
    for group in range(metadata.num_row_groups):
        statistics = metadata.row_group(group).column(column).statistics
        if statistics is None or not statistics.has_min_max:
            return True
        low, high = statistics.min, statistics.max
        at = bisect_left(wanted, low)
        if at < len(wanted) and wanted[at] <= high:
            return True
    return False


def read_corpus_story(folder: str | os.PathLike, story: str) -> dict[str, pd.DataFrame]:
    """Every pair and every group of one story of a corpus run, in corpus order.

    A chunk's parts have the same name in every table, so the story is looked for in the
    pairs table only (its parts are small, and most are ruled out by their footers), and the
    groups are read from the parts of the same names: half the looking of two
    :func:`read_corpus_table` calls.

    Parameters
    ----------
    folder : str or Path
        A finished corpus run's output folder.
    story : str
        The story's id.

    Returns
    -------
    dict
        ``{"pairs": DataFrame, "groups": DataFrame}``, empty (with the tables' columns) when
        the run compared no pair of the story.

    Raises
    ------
    StorydiffError
        When `folder` holds no finished run.
    ParameterError
        When `story` is not a string.
    """
    if not isinstance(story, str):
        raise ParameterError(f"story must be a story id (a string), got {type(story).__name__}")
    found = {"pairs": [], "groups": []}
    read_from = []
    folder = _finished(folder)
    story = stored_story_id(story)  # (as the run stored it)
    holding = _indexed_parts(folder, [story])
    if holding is None:
        parts = _table_parts(folder, "pairs")
    else:
        parts = [folder / "pairs" / name for name in holding]
    for part in parts:
        pairs = _read_part(part, None, [story])
        if pairs.num_rows:
            found["pairs"].append(pairs)
            found["groups"].append(_read_part(folder / "groups" / part.name, None, [story]))
            read_from.append(part.name)
    tables = {}
    for table, read in found.items():
        if read:
            named = [folder / table / name for name in read_from]
            tables[table] = _joined(read, named, None).to_pandas()
        else:
            tables[table] = pd.DataFrame(columns=table_columns(folder, table))
    return tables


def _indexed_parts(folder: str | os.PathLike, wanted: list[str]) -> list[str] | None:
    """The names of the parts holding rows of the `wanted` stories, from the run's story index
    (:data:`~storydiff.corpus.output.INDEX_FILE`), in corpus order; None when the run has no
    index (written before the seventeenth session, or copied without it)."""
    path = Path(folder) / INDEX_FILE
    if not path.is_file():
        return None
    if not wanted:
        return []
    import pyarrow.parquet as pq  # noqa: PLC0415

    with _readable(path):
        found = pq.read_table(path, columns=["part"], filters=[("story", "in", wanted)])
    return [f"part-{number:06d}.parquet" for number in sorted(set(found["part"].to_pylist()))]


def read_corpus(
    folder: str | os.PathLike, *, tables: tuple[str, ...] | list[str] = TABLES
) -> dict[str, pd.DataFrame]:
    """The tables of a corpus output folder, whole, rows in corpus order.

    For a large corpus, read only the columns and stories you need with
    :func:`read_corpus_table`: the groups table holds every sentence's text.

    Returns
    -------
    dict
        ``{"pairs": DataFrame, "groups": DataFrame, "errors": DataFrame}`` (those of `tables`).

    Raises
    ------
    StorydiffError
        When `folder` holds no finished corpus run.
    """
    return {table: read_corpus_table(folder, table) for table in tables}
