"""What `--help` teaches: commands grouped by task, and one example for every command.

An example lives here when the command's own docstring has none; tests/test_help.py walks the
whole command tree and fails on an option without help or a command without an example.
"""

from __future__ import annotations

import click

# `provenance --help` lists the commands in these groups, in this order.
SECTIONS = (
    ("Add", ("sources", "claims", "import", "extract")),
    ("Review", ("review", "candidates")),
    ("Investigate", ("contested", "conflicts", "entities", "properties", "rules", "log")),
    ("Report", ("report", "export")),
    ("Ledger", ("demo", "undo", "verify", "db")),
)

EXAMPLES = {
    "candidates accept": "provenance candidates accept 12-20 --property \"death toll\"",
    "candidates edit": "provenance candidates edit 14 --subject \"Peshawar mosque attack\" --hedge reportedly",
    "candidates list": "provenance candidates list --source 2 --min-score 0.8",
    "candidates reject": "provenance candidates reject 3 7 --reason \"not about this event\"",
    "candidates show": "provenance candidates show 14",
    "claims add": "provenance claims add 1 --quote \"12 people died\" --subject \"the blast\" "
    "--property \"death toll\" --value 12",
    "claims list": "provenance claims list --property \"death toll\" --tsv | grep Reuters",
    "claims reject": "provenance claims reject 12 --reason \"quote is about another attack\"",
    "claims show": "provenance claims show 12",
    "conflicts list": "provenance conflicts list --status open --kind numeric",
    "conflicts scan": "provenance conflicts scan",
    "conflicts show": "provenance conflicts show 3",
    "contested": "provenance contested --kind denial",
    "db backup": "provenance db backup ~/backups/ledger-$(date +%F).db",
    "db check": "provenance db check || provenance db upgrade",
    "db copy": "provenance db copy --to postgresql+psycopg://desk@db.example/ledger",
    "db current": "provenance db current",
    "db downgrade": "provenance db downgrade 0004",
    "db init": "provenance db init team.db",
    "db path": "provenance db path",
    "db restore": "provenance db restore ~/backups/ledger-2025-06-01.db --db ledger.db",
    "db upgrade": "provenance db upgrade",
    "entities add": "provenance entities add \"Islamic State Khorasan Province\" --alias IS-K --kind group",
    "entities list": "provenance entities list --csv > entities.csv",
    "entities merge": "provenance entities merge IS-K ISKP",
    "export": "provenance export --format web-annotation -o annotations.jsonld",
    "extract": "provenance extract 2",
    "import": "provenance import seeds/claims.toml",
    "properties add": "provenance properties add \"death toll\" --type quantity --running-count",
    "properties list": "provenance properties list",
    "report": "provenance report --format markdown -o report.md",
    "review": "provenance review 2 --interactive",
    "rules add": "provenance rules add afghan-core --left \"share of members with Afghan citizenship\" "
    "--right \"key component\" --rationale \"a majority cannot be a foreign core\"",
    "rules list": "provenance rules list",
    "rules remove": "provenance rules remove afghan-core",
    "sources add": "provenance sources add article.txt --outlet \"Dawn\" --published 2025-05-08",
    "sources copies": "provenance sources copies 2",
    "sources diff": "provenance sources diff 1 2",
    "sources grade": "provenance sources grade 3 B",
    "sources list": "provenance sources list",
    "sources reindex": "provenance sources reindex",
    "sources segments": "provenance sources segments 1",
    "sources show": "provenance sources show 1 | less -R",
    "sources split": "provenance sources split 1 --at-quote \"Chinese citizen killed\" --title \"Takhar\"",
    "verify": "provenance verify",
}


def walk(cmd: click.Command, path: tuple[str, ...] = ()):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            yield from walk(cmd.commands[name], (*path, name))


def add_examples(root: click.Command, at: tuple[str, ...] = ()) -> None:
    """Append each command's example to its help, unless its docstring already shows one
    (`at`: where `root` sits under `provenance`)."""
    for path, cmd in walk(root, at):
        example = EXAMPLES.get(" ".join(path))
        if example and "Example:" not in (cmd.help or ""):
            cmd.help = (cmd.help or "").rstrip() + f"\n\nExample: {example}"


def format_sections(group: click.Group, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    """The root's commands under task headings (any command not placed goes under "Other")."""
    placed: set[str] = set()
    for title, names in (*SECTIONS, ("Other", tuple(sorted(group.commands)))):
        rows = []
        for name in names:
            cmd = group.commands.get(name)
            if cmd is None or name in placed or cmd.hidden:
                continue
            placed.add(name)
            rows.append((name, cmd.get_short_help_str(formatter.width - 6 - max(map(len, group.commands)))))
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)
