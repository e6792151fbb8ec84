"""The command line: a thin layer that parses options, calls the library and renders.

Only click is imported here; each command imports the library (and with it SQLAlchemy and rich)
when it runs, so that `provenance --help` stays fast.
"""

from __future__ import annotations

import click

from . import claims, conflicts, db, exports, extraction, history, ledger, sources, vocabulary
from .app import RootGroup, State
from .guide import add_examples


@click.group(cls=RootGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="provenance")
@click.option(
    "--db",
    "db_value",
    metavar="PATH|URL",
    envvar="PROVENANCE_DB",
    show_envvar=True,
    help="The ledger: a SQLite file path or any SQLAlchemy URL. "
    "Default: provenance.db in the user's application folder (see `provenance db path`).",
)
@click.option(
    "--lexicon",
    "lexicon_file",
    metavar="FILE",
    envvar="PROVENANCE_LEXICON",
    show_envvar=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A desk's extraction words (TOML, shaped like the packaged lexicon), merged over the packaged ones.",
)
@click.pass_context
def main(ctx: click.Context, db_value: str | None, lexicon_file: str | None) -> None:
    """Provenance: a ledger of claims pinned to their sources, and where the sources disagree.

    Start with `provenance demo` (its own ledger), then `provenance contested`. Every command has
    --help with an example; shell completion: see the README."""
    if lexicon_file:  # imported only when given: commands that read no text do not pay for it
        from ..extract.lexicon import use_desk_file

        use_desk_file(lexicon_file)  # read when a command reads text
        ctx.call_on_close(lambda: use_desk_file(None))
    state = State(db_value)
    ctx.obj = state
    ctx.call_on_close(state.close)


for module in (sources, claims, extraction, vocabulary, conflicts, ledger, exports, history, db):
    for command in module.COMMANDS:
        main.add_command(command)


def _db_after(ctx: click.Context, _param, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(State).db_value = value


def _accept_db_everywhere(group: click.Group) -> None:
    """`--db` after the subcommand too (`provenance claims list --db x.db`), where it wins."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            _accept_db_everywhere(command)
        elif not any(p.name == "db_after" for p in command.params):
            command.params.append(
                click.Option(
                    ["--db", "db_after"],
                    metavar="PATH|URL",
                    expose_value=False,
                    callback=_db_after,
                    help="The ledger, as the --db before the command (which it overrides).",
                )
            )


_accept_db_everywhere(main)
add_examples(main)
