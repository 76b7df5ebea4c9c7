"""Turn the bytes of a file into text, or say clearly why not.

Order of attempts: a byte-order mark (UTF-8, UTF-16, UTF-32), strict UTF-8, then Windows-1252
(which also reads Latin-1 text: the two agree on every printable Latin-1 byte) with a visible
warning. Bytes that fit none of these, and files that are binary (NUL bytes, known binary
signatures), are errors that name the file and what to do. Line breaks are normalised to ``\\n`` as
Python's text mode does, so character offsets refer to the text exactly as :func:`decode_bytes`
returns it.

Examples
--------
>>> decode_bytes("café\\r\\nbar".encode("utf-8"), name="a.txt").text
'café\\nbar'
>>> decoded = decode_bytes("café".encode("cp1252"), name="b.txt")
>>> decoded.text, decoded.encoding
('café', 'cp1252')
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import BinaryFileError, DecodingError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document; extract its text first (e.g. with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive or Word/OpenDocument file; save the article as plain text"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive; decompress it first"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file; save the article as plain text"),
    (b"{\\rtf", "an RTF document; save the article as plain text"),
)


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes.

    Attributes
    ----------
    text : str
        The decoded text, byte-order mark removed, line breaks as ``\\n``.
    encoding : str
        The codec that decoded it (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1252``, ...).
    warnings : tuple of str
        Fallbacks the reader should know about (empty when the text was plain UTF-8).
    """

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _binary_reason(data: bytes) -> str | None:
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return what
    head = data[:8192]
    if b"\x00" in head:
        return (
            "binary data (it contains NUL bytes); if it is UTF-16 text without a byte-order "
            "mark, re-save it as UTF-8"
        )
    return None


_C1_CONTROLS = re.compile("[\u0080-\u009f]")


def _forced_note(data: bytes, text: str, name: str, encoding: str) -> tuple[str, ...]:
    """A warning when bytes decoded with a forced codec look misread: control characters where
    Windows-1252 has quote marks and dashes (Windows text read as Latin-1), or bytes that are
    valid UTF-8 and read otherwise (``--encoding utf-16`` on a UTF-8 file gives a text of
    Chinese-looking characters)."""
    if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig"):
        return ()
    if _C1_CONTROLS.search(text):  # curly quotes and dashes of cp1252 read as latin-1
        return (
            f"{name}: read as {encoding}, as asked, but it then holds control characters "
            "(U+0080 to U+009F) where Windows-1252 has quote marks and dashes; if it is "
            "Windows text, give the encoding cp1252",
        )
    try:
        as_utf8 = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ()
    if as_utf8 == text:
        return ()
    return (
        f"{name}: read as {encoding}, as asked, but its bytes are valid UTF-8, which reads "
        "differently; if its text looks wrong, leave the encoding out",
    )


def decode_bytes(data: bytes, *, name: str, encoding: str | None = None) -> DecodedText:
    """Decode the bytes of one input file.

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        How to name the input in messages (usually its path).
    encoding : str, optional
        Force a codec (any name Python knows, e.g. ``"latin-1"``); no guessing, and a warning
        only when the text looks misread (:func:`_forced_note`).

    Returns
    -------
    DecodedText

    Raises
    ------
    BinaryFileError
        The bytes are a binary file, not text.
    DecodingError
        The bytes are neither UTF-8 nor Windows-1252, or not in the forced encoding.

    Examples
    --------
    >>> decode_bytes(codecs.BOM_UTF8 + b"Hello", name="x.txt").encoding
    'utf-8-sig'
    >>> decode_bytes(b"%PDF-1.7 ...", name="x.txt")
    Traceback (most recent call last):
    ...
    storydiff.errors.BinaryFileError: x.txt: this is a PDF document; extract its text first ...
    """
    if encoding is not None:
        try:
            text = data.decode(encoding)
            if codecs.lookup(encoding).name == "utf-8":
                text = text.removeprefix("\ufeff")  # (a byte-order mark is no text)
            return DecodedText(
                _normalise_newlines(text), encoding, _forced_note(data, text, name, encoding)
            )
        except LookupError:
            raise DecodingError(
                f"{name}: unknown encoding {encoding!r}; "
                "use a codec name such as 'utf-8' or 'cp1252'"
            ) from None
        except UnicodeDecodeError as exc:
            raise DecodingError(
                f"{name}: bytes at position {exc.start} are not valid {encoding}; "
                "check the encoding or leave it unset to detect it"
            ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(_normalise_newlines(data.decode(codec)), codec)
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    f"{name}: starts with a {codec} byte-order mark but byte {exc.start} is not "
                    f"valid {codec}; re-save the file as UTF-8"
                ) from None
    reason = _binary_reason(data)
    if reason:
        raise BinaryFileError(f"{name}: this is {reason}")
    try:
        return DecodedText(_normalise_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as utf8_error:
        position = utf8_error.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise DecodingError(
            f"{name}: not valid UTF-8 (byte {position}) nor Windows-1252/Latin-1; "
            "re-save the file as UTF-8 or pass its encoding"
        ) from None
    warning = (
        f"{name}: not valid UTF-8 (byte {position}); read as Windows-1252/Latin-1. "
        "Check accented letters and quotes, or re-save the file as UTF-8"
    )
    return DecodedText(_normalise_newlines(text), "cp1252", (warning,))


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def replace_lone_surrogates(text: str) -> tuple[str, int]:
    """`text` as valid Unicode, and how many characters were replaced.

    A lone surrogate (one half of a UTF-16 pair) is not a character: a JSON escape such as
    ``"\\ud83d"`` (half of an emoji, cut by a scraper) gives one, and so does a file name read
    with ``surrogateescape``. No UTF-8 file, Parquet table or web page can hold it. Each one is
    replaced by U+FFFD, one character for one, so every offset into the text still holds.

    Examples
    --------
    >>> text, n = replace_lone_surrogates("emoji \\ud83d cut")
    >>> text == "emoji \\ufffd cut", n
    (True, 1)
    >>> replace_lone_surrogates("Kyiv \\U0001F600")
    ('Kyiv 😀', 0)
    """
    return _LONE_SURROGATE.subn(REPLACEMENT, text)


_AS_BROWSERS_READ = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254"}
"""Declared encodings that browsers read as a Windows code page (the WHATWG Encoding standard):
pages declaring ISO-8859-1 hold Windows-1252 quote marks and dashes."""

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.I)
"""A page's declared encoding: ``<meta charset="koi8-r">`` or the ``http-equiv`` form."""


def declared_charset(data: bytes) -> str | None:
    """The codec a web page's ``<meta>`` declares in its first 4,096 bytes, as Python names it
    (None when it declares none, or one Python does not know).

    Examples
    --------
    >>> declared_charset(b'<html><head><meta charset="KOI8-R"><title>')
    'koi8-r'
    >>> declared_charset(b'<meta http-equiv="content-type" content="text/html; charset=cp1251">')
    'cp1251'
    >>> declared_charset(b'<meta charset="iso-8859-1">')  # (as browsers read it)
    'cp1252'
    >>> declared_charset(b"<p>no declaration</p>") is None
    True
    """
    found = _META_CHARSET.search(data[:4096])
    if found is None:
        return None
    try:
        name = codecs.lookup(found[1].decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _AS_BROWSERS_READ.get(name, name)


def decode_html_bytes(data: bytes, *, name: str, encoding: str | None = None) -> DecodedText:
    """:func:`decode_bytes` for a web page: bytes that are not UTF-8 (and carry no byte-order
    mark) are read in the encoding the page declares, when it declares one they are valid in,
    rather than guessed as Windows-1252 (a Russian page saved in KOI8-R read as "ðÕÔÉÎ").

    Examples
    --------
    >>> page = '<meta charset="koi8-r"><p>Путин</p>'.encode("koi8-r")
    >>> decoded = decode_html_bytes(page, name="p.html")
    >>> decoded.encoding, "Путин" in decoded.text, decoded.warnings
    ('koi8-r', True, ())
    """
    if encoding is None and not any(data.startswith(bom) for bom, _ in _BOMS):
        declared = declared_charset(data)
        if declared is not None and declared != "utf-8":
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode(declared)
                except UnicodeDecodeError:
                    text = None  # (the declaration is wrong: guess as for any file)
                if text is not None and not _C1_CONTROLS.search(text):
                    return DecodedText(_normalise_newlines(text), declared)
    return decode_bytes(data, name=name, encoding=encoding)
