"""The command line: a thin layer that parses options, calls the library and renders.

Only click is imported here; each command imports the library (and with it SQLAlchemy and rich)
when it runs, so that `provenance --help` stays fast.
"""

from __future__ import annotations

import click

from . import claims, conflicts, db, exports, extraction, ledger, sources, vocabulary
from .app import RootGroup, State


@click.group(cls=RootGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="provenance")
@click.option(
    "--db", "db_value", metavar="PATH|URL", envvar="PROVENANCE_DB", show_envvar=True,
    help="The ledger: a SQLite file path or any SQLAlchemy URL. "
    "Default: provenance.db in the user's application folder (see `provenance db path`).",
)
@click.pass_context
def main(ctx: click.Context, db_value: str | None) -> None:
    """Provenance: a ledger of claims pinned to their sources, and where the sources disagree."""
    state = State(db_value)
    ctx.obj = state
    ctx.call_on_close(state.close)


for module in (sources, claims, extraction, vocabulary, conflicts, ledger, exports, db):
    for command in module.COMMANDS:
        main.add_command(command)
