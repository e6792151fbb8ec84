"""Re-captures: a new version of a source, with every span of the old one re-anchored.

Each old span is looked for in the new text with its quote, its stored prefix/suffix deciding
between repeats: found exactly at the same place it is *carried* over; exactly elsewhere, *moved*;
only approximately, *changed* (with the score); not found, or found more than once with nothing to
tell the places apart, *orphaned* — never silently re-attached to a lookalike paragraph.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..anchoring import context, context_similarity, locate
from ..errors import AnchorError, InputError
from ..ledger import events
from ..ledger.limits import get_row
from ..ledger.models import Claim, ClaimSpan, Reanchor, Source, Span


def previous_version(session: Session, source: Source, version_of: int | None) -> Source | None:
    """The source this one re-captures: given explicitly, or the latest with the same URL."""
    if version_of is not None:
        old = get_row(session, Source, version_of)
        if old is None:
            raise InputError(f"--version-of {version_of}: no such source")
        if old.id == source.id:
            raise InputError("a source cannot be a version of itself")
        return old
    if source.url:
        return session.scalar(
            select(Source).where(Source.url == source.url, Source.id != source.id).order_by(Source.id.desc()).limit(1)
        )
    return None


def reanchor(session: Session, old: Source, new: Source) -> list[Reanchor]:
    new.version_of_id = old.id
    results = []
    spans = session.scalars(select(Span).where(Span.source_id == old.id).order_by(Span.start))
    for span in spans:
        try:
            # No offset hint: near the old offset is no evidence once the text has changed.
            a = locate(new.text, span.quote, span.prefix or None, span.suffix or None)
        except AnchorError as exc:
            results.append(Reanchor(old_span_id=span.id, new_source_id=new.id, status="orphaned", note=exc.message))
            continue
        if a.method == "exact":
            status = "carried" if a.start == span.start else "moved"
        else:
            status = "changed"
        new_span = session.scalar(
            select(Span).where(Span.source_id == new.id, Span.start == a.start, Span.end == a.end)
        )
        if new_span is None:
            prefix, suffix = context(new.text, a.start, a.end)
            new_span = Span(
                source_id=new.id,
                start=a.start,
                end=a.end,
                quote=new.text[a.start : a.end],
                prefix=prefix,
                suffix=suffix,
                method=a.method,
                score=a.score,
            )
            session.add(new_span)
            session.flush()
        # The claims the old span backed are now backed by the new span as well.
        for claim_id in session.scalars(select(ClaimSpan.claim_id).where(ClaimSpan.span_id == span.id)):
            session.merge(ClaimSpan(claim_id=claim_id, span_id=new_span.id))
        results.append(
            Reanchor(old_span_id=span.id, new_source_id=new.id, new_span_id=new_span.id, status=status, score=a.score)
        )
    session.add_all(results)
    session.flush()
    events.record(session, "source.reanchor", f"source:{new.id}", old=old.id, statuses=[r.status for r in results])
    return results


def context_score(r: Reanchor) -> float | None:
    """How like the old span's context the new span's surroundings are (0-1): beside the quote
    similarity `r.score`, what tells a safe carry (1.0) from a quote now said in another setting.
    Derived from the stored spans, so it is the figure anchoring decided with."""
    if r.new_span is None:
        return None
    old = r.old_span
    return context_similarity(
        r.new_span.source.text, r.new_span.start, r.new_span.end, old.prefix or None, old.suffix or None
    )


@dataclass
class Diff:
    old: Source
    new: Source
    changes: list[str]
    claims: list[dict]

    def to_json(self) -> dict:
        return {"old": self.old.id, "new": self.new.id, "changes": self.changes, "claims": self.claims}


def diff(session: Session, old: Source, new: Source) -> Diff:
    lines = list(
        difflib.unified_diff(
            old.text.splitlines(), new.text.splitlines(), f"source {old.id}", f"source {new.id}", n=0, lineterm=""
        )
    )
    claims = []
    rows = session.execute(
        select(Reanchor, ClaimSpan.claim_id)
        .join(ClaimSpan, ClaimSpan.span_id == Reanchor.old_span_id)
        .where(Reanchor.new_source_id == new.id)
        .order_by(ClaimSpan.claim_id)
    )
    for r, claim_id in rows:
        claim = session.get_one(Claim, claim_id)
        claims.append(
            {
                "claim": claim_id,
                "status": r.status,
                "score": r.score,
                "context_score": context_score(r),
                "quote": r.old_span.quote,
                "old": [r.old_span.start, r.old_span.end],
                "new": [r.new_span.start, r.new_span.end] if r.new_span else None,
                "new_quote": r.new_span.quote if r.new_span else None,
                "note": r.note,
                "value_text": claim.value_text,
            }
        )
    return Diff(old, new, lines, claims)
