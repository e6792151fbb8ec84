"""Contested questions: every subject + property with more than one answer, side by side."""

from __future__ import annotations

import datetime as dt

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .claims import article_title, as_of_label, speaker_name
from .grading import CREDIBILITY, credibility, is_rumour
from .independence import independent_count
from .models import Claim, Conflict, Source
from .values import from_json
from .vocabulary import get_property, resolve_entity


@dataclass
class ContestedFilter:
    subject: str | None = None
    property: str | None = None
    kind: str | None = None
    status: str | None = None
    since: dt.date | None = None


def _answer_key(c: Claim) -> tuple:
    return (c.polarity, c.value_json, (c.scope or "").casefold())


def contested(session: Session, f: ContestedFilter | None = None) -> list[dict]:
    f = f or ContestedFilter()
    q = select(Claim).where(Claim.status == "accepted").options(
        selectinload(Claim.spans), selectinload(Claim.source).selectinload(Source.segments),
        selectinload(Claim.subject),
        selectinload(Claim.property), selectinload(Claim.speaker),
    ).order_by(Claim.id)
    if f.subject:
        q = q.where(Claim.subject_id == resolve_entity(session, f.subject).id)
    if f.property:
        q = q.where(Claim.property_id == get_property(session, f.property).id)
    groups: dict[tuple[int, int], list[Claim]] = defaultdict(list)
    for c in session.scalars(q):
        groups[(c.subject_id, c.property_id)].append(c)
    conflicts = _conflicts_by_claim(session)
    out = []
    for claims in groups.values():
        answers: dict[tuple, list[Claim]] = defaultdict(list)
        for c in claims:
            answers[_answer_key(c)].append(c)
        if len(answers) < 2:
            continue
        q_conflicts = _question_conflicts(claims, conflicts)
        if f.kind and f.kind not in {c.kind for c in q_conflicts}:
            continue
        if f.status and f.status not in {c.status for c in q_conflicts}:
            continue
        if f.since and max(c.as_of_end or c.as_of_start or dt.date.min for c in claims) < f.since:
            continue
        out.append(_question(session, claims[0], answers, q_conflicts))
    return out


def _conflicts_by_claim(session: Session) -> dict[int, list[Conflict]]:
    by_claim: dict[int, list[Conflict]] = defaultdict(list)
    for conflict in session.scalars(select(Conflict).options(selectinload(Conflict.claims))):
        for c in conflict.claims:
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
            } for c in group],
        })
    return {
        "subject": first.subject.name,
        "property": first.property.name,
        "running_count": first.property.running_count,
        "answers": rendered,
        "conflicts": [{
            "id": c.id, "kind": c.kind, "status": c.status, "severity": c.severity,
            "explanation": c.explanation,
            "answers": sorted({answer_of[cl.id] for cl in c.claims}),
        } for c in conflicts],
        "kinds": sorted({c.kind for c in conflicts}),
        "timeline": _timeline(answers) if first.property.running_count else [],
    }


def _timeline(answers: dict[tuple, list[Claim]]) -> list[dict]:
    """A running count's reports in date order: rises are updates, not conflicts."""
    points = sorted(
        (c for group in answers.values() for c in group if c.polarity == "asserts"),
        key=lambda c: (c.as_of_start or dt.date.min, c.id),
    )
    return [{"claim": c.id, "as_of": as_of_label(c), "value": from_json(c.value_json).describe(),
             "source_id": c.source_id, "speaker": speaker_name(c)} for c in points]


