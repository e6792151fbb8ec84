"""Where a ledger is and which schema revisions this version knows, without SQLAlchemy.

Kept apart from db.py so that a reading command's quick path (ledger/quick.py) can find and check
a ledger without importing SQLAlchemy, which is most of a command's start-up.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from ..errors import DatabaseError

ENV_VAR = "PROVENANCE_DB"


def default_path() -> Path:
    import click

    return Path(click.get_app_dir("provenance")) / "provenance.db"


SCHEMES = ("sqlite", "postgresql")


def resolve_url(value: str | None = None) -> str:
    """Option, then environment variable, then the per-user default file.

    Only SQLite files and PostgreSQL servers are ledgers; an in-memory database is refused, since
    everything written to it would vanish when the command ends."""
    if value is None:  # not given; an empty --db or --to is refused below, never the default ledger
        value = os.environ.get(ENV_VAR) or str(default_path())
    if value.strip() in ("", ":memory:"):
        raise DatabaseError(f"--db {value!r} is not a file; give a file path or a postgresql:// URL")
    if "://" not in value:
        return "sqlite:///" + str(Path(value).expanduser().resolve())
    scheme = value.split("://", 1)[0].split("+", 1)[0].lower()
    if scheme not in SCHEMES:
        raise DatabaseError(
            f"--db: {scheme}:// databases are not supported; give a SQLite file path or a postgresql:// URL"
        )
    if scheme == "sqlite" and sqlite_path(value) is None:
        raise DatabaseError(
            "--db: an in-memory SQLite database would lose everything when the command ends; give a file path"
        )
    return value


def sqlite_path(url: str) -> Path | None:
    """The file of a sqlite:/// URL; None for an in-memory one."""
    path = url.split("://", 1)[1]
    path = path[1:] if path.startswith("/") else path
    path = path.split("?", 1)[0]
    if not path or path == ":memory:" or "mode=memory" in url:
        return None
    if path.startswith("file:") and "uri=true" in url:  # a SQLite URI: file:/path?mode=ro
        from urllib.parse import unquote

        return Path(unquote(path[len("file:") :]))
    return Path(path)


def data_dir() -> Path:
    """Where migrations/, alembic.ini and seeds/ live: inside the wheel, or the source checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_data"
    if (packaged / "alembic.ini").exists():
        return packaged
    return package.parent


def disk_full(folder: Path) -> bool:
    """No room left for even the few pages a -shm file or a small transaction needs."""
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
    return st.f_bavail * st.f_frsize < 64 * 1024


def read_only_url(path: Path) -> str | None:
    """A read-only SQLite URI for a ledger this process cannot write; None when it can.

    With no -wal file beside it the file is complete, and `immutable` lets SQLite read it without
    creating the -shm file a WAL ledger otherwise needs (which a read-only folder cannot hold)."""
    from urllib.parse import quote

    if not path.is_file() or (
        os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) and not disk_full(path.parent)
    ):
        return None
    wal = Path(f"{path}-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0  # an empty one holds nothing to read
    return f"sqlite:///file:{quote(str(path))}?mode=ro{'' if has_wal else '&immutable=1'}&uri=true"


_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(.+)$", re.M)


@cache
def _revision_graph() -> dict[str, set[str]]:
    """revision -> the revisions it follows, read from the migration files.

    Every command checks the database's revision; reading the files with two regular
    expressions keeps Alembic (a tenth of a second to import) off that path. A test compares
    this with Alembic's own view of the scripts.
    """
    graph = {}
    for path in (data_dir() / "migrations" / "versions").glob("*.py"):
        body = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(body), _DOWN.search(body)
        if rev:
            graph[rev.group(1)] = set(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1))) if down else set()
    return graph


def known_revisions() -> frozenset[str]:
    return frozenset(_revision_graph())


def head_revisions() -> frozenset[str]:
    graph = _revision_graph()
    followed = set().union(*graph.values()) if graph else set()
    return frozenset(graph.keys() - followed)
