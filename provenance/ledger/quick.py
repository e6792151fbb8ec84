"""A quick read of a local SQLite ledger through the sqlite3 module, for first pages.

Importing SQLAlchemy, its ORM and our models is most of a reading command's start-up (about half a
second), more than the query of a first page takes at any size. A command that only reads a few
rows can use `quick_reader` instead: it hands out a plain sqlite3 connection in one read
transaction when the ledger is an ordinary, writable SQLite file in WAL mode at this version's
schema revision. In every other case (PostgreSQL, a missing, empty, read-only or older ledger, a
file that is not a database) it returns None and the command takes its usual path, which
creates, upgrades, opens read-only or refuses with the usual message.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from .locate import head_revisions, read_only_url, resolve_url, sqlite_path

BUSY_TIMEOUT_S = 30


def _ledger_file(db_value: str | None):
    try:
        url = resolve_url(db_value)
    except Exception:  # the usual path names what is wrong
        return None
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    path = sqlite_path(url)
    if path is None or not path.is_file() or path.stat().st_size == 0 or read_only_url(path) is not None:
        return None
    return path


@contextlib.contextmanager
def quick_reader(db_value: str | None) -> Iterator[sqlite3.Connection | None]:
    """One read transaction on the ledger through sqlite3, or None where the usual path must run."""
    path = _ledger_file(db_value)
    conn = None
    if path is not None:
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            wal = conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
            revisions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
            usable = wal and revisions == set(head_revisions())
        except sqlite3.Error:
            usable = False
        if not usable:
            if conn is not None:
                conn.close()
            conn = None
    if conn is None:
        yield None
        return
    try:
        conn.execute("BEGIN")
        yield conn
    finally:
        conn.close()  # a read transaction: closing ends it


def import_pure(name: str) -> ModuleType:
    """Import a module that imports no SQLAlchemy from a package whose __init__ does (detect/),
    without running that __init__. It is registered under its own name, so a later ordinary import
    (of it, or of its package's other modules) finds this very module."""
    if name in sys.modules or name.rpartition(".")[0] in sys.modules:
        return importlib.import_module(name)
    path = Path(__file__).resolve().parent.parent.joinpath(*name.split(".")[1:]).with_suffix(".py")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module
