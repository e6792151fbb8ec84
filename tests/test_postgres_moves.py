"""A ledger moves between SQLite and PostgreSQL whole, and both refuse the same values with the
same message. Runs when PROVENANCE_TEST_POSTGRES names a database it may wipe."""

import os

import pytest
from click.testing import CliRunner

from provenance.cli import main
from provenance.ledger.models import Base

URL = os.environ.get("PROVENANCE_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="PROVENANCE_TEST_POSTGRES is not set")


def run(db, *args, ok=True):
    r = CliRunner().invoke(main, ["--db", str(db), *args])
    assert (r.exit_code == 0) == ok, (r.stdout, r.stderr, r.exception)
    return r


@pytest.fixture
def empty_postgres():
    from sqlalchemy import create_engine, text

    engine = create_engine(URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return URL


def table_rows(url) -> dict[str, list[tuple]]:
    from sqlalchemy import create_engine, select

    from provenance.ledger.db import resolve_url

    engine = create_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            return {t.name: sorted(tuple(r) for r in conn.execute(select(t)))
                    for t in Base.metadata.sorted_tables}
    finally:
        engine.dispose()


def test_sqlite_to_postgres_and_back_keeps_everything(demo, tmp_path, empty_postgres):
    out = run(demo.db, "db", "copy", "--to", URL).stdout
    assert out.startswith("copied ")
    assert table_rows(URL) == table_rows(str(demo.db))
    assert "ok:" in run(URL, "verify").stdout
    assert run(URL, "conflicts", "scan").stdout == "0 new conflict(s)\n"
    # the sequences go on after the copied ids
    entities = table_rows(URL)["entities"]
    assert run(URL, "entities", "add", "Made on the server").stdout.startswith(
        f"entity {max(e[0] for e in entities) + 1}:")
    back = tmp_path / "back.db"
    run(URL, "db", "copy", "--to", str(back))
    assert table_rows(str(back)) == table_rows(URL)
    assert "ok:" in run(back, "verify").stdout
    # a ledger with data is never a target
    r = run(demo.db, "db", "copy", "--to", URL, ok=False)
    assert "already holds a ledger" in r.stderr and r.exit_code == 3
    assert table_rows(URL) == table_rows(str(back))


@pytest.mark.parametrize("args", [
    ("sources", "add", "{a}", "--outlet", "o" * 201),
    ("sources", "add", "{a}", "--title", "t" * 1001),
    ("sources", "add", "{a}", "--title", "nul\x00"),
    ("entities", "add", "e" * 301),
    ("properties", "add", "x", "--type", "quantity", "--unit", "u" * 65),
])
def test_both_backends_refuse_the_same_values_alike(article, tmp_path, empty_postgres, args):
    lite = tmp_path / "l.db"
    run(lite, "db", "init")
    run(URL, "db", "init")
    args = [a.replace("{a}", str(article)) for a in args]
    a, b = run(lite, *args, ok=False), run(URL, *args, ok=False)
    assert (a.exit_code, a.stderr) == (b.exit_code, b.stderr)
    assert a.exit_code == 3 and a.stderr.count("\n") == 1 and "database error" not in a.stderr
    assert table_rows(URL)["sources"] == [] and table_rows(str(lite))["sources"] == []


def test_backup_on_postgres_gives_guidance(empty_postgres):
    r = run(URL, "db", "backup", "x.db", ok=False)
    assert r.exit_code == 2 and "pg_dump" in r.stderr and not os.path.exists("x.db")
