"""Web pages: the article's text and metadata, read by trafilatura; navigation, comments and
boilerplate left out. Needs the `web` extra (trafilatura is not a light dependency)."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import InputError
from .capture import Extracted

MIN_CHARS = 40  # less than a sentence: the page has no article trafilatura can find


def extract_html(data: bytes, origin: str) -> Extracted:
    try:
        import trafilatura
    except ImportError:
        raise InputError(f"{origin}: reading web pages needs the web extra: pip install 'provenance[web]'") from None
    if not data.strip():
        raise InputError(f"{origin}: the file is empty")
    doc = trafilatura.bare_extraction(
        data,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        favor_precision=True,
    )
    assert not isinstance(doc, dict)  # a dict comes back only with as_dict=True
    text = (doc.text or "").strip() if doc is not None else ""
    if len(text) < MIN_CHARS:
        raise InputError(
            f"{origin}: no article text found in this page (navigation or scripts only?); "
            "save the article's own page, or its text as a .txt file"
        )
    assert doc is not None  # no document means no text, refused above
    return Extracted(
        text=text,
        media_type="text/html",
        extractor=f"trafilatura {trafilatura.__version__}",
        title=_headline(_clean(doc.title), _clean(doc.sitename)),
        author=_clean(doc.author),
        published=_day(doc.date),
        outlet=_clean(doc.sitename),
        url=_clean(doc.url),
    )


def _headline(title: str | None, site: str | None) -> str | None:
    """The title without the site's name a page adds after a bar ("... | DW | 19.01.2020")."""
    if not title or not site:
        return title
    parts = title.split(" | ")
    name = re.sub(r"^www\.|\.(?:com|org|net|co\.uk)$", "", site.casefold())
    cut = next((i for i, p in enumerate(parts) if i and p.strip().casefold() in (name, site.casefold())), None)
    return " | ".join(parts[:cut]) if cut else title


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value[:1000] or None


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
