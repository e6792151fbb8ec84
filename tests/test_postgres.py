"""The same ledger on PostgreSQL, the team backend. Runs when PROVENANCE_TEST_POSTGRES names a
database it may wipe (`.ci/run` sets one up when it can); skipped otherwise."""

import json
import os

import pytest
from click.testing import CliRunner

from provenance.cli import main

URL = os.environ.get("PROVENANCE_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="PROVENANCE_TEST_POSTGRES is not set")


def run(*args, ok=True):
    r = CliRunner().invoke(main, ["--db", URL, *args])
    assert (r.exit_code == 0) == ok, (r.stdout, r.stderr, r.exception)
    return r


@pytest.fixture(scope="module", autouse=True)
def empty_database():
    wipe()


def wipe():
    from sqlalchemy import create_engine, text

    engine = create_engine(URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def test_demo_migrates_imports_and_detects_on_postgres():
    run("demo", "--no-report")
    claims = json.loads(run("claims", "list", "--json").stdout)
    assert len(claims) == 37
    kinds = {c["kind"] for c in json.loads(run("conflicts", "list", "--json").stdout)}
    assert {"denial", "scope", "rule", "accusation", "single_value"} <= kinds
    assert "imported nothing new" in run("demo", "--no-report").stderr
    assert run("conflicts", "scan").stdout == "0 new conflict(s)\n"
    assert run("verify").exit_code == 0
    strength = json.loads(run("contested", "--property", "fighter strength", "--json").stdout)[0]
    fighters = next(a for a in strength["answers"] if a["scope"] == "fighters")
    assert (fighters["sources"], fighters["independent_sources"]) == (2, 1)


def test_contested_on_postgres_reads_as_the_sqlite_first_page(demo):
    # PostgreSQL takes the ORM path; the SQLite demo ledger the quick one (assess/pages.py).
    for args in (("contested",), ("contested", "--limit", "3", "--offset", "2", "--csv")):
        assert run(*args).stdout == demo(*args).stdout


def test_bad_input_changes_nothing_on_postgres():
    before = json.loads(run("claims", "list", "--json").stdout)
    r = run("claims", "add", "1", "--quote", "words that are not in the article at all, anywhere",
            "--subject", "IS-K", "--property", "fighter strength", "--value", "5", ok=False)
    assert r.exit_code == 5 and r.stderr.count("\n") == 1
    assert json.loads(run("claims", "list", "--json").stdout) == before


def test_migrations_down_and_up_keep_the_rows_on_postgres():
    run("db", "downgrade", "0001")
    run("db", "upgrade")
    assert len(json.loads(run("claims", "list", "--json").stdout)) == 37
    run("sources", "reindex")
    assert json.loads(run("sources", "copies", "2", "--json").stdout)[0]["source_id"] == 1


def test_a_shared_ledger_is_upgraded_only_when_asked():
    """An older schema on the server: commands refuse with one line saying what to run, leave the
    schema where it was, and `db upgrade` moves it."""
    from provenance.ledger.db import current_revisions, head_revisions, make_engine

    run("demo", "--no-report")
    run("db", "downgrade", "0003")
    engine = make_engine(URL)
    for args in (("claims", "list"), ("sources", "list"), ("demo", "--no-report")):
        r = run(*args, ok=False)
        assert r.exit_code == 6 and r.stderr.count("\n") == 1, r.stderr
        assert "at revision 0003" in r.stderr and "run `provenance db upgrade`" in r.stderr
        assert current_revisions(engine) == {"0003"}
    run("db", "check", ok=False)
    assert run("db", "upgrade").stdout == f"at revision {', '.join(sorted(head_revisions()))}\n"
    assert current_revisions(engine) == set(head_revisions())
    engine.dispose()
    assert len(json.loads(run("claims", "list", "--json").stdout)) == 37


def test_claims_with_status_candidate_move_to_candidates_on_postgres():
    from sqlalchemy import text

    from provenance.ledger.db import make_engine

    run("db", "downgrade", "0003")
    engine = make_engine(URL)
    with engine.begin() as conn:
        conn.execute(text("UPDATE claims SET status = 'candidate' WHERE id = 1"))
    engine.dispose()
    run("db", "upgrade")
    (moved,) = json.loads(run("candidates", "list", "--json").stdout)
    assert moved["status"] == "pending" and "claim 1" in moved["note"]
    assert 1 not in [c["id"] for c in json.loads(run("claims", "list", "--json").stdout)]


def test_row_states_are_the_same_on_both_backends_and_verify_passes(tmp_path):
    """The hash of a row is backend-independent: the same rows copied to SQLite hash the same."""
    from sqlalchemy import create_engine, select

    from provenance.ledger import rowstate
    from provenance.ledger.db import make_engine, upgrade
    from provenance.ledger.models import Base

    run("demo", "--no-report")
    run("extract", "1")
    assert run("verify").stdout.startswith("ok:")
    head = run("verify", "--head").stdout.strip()
    assert run("verify", "--expect-head", head).exit_code == 0
    url = f"sqlite:///{tmp_path / 'copy.db'}"
    lite = make_engine(url)
    upgrade(lite, url)
    pg = create_engine(URL)
    tables = [*rowstate.TRACKED, *rowstate.OWNED]
    with pg.connect() as src, lite.begin() as dst:
        dst.exec_driver_sql("PRAGMA foreign_keys=OFF")
        for name in tables:
            t = Base.metadata.tables[name]
            rows = [dict(r._mapping) for r in src.execute(select(t))]
            if rows:
                dst.execute(t.insert(), rows)
    with pg.connect() as a, lite.connect() as b:
        for name in rowstate.TRACKED:
            there = list(rowstate.current(a, name))
            assert there and there == list(rowstate.current(b, name)), name
    pg.dispose()
    lite.dispose()


def test_tampering_on_postgres_is_caught():
    from sqlalchemy import create_engine, text

    run("demo", "--no-report")
    engine = create_engine(URL)
    with engine.begin() as conn:
        claim = conn.execute(text("SELECT min(id) FROM claims")).scalar()
        conflict = conn.execute(text("SELECT min(id) FROM conflicts")).scalar()
        flip = "CASE polarity WHEN 'asserts' THEN 'denies' ELSE 'asserts' END"
        conn.execute(text(f"UPDATE claims SET polarity = {flip} WHERE id = :i"), {"i": claim})
        conn.execute(text("UPDATE conflicts SET status = 'dismissed', note = 'x' WHERE id = :i"), {"i": conflict})
    engine.dispose()
    r = run("verify", ok=False)
    assert f"claim {claim}: differs from its last recorded state" in r.stdout
    assert f"conflict {conflict}: differs from its last recorded state" in r.stdout


def test_bulk_inserted_rows_are_hashed_from_memory_as_postgres_reads_them_back(tmp_path):
    """rowstate.inserted keeps the states of rows bulk_insert wrote with COPY (no read-back): they
    must be those the server gives back, an aware time (read back) beside naive ones included."""
    from sqlalchemy import select

    from provenance.claims.importer import import_file
    from provenance.ledger import rowstate
    from provenance.ledger.db import open_db
    from provenance.ledger.models import EventRow
    from tests.test_known_row_states import _files

    wipe()
    sources, claims = _files(tmp_path)
    run("properties", "add", "death toll", "--type", "quantity", "--running-count")
    run("properties", "add", "responsible party", "--type", "entity", "--single-value")
    run("import", sources)
    db = open_db(URL)
    try:
        with db.session() as s:
            result = import_file(s, claims)
            known = rowstate.known(s)
            assert sum(("claims", i) in known for i in result.claim_ids) >= 3  # not read back
        with db.session(readonly=True) as s:
            recorded = dict(s.execute(select(EventRow.row_id, EventRow.hash).where(EventRow.tbl == "claims")).all())
            read_back = dict(rowstate.current(s.connection(), "claims", result.claim_ids))
            assert [recorded[i] for i in result.claim_ids] == [read_back[i] for i in result.claim_ids]
    finally:
        db.close()
    run("conflicts", "scan")
    assert "every row's recorded state check out" in run("verify").stdout
    wipe()  # the other tests expect the demo's ledger alone


def test_a_generated_ledger_scans_to_the_same_conflicts_on_both_backends(tmp_path):
    """The benchmark's realistic ledger (every detector and cross-question pass), written with the
    bulk paths (COPY on PostgreSQL) and scanned on each backend: the same conflicts, claims and
    explanations, and both verify clean."""
    import sys
    from pathlib import Path

    from sqlalchemy import create_engine, text

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import build

    wipe()
    lite = f"sqlite:///{tmp_path / 'ledger.db'}"
    found = {}
    try:
        for url in (lite, URL):
            build(url, 2000, seed=6)
            r = CliRunner().invoke(main, ["--db", url, "conflicts", "scan"])
            assert r.exit_code == 0, r.stderr
            assert "every row's recorded state check out" in CliRunner().invoke(main, ["--db", url, "verify"]).stdout
            engine = create_engine(url)
            with engine.connect() as conn:
                found[url] = {
                    key: (kind, explanation, tuple(sorted(ids.split(","))))
                    for key, kind, explanation, ids in conn.execute(
                        text(
                            "SELECT c.key, c.kind, c.explanation, "
                            + ("string_agg(cc.claim_id::text, ',')" if url == URL else "group_concat(cc.claim_id)")
                            + " FROM conflicts c JOIN conflict_claims cc ON cc.conflict_id = c.id"
                            " GROUP BY c.id, c.key, c.kind, c.explanation"
                        )
                    )
                }
            engine.dispose()
        kinds = {v[0] for v in found[lite].values()}
        assert {"accusation", "rule", "denial", "decrease", "single_value"} <= kinds
        assert found[URL] == found[lite]
    finally:
        wipe()
