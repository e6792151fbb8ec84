"""Extraction redone from a source's kept original (HTML, PDF) and checked against its stored text.

A newer extractor, or a fix to ours, may read the same bytes differently. The check says whether
today's extraction gives the stored text and pages; a different result may be stored as a new
version of the source, through the same path as a re-capture (`--version-of`): its spans are
carried over by re-anchoring, and the old version stays as it was.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass

from sqlalchemy.orm import Session, undefer

from ..errors import InputError, IntegrityFailure
from ..ledger.models import Source, SourceOriginal
from .capture import FORMATS, Fetched, extract
from .sources import Added, SourceMeta, add_source, check_text


@dataclass
class Reextraction:
    source: Source
    extractor_then: str
    extractor_now: str
    chars_then: int
    chars_now: int
    first_difference: int | None  # offset of the first character that differs; None: same text
    pages_same: bool
    stored: Added | None = None  # the new version, when asked to store a different result

    @property
    def same(self) -> bool:
        return self.first_difference is None and self.pages_same


def reextract(session: Session, source: Source, *, store: bool = False) -> Reextraction:
    """Extract the source's original again; with `store`, keep a different result as a new version."""
    row = session.get(SourceOriginal, source.id, options=[undefer(SourceOriginal.data)])
    if row is None or row.extractor == "none":
        raise InputError(f"source {source.id} was stored as plain text: there is no original to extract again")
    data = zlib.decompress(row.data)
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise IntegrityFailure(
            f"source {source.id}: its kept original does not match its hash; run `provenance verify`"
        )
    origin = source.origin or f"source {source.id}"
    found = extract(data, row.media_type, origin)
    assert found is not None  # an original is kept only for HTML and PDF, which have extractors
    text = check_text(found.text, origin)
    pages_then = [(p.start, p.end) for p in source.pages]
    out = Reextraction(
        source,
        row.extractor,
        found.extractor,
        len(source.text),
        len(text),
        _first_difference(source.text, text),
        found.pages == pages_then,
    )
    if store and not out.same:
        out.stored = add_source(
            session, data, origin, _meta(source), source.id, fmt=_format(row.media_type), fetched=_fetched(row)
        )
    return out


def _first_difference(a: str, b: str) -> int | None:
    if a == b:
        return None
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _meta(source: Source) -> SourceMeta:
    """The old version's metadata, as given or extracted then: the capture is the same."""
    return SourceMeta(
        title=source.title,
        url=source.url,
        outlet=source.outlet,
        author=source.author,
        published=source.published,
        published_at=source.published_at,
        captured=source.captured,
        reliability=source.reliability,
    )


def _format(media_type: str) -> str | None:
    return next((name for name, kind in FORMATS.items() if kind == media_type), None)


def _fetched(row: SourceOriginal) -> Fetched | None:
    if row.fetched_at is None or row.requested_url is None:
        return None
    return Fetched(row.requested_url, row.final_url or row.requested_url, row.fetched_at, row.media_type)
