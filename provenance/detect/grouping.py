"""One disagreement per question and pair of answers, for the pair detectors whose findings repeat.

Twenty outlets repeating "founded in 2015" against ten repeating "2016" are one disagreement, not
two hundred: a single-value, denial or decrease finding on a pair of claims is stored under the
question (subject + property) and the two answers the claims give (polarity, scope and value),
backed by every claim of every pair found between those answers. Stored conflicts then grow with
the disagreements, not with the square of the claims that repeat them; the store writes
"A vs B: 120 claims from 14 sources; for example ..." (detect/__init__.py `_store`).

The pair detectors are unchanged: grouping only renames and merges what they find, so a grouped
pass finds exactly the disagreements of the pairwise one (tests/test_detect_pairs.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re

from ..values import Label
from .base import ClaimView, Finding

KINDS = ("single_value", "denial", "decrease")
# single_value:s12:p3:<16 hex>: a grouped key (a pairwise one reads single_value:12,40).
KEY = re.compile(r"^(single_value|denial|decrease):s\d+:p\d+:[0-9a-f]{16}$")


def answer(v: ClaimView) -> str:
    """What makes two claims give the same answer to their question: polarity, scope and value
    (a label by its folded key, so that 'Hamas' and 'HAMAS' are one answer)."""
    value = (v.value.type, v.value.key) if isinstance(v.value, Label) else v.value
    return repr((v.polarity, v.scope or "", value))


def key(kind: str, a: ClaimView, b: ClaimView) -> str:
    digest = hashlib.sha1("|".join(sorted((answer(a), answer(b)))).encode()).hexdigest()[:16]
    return f"{kind}:s{a.subject_id}:p{a.property_id}:{digest}"


def is_grouped(conflict_key: str) -> bool:
    return KEY.match(conflict_key) is not None


def group(f: Finding, a: ClaimView, b: ClaimView) -> Finding:
    """The grouped form of a pair finding of one of KINDS (others are returned as they are)."""
    if f.kind not in KINDS:
        return f
    return dataclasses.replace(
        f,
        explanation=f"for example {f.explanation}",
        head=_head(f.kind, a, b),
        group_key=key(f.kind, a, b),
        tally="source",
    )


class Grouper:
    """`group` for a whole pass: each claim's answer worked out once, the head written only for
    a disagreement's first finding (the store keeps the first), and `who` (claim -> speaker,
    source) gathered for the store's counts."""

    def __init__(self) -> None:
        self.who: dict[int, tuple[int | None, int]] = {}
        self._answers: dict[int, str] = {}
        self._keys: set[str] = set()

    def group(self, f: Finding, a: ClaimView, b: ClaimView) -> Finding:
        if f.kind not in KINDS:
            return f
        self.who[a.id], self.who[b.id] = (a.speaker_id, a.source_id), (b.speaker_id, b.source_id)
        answers = sorted((self._answer(a), self._answer(b)))
        k = f"{f.kind}:s{a.subject_id}:p{a.property_id}:{hashlib.sha1('|'.join(answers).encode()).hexdigest()[:16]}"
        if k in self._keys:  # a later pair of a known disagreement: only its claims matter
            return Finding(
                f.kind, f.claims, f.explanation, f.severity, f.detector, f.version, f.rule_id, f.head, k, "source"
            )
        self._keys.add(k)
        return Finding(
            f.kind,
            f.claims,
            f"for example {f.explanation}",
            f.severity,
            f.detector,
            f.version,
            f.rule_id,
            _head(f.kind, a, b),
            k,
            "source",
        )

    def _answer(self, v: ClaimView) -> str:
        if (found := self._answers.get(v.id)) is None:
            found = self._answers[v.id] = answer(v)
        return found

    def flushed(self) -> None:
        """The findings so far are stored: forget what only their counts needed, and the keys of
        their questions (a full scan stores between questions and never meets them again)."""
        self.who, self._answers, self._keys = {}, {}, set()


def _head(kind: str, a: ClaimView, b: ClaimView) -> str:
    """'Subject 1: founded, 2015 vs 2016' (the answers in a stable order)."""
    if kind == "denial":
        yes, no = (a, b) if a.polarity == "asserts" else (b, a)
        return f"{yes.subject}: {yes.property}, {yes.shown()} asserted vs denied ({no.shown()})"
    if kind == "decrease":
        assert a.quick is not None and b.quick is not None  # decreases are between figures
        high, low = (a, b) if a.quick[0] > b.quick[0] else (b, a)
        return f"{a.subject}: {a.property}, {high.shown()} then lower {low.shown()}"
    first, second = sorted((a, b), key=answer)
    return f"{a.subject}: {a.property}, {first.shown()} vs {second.shown()}"
