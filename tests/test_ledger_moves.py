"""Moving and keeping a ledger: the limits every backend shares, `db copy`, `db backup` and
`db restore`, read-only media and a full disk -- on real SQLite files through the real CLI."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, LargeBinary, String, event

from provenance.errors import InputError
from provenance.ledger.limits import check_value
from provenance.ledger.models import Base

PROVENANCE = [sys.executable, "-m", "provenance"]


def dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [line for line in conn.iterdump() if not line.startswith("INSERT INTO \"alembic_version\"")]
    finally:
        conn.close()


def rows(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {t.name: conn.execute(f'SELECT * FROM "{t.name}" ORDER BY 1, 2').fetchall()
                for t in Base.metadata.sorted_tables}
    finally:
        conn.close()


def one_error_line(r) -> str:
    assert r.exit_code != 0 and r.stdout == "", (r.exit_code, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in r.stderr, r.stderr
    return lines[0]


# -- one set of limits ----------------------------------------------------------------------------


def test_every_string_column_is_limited_by_its_own_size_and_refuses_nul():
    checked = 0
    for table in Base.metadata.sorted_tables:
        for col in table.columns:
            if not isinstance(col.type, String) or isinstance(col.type, LargeBinary):
                continue
            check_value(table, col.key, "o")
            with pytest.raises(InputError, match="NUL"):
                check_value(table, col.key, "a\x00b")
            if col.type.length:
                check_value(table, col.key, "x" * col.type.length)
                with pytest.raises(InputError, match=f"the limit is {col.type.length:,}"):
                    check_value(table, col.key, "x" * (col.type.length + 1))
            checked += 1
    assert checked > 70


def test_integer_columns_hold_what_postgres_holds():
    claims = Base.metadata.tables["claims"]
    check_value(claims, "id", 2**31 - 1)
    with pytest.raises(InputError, match="outside the range"):
        check_value(claims, "id", 2**31)
    fingerprints = Base.metadata.tables["fingerprints"]
    check_value(fingerprints, "hash", 2**40)  # a BIGINT column
    with pytest.raises(InputError, match="outside the range"):
        check_value(fingerprints, "hash", 2**63)


def test_an_outlet_at_the_limit_is_stored_one_over_is_refused(cli, article):
    before = None
    cli("db", "init")
    before = dump(cli.db)
    line = one_error_line(cli("sources", "add", str(article), "--outlet", "o" * 201, ok=False))
    assert line == "Error: the outlet of a source is 201 characters long; the limit is 200, shorten it"
    assert dump(cli.db) == before
    cli("sources", "add", str(article), "--outlet", "o" * 200)
    assert cli.json("sources", "list")[0]["outlet"] == "o" * 200


def test_nul_after_the_first_64_kib_is_refused(cli, tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes(b"Officials said 12 people died. " * 3000 + b"\x00 and more")
    cli("db", "init")
    before = dump(cli.db)
    r = cli("sources", "add", str(path), ok=False)
    assert "NUL" in one_error_line(r)
    assert dump(cli.db) == before


def test_an_actor_name_too_long_for_the_event_log_is_refused(cli, article, monkeypatch):
    cli("db", "init")
    before = dump(cli.db)
    monkeypatch.setenv("PROVENANCE_USER", "u" * 201)
    line = one_error_line(cli("sources", "add", str(article), ok=False))
    assert "the actor of an event is 201 characters long" in line
    assert dump(cli.db) == before


def test_a_long_title_read_from_a_page_is_cut_to_fit(cli, tmp_path):
    pytest.importorskip("trafilatura", reason="web pages need the web extra")
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>{'T' * 1500}</title></head><body><article><p>"
                    + "Officials said 12 people died in the blast on Monday. " * 20
                    + "</p></article></body></html>", encoding="utf-8")
    cli("sources", "add", str(page))
    title = cli.json("sources", "list")[0]["title"]
    assert len(title) <= 1000


# -- db copy ----------------------------------------------------------------------------------------


def test_copy_keeps_every_row_id_and_hash_and_verifies(demo, tmp_path):
    target = tmp_path / "copy.db"
    out = demo("db", "copy", "--to", str(target)).stdout
    assert out.startswith("copied ") and "chain head" in out
    assert rows(target) == rows(demo.db)
    copy = type(demo)(target)
    assert copy("verify").exit_code == 0
    # ids go on after the copied ones
    out = copy("entities", "add", "A new entity").stdout
    assert out.startswith(f"entity {max(r[0] for r in rows(demo.db)['entities']) + 1}:")


def test_copy_refuses_a_ledger_with_data_and_changes_nothing(demo, tmp_path):
    target = tmp_path / "full.db"
    shutil.copy(demo.db, target)
    before = target.read_bytes()
    line = one_error_line(demo("db", "copy", "--to", str(target), ok=False))
    assert "already holds a ledger" in line
    assert target.read_bytes() == before


def test_copy_into_an_empty_ledger_is_allowed(demo, tmp_path):
    target = tmp_path / "empty.db"
    type(demo)(target)("db", "init")
    demo("db", "copy", "--to", str(target))
    assert rows(target) == rows(demo.db)


# -- db backup and db restore -----------------------------------------------------------------------


def test_backup_is_consistent_while_another_writer_holds_a_transaction(demo, tmp_path):
    writer = sqlite3.connect(demo.db, isolation_level=None)
    writer.execute("BEGIN")
    writer.execute("UPDATE entities SET name = 'half-written' WHERE id = 1")  # not committed
    try:
        out = demo("db", "backup", str(tmp_path / "b.db")).stdout
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert out.startswith("backed up to ")
    backup = tmp_path / "b.db"
    assert not Path(f"{backup}-wal").exists()  # one self-contained file
    assert rows(backup) == rows(demo.db)
    assert type(demo)(backup)("verify").exit_code == 0


def test_backup_of_a_wal_ledger_has_what_a_copy_of_the_db_file_misses(demo, tmp_path):
    keep = sqlite3.connect(demo.db)  # an open reader keeps the -wal from being folded in at exit
    keep.execute("PRAGMA wal_autocheckpoint=0")
    keep.execute("SELECT count(*) FROM sources").fetchone()
    try:
        demo("entities", "add", "Written last")
        assert Path(f"{demo.db}-wal").stat().st_size > 0
        demo("db", "backup", str(tmp_path / "b.db"))
        shutil.copy(demo.db, tmp_path / "only-db.db")
    finally:
        keep.close()
    assert "Written last" in {r[1] for r in rows(tmp_path / "b.db")["entities"]}
    assert "Written last" not in {r[1] for r in rows(tmp_path / "only-db.db")["entities"]}


def test_restore_checks_the_backup_and_needs_force_over_data(demo, tmp_path):
    backup = tmp_path / "b.db"
    demo("db", "backup", str(backup))
    fresh = type(demo)(tmp_path / "restored.db")
    out = fresh("db", "restore", str(backup)).stdout
    assert "into an empty ledger" in out
    assert rows(fresh.db) == rows(demo.db)
    assert fresh("verify").exit_code == 0
    demo("entities", "add", "After the backup")
    before = dump(demo.db)
    assert "--force" in one_error_line(demo("db", "restore", str(backup), ok=False))
    assert dump(demo.db) == before
    demo("db", "restore", str(backup), "--force")
    assert "After the backup" not in {r[1] for r in rows(demo.db)["entities"]}
    assert demo("verify").exit_code == 0


def test_restore_refuses_a_backup_that_fails_verify(demo, tmp_path):
    backup = tmp_path / "b.db"
    demo("db", "backup", str(backup))
    conn = sqlite3.connect(backup)
    conn.execute("UPDATE sources SET text = text || ' (edited)' WHERE id = 2")
    conn.commit()
    conn.close()
    before = dump(demo.db)
    line = one_error_line(demo("db", "restore", str(backup), "--force", ok=False))
    assert "fails `verify`" in line and "source 2" in line
    assert dump(demo.db) == before


def test_postgres_backup_gives_pg_dump_guidance(cli):
    r = cli.runner.invoke(__import__("provenance.cli", fromlist=["main"]).main,
                          ["--db", "postgresql://nobody@127.0.0.1:1/none", "db", "backup", "x.db"])
    assert r.exit_code == 2 and "pg_dump" in one_error_line(r)


# -- read-only media, a damaged copy, a full disk ---------------------------------------------------


def _run(args: list[str], wrap: str | None = None) -> subprocess.CompletedProcess:
    if wrap is None:
        return subprocess.run(args, capture_output=True, text=True)
    script = wrap + " && exec " + " ".join(f"'{a}'" for a in args)
    return subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True)


def _can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
                          capture_output=True).returncode == 0


def test_a_ledger_on_read_only_media_can_be_listed_reported_and_verified(_demo_db, tmp_path):
    folder = tmp_path / "media"
    folder.mkdir()
    db = folder / "ledger.db"
    shutil.copy(_demo_db, db)
    before = db.read_bytes()
    db.chmod(0o444)
    folder.chmod(0o555)
    # root ignores file modes: then the folder is made a read-only mount, as a CD or a locked share
    wrap = None
    if os.geteuid() == 0:
        if not _can_mount():
            pytest.skip("running as root without mount namespaces: read-only media cannot be made")
        wrap = f"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}'"
    try:
        for command in (["sources", "list"], ["claims", "list", "--json"], ["report"], ["verify"],
                        ["contested"], ["db", "current"]):
            r = _run([*PROVENANCE, "--db", str(db), *command], wrap)
            assert r.returncode == 0, (command, r.stderr)
        assert "ok:" in _run([*PROVENANCE, "--db", str(db), "verify"], wrap).stdout
        r = _run([*PROVENANCE, "--db", str(db), "entities", "add", "Someone"], wrap)
        assert r.returncode != 0 and "cannot be written here" in r.stderr and "Traceback" not in r.stderr
        r = _run([*PROVENANCE, "--db", str(db), "db", "backup", str(tmp_path / "b.db")], wrap)
        assert r.returncode == 0, r.stderr
        assert sorted(os.listdir(folder)) == ["ledger.db"]
        assert db.read_bytes() == before
    finally:
        folder.chmod(0o755)


def test_a_damaged_file_is_named_with_the_wal_hint(_demo_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(_demo_db, db)
    conn = sqlite3.connect(db)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'claims'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    data[(root - 1) * size : root * size] = b"\xaa" * size
    db.write_bytes(bytes(data))
    r = _run([*PROVENANCE, "--db", str(db), "claims", "list"])
    assert r.returncode == 6 and "damaged" in r.stderr and "-wal" in r.stderr and "Traceback" not in r.stderr


@pytest.fixture
def small_disk():
    """SQLite's own SQLITE_FULL: the file may not grow past the pages it has."""

    def limit(dbapi_conn, _record):
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={max(pages, 1) + 2}")

    event.listen(Engine, "connect", limit)
    yield
    event.remove(Engine, "connect", limit)


def test_a_full_disk_is_named_and_nothing_is_reported_done(demo, tmp_path, small_disk):
    big = tmp_path / "big.txt"
    big.write_text(" ".join(f"Officials said {n} people died in blast number {n}." for n in range(30_000)))
    before = dump(demo.db)
    r = demo("sources", "add", str(big), ok=False)
    assert one_error_line(r) == "Error: the disk is full; nothing was written (free some space and run the command again)"
    assert r.exit_code == 6
    assert dump(demo.db) == before


@pytest.mark.skipif(not _can_mount(), reason="needs root and mount namespaces for a small tmpfs")
def test_a_really_full_disk(_demo_db, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(" ".join(f"Officials said {n} people died in blast number {n}." for n in range(30_000)))
    disk = tmp_path / "disk"
    disk.mkdir()
    db = disk / "ledger.db"
    cmd = " ".join(f"'{a}'" for a in PROVENANCE)
    script = (
        f"mount -t tmpfs -o size=1m tmpfs '{disk}' && cp '{_demo_db}' '{db}' && "
        f"{cmd} --db '{db}' sources add '{big}'; echo \"add $?\"; "
        f"dd if=/dev/zero of='{disk}/fill' bs=4k 2>/dev/null; "
        f"{cmd} --db '{db}' entities add Someone; echo \"entity $?\"; "
        f"{cmd} --db '{db}' sources list >/dev/null; echo \"list $?\"; "
        f"{cmd} --db '{db}' verify; echo \"verify $?\""
    )
    r = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True)
    assert "add 6" in r.stdout and "entity 6" in r.stdout, (r.stdout, r.stderr)
    assert "list 0" in r.stdout and "verify 0" in r.stdout, (r.stdout, r.stderr)
    assert r.stderr.count("the disk is full") == 2 and "added as" not in r.stdout + r.stderr
    assert "Traceback" not in r.stderr
