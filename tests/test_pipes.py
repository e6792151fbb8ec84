"""Output after commit, through real pipes: a write whose reader goes away early has still
happened, exits 0 and says nothing on stderr; what it printed before the pipe closed is stored."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EXE = [sys.executable, "-m", "provenance"]


def run(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*EXE, "--db", str(db), *args], capture_output=True, text=True, check=True,
                          cwd=db.parent)


def into_closed_pipe(db: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The command with a stdout whose reader has already gone: every write to it fails."""
    r, w = os.pipe()
    os.close(r)
    try:
        return subprocess.run([*EXE, "--db", str(db), *args], stdout=w, stderr=subprocess.PIPE,
                              text=True, cwd=cwd)
    finally:
        os.close(w)


def into_head(db: Path, command: str, head: str, cwd: Path) -> tuple[int, str, str]:
    """`provenance ... | head ...` in a shell; the command's own exit status and stderr."""
    shell = (f"{' '.join(EXE)} --db {db} {command} 2>err.txt | {head}; "
             "echo \"${PIPESTATUS[0]}\" > status.txt")
    out = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, cwd=cwd).stdout
    return int((cwd / "status.txt").read_text()), (cwd / "err.txt").read_text(), out


@pytest.fixture
def articles(tmp_path: Path) -> list[str]:
    names = []
    for i in range(1, 4):
        (tmp_path / f"a{i}.txt").write_text(
            f"Article {i}\n\nThe army said {i}00 fighters were killed in Ashford on Monday.\n")
        names.append(f"a{i}.txt")
    return names


def count(db: Path, *what: str) -> int:
    return len(json.loads(run(db, *what, "--json").stdout))


@pytest.mark.parametrize("pipe", ["closed", "head -1", "head -c0"])
def test_sources_add_into_a_closing_pipe_stores_every_source(tmp_path, articles, pipe):
    db = tmp_path / "l.db"
    run(db, "db", "init")  # so that stderr holds only what the command under test says
    if pipe == "closed":
        r = into_closed_pipe(db, "sources", "add", *articles, cwd=tmp_path)
        status, err = r.returncode, r.stderr
    else:
        status, err, out = into_head(db, "sources add " + " ".join(articles), pipe, tmp_path)
        assert out == "" if pipe == "head -c0" else out.startswith("a1.txt: added as source 1 ")
    assert (status, err) == (0, "")
    assert count(db, "sources", "list") == 3


def test_import_into_a_closed_pipe_imports_everything(tmp_path):
    for p in SEEDS.iterdir():
        shutil.copy(p, tmp_path / p.name)
    db = tmp_path / "l.db"
    run(db, "db", "init")  # so that stderr holds only what the command under test says
    status, err, _ = into_head(db, "import sources.toml", "head -c0", tmp_path)
    assert (status, err) == (0, "")
    r = into_closed_pipe(db, "import", "claims.toml", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, "")
    assert count(db, "sources", "list") == 5 and count(db, "claims", "list") == 37


def test_extract_into_head_keeps_the_candidates_and_exits_0(tmp_path, articles):
    db = tmp_path / "l.db"
    run(db, "db", "init")  # so that stderr holds only what the command under test says
    run(db, "sources", "add", articles[0])
    status, err, out = into_head(db, "extract 1", "head -1", tmp_path)
    assert (status, err) == (0, "") and out.startswith("source 1: ")
    proposed = int(out.split()[2])
    assert proposed > 0 and count(db, "candidates", "list") == proposed
    r = into_closed_pipe(db, "extract", "1", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, "")


def test_a_read_into_head_exits_0_quietly(tmp_path, articles):
    db = tmp_path / "l.db"
    run(db, "db", "init")  # so that stderr holds only what the command under test says
    run(db, "sources", "add", *articles)
    status, err, out = into_head(db, "sources list", "head -1", tmp_path)
    assert (status, err) == (0, "") and "title" in out
