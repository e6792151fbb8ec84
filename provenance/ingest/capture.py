"""A capture turned into text: what an extractor read from HTML or a PDF, before it is stored.

Plain text and Markdown are stored as decoded (sources.decode); HTML and PDF go through an
extractor, and the bytes they came from are kept alongside (SourceOriginal) so that extraction
can be redone and checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import InputError

HTML_TYPES = ("text/html", "application/xhtml+xml")
PDF_TYPE = "application/pdf"
TEXT_TYPES = ("text/plain", "text/markdown")
FORMATS = {"text": "text/plain", "markdown": "text/markdown", "html": "text/html", "pdf": PDF_TYPE}
SUFFIXES = {
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".txt": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".pdf": PDF_TYPE,
}


@dataclass
class Extracted:
    """Text and what the extractor found about it; any field may be None."""

    text: str
    media_type: str
    extractor: str
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    pages: list[tuple[int, int]] = field(default_factory=list)  # (start, end) per page, 1-based order


@dataclass
class Fetched:
    """How a link was fetched: the address given, where redirects ended, and when."""

    requested_url: str
    final_url: str
    fetched_at: dt.datetime
    media_type: str


def media_type_of(origin: str, data: bytes, fmt: str | None) -> str:
    """The media type a capture is read as: --format, else what its first bytes are (a saved
    page named .txt is still HTML), else its suffix."""
    from pathlib import PurePath

    if fmt:
        return FORMATS[fmt]
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return PDF_TYPE
    if head.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    return SUFFIXES.get(PurePath(origin).suffix.lower(), "text/plain")


def extract(data: bytes, media_type: str, origin: str) -> Extracted | None:
    """Text from HTML or PDF bytes; None for plain text, which is stored as it is."""
    if media_type in HTML_TYPES:
        from .html import extract_html

        return extract_html(data, origin)
    if media_type == PDF_TYPE:
        from .pdf import extract_pdf

        return extract_pdf(data, origin)
    if media_type in TEXT_TYPES:
        return None
    raise InputError(f"{origin}: cannot read {media_type}; give HTML, PDF, plain text or Markdown")
