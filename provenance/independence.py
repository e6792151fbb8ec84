"""How many independent origins back an answer.

First cut (issue 4 replaces the copy test with stored passage fingerprints): two claims come from
one origin when the paragraph around each span is the same text once folded (a re-capture or a
syndicated copy of the article), or when both cite the same upstream ("UN report"). Agreement
between copies is then counted once.
"""

from __future__ import annotations

import hashlib

from .anchoring import fold_text
from .models import Claim


def paragraph_around(text: str, start: int, end: int) -> str:
    """The line (paragraph) holding a span: captures put one paragraph on a line."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return text[left : right if right != -1 else len(text)]


def origin_key(claim: Claim) -> str:
    span = claim.spans[0]
    para = paragraph_around(claim.source.text, span.start, span.end)
    return hashlib.sha1(fold_text(para).encode("utf-8")).hexdigest()


def independent_count(claims: list[Claim]) -> tuple[int, list[list[int]]]:
    """The number of independent origins, and the groups of claim ids that share one."""
    parent: dict[int, int] = {c.id: c.id for c in claims}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    seen: dict[str, int] = {}
    for c in claims:
        keys = [origin_key(c)] + ([f"cites:{fold_text(c.cites)}"] if c.cites else [])
        for key in keys:
            if key in seen:
                parent[find(c.id)] = find(seen[key])
            else:
                seen[key] = c.id
    groups: dict[int, list[int]] = {}
    for c in claims:
        groups.setdefault(find(c.id), []).append(c.id)
    shared = [sorted(g) for g in groups.values() if len(g) > 1]
    return len(groups), shared
