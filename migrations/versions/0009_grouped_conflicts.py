"""fold per-pair accusation and rule conflicts into grouped disagreements

Ledgers scanned before accusations and rules were grouped hold one conflict per pair of claims
("accusation:12,40", "rule#3:7,9"). Each is folded into the grouped conflict the detector now
finds ("accusation:p<property>:<side>,<side>", "rule#<rule>:s<subject>:<values>"), backed by the
union of their claims, so a re-scan adds nothing beside them. A person's decisions survive: when
every folded conflict has one status it is kept; otherwise the latest decision (confirmed,
dismissed, resolved) wins over open, and open over superseded. Notes are kept, each prefixed by
the old conflict's id when they differ; verdicts move to the grouped conflict.

Downgrade expands each grouped accusation or rule conflict back into one conflict per pair of
its claims (mutually accusing claims of the two sides; a rule's left and right claims), each with
the group's status, note and verdicts.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

OLD_ACCUSATION = re.compile(r"^accusation:\d+,\d+$")
OLD_RULE = re.compile(r"^rule#(\d+):\d+,\d+$")
GROUPED_RULE = re.compile(r"^rule#\d+:s\d+:")
DECIDED = ("confirmed", "dismissed", "resolved")


def _answer(value_json: str):
    """What makes two claims give the same value, as detect/rule.py keys a rule's disagreement
    (frozen here: a label's (type, folded key), or the value itself)."""
    from provenance.values import Label, from_json

    v = from_json(value_json)
    return (v.type, v.key) if isinstance(v, Label) else v


class _Ledger:
    def __init__(self, conn) -> None:
        self.conn = conn
        self.entities = {i: (n, s) for i, n, s in conn.execute(sa.text("SELECT id, name, side_id FROM entities"))}
        self.props = dict(conn.execute(sa.text("SELECT id, name FROM properties")).all())
        self.rules = {i: (n, left, right) for i, n, left, right in conn.execute(
            sa.text("SELECT id, name, left_property_id, right_property_id FROM rules"))}

    def root(self, eid: int | None) -> int | None:
        seen = {eid}
        while eid is not None and (up := self.entities[eid][1]) is not None and up not in seen:
            eid = up
            seen.add(up)
        return eid

    def claims(self, ids) -> dict[int, dict]:
        out = {}
        ids = sorted(ids)
        for i in range(0, len(ids), 500):
            rows = self.conn.execute(
                sa.text("SELECT id, subject_id, property_id, speaker_id, source_id, value_json, polarity "
                        "FROM claims WHERE id IN :ids").bindparams(sa.bindparam("ids", expanding=True)),
                {"ids": ids[i:i + 500]},
            ).mappings()
            out.update({r["id"]: dict(r) for r in rows})
        return out


def _conflicts(conn, where: str) -> list[dict]:
    rows = conn.execute(sa.text(
        "SELECT id, key, kind, explanation, severity, status, note, decided_by, decided_at, rule_id, "
        f"detector, detector_version, created_at FROM conflicts WHERE {where} ORDER BY id")).mappings()
    out = [dict(r) for r in rows]
    links: dict[int, list[int]] = defaultdict(list)
    for cid, claim in conn.execute(sa.text("SELECT conflict_id, claim_id FROM conflict_claims ORDER BY claim_id")):
        links[cid].append(claim)
    for c in out:
        c["claims"] = links.get(c["id"], [])
    return out


def _grouped(conn) -> list[dict]:
    return [c for c in _conflicts(conn, "kind IN ('accusation', 'rule')")
            if c["key"].startswith("accusation:p") or GROUPED_RULE.match(c["key"])]


def _tally(n: int, m: int, what: str) -> str:
    return f"{n} claim{'s' * (n != 1)} from {m} {what}{'s' * (m != 1)}"


def _status(members: list[dict]) -> dict:
    """The decision the grouped conflict keeps (see the module's docstring)."""
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


def _group_of(ledger: _Ledger, c: dict, claims: dict[int, dict]) -> tuple[str, str, str] | None:
    """(grouped key, head, what to count) of an old per-pair conflict, or None to leave it."""
    members = [claims[i] for i in c["claims"] if i in claims]
    if len(members) != 2:
        return None
    a, b = members
    if c["kind"] == "accusation":
        x, y = ledger.root(a["speaker_id"]), ledger.root(b["speaker_id"])
        if x is None or y is None or x == y or a["property_id"] != b["property_id"]:
            return None
        x, y = sorted((x, y))
        names = sorted((ledger.entities[x][0], ledger.entities[y][0]))
        head = f"{names[0]} vs {names[1]} on {ledger.props[a['property_id']]}"
        return f"accusation:p{a['property_id']}:{x},{y}", head, "speaker"
    rule = ledger.rules.get(c["rule_id"])
    if rule is None or a["subject_id"] != b["subject_id"]:
        return None
    name, left_prop, _ = rule
    left, right = (a, b) if a["property_id"] == left_prop and (b["property_id"] != left_prop or a["id"] < b["id"]) else (b, a)
    digest = hashlib.sha1(f"{_answer(left['value_json'])!r}|{_answer(right['value_json'])!r}".encode()).hexdigest()[:16]
    subject = ledger.entities[a["subject_id"]][0]
    return f"rule#{c['rule_id']}:s{a['subject_id']}:{digest}", f"rule {name!r} on {subject}", "source"


def upgrade() -> None:
    conn = op.get_bind()
    ledger = _Ledger(conn)
    old = [c for c in _conflicts(conn, "kind IN ('accusation', 'rule')")
           if OLD_ACCUSATION.match(c["key"]) or OLD_RULE.match(c["key"])]
    if not old:
        return
    claims = ledger.claims({i for c in old for i in c["claims"]})
    groups: dict[str, list[dict]] = defaultdict(list)
    heads: dict[str, tuple[str, str]] = {}
    for c in old:
        found = _group_of(ledger, c, claims)
        if found is not None:
            groups[found[0]].append(c)
            heads[found[0]] = found[1:]
    existing = {c["key"]: c for c in _grouped(conn)}
    for key, members in groups.items():
        target = existing.get(key)
        everyone = ([target] if target else []) + members
        keep = _status(everyone)
        ids = sorted({i for m in everyone for i in m["claims"]})
        backing = [claims.get(i) or ledger.claims([i]).get(i) for i in ids]
        head, what = heads[key]
        field = "speaker_id" if what == "speaker" else "source_id"
        tally = _tally(len(ids), len({r[field] for r in backing if r}), what)
        example = members[0]["explanation"]
        explanation = target["explanation"] if target else f"{head}: {tally}; for example {example}"
        explanation = re.sub(r": \d+ claims? from \d+ (speaker|source)s?; ", f": {tally}; ", explanation, count=1)
        values = {"status": keep["status"], "note": _note(everyone), "decided_by": keep["decided_by"],
                  "decided_at": keep["decided_at"], "explanation": explanation}
        if target is None:  # the first old conflict becomes the grouped one: its id stays
            target = members[0]
            values["key"] = key
        conn.execute(sa.text("UPDATE conflicts SET key = :key, status = :status, note = :note, "
                             "decided_by = :decided_by, decided_at = :decided_at, explanation = :explanation "
                             "WHERE id = :id"), {"key": key, **values, "id": target["id"]})
        for m in everyone:
            if m["id"] == target["id"]:
                continue
            conn.execute(sa.text(
                "INSERT INTO verdicts (conflict_id, claim_id, rating, decided_by, decided_at) "
                "SELECT :t, v.claim_id, v.rating, v.decided_by, v.decided_at FROM verdicts v "
                "WHERE v.conflict_id = :m AND NOT EXISTS (SELECT 1 FROM verdicts w "
                "WHERE w.conflict_id = :t AND w.claim_id = v.claim_id)"), {"t": target["id"], "m": m["id"]})
            conn.execute(sa.text("DELETE FROM verdicts WHERE conflict_id = :m"), {"m": m["id"]})
            conn.execute(sa.text("DELETE FROM conflict_claims WHERE conflict_id = :m"), {"m": m["id"]})
            conn.execute(sa.text("DELETE FROM conflicts WHERE id = :m"), {"m": m["id"]})
        missing = [i for i in ids if i not in set(target["claims"])]
        if missing:
            conn.execute(sa.text("INSERT INTO conflict_claims (conflict_id, claim_id) VALUES (:c, :k)"),
                         [{"c": target["id"], "k": i} for i in missing])


def _pairs(ledger: _Ledger, c: dict, claims: dict[int, dict]) -> list[tuple[int, int]]:
    """The pairs of claims an older version stored one conflict each for."""
    from provenance.values import from_json

    members = [claims[i] for i in c["claims"] if i in claims]
    if c["kind"] == "accusation":
        def side_and_named(r):
            side = ledger.root(r["speaker_id"])
            return side, (ledger.entities[side][0].casefold() if side else None), from_json(r["value_json"]).key

        info = {r["id"]: side_and_named(r) for r in members}
        return [(a["id"], b["id"]) for i, a in enumerate(members) for b in members[i + 1:]
                if info[a["id"]][0] != info[b["id"]][0]
                and info[a["id"]][2] == info[b["id"]][1] and info[b["id"]][2] == info[a["id"]][1]]
    rule = ledger.rules.get(c["rule_id"])
    if rule is None:
        return []
    _, left, right = rule
    if left == right:
        return [(a["id"], b["id"]) for i, a in enumerate(members) for b in members[i + 1:]]
    return [(min(a["id"], b["id"]), max(a["id"], b["id"]))
            for a in members if a["property_id"] == left for b in members if b["property_id"] == right]


def downgrade() -> None:
    conn = op.get_bind()
    ledger = _Ledger(conn)
    grouped = _grouped(conn)
    claims = ledger.claims({i for c in grouped for i in c["claims"]})
    for c in grouped:
        pairs = _pairs(ledger, c, claims)
        prefix = f"rule#{c['rule_id']}" if c["kind"] == "rule" else "accusation"
        verdicts = conn.execute(sa.text("SELECT claim_id, rating, decided_by, decided_at FROM verdicts "
                                        "WHERE conflict_id = :c"), {"c": c["id"]}).mappings().all()
        conn.execute(sa.text("DELETE FROM conflict_claims WHERE conflict_id = :c"), {"c": c["id"]})
        conn.execute(sa.text("DELETE FROM verdicts WHERE conflict_id = :c"), {"c": c["id"]})
        conn.execute(sa.text("DELETE FROM conflicts WHERE id = :c"), {"c": c["id"]})
        for n, (a, b) in enumerate(pairs):
            row = {k: c[k] for k in ("kind", "explanation", "severity", "status", "note", "decided_by",
                                     "decided_at", "rule_id", "detector", "detector_version", "created_at")}
            row["key"] = f"{prefix}:{a},{b}"
            if n == 0:  # the first pair keeps the grouped conflict's id
                row["id"] = c["id"]
                cols = ", ".join(row)
                conn.execute(sa.text(f"INSERT INTO conflicts ({cols}) VALUES ({', '.join(':' + k for k in row)})"), row)
                cid = c["id"]
            else:
                cols = ", ".join(row)
                conn.execute(sa.text(f"INSERT INTO conflicts ({cols}) VALUES ({', '.join(':' + k for k in row)})"), row)
                cid = conn.execute(sa.text("SELECT id FROM conflicts WHERE key = :k"), {"k": row["key"]}).scalar()
            conn.execute(sa.text("INSERT INTO conflict_claims (conflict_id, claim_id) VALUES (:c, :a), (:c, :b)"),
                         {"c": cid, "a": a, "b": b})
            for v in verdicts:
                if v["claim_id"] in (a, b):
                    conn.execute(sa.text("INSERT INTO verdicts (conflict_id, claim_id, rating, decided_by, "
                                         "decided_at) VALUES (:c, :k, :r, :by, :at)"),
                                 {"c": cid, "k": v["claim_id"], "r": v["rating"], "by": v["decided_by"],
                                  "at": v["decided_at"]})
