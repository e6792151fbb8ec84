"""The README starts short with its two commands; the command reference in docs/ matches --help."""

from pathlib import Path

from cogapp import Cog

ROOT = Path(__file__).resolve().parent.parent


def test_command_reference_is_in_sync_with_help(capsys):
    status = Cog().main(["cog", "--check", str(ROOT / "docs" / "cli.md")])
    assert status == 0, "docs/cli.md command reference is stale: run `cog -r docs/cli.md`"


def readme_command(marker: str) -> str:
    """A command of the README's first sh block, found by the comment that names it (as .ci/run does)."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```", lines.index("```sh"))]
    (line,) = [b for b in block if b.endswith(f"# {marker}")]
    return line


def test_readme_starts_with_the_two_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[2] == "```sh" and lines[5] == "```"
    demo, tests = readme_command("install, run the demo"), readme_command("run the tests")
    assert "pip install . " in demo and "provenance demo" in demo
    assert "'.[test,web]'" in tests and "python -m pytest" in tests


def test_readme_is_short_and_links_the_reference():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) < 150
    for doc in ("docs/reference.md", "docs/cli.md"):
        assert f"]({doc})" in text and (ROOT / doc).exists()
