"""The command line: a thin layer that parses options, calls the library and renders.

Only click is imported here; each command imports the library (and with it SQLAlchemy and rich)
when it runs, so that `provenance --help` stays fast. The modules that define the commands are
imported when a command is looked up, too: `provenance claims list` builds the claims commands
only, while `--help`, completion and anything that reads `main.commands` get them all.
"""

from __future__ import annotations

import importlib

import click

from .app import RootGroup, State
from .guide import add_examples

# Which module defines each command, in the order the commands are listed: a command missing here
# still works (every module is loaded to find it), it only loses the quick path.
# tests/test_help.py checks this against the modules' COMMANDS.
COMMAND_MODULES = {
    "sources": "sources",
    "claims": "claims",
    "extract": "extraction",
    "review": "extraction",
    "candidates": "extraction",
    "entities": "vocabulary",
    "properties": "vocabulary",
    "rules": "vocabulary",
    "conflicts": "conflicts",
    "contested": "conflicts",
    "import": "ledger",
    "demo": "ledger",
    "report": "ledger",
    "verify": "ledger",
    "export": "exports",
    "log": "history",
    "undo": "history",
    "db": "db",
}
MODULES = tuple(dict.fromkeys(COMMAND_MODULES.values()))


class LazyRoot(RootGroup):
    """The root group, whose command modules are imported on first need."""

    def __init__(self, *args, **kwargs):
        self._loaded: set[str] = set()
        self._all = False
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def commands(self) -> dict[str, click.Command]:
        if not self._all:
            self._all = True
            for module in MODULES:
                self._load(module)
        return self._commands

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        self._commands = value

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None:
            self._load(module)
            if cmd_name in self._commands:
                return self._commands[cmd_name]
        return super().get_command(ctx, cmd_name)

    def _load(self, module: str) -> None:
        if module in self._loaded:
            return
        self._loaded.add(module)
        for command in importlib.import_module(f"{__name__}.{module}").COMMANDS:
            self._commands[command.name] = command
            _accept_db_everywhere(command)
            add_examples(command, (command.name,))


@click.group(cls=LazyRoot, context_settings={"help_option_names": ["-h", "--help"]})
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


def _db_after(ctx: click.Context, _param, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(State).db_value = value


def _accept_db_everywhere(command: click.Command) -> None:
    """`--db` after the subcommand too (`provenance claims list --db x.db`), where it wins."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _accept_db_everywhere(sub)
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
