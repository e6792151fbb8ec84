"""Moving a whole ledger: `db copy` between backends, `db backup` and `db restore` of a SQLite file.

A copy goes row for row through the models' tables, so ids, hashes and the event chain arrive as
they were and `verify` passes on the copy. It is one transaction on the target, which must be new
or an empty ledger: a copy never merges into another ledger.

Backups use SQLite's online backup API, which reads a consistent snapshot even while other
processes write (WAL), unlike copying the `.db` file, which leaves behind what is still in `-wal`.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, Table, func, inspect, select, update

from ..errors import DatabaseError, InputError, UsageError
from . import db as dbmod
from .models import Base, Event

CHUNK = 500
PG_GUIDANCE = (
    "a PostgreSQL ledger is backed up with the server's own tools: "
    "`pg_dump --format=custom --file PATH URL`, restored into an empty database with "
    "`pg_restore --no-owner --dbname URL PATH`, then checked with `provenance --db URL verify` "
    "(or move it to a SQLite file with `provenance db copy --to FILE` and back up that)"
)


@dataclass
class Copied:
    target: str
    rows: int
    tables: int
    events: int
    head: str | None


def _where(url: str) -> str:
    path = dbmod.sqlite_path(url) if url.startswith("sqlite") else None
    if path is not None:
        return str(path)
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _count_rows(conn, tables=None) -> int:
    names = set(inspect(conn).get_table_names())
    return sum(
        conn.scalar(select(func.count()).select_from(t)) or 0
        for t in (tables or Base.metadata.sorted_tables)
        if t.name in names
    )


def _head(conn) -> str | None:
    return conn.scalar(select(Event.hash).order_by(Event.id.desc()).limit(1))


def _self_references(table: Table) -> list[str]:
    """Columns pointing into their own table (a source's earlier version, an entity's side)."""
    return [fk.parent.key for fk in table.foreign_keys if fk.column.table is table]


def _copy_table(src, dst, table: Table) -> int:
    """Rows in id order; references into the same table are set once every row is in."""
    selfref = _self_references(table)
    pk = list(table.primary_key.columns)
    n = 0
    later: list[dict] = []
    result = src.execution_options(stream_results=True, yield_per=CHUNK).execute(select(table).order_by(*pk))
    for chunk in result.mappings().partitions(CHUNK):
        rows = [dict(r) for r in chunk]
        for row in rows:
            refs = {k: row[k] for k in selfref if row[k] is not None}
            if refs:
                later.append({**{f"_{c.key}": row[c.key] for c in pk}, **refs})
                row.update(dict.fromkeys(refs))
        dst.execute(table.insert(), rows)
        n += len(rows)
    for refs in later:
        key = {c.key: refs.pop(f"_{c.key}") for c in pk}
        dst.execute(update(table).where(*(table.c[k] == v for k, v in key.items())).values(**refs))
    return n


def _reset_sequences(conn) -> None:
    """A PostgreSQL id sequence starts after the highest id copied, so new rows do not collide."""
    from sqlalchemy import text

    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and pk[0].autoincrement in (True, "auto") and pk[0].type.python_type is int:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                    f'COALESCE(MAX("{pk[0].name}"), 1), MAX("{pk[0].name}") IS NOT NULL) FROM "{table.name}"'
                )
            )


def _same_ledger(a: str, b: str) -> bool:
    pa = dbmod.sqlite_path(a) if a.startswith("sqlite") else None
    pb = dbmod.sqlite_path(b) if b.startswith("sqlite") else None
    if pa is not None and pb is not None:
        return pa.resolve() == pb.resolve()
    from sqlalchemy.engine import make_url

    ua, ub = make_url(a), make_url(b)
    return (ua.host, ua.port, ua.database) == (ub.host, ub.port, ub.database) and pa is pb is None


def _open_target(url: str) -> tuple[Engine, bool]:
    """The target's engine, and whether the file is new; refuses anything but a new or empty ledger."""
    path = dbmod.sqlite_path(url) if url.startswith("sqlite") else None
    if path is not None and path.exists() and not path.is_file():
        raise InputError(f"--to {path}: is not a file; give a new file name or an empty database")
    if path is not None and not path.parent.is_dir():
        raise InputError(f"--to {path}: the folder {path.parent} does not exist")
    created = path is not None and not path.exists()
    engine = dbmod.make_engine(url, create=True)
    try:
        dbmod.check_usable(engine)
        with engine.connect() as conn:
            rows = _count_rows(conn)
    except DatabaseError as exc:
        engine.dispose()
        raise DatabaseError("--to " + exc.message.replace("--db path", "--to URL")) from None
    except BaseException:
        engine.dispose()
        raise
    if rows:
        engine.dispose()
        raise InputError(
            f"--to {_where(url)} already holds a ledger ({rows:,} rows); a copy goes only into a new "
            "file or an empty database"
        )
    return engine, created


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(str(path) + suffix)
        except FileNotFoundError:
            pass


def copy_ledger(source: dbmod.Database, to: str) -> Copied:
    """Every table of `source` into the ledger at `to` (new or empty), migrated first, in one
    transaction on the target; the source is only read, from one consistent snapshot."""
    try:
        target_url = dbmod.resolve_url(to)
    except DatabaseError as exc:
        raise DatabaseError(exc.message.replace("--db", "--to")) from None
    if _same_ledger(source.url, target_url):
        raise InputError("--to names the ledger being copied; give another file or database")
    heads = set(dbmod.head_revisions())
    current = dbmod.check_usable(source.engine)
    if current != heads:
        raise DatabaseError(
            f"the ledger is at revision {', '.join(sorted(current)) or 'none'}; "
            "run `provenance db upgrade` before copying it"
        )
    engine, created = _open_target(target_url)
    path = dbmod.sqlite_path(target_url) if target_url.startswith("sqlite") else None
    try:
        copied = _copy_into(source, engine, target_url)
    except BaseException:
        engine.dispose()
        if created and path is not None:
            _remove_sqlite(path)  # a refused or failed copy leaves no half-made file behind
        raise
    engine.dispose()
    return copied


def _copy_into(source: dbmod.Database, engine: Engine, target_url: str) -> Copied:
    from alembic import command

    cfg = dbmod.alembic_config(target_url)
    src_engine = source.engine
    if src_engine.dialect.name == "postgresql":  # one snapshot of every table
        src_engine = src_engine.execution_options(isolation_level="REPEATABLE READ")
    with src_engine.execution_options(readonly=True).connect() as src, engine.connect() as dst:
        sqlite = dst.dialect.name == "sqlite"
        if sqlite:  # rows go in table by table; the check runs once all are in (see db._migrate)
            dst.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        with src.begin(), dst.begin():
            cfg.attributes["connection"] = dst
            command.upgrade(cfg, "head")
            rows = sum(_copy_table(src, dst, t) for t in Base.metadata.sorted_tables)
            if sqlite:
                broken = dst.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(f"the copy would break {len(broken)} reference(s); nothing was copied")
            else:
                _reset_sequences(dst)
            head, count = _head(dst), _count_rows(dst)
            if head != _head(src) or count != rows:
                raise DatabaseError("the copy does not match the ledger; nothing was copied")
            events = dst.scalar(select(func.count()).select_from(Event)) or 0
    return Copied(_where(target_url), rows, len(Base.metadata.sorted_tables), events, head)


# -- backup and restore (SQLite) ----------------------------------------------------------------


@dataclass
class BackedUp:
    path: str
    bytes: int
    events: int
    head: str | None


def _sqlite_file(url: str, what: str) -> Path:
    path = dbmod.sqlite_path(url) if url.startswith("sqlite") else None
    if path is None:
        raise UsageError(f"{what}: {PG_GUIDANCE}")
    return path


def _ro_uri(path: Path) -> str:
    from urllib.parse import quote

    return f"file:{quote(str(path))}?mode=ro"


def _events_and_head(conn: sqlite3.Connection) -> tuple[int, str | None]:
    count = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    row = conn.execute("SELECT hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
    return count, row[0] if row else None


def _source_uri(path: Path) -> str:
    """How to read a ledger without writing to it, even on read-only media (see read_only_url)."""
    ro = dbmod.read_only_url(path)
    return ro[len("sqlite:///") :].replace("&uri=true", "") if ro else _ro_uri(path)


def backup(url: str, target: str) -> BackedUp:
    """A consistent copy of a SQLite ledger in one file (rollback journal, no -wal needed)."""
    from ..outfile import check_target

    path = _sqlite_file(url, "db backup")
    if not path.is_file():
        raise dbmod.no_ledger(path)
    dest = check_target(target, ledger_url=url)
    engine = dbmod.make_engine("sqlite:///" + _source_uri(path) + "&uri=true", create=False)
    try:
        if not dbmod.check_usable(engine):
            raise InputError(f"{path}: is not a Provenance ledger (no schema revision); nothing to back up")
    finally:
        engine.dispose()
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    try:
        src = sqlite3.connect(_source_uri(path), uri=True)
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            if out.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise DatabaseError("the backup failed its integrity check; nothing was written")
            events, head = _events_and_head(out)
        finally:
            out.close()
            src.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        _remove_sqlite(Path(tmp))
        raise
    return BackedUp(str(dest), dest.stat().st_size, events, head)


@dataclass
class Restored:
    path: str
    events: int
    head: str | None
    replaced: int


def check_backup(backup_path: str) -> Path:
    """A backup file that is a Provenance ledger and passes `verify`; refuses anything else."""
    from ..outfile import SQLITE_MAGIC
    from .verify import verify

    if not backup_path or not backup_path.strip():
        raise InputError("no backup file given; give the PATH `provenance db backup` wrote")
    path = Path(backup_path).expanduser().resolve()
    if not path.exists():
        raise InputError(f"{backup_path}: no such file")
    if not path.is_file():
        raise InputError(f"{backup_path}: is not a regular file; give a backup file")
    try:
        with open(path, "rb") as fh:
            magic = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise InputError(f"{backup_path}: cannot be read ({exc.strerror})") from None
    if magic != SQLITE_MAGIC:
        raise InputError(f"{backup_path}: is not a SQLite database, so not a ledger backup")
    engine = dbmod.make_engine("sqlite:///" + _ro_uri(path) + "&uri=true", create=False)
    try:
        revisions = dbmod.check_usable(engine)
        if not revisions:
            raise InputError(f"{backup_path}: is not a Provenance ledger (no schema revision)")
        with engine.execution_options(readonly=True).connect() as conn, conn.begin():
            from sqlalchemy.orm import Session

            problems = verify(Session(bind=conn))
    finally:
        engine.dispose()
    if problems:
        raise InputError(
            f"{backup_path}: fails `verify` ({len(problems)} problem(s), first: {problems[0]}); nothing was restored"
        )
    return path


def restore(ledger_url: str, backup_path: str, *, force: bool = False) -> Restored:
    """Replace the SQLite ledger with a verified backup, page by page through SQLite's backup API
    (atomic for other connections); a ledger that holds data is replaced only with `force`."""
    path = _sqlite_file(ledger_url, "db restore")
    source = check_backup(backup_path)
    if source == path.resolve():
        raise InputError(f"{backup_path}: is the ledger itself; give a backup file")
    replaced = 0
    if path.exists():
        engine = dbmod.make_engine(ledger_url, create=False)
        try:
            dbmod.check_usable(engine)
            with engine.connect() as conn:
                replaced = _count_rows(conn)
        finally:
            engine.dispose()
        if replaced and not force:
            raise InputError(
                f"the ledger at {path} holds {replaced:,} rows; restoring would replace them "
                "(back it up first, then give --force)"
            )
    elif not path.parent.is_dir():
        raise InputError(f"the folder {path.parent} does not exist")
    src = sqlite3.connect(_ro_uri(source), uri=True)
    dst = sqlite3.connect(str(path), timeout=dbmod.BUSY_TIMEOUT_MS / 1000)
    try:
        src.backup(dst)
        events, head = _events_and_head(dst)
    finally:
        dst.close()
        src.close()
    return Restored(str(path), events, head, replaced)
