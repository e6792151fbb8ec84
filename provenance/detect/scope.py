"""scope: figures that agree or overlap while counting different things ("fighters" vs "members
and associates"), as DESIGN.md means it.

Figures of different scopes that differ are answers to different questions, not a conflict; a
scoped figure and an unscoped total are a part and its whole, never compared. A share's scope is
what it is a share of, so two shares of different bases that agree are not flagged.
"""

from __future__ import annotations

from .base import ClaimView, Finding, hedge_note, same_moment, severity
from .numeric import comparable

NAME, VERSION = "scope", "2"


def check(a: ClaimView, b: ClaimView) -> Finding | None:
    if not comparable(a, b) or a.value.type != "quantity":
        return None
    if not (a.scope and b.scope) or a.scope == b.scope or not a.value.overlaps(b.value):
        return None
    if a.source_id == b.source_id:
        return None  # one article listing its parts ("two Canadians, two Colombians") conflates nothing
    if not (a.single_value or same_moment(a, b)):
        return None
    return Finding(
        "scope",
        (a.id, b.id),
        f"{a.says()} gives {a.shown()}; {b.says()} gives {b.shown()}: the figures agree but "
        f"count different things{hedge_note(a, b)}",
        severity("medium", a, b),
        NAME,
        VERSION,
    )
