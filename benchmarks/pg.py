"""A private PostgreSQL server for one benchmark run: initdb in a temporary folder, a socket in
that folder and a free port, stopped and removed on exit. Needs Debian's `postgresql` package
(its binaries under /usr/lib/postgresql/<version>/bin); when run as root the server runs as the
`postgres` user, as PostgreSQL requires.

synchronous_commit is off: a commit does not wait for its WAL flush, which is what SQLite's WAL
mode with synchronous=NORMAL (the ledger's setting) does too, so the two are compared alike.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path


def _bin() -> Path:
    root = Path("/usr/lib/postgresql")
    versions = sorted(root.iterdir(), key=lambda p: int(p.name)) if root.exists() else []
    if not versions:
        raise SystemExit("PostgreSQL is not installed: apt-get install -y postgresql")
    return versions[-1] / "bin"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.bin = _bin()
        self.port = _free_port()
        self.data = self.folder / "data"
        self.version = subprocess.run([self.bin / "postgres", "--version"], capture_output=True,
                                      text=True).stdout.strip()

    def _run(self, *cmd: str) -> None:
        if os.geteuid() == 0:
            cmd = ("su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in cmd))
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def __enter__(self) -> PostgresServer:
        self.folder.mkdir(parents=True)
        for p in [self.folder, *self.folder.parents][:-1]:  # the server's user must reach its folder
            if p.stat().st_mode & 0o005 != 0o005:
                p.chmod(p.stat().st_mode | 0o005)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        opts = f"-p {self.port} -k {self.folder} -c listen_addresses= -c synchronous_commit=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-l", str(self.folder / "log"),
                  "-o", opts, "start")
        return self

    def __exit__(self, *exc) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def dsn(self, name: str = "postgres") -> str:
        return f"host={self.folder} port={self.port} dbname={name} user=postgres"

    def url(self, name: str) -> str:
        return f"postgresql+psycopg://postgres@/{name}?host={self.folder}&port={self.port}"

    def create(self, name: str, template: str | None = None) -> None:
        import psycopg

        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
