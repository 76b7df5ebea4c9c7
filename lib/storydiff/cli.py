"""The ``storydiff`` command line.

``storydiff inspect PATH`` prints a story's versions and how each was segmented;
``storydiff compare`` aligns two versions and summarises what changed; ``storydiff report`` renders
the HTML reports. Every error a user
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
from typing import TYPE_CHECKING

from . import __version__
from .corpus.modes import MAX_PAIRS, PAIR_MODES
from .errors import ParameterError, StorydiffError

if TYPE_CHECKING:  # pragma: no cover
    from .story import Story

# Nothing heavy is imported here (pandas, scikit-learn, matplotlib): the commands import what
# they use, so that `storydiff report` starts its kernel first, and a Ctrl-C during those
# imports gets the command's one line instead of a traceback.

EXIT_USAGE = 2
"""Exit status for bad input or parameters (as argparse uses for bad arguments)."""


def _fraction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {number}")
    return number


def _whole_number(value: str, least: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < least:
        raise argparse.ArgumentTypeError(f"expected {least} or more, got {number}")
    return number


def _positive(value: str) -> int:
    """A whole number of 0 or more (``--limit``)."""
    return _whole_number(value, 0)


def _at_least_one(value: str) -> int:
    """A whole number of 1 or more (``--jobs``, ``--chunk-size``, ``--max-pairs``)."""
    return _whole_number(value, 1)


def _context(value: str) -> int | str:
    """``--context``: "auto", "all" or a whole number >= 0."""
    from .folding import CONTEXT_WORDS  # noqa: PLC0415

    if value in CONTEXT_WORDS:
        return value
    try:
        return _positive(value)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f'expected "auto", "all" or a whole number >= 0, got {value!r}'
        ) from None


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

    comparer = commands.add_parser(
        "compare",
        help="align the sentences of two versions and show what changed",
        description=(
            "Compare version B with version A: sentence alignment with edit labels, word-level "
            "changes and similarity. With one PATH (a story folder or records), compare the "
            "reference version with every other version."
        ),
    )
    comparer.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="two version files, or one story folder / records file",
    )
    comparer.add_argument("--reference", help="version id to compare the others with (a story)")
    comparer.add_argument("--story", help="which story to take from records that hold several")
    comparer.add_argument("--encoding", help="force the files' text encoding")
    comparer.add_argument("--json", action="store_true", help="print JSON instead of text")
    comparer.add_argument(
        "--all", action="store_true", help="list unchanged groups too (default: only what changed)"
    )
    comparer.add_argument("--color", action="store_true", help="colour insertions and deletions")
    for name in ("match-threshold", "moved-threshold", "edited-threshold"):
        comparer.add_argument(
            f"--{name}",
            type=_fraction,
            default=None,
            metavar="X",
            help=f"alignment {name.replace('-', ' ')} (0-1; see the docs)",
        )
    reporter = commands.add_parser(
        "report",
        help="render HTML reports (papermill + nbconvert) for one story or many",
        description=(
            "Run the report notebooks with papermill for every story in SOURCE (a story folder, a "
            "folder of story folders, a manifest .csv, a records .json/.jsonl file or an SQLite "
            "database) and export "
            "them to HTML: OUT/<story>/index.html with tidy measures beside it, and OUT/index.html "
            "listing every story. Reports that are up to date are skipped."
        ),
    )
    reporter.add_argument(
        "paths",
        nargs="*",
        metavar="SOURCE",
        help="stories to report on (default: the bundled example)",
    )
    reporter.add_argument(
        "--out", metavar="DIR", help="reports folder (default: the checkout's reports/)"
    )
    reporter.add_argument(
        "--query",
        metavar="SQL",
        help="read each SOURCE as an SQLite database, a report per story of this SELECT "
        "(columns story, version, text; pick the stories with WHERE); default for a .db, "
        ".sqlite or .sqlite3 file: its one table with those columns",
    )
    reporter.add_argument(
        "--jobs",
        type=_at_least_one,
        default=1,
        metavar="N",
        help="stories made at once: by this command and N-1 worker processes (default 1)",
    )
    reporter.add_argument("--force", action="store_true", help="redo reports that are up to date")
    reporter.add_argument("--show-code", action="store_true", help="keep the code in the HTML")
    reporter.add_argument(
        "--lexicon", default="news", help="framing lexicon name or CSV path (default: news)"
    )
    reporter.add_argument("--reference", default="", help="version id to compare the others with")
    reporter.add_argument(
        "--context",
        type=_context,
        default="auto",
        metavar="N",
        help="unchanged sentence groups shown around each change in the side-by-side text: a "
        'number, "all", or "auto" (all of them up to 400 groups, else 3; the default)',
    )
    reporter.add_argument(
        "--no-sections",
        action="store_true",
        help="show a side-by-side text of more than 400 rows as one table: slower to open, but a "
        "screen reader finds every row from the start (default: sections drawn as scrolled to)",
    )
    reporter.add_argument(
        "--timeout", type=_at_least_one, default=600, metavar="S", help="seconds per notebook cell"
    )
    reporter.add_argument("--no-progress", action="store_true", help="no progress bar")
    reporter.add_argument(
        "--fresh-kernels",
        action="store_true",
        help="a new kernel for every notebook (default: one kept per worker, reset before each)",
    )
    for name in ("match-threshold", "moved-threshold", "edited-threshold"):
        reporter.add_argument(
            f"--{name}", type=_fraction, default=None, metavar="X", help=argparse.SUPPRESS
        )
    corpus = commands.add_parser(
        "corpus",
        help="compare every story of a large corpus into Parquet tables (bounded memory, Dask)",
        description=(
            "Compare the versions of every story in SOURCE (a manifest .csv, records .jsonl, an "
            "SQLite database, or a folder of story folders), streaming it in chunks, and write "
            "OUT/pairs/, OUT/groups/ and OUT/errors/ as Parquet parts and OUT/corpus.json. A "
            "stopped run resumes: chunks already written with the same input and options are "
            "kept."
        ),
    )
    corpus.add_argument(
        "source", metavar="SOURCE", help="manifest, records, SQLite database or folder of stories"
    )
    corpus.add_argument(
        "--query",
        metavar="SQL",
        help="read SOURCE as an SQLite database, its stories the rows of this SELECT: columns "
        "story, version and text (name them with AS), a story's rows together and in version "
        "order; default for a .db, .sqlite or .sqlite3 file: its one table with those columns",
    )
    corpus.add_argument("--out", metavar="DIR", required=True, help="output folder")
    corpus.add_argument(
        "--replace",
        action="store_true",
        help="write over a finished run in --out of another source or with other options",
    )
    corpus.add_argument(
        "--jobs", type=_at_least_one, default=1, metavar="N", help="worker processes (default 1)"
    )
    corpus.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster: tcp://HOST:8786, or 'local' for a LocalCluster",
    )
    corpus.add_argument(
        "--pairs",
        choices=PAIR_MODES,
        default="reference",
        help="which pairs of versions: each against the reference (default), each against "
        "the one before, or all",
    )
    corpus.add_argument("--reference", help="version id of the reference (default: the first)")
    corpus.add_argument(
        "--chunk-size",
        type=_at_least_one,
        default=200,
        metavar="N",
        help="stories per task and part",
    )
    corpus.add_argument(
        "--max-pairs",
        type=_at_least_one,
        default=MAX_PAIRS,
        metavar="N",
        help=f"pairs per task and part at most; a story with more is split (default {MAX_PAIRS})",
    )
    corpus.add_argument("--no-tone", action="store_true", help="leave out the VADER tone columns")
    corpus.add_argument("--no-texts", action="store_true", help="leave the texts out of groups")
    corpus.add_argument("--encoding", help="force the version files' text encoding")
    corpus.add_argument("--no-progress", action="store_true", help="no progress bar")
    corpus.add_argument(
        "--html",
        action="store_true",
        help="also write OUT/corpus.html: how much the stories changed, the most rewritten, "
        "and one story up close (the corpus_changes notebook)",
    )
    corpus.add_argument(
        "--story",
        default="",
        metavar="ID",
        help="with --html: the story shown up close (default: the most changed)",
    )
    corpus.add_argument("--show-code", action="store_true", help="with --html: keep the code")
    for name in ("match-threshold", "moved-threshold", "edited-threshold"):
        corpus.add_argument(
            f"--{name}", type=_fraction, default=None, metavar="X", help=argparse.SUPPRESS
        )
    lessons = commands.add_parser(
        "lessons",
        help="render the teaching notebooks to HTML (reports/lessons/)",
        description="Execute the lessons of notebooks/teaching/ and write them as HTML pages.",
    )
    lessons.add_argument("--out", metavar="DIR", help="where the pages go")
    lessons.add_argument(
        "--solutions", action="store_true", help="the teacher's copy, answers filled in"
    )
    lessons.add_argument("names", nargs="*", metavar="LESSON", help="only these (e.g. 01 03)")
    return parser


def _lessons(args: argparse.Namespace) -> int:
    from .reporting.lessons import render_lessons  # noqa: PLC0415

    pages = render_lessons(args.out, solutions=args.solutions, names=args.names or None)
    for page in pages:
        print(page)
    print(f"index: {pages[0].parent / 'index.html'}")
    return 0


def _threshold_options(args: argparse.Namespace) -> dict:
    return {
        key: value
        for key, value in (
            ("match_threshold", args.match_threshold),
            ("moved_threshold", args.moved_threshold),
            ("edited_threshold", args.edited_threshold),
        )
        if value is not None
    }


def _report(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise StorydiffError("--jobs: give 1 or more worker processes")
    from . import config  # noqa: PLC0415

    out = Path(args.out) if args.out else config.REPORTS_DIR
    rerun = not args.force and (out / "index.html").is_file()  # reports may all be up to date
    missing = any(not Path(path).exists() for path in args.paths)  # fails at once, in the batch
    if args.jobs > 1 or args.fresh_kernels or rerun or missing:
        return _make_reports(args, None)
    # One job in a kept kernel, reports to make: the kernel starts now, before this process
    # imports pandas and the rest, which it does meanwhile on the other core (with more jobs the
    # workers are forked first, before any kernel starts). Not for a rerun into a folder of
    # reports, where the kernel could well be started and stopped for nothing (+0.26 s when
    # every report is up to date).
    from . import processes  # noqa: PLC0415
    from .reporting.kernels import KeptKernel  # noqa: PLC0415

    kernel = KeptKernel()
    try:
        # From here a Ctrl-C is remembered: one that the kernel's start-up swallows (seen once,
        # on a busy machine: the batch ran to its end and exited 0) stops the batch before its
        # first story.
        with processes.interrupts_noticed():
            kernel.launch()
            return _make_reports(args, kernel)
    finally:
        kernel.close()


def _make_reports(args: argparse.Namespace, kernel) -> int:
    from . import config  # noqa: PLC0415
    from .reporting import ReportOptions, run_batch  # noqa: PLC0415

    sources = args.paths or [str(config.EXAMPLE_STORY_DIR)]
    options = ReportOptions(
        show_code=args.show_code,
        lexicon=args.lexicon,
        reference=args.reference,
        thresholds=_threshold_options(args),
        timeout=args.timeout or 600,
        context=args.context,
        sections=not args.no_sections,
    )
    result = run_batch(
        sources,
        args.out,
        jobs=args.jobs,
        force=args.force,
        options=options,
        progress=not args.no_progress,
        reuse_kernels=not args.fresh_kernels,
        kernel=kernel,
        query=args.query,
    )
    stories = result.stories
    for row in stories[stories["status"] == "failed"].itertuples():
        print(f"storydiff: story {row.story!r} failed: {row.error}", file=sys.stderr)
    made = int(((stories["action"] == "made") & (stories["status"] == "ok")).sum())
    fresh = int((stories["action"] == "up to date").sum())
    print(
        f"{len(stories)} {'story' if len(stories) == 1 else 'stories'}: {made} reported now, "
        f"{fresh} up to date, {result.n_failed} failed"
    )
    ok = stories[stories["status"] == "ok"]
    if len(ok) == 1:
        print(f"report: {ok.iloc[0]['report']}")
    if result.corpus is not None:
        print(f"corpus overview: {result.corpus}")
    print(f"index: {result.index}")
    return 1 if result.n_failed else 0


def _corpus(args: argparse.Namespace) -> int:
    from .align import AlignmentThresholds  # noqa: PLC0415
    from .corpus import CorpusOptions, compare_corpus, read_corpus_table  # noqa: PLC0415
    from .reading import SQLiteSource, is_database  # noqa: PLC0415

    if (args.story or args.show_code) and not args.html:
        raise ParameterError("--story and --show-code choose what the page shows: add --html")
    options = CorpusOptions(
        pairs=args.pairs,
        reference=args.reference,
        tone=not args.no_tone,
        texts=not args.no_texts,
        thresholds=AlignmentThresholds(**_threshold_options(args)),
        encoding=args.encoding,
    )
    source = args.source
    if args.query is not None or is_database(source):
        source = SQLiteSource(source, args.query)
    result = compare_corpus(
        source,
        args.out,
        options=options,
        jobs=args.jobs,
        scheduler=args.scheduler,
        chunk_size=args.chunk_size,
        max_pairs=args.max_pairs,
        progress=not args.no_progress,
        replace=args.replace,
    )
    if result.n_failed:
        errors = read_corpus_table(result.folder, "errors")
        failed = errors[errors["kind"] == "error"]
        for row in failed.head(10).itertuples():
            print(f"storydiff: story {row.story!r} failed: {row.error}", file=sys.stderr)
        if result.n_failed > 10:
            print(f"storydiff: ... and {result.n_failed - 10} more", file=sys.stderr)
    reused = f" ({result.n_reused} of {result.n_chunks} chunks kept from the last run)"
    single = f", {result.n_single} with a single version (nothing to compare)"
    print(
        f"{result.n_stories} stories, {result.n_pairs} pairs, {result.n_groups} groups, "
        f"{result.n_failed} failed{single if result.n_single else ''} in {result.seconds:.1f} s "
        f"on {result.scheduler}" + (reused if result.n_reused else "")
    )
    print(
        f"tables: {result.folder / 'pairs'}, {result.folder / 'groups'}, {result.folder / 'errors'}"
    )
    if args.html:
        from .corpus.page import write_changes_page  # noqa: PLC0415

        page = write_changes_page(result.folder, story=args.story, show_code=args.show_code)
        print(f"page: {page}")
    return 1 if result.n_failed else 0


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
    from .reading import RECORD_SUFFIXES, iter_stories, load_story  # noqa: PLC0415

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


def format_comparison(
    comparison, *, show_all: bool = False, color: bool = False, width: int = 100
) -> str:
    """A readable text summary of a comparison: measures, counts and the changed groups."""
    a, b = comparison.a, comparison.b
    sim = comparison.similarity
    lines = [f"Compare {b.name!r} (b) with {a.name!r} (a)", ""]
    lines.append(
        f"  similarity: TF-IDF cosine {sim.tfidf_cosine:.2f}, character cosine "
        f"{sim.char_cosine:.2f}, Jaccard {sim.jaccard:.2f}"
    )
    lines.append(
        f"  reuse: 3-gram containment a in b {sim.containment_a_in_b:.2f}, b in a "
        f"{sim.containment_b_in_a:.2f}; {sim.derived_share:.0%} of b's words aligned to a "
        f"-> {sim.reuse_label}"
    )
    counts = comparison.counts
    lines.append("  groups: " + ", ".join(f"{label} {n}" for label, n in counts.items() if n))
    ledger = comparison.quotes
    quote_counts = ledger.counts()
    if quote_counts.sum():
        flagged = int(ledger.rows["misquote"].sum())
        moved = int(ledger.rows["speaker_changed"].sum())
        notes = [f"{flagged} with words changed inside the quote marks"] if flagged else []
        notes += [f"{moved} given to another speaker"] if moved else []
        lines.append(
            "  quotes: "
            + ", ".join(f"{status} {n}" for status, n in quote_counts.items() if n)
            + (f" ({'; '.join(notes)})" if notes else "")
        )
    numbers = comparison.numbers.counts()
    if numbers.sum():
        changed = comparison.numbers.changed()
        lines.append(
            "  numbers: "
            + ", ".join(f"{status} {n}" for status, n in numbers.items() if n)
            + "".join(f"; {row.a_text!r} -> {row.b_text!r}" for row in changed.itertuples())
        )
    tone = comparison.tone
    shifts = tone.to_frame()
    if len(shifts):
        top = shifts.index[0]
        if tone.a.mean != tone.a.mean or tone.b.mean != tone.b.mean:  # NaN: not English
            lines.append("  tone (VADER): not scored; VADER reads English")
        else:
            lines.append(
                f"  tone (VADER, mean per sentence): a {tone.a.mean:+.2f}, "
                f"b {tone.b.mean:+.2f}; largest shift in group [{top}]: "
                f"{shifts.loc[top, 'delta']:+.2f}"
            )
    swaps = comparison.framing.swaps
    if len(swaps):
        shown = [
            f"{'/'.join(row.a_terms)} -> {'/'.join(row.b_terms)}"
            for row in swaps.head(6).itertuples()
        ]
        more = f" (+{len(swaps) - 6} more)" if len(swaps) > 6 else ""
        lines.append(f"  framing swaps: {'; '.join(shown)}{more}")
    entities = comparison.entities.to_frame()
    if len(entities):
        lines.append("  " + _entity_line(entities))
    distinctive = comparison.lexical.distinctive
    if len(distinctive):
        top_a = comparison.lexical.typical_terms("a", 6).index
        top_b = comparison.lexical.typical_terms("b", 6).index
        lines.append(f"  words typical of a: {', '.join(top_a) or '-'}")
        lines.append(f"  words typical of b: {', '.join(top_b) or '-'}")
    shares = comparison.shares()
    lines += ["", shares.map(lambda v: f"{v:.0%}").to_string(), ""]
    for number, (group, diff) in enumerate(
        zip(comparison.aligned.groups, comparison.diffs, strict=True)
    ):
        if group.label == "unchanged" and not show_all:
            continue
        ids = f"a{list(group.a)} -> b{list(group.b)}".replace("[]", "-")
        score = f" {group.score:.2f}" if group.a and group.b else ""
        heading = " (heading)" if group.is_heading else ""
        lines.append(f"[{number}] {group.label.upper()}{heading}{score}  {ids}")
        lines.append(
            textwrap.fill(
                " ".join(diff.to_terminal(color=color).split()),
                width=width,
                initial_indent="    ",
                subsequent_indent="    ",
            )
        )
    return "\n".join(lines).rstrip() + "\n"


def _entity_line(entities, top: int = 6, shown: int = 5) -> str:
    """One line on the entities: the most mentioned (count in a/b), then those only in one."""

    def names(frame) -> str:
        listed = ", ".join(frame.index[:shown])
        return listed + (f" (+{len(frame) - shown} more)" if len(frame) > shown else "")

    both = entities[entities["status"] == "both"].head(top)
    parts = [", ".join(f"{row.Index} {row.count_a}/{row.count_b}" for row in both.itertuples())]
    for status, label in (("only_a", "only in a"), ("only_b", "only in b")):
        only = entities[entities["status"] == status]
        if len(only):
            parts.append(f"{label}: {names(only)}")
    return "entities (mentions a/b): " + "; ".join(p for p in parts if p)


def _compare(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415

    from .compare import compare, compare_story  # noqa: PLC0415 (pandas loads here)
    from .reading import TEXT_SUFFIXES, load_story  # noqa: PLC0415

    options = _threshold_options(args)
    paths = [Path(p) for p in args.paths]
    if len(paths) == 2 and all(p.suffix.lower() in TEXT_SUFFIXES for p in paths):
        for option, value in (("--story", args.story), ("--reference", args.reference)):
            if value is not None:
                raise ParameterError(
                    f"{option} picks from one story folder or records file; with two files, "
                    f"the first is A and the second B (leave {option} out)"
                )
        story = load_story(paths, encoding=args.encoding)
        comparisons = [compare(story[0], story[1], **options)]
        reference = story[0].id
    elif len(paths) == 1:
        story = load_story(paths[0], story=args.story, encoding=args.encoding)
        result = compare_story(story, reference=args.reference, pairs="reference", **options)
        reference = result.reference
        comparisons = [result.pairs[(reference, v)] for v in story.ids if v != reference]
    else:
        raise StorydiffError(
            "compare takes two version files (.txt, .md, .html), or one story folder or records "
            "file"
        )
    if args.json:
        if len(comparisons) == 1:
            payload = comparisons[0].to_dict(analyses=True)
        else:
            payload = {
                "story": story.id,
                "reference": reference,
                "comparisons": [c.to_dict(analyses=True) for c in comparisons],
            }
        # (escaped as JSON, not by the stream, where the output is not UTF-8)
        text = json.dumps(payload, ensure_ascii=not _utf8(sys.stdout), indent=1)
        sys.stdout.write(text + "\n")
        return 0
    for comparison in comparisons:
        sys.stdout.write(format_comparison(comparison, show_all=args.all, color=args.color) + "\n")
    return 0


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"storydiff: warning: {message}", file=sys.stderr)


def _os_error(exc: OSError) -> str:
    """An error of the system's about a file or folder, as one line that names it."""
    where = f"{exc.filename}: " if exc.filename else ""
    if isinstance(exc, PermissionError):
        return f"{where}permission denied; check that you may read (or write) it"
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        return f"{where}a file stands where a folder is needed; give a folder"
    if isinstance(exc, FileNotFoundError):
        return f"{where}no such file or folder; check the path"
    return f"{where}{exc.strerror or exc}"


def _utf8(stream) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "") in ("utf8", "utf8sig")


def _tolerant_output() -> None:
    """Let a terminal or file that is not UTF-8 show what it cannot encode as escapes, rather
    than stop the command with an error halfway through its output."""
    for stream in (sys.stdout, sys.stderr):
        if not _utf8(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    _tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    previous = warnings.showwarning
    warnings.showwarning = _show_warning
    try:
        run = {"compare": _compare, "report": _report, "lessons": _lessons, "corpus": _corpus}.get(
            args.command, _inspect
        )
        return run(args)
    except StorydiffError as exc:
        print(f"storydiff: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file or folder the system will not give: one line naming it
        print(f"storydiff: error: {_os_error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except UnicodeEncodeError:
        print(
            "storydiff: error: the terminal's encoding cannot show this text; set "
            "PYTHONIOENCODING=utf-8, or write --json to a file",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except KeyboardInterrupt:
        # A task of the notebook client's that the Ctrl-C stopped too would be logged, with
        # its traceback, as it is collected at exit ("Task exception was never retrieved").
        import logging  # noqa: PLC0415

        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        print(
            "storydiff: interrupted; finished reports and corpus parts are kept, run again to "
            "do the rest",
            file=sys.stderr,
        )
        return 130
    finally:
        warnings.showwarning = previous
