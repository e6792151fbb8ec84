"""Candidate claims: proposed by extraction, placed in the ledger by matching, and reviewed.

`extract` reads a source (extract.proposals), places each proposal (matching.Ledger) and stores
what it has not stored before; `accept` turns candidates into claims through the same
ClaimWriter an import uses, then runs conflict detection on them; `reject` keeps the reason.
Nothing here merges names: a subject the ledger does not know is created as a new entity, or
added as an alias of the entity it was proposed for, only when its candidate is accepted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..anchoring import fold_text
from ..claims.recording import ClaimChange, ClaimInput, ClaimWriter
from ..claims.vocabulary import add_alias, add_entity, add_property, find_entity, find_property
from ..detect import detect_for
from ..errors import InputError, NotFound, ProvenanceError
from ..ingest.sources import find_source
from ..ledger import events
from ..ledger.limits import clip, get_row
from ..ledger.models import Alias, Candidate, Claim, Conflict, Entity, Property, Source, utcnow
from ..values import parse_value
from . import events as event_names
from . import proposals
from .lexicon import lexicon
from .matching import Ledger

# The score above which `review --accept-above` is suggested: what the reading benchmark accepts.
SUGGESTED_ACCEPT = 0.6
SUBJECT_WEIGHT = {"known": 1.0, "new": 0.95, "alias": 0.85, None: 0.5}
EXTRACTOR_VERSION = "1"


@dataclass
class Extraction:
    source: Source
    candidates: list[Candidate]  # new ones
    already: int  # found again, stored before
    skipped: Counter = field(default_factory=Counter)


def _day(value) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _key(source_id: int, p: proposals.Proposal) -> str:
    ident = "|".join(
        str(x)
        for x in (
            EXTRACTOR_VERSION,
            source_id,
            p.start,
            p.end,
            p.kind,
            p.value,
            p.question.name,
            p.speaker,
            p.subject,
            p.polarity,
            p.scope,
        )
    )
    return hashlib.sha256(ident.encode()).hexdigest()


def _candidate(ledger: Ledger, source: Source, p: proposals.Proposal) -> Candidate:
    subject = ledger.entity_for(p.subject, p.subject_id)
    speaker = ledger.entity_for(p.speaker, p.speaker_id)
    prop = ledger.property_for(p.question, p.question_strength, subject.entity_id if subject else None)
    score = p.confidence * prop.score * SUBJECT_WEIGHT[subject.link if subject else None]
    return Candidate(
        key=_key(source.id, p),
        source_id=source.id,
        start=p.start,
        end=p.end,
        kind=p.kind,
        role=p.role,
        # "blamed the US" and "blamed the United States" name one party: one value to compare.
        value_text=((lexicon().country(p.value) or p.value) if prop.value_type == "entity" else p.value)[:2000],
        subject_text=clip(Candidate.subject_text, subject.name if subject else None),
        subject_id=subject.entity_id if subject else None,
        subject_link=subject.link if subject else None,
        speaker_text=clip(Candidate.speaker_text, speaker.name if speaker else None),
        speaker_id=speaker.entity_id if speaker else None,
        speaker_link=speaker.link if speaker else None,
        verb=clip(Candidate.verb, p.verb),
        polarity=p.polarity,
        scope=clip(Candidate.scope, p.scope),
        hedge=clip(Candidate.hedge, p.hedge),
        as_of_text=clip(Candidate.as_of_text, p.as_of),
        cites=clip(Candidate.cites, p.cites),
        note=_note(p, subject),
        revises_value=p.revises[:100] if p.revises else None,
        revises_id=ledger_revised(
            ledger.session, subject.entity_id if subject else None, prop.property_id, p.revises, source.id
        ),
        property_name=prop.name,
        property_type=prop.value_type,
        property_id=prop.property_id,
        single_value=p.question.single,
        running_count=p.question.running,
        confidence=round(p.confidence, 3),
        match_score=prop.score,
        score=round(score, 3),
    )


def ledger_revised(
    session: Session, subject_id: int | None, property_id: int | None, value: str | None, source_id: int | None = None
) -> int | None:
    """The claim an earlier figure names ("revised from 95 to 84": the claim of 95): the latest
    accepted claim of that subject and question whose value equals it, from `source_id` (the same
    article) when it has one; None when there is none."""
    if not value or subject_id is None or property_id is None:
        return None
    prop = session.get(Property, property_id)
    if prop is None:
        return None
    try:
        wanted = parse_value(value, prop.value_type)
    except ProvenanceError:
        return None
    rows = session.scalars(
        select(Claim)
        .where(Claim.subject_id == subject_id, Claim.property_id == property_id, Claim.status == "accepted")
        .order_by(Claim.id.desc())
        .limit(200)
    )
    found = []
    for claim in rows:
        try:
            if parse_value(claim.value_text, prop.value_type) == wanted:
                found.append(claim)
        except ProvenanceError:
            continue
    same = [c for c in found if c.source_id == source_id]
    return (same or found)[0].id if found else None


def _note(p: proposals.Proposal, subject) -> str | None:
    notes = [p.note] if p.note else []
    if subject is not None and subject.link == "alias":
        notes.append(f"{p.subject!r} proposed as an alias of {subject.name!r}")
    return "; ".join(notes) or None


def extract(session: Session, source: Source) -> Extraction:
    """Propose candidates from a source; what an earlier run proposed is not proposed again."""
    text = source.text
    nav = [(s.start, s.end) for s in source.segments if s.kind == "navigation"]
    ledger = Ledger(session)
    reading = proposals.read(text, ledger.aliases, _day(source.date), nav, ledger.events)
    known = set(session.scalars(select(Candidate.key).where(Candidate.source_id == source.id)))
    new, already = [], 0
    for p in reading.proposals:
        cand = _candidate(ledger, source, p)
        if cand.key in known:
            already += 1
            continue
        known.add(cand.key)
        new.append(cand)
    session.add_all(new)
    session.flush()
    events.record(session, "source.extract", f"source:{source.id}", candidates=len(new), extractor=EXTRACTOR_VERSION)
    return Extraction(source, new, already, reading.skipped)


# -- listing ------------------------------------------------------------------------------------


def list_candidates(
    session: Session,
    source: str | None = None,
    status: str | None = "pending",
    min_score: float | None = None,
    limit: int | None = None,
) -> list[Candidate]:
    q = select(Candidate)
    if source is not None:
        q = q.where(Candidate.source_id == find_source(session, source).id)
    if status:
        q = q.where(Candidate.status == status)
    if min_score is not None:
        q = q.where(Candidate.score >= min_score)
    q = q.order_by(Candidate.source_id, Candidate.start, Candidate.id)
    if limit is not None:
        q = q.limit(limit)
    return list(session.scalars(q))


def get_candidate(session: Session, candidate_id: int) -> Candidate:
    cand = get_row(session, Candidate, candidate_id)
    if cand is None:
        raise NotFound(f"no candidate {candidate_id}; see `provenance review` or `provenance candidates list`")
    return cand


def candidate_json(c: Candidate, source_text: str | None = None) -> dict:
    data = {
        "id": c.id,
        "source": c.source_id,
        "start": c.start,
        "end": c.end,
        "kind": c.kind,
        "role": c.role,
        "subject": {"name": c.subject_text, "entity": c.subject_id, "link": c.subject_link},
        "property": {
            "name": c.property_name,
            "id": c.property_id,
            "type": c.property_type,
            "match": "existing" if c.property_id else "new",
        },
        "value": c.value_text,
        "polarity": c.polarity,
        "speaker": (
            {"name": c.speaker_text, "entity": c.speaker_id, "link": c.speaker_link} if c.speaker_text else None
        ),
        "verb": c.verb,
        "scope": c.scope,
        "hedge": c.hedge,
        "as_of": c.as_of_text,
        "cites": c.cites,
        "note": c.note,
        "revises": {"value": c.revises_value, "claim": c.revises_id} if c.revises_value or c.revises_id else None,
        "confidence": c.confidence,
        "match_score": c.match_score,
        "score": c.score,
        "status": c.status,
        "claim": c.claim_id,
        "reason": c.reason,
    }
    if source_text is not None:
        data["quote"] = source_text[c.start : c.end]
    return data


@dataclass
class CandidateView:
    """A candidate as every view shows it: its JSON, the one-line reading, and how it sits."""

    json: dict
    line: str
    links: str
    source_text: str | None = None

    @property
    def id(self) -> int:
        return self.json["id"]


def view(c: Candidate, source_text: str | None = None) -> CandidateView:
    return CandidateView(candidate_json(c, source_text), describe(c), links(c), source_text)


# -- editing ------------------------------------------------------------------------------------


def edit(session: Session, cand: Candidate, change: ClaimChange, value_type: str | None = None) -> Candidate:
    """Correct what extraction proposed; a person's answer counts as a sure match. `value_type`:
    the type of a question the ledger does not have yet."""
    if cand.status != "pending":
        raise InputError(f"candidate {cand.id} is already {cand.status}; only pending ones can change")
    ledger = Ledger(session)
    if change.subject is not None:
        m = ledger.entity_for(change.subject.strip(), None)
        if m is None:
            raise InputError("--subject cannot be empty: say who or what the claim is about")
        cand.subject_text, cand.subject_id, cand.subject_link = m.name, m.entity_id, m.link
        if m.link == "alias":  # a person typed this name: take it as written, as a new entity
            cand.subject_text, cand.subject_id, cand.subject_link = change.subject.strip(), None, "new"
    if change.speaker is not None:
        m = ledger.entity_for(change.speaker.strip(), None) if change.speaker.strip() else None
        cand.speaker_text = (m.name if m and m.link == "known" else change.speaker.strip()) or None
        cand.speaker_id = m.entity_id if m and m.link == "known" else None
        cand.speaker_link = (m.link if m and m.link == "known" else "new") if m else None
    if change.property is not None:
        prop = find_property(session, change.property)
        if prop is not None:
            cand.property_id, cand.property_name, cand.property_type = prop.id, prop.name, prop.value_type
        else:
            cand.property_id, cand.property_name = None, change.property.strip()
            cand.property_type = value_type or cand.property_type
        cand.match_score = 1.0
    elif value_type is not None:
        if cand.property_id is not None:
            raise InputError(f"property {cand.property_name!r} exists; its type is not the candidate's to change")
        cand.property_type = value_type
    polarity = None if change.denies is None else ("denies" if change.denies else "asserts")
    for attr, value in (
        ("value_text", change.value),
        ("polarity", polarity),
        ("as_of_text", change.as_of),
        ("scope", change.scope),
        ("hedge", change.hedge),
    ):
        if value is not None:
            setattr(cand, attr, value.strip() or None if attr in ("as_of_text", "scope", "hedge") else value.strip())
    _check_value(cand)
    cand.score = round(cand.confidence * cand.match_score * SUBJECT_WEIGHT[cand.subject_link], 3)
    session.flush()
    events.record(
        session,
        "candidate.edit",
        f"candidate:{cand.id}",
        **change.given(),
        **({"type": value_type} if value_type else {}),
    )
    return cand


def fitting_types(value: str) -> list[str]:
    """The value types that can hold a value as written, the most specific first."""
    from ..values import parse_value as parse

    out = []
    for kind in ("quantity", "share", "date", "boolean"):
        try:
            parse(value, kind)
        except Exception:  # noqa: BLE001 - any refusal means: not this type
            continue
        out.append(kind)
    return out + ["entity", "text"]


def _check_value(cand: Candidate) -> None:
    if not cand.value_text:
        raise InputError(f"candidate {cand.id}: the value cannot be empty")
    if cand.property_type != "entity":
        parse_value(cand.value_text, cand.property_type)


# -- deciding -----------------------------------------------------------------------------------


@dataclass
class Decision:
    accepted: list[Candidate]
    claim_ids: list[int]
    conflicts: list[Conflict]
    refused: list[tuple[Candidate, str]]


def _entity_name(
    session: Session, text: str | None, entity_id: int | None, link: str | None, kind: str | None = None
) -> str | None:
    """The name to record under; an accepted proposal becomes an alias or a new entity here."""
    if not text:
        return None
    if link == "known" and entity_id is not None and (e := session.get(Entity, entity_id)) is not None:
        return e.name
    if find_entity(session, text) is not None:
        return text
    if link == "alias" and entity_id is not None and (e := session.get(Entity, entity_id)) is not None:
        add_alias(session, e.name, text)
        return text
    add_entity(session, text, kind=kind)
    return text


def _name_event(session: Session, name: str, source_id: int, done: set, note: str | None = None) -> None:
    """Give an event the names this source calls it by ("twin blasts in Kerman", "the Pylos
    shipwreck", "the shipwreck in Greece"), so that the next article's wording finds it: the forms
    of its own place, of the countries the source names with it and, when the source's event was
    matched to it, of the place the source gives it. A name another entity already has is left to it."""
    if (name, source_id) in done:
        return
    done.add((name, source_id))
    entity = find_entity(session, name)
    if entity is None:
        return
    ref = next((r for r, _, _ in event_names.in_sentence(name) if r.place), None)
    if ref is None:
        return
    taken = set(session.scalars(select(Alias.key)))
    source = session.get(Source, source_id)
    assert source is not None  # a candidate's source is never deleted
    refs = [ref]
    nav = [(s.start, s.end) for s in source.segments if s.kind == "navigation"]
    reader = proposals.Reader(source.text, {}, None, nav)
    own = reader.event_ref
    if own is not None and event_names.related(own.kind, ref.kind):
        mine = own.name is not None and (own.name == name or (note or "").find(f"is {name!r}") >= 0)
        places = [own.place] if mine and own.place else []
        places += [p for p in own.places if event_names.is_country(p)]
        refs += [event_names.EventRef(ref.kind, p) for p in places if p and p != ref.place]
    after = event_names.aftermath_name(reader.sentences, ref.kind)
    countries = tuple(p for p in (own.places if own is not None else ()) if event_names.is_country(p))
    named = event_names.named_surfaces(source.text, event_names.EventRef(ref.kind, ref.place, None, countries))
    for r in refs:
        # A place other than the event's own: only where the source speaks of this event.
        found = event_names.surfaces(source.text, r, current=r is not ref)
        for alias in [*found, *(named if r is ref else ()), *((after,) if after and r is ref else ())]:
            key = fold_text(alias)
            if key and key not in taken and len(alias) <= 120:
                session.add(Alias(entity=entity, alias=alias, key=key))
                taken.add(key)
    session.flush()


def _property(session: Session, cand: Candidate) -> Property:
    if cand.property_id is not None and (p := session.get(Property, cand.property_id)) is not None:
        return p
    prop = find_property(session, cand.property_name)
    if prop is not None:
        return prop
    # Only a figure or a date has one answer per moment; a question such as "responsibility" takes
    # several (two parties blamed by one speaker do not conflict).
    single = cand.single_value and cand.property_type in ("quantity", "date")
    return add_property(
        session,
        cand.property_name,
        cand.property_type,
        single_value=single,
        running_count=True if cand.running_count else None,
    )


def _why_not(cand: Candidate) -> str | None:
    if cand.status != "pending":
        return f"already {cand.status}"
    if not cand.subject_text:
        return "no subject was found; give one with `provenance candidates edit ID --subject NAME`"
    try:
        _check_value(cand)
    except ProvenanceError as exc:
        return exc.message
    return None


def accept(session: Session, cands: list[Candidate], *, strict: bool = True) -> Decision:
    """Record candidates as claims and run conflict detection on them.

    strict: the first candidate that cannot be accepted fails the whole call (nothing is
    written); otherwise it is left pending and reported, and the others are accepted."""
    writer = ClaimWriter(session)
    named: set[tuple[str, int]] = set()
    queued: list[Candidate] = []
    done: list[Candidate] = []
    refused: list[tuple[Candidate, str]] = []
    event_re = lexicon().event_re
    for cand in cands:
        reason = _why_not(cand)
        if reason is not None:
            if strict:
                raise InputError(f"candidate {cand.id} cannot be accepted: {reason}")
            refused.append((cand, reason))
            continue
        kind = "event" if event_re.search(cand.subject_text or "") else None
        subject = _entity_name(session, cand.subject_text, cand.subject_id, cand.subject_link, kind)
        if kind == "event":
            assert subject is not None  # the subject text holds an event word, so it names something
            _name_event(session, subject, cand.source_id, named, cand.note)
        speaker = _entity_name(session, cand.speaker_text, cand.speaker_id, cand.speaker_link)
        prop = _property(session, cand)
        source = session.get_one(Source, cand.source_id)
        ci = ClaimInput(
            source=source.sha256,
            quote=writer.text(writer.source(source.sha256))[cand.start : cand.end],
            subject=subject or "",
            property=prop.name,
            value=cand.value_text,
            speaker=speaker,
            denies=cand.polarity == "denies",
            as_of=cand.as_of_text,
            hedge=cand.hedge,
            scope=cand.scope,
            cites=cand.cites,
            hint=cand.start,
            create_entities=True,
        )
        if writer.add(ci, skip_existing=True, overlapping=True):
            queued.append(cand)
        else:
            cand.reason = "already recorded in the ledger"
        done.append(cand)
    ids = writer.flush()
    now = utcnow()
    for cand, claim_id in zip(queued, ids, strict=True):
        cand.claim_id = claim_id
    revised = _record_revisions(session, queued)
    for cand in done:
        cand.status, cand.decided_at = "accepted", now
    session.flush()
    if done:
        events.record(
            session,
            "candidate.accept",
            f"candidates:{done[0].id}",
            count=len(done),
            ids=[c.id for c in done][:1000],
            claims=len(ids),
        )
    if revised:  # a revision retires the conflicts of the figure it replaces
        from ..detect import refresh

        _, found = refresh(session, sorted(set(ids) | set(revised)), "a candidate revises an earlier figure")
        return Decision(done, ids, found, refused)
    return Decision(done, ids, detect_for(session, ids) if ids else [], refused)


def _record_revisions(session: Session, queued: list[Candidate]) -> list[int]:
    """Link each new claim whose candidate proposes a revision to the claim of the earlier figure
    (proposed at extraction, or now in the ledger, perhaps from this very batch): the earlier
    claims, whose conflicts must be looked at again."""
    out = []
    for cand in queued:
        if cand.claim_id is None or not (cand.revises_id or cand.revises_value):
            continue
        claim = session.get_one(Claim, cand.claim_id)
        # The earlier figure of the same article first (perhaps accepted in this very batch).
        earlier_id = ledger_revised(session, claim.subject_id, claim.property_id, cand.revises_value, claim.source_id)
        if earlier_id is None and cand.revises_id is not None:
            earlier = session.get(Claim, cand.revises_id)
            if earlier is not None and earlier.property_id == claim.property_id and earlier.status == "accepted":
                earlier_id = earlier.id
        if earlier_id is None or earlier_id == claim.id:
            continue
        claim.revises_id = earlier_id
        events.record(session, "claim.revise", f"claim:{claim.id}", revises=earlier_id, candidate=cand.id)
        out.append(earlier_id)
    session.flush()
    return out


def reject(session: Session, cands: list[Candidate], reason: str | None = None) -> list[Candidate]:
    now = utcnow()
    for cand in cands:
        if cand.status != "pending":
            raise InputError(f"candidate {cand.id} is already {cand.status}; only pending ones can be rejected")
        cand.status, cand.reason, cand.decided_at = "rejected", reason, now
    session.flush()
    if cands:
        events.record(
            session,
            "candidate.reject",
            f"candidates:{cands[0].id}",
            count=len(cands),
            ids=[c.id for c in cands][:1000],
            reason=reason,
        )
    return cands


def describe(c: Candidate) -> str:
    """One line: what the candidate would record."""
    who = (
        f"{c.speaker_text} {'denies' if c.polarity == 'denies' else 'says'}: "
        if c.speaker_text
        else ("denied: " if c.polarity == "denies" else "")
    )
    subject = c.subject_text or "(no subject)"
    revises = (
        (f"claim {c.revises_id}" if c.revises_id else c.revises_value) if c.revises_value or c.revises_id else None
    )
    extra = "".join(
        f" [{k} {v}]"
        for k, v in (("scope", c.scope), ("as of", c.as_of_text), ("hedge", c.hedge), ("revises", revises))
        if v
    )
    return f"{who}{subject}: {c.property_name} = {c.value_text}{extra}"


def links(c: Candidate) -> str:
    """How the candidate sits in the ledger: what is known, what would be new."""
    parts = []
    parts.append(f"question {'existing' if c.property_id else 'NEW'} ({c.match_score:.2f})")
    if c.subject_link:
        parts.append(f"subject {c.subject_link}")
    if c.speaker_link:
        parts.append(f"speaker {c.speaker_link}")
    return ", ".join(parts)


def parse_ids(values: tuple[str, ...]) -> list[int]:
    """Ids as the user writes them: 3 5 7-9."""
    out: list[int] = []
    for v in values:
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", v.strip())
        if not m:
            raise InputError(f"{v!r} is not a candidate id or range (write 12 or 12-20)")
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        if b < a or b - a > 100_000:
            raise InputError(f"{v!r} is not a usable range")
        out.extend(range(a, b + 1))
    return out
