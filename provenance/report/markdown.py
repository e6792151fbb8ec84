"""The report as Markdown, rendered from its layout (layout.py, shared with HTML). Untrusted text is escaped only where Markdown would read it as syntax,
so that it cannot break out of a table cell, a blockquote or the emphasis around it, and prose
stays readable: "(2023)" and "#2" are left as they are."""

from __future__ import annotations

import re
from urllib.parse import quote

from ..render import safe_line
from .layout import Block, Bullets, Heading, Inline, Line, Para, Quote, Ref, Sources, Table, Tag, layout

# Inline syntax anywhere in a line: code, emphasis, links and images ([ ]), raw HTML (<),
# table cells (|), GFM strikethrough (~) and the backslash itself.
_INLINE = re.compile(r"([\\`*\[\]<|~])")
# "_" makes emphasis only at a word's edge (CommonMark ignores it inside snake_case).
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# Block syntax where a line starts: headings, quotes, lists, rules, setext underlines.
_BLOCK = re.compile(r"^(\s*)([#>+=-])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def md(text: object) -> str:
    """One line of inert Markdown: hidden characters shown and newlines as ⏎ (render.safe_line),
    then only the syntax Markdown would act on escaped."""
    s = safe_line(text)
    s = _INLINE.sub(r"\\\1", s)
    s = _UNDERSCORE.sub(r"\\_", s)
    s = _ENTITY.sub("&amp;", s)
    s = _ORDERED.sub(r"\1\\\2", s)  # "1." starts a list; "1\." does not
    return _BLOCK.sub(lambda m: m.group(1) + "\\" + m.group(2), s)


def md_url(url: str | None) -> str | None:
    """A link destination that cannot end the link early: only http(s), odd characters encoded."""
    if not url or not re.match(r"https?://", url, re.I):
        return None
    return quote(url, safe="/:?#&=%+,;@!$'*~.-_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def render_markdown(doc: dict) -> str:
    out: list[str] = []
    for block in layout(doc):
        out += _block(block)
    return "\n".join(out).rstrip() + "\n"


_TAGS = {"kind": "**", "strong": "**", "decided": "*"}


def inline(parts: Line) -> str:
    return "".join(_piece(p) for p in parts)


def _piece(p: Inline) -> str:
    if isinstance(p, Tag):
        mark = _TAGS[p.name]
        return f"{mark}{inline(p.parts)}{mark}"
    if isinstance(p, Ref):
        return f"[source {p.source_id}](#source-{p.source_id})" + (f", p. {p.page}" if p.page else "")
    return md(p) if isinstance(p, str) else str(p)


def _block(b: Block) -> list[str]:
    if isinstance(b, Heading):
        return ["#" * b.level + " " + inline(b.parts), ""]
    if isinstance(b, Para):
        return [inline(b.parts), ""]
    if isinstance(b, Table):
        rows = ["| " + " | ".join(inline(cell) for cell in row) + " |" for row in b.rows]
        return ["| " + " | ".join(b.columns) + " |", "|" + "---|" * len(b.columns), *rows, ""]
    if isinstance(b, Quote):
        return [f"> {inline(b.who)}: {inline(b.text)}", ""]
    if isinstance(b, Bullets):
        return [f"- {inline(item)}" for item in b.items] + [""]
    assert isinstance(b, Sources)
    out = []
    for src in b.items:
        url, title = md_url(src.url), md(src.title)
        head = f"[{title}]({url})" if url else title
        facts = "; ".join(inline(f) for f in src.facts)
        out.append(f"- <a id=\"source-{src.id}\"></a>**{src.id}.** {head} — {facts}")
    return out + [""]
