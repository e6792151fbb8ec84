"""denial: one speaker asserts what another denies.

A side and one of its bodies are one answer here: "the coast guard was not to blame", said by
the coast guard, answers survivors who blame the country it belongs to, and a country's denial
answers those who blame its army (base.Context.side_named).
"""

from __future__ import annotations

from ..values import Label
from .base import ClaimView, Finding, same_question

NAME, VERSION = "denial", "1"


def side_key(v: ClaimView) -> str | None:
    """The side an entity value names (a body folded to its side), or None for other values."""
    if v.value_type != "entity" or not isinstance(v.value, Label):
        return None
    return v.ctx.side_named(v.label.key)


def same_side(a: ClaimView, b: ClaimView) -> bool:
    """One value names a side and the other that side or one of its bodies (two bodies of one
    side are two answers: the army's denial does not answer a blame on the ministry)."""
    ka = side_key(a)
    return ka is not None and ka == side_key(b) and ka in (a.label.key, b.label.key)


def _bound_denied(yes: ClaimView, no: ClaimView) -> bool:
    """A figure open at one end ("at least 11", "more than 100") says only that the count has
    reached its bound: it answers a denial ("it will not reach the thousands") only when that bound
    lies within the denied figure, not merely because the open end overlaps it."""
    if yes.quick is None or no.quick is None:
        return True
    ends = [x for x in yes.quick[:2] if abs(x) != float("inf")]
    if len(ends) == 2:
        return True
    return all(no.quick[0] <= x <= no.quick[1] for x in ends)


def check(a: ClaimView, b: ClaimView) -> Finding | None:
    if not same_question(a, b) or {a.polarity, b.polarity} != {"asserts", "denies"}:
        return None
    if a.value.type != b.value.type or not (a.value.overlaps(b.value) or same_side(a, b)):
        return None
    yes, no = (a, b) if a.polarity == "asserts" else (b, a)
    if not _bound_denied(yes, no):
        return None
    return Finding(
        "denial",
        (a.id, b.id),
        f"{yes.says()} says {yes.subject}: {yes.property} = {yes.shown()}; {no.says()} denies it",
        "high",
        NAME,
        VERSION,
    )
