"""fold per-pair single-value, denial and decrease conflicts into one per question and pair of answers

Ledgers scanned before these kinds were grouped hold one conflict per pair of claims
("single_value:12,40"). Each is folded into the grouped conflict the detector now finds
("single_value:s<subject>:p<property>:<answers>", see provenance/detect/grouping.py), backed by the
union of their claims, so a re-scan adds nothing beside them. As in 0009, a person's decisions
survive: one status shared by all is kept; otherwise the latest decision (confirmed, dismissed,
resolved) wins over open, and open over superseded. Notes are kept (prefixed by the old conflict's
id when they differ); verdicts move to the grouped conflict. The rows changed are recorded in one
"ledger.baseline" event, so that `provenance verify` holds after the upgrade.

Downgrade expands each grouped conflict back into one conflict per pair of its claims that give
different answers, each with the group's status, note and verdicts.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

KINDS = ("single_value", "denial", "decrease")
OLD = re.compile(r"^(single_value|denial|decrease):\d+,\d+$")
GROUPED = re.compile(r"^(single_value|denial|decrease):s\d+:p\d+:[0-9a-f]{16}$")
DECIDED = ("confirmed", "dismissed", "resolved")
COUNTS = re.compile(r": \d+ claims? from \d+ (speaker|source)s?; ")


def _answer(r: dict) -> str:
    """What makes two claims give the same answer (frozen copy of detect/grouping.py's)."""
    from provenance.anchoring import fold_text
    from provenance.values import Label, from_json

    v = from_json(r["value_json"])
    value = (v.type, v.key) if isinstance(v, Label) else v
    return repr((r["polarity"], fold_text(r["scope"]) if r["scope"] else "", value))


def _claims(conn, ids) -> dict[int, dict]:
    out = {}
    ids = sorted(ids)
    for i in range(0, len(ids), 500):
        rows = conn.execute(
            sa.text("SELECT id, subject_id, property_id, source_id, value_json, value_text, polarity, scope "
                    "FROM claims WHERE id IN :ids").bindparams(sa.bindparam("ids", expanding=True)),
            {"ids": ids[i:i + 500]},
        ).mappings()
        out.update({r["id"]: dict(r) for r in rows})
    return out


def _conflicts(conn) -> list[dict]:
    kinds = ", ".join(f"'{k}'" for k in KINDS)
    rows = conn.execute(sa.text(
        "SELECT id, key, kind, explanation, severity, status, note, decided_by, decided_at, rule_id, "
        f"detector, detector_version, created_at FROM conflicts WHERE kind IN ({kinds}) ORDER BY id")).mappings()
    out = [dict(r) for r in rows]
    links: dict[int, list[int]] = defaultdict(list)
    q = f"SELECT conflict_id, claim_id FROM conflict_claims WHERE conflict_id IN (SELECT id FROM conflicts WHERE kind IN ({kinds}))"
    for cid, claim in conn.execute(sa.text(q + " ORDER BY claim_id")):
        links[cid].append(claim)
    for c in out:
        c["claims"] = links.get(c["id"], [])
    return out


def _status(members: list[dict]) -> dict:
    if len({m["status"] for m in members}) == 1:
        return members[0]
    decided = [m for m in members if m["status"] in DECIDED]
    if decided:
        return max(decided, key=lambda m: (m["decided_at"] is not None, m["decided_at"] or 0, m["id"]))
    return next((m for m in members if m["status"] == "open"), members[0])


def _note(members: list[dict]) -> str | None:
    notes = [(m["id"], m["note"]) for m in members if m["note"]]
    if len({n for _, n in notes}) <= 1:
        return notes[0][1] if notes else None
    return " | ".join(f"conflict {i}: {n}" for i, n in notes)


def _shown(r: dict) -> str:
    return r["value_text"] + (f" counting {r['scope']!r}" if r["scope"] else "")


def _head(kind: str, a: dict, b: dict, names: dict, props: dict) -> str:
    """As detect/grouping.py heads a grouped conflict (without hedges)."""
    where = f"{names.get(a['subject_id'], a['subject_id'])}: {props.get(a['property_id'], a['property_id'])}"
    if kind == "denial":
        yes, no = (a, b) if a["polarity"] == "asserts" else (b, a)
        return f"{where}, {_shown(yes)} asserted vs denied ({_shown(no)})"
    if kind == "decrease":
        return f"{where}, {_shown(a)} then lower {_shown(b)}"  # the old explanation names the order
    first, second = sorted((a, b), key=_answer)
    return f"{where}, {_shown(first)} vs {_shown(second)}"


def _record(conn, keys: set[tuple[str, int]]) -> None:
    """One event holding the new state of every conflict the migration changed or deleted."""
    from provenance.ledger.events import GENESIS, actor, event_hash
    from provenance.ledger.rowstate import digest, states
    from provenance.ledger.models import Event, EventRow, utcnow

    if not keys or conn.execute(sa.text("SELECT COUNT(*) FROM events")).scalar() == 0:
        return
    rows = states(conn, keys)
    prev = conn.execute(sa.text("SELECT hash FROM events ORDER BY id DESC LIMIT 1")).scalar() or GENESIS
    at, who = utcnow(), actor()
    payload = json.dumps({"rows": len(rows), "migration": "0011 grouped pair conflicts"}, sort_keys=True)
    state = digest(rows)
    h = event_hash(prev, at.isoformat(), who, "ledger.baseline", "conflicts", payload, state)
    ev, er = Event.__table__, EventRow.__table__
    event_id = conn.execute(
        ev.insert()
        .values(at=at, actor=who, action="ledger.baseline", target="conflicts", payload=payload, prev_hash=prev,
                hash=h, state=state)
        .returning(ev.c.id)
    ).scalar_one()
    for i in range(0, len(rows), 5000):
        conn.execute(er.insert(), [{"event_id": event_id, "tbl": t, "row_id": r, "hash": hh}
                                   for t, r, hh in rows[i:i + 5000]])


def _move_and_delete(conn, target: int, member: int) -> None:
    conn.execute(sa.text(
        "INSERT INTO verdicts (conflict_id, claim_id, rating, decided_by, decided_at) "
        "SELECT :t, v.claim_id, v.rating, v.decided_by, v.decided_at FROM verdicts v "
        "WHERE v.conflict_id = :m AND NOT EXISTS (SELECT 1 FROM verdicts w "
        "WHERE w.conflict_id = :t AND w.claim_id = v.claim_id)"), {"t": target, "m": member})
    conn.execute(sa.text("DELETE FROM verdicts WHERE conflict_id = :m"), {"m": member})
    conn.execute(sa.text("DELETE FROM conflict_claims WHERE conflict_id = :m"), {"m": member})
    conn.execute(sa.text("DELETE FROM conflicts WHERE id = :m"), {"m": member})


def upgrade() -> None:
    conn = op.get_bind()
    found = _conflicts(conn)
    old = [c for c in found if OLD.match(c["key"]) and len(c["claims"]) == 2]
    if not old:
        return
    names = dict(conn.execute(sa.text("SELECT id, name FROM entities")).all())
    props = dict(conn.execute(sa.text("SELECT id, name FROM properties")).all())
    claims = _claims(conn, {i for c in old for i in c["claims"]})
    groups: dict[str, list[dict]] = defaultdict(list)
    heads: dict[str, str] = {}
    for c in old:
        a, b = (claims.get(i) for i in c["claims"])
        if a is None or b is None or (a["subject_id"], a["property_id"]) != (b["subject_id"], b["property_id"]):
            continue
        digest = hashlib.sha1("|".join(sorted((_answer(a), _answer(b)))).encode()).hexdigest()[:16]
        key = f"{c['kind']}:s{a['subject_id']}:p{a['property_id']}:{digest}"
        groups[key].append(c)
        heads.setdefault(key, _head(c["kind"], a, b, names, props))
    existing = {c["key"]: c for c in found if GROUPED.match(c["key"])}
    touched: set[tuple[str, int]] = set()
    for key, members in groups.items():
        target = existing.get(key)
        everyone = ([target] if target else []) + members
        keep = _status(everyone)
        ids = sorted({i for m in everyone for i in m["claims"]})
        sources = {claims[i]["source_id"] for i in ids if i in claims}
        tally = f"{len(ids)} claim{'s' * (len(ids) != 1)} from {len(sources)} source{'s' * (len(sources) != 1)}"
        if target is not None:
            explanation = COUNTS.sub(f": {tally}; ", target["explanation"], count=1)
        else:
            explanation = f"{heads[key]}: {tally}; for example {members[0]['explanation']}"
            target = members[0]  # the first old conflict becomes the grouped one: its id stays
        conn.execute(sa.text("UPDATE conflicts SET key = :key, status = :status, note = :note, "
                             "decided_by = :decided_by, decided_at = :decided_at, explanation = :explanation "
                             "WHERE id = :id"),
                     {"key": key, "status": keep["status"], "note": _note(everyone), "decided_by": keep["decided_by"],
                      "decided_at": keep["decided_at"], "explanation": explanation, "id": target["id"]})
        touched.add(("conflicts", target["id"]))
        for m in everyone:
            if m["id"] != target["id"]:
                _move_and_delete(conn, target["id"], m["id"])
                touched.add(("conflicts", m["id"]))
        have = set(target["claims"])
        missing = [i for i in ids if i not in have]
        if missing:
            conn.execute(sa.text("INSERT INTO conflict_claims (conflict_id, claim_id) VALUES (:c, :k)"),
                         [{"c": target["id"], "k": i} for i in missing])
    _record(conn, touched)


def downgrade() -> None:
    conn = op.get_bind()
    grouped = [c for c in _conflicts(conn) if GROUPED.match(c["key"])]
    if not grouped:
        return
    claims = _claims(conn, {i for c in grouped for i in c["claims"]})
    touched: set[tuple[str, int]] = set()
    cols = ("kind", "explanation", "severity", "status", "note", "decided_by", "decided_at", "rule_id", "detector",
            "detector_version", "created_at")
    for c in grouped:
        members = [claims[i] for i in c["claims"] if i in claims]
        pairs = [(a["id"], b["id"]) for n, a in enumerate(members) for b in members[n + 1:]
                 if _answer(a) != _answer(b)]
        verdicts = conn.execute(sa.text("SELECT claim_id, rating, decided_by, decided_at FROM verdicts "
                                        "WHERE conflict_id = :c"), {"c": c["id"]}).mappings().all()
        conn.execute(sa.text("DELETE FROM conflict_claims WHERE conflict_id = :c"), {"c": c["id"]})
        conn.execute(sa.text("DELETE FROM verdicts WHERE conflict_id = :c"), {"c": c["id"]})
        conn.execute(sa.text("DELETE FROM conflicts WHERE id = :c"), {"c": c["id"]})
        touched.add(("conflicts", c["id"]))
        explanation = c["explanation"]
        m = COUNTS.search(explanation)
        if m is not None and explanation[m.end():].startswith("for example "):
            explanation = explanation[m.end() + len("for example "):]
        for n, (a, b) in enumerate(pairs):
            row = {k: c[k] for k in cols}
            row["explanation"] = explanation
            row["key"] = f"{c['kind']}:{a},{b}"
            if n == 0:  # the first pair keeps the grouped conflict's id
                row["id"] = c["id"]
            names = ", ".join(row)
            conn.execute(sa.text(f"INSERT INTO conflicts ({names}) VALUES ({', '.join(':' + k for k in row)})"), row)
            cid = c["id"] if n == 0 else conn.execute(
                sa.text("SELECT id FROM conflicts WHERE key = :k"), {"k": row["key"]}).scalar()
            touched.add(("conflicts", cid))
            conn.execute(sa.text("INSERT INTO conflict_claims (conflict_id, claim_id) VALUES (:c, :a), (:c, :b)"),
                         {"c": cid, "a": a, "b": b})
            for v in verdicts:
                if v["claim_id"] in (a, b):
                    conn.execute(sa.text("INSERT INTO verdicts (conflict_id, claim_id, rating, decided_by, "
                                         "decided_at) VALUES (:c, :k, :r, :by, :at)"),
                                 {"c": cid, "k": v["claim_id"], "r": v["rating"], "by": v["decided_by"],
                                  "at": v["decided_at"]})
    _record(conn, touched)
