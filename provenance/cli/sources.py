"""provenance sources add | list | show"""

from __future__ import annotations

import click

from .app import with_session
from ..render import emit_json, json_option, print_, print_rows, safe_line, table, text


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
@click.option("--version-of", type=int, metavar="ID",
              help="This is a re-capture of source ID (also assumed for the same --url).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "html", "pdf"]),
              help="Read the input as this (default: by its suffix, content type or first bytes).")
@click.option("--extract", "extract_", is_flag=True,
              help="Also propose candidate claims from each source (see `provenance extract`).")
@json_option
@with_session()
def add(session, paths, title, url, outlet, author, published, captured, reliability, version_of, fmt,
        extract_, as_json):
    """Add text, Markdown, HTML or PDF files, links (http/https: fetched), or - for stdin. The
    same text twice is stored once.

    From a web page the article's text is stored, its title, author, date, site and canonical URL
    read from the page unless given here; a PDF is read page by page. The original is kept.

    Each new source is split into the articles it holds, checked for text it shares with earlier
    sources, and, when it re-captures one, has the earlier version's claims carried over."""
    from ..ingest.sources import SourceMeta, parse_day, source_json

    meta = SourceMeta(
        title=title, url=url, outlet=outlet, author=author,
        published=parse_day(published, "--published"), captured=parse_day(captured, "--captured"),
        reliability=reliability,
    )
    results = [(path, _add_one(session, path, meta, version_of, fmt)) for path in paths]
    found = {}
    if extract_:
        from ..extract.candidates import candidate_json, extract

        found = {a.source.id: extract(session, a.source) for _, a in results}
    if as_json:
        emit_json([{**source_json(a.source), "path": p, "existed": a.existed,
                    **({"candidates": [candidate_json(c, a.source.text) for c in found[a.source.id].candidates]}
                       if extract_ else {}),
                    "copies": [c.to_json() for c in a.copies],
                    "version_of": a.version_of.id if a.version_of else None,
                    "reanchored": [{"span": r.old_span_id, "status": r.status, "score": r.score}
                                   for r in a.reanchored]} for p, a in results])
        return
    for path, a in results:
        verb = "already there as" if a.existed else "added as"
        click.echo(f"{safe_line(path)}: {verb} source {a.source.id} (sha256 {a.source.sha256[:12]})")
        if len(a.source.segments) > 1:
            articles = sum(1 for s in a.source.segments if s.kind == "article")
            click.echo(f"  holds {articles} article(s); see `provenance sources segments {a.source.id}`")
        for c in a.copies:
            click.echo(f"  {c.sentence()}")
        if a.version_of is not None:
            from collections import Counter

            counts = Counter(r.status for r in a.reanchored)
            summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no spans"
            click.echo(f"  new version of source {a.version_of.id}: {summary}")
        if extract_:
            from .extraction import show_extraction

            show_extraction(found[a.source.id], False, a.source.text)


def _add_one(session, path, meta, version_of, fmt):
    from ..ingest.fetch import fetch, is_url
    from ..ingest.sources import add_source, read_input

    if is_url(path):
        page = fetch(path)
        return add_source(session, page.data, path, meta, version_of, fmt=fmt, fetched=page.fetched)
    return add_source(session, read_input(path), path, meta, version_of, fmt=fmt)


@sources.command("list")
@json_option
@with_session(readonly=True)
def list_(session, as_json):
    """Every source, with its date and number of claims."""
    from ..ingest.sources import list_sources, source_json

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
    from ..ingest.sources import capture_json, find_source, source_json

    source = find_source(session, source_id)
    spans = sorted(source.spans, key=lambda sp: sp.start)
    if as_json:
        emit_json({**source_json(source), **capture_json(session, source), "text": source.text,
                   "spans": [{"id": sp.id, "start": sp.start, "end": sp.end, "quote": sp.quote} for sp in spans]})
        return
    meta = source_json(source)
    for key in ("id", "title", "outlet", "author", "url", "published", "captured", "reliability", "sha256"):
        if meta[key] is not None:
            print_(text((f"{key:>11}: ", "bold"), safe_line(meta[key])))
    capture = capture_json(session, source)
    if capture.get("original"):
        o = capture["original"]
        how = f"fetched from {o['requested_url']} at {o['fetched_at']}, " if o["fetched_at"] else ""
        print_(text((f"{'original':>11}: ", "bold"), safe_line(
            f"{o['media_type']}, {o['size']:,} bytes, {how}read by {o['extractor']}"
            + (f", {len(capture['pages'])} page(s)" if capture["pages"] else ""))))
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


@sources.command("copies")
@click.argument("source_id")
@json_option
@with_session(readonly=True)
def copies(session, source_id, as_json):
    """Other sources that share text with this one, and how much."""
    from ..ingest.copies import copies_of
    from ..ingest.sources import find_source

    source = find_source(session, source_id)
    rows = copies_of(session, source.id)
    if as_json:
        emit_json([c.to_json() for c in rows])
        return
    if not rows:
        click.echo(f"source {source.id} shares no passage with another source")
    for c in rows:
        click.echo(c.sentence())


@sources.command("segments")
@click.argument("source_id")
@json_option
@with_session(readonly=True)
def segments(session, source_id, as_json):
    """The articles (and navigation) a capture holds."""
    from ..ingest.segments import segment_json
    from ..ingest.sources import find_source

    source = find_source(session, source_id)
    print_rows([segment_json(s) for s in source.segments], as_json, {
        "id": lambda s: s["id"], "start": lambda s: s["start"], "end": lambda s: s["end"],
        "kind": lambda s: s["kind"], "how": lambda s: s["method"], "title": lambda s: s["title"] or "",
    })


@sources.command("split")
@click.argument("source_id")
@click.option("--at", "at", type=int, help="Start a new segment at this character offset.")
@click.option("--at-quote", help="Start a new segment where this text begins.")
@click.option("--title", help="Title of the new segment.")
@click.option("--navigation", is_flag=True, help="The new segment is site navigation, not an article.")
@click.option("--merge", "merge_id", type=int, metavar="SEGMENT", help="Merge this segment into the one before it.")
@with_session()
def split(session, source_id, at, at_quote, title, navigation, merge_id):
    """Split a capture into articles by hand, or merge two segments."""
    from ..anchoring import locate
    from ..ingest.segments import merge_with_previous, split as do_split
    from ..ingest.sources import find_source
    from .app import CliError

    source = find_source(session, source_id)
    if merge_id is not None:
        seg = merge_with_previous(session, source, merge_id)
        click.echo(f"segment {seg.id} now spans {seg.start}-{seg.end}")
        return
    if (at is None) == (at_quote is None):
        raise CliError("give one of --at OFFSET, --at-quote TEXT or --merge SEGMENT", 2)
    offset = at if at is not None else locate(source.text, at_quote).start
    seg = do_split(session, source, offset, title, "navigation" if navigation else "article")
    click.echo(f"segment {seg.id}: {seg.start}-{seg.end} {safe_line(seg.title or '')}".rstrip())


@sources.command("diff")
@click.argument("old_id")
@click.argument("new_id")
@json_option
@with_session(readonly=True)
def diff(session, old_id, new_id, as_json):
    """What changed between two versions of a source, and what became of each claim."""
    from ..ingest.sources import find_source
    from ..ingest.versions import diff as run_diff

    d = run_diff(session, find_source(session, old_id), find_source(session, new_id))
    if as_json:
        emit_json(d.to_json())
        return
    for line in d.changes[:200]:
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else "dim"
        print_(text((safe_line(line), style)))
    if len(d.changes) > 200:
        click.echo(f"... {len(d.changes) - 200} more diff lines (--json for all)")
    t = table("claim", "status", "score", "old", "new", "quote")
    for c in d.claims:
        t.add_row(str(c["claim"]), c["status"], f"{c['score']:.2f}" if c["score"] is not None else "",
                  f"{c['old'][0]}-{c['old'][1]}", f"{c['new'][0]}-{c['new'][1]}" if c["new"] else "",
                  safe_line(c["quote"]))
    print_(t)


@sources.command("grade")
@click.argument("source_id")
@click.argument("grade", type=click.Choice(list("ABCDEF"), case_sensitive=False))
@with_session()
def grade(session, source_id, grade):
    """Set a source's reliability, A (completely reliable) to F (cannot be judged)."""
    from ..ledger import events
    from ..assess.grading import RELIABILITY
    from ..ingest.sources import find_source

    source = find_source(session, source_id)
    source.reliability = grade.upper()
    events.record(session, "source.grade", f"source:{source.id}", grade=source.reliability)
    click.echo(f"source {source.id}: {source.reliability} ({RELIABILITY[source.reliability]})")


@sources.command("reindex")
@with_session()
def reindex(session):
    """Fingerprint and segment sources added before those existed (after `db upgrade`)."""
    from ..ingest.copies import index_source, unindexed
    from ..ingest.segments import segment_source
    from ..ingest.sources import get_source

    ids = unindexed(session)
    for sid in ids:
        source = get_source(session, sid)
        segment_source(session, source)
        session.refresh(source)
        for c in index_source(session, source, fresh=False):
            click.echo(c.sentence())
    click.echo(f"indexed {len(ids)} source(s)")


COMMANDS = [sources]
