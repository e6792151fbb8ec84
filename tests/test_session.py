"""A day of work: where the data goes, correcting what was entered, history and undo, batches."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from provenance.cli import main


def test_demo_uses_its_own_ledger_and_says_where(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.delenv("PROVENANCE_DB", raising=False)
    result = CliRunner().invoke(main, ["demo", "--no-report"])
    assert result.exit_code == 0, result.output
    demo_db = tmp_path / "cfg" / "provenance" / "demo.db"
    assert demo_db.exists()
    assert not (tmp_path / "cfg" / "provenance" / "provenance.db").exists()  # the default: untouched
    assert f"demo ledger: {demo_db}" in result.stderr
    assert f"provenance contested --db {demo_db}" in result.stderr
    # the hint works as printed: --db after the subcommand
    listed = CliRunner().invoke(main, ["claims", "list", "--json", "--db", str(demo_db)])
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)) == 37


def test_db_after_the_subcommand_overrides_the_one_before(tmp_path, demo):
    other = tmp_path / "other.db"
    r = CliRunner().invoke(main, ["--db", str(other), "claims", "list", "--json", "--db", str(demo.db)])
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.stdout)) == 37
