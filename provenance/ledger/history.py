"""Changes that can be read back and undone: each correction's event carries the rows it touched.

A correction records, in its event's payload, every row it changed (the columns before and after),
every row it created and every row it deleted. `provenance log` reads that back; `provenance undo`
applies the inverse as a new change with its own event, so the chain is never rewritten.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TypeVar, cast

from sqlalchemy import Date, DateTime, insert, inspect, select
from sqlalchemy.orm import Session

from ..errors import InputError
from . import events
from .models import Alias, Base, Candidate, Claim, Conflict, Entity, Event, Property, Source

# The tables a correction may touch; each has an integer `id`.
Row = Source | Entity | Alias | Property | Claim | Conflict | Candidate
R = TypeVar("R", bound=Row)

MODELS: dict[str, type[Row]] = {
    m.__tablename__: m for m in (Source, Entity, Alias, Property, Claim, Conflict, Candidate)
}
# The columns a correction may change; id, hashes and texts never do.
SKIP = {"id", "sha256", "text", "chars", "created_at", "added_at", "key"}


def _get(session: Session, table: str, oid: int) -> Row | None:
    # mypy cannot infer session.get's result from a union of model classes
    return cast(Row | None, session.get(MODELS[table], oid))


def _columns(model: type[Base]) -> list:
    return [c for c in model.__table__.columns if c.name not in SKIP]


def _out(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _in(column, value):
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    return value


def state(obj: Base) -> dict:
    """A row's correctable columns, as JSON-able values."""
    return {c.name: _out(getattr(obj, _attr(type(obj), c.name))) for c in _columns(type(obj))}


def _attr(model, column_name: str) -> str:
    return inspect(model).get_property_by_column(model.__table__.columns[column_name]).key


@dataclass
class Change:
    """The rows one correction touches; `record` writes them into its event."""

    before: dict[tuple[str, int], dict] = field(default_factory=dict)
    objects: dict[tuple[str, int], Row] = field(default_factory=dict)
    created: list[tuple[str, int]] = field(default_factory=list)
    deleted: list[tuple[str, int, dict]] = field(default_factory=list)

    def touch(self, obj: R) -> R:
        """Note a row's state before it is changed (call before changing it)."""
        key = (obj.__tablename__, obj.id)
        if key not in self.before:
            self.before[key] = state(obj)
            self.objects[key] = obj
        return obj

    def create(self, obj: Row) -> None:
        self.created.append((obj.__tablename__, obj.id))

    def delete(self, obj: Row) -> None:
        model = type(obj)
        row = {c.name: _out(getattr(obj, _attr(model, c.name))) for c in model.__table__.columns}
        self.deleted.append((obj.__tablename__, obj.id, row))

    def payload(self) -> dict:
        changes = []
        for (table, oid), before in self.before.items():
            after = state(self.objects[(table, oid)])
            diff = {k for k in before if before[k] != after[k]}
            if diff:
                changes.append(
                    {
                        "table": table,
                        "id": oid,
                        "before": {k: before[k] for k in sorted(diff)},
                        "after": {k: after[k] for k in sorted(diff)},
                    }
                )
        return {
            "changes": changes,
            "created": [{"table": t, "id": i} for t, i in self.created],
            "deleted": [{"table": t, "id": i, "row": row} for t, i, row in self.deleted],
        }

    def record(self, session: Session, action: str, target: str, **about) -> dict:
        session.flush()
        payload = self.payload()
        if not (payload["changes"] or payload["created"] or payload["deleted"]):
            raise InputError("that changes nothing: the values given are the ones already there")
        events.record(session, action, target, **about, **payload)
        return payload


def touched_claims(payload: dict) -> set[int]:
    return {c["id"] for c in payload.get("changes", []) if c["table"] == "claims"}


def undoable(ev: Event) -> bool:
    return ev.action != "undo" and '"changes"' in ev.payload


def last_undoable(session: Session) -> Event:
    """The newest correction not undone yet."""
    undone = {json.loads(p).get("undoes") for p in session.scalars(select(Event.payload).where(Event.action == "undo"))}
    for ev in session.scalars(select(Event).order_by(Event.id.desc())):
        if undoable(ev) and ev.id not in undone:
            return ev
    raise InputError("nothing to undo: no correction in the log (see `provenance log`)")


def undo(session: Session) -> tuple[Event, dict]:
    """Apply the inverse of the newest correction, recorded as an event of its own."""
    ev = last_undoable(session)
    payload = json.loads(ev.payload)
    for c in payload.get("changes", []):
        obj = session.get(MODELS[c["table"]], c["id"])
        if obj is None or any(state(obj)[k] != v for k, v in c["after"].items()):
            raise InputError(
                f"event {ev.id} ({ev.action} {ev.target}) cannot be undone: "
                f"{c['table'][:-1]} {c['id']} has changed since; correct it directly"
            )
    inverse = Change()
    for d in payload.get("deleted", []):  # rows a correction removed come back first: others point at them
        model = MODELS[d["table"]]
        row = {c.name: _in(c, d["row"].get(c.name)) for c in model.__table__.columns if c.name in d["row"]}
        session.execute(insert(Base.metadata.tables[d["table"]]).values(**row))
        inverse.created.append((d["table"], d["id"]))
    session.flush()
    for c in payload.get("changes", []):
        model = MODELS[c["table"]]
        obj = _get(session, c["table"], c["id"])
        assert obj is not None  # every changed row was found above, before anything was written
        inverse.touch(obj)
        for k, v in c["before"].items():
            setattr(obj, _attr(model, k), _in(model.__table__.columns[k], v))
    session.flush()
    for cr in reversed(payload.get("created", [])):
        obj = _get(session, cr["table"], cr["id"])
        if obj is not None:
            inverse.delete(obj)
            session.delete(obj)
    session.flush()
    done = inverse.record(session, "undo", ev.target, undoes=ev.id, undone=ev.action)
    return ev, done


def events_for(session: Session, obj: str | None = None, limit: int | None = None) -> list[Event]:
    """The log, newest first; with obj ("claim:12"), only the events that touched it."""
    q = select(Event).order_by(Event.id.desc())
    if obj is None:
        return list(session.scalars(q.limit(limit)))
    kind, _, oid = obj.partition(":")
    if not oid.isdigit() or kind + "s" not in MODELS and kind != "entity" and kind != "property":
        raise InputError(f"--object {obj!r}: give KIND:ID, as claim:12, source:3, entity:4, property:2 or conflict:5")
    table = {"entity": "entities", "property": "properties"}.get(kind, kind + "s")
    out = []
    for ev in session.scalars(q):
        if ev.target == obj or _mentions(ev, table, int(oid)):
            out.append(ev)
            if limit and len(out) >= limit:
                break
    return out


def _mentions(ev: Event, table: str, oid: int) -> bool:
    if f'"{table}"' not in ev.payload:
        if table == "claims" and ev.action == "claim.import":
            return oid in (json.loads(ev.payload).get("ids") or [])
        return False
    p = json.loads(ev.payload)
    rows = p.get("changes", []) + p.get("created", []) + p.get("deleted", [])
    return any(r["table"] == table and r["id"] == oid for r in rows)


def summary(ev: Event) -> str:
    """One line saying what an event did."""
    p = json.loads(ev.payload)
    if "changes" in p:
        parts = []
        for c in p["changes"][:4]:
            fields = ", ".join(f"{k} {_short(c['before'][k])} → {_short(c['after'][k])}" for k in c["before"])
            parts.append(f"{c['table'][:-1] if c['table'] != 'entities' else 'entity'} {c['id']}: {fields}")
        if len(p["changes"]) > 4:
            parts.append(f"… {len(p['changes']) - 4} more row(s)")
        parts += [f"added {r['table']} {r['id']}" for r in p.get("created", [])]
        parts += [f"removed {r['table']} {r['id']}" for r in p.get("deleted", [])]
        if "undoes" in p:
            parts.insert(0, f"undoes event {p['undoes']} ({p.get('undone')})")
        if p.get("note"):
            parts.append(f"note: {p['note']}")
        if p.get("reason"):
            parts.append(f"reason: {p['reason']}")
        return "; ".join(parts)
    return ", ".join(f"{k}={_short(v)}" for k, v in sorted(p.items()) if v not in (None, [], ""))


def _short(v, n: int = 40) -> str:
    s = "∅" if v is None else str(v)
    return s if len(s) <= n else s[: n - 1] + "…"
