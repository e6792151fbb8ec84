"""The report as Markdown. Untrusted text is escaped only where Markdown would read it as syntax,
so that it cannot break out of a table cell, a blockquote or the emphasis around it, and prose
stays readable: "(2023)" and "#2" are left as they are."""

from __future__ import annotations

import re
from urllib.parse import quote

from ..render import safe_line
from .build import also_text, decision_text, questions_line

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


def source_link(source_id: int, page: int | None = None) -> str:
    return f"[source {source_id}](#source-{source_id})" + (f", p. {page}" if page else "")


def render_markdown(doc: dict) -> str:
    s = doc["summary"]
    out = [
        "# Conflict report",
        "",
        f"{s['sources']} sources, {s['claims']} accepted claims, {s['conflicts']} conflicts, {questions_line(s)}.",
        "",
    ]
    if s["open_conflicts_by_kind"]:
        out += ["| kind | open |", "|---|---|"]
        out += [f"| {md(k)} | {n} |" for k, n in s["open_conflicts_by_kind"].items()]
        out.append("")
    for q in doc["questions"]:
        out += [f"## {md(q['subject'])}: {md(q['property'])}", ""]
        out += [
            "| # | answer | scope | speaker | article | as of | sources | independent | grade |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for a in q["answers"]:
            for c in a["claims"]:
                out.append(
                    f"| {a['answer']} | {md(a['value_shown'])} | {md(a['scope'] or '')} | "
                    f"{md(c['speaker'])} | {source_link(c['source_id'])}: {md(c['article'])} | {md(c['as_of'])} | "
                    f"{a['sources']} | {a['independent_sources']} | {c['reliability']}{a['credibility']} "
                    f"({md(a['credibility_text'])}: {md(a['credibility_why'])}) |"
                )
        out.append("")
        for a in q["answers"]:
            for c in a["claims"]:
                out.append(
                    f"> **{a['answer']}** ({md(c['speaker'])}, {source_link(c['source_id'], c.get('page'))}): "
                    f"{md(c['quote'])}"
                )
                out.append(">")
        out.append("")
        if q["timeline"]:
            out.append(
                "Timeline (rises are updates, not conflicts): "
                + " → ".join(f"{md(p['as_of'])}: {md(p['value'])}" for p in q["timeline"])
            )
            out.append("")
        for c in q["conflicts"]:
            out.append(
                f"- **{md(c['kind'])}** (conflict {c['id']}, {md(c['status'])}): {md(c['explanation'])}"
                f"{md(also_text(c))}" + _decided(c)
            )
        out.append("")
    if doc["other_conflicts"]:
        out += ["## Conflicts across questions", ""]
        for c in doc["other_conflicts"]:
            out.append(f"### Conflict {c['id']}: {md(c['kind'])} ({md(c['status'])})")
            out += ["", md(c["explanation"]) + md(also_text(c)) + _decided(c), ""]
            for cl in c["claims"]:
                out.append(
                    f"> {md(cl['speaker'])}, {source_link(cl['source_id'])} ({md(cl['as_of'])}): {md(cl['quote'])}"
                )
                out.append(">")
            out.append("")
    out += _sources(doc["sources"])
    out += _decisions(doc.get("decisions") or [])
    return "\n".join(out).rstrip() + "\n"


def _decided(c: dict) -> str:
    if not c.get("decided_by"):
        return ""
    note = f": {md(c['note'])}" if c.get("note") else ""
    return f" — *{md(c['status'])} by {md(c['decided_by'])}, {md(c['decided_at'].replace('T', ' '))} UTC{note}*"


def _sources(sources: list[dict]) -> list[str]:
    if not sources:
        return []
    out = ["## Sources", ""]
    for src in sources:
        url = md_url(src["url"])
        title = md(src["title"] or f"source {src['id']}")
        head = f"[{title}]({url})" if url else title
        facts = [
            f
            for f in (
                md(src["outlet"]) if src["outlet"] else "",
                f"published {src['published']}" if src["published"] else "",
                f"captured {src['captured']}" if src["captured"] else "",
                f"grade {src['reliability']}: {md(src['reliability_text'])}",
            )
            if f
        ]
        out.append(f"- <a id=\"source-{src['id']}\"></a>**{src['id']}.** {head} — {'; '.join(facts)}")
    return out + [""]


def _decisions(decisions: list[dict]) -> list[str]:
    if not decisions:
        return []
    out = ["## Analysts' decisions", "", "| when (UTC) | who | decision | note |", "|---|---|---|---|"]
    out += [
        f"| {d['at'][:16].replace('T', ' ')} | {md(d['who'])} | {md(decision_text(d))} | {md(d['note'] or '')} |"
        for d in decisions
    ]
    return out + [""]
