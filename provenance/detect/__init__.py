"""The conflict detectors, registered in one place, and the engine that runs them.

Pair detectors are tried in order and the first that fires names the conflict: a pair of claims
that is a mutual accusation is not also reported as two different values. Rules run beside them.
Only accepted claims take part. Each finding is stored under a key (kind + claim ids), so a
re-scan adds nothing twice and a dismissed conflict stays dismissed.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from sqlalchemy import distinct, func, select, true, update
from sqlalchemy.orm import Session, selectinload

from ..ledger import events, gc_pause, rowstate
from ..ledger.db import bulk_insert
from ..ledger.models import Claim, Conflict, ConflictClaim, Rule, utcnow
from ..values import Label
from . import accusation, denial, exclusive, grouping, numeric, rule, scope, single_value
from .base import COLUMNS, ClaimView, Context, Finding, _stored, cannot_conflict, superseded_both
from .pairs import Question
from .store import load

# Mutual accusation and rules are grouped passes (one disagreement per pair of sides or values,
# backed by every claim on each side); the rest compare the claims of one question pair by pair.
PAIR_DETECTORS = (denial, scope, numeric, exclusive, single_value)
# Two figures (intervals): exclusive and single value never fire on them (both return None for an
# interval first thing), so the pair pass's commonest pair skips them; the order is the same.
FIGURE_DETECTORS = (denial, scope, numeric)


# Rows fetched at a time by a streaming pass: a partition is held as rows and as views at once.
STREAM_ROWS = 5_000

# Link rows written at a time.
LINK_ROWS = 10_000

# SQLite builds may cap bound parameters at 999: long IN lists go in slices.
IN_CHUNK = 500


def _chunks(items: list, size: int = IN_CHUNK):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _views(session: Session, where, ctx: Context | None = None) -> list[ClaimView]:
    ctx = ctx or Context(session)
    # Through Core, not the ORM: plain rows, without the ORM's per-row loading machinery.
    rows = session.connection().execute(select(*COLUMNS).where(Claim.status == "accepted", where))
    return [ClaimView(ctx, row) for row in rows]


def _stream(session: Session, ctx: Context, where, order) -> Iterator[list[ClaimView]]:
    """Accepted claims grouped by every `order` column but the last (a tiebreak), streamed."""
    q = select(*COLUMNS).where(Claim.status == "accepted", where).order_by(*order)
    result = session.connection().execute(q.execution_options(yield_per=STREAM_ROWS))
    # Rows a batch at a time (partitions): iterating the result row by row costs a Python call
    # or three per row in the result's own machinery, as much as building the views.
    rows = itertools.chain.from_iterable(result.partitions())
    at = [next(i for i, col in enumerate(COLUMNS) if col is c) for c in order[:-1]]
    key = operator.itemgetter(*at)
    for _, group in itertools.groupby(rows, key=key):
        yield [ClaimView(ctx, row) for row in group]


def _first(a: ClaimView, b: ClaimView) -> Finding | None:
    """What the first detector that fires says of a pair (callers dismiss cannot_conflict pairs).
    A pair that is a mutual accusation belongs to the accusation pass, not to these."""
    if a.quick is not None and b.quick is not None:
        for det in FIGURE_DETECTORS:
            f = det.check(a, b)
            if f is not None:
                return f
        return None
    if a.value_type == "entity" and accusation.mutual(a, b):
        return None
    for det in PAIR_DETECTORS:
        f = det.check(a, b)
        if f is not None:
            return f
    return None


def _rules(session: Session) -> dict[frozenset, list[Rule]]:
    by_pair: dict[frozenset, list[Rule]] = defaultdict(list)
    for r in session.scalars(select(Rule)):
        by_pair[frozenset((r.left_property_id, r.right_property_id))].append(r)
    return by_pair


def _store(
    session: Session,
    findings: Iterable[Finding],
    who: dict[int, tuple[int | None, int]] | None = None,
    counts: dict[str, tuple[int, int, int]] | None = None,
) -> tuple[list[int], list[int]]:
    """Insert what is new in bulk; link new claims to grouped conflicts that already exist.

    One audit event names each batch. Returns (ids of new conflicts, ids of grown ones). `who`
    (claim -> speaker, source) lets a new grouped conflict get its counts before it is written;
    so do `counts` (key -> claims, speakers, sources), worked out by whoever found it.
    """
    merged: dict[str, Finding] = {}
    extra: dict[str, set[int]] = defaultdict(set)  # a grouped key met twice: the union of claims
    for f in findings:
        if f.key in merged and f.group_key:
            extra[f.key].update(f.claims)
        merged.setdefault(f.key, f)
    if not merged:
        return [], []
    claims_of = {k: set(f.claims) | extra.get(k, set()) for k, f in merged.items()}
    known: dict[str, int] = {}
    status_of: dict[str, str] = {}
    for keys in _chunks(list(merged)):
        for k, i, s in session.execute(
            select(Conflict.key, Conflict.id, Conflict.status).where(Conflict.key.in_(keys))
        ):
            known[k], status_of[k] = i, s
    # A conflict retired because its claims stopped disagreeing is back when they disagree again.
    back = [(known[k], merged[k]) for k in known if status_of[k] == "superseded"]
    for cid, f in back:  # through the ORM, so the change is part of the action's undo unit
        c = session.get(Conflict, cid)
        assert c is not None
        c.status, c.explanation, c.severity = _before_superseded(session, cid), f.explanation, f.severity
        c.rule_id = f.rule_id  # a rule removed then added again: the conflict is the new rule's
        session.flush()
        events.record(
            session,
            "conflict.reopen",
            f"conflict:{cid}",
            old="superseded",
            new=c.status,
            reason="the claims disagree again",
        )
    new = [f for key, f in merged.items() if key not in known]
    ids: list[int] = []
    counted = _counted(new, claims_of, who or {}, counts or {})
    if new:
        now = utcnow()
        rows = [
            dict(
                key=f.key,
                kind=f.kind,
                detector=f.detector,
                detector_version=f.version,
                explanation=counted.get(f.key, f.explanation),
                severity=f.severity,
                status="open",
                rule_id=f.rule_id,
                created_at=now,
            )
            for f in new
        ]
        ids = bulk_insert(session, Conflict.__table__, rows, ids=True)
        # A grouped disagreement may rest on a hundred thousand claims: its links go in slices.
        links = (
            {"conflict_id": cid, "claim_id": claim_id}
            for cid, f in zip(ids, new, strict=True)
            for claim_id in sorted(claims_of[f.key])
        )
        while chunk := list(itertools.islice(links, LINK_ROWS)):
            bulk_insert(session, ConflictClaim.__table__, chunk)
        events.record(
            session,
            "conflict.detect",
            f"conflicts:{ids[0]}-{ids[-1]}",
            count=len(ids),
            ids=ids if len(ids) <= 1000 else None,
            kinds=dict(Counter(f.kind for f in new)),
        )
        rowstate.forget_known(session)  # hashed into that event: not held until commit
    grown = _grow(session, {known[k]: claims_of[k] for k, f in merged.items() if k in known and f.group_key})
    _recount(
        session,
        {cid: f for cid, f in zip(ids, new, strict=True) if f.group_key and f.key not in counted},
        _extend_counts(session, grown),
    )
    return [cid for cid, _ in back] + ids, sorted(grown)


def _counted(
    new: list[Finding],
    claims_of: dict[str, set[int]],
    who: dict[int, tuple[int | None, int]],
    counts: dict[str, tuple[int, int, int]],
) -> dict:
    """The explanations of new grouped conflicts whose claims' speakers and sources are known:
    written with their counts at once, instead of counted again in SQL (_recount)."""
    out = {}
    for f in new:
        claims = claims_of[f.key]
        if f.group_key and f.key in counts and counts[f.key][0] == len(claims):
            n, speakers, sources = counts[f.key]
            out[f.key] = f"{f.head}: {_tally(n, speakers, sources, f.tally)}; {f.explanation}"
        elif f.group_key and claims <= who.keys():
            speakers = len({who[c][0] for c in claims} - {None})
            sources = len({who[c][1] for c in claims})
            out[f.key] = f"{f.head}: {_tally(len(claims), speakers, sources, f.tally)}; {f.explanation}"
    return out


def _before_superseded(session: Session, conflict_id: int) -> str:
    """The status a superseded conflict had (open or confirmed), from the event that retired it."""
    import json

    from ..ledger.models import Event

    payload = session.scalar(
        select(Event.payload)
        .where(Event.action == "conflict.supersede", Event.target == f"conflict:{conflict_id}")
        .order_by(Event.id.desc())
        .limit(1)
    )
    old = json.loads(payload).get("old") if payload else None
    return old if old in LIVE else "open"


def _grow(session: Session, claims_of: dict[int, set[int]]) -> dict[int, list[int]]:
    """Link claims to the grouped conflicts they joined; {conflict id: the claims added}."""
    added: dict[int, list[int]] = {}
    rows = []
    for cid, claim_ids in claims_of.items():
        have: set[int] = set()
        for chunk in _chunks(sorted(claim_ids)):
            have.update(
                session.scalars(
                    select(ConflictClaim.claim_id).where(
                        ConflictClaim.conflict_id == cid, ConflictClaim.claim_id.in_(chunk)
                    )
                )
            )
        missing = sorted(claim_ids - have)
        if missing:
            rows += [{"conflict_id": cid, "claim_id": c} for c in missing]
            added[cid] = missing
    if rows:
        bulk_insert(session, ConflictClaim.__table__, rows)
        events.record(
            session,
            "conflict.extend",
            f"conflicts:{min(added)}-{max(added)}",
            count=len(added),
            claims=len(rows),
            ids=sorted(added) if len(added) <= 1000 else None,
        )
    return added


_COUNTS = re.compile(r": (\d+) claims? from (\d+) (speaker|source)s?; ")


def _extend_counts(session: Session, added: dict[int, list[int]]) -> list[int]:
    """A grown conflict's counts moved on by what joined it, not counted again over all its claims
    (which grow with the ledger): a joining claim's speaker (or source) is new to the conflict
    unless another claim of theirs is already linked, one indexed look-up each, stopping at the
    first. The conflicts whose stored text has no counts to extend are returned for _recount."""
    if not added:
        return []
    joined = sorted({c for claims in added.values() for c in claims})
    who: dict[int, tuple[int | None, int]] = {}
    for chunk in _chunks(joined):
        who.update(
            (i, (sp, so))
            for i, sp, so in session.execute(
                select(Claim.id, Claim.speaker_id, Claim.source_id).where(Claim.id.in_(chunk))
            )
        )
    texts: dict[int, str] = {}
    for chunk in _chunks(sorted(added)):
        texts.update(
            (i, e) for i, e in session.execute(select(Conflict.id, Conflict.explanation).where(Conflict.id.in_(chunk)))
        )
    again = []
    for cid, claims in sorted(added.items()):
        m = _COUNTS.search(texts[cid])
        if m is None or any(c not in who for c in claims):
            again.append(cid)
            continue
        by = m.group(3)
        column = Claim.speaker_id if by == "speaker" else Claim.source_id
        backers = sorted(b for c in claims if (b := who[c][0 if by == "speaker" else 1]) is not None)
        fresh = sum(not _backs(session, cid, column, b, claims) for b in dict.fromkeys(backers))
        n, k = int(m.group(1)) + len(claims), int(m.group(2)) + fresh
        text = texts[cid][: m.start()] + f": {_tally(n, k, k, by)}; " + texts[cid][m.end() :]
        session.execute(update(Conflict).where(Conflict.id == cid).values(explanation=text))
    return again


def _backs(session: Session, cid: int, column, backer: int, besides: list[int]) -> bool:
    """Whether a claim of this speaker (or source), other than `besides`, is linked to the conflict:
    read through the claims' index on the speaker (source), each probing the link's key."""
    linked = (
        select(ConflictClaim.claim_id)
        .where(ConflictClaim.conflict_id == cid, ConflictClaim.claim_id == Claim.id)
        .exists()
    )
    q = select(Claim.id).where(column == backer, Claim.id.not_in(besides), linked).limit(1)
    return session.scalar(q) is not None


def _tally(n: int, speakers: int, sources: int, what: str) -> str:
    """'120 claims from 14 speakers', '1 claim from 1 source'."""
    m = speakers if what == "speaker" else sources
    return f"{n} claim{'s' * (n != 1)} from {m} {what}{'s' * (m != 1)}"


def _recount(session: Session, new: dict[int, Finding], grown: list[int]) -> None:
    """Write a grouped conflict's explanation with the counts of what now backs it:
    "A vs B on P: 120 claims from 14 speakers; for example ...". A conflict that grew keeps its
    example and gets new counts."""
    ids = sorted(new.keys() | set(grown))
    for chunk in _chunks(ids):
        counts = session.execute(
            select(
                ConflictClaim.conflict_id,
                func.count(),
                func.count(distinct(Claim.speaker_id)),
                func.count(distinct(Claim.source_id)),
                Conflict.explanation,
            )
            .join(Claim, Claim.id == ConflictClaim.claim_id)
            .join(Conflict, Conflict.id == ConflictClaim.conflict_id)
            .where(ConflictClaim.conflict_id.in_(chunk))
            .group_by(ConflictClaim.conflict_id, Conflict.explanation)
        ).all()
        for cid, n, speakers, sources, explanation in counts:
            if cid in new:
                f = new[cid]
                text = f"{f.head}: {_tally(n, speakers, sources, f.tally)}; {f.explanation}"
            else:
                m = _COUNTS.search(explanation)
                if m is None:
                    continue
                tally = _tally(n, speakers, sources, m.group(3))
                text = explanation[: m.start()] + f": {tally}; " + explanation[m.end() :]
            session.execute(update(Conflict).where(Conflict.id == cid).values(explanation=text))


def detect_for(session: Session, claim_ids: Iterable[int]) -> list[Conflict]:
    """Compare new or changed claims only with the claims they can conflict with.
    The conflicts found new, and the grouped ones the new claims joined."""
    ctx = Context(session)
    new = [v for ids in _chunks(list(claim_ids)) for v in _views(session, Claim.id.in_(ids), ctx)]
    if not new:
        return []
    rules = _rules(session)
    # Only the questions the new claims ask, and on their subjects the properties a rule ties
    # theirs to: one indexed query per property (subject, property), not every claim of a subject.
    wanted: dict[int, set[int]] = defaultdict(set)  # property -> subjects
    for v in new:
        wanted[v.property_id].add(v.subject_id)
        for pair in rules:
            if v.property_id in pair:
                for p in pair:
                    wanted[p].add(v.subject_id)
    others = [
        view
        for prop, subjects in sorted(wanted.items())
        for chunk in _chunks(sorted(subjects))
        for view in _views(session, (Claim.property_id == prop) & Claim.subject_id.in_(chunk), ctx)
    ]
    ctx.preload_outlets({v.source_id for v in others} | {v.source_id for v in new})
    # Each new claim meets only its own question pair by pair; rules are grouped per subject.
    by_question: dict[tuple[int, int], list[ClaimView]] = defaultdict(list)
    by_subject: dict[int, list[ClaimView]] = defaultdict(list)
    for v in others:
        by_question[(v.subject_id, v.property_id)].append(v)
        by_subject[v.subject_id].append(v)
    asked = {(v.subject_id, v.property_id) for v in new}
    for (subject, prop), views in by_question.items():
        if (subject, prop) in asked and ctx.props[prop][3]:  # a running count: revised figures are superseded
            revised, replaced = superseded_both(views)
            ctx.superseded |= revised
            ctx.replaced |= replaced
    new_ids = {v.id for v in new}
    findings = []
    grouper = grouping.Grouper()
    questions = {q: Question(views) for q, views in by_question.items()}
    position = {v.id: i for views in by_question.values() for i, v in enumerate(views)}
    for a in new:
        question = questions.get((a.subject_id, a.property_id))
        if question is None or a.id not in position:
            continue
        for j in question.partners(position[a.id]):
            b = question.views[j]
            if b.id in new_ids and b.id < a.id:
                continue
            x, y = (a, b) if a.id < b.id else (b, a)  # as a full scan and _current meet them: same text
            if not cannot_conflict(x, y) and (f := _first(x, y)) is not None:
                findings.append(grouper.group(f, x, y))
    # A new total of a running count may set two counts of one of its parts against each other
    # (numeric._same_total): those pairs are compared again.
    for q in {(v.subject_id, v.property_id) for v in new if v.running_count and not v.scope}:
        parts = [v for v in by_question.get(q, []) if v.scope]
        for i, a in enumerate(parts):
            for b in parts[i + 1 :]:
                if a.scope == b.scope and not cannot_conflict(a, b) and (f := _first(a, b)) is not None:
                    findings.append(grouper.group(f, a, b))
    all_rules = [r for rs in rules.values() for r in rs]
    new_props: dict[int, set[int]] = defaultdict(set)
    for v in new:
        new_props[v.subject_id].add(v.property_id)
    for subject, touched in new_props.items():
        for r in all_rules:
            if {r.left_property_id, r.right_property_id} & touched:
                findings += [f for f in rule.disagreements(r, by_subject[subject]) if new_ids & set(f.claims)]
    findings += _accusations_for(session, ctx, [v for v in new if accusation.accuses(v)])
    ids, grown = _store(session, findings, grouper.who)
    return _conflicts(session, ids + grown)


def _conflicts(session: Session, ids: list[int]) -> list[Conflict]:
    """Conflicts by id, without their claims: a grouped disagreement a new claim joined may hold
    thousands, and callers report id, kind and explanation (claims load lazily if asked)."""
    return [
        c
        for chunk in _chunks(sorted(ids))
        for c in session.scalars(select(Conflict).where(Conflict.id.in_(chunk)).order_by(Conflict.id))
    ]


def _accusations_for(session: Session, ctx: Context, new: list[ClaimView]) -> list[Finding]:
    """The disagreements between sides that new accusing claims belong to. A disagreement already
    stored only needs the new claims linked; a new one is found among the two sides' claims."""
    if not new:
        return []
    roots: dict[int, list[int]] = defaultdict(list)  # side -> the entities speaking for it
    by_name: dict[str, int] = {}
    for eid, (name, _) in ctx.entities().items():
        roots[ctx.root_side(eid)].append(eid)
        by_name.setdefault(name.casefold(), eid)
    wanted: dict[str, tuple[int, int, int, list[ClaimView]]] = {}
    for v in new:
        assert v.side_id is not None  # only accusing claims come here
        y = by_name.get(v.label.key)
        y = None if y is None else ctx.root_side(y)  # a body named (its army) stands for its side
        if y is not None and y != v.side_id:
            k = accusation.key(v.property_id, v.side_id, y)
            wanted.setdefault(k, (v.property_id, v.side_id, y, []))[3].append(v)
    stored: set[str] = set()  # standing disagreements; a superseded one must be found again to return
    for keys in _chunks(list(wanted)):
        stored.update(
            session.scalars(select(Conflict.key).where(Conflict.key.in_(keys), Conflict.status != "superseded"))
        )
    findings = []
    for k, (prop, x, y, joining) in wanted.items():
        if k in stored:
            findings.append(accusation.finding(prop, min(x, y), max(x, y), joining))
            continue
        views = [
            v
            for speakers in _chunks(roots[x] + roots[y])
            for v in _views(session, (Claim.property_id == prop) & Claim.speaker_id.in_(speakers), ctx)
        ]
        findings += [f for f in accusation.disagreements(views) if f.key == k]
    return findings


def scan(session: Session) -> list[int]:
    """Check every accepted claim against what it could conflict with; store what is new; its ids.

    Claims are streamed one question (subject + property) at a time, so memory holds one
    subject, not the ledger: what the detectors noted of its questions is let go with it, and
    the rows the store writes are let go once an event has hashed them. Rules (per subject) and
    accusations (per property, across subjects, grouped in SQL) get their own passes, grouping
    claims by value and side instead of comparing every pair.
    """
    with gc_pause.paused():
        return _scan(session)


def _scan(session: Session) -> list[int]:
    ctx = Context(session)
    rules = _rules(session)
    findings: list[Finding] = []
    grouper = grouping.Grouper()  # one disagreement per question and pair of answers
    stored: list[int] = []
    ctx.preload_outlets(None)  # explanations name sources: read them all at once
    rule_props = {p for pair in rules for p in pair}
    all_rules = [r for rs in rules.values() for r in rs]
    # The rule pass needs each subject's claims on the rules' properties: the stream (by subject,
    # then question) brings them together, so each subject's rules run as soon as its claims are
    # all in; only the findings (and who backs them) are kept, and stored after the pair pass's,
    # in the order a pass of their own would give. The claims themselves are let go.
    by_subject: list[tuple[list[Finding], list[tuple[int, tuple[int | None, int]]]]] = []
    subject_views: list[ClaimView] = []

    def rules_of(views: list[ClaimView]) -> None:
        if views:
            views.sort(key=operator.attrgetter("id"))
            found = [f for r in all_rules for f in rule.disagreements(r, views)]
            if found:
                backing = {c for f in found for c in f.claims}  # who backs them: only these are counted
                by_subject.append((found, [(v.id, (v.speaker_id, v.source_id)) for v in views if v.id in backing]))

    subject = None
    for group in _stream(session, ctx, true(), (Claim.subject_id, Claim.property_id, Claim.id)):
        if group[0].subject_id != subject:
            rules_of(subject_views)
            subject_views = []
            ctx.forget_questions()  # what the last subject's questions noted is not read again
            subject = group[0].subject_id
        if group[0].property_id in rule_props:
            subject_views += group
        if group[0].running_count and len(group) > 1:
            ctx.superseded, ctx.replaced = superseded_both(group)
        # The innermost loop of the product: only pairs some detector could flag (pairs.py);
        # most pairs of figures end at cannot_conflict.
        for a, b in Question(group).pairs():
            if not cannot_conflict(a, b) and (f := _first(a, b)) is not None:
                findings.append(grouper.group(f, a, b))
        if len(findings) > 10_000:
            stored += _store(session, findings, grouper.who)[0]
            findings = []
            grouper.flushed()
    rules_of(subject_views)
    del subject_views
    ctx.forget_questions()
    for found, who in by_subject:
        findings += found
        grouper.who.update(who)
        if len(findings) > 10_000:
            stored += _store(session, findings, grouper.who)[0]
            findings = []
            grouper.flushed()
    by_subject.clear()
    counts: dict[str, tuple[int, int, int]] = {}
    findings += _accusations(session, ctx, counts)
    return stored + _store(session, findings, grouper.who, counts)[0]


def _label(value_json: str) -> Label:
    value = _stored(value_json)
    assert isinstance(value, Label)  # the value of an entity-valued claim, as ClaimView.label
    return value


def _accusations(session: Session, ctx: Context, counts: dict[str, tuple[int, int, int]]) -> list[Finding]:
    """The accusation pass of a full scan, grouped in SQL: claims by (property, speaker, value),
    each group standing for its claims by its first id (the side is the speaker's, the side
    blamed the value's), so that memory holds a few thousand groups, not every accusing claim.
    Only the claims of the sides found blaming each other are read, and views only of the two
    claims that explain a finding; their counts go in `counts` for the store."""
    entity_props = sorted(p for p, (_, vtype, _, _) in ctx.props.items() if vtype == "entity")
    if not entity_props:
        return []
    accusing = (
        Claim.status == "accepted",
        Claim.speaker_id.is_not(None),
        Claim.polarity == "asserts",
    )
    first = func.min(Claim.id)
    q = (
        select(Claim.property_id, Claim.speaker_id, Claim.value_json, first)
        .where(Claim.property_id.in_(entity_props), *accusing)
        .group_by(Claim.property_id, Claim.speaker_id, Claim.value_json)
        .order_by(Claim.property_id, first)
    )
    found: list[tuple[int, int, int]] = []  # (property, side x, side y) of each disagreement
    of: dict[tuple[int, int | None, str], int] = {}  # (property, speaker, value) -> its index in found
    for prop, answers in itertools.groupby(session.connection().execute(q), key=operator.itemgetter(0)):
        said = {i: (speaker, value_json) for _, speaker, value_json, i in answers}
        groups = [
            (i, prop, ctx.root_side(speaker), ctx.side_named(_label(value_json).key))  # type: ignore[arg-type]
            for i, (speaker, value_json) in said.items()
        ]
        for _, x, y, firsts in accusation.blaming(groups, lambda side: ctx.name(side).casefold()):
            of.update(((prop, *said[i]), len(found)) for i in firsts)
            found.append((prop, x, y))
    if not found:
        return []
    # The claims of those groups, in one pass over the accusing claims of the properties concerned.
    backing: list[list[tuple[int, int | None, int]]] = [[] for _ in found]  # (claim, speaker, source)
    props = sorted({prop for prop, _, _ in found})
    each = (
        select(Claim.id, Claim.property_id, Claim.speaker_id, Claim.source_id, Claim.value_json)
        .where(Claim.property_id.in_(props), *accusing)
        .order_by(Claim.property_id, Claim.id)
    )
    result = session.connection().execute(each.execution_options(yield_per=STREAM_ROWS))
    for cid, prop, speaker, source, value_json in itertools.chain.from_iterable(result.partitions()):
        if (n := of.get((prop, speaker, value_json))) is not None:
            backing[n].append((cid, speaker, source))
    findings = []
    for (prop, x, y), claims in zip(found, backing, strict=True):
        side = {cid: ctx.root_side(speaker) for cid, speaker, _ in claims}  # type: ignore[arg-type]
        one = claims[0][0]
        other = next((cid for cid, _, _ in claims if side[cid] != side[one]), one)
        views = {v.id: v for v in _views(session, Claim.id.in_(sorted({one, other})), ctx)}
        f = accusation.example(prop, x, y, tuple(cid for cid, _, _ in claims), views[one], views[other])
        counts[f.key] = (len(claims), len({s for _, s, _ in claims}), len({src for _, _, src in claims}))
        findings.append(f)
    return findings


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
    ctx.preload_outlets({v.source_id for v in views.values()})  # explanations name them: one query
    questions = {(v.subject_id, v.property_id) for v in views.values() if v.running_count}
    for subject, prop in questions:
        question = _views(session, (Claim.subject_id == subject) & (Claim.property_id == prop), ctx)
        revised, replaced = superseded_both(question)
        ctx.superseded |= revised
        ctx.replaced |= replaced
        Question(question)  # what the question's other claims tell its pairs: each article's totals
    # A self-claim's exclusion stands only while its side does not deny it (exclusive.withdrawn).
    claimed = {
        (v.subject_id, v.property_id) for v in views.values() if v.polarity == "asserts" and exclusive.self_claimed(v)
    }
    for subject, prop in claimed:
        ctx.withdrawn |= exclusive.withdrawn(
            _views(session, (Claim.subject_id == subject) & (Claim.property_id == prop), ctx)
        )
    rules: dict[int | None, Rule] = {r.id: r for r in session.scalars(select(Rule))}
    out: dict[int, Finding | None] = {}
    for c in conflicts:
        members = [views.get(cl.id) for cl in c.claims]
        found = None
        present = [m for m in members if m is not None]
        if c.kind == "accusation":  # a grouped disagreement: does it still stand among its claims?
            found = next((f for f in accusation.disagreements(present) if f.key == c.key), None)
        elif c.kind == "rule" and len(members) != 2:
            r = rules.get(c.rule_id)
            found = next((f for f in rule.disagreements(r, present) if f.key == c.key), None) if r else None
        elif grouping.is_grouped(c.key):  # one disagreement between two answers: still there?
            found = next((f for f in _question_findings(present) if f.key == c.key), None)
        elif len(members) == 2 and all(members):
            a, b = present  # all members are present
            if c.kind == "rule":
                r = rules.get(c.rule_id)
                found = rule.check(r, a, b) if r is not None else None
            elif not cannot_conflict(a, b):
                found = _first(a, b)
        out[c.id] = found if found is not None and found.key == c.key else None
    return out


def _question_findings(views: list[ClaimView]) -> Iterator[Finding]:
    """What the pair pass finds among these claims (grouped), question by question."""
    by_question: dict[tuple[int, int], list[ClaimView]] = defaultdict(list)
    for v in sorted(views, key=lambda v: v.id):
        by_question[(v.subject_id, v.property_id)].append(v)
    for group in by_question.values():
        for a, b in Question(group).pairs():
            if not cannot_conflict(a, b) and (f := _first(a, b)) is not None:
                yield grouping.group(f, a, b)


def explanations(session: Session, conflicts: list[Conflict]) -> dict[int, str]:
    """Each conflict's explanation rendered from the claims as they are now (names, values,
    dates), so that it never goes stale; the stored text when the claims no longer disagree."""
    current = _current(session, conflicts)
    # A grouped disagreement's stored text is kept current by its tally as claims join (_recount).
    return {c.id: f.explanation if (f := current[c.id]) and not _grouped(c) else c.explanation for c in conflicts}


def _grouped(c: Conflict) -> bool:
    return c.kind == "accusation" or c.key.startswith("rule#") or grouping.is_grouped(c.key)


def refresh(session: Session, claim_ids: Iterable[int], reason: str) -> tuple[list[int], list[Conflict]]:
    """After a write that changes what conflicts rest on: retire the live conflicts of these claims
    that no longer hold (status `superseded`, the reason in the event log), bring back superseded
    ones that hold again, and detect what is new. (retired ids, new or reopened conflicts)."""
    ids = sorted(set(claim_ids))
    touched = [
        c
        for chunk in _chunks(ids)
        for c in session.scalars(
            select(Conflict)
            .where(Conflict.id.in_(select(ConflictClaim.conflict_id).where(ConflictClaim.claim_id.in_(chunk))))
            .options(selectinload(Conflict.claims))
        )
    ]
    touched = list({c.id: c for c in touched}.values())
    current = _current(session, touched)
    retired, recount = [], []
    partners: set[int] = set()  # the other claims of a retired conflict may still disagree otherwise
    for c in touched:
        finding = current[c.id]
        if finding is not None and _grouped(c):
            recount.append(c.id)  # its head and example stay; its counts are redone below
        elif finding is not None:
            c.explanation, c.severity = finding.explanation, finding.severity
        elif c.status in LIVE:
            old, c.status = c.status, "superseded"
            retired.append(c.id)
            partners.update(cl.id for cl in c.claims)
            events.record(session, "conflict.supersede", f"conflict:{c.id}", old=old, new="superseded", reason=reason)
    session.flush()
    _recount(session, {}, recount)
    return retired, detect_for(session, sorted(partners.union(ids)))


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
                old, c.status = c.status, "superseded"
                retired.append(c.id)
                events.record(
                    session, "conflict.supersede", f"conflict:{c.id}", old=old, new="superseded", reason=reason
                )
    session.flush()
    return retired


def retire_rule(session: Session, rule_id: int, reason: str) -> list[int]:
    """Retire the live conflicts a rule raised (it is being removed): superseded, with the reason
    in the event log. Dismissed and resolved ones keep the person's decision."""
    retired = []
    for c in session.scalars(
        select(Conflict).where(Conflict.rule_id == rule_id, Conflict.status.in_(LIVE)).order_by(Conflict.id)
    ):
        old, c.status = c.status, "superseded"
        retired.append(c.id)
        events.record(session, "conflict.supersede", f"conflict:{c.id}", old=old, reason=reason)
    session.flush()
    return retired
