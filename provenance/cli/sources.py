"""provenance sources add | list | show"""

from __future__ import annotations

import click

from ..render import emit_json, json_option, output_options, output_rows, print_, print_table, safe_line, table, text
from .app import with_ledger, with_session


@click.group()
def sources() -> None:
    """Captured articles: add them, list them, read them."""


@sources.command("add")
@click.argument("paths", nargs=-1, required=True, metavar="PATH... | -")
@click.option("--title", help="Title (default: the first line of the text).")
@click.option("--url", help="Where the article was published.")
@click.option("--outlet", help="The publication.")
@click.option("--author", help="Who wrote it.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date.")
@click.option("--captured", metavar="YYYY-MM-DD", help="When this copy was captured.")
@click.option("--reliability", metavar="A-F", help="Source reliability grade (default F).")
@click.option(
    "--version-of", type=int, metavar="ID", help="This is a re-capture of source ID (also assumed for the same --url)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "pdf"]),
    help="Read the input as this (default: by its suffix, content type or first bytes).",
)
@click.option(
    "--extract",
    "extract_",
    is_flag=True,
    help="Also propose candidate claims from each source (see `provenance extract`).",
)
@json_option
@with_ledger
def add(db, paths, title, url, outlet, author, published, captured, reliability, version_of, fmt, extract_, as_json):
    """Add text, Markdown, HTML or PDF files, links (http/https: fetched), or - for stdin. The
    same text twice is stored once.

    From a web page the article's text is stored, its title, author, date, site and canonical URL
    read from the page unless given here; a PDF is read page by page. The original is kept.

    Each new source is split into the articles it holds, checked for text it shares with earlier
    sources, and, when it re-captures one, has the earlier version's claims carried over."""
    from collections import Counter

    from ..actions import add_sources

    results = add_sources(
        db,
        list(paths),
        title=title,
        url=url,
        outlet=outlet,
        author=author,
        published=published,
        captured=captured,
        reliability=reliability,
        version_of=version_of,
        fmt=fmt,
        extract=extract_,
    )
    if as_json:
        emit_json([a.to_json() for a in results])
        return
    for a in results:
        verb = "already there as" if a.existed else "added as"
        click.echo(f"{safe_line(a.path)}: {verb} source {a.source['id']} (sha256 {a.source['sha256'][:12]})")
        if a.segments > 1:
            click.echo(f"  holds {a.articles} article(s); see `provenance sources segments {a.source['id']}`")
        for sentence, _ in a.copies:
            click.echo(f"  {sentence}")
        if a.version_of is not None:
            counts = Counter(r["status"] for r in a.reanchored)
            summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no spans"
            click.echo(f"  new version of source {a.version_of}: {summary}")
        if a.extraction is not None:
            from .extraction import show_extraction

            show_extraction(a.extraction, False)


@sources.command("list")
@output_options
@with_session(readonly=True)
def list_(session, output):
    """Every source, with its date, number of claims and, if retired, why."""
    from ..ingest.sources import list_sources, source_json

    output_rows(
        output,
        list_sources(session),
        {
            "id": lambda r: r[0].id,
            "title": lambda r: r[0].title,
            "outlet": lambda r: r[0].outlet,
            "date": lambda r: r[0].date,
            "grade": lambda r: r[0].reliability,
            "chars": lambda r: r[0].chars,
            "claims": lambda r: r[1],
            "retired": lambda r: r[0].retired,
        },
        as_json=lambda r: source_json(*r),
    )


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
        emit_json(
            {
                **source_json(source),
                **capture_json(session, source),
                "text": source.text,
                "spans": [{"id": sp.id, "start": sp.start, "end": sp.end, "quote": sp.quote} for sp in spans],
            }
        )
        return
    meta = source_json(source)
    for key in ("id", "title", "outlet", "author", "url", "published", "captured", "reliability", "sha256", "retired"):
        if meta[key] is not None:
            print_(text((f"{key:>11}: ", "bold"), safe_line(meta[key])))
    capture = capture_json(session, source)
    if capture.get("original"):
        o = capture["original"]
        how = f"fetched from {o['requested_url']} at {o['fetched_at']}, " if o["fetched_at"] else ""
        print_(
            text(
                (f"{'original':>11}: ", "bold"),
                safe_line(
                    f"{o['media_type']}, {o['size']:,} bytes, {how}read by {o['extractor']}"
                    + (f", {len(capture['pages'])} page(s)" if capture["pages"] else "")
                ),
            )
        )
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
    print_(text(*parts, lines=True))


@sources.command("copies")
@click.argument("source_id")
@output_options
@with_session(readonly=True)
def copies(session, source_id, output):
    """Other sources that share text with this one, and how much."""
    from ..ingest.copies import copies_of
    from ..ingest.sources import find_source

    source = find_source(session, source_id)

    def sentences(rows):
        if not rows:
            click.echo(f"source {source.id} shares no passage with another source")
        for c in rows:
            click.echo(c.sentence())

    output_rows(
        output,
        copies_of(session, source.id),
        {
            "source": lambda c: c.other_id,
            "shared chars": lambda c: c.shared_chars,
            "passages": lambda c: c.passages,
            "paragraphs": lambda c: c.paragraphs,
            "ratio": lambda c: round(c.ratio, 4),
        },
        as_json=lambda c: c.to_json(),
        view=sentences,
    )


@sources.command("segments")
@click.argument("source_id")
@output_options
@with_session(readonly=True)
def segments(session, source_id, output):
    """The articles (and navigation) a capture holds."""
    from ..ingest.segments import segment_json
    from ..ingest.sources import find_source

    source = find_source(session, source_id)
    output_rows(
        output,
        [segment_json(s) for s in source.segments],
        {
            "id": lambda s: s["id"],
            "start": lambda s: s["start"],
            "end": lambda s: s["end"],
            "kind": lambda s: s["kind"],
            "how": lambda s: s["method"],
            "title": lambda s: s["title"],
        },
    )


@sources.command("split")
@click.argument("source_id")
@click.option("--at", "at", type=int, help="Start a new segment at this character offset.")
@click.option("--at-quote", help="Start a new segment where this text begins.")
@click.option("--title", help="Title of the new segment.")
@click.option("--navigation", is_flag=True, help="The new segment is site navigation, not an article.")
@click.option("--merge", "merge_id", type=int, metavar="SEGMENT", help="Merge this segment into the one before it.")
@with_ledger
def split(db, source_id, at, at_quote, title, navigation, merge_id):
    """Split a capture into articles by hand, or merge two segments."""
    from ..actions import merge_segment, split_segment

    if merge_id is not None:
        seg = merge_segment(db, source_id, merge_id)
        click.echo(f"segment {seg['id']} now spans {seg['start']}-{seg['end']}")
        return
    seg = split_segment(db, source_id, at, at_quote, title, navigation)
    click.echo(f"segment {seg['id']}: {seg['start']}-{seg['end']} {safe_line(seg['title'] or '')}".rstrip())


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
    t = table("claim", "status", "quote score", "context score", "old", "new", "quote")
    for c in d.claims:
        t.add_row(
            str(c["claim"]),
            c["status"],
            f"{c['score']:.2f}" if c["score"] is not None else "",
            f"{c['context_score']:.2f}" if c["context_score"] is not None else "",
            f"{c['old'][0]}-{c['old'][1]}",
            f"{c['new'][0]}-{c['new'][1]}" if c["new"] else "",
            safe_line(c["quote"]),
        )
    print_table(t)


@sources.command("reextract")
@click.argument("source_id")
@click.option("--store", is_flag=True, help="If the result differs, keep it as a new version of the source.")
@json_option
@with_ledger
def reextract(db, source_id, store, as_json):
    """Extract an HTML or PDF source again from its kept original and compare with the stored
    text. Exit 0 when the same, 1 when different (unless stored with --store).

    Example: provenance sources reextract 12 --store"""
    from ..actions import reextract_source

    r = reextract_source(db, source_id, store=store)
    if as_json:
        emit_json(r.to_json())
    elif r.same:
        click.echo(f"source {r.source_id}: same text and pages ({safe_line(r.extractor_now)})")
    else:
        where = f"from character {r.first_difference}" if r.first_difference is not None else "in its page breaks"
        click.echo(
            f"source {r.source_id}: different {where}: {r.chars_then:,} characters by {safe_line(r.extractor_then)}, "
            f"{r.chars_now:,} by {safe_line(r.extractor_now)}"
        )
        if r.new_source is not None:
            moved = sum(1 for x in r.reanchored if x["status"] != "orphaned")
            click.echo(
                f"stored as source {r.new_source['id']}, a new version of source {r.source_id} "
                f"({moved} of {len(r.reanchored)} spans carried over)"
            )
    if not r.same and r.new_source is None:
        raise SystemExit(1)


@sources.command("grade")
@click.argument("source_id")
@click.argument("grade", type=click.Choice(list("ABCDEF"), case_sensitive=False))
@with_ledger
def grade(db, source_id, grade):
    """Set a source's reliability, A (completely reliable) to F (cannot be judged)."""
    from ..actions import grade_source

    g = grade_source(db, source_id, grade)
    click.echo(f"source {g['id']}: {g['reliability']} ({g['meaning']})")


@sources.command("edit")
@click.argument("source_id")
@click.option("--title", help="The title ('' clears it).")
@click.option("--outlet", help="The publication ('' clears it).")
@click.option("--author", help="The author ('' clears it).")
@click.option("--url", help="Where it was published ('' clears it).")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date ('' clears it).")
@click.option("--captured", metavar="YYYY-MM-DD", help="When this copy was captured ('' clears it).")
@click.option(
    "--grade",
    type=click.Choice(list("ABCDEF"), case_sensitive=False),
    help="Reliability, A (completely reliable) to F (cannot be judged).",
)
@with_ledger
def edit(db, source_id, title, outlet, author, url, published, captured, grade):
    """Correct a source's details; claims dated by the source follow a new date.

    Each change is an event (`provenance log --object source:ID`) that `provenance undo` reverts.

    Example: provenance sources edit 3 --outlet "Dawn" --published 2025-05-08"""
    from ..actions import edit_source
    from .claims import print_new_conflicts

    done = edit_source(
        db,
        source_id,
        title=title,
        outlet=outlet,
        author=author,
        url=url,
        published=published,
        captured=captured,
        reliability=grade,
    )
    moved = f"; {len(done.claims)} claim(s) re-dated" if done.claims else ""
    click.echo(f"source {done.object['id']} updated{moved}")
    print_new_conflicts(done.conflicts)


@sources.command("retire")
@click.argument("source_id")
@click.option("--reason", required=True, help="Why it no longer counts (kept with each of its claims).")
@with_ledger
def retire(db, source_id, reason):
    """Take a source out of the reckoning: its claims are rejected with the reason, and kept.

    The source and its text stay in the ledger; `provenance undo` brings the claims back.

    Example: provenance sources retire 4 --reason "satire site, not news"
    """
    from ..actions import retire_source

    done = retire_source(db, source_id, reason)
    click.echo(f"source {done.object['id']} retired: {len(done.claims)} claim(s) rejected")


@sources.command("reindex")
@with_ledger
def reindex(db):
    """Fingerprint and segment sources added before those existed (after `db upgrade`)."""
    from ..actions import reindex as run

    count, copies = run(db)
    for sentence in copies:
        click.echo(sentence)
    click.echo(f"indexed {count} source(s)")


COMMANDS = [sources]
