"""exclusive: an answer that excludes every other ("only X was responsible"), against another answer.

A question such as "responsibility" takes several answers, so two parties named as responsible do
not conflict, and one speaker's answers never conflict with each other. An answer is exclusive
when the claim says so ("only", "solely", "alone": `--exclusive`), or when a party claims the act
as its own (the Islamic State claiming a bombing): then any other party named by someone else
contradicts it.
"""

from __future__ import annotations

import re

from .base import ClaimView, Finding, hedge_note, same_question, severity

NAME, VERSION = "exclusive", "1"


def self_claimed(c: ClaimView) -> bool:
    return c.value_type == "entity" and c.side is not None and c.label.key == c.side.casefold()


def withdrawn(views: list[ClaimView]) -> set[int]:
    """The self-claims whose own side also denies the answer ("X claimed the attack", then "X
    denied any involvement"): a claim its author took back excludes no one; the claim and the
    denial conflict with each other instead (denial)."""
    denied = {(v.side_id, v.label.key) for v in views if v.polarity == "denies" and v.value_type == "entity"}
    return {v.id for v in views if v.polarity == "asserts" and self_claimed(v) and (v.side_id, v.label.key) in denied}


# "only X", "X alone", "solely X", "X was solely responsible"; "not only X" adds, it excludes nothing.
_ONLY_BEFORE = re.compile(r"(?<!not )\b(?:only|solely|exclusively|sole)\s+(?:\w+\s+){0,1}$")
_ONLY_AFTER = re.compile(r"^\W*(?:alone\b|(?:\w+\s+){0,2}(?:solely|alone|exclusively)\b)")


def says_only(c: ClaimView) -> bool:
    """The quote gives the answer as the only one: a word of exclusion next to the value."""
    q, v = (c.quote or "").casefold(), c.value_text.casefold()
    at = q.find(v) if v else -1
    if at < 0:
        return False
    return bool(_ONLY_BEFORE.search(q[:at]) or _ONLY_AFTER.search(q[at + len(v) :]))


def is_exclusive(c: ClaimView) -> bool:
    return bool(c.exclusive) or (self_claimed(c) and c.id not in c.ctx.withdrawn) or says_only(c)


def check(a: ClaimView, b: ClaimView) -> Finding | None:
    if not same_question(a, b) or a.single_value or a.is_interval or b.is_interval:
        return None
    if a.polarity != "asserts" or b.polarity != "asserts" or a.value.type != b.value.type:
        return None
    if a.value.overlaps(b.value) or not (is_exclusive(a) or is_exclusive(b)):
        return None
    if a.speaker_id is not None and a.side_id == b.side_id:
        return None  # one side's answers do not exclude each other
    sole, other = (a, b) if is_exclusive(a) else (b, a)
    how = "claims it as its own" if self_claimed(sole) and not sole.exclusive else "gives it as the only answer"
    return Finding(
        "exclusive",
        (a.id, b.id),
        f"{sole.says()} says {sole.subject}: {sole.property} = {sole.shown()} and {how}; "
        f"{other.says()} says {other.shown()}{hedge_note(a, b)}",
        severity("high", a, b),
        NAME,
        VERSION,
    )
