"""W3C Web Annotations in: an AnnotationCollection written by `provenance export --format
web-annotation`, or the JSON export of Hypothesis annotations, recorded as claims.

Each annotation's quote is anchored in the stored text with the usual rules: its
TextQuoteSelector (exact, prefix, suffix), its TextPositionSelector only to place a quote that a
capture with the same SHA-256 holds at exactly that position. A quote that is not there, or is
there ambiguously, stops the import (one transaction; nothing is recorded).

The vocabulary of a claim body (CONTEXT) lives here, below the exporter that writes it.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InputError, ProvenanceError
from ..ledger.models import VALUE_TYPES, Source

ANNO_CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"
VOCAB = "urn:x-provenance:vocab:"
# Terms for a claim body; names that the annotation context already defines (value, scope,
# source) are reused only where they mean the same thing.
CONTEXT = {
    "pv": VOCAB,
    "Claim": "pv:Claim",
    "subject": "pv:subject",
    "property": "pv:property",
    "valueType": "pv:valueType",
    "singleValue": {"@id": "pv:singleValue", "@type": "xsd:boolean"},
    "runningCount": {"@id": "pv:runningCount", "@type": "xsd:boolean"},
    "valueEntity": "pv:valueEntity",
    "polarity": "pv:polarity",
    "speaker": "pv:speaker",
    "asOf": "pv:asOf",
    "hedge": "pv:hedge",
    "claimScope": "pv:scope",
    "cites": "pv:cites",
    "status": "pv:status",
    "page": {"@id": "pv:page", "@type": "xsd:nonNegativeInteger"},
    "sha256": "pv:sha256",
    "offsetUnit": "pv:offsetUnit",
    "captures": {"@id": "pv:captures", "@container": "@set"},
    "outlet": "pv:outlet",
    "author": "pv:author",
    "published": {"@id": "pv:published", "@type": "xsd:date"},
    "captured": {"@id": "pv:captured", "@type": "xsd:date"},
    "reliability": "pv:reliability",
    "pages": {"@id": "pv:pages", "@type": "@json"},
}


def anno_context() -> dict:
    """The W3C Web Annotation JSON-LD context, as published at ANNO_CONTEXT_URL (kept locally so
    that nothing is fetched from the network)."""
    return json.loads((Path(__file__).with_name("anno_context.json")).read_text(encoding="utf-8"))


def ni_uri(sha256_hex: str) -> str:
    """RFC 6920 name of a capture by its SHA-256: ni:///sha-256;<base64url>."""
    raw = bytes.fromhex(sha256_hex)
    return "ni:///sha-256;" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _hex_of_ni(uri: str) -> str | None:
    m = re.fullmatch(r"ni:///sha-256;([A-Za-z0-9_-]{43})", uri or "")
    return base64.urlsafe_b64decode(m.group(1) + "=").hex() if m else None


def annotation_kind(doc) -> str | None:
    """'w3c' for an AnnotationCollection (or a list or page of Annotations), 'hypothesis' for a
    Hypothesis export ({"annotations": [...]}, an API answer {"rows": [...]}, or a list)."""
    if isinstance(doc, dict):
        kind = doc.get("type") or doc.get("@type")
        if kind in ("AnnotationCollection", "AnnotationPage", "Annotation"):
            return "w3c"
        if isinstance(doc.get("annotations"), list) or isinstance(doc.get("rows"), list) and "total" in doc:
            return "hypothesis"
    if isinstance(doc, list) and doc and all(isinstance(a, dict) for a in doc):
        if all((a.get("type") or a.get("@type")) == "Annotation" for a in doc):
            return "w3c"
        if all("uri" in a and "target" in a for a in doc):
            return "hypothesis"
    return None


def import_annotations(session: Session, doc, path: str):
    """Record the claims a collection states; returns an importer.ImportResult."""
    from .importer import ImportResult
    from .recording import ClaimWriter

    kind = annotation_kind(doc)
    items = _w3c_items(doc) if kind == "w3c" else _hypothesis_items(doc)
    result = ImportResult()
    if kind == "w3c" and isinstance(doc, dict):
        for n, entry in enumerate(doc.get("captures") or [], 1):
            try:
                _add_capture(session, entry, result)
            except ProvenanceError as exc:
                raise type(exc)(f"{path}: capture {n}: {exc.message}") from None
    writer = ClaimWriter(session)
    for n, item in enumerate(items, 1):
        where = f"{path}: annotation {n}" + (f" ({item['id']})" if item.get("id") else "")
        try:
            claim = (_from_w3c if kind == "w3c" else _from_hypothesis)(session, item)
            if claim is None:
                result.not_claims += 1
                continue
            ci, prop, entity = claim
            _ensure_property(session, prop, result)
            if entity:
                _ensure_alias(session, entity, ci.value)
            if writer.add(ci, skip_existing=True):
                result.created["claims"] += 1
            else:
                result.skipped["claims"] += 1
        except ProvenanceError as exc:
            raise type(exc)(f"{where}: {exc.message}") from None
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise InputError(f"{where}: not a usable annotation ({type(exc).__name__}: {exc})") from None
    result.claim_ids = writer.flush()
    return result


# -- W3C ---------------------------------------------------------------------------------------


def _add_capture(session: Session, entry: dict, result) -> None:
    """A capture embedded by `export --with-sources`, added unless the ledger has it; its text
    must have the SHA-256 the entry states."""
    from ..ingest.sources import SourceMeta, add_source, sha256
    from ..ledger.models import SourcePage

    text, digest = entry.get("value"), entry.get("sha256")
    if not isinstance(text, str) or not isinstance(digest, str) or sha256(text) != digest:
        raise InputError("its text is missing or does not have the SHA-256 it states")
    if session.scalar(select(Source.id).where(Source.sha256 == digest)) is not None:
        result.skipped["sources"] += 1
        return
    meta = SourceMeta.read(
        title=entry.get("label"),
        url=entry.get("canonical"),
        outlet=entry.get("outlet"),
        author=entry.get("author"),
        published=entry.get("published"),
        captured=entry.get("captured"),
        reliability=entry.get("reliability"),
    )
    added = add_source(session, text.encode("utf-8"), entry.get("id") or digest, meta, fmt="text")
    added.source.media_type = str(entry.get("format") or "text/plain")[:64]
    session.add_all(
        SourcePage(source_id=added.source.id, number=n, start=int(a), end=int(b))
        for n, (a, b) in enumerate(entry.get("pages") or [], 1)
    )
    session.flush()
    result.created["sources"] += 1


def _w3c_items(doc) -> list[dict]:
    if isinstance(doc, list):
        return doc
    kind = doc.get("type") or doc.get("@type")
    if kind == "Annotation":
        return [doc]
    if kind == "AnnotationPage":
        return list(doc.get("items") or [])
    first = doc.get("first")
    items: list[dict] = []
    while isinstance(first, dict):  # pages chained by "next" (embedded; nothing is fetched)
        items += first.get("items") or []
        first = first.get("next") if isinstance(first.get("next"), dict) else None
    if not items and isinstance(doc.get("items"), list):
        items = doc["items"]
    return items


def _from_w3c(session: Session, a: dict):
    from .recording import ClaimInput

    body = _one(a.get("body"))
    if not isinstance(body, dict) or (body.get("type") or body.get("@type")) != "Claim":
        return None  # a comment or a tag, not a claim: nothing to record
    target = _one(a.get("target"))
    if not isinstance(target, dict):
        raise InputError("its target is not a SpecificResource with selectors")
    source = _source(session, target.get("source"), target.get("sha256"))
    quote, position = _selectors(target)
    occurrence = _occurrence_at(session, source, quote, position, target.get("sha256"))
    prop = {
        "name": _need(body, "property"),
        "type": body.get("valueType"),
        "single_value": body.get("singleValue"),
        "running_count": body.get("runningCount"),
    }
    ci = ClaimInput(
        source=str(source.id),
        quote=quote["exact"],
        subject=_need(body, "subject"),
        property=prop["name"],
        value=str(_need(body, "value")),
        speaker=body.get("speaker"),
        denies=body.get("polarity") == "denies",
        as_of=body.get("asOf"),
        hedge=body.get("hedge"),
        scope=body.get("claimScope"),
        cites=body.get("cites"),
        prefix=None if occurrence else quote.get("prefix"),
        suffix=None if occurrence else quote.get("suffix"),
        occurrence=occurrence,
        hint=position[0] if position else None,
        create_entities=True,
    )
    return ci, prop, body.get("valueEntity")


def _selectors(target: dict) -> tuple[dict, tuple[int, int] | None]:
    selectors = target.get("selector")
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
    pos = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None)
    if quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"].strip():
        raise InputError("it has no TextQuoteSelector with the exact words quoted")
    position = None
    if pos is not None and isinstance(pos.get("start"), int) and isinstance(pos.get("end"), int):
        position = (pos["start"], pos["end"])
    return quote, position


def _occurrence_at(session: Session, source: Source, quote: dict, position, sha256_hex) -> int | None:
    """The occurrence of the quote at the stated position, when the annotation was made on this
    very capture (same SHA-256) and the characters there are the quote; else None (anchor by
    the quote and its context)."""
    from ..anchoring import locate
    from ..errors import AnchorError

    if position is None or sha256_hex != source.sha256:
        return None
    text = source.text
    start, end = position
    if text[start:end] != quote["exact"] or text.count(quote["exact"]) < 2:
        return None
    for n in range(1, text.count(quote["exact"]) + 1):
        try:
            if locate(text, quote["exact"], occurrence=n).start == start:
                return n
        except AnchorError:
            return None
    return None


# -- Hypothesis --------------------------------------------------------------------------------

FIELD_NAMES = {
    "subject": "subject",
    "property": "property",
    "question": "property",
    "value": "value",
    "answer": "value",
    "speaker": "speaker",
    "as of": "as_of",
    "as_of": "as_of",
    "hedge": "hedge",
    "scope": "scope",
    "cites": "cites",
    "type": "type",
    "denies": "denies",
    "polarity": "polarity",
}


def _hypothesis_items(doc) -> list[dict]:
    if isinstance(doc, list):
        return doc
    return list(doc.get("annotations") or doc.get("rows") or [])


def hypothesis_fields(annotation: dict) -> dict:
    """The claim an annotator wrote: 'subject: ...' lines in the text, or 'subject:...' tags."""
    lines = str(annotation.get("text") or "").splitlines() + [str(t) for t in annotation.get("tags") or []]
    out = {}
    for line in lines:
        key, sep, value = line.partition(":")
        name = FIELD_NAMES.get(key.strip().strip("*_").lower())
        if sep and name and value.strip():
            out[name] = value.strip()
    return out


def _from_hypothesis(session: Session, a: dict):
    from .recording import ClaimInput

    fields = hypothesis_fields(a)
    if not {"subject", "property", "value"} <= fields.keys():
        return None  # a plain comment: not a claim
    target = _one(a.get("target"))
    source = _source(session, (target or {}).get("source") or a.get("uri"), None)
    quote, position = _selectors(target)
    denies = fields.get("denies", "").lower() in ("yes", "true") or fields.get("polarity") == "denies"
    prop = {"name": fields["property"], "type": fields.get("type"), "single_value": None, "running_count": None}
    ci = ClaimInput(
        source=str(source.id),
        quote=quote["exact"],
        subject=fields["subject"],
        property=fields["property"],
        value=fields["value"],
        speaker=fields.get("speaker"),
        denies=denies,
        as_of=fields.get("as_of"),
        hedge=fields.get("hedge"),
        scope=fields.get("scope"),
        cites=fields.get("cites"),
        prefix=quote.get("prefix"),
        suffix=quote.get("suffix"),
        hint=position[0] if position else None,
        create_entities=True,
    )
    return ci, prop, None


# -- shared ------------------------------------------------------------------------------------


def _one(value):
    if isinstance(value, list):
        if len(value) != 1:
            raise InputError(f"it has {len(value)} bodies or targets; a claim has one of each")
        return value[0]
    return value


def _need(body: dict, key: str):
    value = body.get(key)
    if value is None or isinstance(value, str) and not value.strip():
        raise InputError(f"its claim has no {key!r}")
    return value


def _source(session: Session, ref, sha256_hex) -> Source:
    """The capture an annotation is on: by SHA-256 (stated, or an ni: name), else by URL (the
    latest capture of it)."""
    from sqlalchemy.orm import undefer

    ref = ref.get("id") if isinstance(ref, dict) else ref
    digest = sha256_hex or _hex_of_ni(ref or "")
    q = select(Source).options(undefer(Source.text))
    if digest:
        found = session.scalar(q.where(Source.sha256 == digest))
        if found is not None:
            return found
    if ref and not str(ref).startswith("ni:"):
        found = session.scalar(q.where(Source.url == ref).order_by(Source.id.desc()).limit(1))
        if found is not None:
            return found
    named = f"{ref}" + (f" (sha256 {digest[:12]})" if digest and not str(ref).startswith("ni:") else "")
    raise InputError(f"its source {named} is not in the ledger; add it first with `provenance sources add`")


def _ensure_alias(session: Session, entity: str, written: str) -> None:
    """An entity value as written names the entity the exporting ledger resolved it to."""
    from .vocabulary import add_alias, find_entity, resolve_entity

    if find_entity(session, written) is None:
        resolve_entity(session, entity, create=True)
        add_alias(session, entity, written)


def _ensure_property(session: Session, prop: dict, result) -> None:
    from .vocabulary import add_property, get_property

    try:
        get_property(session, prop["name"])
        return
    except ProvenanceError:
        pass
    if prop["type"] not in VALUE_TYPES:
        raise InputError(
            f"property {prop['name']!r} is not in the ledger and the annotation gives no "
            f"value type ({', '.join(VALUE_TYPES)}); add it with `provenance properties add`"
        )
    add_property(
        session,
        prop["name"],
        prop["type"],
        single_value=bool(prop["single_value"]),
        running_count=prop["running_count"],
    )
    result.created["properties"] += 1
