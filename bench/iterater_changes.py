"""Check the corpus mode's measure of change against people's annotations of real revisions.

Usage::

    python bench/iterater_changes.py [--eval-dir DIR]

The 189 Wikinews revision pairs of IteraTeR (Du et al. 2022; ``<eval-dir>/iterater_news/``,
read as ``bench/iterater_spans.py`` reads them) go through ``storydiff.compare_corpus`` as a
corpus of 189 stories of two versions, and the pairs table's ``words_deleted +
words_inserted`` (``words_changed`` in :func:`storydiff.corpus.corpus_changes`) is set beside
what the annotators marked: the words of every edit action's ``before`` and ``after`` spans.

Printed: the Spearman rank correlation of the two counts over the pairs (and with the number of
edit actions), and the median share of the words changed in the revisions with an edit whose
intent the annotators labelled ``meaning-changed`` against the others (fluency, clarity,
coherence, style only). IteraTeR publishes no such figure; this is a sanity check that a
revision people saw as bigger is measured as bigger.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from iterater_spans import records_or_complaint  # noqa: E402
from storydiff.corpus import CorpusOptions, compare_corpus, read_changes  # noqa: E402


def annotated_words(record: dict) -> int:
    """The words an annotator marked in a revision: every action's before and after spans.

    >>> annotated_words({"edit_actions": [{"before": "six people", "after": "6 people"},
    ...                                   {"before": None, "after": "Police said."}]})
    6
    """
    return sum(
        len((action.get("before") or "").split()) + len((action.get("after") or "").split())
        for action in record["edit_actions"]
    )


def changes_against_annotations(records: list[dict], out: Path | str) -> dict:
    """Run the revisions as a corpus into `out`; return the figures the script prints."""
    frame = pd.DataFrame(
        [
            {"story": f"{r['doc_id']}-{r['revision_depth']}", "version": version, "text": text}
            for r in records
            for version, text in (("before", r["before_revision"]), ("after", r["after_revision"]))
        ]
    )
    compare_corpus(frame, out, options=CorpusOptions(tone=False, texts=False))
    pairs = read_changes(out).pairs.set_index("story")
    human = pd.DataFrame(
        {
            "annotated_words": [annotated_words(r) for r in records],
            "actions": [len(r["edit_actions"]) for r in records],
            "meaning_changed": [
                any(a.get("major_intent") == "meaning-changed" for a in r["edit_actions"])
                for r in records
            ],
        },
        index=[f"{r['doc_id']}-{r['revision_depth']}" for r in records],
    )
    joined = pairs.join(human, how="inner")
    by_intent = joined.groupby("meaning_changed")["change_share"].median()
    changed = joined["words_changed"]
    return {
        "pairs": len(joined),
        "spearman_words": float(changed.corr(joined["annotated_words"], "spearman")),
        "spearman_actions": float(changed.corr(joined["actions"], "spearman")),
        "median_share_meaning": float(by_intent.get(True, float("nan"))),
        "median_share_other": float(by_intent.get(False, float("nan"))),
        "n_meaning": int(joined["meaning_changed"].sum()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=None, help="public evaluation data")
    args = parser.parse_args(argv)
    folder, records = records_or_complaint(args.eval_dir, "iterater_changes.py")
    if not records:
        return 1
    with tempfile.TemporaryDirectory() as out:
        result = changes_against_annotations(records, out)
    print(f"IteraTeR news revisions ({folder}): {result['pairs']} pairs")
    print(
        "  Spearman, words changed (corpus pairs table) vs words in the annotated edits: "
        f"{result['spearman_words']:.3f}"
    )
    print(
        f"  Spearman, words changed vs number of annotated edits: {result['spearman_actions']:.3f}"
    )
    print(
        "  median share of the words changed: revisions with a meaning-changed edit "
        f"{result['median_share_meaning']:.3f} ({result['n_meaning']} pairs), the others "
        f"{result['median_share_other']:.3f} ({result['pairs'] - result['n_meaning']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
