"""Contested questions: every subject + property with more than one answer, side by side."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import BindParameter, and_, bindparam, case, distinct, func, or_, select
from sqlalchemy.orm import Session, selectinload

from ..claims.vocabulary import get_property, resolve_entity
from ..detect.store import with_current_explanations
from ..ingest.copies import passages_between
from ..ledger.models import Claim, Conflict, ConflictClaim, Source
from .answers import LIVE_EXCLUDED, questions


@dataclass
class ContestedFilter:
    subject: str | None = None
    property: str | None = None
    kind: str | None = None
    status: str | None = None
    since: dt.date | None = None
    limit: int | None = 50  # questions per page; None for all
    offset: int = 0


def question_page(session: Session, f: ContestedFilter) -> list[tuple[int, int]]:
    """(subject, property) of the contested questions on one page, found in SQL.

    Grouping follows the (subject, property) index, so the first page is read without touching
    the rest of the ledger.
    """
    answer = Claim.polarity + "|" + Claim.value_json + "|" + func.coalesce(func.lower(Claim.scope), "")
    q = (
        select(Claim.subject_id, Claim.property_id)
        .where(Claim.status == "accepted")
        .group_by(Claim.subject_id, Claim.property_id)
        .having(func.count(distinct(answer)) > 1)
        .order_by(Claim.subject_id, Claim.property_id)
    )
    if f.subject:
        q = q.where(Claim.subject_id == resolve_entity(session, f.subject).id)
    if f.property:
        q = q.where(Claim.property_id == get_property(session, f.property).id)
    if f.kind or f.status:
        flagged = select(ConflictClaim.claim_id).join(Conflict, Conflict.id == ConflictClaim.conflict_id)
        if f.kind:
            flagged = flagged.where(Conflict.kind == f.kind)
        if f.status:
            flagged = flagged.where(Conflict.status == f.status)
        q = q.having(func.max(case((Claim.id.in_(flagged), 1), else_=0)) == 1)
    if f.since:
        q = q.having(func.max(func.coalesce(Claim.as_of_end, Claim.as_of_start)) >= f.since)
    if f.limit is not None:
        q = q.limit(f.limit)
    return [(r[0], r[1]) for r in session.execute(q.offset(f.offset or None))]


def contested(session: Session, f: ContestedFilter | None = None) -> list[dict]:
    f = f or ContestedFilter()
    page = question_page(session, f)
    if not page:
        return []
    q = (
        select(Claim)
        .where(
            Claim.status == "accepted",
            or_(*(and_(Claim.subject_id == s, Claim.property_id == p) for s, p in page)),
        )
        .options(
            selectinload(Claim.spans),
            selectinload(Claim.source).selectinload(Source.segments),
            selectinload(Claim.source).selectinload(Source.pages),
            selectinload(Claim.subject),
            selectinload(Claim.property),
            selectinload(Claim.speaker),
        )
        .order_by(Claim.id)
    )
    groups: dict[tuple[int, int], list[Claim]] = {key: [] for key in page}
    for c in session.scalars(q):
        groups[(c.subject_id, c.property_id)].append(c)
    conflicts = _conflicts_by_claim(
        session, [c.id for claims in groups.values() for c in claims], max(len(claims) for claims in groups.values())
    )
    with_current_explanations(session, list({c.id: c for cs in conflicts.values() for c in cs}.values()))
    across = _across(session, [c.id for claims in groups.values() for c in claims])
    return questions(list(groups.values()), conflicts, across, lambda ids: passages_between(session, ids))


def _across(session: Session, claim_ids: list[int]) -> dict[int, tuple[int, str, set[int]]]:
    """Live conflicts touching these claims: their size, kind, and which of these claims they hold.
    Only ids are read, so a disagreement across questions backed by thousands of claims costs
    no more than its rows among these claims."""
    members: dict[int, set[int]] = defaultdict(set)
    kinds: dict[int, str] = {}
    for i in range(0, len(claim_ids), 500):
        chunk: BindParameter[int] = bindparam("claim_ids", claim_ids[i : i + 500], expanding=True)
        rows = session.execute(
            select(ConflictClaim.conflict_id, ConflictClaim.claim_id, Conflict.kind)
            .join(Conflict, Conflict.id == ConflictClaim.conflict_id)
            .where(
                ConflictClaim.claim_id.in_(chunk),
                Conflict.status.not_in(("dismissed", "superseded")),
                Conflict.kind.not_in(LIVE_EXCLUDED),
            )
        )
        for conflict_id, claim_id, kind in rows:
            members[conflict_id].add(claim_id)
            kinds[conflict_id] = kind
    sizes: dict[int, int] = {}
    ids = sorted(members)
    for i in range(0, len(ids), 500):
        chunk = bindparam("conflict_ids", ids[i : i + 500], expanding=True)
        counted = session.execute(
            select(ConflictClaim.conflict_id, func.count())
            .where(ConflictClaim.conflict_id.in_(chunk))
            .group_by(ConflictClaim.conflict_id)
        )
        sizes.update((k, n) for k, n in counted)
    return {k: (sizes[k], kinds[k], v) for k, v in members.items()}


def _conflicts_by_claim(session: Session, claim_ids: list[int], largest: int) -> dict[int, list[Conflict]]:
    """The conflicts among these claims that could sit inside one question: one backed by more
    claims than the largest question holds (a disagreement across questions) is not loaded."""
    by_claim: dict[int, list[Conflict]] = defaultdict(list)
    for i in range(0, len(claim_ids), 500):
        chunk: BindParameter[int] = bindparam("claim_ids", claim_ids[i : i + 500], expanding=True)  # one, not 500
        involved = select(ConflictClaim.conflict_id).where(ConflictClaim.claim_id.in_(chunk))
        small = (
            select(ConflictClaim.conflict_id)
            .where(ConflictClaim.conflict_id.in_(involved))
            .group_by(ConflictClaim.conflict_id)
            .having(func.count() <= largest)
        )
        for conflict in session.scalars(
            select(Conflict).where(Conflict.id.in_(small)).options(selectinload(Conflict.claims))
        ):
            for c in conflict.claims:
                if conflict not in by_claim[c.id]:
                    by_claim[c.id].append(conflict)
    return by_claim
