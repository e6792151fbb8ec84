"""Contested questions: every subject + property with more than one answer, side by side."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import BindParameter, and_, bindparam, case, distinct, func, or_, select
from sqlalchemy.orm import Session, selectinload

from ..claims.store import article_title, as_of_label, speaker_name
from ..claims.vocabulary import get_property, resolve_entity
from ..detect.scopes import scope_key
from ..detect.store import explanation_of, fold, with_current_explanations
from ..ledger.models import Claim, Conflict, ConflictClaim, Source
from ..values import Interval, from_json
from .grading import CREDIBILITY, graded, is_rumour, superseded_grade
from .independence import independent_count, side_of


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
    # Scopes worded differently that count the same people ("children", "minors") are one answer.
    return (c.polarity, c.value_json, scope_key(c.scope) or "")


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
    out = []
    for claims in groups.values():
        ids = {c.id for c in claims}
        # Claims of this question in a live disagreement with claims of other questions.
        outside = {
            i: kind for total, kind, members in across.values() if len(ids & members) < total for i in members & ids
        }
        question = _question(session, claims[0], _grouped(claims), _question_conflicts(claims, conflicts), outside)
        if question is not None:
            out.append(question)
    return out


def _grouped(claims: list[Claim]) -> dict[tuple, list[Claim]]:
    """Answers, with compatible values joined into one ("January 2015" and "2015"; "2,000",
    "about 2,000" and "thousands"): same polarity and scope, values that can both hold."""
    exact: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        exact[_answer_key(c)].append(c)
    keys = list(exact)
    values = {k: from_json(k[1]) for k in keys}
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            k = parent[k]
        return k

    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            va, vb = values[a], values[b]
            if a[0] == b[0] and a[2] == b[2] and va.type == vb.type and va.overlaps(vb):
                parent[find(b)] = find(a)
    out: dict[tuple, list[Claim]] = defaultdict(list)
    for k in keys:
        out[find(k)].extend(exact[k])
    return {k: sorted(v, key=lambda c: c.id) for k, v in out.items()}


LIVE_EXCLUDED = ("scope", "same_day")  # agreement on the figures; differing same-day figures


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


def _question_conflicts(claims: list[Claim], by_claim: dict[int, list[Conflict]]) -> list[Conflict]:
    ids = {c.id for c in claims}
    found = {}
    for c in claims:
        for conflict in by_claim.get(c.id, ()):
            if all(cl.id in ids for cl in conflict.claims):
                found[conflict.id] = conflict
    return [found[k] for k in sorted(found)]


def _question(
    session: Session,
    first: Claim,
    answers: dict[tuple, list[Claim]],
    conflicts: list[Conflict],
    outside: dict[int, str] | None = None,
) -> dict | None:
    groups = list(answers.values())
    answer_of = {c.id: n for n, group in enumerate(groups, 1) for c in group}
    # Retired, dismissed, scope (agreement on the figures) and same-day differences challenge no
    # answer; a decrease challenges only the earlier figure (the later may be a correction).
    live = [c for c in conflicts if c.status not in ("dismissed", "superseded") and c.kind not in LIVE_EXCLUDED]
    timeline = first.property.running_count and len({_answer_key(c) for g in groups for c in g}) > 1
    if len(groups) < 2 and not live and not timeline:
        return None  # every answer agrees: nothing is contested (a running count's figures are
        # still shown, as the timeline they make)
    support = [independent_count(session, group) for group in groups]
    replaced = _replaced_answers(groups, answer_of, first.property.running_count)
    in_conflict, strongest, partisan = _rivals(session, groups, answer_of, live, support, set(replaced), outside or {})
    rendered = []
    for n, group in enumerate(groups, 1):
        value = from_json(group[0].value_json)
        independent, shared = support[n - 1]
        grades = [c.source.reliability for c in group]
        grade, why = graded(
            independent,
            grades,
            all(is_rumour(c.hedge) for c in group),
            n in in_conflict,
            strongest.get(n, 0),
            partisan=n in partisan,
        )
        if n in replaced:
            grade, why = superseded_grade(replaced[n])
        written = list(dict.fromkeys(c.value_text for c in group))
        rendered.append(
            {
                "answer": n,
                "value": value.to_json(),
                # As the sources word it ("thousands", not an interval); the interval is in "value".
                "value_shown": ("not " if group[0].polarity == "denies" else "") + " / ".join(written),
                "precisions": written,
                "polarity": group[0].polarity,
                "scope": group[0].scope,
                "sources": len({c.source_id for c in group}),
                "independent_sources": independent,
                "shared_origin": shared,
                "credibility": grade,
                "credibility_text": CREDIBILITY[grade],
                "credibility_why": why,
                "reliability": sorted(set(grades)),
                "claims": [
                    {
                        "id": c.id,
                        "source_id": c.source_id,
                        "source_title": c.source.title,
                        "article": article_title(c),
                        "speaker": speaker_name(c),
                        "as_of": as_of_label(c),
                        "hedge": c.hedge,
                        "value_text": c.value_text,
                        "quote": c.spans[0].quote,
                        "cites": c.cites,
                        "reliability": c.source.reliability,
                        "revises": c.revises_id,
                        "page": c.source.page_at(c.spans[0].start),
                    }
                    for c in group
                ],
            }
        )
    return {
        "subject": first.subject.name,
        "property": first.property.name,
        "running_count": first.property.running_count,
        "answers": rendered,
        "conflicts": _folded(conflicts, answer_of),
        # Kinds of the conflicts on this question, and of those it shares with other questions.
        "kinds": sorted({c.kind for c in conflicts} | set((outside or {}).values())),
        "changed_over_time": [] if first.property.running_count else _changes(groups, live, answer_of),
        "timeline": _timeline(answers) if first.property.running_count else [],
    }


# Disputes between parties: an accusation, or a denial of what one party says of another. The
# parties' own word confirms only that it was said: it never makes the other side improbable.
PARTY_KINDS = ("accusation", "denial")


def is_party(c: Claim) -> bool:
    """Whether a claim's speaker is a party to what it says: it speaks for a side, or it is the
    subject or the entity its answer names (the accused denying, the accuser accusing)."""
    speaker = c.speaker
    if speaker is None:
        return False
    if side_of(speaker) is not None or speaker.id == c.subject_id:
        return True
    named = from_json(c.value_json).to_json().get("value")
    return isinstance(named, str) and named.casefold() == speaker.name.casefold()


def _rivals(
    session: Session,
    groups: list[list[Claim]],
    answer_of: dict[int, int],
    live: list[Conflict],
    support: list[tuple[int, list[list[int]]]],
    replaced: set[int],
    outside: dict[int, str],
) -> tuple[set[int], dict[int, int], set[int]]:
    """Which answers are contradicted, the independent origins of the strongest contradiction of
    each, and those contradicted only by parties to a dispute.

    A decrease challenges only the earlier figure (the later may be a correction); a figure its
    own authority replaced speaks against nothing. In an accusation or a denial only origins that
    are not parties weigh: a denial by the accused is not improbable because its accusers say
    otherwise. A disagreement with claims of another question (a rule, an accusation across
    subjects) contradicts the answer but brings no origins of this question to weigh."""
    in_conflict: set[int] = set()
    strongest: dict[int, int] = defaultdict(int)
    weighed: set[int] = set()  # contradicted by something other than a party's word

    def neutral(r: int) -> int:
        return independent_count(session, [c for c in groups[r - 1] if not is_party(c)])[0]

    for conflict in live:
        involved = {answer_of[cl.id] for cl in conflict.claims}
        targets = involved
        if conflict.kind == "decrease":
            earlier = min(conflict.claims, key=lambda cl: (cl.as_of_start or dt.date.min, cl.id))
            targets = {answer_of[earlier.id]}
        for n in targets:
            for r in involved - {n} - replaced:
                in_conflict.add(n)
                party = conflict.kind in PARTY_KINDS
                strength = neutral(r) if party else support[r - 1][0]
                strongest[n] = max(strongest[n], strength)
                if not party or strength:
                    weighed.add(n)
    for claim_id, kind in outside.items():
        n = answer_of[claim_id]
        in_conflict.add(n)
        if kind not in PARTY_KINDS:
            weighed.add(n)
    return in_conflict, dict(strongest), in_conflict - weighed


def _changes(groups: list[list[Claim]], live: list[Conflict], answer_of: dict[int, int]) -> list[dict]:
    """Answers of one polarity and scope that follow one another in time, with no conflict between
    them: "changed over time", from the last date of the earlier answer to the first of the later."""
    flagged = {frozenset(answer_of[cl.id] for cl in c.claims) for c in live}
    out = []
    for i, a in enumerate(groups, 1):
        for j, b in enumerate(groups, 1):
            if i == j or frozenset((i, j)) in flagged or _answer_key(a[0])[::2] != _answer_key(b[0])[::2]:
                # another polarity or another scope is another statement, not a change of this one
                continue
            a_end = max((c.as_of_end or c.as_of_start for c in a if c.as_of_start), default=None)
            b_start = min((c.as_of_start for c in b if c.as_of_start), default=None)
            if a_end and b_start and a_end < b_start:
                late = min(
                    (c for c in b if c.as_of_start), key=lambda c: c.as_of_start or dt.date.min
                )  # each has a start
                early = max((c for c in a if c.as_of_start), key=lambda c: c.as_of_end or c.as_of_start or dt.date.min)
                out.append(
                    {
                        "label": "changed over time",
                        "from_answer": i,
                        "to_answer": j,
                        "from": as_of_label(early),
                        "to": as_of_label(late),
                    }
                )
    return out


def _folded(conflicts: list[Conflict], answer_of: dict[int, int]) -> list[dict]:
    """One entry per disagreement between the question's answers, with the analyst's decision."""

    def answers(c: Conflict) -> tuple[int, ...]:
        return tuple(sorted({answer_of[cl.id] for cl in c.claims}))

    return fold(
        conflicts,
        answers,
        lambda c: {
            "id": c.id,
            "kind": c.kind,
            "status": c.status,
            "severity": c.severity,
            "explanation": explanation_of(c),
            "answers": list(answers(c)),
            "note": c.note,
            "decided_by": c.decided_by,
            "decided_at": c.decided_at.isoformat(timespec="minutes") if c.decided_at else None,
        },
    )


def _replaced_answers(groups: list[list[Claim]], answer_of: dict[int, int], running: bool) -> dict[int, str]:
    """Answers every claim of which its own authority later replaced, with, in words, by what.

    A claim is replaced by a later one that revises it (`--revises`), or, for a running count, by a
    later, lower figure from the same speaker (an authority correcting its own toll). A rise is an
    update, not a replacement: the earlier figure was true when given."""
    claims = [c for g in groups for c in g if c.polarity == "asserts"]
    by: dict[int, Claim] = {c.revises_id: c for c in claims if c.revises_id}
    if running:
        for e in claims:
            for later in claims:
                if e.id in by or later.speaker_id is None or later.speaker_id != e.speaker_id:
                    continue
                if _when(later) > _when(e) and _below(later, e) and answer_of[later.id] != answer_of[e.id]:
                    by[e.id] = later
    out = {}
    for n, group in enumerate(groups, 1):
        news = [by[c.id] for c in group if c.id in by]
        if group and len(news) == len(group):
            latest = max(news, key=_when)
            out[n] = f"{speaker_name(latest)} later gave {latest.value_text} (claim {latest.id}, {as_of_label(latest)})"
    return out


def _when(c: Claim) -> tuple:
    return (c.as_of_start or dt.date.min, c.as_of_at or dt.datetime.min)


def _below(later: Claim, earlier: Claim) -> bool:
    a, b = from_json(later.value_json), from_json(earlier.value_json)
    return isinstance(a, Interval) and isinstance(b, Interval) and a.bounds()[1] < b.bounds()[0]


def _timeline(answers: dict[tuple, list[Claim]]) -> list[dict]:
    """A running count's reports in date order: rises are updates, not conflicts; a figure that a
    later claim revises is marked superseded."""
    points = sorted(
        (c for group in answers.values() for c in group if c.polarity == "asserts"),
        key=lambda c: (c.as_of_start or dt.date.min, c.as_of_at or dt.datetime.min, c.id),
    )
    revised = {c.revises_id for c in points if c.revises_id}
    return [
        {
            "claim": c.id,
            "as_of": as_of_label(c),
            "value": c.value_text,
            "source_id": c.source_id,
            "speaker": speaker_name(c),
            "superseded": c.id in revised,
        }
        for c in points
    ]
