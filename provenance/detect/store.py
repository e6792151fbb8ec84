"""Working the conflicts: list, show, and change status with a note, in the audit trail."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ..claims.pages import SAMPLE, conflict_dict
from ..errors import InputError, NotFound
from ..ledger import events
from ..ledger.limits import get_row
from ..ledger.models import CONFLICT_STATUSES, VERDICTS, Claim, Conflict, ConflictClaim, Verdict, utcnow
from .folding import explanation_of

IN_CHUNK = 500  # SQLite builds may cap bound parameters at 999

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
    return with_current_explanations(session, found)


def _load_sample(session: Session, conflicts: list[Conflict], n: int) -> None:
    """Give each conflict its first n claims (lowest ids) and its claim count, in two queries
    per 500 conflicts instead of every claim of every disagreement."""
    by_id = {c.id: c for c in conflicts}
    ids = sorted(by_id)
    picked: dict[int, list[int]] = {i: [] for i in ids}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        ranked = (
            select(
                ConflictClaim.conflict_id,
                ConflictClaim.claim_id,
                func.row_number()
                .over(partition_by=ConflictClaim.conflict_id, order_by=ConflictClaim.claim_id)
                .label("n"),
            )
            .where(ConflictClaim.conflict_id.in_(chunk))
            .subquery()
        )
        for cid, claim_id in session.execute(select(ranked.c.conflict_id, ranked.c.claim_id).where(ranked.c.n <= n)):
            picked[cid].append(claim_id)
        for cid, count in session.execute(
            select(ConflictClaim.conflict_id, func.count())
            .where(ConflictClaim.conflict_id.in_(chunk))
            .group_by(ConflictClaim.conflict_id)
        ):
            setattr(by_id[cid], "claim_count", count)  # noqa: B010  shown, not a mapped column
    wanted = sorted({c for cs in picked.values() for c in cs})
    claims: dict[int, Claim] = {}
    for i in range(0, len(wanted), 500):
        claims.update(
            (c.id, c)
            for c in session.scalars(
                select(Claim)
                .where(Claim.id.in_(wanted[i : i + 500]))
                .options(selectinload(Claim.spans), selectinload(Claim.source), selectinload(Claim.speaker))
            )
        )
    for cid, cs in picked.items():
        set_committed_value(by_id[cid], "claims", [claims[c] for c in sorted(cs)])


def kinds_of(session: Session, ids: list[int]) -> Counter:
    """How many of the given conflicts are of each kind, counted in SQL."""
    return Counter(
        k
        for i in range(0, len(ids), IN_CHUNK)
        for k in session.scalars(select(Conflict.kind).where(Conflict.id.in_(ids[i : i + IN_CHUNK])))
    )


def load(session: Session, ids: list[int]) -> list[Conflict]:
    """Conflicts by id, with their claims."""
    return [
        c
        for i in range(0, len(ids), IN_CHUNK)
        for c in session.scalars(
            select(Conflict)
            .where(Conflict.id.in_(ids[i : i + IN_CHUNK]))
            .order_by(Conflict.id)
            .options(selectinload(Conflict.claims))
        )
    ]


def get_conflict(session: Session, conflict_id: int) -> Conflict:
    conflict = get_row(session, Conflict, conflict_id)
    if conflict is None:
        raise NotFound(f"no conflict with id {conflict_id}; see `provenance conflicts list`")
    return with_current_explanations(session, [conflict])[0]


def with_current_explanations(session: Session, conflicts: list[Conflict]) -> list[Conflict]:
    """Attach to each conflict its explanation rendered from today's claims and names (an entity
    merged or renamed, a value edited), never the text stored when it was found."""
    from . import explanations

    if conflicts:
        texts = explanations(session, conflicts)  # once for all: it reads every claim they rest on
        for c in conflicts:
            setattr(c, "current_explanation", texts[c.id])  # noqa: B010  shown, not a mapped column
    return conflicts


def set_status(
    session: Session, conflict_id: int, verb: str, note: str | None, verdicts: dict[int, str] | None = None
) -> Conflict:
    """Change a conflict's status; resolving it may rate its claims (claim id -> VERDICTS)."""
    conflict = get_conflict(session, conflict_id)
    status = STATUS_VERBS[verb]
    if verdicts and verb != "resolve":
        raise InputError("verdicts are given when resolving: `provenance conflicts resolve ID --verdict CLAIM=RATING`")
    if conflict.status == status:
        raise InputError(f"conflict {conflict_id} is already {status}")
    if conflict.status == "superseded":  # its claims no longer disagree: nothing is left to decide
        raise InputError(
            f"conflict {conflict_id} is superseded: its claims no longer disagree, so there is nothing to decide "
            "(see `provenance conflicts show` for why)"
        )
    verdicts = check_verdicts(conflict, verdicts or {})
    from ..ledger.history import Change

    ch = Change()
    ch.touch(conflict)
    old = conflict.status
    conflict.status = status
    conflict.note = note.strip() if note and note.strip() else conflict.note
    conflict.decided_by = events.actor()
    conflict.decided_at = utcnow()
    if verb == "reopen":  # a reopened conflict's verdicts no longer stand
        for v in session.scalars(select(Verdict).where(Verdict.conflict_id == conflict.id)):
            session.delete(v)
    for claim_id, rating in verdicts.items():
        session.merge(
            Verdict(
                conflict_id=conflict.id,
                claim_id=claim_id,
                rating=rating,
                decided_by=conflict.decided_by,
                decided_at=conflict.decided_at,
            )
        )
    session.flush()
    ch.record(
        session,
        f"conflict.{verb}",
        f"conflict:{conflict.id}",
        old=old,
        new=status,
        note=note,
        **({"verdicts": {str(k): v for k, v in verdicts.items()}} if verdicts else {}),
    )
    return conflict


def parse_verdicts(values: tuple[str, ...] | list[str]) -> dict[int, str]:
    """'12=false' (claim 12 is false) -> {12: 'false'}."""
    out: dict[int, str] = {}
    for value in values:
        claim, sep, rating = value.partition("=")
        if not sep or not claim.strip().isdigit():
            raise InputError(f"--verdict {value!r}: write CLAIM=RATING, for example 12=false")
        out[int(claim)] = rating.strip().lower()
    return out


def check_verdicts(conflict: Conflict, verdicts: dict[int, str]) -> dict[int, str]:
    ids = {c.id for c in conflict.claims}
    for claim_id, rating in verdicts.items():
        if claim_id not in ids:
            raise InputError(
                f"claim {claim_id} is not in conflict {conflict.id} (its claims: {', '.join(map(str, sorted(ids)))})"
            )
        if rating not in VERDICTS:
            raise InputError(f"verdict {rating!r} is not one of {', '.join(VERDICTS)}")
    return verdicts


def verdicts_of(conflict: Conflict) -> list[dict]:
    from sqlalchemy.orm import object_session

    session = object_session(conflict)
    assert session is not None  # a conflict read from a session
    rows = session.scalars(select(Verdict).where(Verdict.conflict_id == conflict.id).order_by(Verdict.claim_id))
    return [
        {"claim": v.claim_id, "rating": v.rating, "by": v.decided_by, "at": v.decided_at.isoformat(timespec="seconds")}
        for v in rows
    ]


def conflict_json(c: Conflict) -> dict:
    return conflict_dict(c, explanation_of(c), verdicts_of(c) if c.status == "resolved" else [])


@dataclass
class Selection:
    """Which conflicts a batch decision applies to: ids, and filters that add every match."""

    ids: tuple[int, ...] = ()
    claim: int | None = None
    kind: str | None = None
    source: str | None = None
    all_open: bool = False

    def filtered(self) -> bool:
        return bool(self.claim or self.kind or self.source or self.all_open)


def select_conflicts(session: Session, sel: Selection, verb: str) -> list[int]:
    """The ids a batch acts on: those named, and those the filters match that are not already
    in the verb's status (only open ones with --all-open)."""
    from ..ingest.sources import find_source

    if not sel.ids and not sel.filtered():
        raise InputError("say which conflicts: ids, or --claim, --kind, --source or --all-open")
    for i in sel.ids:
        get_conflict(session, i)
    chosen = list(dict.fromkeys(sel.ids))
    if sel.filtered():
        q = select(Conflict.id).order_by(Conflict.id).where(Conflict.status != STATUS_VERBS[verb])
        if sel.all_open:
            q = q.where(Conflict.status == "open")
        if sel.kind:
            q = q.where(Conflict.kind == sel.kind)
        if sel.claim:
            q = q.where(Conflict.claims.any(Claim.id == sel.claim))
        if sel.source:
            q = q.where(Conflict.claims.any(Claim.source_id == find_source(session, sel.source).id))
        chosen += [i for i in session.scalars(q) if i not in chosen]
    return chosen
