"""Claims as a W3C Web Annotation collection (JSON-LD): one Annotation per claim, its target the
capture (URL, or its RFC 6920 hash name) with a TextQuoteSelector and a TextPositionSelector,
its body the claim as structured data. `provenance import` reads it back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...claims.annotations import ANNO_CONTEXT_URL, CONTEXT, ni_uri
from ...claims.store import as_of_label
from ...ledger.models import Claim, Source, utcnow
from . import TOOL_IRI, claim_recorders, iso, own_span, tool_version


def collection(session: Session, with_sources: bool = False) -> dict:
    """with_sources: embed each annotated capture's text and metadata, so that the collection
    can be imported into an empty ledger."""
    recorders = claim_recorders(session)
    rows = session.scalars(
        select(Claim)
        .where(Claim.status != "rejected")
        .order_by(Claim.id)
        .options(
            selectinload(Claim.spans),
            selectinload(Claim.subject),
            selectinload(Claim.speaker),
            selectinload(Claim.property),
            selectinload(Claim.source),
        )
    )
    claims = [c for c in rows if own_span(c) is not None]
    items = [annotation(c, recorders.get(c.id)) for c in claims]
    out = {
        "@context": [ANNO_CONTEXT_URL, CONTEXT],
        "type": "AnnotationCollection",
        "label": "Claims recorded in a Provenance ledger",
        "total": len(items),
        "offsetUnit": "Unicode code points",
        "generator": generator(),
        "generated": iso(utcnow()),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    if with_sources:
        seen: dict[int, Source] = {}
        for c in claims:
            seen.setdefault(c.source_id, c.source)
        out["captures"] = [capture(s) for s in seen.values()]
    return out


def capture(source) -> dict:
    """A capture as the collection embeds it: its text and what is known about it."""
    entry = {
        "id": ni_uri(source.sha256),
        "type": "Text",
        "sha256": source.sha256,
        "format": source.media_type,
        "label": source.title,
        "canonical": source.url,
        "outlet": source.outlet,
        "author": source.author,
        "published": iso(source.published),
        "captured": iso(source.captured),
        "reliability": source.reliability,
        "value": source.text,
        "pages": [[p.start, p.end] for p in source.pages] or None,
    }
    return {k: v for k, v in entry.items() if v is not None}


def generator() -> dict:
    return {"id": TOOL_IRI, "type": "Software", "name": f"provenance {tool_version()}"}


def annotation(claim: Claim, recorded: tuple | None) -> dict:
    span, source = own_span(claim), claim.source
    body = {
        "type": "Claim",
        "subject": claim.subject.name,
        "property": claim.property.name,
        "valueType": claim.property.value_type,
        "singleValue": claim.property.single_value,
        "runningCount": claim.property.running_count,
        "value": claim.value_text,
        "valueEntity": _entity_value(claim),
        "polarity": claim.polarity,
        "speaker": claim.speaker.name if claim.speaker else None,
        "asOf": claim.as_of_text,
        "hedge": claim.hedge,
        "claimScope": claim.scope,
        "cites": claim.cites,
        "status": claim.status,
        "label": f"{claim.subject.name}: {claim.property.name} = "
        f"{'not ' if claim.polarity == 'denies' else ''}{claim.value_text} ({as_of_label(claim)})",
    }
    target: dict[str, Any] = {
        "type": "SpecificResource",
        "source": source.url or ni_uri(source.sha256),
        "sha256": source.sha256,
        "selector": [
            {"type": "TextQuoteSelector", "exact": span.quote, "prefix": span.prefix, "suffix": span.suffix},
            {"type": "TextPositionSelector", "start": span.start, "end": span.end},
        ],
    }
    page = source.page_at(span.start)
    if page is not None:
        target["page"] = page
    if source.captured:
        target["state"] = {"type": "TimeState", "sourceDate": iso(source.captured) + "T00:00:00Z"}
    out = {
        "id": f"urn:x-provenance:claim:{source.sha256[:16]}:{claim.id}",
        "type": "Annotation",
        "motivation": "describing",
        "created": iso(recorded[1] if recorded else claim.created_at),
        "generator": generator(),
        "body": {k: v for k, v in body.items() if v is not None},
        "target": target,
    }
    if recorded:
        out["creator"] = {"type": "Person", "nickname": recorded[0]}
    return out


def _entity_value(claim: Claim) -> str | None:
    """The entity an entity-typed value names ("Afghan soil" -> "Afghanistan")."""
    import json

    if claim.property.value_type != "entity":
        return None
    return json.loads(claim.value_json).get("value")


def expand(doc: dict) -> list:
    """The collection expanded as JSON-LD (pyld), with the W3C context served locally: nothing
    is fetched. A term that no context defines is dropped by expansion, which is how a test
    sees that every key means something."""
    from pyld import jsonld

    from ...claims.annotations import anno_context

    def loader(url, options=None):
        if url.rstrip("/") in (ANNO_CONTEXT_URL, ANNO_CONTEXT_URL.replace("http:", "https:")):
            return {"contextUrl": None, "documentUrl": url, "document": anno_context()}
        raise ValueError(f"JSON-LD context {url} is not available offline")

    return jsonld.expand(doc, {"documentLoader": loader})
