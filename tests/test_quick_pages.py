"""The quick path of first pages (ledger/quick.py): the same rows as the ORM path, no SQLAlchemy
imported, and the usual path wherever the quick one cannot be trusted."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Cli

from provenance.assess.contested import ContestedFilter, contested
from provenance.assess.pages import contested_page
from provenance.claims.pages import ClaimCells, claim_rows
from provenance.claims.store import claim_cells
from provenance.ledger.db import open_db
from provenance.ledger.models import Claim
from provenance.ledger.quick import quick_reader


def _orm_cells(db_path, status=None) -> list[ClaimCells]:
    from sqlalchemy import select

    db = open_db(str(db_path), create=False)
    try:
        with db.session(readonly=True) as s:
            q = select(Claim).order_by(Claim.id)
            if status:
                q = q.where(Claim.status == status)
            return [claim_cells(c) for c in s.scalars(q)]
    finally:
        db.close()


def test_quick_rows_are_the_orm_rows(demo):
    demo("claims", "reject", "2", "--reason", "misread")
    for status in (None, "accepted", "rejected"):
        with quick_reader(str(demo.db)) as conn:
            assert conn is not None
            quick = claim_rows(conn, status, None, 0)
        assert quick == _orm_cells(demo.db, status)
        assert len(quick) > 10 if status != "rejected" else len(quick) == 1
    with quick_reader(str(demo.db)) as conn:
        assert [r.id for r in claim_rows(conn, None, 3, 2)] == [r.id for r in _orm_cells(demo.db)][2:5]


def test_claims_list_first_page_imports_no_sqlalchemy(demo):
    code = (
        "import sys\n"
        "from provenance.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:], prog_name='provenance')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('SQLALCHEMY' if 'sqlalchemy' in sys.modules else 'NONE', file=sys.stderr)\n"
    )
    env = {**os.environ, "PROVENANCE_DB": str(demo.db)}
    run = subprocess.run(
        [sys.executable, "-c", code, "claims", "list", "--limit", "3"], capture_output=True, text=True, env=env
    )
    assert run.stderr.strip().splitlines()[-1] == "NONE", run.stderr
    assert len(run.stdout.strip().splitlines()) > 3  # a table: header, rule and rows
    # What the user sees is what the in-process runner sees.
    assert run.stdout == demo("claims", "list", "--limit", "3").stdout
    run = subprocess.run(
        [sys.executable, "-c", code, "claims", "list", "--limit", "3", "--json"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.stderr.strip().splitlines()[-1] == "SQLALCHEMY"


def test_quick_path_steps_aside(demo, tmp_path):
    assert _quick(tmp_path / "missing.db") is None and not (tmp_path / "missing.db").exists()
    (tmp_path / "empty.db").write_bytes(b"")
    assert _quick(tmp_path / "empty.db") is None
    (tmp_path / "text.db").write_text("not a database")
    assert _quick(tmp_path / "text.db") is None
    assert _quick("postgresql://nobody@/nowhere") is None
    # An older schema revision: the usual path upgrades it.
    conn = sqlite3.connect(demo.db)
    conn.execute("UPDATE alembic_version SET version_num = version_num || 'x'")
    conn.commit()
    conn.close()
    assert _quick(demo.db) is None
    # A ledger that is not in WAL mode: the usual path switches it (a write), so not the quick one.
    conn = sqlite3.connect(demo.db)
    conn.execute("UPDATE alembic_version SET version_num = substr(version_num, 1, length(version_num) - 1)")
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    assert _quick(demo.db) is None
    demo("claims", "list", "--limit", "1")
    assert _quick(demo.db) is not None


def _quick(db):
    with quick_reader(str(db)) as conn:
        return conn


def _orm_url(db) -> str:
    """The same ledger as a SQLite URI: the quick path steps aside for any URL with a query."""
    return f"sqlite:///file:{db}?mode=rw&uri=true"


def _without_explanations(questions: list[dict]) -> list[dict]:
    """The ORM path renders explanations anew through the detectors; the quick one reads the stored
    text. Neither the terminal nor CSV shows them (JSON takes the ORM path)."""
    return [{**q, "conflicts": [{**c, "explanation": None} for c in q["conflicts"]]} for q in questions]


def _same_contested(db: Path, pages: list[tuple[int, int]]) -> int:
    """Compares both paths' questions page by page and the CLI's output; returns how many questions."""
    seen = 0
    orm = open_db(str(db), create=False)
    try:
        for limit, offset in pages:
            with quick_reader(str(db)) as conn:
                assert conn is not None
                quick = contested_page(conn, limit, offset)
                stored = dict(conn.execute("SELECT id, explanation FROM conflicts"))
            with orm.session(readonly=True) as s:
                expected = contested(s, ContestedFilter(limit=limit, offset=offset))
            assert _without_explanations(quick) == _without_explanations(expected)
            assert all(c["explanation"] == stored[c["id"]] for q in quick for c in q["conflicts"])
            seen += len(quick)
            args = ("contested", "--limit", str(limit), "--offset", str(offset))
            for output in ((), ("--csv",), ("--tsv",)):
                assert Cli(db)(*args, *output).stdout == Cli(_orm_url(db))(*args, *output).stdout  # type: ignore[arg-type]
    finally:
        orm.close()
    return seen


def test_contested_quick_page_is_the_orm_page(demo):
    demo("conflicts", "dismiss", "1", "--note", "copies")
    demo("conflicts", "confirm", "2")
    demo("sources", "grade", "2", "A")
    assert _same_contested(demo.db, [(50, 0), (3, 0), (3, 2), (2, 5), (5, 100)]) > 5


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A realistic synthetic ledger (benchmarks/generate.py), scanned, with decisions and grades."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import build

    path = tmp_path_factory.mktemp("generated") / "ledger.db"
    build(str(path), 3000, seed=7)
    cli = Cli(path)
    cli("conflicts", "scan")
    ids = [c["id"] for c in cli.json("conflicts", "list")]
    assert len(ids) > 20
    cli("conflicts", "dismiss", *map(str, ids[::7]), "--yes")
    cli("conflicts", "confirm", *map(str, ids[3::11]), "--yes")
    for source, grade in (("1", "A"), ("2", "B"), ("3", "E")):
        cli("sources", "grade", source, grade)
    return path


def test_contested_quick_pages_on_a_generated_ledger(generated):
    assert _same_contested(generated, [(50, 0), (50, 50), (20, 130), (7, 3)]) > 100


def test_contested_first_page_imports_no_sqlalchemy(demo):
    assert _modules_after(demo.db, "contested", "--limit", "5") == "NONE"
    assert _modules_after(demo.db, "contested", "--limit", "5", "--csv") == "NONE"
    # Filters and JSON take the ORM path.
    assert _modules_after(demo.db, "contested", "--property", "death toll") == "SQLALCHEMY"
    assert _modules_after(demo.db, "contested", "--json") == "SQLALCHEMY"


def _modules_after(db, *args: str) -> str:
    code = (
        "import sys\n"
        "from provenance.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:], prog_name='provenance')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('SQLALCHEMY' if 'sqlalchemy' in sys.modules else 'NONE', file=sys.stderr)\n"
    )
    env = {**os.environ, "PROVENANCE_DB": str(db)}
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
    assert run.stdout.strip(), run.stderr
    return run.stderr.strip().splitlines()[-1]


def _same_report(db: Path, pages: list[tuple[int, int]]) -> int:
    """The report's first pages by both paths, as documents and as every format prints them."""
    from provenance.report.build import build_report
    from provenance.report.quick import report_page

    seen = 0
    orm = open_db(str(db), create=False)
    try:
        for limit, offset in pages:
            with quick_reader(str(db)) as conn:
                assert conn is not None
                quick = report_page(conn, limit, offset)
            with orm.session(readonly=True) as s:
                expected = build_report(s, limit, offset)
            quick.pop("generated_at"), expected.pop("generated_at")
            assert quick == expected
            seen += len(quick["questions"]) + len(quick["other_conflicts"])
            args = ("report", "--limit", str(limit), "--offset", str(offset), "--no-pager")
            for fmt in ("terminal", "markdown", "json"):
                ours = Cli(db)(*args, "--format", fmt).stdout  # type: ignore[arg-type]
                theirs = Cli(_orm_url(db))(*args, "--format", fmt).stdout  # type: ignore[arg-type]
                assert _undated(ours) == _undated(theirs)
    finally:
        orm.close()
    return seen


def _undated(report: str) -> str:
    """A report without the moment it was generated (the two paths run a moment apart)."""
    return re.sub(r'"generated_at": "[^"]*"|Generated \S+ UTC', "", report)


def test_report_quick_page_is_the_orm_page(demo):
    demo("conflicts", "dismiss", "1", "--note", "copies")
    demo("conflicts", "resolve", "4", "--verdict", "9=false")
    demo("sources", "grade", "2", "A")
    demo("claims", "edit", "2", "--value", "7")  # a conflict found by an edit reads as a scan's
    demo("entities", "rename", "Afghanistan", "Islamic Emirate of Afghanistan")
    assert _same_report(demo.db, [(50, 0), (3, 0), (2, 1), (5, 100)]) > 5


def test_report_quick_pages_on_a_generated_ledger(generated):
    assert _same_report(generated, [(50, 0), (20, 40), (7, 3)]) > 60


def test_report_first_page_imports_no_sqlalchemy(demo, tmp_path):
    for fmt in ("terminal", "markdown", "json", "html"):
        assert _modules_after(demo.db, "report", "--format", fmt, "--no-pager") == "NONE"
    # Every question, or a file written beside the ledger, take the ORM path.
    assert _modules_after(demo.db, "report", "--limit", "0", "--no-pager") == "SQLALCHEMY"
