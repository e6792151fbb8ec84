"""provenance claims add | list | show | edit | reject"""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..render import emit_json, json_option, output_options, output_rows, print_, quote_in_context, safe_line, text
from .app import pass_state, with_ledger, with_session


@click.group()
def claims() -> None:
    """Atomic claims, each pinned to the characters of its source."""


@claims.command("add")
@click.argument("source")
@click.option("--quote", required=True, help="The exact words of the source that make the claim.")
@click.option("--subject", required=True, help="Who or what it is about (any alias).")
@click.option("--property", "property_", required=True, help="The question it answers.")
@click.option("--value", required=True, help="The answer, as written: '4,000-6,000', 'most', 'Afghanistan'.")
@click.option("--speaker", help="Who says it, when not the outlet itself (a quoted person or body).")
@click.option("--denies", is_flag=True, help="The speaker denies the value rather than asserting it.")
@click.option(
    "--as-of",
    help="When the claim speaks of: '2024-01-03', '2024-01-03T18:40+03:30', "
    "'late May 2023', 'mid-2023' (default: the source's date and time).",
)
@click.option("--hedge", help="How hedged: reportedly, estimated, alleged...")
@click.option(
    "--revises",
    type=int,
    metavar="CLAIM",
    help="The earlier claim this one revises ('revised down to 84'): that one is superseded, not contradicted.",
)
@click.option("--exclusive", is_flag=True, help="The answer excludes every other ('only X', 'X alone').")
@click.option("--scope", help="What exactly is counted or covered.")
@click.option("--cites", help="The upstream the claim relies on ('UN report').")
@click.option("--prefix", help="Text just before the quote, to tell repeats apart.")
@click.option("--suffix", help="Text just after the quote.")
@click.option("--occurrence", type=click.IntRange(min=1), help="Take the Nth occurrence of the quote.")
@click.option("--new-entities", is_flag=True, help="Create subject/speaker entities that do not exist yet.")
@json_option
@with_ledger
def add(
    db,
    source,
    quote,
    subject,
    property_,
    value,
    speaker,
    denies,
    as_of,
    hedge,
    revises,
    exclusive,
    scope,
    cites,
    prefix,
    suffix,
    occurrence,
    new_entities,
    as_json,
):
    """Record a claim from SOURCE (an id or SHA-256 prefix), anchored by its quote."""
    from ..actions import add_claim
    from ..claims.recording import ClaimInput

    done = add_claim(
        db,
        ClaimInput(
            source=source,
            quote=quote,
            subject=subject,
            property=property_,
            value=value,
            speaker=speaker,
            denies=denies,
            as_of=as_of,
            hedge=hedge,
            scope=scope,
            cites=cites,
            prefix=prefix,
            suffix=suffix,
            occurrence=occurrence,
            create_entities=new_entities,
            revises=revises,
            exclusive=exclusive,
        ),
    )
    if as_json:
        emit_json(done.to_json())
        return
    claim = done.claim
    method, score = done.anchor
    how = "" if method == "exact" else f" ({method} match, score {score:.2f})"
    click.echo(f"claim {claim['id']}: source {claim['source_id']} [{claim['start']}:{claim['end']}]{how}")
    print_new_conflicts(done.conflicts, done.retired)


def print_new_conflicts(found: list[dict], retired: Sequence[int] = ()) -> None:
    for c in found:
        click.echo(f"new conflict {c['id']} ({c['kind']}): {safe_line(c['explanation'])}")
    if retired:
        click.echo(f"superseded conflict(s) {', '.join(map(str, retired))}: the claims no longer disagree")


@claims.command("list")
@click.option("--subject", help="Only claims about this entity (any alias).")
@click.option("--property", "property_", help="Only claims answering this question (property).")
@click.option("--source", help="Only claims from this source (id or SHA-256 prefix).")
@click.option("--speaker", help="Only claims by this speaker (any alias).")
@click.option("--status", type=click.Choice(["accepted", "rejected"]), help="Only claims in this status.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many.")
@output_options
@pass_state
def list_(state, subject, property_, source, speaker, status, limit, offset, output):
    """Claims, filtered."""
    if not (subject or property_ or source or speaker) and output not in ("json", "nl"):
        # The quick path: one LIMIT-ed query through sqlite3, without SQLAlchemy's start-up.
        from ..ledger.quick import quick_reader

        with quick_reader(state.db_value) as conn:
            if conn is not None:
                from ..claims.pages import claim_rows

                output_rows(output, claim_rows(conn, status, limit, offset), CLAIM_COLUMNS)
                return
    from ..claims.pages import claim_json
    from ..claims.store import ClaimFilter, claim_cells, list_claims

    with state.db(create=False).session(readonly=True) as session:
        rows = list_claims(session, ClaimFilter(subject, property_, source, speaker, status, limit, offset))
        output_rows(
            output,
            rows,
            {name: lambda c, cell=cell: cell(claim_cells(c)) for name, cell in CLAIM_COLUMNS.items()},
            as_json=claim_json,
        )


CLAIM_COLUMNS = {
    "id": lambda c: c.id,
    "src": lambda c: c.src,
    "subject": lambda c: c.subject,
    "property": lambda c: c.property,
    "value": lambda c: c.value,
    "speaker": lambda c: c.speaker,
    "as of": lambda c: c.as_of,
    "status": lambda c: c.status,
}


@claims.command("show")
@click.argument("claim_id", type=int)
@json_option
@with_session(readonly=True)
def show(session, claim_id, as_json):
    """One claim: what it says, and its quote in context."""
    from ..claims.pages import as_of_label, claim_json, speaker_name
    from ..claims.store import get_claim

    claim = get_claim(session, claim_id)
    if as_json:
        emit_json(claim_json(claim))
        return
    rows = [
        ("claim", str(claim.id)),
        ("source", f"{claim.source_id}: {claim.source.title or ''}"),
        ("subject", claim.subject.name),
        ("property", claim.property.name),
        ("value", ("denies " if claim.polarity == "denies" else "") + claim.value_text),
        ("speaker", speaker_name(claim)),
        ("as of", as_of_label(claim)),
        ("hedge", claim.hedge),
        ("scope", claim.scope),
        ("cites", claim.cites),
        ("status", claim.status + (f" ({claim.reason})" if claim.reason else "")),
    ]
    for key, value in rows:
        if value:
            print_(text((f"{key:>9}: ", "bold"), safe_line(value)))
    for span in claim.spans:
        print_(text((f"{'quote':>9}: ", "bold"), f"[{span.start}:{span.end}] {span.method} {span.score:.2f}"))
        print_(quote_in_context(claim.source.text, span.start, span.end))


@claims.command("edit")
@click.argument("claim_id", type=int)
@click.option("--property", "property_", help="The question it answers (the value is read again as its type).")
@click.option("--subject", help="Who or what it is about (any alias).")
@click.option("--value", help="The answer, as written.")
@click.option("--speaker", help="A quoted speaker; '' for the outlet itself.")
@click.option("--denies/--asserts", default=None, help="The speaker denies / asserts the value.")
@click.option("--as-of", help="When the claim speaks of; '' for the source's date.")
@click.option("--hedge", help="How hedged ('' for none).")
@click.option("--scope", help="What exactly is counted or covered ('' for none).")
@click.option("--cites", help="The upstream it relies on ('' for none).")
@click.option("--revises", type=int, metavar="CLAIM", help="The earlier claim this one revises (0: none).")
@click.option("--exclusive/--not-exclusive", default=None, help="Whether the answer excludes every other.")
@click.option("--status", type=click.Choice(["accepted"]), help="accepted: restore a rejected claim.")
@with_ledger
def edit(
    db, claim_id, property_, subject, value, speaker, denies, as_of, hedge, scope, cites, revises, exclusive, status
):
    """Change what a claim says (its quote stays; a new quote is a new claim), then detect again:
    conflicts that no longer hold are superseded, new ones flagged.

    Example: provenance claims edit 12 --property "death toll" --as-of 2025-05-07"""
    from ..actions import edit_claim
    from ..claims.recording import ClaimChange

    change = ClaimChange(
        property=property_,
        subject=subject,
        value=value,
        speaker=speaker,
        denies=denies,
        as_of=as_of,
        hedge=hedge,
        scope=scope,
        cites=cites,
        revises=revises,
        exclusive=exclusive,
    )
    done = edit_claim(db, claim_id, change, status)
    click.echo(f"claim {done.claim['id']} updated")
    print_new_conflicts(done.conflicts, done.retired)


@claims.command("reject")
@click.argument("claim_id", type=int)
@click.option("--reason", required=True, help="Why: kept with the claim.")
@with_ledger
def reject(db, claim_id, reason):
    """Reject a claim. It is kept, with the reason, and leaves the conflict checks."""
    from ..actions import reject_claim

    claim = reject_claim(db, claim_id, reason)
    click.echo(f"claim {claim['id']} rejected")
    print_new_conflicts([], claim["superseded_conflicts"])


COMMANDS = [claims]
