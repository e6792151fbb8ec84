"""Recording, editing, listing and rejecting claims.

Recording goes through recording.ClaimWriter (one claim or a million); a claim is anchored before
anything is written, so a quote that is not in its source stops the transaction around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from ..errors import InputError, NotFound
from ..ledger.limits import get_row
from ..ledger.models import Claim
from ..values import Label, parse_value, to_json_text
from .pages import ClaimCells, as_of_label, speaker_name, value_cell
from .vocabulary import get_property, resolve_entity

if TYPE_CHECKING:  # recording (anchoring, sources) is imported by the writes that need it
    from .recording import ClaimChange


def get_claim(session: Session, claim_id: int) -> Claim:
    claim = get_row(session, Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}; see `provenance claims list`")
    return claim


def edit_claim(session: Session, claim_id: int, change: ClaimChange, status: str | None = None) -> Claim:
    """Change what a claim says; its span stays (a new quote is a new claim). `status`
    "accepted" restores a rejected claim.

    A new property re-reads the value (the one given, else the one written) as that property's
    type. The event keeps every column before and after, for `provenance log` and `undo`."""
    from ..ledger.history import Change
    from .recording import as_of_moment, as_of_period, clean

    claim = get_claim(session, claim_id)
    changes = change.given() | ({"status": status} if status is not None else {})
    if not changes:
        raise InputError("nothing to change; give at least one option (see --help)")
    ch = Change()
    ch.touch(claim)
    if "subject" in changes:
        claim.subject_id = resolve_entity(session, changes["subject"]).id
    if "property" in changes:
        claim.property = get_property(session, changes["property"])
        changes.setdefault("value", claim.value_text)
    if "value" in changes:
        value = parse_value(changes["value"], claim.property.value_type)
        if claim.property.value_type == "entity":
            value = Label(resolve_entity(session, changes["value"]).name, "entity")
        claim.value_text, claim.value_json = changes["value"].strip(), to_json_text(value)
    if "speaker" in changes:
        speaker = changes["speaker"].strip()
        claim.speaker_id = resolve_entity(session, speaker).id if speaker else None
    if "denies" in changes:
        claim.polarity = "denies" if changes["denies"] else "asserts"
    if "as_of" in changes:
        claim.as_of_text, claim.as_of_start, claim.as_of_end = as_of_period(changes["as_of"], claim.source.date)
        claim.as_of_at = as_of_moment(changes["as_of"], claim.source)
    if "revises" in changes:
        claim.revises_id = _revised(session, claim, changes["revises"])
    if "exclusive" in changes:
        claim.exclusive = bool(changes["exclusive"])
    for field in ("hedge", "scope", "cites"):
        if field in changes:
            setattr(claim, field, clean(changes[field]))
    if "status" in changes:
        if changes["status"] != "accepted":
            raise InputError(
                "status can be set to accepted (to restore a rejected claim); use `claims reject` to reject"
            )
        if claim.source.retired is not None:
            raise InputError(f"claim {claim.id} is from retired source {claim.source_id} ({claim.source.retired})")
        claim.status, claim.reason = changes["status"], None
    session.flush()
    ch.record(session, "claim.edit", f"claim:{claim.id}", **{k: str(v) for k, v in changes.items()})
    return claim


def _revised(session: Session, claim: Claim, revised_id: int) -> int | None:
    """The claim `claim` may revise: another claim of the same question (0: none)."""
    if not revised_id:
        return None
    if revised_id == claim.id:
        raise InputError(f"--revises {revised_id}: a claim cannot revise itself")
    earlier = session.get(Claim, revised_id)
    if earlier is None:
        raise NotFound(f"--revises {revised_id}: no claim with that id; see `provenance claims list`")
    if earlier.property_id != claim.property_id:
        raise InputError(
            f"--revises {revised_id}: that claim answers another question "
            f"({earlier.property.name!r}); a revision gives a new answer to the same one"
        )
    seen = {claim.id}
    up: Claim | None = earlier
    while up is not None and up.revises_id is not None:  # no cycles: a revision chain runs one way
        if up.revises_id in seen or up.id in seen:
            raise InputError(f"--revises {revised_id}: claim {revised_id} already revises claim {claim.id}")
        seen.add(up.id)
        up = session.get(Claim, up.revises_id)
    return revised_id


def reject_claim(session: Session, claim_id: int, reason: str) -> Claim:
    from ..ledger.history import Change

    if not reason or not reason.strip():
        raise InputError("give the reason for rejecting with --reason")
    claim = get_claim(session, claim_id)
    ch = Change()
    ch.touch(claim)
    claim.status, claim.reason = "rejected", reason.strip()
    ch.record(session, "claim.reject", f"claim:{claim.id}", reason=claim.reason)
    return claim


@dataclass
class ClaimFilter:
    subject: str | None = None
    property: str | None = None
    source: str | None = None
    speaker: str | None = None
    status: str | None = None
    limit: int | None = None
    offset: int = 0


def claims_query(session: Session, f: ClaimFilter) -> Select:
    q = select(Claim).order_by(Claim.id)
    if f.subject:
        q = q.where(Claim.subject_id == resolve_entity(session, f.subject).id)
    if f.property:
        q = q.where(Claim.property_id == get_property(session, f.property).id)
    if f.source:
        from ..ingest.sources import find_source  # only when filtering by source

        q = q.where(Claim.source_id == find_source(session, f.source).id)
    if f.speaker:
        q = q.where(Claim.speaker_id == resolve_entity(session, f.speaker).id)
    if f.status:
        q = q.where(Claim.status == f.status)
    if f.limit is not None:
        q = q.limit(f.limit)
    return q.offset(f.offset or None)


def list_claims(session: Session, f: ClaimFilter) -> list[Claim]:
    q = claims_query(session, f).options(
        selectinload(Claim.spans),
        selectinload(Claim.subject),
        selectinload(Claim.speaker),
        selectinload(Claim.property),
    )
    return list(session.scalars(q))


def claim_cells(claim: Claim) -> ClaimCells:
    """The cells `claims list` shows for a loaded claim: the same cells the quick path reads."""
    return ClaimCells(
        claim.id,
        claim.source_id,
        claim.subject.name,
        claim.property.name,
        value_cell(claim.polarity, claim.value_json),
        speaker_name(claim),
        as_of_label(claim),
        claim.status,
    )
