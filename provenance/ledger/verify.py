"""Integrity checks: every source's hash, every span's quote, foreign keys, the event chain."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..values import from_json
from .events import broken_links
from .models import Claim, Source, SourceOriginal, Span, sha256


def verify(session: Session) -> list[str]:
    problems = []
    for source in session.scalars(select(Source)):
        if sha256(source.text) != source.sha256:
            problems.append(f"source {source.id}: text does not match its SHA-256 (altered?)")
        if len(source.text) != source.chars:
            problems.append(f"source {source.id}: length {len(source.text)} but {source.chars} recorded")
    problems.extend(_originals(session))
    texts: dict[int, str] = {}
    for span in session.scalars(select(Span).order_by(Span.source_id)):
        if span.source_id not in texts:
            texts = {span.source_id: session.get_one(Source, span.source_id).text}
        body = texts[span.source_id]
        if body[span.start : span.end] != span.quote:
            problems.append(f"span {span.id}: source {span.source_id}[{span.start}:{span.end}] is not its quote")
    for claim_id, value_json in session.execute(select(Claim.id, Claim.value_json)):
        try:
            from_json(value_json)
        except (ValueError, KeyError, TypeError):
            problems.append(f"claim {claim_id}: its stored value is not a valid value")
    if session.get_bind().dialect.name == "sqlite":
        for row in session.execute(text("PRAGMA foreign_key_check")):
            problems.append(f"table {row[0]} row {row[1]}: broken reference to {row[2]}")
    problems.extend(broken_links(session))
    return problems


def _originals(session: Session) -> list[str]:
    """Each kept original (HTML, PDF) still has the bytes its hash was taken of."""
    import hashlib
    import zlib

    from sqlalchemy.orm import undefer

    problems = []
    for o in session.scalars(select(SourceOriginal).options(undefer(SourceOriginal.data))):
        try:
            data = zlib.decompress(o.data)
        except zlib.error:
            problems.append(f"source {o.source_id}: its original cannot be decompressed (altered?)")
            continue
        if hashlib.sha256(data).hexdigest() != o.sha256 or len(data) != o.size:
            problems.append(f"source {o.source_id}: its original does not match its SHA-256 (altered?)")
    return problems
