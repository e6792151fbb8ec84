"""The README's command reference is generated from --help and must match it."""

from pathlib import Path

from cogapp import Cog

ROOT = Path(__file__).resolve().parent.parent


def test_command_reference_is_in_sync_with_help(capsys):
    status = Cog().main(["cog", "--check", str(ROOT / "README.md")])
    assert status == 0, "README.md command reference is stale: run `cog -r README.md`"


def test_readme_starts_with_the_two_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```sh") + 3]
    assert block[0].endswith("provenance demo") and "pip install ." in block[0]
    assert block[1].endswith("python -m pytest") and "'.[test,web]'" in block[1]
