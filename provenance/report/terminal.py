"""The report in the terminal, drawn with rich. Every piece of ledger text goes through safe()."""

from __future__ import annotations

from ..render import safe_line, table, text
from .document import also_text, questions_line

KIND_STYLE = {
    "numeric": "red",
    "denial": "red",
    "accusation": "magenta",
    "single_value": "red",
    "scope": "yellow",
    "rule": "cyan",
    "decrease": "yellow",
}


def grade(reliability: str | None, credibility) -> str:
    """ "B2" when the source's reliability was set; "–2" while it is F (not graded), which would
    otherwise read as a failing mark."""
    return f"{reliability if reliability and reliability != 'F' else '–'}{credibility}"


LEGEND = (
    "  grade: source reliability A–E (– not graded; set with `provenance sources grade`), then "
    "credibility 1 (confirmed) to 6 (cannot be judged); src/ind: sources, and independent origins"
)


def _best(q: dict) -> str:
    """The strongest answer's grade: lowest credibility, then best reliability."""
    best = None
    for a in q["answers"]:
        rel = min((c["reliability"] for c in a["claims"]), default="F")
        key = (a["credibility"], rel)
        best = key if best is None or key < best else best
    return grade(best[1], best[0]) if best else ""


def summary_lines(doc: dict):
    """One line per contested question: what it is, what kind of disagreement, its best grade."""
    from ..render import console

    width = console().width
    yield text(("Contested questions", "bold"), ("   (conflict kind, best grade, question)", "dim"))
    for n, q in enumerate(doc["questions"], 1):
        kinds = ",".join(q["kinds"]) or "no conflict"
        line = text(
            f"{n:>3}  ",
            (f"{kinds:<12}", "red" if q["kinds"] else "dim"),
            f" {_best(q):<3} ",
            (safe_line(f"{q['subject']}: {q['property']}"), "bold"),
        )
        line.truncate(width, overflow="ellipsis")  # one line each: the summary fits a screen
        yield line
    if doc["other_conflicts"]:
        yield text(f"  and {len(doc['other_conflicts'])} conflict(s) across questions")


SHOW_CLAIMS = 6  # quotes under a disagreement across questions; the rest are counted


def renderables(doc: dict):
    """The report as a sequence of rich renderables."""
    from rich.rule import Rule

    s = doc["summary"]
    yield text(("Conflict report", "bold underline"))
    kinds = ", ".join(f"{n} {k}" for k, n in s["open_conflicts_by_kind"].items()) or "none"
    yield text(
        f"{s['sources']} sources · {s['claims']} accepted claims · {questions_line(s)} · open conflicts: {kinds}"
    )
    yield text((LEGEND, "dim"))
    yield from summary_lines(doc)
    yield text(("Sources", "bold"))
    for src in doc["sources"]:
        yield text(
            (f"  [{src['id']}] ", "bold"),
            safe_line(src["title"] or ""),
            (f"  {safe_line(src['outlet'] or '')} {src['date']} {src['reliability']}", "dim"),
            (f"  {safe_line(src['url'])}" if src.get("url") else "", "dim"),
        )
    for q in doc["questions"]:
        yield Rule(style="dim")
        yield text((f"{q['subject']}: {q['property']}", "bold"))
        t = table("#", "answer", "speaker", "source", "as of", "src/ind", "grade")
        for col in (0, 3, 5, 6):  # short cells never wrap, so the words get the room
            t.columns[col].no_wrap = True
        for a in q["answers"]:
            for c in a["claims"]:
                answer = a["value_shown"] + (f" [{a['scope']}]" if a["scope"] else "")
                t.add_row(
                    str(a["answer"]),
                    safe_line(answer),
                    safe_line(c["speaker"]),
                    f"[{c['source_id']}]",
                    safe_line(c["as_of"]),
                    f"{a['sources']}/{a['independent_sources']}",
                    grade(c["reliability"], a["credibility"]),
                )
        yield t
        for a in q["answers"]:
            for c in a["claims"]:
                yield text(
                    (f"  {a['answer']} ", "bold"),
                    (f"{c['speaker']} [{c['source_id']}] {c['article'] or ''}: ", "dim"),
                    ("“", "dim"),
                    (safe_line(c["quote"]), "italic"),
                    ("”", "dim"),
                )
        for a in q["answers"]:  # each grade, and in words why it was given
            yield text(
                (f"  {a['answer']} grade {a['credibility']} ({a['credibility_text']}): ", "dim"),
                safe_line(a["credibility_why"]),
            )
        if q["timeline"]:
            yield text(
                ("  timeline (rises are updates): ", "green"),
                " → ".join(
                    f"{p['as_of']}: {safe_line(p['value'])}" + (" (superseded)" if p["superseded"] else "")
                    for p in q["timeline"]
                ),
            )
        for ch in q.get("changed_over_time", ()):
            yield text(
                ("  changed over time: ", "green"),
                f"answer {ch['from_answer']} ({safe_line(ch['from'])}) → answer {ch['to_answer']} ({safe_line(ch['to'])})",
            )
        for c in q["conflicts"]:
            yield text(
                ("  " + c["kind"].upper(), f"bold {KIND_STYLE.get(c['kind'], '')}"),
                f" #{c['id']} ({c['status']}): ",
                safe_line(c["explanation"]),
                (also_text(c), "dim"),
            )
    if doc["other_conflicts"]:
        yield Rule("Conflicts across questions", style="dim")
        for c in doc["other_conflicts"]:
            yield text(
                (c["kind"].upper(), f"bold {KIND_STYLE.get(c['kind'], '')}"),
                f" #{c['id']} ({c['status']}): ",
                safe_line(c["explanation"]),
                (also_text(c), "dim"),
            )
            for cl in c["claims"][:SHOW_CLAIMS]:
                yield text(
                    (f"  {cl['speaker']} [{cl['source_id']}] ({cl['as_of']}): ", "dim"),
                    ("“" + safe_line(cl["quote"]) + "”", "italic"),
                )
            if c["claim_count"] > SHOW_CLAIMS:
                yield text(
                    (
                        f"  … and {c['claim_count'] - SHOW_CLAIMS} more claims (`provenance conflicts show {c['id']}`)",
                        "dim",
                    )
                )


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
