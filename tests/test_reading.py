"""Reading stories in every supported form, and every way reading can fail."""

from __future__ import annotations

import codecs
import json

import pandas as pd
import pytest
import storydiff
from storydiff import config
from storydiff.errors import (
    BinaryFileError,
    DecodingError,
    EmptyTextError,
    InputNotFoundError,
    ParameterError,
    StorydiffError,
    StorydiffWarning,
    StoryStructureError,
    UnsupportedFormatError,
)

A = "Two men died in a drone strike. A woman was hurt."
B = "Two men were killed in a drone strike. A 68-year-old woman was wounded."


def test_bundled_story_matches_the_seed_files_byte_for_byte():
    seeds = config.REPO_ROOT.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed files not found at {seeds}")
    assert (config.EXAMPLE_STORY_DIR / "original.txt").read_bytes() == (
        seeds / "001_de9b04db625bcb09.txt"
    ).read_bytes()
    assert (config.EXAMPLE_STORY_DIR / "rewrite.txt").read_bytes() == (
        seeds / "000_e85194611a1f4ec0.txt"
    ).read_bytes()


def test_story_folder_with_metadata(example_story):
    assert example_story.id == "putin-peace-plan"
    assert example_story.title.startswith("Putin says")
    assert example_story["original"].label == "Original report"
    assert example_story["original"].encoding == "utf-8"
    assert example_story["original"].source.endswith("original.txt")


def test_folder_without_metadata_takes_files_in_name_order(make_story):
    folder = make_story({"2-rewrite.md": B, "1-wire.txt": A, "notes.csv": "x", "README": "x"})
    story = storydiff.load_story(folder)
    assert story.id == "story" and story.ids == ("1-wire", "2-rewrite")
    assert story["2-rewrite"].format == "markdown"


def test_html_version_reads_its_article_text(make_story):
    page = f"<html><body><nav>Menu</nav><article><h2>Ongoing Conflict</h2><p>{B}</p></article></body></html>"
    story = storydiff.load_story(make_story({"a.txt": A, "b.html": page}))
    assert story["b"].text == f"Ongoing Conflict\n\n{B}"
    assert story["b"].headings == ["Ongoing Conflict"]
    assert story["b"].sentences["text"].tolist()[1:] == [
        "Two men were killed in a drone strike.",
        "A 68-year-old woman was wounded.",
    ]


def test_html_saved_as_txt_is_read_as_html_with_a_warning(make_story):
    folder = make_story(
        {"a.txt": A, "b.txt": f"<!DOCTYPE html><html><body><p>{B}</p></body></html>"}
    )
    with pytest.warns(StorydiffWarning, match="holds an HTML page"):
        story = storydiff.load_story(folder)
    assert story["b"].text == B and story["b"].format == "html"


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_records(tmp_path, suffix):
    records = [
        {"story": "s1", "version": "wire", "text": A, "outlet": "AP", "date": "2025-12-04"},
        {"story": "s1", "version": "rewrite", "text": B, "url": "https://example.org/b"},
    ]
    path = tmp_path / f"story{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(records), encoding="utf-8")
    else:
        path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    story = storydiff.load_story(path)
    assert story.id == "s1" and story.ids == ("wire", "rewrite")
    assert story["wire"].outlet == "AP" and story["rewrite"].url == "https://example.org/b"


def test_json_story_object_and_html_records(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps(
            {
                "story": "s2",
                "versions": [
                    {"version": "a", "text": A},
                    {"version": "b", "html": f"<p>{B}</p><script>x()</script>"},
                ],
            }
        )
    )
    story = storydiff.load_story(path)
    assert story.id == "s2" and story["b"].text == B


def test_records_with_several_stories_need_a_choice(tmp_path):
    path = tmp_path / "many.jsonl"
    rows = [{"story": s, "version": v, "text": A} for s in ("s1", "s2") for v in ("a", "b")]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    with pytest.raises(StoryStructureError, match=r"holds 2 stories \(s1, s2\); pick one"):
        storydiff.load_story(path)
    assert storydiff.load_story(path, story="s2").id == "s2"
    with pytest.raises(StoryStructureError, match="has no story 's3'; its stories are: s1, s2"):
        storydiff.load_story(path, story="s3")


def test_dataframe():
    frame = pd.DataFrame({"version": ["a", "b"], "text": [A, B], "outlet": ["X", None]})
    story = storydiff.load_story(frame)
    assert story.ids == ("a", "b") and story["a"].outlet == "X" and story["b"].outlet is None
    with pytest.raises(StoryStructureError, match="lacks column"):
        storydiff.load_story(pd.DataFrame({"version": ["a"]}))


def test_list_of_files(tmp_path):
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.md").write_text(B)
    story = storydiff.load_story([tmp_path / "a.txt", tmp_path / "b.md"])
    assert story.ids == ("a", "b")


def test_encodings_through_files(make_story):
    text = "Zürich’s “mayor” – déjà vu."
    folder = make_story(
        {
            "a-utf8.txt": text.encode("utf-8"),
            "b-bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
            "c-cp1252.txt": text.encode("cp1252"),
        }
    )
    with pytest.warns(StorydiffWarning, match=r"c-cp1252\.txt: not valid UTF-8"):
        story = storydiff.load_story(folder)
    assert {v.text for v in story} == {text}
    assert [v.encoding for v in story] == ["utf-8", "utf-8-sig", "cp1252"]
    assert story["c-cp1252"].warnings and not story["a-utf8"].warnings


def test_manifest_csv_and_iter_stories(tmp_path):
    for name, text in [("a.txt", A), ("b.txt", B)]:
        (tmp_path / name).write_text(text)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "story,version,path,outlet\ns1,a,a.txt,AP\ns1,b,b.txt,\ns2,x,a.txt,\ns2,y,b.txt,\n"
    )
    table = storydiff.read_manifest(manifest)
    assert table["path"].str.endswith(("a.txt", "b.txt")).all()
    stories = list(storydiff.iter_stories(manifest))
    assert [s.id for s in stories] == ["s1", "s2"] and stories[0]["a"].outlet == "AP"
    assert storydiff.load_story(manifest, story="s2").ids == ("x", "y")
    with pytest.raises(ParameterError, match="a manifest of 2 stories; name one with --story"):
        storydiff.load_story(manifest)
    with pytest.raises(StoryStructureError, match="no story 's3'; its stories are: 's1', 's2'"):
        storydiff.load_story(manifest, story="s3")


def test_manifest_jsonl(tmp_path):
    manifest = tmp_path / "m.jsonl"
    rows = [
        {"story": s, "version": v, "text": t} for s in ("s1", "s2") for v, t in (("a", A), ("b", B))
    ]
    manifest.write_text("\n".join(json.dumps(r) for r in rows))
    assert [s.ids for s in storydiff.iter_stories(manifest)] == [("a", "b"), ("a", "b")]


def test_manifest_missing_columns(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("story,file\ns1,a.txt\n")
    with pytest.raises(StoryStructureError, match="lacks column.*version, path"):
        storydiff.read_manifest(manifest)


def test_manifest_ids_like_na_and_none_are_ids(tmp_path):
    """pandas reads "NA", "None" and "null" as missing values: a version "NA" had become its
    file's name, and a story "NA" (Namibia) was refused."""
    for name, text in [("a.txt", A), ("b.txt", B)]:
        (tmp_path / name).write_text(text)
    manifest = tmp_path / "m.csv"
    manifest.write_text("story,version,path,outlet\nNA,None,a.txt,\nNA,null,b.txt,NA\n")
    (story,) = storydiff.iter_stories(manifest)
    assert (story.id, story.ids, story["null"].outlet) == ("NA", ("None", "null"), "NA")
    assert story["None"].outlet is None
    records = list(storydiff.reading.iter_story_records(manifest))
    assert [[r["version"] for r in records] for _, records, *_ in records] == [["None", "null"]]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("story,version,path\ns1,,a.txt\ns1,b,b.txt\n", "line 2 has no version; fill it in"),
        ("story,version,path\ns1,a,a.txt\ns1,b\n", "line 3 has no path; fill it in"),
        ("story,version,path\n,a,a.txt\n,b,b.txt\n", "line 2 has no story; fill it in"),
        ("story,version,path\ns1,a,a.txt,extra\ns1,b,b.txt\n", "line 2 has 4 fields, the header 3"),
        ("story,version,path\ns1,a,a.txt\ns1,b,b.txt,x,y\n", "Expected 3 fields in line 3, saw 5"),
        ("story,version,path\n", "lists no version; add one row"),
        ("story,version,path\n\ns1,a,a.txt\n\ns1,,b.txt\n", "line 5 has no version"),
        (
            'story,version,path,label\ns1,a,a.txt,"two\nlines"\ns1,,b.txt,x\n',
            "line 4 has no version",
        ),
    ],
    ids=[
        "empty-version",
        "short-row",
        "empty-story",
        "long-row",
        "longer-row",
        "header-only",
        "blank-lines",
        "cell-over-two-lines",
    ],
)
def test_a_bad_manifest_row_is_one_line_naming_it(tmp_path, content, message):
    for name, text in [("a.txt", A), ("b.txt", B)]:
        (tmp_path / name).write_text(text)
    manifest = tmp_path / "m.csv"
    manifest.write_text(content)
    with pytest.raises(StorydiffError, match=message) as caught:
        storydiff.load_story(manifest)
    assert "\n" not in str(caught.value)
    if "lists no version" not in message:
        with pytest.raises(StorydiffError, match=message):
            list(storydiff.reading.iter_story_records(manifest))


def test_a_manifest_not_in_utf8_says_so(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_bytes(b"story,version,path,label\ns1,a,a.txt,Caf\xe9\n")
    with pytest.raises(StorydiffError, match="is not UTF-8 text; save the manifest as UTF-8"):
        storydiff.read_manifest(manifest)


@pytest.mark.parametrize("content", ["", "\n\n"])
def test_records_without_a_record_are_one_line(tmp_path, content):
    path = tmp_path / "e.jsonl"
    path.write_text(content)
    with pytest.raises(StoryStructureError, match="holds no records"):
        storydiff.load_story(path)


ERRORS = [
    # (files in the story folder or None for a missing path, error class, message fragment)
    ("missing", InputNotFoundError, "no such file or folder; check the path"),
    ({}, StoryStructureError, "has no versions; put one file per version"),
    ({"a.txt": A}, StoryStructureError, "has only one version; a story needs at least 2"),
    ({"a.txt": A, "b.txt": ""}, EmptyTextError, "b.txt: the text is empty or only whitespace"),
    (
        {"a.txt": A, "b.txt": " \n\t\n"},
        EmptyTextError,
        "b.txt: the text is empty or only whitespace",
    ),
    ({"a.txt": A, "b.txt": b"%PDF-1.5 binary"}, BinaryFileError, "b.txt: this is a PDF document"),
    ({"a.txt": A, "b.txt": b"\x00\x01\x02\x03"}, BinaryFileError, "b.txt: this is binary data"),
    ({"a.txt": A, "b.txt": b"caf\x81\x8d\x90"}, DecodingError, "b.txt: not valid UTF-8"),
    (
        {"a.txt": A, "b.html": "<script>x()</script><nav>Home</nav>"},
        EmptyTextError,
        "b.html: no article text found in the HTML",
    ),
    ({"story.json": "{not json", "a.txt": A}, StoryStructureError, "story.json: not valid JSON"),
    (
        {
            "story.json": json.dumps({"versions": [{"file": "a.txt"}, {"file": "gone.txt"}]}),
            "a.txt": A,
        },
        InputNotFoundError,
        "gone.txt: no such file or folder",
    ),
    (
        {
            "story.json": json.dumps(
                {"versions": [{"file": "a.txt", "id": "x"}, {"file": "a.txt", "id": "x"}]}
            ),
            "a.txt": A,
        },
        StoryStructureError,
        "two versions share the id 'x'",
    ),
    (
        {
            "story.json": json.dumps({"versions": [{"file": "a.txt"}, {"file": "b.docx"}]}),
            "a.txt": A,
            "b.docx": b"PK\x03\x04",
        },
        UnsupportedFormatError,
        "b.docx: cannot read .docx as a version",
    ),
]


@pytest.mark.parametrize(("files", "error", "message"), ERRORS)
def test_reading_errors(make_story, tmp_path, files, error, message):
    path = tmp_path / "nowhere" if files == "missing" else make_story(files)
    with pytest.raises(
        error, match=message.replace(".", r"\.").replace("(", r"\(").replace(")", r"\)")
    ) as info:
        storydiff.load_story(path)
    assert isinstance(info.value, StorydiffError)
    assert "\n" not in str(info.value)


def test_single_version_file_and_unknown_format(tmp_path):
    (tmp_path / "a.txt").write_text(A)
    with pytest.raises(StoryStructureError, match="is one version; a story needs at least two"):
        storydiff.load_story(tmp_path / "a.txt")
    (tmp_path / "a.xyz").write_text(A)
    with pytest.raises(UnsupportedFormatError, match="unknown format .xyz"):
        storydiff.load_story(tmp_path / "a.xyz")


@pytest.mark.parametrize("source", [123, [], [1, 2], None])
def test_wrong_kind_of_source_is_a_parameter_error(source):
    with pytest.raises(ParameterError, match="takes a path, a list of paths or a DataFrame"):
        storydiff.load_story(source)


def test_huge_file_is_refused_with_the_limit(make_story):
    folder = make_story({"a.txt": A, "b.txt": B * 100})
    with pytest.raises(StorydiffError, match=r"b\.txt: is 7\.1 KB, over the 1\.0 KB limit"):
        storydiff.load_story(folder, max_bytes=1000)


def test_bad_jsonl_line_is_named(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({"story": "s", "version": "a", "text": A}) + "\n{oops\n")
    with pytest.raises(StorydiffError, match="line 2 is not valid JSON"):
        storydiff.load_story(path)


def test_record_without_text_is_named(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(
        "\n".join(json.dumps(r) for r in [{"version": "a", "text": A}, {"version": "b"}])
    )
    with pytest.raises(StoryStructureError, match="record 2: version 'b' has no 'text'"):
        storydiff.load_story(path)


def test_files_with_the_same_name_get_distinct_ids(tmp_path):
    for folder, text in (("old", A), ("new", B)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "article.txt").write_text(text)
    story = storydiff.load_story(
        [tmp_path / "old" / "article.txt", tmp_path / "new" / "article.txt"]
    )
    assert story.ids == ("old/article", "new/article")
    same = storydiff.load_story([tmp_path / "old" / "article.txt"] * 2)
    assert same.ids == ("old/article#1", "old/article#2")


def _count_cases(tmp_path):
    """Sources of a corpus and the stories iterating each yields."""
    from storydiff.reading import iter_story_records

    rows = "".join(f"{story},{v},t.txt\n" for story in ("s1", " s1", "s2", "s3") for v in "ab")
    (tmp_path / "m.csv").write_text("story,version,path\n" + rows)
    (tmp_path / "m.tsv").write_text("story\tversion\tpath\ns1\ta\tt.txt\ns2\ta\tt.txt\n")
    records = [{"story": s, "version": v, "text": A} for s in ("s1", "s2") for v in "ab"]
    (tmp_path / "m.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    (tmp_path / "m.json").write_text(json.dumps(records))
    for story in ("x", "y", ".hidden"):
        (tmp_path / "folder" / story).mkdir(parents=True)
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "a.txt").write_text(A)
    (tmp_path / "nostory.csv").write_text("version,path\na,t.txt\n")
    (tmp_path / "broken.csv").write_bytes(b"story,version,path\n\xff\xfe,a,t.txt\n")
    frame = pd.DataFrame(records)
    sources = {
        "csv in chunks that cut a story": tmp_path / "m.csv",
        "tsv": tmp_path / "m.tsv",
        "json": tmp_path / "m.json",
        "folder of stories": tmp_path / "folder",
        "one story folder": tmp_path / "one",
        "table": frame,
    }
    expected = {name: len(list(iter_story_records(source))) for name, source in sources.items()}
    return sources, expected


def test_count_stories_counts_what_iterating_yields_without_reading_texts(tmp_path):
    from storydiff.reading import count_stories

    sources, expected = _count_cases(tmp_path)
    assert expected == {
        "csv in chunks that cut a story": 3,  # " s1" is s1
        "tsv": 2,
        "json": 2,
        "folder of stories": 2,
        "one story folder": 1,
        "table": 2,
    }
    for name, source in sources.items():
        assert count_stories(source, chunk_rows=3) == expected[name], name


@pytest.mark.parametrize(
    "name", ["m.jsonl", "missing.csv", "nostory.csv", "broken.csv", "notes.txt", "empty"]
)
def test_count_stories_gives_none_when_it_cannot_count_cheaply(tmp_path, name):
    """JSON lines would have to be read whole; a source that cannot be read fails when it is
    iterated, with its message."""
    from storydiff.reading import count_stories

    _count_cases(tmp_path)
    (tmp_path / "notes.txt").write_text("a note")
    (tmp_path / "empty").mkdir()
    assert count_stories(tmp_path / name) is None


def _cut_emoji_records(path, suffix: str):
    """A records file whose JSON holds lone surrogates (escapes of half an emoji), as scraped
    corpora do; json.dumps writes them as \\ud83d escapes, which is valid JSON."""
    records = [
        {"story": "s\ud83d", "version": "a", "text": f"{A} Crowds cheered \ud83d.", "outlet": "X"},
        {"story": "s\ud83d", "version": "b", "text": B, "label": "rewrite \ude00"},
    ]
    file = path / f"cut{suffix}"
    if suffix == ".jsonl":
        file.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    else:
        file.write_text(json.dumps(records), encoding="utf-8")
    return file


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_records_with_lone_surrogates_are_read_with_one_warning(tmp_path, suffix):
    file = _cut_emoji_records(tmp_path, suffix)
    with pytest.warns(StorydiffWarning, match=r"4 character\(s\) that are not valid Unicode"):
        story = storydiff.load_story(file)
    assert story.id == "s\ufffd" and story[0].text.endswith("cheered \ufffd.")
    assert story[1].label == "rewrite \ufffd"
    with pytest.warns(StorydiffWarning, match="not valid Unicode"):
        manifest = storydiff.read_manifest(file)
    assert manifest["story"].tolist() == ["s\ufffd", "s\ufffd"]


# -- an SQLite database as a corpus ---------------------------------------------------------------


def _database(path, rows, *, table="entryversion", columns="entry_id, version, summary, title"):
    import sqlite3

    with sqlite3.connect(path) as database:
        names = ", ".join(f"{c.strip()}" for c in columns.split(","))
        database.execute(f"CREATE TABLE {table} ({names})")
        marks = ", ".join("?" for _ in columns.split(","))
        database.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    database.close()
    return path


NEWSEDITS = "SELECT entry_id AS story, version, summary AS text, title FROM entryversion"


def test_a_database_query_is_read_as_a_stream_of_stories(tmp_path):
    from storydiff.reading import SQLiteSource, count_stories, iter_story_records

    rows = [(7, 1, B, "Strike"), (7, 0, A, None), (9, 0, "Rain fell.", "Weather"), (8, 0, A, "")]
    path = _database(tmp_path / "news.db", rows)
    before = path.read_bytes()
    source = SQLiteSource(path, NEWSEDITS + " ORDER BY entry_id, version")
    for fetch_rows in (1, 2, 200):  # fetched a few rows at a time, the same stories
        rows = storydiff.reading._database_rows(source, fetch_rows)
        stories = list(storydiff.reading._contiguous(rows, str(path)))
        assert stories == list(iter_story_records(source))
        assert stories == [
            (
                "7",
                [
                    {"story": 7, "version": 0, "text": A},
                    {"story": 7, "version": 1, "text": B, "title": "Strike"},
                ],
            ),
            ("8", [{"story": 8, "version": 0, "text": A, "title": ""}]),
            ("9", [{"story": 9, "version": 0, "text": "Rain fell.", "title": "Weather"}]),
        ]
        assert count_stories(source, chunk_rows=fetch_rows) == 3
    story = storydiff.reading.story_from_records(*stories[0], source=str(path))
    assert story.id == "7" and story.ids == ("0", "1") and story[1].title == "Strike"
    assert path.read_bytes() == before  # opened read-only
    assert str(source) == f"{path} ({NEWSEDITS} ORDER BY entry_id, version)"
    # a query may end with a semicolon, as typed at an SQL prompt
    ended = SQLiteSource(path, f"{source.query};\n")
    assert list(iter_story_records(ended)) == stories and count_stories(ended) == 3


def test_a_database_with_one_table_of_stories_needs_no_query(tmp_path):
    import sqlite3

    from storydiff.reading import count_stories, iter_story_records

    path = tmp_path / "corpus.sqlite"
    with sqlite3.connect(path) as database:
        database.execute("CREATE TABLE notes (id, body)")
        database.execute("CREATE TABLE versions (story, version, path, outlet)")
        database.executemany(
            "INSERT INTO versions VALUES (?, ?, ?, ?)",
            [("s", "a", "texts/a.txt", "AP"), ("s", "b", "texts/b.txt", None)],
        )
    database.close()
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(A)
    (tmp_path / "texts" / "b.txt").write_text(B)
    [(story_id, records)] = list(iter_story_records(path))  # by its ending
    assert story_id == "s" and [r["outlet"] for r in records if "outlet" in r] == ["AP"]
    # a version file's path is relative to the database's folder
    story = storydiff.reading.story_from_records(story_id, records, source=str(path))
    assert [v.text for v in story] == [A, B] and count_stories(path) == 1


@pytest.mark.parametrize(
    ("setup", "query", "message"),
    [
        ("missing", None, "missing.db: no such database file; check the path"),
        (
            "text",
            None,
            "cannot be read as an SQLite database (file is not a database)",
        ),
        ("text", "SELECT 1", "cannot be read as an SQLite database (file is not a database)"),
        ("none", None, "no table has them (tables: entryversion); give a query, e.g. SELECT"),
        ("two", None, 'several tables have them ("a", "b"); give a query'),
        ("newsedits", "SELEC story FROM entryversion", 'the query failed (near "SELEC": syntax'),
        (
            "newsedits",
            "SELECT entry_id AS story, version FROM entryversion",
            "gives no column(s) text (it gives story, version); name them with AS",
        ),
        (
            "newsedits",
            f"{NEWSEDITS}; DELETE FROM entryversion",
            "the query failed (You can only execute one statement",
        ),
        (
            "newsedits",
            "DELETE FROM entryversion",
            "the query failed (attempt to write a readonly database)",
        ),
        (
            "newsedits",
            NEWSEDITS,
            "story '7' comes back at row 3 after other stories; keep each story's rows together",
        ),
    ],
)
def test_database_sources_that_cannot_be_read_fail_with_one_line(tmp_path, setup, query, message):
    import sqlite3

    from storydiff.reading import SQLiteSource, count_stories, iter_story_records

    path = tmp_path / f"{setup}.db"
    if setup == "text":
        path.write_text("story,version,text\n")
    elif setup == "none":
        _database(path, [(1, 0, A, "")])
    elif setup == "two":
        with sqlite3.connect(path) as database:
            database.execute("CREATE TABLE a (story, version, text)")
            database.execute("CREATE VIEW b AS SELECT * FROM a")
        database.close()
    elif setup == "newsedits":
        _database(path, [(7, 0, A, ""), (8, 0, A, ""), (7, 1, B, "")])
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(StorydiffError) as raised:
        list(iter_story_records(SQLiteSource(path, query)))
    text = str(raised.value)
    assert "\n" not in text and str(path) in text
    assert message in text, text
    assert (path.read_bytes() if path.exists() else None) == before  # nothing written
    if setup != "newsedits":  # a story out of order is still counted; the rest cannot be
        assert count_stories(SQLiteSource(path, query)) is None


@pytest.mark.parametrize(
    ("path", "query", "message"),
    [(3, None, "path must be a file path, got 3"), ("x.db", "  ", "query must be one SQL SELECT")],
)
def test_bad_database_source_parameters(path, query, message):
    from storydiff.reading import SQLiteSource

    with pytest.raises(ParameterError, match=message):
        SQLiteSource(path, query)


def test_hidden_files_and_broken_links_are_not_versions(tmp_path):
    story = tmp_path / "s"
    story.mkdir()
    (story / "a.txt").write_text(A)
    (story / "b.txt").write_text(B)
    (story / ".notes.txt").write_text("my notes")
    (story / "._a.txt").write_bytes(b"\x00\x05\x16\x07")  # a zip's AppleDouble file
    (story / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.warns(StorydiffWarning, match=r"gone.txt: a broken link; left out"):
        loaded = storydiff.load_story(story)
    assert loaded.ids == ("a", "b")


def test_a_folder_of_stories_with_a_readme_and_one_that_cannot_be_told(tmp_path):
    stories = tmp_path / "stories"
    for name in ("s1", "s2"):
        (stories / name).mkdir(parents=True)
        (stories / name / "a.txt").write_text(A)
        (stories / name / "b.txt").write_text(B)
    (stories / "README.txt").write_text("What these stories are.")
    (stories / "notes.txt").write_text("Where they come from.")
    records = list(storydiff.reading.iter_story_records(stories))
    assert [story for story, *_ in records] == ["s1", "s2"]
    with pytest.raises(StoryStructureError, match="is a folder of story folders; give one"):
        storydiff.load_story(stories)
    (stories / "more.txt").write_text("More notes.")
    with pytest.raises(StoryStructureError, match=r"holds both version files \(more.txt"):
        list(storydiff.reading.iter_story_records(stories))
    assert storydiff.load_story(stories / "s1").ids == ("a", "b")


def test_a_story_id_given_for_a_story_folder_must_be_its_own(tmp_path):
    story = tmp_path / "s"
    story.mkdir()
    (story / "a.txt").write_text(A)
    (story / "b.txt").write_text(B)
    assert storydiff.load_story(story, story="s").id == "s"
    with pytest.raises(ParameterError, match="is one story, 's'; a story id"):
        storydiff.load_story(story, story="other")


def test_a_readme_is_not_a_version_and_a_subfolder_of_one_file_is_no_story(tmp_path):
    story = tmp_path / "s"
    (story / "attachments").mkdir(parents=True)
    (story / "a.txt").write_text(A)
    (story / "b.txt").write_text(B)
    (story / "README.md").write_text("# Notes\nSee the sources.\n")
    (story / "attachments" / "caption.txt").write_text("A caption.")
    with pytest.warns(StorydiffWarning, match="README.md: a README, left out"):
        loaded = storydiff.load_story(story)
    assert loaded.ids == ("a", "b")
    assert storydiff.reading.is_story_folder(story)


def test_messages_that_say_what_to_do_instead(tmp_path):
    with pytest.raises(ParameterError, match=r"for texts in a dict use storydiff.Story.from_texts"):
        storydiff.load_story({"ap": "Two men died.", "afp": "Two men were killed."})
    with pytest.raises(StoryStructureError, match=r"this is a story folder's story.json; give"):
        storydiff.load_story(config.EXAMPLE_STORY_DIR / "story.json")
    (tmp_path / "wire.txt").write_text("Two men died.", encoding="utf-8")
    (tmp_path / "wire.md").write_text("Two men were killed.", encoding="utf-8")
    with pytest.raises(
        StoryStructureError, match=r"share the id 'wire' \(.*wire.md and .*wire.txt: rename one\)"
    ):
        storydiff.load_story(tmp_path)
    story = storydiff.load_story(
        pd.DataFrame({"version": [2023, 2024], "text": ["Two men died.", "Two died."]})
    )
    with pytest.raises(StorydiffError, match=r"version ids are text: give reference='2023'"):
        storydiff.compare_story(story, reference=2023)


def test_a_web_page_is_read_in_the_encoding_it_declares(tmp_path):
    """A Russian page saved in KOI8-R was guessed as Windows-1252 ("ðÕÔÉÎ")."""
    page = (
        '<html><head><meta charset="koi8-r"></head><body><p>Путин о плане мира.</p></body></html>'
    )
    (tmp_path / "a.html").write_bytes(page.encode("koi8-r"))
    (tmp_path / "b.html").write_bytes(page.replace("мира", "войны").encode("koi8-r"))
    with pytest.warns(StorydiffWarning, match="other than Latin"):
        story = storydiff.load_story(tmp_path)
    assert story["a"].encoding == "koi8-r" and story["a"].text == "Путин о плане мира."
    latin = '<meta charset="iso-8859-1"><p>\u201cStop,\u201d he said \u2013 \u20ac5.</p>'
    (tmp_path / "d.html").write_bytes(latin.encode("cp1252"))  # read as browsers do: cp1252
    declared = storydiff.read_version(tmp_path / "d.html")
    assert declared.text == "\u201cStop,\u201d he said \u2013 \u20ac5." and not declared.warnings
    lying = '<meta charset="koi8-r"><p>Café</p>'.encode()  # UTF-8 whatever it declares
    (tmp_path / "c.html").write_bytes(lying)
    assert storydiff.read_version(tmp_path / "c.html").text == "Café"
