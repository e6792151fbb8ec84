"""single value: a property that takes one value, given different values.

Wikidata's single-value constraint with its separators: a different scope, or as-of dates written
out in the claims and far apart, make two values compatible. A source's own date does not
separate: "founded in 2015" does not change with the day it was printed. One speaker offering two
answers in one passage ("X or Y") gives alternatives, not a contradiction, and a claim naming
either agrees with that passage.
"""

from __future__ import annotations

from ..values import Label
from .base import SAME_MOMENT_DAYS, ClaimView, Finding, gap_days, same_question

NAME, VERSION = "single_value", "1"


def _offers(a: ClaimView, b: ClaimView) -> bool:
    """b names one of the answers a's passage offers together: it agrees with that passage."""
    return isinstance(b.value, Label) and b.value.key in a.ctx.offered.get(a.id, ())


def alternatives(a: ClaimView, b: ClaimView) -> bool:
    """One speaker's answers from one passage of one article: offered together as possibilities
    ("candles or a cooking fire could have caused it"), not as rival answers."""
    return a.source_id == b.source_id and a.speaker_id == b.speaker_id and bool(a.quote) and a.quote == b.quote


def check(a: ClaimView, b: ClaimView) -> Finding | None:
    if not (same_question(a, b) and a.single_value) or a.is_interval or b.is_interval:
        return None
    if a.polarity != "asserts" or b.polarity != "asserts" or a.value.type != b.value.type:
        return None
    if a.scope != b.scope or a.value.overlaps(b.value):
        return None
    if alternatives(a, b) or _offers(a, b) or _offers(b, a):
        return None
    gap = gap_days(a, b)
    if a.as_of_explicit and b.as_of_explicit and gap is not None and gap > SAME_MOMENT_DAYS:
        return None
    return Finding(
        "single_value",
        (a.id, b.id),
        f"{a.subject} has one {a.property}: {a.says()} says {a.shown()}; {b.says()} says {b.shown()}",
        "high",
        NAME,
        VERSION,
    )
