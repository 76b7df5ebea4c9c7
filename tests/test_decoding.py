"""Decoding bytes: BOMs, UTF-8, the Windows-1252/Latin-1 fallback, binary and undecodable input."""

from __future__ import annotations

import codecs

import pytest
from storydiff.decoding import decode_bytes, replace_lone_surrogates
from storydiff.errors import BinaryFileError, DecodingError

TEXT = "Kyiv’s “peace plan” – café"


@pytest.mark.parametrize(
    ("data", "encoding", "warned"),
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", False),
        (TEXT.encode("utf-16"), "utf-16", False),
        (TEXT.encode("cp1252"), "cp1252", True),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "cp1252"],
)
def test_supported_encodings_give_the_same_text(data, encoding, warned):
    decoded = decode_bytes(data, name="v.txt")
    assert decoded.text == TEXT
    assert decoded.encoding == encoding
    assert bool(decoded.warnings) == warned


def test_latin1_text_reads_through_the_fallback_with_a_warning():
    decoded = decode_bytes("Zürich, señor, déjà vu".encode("latin-1"), name="old.txt")
    assert decoded.text == "Zürich, señor, déjà vu"
    assert "old.txt" in decoded.warnings[0] and "Windows-1252/Latin-1" in decoded.warnings[0]


def test_line_breaks_are_normalised_so_offsets_match_text_mode():
    assert decode_bytes(b"a\r\nb\rc\n", name="x").text == "a\nb\nc\n"


def test_forced_encoding_is_used_without_warning():
    decoded = decode_bytes("déjà".encode("latin-1"), name="x", encoding="latin-1")
    assert (decoded.text, decoded.warnings) == ("déjà", ())


@pytest.mark.parametrize(
    ("text", "encoding", "shown"),
    [("Two men died..", "utf-16", "睔\u206f敭\u206e楤摥⸮"), ("café", "cp1252", "cafÃ©")],
)
def test_a_forced_encoding_that_misreads_utf8_is_used_with_a_warning(text, encoding, shown):
    """``--encoding utf-16`` on a UTF-8 file gave Chinese-looking characters without a word."""
    decoded = decode_bytes(text.encode("utf-8"), name="x.txt", encoding=encoding)
    assert decoded.text == shown
    (warning,) = decoded.warnings
    assert warning.startswith(f"x.txt: read as {encoding}, as asked, but its bytes are valid UTF-8")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.4\n%\xe2\xe3", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"text\x00with\x00nul", "NUL bytes"),
    ],
)
def test_binary_input_is_refused_with_its_kind(data, expected):
    with pytest.raises(BinaryFileError, match=expected) as info:
        decode_bytes(data, name="in.txt")
    assert str(info.value).startswith("in.txt: ")


def test_bytes_valid_in_no_supported_encoding_are_an_error():
    with pytest.raises(DecodingError, match=r"in\.txt: not valid UTF-8 .* nor Windows-1252"):
        decode_bytes(b"abc \x81\x8d\x90 def", name="in.txt")


def test_unknown_forced_encoding_is_an_error():
    with pytest.raises(DecodingError, match="unknown encoding 'klingon'"):
        decode_bytes(b"abc", name="x", encoding="klingon")


@pytest.mark.parametrize(
    ("text", "expected", "count"),
    [
        ("plain text", "plain text", 0),
        ("", "", 0),
        ("a whole emoji \U0001f600 stays", "a whole emoji \U0001f600 stays", 0),
        ("half an emoji \ud83d here", "half an emoji \ufffd here", 1),
        ("the other half \ude00", "the other half \ufffd", 1),
        ("\udc80\udcff bytes escaped", "\ufffd\ufffd bytes escaped", 2),
        ("\ude00\ud83d swapped halves", "\ufffd\ufffd swapped halves", 2),
    ],
)
def test_lone_surrogates_become_replacement_characters(text, expected, count):
    valid, replaced = replace_lone_surrogates(text)
    assert (valid, replaced) == (expected, count)
    assert len(valid) == len(text)  # offsets into the text still hold
    valid.encode("utf-8")  # no longer raises


def test_windows_text_forced_as_latin1_is_used_with_a_warning():
    """Its curly quotes and dashes became invisible control characters without a word, and
    the quote ledger lost its quotes."""
    data = "He said \u201cno\u201d \u2013 then left.".encode("cp1252")
    decoded = decode_bytes(data, name="x.txt", encoding="latin-1")
    assert "\x93no\x94" in decoded.text
    (warning,) = decoded.warnings
    assert "control characters" in warning and "give the encoding cp1252" in warning


def test_forced_utf8_on_a_file_with_a_byte_order_mark_reads_it_without_a_warning():
    decoded = decode_bytes(codecs.BOM_UTF8 + "Café".encode(), name="x.txt", encoding="utf8")
    assert (decoded.text, decoded.warnings) == ("Café", ())
