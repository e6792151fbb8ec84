"""Help that teaches: the whole command tree, walked; every option explained, every command an example."""

from __future__ import annotations

import click
from click.testing import CliRunner

from provenance.cli import main
from provenance.cli.guide import EXAMPLES, SECTIONS, walk

COMMANDS = [(path, cmd) for path, cmd in walk(main) if path]
LEAVES = [(path, cmd) for path, cmd in COMMANDS if not isinstance(cmd, click.Group)]


def test_every_option_and_argumentless_command_has_help():
    missing = [f"provenance {' '.join(path)} {opt.opts[0]}" for path, cmd in walk(main)
               for opt in cmd.params if isinstance(opt, click.Option) and not (opt.help or "").strip()]
    assert missing == [], "options without help: " + ", ".join(missing)
    assert [" ".join(p) for p, c in COMMANDS if not (c.help or "").strip()] == []


def test_every_command_shows_one_example_of_itself():
    for path, _cmd in LEAVES:
        out = CliRunner().invoke(main, [*path, "--help"], terminal_width=100)
        assert out.exit_code == 0, path
        examples = [line.strip() for line in out.output.splitlines() if line.strip().startswith("Example:")]
        assert len(examples) == 1, f"provenance {' '.join(path)}: {len(examples)} examples"
        assert examples[0].startswith(f"Example: provenance {' '.join(path)}"), examples[0]


def test_examples_name_real_commands():
    paths = {" ".join(p) for p, _ in LEAVES}
    assert set(EXAMPLES) <= paths


def test_root_help_groups_every_command_by_task():
    out = CliRunner().invoke(main, ["--help"], terminal_width=100).output
    titles = [title for title, _ in SECTIONS]
    assert [line[:-1] for line in out.splitlines() if line[:-1] in titles] == titles
    assert "Other:" not in out  # every command has its place
    placed = {name for _, names in SECTIONS for name in names}
    assert set(main.commands) == placed


def test_completion_is_documented_and_works():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "_PROVENANCE_COMPLETE=bash_source provenance" in readme
    out = CliRunner().invoke(main, [], env={"_PROVENANCE_COMPLETE": "bash_source"}, prog_name="provenance")
    assert "_provenance_completion" in out.output


def test_command_modules_are_named_right_and_a_command_loads_only_its_own():
    """The root imports a command's module when the command is looked up (start-up time): the
    table that says where each command lives must agree with the modules themselves."""
    import importlib
    import subprocess
    import sys

    from provenance.cli import COMMAND_MODULES, MODULES

    defined = {cmd.name: module for module in MODULES
               for cmd in importlib.import_module(f"provenance.cli.{module}").COMMANDS}
    assert COMMAND_MODULES == defined
    code = ("import sys; from provenance.cli import main; main(['claims', 'list', '--help'], standalone_mode=False); "
            "print(sorted(m for m in sys.modules if m.startswith('provenance.cli.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "['provenance.cli.app', 'provenance.cli.claims', 'provenance.cli.guide']"
