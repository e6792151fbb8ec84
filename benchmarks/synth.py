"""Synthetic, article-like text for benchmarks: seeded, so every run builds the same corpus."""

from __future__ import annotations

import random

WORDS = """government officials said the attack killed people near market city province police army
ministry spokesman group fighters members report united nations estimated between more than about
least hundreds thousands according statement denied rejected claimed responsibility security forces
border operation district capital commander leader council recruited network regional international
threat support evidence investigation witnesses hospital toll wounded injured rose Tuesday Monday
analysts warned conflict ceasefire negotiations talks agreement troops withdrawal refugees camp aid
agency humanitarian reporters journalists sources confirmed unconfirmed video footage images local
residents villagers district governor mayor council election campaign vote parliament minister""".split()


def sentence(rng: random.Random) -> str:
    n = rng.randint(8, 22)
    words = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.5:
        words.insert(rng.randint(0, n), f"{rng.randint(2, 9000):,}")
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def article(rng: random.Random, size: int = 5000) -> str:
    paras = []
    while sum(len(p) + 2 for p in paras) < size:
        paras.append(paragraph(rng))
    return "\n\n".join(paras) + "\n"


def near_copy(rng: random.Random, text: str, edits: int = 5) -> str:
    """A syndicated copy: a new first line and a few words changed."""
    words = text.split(" ")
    for _ in range(edits):
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    return "Republished with permission.\n\n" + " ".join(words)


def shares_paragraphs(rng: random.Random, text: str, new_size: int = 3000) -> str:
    """A new article that lifts two paragraphs from another."""
    paras = text.split("\n\n")
    lifted = rng.sample(paras, k=min(2, len(paras)))
    return article(rng, new_size) + "\n" + "\n\n".join(lifted) + "\n"
