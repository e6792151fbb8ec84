"""Verdicts published as schema.org ClaimReview (JSON-LD): one review per claim a person rated
when resolving a conflict (`conflicts resolve ID --verdict CLAIM=RATING`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...claims.store import as_of_label
from ...ledger.models import VERDICTS, Claim, Conflict, Verdict
from . import iso, own_span

SCHEMA_CONTEXT_URL = "https://schema.org"
RATING_NAMES = {
    "false": "False",
    "mostly-false": "Mostly false",
    "mixed": "Mixed",
    "mostly-true": "Mostly true",
    "true": "True",
}


def claim_reviews(session: Session) -> dict:
    rows = session.execute(
        select(Verdict, Conflict)
        .join(Conflict, Conflict.id == Verdict.conflict_id)
        .where(Conflict.status == "resolved")
        .order_by(Verdict.decided_at, Verdict.claim_id)
    )
    return {"@context": SCHEMA_CONTEXT_URL, "@graph": [review(v, c) for v, c in rows]}


def summary(claim: Claim) -> str:
    """The claim in one line: what is said of what, and when."""
    says = "not " if claim.polarity == "denies" else ""
    scope = f" ({claim.scope})" if claim.scope else ""
    return f"{claim.subject.name}: {claim.property.name} is {says}{claim.value_text}{scope}, as of {as_of_label(claim)}"


def review(verdict: Verdict, conflict: Conflict) -> dict:
    claim, source = verdict.claim, verdict.claim.source
    speaker = claim.speaker
    author = (
        {"@type": "Person" if speaker.kind == "person" else "Organization", "name": speaker.name}
        if speaker is not None
        else {"@type": "Organization", "name": source.outlet}
        if source.outlet
        else {"@type": "Person", "name": source.author}
        if source.author
        else None
    )
    appearance = {
        "@type": "CreativeWork",
        "headline": source.title,
        "url": source.url,
        "datePublished": iso(source.published),
        "publisher": {"@type": "Organization", "name": source.outlet} if source.outlet else None,
    }
    item = {
        "@type": "Claim",
        "author": author,
        "datePublished": iso(source.published or source.captured),
        "text": own_span(claim).quote if own_span(claim) else None,
        "appearance": _clean(appearance),
    }
    out = {
        "@type": "ClaimReview",
        "claimReviewed": summary(claim),
        "itemReviewed": _clean(item),
        "author": {"@type": "Person", "name": verdict.decided_by},
        "datePublished": iso(verdict.decided_at.date()),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": VERDICTS.index(verdict.rating) + 1,
            "bestRating": len(VERDICTS),
            "worstRating": 1,
            "alternateName": RATING_NAMES[verdict.rating],
        },
        "reviewBody": conflict.note,
    }
    return _clean(out)


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def expand(doc: dict) -> list:
    """The reviews expanded as JSON-LD (pyld), with schema.org's context served locally as its
    vocabulary (nothing is fetched)."""
    from pyld import jsonld

    def loader(url, options=None):
        if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
            return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "http://schema.org/"}}}
        raise ValueError(f"JSON-LD context {url} is not available offline")

    return jsonld.expand(doc, {"documentLoader": loader})
