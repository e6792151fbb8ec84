"""The report in the terminal, drawn with rich. Every piece of ledger text goes through safe()."""

from __future__ import annotations

from ..render import safe_line, table, text
from .build import also_text, questions_line

KIND_STYLE = {"numeric": "red", "denial": "red", "accusation": "magenta", "single_value": "red",
              "scope": "yellow", "rule": "cyan", "decrease": "yellow"}


def renderables(doc: dict):
    """The report as a sequence of rich renderables."""
    from rich.rule import Rule

    s = doc["summary"]
    yield text(("Conflict report", "bold underline"))
    kinds = ", ".join(f"{n} {k}" for k, n in s["open_conflicts_by_kind"].items()) or "none"
    yield text(f"{s['sources']} sources · {s['claims']} accepted claims · "
               f"{questions_line(s)} · open conflicts: {kinds}")
    yield text(("  grade: source reliability A-F, then credibility 1 (confirmed) to 6 (cannot be "
                "judged); indep.: sources counted once per origin", "dim"))
    for src in doc["sources"]:
        yield text((f"  [{src['id']}] ", "bold"), safe_line(src["title"] or ""),
                   (f"  {src['outlet'] or ''} {src['date']}", "dim"))
    for q in doc["questions"]:
        yield Rule(style="dim")
        yield text((f"{q['subject']}: {q['property']}", "bold"))
        t = table("#", "answer", "speaker", "source", "as of", "sources", "indep.", "grade")
        for a in q["answers"]:
            for c in a["claims"]:
                answer = a["value_shown"] + (f" [{a['scope']}]" if a["scope"] else "")
                t.add_row(str(a["answer"]), safe_line(answer), safe_line(c["speaker"]),
                          f"[{c['source_id']}]", safe_line(c["as_of"]),
                          str(a["sources"]), str(a["independent_sources"]),
                          f"{c['reliability']}{a['credibility']}")
        yield t
        for a in q["answers"]:
            for c in a["claims"]:
                yield text((f"  {a['answer']} ", "bold"), (f"{c['speaker']} [{c['source_id']}] {c['article'] or ''}: ", "dim"), ("“", "dim"),
                           (safe_line(c["quote"]), "italic"), ("”", "dim"))
        if q["timeline"]:
            yield text(("  timeline (rises are updates): ", "green"),
                       " → ".join(f"{p['as_of']}: {safe_line(p['value'])}" + (" (superseded)" if p["superseded"] else "")
                                  for p in q["timeline"]))
        for ch in q.get("changed_over_time", ()):
            yield text(("  changed over time: ", "green"),
                       f"answer {ch['from_answer']} ({safe_line(ch['from'])}) → answer {ch['to_answer']} ({safe_line(ch['to'])})")
        for c in q["conflicts"]:
            yield text(("  " + c["kind"].upper(), f"bold {KIND_STYLE.get(c['kind'], '')}"),
                       f" #{c['id']} ({c['status']}): ", safe_line(c["explanation"]), (also_text(c), "dim"))
    if doc["other_conflicts"]:
        yield Rule("Conflicts across questions", style="dim")
        for c in doc["other_conflicts"]:
            yield text((c["kind"].upper(), f"bold {KIND_STYLE.get(c['kind'], '')}"),
                       f" #{c['id']} ({c['status']}): ", safe_line(c["explanation"]), (also_text(c), "dim"))
            for cl in c["claims"]:
                yield text((f"  {cl['speaker']} [{cl['source_id']}] ({cl['as_of']}): ", "dim"),
                           ("“" + safe_line(cl["quote"]) + "”", "italic"))


def print_report(doc: dict, *, pager: bool = False) -> None:
    from ..render import console

    con = console()
    if pager:
        import os

        # less shows colour only with -R; -F quits at once when the report fits on one screen.
        os.environ.setdefault("LESS", "-FRX")
        with con.pager(styles=True):
            for r in renderables(doc):
                con.print(r)
    else:
        for r in renderables(doc):
            con.print(r)
