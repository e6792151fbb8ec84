"""accusation: each side places the blame or the threat on the other.

Speakers are compared by the side they speak for (a spokesman for his ministry, the ministry for
its country); the claims need not share a subject, only the question asked (the property).
"""

from __future__ import annotations

from .base import ClaimView, Finding

NAME, VERSION = "accusation", "1"


def check(a: ClaimView, b: ClaimView) -> Finding | None:
    if a.property_id != b.property_id or a.value_type != "entity":
        return None
    if a.polarity != "asserts" or b.polarity != "asserts" or not (a.side and b.side) or a.side == b.side:
        return None
    if a.value.key != b.side.casefold() or b.value.key != a.side.casefold():
        return None
    return Finding(
        "accusation", (a.id, b.id),
        f"{a.says()} says {a.subject}: {a.property} = {a.shown()}; {b.says()} says "
        f"{b.subject}: {b.property} = {b.shown()}: each side blames the other",
        "high", NAME, VERSION,
    )
