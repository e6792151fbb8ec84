"""Integrity checks: the database's own check, every source's hash, every span's quote, foreign
keys, the event chain, and every row against the state the chain last recorded for it."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ..values import from_json
from . import rowstate
from .events import broken_links
from .models import Claim, Event, EventRow, Source, SourceOriginal, Span, sha256


def verify(session: Session, expect_head: str | None = None) -> list[str]:
    problems: list[str] = []
    for stage in (database_check, _contents, broken_links, row_states):
        try:
            with session.begin_nested():  # on a server, a failed stage must not abort the others
                problems.extend(stage(session))
        except DBAPIError as exc:
            problems.append(f"database: cannot be read ({str(exc.orig).splitlines()[0]})")
    if expect_head is not None:
        problems.extend(head_problems(session, expect_head))
    return problems


def head_problems(session: Session, expected: str) -> list[str]:
    """A published head must still be in the chain: events after it may follow, none may vanish."""
    if session.scalar(select(Event.id).where(Event.hash == expected.lower())) is None:
        return [f"chain: the published head {expected} is not in the chain (events removed or rewritten since)"]
    return []


def database_check(session: Session) -> list[str]:
    """The backend's own check: SQLite's integrity_check reads every page and index; PostgreSQL
    enforces its constraints itself, but rows loaded with triggers off can break references, so
    every foreign key is checked there, and B-tree indexes too when the amcheck extension is in."""
    if session.get_bind().dialect.name == "sqlite":
        rows = [r[0] for r in session.execute(text("PRAGMA integrity_check"))]
        return [] if rows == ["ok"] else [f"database: {r}" for r in rows]
    return _server_references(session) + _amcheck(session)


def _server_references(session: Session) -> list[str]:
    from .models import Base

    problems = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            referred = fk.column.table.alias("referred")  # an alias: entities refer to entities
            child, parent = fk.parent, referred.c[fk.column.name]
            q = (
                select(func.count())
                .select_from(table.outerjoin(referred, child == parent))
                .where(child.is_not(None), parent.is_(None))
            )
            n = session.scalar(q)
            if n:
                problems.append(f"table {table.name}: {n} row(s) refer to missing {fk.column.table.name} rows")
    return problems


def _amcheck(session: Session) -> list[str]:
    if not session.scalar(text("SELECT count(*) FROM pg_extension WHERE extname = 'amcheck'")):
        return []
    problems = []
    q = text(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE a.amname = 'btree' AND n.nspname = current_schema()"
    )
    for name in session.scalars(q):
        try:
            with session.begin_nested():
                session.execute(text("SELECT bt_index_check(CAST(:n AS regclass))"), {"n": name})
        except DBAPIError as exc:
            problems.append(f"database: index {name}: {str(exc.orig).splitlines()[0]}")
    return problems


def row_states(session: Session) -> list[str]:
    """Each event's recorded row states against its hash, then every row against its last one."""
    conn = session.connection()
    ev, er = cast(Table, Event.__table__), cast(Table, EventRow.__table__)
    state_of = {i: st for i, st in conn.execute(select(ev.c.id, ev.c.state))}
    problems: list[str] = []
    latest: dict[tuple[str, int], tuple[str | None, int]] = {}
    seen: set[int] = set()
    current_id: int | None = None
    d = rowstate.Digest()

    def close(eid: int | None) -> None:
        if eid is None:
            return
        seen.add(eid)
        if eid not in state_of:
            problems.append(f"event {eid}: row states are recorded for an event that does not exist")
        elif state_of[eid] is None:
            problems.append(f"event {eid}: row states are recorded for an event from before they were kept (forged?)")
        elif state_of[eid] != d.hexdigest():
            problems.append(f"event {eid}: the row states it records do not match its hash (edited?)")

    q = select(er.c.event_id, er.c.tbl, er.c.row_id, er.c.hash).order_by(er.c.event_id, er.c.tbl, er.c.row_id)
    for eid, tbl, rid, h in conn.execute(q.execution_options(yield_per=10_000)):
        if eid != current_id:
            close(current_id)
            current_id, d = eid, rowstate.Digest()
        d.add(tbl, rid, h)
        latest[(tbl, rid)] = (h, eid)
    close(current_id)
    empty = rowstate.Digest().hexdigest()
    for eid, st in state_of.items():
        if st is not None and eid not in seen and st != empty:
            problems.append(f"event {eid}: the row states it records are missing (deleted?)")
    for table, (kind, _) in rowstate.TRACKED.items():
        for oid, h in rowstate.current(conn, table):
            rec = latest.pop((table, oid), None)
            if rec is None:
                problems.append(f"{kind} {oid}: no event recorded it (forged, or written without an event?)")
            elif rec[0] is None:
                problems.append(f"{kind} {oid}: present, but event {rec[1]} recorded its deletion (restored by hand?)")
            elif rec[0] != h:
                problems.append(
                    f"{kind} {oid}: differs from its last recorded state (event {rec[1]}); changed without an event?"
                )
    for (table, oid), (h, eid) in sorted(latest.items()):
        if h is not None and table in rowstate.TRACKED:
            problems.append(
                f"{rowstate.TRACKED[table][0]} {oid}: missing, but event {eid} recorded it (deleted without an event?)"
            )
    return problems


def _contents(session: Session) -> list[str]:
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
