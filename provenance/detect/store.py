"""Working the conflicts: list, show, and change status with a note, in the audit trail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..ledger import events
from ..claims.store import as_of_label, claim_json, speaker_name
from ..errors import InputError, NotFound
from ..ledger.models import CONFLICT_STATUSES, Claim, Conflict, utcnow

STATUS_VERBS = {"confirm": "confirmed", "dismiss": "dismissed", "resolve": "resolved", "reopen": "open"}


@dataclass
class ConflictFilter:
    kind: str | None = None
    status: str | None = None
    claim: int | None = None
    since: dt.date | None = None
    kinds: tuple[str, ...] = ()
    limit: int | None = None
    offset: int = 0


def list_conflicts(session: Session, f: ConflictFilter | None = None) -> list[Conflict]:
    f = f or ConflictFilter()
    q = select(Conflict).order_by(Conflict.id).options(
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
    return with_current_explanations(session, list(session.scalars(q.offset(f.offset or None))))


def get_conflict(session: Session, conflict_id: int) -> Conflict:
    conflict = session.get(Conflict, conflict_id)
    if conflict is None:
        raise NotFound(f"no conflict with id {conflict_id}; see `provenance conflicts list`")
    return with_current_explanations(session, [conflict])[0]


def with_current_explanations(session: Session, conflicts: list[Conflict]) -> list[Conflict]:
    """Attach to each conflict its explanation rendered from today's claims and names (an entity
    merged or renamed, a value edited), never the text stored when it was found."""
    from . import explanations

    if conflicts:
        for c, text in zip(conflicts, (explanations(session, conflicts)[c.id] for c in conflicts)):
            c.current_explanation = text
    return conflicts


def explanation_of(c: Conflict) -> str:
    return getattr(c, "current_explanation", None) or c.explanation


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
        "explanation": explanation_of(c),
        "detector": f"{c.detector}@{c.detector_version}",
        "note": c.note,
        "decided_by": c.decided_by,
        "decided_at": c.decided_at.isoformat(timespec="seconds") if c.decided_at else None,
        "created_at": c.created_at.isoformat(timespec="seconds"),
        "claims": [claim_brief(cl) for cl in c.claims],
    }
