"""The append-only audit log. Each event's hash covers the previous event's hash, so an edit to
history breaks the chain and `provenance verify` sees it."""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from typing import cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from . import rowstate
from .limits import check_row
from .models import Event, EventRow, utcnow

GENESIS = "0" * 64


def actor() -> str:
    """Who is acting: PROVENANCE_USER, else the login name."""
    try:
        return os.environ.get("PROVENANCE_USER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def event_hash(
    prev_hash: str, at: str, who: str, action: str, target: str, payload: str, state: str | None = None
) -> str:
    parts = [prev_hash, at, who, action, target, payload]
    if state is not None:  # events from before row states were kept hash as they always did
        parts.append(state)
    body = json.dumps(parts, ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def record(session: Session, action: str, target: str, **payload) -> None:
    """Append one event, inside the caller's transaction (the write lock keeps the chain linear),
    with the state of every row the transaction touched since its previous event."""
    from .db import lock_for_write

    lock_for_write(session)  # already held by any write session; this keeps the rule local
    session.flush()  # events follow the changes they record
    rows = rowstate.states(session.connection(), rowstate.take(session), rowstate.known(session))
    state = rowstate.digest(rows)
    prev = session.scalar(select(Event.hash).order_by(Event.id.desc()).limit(1)) or GENESIS
    at = utcnow()
    who = actor()
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    row = dict(
        at=at,
        actor=who,
        action=action,
        target=target,
        payload=body,
        prev_hash=prev,
        hash=event_hash(prev, at.isoformat(), who, action, target, body, state),
        state=state,
    )
    table = cast(Table, Event.__table__)
    check_row(table, row)  # a PROVENANCE_USER too long for the column is refused by name
    event_id = session.execute(insert(table).values(**row).returning(Event.id)).scalar_one()
    _write_rows(session, event_id, rows)
    session.info[rowstate.LAST_EVENT] = event_id


def _write_rows(session: Session, event_id: int, rows: list[tuple[str, int, str | None]]) -> None:
    from .db import bulk_insert

    bulk_insert(
        session, EventRow.__table__, [{"event_id": event_id, "tbl": t, "row_id": i, "hash": h} for t, i, h in rows]
    )


def settle(session: Session) -> None:
    """At commit: rows changed after the transaction's last event join that event (it is still the
    head of the chain, under the write lock); with no event at all, they get one of their own."""
    event_id = session.info.get(rowstate.LAST_EVENT)
    if event_id is None:
        record(session, "rows.change", "ledger")
        return
    er = cast(Table, EventRow.__table__)
    et = cast(Table, Event.__table__)
    merged = {
        (t, i): h
        for t, i, h in session.execute(select(er.c.tbl, er.c.row_id, er.c.hash).where(er.c.event_id == event_id))
    }
    merged.update(
        {
            (t, i): h
            for t, i, h in rowstate.states(session.connection(), rowstate.take(session), rowstate.known(session))
        }
    )
    rows = [(t, i, h) for (t, i), h in merged.items()]
    session.execute(delete(er).where(er.c.event_id == event_id))
    _write_rows(session, event_id, rows)
    state = rowstate.digest(rows)
    ev = session.execute(select(et).where(et.c.id == event_id)).one()
    new_hash = event_hash(ev.prev_hash, ev.at.isoformat(), ev.actor, ev.action, ev.target, ev.payload, state)
    session.execute(update(et).where(et.c.id == event_id).values(state=state, hash=new_hash))


def head(session: Session) -> str:
    """The newest event's hash: publish it, and `verify --expect-head` shows the chain still holds it."""
    return session.scalar(select(Event.hash).order_by(Event.id.desc()).limit(1)) or GENESIS


def broken_links(session: Session) -> list[str]:
    """Every place where the chain does not hold."""
    problems = []
    prev = GENESIS
    for ev in session.scalars(select(Event).order_by(Event.id)):
        expected = event_hash(ev.prev_hash, ev.at.isoformat(), ev.actor, ev.action, ev.target, ev.payload, ev.state)
        if ev.prev_hash != prev:
            problems.append(f"event {ev.id}: does not follow the event before it (deleted or reordered?)")
        elif ev.hash != expected:
            problems.append(f"event {ev.id}: its content does not match its hash (edited?)")
        prev = ev.hash
    return problems
