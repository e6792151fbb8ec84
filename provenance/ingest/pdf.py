"""PDF reports: the text layer read page by page with pypdf, and where each page begins in the
stored text, so that a claim can say "page 12". A scan without a text layer is refused."""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Mapping
from typing import Any

from ..errors import InputError
from .capture import Extracted

PAGE_BREAK = "\n\n"  # between pages in the stored text (page ranges exclude it)


def extract_pdf(data: bytes, origin: str) -> Extracted:
    import pypdf
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-but-readable files warn loudly
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{origin}: the PDF is password-protected; save an unprotected copy")
        pages = [_page_text(page) for page in reader.pages]
        info: Mapping[str, Any] = reader.metadata or {}
    except PdfReadError as exc:
        raise InputError(f"{origin}: not a readable PDF ({exc})") from None
    except InputError:
        raise
    except Exception as exc:  # pypdf raises assorted errors on broken files
        raise InputError(f"{origin}: not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not pages:
        raise InputError(f"{origin}: the PDF has no pages")
    if not any(p.strip() for p in pages):
        raise InputError(
            f"{origin}: the PDF has no text layer (a scan?); run it through OCR "
            "(for example ocrmypdf) and add the result"
        )
    text, ranges = "", []
    for n, page in enumerate(pages):
        if n:
            text += PAGE_BREAK
        ranges.append((len(text), len(text) + len(page)))
        text += page
    return Extracted(
        text=text,
        media_type="application/pdf",
        extractor=f"pypdf {pypdf.__version__}",
        title=_info(info, "/Title"),
        author=_info(info, "/Author"),
        published=_pdf_date(_info(info, "/CreationDate")),
        pages=ranges,
    )


def _page_text(page) -> str:
    # Trailing spaces and blank lines at a page's edges are layout, not text.
    lines = [line.rstrip() for line in (page.extract_text() or "").splitlines()]
    return "\n".join(lines).strip("\n").replace("\x00", "")


def _info(info, key: str) -> str | None:
    try:
        value = info.get(key)
    except Exception:
        return None
    value = " ".join(str(value or "").split())
    return value[:1000] or None


def _pdf_date(value: str | None) -> dt.date | None:
    """D:20240504103000Z -> 2024-05-04."""
    if not value:
        return None
    digits = value.removeprefix("D:")[:8]
    try:
        return dt.datetime.strptime(digits, "%Y%m%d").date()
    except ValueError:
        return None
