"""Changes that can be read back and undone: each correction's event carries the rows it touched.

A correction records, in its event's payload, every row it changed (the columns before and after),
every row it created and every row it deleted. `provenance log` reads that back; `provenance undo`
applies the inverse as a new change with its own event, so the chain is never rewritten.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from sqlalchemy import Date, DateTime, Table, insert, inspect, select, update
from sqlalchemy.orm import Session

from ..errors import InputError
from . import events
from .models import (
    Alias,
    Base,
    Candidate,
    Claim,
    Conflict,
    Entity,
    Event,
    Property,
    Rule,
    Segment,
    Source,
    Span,
    Verdict,
)

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
    return {c["id"] for c in payload.get("changes", []) if c["table"] == "claims"} | {
        c["id"] for c in payload.get("created", []) + payload.get("deleted", []) if c["table"] == "claims"
    }


# -- the undo unit: every row one action changed ---------------------------------------------------

# One action's rows are recorded in an event of this kind, after the action's own events: what
# `undo` reads. Its payload names the action's own event ("of").
ROWS = "change.rows"
# What detection records on its own: part of the action that ran it, never an action of its own.
DERIVED = ("conflict.detect", "conflict.extend", "conflict.supersede", "conflict.reopen", ROWS)
# Tables whose rows an action may create, change or delete, parents first.
TRACKED = (Source, Segment, Property, Entity, Alias, Rule, Claim, Span, Candidate, Conflict)
TRACKED_MODELS: dict[str, type[Base]] = {m.__tablename__: m for m in TRACKED}
BIG = 200  # more rows of one table than this are recorded as a range of ids


def _created_ids(entries: list[dict]) -> dict[str, list[tuple[int, int]]]:
    """Created rows as id ranges per table."""
    out: dict[str, list[tuple[int, int]]] = {}
    for c in entries:
        lo, hi = (c["from"], c["to"]) if "from" in c else (c["id"], c["id"])
        out.setdefault(c["table"], []).append((lo, hi))
    return out


def _among(col, ranges: list[tuple[int, int]]):
    from sqlalchemy import false, or_

    return or_(false(), *(col.between(lo, hi) for lo, hi in ranges))


def _committed(obj: Base, key: str):
    """An attribute's value as the database holds it (before this flush's pending change)."""
    hist = inspect(obj).attrs[key].history
    if hist.deleted:
        return hist.deleted[0]
    if hist.unchanged:
        return hist.unchanged[0]
    return getattr(obj, key)


def _verdict_rows(session: Session, conflict_id: int) -> list[dict]:
    rows = session.execute(
        select(Verdict.claim_id, Verdict.rating, Verdict.decided_by, Verdict.decided_at)
        .where(Verdict.conflict_id == conflict_id)
        .order_by(Verdict.claim_id)
    )
    return [{"claim_id": c, "rating": r, "decided_by": b, "decided_at": _out(a)} for c, r, b, a in rows]


class Tracker:
    """Watches one write transaction and records, at its end, every row it created, changed or
    deleted (and the verdicts it changed) as one `change.rows` event: the unit `undo` reverts.

    Rows created are those above each table's highest id at the start; changes and deletions are
    read from the ORM's own history at each flush, so every action is covered the same way."""

    def __init__(self, session: Session):
        from sqlalchemy import event, func

        from .db import lock_for_write

        # Held from the start, so no other writer's rows land above the marks before we commit.
        lock_for_write(session)
        self.session = session
        self.marks = {t: session.scalar(select(func.max(m.id))) or 0 for t, m in TRACKED_MODELS.items()}  # type: ignore[attr-defined]
        self.first_event = session.scalar(select(func.max(Event.id))) or 0
        self.before: dict[tuple[str, int], dict] = {}
        self.objects: dict[tuple[str, int], Base] = {}
        self.deleted: dict[tuple[str, int], dict] = {}
        self.verdicts: dict[int, list[dict]] = {}
        self._listener = self._flush
        event.listen(session, "before_flush", self._listener)

    def close(self) -> None:
        from sqlalchemy import event

        event.remove(self.session, "before_flush", self._listener)

    def _new(self, table: str, oid: int | None) -> bool:
        return oid is None or oid > self.marks[table]

    def _flush(self, session: Session, _ctx, _instances) -> None:
        with session.no_autoflush:
            for obj in list(session.dirty):
                table = getattr(obj, "__tablename__", None)
                if table in TRACKED_MODELS and not self._new(table, obj.id) and session.is_modified(obj):
                    # Every column as stored, on first sight: a foreign key set through a
                    # relationship only changes during the flush, after this hook.
                    row = self.before.setdefault((table, obj.id), {})
                    self.objects[(table, obj.id)] = obj
                    for c in _columns(type(obj)):
                        if c.name not in row:
                            row[c.name] = _out(_committed(obj, _attr(type(obj), c.name)))
                if isinstance(obj, Conflict):
                    self._verdicts_of(obj.id)
            for obj in list(session.deleted):
                table = getattr(obj, "__tablename__", None)
                if table in TRACKED_MODELS and not self._new(table, obj.id):
                    model = type(obj)
                    self.deleted[(table, obj.id)] = {
                        c.name: _out(_committed(obj, _attr(model, c.name))) for c in model.__table__.columns
                    }
            for obj in list(session.new) + list(session.dirty) + list(session.deleted):
                if isinstance(obj, Verdict) and obj.conflict_id is not None:
                    self._verdicts_of(obj.conflict_id)

    def _verdicts_of(self, conflict_id: int) -> None:
        if conflict_id not in self.verdicts:
            self.verdicts[conflict_id] = _verdict_rows(self.session, conflict_id)

    def payload(self) -> dict:
        from sqlalchemy import func

        s = self.session
        s.flush()
        changes = []
        for (table, oid), before in self.before.items():
            if (table, oid) in self.deleted:
                continue
            obj = self.objects[(table, oid)]
            try:
                s.refresh(obj)
            except Exception:  # removed outside the ORM (a cascade): nothing to compare
                continue
            after = state(obj)
            diff = sorted(k for k in before if before[k] != after[k])
            if diff:
                changes.append(
                    {
                        "table": table,
                        "id": oid,
                        "before": {k: before[k] for k in diff},
                        "after": {k: after[k] for k in diff},
                    }
                )
        created: list[dict] = []
        for table, model in TRACKED_MODELS.items():
            top = s.scalar(select(func.max(model.id))) or 0  # type: ignore[attr-defined]
            if top > self.marks[table]:
                ids = list(s.scalars(select(model.id).where(model.id > self.marks[table]).order_by(model.id)))  # type: ignore[attr-defined]
                if len(ids) > BIG:  # an import of many rows: its range (the write lock keeps it ours)
                    created.append({"table": table, "from": ids[0], "to": ids[-1], "count": len(ids)})
                else:
                    created += [{"table": table, "id": i} for i in ids]
        verdicts = []
        for cid, before_rows in sorted(self.verdicts.items()):
            after_rows = _verdict_rows(s, cid)
            if after_rows != before_rows:
                verdicts.append({"conflict": cid, "before": before_rows, "after": after_rows})
        deleted = [{"table": t, "id": i, "row": row} for (t, i), row in self.deleted.items()]
        return {"changes": changes, "created": created, "deleted": deleted, "verdicts": verdicts}

    def record(self) -> None:
        """Write the rows event, when the action changed anything."""
        s = self.session
        p = self.payload()
        if not any(p.values()):
            return
        # The action's own event: the last it recorded (`claims add` may add entities first).
        first = s.scalar(
            select(Event)
            .where(Event.id > self.first_event, Event.action.not_in(DERIVED))
            .order_by(Event.id.desc())
            .limit(1)
        )
        of = first or s.scalar(select(Event).where(Event.id > self.first_event).order_by(Event.id).limit(1))
        events.record(
            s,
            ROWS,
            of.target if of else "ledger",
            of=of.id if of else None,
            of_action=of.action if of else "change",
            **p,
        )


# -- undo -------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What undoing one action means: the action's first event, its rows event and payload."""

    event: Event  # the action's own (first) event, or a legacy correction event
    rows: Event
    payload: dict


def _undo_units(session: Session) -> tuple[list[Event], set[int]]:
    """Every action that can be undone, newest first, and the ids already undone."""
    undone: set[int] = set()
    covered: set[int] = set()
    units = []
    q = select(Event).where(Event.payload.contains('"changes"')).order_by(Event.id.desc())
    for ev in session.scalars(q):
        p = json.loads(ev.payload)
        if "undoes" in p:
            undone.add(p["undoes"])
            continue
        if ev.action == ROWS:
            if p.get("of") is not None:
                covered.add(p["of"])
            units.append(ev)
        elif ev.id not in covered:  # a correction from before rows were recorded
            units.append(ev)
    return [u for u in units if u.id not in covered], undone


# Events that are no change of their own: detection's, undo's, and the chain's bookkeeping.
NOT_CHANGES = (*DERIVED, "undo", "rows.change", "ledger.baseline")


def _refuse_unrecorded(session: Session, units: list[Event]) -> None:
    """The newest change must be the one undone: never skip past a change recorded before this
    version kept what undo needs (a ledger's older claims add or import) to revert an earlier one."""
    newest = session.scalar(select(Event).where(Event.action.not_in(NOT_CHANGES)).order_by(Event.id.desc()).limit(1))
    if newest is not None and newest.id > max((u.id for u in units), default=0):
        raise InputError(
            f"the last change, event {newest.id} ({newest.action} {newest.target}), was recorded before this "
            "version kept what undo needs, so it cannot be undone; name an earlier change with "
            "`provenance undo EVENT_ID` (see `provenance log`)"
        )


def plan(session: Session, event_id: int | None = None) -> Plan:
    """The action `undo` would revert (the newest not undone, or the one named), checked."""
    units, undone = _undo_units(session)
    live = [u for u in units if u.id not in undone]
    if event_id is None:
        _refuse_unrecorded(session, units)
        if not live:
            raise InputError("nothing to undo: no change in the log that is not undone already (see `provenance log`)")
        unit: Event | None = live[0]
    else:
        named = session.get(Event, event_id)
        # An action's events come just before its rows event: the first unit at or after it.
        later_units = [u for u in units if u.id >= event_id]
        unit = later_units[-1] if later_units and named is not None and named.action not in DERIVED else None
        if named is not None and named.action == "undo":
            unit = None
        if unit is None:
            raise InputError(f"event {event_id} is not a change that can be undone; see `provenance log`")
        if unit.id in undone:
            raise InputError(f"event {event_id} is undone already; see `provenance log`")
    assert unit is not None
    p = json.loads(unit.payload)
    main = session.get(Event, p["of"]) if unit.action == ROWS and p.get("of") else unit
    pl = Plan(main or unit, unit, p)
    _check(session, pl, [u for u in live if u.id > unit.id])
    return pl


def _label(table: str, oid: int) -> str:
    return f"{ {'entities': 'entity', 'properties': 'property'}.get(table, table[:-1]) } {oid}"


def _check(session: Session, pl: Plan, later: list[Event]) -> None:
    """Refuse what cannot be reverted safely: a row changed since, or one a later change needs."""
    what = f"event {pl.event.id} ({pl.event.action} {pl.event.target}) cannot be undone"
    mine = {(c["table"], c["id"]) for c in pl.payload.get("changes", [])} | {
        (c["table"], c["id"]) for c in pl.payload.get("created", []) if "id" in c
    }
    for ev in reversed(later):  # the oldest later change that touches the same rows
        p = json.loads(ev.payload)
        theirs = {(c["table"], c["id"]) for c in p.get("changes", []) + p.get("deleted", [])}
        hit = sorted((mine & theirs) - {(t, i) for t, i in mine if t == "conflicts"})
        if hit:
            of = session.get(Event, p.get("of")) if p.get("of") else ev
            name = f"{of.id} ({of.action} {of.target})" if of else str(ev.id)
            raise InputError(f"{what}: {_label(*hit[0])} was changed since by event {name}; undo that first")
    for c in pl.payload.get("changes", []):
        if c["table"] not in MODELS and c["table"] not in TRACKED_MODELS:
            continue
        obj = session.get(TRACKED_MODELS.get(c["table"]) or MODELS[c["table"]], c["id"])
        if obj is None:
            raise InputError(f"{what}: {_label(c['table'], c['id'])} is gone; correct what is there directly")
        if c["table"] == "conflicts":
            continue  # conflicts follow the claims; detection settles them after the undo
        now = state(obj)
        if any(now.get(k) != v for k, v in c["after"].items()):
            raise InputError(f"{what}: {_label(c['table'], c['id'])} has changed since; correct it directly")
    _check_references(session, pl, what)


# Who points at a created row and would stop it from going: (table, column) per table.
REFERENCES: dict[str, list[tuple[type[Base], Any]]] = {
    "sources": [(Claim, Claim.source_id)],
    "entities": [(Claim, Claim.subject_id), (Claim, Claim.speaker_id), (Entity, Entity.side_id)],
    "properties": [(Claim, Claim.property_id), (Rule, Rule.left_property_id), (Rule, Rule.right_property_id)],
    "claims": [(Claim, Claim.revises_id), (Verdict, Verdict.claim_id)],
}


def _check_references(session: Session, pl: Plan, what: str) -> None:
    created = _created_ids(pl.payload.get("created", []))
    for table, ranges in created.items():
        for model, col in REFERENCES.get(table, []):
            q = select(model, col).where(_among(col, ranges))
            mine = created.get(model.__tablename__)
            if mine and model is not Verdict:
                q = q.where(~_among(getattr(model, "id"), mine))  # noqa: B009  (Verdict has no id)
            ref, oid = session.execute(q.limit(1)).first() or (None, 0)
            if ref is None:
                continue
            if isinstance(ref, Verdict):
                raise InputError(
                    f"{what}: claim {oid} has a verdict in conflict {ref.conflict_id}; reopen that conflict first"
                )
            raise InputError(
                f"{what}: {_label(ref.__tablename__, ref.id)} refers to {_label(table, oid)}, "
                "which it added; undo or correct that first"
            )


def _restore(session: Session, table: str, row: dict) -> None:
    model = TRACKED_MODELS.get(table) or MODELS[table]
    values = {c.name: _in(c, row.get(c.name)) for c in model.__table__.columns if c.name in row}
    session.execute(insert(Base.metadata.tables[table]).values(**values))


def apply(session: Session, pl: Plan) -> dict:
    """Append the inverse of the planned action; the rows event of the undo, as written."""
    from sqlalchemy import delete

    p = pl.payload
    inverse = Change()
    restored = []
    for d in sorted(p.get("deleted", []), key=lambda d: list(TRACKED_MODELS).index(d["table"])):
        _restore(session, d["table"], d["row"])  # rows it removed come back first: others point at them
        restored.append({"table": d["table"], "id": d["id"]})
    session.flush()
    for c in p.get("changes", []):
        model = TRACKED_MODELS.get(c["table"]) or MODELS[c["table"]]
        obj = session.get(model, c["id"])
        if obj is None:
            continue
        inverse.touch(obj)  # type: ignore[type-var]
        for k, v in c["before"].items():
            setattr(obj, _attr(model, k), _in(model.__table__.columns[k], v))
    session.flush()
    for v in p.get("verdicts", []):
        session.execute(delete(Verdict).where(Verdict.conflict_id == v["conflict"]))
        for row in v["before"]:
            session.execute(
                insert(cast(Table, Verdict.__table__)).values(
                    conflict_id=v["conflict"],
                    claim_id=row["claim_id"],
                    rating=row["rating"],
                    decided_by=row["decided_by"],
                    decided_at=dt.datetime.fromisoformat(row["decided_at"]),
                )
            )
    removed: list[dict] = []
    created = _created_ids(p.get("created", []))
    for table in reversed(TRACKED_MODELS):  # children first
        if table not in created:
            continue
        model = TRACKED_MODELS[table]
        where = _among(model.id, created[table])  # type: ignore[attr-defined]
        ids = list(session.scalars(select(model.id).where(where).order_by(model.id)))  # type: ignore[attr-defined]
        if table == "entities":  # one new entity may speak for another
            session.execute(update(Entity).where(_among(Entity.side_id, created[table])).values(side_id=None))
        session.execute(delete(model).where(where))
        if len(ids) <= BIG:
            removed += [{"table": table, "id": i} for i in ids]
        elif ids:
            removed.append({"table": table, "from": ids[0], "to": ids[-1], "count": len(ids)})
    session.expire_all()
    session.flush()
    payload = inverse.payload()
    payload["created"] = restored
    payload["deleted"] = removed
    payload["verdicts"] = [
        {"conflict": v["conflict"], "before": v["after"], "after": v["before"]} for v in p.get("verdicts", [])
    ]
    events.record(
        session, "undo", pl.event.target, undoes=pl.rows.id, undone=pl.event.action, of=pl.event.id, **payload
    )
    return payload


def undo(session: Session, event_id: int | None = None) -> tuple[Event, dict]:
    pl = plan(session, event_id)
    return pl.event, apply(session, pl)


def describe(payload: dict, *, inverse: bool = False) -> str:
    """What undoing (inverse) or the change itself does to rows, one line."""
    parts = []
    for c in payload.get("changes", [])[:6]:
        b, a = (c["after"], c["before"]) if inverse else (c["before"], c["after"])
        fields = ", ".join(f"{k} {_short(b[k])} → {_short(a[k])}" for k in sorted(b) if k not in _NOISE)
        if fields:
            parts.append(f"{_label(c['table'], c['id'])}: {fields}")
    if len(payload.get("changes", [])) > 6:
        parts.append(f"… {len(payload['changes']) - 6} more row(s)")
    gone, back = ("created", "deleted") if inverse else ("deleted", "created")
    for verb, key in (("removes" if inverse else "removed", gone), ("restores" if inverse else "added", back)):
        rows = payload.get(key, [])
        if rows:
            by: dict[str, list[str]] = {}
            for r in rows:
                by.setdefault(r["table"], []).append(str(r["id"]) if "id" in r else f"{r['from']}–{r['to']}")
            parts.append(
                f"{verb} " + ", ".join(f"{t} {' '.join(ids[:8])}{' …' * (len(ids) > 8)}" for t, ids in by.items())
            )
    for v in payload.get("verdicts", []):
        parts.append(
            f"conflict {v['conflict']}: verdicts {len(v['after' if inverse else 'before'])} → {len(v['before' if inverse else 'after'])}"
        )
    return "; ".join(parts) or "no rows"


_NOISE = {"decided_at", "decided_by", "explanation", "severity"}


def events_for(session: Session, obj: str | None = None, limit: int | None = None, rows: bool = False) -> list[Event]:
    """The log, newest first; with obj ("claim:12"), only the events that touched it. The rows
    record of each change (what undo reads) only with `rows`."""
    q = select(Event).order_by(Event.id.desc())
    if not rows:
        q = q.where(Event.action != ROWS)
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
    return any(r["table"] == table and (r["id"] == oid if "id" in r else r["from"] <= oid <= r["to"]) for r in rows)


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
        parts += [f"added {_ids(r)}" for r in p.get("created", [])]
        parts += [f"removed {_ids(r)}" for r in p.get("deleted", [])]
        if "undoes" in p:
            parts.insert(0, f"undoes event {p.get('of') or p['undoes']} ({p.get('undone')})")
        if p.get("note"):
            parts.append(f"note: {p['note']}")
        if p.get("reason"):
            parts.append(f"reason: {p['reason']}")
        return "; ".join(parts)
    return ", ".join(f"{k}={_short(v)}" for k, v in sorted(p.items()) if v not in (None, [], ""))


def _ids(r: dict) -> str:
    return f"{r['table']} {r['id']}" if "id" in r else f"{r['table']} {r['from']}–{r['to']} ({r['count']})"


def _short(v, n: int = 40) -> str:
    s = "∅" if v is None else str(v)
    return s if len(s) <= n else s[: n - 1] + "…"
