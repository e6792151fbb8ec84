"""provenance sources add | list | show"""

from __future__ import annotations

import click

from .app import with_session
from .output import emit_json, json_option, print_, safe_line, table, text


@click.group()
def sources() -> None:
    """Captured articles: add them, list them, read them."""


@sources.command("add")
@click.argument("paths", nargs=-1, required=True, metavar="PATH... | -")
@click.option("--title", help="Title (default: the first line of the text).")
@click.option("--url", help="Where the article was published.")
@click.option("--outlet", help="The publication.")
@click.option("--author")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date.")
@click.option("--captured", metavar="YYYY-MM-DD", help="When this copy was captured.")
@click.option("--reliability", metavar="A-F", help="Source reliability grade (default F).")
@json_option
@with_session()
def add(session, paths, title, url, outlet, author, published, captured, reliability, as_json):
    """Add text or Markdown files (or - for stdin). The same text twice is stored once."""
    from ..sources import SourceMeta, add_source, check_grade, parse_day, read_input, source_json

    meta = SourceMeta(
        title=title, url=url, outlet=outlet, author=author,
        published=parse_day(published, "--published"), captured=parse_day(captured, "--captured"),
        reliability=check_grade(reliability),
    )
    results = []
    for path in paths:
        source, existed = add_source(session, read_input(path), path, meta)
        results.append((path, source, existed))
    if as_json:
        emit_json([{**source_json(s), "path": p, "existed": e} for p, s, e in results])
        return
    for path, source, existed in results:
        verb = "already there as" if existed else "added as"
        click.echo(f"{safe_line(path)}: {verb} source {source.id} (sha256 {source.sha256[:12]})")


@sources.command("list")
@json_option
@with_session(readonly=True)
def list_(session, as_json):
    """Every source, with its date and number of claims."""
    from ..sources import list_sources, source_json

    rows = list_sources(session)
    if as_json:
        emit_json([source_json(s, n) for s, n in rows])
        return
    t = table("id", "title", "outlet", "date", "grade", "chars", "claims")
    for s, n in rows:
        t.add_row(str(s.id), safe_line(s.title), safe_line(s.outlet or ""),
                  str(s.date or ""), s.reliability, f"{s.chars:,}", str(n))
    print_(t)


@sources.command("show")
@click.argument("source_id")
@json_option
@with_session(readonly=True)
def show(session, source_id, as_json):
    """Metadata, then the text with the spans of its claims highlighted."""
    from ..sources import find_source, source_json

    source = find_source(session, source_id)
    spans = sorted(source.spans, key=lambda sp: sp.start)
    if as_json:
        emit_json({**source_json(source), "text": source.text,
                   "spans": [{"id": sp.id, "start": sp.start, "end": sp.end, "quote": sp.quote} for sp in spans]})
        return
    meta = source_json(source)
    for key in ("id", "title", "outlet", "author", "url", "published", "captured", "reliability", "sha256"):
        if meta[key] is not None:
            print_(text((f"{key:>11}: ", "bold"), safe_line(meta[key])))
    print_(text(""))
    parts, pos = [], 0
    for sp in spans:
        if sp.start < pos:  # overlapping spans: highlight the union
            sp_start = pos
        else:
            sp_start = sp.start
            parts.append(source.text[pos:sp_start])
        if sp.end > pos:
            parts.append((source.text[sp_start : sp.end], "bold reverse"))
            pos = sp.end
    parts.append(source.text[pos:])
    print_(text(*parts))


COMMANDS = [sources]
