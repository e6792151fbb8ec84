"""provenance claims add | list | show | edit | reject"""

from __future__ import annotations

import click

from ..render import emit_json, json_option, output_options, output_rows, print_, quote_in_context, safe_line, text
from .app import with_ledger, with_session


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
@click.option("--as-of", help="When the claim speaks of (default: the source's date).")
@click.option("--hedge", help="How hedged: reportedly, estimated, alleged...")
@click.option("--scope", help="What exactly is counted or covered.")
@click.option("--cites", help="The upstream the claim relies on ('UN report').")
@click.option("--prefix", help="Text just before the quote, to tell repeats apart.")
@click.option("--suffix", help="Text just after the quote.")
@click.option("--occurrence", type=click.IntRange(min=1), help="Take the Nth occurrence of the quote.")
@click.option("--new-entities", is_flag=True, help="Create subject/speaker entities that do not exist yet.")
@json_option
@with_ledger
def add(db, source, quote, subject, property_, value, speaker, denies, as_of, hedge, scope,
        cites, prefix, suffix, occurrence, new_entities, as_json):
    """Record a claim from SOURCE (an id or SHA-256 prefix), anchored by its quote."""
    from ..actions import add_claim
    from ..claims.recording import ClaimInput

    done = add_claim(db, ClaimInput(
        source=source, quote=quote, subject=subject, property=property_, value=value,
        speaker=speaker, denies=denies, as_of=as_of, hedge=hedge, scope=scope, cites=cites,
        prefix=prefix, suffix=suffix, occurrence=occurrence, create_entities=new_entities,
    ))
    if as_json:
        emit_json(done.to_json())
        return
    claim = done.claim
    method, score = done.anchor
    how = "" if method == "exact" else f" ({method} match, score {score:.2f})"
    click.echo(f"claim {claim['id']}: source {claim['source_id']} [{claim['start']}:{claim['end']}]{how}")
    print_new_conflicts(done.conflicts)


def print_new_conflicts(found: list[dict]) -> None:
    for c in found:
        click.echo(f"new conflict {c['id']} ({c['kind']}): {safe_line(c['explanation'])}")


@claims.command("list")
@click.option("--subject")
@click.option("--property", "property_")
@click.option("--source")
@click.option("--speaker")
@click.option("--status", type=click.Choice(["accepted", "rejected"]))
@click.option("--limit", type=click.IntRange(min=0), help="At most this many.")
@click.option("--offset", type=click.IntRange(min=0), default=0)
@output_options
@with_session(readonly=True)
def list_(session, subject, property_, source, speaker, status, limit, offset, output):
    """Claims, filtered."""
    from ..claims.store import ClaimFilter, as_of_label, claim_json, list_claims, speaker_name
    from ..values import from_json

    rows = list_claims(session, ClaimFilter(subject, property_, source, speaker, status, limit, offset))
    output_rows(output, rows, {
        "id": lambda c: c.id, "src": lambda c: c.source_id, "subject": lambda c: c.subject.name,
        "property": lambda c: c.property.name,
        "value": lambda c: ("not " if c.polarity == "denies" else "") + from_json(c.value_json).describe(),
        "speaker": speaker_name, "as of": as_of_label, "status": lambda c: c.status,
    }, as_json=claim_json)


@claims.command("show")
@click.argument("claim_id", type=int)
@json_option
@with_session(readonly=True)
def show(session, claim_id, as_json):
    """One claim: what it says, and its quote in context."""
    from ..claims.store import as_of_label, claim_json, get_claim, speaker_name

    claim = get_claim(session, claim_id)
    if as_json:
        emit_json(claim_json(claim))
        return
    rows = [
        ("claim", str(claim.id)), ("source", f"{claim.source_id}: {claim.source.title or ''}"),
        ("subject", claim.subject.name), ("property", claim.property.name),
        ("value", ("denies " if claim.polarity == "denies" else "") + claim.value_text),
        ("speaker", speaker_name(claim)), ("as of", as_of_label(claim)),
        ("hedge", claim.hedge), ("scope", claim.scope), ("cites", claim.cites),
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
@click.option("--subject")
@click.option("--value")
@click.option("--speaker", help="A quoted speaker; '' for the outlet itself.")
@click.option("--denies/--asserts", default=None)
@click.option("--as-of")
@click.option("--hedge")
@click.option("--scope")
@click.option("--cites")
@click.option("--status", type=click.Choice(["accepted"]), help="accepted: restore a rejected claim.")
@with_ledger
def edit(db, claim_id, subject, value, speaker, denies, as_of, hedge, scope, cites, status):
    """Change what a claim says (its quote stays; a new quote is a new claim)."""
    from ..actions import edit_claim

    done = edit_claim(db, claim_id, subject=subject, value=value, speaker=speaker, denies=denies,
                      as_of=as_of, hedge=hedge, scope=scope, cites=cites, status=status)
    click.echo(f"claim {done.claim['id']} updated")
    print_new_conflicts(done.conflicts)


@claims.command("reject")
@click.argument("claim_id", type=int)
@click.option("--reason", required=True, help="Why: kept with the claim.")
@with_ledger
def reject(db, claim_id, reason):
    """Reject a claim. It is kept, with the reason, and leaves the conflict checks."""
    from ..actions import reject_claim

    claim = reject_claim(db, claim_id, reason)
    click.echo(f"claim {claim['id']} rejected")


COMMANDS = [claims]
