"""Copy detection: which earlier sources share text with a new one, and where.

A new source's fingerprints are stored, then looked up through the hash index: the cost of a
check depends on the new source's length, not on the size of the corpus. Matching fingerprints
are turned back into character intervals on both sides and merged into shared passages. Two
sources count as sharing text when the passages add up to at least MIN_SHARED_CHARS characters
(below that, a shared stock phrase or a site's footer is not evidence of copying).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from ..ledger.db import bulk_insert
from ..ledger.models import Fingerprint, SharedPassage, Source
from .fingerprints import merge, winnow

MIN_SHARED_CHARS = 200
IN_CHUNK = 500


@dataclass
class Copy:
    source_id: int
    other_id: int
    shared_chars: int
    passages: int
    paragraphs: int
    ratio: float  # shared characters / this source's length

    def sentence(self) -> str:
        return (
            f"source {self.source_id} shares {_size(self.shared_chars)} in {self.paragraphs} "
            f"paragraph(s) with source {self.other_id} ({self.ratio:.0%} of its text)"
        )

    def to_json(self) -> dict:
        return {
            "source_id": self.other_id,
            "shared_chars": self.shared_chars,
            "passages": self.passages,
            "paragraphs": self.paragraphs,
            "ratio": round(self.ratio, 4),
        }


def _size(chars: int) -> str:
    return f"{chars / 1000:.1f} K chars" if chars >= 1000 else f"{chars} chars"


def index_source(session: Session, source: Source, *, fresh: bool = True) -> list[Copy]:
    """Store a source's fingerprints and shared passages; report the sources it shares text with.

    `fresh`: the source was just added, so it has nothing indexed yet to clear away."""
    prints = winnow(source.text)
    if not fresh:
        session.execute(delete(Fingerprint).where(Fingerprint.source_id == source.id))
        session.execute(
            delete(SharedPassage).where((SharedPassage.source_id == source.id) | (SharedPassage.other_id == source.id))
        )
    if not prints:
        return []
    ours: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for p in prints:
        ours[p.hash].append((p.start, p.end))
    here: dict[int, list[tuple[int, int]]] = defaultdict(list)
    there: dict[int, list[tuple[int, int]]] = defaultdict(list)
    hashes = list(ours)
    for i in range(0, len(hashes), IN_CHUNK):
        for other, h, start, end in _prints_of(session, hashes[i : i + IN_CHUNK], source.id):
            there[other].append((start, end))
            here[other].extend(ours[h])
    _write_prints(session, [(source.id, p.start, p.end, p.hash) for p in {p.start: p for p in prints}.values()])
    found = []
    for other in sorted(here):
        mine, theirs = merge(here[other]), merge(there[other])
        shared = sum(e - s for s, e in mine)
        if shared < MIN_SHARED_CHARS:
            continue
        bulk_insert(
            session,
            SharedPassage.__table__,
            [
                *({"source_id": source.id, "other_id": other, "start": s, "end": e} for s, e in mine),
                *({"source_id": other, "other_id": source.id, "start": s, "end": e} for s, e in theirs),
            ],
        )
        found.append(
            Copy(source.id, other, shared, len(mine), _paragraphs(source.text, mine), shared / max(1, len(source.text)))
        )
    return found


def _write_prints(session: Session, rows: list[tuple[int, int, int, int]]) -> None:
    """(source, start, end, hash) rows, a couple of hundred per source. Fingerprints are plain
    integers in range by construction and no event hashes them, so on SQLite they go to the
    driver as they are; elsewhere through bulk_insert (COPY on PostgreSQL)."""
    if session.get_bind().dialect.name != "sqlite":
        keys = ("source_id", "start", "end", "hash")
        bulk_insert(session, Fingerprint.__table__, [dict(zip(keys, r, strict=True)) for r in rows])
        return
    sql = f'INSERT INTO {Fingerprint.__tablename__} (source_id, start, "end", hash) VALUES (?, ?, ?, ?)'
    session.connection().exec_driver_sql(sql, rows)


def _prints_of(session: Session, hashes: list[int], source_id: int):
    """(source, hash, start, end) of other sources' fingerprints with these hashes.

    Written for the driver: once per ingested source, SQLAlchemy's statement building and the
    expansion of a few hundred IN parameters cost more than the indexed lookup itself."""
    mark = "?" if session.get_bind().dialect.paramstyle == "qmark" else "%s"
    sql = (
        f'SELECT source_id, hash, start, "end" FROM {Fingerprint.__tablename__} '
        f"WHERE hash IN ({', '.join([mark] * len(hashes))}) AND source_id != {mark}"
    )
    return session.connection().exec_driver_sql(sql, (*hashes, source_id))


def _paragraphs(text: str, intervals: list[tuple[int, int]]) -> int:
    """How many paragraphs (non-blank lines) the intervals touch."""
    count, pos = 0, 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        if line.strip() and any(s < end and e > start for s, e in intervals):
            count += 1
    return count


def copies_of(session: Session, source_id: int) -> list[Copy]:
    """Every other source that shares text with this one, most shared first."""
    source = session.get_one(Source, source_id)
    by_other: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for other, start, end in session.execute(
        select(SharedPassage.other_id, SharedPassage.start, SharedPassage.end).where(
            SharedPassage.source_id == source_id
        )
    ):
        by_other[other].append((start, end))
    out = []
    for other, intervals in by_other.items():
        merged = merge(intervals)
        shared = sum(e - s for s, e in merged)
        out.append(
            Copy(source_id, other, shared, len(merged), _paragraphs(source.text, merged), shared / max(1, source.chars))
        )
    return sorted(out, key=lambda c: -c.shared_chars)


def passages_between(session: Session, source_ids: set[int]) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Shared passages among a set of sources, keyed by (source, other)."""
    out: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    ids = sorted(source_ids)
    if len(ids) < 2:
        return out
    for s, o, start, end in session.execute(
        select(SharedPassage.source_id, SharedPassage.other_id, SharedPassage.start, SharedPassage.end).where(
            SharedPassage.source_id.in_(bindparam("ids", ids, expanding=True)),
            SharedPassage.other_id.in_(bindparam("others", ids, expanding=True)),
        )
    ):
        out[(s, o)].append((start, end))
    return out


def unindexed(session: Session) -> list[int]:
    """Sources added before fingerprints existed (databases upgraded from revision 0001)."""
    indexed = select(Fingerprint.source_id).distinct()
    return list(session.scalars(select(Source.id).where(Source.id.not_in(indexed)).order_by(Source.id)))
