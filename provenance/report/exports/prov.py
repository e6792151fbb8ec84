"""The ledger as a W3C PROV graph, built with the `prov` package: captures, spans, claims and
conflicts as entities; capture, entry (by hand, import or reviewed extraction), detection and
decisions as activities; the people who acted (from the audit trail), the outlets and this tool
as agents."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...ledger.models import Candidate, Claim, Conflict, Event, Source
from . import TOOL_IRI, claim_recorders, tool_version

NS = "urn:x-provenance:"


def prov_document(session: Session):
    from prov.model import ProvDocument

    doc = ProvDocument()
    doc.set_default_namespace(NS)
    doc.add_namespace("pv", NS + "vocab:")
    doc.add_namespace("schema", "http://schema.org/")
    tool = doc.agent(
        f"tool/provenance-{tool_version()}",
        {"prov:type": "prov:SoftwareAgent", "prov:label": f"provenance {tool_version()}", "schema:url": TOOL_IRI},
    )
    people: dict[str, object] = {}

    def person(name: str):
        if name not in people:
            people[name] = doc.agent(f"person/{_safe(name)}", {"prov:type": "prov:Person", "prov:label": name})
        return people[name]

    adders = {
        int(t.split(":")[1]): (a, at)
        for a, at, t in session.execute(select(Event.actor, Event.at, Event.target).where(Event.action == "source.add"))
    }
    sources = {}
    for s in session.scalars(select(Source).order_by(Source.id)):
        sources[s.id] = _source(doc, s, adders.get(s.id), tool, person)
    for s in session.scalars(select(Source).where(Source.version_of_id.is_not(None))):
        assert s.version_of_id is not None  # selected so
        doc.wasRevisionOf(sources[s.id], sources[s.version_of_id])  # a re-capture
    recorders = claim_recorders(session)
    extracted = set(session.scalars(select(Candidate.claim_id).where(Candidate.claim_id.is_not(None))))
    claims = session.scalars(
        select(Claim)
        .order_by(Claim.id)
        .options(
            selectinload(Claim.spans),
            selectinload(Claim.subject),
            selectinload(Claim.property),
            selectinload(Claim.speaker),
        )
    )
    spans: dict[int, Any] = {}  # span id -> its PROV entity
    for c in claims:
        _claim(doc, c, sources, spans, recorders.get(c.id), c.id in extracted, tool, person)
    for conflict in session.scalars(select(Conflict).order_by(Conflict.id).options(selectinload(Conflict.claims))):
        _conflict(doc, conflict, tool, person)
    return doc


def _source(doc, s: Source, added, tool, person):
    attrs = {
        "prov:type": "pv:Capture",
        "prov:label": s.title or f"source {s.id}",
        "pv:sha256": s.sha256,
        "pv:mediaType": s.media_type,
        "pv:chars": s.chars,
    }
    for key, value in (
        ("prov:location", s.url),
        ("pv:outlet", s.outlet),
        ("pv:author", s.author),
        ("pv:published", s.published and s.published.isoformat()),
        ("pv:captured", s.captured and s.captured.isoformat()),
    ):
        if value:
            attrs[key] = value
    entity = doc.entity(f"source/{s.sha256}", attrs)
    when = _utc(added[1] if added else s.added_at)
    capture = doc.activity(
        f"capture/{s.id}", when, when, {"prov:type": "pv:Capture", "prov:label": f"added {s.origin or ''}"}
    )
    doc.wasGeneratedBy(entity, capture, when)
    doc.wasAssociatedWith(capture, tool)
    if added:
        doc.wasAssociatedWith(capture, person(added[0]))
    if s.outlet:
        outlet = doc.agent(f"outlet/{_safe(s.outlet)}", {"prov:type": "prov:Organization", "prov:label": s.outlet})
        doc.wasAttributedTo(entity, outlet)
    return entity


def _claim(doc, c: Claim, sources, spans, recorded, extracted: bool, tool, person):
    value = json.loads(c.value_json)
    claim = doc.entity(
        f"claim/{c.id}",
        {
            "prov:type": "pv:Claim",
            "prov:label": f"{c.subject.name}: {c.property.name} = {c.value_text}",
            "pv:subject": c.subject.name,
            "pv:property": c.property.name,
            "pv:value": c.value_text,
            "pv:valueType": value.get("type", c.property.value_type),
            "pv:polarity": c.polarity,
            "pv:status": c.status,
            **({"pv:speaker": c.speaker.name} if c.speaker else {}),
        },
    )
    when = _utc(recorded[1] if recorded else c.created_at)
    entry = doc.activity(
        f"entry/{c.id}",
        when,
        when,
        {
            "prov:type": "pv:Extraction" if extracted else "pv:Entry",
            "prov:label": "proposed by extraction, accepted in review" if extracted else "recorded by hand or import",
        },
    )
    doc.wasGeneratedBy(claim, entry, when)
    doc.wasAssociatedWith(entry, tool)
    if recorded:
        doc.wasAssociatedWith(entry, person(recorded[0]))
        doc.wasAttributedTo(claim, person(recorded[0]))
    for sp in c.spans:
        if sp.id not in spans:
            spans[sp.id] = doc.entity(
                f"span/{sp.id}",
                {
                    "prov:type": "pv:Span",
                    "prov:value": sp.quote,
                    "pv:start": sp.start,
                    "pv:end": sp.end,
                    "pv:method": sp.method,
                },
            )
            doc.wasDerivedFrom(spans[sp.id], sources[sp.source_id])
        doc.used(entry, spans[sp.id])
        doc.wasDerivedFrom(claim, spans[sp.id], activity=entry)


def _conflict(doc, c: Conflict, tool, person):
    entity = doc.entity(
        f"conflict/{c.id}",
        {"prov:type": "pv:Conflict", "prov:label": c.explanation[:300], "pv:kind": c.kind, "pv:status": c.status},
    )
    found = _utc(c.created_at)
    detection = doc.activity(
        f"detection/{c.id}",
        found,
        found,
        {"prov:type": "pv:Detection", "prov:label": f"{c.detector}@{c.detector_version}"},
    )
    doc.wasGeneratedBy(entity, detection, found)
    doc.wasAssociatedWith(detection, tool)
    for claim in c.claims:
        doc.used(detection, f"claim/{claim.id}")
        doc.wasDerivedFrom(entity, f"claim/{claim.id}", activity=detection)
    if c.decided_by and c.decided_at:
        decided = _utc(c.decided_at)
        decision = doc.activity(
            f"decision/{c.id}",
            decided,
            decided,
            {"prov:type": "pv:Decision", "prov:label": f"{c.status}" + (f": {c.note}" if c.note else "")},
        )
        doc.used(decision, entity)
        doc.wasAssociatedWith(decision, person(c.decided_by))


def _utc(moment: dt.datetime) -> dt.datetime:
    """The ledger's naive UTC times, stated as UTC."""
    return moment.replace(tzinfo=dt.UTC)


def _safe(name: str) -> str:
    """A name made into the local part of a qualified name."""
    import re

    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name.strip())[:80] or "_"
