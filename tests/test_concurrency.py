"""Concurrent writers on one ledger, as a team uses it: real processes adding sources, recording
claims on shared questions and changing conflict statuses at once. Afterwards the event chain must
be whole and a full scan must find no conflict that detection missed while the claims arrived.

SQLite always; PostgreSQL when PROVENANCE_TEST_POSTGRES names a database the test may wipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from provenance import actions
from provenance.ledger.db import Database
from provenance.ledger.verify import verify

WRITER = Path(__file__).parent / "helpers" / "writer.py"
SECONDS = float(os.environ.get("PROVENANCE_CONCURRENCY_SECONDS", "10"))
POSTGRES = os.environ.get("PROVENANCE_TEST_POSTGRES")


def _wipe_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _run_writers(url: str, writers: int, folder: Path) -> int:
    db = Database(url)
    actions.add_property(db, "people displaced", "quantity")
    for name in ("Ashford", "Brent"):  # made up front, so that writers race on claims, not names
        actions.add_entity(db, name, [], "place", None)
    db.close()
    procs = [subprocess.Popen([sys.executable, str(WRITER), url, str(i), str(SECONDS), str(folder)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=Path(__file__).parent.parent)
             for i in range(writers)]
    done = 0
    for p in procs:
        out, err = p.communicate(timeout=SECONDS * 20 + 120)
        assert p.returncode == 0, err
        done += int(out.split()[-1])
    return done


def _check(url: str, writers: int) -> None:
    db = Database(url)
    try:
        with db.session(readonly=True) as session:
            assert verify(session) == []
        with db.session(readonly=True) as session:
            from sqlalchemy import func, select

            from provenance.ledger.models import Claim, Conflict, Event
            claims = session.scalar(select(func.count()).select_from(Claim))
            conflicts = session.scalar(select(func.count()).select_from(Conflict))
            events = session.scalar(select(func.count()).select_from(Event))
        assert claims >= writers and conflicts > 0 and events > claims
        assert actions.scan(db).conflicts == []  # nothing that detection missed
    finally:
        db.close()


@pytest.mark.parametrize("writers", [4, 8])
def test_concurrent_writers_on_sqlite(tmp_path, writers):
    url = "sqlite:///" + str(tmp_path / "team.db")
    assert _run_writers(url, writers, tmp_path) >= writers
    _check(url, writers)


@pytest.mark.skipif(not POSTGRES, reason="PROVENANCE_TEST_POSTGRES is not set")
@pytest.mark.parametrize("writers", [4, 8])
def test_concurrent_writers_on_postgres(tmp_path, writers):
    _wipe_postgres(POSTGRES)
    assert _run_writers(POSTGRES, writers, tmp_path) >= writers
    _check(POSTGRES, writers)
