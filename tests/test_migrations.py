"""Migrations in the style of pytest-alembic: one head, no drift, up/down/up on data."""

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from provenance.ledger.db import alembic_config, downgrade, make_engine, upgrade
from provenance.ledger.models import Base


def script():
    return ScriptDirectory.from_config(alembic_config("sqlite://"))


def revisions_in_order():
    return [r.revision for r in reversed(list(script().walk_revisions()))]


def test_single_head():
    assert len(script().get_heads()) == 1


def test_models_and_migrations_do_not_drift(tmp_path):
    url = f"sqlite:///{tmp_path / 'drift.db'}"
    engine = make_engine(url)
    upgrade(engine, url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_constraint_names_follow_the_convention(tmp_path):
    url = f"sqlite:///{tmp_path / 'names.db'}"
    upgrade(make_engine(url), url)
    sql = "\n".join(r[0] for r in sqlite3.connect(tmp_path / "names.db").execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
    for name in ("pk_claims", "fk_claims_source_id_sources", "ck_spans_offsets", "uq_sources_sha256",
                 "ix_claims_subject_property"):
        assert name in sql


def test_upgrade_downgrade_upgrade_each_revision_with_data(demo):
    url = f"sqlite:///{demo.db}"
    engine = make_engine(url)
    revs = revisions_in_order()
    for i in reversed(range(len(revs))):
        target = revs[i - 1] if i else "base"
        downgrade(engine, url, target)
        upgrade(engine, url, revs[i])
        downgrade(engine, url, target)
    upgrade(engine, url, "head")
    engine.dispose()
    # The upgraded database works again through the CLI.
    demo("demo", "--no-report")
    assert len(demo.json("claims", "list")) == 37


def test_schema_enforces_offsets_and_foreign_keys(demo):
    conn = sqlite3.connect(demo.db)
    conn.execute("PRAGMA foreign_keys=ON")
    import pytest

    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO spans (source_id, start, \"end\", quote, prefix, suffix, method, score)"
                     " VALUES (1, 5, 5, 'x', '', '', 'exact', 1)")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO spans (source_id, start, \"end\", quote, prefix, suffix, method, score)"
                     " VALUES (999, 0, 5, 'x', '', '', 'exact', 1)")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE claims SET polarity='maybe' WHERE id=1")


def test_the_quick_revision_reader_agrees_with_alembic():
    from provenance.ledger.db import head_revisions, known_revisions

    assert head_revisions() == frozenset(script().get_heads())
    assert known_revisions() == frozenset(r.revision for r in script().walk_revisions())


def test_claims_with_status_candidate_move_to_the_candidates_table(demo):
    """Revision 0004: one review path. An unreviewed claim becomes a pending candidate, and
    accepting that candidate records the claim again."""
    import pytest

    before = demo.json("claims", "show", "1")
    url = f"sqlite:///{demo.db}"
    engine = make_engine(url)
    downgrade(engine, url, "0003")
    engine.dispose()
    conn = sqlite3.connect(demo.db)
    conn.execute("UPDATE claims SET status = 'candidate' WHERE id = 1")
    conn.commit()
    conn.close()
    upgrade(make_engine(url), url, "head")
    assert 1 not in [c["id"] for c in demo.json("claims", "list")]
    (moved,) = demo.json("candidates", "list")
    assert (moved["source"], moved["start"], moved["end"], moved["value"], moved["status"]) == (
        before["source_id"], before["start"], before["end"], before["value_text"], "pending")
    assert moved["subject"] == {"name": before["subject"], "entity": moved["subject"]["entity"], "link": "known"}
    assert moved["property"]["name"] == before["property"] and "claim 1" in moved["note"]
    demo("candidates", "accept", str(moved["id"]))
    again = [c for c in demo.json("claims", "list") if c["start"] == before["start"]
             and c["source_id"] == before["source_id"]]
    assert [(c["subject"], c["value_text"], c["status"]) for c in again] == [
        (before["subject"], before["value_text"], "accepted")]
    demo("verify")
    with pytest.raises(sqlite3.IntegrityError):
        sqlite3.connect(demo.db).execute("UPDATE claims SET status = 'candidate' WHERE id = 2")


def _conflicts(path) -> dict[str, tuple]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT id, key, status, note FROM conflicts WHERE kind IN ('accusation', 'rule')").fetchall()
    links = {}
    for cid, claim in conn.execute("SELECT conflict_id, claim_id FROM conflict_claims"):
        links.setdefault(cid, set()).add(claim)
    verdicts = {(k, c) for k, c in conn.execute(
        "SELECT c.key, v.claim_id FROM verdicts v JOIN conflicts c ON c.id = v.conflict_id")}
    conn.close()
    return {key: (status, note, frozenset(links[cid]), frozenset(c for k, c in verdicts if k == key))
            for cid, key, status, note in rows}


def test_per_pair_accusations_and_rules_fold_into_grouped_ones_up_down_up(demo):
    """Ledgers of older versions hold one accusation or rule conflict per pair of claims; the
    migration folds them into the grouped conflict a scan now finds, keeping people's decisions."""
    import re

    url = f"sqlite:///{demo.db}"
    engine = make_engine(url)
    grouped = _conflicts(demo.db)
    assert any(k.startswith("accusation:p") for k in grouped) and any(k.startswith("rule#") for k in grouped)
    downgrade(engine, url, "0006")
    pairs = _conflicts(demo.db)
    assert pairs and all(re.fullmatch(r"(accusation|rule#\d+):\d+,\d+", k) for k in pairs)
    accusations = sorted(k for k in pairs if k.startswith("accusation"))
    assert len(accusations) >= 2
    # As an older version's ledger would be: people decided some pairs one way, some another.
    conn = sqlite3.connect(demo.db)
    conn.execute("UPDATE conflicts SET status = 'dismissed', note = 'one side quoting the other', "
                 "decided_by = 'ana', decided_at = '2026-01-02 10:00:00' WHERE key = ?", (accusations[0],))
    conn.execute("UPDATE conflicts SET status = 'confirmed', note = 'checked with the desk', "
                 "decided_by = 'bo', decided_at = '2026-01-03 10:00:00' WHERE key = ?", (accusations[1],))
    rule_pair = next(k for k in pairs if k.startswith("rule#"))
    conn.execute("UPDATE conflicts SET status = 'resolved', note = 'the share was a typo', decided_by = 'ana', "
                 "decided_at = '2026-01-04 10:00:00' WHERE key = ?", (rule_pair,))
    rule_claim = conn.execute("SELECT claim_id FROM conflict_claims JOIN conflicts ON conflicts.id = conflict_id "
                              "WHERE key = ? ORDER BY claim_id LIMIT 1", (rule_pair,)).fetchone()[0]
    conn.execute("INSERT INTO verdicts (conflict_id, claim_id, rating, decided_by, decided_at) SELECT id, ?, "
                 "'false', 'ana', '2026-01-04 10:00:00' FROM conflicts WHERE key = ?", (rule_claim, rule_pair))
    conn.commit()
    conn.close()

    upgrade(engine, url, "head")
    folded = _conflicts(demo.db)
    assert folded.keys() == grouped.keys()  # the very keys the grouped detectors find
    for key, (_, _, claims, _) in folded.items():
        assert claims == grouped[key][2]
    accusation = next(v for k, v in folded.items() if k.startswith("accusation"))
    assert accusation[0] == "confirmed"  # the latest decision wins over the earlier one and open
    assert "one side quoting the other" in accusation[1] and "checked with the desk" in accusation[1]
    rule_group = next(v for k, v in folded.items() if rule_claim in v[2] and v[0] == "resolved")
    assert rule_group[1] == "the share was a typo" and rule_group[3] == {rule_claim}

    downgrade(engine, url, "0006")
    again = _conflicts(demo.db)
    assert again.keys() == pairs.keys()
    assert {v[0] for k, v in again.items() if k.startswith("accusation")} == {"confirmed"}
    upgrade(engine, url, "head")
    engine.dispose()
    assert _conflicts(demo.db) == folded
    # A scan now finds the folded disagreements already stored: nothing is added beside them.
    assert demo("conflicts", "scan").stdout.startswith("0 new conflict")


def _pair_kinds(path) -> dict[str, tuple]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT id, key, status, note FROM conflicts "
                        "WHERE kind IN ('single_value', 'denial', 'decrease')").fetchall()
    links: dict[int, set] = {}
    for cid, claim in conn.execute("SELECT conflict_id, claim_id FROM conflict_claims"):
        links.setdefault(cid, set()).add(claim)
    conn.close()
    return {key: (status, note, frozenset(links[cid])) for cid, key, status, note in rows}


def test_per_pair_single_value_denial_decrease_fold_into_grouped_ones_up_down_up(tmp_path):
    """Older ledgers hold one single-value, denial or decrease conflict per pair of claims; the
    migration folds them into one per question and pair of answers, as a scan now stores them,
    keeping people's decisions, and the ledger still verifies."""
    import re
    import sys
    from pathlib import Path

    from tests.conftest import Cli

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import build

    path = tmp_path / "ledger.db"
    build(str(path), 1500, seed=4)
    cli = Cli(path)
    cli("conflicts", "scan")
    grouped = _pair_kinds(path)
    assert grouped and all(re.fullmatch(r"(single_value|denial|decrease):s\d+:p\d+:[0-9a-f]{16}", k) for k in grouped)
    big = next(k for k, v in sorted(grouped.items()) if k.startswith("single_value") and len(v[2]) >= 4)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    downgrade(engine, url, "0010")
    pairs = _pair_kinds(path)
    assert len(pairs) > len(grouped) and all(re.fullmatch(r"\w+:\d+,\d+", k) for k in pairs)
    mine = sorted(k for k, v in pairs.items() if k.startswith("single_value") and v[2] <= grouped[big][2])
    assert len(mine) >= 2
    conn = sqlite3.connect(path)
    conn.execute("UPDATE conflicts SET status = 'dismissed', note = 'a typo', decided_by = 'ana', "
                 "decided_at = '2026-01-02 10:00:00' WHERE key = ?", (mine[0],))
    conn.execute("UPDATE conflicts SET status = 'confirmed', note = 'checked', decided_by = 'bo', "
                 "decided_at = '2026-01-03 10:00:00' WHERE key = ?", (mine[1],))
    conn.commit()
    conn.close()

    upgrade(engine, url, "head")
    folded = _pair_kinds(path)
    assert folded.keys() == grouped.keys()  # the very keys the grouped pass stores
    assert all(folded[k][2] == grouped[k][2] for k in folded)
    assert folded[big][0] == "confirmed" and "a typo" in folded[big][1] and "checked" in folded[big][1]
    downgrade(engine, url, "0010")
    assert _pair_kinds(path).keys() == pairs.keys()
    upgrade(engine, url, "head")
    engine.dispose()
    assert _pair_kinds(path) == folded
    # Nothing is added beside the folded conflicts, and every changed row is recorded.
    assert cli("conflicts", "scan").stdout.startswith("0 new conflict")
    assert cli("verify").exit_code == 0
