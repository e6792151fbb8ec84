"""rule: a declared conflicts-with relation between two kinds of claims about one subject.

One disagreement per subject and pair of values (the left property's, the right's), backed by
every claim that gives them: claims are grouped by value, not compared pair by pair.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from ..ledger.models import Rule
from ..values import Label
from .base import ClaimView, Finding

NAME, VERSION = "rule", "2"


def check(rule: Rule, a: ClaimView, b: ClaimView) -> Finding | None:
    """One pair, as the grouped pass would see it (kept for callers that hold two claims)."""
    if a.subject_id != b.subject_id or a.id == b.id:
        return None
    found = disagreements(rule, (a, b))
    return found[0] if found else None


def disagreements(rule: Rule, views: Iterable[ClaimView]) -> list[Finding]:
    """Findings of one rule among claims about one subject."""
    left: dict = defaultdict(list)
    right: dict = defaultdict(list)
    for v in views:
        if v.polarity != "asserts":
            continue
        if v.property_id == rule.left_property_id:
            left[_answer(v)].append(v)
        elif v.property_id == rule.right_property_id:
            right[_answer(v)].append(v)
    if rule.left_property_id == rule.right_property_id:
        return _within(rule, left)
    return [_finding(rule, ls, rs) for ls in left.values() for rs in right.values()]


def _answer(v: ClaimView):
    """What makes two claims give the same value: a label's folded key, or the value itself."""
    return (v.value.type, v.value.key) if isinstance(v.value, Label) else v.stored


def _within(rule: Rule, by_value: dict) -> list[Finding]:
    """A rule on one property: every two values given for it (or one value given twice)."""
    # In the order of the answers, not of the claims: a disagreement keeps its key whichever
    # claim of an answer comes first.
    values = [by_value[k] for k in sorted(by_value, key=repr)]
    found = []
    for i, ls in enumerate(values):
        for rs in values[i:]:
            if rs is ls and len(ls) < 2:
                continue
            found.append(_finding(rule, ls, rs if rs is not ls else []))
    return found


def _finding(rule: Rule, ls: list[ClaimView], rs: list[ClaimView]) -> Finding:
    ls, rs = sorted(ls, key=lambda v: v.id), sorted(rs, key=lambda v: v.id)
    left, right = ls[0], (rs or ls[1:])[0]
    digest = hashlib.sha1(f"{_answer(left)!r}|{_answer(right)!r}".encode()).hexdigest()[:16]
    return Finding(
        "rule",
        tuple(sorted({v.id for v in ls + rs})),
        f"{left.says()}: {left.property} of {left.subject} is {left.shown()}; {right.says()}: "
        f"{right.property} is {right.shown()}; rule {rule.name!r}: {rule.rationale}",
        "medium",
        NAME,
        VERSION,
        rule.id,
        head=f"rule {rule.name!r} on {left.subject}",
        group_key=f"rule#{rule.id}:s{left.subject_id}:{digest}",
        tally="source",
    )
