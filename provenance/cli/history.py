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
@output_options
@with_session(readonly=True)
def log(session, obj, limit, output):
    """The ledger's history, newest first: who changed what, from what to what.

    Example: provenance log --object claim:12"""
    import json

    from ..ledger.history import events_for, summary

    rows = events_for(session, obj, limit or None)

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
@json_option
@with_ledger
def undo(db, as_json):
    """Revert the newest correction not yet undone, by appending its inverse to the log.

    Corrections are edits, renames, merges, splits, retirements, rejections and conflict
    decisions; run it again to go further back. The log is never rewritten.

    Example: provenance undo"""
    from ..actions import undo as run
    from .claims import print_new_conflicts

    done = run(db)
    if as_json:
        emit_json(done.to_json())
        return
    click.echo(f"undid event {done.event} ({done.action} {done.target}): {safe_line(done.summary)}")
    print_new_conflicts(done.conflicts)


COMMANDS = [log, undo]
