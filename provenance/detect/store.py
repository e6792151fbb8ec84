"""Working the conflicts: list, show, and change status with a note, in the audit trail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ..ledger import events
from ..claims.store import as_of_label, claim_json, speaker_name
from ..errors import InputError, NotFound
from ..ledger.models import CONFLICT_STATUSES, Claim, Conflict, ConflictClaim, utcnow

STATUS_VERBS = {"confirm": "confirmed", "dismiss": "dismissed", "resolve": "resolved", "reopen": "open"}


# A grouped disagreement may rest on thousands of claims: a list shows the first few and the count.
SAMPLE = 12


@dataclass
class ConflictFilter:
    kind: str | None = None
    status: str | None = None
    claim: int | None = None
    since: dt.date | None = None
    kinds: tuple[str, ...] = ()
    limit: int | None = None
    offset: int = 0
    sample: int | None = SAMPLE  # claims loaded per conflict (None: all); claim_count has them all


def list_conflicts(session: Session, f: ConflictFilter | None = None) -> list[Conflict]:
    f = f or ConflictFilter()
    q = select(Conflict).order_by(Conflict.id)
    if f.sample is None:
        q = q.options(
            selectinload(Conflict.claims).selectinload(Claim.spans),
            selectinload(Conflict.claims).selectinload(Claim.source),
            selectinload(Conflict.claims).selectinload(Claim.speaker),
        )
    if f.kind:
        q = q.where(Conflict.kind == f.kind)
    if f.status:
        if f.status not in CONFLICT_STATUSES:
            raise InputError(f"status {f.status!r} is not one of {', '.join(CONFLICT_STATUSES)}")
        q = q.where(Conflict.status == f.status)
    if f.claim:
        q = q.where(Conflict.claims.any(Claim.id == f.claim))
    if f.since:
        q = q.where(Conflict.created_at >= dt.datetime.combine(f.since, dt.time()))
    if f.kinds:
        q = q.where(Conflict.kind.in_(f.kinds))
    if f.limit is not None:
        q = q.limit(f.limit)
    found = list(session.scalars(q.offset(f.offset or None)))
    if f.sample is not None:
        _load_sample(session, found, f.sample)
    return found


def _load_sample(session: Session, conflicts: list[Conflict], n: int) -> None:
    """Give each conflict its first n claims (lowest ids) and its claim count, in two queries
    per 500 conflicts instead of every claim of every disagreement."""
    by_id = {c.id: c for c in conflicts}
    ids = sorted(by_id)
    picked: dict[int, list[int]] = {i: [] for i in ids}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        ranked = select(ConflictClaim.conflict_id, ConflictClaim.claim_id, func.row_number().over(
            partition_by=ConflictClaim.conflict_id, order_by=ConflictClaim.claim_id).label("n")
        ).where(ConflictClaim.conflict_id.in_(chunk)).subquery()
        for cid, claim_id in session.execute(select(ranked.c.conflict_id, ranked.c.claim_id).where(ranked.c.n <= n)):
            picked[cid].append(claim_id)
        for cid, count in session.execute(select(ConflictClaim.conflict_id, func.count()).where(
                ConflictClaim.conflict_id.in_(chunk)).group_by(ConflictClaim.conflict_id)):
            by_id[cid].claim_count = count
    wanted = sorted({c for cs in picked.values() for c in cs})
    claims = {}
    for i in range(0, len(wanted), 500):
        claims.update((c.id, c) for c in session.scalars(select(Claim).where(Claim.id.in_(wanted[i:i + 500])).options(
            selectinload(Claim.spans), selectinload(Claim.source), selectinload(Claim.speaker))))
    for cid, cs in picked.items():
        set_committed_value(by_id[cid], "claims", [claims[c] for c in sorted(cs)])


def get_conflict(session: Session, conflict_id: int) -> Conflict:
    conflict = session.get(Conflict, conflict_id)
    if conflict is None:
        raise NotFound(f"no conflict with id {conflict_id}; see `provenance conflicts list`")
    return conflict


def set_status(session: Session, conflict_id: int, verb: str, note: str | None) -> Conflict:
    conflict = get_conflict(session, conflict_id)
    status = STATUS_VERBS[verb]
    if conflict.status == status:
        raise InputError(f"conflict {conflict_id} is already {status}")
    old = conflict.status
    conflict.status = status
    conflict.note = note.strip() if note and note.strip() else conflict.note
    conflict.decided_by = events.actor()
    conflict.decided_at = utcnow()
    session.flush()
    events.record(session, f"conflict.{verb}", f"conflict:{conflict.id}", old=old, new=status, note=note)
    return conflict


def claim_brief(claim: Claim) -> dict:
    """A claim as a conflict shows it: claim_json's essentials, who says it and where."""
    full = claim_json(claim)
    brief = {k: full[k] for k in ("id", "source_id", "article", "polarity", "value_text", "hedge",
                                  "scope", "quote", "start", "end")}
    return {**brief, "source_title": claim.source.title, "speaker": speaker_name(claim),
            "as_of": as_of_label(claim)}


def conflict_json(c: Conflict) -> dict:
    return {
        "id": c.id,
        "kind": c.kind,
        "status": c.status,
        "severity": c.severity,
        "explanation": c.explanation,
        "detector": f"{c.detector}@{c.detector_version}",
        "note": c.note,
        "decided_by": c.decided_by,
        "decided_at": c.decided_at.isoformat(timespec="seconds") if c.decided_at else None,
        "created_at": c.created_at.isoformat(timespec="seconds"),
        "claim_count": getattr(c, "claim_count", None) or len(c.claims),
        "claims": [claim_brief(cl) for cl in c.claims],
    }
