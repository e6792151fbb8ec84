"""denial: one speaker asserts what another denies."""

from __future__ import annotations

from .base import ClaimView, Finding, same_question

NAME, VERSION = "denial", "1"


def check(a: ClaimView, b: ClaimView) -> Finding | None:
    if not same_question(a, b) or {a.polarity, b.polarity} != {"asserts", "denies"}:
        return None
    if a.value.type != b.value.type or not a.value.overlaps(b.value):
        return None
    yes, no = (a, b) if a.polarity == "asserts" else (b, a)
    return Finding(
        "denial",
        (a.id, b.id),
        f"{yes.says()} says {yes.subject}: {yes.property} = {yes.shown()}; {no.says()} denies it",
        "high",
        NAME,
        VERSION,
    )
