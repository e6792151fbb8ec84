"""provenance log | undo"""

from __future__ import annotations

import click

from ..render import emit_json, json_option, output_options, output_rows, safe_line
from .app import with_ledger, with_session


@click.command("log")
@click.option(
    "--object",
    "obj",
    metavar="KIND:ID",
    help="Only what touched this: claim:12, source:3, entity:4, property:2, conflict:5.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="At most this many events, newest first (0: all).",
)
@click.option("--all", "show_all", is_flag=True, help="Also the row-by-row record of every change (what undo reads).")
@output_options
@with_session(readonly=True)
def log(session, obj, limit, show_all, output):
    """The ledger's history, newest first: who changed what, from what to what.

    Example: provenance log --object claim:12"""
    import json

    from ..ledger.history import events_for, summary

    rows = events_for(session, obj, limit or None, rows=show_all)

    def view(items) -> None:  # one line each, what changed on the next: readable and greppable
        if not items:
            click.echo("no events" + (f" for {safe_line(obj)}" if obj else ""))
        for e in items:
            click.echo(f"{e.id}  {e.at:%Y-%m-%d %H:%M}  {safe_line(e.actor)}  {e.action}  {e.target}")
            click.echo(f"    {safe_line(summary(e))}")

    output_rows(
        output,
        rows,
        {
            "event": lambda e: e.id,
            "at": lambda e: e.at.isoformat(timespec="seconds"),
            "actor": lambda e: e.actor,
            "action": lambda e: e.action,
            "object": lambda e: e.target,
            "what": summary,
        },
        as_json=lambda e: {
            "id": e.id,
            "at": e.at.isoformat(timespec="seconds"),
            "actor": e.actor,
            "action": e.action,
            "target": e.target,
            "payload": json.loads(e.payload),
        },
        view=view,
    )


@click.command("undo")
@click.argument("event_id", metavar="[EVENT_ID]", type=int, required=False)
@click.option("--dry-run", is_flag=True, help="Say what would be reverted, and change nothing.")
@json_option
@with_ledger
def undo(db, event_id, dry_run, as_json):
    """Revert the newest change not yet undone (or EVENT_ID's), by appending its inverse to the log.

    Any change: a source added, edited, graded or retired; a claim added, edited, rejected or
    revised; an import (as one unit); candidates accepted or rejected; entity, property and rule
    changes; conflict decisions with their verdicts and notes. Conflicts its change retired come
    back with the status they had. Run it again to go further back; the log is never rewritten.
    A change that something later depends on is refused, naming what to undo first.

    Example: provenance undo --dry-run"""
    from ..actions import undo as run
    from .claims import print_new_conflicts

    done = run(db, event_id, dry_run)
    if as_json:
        emit_json(done.to_json())
        return
    verb = "would undo" if dry_run else "undid"
    click.echo(f"{verb} event {done.event} ({done.action} {done.target}): {safe_line(done.summary)}")
    print_new_conflicts(done.conflicts)


COMMANDS = [log, undo]
