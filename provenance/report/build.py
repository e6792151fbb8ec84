"""The report's content, built once from the ledger through the ORM; every format renders this
same document (quick.py builds a first page of it through sqlite3)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..assess.contested import ContestedFilter, contested
from ..detect.folding import fold
from ..detect.store import ConflictFilter, conflict_json, list_conflicts
from ..ledger.models import Claim, Conflict, Event, Source
from .document import (
    CROSS_QUESTION,
    DECISIONS,
    DECISIONS_SHOWN,
    across_key,
    decision_entry,
    document,
    quoted_sources,
    source_entry,
)


def build_report(session: Session, limit: int | None = 50, offset: int = 0) -> dict:
    """The report; `limit` contested questions from `offset` (None: all of them)."""
    questions = contested(session, ContestedFilter(limit=limit, offset=offset))
    in_questions = {c["id"] for q in questions for c in q["conflicts"]}
    cross = [
        c
        for c in list_conflicts(session, ConflictFilter(kinds=CROSS_QUESTION, limit=limit))
        if c.id not in in_questions
    ]
    open_by_kind = dict(
        session.execute(
            select(Conflict.kind, func.count())
            .where(Conflict.status.in_(("open", "confirmed")))
            .group_by(Conflict.kind)
        ).all()
    )
    counts = (
        session.scalar(select(func.count()).select_from(Source)) or 0,
        # all less those not accepted (a small partial index), not a scan of every claim
        (session.scalar(select(func.count()).select_from(Claim)) or 0)
        - (session.scalar(select(func.count()).select_from(Claim).where(Claim.status != "accepted")) or 0),
        session.scalar(select(func.count()).select_from(Conflict)) or 0,
    )
    quoted = quoted_sources(questions, (c for x in cross for c in x.claims))
    sources = session.scalars(select(Source).where(Source.id.in_(sorted(quoted))).order_by(Source.id))
    return document(
        counts,
        open_by_kind,
        questions,
        [source_entry(s) for s in sources],
        decisions(session),
        fold(cross, across_key, conflict_json),
        limit,
        offset,
    )


def decisions(session: Session, limit: int = DECISIONS_SHOWN) -> list[dict]:
    """The latest decisions people made, oldest first, from the audit trail."""
    rows = session.scalars(select(Event).where(Event.action.in_(DECISIONS)).order_by(Event.id.desc()).limit(limit))
    return [decision_entry(e.at, e.actor, e.action, e.target, e.payload) for e in reversed(list(rows))]
