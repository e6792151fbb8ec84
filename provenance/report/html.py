"""The report as one self-contained HTML page (no scripts, fonts or images to fetch) that reads
on a phone (tables become cards) and prints (links show their address), rendered from the layout
that Markdown renders too (layout.py). Every piece of ledger text is escaped; only http(s)
addresses become links."""

from __future__ import annotations

import re
from html import escape

from ..render import safe_line
from .layout import Block, Bullets, Heading, Inline, Line, Para, Quote, Ref, Sources, Table, Tag, layout


def h(text: object) -> str:
    """One line of ledger text as inert HTML: hidden characters shown (a right-to-left override
    would reverse a figure in a browser), then markup escaped."""
    return escape(safe_line(text), quote=True)


def href(url: str | None) -> str | None:
    return h(url) if url and re.match(r"https?://", url, re.I) and not re.search(r"[\s\x00-\x1f]", url) else None


STYLE = """:root{color-scheme:light dark;--muted:#666;--rule:#ccc;--accent:#1a5fb4}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:62rem;margin:0 auto;padding:1rem;overflow-wrap:break-word}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--rule)}
a{color:var(--accent)}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
td,th{border:1px solid var(--rule);padding:.3rem .45rem;vertical-align:top;text-align:left}
th{background:rgba(127,127,127,.12);font-weight:600}
blockquote{border-left:3px solid #999;margin:.6rem 0;padding:.1rem .8rem}
blockquote p{margin:.2rem 0}.who{color:var(--muted);font-size:.9rem}
.kind{font-weight:bold;text-transform:uppercase;font-size:.8rem;letter-spacing:.03em}
.decided{color:var(--muted);font-style:italic}
ol.sources li{margin:.4rem 0}.meta{color:var(--muted);font-size:.9rem}
@media (max-width:40rem){
 body{padding:.6rem;font-size:15px}
 table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
 table.cards thead{display:none}
 table.cards tr{border:1px solid var(--rule);margin:.6rem 0;padding:.3rem}
 table.cards td{border:none;padding:.1rem .3rem}
 table.cards td:empty{display:none}
 table.cards td::before{content:attr(data-label) ": ";font-weight:600}
}
@media print{
 body{max-width:none;font-size:10.5pt;padding:0}a{color:inherit}
 ol.sources a[href^="http"]::after{content:" <" attr(href) ">";font-size:.85em;overflow-wrap:anywhere}
 h2{break-after:avoid}tr,blockquote,li{break-inside:avoid}
}"""


def render_html(doc: dict) -> str:
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Conflict report</title>",
        f"<style>{STYLE}</style></head><body>",
    ]
    for block in layout(doc):
        out += _block(block)
    out.append("</body></html>")
    return "\n".join(out) + "\n"


_TAGS = {
    "kind": ("<span class=kind>", "</span>"),
    "strong": ("<b>", "</b>"),
    "decided": ("<span class=decided>", "</span>"),
}


def inline(parts: Line) -> str:
    return "".join(_piece(p) for p in parts)


def _piece(p: Inline) -> str:
    if isinstance(p, Tag):
        start, end = _TAGS[p.name]
        return start + inline(p.parts) + end
    if isinstance(p, Ref):
        return f'<a href="#source-{p.source_id}">source {p.source_id}</a>' + (f", p.&nbsp;{p.page}" if p.page else "")
    return h(p)


def _block(b: Block) -> list[str]:
    if isinstance(b, Heading):
        return [f"<h{b.level}>{inline(b.parts)}</h{b.level}>"]
    if isinstance(b, Para):
        return [f"<p>{inline(b.parts)}</p>"]
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, Quote):
        return [f"<blockquote><p>{inline(b.text)}</p><p class=who>{inline(b.who)}</p></blockquote>"]
    if isinstance(b, Bullets):
        return ["<ul>", *(f"<li>{inline(item)}</li>" for item in b.items), "</ul>"]
    assert isinstance(b, Sources)
    out = ["<ol class=sources>"]
    for src in b.items:
        url, title = href(src.url), h(src.title)
        head = f'<a href="{url}" rel="noopener noreferrer">{title}</a>' if url else title
        facts = "; ".join(inline(f) for f in src.facts)
        out.append(f'<li id="source-{src.id}" value="{src.id}">{head}<br><span class=meta>{facts}</span></li>')
    return out + ["</ol>"]


def _table(t: Table) -> list[str]:
    if not t.cards:
        out = ["<table><tr>" + "".join(f"<th>{h(c)}</th>" for c in t.columns) + "</tr>"]
        out += ["<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>" for row in t.rows]
        return out + ["</table>"]
    out = ["<table class=cards><thead><tr>" + "".join(f"<th>{h(c)}</th>" for c in t.columns) + "</tr></thead><tbody>"]
    for row in t.rows:
        cells = (f'<td data-label="{h(c)}">{inline(cell)}</td>' for c, cell in zip(t.columns, row, strict=True))
        out.append("<tr>" + "".join(cells) + "</tr>")
    return out + ["</tbody></table>"]
