"""The report laid out once, as blocks of text, for every publishing format to render.

`layout(doc)` turns the built report (build.py) into headings, paragraphs, tables, quotes, lists
and the list of sources. Markdown and HTML walk these same blocks; each only says how a block
looks in its format and escapes every piece of text its own way (a plain `str` or number is
always ledger text or our words, never markup).
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import also_text, decision_text, questions_line

# -- inline pieces ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tag:
    """Text set apart: "kind" (a conflict's kind), "strong", or "decided" (a person's decision)."""

    name: str
    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class Ref:
    """A link to a source in the report's list of sources, with its page when known."""

    source_id: int
    page: int | None = None


Inline = str | int | Tag | Ref
Line = tuple[Inline, ...]

# -- blocks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    parts: Line


@dataclass(frozen=True)
class Para:
    parts: Line


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: list[tuple[Line, ...]]
    cards: bool = True  # on a narrow screen each row becomes a card


@dataclass(frozen=True)
class Quote:
    text: Line
    who: Line


@dataclass(frozen=True)
class Bullets:
    items: list[Line]


@dataclass(frozen=True)
class SourceItem:
    id: int
    title: str
    url: str | None
    facts: list[Line]


@dataclass(frozen=True)
class Sources:
    items: list[SourceItem]


Block = Heading | Para | Table | Quote | Bullets | Sources

COLUMNS = ("#", "answer", "scope", "speaker", "source", "as of", "sources", "independent", "grade")
DECISION_COLUMNS = ("when (UTC)", "who", "decision", "note")


def layout(doc: dict) -> list[Block]:
    s = doc["summary"]
    out: list[Block] = [
        Heading(1, ("Conflict report",)),
        Para(
            (
                f"{s['sources']} sources, {s['claims']} accepted claims, {s['conflicts']} conflicts, "
                f"{questions_line(s)}. Generated {doc['generated_at']} UTC.",
            )
        ),
    ]
    if s["open_conflicts_by_kind"]:
        rows: list[tuple[Line, ...]] = [((k,), (n,)) for k, n in s["open_conflicts_by_kind"].items()]
        out.append(Table(("kind", "open"), rows, cards=False))
    for q in doc["questions"]:
        out += _question(q)
    if doc["other_conflicts"]:
        out.append(Heading(2, ("Conflicts across questions",)))
        for c in doc["other_conflicts"]:
            out.append(Heading(3, (f"Conflict {c['id']}: ", Tag("kind", (c["kind"],)), f" ({c['status']})")))
            out.append(Para((c["explanation"], also_text(c), *decided(c))))
            out += [
                Quote((cl["quote"],), (cl["speaker"], ", ", Ref(cl["source_id"], cl.get("page")), f" ({cl['as_of']})"))
                for cl in c["claims"]
            ]
    if doc["sources"]:
        out += [Heading(2, ("Sources",)), Sources([_source(src) for src in doc["sources"]])]
    if doc.get("decisions"):
        decided_rows: list[tuple[Line, ...]] = [
            ((d["at"][:16].replace("T", " "),), (d["who"],), (decision_text(d),), (d["note"] or "",))
            for d in doc["decisions"]
        ]
        out += [Heading(2, ("Analysts' decisions",)), Table(DECISION_COLUMNS, decided_rows)]
    return out


def _question(q: dict) -> list[Block]:
    rows: list[tuple[Line, ...]] = []
    quotes: list[Block] = []
    for a in q["answers"]:
        for c in a["claims"]:
            ref = Ref(c["source_id"], c.get("page"))
            grade = f"{c['reliability']}{a['credibility']} ({a['credibility_text']}: {a.get('credibility_why')})"
            cells: tuple[Line, ...] = (
                (a["answer"],),
                (a["value_shown"],),
                (a["scope"] or "",),
                (c["speaker"],),
                (ref, ": ", c["article"]),
                (c["as_of"],),
                (a["sources"],),
                (a["independent_sources"],),
                (grade,),
            )
            rows.append(cells)
            quotes.append(Quote((c["quote"],), (Tag("strong", (a["answer"],)), " · ", c["speaker"], ", ", ref)))
    out: list[Block] = [Heading(2, (f"{q['subject']}: {q['property']}",)), Table(COLUMNS, rows), *quotes]
    if q["timeline"]:
        steps = " → ".join(f"{p['as_of']}: {p['value']}" for p in q["timeline"])
        out.append(Para((f"Timeline (rises are updates, not conflicts): {steps}",)))
    items: list[Line] = [
        (
            Tag("kind", (c["kind"],)),
            f" (conflict {c['id']}, {c['status']}): ",
            c["explanation"],
            also_text(c),
            *decided(c),
        )
        for c in q["conflicts"]
    ]
    if items:
        out.append(Bullets(items))
    return out


def decided(c: dict) -> Line:
    """' — resolved by ana, 2024-05-05 10:00:00 UTC: note', set apart; nothing if undecided."""
    if not c.get("decided_by"):
        return ()
    note = f": {c['note']}" if c.get("note") else ""
    when = c["decided_at"].replace("T", " ")
    return (" ", Tag("decided", (f"— {c['status']} by {c['decided_by']}, {when} UTC{note}",)))


def _source(src: dict) -> SourceItem:
    facts: list[Line] = [
        (src["outlet"],) if src["outlet"] else (),
        (f"published {src['published']}",) if src["published"] else (),
        (f"captured {src['captured']}",) if src["captured"] else (),
        (f"grade {src['reliability']}: {src['reliability_text']}",),
    ]
    return SourceItem(src["id"], src["title"] or f"source {src['id']}", src["url"], [f for f in facts if f])
