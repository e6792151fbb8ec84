"""The report as one self-contained HTML page (no scripts, fonts or images to fetch) that reads
on a phone (tables become cards) and prints (links show their address). Every piece of ledger
text is escaped; only http(s) addresses become links."""

from __future__ import annotations

import re
from html import escape

from ..render import safe_line
from .build import also_text, decision_text, questions_line


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

COLUMNS = ("#", "answer", "scope", "speaker", "source", "as of", "sources", "indep.", "grade")


def source_ref(source_id: int, page: int | None = None) -> str:
    return f'<a href="#source-{source_id}">source {source_id}</a>' + (f", p.&nbsp;{page}" if page else "")


def render_html(doc: dict) -> str:
    s = doc["summary"]
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Conflict report</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Conflict report</h1>",
        f"<p>{s['sources']} sources, {s['claims']} accepted claims, {s['conflicts']} conflicts, "
        f"{h(questions_line(s))}. Generated {h(doc['generated_at'])} UTC.</p>",
    ]
    if s["open_conflicts_by_kind"]:
        out.append("<table><tr><th>kind</th><th>open</th></tr>")
        out += [f"<tr><td>{h(k)}</td><td>{n}</td></tr>" for k, n in s["open_conflicts_by_kind"].items()]
        out.append("</table>")
    for q in doc["questions"]:
        out += _question(q)
    if doc["other_conflicts"]:
        out.append("<h2>Conflicts across questions</h2>")
        for c in doc["other_conflicts"]:
            out.append(f"<h3>Conflict {c['id']}: <span class=kind>{h(c['kind'])}</span> ({h(c['status'])})</h3>")
            out.append(f"<p>{h(c['explanation'])}{h(also_text(c))}{_decided(c)}</p>")
            out += [
                f"<blockquote><p>{h(cl['quote'])}</p><p class=who>{h(cl['speaker'])}, "
                f"{source_ref(cl['source_id'])} ({h(cl['as_of'])})</p></blockquote>"
                for cl in c["claims"]
            ]
    out += _sources(doc["sources"]) + _decisions(doc.get("decisions") or [])
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _question(q: dict) -> list[str]:
    out = [
        f"<h2>{h(q['subject'])}: {h(q['property'])}</h2>",
        '<table class=cards><thead><tr>' + "".join(f"<th>{c}</th>" for c in COLUMNS) + "</tr></thead><tbody>",
    ]
    for a in q["answers"]:
        for c in a["claims"]:
            cells = (
                a["answer"],
                h(a["value_shown"]),
                h(a["scope"]),
                h(c["speaker"]),
                f"{source_ref(c['source_id'], c.get('page'))}: {h(c['article'])}",
                h(c["as_of"]),
                a["sources"],
                a["independent_sources"],
                f"{h(c['reliability'])}{a['credibility']} ({h(a['credibility_text'])}: {h(a.get('credibility_why'))})",
            )
            out.append(
                "<tr>"
                + "".join(f'<td data-label="{col}">{cell}</td>' for col, cell in zip(COLUMNS, cells, strict=True))
                + "</tr>"
            )
    out.append("</tbody></table>")
    for a in q["answers"]:
        for c in a["claims"]:
            out.append(
                f"<blockquote><p>{h(c['quote'])}</p><p class=who><b>{a['answer']}</b> · {h(c['speaker'])}, "
                f"{source_ref(c['source_id'], c.get('page'))}</p></blockquote>"
            )
    if q["timeline"]:
        out.append(
            "<p>Timeline (rises are updates, not conflicts): "
            + " → ".join(f"{h(p['as_of'])}: {h(p['value'])}" for p in q["timeline"])
            + "</p>"
        )
    out.append("<ul>")
    out += [
        f"<li><span class=kind>{h(c['kind'])}</span> (conflict {c['id']}, {h(c['status'])}): "
        f"{h(c['explanation'])}{h(also_text(c))}{_decided(c)}</li>"
        for c in q["conflicts"]
    ]
    out.append("</ul>")
    return out


def _decided(c: dict) -> str:
    if not c.get("decided_by"):
        return ""
    note = f": {h(c['note'])}" if c.get("note") else ""
    when = h(c["decided_at"].replace("T", " ")) + " UTC"
    return f' <span class=decided>— {h(c["status"])} by {h(c["decided_by"])}, {when}{note}</span>'


def _sources(sources: list[dict]) -> list[str]:
    if not sources:
        return []
    out = ["<h2>Sources</h2>", "<ol class=sources>"]
    for src in sources:
        title = h(src["title"] or f"source {src['id']}")
        url = href(src["url"])
        head = f'<a href="{url}" rel="noopener noreferrer">{title}</a>' if url else title
        facts = [
            f
            for f in (
                h(src["outlet"]) if src["outlet"] else "",
                f"published {h(src['published'])}" if src["published"] else "",
                f"captured {h(src['captured'])}" if src["captured"] else "",
                f"grade {h(src['reliability'])}: {h(src['reliability_text'])}",
            )
            if f
        ]
        out.append(
            f'<li id="source-{src["id"]}" value="{src["id"]}">{head}<br><span class=meta>{"; ".join(facts)}</span></li>'
        )
    return out + ["</ol>"]


def _decisions(decisions: list[dict]) -> list[str]:
    if not decisions:
        return []
    cols = ("when (UTC)", "who", "decision", "note")
    out = [
        "<h2>Analysts' decisions</h2>",
        "<table class=cards><thead><tr>" + "".join(f"<th>{c}</th>" for c in cols) + "</tr></thead><tbody>",
    ]
    for d in decisions:
        cells = (h(d["at"][:16].replace("T", " ")), h(d["who"]), h(decision_text(d)), h(d["note"] or ""))
        out.append(
            "<tr>" + "".join(f'<td data-label="{c}">{v}</td>' for c, v in zip(cols, cells, strict=True)) + "</tr>"
        )
    return out + ["</tbody></table>"]
