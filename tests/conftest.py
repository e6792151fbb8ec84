"""Shared fixtures: a real SQLite file migrated by the real migrations, driven through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import main
from provenance.render import console

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(autouse=True, scope="session")
def _private_config_home(tmp_path_factory):
    """Tests never read or write the user's own ledger or lexicon: a private config folder, and no
    ledger or lexicon named by the environment of whoever runs them."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        mp.delenv("PROVENANCE_DB", raising=False)
        mp.delenv("PROVENANCE_LEXICON", raising=False)
        yield


class Cli:
    def __init__(self, db: Path):
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None, ok: bool = True):
        # The terminal console is made once per process and takes its width from COLUMNS then:
        # each invocation gets a fresh one, as a new process would (a module that sets COLUMNS=400
        # must not widen the next module's tables).
        console.cache_clear()
        result = self.runner.invoke(main, ["--db", str(self.db), *args], input=input, catch_exceptions=True)
        if ok and result.exit_code != 0:
            raise AssertionError(f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
                                 f"\nexception: {result.exception!r}")
        return result

    def json(self, *args: str):
        import json

        return json.loads(self(*args, "--json").stdout)

    def snapshot(self) -> bytes:
        return self.db.read_bytes()


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "ledger.db")


@pytest.fixture(scope="session")
def _demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(main, ["--db", str(path), "demo", "--no-report"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def demo(_demo_db: Path, tmp_path: Path) -> Cli:
    """A fresh copy of the seed demo's ledger."""
    path = tmp_path / "demo.db"
    shutil.copy(_demo_db, path)
    return Cli(path)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "article.txt"
    p.write_text(
        "Officials said 12 people died in the blast on Monday.\n"
        "Later, the hospital said the toll was 40.\n"
        "The ministry denied that the bomber was a foreign national.\n",
        encoding="utf-8",
    )
    return p


def make_pdf(path: Path, pages: list[str], title: str = "Civilian casualties report") -> Path:
    """A real PDF with a text layer, one string per page (fpdf2, a test dependency)."""
    import datetime as dt

    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author("UN Assistance Mission")
    pdf.set_creation_date(dt.datetime(2023, 2, 20, 12, 0, tzinfo=dt.UTC))
    pdf.set_font("Helvetica", size=11)
    for body in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, body)
    pdf.output(str(path))
    return path
