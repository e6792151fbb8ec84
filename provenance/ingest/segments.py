"""Splitting a capture into the articles (and navigation) it holds.

A web capture often holds a lead article followed by unrelated ones and site chrome. Offsets stay
relative to the stored capture; segments only mark ranges of it. The automatic split looks for the
clear boundaries news sites print: a short section label ("Asia", "ASIA") followed by a headline;
and for navigation blocks ("MOST READ", "Connect with us", a list of "-" separated teasers).
When it finds no such boundary the whole text is one article. The user can split and merge by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..errors import InputError, NotFound
from ..ledger import events, offsets
from ..ledger.db import bulk_insert
from ..ledger.models import Segment, Source

NAV_MARKERS = {
    "most read",
    "connect with us",
    "related posts",
    "read more",
    "trending",
    "popular",
    "most popular",
    "you may also like",
    "latest news",
}
_LABEL = re.compile(r"^[A-Za-z][A-Za-z &-]{1,24}$")


@dataclass
class Line:
    text: str
    start: int
    end: int  # offset after the line's own characters (newline excluded)


def _lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append(Line(body, pos, pos + len(body)))
        pos += len(raw)
    return out


def _is_label(line: str) -> bool:
    s = line.strip()
    return bool(_LABEL.match(s)) and len(s.split()) <= 3 and (s.isupper() or s.istitle())


def _is_headline(line: str) -> bool:
    s = line.strip()
    return 3 <= len(s.split()) <= 25 and len(s) <= 200 and not s.endswith((".", ",", ";", ":"))


def propose(text: str) -> list[tuple[int, int, str | None, str]]:
    """(start, end, title, kind) for each segment, covering the whole text."""
    lines = [ln for ln in _lines(text) if ln.text.strip()]
    cuts: list[tuple[int, str | None, str]] = []
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        low = ln.text.strip().casefold()
        if _is_label(ln.text) and nxt is not None and _is_headline(nxt.text) and low not in NAV_MARKERS:
            cuts.append((ln.start, nxt.text.strip(), "article"))
        elif low in NAV_MARKERS or (ln.text.strip() == "-" and (not cuts or cuts[-1][2] != "navigation")):
            cuts.append((ln.start, None, "navigation"))
    articles = [c for c in cuts if c[2] == "article"]
    if not articles or (len(articles) == 1 and len(cuts) == 1 and articles[0][0] < 200):
        return [(0, len(text), None, "article")]
    if cuts[0][0] > 0:
        cuts.insert(0, (0, None, "navigation"))
    segs = []
    for n, (start, title, kind) in enumerate(cuts):
        end = cuts[n + 1][0] if n + 1 < len(cuts) else len(text)
        if end > start:
            segs.append((start, end, title, kind))
    return segs


def segment_source(session: Session, source: Source, *, fresh: bool = False) -> None:
    """Replace a source's automatic segments with a fresh proposal (manual ones are kept).

    `fresh`: the source was just added and has no segments yet (written in bulk, no ORM)."""
    if not fresh:
        if any(s.method == "manual" for s in source.segments):
            return
        source.segments.clear()
        session.flush()
    bulk_insert(
        session,
        Segment.__table__,
        [
            {
                "source_id": source.id,
                "start": start,
                "end": end,
                "kind": kind,
                "method": "auto",
                "title": title or (source.title if start == 0 else None),
            }
            for start, end, title, kind in propose(source.text)
        ],
    )
    if not fresh:
        session.expire(source, ["segments"])


def segment_at(source: Source, offset: int) -> Segment | None:
    return offsets.segment_at(source.segments, offset)


def split(session: Session, source: Source, at: int, title: str | None, kind: str = "article") -> Segment:
    """Cut the segment holding offset `at` in two; the second part starts at `at`."""
    seg = segment_at(source, at)
    if seg is None or at == seg.start:
        raise InputError(
            f"offset {at} is not inside a segment of source {source.id} "
            f"(0 < offset < {len(source.text)}, not already a boundary)"
        )
    new = Segment(start=at, end=seg.end, title=title, kind=kind, method="manual")
    seg.end, seg.method = at, "manual"
    source.segments.append(new)
    for s in source.segments:
        s.method = "manual"
    session.flush()
    events.record(session, "source.split", f"source:{source.id}", at=at, title=title)
    return new


def merge_with_previous(session: Session, source: Source, segment_id: int) -> Segment:
    segs = sorted(source.segments, key=lambda s: s.start)
    idx = next((i for i, s in enumerate(segs) if s.id == segment_id), None)
    if idx is None:
        raise NotFound(f"source {source.id} has no segment {segment_id}; see `provenance sources segments`")
    if idx == 0:
        raise InputError(f"segment {segment_id} is the first one; there is nothing before it to merge with")
    prev, seg = segs[idx - 1], segs[idx]
    prev.end = seg.end
    source.segments.remove(seg)
    for s in source.segments:
        s.method = "manual"
    session.flush()
    events.record(session, "source.merge_segments", f"source:{source.id}", segment=segment_id)
    return prev


def segment_json(seg: Segment, claims: int | None = None) -> dict:
    data = {
        "id": seg.id,
        "start": seg.start,
        "end": seg.end,
        "title": seg.title,
        "kind": seg.kind,
        "method": seg.method,
    }
    if claims is not None:
        data["claims"] = claims
    return data
