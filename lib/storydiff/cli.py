"""The ``storydiff`` command line.

``storydiff inspect PATH`` prints a story's versions and how each was segmented. Every error a user
can cause prints one line, ``storydiff: error: ...``, and exits with status 2; warnings print as
``storydiff: warning: ...`` and do not stop the run.

Examples
--------
>>> from storydiff import config
>>> main(["inspect", str(config.EXAMPLE_STORY_DIR), "--limit", "1"])  # doctest: +ELLIPSIS
Story putin-peace-plan: Putin says parts of the U.S. peace plan for Ukraine are unacceptable
...
0
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import warnings
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import StorydiffError
from .reading import RECORD_SUFFIXES, iter_stories, load_story
from .story import Story

EXIT_USAGE = 2
"""Exit status for bad input or parameters (as argparse uses for bad arguments)."""


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {number}")
    return number


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = argparse.ArgumentParser(
        prog="storydiff",
        description="Compare versions of a news story.",
        epilog="Run 'storydiff COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"storydiff {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    inspect = commands.add_parser(
        "inspect",
        help="print a story's versions and their paragraphs, headings and sentences",
        description=(
            "Print a story's versions and their segmentation. PATH is a story folder, a "
            ".json/.jsonl file of records, a manifest (.csv) of many stories, or two or more "
            "version files (.txt, .md, .html)."
        ),
    )
    inspect.add_argument(
        "paths", nargs="+", metavar="PATH", help="story folder, records, manifest or version files"
    )
    inspect.add_argument("--story", help="which story to take from records that hold several")
    inspect.add_argument(
        "--encoding",
        help="force the files' text encoding (default: detect UTF-8, else Windows-1252)",
    )
    inspect.add_argument(
        "--limit",
        type=_positive,
        default=None,
        metavar="N",
        help="show at most N sentences per version (default: all)",
    )
    inspect.add_argument("--summary", action="store_true", help="only the table of versions")
    return parser


def _wrap(text: str, prefix: str, width: int) -> str:
    body = " ".join(text.split())
    return textwrap.fill(
        body, width=width, initial_indent=prefix, subsequent_indent=" " * len(prefix)
    )


def format_story(
    story: Story, *, limit: int | None = None, summary: bool = False, width: int = 100
) -> str:
    """A readable text summary of a story's versions and segmentation."""
    lines = [f"Story {story.id}" + (f": {story.title}" if story.title else "")]
    if story.source:
        lines.append(f"  from {story.source}")
    table = story.to_frame()[
        ["label", "format", "encoding", "n_words", "n_paragraphs", "n_headings", "n_sentences"]
    ]
    table = table.rename(
        columns={
            "n_words": "words",
            "n_paragraphs": "paragraphs",
            "n_headings": "headings",
            "n_sentences": "sentences",
        }
    )
    lines += ["", table.fillna("").to_string(), ""]
    for version in story:
        for note in version.warnings:
            lines.append(f"  warning: {note}")
    if summary:
        return "\n".join(lines).rstrip() + "\n"
    for version in story:
        sentences = version.sentences
        lines.append(
            f"== {version.id}"
            + (f" ({version.label})" if version.label else "")
            + f": {version.segmentation.n_sentences} sentences, "
            f"{len(version.headings)} headings"
        )
        shown = sentences if limit is None else sentences.head(limit)
        for number, row in shown.iterrows():
            if row["is_heading"]:
                lines.append(f"  {number:>3} ## {row['text']}")
            else:
                prefix = f"  {number:>3} p{row['paragraph']:<3} "
                lines.append(_wrap(row["text"], prefix, width))
        if limit is not None and len(sentences) > limit:
            lines.append(f"  ... {len(sentences) - limit} more")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _inspect(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    if len(paths) == 1 and paths[0].suffix.lower() in {".csv", ".tsv"}:
        stories = iter_stories(paths[0], encoding=args.encoding)
    elif len(paths) == 1:
        stories = iter([load_story(paths[0], story=args.story, encoding=args.encoding)])
    else:
        if any(p.suffix.lower() in RECORD_SUFFIXES for p in paths):
            raise StorydiffError(
                "give one records file (.json/.jsonl), or two or more version files"
            )
        stories = iter([load_story(paths, encoding=args.encoding)])
    for story in stories:
        sys.stdout.write(format_story(story, limit=args.limit, summary=args.summary))
        sys.stdout.flush()
    return 0


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"storydiff: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    previous = warnings.showwarning
    warnings.showwarning = _show_warning
    try:
        return _inspect(args)
    except StorydiffError as exc:
        print(f"storydiff: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("storydiff: interrupted", file=sys.stderr)
        return 130
    finally:
        warnings.showwarning = previous
