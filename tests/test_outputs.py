"""`report -o` never destroys an input, and a failed write leaves no partial or empty file."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest


@pytest.fixture
def ledger(cli, article):
    cli("sources", "add", str(article))
    return cli


@pytest.mark.parametrize("target", ["{db}", "{db}-wal", "{db}-shm", "{db}-journal", "{article}",
                                    "{copy}", "{other_db}", "{folder}", "{folder}/", "{missing}/r.json", ""])
def test_report_output_refuses_every_input(ledger, article, tmp_path, target):
    copy = tmp_path / "copy-of-article.txt"
    copy.write_bytes(article.read_bytes())  # the same text under another name: still a source
    other_db = tmp_path / "other.db"
    other_db.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    (tmp_path / "folder").mkdir()
    path = target.format(db=ledger.db, article=article, copy=copy, other_db=other_db,
                         folder=tmp_path / "folder", missing=tmp_path / "missing")
    files = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    r = ledger("report", "--format", "json", "-o", path, ok=False)
    assert r.exit_code == 3 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == files


def test_report_output_is_written_whole_and_keeps_permissions(ledger, tmp_path):
    out = tmp_path / "report.md"
    out.write_text("old")
    out.chmod(0o640)
    ledger("report", "--format", "markdown", "-o", str(out))
    assert out.read_text().startswith("# Conflict report") and (out.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _limit_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (36_000, 36_000))  # room for SQLite's 32 KiB -shm


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(demo, tmp_path):
    """A file-size limit stands in for a full disk: the write fails part way through."""
    out = tmp_path / "report.json"
    out.write_text("the old report")
    assert len(demo("report", "--format", "json", "--limit", "0").stdout) > 36_000
    r = subprocess.run([sys.executable, "-m", "provenance", "--db", str(demo.db), "report", "--limit", "0",
                        "--format", "json", "-o", str(out)], capture_output=True, text=True,
                       preexec_fn=_limit_file_size)
    assert r.returncode == 3 and "nothing was written" in r.stderr and "Traceback" not in r.stderr
    assert out.read_text() == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_html_to_a_terminal_is_refused(ledger, tmp_path):
    """A pseudo-terminal as stdout: an HTML page is markup, not something to show there."""
    import pty

    leader, follower = pty.openpty()
    try:
        r = subprocess.run([sys.executable, "-m", "provenance", "--db", str(ledger.db), "report",
                            "--format", "html"], stdout=follower, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(follower)
        os.close(leader)
    assert r.returncode == 2 and "-o FILE" in r.stderr
    assert "<html" in ledger("report", "--format", "html").stdout  # to a pipe, as it was
