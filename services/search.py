"""Search that finds what was meant: phrase matches first, then rows holding every word.

A clerk typing "ky so" means "ký số" (digital signing), not every row that happens to hold
"kỹ năng" and "cơ sở". So rows are ranked: the words as a phrase (accent-free, case-free,
adjacent, in order) first, then rows holding all the words anywhere. The same folding as
``services.text.search_key`` is used, and ``highlight_spans`` maps the matched words back to
the original text (with its diacritics) so a table can paint them highlighted.

Kernel module: imports only ``services.text`` and the standard library.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from services.text import search_key

NO_MATCH = 0
ALL_WORDS = 1
PHRASE = 2

_EXTRA_FOLDS = {"đ": "d", "Đ": "d"}


def query_words(query: str) -> list[str]:
    """The folded words of what the user typed ("Ký  Số" -> ["ky", "so"])."""
    return search_key(query).split()


def _phrase_pattern(words: Sequence[str]) -> re.Pattern[str]:
    return _compiled(tuple(words))


@lru_cache(maxsize=64)
def _compiled(words: tuple[str, ...]) -> re.Pattern[str]:
    # The first word starts a word, the words follow each other with only spaces or
    # punctuation between them, and the last may be a prefix (the clerk is still typing).
    body = r"[\W_]+".join(re.escape(w) for w in words)
    return re.compile(r"(?<![^\W_])" + body)


def rank(key: str, words: Sequence[str]) -> int:
    """How well a folded ``key`` matches the folded ``words``: PHRASE, ALL_WORDS or NO_MATCH.

    No words means everything matches (an empty search box hides nothing).
    """
    if not words:
        return ALL_WORDS
    if not all(w in key for w in words):
        return NO_MATCH
    if _phrase_pattern(words).search(key):
        return PHRASE
    return ALL_WORDS


def ranked(keys: Sequence[str], query: str) -> list[int]:
    """Indices of the matching ``keys``, phrase matches first, each group in its own order."""
    words = query_words(query)
    scores = [rank(k, words) for k in keys]
    order = [i for i, s in enumerate(scores) if s]
    order.sort(key=lambda i: -scores[i])  # stable: ties keep the table's order
    return order


def _fold_map(text: str) -> tuple[str, list[int]]:
    """The text folded char by char, and for each folded char the index it came from."""
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        base = _EXTRA_FOLDS.get(ch, ch)
        decomposed = unicodedata.normalize("NFD", base)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        for c in plain:
            folded.append(c)
            origin.append(i)
    return "".join(folded), origin


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) spans of ``text`` (original characters) to paint as matched.

    Where the words occur as a phrase, the phrase is highlighted; otherwise every
    occurrence of every word. Spans are sorted and do not overlap.
    """
    words = query_words(query)
    if not words or not text:
        return []
    folded, origin = _fold_map(text)
    found: list[tuple[int, int]] = []
    phrase = [m.span() for m in _phrase_pattern(words).finditer(folded)]
    if phrase:
        found = phrase
    else:
        for word in words:
            start = folded.find(word)
            while start >= 0:
                found.append((start, start + len(word)))
                start = folded.find(word, start + len(word))
    spans = sorted((origin[a], origin[b - 1] + 1) for a, b in found if b > a)
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
