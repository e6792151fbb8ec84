"""Recording, editing, listing and rejecting claims.

A claim is anchored before anything is written: a quote that is not in its source, or is there
ambiguously, stops the claim and the transaction around it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from . import events
from .anchoring import context, locate
from .errors import InputError, NotFound
from .models import Claim, Source, Span
from .sources import find_source
from .values import Period, parse_date, parse_value, to_json_text
from .vocabulary import get_property, resolve_entity

HEDGES = ("reportedly", "estimated", "alleged", "allegedly", "claimed", "unconfirmed", "likely",
          "possibly", "said to", "suggested", "apparently")


@dataclass
class ClaimInput:
    """What a user states about one claim, before it is checked and anchored."""

    source: str
    quote: str
    subject: str
    property: str
    value: str
    speaker: str | None = None
    denies: bool = False
    as_of: str | None = None
    hedge: str | None = None
    scope: str | None = None
    cites: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None
    hint: int | None = None
    status: str = "accepted"
    create_entities: bool = False


def as_of_period(text: str | None, source: Source) -> tuple[str | None, dt.date | None, dt.date | None]:
    """A claim's as-of: the period written, else the source's date (published, else captured)."""
    if text:
        period = parse_date(text)
        return text.strip(), period.start, period.end
    day = source.date
    return None, day, day


def find_span(session: Session, source: Source, ci: ClaimInput) -> Span:
    """The span for a quote: anchored in the source text, shared with other claims if identical."""
    a = locate(source.text, ci.quote, ci.prefix, ci.suffix, ci.hint, ci.occurrence)
    span = session.scalar(
        select(Span).where(Span.source_id == source.id, Span.start == a.start, Span.end == a.end)
    )
    if span is None:
        prefix, suffix = context(source.text, a.start, a.end)
        span = Span(
            source_id=source.id, start=a.start, end=a.end, quote=source.text[a.start : a.end],
            prefix=prefix, suffix=suffix, method=a.method, score=a.score,
        )
        session.add(span)
        session.flush()
    return span


def add_claim(session: Session, ci: ClaimInput, span: Span | None = None) -> Claim:
    """Record a claim; `span` when the caller has already anchored the quote."""
    source = find_source(session, ci.source)
    prop = get_property(session, ci.property)
    value = parse_value(ci.value, prop.value_type)
    subject = resolve_entity(session, ci.subject, create=ci.create_entities)
    speaker = resolve_entity(session, ci.speaker, create=ci.create_entities) if ci.speaker else None
    if prop.value_type == "entity":
        # A categorical value is an entity too: "Afghanistan" and "Afghan soil" must compare equal.
        target = resolve_entity(session, ci.value, create=ci.create_entities)
        value = type(value)(target.name, "entity")
    as_of_text, start, end = as_of_period(ci.as_of, source)
    span = span or find_span(session, source, ci)
    claim = Claim(
        source_id=source.id, subject_id=subject.id, property_id=prop.id,
        value_text=ci.value.strip(), value_json=to_json_text(value),
        polarity="denies" if ci.denies else "asserts",
        speaker_id=speaker.id if speaker else None,
        as_of_text=as_of_text, as_of_start=start, as_of_end=end,
        hedge=_clean_opt(ci.hedge), scope=_clean_opt(ci.scope), cites=_clean_opt(ci.cites),
        status=ci.status,
    )
    claim.spans = [span]
    session.add(claim)
    session.flush()
    events.record(session, "claim.add", f"claim:{claim.id}", source=source.id, span=[span.start, span.end],
                  subject=subject.name, property=prop.name, value=ci.value, polarity=claim.polarity)
    return claim


def _clean_opt(text: str | None) -> str | None:
    return text.strip() or None if text else None


def get_claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}; see `provenance claims list`")
    return claim


EDITABLE = ("value", "speaker", "denies", "as_of", "hedge", "scope", "cites", "subject", "status")


def edit_claim(session: Session, claim_id: int, **changes) -> Claim:
    """Change what a claim says; its span stays (a new quote is a new claim)."""
    claim = get_claim(session, claim_id)
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        raise InputError("nothing to change; give at least one option (see --help)")
    if "subject" in changes:
        claim.subject_id = resolve_entity(session, changes["subject"]).id
    if "value" in changes:
        value = parse_value(changes["value"], claim.property.value_type)
        if claim.property.value_type == "entity":
            value = type(value)(resolve_entity(session, changes["value"]).name, "entity")
        claim.value_text, claim.value_json = changes["value"].strip(), to_json_text(value)
    if "speaker" in changes:
        speaker = changes["speaker"].strip()
        claim.speaker_id = resolve_entity(session, speaker).id if speaker else None
    if "denies" in changes:
        claim.polarity = "denies" if changes["denies"] else "asserts"
    if "as_of" in changes:
        claim.as_of_text, claim.as_of_start, claim.as_of_end = as_of_period(changes["as_of"], claim.source)
    for field in ("hedge", "scope", "cites"):
        if field in changes:
            setattr(claim, field, _clean_opt(changes[field]))
    if "status" in changes:
        if changes["status"] not in ("candidate", "accepted"):
            raise InputError("status can be set to candidate or accepted; use `claims reject` to reject")
        claim.status, claim.reason = changes["status"], None
    session.flush()
    events.record(session, "claim.edit", f"claim:{claim.id}", **{k: str(v) for k, v in changes.items()})
    return claim


def reject_claim(session: Session, claim_id: int, reason: str) -> Claim:
    if not reason or not reason.strip():
        raise InputError("give the reason for rejecting with --reason")
    claim = get_claim(session, claim_id)
    claim.status, claim.reason = "rejected", reason.strip()
    session.flush()
    events.record(session, "claim.reject", f"claim:{claim.id}", reason=claim.reason)
    return claim


@dataclass
class ClaimFilter:
    subject: str | None = None
    property: str | None = None
    source: str | None = None
    speaker: str | None = None
    status: str | None = None
    limit: int | None = None
    offset: int = 0


def claims_query(session: Session, f: ClaimFilter) -> Select:
    q = select(Claim).order_by(Claim.id)
    if f.subject:
        q = q.where(Claim.subject_id == resolve_entity(session, f.subject).id)
    if f.property:
        q = q.where(Claim.property_id == get_property(session, f.property).id)
    if f.source:
        q = q.where(Claim.source_id == find_source(session, f.source).id)
    if f.speaker:
        q = q.where(Claim.speaker_id == resolve_entity(session, f.speaker).id)
    if f.status:
        q = q.where(Claim.status == f.status)
    if f.limit is not None:
        q = q.limit(f.limit)
    return q.offset(f.offset or None)


def list_claims(session: Session, f: ClaimFilter) -> list[Claim]:
    q = claims_query(session, f).options(
        selectinload(Claim.spans), selectinload(Claim.subject), selectinload(Claim.speaker),
        selectinload(Claim.property),
    )
    return list(session.scalars(q))


def speaker_name(claim: Claim) -> str:
    """Who says it: the quoted speaker, or the outlet (or source title) itself."""
    if claim.speaker is not None:
        return claim.speaker.name
    src = claim.source
    return src.outlet or src.author or "the article"


def article_title(claim: Claim) -> str | None:
    """The title of the article (segment) the claim's quote sits in, else the source's title."""
    from .segments import segment_at

    if claim.spans:
        seg = segment_at(claim.source, claim.spans[0].start)
        if seg is not None and seg.title:
            return seg.title
    return claim.source.title


def claim_json(claim: Claim) -> dict:
    span = claim.spans[0] if claim.spans else None
    return {
        "id": claim.id,
        "source_id": claim.source_id,
        "article": article_title(claim),
        "subject": claim.subject.name,
        "property": claim.property.name,
        "value": json.loads(claim.value_json),
        "value_text": claim.value_text,
        "polarity": claim.polarity,
        "speaker": claim.speaker.name if claim.speaker else None,
        "as_of": _as_of_json(claim),
        "hedge": claim.hedge,
        "scope": claim.scope,
        "cites": claim.cites,
        "status": claim.status,
        "reason": claim.reason,
        "quote": span.quote if span else None,
        "start": span.start if span else None,
        "end": span.end if span else None,
    }


def _as_of_json(claim: Claim) -> str | None:
    if claim.as_of_start is None:
        return None
    return Period(claim.as_of_start, claim.as_of_end or claim.as_of_start).describe()


def as_of_label(claim: Claim) -> str:
    return claim.as_of_text or _as_of_json(claim) or "undated"
