"""Winnowing (ingest/fingerprints.py) against its definition, written out plainly: the fast
version must store exactly these fingerprints, since stored ones are looked up by later sources."""

from __future__ import annotations

import hashlib
import random
import re
import sys
from pathlib import Path

from provenance.ingest.fingerprints import B_BASE, P_MODULUS, K, Print, W, winnow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))


def _reference(text: str) -> list[Print]:
    words = list(re.finditer(r"\w+", text))
    shingles = []
    for i in range(len(words) - K + 1):
        h = 0
        for m in words[i : i + K]:
            digest = hashlib.blake2b(m.group().casefold().encode("utf-8"), digest_size=8).digest()
            h = (h * B_BASE + int.from_bytes(digest, "big") % P_MODULUS) % P_MODULUS
        shingles.append((h, words[i].start(), words[i + K - 1].end()))
    if not shingles:
        return []
    chosen: list[int] = []
    for end in range(min(W, len(shingles)), len(shingles) + 1):
        window = range(max(0, end - W), end)
        low = min(shingles[j][0] for j in window)
        pick = max(j for j in window if shingles[j][0] == low)  # the rightmost minimum
        if not chosen or chosen[-1] != pick:
            chosen.append(pick)
    return [Print(*shingles[j]) for j in chosen]


def test_winnow_is_its_definition():
    from synth import article, near_copy

    rng = random.Random(3)
    texts = [article(rng) for _ in range(20)]
    texts += [near_copy(rng, t) for t in texts[:5]]
    texts += [
        "",
        "too few words here",
        "one two three four five six seven eight",
        "x " * 9,
        "w " * 40,  # every shingle ties: the rightmost minimum of each window
        "Hello, World! " * 30,
        "É ü ß 中文 naïve café—“quoted” it's " * 12,
        " ".join(rng.choice(["a", "b", "c"]) for _ in range(200)),
    ]
    for text in texts:
        assert winnow(text) == _reference(text), text[:40]
    assert len(winnow(texts[0])) > 20
