"""Contested questions: every subject + property with more than one answer, side by side."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, case, distinct, func, or_, select
from sqlalchemy.orm import Session, selectinload

from ..claims.store import article_title, as_of_label, speaker_name
from ..claims.vocabulary import get_property, resolve_entity
from ..detect.store import fold
from ..ledger.models import Claim, Conflict, ConflictClaim, Source
from ..values import from_json
from .grading import CREDIBILITY, credibility, is_rumour
from .independence import independent_count


@dataclass
class ContestedFilter:
    subject: str | None = None
    property: str | None = None
    kind: str | None = None
    status: str | None = None
    since: dt.date | None = None
    limit: int | None = 50  # questions per page; None for all
    offset: int = 0


def _answer_key(c: Claim) -> tuple:
    return (c.polarity, c.value_json, (c.scope or "").casefold())


def question_page(session: Session, f: ContestedFilter) -> list[tuple[int, int]]:
    """(subject, property) of the contested questions on one page, found in SQL.

    Grouping follows the (subject, property) index, so the first page is read without touching
    the rest of the ledger.
    """
    answer = Claim.polarity + "|" + Claim.value_json + "|" + func.coalesce(func.lower(Claim.scope), "")
    q = (select(Claim.subject_id, Claim.property_id).where(Claim.status == "accepted")
         .group_by(Claim.subject_id, Claim.property_id)
         .having(func.count(distinct(answer)) > 1)
         .order_by(Claim.subject_id, Claim.property_id))
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
    return [tuple(r) for r in session.execute(q.offset(f.offset or None))]


def contested(session: Session, f: ContestedFilter | None = None) -> list[dict]:
    f = f or ContestedFilter()
    page = question_page(session, f)
    if not page:
        return []
    q = select(Claim).where(
        Claim.status == "accepted",
        or_(*(and_(Claim.subject_id == s, Claim.property_id == p) for s, p in page)),
    ).options(
        selectinload(Claim.spans), selectinload(Claim.source).selectinload(Source.segments),
        selectinload(Claim.source).selectinload(Source.pages),
        selectinload(Claim.subject), selectinload(Claim.property), selectinload(Claim.speaker),
    ).order_by(Claim.id)
    groups: dict[tuple[int, int], list[Claim]] = {key: [] for key in page}
    for c in session.scalars(q):
        groups[(c.subject_id, c.property_id)].append(c)
    conflicts = _conflicts_by_claim(session, [c.id for claims in groups.values() for c in claims])
    out = []
    for claims in groups.values():
        answers: dict[tuple, list[Claim]] = defaultdict(list)
        for c in claims:
            answers[_answer_key(c)].append(c)
        out.append(_question(session, claims[0], answers, _question_conflicts(claims, conflicts)))
    return out


def _conflicts_by_claim(session: Session, claim_ids: list[int]) -> dict[int, list[Conflict]]:
    by_claim: dict[int, list[Conflict]] = defaultdict(list)
    for i in range(0, len(claim_ids), 500):
        involved = select(ConflictClaim.conflict_id).where(ConflictClaim.claim_id.in_(claim_ids[i : i + 500]))
        for conflict in session.scalars(select(Conflict).where(Conflict.id.in_(involved))
                                        .options(selectinload(Conflict.claims))):
            for c in conflict.claims:
                if conflict not in by_claim[c.id]:
                    by_claim[c.id].append(conflict)
    return by_claim


def _question_conflicts(claims: list[Claim], by_claim: dict[int, list[Conflict]]) -> list[Conflict]:
    ids = {c.id for c in claims}
    found = {}
    for c in claims:
        for conflict in by_claim.get(c.id, ()):
            if all(cl.id in ids for cl in conflict.claims):
                found[conflict.id] = conflict
    return [found[k] for k in sorted(found)]


def _question(session: Session, first: Claim, answers: dict[tuple, list[Claim]],
              conflicts: list[Conflict]) -> dict:
    groups = list(answers.values())
    answer_of = {c.id: n for n, group in enumerate(groups, 1) for c in group}
    support = [independent_count(session, group) for group in groups]
    # A scope difference is agreement on the figures, not a challenge to either answer.
    live = [c for c in conflicts if c.status != "dismissed" and c.kind != "scope"]
    rivals: dict[int, set[int]] = defaultdict(set)
    for conflict in live:
        involved = {answer_of[cl.id] for cl in conflict.claims}
        for n in involved:
            rivals[n] |= involved - {n}
    rendered = []
    for n, group in enumerate(groups, 1):
        value = from_json(group[0].value_json)
        independent, shared = support[n - 1]
        grades = [c.source.reliability for c in group]
        grade = credibility(
            independent, grades, all(is_rumour(c.hedge) for c in group), n in rivals,
            max((support[r - 1][0] for r in rivals[n]), default=0),
        )
        rendered.append({
            "answer": n,
            "value": value.to_json(),
            "value_shown": ("not " if group[0].polarity == "denies" else "") + value.describe(),
            "polarity": group[0].polarity,
            "scope": group[0].scope,
            "sources": len({c.source_id for c in group}),
            "independent_sources": independent,
            "shared_origin": shared,
            "credibility": grade,
            "credibility_text": CREDIBILITY[grade],
            "reliability": sorted(set(grades)),
            "claims": [{
                "id": c.id, "source_id": c.source_id, "source_title": c.source.title,
                "article": article_title(c), "speaker": speaker_name(c), "as_of": as_of_label(c),
                "hedge": c.hedge, "value_text": c.value_text, "quote": c.spans[0].quote,
                "cites": c.cites, "reliability": c.source.reliability,
                "page": c.source.page_at(c.spans[0].start),
            } for c in group],
        })
    return {
        "subject": first.subject.name,
        "property": first.property.name,
        "running_count": first.property.running_count,
        "answers": rendered,
        "conflicts": _folded(conflicts, answer_of),
        "kinds": sorted({c.kind for c in conflicts}),
        "timeline": _timeline(answers) if first.property.running_count else [],
    }


def _folded(conflicts: list[Conflict], answer_of: dict[int, int]) -> list[dict]:
    """One entry per disagreement between the question's answers, with the analyst's decision."""

    def answers(c: Conflict) -> tuple[int, ...]:
        return tuple(sorted({answer_of[cl.id] for cl in c.claims}))

    return fold(conflicts, answers, lambda c: {
        "id": c.id, "kind": c.kind, "status": c.status, "severity": c.severity,
        "explanation": c.explanation, "answers": list(answers(c)), "note": c.note,
        "decided_by": c.decided_by,
        "decided_at": c.decided_at.isoformat(timespec="minutes") if c.decided_at else None})


def _timeline(answers: dict[tuple, list[Claim]]) -> list[dict]:
    """A running count's reports in date order: rises are updates, not conflicts."""
    points = sorted(
        (c for group in answers.values() for c in group if c.polarity == "asserts"),
        key=lambda c: (c.as_of_start or dt.date.min, c.id),
    )
    return [{"claim": c.id, "as_of": as_of_label(c), "value": from_json(c.value_json).describe(),
             "source_id": c.source_id, "speaker": speaker_name(c)} for c in points]


