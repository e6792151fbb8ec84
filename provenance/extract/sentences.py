"""Sentences of a capture, each with the role of the text it sits in.

A capture holds more than its article: headlines (sometimes printed twice), photo captions,
navigation. Each paragraph gets a role; sentences come from pysbd (rule-based, deterministic)
within a paragraph, so one never runs across a line break into a caption.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pysbd

from ..anchoring import fold_text

_CAPTION = re.compile(
    r"\b(photo|photos|image|picture|caption|credit|file photo|getty|via reuters|"
    r"afp photo|ap photo|illustration)\b",
    re.I,
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    role: str


@functools.cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        if body.strip():
            spans.append((pos + lead, pos + len(body.rstrip())))
        pos += len(line)
    return spans


def _role(par: str, prev: str | None, nxt: str | None, seen: set[str]) -> str:
    key = fold_text(par)
    words = len(par.split())
    if key in seen:
        return "repeat"
    if words <= 30 and _CAPTION.search(par):
        return "caption"
    if words <= 25 and not par.rstrip().endswith((".", "”", '"', "’", ";", ":")):
        return "headline"
    if key in (fold_text(prev or ""), fold_text(nxt or "")):
        return "caption"  # a line printed twice in a row: an image's alt text and its caption
    return "body"


_LIST_HEAD = re.compile(
    r"(?:most\s+(?:read|popular|viewed|shared)|related(?:\s+\w+)?|read\s+more|more\s+(?:stories|"
    r"from|news|on\s+this)|trending(?:\s+now)?|recommended|you\s+may\s+also\s+like|"
    r"also\s+read|top\s+stories|latest(?:\s+news)?|popular|editor's\s+picks)\s*:?",
    re.I,
)
_PAYWALL = re.compile(
    r"\b(?:subscribe|subscription|sign\s+in|log\s+in|create\s+an\s+account|already\s+a\s+"
    r"subscriber|cookies?|newsletter|advertisement|share\s+this|follow\s+us)\b",
    re.I,
)


def sentences(text: str, navigation: Sequence[tuple[int, int]] = ()) -> list[Sentence]:
    """Every sentence, in order; `navigation`: ranges the segmenter marked as site chrome.
    A list heading ("Most read", "Related") makes the short lines after it navigation."""
    pars = _paragraphs(text)
    out: list[Sentence] = []
    seen: set[str] = set()
    in_list = False
    for i, (a, b) in enumerate(pars):
        par = text[a:b]
        prev = text[slice(*pars[i - 1])] if i else None
        nxt = text[slice(*pars[i + 1])] if i + 1 < len(pars) else None
        role = _role(par, prev, nxt, seen)
        if _LIST_HEAD.fullmatch(par.strip()) or (len(par.split()) <= 25 and _PAYWALL.search(par)):
            in_list, role = bool(_LIST_HEAD.fullmatch(par.strip())), "navigation"
        elif in_list and role == "headline":
            role = "navigation"
        else:
            in_list = False
        if (
            any(s <= a < e for s, e in navigation)
            and not (role == "body" and len(par.split()) >= 15)
            and not (i == 0 and role == "headline")
        ):
            role = "navigation"  # the segmenter's chrome, unless the paragraph is prose
        seen.add(fold_text(par))
        if role in ("headline", "caption", "repeat"):
            out.append(Sentence(a, b, par, role))
            continue
        for span in _segmenter().segment(par):
            body = span.sent.rstrip()
            lead = len(body) - len(body.lstrip())
            if body.strip():
                out.append(Sentence(a + span.start + lead, a + span.start + len(body), body.strip(), role))
    return out
