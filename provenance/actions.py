"""Every user action as one call: validate, write, detect, record the event, commit, return.

Each action opens one transaction on the ledger and returns plain data built inside it. The
transaction has committed by the time the action returns, so a caller prints only what is stored:
a broken pipe or a full terminal after the call cannot undo a write that was reported done, and a
write that failed is never reported.

Detection follows every write the same way, however it arrives: new claims are checked against
the ledger, and a new rule is run over every claim (`rules add` and `import` alike).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from .ledger.db import Database
from .ledger.models import Conflict

if TYPE_CHECKING:
    from .claims.recording import ClaimChange

# -- shared pieces ------------------------------------------------------------------------------


@contextmanager
def _write(db: Database) -> Iterator[Session]:
    """One write transaction whose every row change is recorded as one undo unit at its end."""
    from .ledger.history import Tracker

    with db.session() as session:
        tracker = Tracker(session)
        try:
            yield session
            tracker.record()
        finally:
            tracker.close()


def conflict_line(c: Conflict) -> dict:
    """What a write reports of a conflict it raised."""
    return {"id": c.id, "kind": c.kind, "explanation": c.explanation}


def candidate_view(c, source_text: str | None = None):
    from .extract.candidates import view

    return view(c, source_text)


def _detect(session: Session, claim_ids: list[int], *, rules_added: bool = False) -> list[dict]:
    """Conflict detection after a write: the new claims, or every claim when a rule arrived."""
    from .detect import detect_for, scan
    from .detect.store import load

    if rules_added:
        return [conflict_line(c) for c in load(session, scan(session))]
    return [conflict_line(c) for c in detect_for(session, claim_ids)] if claim_ids else []


def _refresh(session: Session, claim_ids: list[int], reason: str) -> tuple[list[int], list[dict]]:
    """After a write that changes claims already in the ledger: conflicts that no longer hold are
    retired (superseded, with the reason), and the changed claims are detected again."""
    from .detect import refresh

    retired, found = refresh(session, _with_revisions(session, claim_ids), reason)
    return retired, [conflict_line(c) for c in found]


def _with_revisions(session: Session, claim_ids: list[int]) -> list[int]:
    """The claims and those linked to them by a revision, either way: a revision changes both."""
    from sqlalchemy import or_, select

    from .ledger.models import Claim

    ids = set(claim_ids)
    linked = session.execute(
        select(Claim.id, Claim.revises_id).where(or_(Claim.id.in_(ids), Claim.revises_id.in_(ids)))
    )
    for cid, revised in linked:
        ids.add(cid)
        if revised is not None:
            ids.add(revised)
    return sorted(ids)


# -- sources ------------------------------------------------------------------------------------


@dataclass
class ExtractionView:
    source_id: int
    new: list  # extract.candidates.CandidateView
    already: int
    skipped: dict[str, int]

    def to_json(self) -> dict:
        return {
            "source": self.source_id,
            "new": [c.json for c in self.new],
            "already_proposed": self.already,
            "skipped": self.skipped,
        }


def _extraction(session: Session, source) -> ExtractionView:
    from .extract.candidates import extract

    result = extract(session, source)
    return ExtractionView(
        source.id, [candidate_view(c, source.text) for c in result.candidates], result.already, dict(result.skipped)
    )


@dataclass
class SourceAdded:
    path: str
    existed: bool
    source: dict
    articles: int
    segments: int
    copies: list[tuple[str, dict]]  # (sentence, json)
    version_of: int | None
    reanchored: list[dict]
    extraction: ExtractionView | None = None

    def to_json(self) -> dict:
        data = {
            **self.source,
            "path": self.path,
            "existed": self.existed,
            "copies": [j for _, j in self.copies],
            "version_of": self.version_of,
            "reanchored": self.reanchored,
        }
        if self.extraction is not None:
            data["candidates"] = [c.json for c in self.extraction.new]
        return data


def add_sources(
    db: Database,
    paths: list[str],
    *,
    title=None,
    url=None,
    outlet=None,
    author=None,
    published=None,
    captured=None,
    reliability=None,
    version_of: int | None = None,
    fmt: str | None = None,
    extract: bool = False,
) -> list[SourceAdded]:
    """Add files, links (fetched) or - (stdin) as sources, all in one transaction; optionally
    propose claims. Everything is read or fetched before the transaction opens, so a slow
    server never holds the ledger's write lock."""
    from .ingest.fetch import fetch, is_url
    from .ingest.sources import SourceMeta, add_source, parse_day, parse_time, read_input, source_json
    from .ingest.versions import context_score

    meta = SourceMeta(
        title=title,
        url=url,
        outlet=outlet,
        author=author,
        published=parse_day(published, "--published"),
        published_at=parse_time(published, "--published"),
        captured=parse_day(captured, "--captured"),
        reliability=reliability,
    )
    inputs = []
    for path in paths:
        if is_url(path):
            page = fetch(path)
            inputs.append((path, page.data, {"fetched": page.fetched}))
        else:
            inputs.append((path, read_input(path), {}))
    out = []
    with _write(db) as session:
        for path, data, extra in inputs:
            a = add_source(session, data, path, meta, version_of, fmt=fmt, **extra)
            segs = a.source.segments
            out.append(
                SourceAdded(
                    path=path,
                    existed=a.existed,
                    source=source_json(a.source),
                    articles=sum(1 for s in segs if s.kind == "article"),
                    segments=len(segs),
                    copies=[(c.sentence(), c.to_json()) for c in a.copies],
                    version_of=a.version_of.id if a.version_of else None,
                    reanchored=[
                        {"span": r.old_span_id, "status": r.status, "score": r.score, "context_score": context_score(r)}
                        for r in a.reanchored
                    ],
                    extraction=_extraction(session, a.source) if extract else None,
                )
            )
    return out


def extract_source(db: Database, ref: str) -> ExtractionView:
    from .ingest.sources import find_source

    with _write(db) as session:
        return _extraction(session, find_source(session, ref, with_text=True))


@dataclass
class Reextracted:
    source_id: int
    same: bool
    extractor_then: str
    extractor_now: str
    chars_then: int
    chars_now: int
    first_difference: int | None
    pages_same: bool
    new_source: dict | None = None  # the new version stored, if asked
    reanchored: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return dict(vars(self))


def reextract_source(db: Database, ref: str, *, store: bool = False) -> Reextracted:
    """Extract a source's kept original again and compare with its stored text; with `store`, a
    different result becomes a new version of the source (re-anchored like a re-capture)."""
    from .ingest.reextract import reextract
    from .ingest.sources import find_source, source_json
    from .ingest.versions import context_score

    # Only a stored new version is a change (an undo unit); a check reads without writing.
    with _write(db) if store else db.session(readonly=True) as session:
        r = reextract(session, find_source(session, ref, with_text=True), store=store)
        done = Reextracted(
            r.source.id,
            r.same,
            r.extractor_then,
            r.extractor_now,
            r.chars_then,
            r.chars_now,
            r.first_difference,
            r.pages_same,
        )
        if r.stored is not None:
            done.new_source = source_json(r.stored.source)
            done.reanchored = [
                {"span": x.old_span_id, "status": x.status, "score": x.score, "context_score": context_score(x)}
                for x in r.stored.reanchored
            ]
        return done


def grade_source(db: Database, ref: str, grade: str) -> dict:
    from .assess.grading import RELIABILITY
    from .ingest.sources import check_grade, find_source
    from .ledger import events

    with _write(db) as session:
        source = find_source(session, ref)
        grade = check_grade(grade)
        if source.reliability != grade:  # an undoable correction, as `sources edit --grade`
            from .claims.corrections import edit_source as edit

            edit(session, ref, reliability=grade)
        else:
            events.record(session, "source.grade", f"source:{source.id}", grade=grade)
        return {"id": source.id, "reliability": source.reliability, "meaning": RELIABILITY[source.reliability]}


def edit_source(db: Database, ref: str, **fields: Any) -> Corrected:
    """Correct a source's metadata; claims dated by the source move with its date."""
    from .claims.corrections import edit_source as edit
    from .ingest.sources import source_json

    with _write(db) as session:
        source, claims = edit(session, ref, **fields)
        what = f"source {source.id} edited"
        return Corrected(source_json(source), _refresh(session, claims, what)[1], claims)


def retire_source(db: Database, ref: str, reason: str) -> Corrected:
    """Take a source out of the reckoning: its claims are rejected with the reason, and kept."""
    from .claims.corrections import retire_source as retire
    from .ingest.sources import source_json

    with _write(db) as session:
        source, claims = retire(session, ref, reason)
        what = f"source {source.id} retired: {reason}"
        return Corrected(source_json(source), _refresh(session, claims, what)[1], claims)


def split_segment(
    db: Database, ref: str, offset: int | None, quote: str | None, title: str | None, navigation: bool
) -> dict:
    from .anchoring import locate
    from .errors import UsageError
    from .ingest.segments import segment_json, split
    from .ingest.sources import find_source

    if (offset is None) == (quote is None):
        raise UsageError("give one of --at OFFSET, --at-quote TEXT or --merge SEGMENT")
    with _write(db) as session:
        source = find_source(session, ref)
        at = offset if offset is not None else locate(source.text, quote or "").start
        return segment_json(split(session, source, at, title, "navigation" if navigation else "article"))


def merge_segment(db: Database, ref: str, segment_id: int) -> dict:
    from .ingest.segments import merge_with_previous, segment_json
    from .ingest.sources import find_source

    with _write(db) as session:
        return segment_json(merge_with_previous(session, find_source(session, ref), segment_id))


def reindex(db: Database) -> tuple[int, list[str]]:
    """Fingerprint and segment sources added before those existed; the copies found."""
    from .ingest.copies import index_source, unindexed
    from .ingest.segments import segment_source
    from .ingest.sources import get_source

    found: list[str] = []
    with db.session() as session:
        ids = unindexed(session)
        for sid in ids:
            source = get_source(session, sid)
            segment_source(session, source)
            session.refresh(source)
            found.extend(c.sentence() for c in index_source(session, source, fresh=False))
    return len(ids), found


# -- claims -------------------------------------------------------------------------------------


@dataclass
class ClaimWritten:
    claim: dict
    conflicts: list[dict] = field(default_factory=list)
    anchor: tuple[str, float] = ("exact", 1.0)  # how the quote was found, and how well
    retired: list[int] = field(default_factory=list)  # conflicts that no longer hold

    def to_json(self) -> dict:
        return {**self.claim, "new_conflicts": [c["id"] for c in self.conflicts], "superseded_conflicts": self.retired}


def add_claim(db: Database, inp) -> ClaimWritten:
    """Record one claim (a claims.recording.ClaimInput) and check it against the ledger."""
    from .claims.pages import claim_json
    from .claims.recording import add_claim as record

    with _write(db) as session:
        claim = record(session, inp)
        span = claim.spans[0]
        if claim.revises_id is None:
            return ClaimWritten(claim_json(claim), _detect(session, [claim.id]), (span.method, span.score))
        retired, found = _refresh(session, [claim.id], f"claim {claim.id} revises claim {claim.revises_id}")
        return ClaimWritten(claim_json(claim), found, (span.method, span.score), retired)


def edit_claim(db: Database, claim_id: int, change: ClaimChange, status: str | None = None) -> ClaimWritten:
    from .claims.pages import claim_json
    from .claims.store import edit_claim as edit

    with _write(db) as session:
        claim = edit(session, claim_id, change, status)
        given = [*change.given(), *(["status"] if status is not None else [])]
        said = ", ".join(k.replace("_", "-") for k in given)
        retired, found = _refresh(session, [claim.id], f"claim {claim.id} edited ({said})")
        return ClaimWritten(claim_json(claim), found, retired=retired)


def reject_claim(db: Database, claim_id: int, reason: str) -> dict:
    from .claims.pages import claim_json
    from .claims.store import reject_claim as reject

    with _write(db) as session:
        claim = reject(session, claim_id, reason)
        retired, _ = _refresh(session, [claim.id], f"claim {claim.id} rejected: {claim.reason}")
        return {**claim_json(claim), "superseded_conflicts": retired}


@dataclass
class Imported:
    summary: str
    claim_ids: list[int]
    conflicts: list[dict]


def import_file(db: Database, path: str, *, allow_outside: bool = False) -> Imported:
    """Load an import file, all or nothing, then detect as `claims add` and `rules add` do."""
    from .claims.importer import import_file as load

    with _write(db) as session:
        result = load(session, path, allow_outside=allow_outside)
        found = _detect(session, result.claim_ids, rules_added=result.created["rules"] > 0)
        if result.claim_ids:  # imported revisions retire the conflicts of the claims they revise
            from sqlalchemy import select

            from .ledger.models import Claim

            revising = list(
                session.scalars(
                    select(Claim.id).where(
                        Claim.id.between(min(result.claim_ids), max(result.claim_ids)), Claim.revises_id.is_not(None)
                    )
                )
            )
            if revising:
                found += _refresh(session, revising, f"import of {path}: revisions")[1]
        return Imported(result.summary(), result.claim_ids, found)


def run_demo(db: Database) -> list[str]:
    """Add the seed sources and import their curated claims (the same path as `import`)."""
    from .demo import SEED_FILES, seeds_dir

    return [import_file(db, str(seeds_dir() / name)).summary for name in SEED_FILES]


# -- vocabulary ---------------------------------------------------------------------------------


def add_entity(db: Database, name: str, aliases: list[str], kind: str | None, side: str | None) -> dict:
    from .claims.vocabulary import add_entity as add
    from .claims.vocabulary import entity_json

    with _write(db) as session:
        return entity_json(add(session, name, aliases, kind, side))


def add_alias(db: Database, name: str, alias: str) -> dict:
    from .claims.corrections import add_alias as add
    from .claims.corrections import claims_touching
    from .claims.vocabulary import entity_json

    with _write(db) as session:
        entity = add(session, name, alias)
        _refresh(session, claims_touching(session, entity), f"alias {alias.strip()!r} added to {entity.name!r}")
        return entity_json(entity)


@dataclass
class Corrected:
    """A correction: the object as it now is, and the conflicts detection raised after it."""

    object: dict
    conflicts: list[dict] = field(default_factory=list)
    claims: list[int] = field(default_factory=list)  # the claims the change touched

    def to_json(self) -> dict:
        return {**self.object, "claims_touched": self.claims, "new_conflicts": [c["id"] for c in self.conflicts]}


def merge_entities(db: Database, keep: str, other: str) -> dict:
    from .claims.corrections import merge_entities as merge
    from .claims.vocabulary import entity_json

    with _write(db) as session:
        entity, claims = merge(session, keep, other)
        _refresh(session, claims, f"entity {other!r} merged into {entity.name!r}")
        return entity_json(entity)


def rename_entity(db: Database, name: str, new: str, keep_old: bool = True) -> dict:
    from .claims.corrections import claims_touching
    from .claims.corrections import rename_entity as rename
    from .claims.vocabulary import entity_json

    with _write(db) as session:
        entity = rename(session, name, new, keep_old)
        _refresh(session, claims_touching(session, entity), f"entity {name!r} renamed {entity.name!r}")
        return entity_json(entity)


def remove_alias(db: Database, name: str, alias: str) -> dict:
    from .claims.corrections import claims_touching
    from .claims.corrections import remove_alias as remove
    from .claims.vocabulary import entity_json

    with _write(db) as session:
        entity = remove(session, name, alias)
        _refresh(session, claims_touching(session, entity), f"alias {alias.strip()!r} removed from {entity.name!r}")
        return entity_json(entity)


def set_side(db: Database, name: str, side: str | None) -> Corrected:
    from .claims.corrections import set_side as set_
    from .claims.vocabulary import entity_json

    with _write(db) as session:
        entity, claims = set_(session, name, side)
        what = f"side of {entity.name!r} changed"
        return Corrected(entity_json(entity), _refresh(session, claims, what)[1], claims)


def split_entity(
    db: Database, name: str, new: str, aliases: list[str], claim_ids: list[int], kind: str | None = None
) -> tuple[dict, Corrected]:
    from .claims.corrections import split_entity as split
    from .claims.vocabulary import entity_json

    with _write(db) as session:
        kept, part, claims = split(session, name, new, aliases, claim_ids, kind)
        what = f"entity {part.name!r} split from {kept.name!r}"
        return entity_json(kept), Corrected(entity_json(part), _refresh(session, claims, what)[1], claims)


def edit_property(db: Database, name: str, **changes: Any) -> Corrected:
    from .claims.corrections import edit_property as edit
    from .claims.vocabulary import property_json

    with _write(db) as session:
        prop, claims = edit(session, name, **changes)
        what = f"property {prop.name!r} edited"
        return Corrected(property_json(prop), _refresh(session, claims, what)[1], claims)


def add_property(db: Database, name: str, value_type: str, **options: Any) -> dict:
    from .claims.vocabulary import add_property as add
    from .claims.vocabulary import property_json

    with _write(db) as session:
        return property_json(add(session, name, value_type, **options))


def add_rule(db: Database, name: str, left: str, right: str, rationale: str) -> tuple[dict, list[dict]]:
    from .claims.vocabulary import add_rule as add
    from .claims.vocabulary import rule_json

    with _write(db) as session:
        rule = rule_json(add(session, name, left, right, rationale))
        return rule, _detect(session, [], rules_added=True)


def remove_rule(db: Database, ref: str) -> dict:
    """Remove a rule by id or name: the conflicts it raised no longer hold and are retired
    (superseded, with the reason), then the rule goes; both in the event log, undone by `undo`."""
    from .claims.corrections import get_rule
    from .claims.corrections import remove_rule as remove
    from .detect import retire_rule

    with _write(db) as session:
        rule = get_rule(session, ref)
        retired = retire_rule(session, rule.id, f"rule {rule.name!r} removed")
        return {**remove(session, rule), "superseded_conflicts": retired}


# -- conflicts ----------------------------------------------------------------------------------


def set_conflict_status(
    db: Database, conflict_id: int, verb: str, note: str | None, verdicts: tuple[str, ...] = ()
) -> dict:
    """Confirm, dismiss, resolve (with verdicts as CLAIM=RATING) or reopen a conflict."""
    from .detect.store import conflict_json, parse_verdicts, set_status

    rated = parse_verdicts(verdicts)
    with _write(db) as session:
        return {**conflict_json(set_status(session, conflict_id, verb, note, rated)), "verdicts": rated}


def set_conflict_statuses(
    db: Database, ids: list[int], verb: str, note: str | None, verdicts: tuple[str, ...] = ()
) -> list[dict]:
    """Several conflicts at once, all or nothing; one event each (each can be undone)."""
    from .detect.store import parse_verdicts, set_status
    from .errors import UsageError

    rated = parse_verdicts(verdicts)
    if rated and len(ids) != 1:
        raise UsageError(f"--verdict rates the claims of one conflict; {len(ids)} were chosen")
    with _write(db) as session:
        done = [set_status(session, i, verb, note, rated) for i in ids]
        return [{**conflict_line(c), "status": c.status, "verdicts": rated} for c in done]


# -- history ------------------------------------------------------------------------------------


@dataclass
class Undone:
    event: int
    action: str
    target: str
    summary: str  # what the undo does to the rows, one line
    conflicts: list[dict]
    dry_run: bool = False

    def to_json(self) -> dict:
        return {
            "undid_event": self.event,
            "action": self.action,
            "target": self.target,
            "summary": self.summary,
            "dry_run": self.dry_run,
            "new_conflicts": [c["id"] for c in self.conflicts],
        }


def _affected(session: Session, payload: dict, linked: list[int]) -> list[int]:
    """The claims whose conflicts an undo may change: those it changed or brought back, those
    about, by or in a changed entity, property or source, and the partners of claims it removed."""
    from sqlalchemy import or_, select

    from .ledger.history import _created_ids, touched_claims
    from .ledger.models import Claim, ConflictClaim

    rows = payload.get("changes", []) + payload.get("created", [])
    ids = set(touched_claims(payload)) | set(linked)
    of = {t: [r["id"] for r in rows if r["table"] == t and "id" in r] for t in ("entities", "properties", "sources")}
    conds = []
    if of["entities"]:
        conds += [Claim.subject_id.in_(of["entities"]), Claim.speaker_id.in_(of["entities"])]
    if of["properties"]:
        conds.append(Claim.property_id.in_(of["properties"]))
    if of["sources"]:
        conds.append(Claim.source_id.in_(of["sources"]))
    if conds:
        ids |= set(session.scalars(select(Claim.id).where(or_(*conds))))
    conflicts = [r["id"] for r in payload.get("changes", []) if r["table"] == "conflicts"]
    if conflicts:
        ids |= set(session.scalars(select(ConflictClaim.claim_id).where(ConflictClaim.conflict_id.in_(conflicts))))
    gone = _created_ids([r for r in payload.get("deleted", []) if r["table"] == "claims"])
    return sorted(i for i in ids if not any(lo <= i <= hi for lo, hi in gone.get("claims", [])))


def _partners(session: Session, payload: dict) -> list[int]:
    """Claims that share a conflict with a claim the undo will remove."""
    from sqlalchemy import select

    from .ledger.history import _among, _created_ids
    from .ledger.models import ConflictClaim

    mine = _created_ids(payload.get("created", [])).get("claims")
    if not mine:
        return []
    linked = select(ConflictClaim.conflict_id).where(_among(ConflictClaim.claim_id, mine))
    q = select(ConflictClaim.claim_id).where(
        ConflictClaim.conflict_id.in_(linked), ~_among(ConflictClaim.claim_id, mine)
    )
    return sorted(set(session.scalars(q)))


def undo(db: Database, event_id: int | None = None, dry_run: bool = False) -> Undone:
    """Revert the newest change not yet undone (or the one named) by appending its inverse;
    then detect and retire, as after any write. With dry_run, only say what it would do."""
    from .ledger import history

    with db.session(readonly=dry_run) as session:
        pl = history.plan(session, event_id)
        ev = pl.event
        if dry_run:
            return Undone(ev.id, ev.action, ev.target, history.describe(pl.payload, inverse=True), [], True)
        linked = _partners(session, pl.payload)
        done = history.apply(session, pl)
        found = _refresh(session, _affected(session, done, linked), f"undo of event {ev.id}")[1]
        return Undone(ev.id, ev.action, ev.target, history.describe(pl.payload, inverse=True), found)


@dataclass
class Scanned:
    conflicts: list[dict]  # conflict_json of the first `show` new conflicts (all without `show`)
    kinds: Counter
    count: int = 0  # every new conflict
    retired: list[int] = field(default_factory=list)  # conflicts whose claims no longer disagree


def scan(db: Database, show: int | None = None) -> Scanned:
    """Run every detector over every accepted claim; store only what is new.

    A first scan of a large ledger finds tens of thousands of conflicts: they are counted by kind
    in SQL and turned into JSON a thousand at a time, so memory holds a page, not all of them."""
    from .detect import retire_stale
    from .detect import scan as run
    from .detect.store import conflict_json, kinds_of, load

    with db.session() as session:
        retired = retire_stale(session)
        ids = run(session)
        wanted = ids if show is None else ids[:show]
        shown = []
        for i in range(0, len(wanted), 1000):
            shown += [conflict_json(c) for c in load(session, wanted[i : i + 1000])]
            session.expunge_all()
        return Scanned(shown, kinds_of(session, ids), len(ids), retired)


# -- candidates ---------------------------------------------------------------------------------


@dataclass
class Decided:
    accepted: list[int]
    claims: list[int]
    conflicts: list[dict]
    refused: list[tuple[int, str]]
    rejected: list[int]
    decided_accept: bool  # whether an acceptance was asked for

    def to_json(self) -> dict:
        return {
            "accepted": self.accepted,
            "claims": self.claims,
            "rejected": self.rejected,
            "new_conflicts": self.conflicts,
            "left_pending": [{"id": i, "reason": r} for i, r in self.refused],
        }


def _decided(decision, rejected) -> Decided:
    return Decided(
        accepted=[c.id for c in decision.accepted] if decision else [],
        claims=list(decision.claim_ids) if decision else [],
        conflicts=[conflict_line(k) for k in decision.conflicts] if decision else [],
        refused=[(c.id, r) for c, r in decision.refused] if decision else [],
        rejected=[c.id for c in rejected],
        decided_accept=decision is not None,
    )


def review_bulk(
    db: Database, source: str | None, accept_above: float | None, reject_below: float | None, limit: int | None
) -> Decided:
    """Reject pending candidates scoring below one mark and accept those at or above another."""
    from .extract.candidates import accept, list_candidates, reject

    with _write(db) as session:
        rejected = []
        if reject_below is not None:
            low = [c for c in list_candidates(session, source, "pending", limit=limit) if c.score < reject_below]
            rejected = reject(session, low, f"score below {reject_below}")
        decision = None
        if accept_above is not None:
            # Headlines, captions and page chrome wait for a person, whatever their score.
            decision = accept(
                session,
                [c for c in list_candidates(session, source, "pending", accept_above, limit) if c.role == "body"],
                strict=False,
            )
        return _decided(decision, rejected)


def edit_candidate(db: Database, candidate_id: int, change: ClaimChange, value_type: str | None = None):
    from .extract.candidates import edit, get_candidate

    with _write(db) as session:
        return candidate_view(edit(session, get_candidate(session, candidate_id), change, value_type))


def accept_candidates(
    db: Database, ids: list[int], change: ClaimChange | None = None, value_type: str | None = None
) -> Decided:
    """Record candidates as claims after any correction, all or nothing, then detect."""
    from .extract.candidates import accept, edit, get_candidate

    with _write(db) as session:
        cands = [get_candidate(session, i) for i in ids]
        if change is not None and (change.given() or value_type is not None):
            for c in cands:
                edit(session, c, change, value_type)
        return _decided(accept(session, cands), [])


def reject_candidates(db: Database, ids: list[int], reason: str | None) -> list[int]:
    from .extract.candidates import get_candidate, reject

    with _write(db) as session:
        return [c.id for c in reject(session, [get_candidate(session, i) for i in ids], reason)]


# -- moving and keeping the ledger --------------------------------------------------------------


def copy_ledger(db: Database, to: str):
    """`db copy --to`: the whole ledger into a new or empty one, ids and hashes as they are."""
    from .ledger.transfer import copy_ledger as copy

    return copy(db, to)


def backup_ledger(url: str, path: str):
    """`db backup`: a consistent one-file copy of a SQLite ledger, taken while others may write."""
    from .ledger.transfer import backup

    return backup(url, path)


def restore_ledger(url: str, path: str, *, force: bool = False):
    """`db restore`: a verified backup replaces the ledger (one holding data only with force)."""
    from .ledger.transfer import restore

    return restore(url, path, force=force)
