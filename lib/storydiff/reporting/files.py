"""Writing outputs so that a reader never sees half of one, and hashing inputs.

Every report file is written to a hidden temporary file in the same folder and renamed into place
(:func:`os.replace` is atomic on one file system): a batch killed midway leaves complete files
or none, and at worst a stale ``.*.tmp`` file that the next run removes.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write(folder / "out" / "a.txt", "done")
PosixPath('...a.txt')
>>> (folder / "out" / "a.txt").read_text(), sorted(p.name for p in (folder / "out").iterdir())
('done', ['a.txt'])
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

TEMP_SUFFIX = ".tmp"
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))
"""The names :func:`atomic_write` gives its temporary files: ``.NAME.XXXXXXXX.tmp``."""


def atomic_write(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write *data* to *path* through a temporary file and a rename; return the path.

    The folder is created when missing. Text is written as UTF-8.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def remove_stale_temporaries(folder: str | os.PathLike, *, recursive: bool = True) -> int:
    """Delete the temporary files an interrupted run left in *folder* (and its subfolders, when
    `recursive`); return how many. Only names that :func:`atomic_write` gives are removed:
    ``.NAME.XXXXXXXX.tmp``, not a user's ``.session.tmp``.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / ".index.html.x1ab_9yz.tmp").write_text("half")
    >>> _ = (folder / ".session.tmp").write_text("someone else's")
    >>> remove_stale_temporaries(folder), sorted(p.name for p in folder.iterdir())
    (1, ['.session.tmp'])
    """
    removed = 0
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    found = folder.rglob(f".*{TEMP_SUFFIX}") if recursive else folder.glob(f".*{TEMP_SUFFIX}")
    for path in found:
        if _TEMPORARY.fullmatch(path.name) and path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def hash_files(paths: Iterable[str | os.PathLike], *, extra: Iterable[str] = ()) -> str:
    """SHA-256 over the names and bytes of *paths* (in the order given) and *extra* strings.

    A missing file hashes as its name and the word ``missing``, so that a story whose file is
    gone gets a new hash rather than an error here.

    >>> hash_files([], extra=["a"]) == hash_files([], extra=["a"]) != hash_files([], extra=["b"])
    True
    """
    digest = hashlib.sha256()
    for path in paths:
        path = Path(path)
        digest.update(str(path.name).encode("utf-8") + b"\0")
        try:
            with path.open("rb") as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            digest.update(b"missing")
        digest.update(b"\0")
    for item in extra:
        digest.update(item.encode("utf-8") + b"\0")
    return digest.hexdigest()


def package_fingerprint(folder: str | os.PathLike) -> str:
    """A hash of the code and resources under *folder* (``.py``, ``.csv``, ``.txt``, ``.j2``...),
    so that reports made by older code count as out of date."""
    folder = Path(folder)
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(TEMP_SUFFIX)
    )
    return hash_files(files, extra=[str(p.relative_to(folder)) for p in files])


__all__ = ["atomic_write", "hash_files", "package_fingerprint", "remove_stale_temporaries"]
