"""accusation: each side places the blame or the threat on the other.

Speakers are compared by the side they speak for (a spokesman for his ministry, the ministry for
its country); the claims need not share a subject, only the question asked (the property).

One disagreement per pair of sides on a property, backed by every claim on each side: claims are
grouped by (side, value named), and two groups disagree when each names the other's side. The
cost grows with the claims, not with their pairs, and so does what is stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from .base import ClaimView, Finding

NAME, VERSION = "accusation", "2"


def accuses(a: ClaimView) -> bool:
    return a.value_type == "entity" and a.polarity == "asserts" and a.side_id is not None


def mutual(a: ClaimView, b: ClaimView) -> bool:
    """Whether a pair is one side blaming the other and back: such a pair is the grouped pass's,
    not also two different values."""
    if a.property_id != b.property_id or not (accuses(a) and accuses(b)) or a.side_id == b.side_id:
        return False
    return _named(a) == _side_name(b) and _named(b) == _side_name(a)


def _named(v: ClaimView) -> str:
    """The side an accusing claim blames: the one it names, or the side of the body it names."""
    return v.ctx.side_named(v.label.key)


def _side_name(v: ClaimView) -> str:
    """An accusing claim's side, folded (accuses() made sure it has one)."""
    assert v.side is not None
    return v.side.casefold()


def key(property_id: int, x: int, y: int) -> str:
    x, y = sorted((x, y))
    return f"accusation:p{property_id}:{x},{y}"


def groups(views: Iterable[ClaimView]) -> dict[tuple[int, int, str], list[ClaimView]]:
    """Claims that accuse, by (property, side, the value they name)."""
    out: dict[tuple[int, int, str], list[ClaimView]] = defaultdict(list)
    for v in views:
        if accuses(v):
            assert v.side_id is not None  # accuses() checks it
            out[(v.property_id, v.side_id, _named(v))].append(v)
    return out


def disagreements(views: Iterable[ClaimView]) -> list[Finding]:
    """Every pair of sides that blame each other, one finding each, with all their claims."""
    accusing = {v.id: v for v in views if accuses(v)}
    rows = [(v.id, v.property_id, v.side_id or 0, _named(v)) for v in accusing.values()]  # accusers have sides
    names = {v.side_id: _side_name(v) for v in accusing.values()}
    return [finding(prop, x, y, [accusing[i] for i in ids]) for prop, x, y, ids in blaming(rows, names.__getitem__)]


def blaming(
    rows: Iterable[tuple[int, int, int, str]], side_name: Callable[[int], str]
) -> list[tuple[int, int, int, list[int]]]:
    """(property, side x, side y, claim ids) for every pair of sides x < y that blame each other,
    from (claim id, property, side, side it names) of accusing claims: plain tuples, so that a
    full scan need not hold a whole property's claims as views (detect._accusations)."""
    by_group: dict[tuple[int, int, str], list[int]] = defaultdict(list)
    for cid, prop, side, named in rows:
        by_group[(prop, side, named)].append(cid)
    side_name_of = {side: side_name(side) for (_, side, _) in by_group}
    side_of = {name: side for side, name in side_name_of.items()}
    found = []
    for (prop, x, named), xs in by_group.items():
        y = side_of.get(named)
        if y is None or y <= x:
            continue  # each pair once, from its lower side id
        ys = by_group.get((prop, y, side_name_of[x]))
        if ys:
            found.append((prop, x, y, xs + ys))
    return found


def finding(prop: int, x: int, y: int, claims: list[ClaimView]) -> Finding:
    """The disagreement between sides x and y, with these claims (joining claims may all come
    from one side: the store then keeps the conflict's example and only recounts)."""
    claims = sorted(claims, key=lambda v: v.id)
    first = claims[0]
    other = next((v for v in claims if v.side_id != first.side_id), first)
    return example(prop, x, y, tuple(v.id for v in claims), first, other)


def example(prop: int, x: int, y: int, ids: tuple[int, ...], first: ClaimView, other: ClaimView) -> Finding:
    """The finding for claims `ids` (in id order), explained by its first claim and the first
    claim of the other side (`other`)."""
    a, b = sorted((first, other), key=lambda v: v.side or "")  # accusing claims all have a side
    return Finding(
        "accusation",
        ids,
        f"for example {a.says()} says {a.subject}: {a.property} = {a.shown()}; {b.says()} says "
        f"{b.subject}: {b.property} = {b.shown()}: each side blames the other",
        "high",
        NAME,
        VERSION,
        head=f"{a.side} vs {b.side} on {a.property}",
        group_key=key(prop, x, y),
    )
