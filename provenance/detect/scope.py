"""scope: the same figures applied to different things ("fighters" vs "members and associates").

Reported as a scope difference, never as a numeric contradiction.
"""

from __future__ import annotations

from .base import ClaimView, Finding, same_moment, same_question

NAME, VERSION = "scope", "1"


def check(a: ClaimView, b: ClaimView) -> Finding | None:
    if not (same_question(a, b) and a.is_interval and b.is_interval):
        return None
    if a.polarity != "asserts" or b.polarity != "asserts" or a.value.type != b.value.type:
        return None
    if not (a.scope and b.scope) or a.scope == b.scope or not same_moment(a, b):
        return None
    agree = a.value.overlaps(b.value)
    relation = "the figures agree" if agree else "the figures differ"
    return Finding(
        "scope", (a.id, b.id),
        f"{a.says()} gives {a.shown()} counting {a.scope!r}; {b.says()} gives {b.shown()} "
        f"counting {b.scope!r}: {relation} but count different things",
        "medium", NAME, VERSION,
    )
