"""The report as one standalone HTML page; every piece of ledger text is escaped."""

from __future__ import annotations

from html import escape

from .build import also_text, questions_line


def h(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top}
blockquote{border-left:3px solid #999;margin:.5rem 0;padding-left:.8rem;color:#333}
.kind{font-weight:bold;text-transform:uppercase;font-size:.8rem}"""


def render_html(doc: dict) -> str:
    s = doc["summary"]
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>Conflict report</title>", f"<style>{STYLE}</style></head><body>",
           "<h1>Conflict report</h1>",
           f"<p>{s['sources']} sources, {s['claims']} accepted claims, {s['conflicts']} conflicts, "
           f"{questions_line(s)}.</p>"]
    if s["open_conflicts_by_kind"]:
        out.append("<table><tr><th>kind</th><th>open</th></tr>")
        out += [f"<tr><td>{h(k)}</td><td>{n}</td></tr>" for k, n in s["open_conflicts_by_kind"].items()]
        out.append("</table>")
    for q in doc["questions"]:
        out.append(f"<h2>{h(q['subject'])}: {h(q['property'])}</h2>")
        out.append("<table><tr><th>#</th><th>answer</th><th>scope</th><th>speaker</th><th>source</th>"
                   "<th>as of</th><th>quote</th><th>sources</th><th>independent</th><th>grade</th></tr>")
        for a in q["answers"]:
            for c in a["claims"]:
                out.append(
                    f"<tr><td>{a['answer']}</td><td>{h(a['value_shown'])}</td><td>{h(a['scope'])}</td>"
                    f"<td>{h(c['speaker'])}</td><td>{c['source_id']}: {h(c['article'])}</td>"
                    f"<td>{h(c['as_of'])}</td><td><blockquote>{h(c['quote'])}</blockquote></td>"
                    f"<td>{a['sources']}</td><td>{a['independent_sources']}</td>"
                    f"<td>{h(c['reliability'])}{a['credibility']} ({h(a['credibility_text'])}: "
                    f"{h(a['credibility_why'])})</td></tr>")
        out.append("</table>")
        if q["timeline"]:
            out.append("<p>Timeline (rises are updates, not conflicts): " + " → ".join(
                f"{h(p['as_of'])}: {h(p['value'])}" for p in q["timeline"]) + "</p>")
        out.append("<ul>")
        out += [f"<li><span class=kind>{h(c['kind'])}</span> (conflict {c['id']}, {h(c['status'])}): "
                f"{h(c['explanation'])}{h(also_text(c))}</li>" for c in q["conflicts"]]
        out.append("</ul>")
    if doc["other_conflicts"]:
        out.append("<h2>Conflicts across questions</h2>")
        for c in doc["other_conflicts"]:
            out.append(f"<h3>Conflict {c['id']}: <span class=kind>{h(c['kind'])}</span> ({h(c['status'])})</h3>")
            out.append(f"<p>{h(c['explanation'])}{h(also_text(c))}</p>")
            out += [f"<blockquote>{h(cl['speaker'])}, source {cl['source_id']} ({h(cl['as_of'])}): "
                    f"{h(cl['quote'])}</blockquote>" for cl in c["claims"]]
    out.append("</body></html>")
    return "\n".join(out) + "\n"
