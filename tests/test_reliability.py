"""Reliability: crashes, concurrent writers, tampering, hostile input, and versions."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.errors import ProvenanceError
from provenance.ingest.sources import decode

PROVENANCE = [sys.executable, "-m", "provenance"]


def run(db: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*PROVENANCE, "--db", str(db), *args], capture_output=True, text=True, **kw)


def bulk_import_file(tmp_path: Path, sources: int = 40, claims_per: int = 25) -> Path:
    """An import file with many sources, each with its own claims."""
    lines = ['[[entities]]\nname = "Group"\n', '[[properties]]\nname = "size"\ntype = "quantity"\n']
    for s in range(sources):
        text = "\n".join(f"Paragraph {s}-{i}: officials counted {100 + i} fighters near town {s}." for i in range(claims_per))
        (tmp_path / f"src{s}.txt").write_text(text * 3, encoding="utf-8")
        lines.append(f'[[sources]]\nkey = "s{s}"\nfile = "src{s}.txt"\n')
        for i in range(claims_per):
            lines.append(f'[[claims]]\nsource = "s{s}"\nquote = "Paragraph {s}-{i}: officials counted {100 + i} fighters"\n'
                         f'occurrence = 1\nsubject = "Group"\nproperty = "size"\nvalue = "at least 100"\n')
    path = tmp_path / "bulk.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def check_whole(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    sources = conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0]
    spans = conn.execute("SELECT source_id, COUNT(*) FROM spans GROUP BY source_id").fetchall()
    claims = conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    conn.close()
    # One transaction: either every source with all its spans and claims, or none at all.
    assert (sources, claims) in ((0, 0), (40, 1000)), (sources, claims)
    assert all(n == 25 for _, n in spans)
    return sources, claims


def test_sigkill_during_bulk_import_leaves_all_or_nothing(tmp_path):
    db = tmp_path / "crash.db"
    assert run(db, "db", "upgrade").returncode == 0
    bulk = bulk_import_file(tmp_path)
    rng = random.Random(7)
    outcomes = set()
    for _ in range(8):
        proc = subprocess.Popen([*PROVENANCE, "--db", str(db), "import", str(bulk)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        outcomes.add(check_whole(db))
        assert run(db, "verify").returncode == 0
        if outcomes == {(40, 1000)}:
            break
    # Finally let one import finish, then check again.
    assert run(db, "import", str(bulk)).returncode == 0
    assert check_whole(db) == (40, 1000)
    assert run(db, "verify").returncode == 0


WRITER = r"""
import sys
from pathlib import Path
from click.testing import CliRunner
from provenance.cli import main
db, n, folder = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
runner = CliRunner()
for i in range(10):
    p = folder / f"w{n}-{i}.txt"
    p.write_text(f"Writer {n} article {i}: exactly {n * 100 + i} fighters were seen.", encoding="utf-8")
    r = runner.invoke(main, ["--db", db, "sources", "add", str(p), "--json"])
    assert r.exit_code == 0, r.output
    import json
    sid = json.loads(r.stdout)[0]["id"]
    r = runner.invoke(main, ["--db", db, "claims", "add", str(sid), "--quote", f"exactly {n * 100 + i} fighters",
                             "--subject", "Group", "--property", "size", "--value", str(n * 100 + i)])
    assert r.exit_code == 0, r.output + r.stderr
"""


def test_four_concurrent_writers_lose_nothing(tmp_path):
    db = tmp_path / "busy.db"
    assert run(db, "entities", "add", "Group").returncode == 0
    assert run(db, "properties", "add", "size", "--type", "quantity").returncode == 0
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(n), str(tmp_path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(4)]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert "locked" not in err
    conn = sqlite3.connect(db)
    counts = [conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("sources", "claims", "spans")]
    assert counts == [40, 40, 40]
    conn.close()
    assert run(db, "verify").returncode == 0


@pytest.mark.parametrize("tamper,finding", [
    ("UPDATE sources SET text = replace(text, 'Officials', 'Soldiers') WHERE id = 1", "does not match its SHA-256"),
    ("UPDATE spans SET quote = 'something else' WHERE id = 1", "is not its quote"),
    ("UPDATE spans SET start = start + 1 WHERE id = 1", "is not its quote"),
    ("UPDATE events SET payload = '{}' WHERE id = 2", "does not match its hash"),
    ("DELETE FROM events WHERE id = 2", "does not follow the event before it"),
    ("UPDATE claims SET value_json = '{not json' WHERE id = 1", "stored value is not a valid value"),
])
def test_verify_catches_hand_edits(cli, article, tamper, finding):
    cli("sources", "add", str(article))
    cli("entities", "add", "Blast")
    cli("properties", "add", "toll", "--type", "quantity")
    cli("claims", "add", "1", "--quote", "12 people died", "--subject", "Blast", "--property", "toll", "--value", "12")
    assert cli("verify").exit_code == 0
    conn = sqlite3.connect(cli.db)
    conn.execute(tamper)
    conn.commit()
    conn.close()
    r = cli("verify", ok=False)
    assert r.exit_code == 7 and finding in r.stdout and "problem(s) found" in r.stderr


def _counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'")]
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    conn.close()
    return counts


def test_upgrading_a_database_with_data_from_every_earlier_revision_keeps_every_row(demo):
    from test_migrations import revisions_in_order

    head = _counts(demo.db)
    # Older revisions store accusations and rules (before 0009) and single-value, denial and
    # decrease conflicts (before 0011) one per pair of claims; upgrading folds them back into the
    # grouped conflicts the head started with.
    folded = {"conflicts", "conflict_claims"}
    for rev in revisions_in_order()[:-1]:
        demo("db", "downgrade", rev)  # a ledger as that revision left it, data and all
        before = _counts(demo.db)
        assert before["claims"] == 37 and before["sources"] == 5
        demo("db", "upgrade")
        after = _counts(demo.db)
        # every row kept (accusations, rules and pair conflicts folded back into groups); the
        # upgrades past row states (0010) and past the pair-conflict grouping (0011) each add at
        # most one baseline event recording what they wrote
        kept = folded | {"events", "event_rows"}
        assert {t: after[t] for t in before if t not in kept} == {t: n for t, n in before.items() if t not in kept}
        assert {t: after[t] for t in folded if t in before} == {t: head[t] for t in folded if t in before}
        assert after["events"] - before["events"] in (0, 1, 2)
        assert after["event_rows"] >= before.get("event_rows", 0)  # the baselines' row states
        demo("sources", "reindex")  # what an upgraded ledger gains: fingerprints and segments
        assert demo.json("sources", "copies", "2")[0]["source_id"] == 1
    assert demo("verify").exit_code == 0


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused_cleanly(data):
    try:
        text = decode(data, "input")
    except ProvenanceError as exc:
        assert exc.message.startswith("input: ")
        return
    assert isinstance(text, str) and text.strip()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
sections = st.dictionaries(
    st.sampled_from(["entities", "properties", "rules", "sources", "claims", "other"]),
    st.lists(st.dictionaries(
        st.sampled_from(["name", "type", "aliases", "left", "right", "rationale", "source", "quote",
                         "subject", "property", "value", "file", "sha256", "denies", "occurrence"]),
        json_values, max_size=6), max_size=3) | json_values,
    max_size=4,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(sections)
def test_hostile_import_files_fail_cleanly(tmp_path, doc):
    from provenance.claims.importer import import_file
    from provenance.ledger.db import open_db

    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    db = open_db(str(tmp_path / "hostile.db"))
    try:
        with db.session() as session:
            import_file(session, str(path))
    except ProvenanceError as exc:
        assert str(path) in exc.message
    finally:
        db.close()


def test_huge_file_is_refused(cli, tmp_path):
    cli("db", "init")
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # sparse: 51 MB of NULs, no time spent writing
    before = cli.snapshot()
    r = cli("sources", "add", str(big), ok=False)
    assert r.exit_code == 3 and "larger than 50 MB" in r.stderr
    assert cli.snapshot() == before


def test_a_hand_corrupted_row_gives_one_line_not_a_traceback(cli, article):
    cli("sources", "add", str(article))
    cli("entities", "add", "Blast")
    cli("properties", "add", "toll", "--type", "quantity")
    cli("claims", "add", "1", "--quote", "12 people died", "--subject", "Blast", "--property", "toll", "--value", "12")
    conn = sqlite3.connect(cli.db)
    conn.execute("UPDATE claims SET value_json = '{not json' WHERE id = 1")
    conn.commit()
    conn.close()
    for args in (("claims", "list"), ("claims", "list", "--json"), ("claims", "show", "1", "--json")):
        r = cli(*args, ok=False)
        assert r.exit_code == 1 and r.stderr.count("\n") == 1 and "provenance verify" in r.stderr, args


def test_a_huge_quote_not_in_the_source_is_refused_without_fuzzy_matching(cli, article):
    cli("sources", "add", str(article))
    cli("entities", "add", "Blast")
    cli("properties", "add", "toll", "--type", "quantity")
    r = cli("claims", "add", "1", "--quote", "officials said " * 5000, "--subject", "Blast",
            "--property", "toll", "--value", "1", ok=False)
    assert r.exit_code == 5 and "quote a shorter passage" in r.stderr
