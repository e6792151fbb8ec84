"""rule: a declared conflicts-with relation between two kinds of claims about one subject."""

from __future__ import annotations

from ..ledger.models import Rule
from .base import ClaimView, Finding

NAME, VERSION = "rule", "1"


def check(rule: Rule, a: ClaimView, b: ClaimView) -> Finding | None:
    if a.subject_id != b.subject_id or a.polarity != "asserts" or b.polarity != "asserts":
        return None
    pair = {rule.left_property_id, rule.right_property_id}
    if {a.property_id, b.property_id} != pair or a.id == b.id:
        return None
    left, right = (a, b) if a.property_id == rule.left_property_id else (b, a)
    return Finding(
        "rule", (a.id, b.id),
        f"{left.says()}: {left.property} of {left.subject} is {left.shown()}; {right.says()}: "
        f"{right.property} is {right.shown()}; rule {rule.name!r}: {rule.rationale}",
        "medium", NAME, VERSION, rule.id,
    )
