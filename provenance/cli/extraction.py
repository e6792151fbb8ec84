"""provenance extract | review | candidates list | show | edit | accept | reject"""

from __future__ import annotations

import click

from ..render import emit_json, json_option, output_options, output_rows, print_, quote_in_context, safe_line, text
from .app import pass_state, with_ledger, with_session

TYPES = ["quantity", "share", "date", "entity", "boolean", "text"]


def edit_options(f):
    """The fields a reviewer may correct before accepting."""
    for opt in reversed(
        [
            click.option("--subject", help="Who or what the claim is about (a name or alias)."),
            click.option("--property", "property_", help="The question it answers (an existing or a new property)."),
            click.option("--type", "type_", type=click.Choice(TYPES), help="Value type of a new property."),
            click.option("--value", help="The answer, as written."),
            click.option("--speaker", help="Who says it ('' for the outlet itself)."),
            click.option("--denies/--asserts", "denies", default=None, help="The speaker denies / asserts it."),
            click.option("--as-of", help="When the claim speaks of."),
            click.option("--scope", help="What exactly is counted or covered."),
            click.option("--hedge", help="How hedged: reportedly, estimated, alleged... ('' for none)."),
        ]
    ):
        f = opt(f)
    return f


def _edit(subject, property_, value, speaker, denies, as_of, scope, hedge=None):
    from ..claims.recording import ClaimChange

    return ClaimChange(
        subject=subject,
        property=property_,
        value=value,
        speaker=speaker,
        denies=denies,
        as_of=as_of,
        scope=scope,
        hedge=hedge,
    )


def show_extraction(result, as_json: bool) -> None:
    """An actions.ExtractionView: what was proposed."""
    if as_json:
        emit_json(result.to_json())
        return
    skipped = ", ".join(f"{n} {what}" for what, n in sorted(result.skipped.items()))
    click.echo(
        f"source {result.source_id}: {len(result.new)} new candidate(s)"
        + (f", {result.already} proposed before" if result.already else "")
        + (f"; read past {skipped}" if skipped else "")
    )
    if result.new:
        candidate_table(result.new)
        click.echo("review them with `provenance review " + str(result.source_id) + "`")


CANDIDATE_COLUMNS = {
    "id": lambda v: v.json["id"],
    "kind": lambda v: v.json["kind"],
    "score": lambda v: f"{v.json['score']:.2f}",
    "claim": lambda v: v.line,
    "in the ledger": lambda v: v.links,
    "where": lambda v: (
        f"{v.json['source']}:{v.json['start']}" + ("" if v.json["role"] == "body" else f" ({v.json['role']})")
    ),
}


def candidate_table(views) -> None:
    """Candidates (extract.candidates.CandidateView) one row each."""
    output_rows("table", views, CANDIDATE_COLUMNS)


@click.command("extract")
@click.argument("source")
@json_option
@with_ledger
def extract(db, source, as_json):
    """Propose candidate claims from SOURCE (an id or SHA-256 prefix); see `provenance review`.

    Extraction is offline and deterministic: sentences (pysbd), figures, dates and attributions
    read by the patterns and word lists in provenance/extract/lexicon.toml. Running it again adds
    only what was not proposed before."""
    from ..actions import extract_source

    show_extraction(extract_source(db, source), as_json)


@click.command("review")
@click.argument("source", required=False)
@click.option(
    "--accept-above",
    type=click.FloatRange(0, 1),
    metavar="SCORE",
    help="Accept every pending candidate scoring at least SCORE (0-1); runs conflict detection.",
)
@click.option(
    "--reject-below",
    type=click.FloatRange(0, 1),
    metavar="SCORE",
    help="Reject every pending candidate scoring below SCORE.",
)
@click.option("-i", "--interactive", is_flag=True, help="Go through them one by one: accept, edit, reject or skip.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many.")
@output_options
@pass_state
def review(state, source, accept_above, reject_below, interactive, limit, output):
    """Pending candidates with their quote in context and the proposed match, and decide on them.

    Without options, lists them (of SOURCE, or of every source). Scores combine how surely the
    text states a claim, how well it matches a question, and whether its subject is known."""
    if interactive and (accept_above is not None or reject_below is not None or output != "table"):
        raise click.UsageError(
            "--interactive decides one by one; it does not go with --accept-above, "
            "--reject-below, --json, --nl, --csv or --tsv"
        )
    if interactive:
        return _interactive(state, source, limit)
    db = state.db()
    if accept_above is None and reject_below is None:
        with db.session(readonly=True) as session:
            return _list(session, source, limit, output)
    if output in ("nl", "csv", "tsv"):
        raise click.UsageError("--nl, --csv and --tsv list candidates; a decision is shown as text or --json")
    from ..actions import review_bulk

    show_decision(review_bulk(db, source, accept_above, reject_below, limit), output == "json")


def _list(session, source, limit, output):
    from ..extract.candidates import list_candidates, view
    from ..ingest.sources import get_source

    cands = list_candidates(session, source, "pending", limit=limit)
    texts: dict[int, str] = {}
    for c in cands:
        if c.source_id not in texts:
            texts[c.source_id] = get_source(session, c.source_id, with_text=True).text

    def show(views):
        if not views:
            click.echo(
                "no pending candidates"
                + (" for this source" if source else "")
                + "; propose some with `provenance extract SOURCE`"
            )
            return
        for v in views:
            c = v.json
            print_(
                text(
                    (f"#{c['id']}", "bold"),
                    f"  {c['kind']}  score {c['score']:.2f}  ",
                    (v.links, "dim"),
                    f"  source {c['source']}" + ("" if c["role"] == "body" else f" ({c['role']})"),
                )
            )
            print_(text("  ", (v.line, "bold")))
            if c["note"]:
                print_(text("  note: ", c["note"]))
            print_(text("  ", quote_in_context(v.source_text, c["start"], c["end"], 80)))
            click.echo("")
        click.echo(
            f"{len(views)} pending; accept with `provenance review --accept-above SCORE` or "
            "`provenance candidates accept ID`, reject with `provenance candidates reject ID`"
        )

    output_rows(
        output, [view(c, texts[c.source_id]) for c in cands], CANDIDATE_COLUMNS, as_json=lambda v: v.json, view=show
    )


def show_decision(d, as_json) -> None:
    """An actions.Decided: what was accepted, recorded, raised, left pending and rejected."""
    from collections import Counter

    if as_json:
        emit_json(d.to_json())
        return
    if d.decided_accept:
        click.echo(
            f"accepted {len(d.accepted)} candidate(s) as {len(d.claims)} new claim(s)"
            + (f"; {len(d.accepted) - len(d.claims)} already in the ledger" if len(d.accepted) > len(d.claims) else "")
        )
        kinds = Counter(k["kind"] for k in d.conflicts)
        if kinds:
            click.echo("new conflicts: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
        for k in d.conflicts:
            click.echo(f"  conflict {k['id']} ({k['kind']}): {safe_line(k['explanation'])}")
        for cid, reason in d.refused:
            click.echo(f"  left pending #{cid}: {safe_line(reason)}")
    if d.rejected:
        click.echo(f"rejected {len(d.rejected)} candidate(s)")


def _interactive(state, source, limit):
    """One candidate at a time: shown from a read, then each decision its own action."""
    from ..actions import accept_candidates, reject_candidates
    from ..extract.candidates import get_candidate, list_candidates, view
    from ..ingest.sources import get_source

    db = state.db()
    with db.session(readonly=True) as session:
        ids = [c.id for c in list_candidates(session, source, "pending", limit=limit)]
    if not ids:
        click.echo("no pending candidates")
        return
    for n, cid in enumerate(ids, 1):
        with db.session(readonly=True) as session:
            c = get_candidate(session, cid)
            if c.status != "pending":
                continue
            v = view(c, get_source(session, c.source_id, with_text=True).text)
        j = v.json
        print_(text((f"[{n}/{len(ids)}] #{cid}", "bold"), f"  {j['kind']}  score {j['score']:.2f}  ", (v.links, "dim")))
        print_(text("  ", (v.line, "bold")))
        print_(text("  ", quote_in_paragraph(v.source_text, j["start"], j["end"])))
        choice = click.prompt(
            "[a]ccept, [e]dit then accept, [r]eject, [s]kip, [q]uit",
            type=click.Choice(list("aersq")),
            show_choices=False,
            default="s",
        )
        if choice == "q":
            return
        if choice == "s":
            continue
        if choice == "r":
            reject_candidates(db, [cid], click.prompt("reason", default="", show_default=False) or None)
            click.echo(f"rejected #{cid}")
            continue
        from ..errors import ProvenanceError

        change, value_type = _ask_edit(db, j) if choice == "e" else (None, None)
        try:
            show_decision(accept_candidates(db, [cid], change, value_type), False)
        except ProvenanceError as exc:  # nothing was written: say why and go on
            click.echo(f"not accepted #{cid}: {safe_line(exc.message)}", err=True)


def quote_in_paragraph(source: str, start: int, end: int, most: int = 700):
    """The quote highlighted in its sentence, in its paragraph (cut to `most` characters)."""
    para_start = source.rfind("\n", 0, start) + 1
    para_end = source.find("\n", end)
    para_end = len(source) if para_end == -1 else para_end
    para_start, para_end = max(para_start, start - most // 2), min(para_end, end + most // 2)
    cut = [m for m in (source.rfind(". ", para_start, start),) if m != -1]
    sent_start = cut[0] + 2 if cut else para_start
    sent_end = source.find(". ", end, para_end)
    sent_end = para_end if sent_end == -1 else sent_end + 1
    return text(
        "…" if para_start > 0 and source[para_start - 1] != "\n" else "",
        (source[para_start:sent_start], "dim"),
        (source[sent_start:start], "bold"),
        (source[start:end], "bold reverse"),
        (source[end:sent_end], "bold"),
        (source[sent_end:para_end], "dim"),
        "…" if para_end < len(source) and source[para_end] != "\n" else "",
    )


def _ask_edit(db, j: dict):
    """Every field of a candidate, each prompt defaulting to what extraction read.

    A new question's type is chosen among the types that can hold the value, so review never
    creates a property whose type cannot hold its value."""
    from ..claims.recording import ClaimChange
    from ..extract.candidates import fitting_types

    subject = click.prompt("subject", default=j["subject"]["name"] or "")
    prop = click.prompt("question (property)", default=j["property"]["name"])
    value = click.prompt("value", default=j["value"])
    type_ = None
    with db.session(readonly=True) as session:
        from ..claims.vocabulary import find_property

        existing = find_property(session, prop)
        existing_type = existing.value_type if existing else None
    if existing_type is None:
        fits = fitting_types(value)
        default = j["property"]["type"] if j["property"]["type"] in fits else fits[0]
        type_ = click.prompt(f"type of the new question {prop!r}", default=default, type=click.Choice(fits))
    speaker = click.prompt("speaker ('-' for the outlet itself)", default=(j.get("speaker") or {}).get("name") or "-")
    as_of = click.prompt("as of ('-' for the source's date)", default=j.get("as_of") or "-")
    scope = click.prompt("scope ('-' for none)", default=j.get("scope") or "-")
    hedge = click.prompt("hedge ('-' for none)", default=j.get("hedge") or "-")
    polarity = click.prompt(
        "asserts or denies", default=j.get("polarity") or "asserts", type=click.Choice(["asserts", "denies"])
    )
    none = lambda s: "" if s.strip() == "-" else s  # noqa: E731
    change = ClaimChange(
        subject=subject or None,
        property=prop,
        value=value,
        speaker=none(speaker),
        denies=polarity == "denies",
        as_of=none(as_of),
        scope=none(scope),
        hedge=none(hedge),
    )
    return change, type_


@click.group()
def candidates() -> None:
    """Claims proposed by `provenance extract`, before and after review."""


@candidates.command("list")
@click.option("--source", help="Only this source's (id or SHA-256 prefix).")
@click.option(
    "--status",
    type=click.Choice(["pending", "accepted", "rejected", "all"]),
    default="pending",
    show_default=True,
    help="Only candidates in this state of review.",
)
@click.option("--min-score", type=click.FloatRange(0, 1), help="Only candidates scoring at least this (0-1).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many.")
@output_options
@with_session(readonly=True)
def list_(session, source, status, min_score, limit, output):
    """Candidates, filtered."""
    from ..extract.candidates import list_candidates, view

    rows = [view(c) for c in list_candidates(session, source, None if status == "all" else status, min_score, limit)]
    output_rows(output, rows, CANDIDATE_COLUMNS, as_json=lambda v: v.json)


@candidates.command("show")
@click.argument("candidate_id", type=int)
@json_option
@with_session(readonly=True)
def show(session, candidate_id, as_json):
    """One candidate, with its quote in context."""
    from ..extract.candidates import candidate_json, describe, get_candidate, links
    from ..ingest.sources import get_source

    c = get_candidate(session, candidate_id)
    src = get_source(session, c.source_id, with_text=True)
    if as_json:
        emit_json(candidate_json(c, src.text))
        return
    print_(
        text(
            (f"candidate {c.id}", "bold"),
            f"  {c.kind}, {c.status}, score {c.score:.2f} (confidence {c.confidence:.2f}, match {c.match_score:.2f})",
        )
    )
    print_(text("  ", (describe(c), "bold")))
    print_(text("  ", links(c)))
    for label, value in (
        ("verb", c.verb),
        ("cites", c.cites),
        ("note", c.note),
        ("claim", c.claim_id),
        ("reason", c.reason),
    ):
        if value:
            print_(text(f"  {label}: ", str(value)))
    print_(text("  ", quote_in_context(src.text, c.start, c.end)))


@candidates.command("edit")
@click.argument("candidate_id", type=int)
@edit_options
@json_option
@with_ledger
def edit_(db, candidate_id, subject, property_, type_, value, speaker, denies, as_of, scope, hedge, as_json):
    """Correct a pending candidate (it stays pending)."""
    from ..actions import edit_candidate

    change = _edit(subject, property_, value, speaker, denies, as_of, scope, hedge)
    if not change.given() and type_ is None:
        raise click.UsageError("say what to change: --subject, --property, --value, ...")
    v = edit_candidate(db, candidate_id, change, type_)
    if as_json:
        emit_json(v.json)
        return
    click.echo(f"candidate {v.id}: {safe_line(v.line)}")


@candidates.command("accept")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@edit_options
@json_option
@with_ledger
def accept_(db, ids, subject, property_, type_, value, speaker, denies, as_of, scope, hedge, as_json):
    """Record candidates (12, or 12-20) as claims, after any corrections; runs conflict detection.

    All or nothing: if one cannot be accepted, none is."""
    from ..actions import accept_candidates
    from ..extract.candidates import parse_ids

    change = _edit(subject, property_, value, speaker, denies, as_of, scope, hedge)
    show_decision(accept_candidates(db, parse_ids(ids), change, type_), as_json)


@candidates.command("reject")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@click.option("--reason", help="Why (kept with the candidate).")
@json_option
@with_ledger
def reject_(db, ids, reason, as_json):
    """Set candidates aside (12, or 12-20); they are kept, with the reason."""
    from ..actions import reject_candidates
    from ..extract.candidates import parse_ids

    done = reject_candidates(db, parse_ids(ids), reason)
    if as_json:
        emit_json({"rejected": done})
        return
    click.echo(f"rejected {len(done)} candidate(s)")


COMMANDS = [extract, review, candidates]
