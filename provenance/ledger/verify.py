"""Integrity checks: the database's own check, every source's hash, every span's quote, foreign
keys, the event chain, and every row against the state the chain last recorded for it."""

from __future__ import annotations

from collections.abc import Iterator
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
    """Each event's recorded row states against its hash, then every row against its last one.
    Both passes stream in key order, so memory stays flat however large the ledger."""
    conn = session.connection()
    ev, er = cast(Table, Event.__table__), cast(Table, EventRow.__table__)
    state_of = {i: st for i, st in conn.execute(select(ev.c.id, ev.c.state))}
    problems: list[str] = []
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
    close(current_id)
    empty = rowstate.Digest().hexdigest()
    for eid, st in state_of.items():
        if st is not None and eid not in seen and st != empty:
            problems.append(f"event {eid}: the row states it records are missing (deleted?)")
    missing: list[tuple[str, int, str]] = []  # reported last, by table and id, as before
    for table, (kind, _) in rowstate.TRACKED.items():
        latest = _latest(conn, er, table)
        rec = next(latest, None)
        for oid, h in rowstate.current(conn, table):
            while rec is not None and rec[0] < oid:  # recorded, and no longer there
                if rec[1] is not None:
                    missing.append((table, rec[0], _missing(kind, rec[0], rec[2])))
                rec = next(latest, None)
            if rec is None or rec[0] != oid:
                problems.append(f"{kind} {oid}: no event recorded it (forged, or written without an event?)")
                continue
            if rec[1] is None:
                problems.append(f"{kind} {oid}: present, but event {rec[2]} recorded its deletion (restored by hand?)")
            elif rec[1] != h:
                problems.append(
                    f"{kind} {oid}: differs from its last recorded state (event {rec[2]}); changed without an event?"
                )
            rec = next(latest, None)
        while rec is not None:
            if rec[1] is not None:
                missing.append((table, rec[0], _missing(kind, rec[0], rec[2])))
            rec = next(latest, None)
    return problems + [m for _, _, m in sorted(missing)]


def _missing(kind: str, oid: int, eid: int) -> str:
    return f"{kind} {oid}: missing, but event {eid} recorded it (deleted without an event?)"


def _latest(conn, er: Table, table: str) -> Iterator[tuple[int, str | None, int]]:
    """(row id, hash or None, event id) of the last state recorded for each row of `table`, by id."""
    q = (
        select(er.c.row_id, er.c.hash, er.c.event_id)
        .where(er.c.tbl == table)
        .order_by(er.c.row_id, er.c.event_id)
        .execution_options(yield_per=10_000)
    )
    last: tuple[int, str | None, int] | None = None
    for row in conn.execute(q):
        if last is not None and row[0] != last[0]:
            yield last
        last = (row[0], row[1], row[2])
    if last is not None:
        yield last


def _contents(session: Session) -> list[str]:
    """Texts, spans and values, read as plain rows a batch at a time (not as ORM objects, which
    the session would keep: a whole ledger's texts)."""
    problems = []
    conn = session.connection()
    rows = select(Source.id, Source.text, Source.sha256, Source.chars).order_by(Source.id)
    for sid, body, digest, chars in conn.execute(rows.execution_options(yield_per=200)):
        if sha256(body) != digest:
            problems.append(f"source {sid}: text does not match its SHA-256 (altered?)")
        if len(body) != chars:
            problems.append(f"source {sid}: length {len(body)} but {chars} recorded")
    problems.extend(_originals(session))
    texts: dict[int, str] = {}
    spans = select(Span.id, Span.source_id, Span.start, Span.end, Span.quote).order_by(Span.source_id)
    for span_id, source_id, start, end, quote in conn.execute(spans.execution_options(yield_per=10_000)):
        if source_id not in texts:
            texts = {source_id: conn.execute(select(Source.text).where(Source.id == source_id)).scalar_one()}
        if texts[source_id][start:end] != quote:
            problems.append(f"span {span_id}: source {source_id}[{start}:{end}] is not its quote")
    values = select(Claim.id, Claim.value_json).execution_options(yield_per=10_000)
    for claim_id, value_json in conn.execute(values):
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

    problems = []
    o = SourceOriginal
    rows = select(o.source_id, o.data, o.sha256, o.size).order_by(o.source_id).execution_options(yield_per=50)
    for source_id, packed, digest, size in session.connection().execute(rows):
        try:
            data = zlib.decompress(packed)
        except zlib.error:
            problems.append(f"source {source_id}: its original cannot be decompressed (altered?)")
            continue
        if hashlib.sha256(data).hexdigest() != digest or len(data) != size:
            problems.append(f"source {source_id}: its original does not match its SHA-256 (altered?)")
    return problems
