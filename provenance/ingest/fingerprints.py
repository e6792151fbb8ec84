"""Winnowed shingle fingerprints (Schleimer, Wilkerson & Aiken, 2003).

The text is folded (case, quotes, dashes) and cut into words; every run of K words is hashed, and
in each window of W consecutive hashes the smallest is kept. Any passage of at least K + W - 1
words that two texts share is then guaranteed to give both at least one identical fingerprint,
while a text keeps only about 2 / (W + 1) of its shingles. Hashes are stable across processes
(BLAKE2b), so they can be stored and looked up through an index.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from dataclasses import dataclass
from itertools import accumulate

K = 8  # words per shingle
W = 8  # shingles per winnowing window: a passage of K + W - 1 words is always found

# Split on words kept as groups: [gap, word, gap, word, ..., gap], so one pass over the text gives
# the words and, from the pieces' running lengths, where each starts and ends.
_WORDS = re.compile(r"(\w+)")


@dataclass(frozen=True)
class Print:
    hash: int
    start: int  # character offsets in the original text covered by the shingle
    end: int


# Shingle hashes are a polynomial over per-word hashes, modulo a Mersenne prime: stable across
# processes and Python versions (unlike hash()), and computed in one pass over the words.
P_MODULUS = _P = (1 << 61) - 1
B_BASE = _B = 1_000_003
_B_TOP = pow(_B, K - 1, _P)


_WORD_HASHES: dict[str, int] = {}  # a corpus reuses its vocabulary: hash each word once


def _word_hash(word: str) -> int:
    h = _WORD_HASHES.get(word)
    if h is None:
        if len(_WORD_HASHES) > 2_000_000:
            _WORD_HASHES.clear()
        digest = hashlib.blake2b(word.casefold().encode("utf-8"), digest_size=8).digest()
        h = _WORD_HASHES[word] = int.from_bytes(digest, "big") % _P
    return h


def _hashes(words: list[str]) -> list[int]:
    """Each word's hash; \\w+ never holds quotes or dashes, so only case folds."""
    known: list = list(map(_WORD_HASHES.get, words))  # the interpreter's loop: most words are known
    if None in known:
        known = [h if h is not None else _word_hash(w) for h, w in zip(known, words, strict=True)]
    return known


def winnow(text: str) -> list[Print]:
    # The loops below run once per word of every text ingested: plain lists and locals, no calls.
    pieces = _WORDS.split(text)
    words = pieces[1::2]
    if len(words) < K:
        return []
    word_hashes = _hashes(words)
    h = 0
    for w in word_hashes[:K]:
        h = (h * _B + w) % _P
    hashes = [h]
    append = hashes.append
    for old, w in zip(word_hashes, word_hashes[K:], strict=False):  # drop the oldest word, add the next
        h = ((h - old * _B_TOP) * _B + w) % _P
        append(h)
    chosen: list[int] = []
    window: deque[int] = deque()  # indexes of increasing hashes: window[0] is the window's minimum
    first_full = min(W, len(hashes)) - 1
    last = -1
    for i, h in enumerate(hashes):
        while window and hashes[window[-1]] >= h:  # >=: the rightmost minimum wins ties
            window.pop()
        window.append(i)
        if window[0] <= i - W:
            window.popleft()
        if i >= first_full and last != window[0]:
            last = window[0]
            chosen.append(last)
    # ends[2j] is where word j starts, ends[2j + 1] where it ends.
    ends = list(accumulate(map(len, pieces)))
    return [Print(hashes[i], ends[2 * i], ends[2 * (i + K) - 1]) for i in chosen]


def merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching intervals joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
