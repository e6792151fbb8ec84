"""Writing an output file without ever destroying an input.

An output may not be the ledger (or its -wal, -shm or -journal file), another SQLite database, a
source's file, or a folder; it is written to a temporary file beside the target and renamed over
it, so a failure (a full disk) leaves the old file, or nothing, never a partial or empty one.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from pathlib import Path

from .errors import InputError

SQLITE_MAGIC = b"SQLite format 3\x00"
LEDGER_SIDECARS = ("", "-wal", "-shm", "-journal")


def ledger_files(url: str) -> set[Path]:
    """The files a SQLite ledger lives in; none for a server."""
    if not url.startswith("sqlite") or "///" not in url:
        return set()
    path = url.split("///", 1)[1].split("?", 1)[0]
    if not path or path == ":memory:":
        return set()
    return {Path(path + suffix).resolve() for suffix in LEDGER_SIDECARS}


def _content_hash(path: Path) -> str | None:
    """The SHA-256 a source of this file's text would have (UTF-8, BOM dropped), if it is small."""
    try:
        if path.stat().st_size > 50 * 2**20:
            return None
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_target(target: str, *, ledger_url: str, source_origins=(), source_hashes=()) -> Path:
    """The resolved output path, or a refusal naming why it would destroy an input."""
    if not target or not target.strip():
        raise InputError("the output path is empty; give a file name with -o")
    path = Path(target).expanduser()
    resolved = path.resolve()
    name = target
    if resolved.is_dir():
        raise InputError(f"{name}: is a folder; give a file name with -o")
    if resolved in ledger_files(ledger_url):
        raise InputError(f"{name}: is the ledger itself (or its journal); choose another output file")
    if resolved.exists():
        if not resolved.is_file():
            raise InputError(f"{name}: is not a regular file; choose another output file")
        try:
            with open(resolved, "rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise InputError(f"{name}: cannot be read ({exc.strerror}); choose another output file") from None
        if head == SQLITE_MAGIC:
            raise InputError(f"{name}: is a SQLite database; choose another output file")
        origins = {Path(o).expanduser().resolve() for o in source_origins if o and o != "-" and "://" not in o}
        if resolved in origins or _content_hash(resolved) in set(source_hashes):
            raise InputError(f"{name}: is the file of a source in the ledger; choose another output file")
    if not resolved.parent.is_dir():
        raise InputError(f"{name}: the folder {resolved.parent} does not exist")
    return resolved


def write_atomically(path: Path, body: str | bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it over `path`."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write in {path.parent} ({exc.strerror})") from None
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with _quietly():
            os.unlink(tmp)
        if exc.errno == errno.ENOSPC:
            raise InputError(f"{path}: the disk is full; nothing was written (free some space)") from None
        raise InputError(f"{path}: cannot be written ({exc.strerror}); nothing was written") from None


def _mode_for(path: Path) -> int:
    """An existing file keeps its permissions; a new one gets what the umask allows."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class _quietly:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return exc[0] is not None and issubclass(exc[0], OSError)
