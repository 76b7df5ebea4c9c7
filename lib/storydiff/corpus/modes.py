"""What a corpus run compares and how much it holds at once: plain values, light to import
(the command line's options name them before anything heavy is loaded).

>>> PAIR_MODES, MAX_PAIRS
(('reference', 'consecutive', 'all'), 2000)
"""

PAIR_MODES = ("reference", "consecutive", "all")
"""Which pairs of a story's versions are compared: each against the reference (the first
version unless named), each against the one before it (revision histories), or every pair."""

MAX_PAIRS = 2000
"""Pairs per task and Parquet part at most (see :func:`storydiff.corpus.compare_corpus`): about
40 KB of rows a pair with the sentences' texts, so a chunk in flight holds some 80 MB at most."""

__all__ = ["MAX_PAIRS", "PAIR_MODES"]
