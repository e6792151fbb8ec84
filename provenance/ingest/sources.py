"""Reading, decoding, hashing and storing captures.

The text is stored exactly as decoded: line endings and every character as given. A leading
byte-order mark is an encoding mark, not text, and is dropped. Matching (anchoring) folds case,
quotes, dashes and whitespace on the fly; nothing folded is ever stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from ..ledger import events
from ..errors import InputError, NotFound
from ..ledger.models import RELIABILITY_GRADES, Source

MAX_BYTES = 50 * 1024 * 1024
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
MEDIA_TYPES = {".md": "text/markdown", ".markdown": "text/markdown", ".txt": "text/plain"}


@dataclass
class SourceMeta:
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    captured: dt.date | None = None
    reliability: str | None = None
    published_at: dt.datetime | None = None  # when the page gives the time of day too

    def __post_init__(self) -> None:
        # Checked up front, so that a bad option fails even when the text is already stored.
        self.url = check_url(self.url)
        self.reliability = check_grade(self.reliability)


def parse_day(value: str | None, what: str) -> dt.date | None:
    """A calendar day given on the command line or in a file: YYYY-MM-DD (a date-time gives its day)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10] if parse_time(text, what) else text)
    except ValueError:
        raise InputError(f"{what} {value!r} is not a date; write it as YYYY-MM-DD "
                         "or YYYY-MM-DDTHH:MM[+HH:MM]") from None


def parse_time(value, what: str) -> dt.datetime | None:
    """The instant (UTC) of an ISO 8601 date-time ('2024-01-05T09:38+08:00'); None for a plain day."""
    from ..values import ValueError_, parse_moment

    if value is None or value == "" or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None) if value.tzinfo else value
    try:
        return parse_moment(str(value))
    except ValueError_:
        raise InputError(f"{what} {value!r} is not a real date-time") from None


def check_url(url: str | None) -> str | None:
    from urllib.parse import urlsplit

    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url.strip()):
        raise InputError(f"--url {url!r} is not an http(s) URL")
    return url.strip()


def check_grade(grade: str | None) -> str | None:
    if grade is None:
        return None
    if grade.upper() not in RELIABILITY_GRADES:
        raise InputError(f"reliability {grade!r} is not one of A, B, C, D, E, F")
    return grade.upper()


def read_input(path: str) -> bytes:
    """The bytes of a file, or of stdin for '-'."""
    if path == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    try:
        if p.stat().st_size > MAX_BYTES:
            raise InputError(f"{path}: larger than {MAX_BYTES // 2**20} MB; split it first")
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (with or without a BOM), or a clear refusal."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES // 2**20} MB; split it first")
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: holds binary data, not text; save the article as UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: is not UTF-8 text (bad byte at offset {exc.start}); "
            "convert it to UTF-8 first, for example with iconv"
        ) from None
    if not text.strip():
        raise InputError(f"{name}: the file is empty (only blank characters)")
    controls = len(_CONTROLS.findall(text))
    # Web text may carry a few stray escapes; binary data decoded as UTF-8 is mostly controls.
    if controls > max(32, len(text) // 20):
        raise InputError(f"{name}: holds binary data, not text; save the article as UTF-8 text")
    return text


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Added:
    source: Source
    existed: bool
    copies: list = field(default_factory=list)  # copies.Copy: earlier sources sharing its text
    version_of: Source | None = None
    reanchored: list = field(default_factory=list)  # models.Reanchor, for a re-capture


def add_source(
    session: Session, data: bytes, origin: str, meta: SourceMeta | None = None,
    version_of: int | None = None,
) -> Added:
    """Store a capture, split it into articles, find what it shares with earlier sources and,
    for a re-capture, carry the old version's spans over. The same text again returns the
    source already there."""
    from .copies import index_source
    from .segments import segment_source
    from .versions import previous_version, reanchor

    meta = meta or SourceMeta()
    text = decode(data, origin)
    digest = sha256(text)
    existing = session.scalar(select(Source).where(Source.sha256 == digest))
    if existing is not None:
        return Added(existing, True)
    source = Source(
        sha256=digest,
        text=text,
        chars=len(text),
        media_type=MEDIA_TYPES.get(Path(origin).suffix.lower(), "text/plain"),
        origin=origin,
        title=meta.title or _first_line(text),
        url=meta.url,
        outlet=meta.outlet,
        author=meta.author,
        published=meta.published,
        published_at=meta.published_at,
        captured=meta.captured,
        reliability=meta.reliability or "F",
    )
    session.add(source)
    session.flush()
    events.record(session, "source.add", f"source:{source.id}", sha256=digest, origin=origin)
    added = Added(source, False)
    segment_source(session, source, fresh=True)
    added.copies = index_source(session, source)
    added.version_of = previous_version(session, source, version_of)
    if added.version_of is not None:
        added.reanchored = reanchor(session, added.version_of, source)
    return added


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return None


def get_source(session: Session, source_id: int, *, with_text: bool = False) -> Source:
    source = session.get(Source, source_id, options=[undefer(Source.text)] if with_text else None)
    if source is None:
        raise NotFound(f"no source with id {source_id}; see `provenance sources list`")
    return source


def find_source(session: Session, ref: str, *, with_text: bool = False) -> Source:
    """A source by id, or by a prefix of its SHA-256 (at least 8 hex digits)."""
    ref = str(ref).strip()
    if ref.isdigit() and len(ref) < 8:
        return get_source(session, int(ref), with_text=with_text)
    if len(ref) >= 8 and all(c in "0123456789abcdef" for c in ref.lower()):
        # A range, not LIKE: it walks the unique index on sha256 instead of every source.
        prefix = ref.lower()
        found = session.scalars(select(Source).where(
            Source.sha256 >= prefix, Source.sha256 < prefix + "g").limit(2)
            .options(*([undefer(Source.text)] if with_text else []))).all()
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise InputError(f"source {ref!r} matches {len(found)} sources; give more digits")
    raise NotFound(f"no source {ref!r}; give an id or a SHA-256 prefix (`provenance sources list`)")


def list_sources(session: Session) -> list[tuple[Source, int]]:
    from ..ledger.models import Claim

    counts = (
        select(Claim.source_id, func.count().label("n")).group_by(Claim.source_id).subquery()
    )
    rows = session.execute(
        select(Source, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.source_id == Source.id)
        .order_by(Source.id)
    )
    return [(s, n) for s, n in rows]


def source_json(source: Source, claims: int | None = None) -> dict:
    data = {
        "id": source.id,
        "sha256": source.sha256,
        "title": source.title,
        "url": source.url,
        "outlet": source.outlet,
        "author": source.author,
        "published": source.published.isoformat() if source.published else None,
        "published_at": source.published_at.isoformat(timespec="minutes") + "Z" if source.published_at else None,
        "captured": source.captured.isoformat() if source.captured else None,
        "media_type": source.media_type,
        "reliability": source.reliability,
        "chars": source.chars,
        "origin": source.origin,
    }
    if claims is not None:
        data["claims"] = claims
    return data
