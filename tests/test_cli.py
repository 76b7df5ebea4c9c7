"""The command line: the readable summary, and one-line errors with exit status 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from storydiff import config
from storydiff.cli import main


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "storydiff", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_inspect_prints_versions_and_segmentation(capsys):
    assert main(["inspect", str(config.EXAMPLE_STORY_DIR)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Story putin-peace-plan: Putin says parts of the U.S. peace plan")
    assert "== original (Original report): 20 sentences, 0 headings" in out
    assert "== rewrite (Rewritten version):" in out
    for heading in ["Kremlin Discussions", "International Reactions", "Ongoing Conflict"]:
        assert f" ## {heading}\n" in out


def test_inspect_summary_and_limit(capsys):
    assert main(["inspect", str(config.EXAMPLE_STORY_DIR), "--summary"]) == 0
    out = capsys.readouterr().out
    assert "sentences" in out and "==" not in out
    assert main(["inspect", str(config.EXAMPLE_STORY_DIR), "--limit", "2"]) == 0
    assert "... 18 more" in capsys.readouterr().out


def test_console_script_help_and_module_entry_point():
    result = run("--help")
    assert result.returncode == 0 and "inspect" in result.stdout
    result = run("inspect", "--help")
    assert result.returncode == 0 and "story folder" in result.stdout


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "usage: storydiff" in capsys.readouterr().out


CASES = [
    # (files to write into a story folder, or a special path, expected message fragment)
    ("missing", "no such file or folder; check the path"),
    ({}, "has no versions; put one file per version in it"),
    ({"a.txt": "One sentence."}, "has only one version; a story needs at least 2 versions"),
    (
        {"a.txt": "Text.", "b.txt": ""},
        "b.txt: the text is empty or only whitespace; give it the article text",
    ),
    ({"a.txt": "Text.", "b.txt": "  \n \t"}, "b.txt: the text is empty or only whitespace"),
    ({"a.txt": "Text.", "b.txt": b"\x89PNG\r\n\x1a\n\x00\x00"}, "b.txt: this is a PNG image"),
    (
        {"a.txt": "Text.", "b.txt": b"\x7fELF\x00\x00\x00"},
        "b.txt: this is binary data (it contains NUL bytes)",
    ),
    (
        {"a.txt": "Text.", "b.txt": b"caf\x81 \x8d\x90"},
        "b.txt: not valid UTF-8 (byte 3) nor Windows-1252/Latin-1; re-save the file as UTF-8",
    ),
    ("unknown-format", "a.pages: unknown format .pages; use a story folder or one of"),
]


@pytest.mark.parametrize(
    ("files", "message"),
    CASES,
    ids=[
        "missing-path",
        "no-versions",
        "one-version",
        "empty",
        "whitespace",
        "png",
        "binary",
        "undecodable",
        "unknown-format",
    ],
)
def test_errors_are_one_line_with_exit_2(make_story, tmp_path, files, message):
    if files == "missing":
        target = tmp_path / "no-such-story"
    elif files == "unknown-format":
        target = tmp_path / "a.pages"
        target.write_bytes(b"whatever")
    else:
        target = make_story(files)
    result = run("inspect", str(target))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("storydiff: error: ")
    assert message in lines[0]
    assert str(target.name) in lines[0]


def test_bad_option_value_exits_2_without_traceback():
    result = run("inspect", str(config.EXAMPLE_STORY_DIR), "--limit", "many")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--limit: expected a whole number, got 'many'" in result.stderr


def test_encoding_fallback_warns_and_still_runs(make_story):
    folder = make_story(
        {"a.txt": "Café owners said so.", "b.txt": "Café owners said no.".encode("cp1252")}
    )
    result = run("inspect", str(folder))
    assert result.returncode == 0
    assert (
        "storydiff: warning:" in result.stderr and "read as Windows-1252/Latin-1" in result.stderr
    )
    assert "Café owners said no." in result.stdout


def test_the_report_command_starts_its_kernel_early_unless_it_reruns(tmp_path, monkeypatch, capsys):
    """One job, kept kernels: the command starts the kernel before its imports when reports are
    to be made (a new folder, or --force), and leaves it to the batch in a rerun into a folder
    of reports, which may all be up to date (no kernel is started then)."""
    from storydiff.reporting.kernels import KeptKernel

    started_by = []  # the function that asked for each kernel start
    start = KeptKernel._launch

    def recorded(self, cwd):
        started_by.append(sys._getframe(2).f_code.co_name)
        return start(self, cwd)

    monkeypatch.setattr(KeptKernel, "_launch", recorded)
    story, out = str(config.EXAMPLE_STORY_DIR), str(tmp_path)
    assert main(["report", story, "--out", out, "--no-progress"]) == 0
    assert started_by == ["_report"] and "1 reported now" in capsys.readouterr().out
    assert main(["report", story, "--out", out, "--no-progress"]) == 0
    assert started_by == ["_report"] and "0 reported now, 1 up to date" in capsys.readouterr().out
    assert main(["report", story, "--out", out, "--no-progress", "--force"]) == 0
    assert started_by == ["_report"] * 2 and "1 reported now" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "--jobs", "0"], "argument --jobs: expected 1 or more, got 0"),
        (["corpus", "x.jsonl", "--out", "o", "--jobs", "-1"], "expected 1 or more, got -1"),
        (["corpus", "x.jsonl", "--out", "o", "--chunk-size", "0"], "expected 1 or more, got 0"),
    ],
)
def test_counts_of_one_or_more_say_so(argv, message, capsys):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2 and message in capsys.readouterr().err


def test_a_device_or_pipe_given_as_a_version_is_one_line(tmp_path, capsys):
    """A link to /dev/zero was read until the memory ran out (its size reads 0)."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    other = tmp_path / "b.txt"
    other.write_text("Two men died.", encoding="utf-8")
    for name in ("pipe.txt", "zero.txt"):
        assert main(["compare", str(tmp_path / name), str(other)]) == 2
        assert "is not a regular file (a device, a pipe or a socket)" in capsys.readouterr().err


def test_an_output_folder_that_is_a_file_is_one_line(tmp_path, capsys):
    taken = tmp_path / "taken.txt"
    taken.write_text("mine", encoding="utf-8")
    assert main(["lessons", "01", "--out", str(taken / "sub")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a file stands where a folder is needed" in err


def test_output_to_a_terminal_that_is_not_utf8_is_escaped_not_a_traceback(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Погибли двое мужчин. Café “x”.", encoding="utf-8")
    b.write_text("Погибли трое мужчин. Café “y”.", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    command = [sys.executable, "-m", "storydiff", "compare", str(a), str(b)]
    text = subprocess.run(command, capture_output=True, env=env, timeout=120)
    assert text.returncode == 0 and b"Traceback" not in text.stderr
    assert b"\\u043f" in text.stdout.lower() or b"\\u0442" in text.stdout.lower()
    data = subprocess.run([*command, "--json"], capture_output=True, env=env, timeout=120)
    assert data.returncode == 0
    assert json.loads(data.stdout)["sentences"]["b"][0]["text"].startswith("Погибли трое")
