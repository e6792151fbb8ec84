"""provenance conflicts list | show | confirm | dismiss | resolve | reopen | scan, and contested"""

from __future__ import annotations

import click

from ..render import emit_json, json_option, output_options, output_rows, print_, quote_in_context, safe_line, text
from .app import pass_state, with_ledger, with_session

KINDS = ["numeric", "single_value", "denial", "accusation", "scope", "rule", "decrease", "same_day", "exclusive"]
STATUSES = ["open", "confirmed", "dismissed", "resolved", "superseded"]
SHOW = 20  # new conflicts a scan prints one by one
SHOW_PANELS = 4  # claims side by side in `conflicts show`; a grouped disagreement may have thousands


def _since(value):
    from ..ingest.sources import parse_day

    return parse_day(value, "--since")


@click.group()
def conflicts() -> None:
    """Where sources disagree: find, explain and work the conflicts."""


@conflicts.command("list")
@click.option("--kind", type=click.Choice(KINDS), help="Only conflicts of this kind.")
@click.option("--status", type=click.Choice(STATUSES), help="Only conflicts in this status.")
@click.option("--claim", type=int, help="Only conflicts involving this claim.")
@click.option("--since", metavar="YYYY-MM-DD", help="Only conflicts found since this day.")
@output_options
@with_session(readonly=True)
def list_(session, kind, status, claim, since, output):
    """Every conflict, with its explanation."""
    from ..detect.store import ConflictFilter, conflict_json, explanation_of, list_conflicts

    output_rows(
        output,
        list_conflicts(session, ConflictFilter(kind, status, claim, _since(since))),
        {
            "id": lambda c: c.id,
            "kind": lambda c: c.kind,
            "status": lambda c: c.status,
            "sev.": lambda c: c.severity,
            "claims": _claims_cell,
            "explanation": explanation_of,
        },
        as_json=conflict_json,
    )


def _claims_cell(c) -> str:
    """A grouped disagreement can rest on hundreds of claims: the first few, then the count."""
    ids, count = [str(cl.id) for cl in c.claims], getattr(c, "claim_count", len(c.claims))
    return ",".join(ids) if count <= 6 else ",".join(ids[:4]) + f",… ({count})"


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
    from ..detect.store import conflict_json, explanation_of, get_conflict
    from ..ledger.history import events_for

    c = get_conflict(session, conflict_id)
    history = [
        e for e in reversed(events_for(session, f"conflict:{c.id}")) if e.action.startswith(("conflict.", "undo"))
    ]
    if as_json:
        emit_json({**conflict_json(c), "history": [_decision(e, c.id) for e in history]})
        return
    print_(
        text(
            (f"conflict {c.id}: {c.kind}", "bold"),
            f" · {c.status} · severity {c.severity} · {c.detector}@{c.detector_version}",
        )
    )
    print_(text(safe_line(explanation_of(c))))
    for d in (_decision(e, c.id) for e in history):  # every decision and note, oldest first
        print_(
            text(
                (f"{d['at'][:16].replace('T', ' ')} {d['actor']}: ", "bold"),
                f"{d['old']} → {d['new']}",
                f" — {safe_line(d['note'])}" if d["note"] else "",
            )
        )
    panels = []
    for cl in c.claims[:SHOW_PANELS]:
        span = cl.spans[0]
        head = text(
            (f"claim {cl.id}", "bold"),
            " · ",
            safe_line(speaker_name(cl)),
            " · ",
            safe_line(as_of_label(cl)),
            "\n",
            f"source {cl.source_id}: ",
            safe_line(cl.source.title or ""),
            "\n",
            (("denies " if cl.polarity == "denies" else "") + safe_line(cl.value_text), "bold"),
            f" [{safe_line(cl.scope)}]" if cl.scope else "",
        )
        panels.append(
            Panel(Group(head, text(""), quote_in_context(cl.source.text, span.start, span.end, 160)), expand=True)
        )
    grid = Table.grid(expand=True, padding=(0, 1))  # the claims side by side, equal widths
    for _ in panels:
        grid.add_column(ratio=1)
    grid.add_row(*panels)
    print_(grid)
    if len(c.claims) > SHOW_PANELS:
        click.echo(f"... and {len(c.claims) - SHOW_PANELS} more claims: `provenance conflicts show {c.id} --json`")


HANDFUL = 5  # more conflicts than this in one decision: ask first


def _decision(e, conflict_id: int) -> dict:
    """A conflict's event as a decision: when, who, from and to, the note."""
    import json

    p = json.loads(e.payload)
    change: dict = next(
        (ch for ch in p.get("changes", []) if ch["table"] == "conflicts" and ch["id"] == conflict_id),
        {"before": {}, "after": {}},
    )
    old = p.get("old", change["before"].get("status", ""))
    new = p.get("new", change["after"].get("status", ""))
    note = p.get("note") if e.action != "undo" else f"undo of event {p.get('of') or p.get('undoes')}"
    return {
        "event": e.id,
        "at": e.at.isoformat(timespec="seconds"),
        "actor": e.actor,
        "action": e.action,
        "old": old,
        "new": new,
        "note": note,
    }


def _status_command(verb: str, doc: str, example: str):
    @click.argument("conflict_ids", nargs=-1, type=int, metavar="[ID]...")
    @click.option("--claim", type=int, help="Every conflict involving this claim.")
    @click.option("--kind", type=click.Choice(KINDS), help="Every conflict of this kind.")
    @click.option("--source", help="Every conflict with a claim from this source (id or SHA-256 prefix).")
    @click.option("--all-open", is_flag=True, help="Only (or every one of) the open conflicts.")
    @click.option("--note", help="Why: kept in the audit trail, shown by `conflicts show`.")
    @click.option("--yes", "-y", is_flag=True, help=f"Do not ask before deciding more than {HANDFUL}.")
    @pass_state
    def command(state, conflict_ids, claim, kind, source, all_open, note, yes, verdict=()):
        from ..actions import set_conflict_statuses
        from ..detect.store import Selection, select_conflicts

        db = state.db()
        with db.session(readonly=True) as session:
            ids = select_conflicts(session, Selection(conflict_ids, claim, kind, source, all_open), verb)
        if not ids:
            click.echo(f"no conflict to {verb}")
            return
        if len(ids) > HANDFUL and not yes:
            click.confirm(f"{verb} {len(ids)} conflicts ({_ids(ids)})?", abort=True, err=True)
        done = set_conflict_statuses(db, ids, verb, note, verdict)
        for c in done:
            click.echo(
                f"conflict {c['id']} {c['status']}"
                + "".join(f"; claim {k} rated {v}" for k, v in c["verdicts"].items())
            )
        if len(done) > 1:
            click.echo(f"{len(done)} conflicts {done[0]['status']}")

    command.__doc__ = (
        doc + f"\n\nSeveral at once: ids, and every conflict a filter matches (all or nothing).\n\nExample: {example}"
    )
    if verb == "resolve":
        command = click.option(
            "--verdict",
            multiple=True,
            metavar="CLAIM=RATING",
            help="Rate a claim of the conflict: false, mostly-false, mixed, mostly-true or true "
            "(repeatable; one conflict only; published by `provenance export --format claimreview`).",
        )(command)
    return conflicts.command(verb)(command)


def _ids(ids: list[int]) -> str:
    return ", ".join(map(str, ids[:10])) + (f", … {len(ids) - 10} more" if len(ids) > 10 else "")


_status_command(
    "confirm",
    "Confirm conflicts: the sources really disagree.",
    "provenance conflicts confirm 5 24 --note \"checked both articles\"",
)
_status_command(
    "dismiss",
    "Dismiss conflicts: not a real disagreement. A re-scan will not bring them back.",
    "provenance conflicts dismiss --kind scope --all-open --yes",
)
_status_command(
    "resolve",
    "Mark conflicts resolved: the disagreement is settled.",
    "provenance conflicts resolve --claim 12 --note \"later report corrected it\"",
)
_status_command("reopen", "Reopen conflicts.", "provenance conflicts reopen 5")


@conflicts.command("scan")
@json_option
@with_ledger
def scan(db, as_json):
    """Run every detector over every accepted claim; add only what is new."""
    from ..actions import scan as run_scan

    found = run_scan(db, None if as_json else SHOW)
    if as_json:
        emit_json(found.conflicts)
        return
    n = found.count
    kinds = ", ".join(f"{k} {kind}" for kind, k in sorted(found.kinds.items()))
    click.echo(f"{n} new conflict(s)" + (f": {kinds}" if n else ""))
    for c in found.conflicts[:SHOW]:
        click.echo(f"  {c['id']} {c['kind']}: {safe_line(c['explanation'])}")
    if n > SHOW:
        click.echo(f"  ... and {n - SHOW} more: `provenance conflicts list`")
    if found.retired:
        click.echo(f"{len(found.retired)} conflict(s) superseded: their claims no longer disagree")


@click.command("contested")
@click.option("--subject", help="Only questions about this entity (any alias).")
@click.option("--property", "property_", help="Only this question (property).")
@click.option("--kind", type=click.Choice(KINDS), help="Only questions with a conflict of this kind.")
@click.option("--status", type=click.Choice(STATUSES), help="Only questions with a conflict in this status.")
@click.option("--since", metavar="YYYY-MM-DD", help="Only questions with a claim as of this day or later.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help="Questions per page (0: all).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many questions.")
@output_options
@pass_state
def contested(state, subject, property_, kind, status, since, limit, offset, output):
    """Every question (subject + property) with more than one answer."""
    rows = _contested_rows(state, subject, property_, kind, status, since, limit or None, offset, output)

    def questions(rows):
        for q in rows:
            print_(
                text(
                    (f"{q['subject']}: {q['property']}", "bold"),
                    f"  ({', '.join(q['kinds']) or 'no conflict flagged'})",
                )
            )
            for a in q["answers"]:
                who = "; ".join(f"{c['speaker']} (source {c['source_id']}, {c['as_of']})" for c in a["claims"])
                scope = f" [{a['scope']}]" if a["scope"] else ""
                print_(
                    text(
                        f"  {a['answer']}. ",
                        (safe_line(a["value_shown"] + scope), "bold"),
                        f" — {a['sources']} source(s), {a['independent_sources']} independent — ",
                        safe_line(who),
                    )
                )
                print_(text(f"     grade {a['credibility']} ({a['credibility_text']}): {a['credibility_why']}"))
            for ch in q.get("changed_over_time", ()):
                print_(
                    text(
                        f"  changed over time: answer {ch['from_answer']} ({safe_line(ch['from'])}) "
                        f"→ answer {ch['to_answer']} ({safe_line(ch['to'])})"
                    )
                )
        if not rows:
            click.echo("no contested questions" + (" on this page" if offset else ""))
        elif limit and len(rows) == limit:
            click.echo(f"(first {limit} from {offset}; more with --offset {offset + limit})")

    output_rows(
        output,
        rows,
        {
            "subject": lambda q: q["subject"],
            "property": lambda q: q["property"],
            "conflicts": lambda q: ", ".join(q["kinds"]),
            "answers": lambda q: len(q["answers"]),
            "values": lambda q: " | ".join(
                a["value_shown"] + (f" [{a['scope']}]" if a["scope"] else "") for a in q["answers"]
            ),
        },
        view=questions,
    )


def _contested_rows(state, subject, property_, kind, status, since, limit, offset, output) -> list[dict]:
    if not (subject or property_ or kind or status or since) and limit and output not in ("json", "nl"):
        # The quick path: LIMIT-ed queries through sqlite3, without SQLAlchemy's start-up.
        from ..ledger.quick import quick_reader

        with quick_reader(state.db_value) as conn:
            if conn is not None:
                from ..assess.pages import contested_page

                return contested_page(conn, limit, offset)
    from ..assess.contested import ContestedFilter
    from ..assess.contested import contested as find

    with state.db(create=False).session(readonly=True) as session:
        return find(session, ContestedFilter(subject, property_, kind, status, _since(since), limit, offset))


COMMANDS = [conflicts, contested]
