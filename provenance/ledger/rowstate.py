"""Row states in the event chain: every event carries a hash of each row it created, changed or
deleted, so that `provenance verify` can tell a row changed, removed or forged behind the ledger's
back from one changed through it.

A row's hash is SHA-256 of stable JSON of a fixed list of its columns (NULLs left out, dates in ISO
form), plus the link rows it owns (a claim's spans; a conflict's claims and verdicts): the same on
SQLite and PostgreSQL. The list is fixed here, not read from the schema, so that adding a column
does not change every recorded hash; a migration that fills a new column must record a baseline.

Which rows an event covers is collected from the session, not from each action: objects the ORM
flushes, rows Core statements given to `Session.execute` update, delete or insert, rows
`bulk_insert` writes, and the rows a deletion cascades to in the database. `events.record` hashes
them; rows changed after a transaction's last event are folded into that event at commit, and a
transaction that changed rows but recorded no event gets a "rows.change" event of its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any, cast

from sqlalchemy import Connection, String, Table, and_, bindparam, event, func, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import ORMExecuteState, Session

from .models import Base

# table -> (kind shown to people, the columns hashed besides id)
TRACKED: dict[str, tuple[str, tuple[str, ...]]] = {
    "sources": (
        "source",
        (
            "sha256", "chars", "media_type", "origin", "title", "url", "outlet", "author", "published",
            "captured", "published_at", "reliability", "added_at", "version_of_id", "retired",
        ),
    ),
    "spans": ("span", ("source_id", "start", "end", "quote", "prefix", "suffix", "method", "score")),
    "entities": ("entity", ("name", "kind", "side_id")),
    "aliases": ("alias", ("entity_id", "alias", "key")),
    "properties": ("property", ("name", "value_type", "unit", "single_value", "running_count", "description")),
    "claims": (
        "claim",
        (
            "source_id", "subject_id", "property_id", "value_text", "value_json", "polarity", "speaker_id",
            "as_of_text", "as_of_start", "as_of_end", "as_of_at", "hedge", "scope", "revises_id", "exclusive",
            "cites", "status", "reason", "created_at",
        ),
    ),
    "rules": ("rule", ("name", "left_property_id", "right_property_id", "rationale")),
    "conflicts": (
        "conflict",
        (
            "key", "kind", "detector", "detector_version", "explanation", "severity", "status", "note",
            "decided_by", "decided_at", "rule_id", "created_at",
        ),
    ),
    "candidates": (
        "candidate",
        (
            "key", "source_id", "start", "end", "kind", "role", "value_text", "subject_text", "subject_id",
            "subject_link", "speaker_text", "speaker_id", "speaker_link", "verb", "polarity", "scope", "hedge",
            "as_of_text", "cites", "note", "property_name", "property_type", "property_id", "single_value",
            "running_count", "confidence", "match_score", "score", "status", "claim_id", "reason",
            "created_at", "decided_at", "revises_value", "revises_id",
        ),
    ),
}  # fmt: skip
# Link tables: a change to one of their rows is a change to the row that owns it.
OWNED: dict[str, tuple[str, str]] = {
    "claim_spans": ("claims", "claim_id"),
    "conflict_claims": ("conflicts", "conflict_id"),
    "verdicts": ("conflicts", "conflict_id"),
}
BATCH = 500

Key = tuple[str, int]  # (table, id)


# -- hashing ---------------------------------------------------------------------------------------


def _plain(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v


# json.dumps(..., sort_keys=True, ensure_ascii=False, separators=(",", ":")), built once: dumps
# makes a new encoder on every call with these options, a good part of hashing a small row.
_ENCODE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode
_DATES = (dt.date, dt.datetime)


def row_hash(table: str, row: dict, links: dict | None = None) -> str:
    body = {k: v.isoformat() if isinstance(v, _DATES) else v for k, v in row.items() if v is not None}
    if links:
        for k, v in links.items():
            if v:
                body["+" + k] = v
    return hashlib.sha256(_ENCODE([table, body]).encode("utf-8")).hexdigest()


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _links(conn: Connection, table: str, lo: int, hi: int, ids: list[int] | None) -> dict[int, dict]:
    """The link rows owned by rows lo..hi of `table` (or by `ids`), per owner."""
    out: dict[int, dict] = {}

    def where(col):
        return _in(col, ids) if ids is not None else and_(col >= lo, col <= hi)

    if table == "claims":
        cs = _table("claim_spans")
        for cid, sid in conn.execute(select(cs.c.claim_id, cs.c.span_id).where(where(cs.c.claim_id))):
            out.setdefault(cid, {}).setdefault("spans", []).append(sid)
    elif table == "conflicts":
        cc, vd = _table("conflict_claims"), _table("verdicts")
        # One row per conflict, its claim ids joined by the database: a grouped conflict has thousands
        # of links, and a row each costs several times more to fetch than to parse (sorted below).
        joined = func.aggregate_strings(sql_cast(cc.c.claim_id, String), ",")
        q = select(cc.c.conflict_id, joined).where(where(cc.c.conflict_id)).group_by(cc.c.conflict_id)
        for fid, claims in conn.execute(q):
            out.setdefault(fid, {})["claims"] = list(map(int, claims.split(",")))
        q = select(vd.c.conflict_id, vd.c.claim_id, vd.c.rating, vd.c.decided_by, vd.c.decided_at)
        for fid, cid, rating, by, at in conn.execute(q.where(where(vd.c.conflict_id))):
            out.setdefault(fid, {}).setdefault("verdicts", []).append([cid, rating, by, _plain(at)])
    for d in out.values():
        for v in d.values():
            v.sort()
    return out


def _in(col, values: list):
    """col IN (values) as one expanding parameter: the same statement (and cache entry) for every
    batch, without turning each of hundreds of values into an expression of its own."""
    return col.in_(bindparam(f"in_{col.key}", values, expanding=True))


def _select(table: str):
    t = _table(table)
    return select(t.c.id, *(t.c[c] for c in TRACKED[table][1]))


def _hash_rows(conn: Connection, table: str, rows: list, ids: list[int] | None) -> Iterator[tuple[int, str]]:
    if not rows:
        return
    links = _links(conn, table, rows[0][0], rows[-1][0], ids) if table in ("claims", "conflicts") else {}
    cols = TRACKED[table][1]
    for r in rows:
        yield r[0], row_hash(table, dict(zip(cols, r[1:], strict=True)), links.get(r[0]))


def current(conn: Connection, table: str, ids: Iterable[int] | None = None) -> Iterator[tuple[int, str]]:
    """(id, hash) of the table's rows (or of those ids that exist), in id order, in batches."""
    t = _table(table)
    if ids is not None:
        wanted = sorted(set(ids))
        for i in range(0, len(wanted), BATCH):
            part = wanted[i : i + BATCH]
            rows = list(conn.execute(_select(table).where(_in(t.c.id, part)).order_by(t.c.id)))
            yield from _hash_rows(conn, table, rows, part)
        return
    last = None
    while True:
        q = _select(table).order_by(t.c.id).limit(BATCH * 4)
        rows = list(conn.execute(q if last is None else q.where(t.c.id > last)))
        if not rows:
            return
        yield from _hash_rows(conn, table, rows, None)
        last = rows[-1][0]


class Digest:
    """What an event's hash covers of its rows: (table, id, hash or None for deleted), fed in
    (table, id) order, hashed as it streams."""

    def __init__(self) -> None:
        self._h = hashlib.sha256()
        self.count = 0

    def add(self, table: str, oid: int, h: str | None) -> None:
        self._h.update(f"{table}\t{oid}\t{h or '-'}\n".encode())
        self.count += 1

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def digest(rows: Iterable[tuple[str, int, str | None]]) -> str:
    d = Digest()
    for t, i, h in sorted(rows, key=lambda r: (r[0], r[1])):
        d.add(t, i, h)
    return d.hexdigest()


def states(
    conn: Connection, keys: Iterable[Key], known: dict[Key, Known] | None = None
) -> list[tuple[str, int, str | None]]:
    """The present state of each row named: its hash, or None where it no longer exists.

    Rows in `known` (see `inserted`) are hashed from memory; the others are read back."""
    known = known or {}
    by_table: dict[str, set[int]] = {}
    for table, oid in keys:
        by_table.setdefault(table, set()).add(oid)
    out: list[tuple[str, int, str | None]] = []
    for table, ids in sorted(by_table.items()):
        found = {oid: _known_hash(table, known[table, oid]) for oid in ids if (table, oid) in known}
        if len(found) < len(ids):
            found.update(current(conn, table, ids - found.keys()))
        out += [(table, oid, found.get(oid)) for oid in sorted(ids)]
    return out


def _known_hash(table: str, known: Known) -> str:
    row, links = known
    return row_hash(table, row, {k: sorted(v) for k, v in links.items()})


# -- collecting what a transaction touched ---------------------------------------------------------

INFO = "rowstate.touched"


def touched(session: Session) -> set[Key]:
    return session.info.setdefault(INFO, set())


def touch(session: Session, table: str, ids: Iterable[int | None]) -> None:
    """Note rows as changed by this transaction (tracked tables, or link tables by their owner ids)."""
    if table in TRACKED:
        _note(session, [(table, int(i)) for i in ids if i is not None])
    elif table in OWNED:
        owner = OWNED[table][0]
        _note(session, [(owner, int(i)) for i in ids if i is not None])


def _note(session: Session, keys: list[Key]) -> None:
    touched(session).update(keys)
    known = session.info.get(KNOWN)
    if known:  # changed some other way than `inserted` saw: read it back
        for k in keys:
            known.pop(k, None)


# -- rows whose state is known without reading them back -------------------------------------------

KNOWN = "rowstate.known"
Known = tuple[dict, dict[str, list]]  # (the row's tracked columns, its link rows by kind)
# Link tables whose rows `inserted` adds to their owner's known state: kind, column.
LINKS = {"claim_spans": ("spans", "span_id"), "conflict_claims": ("claims", "claim_id")}


def known(session: Session) -> dict[Key, Known]:
    return session.info.setdefault(KNOWN, {})


def forget_known(session: Session) -> None:
    """Let go of the rows kept since the last event (it has hashed them): a batch action that
    writes in many events (a full scan) need not hold every row it wrote until commit. A row
    changed again later is read back, as any row whose state is not kept."""
    session.info.pop(KNOWN, None)


# Backends that store the plain values bulk_insert is given as they are read back (SQLite; PostgreSQL
# for naive datetimes: an aware one would be moved to the session's time zone, so it is read back).
EXACT_BACKENDS = ("sqlite", "postgresql")


def inserted(session: Session, table: Table, rows: list[dict], ids: list[int] | None, backend: str) -> None:
    """Rows bulk_insert just wrote, noted as touched. Where the backend stores these Python values
    as they are read back (EXACT_BACKENDS), a new row's state is kept, so that the event hashes it
    without reading it back, and so are link rows added to an owner whose state is kept; a row
    changed any other way afterwards is read back as before."""
    name = table.name
    mine = known(session)
    exact = backend in EXACT_BACKENDS
    if name in LINKS and exact:
        kind, col = LINKS[name]
        owner_col = OWNED[name][1]
        kept = {
            r[owner_col]: mine[OWNED[name][0], r[owner_col]] for r in rows if (OWNED[name][0], r[owner_col]) in mine
        }
        touch_rows(session, name, rows, ids)
        for r in rows:
            if (entry := kept.get(r[owner_col])) is not None:
                entry[1].setdefault(kind, []).append(r[col])
        mine.update(((OWNED[name][0], oid), entry) for oid, entry in kept.items())
        return
    touch_rows(session, name, rows, ids)
    if name not in TRACKED or not exact:
        return
    row_ids = ids if ids is not None else [r.get("id") for r in rows]
    plain = _as_read_back(table, rows, backend)
    if plain is not None and all(type(i) is int for i in row_ids):
        mine.update(((name, cast(int, i)), (row, {})) for i, row in zip(row_ids, plain, strict=True))


def _as_read_back(table: Table, rows: list[dict], backend: str) -> list[dict] | None:
    """The tracked columns of `rows` as the backend gives them back; None when that is not certain
    (a column left out that has a default, a value of an unexpected type)."""
    read_back = _READ_BACK[backend]
    cols = [table.c[c] for c in TRACKED[table.name][1]]
    given = rows[0].keys()
    if any(c.key not in given and (c.default is not None or c.server_default is not None) for c in cols):
        return None
    fixes = []
    for c in cols:
        if c.key not in given:
            continue
        fix = read_back.get(c.type._type_affinity)
        if fix is None:
            return None
        fixes.append((c.key, fix))
    out = []
    for r in rows:
        row = {}
        for key, fix in fixes:
            v = r.get(key)
            if v is not None:
                v = fix(v)
                if v is _UNSURE:
                    return None
            row[key] = v
        out.append(row)
    return out


_UNSURE = object()


def _exact(kind):
    return lambda v: v if type(v) is kind else _UNSURE


def _read_back_types(backend: str) -> dict:
    from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Text

    def naive(v):
        # PostgreSQL's timestamp (without time zone) keeps a naive datetime to the microsecond but
        # would move an aware one to the session's time zone: that one is read back. SQLite drops
        # the offset.
        if type(v) is not dt.datetime:
            return _UNSURE
        return v.replace(tzinfo=None) if backend == "sqlite" else v if v.tzinfo is None else _UNSURE

    return {
        Integer: _exact(int),
        String: _exact(str),
        Text: _exact(str),
        Float: lambda v: float(v) if type(v) in (int, float) else _UNSURE,
        Boolean: lambda v: bool(v) if type(v) in (bool, int) else _UNSURE,
        Date: lambda v: v if type(v) is dt.date else _UNSURE,
        DateTime: naive,
    }


_READ_BACK = {backend: _read_back_types(backend) for backend in EXACT_BACKENDS}


def touch_rows(session: Session, table: str, rows: list[Any], ids: list[int] | None = None) -> None:
    """Rows about to be (or just) inserted: by their ids, or for a link table by their owners."""
    if table in OWNED:
        touch(session, table, (r.get(OWNED[table][1]) for r in rows))
    elif table in TRACKED:
        touch(session, table, ids if ids is not None else (r.get("id") for r in rows))


def _key(obj) -> tuple[str, int | None] | None:
    table = getattr(obj, "__tablename__", None)
    if table in TRACKED:
        return table, obj.id
    if table in OWNED:
        return OWNED[table][0], getattr(obj, OWNED[table][1])
    return None


def _dependents(session: Session, table: str, ids: set[int]) -> None:
    """Touch every tracked row that refers to deleted rows of `table` (the database will delete or
    change them), following ON DELETE CASCADE down."""
    if not ids:
        return
    conn = session.connection()
    for name in list(TRACKED) + list(OWNED):
        t = _table(name)
        for fk in t.foreign_keys:
            if fk.column.table.name != table:
                continue
            col = fk.parent
            if name in OWNED:
                owner_col = t.c[OWNED[name][1]]
                touch(session, name, conn.execute(select(owner_col).where(col.in_(sorted(ids)))).scalars())
                continue
            found = set(conn.execute(select(t.c.id).where(col.in_(sorted(ids)))).scalars())
            touch(session, name, found)
            if fk.ondelete and fk.ondelete.upper() == "CASCADE":
                _dependents(session, name, found - {i for tb, i in touched_deleted(session) if tb == name})


def touched_deleted(session: Session) -> set[Key]:
    return session.info.setdefault(INFO + ".deleted", set())


def _deleting(session: Session, table: str, ids: set[int]) -> None:
    if table in TRACKED:
        new = {i for i in ids if (table, i) not in touched_deleted(session)}
        touched_deleted(session).update((table, i) for i in new)
        touch(session, table, new)
        _dependents(session, table, new)
    elif table in OWNED:
        touch(session, table, ids)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _ctx, _instances) -> None:
    with session.no_autoflush:
        for obj in list(session.deleted):
            k = _key(obj)
            if k is None or k[1] is None:
                continue
            if obj.__tablename__ in TRACKED:
                _deleting(session, obj.__tablename__, {k[1]})
            else:
                _note(session, [(k[0], k[1])])
        for obj in list(session.dirty):
            k = _key(obj)
            if k is not None and k[1] is not None and session.is_modified(obj):
                _note(session, [(k[0], k[1])])


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _ctx) -> None:
    for obj in list(session.new) + list(session.dirty):
        k = _key(obj)
        if k is not None and k[1] is not None:
            _note(session, [(k[0], k[1])])


@event.listens_for(Session, "do_orm_execute")
def _core_statement(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    stmt: Any = state.statement
    table = getattr(stmt, "table", None)
    name = getattr(table, "name", None)
    if name not in TRACKED and name not in OWNED:
        return
    session = state.session
    if state.is_insert:
        params = state.parameters
        rows: list[Any] = list(params) if isinstance(params, list) else [params] if params else []
        if not rows:
            rows = [stmt.compile().params]
        if name in TRACKED and any(r.get("id") is None for r in rows):
            # ids the database will choose: every row past today's maximum is new
            t = _table(name)
            last = session.connection().execute(select(func.coalesce(func.max(t.c.id), 0))).scalar_one()
            after = session.info.setdefault(AFTER, {})
            after[name] = min(after.get(name, last), last)
        touch_rows(session, name, [r for r in rows if name in OWNED or r.get("id") is not None])
        return
    t = _table(name)
    where = stmt.whereclause
    col = t.c.id if name in TRACKED else t.c[OWNED[name][1]]
    q = select(col) if where is None else select(col).where(where)
    ids = set(session.connection().execute(q).scalars())
    if state.is_delete:
        _deleting(session, name, ids)
    else:
        touch(session, name, ids)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    session.flush()
    if touched(session) or session.info.get(AFTER):
        from . import events

        events.settle(session)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(INFO, None)
    session.info.pop(INFO + ".deleted", None)
    session.info.pop(LAST_EVENT, None)
    session.info.pop(AFTER, None)
    session.info.pop(KNOWN, None)


@event.listens_for(Session, "after_soft_rollback")
def _forget_known(session: Session, _previous) -> None:
    session.info.pop(KNOWN, None)  # a savepoint rolled back may have taken known rows with it


LAST_EVENT = "rowstate.last_event"


AFTER = "rowstate.inserted_after"


def take(session: Session) -> set[Key]:
    """The rows touched since the last event, forgetting them."""
    after: dict[str, int] = session.info.pop(AFTER, {})
    for table, last in after.items():  # inserts that gave no ids: every row past the old maximum
        t = _table(table)
        touch(session, table, session.connection().execute(select(t.c.id).where(t.c.id > last)).scalars())
    keys = set(touched(session))
    touched(session).clear()
    return keys


def baseline(conn: Connection) -> int:
    """Record the present state of every row in one "ledger.baseline" event (for rows that came in
    before row states were kept). Core only, so that a migration can run it. Returns the row count."""
    from .events import GENESIS, actor, event_hash
    from .models import Event, EventRow, utcnow

    ev, er = cast(Table, Event.__table__), cast(Table, EventRow.__table__)
    if not any(conn.execute(select(_table(t).c.id).limit(1)).first() for t in TRACKED):
        return 0
    prev = conn.execute(select(ev.c.hash).order_by(ev.c.id.desc()).limit(1)).scalar() or GENESIS
    at, who = utcnow(), actor()
    pending = hashlib.sha256(f"{prev}{at}".encode()).hexdigest()  # unique until the real hash is known
    values = dict(at=at, actor=who, action="ledger.baseline", target="ledger", payload="{}", prev_hash=prev)
    event_id = conn.execute(ev.insert().values(hash=pending, **values).returning(ev.c.id)).scalar_one()
    d = Digest()
    for table in sorted(TRACKED):
        batch: list[dict] = []
        for oid, h in current(conn, table):
            d.add(table, oid, h)
            batch.append({"event_id": event_id, "tbl": table, "row_id": oid, "hash": h})
            if len(batch) >= 5000:
                conn.execute(er.insert(), batch)
                batch = []
        if batch:
            conn.execute(er.insert(), batch)
    payload = json.dumps({"rows": d.count}, sort_keys=True)
    state = d.hexdigest()
    conn.execute(
        ev.update()
        .where(ev.c.id == event_id)
        .values(
            payload=payload,
            state=state,
            hash=event_hash(prev, at.isoformat(), who, "ledger.baseline", "ledger", payload, state),
        )
    )
    return d.count
