"""Reading, decoding, hashing and storing captures.

The text is stored exactly as decoded: line endings and every character as given. A leading
byte-order mark is an encoding mark, not text, and is dropped. Matching (anchoring) folds case,
quotes, dashes and whitespace on the fly; nothing folded is ever stored.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
import sys
from dataclasses import dataclass, field
from typing import overload

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, make_transient_to_detached, undefer

from ..errors import InputError, NotFound
from ..ledger import events
from ..ledger.db import bulk_insert
from ..ledger.limits import clip
from ..ledger.models import RELIABILITY_GRADES, Source, sha256, utcnow

MAX_BYTES = 50 * 1024 * 1024
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


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

    @classmethod
    def read(cls, *, published: str | None = None, captured: str | None = None, **text: str | None) -> SourceMeta:
        """Metadata as a file states it: dates as written (a published time of day kept too)."""
        return cls(
            **text,
            published=parse_day(published, "published"),
            published_at=parse_time(published, "published"),
            captured=parse_day(captured, "captured"),
        )


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
        raise InputError(
            f"{what} {value!r} is not a date; write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM[+HH:MM]"
        ) from None


def parse_time(value, what: str) -> dt.datetime | None:
    """The instant (UTC) of an ISO 8601 date-time ('2024-01-05T09:38+08:00'); None for a plain day."""
    from ..values import ValueError_, parse_moment

    if value is None or value == "" or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
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


@overload
def check_grade(grade: str) -> str: ...
@overload
def check_grade(grade: None) -> None: ...
@overload
def check_grade(grade: str | None) -> str | None: ...
def check_grade(grade: str | None) -> str | None:
    if grade is None:
        return None
    if grade.upper() not in RELIABILITY_GRADES:
        raise InputError(f"reliability {grade!r} is not one of A, B, C, D, E, F")
    return grade.upper()


def read_input(path: str) -> bytes:
    """The bytes of a regular file, or of stdin for '-'; at most MAX_BYTES, counted while reading.

    Devices (/dev/zero never ends), FIFOs (may never open) and sockets are refused before they are
    opened; a file that grows while it is read is still stopped at the limit.
    """
    import stat

    limit = f"larger than {MAX_BYTES // 2**20} MB, the limit for one source; split it first"
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"standard input: {limit}")
        return data
    if not path or not path.strip():
        raise InputError("an empty file name was given; name a file, or - for standard input")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise InputError(f"{path}: is not a regular file (a device, pipe or socket); save the article to a file first")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: {limit}")
    return data


# Byte-order marks, longest first (UTF-32's little-endian mark begins with UTF-16's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _unicode_with_bom(data: bytes, name: str) -> str | None:
    """UTF-16 or UTF-32 text that says so with a byte-order mark, decoded; None otherwise."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: starts with a {codec.upper()} byte-order mark but is not "
                    f"valid {codec.upper()} (bad byte at offset {exc.start})"
                ) from None
    return None


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (with or without a BOM), UTF-16/32 with a BOM, or a clear refusal."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES // 2**20} MB; split it first")
    text = _unicode_with_bom(data, name)
    if text is None:
        if not data.strip():
            raise InputError(f"{name}: the file is empty")
        if b"\x00" in data:
            raise InputError(f"{name}: holds binary data (NUL bytes), not text; save the article as UTF-8 text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: is not UTF-8 text (bad byte at offset {exc.start}); "
                "convert it to UTF-8 first, for example with iconv"
            ) from None
    return check_text(text, name)


def check_text(text: str, name: str) -> str:
    """Decoded or extracted text that is worth storing: not blank, not binary."""
    if "\x00" in text:
        raise InputError(f"{name}: holds NUL characters, not text; save the article as UTF-8 text")
    if not text.strip():
        raise InputError(f"{name}: the file is empty (only blank characters)")
    controls = len(_CONTROLS.findall(text))
    # Web text may carry a few stray escapes; binary data decoded as UTF-8 is mostly controls.
    if controls > max(32, len(text) // 20):
        raise InputError(f"{name}: holds binary data, not text; save the article as UTF-8 text")
    return text


@dataclass
class Added:
    source: Source
    existed: bool
    copies: list = field(default_factory=list)  # copies.Copy: earlier sources sharing its text
    version_of: Source | None = None
    reanchored: list = field(default_factory=list)  # models.Reanchor, for a re-capture


def add_source(
    session: Session,
    data: bytes,
    origin: str,
    meta: SourceMeta | None = None,
    version_of: int | None = None,
    *,
    fmt: str | None = None,
    fetched=None,
) -> Added:
    """Store a capture, split it into articles, find what it shares with earlier sources and,
    for a re-capture, carry the old version's spans over. The same text again returns the
    source already there.

    HTML and PDF (by `fmt`, the file's suffix, the fetched content type or its first bytes) are
    read by their extractor: the stored text is what it extracted, and the original bytes are
    kept too. `fetched` (fetch.Fetched) says where and when a link was fetched."""
    from .capture import extract, media_type_of
    from .copies import index_source
    from .segments import segment_source
    from .versions import previous_version, reanchor

    meta = meta or SourceMeta()
    if len(data) > MAX_BYTES:
        raise InputError(f"{origin}: larger than {MAX_BYTES // 2**20} MB; split it first")
    media_type = fetched.media_type if fetched and not fmt else media_type_of(origin, data, fmt)
    extracted = extract(data, media_type, origin)
    text = decode(data, origin) if extracted is None else check_text(extracted.text, origin)
    digest = sha256(text)
    # The id first: a new text (the usual case) then builds no object from a row.
    if (existing_id := session.scalar(select(Source.id).where(Source.sha256 == digest))) is not None:
        return Added(session.get_one(Source, existing_id), True)
    found = extracted or _NOTHING
    row = dict(
        sha256=digest,
        text=text,
        chars=len(text),
        media_type=media_type,
        origin=origin,
        title=meta.title or clip(Source.title, found.title) or _first_line(text),
        url=meta.url or _valid_url(found.url) or (fetched.final_url if fetched else None),
        outlet=meta.outlet or clip(Source.outlet, found.outlet),
        author=meta.author or clip(Source.author, found.author),
        published=meta.published or found.published,
        captured=meta.captured or (fetched.fetched_at.date() if fetched else None),
        published_at=meta.published_at,
        reliability=meta.reliability or "F",
        added_at=utcnow(),
    )
    # Written through Core (its state hashed from memory for the event), then handed to the
    # session as the stored row it is: the unit of work's flush is most of a small insert's cost.
    source = Source(id=bulk_insert(session, Source.__table__, [row], ids=True)[0], **row)
    make_transient_to_detached(source)
    session.add(source)
    if extracted is not None or fetched is not None:
        _keep_original(session, source, data, media_type, extracted, fetched)
    events.record(
        session,
        "source.add",
        f"source:{source.id}",
        sha256=digest,
        origin=origin,
        **({"url": fetched.final_url} if fetched else {}),
    )
    added = Added(source, False)
    segment_source(session, source, fresh=True)
    added.copies = index_source(session, source)
    added.version_of = previous_version(session, source, version_of)
    if added.version_of is not None:
        added.reanchored = reanchor(session, added.version_of, source)
    return added


class _Nothing:
    title = url = outlet = author = published = None
    pages: list = []


_NOTHING = _Nothing()


def _valid_url(url: str | None) -> str | None:
    try:
        return check_url(url)
    except InputError:  # a page's own canonical link may be relative or broken: not ours to refuse
        return None


def _keep_original(session: Session, source: Source, data: bytes, media_type: str, extracted, fetched) -> None:
    import zlib

    from ..ledger.models import SourceOriginal, SourcePage

    session.add(
        SourceOriginal(
            source_id=source.id,
            media_type=media_type,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            data=zlib.compress(data, 9),
            extractor=extracted.extractor if extracted else "none",
            requested_url=fetched.requested_url if fetched else None,
            final_url=fetched.final_url if fetched else None,
            fetched_at=fetched.fetched_at if fetched else None,
        )
    )
    if extracted is not None and extracted.pages:
        session.add_all(
            SourcePage(source_id=source.id, number=n, start=start, end=end)
            for n, (start, end) in enumerate(extracted.pages, 1)
        )
    session.flush()


def capture_json(session: Session, source: Source) -> dict:
    """How a source was captured: its original (HTML, PDF, a fetched page) and its PDF pages."""
    from ..ledger.models import SourceOriginal

    o = session.get(SourceOriginal, source.id)
    return {
        "original": None
        if o is None
        else {
            "media_type": o.media_type,
            "sha256": o.sha256,
            "size": o.size,
            "extractor": o.extractor,
            "requested_url": o.requested_url,
            "final_url": o.final_url,
            "fetched_at": o.fetched_at.isoformat(timespec="seconds") + "Z" if o.fetched_at else None,
        },
        "pages": [{"number": p.number, "start": p.start, "end": p.end} for p in source.pages],
    }


def original_bytes(session: Session, source: Source) -> bytes | None:
    """The HTML or PDF a source was extracted from, as it was read (None for plain text)."""
    import zlib

    from ..ledger.models import SourceOriginal

    row = session.get(SourceOriginal, source.id, options=[undefer(SourceOriginal.data)])
    return zlib.decompress(row.data) if row is not None else None


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return None


def get_source(session: Session, source_id: int, *, with_text: bool = False) -> Source:
    from ..ledger.limits import MAX_ID

    source = None
    if 1 <= int(source_id) <= MAX_ID:
        source = session.get(Source, source_id, options=[undefer(Source.text)] if with_text else None)
    if source is None:
        raise NotFound(f"no source with id {source_id}; see `provenance sources list`")
    return source


def is_sha256_prefix(ref: str) -> bool:
    """At least 8 hex digits: a SHA-256 prefix rather than an id."""
    return len(ref) >= 8 and all(c in "0123456789abcdef" for c in ref.lower())


def sha256_range(prefix: str):
    """Sources whose SHA-256 starts with `prefix`: a range, not LIKE, so that it walks the unique
    index on sha256 instead of every source."""
    return and_(Source.sha256 >= prefix.lower(), Source.sha256 < prefix.lower() + "g")


def find_source(session: Session, ref: str, *, with_text: bool = False) -> Source:
    """A source by id, or by a prefix of its SHA-256 (at least 8 hex digits)."""
    ref = str(ref).strip()
    if ref.isdigit() and len(ref) < 8:
        return get_source(session, int(ref), with_text=with_text)
    if is_sha256_prefix(ref):
        found = session.scalars(
            select(Source).where(sha256_range(ref)).limit(2).options(*([undefer(Source.text)] if with_text else []))
        ).all()
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise InputError(f"source {ref!r} matches {len(found)} sources; give more digits")
    raise NotFound(f"no source {ref!r}; give an id or a SHA-256 prefix (`provenance sources list`)")


def list_sources(session: Session) -> list[tuple[Source, int]]:
    from ..ledger.models import Claim

    counts = select(Claim.source_id, func.count().label("n")).group_by(Claim.source_id).subquery()
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
        "retired": source.retired,
    }
    if claims is not None:
        data["claims"] = claims
    return data
