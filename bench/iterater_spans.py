"""Check that human-annotated edits of real news revisions show up in storydiff's inline diff.

Usage::

    python bench/iterater_spans.py [--eval-dir DIR] [--tolerance N] [--verbose]

The data are Wikinews article revisions annotated in the IteraTeR corpus (Du et al. 2022), read
from ``<eval-dir>/iterater_news/news_doc_level_{train,dev,test}.jsonl``; the default folder is
``storydiff.config.eval_dir()`` (``$STORYDIFF_EVAL_DIR`` or ``../shared/eval``). Each record has
``before_revision``, ``after_revision`` and ``edit_actions``; the character positions of an action
are offsets into ``before_revision`` (``before_revision[start:end] == before`` for every D and R
action; an A action has ``start == end``, the insertion point).

For every document the script computes ``inline_diff(before, after)`` and counts an action as
*visible* when the diff marks it:

- D or R: a deletion overlaps the action's span ``[start, end)`` of the before-text, or lies
  within `tolerance` characters of it and contains the deleted text;
- A or R: an insertion sits in the before-text within `tolerance` characters of the span, or
  within the length of the ``after`` text and shares at least half of it (texts compared after
  normalisation). An insertion that replaces a deletion is placed at the deleted span.

A diff and an annotator may place the same edit differently ("the one-year anniversary of"
inserted one word earlier than "one-year anniversary of the"); the rules accept such
equivalent placements and nothing farther away.

Actions whose ``before`` and ``after`` differ only in typography (curly vs straight quotes) are
invisible by design; they are counted and reported as ``typographic``. The last lines give the
speed of :func:`storydiff.inline_diff.inline_diff` on the document pairs and on sentence pairs.
"""

from __future__ import annotations

import argparse
import difflib
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from storydiff import config
from storydiff.inline_diff import InlineDiff, inline_diff
from storydiff.normalize import normalize_text
from storydiff.structure import split_sentences

DATA_DIR = Path("iterater_news")
"""Where the data are, relative to the evaluation folder."""

SPLITS = ("train", "dev", "test")
TYPES = ("A", "D", "R")


def read_records(folder: Path | str) -> list[dict]:
    """Read every ``news_doc_level_<split>.jsonl`` file in `folder`, in split order.

    Each record gains a ``split`` key. A missing split file is skipped.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "news_doc_level_dev.jsonl"
    ...     _ = path.write_text('{"doc_id": "1", "edit_actions": []}\\n')
    ...     [(record["doc_id"], record["split"]) for record in read_records(folder)]
    [('1', 'dev')]
    """
    records = []
    for split in SPLITS:
        path = Path(folder) / f"news_doc_level_{split}.jsonl"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    records.append({**json.loads(line), "split": split})
    return records


def records_or_complaint(eval_dir: Path | None, script: str) -> tuple[Path, list[dict]]:
    """The IteraTeR folder under `eval_dir` (``config.eval_dir()`` by default) and its records;
    when there are none, a line on standard error says where they were looked for."""
    folder = (eval_dir if eval_dir is not None else config.eval_dir()) / DATA_DIR
    records = read_records(folder) if folder.is_dir() else []
    if not records:
        print(
            f"{script}: no news_doc_level_*.jsonl files in {folder}; "
            "set STORYDIFF_EVAL_DIR or pass --eval-dir",
            file=sys.stderr,
        )
    return folder, records


def action_visible(
    action: dict, diff: InlineDiff, *, tolerance: int = 3, anywhere: bool = True
) -> bool:
    """Whether the diff marks an annotated edit action (see the module docstring).

    A diff may place the same edit differently from the annotator (a word earlier or later, or
    a replacement where the annotator saw an insertion), so a marked run counts when it is
    *equivalent* to the action:

    - a deletion overlaps the action's span, or lies within `tolerance` characters of it and
      contains the deleted text (D, R);
    - an insertion lies within `tolerance` characters of the span, or within the length of the
      ``after`` text and shares at least half of it (A, R). An insertion that replaces a deletion
      is placed at the deleted span;
    - with `anywhere`, also an insertion anywhere whose text contains the ``after`` text of two
      words or more (the diff may show a moved passage as inserted elsewhere).

    Parameters
    ----------
    action : dict
        ``type`` ("A", "D" or "R"), ``start_char_pos``, ``end_char_pos`` (offsets into the
        diff's ``a`` text), ``before`` (for D and R) and ``after`` (for A and R).
    diff : InlineDiff
        The diff of the before-text against the after-text.
    tolerance : int, default 3
        Characters by which a marked run may miss the action's span.
    anywhere : bool, default True
        Accept an insertion containing the ``after`` text far from the action's span.

    Examples
    --------
    >>> diff = inline_diff("two men died here", "two men were killed here")
    >>> action_visible({"type": "R", "start_char_pos": 8, "end_char_pos": 12,
    ...                 "before": "died", "after": "were killed"}, diff)
    True
    >>> action_visible({"type": "D", "start_char_pos": 0, "end_char_pos": 3, "before": "two"},
    ...                diff)
    False
    """
    kind = action["type"]
    start, end = action["start_char_pos"], action["end_char_pos"]
    if kind in ("D", "R"):
        before = normalize_text(action.get("before") or "")
        for op in diff.ops:
            if op.op != "delete":
                continue
            if op.a_start < end and start < op.a_end:
                return True
            near = _distance(op.a_start, op.a_end, start, end) <= tolerance
            if near and before and before in normalize_text(op.text):
                return True
    if kind in ("A", "R"):
        after = normalize_text(action.get("after") or "")
        reach = max(tolerance, len(after))
        for lo, hi, text in _insertions(diff):
            distance = _distance(lo, hi, start, end)
            if distance <= tolerance or (distance <= reach and _shares_half(after, text)):
                return True
            if anywhere and len(after.split()) >= 2 and after in normalize_text(text):
                return True
    return False


def _insertions(diff: InlineDiff) -> list[tuple[int, int, str]]:
    """Each insertion as ``(lo, hi, text)`` in the a-text: the deleted span it replaces, if any."""
    spans = []
    previous = None
    for op in diff.ops:
        if op.op == "insert":
            replaced = previous is not None and previous.op == "delete"
            spans.append((previous.a_start if replaced else op.a_start, op.a_end, op.text))
        previous = op
    return spans


def _distance(lo: int, hi: int, start: int, end: int) -> int:
    """Characters between the intervals ``[lo, hi]`` and ``[start, end]`` (0 if they touch)."""
    return max(0, lo - end, start - hi)


def _shares_half(after: str, text: str) -> bool:
    """Whether the longest common stretch of `after` and normalised `text` is half of `after`."""
    if not after:
        return False
    text = normalize_text(text)
    matcher = difflib.SequenceMatcher(None, after, text, autojunk=False)
    match = matcher.find_longest_match(0, len(after), 0, len(text))
    return 2 * match.size >= len(after)


def is_typographic(action: dict) -> bool:
    """Whether an action's ``before`` and ``after`` are equal once normalised (by design unseen).

    Examples
    --------
    >>> is_typographic({"type": "R", "before": "\\u201cyes\\u201d", "after": '"yes"'})
    True
    """
    if action["type"] != "R":
        return False
    return normalize_text(action["before"] or "") == normalize_text(action["after"] or "")


def span_visibility(
    records: Iterable[dict],
    diff_fn: Callable[[str, str], InlineDiff] = inline_diff,
    *,
    tolerance: int = 3,
) -> dict:
    """Share of annotated edit actions that the inline diff makes visible.

    Parameters
    ----------
    records : iterable of dict
        IteraTeR document records (``before_revision``, ``after_revision``, ``edit_actions``).
    diff_fn : callable, default :func:`~storydiff.inline_diff.inline_diff`
        ``diff_fn(before, after) -> InlineDiff`` whose offsets refer to the whole documents.
    tolerance : int, default 3
        Passed to :func:`action_visible`.

    Returns
    -------
    dict
        ``n_documents``, ``n_actions``, ``n_visible``, ``share`` (0..1; 1.0 when there are no
        actions), ``n_in_place`` (visible at the annotated place, i.e. without the `anywhere`
        rule of :func:`action_visible`), ``n_typographic`` (actions unseen by design, counted in
        ``n_actions``),
        ``by_type`` (``{type: {"n_actions", "n_visible", "share"}}``) and ``missed`` (one dict
        per unseen action: ``doc_id``, ``type``, ``before``, ``after``, ``start_char_pos``,
        ``typographic``).

    Examples
    --------
    >>> record = {"doc_id": "1", "before_revision": "Six people died.",
    ...           "after_revision": "6 people died.",
    ...           "edit_actions": [{"type": "R", "before": "Six", "after": "6",
    ...                             "start_char_pos": 0, "end_char_pos": 3}]}
    >>> result = span_visibility([record])
    >>> result["share"], result["by_type"]["R"]
    (1.0, {'n_actions': 1, 'n_visible': 1, 'share': 1.0})
    """
    counts = {kind: [0, 0] for kind in TYPES}
    missed = []
    n_documents = n_typographic = n_in_place = 0
    for record in records:
        n_documents += 1
        diff = diff_fn(record["before_revision"], record["after_revision"])
        for action in record["edit_actions"]:
            kind = action["type"]
            counts.setdefault(kind, [0, 0])[0] += 1
            typographic = is_typographic(action)
            n_typographic += typographic
            if action_visible(action, diff, tolerance=tolerance, anywhere=False):
                n_in_place += 1
                counts[kind][1] += 1
            elif action_visible(action, diff, tolerance=tolerance):
                counts[kind][1] += 1
            else:
                missed.append(
                    {
                        "doc_id": record.get("doc_id"),
                        "type": kind,
                        "before": action.get("before"),
                        "after": action.get("after"),
                        "start_char_pos": action["start_char_pos"],
                        "typographic": typographic,
                    }
                )
    n_actions = sum(n for n, _ in counts.values())
    n_visible = sum(v for _, v in counts.values())
    return {
        "n_documents": n_documents,
        "n_actions": n_actions,
        "n_visible": n_visible,
        "share": n_visible / n_actions if n_actions else 1.0,
        "n_in_place": n_in_place,
        "n_typographic": n_typographic,
        "by_type": {
            kind: {"n_actions": n, "n_visible": v, "share": v / n if n else 1.0}
            for kind, (n, v) in counts.items()
        },
        "missed": missed,
    }


def sentence_pairs(records: Iterable[dict]) -> list[tuple[str, str]]:
    """Pairs of before/after sentences for timing, matched in order.

    Sentences are split with :func:`storydiff.structure.split_sentences`; identical sentences
    pair up, and within a changed stretch sentences pair in order (the surplus is dropped).
    """
    pairs = []
    for record in records:
        a = split_sentences(record["before_revision"])
        b = split_sentences(record["after_revision"])
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for _, i1, i2, j1, j2 in matcher.get_opcodes():
            pairs.extend(zip(a[i1:i2], b[j1:j2], strict=False))
    return pairs


def pairs_per_second(pairs: list[tuple[str, str]], *, repeats: int = 5) -> float:
    """Median pairs per second of :func:`inline_diff` over `repeats` runs of about one second."""
    start = time.perf_counter()
    for a, b in pairs:
        inline_diff(a, b)
    passes = max(1, round(1.0 / max(time.perf_counter() - start, 1e-6)))
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(passes):
            for a, b in pairs:
                inline_diff(a, b)
        timings.append(time.perf_counter() - start)
    return passes * len(pairs) / statistics.median(timings)


def _print_missed(missed: list[dict]) -> None:
    print(f"\nActions not visible ({len(missed)}):")
    for item in missed:
        note = "  (typographic)" if item["typographic"] else ""
        print(
            f"  doc {item['doc_id']} {item['type']} @{item['start_char_pos']}: "
            f"{item['before']!r} -> {item['after']!r}{note}"
        )


def compared_document_diff(before: str, after: str) -> InlineDiff:
    """The diff ``storydiff.compare`` shows: per aligned sentence group, in document offsets."""
    from storydiff.compare import compare  # noqa: PLC0415

    return compare(before, after).document_diff()


def _report(title: str, result: dict, folder: Path, verbose: bool) -> None:
    print(
        f"\n{title}\nIteraTeR news revisions: {result['n_documents']} documents, "
        f"{result['n_actions']} annotated edit actions, from {folder}"
    )
    print(f"{'type':<6} {'actions':>7} {'visible':>7} {'share':>8}")
    for kind, row in result["by_type"].items():
        print(f"{kind:<6} {row['n_actions']:>7} {row['n_visible']:>7} {100 * row['share']:>7.2f}%")
    share = 100 * result["share"]
    print(f"{'all':<6} {result['n_actions']:>7} {result['n_visible']:>7} {share:>7.2f}%")
    in_place = 100 * result["n_in_place"] / result["n_actions"]
    print(
        f"Visible at the annotated place: {result['n_in_place']} ({in_place:.2f}%); the others "
        "only as part of an insertion elsewhere (a passage the diff shows as moved)."
    )
    print(
        f"Of the {result['n_actions'] - result['n_visible']} actions not visible, "
        f"{sum(m['typographic'] for m in result['missed'])} change typography only "
        "(quote style) or nothing at all, which the diff ignores by design."
    )
    if verbose:
        _print_missed(result["missed"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--eval-dir",
        type=Path,
        default=None,
        help="folder of public evaluation data (default: storydiff.config.eval_dir())",
    )
    parser.add_argument(
        "--tolerance",
        type=int,
        default=3,
        help="characters an insertion may sit away from an action's span (default: 3)",
    )
    parser.add_argument("--verbose", action="store_true", help="list the actions not visible")
    args = parser.parse_args(argv)

    folder, records = records_or_complaint(args.eval_dir, "iterater_spans.py")
    if not records:
        return 1

    for title, diff_fn in (
        ("storydiff.compare: inline diff of every aligned sentence group", compared_document_diff),
        ("inline_diff of the whole documents", inline_diff),
    ):
        _report(
            title, span_visibility(records, diff_fn, tolerance=args.tolerance), folder, args.verbose
        )

    documents = [(r["before_revision"], r["after_revision"]) for r in records]
    documents = [(r["before_revision"], r["after_revision"]) for r in records]
    n_chars = statistics.mean(len(a) for a, _ in documents)
    print(
        f"\nSpeed of inline_diff on the {len(documents)} document pairs (mean {n_chars:,.0f} "
        f"characters before): {pairs_per_second(documents):,.0f} pairs/s (median of 5 runs)"
    )
    sentences = sentence_pairs(records)
    n_words = statistics.mean(len(a.split()) for a, _ in sentences)
    print(
        f"Speed on {len(sentences)} sentence pairs from the same documents (mean {n_words:.0f} "
        f"words): {pairs_per_second(sentences):,.0f} pairs/s (median of 5 runs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
