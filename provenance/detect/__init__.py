"""The conflict detectors, registered in one place, and the engine that runs them.

Pair detectors are tried in order and the first that fires names the conflict: a pair of claims
that is a mutual accusation is not also reported as two different values. Rules run beside them.
Only accepted claims take part. Each finding is stored under a key (kind + claim ids), so a
re-scan adds nothing twice and a dismissed conflict stays dismissed.
"""

from __future__ import annotations

import itertools
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from ..ledger import events
from ..ledger.db import bulk_insert
from ..ledger.models import Claim, Conflict, ConflictClaim, Rule, utcnow
from . import accusation, denial, numeric, rule, scope, single_value
from .base import COLUMNS, ClaimView, Context, Finding, cannot_conflict
from .store import load

PAIR_DETECTORS = (accusation, denial, scope, numeric, single_value)


# SQLite builds may cap bound parameters at 999: long IN lists go in slices.
IN_CHUNK = 500


def _chunks(items: list, size: int = IN_CHUNK):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _views(session: Session, where, ctx: Context | None = None) -> list[ClaimView]:
    ctx = ctx or Context(session)
    rows = session.execute(select(*COLUMNS).where(Claim.status == "accepted", where))
    return [ClaimView(ctx, row) for row in rows]


def _stream(session: Session, ctx: Context, where, order) -> Iterator[list[ClaimView]]:
    """Accepted claims grouped by every `order` column but the last (a tiebreak), streamed."""
    q = select(*COLUMNS).where(Claim.status == "accepted", where).order_by(*order)
    rows = session.execute(q.execution_options(yield_per=20_000))
    key = operator.attrgetter(*(c.key for c in order[:-1]))
    for _, group in itertools.groupby(rows, key=key):
        yield [ClaimView(ctx, row) for row in group]


def _first(a: ClaimView, b: ClaimView) -> Finding | None:
    """What the first detector that fires says of a pair (callers dismiss cannot_conflict pairs)."""
    for det in PAIR_DETECTORS:
        f = det.check(a, b)
        if f is not None:
            return f
    return None


def _pair(a: ClaimView, b: ClaimView, rules: dict[frozenset, list[Rule]]) -> list[Finding]:
    found = []
    if not cannot_conflict(a, b) and (f := _first(a, b)) is not None:
        found.append(f)
    for r in rules.get(frozenset((a.property_id, b.property_id)), ()):
        f = rule.check(r, a, b)
        if f is not None:
            found.append(f)
    return found


def _rules(session: Session) -> dict[frozenset, list[Rule]]:
    by_pair: dict[frozenset, list[Rule]] = defaultdict(list)
    for r in session.scalars(select(Rule)):
        by_pair[frozenset((r.left_property_id, r.right_property_id))].append(r)
    return by_pair


def _store(session: Session, findings: Iterable[Finding]) -> list[int]:
    """Insert what is new in bulk; one audit event names the batch. The new conflicts' ids."""
    findings = {f.key: f for f in findings}
    if not findings:
        return []
    known = set()
    for keys in _chunks(list(findings)):
        known.update(session.scalars(select(Conflict.key).where(Conflict.key.in_(keys))))
    new = [f for key, f in findings.items() if key not in known]
    if not new:
        return []
    now = utcnow()
    rows = [dict(key=f.key, kind=f.kind, detector=f.detector, detector_version=f.version,
                 explanation=f.explanation, severity=f.severity, status="open", rule_id=f.rule_id,
                 created_at=now) for f in new]
    ids = bulk_insert(session, Conflict.__table__, rows, ids=True)
    bulk_insert(session, ConflictClaim.__table__, [
        {"conflict_id": cid, "claim_id": claim_id} for cid, f in zip(ids, new, strict=True) for claim_id in sorted(f.claims)
    ])
    events.record(session, "conflict.detect", f"conflicts:{ids[0]}-{ids[-1]}", count=len(ids),
                  ids=ids if len(ids) <= 1000 else None, kinds=dict(Counter(f.kind for f in new)))
    return ids


def detect_for(session: Session, claim_ids: Iterable[int]) -> list[Conflict]:
    """Compare new or changed claims only with the claims they can conflict with."""
    ctx = Context(session)
    new = [v for ids in _chunks(list(claim_ids)) for v in _views(session, Claim.id.in_(ids), ctx)]
    if not new:
        return []
    rules = _rules(session)
    props = {v.property_id for v in new}
    partners = {p for pair in rules for p in pair if pair & props}
    entity_props = sorted({v.property_id for v in new if v.value_type == "entity"})
    others = []
    # Two plain queries, not one with OR: each walks an index instead of the whole table.
    for subjects in _chunks(sorted({v.subject_id for v in new})):
        others += _views(session, Claim.subject_id.in_(subjects) & Claim.property_id.in_(props | partners), ctx)
    if entity_props:
        others += _views(session, Claim.property_id.in_(entity_props) & Claim.speaker_id.is_not(None), ctx)
    others = list({v.id: v for v in others}.values())
    ctx.preload_outlets({v.source_id for v in others} | {v.source_id for v in new})
    # Each new claim meets only what it can conflict with: its own question, the rule partners
    # of its property on its subject, and (for accusations) claims on its property elsewhere.
    by_question: dict[tuple[int, int], list[ClaimView]] = defaultdict(list)
    by_property: dict[int, list[ClaimView]] = defaultdict(list)
    for v in others:
        by_question[(v.subject_id, v.property_id)].append(v)
        if v.value_type == "entity" and v.speaker_id is not None:
            by_property[v.property_id].append(v)
    partner_of: dict[int, set[int]] = defaultdict(set)
    for pair in rules:
        for p in pair:
            partner_of[p] |= pair
    new_ids = {v.id for v in new}
    findings = []
    for a in new:
        candidates = {b.id: b for p in partner_of[a.property_id] | {a.property_id}
                      for b in by_question.get((a.subject_id, p), ())}
        candidates.update((b.id, b) for b in by_property.get(a.property_id, ()))
        for b in candidates.values():
            if b.id == a.id or (b.id in new_ids and b.id < a.id):
                continue
            findings.extend(_pair(a, b, rules))
    return load(session, _store(session, findings))


def scan(session: Session) -> list[int]:
    """Check every pair of accepted claims that could conflict; store what is new; its ids.

    Claims are streamed one question (subject + property) at a time, so memory holds one
    question, not the ledger; rules and accusations, which cross questions, get their own passes
    over just the properties they concern.
    """
    ctx = Context(session)
    rules = _rules(session)
    findings: list[Finding] = []
    stored: list[int] = []
    ctx.preload_outlets(None)  # explanations name sources: read them all at once
    for group in _stream(session, ctx, true(), (Claim.subject_id, Claim.property_id, Claim.id)):
        # The innermost loop of the product: kept plain, most pairs end at cannot_conflict.
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if not cannot_conflict(a, b) and (f := _first(a, b)) is not None:
                    findings.append(f)
        if len(findings) > 10_000:
            stored += _store(session, findings)
            findings = []
    rule_props = sorted({p for pair in rules for p in pair})
    if rule_props:
        for group in _stream(session, ctx, Claim.property_id.in_(rule_props), (Claim.subject_id, Claim.id)):
            for a, b in _pairs(group):
                for r in rules.get(frozenset((a.property_id, b.property_id)), ()):
                    if (f := rule.check(r, a, b)) is not None:
                        findings.append(f)
    entity_props = sorted(p for p, (_, vtype, _, _) in ctx.props.items() if vtype == "entity")
    if entity_props:
        for group in _stream(session, ctx, Claim.property_id.in_(entity_props) & Claim.speaker_id.is_not(None),
                             (Claim.property_id, Claim.id)):
            for a, b in _pairs(group):
                if a.subject_id != b.subject_id and (f := accusation.check(a, b)) is not None:
                    findings.append(f)
    return stored + _store(session, findings)


def _pairs(group: list[ClaimView]):
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            yield a, b
