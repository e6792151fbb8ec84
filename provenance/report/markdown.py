"""The report as Markdown. Untrusted text is escaped so that it cannot break out of a table cell,
a blockquote or the emphasis around it."""

from __future__ import annotations

import re

from .build import also_text, questions_line

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def md(text: object) -> str:
    """One line of inert Markdown: specials backslash-escaped, controls and newlines removed."""
    s = "" if text is None else str(text)
    s = _CONTROL.sub(lambda m: ascii(m.group())[1:-1].replace("\\", "\\\\"), s)
    s = re.sub(r"[\r\n\t]+", " ", s)
    return _SPECIAL.sub(r"\\\1", s).replace("&", "&amp;")


def render_markdown(doc: dict) -> str:
    s = doc["summary"]
    out = ["# Conflict report", "",
           f"{s['sources']} sources, {s['claims']} accepted claims, {s['conflicts']} conflicts, "
           f"{questions_line(s)}.", ""]
    if s["open_conflicts_by_kind"]:
        out += ["| kind | open |", "|---|---|"]
        out += [f"| {md(k)} | {n} |" for k, n in s["open_conflicts_by_kind"].items()]
        out.append("")
    for q in doc["questions"]:
        out += [f"## {md(q['subject'])}: {md(q['property'])}", ""]
        out += ["| # | answer | scope | speaker | article | as of | sources | independent | grade |",
                "|---|---|---|---|---|---|---|---|---|"]
        for a in q["answers"]:
            for c in a["claims"]:
                out.append(
                    f"| {a['answer']} | {md(a['value_shown'])} | {md(a['scope'] or '')} | "
                    f"{md(c['speaker'])} | {c['source_id']}: {md(c['article'])} | {md(c['as_of'])} | "
                    f"{a['sources']} | {a['independent_sources']} | {c['reliability']}{a['credibility']} "
                    f"({md(a['credibility_text'])}: {md(a['credibility_why'])}) |"
                )
        out.append("")
        for a in q["answers"]:
            for c in a["claims"]:
                out.append(f"> **{a['answer']}** ({md(c['speaker'])}, source {c['source_id']}): {md(c['quote'])}")
                out.append(">")
        out.append("")
        if q["timeline"]:
            out.append("Timeline (rises are updates, not conflicts): " + " → ".join(
                f"{md(p['as_of'])}: {md(p['value'])}" for p in q["timeline"]))
            out.append("")
        for c in q["conflicts"]:
            out.append(f"- **{md(c['kind'])}** (conflict {c['id']}, {md(c['status'])}): {md(c['explanation'])}"
                       f"{md(also_text(c))}")
        out.append("")
    if doc["other_conflicts"]:
        out += ["## Conflicts across questions", ""]
        for c in doc["other_conflicts"]:
            out.append(f"### Conflict {c['id']}: {md(c['kind'])} ({md(c['status'])})")
            out += ["", md(c["explanation"]) + md(also_text(c)), ""]
            for cl in c["claims"]:
                out.append(f"> {md(cl['speaker'])}, source {cl['source_id']} ({md(cl['as_of'])}): {md(cl['quote'])}")
                out.append(">")
            out.append("")
    return "\n".join(out).rstrip() + "\n"
