"""Engine, sessions, SQLite pragmas and running migrations.

A database is named by a file path or any SQLAlchemy URL. It is created and migrated to the newest
revision on first use; a database stamped with a revision this version does not know (made by a
newer Provenance) is refused untouched.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from ..errors import DatabaseError
from . import (
    limits,
    rowstate,  # noqa: F401  (its session hooks note every row a transaction touches)
)
from .locate import (  # noqa: F401  (re-exported: where a ledger is, and its revisions)
    ENV_VAR,
    SCHEMES,
    data_dir,
    default_path,
    disk_full,
    head_revisions,
    known_revisions,
    read_only_url,
    resolve_url,
    sqlite_path,
)

BUSY_TIMEOUT_MS = 30_000


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # Let SQLAlchemy, not the driver, decide when transactions begin (see _begin_immediate).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
    # journal_mode=WAL is written into the file, so it waits for _use_wal, after the checks: a
    # database that is refused must be left byte for byte as it was.


def _use_wal(engine: Engine) -> None:
    """Readers never wait for the writer under WAL; set once, after the database was accepted."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None  # a checked-out connection holds its driver connection
        if raw.execute("PRAGMA journal_mode").fetchone()[0].lower() not in ("wal", "memory"):
            raw.execute("PRAGMA journal_mode=WAL")


def _begin(conn) -> None:
    # A writer takes the write lock when its transaction starts, so that two writers queue on the
    # busy timeout instead of one failing with "database is locked" when it upgrades a read lock.
    # Readers (execution option "readonly") begin deferred and never wait for writers under WAL.
    readonly = conn.get_execution_options().get("readonly", False)
    conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


# One key for the whole ledger ("PROV"): PostgreSQL writers queue on it as SQLite writers queue on
# BEGIN IMMEDIATE.
WRITE_LOCK_KEY = 0x50524F56


def _begin_server(conn) -> None:
    # On a server, every writing transaction first takes one transaction-scoped advisory lock, held
    # until it commits or rolls back. Appends to the event chain then follow one another (each reads
    # the head its predecessor committed), and detection in one writer sees every claim an earlier
    # writer committed. Taking it first, before any row lock, means two writers can never deadlock
    # on it. Readers never take it and never wait.
    if not conn.get_execution_options().get("readonly", False):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def lock_for_write(session) -> None:
    """Hold the ledger's write lock in this transaction (a no-op where the backend already does)."""
    if session.bind.dialect.name == "postgresql":
        session.connection().exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def no_ledger(path) -> DatabaseError:
    return DatabaseError(
        f"no ledger at {path} (create one with `provenance db init {path}` or any command that adds data)"
    )


def make_engine(url: str, *, create: bool = True) -> Engine:
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None and not path.exists() and not create:
            raise no_ledger(path)
        if path is not None:
            parent = path.parent
            if not parent.exists():
                try:
                    parent.mkdir(parents=True)
                except OSError as exc:
                    raise DatabaseError(f"cannot create folder {parent}: {exc.strerror}") from exc
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin)
        return engine
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:  # the server's driver is an extra, not a dependency
        raise DatabaseError(
            f"{url.split('://', 1)[0]}:// needs the {exc.name} driver, which is not installed: "
            "pip install 'provenance[postgres]'"
        ) from None
    if engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _begin_server)
    return engine


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config(str(data_dir() / "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return set()
        return set(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())


def check_revision(revision: str) -> str:
    """A revision Alembic can go to: head, base, or (a prefix of) one this version knows."""
    if revision in ("head", "heads", "base"):
        return revision
    found = [r for r in known_revisions() if r.startswith(revision)] if revision else []
    if len(found) != 1:
        raise DatabaseError(
            f"no revision {revision!r}; give head, base or one of {', '.join(sorted(known_revisions()))}"
        )
    return found[0]


def _migrate(engine: Engine, url: str, step: str, revision: str) -> None:
    """Run an Alembic step in one transaction.

    On SQLite, batch migrations rebuild a table (copy, drop, rename); with foreign keys on,
    dropping the old table would cascade and delete every row that refers to it. So foreign keys
    go off for the migration -- a pragma that only takes effect outside a transaction -- and
    `foreign_key_check` must come back clean before the transaction commits.
    """
    from alembic import command

    revision = check_revision(revision)
    cfg = alembic_config(url)
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                getattr(command, step)(cfg, revision)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseError(
                            f"migration {step} to {revision} would break "
                            f"{len(broken)} reference(s); nothing was changed"
                        )
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def upgrade(engine: Engine, url: str, revision: str = "head") -> None:
    _migrate(engine, url, "upgrade", revision)


def downgrade(engine: Engine, url: str, revision: str) -> None:
    _migrate(engine, url, "downgrade", revision)


DISK_FULL = "the disk is full; nothing was written (free some space and run the command again)"
READ_ONLY = (
    "the ledger cannot be written here (read-only media, or its file or folder is not writable); nothing was written"
)
DAMAGED = (
    "the database file is damaged ({detail}); if it is a copy of only the .db file of a ledger in "
    "WAL mode, what was still in its -wal file is missing: copy the -wal file with it, or make "
    "copies with `provenance db backup`"
)


def storage_problem(exc: BaseException) -> str | None:
    """One line for a failure of the storage itself (full disk, read-only media, a damaged file),
    whichever backend or layer raised it; None for anything else."""
    import errno
    import sqlite3

    seen: BaseException | None = exc
    for _ in range(8):  # the error, the driver's error inside it, and what caused them
        if seen is None:
            break
        message = str(seen).lower()
        code = getattr(seen, "sqlite_errorcode", None)
        if (isinstance(seen, OSError) and seen.errno == errno.ENOSPC) or code == sqlite3.SQLITE_FULL:
            return DISK_FULL
        if "database or disk is full" in message or getattr(seen, "sqlstate", None) == "53100":
            return DISK_FULL  # 53100: PostgreSQL's disk_full
        if code == sqlite3.SQLITE_READONLY or "attempt to write a readonly database" in message:
            return READ_ONLY
        if "database disk image is malformed" in message:
            return DAMAGED.format(detail="database disk image is malformed")
        seen = getattr(seen, "orig", None) or seen.__cause__ or seen.__context__
    return None


def check_usable(engine: Engine) -> set[str]:
    """The database's revisions; refuses a file that is not a database or is from the future."""
    try:
        current = current_revisions(engine)
    except Exception as exc:  # the driver's own error types differ per backend
        if (problem := storage_problem(exc)) is not None:
            raise DatabaseError(problem) from None
        where = engine.url.database if engine.dialect.name == "sqlite" else None
        if where and where.startswith("file:"):
            from urllib.parse import unquote

            where = unquote(where[len("file:") :])
        file = Path(where) if where else None
        if file is not None and disk_full(file.parent) and "disk i/o error" in str(exc).lower():
            raise DatabaseError(DISK_FULL) from None  # no room for the -shm file a WAL ledger needs
        if file is not None and read_only_url(file) is not None and "unable to open" in str(exc):
            raise DatabaseError(READ_ONLY) from None  # a WAL ledger whose folder cannot hold its -shm
        raise DatabaseError(
            f"{where or engine.url.render_as_string(hide_password=True)} is not a usable database "
            f"({type(exc).__name__}: {str(exc).splitlines()[0]}); check the --db path"
        ) from None
    unknown = current - known_revisions()
    if unknown:
        raise DatabaseError(
            f"the database is at revision {', '.join(sorted(unknown))}, made by a newer version "
            "of Provenance; upgrade Provenance to use it (the database was left untouched)"
        )
    if not current:
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        if tables:
            raise DatabaseError(
                "the database holds tables but no Provenance revision; "
                "point --db at a Provenance database or a new file"
            )
    return current


class Database:
    """One ledger: an engine and the sessions it hands out."""

    def __init__(self, url: str, *, migrate: bool = True, create: bool = True):
        self.url = url
        path = sqlite_path(url) if url.startswith("sqlite") else None
        # A new file is made only for a command that adds data, which says so.
        self.created = path is not None and (not path.exists() or (path.is_file() and path.stat().st_size == 0))
        if not create and path is not None and path.is_file() and path.stat().st_size == 0:
            # Reading an empty file would write a whole schema into it.
            raise DatabaseError(f"{path} is an empty file, not a ledger (make it one with `provenance db init {path}`)")
        # A reading command on a ledger it cannot write (read-only media, chmod -w) opens it
        # read-only: nothing is written, not even the switch to WAL.
        read_only = None if create or path is None else read_only_url(path)
        self.read_only = read_only is not None
        self.engine = make_engine(read_only or url, create=create)
        if migrate:
            self._bring_up_to_date()
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = sessionmaker(self.engine.execution_options(readonly=True), expire_on_commit=False)

    def _bring_up_to_date(self) -> None:
        """A new database gets the schema. An older one is migrated here only when it is a local
        SQLite file: a server ledger is shared, and one newer client upgrading it would lock the
        others out, so it moves only when someone runs `provenance db upgrade`."""
        current = check_usable(self.engine)
        heads = set(head_revisions())
        if self.read_only:
            if current != heads:
                raise DatabaseError(
                    f"the ledger at {sqlite_path(self.url)} cannot be written here (read-only) and is at "
                    f"an older revision; copy it to a writable folder to upgrade it"
                )
            return
        _use_wal(self.engine)
        if current == heads:
            return
        if current and self.engine.dialect.name != "sqlite":
            self.engine.dispose()
            raise DatabaseError(
                f"the ledger's schema is at revision {', '.join(sorted(current))} and this version of "
                f"Provenance needs {', '.join(sorted(heads))}; run `provenance db upgrade` (a shared "
                "ledger is upgraded only when asked, once every client can use the new schema)"
            )
        upgrade(self.engine, self.url)

    @contextlib.contextmanager
    def session(self, *, readonly: bool = False) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error."""
        factory = self._reader if readonly else self._writer
        with factory() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_db(value: str | None = None, *, migrate: bool = True, create: bool = True) -> Database:
    return Database(resolve_url(value), migrate=migrate, create=create)


def bulk_insert(session: Session, table, rows: list[dict], *, ids: bool = False) -> list[int]:
    """Insert many rows through Core (see _bulk_insert), noting them for the event that records them."""

    new_ids = _bulk_insert(session, table, rows, ids=ids)
    if rows:
        # SQLite and PostgreSQL give back the plain values bulk_insert takes (rowstate._as_read_back):
        # the new rows' states are hashed from memory, not read back from the server.
        rowstate.inserted(session, table, rows, new_ids if ids else None, session.get_bind().dialect.name)
    return new_ids


def _bulk_insert(session: Session, table, rows: list[dict], *, ids: bool = False) -> list[int]:
    """Insert many rows through Core; with `ids`, return the new rows' ids in order.

    On SQLite a writer holds the write lock from the start of its transaction (see _begin), so
    ids can be taken after the current maximum, and the rows go to the driver's executemany with
    the columns' own bind processors applied once per value: INSERT ... RETURNING would go a row at
    a time there, and SQLAlchemy's per-row parameter handling is otherwise most of the cost.
    On PostgreSQL through psycopg, ids are drawn from the table's sequence in one query and the rows
    go in with COPY, the server's bulk path (from COPY_MIN_ROWS rows). Other databases, and a few
    rows, use INSERT ... RETURNING.
    """
    from sqlalchemy import func, insert, select

    if not rows:
        return []
    limits.check_rows(table, rows)
    dialect = session.get_bind().dialect
    if dialect.name == "postgresql" and dialect.driver == "psycopg" and len(rows) >= COPY_MIN_ROWS:
        return _copy_rows(session, table, rows, ids)
    if dialect.name != "sqlite":
        # Through the connection, not the session: bulk_insert notes the rows itself (rowstate).
        conn = session.connection()
        if ids:
            return list(conn.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows))
        conn.execute(insert(table), rows)
        return []
    new_ids: list[int] = []
    if ids:
        first = (session.scalar(select(func.max(table.c.id))) or 0) + 1
        new_ids = list(range(first, first + len(rows)))
    cols = [c for c in table.columns if c.key in rows[0] or (ids and c.key == "id")]
    keys = [c.key for c in cols]
    sql = _insert_sql(table, tuple(keys), dialect)
    # Dates and times repeat across a batch (one capture day, one moment): convert each once.
    # Column by column: the values of each column, converted, then zipped into rows.
    columns: list[list[Any]] = [new_ids if ids and k == "id" else [row.get(k) for row in rows] for k in keys]
    for n, c in enumerate(cols):
        if (p := c.type.bind_processor(dialect)) is not None:
            seen: dict[Any, Any] = {}  # dates and times repeat across a batch: convert each once
            columns[n] = [v if v is None else seen[v] if v in seen else seen.setdefault(v, p(v)) for v in columns[n]]
    params = list(zip(*columns, strict=True))
    session.connection().exec_driver_sql(sql, params)
    return new_ids


_INSERT_SQL: dict[tuple, str] = {}


def _insert_sql(table, keys: tuple[str, ...], dialect) -> str:
    """INSERT for these columns, compiled once per process (compiling is most of a small batch)."""
    from sqlalchemy import bindparam, insert

    cache_key = (table.name, keys, dialect.name, dialect.paramstyle)
    sql = _INSERT_SQL.get(cache_key)
    if sql is None:
        sql = str(insert(table).values({k: bindparam(k) for k in keys}).compile(dialect=dialect))
        _INSERT_SQL[cache_key] = sql
    return sql


# Fewer rows than this go to a server in one INSERT (... RETURNING id) instead: one round trip where
# COPY takes two or three (ids from the sequence, the COPY, its end). Adding one source writes its
# one segment and its event's rows this way: 12 round trips per article instead of 16.
COPY_MIN_ROWS = 100


def _copy_rows(session: Session, table, rows: list[dict], ids: bool) -> list[int]:
    """PostgreSQL: COPY the rows in; with `ids`, after taking that many ids from the sequence."""
    from sqlalchemy import text

    new_ids: list[int] = []
    if ids:
        new_ids = sorted(
            session.scalars(
                text(f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) FROM generate_series(1, :n)"),
                {"n": len(rows)},
            )
        )
    cols = [c for c in table.columns if c.key in rows[0] or (ids and c.key == "id")]
    names = ", ".join(f'"{c.name}"' for c in cols)
    # psycopg's own connection: its cursor is a context manager with copy(), beyond the DB-API.
    conn: Any = session.connection().connection.dbapi_connection
    with conn.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for i, row in enumerate(rows):
            copy.write_row([new_ids[i] if ids and c.key == "id" else row.get(c.key) for c in cols])
    return new_ids
