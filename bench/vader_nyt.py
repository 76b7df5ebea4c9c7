"""VADER as wired in ``storydiff.tone``, scored against 5,190 rated NYT editorial sentences.

Usage::

    python bench/vader_nyt.py [--eval-dir DIR] [--repeats 5]

The data (``<eval dir>/vader_nyt/nytEditorialSnippets_GroundTruth.txt``, from the vaderSentiment
repository) holds sentences from 500 New York Times opinion editorials, each rated by 20 people
from -4 to +4; a line is ``ID <tab> mean rating <tab> text``. The eval dir is
``storydiff.config.eval_dir()`` unless given.

Printed beside the published figures (Hutto & Gilbert 2014, Table 4, NYT editorials):

* Pearson r between each sentence's compound score (``storydiff.tone.score_sentences``) and its
  mean human rating;
* 3-class precision, recall and F1, weighted by the support of each gold class, where the gold
  class is the sign of the mean rating (0 = neutral) and the predicted class is compound >= 0.05
  positive, <= -0.05 negative, else neutral;
* scoring speed: sentences per second, the median of ``--repeats`` runs over all sentences with
  the score cache cleared before each run.

Exits with status 1 and a one-line message when the data is missing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from storydiff import config
from storydiff.errors import InputNotFoundError
from storydiff.tone import clear_cache, score_sentences, tone_labels

FILE_NAME = "nytEditorialSnippets_GroundTruth.txt"
FOLDER = "vader_nyt"

PUBLISHED = {"r": 0.492, "precision": 0.69, "recall": 0.49, "f1": 0.55}
"""VADER on the NYT editorial sentences, Hutto & Gilbert 2014, Table 4."""

HUMANS = {"r": 0.745, "f1": 0.65}
"""Individual human raters against the mean rating, same table."""

RERUN_R = 0.503
"""Pearson r of a re-run with vaderSentiment 3.3.2 (the lexicon and rules have been revised)."""

CLASSES = (-1, 0, 1)


def data_path(eval_dir: Path | None = None) -> Path:
    """Where the rated sentences are expected (the file may not exist)."""
    return Path(eval_dir or config.eval_dir()) / FOLDER / FILE_NAME


def read_ratings(path: Path) -> pd.DataFrame:
    """The rated sentences: ``id``, ``rating`` (mean of 20 people, -4..+4), ``text``.

    `path` is the data file or a folder holding it.
    """
    path = Path(path)
    if path.is_dir():
        path = path / FILE_NAME
    if not path.is_file():
        raise InputNotFoundError(
            f"{path}: the VADER NYT data is missing; pass --eval-dir (the folder holding "
            f"{FOLDER}/{FILE_NAME}) or set {config.EVAL_DIR_VARIABLE}"
        )
    rows = []
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            sentence_id, rating, text = line.split("\t", 2)
            rows.append((sentence_id, float(rating), text))
    return pd.DataFrame(rows, columns=["id", "rating", "text"])


def weighted_prf(gold: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    """Precision, recall and F1 averaged over the classes, weighted by gold support.

    A class never predicted has precision 0 (as scikit-learn's ``zero_division=0``).
    """
    precision = recall = f1 = 0.0
    for label in CLASSES:
        support = int((gold == label).sum())
        if not support:
            continue
        true_positive = int(((gold == label) & (predicted == label)).sum())
        n_predicted = int((predicted == label).sum())
        p = true_positive / n_predicted if n_predicted else 0.0
        r = true_positive / support
        f = 2 * p * r / (p + r) if p + r else 0.0
        weight = support / len(gold)
        precision, recall, f1 = precision + weight * p, recall + weight * r, f1 + weight * f
    return precision, recall, f1


def evaluate(path: Path) -> dict:
    """Score every sentence and compare with the human ratings.

    Parameters
    ----------
    path : Path
        The data file, or the folder holding it.

    Returns
    -------
    dict
        ``n`` (sentences), ``r`` (Pearson), ``precision``, ``recall``, ``f1`` (weighted).
    """
    ratings = read_ratings(path)
    compound = score_sentences(ratings["text"])["compound"].to_numpy(float)
    gold = np.sign(ratings["rating"].to_numpy(float)).astype(int)
    labels = tone_labels(compound)
    predicted = np.select([labels == "positive", labels == "negative"], [1, -1], 0)
    precision, recall, f1 = weighted_prf(gold, predicted)
    r = float(np.corrcoef(compound, ratings["rating"].to_numpy(float))[0, 1])
    return {"n": len(ratings), "r": r, "precision": precision, "recall": recall, "f1": f1}


def sentences_per_second(texts: list[str], repeats: int = 5) -> float:
    """Median scoring speed over `repeats` runs, the cache cleared before each."""
    timings = []
    for _ in range(repeats):
        clear_cache()
        start = time.perf_counter()
        score_sentences(texts)
        timings.append(time.perf_counter() - start)
    return len(texts) / statistics.median(timings)


def _format(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, help="folder holding vader_nyt/ (default: config)")
    parser.add_argument("--repeats", type=int, default=5, help="timing runs (median is printed)")
    args = parser.parse_args(argv)
    path = data_path(args.eval_dir)
    if not path.is_file():
        print(
            f"vader_nyt: {path} not found; pass --eval-dir or set {config.EVAL_DIR_VARIABLE}",
            file=sys.stderr,
        )
        return 1
    result = evaluate(path)
    texts = read_ratings(path)["text"].tolist()
    speed = sentences_per_second(texts, max(1, args.repeats))
    print(f"VADER on NYT editorial sentences: {result['n']} sentences ({path})")
    print(f"{'measure':<11}{'storydiff':>11}{'published':>11}{'humans':>9}")
    for key, name in (("r", "Pearson r"), ("precision", "precision"), ("recall", "recall")):
        print(
            f"{name:<11}{_format(result[key]):>11}{_format(PUBLISHED[key]):>11}"
            f"{_format(HUMANS.get(key)):>9}"
        )
    print(
        f"{'F1':<11}{_format(result['f1']):>11}{_format(PUBLISHED['f1']):>11}"
        f"{_format(HUMANS['f1']):>9}"
    )
    print(
        f"published: Hutto & Gilbert 2014, Table 4; vaderSentiment 3.3.2 re-run r = {RERUN_R}; "
        "P/R/F1 weighted over 3 classes (threshold +-0.05)"
    )
    print(
        f"scoring: {speed:,.0f} sentences/second "
        f"(median of {max(1, args.repeats)} runs, cache cleared before each)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
