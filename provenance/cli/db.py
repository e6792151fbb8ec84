"""provenance db path | init | upgrade | downgrade | current | check"""

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


COMMANDS = [db_group]
