"""provenance db path | init | upgrade | downgrade | current | check | copy | backup | restore"""

from __future__ import annotations

import click

from .app import CliError, State, pass_state


@click.group("db")
def db_group() -> None:
    """The ledger's database and its schema revisions."""


@db_group.command("path")
@pass_state
def path(state: State) -> None:
    """Print the database URL in use (option, then PROVENANCE_DB, then the default file)."""
    from ..ledger.db import resolve_url

    click.echo(resolve_url(state.db_value))


@db_group.command("init")
@click.argument("path", required=False)
@pass_state
def init(state: State, path: str | None) -> None:
    """Create a new ledger at PATH (default: --db) at the newest revision."""
    from ..ledger.db import resolve_url, sqlite_path

    if path is not None:
        state.db_value = path
    url = resolve_url(state.db_value)
    file = sqlite_path(url) if url.startswith("sqlite") else None
    db = state.db()
    where = url.split('///', 1)[-1] if file else url
    click.echo(f"ledger ready at {where}" if db.created else f"a ledger is already at {where}")


def _migrate(state: State, direction: str, revision: str) -> None:
    from ..ledger import db as dbmod

    dbmod.check_revision(revision)
    db = state.db(migrate=False, create=direction == "upgrade")
    dbmod.check_usable(db.engine)
    getattr(dbmod, direction)(db.engine, db.url, revision)
    click.echo(f"at revision {', '.join(sorted(dbmod.current_revisions(db.engine))) or 'none'}")


@db_group.command("upgrade")
@click.argument("revision", default="head")
@pass_state
def upgrade(state: State, revision: str) -> None:
    """Migrate the schema up to REVISION (default: the newest)."""
    _migrate(state, "upgrade", revision)


@db_group.command("downgrade")
@click.argument("revision")
@pass_state
def downgrade(state: State, revision: str) -> None:
    """Migrate the schema down to REVISION ('base' removes every table)."""
    _migrate(state, "downgrade", revision)


@db_group.command("current")
@pass_state
def current(state: State) -> None:
    """Print the database's schema revision."""
    from ..ledger.db import check_usable

    revs = check_usable(state.db(migrate=False, create=False).engine)
    click.echo(", ".join(sorted(revs)) or "none (empty database)")


@db_group.command("check")
@pass_state
def check(state: State) -> None:
    """Exit 0 when the database is at the newest revision, non-zero otherwise."""
    from ..ledger.db import check_usable, head_revisions

    revs = check_usable(state.db(migrate=False, create=False).engine)
    heads = set(head_revisions())
    if revs != heads:
        raise CliError(
            f"the database is at {', '.join(sorted(revs)) or 'no revision'}, the newest is "
            f"{', '.join(sorted(heads))}; run `provenance db upgrade`",
            6,
        )
    click.echo(f"up to date at revision {', '.join(sorted(revs))}")


@db_group.command("copy")
@click.option("--to", "to", required=True, metavar="PATH|URL", help="A new SQLite file or an empty database.")
@pass_state
def copy(state: State, to: str) -> None:
    """Copy the whole ledger (every table, ids, hashes, the event chain) into a new SQLite file or
    an empty PostgreSQL database, migrated first; one transaction on the target. `verify` passes
    on the copy."""
    from ..actions import copy_ledger

    done = copy_ledger(state.db(create=False), to)
    click.echo(
        f"copied {done.rows:,} rows of {done.tables} tables to {done.target}; "
        f"{done.events:,} events, chain head {done.head or 'none'}"
    )


@db_group.command("backup")
@click.argument("path")
@pass_state
def backup(state: State, path: str) -> None:
    """Write a consistent copy of a SQLite ledger to PATH (a new file), taken with SQLite's online
    backup, safe while others write. PostgreSQL: prints pg_dump guidance and exits 2."""
    from ..actions import backup_ledger
    from ..ledger.db import resolve_url

    done = backup_ledger(resolve_url(state.db_value), path)
    click.echo(
        f"backed up to {done.path} ({done.bytes:,} bytes, {done.events:,} events, chain head {done.head or 'none'})"
    )


@db_group.command("restore")
@click.argument("path")
@click.option("--force", is_flag=True, help="Replace a ledger that already holds data.")
@pass_state
def restore(state: State, path: str, force: bool) -> None:
    """Replace the SQLite ledger with the backup at PATH, after checking it is a ledger that passes
    `verify`. A ledger that holds data is replaced only with --force."""
    from ..actions import restore_ledger
    from ..ledger.db import resolve_url

    done = restore_ledger(resolve_url(state.db_value), path, force=force)
    what = f"replaced {done.replaced:,} rows" if done.replaced else "into an empty ledger"
    click.echo(f"restored {done.path} from {path} ({what}; {done.events:,} events, chain head {done.head or 'none'})")


COMMANDS = [db_group]
