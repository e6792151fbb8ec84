"""Tamper evidence: a real ledger built through the CLI, then changed behind its back with raw SQL,
one kind of tampering per case; `provenance verify` must catch each, naming what was touched."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Cli

from provenance.cli import main

IMPORT = """format = "provenance-import/1"
[[entities]]
name = "Tamper Town"
aliases = ["TT"]
[[properties]]
name = "population"
type = "quantity"
"""


def _first(db: Path, sql: str):
    return sqlite3.connect(db).execute(sql).fetchone()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    """A ledger after many real actions (demo import, extraction, reviews, corrections, undo,
    merges, an import), checked clean; with its published head."""
    base = tmp_path_factory.mktemp("tamper")
    path = base / "ledger.db"
    r = CliRunner().invoke(main, ["--db", str(path), "demo", "--no-report"])
    assert r.exit_code == 0, r.output
    cli = Cli(path)
    (base / "more.toml").write_text(IMPORT)
    cli("import", str(base / "more.toml"))
    cli("extract", "1")
    pending = [c for c in cli.json("candidates", "list") if c["status"] == "pending"]
    cli("candidates", "accept", str(pending[0]["id"]))
    cli("candidates", "reject", str(pending[1]["id"]))
    conflicts = cli.json("conflicts", "list")
    first = conflicts[0]
    claim_ids = [c["id"] for c in cli.json("conflicts", "show", str(first["id"]))["claims"]]
    cli("conflicts", "resolve", str(first["id"]), "--verdict", f"{claim_ids[0]}=mostly-true", "--note", "checked")
    cli("conflicts", "dismiss", str(conflicts[1]["id"]), "--note", "different events")
    cli("sources", "grade", "2", "b")
    cli("sources", "edit", "3", "--title", "Edited title", "--published", "2024-03-28")
    cli("entities", "alias", "add", "Pakistan", "Islamic Republic")
    cli("entities", "add", "Spokesman")
    cli("entities", "set-side", "Spokesman", "Pakistan")
    cli("entities", "add", "Spokesperson")
    cli("entities", "merge", "Spokesman", "Spokesperson")
    cli("entities", "rename", "Tamper Town", "Tamper City")
    cli("claims", "edit", "2", "--hedge", "about")
    cli("claims", "reject", "4", "--reason", "misread")
    cli("undo")
    cli("entities", "alias", "remove", "Tamper City", "TT")
    cli("undo")
    cli("rules", "add", "tamper-rule", "--left", "population", "--right", "population",
        "--rationale", "for the test", ok=False)  # either way the ledger must stay consistent
    cli("conflicts", "scan")
    r = cli("verify")
    assert r.exit_code == 0 and r.stdout.startswith("ok:"), r.output
    head = cli("verify", "--head").stdout.strip()
    assert re.fullmatch(r"[0-9a-f]{64}", head)
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path, head


def test_a_ledger_after_many_real_actions_verifies_clean(built):
    path, head = built
    cli = Cli(path)
    assert cli("verify", "--expect-head", head).stdout.startswith("ok:")
    # every kind of row the chain covers is there to be tampered with
    for table in ("sources", "spans", "entities", "aliases", "properties", "claims", "rules", "conflicts",
                  "candidates", "verdicts"):
        assert _first(path, f"SELECT count(*) FROM {table}")[0] > 0, table


def _rewrite_chain_after(db: Path) -> None:
    """The attacker with the source code: change a claim, then re-record its state and re-hash the
    whole chain from there. Only a published head shows it."""
    from sqlalchemy import select, update

    from provenance.ledger import rowstate
    from provenance.ledger.db import open_db
    from provenance.ledger.events import GENESIS, event_hash
    from provenance.ledger.models import Event, EventRow

    sqlite3.connect(db).execute("UPDATE claims SET value_text = 'forged' WHERE id = 1").connection.commit()
    database = open_db(str(db))
    with database.engine.begin() as conn:
        er = EventRow.__table__
        (h,) = [h for _, h in rowstate.current(conn, "claims", [1])]
        last = conn.execute(select(er.c.event_id).where(er.c.tbl == "claims", er.c.row_id == 1)
                            .order_by(er.c.event_id.desc())).scalars().first()
        conn.execute(update(er).where(er.c.event_id == last, er.c.tbl == "claims", er.c.row_id == 1).values(hash=h))
        prev = GENESIS
        for ev in conn.execute(select(Event.__table__).order_by(Event.id)).all():
            state = ev.state
            if ev.id == last:
                rows = conn.execute(select(er.c.tbl, er.c.row_id, er.c.hash).where(er.c.event_id == ev.id)).all()
                state = rowstate.digest([tuple(r) for r in rows])
            new = event_hash(prev, ev.at.isoformat(), ev.actor, ev.action, ev.target, ev.payload, state)
            conn.execute(update(Event.__table__).where(Event.id == ev.id).values(prev_hash=prev, hash=new, state=state))
            prev = new
    database.close()


def _corrupt_index(db: Path) -> None:
    con = sqlite3.connect(db)
    (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_claims_subject_property'").fetchone()
    (size,) = con.execute("PRAGMA page_size").fetchone()
    con.close()
    with open(db, "r+b") as f:
        f.seek((root - 1) * size + 8)
        f.write(b"\xff" * 64)


LAST_CLAIM = "(SELECT max(id) FROM claims)"
CASES: list[tuple[str, str | None, str]] = [
    ("claim value_json", "UPDATE claims SET value_json = replace(value_json, '6000', '7000') WHERE id = 1",
     r"claim 1: differs from its last recorded state \(event \d+\)"),
    ("claim value figure", """UPDATE claims SET value_json = '{"type": "quantity", "value": 999}' WHERE id = 1""",
     r"claim 1: differs"),
    ("claim value_text", "UPDATE claims SET value_text = value_text || '0' WHERE id = 1", r"claim 1: differs"),
    ("polarity flipped",
     "UPDATE claims SET polarity = CASE polarity WHEN 'asserts' THEN 'denies' ELSE 'asserts' END WHERE id = 3",
     r"claim 3: differs"),
    ("subject moved", "UPDATE claims SET subject_id = (SELECT max(id) FROM entities) WHERE id = 5", r"claim 5: differs"),
    ("speaker changed", "UPDATE claims SET speaker_id = 1 WHERE id = 6", r"claim 6: differs"),
    ("claim rejected by hand", "UPDATE claims SET status = 'rejected', reason = 'gone' WHERE id = 10",
     r"claim 10: differs"),
    ("claim as-of moved", "UPDATE claims SET as_of_start = '1999-01-01', as_of_end = '1999-01-01' WHERE id = 7",
     r"claim 7: differs"),
    ("claim deleted", "DELETE FROM claims WHERE id = 8",
     r"claim 8: missing, but event \d+ recorded it \(deleted without an event\?\)"),
    ("claim forged", "INSERT INTO claims (source_id, subject_id, property_id, value_text, value_json, polarity,"
     " status, exclusive, created_at) SELECT source_id, subject_id, property_id, value_text, value_json, polarity,"
     " status, exclusive, created_at FROM claims WHERE id = 1",
     r"claim \d+: no event recorded it \(forged"),
    ("claim's span link removed", "DELETE FROM claim_spans WHERE claim_id = 9", r"claim 9: differs"),
    ("conflict status changed", "UPDATE conflicts SET status = 'dismissed' WHERE status = 'open'",
     r"conflict \d+: differs"),
    ("conflict note changed", "UPDATE conflicts SET note = 'nothing to see' WHERE status = 'dismissed'",
     r"conflict \d+: differs"),
    ("verdict changed", "UPDATE verdicts SET rating = 'false'", r"conflict \d+: differs"),
    ("verdict deleted", "DELETE FROM verdicts", r"conflict \d+: differs"),
    ("claim slipped into a conflict",
     "INSERT INTO conflict_claims (conflict_id, claim_id) VALUES ((SELECT min(id) FROM conflicts), "
     + LAST_CLAIM + ")", r"conflict \d+: differs"),
    ("conflict deleted", "DELETE FROM conflicts WHERE id = (SELECT min(id) FROM conflicts)",
     r"conflict \d+: missing"),
    ("source published date", "UPDATE sources SET published = '2001-09-11' WHERE id = 1", r"source 1: differs"),
    ("source grade", "UPDATE sources SET reliability = 'A' WHERE id = 2", r"source 2: differs"),
    ("source text, hash kept", "UPDATE sources SET text = replace(text, 'a', 'o') WHERE id = 1",
     r"source 1: text does not match its SHA-256"),
    ("source text, hash redone", "UPDATE sources SET text = text || ' ', chars = chars + 1,"
     " sha256 = 'aaaa' || substr(sha256, 5) WHERE id = 4", r"source 4: differs"),
    ("source title", "UPDATE sources SET title = 'Another title' WHERE id = 3", r"source 3: differs"),
    ("entity name", "UPDATE entities SET name = 'Someone else' WHERE id = 2", r"entity 2: differs"),
    ("entity forged", "INSERT INTO entities (name) VALUES ('Ghost')",
     r"entity \d+: (no event recorded it|present, but event \d+ recorded its deletion)"),
    ("alias added", "INSERT INTO aliases (entity_id, alias, key) VALUES (1, 'Sneaky', 'sneaky')",
     r"alias \d+: no event recorded it"),
    ("alias removed", "DELETE FROM aliases WHERE id = (SELECT min(id) FROM aliases)", r"alias \d+: missing"),
    ("alias moved to another entity", "UPDATE aliases SET entity_id = 2 WHERE id = (SELECT max(id) FROM aliases)",
     r"alias \d+: differs"),
    ("side changed", "UPDATE entities SET side_id = 1 WHERE side_id IS NOT NULL", r"entity \d+: differs"),
    ("property type", "UPDATE properties SET value_type = 'text' WHERE value_type = 'quantity'",
     r"property \d+: differs"),
    ("property made single-valued", "UPDATE properties SET single_value = 1 - single_value WHERE id = 1",
     r"property 1: differs"),
    ("rule changed", "UPDATE rules SET rationale = 'no reason' WHERE id = 1", r"rule 1: differs"),
    ("rule deleted", "DELETE FROM rules WHERE id = 2", r"rule 2: missing"),
    ("rule forged", "INSERT INTO rules (name, left_property_id, right_property_id, rationale) VALUES"
     " ('forged', 1, 2, 'x')", r"rule \d+: no event recorded it"),
    ("candidate accepted by hand", "UPDATE candidates SET status = 'accepted' WHERE status = 'pending'",
     r"candidate \d+: differs"),
    ("candidate value", "UPDATE candidates SET value_text = 'changed' WHERE id = 1", r"candidate 1: differs"),
    ("span offsets", "UPDATE spans SET start = start + 1 WHERE id = 1", r"span 1: "),
    ("span quote and offsets together", "UPDATE spans SET quote = substr(quote, 2), start = start + 1 WHERE id = 2",
     r"span 2: differs"),
    ("whole source deleted with dependents", "PRAGMA foreign_keys = ON; DELETE FROM sources WHERE id = 5",
     r"source 5: missing"),
    ("events reordered", "UPDATE events SET id = -id WHERE id IN (3, 4); UPDATE events SET id = 4 WHERE id = -3;"
     " UPDATE events SET id = 3 WHERE id = -4", r"event [34]: does not follow"),
    ("event payload edited", "UPDATE events SET payload = replace(payload, 'a', 'b') WHERE id = 2",
     r"event 2: its content does not match its hash"),
    ("event actor edited", "UPDATE events SET actor = 'someone' WHERE id = 10", r"event 10: its content"),
    ("recorded state forged to match", "UPDATE claims SET value_text = 'x' WHERE id = 1; UPDATE event_rows SET"
     " hash = '0000000000000000000000000000000000000000000000000000000000000000' WHERE tbl = 'claims' AND row_id = 1",
     r"event \d+: the row states it records do not match its hash"),
    ("recorded states deleted", "DELETE FROM event_rows WHERE event_id = (SELECT max(event_id) FROM event_rows)",
     r"event \d+: the row states it records are missing"),
    ("corrupted index page", None, r"^database: "),
    ("last event deleted", "DELETE FROM event_rows WHERE event_id = (SELECT max(id) FROM events);"
     " DELETE FROM events WHERE id = (SELECT max(id) FROM events)", r"chain: the published head \w+ is not in"),
    ("chain rewritten after a change", None, r"chain: the published head \w+ is not in"),
]


def test_there_are_at_least_thirty_kinds_of_tampering():
    assert len({name for name, _, _ in CASES}) == len(CASES) >= 30


@pytest.mark.parametrize(("name", "sql", "expected"), CASES, ids=[c[0] for c in CASES])
def test_tampering_is_caught(built, tmp_path, name, sql, expected):
    src, head = built
    db = tmp_path / "ledger.db"
    shutil.copy(src, db)
    if name == "corrupted index page":
        _corrupt_index(db)
    elif name == "chain rewritten after a change":
        _rewrite_chain_after(db)
        assert Cli(db)("verify").exit_code == 0  # the rewrite is consistent in itself...
    else:
        con = sqlite3.connect(db)
        before = con.total_changes
        con.executescript(sql)
        assert con.total_changes > before, "the tampering changed nothing"
        con.commit()
        con.close()
    r = Cli(db)("verify", "--expect-head", head, ok=False)
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert any(re.search(expected, line) for line in r.stdout.splitlines()), r.output


def test_head_must_be_a_hash(built, tmp_path):
    db = tmp_path / "ledger.db"
    shutil.copy(built[0], db)
    r = Cli(db)("verify", "--expect-head", "abc", ok=False)
    assert r.exit_code == 2 and "64 hex digits" in r.stderr
    later = Cli(db)
    later("entities", "add", "Later")
    assert later("verify", "--expect-head", built[1]).exit_code == 0  # growth after the head is fine


def test_rows_changed_after_the_last_event_or_without_one_are_still_recorded(demo):
    """No action has to remember: the session notes what it touched."""
    from sqlalchemy import select, update

    from provenance.ledger import events
    from provenance.ledger.db import open_db
    from provenance.ledger.models import Entity, Event, EventRow

    db = open_db(str(demo.db))
    with db.session() as s:
        events.record(s, "test.note", "entity:1")
        s.get_one(Entity, 1).kind = "changed after the event"  # folded into that event at commit
    with db.session() as s:
        s.execute(update(Entity).where(Entity.id == 2).values(kind="no event at all"))
    with db.session(readonly=True) as s:
        last_two = s.scalars(select(Event).order_by(Event.id.desc()).limit(2)).all()
        assert [e.action for e in last_two] == ["rows.change", "test.note"]
        rows = {e.id: {(t, i) for t, i in s.execute(select(EventRow.tbl, EventRow.row_id).where(EventRow.event_id == e.id))}
                for e in last_two}
        assert rows[last_two[1].id] == {("entities", 1)} and rows[last_two[0].id] == {("entities", 2)}
    db.close()
    assert demo("verify").stdout.startswith("ok:")
