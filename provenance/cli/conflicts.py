"""provenance conflicts list | show | confirm | dismiss | resolve | reopen | scan, and contested"""

from __future__ import annotations

import click

from ..render import emit_json, json_option, output_options, output_rows, print_, quote_in_context, safe_line, text
from .app import with_ledger, with_session

KINDS = ["numeric", "single_value", "denial", "accusation", "scope", "rule", "decrease"]
STATUSES = ["open", "confirmed", "dismissed", "resolved"]
SHOW = 20  # new conflicts a scan prints one by one


def _since(value):
    from ..ingest.sources import parse_day

    return parse_day(value, "--since")


@click.group()
def conflicts() -> None:
    """Where sources disagree: find, explain and work the conflicts."""


@conflicts.command("list")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--claim", type=int, help="Only conflicts involving this claim.")
@click.option("--since", metavar="YYYY-MM-DD", help="Only conflicts found since this day.")
@output_options
@with_session(readonly=True)
def list_(session, kind, status, claim, since, output):
    """Every conflict, with its explanation."""
    from ..detect.store import ConflictFilter, conflict_json, list_conflicts

    output_rows(output, list_conflicts(session, ConflictFilter(kind, status, claim, _since(since))), {
        "id": lambda c: c.id, "kind": lambda c: c.kind, "status": lambda c: c.status,
        "sev.": lambda c: c.severity, "claims": lambda c: ",".join(str(cl.id) for cl in c.claims),
        "explanation": lambda c: c.explanation,
    }, as_json=conflict_json)


@conflicts.command("show")
@click.argument("conflict_id", type=int)
@json_option
@with_session(readonly=True)
def show(session, conflict_id, as_json):
    """The claims side by side, each quote highlighted in its context."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table

    from ..claims.store import as_of_label, speaker_name
    from ..detect.store import conflict_json, get_conflict

    c = get_conflict(session, conflict_id)
    if as_json:
        emit_json(conflict_json(c))
        return
    print_(text((f"conflict {c.id}: {c.kind}", "bold"), f" · {c.status} · severity {c.severity} · "
                f"{c.detector}@{c.detector_version}"))
    print_(text(safe_line(c.explanation)))
    if c.note or c.decided_by:
        print_(text(("note: ", "bold"), safe_line(c.note or ""),
                    f" ({safe_line(c.decided_by)}, {c.decided_at:%Y-%m-%d %H:%M})" if c.decided_at else ""))
    panels = []
    for cl in c.claims:
        span = cl.spans[0]
        head = text((f"claim {cl.id}", "bold"), " · ", safe_line(speaker_name(cl)), " · ",
                    safe_line(as_of_label(cl)), "\n",
                    f"source {cl.source_id}: ", safe_line(cl.source.title or ""), "\n",
                    (("denies " if cl.polarity == "denies" else "") + safe_line(cl.value_text), "bold"),
                    f" [{safe_line(cl.scope)}]" if cl.scope else "")
        panels.append(Panel(Group(head, text(""), quote_in_context(cl.source.text, span.start, span.end, 160)),
                            expand=True))
    grid = Table.grid(expand=True, padding=(0, 1))  # the claims side by side, equal widths
    for _ in panels:
        grid.add_column(ratio=1)
    grid.add_row(*panels)
    print_(grid)


def _status_command(verb: str, doc: str):
    @click.argument("conflict_id", type=int)
    @click.option("--note", help="Why: kept in the audit trail.")
    @with_ledger
    def command(db, conflict_id, note, verdict=()):
        from ..actions import set_conflict_status

        c = set_conflict_status(db, conflict_id, verb, note, verdict)
        click.echo(f"conflict {c['id']} {c['status']}" + "".join(
            f"; claim {k} rated {v}" for k, v in c["verdicts"].items()))

    command.__doc__ = doc
    if verb == "resolve":
        command = click.option(
            "--verdict", multiple=True, metavar="CLAIM=RATING",
            help="Rate a claim of the conflict: false, mostly-false, mixed, mostly-true or true "
                 "(repeatable; published by `provenance export --format claimreview`).")(command)
    return conflicts.command(verb)(command)


_status_command("confirm", "Confirm a conflict: the sources really disagree.")
_status_command("dismiss", "Dismiss a conflict: not a real disagreement. A re-scan will not bring it back.")
_status_command("resolve", "Mark a conflict resolved: the disagreement is settled.")
_status_command("reopen", "Reopen a conflict.")


@conflicts.command("scan")
@json_option
@with_ledger
def scan(db, as_json):
    """Run every detector over every accepted claim; add only what is new."""
    from ..actions import scan as run_scan

    found = run_scan(db)
    if as_json:
        emit_json(found.conflicts)
        return
    n = len(found.conflicts)
    kinds = ", ".join(f"{k} {kind}" for kind, k in sorted(found.kinds.items()))
    click.echo(f"{n} new conflict(s)" + (f": {kinds}" if n else ""))
    for c in found.conflicts[:SHOW]:
        click.echo(f"  {c['id']} {c['kind']}: {safe_line(c['explanation'])}")
    if n > SHOW:
        click.echo(f"  ... and {n - SHOW} more: `provenance conflicts list`")


@click.command("contested")
@click.option("--subject")
@click.option("--property", "property_")
@click.option("--kind", type=click.Choice(KINDS), help="Only questions with a conflict of this kind.")
@click.option("--status", type=click.Choice(STATUSES), help="Only questions with a conflict in this status.")
@click.option("--since", metavar="YYYY-MM-DD", help="Only questions with a claim as of this day or later.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Questions per page (0: all).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many questions.")
@output_options
@with_session(readonly=True)
def contested(session, subject, property_, kind, status, since, limit, offset, output):
    """Every question (subject + property) with more than one answer."""
    from ..assess.contested import ContestedFilter
    from ..assess.contested import contested as find

    rows = find(session, ContestedFilter(subject, property_, kind, status, _since(since), limit or None, offset))

    def questions(rows):
        for q in rows:
            print_(text((f"{q['subject']}: {q['property']}", "bold"),
                        f"  ({', '.join(q['kinds']) or 'no conflict flagged'})"))
            for a in q["answers"]:
                who = "; ".join(f"{c['speaker']} (source {c['source_id']}, {c['as_of']})" for c in a["claims"])
                scope = f" [{a['scope']}]" if a["scope"] else ""
                print_(text(f"  {a['answer']}. ", (safe_line(a["value_shown"] + scope), "bold"),
                            f" — {a['sources']} source(s), {a['independent_sources']} independent — ",
                            safe_line(who)))
        if not rows:
            click.echo("no contested questions" + (" on this page" if offset else ""))
        elif limit and len(rows) == limit:
            click.echo(f"(first {limit} from {offset}; more with --offset {offset + limit})")

    output_rows(output, rows, {
        "subject": lambda q: q["subject"], "property": lambda q: q["property"],
        "conflicts": lambda q: ", ".join(q["kinds"]), "answers": lambda q: len(q["answers"]),
        "values": lambda q: " | ".join(a["value_shown"] + (f" [{a['scope']}]" if a["scope"] else "")
                                       for a in q["answers"]),
    }, view=questions)


COMMANDS = [conflicts, contested]
