"""The command reference in docs/cli.md, generated from --help (run `cog -r docs/cli.md`)."""

from __future__ import annotations

import click


def _walk(cmd: click.Command, path: list[str]):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            yield from _walk(cmd.commands[name], [*path, name])


def command_reference() -> str:
    from click.testing import CliRunner

    from .cli import main

    out = []
    for path, cmd in _walk(main, []):
        if isinstance(cmd, click.Group) and path:
            continue
        result = CliRunner().invoke(main, [*path, "--help"], terminal_width=100, prog_name="provenance")
        out.append(f"### provenance {' '.join(path)}".rstrip() + "\n\n```\n" + result.output.rstrip() + "\n```\n\n")
    return "".join(out)
