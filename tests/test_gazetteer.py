"""The gazetteer: the bundled file's provenance, lookups, a user's own file, and bad files."""

from __future__ import annotations

import os

import pytest
from storydiff.entities import find_entities
from storydiff.errors import DecodingError, InputNotFoundError, ParameterError
from storydiff.gazetteer import GAZETTEER_TYPES, fold_name, load_gazetteer
from storydiff.story import Version


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("Kyiv", ("PLACE", "kyiv")),
        ("kyiv", ("PLACE", "kyiv")),  # case does not matter
        ("Kiev", ("PLACE", "kyiv")),  # an alias stands for its full name
        ("U.S.", ("PLACE", "united states")),
        ("Côte d’Ivoire", ("PLACE", "ivory coast")),  # curly apostrophe
        ("Kremlin", ("ORG", "kremlin")),
        ("Russian", ("DEMONYM", "russian")),
        ("Russians", ("DEMONYM", "russian")),  # plural of a demonym: a group of people
        ("Sunni", ("DEMONYM", "sunni")),
        ("Putin", None),
        ("", None),
    ],
)
def test_lookup(name, found):
    assert load_gazetteer().lookup(name) == found


def test_fold_name():
    assert fold_name("  Kyiv\u2019s  Mayor ") == fold_name("kyiv's mayor") == "kyiv's mayor"


def test_load_gazetteer_is_cached_and_passes_a_gazetteer_through():
    gazetteer = load_gazetteer()
    assert load_gazetteer() is gazetteer and load_gazetteer(gazetteer) is gazetteer


def test_bundled_gazetteer_has_provenance():
    table = load_gazetteer().table
    assert {"name", "type", "refers_to", "source"} <= set(table.columns)
    assert (table["source"].str.len() > 0).all()
    assert table["name"].is_unique
    assert set(table["type"]) == {"PLACE", "ORG", "DEMONYM"}
    assert table["refers_to"].map(lambda r: not r or bool(r.strip())).all()


def test_own_gazetteer(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("name,type\nZarya,ORG\nVelykyi Burluk,PLACE\n", encoding="utf-8")
    text = "Zarya fought near Velykyi Burluk."
    found = find_entities(Version("v", text), gazetteer=path)
    assert dict(zip(found["entity"], found["type"], strict=True)) == {
        "Zarya": "ORG", "Velykyi Burluk": "PLACE",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (None, InputNotFoundError, "no such gazetteer"),
        ("name,kind\nKyiv,PLACE\n", ParameterError, "lacks the column"),
        ("name,type\nKyiv,CITY\n", ParameterError, "unknown type"),
        ("name,type\nKyiv,PLACE\nK\xf6ln,PLACE\n".encode("latin-1"), DecodingError, "not UTF-8"),
    ],
)
def test_bad_gazetteer_files(tmp_path, content, error, message):
    path = tmp_path / "names.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=message):
        find_entities(Version("v", "Kyiv."), gazetteer=path)


def test_empty_gazetteer_file(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("name,type\n", encoding="utf-8")
    gazetteer = load_gazetteer(path)
    assert gazetteer.table.empty and gazetteer.lookup("Kyiv") is None
    assert find_entities(Version("v", "Fighting near Kyiv went on."), gazetteer=path)[
        "type"
    ].tolist() == ["PLACE"]


def test_an_edited_file_is_read_again(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("name,type\nZarya,ORG\n", encoding="utf-8")
    assert load_gazetteer(path).lookup("Zarya") == ("ORG", "zarya")
    path.write_text("name,type\nZarya,PLACE\n", encoding="utf-8")
    os.utime(path, ns=(1, 10**18))  # a new modification time, however fast the file system
    assert load_gazetteer(path).lookup("Zarya") == ("PLACE", "zarya")


def test_load_gazetteer_rejects_other_values():
    with pytest.raises(ParameterError, match="path to a CSV"):
        load_gazetteer(42)


def test_gazetteer_types():
    assert set(load_gazetteer().table["type"]) <= set(GAZETTEER_TYPES)
