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
    r"afp photo|ap photo|illustration)\b"
    # a photo credit at the end: "—AP", "(LUIS ACOSTA / AFP)", "(Reuters)"
    r"|(?:[—–]\s*|/\s*|\(\s*)(?:AP|AFP|Reuters|EPA|Getty(?:\s+Images)?|Xinhua|ANI|PTI|IRNA|WANA)\b\)?\s*$",
    re.I,
)
# A photo credit closing a paragraph or standing alone after it: "(AP Photo/X Y)", "(Photo by X/AFP
# via Getty Images)", "Photo credit: Reuters", "Picture: X/AP".
_CREDIT = re.compile(
    r"(?:\(\s*(?:[A-Z]+\s+)?(?:photo|picture|image)s?\b[^()]*\)?"
    r"|\b(?:photo\s+credit|photo|picture|image|credit)\s*:\s*[^.:]{1,80}\.?)\s*$",
    re.I,
)
_CREDIT_ALONE = re.compile(
    r"\s*(?:\(\s*(?:[A-Z]+\s+)?(?:photo|picture|image)s?\b|(?:photo|picture|image)\s+credits?\b)", re.I
)
# A capture's own metadata line ("date 2024-01-05 ..."), stripped before a paragraph is judged.
_META = re.compile(r"^date\s+\d{4}-\d{2}-\d{2}\s+")
# Site chrome and bylines: the page around the article, not the article.
_CHROME = re.compile(
    r"(?:skip\s+to\s+(?:main\s+)?content|click\s+to\s+comment|to\s+top|back\s+to\s+top|please\s+enter\s+your\b.*"
    r"|previous\s+article.*|next\s+article.*|also\s+read\s*[|:].*|article\s+continue[sd]\s+below|\(?continues\s+below\)?"
    r"|(?:left|main)\s+menu|menu|share|print|comments?|advertisement|(?:•\s*)?published|(?:•\s*)?updated(?:\s+.*)?"
    r"|published\s+.{0,40}\d{4}.*|(?:by|reporting\s+by|written\s+by|edited\s+by|editing\s+by)\s+[A-Z][\w.’' -]{1,60}"
    r"|[A-Z]{2,6}|\(?with\s+inputs\s+from\s+agencies\.?\)?"
    r"|(?:\d{1,2}:\d{2}\s*[ap]m\b.*|[A-Z][a-z]+\s+\d{1,2},\s+\d{4}\s+\d{1,2}:\d{2}.*|\d{1,2}\s+[A-Z][a-z]{2},\s+\d{4}))",
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


# What pysbd can split a paragraph at: stops, colons, semicolons and list marks ("1)", "a)", "•").
_MAY_SPLIT = re.compile(r"[.?!…;:)•\r\n\u2028\u2029]")


def _segments(par: str) -> list[tuple[int, str]]:
    """pysbd's sentences of a paragraph with their offsets: (start, sentence with the whitespace
    after it). pysbd's own char spans find each sentence with a regular expression made from it,
    one new pattern per sentence, which floods re's cache; this finds them by str.find the same
    way (the first occurrence, followed by its whitespace, ending past the previous sentence)."""
    body = par.rstrip()
    if body and not _MAY_SPLIT.search(body, 0, len(body) - 1):
        return [(0, par)]  # no stop, list mark or bracket before its end: pysbd gives it back whole
    seg = _segmenter()
    seg.original_text = par
    out, prior = [], 0
    for sent in seg.processor(par).process() if par else []:
        if not sent:
            out += [(span.start, span.sent) for span in seg.sentences_with_char_spans([sent])]
            continue
        pos = 0
        while (i := par.find(sent, pos)) >= 0:
            end = i + len(sent)
            while end < len(par) and par[end].isspace():
                end += 1
            if end > prior:
                out.append((i, par[i:end]))
                prior = end
                break
            pos = end  # matches do not overlap: the next is looked for after this one
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        if body.strip():
            spans.append((pos + lead, pos + len(body.rstrip())))
        pos += len(line)
    return spans


def _role(par: str, prev: str | None, nxt: str | None, seen: set[str], last: bool = False) -> str:
    key = fold_text(par)
    par = _META.sub("", par)
    words = len(par.split())
    if key in seen:
        return "repeat"
    if _CHROME.fullmatch(par.strip()):
        return "navigation"  # "Skip to Content", "By PTI", "Published April 19, 2016", "09:28 AM | ..."
    if re.match(r"[•●▪]\s*\S", par):
        # A "key points" box: each bullet is part of the article, unless it is a bare label.
        return "body" if words >= 5 else "navigation"
    if words <= 30 and _CAPTION.search(par):
        return "caption"
    if words <= 80 and (
        _CREDIT.search(par)  # the caption and its credit in one paragraph
        or (nxt is not None and len(nxt.split()) <= 10 and _CREDIT_ALONE.match(nxt))  # the credit just after
        or (nxt is not None and fold_text(nxt).startswith(key) and _CREDIT.search(nxt))  # alt text, caption + credit
    ):
        return "caption"
    if (
        last
        and words >= 12
        and par[:1].isupper()
        and re.search(r"\b(?:said|says|told|is|are|was|were|has|have)\b", par)
    ):
        return "body"  # the capture stops mid-sentence: a paragraph cut short, not a headline
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
        role = _role(par, prev, nxt, seen, i + 1 == len(pars))
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
        for start, sent in _segments(par):
            body = sent.rstrip()
            lead = len(body) - len(body.lstrip())
            if body.strip():
                out.append(Sentence(a + start + lead, a + start + len(body), body.strip(), role))
    return out
