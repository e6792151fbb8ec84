"""provenance import | demo | report | verify"""

from __future__ import annotations

import click

from ..errors import IntegrityFailure
from ..render import is_tty, safe_line
from .app import CliError, pass_state, with_ledger, with_session


@click.command("import")
@click.argument("file", metavar="FILE|-")
@click.option("--allow-outside", is_flag=True, help="Let the file's sources name files outside its own folder.")
@with_ledger
def import_(db, file, allow_outside):
    """Load entities, properties, rules, sources and claims from a TOML or JSON file, all or nothing.

    Also reads W3C Web Annotations (`provenance export --format web-annotation`) and Hypothesis
    JSON exports: each annotation that states a claim is anchored in its source, which must be
    in the ledger already."""
    from ..actions import import_file

    result = import_file(db, file, allow_outside=allow_outside)
    click.echo(result.summary + f"; {len(result.conflicts)} new conflict(s)")


@click.command("demo")
@click.option("--no-report", is_flag=True, help="Load the seeds but do not print the report.")
@pass_state
def demo(state, no_report):
    """Load the bundled seed articles and their claims into the demo ledger; print the report.

    The demo has its own ledger, demo.db beside the default one (see `provenance db path`), unless
    --db or PROVENANCE_DB names another: your own ledger is never touched. Running it again changes
    nothing.

    Example: provenance demo --no-report"""
    import shlex

    from ..actions import run_demo
    from ..demo import NEXT_STEPS, SEED_FILES, demo_path
    from ..ledger.db import resolve_url
    from ..report.build import build_report
    from ..report.terminal import print_report

    if state.db_value is None:
        state.db_value = str(demo_path())
    db = state.db()
    where = resolve_url(state.db_value).removeprefix("sqlite:///")
    click.echo(f"demo ledger: {safe_line(where)}", err=True)
    for name, summary in zip(SEED_FILES, run_demo(db), strict=True):
        click.echo(f"seeds/{name.removesuffix('.toml')}: {summary}", err=True)
    if not no_report:
        with db.session(readonly=True) as session:
            doc = build_report(session)
        print_report(doc, pager=is_tty())
    click.echo("next, try:", err=True)
    for cmd in NEXT_STEPS:
        click.echo(f"  provenance {cmd} --db {safe_line(shlex.quote(where))}", err=True)


@click.command("report")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "markdown", "html", "json"]),
    default="terminal",
    show_default=True,
    help="terminal: paged, summary first; markdown, html or json: a document (see --output).",
)
@click.option("--output", "-o", metavar="FILE", help="Write to FILE (never the ledger, a source's file or a folder).")
@click.option("--pager/--no-pager", default=None, help="Page long output (default: when on a terminal).")
@click.option(
    "--limit", type=click.IntRange(min=0), default=50, show_default=True, help="Contested questions per page (0: all)."
)
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many questions.")
@pass_state
def report(state, fmt, output, pager, limit, offset):
    """The conflict report: summary, contested questions with quotes and speakers, conflicts."""
    from ..report import render

    if fmt == "terminal" and output:
        raise CliError("--output needs --format markdown, html or json", 2)
    if output is not None:
        _write_report(state, fmt, output, limit or None, offset)
        return
    if fmt == "html" and is_tty():
        raise CliError("an HTML report is not for a terminal; write it with -o FILE or pipe it", 2)
    doc = _report_page(state, limit or None, offset)
    if fmt == "terminal":
        from ..report.terminal import print_report

        print_report(doc, pager=is_tty() if pager is None else pager)
        return
    click.echo(render(doc, fmt), nl=False)


def _report_page(state, limit: int | None, offset: int) -> dict:
    if limit:
        # The quick path: LIMIT-ed queries through sqlite3, without SQLAlchemy's start-up.
        from ..ledger.quick import quick_reader

        with quick_reader(state.db_value) as conn:
            if conn is not None:
                from ..report.quick import report_page

                return report_page(conn, limit, offset)
    from ..report.build import build_report

    with state.db(create=False).session(readonly=True) as session:
        return build_report(session, limit, offset)


def _write_report(state, fmt: str, output: str, limit: int | None, offset: int) -> None:
    from sqlalchemy import select

    from ..ledger.models import Source
    from ..outfile import check_target, write_atomically
    from ..report import render
    from ..report.build import build_report

    with state.db(create=False).session(readonly=True) as session:
        doc = build_report(session, limit, offset)
        rows = session.execute(select(Source.origin, Source.sha256)).all()
        target = check_target(
            output,
            ledger_url=str(session.bind.url),
            source_origins=[o for o, _ in rows],
            source_hashes=[h for _, h in rows],
        )
    write_atomically(target, render(doc, fmt))
    click.echo(f"wrote {safe_line(output)}", err=True)


def _head_hash(ctx, param, value):
    import re

    if value is not None and not re.fullmatch(r"[0-9a-fA-F]{64}", value):
        raise click.BadParameter("give the 64 hex digits `provenance verify --head` printed")
    return value


@click.command("verify")
@click.option("--head", "show_head", is_flag=True, help="Print the chain head (the newest event's hash) and stop.")
@click.option(
    "--expect-head",
    metavar="HASH",
    callback=_head_hash,
    help="Also fail unless the chain still holds this published head (catches removed last events).",
)
@with_session(readonly=True)
def verify(session, show_head, expect_head):
    """Check the ledger: the database's own integrity check, every source hash and span quote,
    references, the event chain, and every source, span, entity, alias, property, claim, rule,
    conflict and candidate against the state the chain last recorded for it.

    Publish the head (`--head`) somewhere the ledger's writers cannot change, like a git commit
    id; `--expect-head` later shows that no event was removed or rewritten since."""
    from ..ledger.events import head
    from ..ledger.verify import verify as run_verify

    if show_head:
        click.echo(head(session))
        return
    problems = run_verify(session, expect_head)
    for p in problems:
        click.echo(safe_line(p))
    if problems:
        raise IntegrityFailure(f"{len(problems)} problem(s) found")
    click.echo("ok: database, sources, spans, references, the event chain and every row's recorded state check out")


COMMANDS = [import_, demo, report, verify]
