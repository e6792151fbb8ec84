"""The append-only audit log. Each event's hash covers the previous event's hash, so an edit to
history breaks the chain and `provenance verify` sees it."""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from .limits import check_row
from .models import Event, utcnow

GENESIS = "0" * 64


def actor() -> str:
    """Who is acting: PROVENANCE_USER, else the login name."""
    try:
        return os.environ.get("PROVENANCE_USER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def event_hash(prev_hash: str, at: str, who: str, action: str, target: str, payload: str) -> str:
    body = json.dumps([prev_hash, at, who, action, target, payload], ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def record(session: Session, action: str, target: str, **payload) -> None:
    """Append one event, inside the caller's transaction (the write lock keeps the chain linear)."""
    from .db import lock_for_write

    lock_for_write(session)  # already held by any write session; this keeps the rule local
    session.flush()  # events follow the changes they record
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
        hash=event_hash(prev, at.isoformat(), who, action, target, body),
    )
    table = cast(Table, Event.__table__)
    check_row(table, row)  # a PROVENANCE_USER too long for the column is refused by name
    session.execute(insert(table).values(**row))


def broken_links(session: Session) -> list[str]:
    """Every place where the chain does not hold."""
    problems = []
    prev = GENESIS
    for ev in session.scalars(select(Event).order_by(Event.id)):
        expected = event_hash(ev.prev_hash, ev.at.isoformat(), ev.actor, ev.action, ev.target, ev.payload)
        if ev.prev_hash != prev:
            problems.append(f"event {ev.id}: does not follow the event before it (deleted or reordered?)")
        elif ev.hash != expected:
            problems.append(f"event {ev.id}: its content does not match its hash (edited?)")
        prev = ev.hash
    return problems
