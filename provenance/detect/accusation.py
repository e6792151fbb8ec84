"""accusation: each side places the blame or the threat on the other.

Speakers are compared by the side they speak for (a spokesman for his ministry, the ministry for
its country); the claims need not share a subject, only the question asked (the property).

One disagreement per pair of sides on a property, backed by every claim on each side: claims are
grouped by (side, value named), and two groups disagree when each names the other's side. The
cost grows with the claims, not with their pairs, and so does what is stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

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
    by_group = groups(views)
    side_name = {side: _side_name(vs[0]) for (_, side, _), vs in by_group.items()}
    side_of = {name: side for side, name in side_name.items()}
    found = []
    for (prop, x, named), xs in by_group.items():
        y = side_of.get(named)
        if y is None or y <= x:
            continue  # each pair once, from its lower side id
        ys = by_group.get((prop, y, side_name[x]))
        if ys:
            found.append(finding(prop, x, y, xs + ys))
    return found


def finding(prop: int, x: int, y: int, claims: list[ClaimView]) -> Finding:
    """The disagreement between sides x and y, with these claims (joining claims may all come
    from one side: the store then keeps the conflict's example and only recounts)."""
    claims = sorted(claims, key=lambda v: v.id)
    first = claims[0]
    other = next((v for v in claims if v.side_id != first.side_id), first)
    a, b = sorted((first, other), key=lambda v: v.side or "")  # accusing claims all have a side
    return Finding(
        "accusation",
        tuple(v.id for v in claims),
        f"for example {a.says()} says {a.subject}: {a.property} = {a.shown()}; {b.says()} says "
        f"{b.subject}: {b.property} = {b.shown()}: each side blames the other",
        "high",
        NAME,
        VERSION,
        head=f"{a.side} vs {b.side} on {a.property}",
        group_key=key(prop, x, y),
    )
