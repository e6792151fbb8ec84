"""The README's walkthrough, run exactly as written in a fresh folder, must print what it shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "<!-- walkthrough -->"


def walkthrough_block(readme: str) -> list[str]:
    lines = readme.splitlines()
    start = lines.index(MARK) + 2  # past the mark and the ```console fence
    end = lines.index("```", start)
    return lines[start:end]


def run(commands: list[str], cwd: Path) -> list[str]:
    """Run the commands in one shell (an `export` holds for the rest), as a terminal shows them."""
    script = "".join(f"printf '%s\\n' {_sh(f'$ {c}')}\n{c} 2>&1\n" for c in commands)
    env = {**os.environ, "HOME": str(cwd), "XDG_CONFIG_HOME": str(cwd / "config"), "COLUMNS": "80",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("PROVENANCE_DB", None)
    done = subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.splitlines()


def test_the_readme_walkthrough_prints_what_it_shows(tmp_path):
    block = walkthrough_block((ROOT / "README.md").read_text(encoding="utf-8"))
    commands = [line[2:] for line in block if line.startswith("$ ")]
    assert 8 <= len(commands) <= 12
    got = run(commands, tmp_path)
    assert got == block, "README walkthrough differs from its real output:\n" + "\n".join(got)
    assert (tmp_path / "walkthrough.db").exists()  # where the walkthrough says the data goes


def _sh(s: str) -> str:
    return "'" + s.replace("'", "'\"'\"'") + "'"


if __name__ == "__main__":  # print the real transcript of the commands given on stdin
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        print("\n".join(run([c for c in sys.stdin.read().splitlines() if c], Path(d))))
