"""Standard exchange formats out: W3C Web Annotation, schema.org ClaimReview, W3C PROV."""

from __future__ import annotations

import datetime as dt
import json
from importlib.metadata import PackageNotFoundError, version
from typing import overload

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...ledger.models import Event

FORMATS = ("web-annotation", "claimreview", "prov", "prov-n")
TOOL_IRI = "https://pypi.org/project/provenance/"


def tool_version() -> str:
    try:
        return version("provenance")
    except PackageNotFoundError:
        return "0"


@overload
def iso(moment: dt.datetime | dt.date) -> str: ...
@overload
def iso(moment: None) -> None: ...
@overload
def iso(moment: dt.datetime | dt.date | None) -> str | None: ...
def iso(moment: dt.datetime | dt.date | None) -> str | None:
    """A UTC timestamp as xsd:dateTime (the ledger stores naive UTC)."""
    if moment is None:
        return None
    if isinstance(moment, dt.datetime):
        return moment.replace(microsecond=0).isoformat() + "Z"
    return moment.isoformat()


def own_span(claim):
    """The claim's span in its own source (a re-capture adds spans in later versions too)."""
    return next((sp for sp in claim.spans if sp.source_id == claim.source_id), None)


def claim_recorders(session: Session) -> dict[int, tuple[str, dt.datetime]]:
    """Who recorded each claim and when, read from the audit trail (claim.add, claim.import)."""
    out: dict[int, tuple[str, dt.datetime]] = {}
    rows = session.execute(
        select(Event.actor, Event.at, Event.target, Event.payload)
        .where(Event.action.in_(("claim.add", "claim.import")))
        .order_by(Event.id)
    )
    for actor, at, target, payload in rows:
        kind, _, ids = target.partition(":")
        if kind == "claim":
            out.setdefault(int(ids), (actor, at))
            continue
        listed = json.loads(payload).get("ids")
        first, _, last = ids.partition("-")
        for claim_id in listed or range(int(first), int(last or first) + 1):
            out.setdefault(int(claim_id), (actor, at))
    return out


def export(session: Session, fmt: str, *, with_sources: bool = False) -> str:
    """The ledger in one of FORMATS, as text."""
    if fmt == "web-annotation":
        from .web_annotation import collection

        return json.dumps(collection(session, with_sources), indent=2, ensure_ascii=False) + "\n"
    if fmt == "claimreview":
        from .claimreview import claim_reviews

        return json.dumps(claim_reviews(session), indent=2, ensure_ascii=False) + "\n"
    if fmt in ("prov", "prov-n"):
        from .prov import prov_document

        doc = prov_document(session)
        return doc.get_provn() + "\n" if fmt == "prov-n" else doc.serialize(indent=2) + "\n"
    raise ValueError(fmt)
