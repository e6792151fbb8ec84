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
from dataclasses import dataclass

K = 8  # words per shingle
W = 5  # shingles per winnowing window
GUARANTEE_WORDS = K + W - 1

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Print:
    hash: int
    start: int  # character offsets in the original text covered by the shingle
    end: int


def _words(text: str) -> list[tuple[str, int, int]]:
    from .anchoring import _FOLD

    return [("".join(_FOLD.get(c, c) for c in m.group()).casefold(), m.start(), m.end())
            for m in _WORD.finditer(text)]


def _hash(words: list[str]) -> int:
    digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)  # fits a signed 64-bit column


def winnow(text: str) -> list[Print]:
    words = _words(text)
    if len(words) < K:
        return []
    shingles = [
        Print(_hash([w for w, _, _ in words[i : i + K]]), words[i][1], words[i + K - 1][2])
        for i in range(len(words) - K + 1)
    ]
    chosen: dict[int, Print] = {}
    for i in range(max(1, len(shingles) - W + 1)):
        window = shingles[i : i + W]
        # The rightmost smallest hash, as in the paper: keeps consecutive windows' picks stable.
        j = min(range(len(window)), key=lambda n: (window[n].hash, -n))
        chosen[i + j] = window[j]
    return [chosen[i] for i in sorted(chosen)]


def merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching intervals joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
