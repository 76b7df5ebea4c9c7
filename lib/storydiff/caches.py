"""What the package remembers between calls, and how to make it forget.

Comparing is pure: the same text always gives the same result. So the work done on one sentence
(its word keys, terms, character words, tone, the sentences of a paragraph) and on one word (its
stem, its character n-grams) is remembered in bounded least-recently-used caches: the versions
of a story share most of their sentences, and a language has few words.
Forgetting never changes a result, only the time the next call takes.

The corpus mode forgets everything at the start of each chunk, so that a long run keeps a flat
memory (the caches never fill with the words of stories long done) and every chunk costs what the
first did.

Examples
--------
>>> from storydiff import compare
>>> _ = compare("Two men died. A woman was hurt.", "Two men died. A woman was injured.").diffs
>>> cache_sizes()["sentence_keys"] > 0
True
>>> clear_caches()
>>> sum(cache_sizes().values())
0
"""

from __future__ import annotations

import sys

_SENTENCE_CACHES = {
    "sentence_keys": ("tokens", "sentence_keys"),
    "content_terms": ("features", "_content_terms"),
    "char_words": ("features", "_char_words"),
    "paragraph_spans": ("structure", "_paragraph_spans"),
    "tone": ("tone", "_vader_scores"),
}
"""Caches keyed by a sentence or a paragraph: the name shown, and where the cached function is."""

_WORD_CACHES = {
    "stems": ("tokens", "stem"),
    "token_kinds": ("tokens", "_kind"),
    "token_norms": ("tokens", "_norm"),
    "terms": ("features", "_term"),
    "char_grams": ("grams", "word_grams"),
    "diff_keys": ("inline_diff", "_key"),
    "word_frequency": ("entities", "_zipf"),
    "folded_names": ("gazetteer", "fold_name"),
    "framing_terms": ("framing", "_term_key"),
    "number_starts": ("numbers", "_may_start"),
    "name_parts": ("entities", "_name_parts"),
    "name_words": ("entities", "_may_name"),
}
"""Caches keyed by one word or term."""


def _loaded(caches: dict) -> dict:
    """The cached functions of the modules imported so far (a module not yet imported has
    nothing to forget, and is not imported for it)."""
    found = {}
    for label, (module, name) in caches.items():
        loaded = sys.modules.get(f"{__package__}.{module}")
        if loaded is not None:
            found[label] = getattr(loaded, name)
    return found


def clear_caches(*, sentences: bool = True, words: bool = True) -> None:
    """Forget what the package remembers about sentences, words, or both.

    Parameters
    ----------
    sentences : bool, default True
        Forget the work done per sentence and per paragraph (including tone scores).
    words : bool, default True
        Forget the work done per word (stems, character n-grams, word frequencies).
    """
    chosen = {**(_SENTENCE_CACHES if sentences else {}), **(_WORD_CACHES if words else {})}
    for cached in _loaded(chosen).values():
        cached.cache_clear()


def cache_sizes() -> dict[str, int]:
    """How many entries every cache of the modules imported so far holds, by name (sentence
    caches first)."""
    loaded = _loaded({**_SENTENCE_CACHES, **_WORD_CACHES})
    return {label: cached.cache_info().currsize for label, cached in loaded.items()}


__all__ = ["cache_sizes", "clear_caches"]
