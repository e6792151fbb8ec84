"""The conflict detectors, registered in one place, and the engine that runs them.

Pair detectors are tried in order and the first that fires names the conflict: a pair of claims
that is a mutual accusation is not also reported as two different values. Rules run beside them.
Only accepted claims take part. Each finding is stored under a key (kind + claim ids), so a
re-scan adds nothing twice and a dismissed conflict stays dismissed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
import itertools
import operator
from collections.abc import Iterable, Iterator

from sqlalchemy import select, true, update
from sqlalchemy.orm import Session, selectinload

from ..ledger import events
from ..ledger.models import Claim, Conflict, ConflictClaim, Rule, utcnow
from ..ledger.db import bulk_insert
from . import accusation, denial, exclusive, numeric, rule, scope, single_value
from .base import COLUMNS, ClaimView, Context, Finding, cannot_conflict, superseded

PAIR_DETECTORS = (accusation, denial, scope, numeric, exclusive, single_value)
DETECTORS = {m.NAME: m for m in (*PAIR_DETECTORS, rule)}


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
    known: dict[str, tuple[int, str]] = {}
    for keys in _chunks(list(findings)):
        known.update((k, (i, s)) for k, i, s in session.execute(
            select(Conflict.key, Conflict.id, Conflict.status).where(Conflict.key.in_(keys))))
    # A conflict retired because its claims stopped disagreeing is back when they disagree again.
    back = [(i, findings[k]) for k, (i, s) in known.items() if s == "superseded"]
    for cid, f in back:
        session.execute(update(Conflict).where(Conflict.id == cid).values(
            status="open", explanation=f.explanation, severity=f.severity))
        events.record(session, "conflict.reopen", f"conflict:{cid}", reason="the claims disagree again")
    new = [f for key, f in findings.items() if key not in known]
    if not new:
        return [cid for cid, _ in back]
    now = utcnow()
    rows = [dict(key=f.key, kind=f.kind, detector=f.detector, detector_version=f.version,
                 explanation=f.explanation, severity=f.severity, status="open", rule_id=f.rule_id,
                 created_at=now) for f in new]
    ids = bulk_insert(session, Conflict.__table__, rows, ids=True)
    bulk_insert(session, ConflictClaim.__table__, [
        {"conflict_id": cid, "claim_id": claim_id} for cid, f in zip(ids, new) for claim_id in sorted(f.claims)
    ])
    events.record(session, "conflict.detect", f"conflicts:{ids[0]}-{ids[-1]}", count=len(ids),
                  ids=ids if len(ids) <= 1000 else None, kinds=dict(Counter(f.kind for f in new)))
    return [cid for cid, _ in back] + ids


def kinds_of(session: Session, ids: list[int]) -> Counter:
    """How many of the given conflicts are of each kind."""
    return Counter(k for chunk in _chunks(ids) for k in session.scalars(
        select(Conflict.kind).where(Conflict.id.in_(chunk))))


def load(session: Session, ids: list[int]) -> list[Conflict]:
    """Conflicts by id, with their claims."""
    return [c for chunk in _chunks(ids) for c in session.scalars(
        select(Conflict).where(Conflict.id.in_(chunk)).order_by(Conflict.id)
        .options(selectinload(Conflict.claims)))]


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
    for (_, prop), views in by_question.items():
        if ctx.props[prop][3]:
            ctx.superseded |= superseded(views)
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
        if group[0].running_count and len(group) > 1:
            ctx.superseded = superseded(group)
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


# -- keeping conflicts live ---------------------------------------------------------------------

LIVE = ("open", "confirmed")  # dismissed and resolved are a person's decision: left as they are


def _current(session: Session, conflicts: list[Conflict]) -> dict[int, Finding | None]:
    """What the detectors say today of each conflict's claims: the finding under the same key,
    or None when the claims no longer disagree (edited, rejected, revised, merged...)."""
    ctx = Context(session)
    ids = sorted({cl.id for c in conflicts for cl in c.claims})
    views = {v.id: v for chunk in _chunks(ids) for v in _views(session, Claim.id.in_(chunk), ctx)}
    questions = {(v.subject_id, v.property_id) for v in views.values() if v.running_count}
    for subject, prop in questions:
        ctx.superseded |= superseded(_views(session, (Claim.subject_id == subject) & (Claim.property_id == prop), ctx))
    rules = {r.id: r for r in session.scalars(select(Rule))}
    out: dict[int, Finding | None] = {}
    for c in conflicts:
        members = [views.get(cl.id) for cl in c.claims]
        found = None
        if len(members) == 2 and all(members):
            a, b = members
            if c.kind == "rule":
                r = rules.get(c.rule_id)
                found = rule.check(r, a, b) if r is not None else None
            elif c.kind == "accusation" and a.subject_id != b.subject_id:
                found = accusation.check(a, b)
            elif not cannot_conflict(a, b):
                found = _first(a, b)
        out[c.id] = found if found is not None and found.key == c.key else None
    return out


def explanations(session: Session, conflicts: list[Conflict]) -> dict[int, str]:
    """Each conflict's explanation rendered from the claims as they are now (names, values,
    dates), so that it never goes stale; the stored text when the claims no longer disagree."""
    current = _current(session, conflicts)
    return {c.id: current[c.id].explanation if current[c.id] else c.explanation for c in conflicts}


def refresh(session: Session, claim_ids: Iterable[int], reason: str) -> tuple[list[int], list[Conflict]]:
    """After a write that changes what conflicts rest on: retire the live conflicts of these claims
    that no longer hold (status `superseded`, the reason in the event log), bring back superseded
    ones that hold again, and detect what is new. (retired ids, new or reopened conflicts)."""
    ids = sorted(set(claim_ids))
    touched = [c for chunk in _chunks(ids) for c in session.scalars(
        select(Conflict).where(Conflict.id.in_(select(ConflictClaim.conflict_id)
                                               .where(ConflictClaim.claim_id.in_(chunk))))
        .options(selectinload(Conflict.claims)))]
    touched = list({c.id: c for c in touched}.values())
    current = _current(session, touched)
    retired = []
    for c in touched:
        finding = current[c.id]
        if finding is not None:
            c.explanation, c.severity = finding.explanation, finding.severity
        elif c.status in LIVE:
            old, c.status = c.status, "superseded"
            retired.append(c.id)
            events.record(session, "conflict.supersede", f"conflict:{c.id}", old=old, reason=reason)
    session.flush()
    return retired, detect_for(session, ids)


def retire_stale(session: Session, reason: str = "a full scan found the claims no longer disagree") -> list[int]:
    """Retire every live conflict whose claims no longer disagree (what `refresh` does for the
    claims a write touched, over the whole ledger); the retired ids."""
    retired = []
    ids = list(session.scalars(select(Conflict.id).where(Conflict.status.in_(LIVE)).order_by(Conflict.id)))
    for chunk in _chunks(ids):
        conflicts = load(session, chunk)
        current = _current(session, conflicts)
        for c in conflicts:
            if current[c.id] is None:
                c.status = "superseded"
                retired.append(c.id)
                events.record(session, "conflict.supersede", f"conflict:{c.id}", old="open", reason=reason)
    session.flush()
    return retired
