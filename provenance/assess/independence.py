"""How many independent origins back an answer.

Two claims share an origin when each lies (for the most part) in a passage its source shares with
the other's source (a re-capture, a syndicated copy, copied paragraphs: see copies.py), when both
cite the same upstream ("UN report"), or when both quote the same speaker: five outlets quoting
one spokesman confirm that he said it, not that it is true. Speakers who speak for one side (a
ministry and its spokesman, two officials of one government) give that side's position: one
origin. Agreement is then counted once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..anchoring import fold_text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..ledger.models import Claim, Entity

# Shared passages among some sources, keyed by (source, other): ingest.copies.passages_between.
Passages = dict[tuple[int, int], list[tuple[int, int]]]


def side_of(entity: Entity | Any | None) -> Entity | Any | None:
    """The side an entity ultimately speaks for (a spokesman -> his ministry -> its country), or
    None when it speaks for no side."""
    seen: set[int] = set()
    side = entity.side if entity is not None else None
    while side is not None and side.side is not None and side.id not in seen:
        seen.add(side.id)
        side = side.side
    return side


def _inside(intervals: list[tuple[int, int]], start: int, end: int) -> bool:
    """Most of the quote lies in a shared passage: a quote may start a few characters before the
    detected passage (its borders are found to within a shingle) and still be copied text."""
    length = max(end - start, 1)
    return any(2 * (min(end, e) - max(start, s)) > length for s, e in intervals)


def independent_count(session: Session, claims: list[Claim]) -> tuple[int, list[list[int]]]:
    """The number of independent origins, and the groups of claim ids that share one."""
    from ..ingest.copies import passages_between

    return origins(claims, passages_between(session, {c.source_id for c in claims}))


def origins(claims: list[Any], passages: Passages) -> tuple[int, list[list[int]]]:
    """independent_count over loaded claims (ORM or plain), given the passages their sources share
    (any superset: only pairs of these claims' sources are looked up)."""
    parent = {c.id: c.id for c in claims}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    for i, a in enumerate(claims):
        sa = a.spans[0]
        for b in claims[i + 1 :]:
            sb = b.spans[0]
            if a.source_id == b.source_id:  # one source is one origin, however often it says it
                union(a.id, b.id)
                continue
            if _inside(passages.get((a.source_id, b.source_id), []), sa.start, sa.end) and _inside(
                passages.get((b.source_id, a.source_id), []), sb.start, sb.end
            ):
                union(a.id, b.id)
    spoken: dict[int, int] = {}
    for c in claims:
        if c.speaker_id is not None:
            side = side_of(c.speaker)
            for who in {c.speaker_id, *([side.id] if side is not None else [])}:
                if who in spoken:
                    union(c.id, spoken[who])
                else:
                    spoken[who] = c.id
    cited: dict[str, int] = {}
    for c in claims:
        if c.cites:
            key = fold_text(c.cites)
            if key in cited:
                union(c.id, cited[key])
            else:
                cited[key] = c.id
    groups: dict[int, list[int]] = {}
    for c in claims:
        groups.setdefault(find(c.id), []).append(c.id)
    return len(groups), [sorted(g) for g in groups.values() if len(g) > 1]
