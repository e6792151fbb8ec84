"""Which segment or PDF page an offset of a source's text falls in: pure functions over loaded
rows (ORM objects or the quick path's plain ones), so both read a ledger the same way."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any


def segment_at(segments: Sequence[Any], offset: int) -> Any | None:
    """The segment (with .start, .end) holding this offset, or None."""
    for seg in segments:
        if seg.start <= offset < seg.end:
            return seg
    return None


def page_at(pages: Sequence[Any], offset: int) -> int | None:
    """The number of the page (with .start, .number; in page order) an offset is on; None without pages."""
    i = bisect.bisect_right([p.start for p in pages], offset) - 1
    return pages[i].number if i >= 0 else None
