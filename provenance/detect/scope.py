"""scope: figures that agree or overlap while counting different things ("fighters" vs "members
and associates"), as DESIGN.md means it.

Figures of different scopes that differ are answers to different questions, not a conflict; a
scoped figure and an unscoped total are a part and its whole, compared only in the one way they
can clash: a part larger than its whole ("40 of our members were killed" against a toll of 10),
a `numeric` conflict, when one article gives both. For a running count the whole only grows, so
a part also exceeds a whole reported after it, not one reported before it. A share's scope is what it is a share of,
so two shares of different bases that agree are not flagged.
"""

from __future__ import annotations

import re

from .base import ClaimView, Finding, hedge_note, order, revises, same_moment, severity
from .numeric import comparable

NAME, VERSION = "scope", "3"

# A part only a little larger than its whole is more often counted at another hour, or a scope that
# overlaps rather than nests ("tickets issued" and "spectators"), than a contradiction; a part half
# as large again as its whole is one.
EXCEEDS = 1.5


def check(a: ClaimView, b: ClaimView) -> Finding | None:
    if not comparable(a, b) or a.value.type != "quantity":
        return None
    if bool(a.scope) != bool(b.scope):
        return _part_exceeds_whole(*((a, b) if a.scope else (b, a)))
    if not (a.scope and b.scope) or a.scope == b.scope or not a.value.overlaps(b.value):
        return None
    if nested(a.scope, b.scope):
        return None  # "in Nairobi on Tuesday" is a part of "on Tuesday": a part that fits its whole
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


def nested(a: str, b: str) -> bool:
    """One scope narrows the other: every word of one is in the other ("Tuesday" and "Nairobi,
    Tuesday"), so its figure counts a part of the other's."""
    wa, wb = set(re.findall(r"\w+", a)), set(re.findall(r"\w+", b))
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _part_exceeds_whole(part: ClaimView, whole: ClaimView) -> Finding | None:
    assert part.quick is not None and whole.quick is not None  # comparable figures are intervals
    if part.quick[0] <= EXCEEDS * whole.quick[1]:
        return None  # the part fits inside the whole, or nearly: see EXCEEDS
    # Across articles a scope may not nest in the question as its writer meant ("2,000 listed as
    # sought" against 107 missing): a part is held to a whole given by its own article, or for a
    # running count to a whole reported after it.
    one_article = part.source_id == whole.source_id
    if part.running_count and not part.single_value:
        known = order(part, whole)
        if known is not None and (known[0] is whole or revises(whole, part)):
            return None  # the whole was counted before the part (it may have grown since) or corrects it
        if known is None and not (one_article and same_moment(part, whole)):
            return None
    elif not one_article or not (part.single_value or same_moment(part, whole)):
        return None
    return Finding(
        "numeric",
        (part.id, whole.id),
        f"{part.says()} gives {part.shown()} for {part.property} of {part.subject}, more than "
        f"the {whole.shown()} in all that {whole.says()} gives: a part cannot exceed its whole"
        f"{hedge_note(part, whole)}",
        severity("high", part, whole),
        NAME,
        VERSION,
    )
