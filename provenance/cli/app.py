"""The root command group, the shared state it hands to subcommands, and error handling.

Library errors (ProvenanceError) become one line on stderr and the exit code the error names.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from ..errors import DatabaseError, ProvenanceError

if TYPE_CHECKING:
    from ..ledger.db import Database


class CliError(click.ClickException):
    def __init__(self, message: str, exit_code: int = 1):
        from ..render import safe_line

        super().__init__(safe_line(message))
        self.exit_code = exit_code  # type: ignore[misc]  # click reads it per instance


class State:
    """Opens the ledger on first use, so that --help and `db current` stay light."""

    def __init__(self, db: str | None):
        self.db_value = db
        self._db: Database | None = None

    def db(self, *, migrate: bool = True, create: bool = True):
        """The ledger. Reading commands pass create=False: a mistyped path is named, not made."""
        if self._db is None:
            from ..ledger.db import open_db

            self._db = open_db(self.db_value, migrate=migrate, create=create)
            if self._db.created:
                from ..render import safe_line

                where = self.db_value or self._db.url.split("///", 1)[-1]  # as the user wrote it
                click.echo(f"created a new ledger at {safe_line(where)}", err=True)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def translate(exc: BaseException) -> CliError | None:
    if isinstance(exc, ProvenanceError):
        return CliError(exc.message, exc.exit_code)
    from ..ledger.db import storage_problem

    if (problem := storage_problem(exc)) is not None:
        return CliError(problem, DatabaseError.exit_code)
    mod = type(exc).__module__ or ""
    if mod.startswith("sqlalchemy") or mod.startswith("sqlite3"):
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        return CliError(
            f"database error: {detail}; the database was left as it was (run `provenance verify` to check it)",
            DatabaseError.exit_code,
        )
    return None


class RootGroup(click.Group):
    def format_commands(self, ctx, formatter):
        from .guide import format_sections

        format_sections(self, ctx, formatter)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # Output piped into `head`: stop quietly with 0, as other tools do. Every write has
            # committed before anything is printed, so what was reported is stored. Output still
            # buffered goes to /dev/null, so that flushing it at exit cannot fail again.
            import sys

            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):  # not a real file (a test runner's buffer)
                pass
            raise click.exceptions.Exit(0) from None
        except Exception as exc:
            err = translate(exc)
            if err is None:
                if os.environ.get("PROVENANCE_DEBUG"):
                    raise
                # Most likely a row edited by hand outside Provenance; one line, not a traceback.
                err = CliError(
                    f"unexpected {type(exc).__name__}: {exc}; run `provenance verify` to "
                    "check the database (PROVENANCE_DEBUG=1 shows the traceback)",
                    1,
                )
            raise err from None


pass_state = click.make_pass_decorator(State)


def with_session(readonly: bool = False):
    """Hand the command one transaction on the ledger."""
    import functools

    def wrap(f):
        @pass_state
        @functools.wraps(f)
        def run(state: State, *args, **kwargs):
            with state.db(create=not readonly).session(readonly=readonly) as session:
                return f(session, *args, **kwargs)

        return run

    return wrap


def with_ledger(f):
    """Hand the command the ledger itself: for writes, which go through one action each."""
    import functools

    @pass_state
    @functools.wraps(f)
    def run(state: State, *args, **kwargs):
        return f(state.db(), *args, **kwargs)

    return run
