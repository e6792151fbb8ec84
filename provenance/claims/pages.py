"""`claims list`'s rows as one indexed, LIMIT-ed query through a plain DB-API connection.

The quick path of ledger/quick.py: the same cells as the ORM path (cli/claims.py builds both from
`ClaimCells`), with no SQLAlchemy imported. Filters that name an entity, a property or a source
need the alias and prefix resolution of the ORM path and are not handled here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ..values import Period, from_json

_CLAIMS = """
SELECT c.id, c.source_id, subject.name, prop.name, c.polarity, c.value_json, speaker.name,
       src.outlet, src.author, c.as_of_text, c.as_of_start, c.as_of_end, c.status
FROM claims AS c
JOIN entities AS subject ON subject.id = c.subject_id
JOIN properties AS prop ON prop.id = c.property_id
JOIN sources AS src ON src.id = c.source_id
LEFT JOIN entities AS speaker ON speaker.id = c.speaker_id
{where}
ORDER BY c.id
LIMIT ? OFFSET ?
"""


@dataclass(frozen=True)
class ClaimCells:
    """One row of `claims list`, as shown."""

    id: int
    src: int
    subject: str
    property: str
    value: str
    speaker: str
    as_of: str
    status: str


def value_cell(polarity: str, value_json: str) -> str:
    return ("not " if polarity == "denies" else "") + from_json(value_json).describe()


def speaker_cell(speaker: str | None, outlet: str | None, author: str | None) -> str:
    """Who says it: the quoted speaker, or the outlet (or source's author) itself."""
    return speaker if speaker is not None else outlet or author or "the article"


def as_of_cell(text: str | None, start: dt.date | None, end: dt.date | None) -> str:
    described = Period(start, end or start).describe() if start is not None else None
    return text or described or "undated"


def speaker_name(claim) -> str:
    """Who says a loaded claim (an ORM Claim or a quick path's plain one): its speaker or its source."""
    if claim.speaker is not None:
        return claim.speaker.name
    return speaker_cell(None, claim.source.outlet, claim.source.author)


def as_of_json(claim) -> str | None:
    if claim.as_of_start is None:
        return None
    return Period(claim.as_of_start, claim.as_of_end or claim.as_of_start).describe()


def as_of_label(claim) -> str:
    return as_of_cell(claim.as_of_text, claim.as_of_start, claim.as_of_end)


def article_title(claim) -> str | None:
    """The title of the article (segment) the claim's quote sits in, else the source's title."""
    from ..ledger.offsets import segment_at

    if claim.spans:
        seg = segment_at(claim.source.segments, claim.spans[0].start)
        if seg is not None and seg.title:
            return seg.title
    return claim.source.title


def claim_json(claim) -> dict:
    """A loaded claim (an ORM Claim or a quick path's plain one) as JSON shows it."""
    span = claim.spans[0] if claim.spans else None
    return {
        "id": claim.id,
        "source_id": claim.source_id,
        "article": article_title(claim),
        "subject": claim.subject.name,
        "property": claim.property.name,
        "value": json.loads(claim.value_json),
        "value_text": claim.value_text,
        "polarity": claim.polarity,
        "speaker": claim.speaker.name if claim.speaker else None,
        "as_of": as_of_json(claim),
        "hedge": claim.hedge,
        "scope": claim.scope,
        "cites": claim.cites,
        "revises": claim.revises_id,
        "exclusive": claim.exclusive,
        "status": claim.status,
        "reason": claim.reason,
        "quote": span.quote if span else None,
        "start": span.start if span else None,
        "end": span.end if span else None,
        "page": claim.source.page_at(span.start) if span else None,
    }


def claim_brief(claim) -> dict:
    """A claim as a conflict shows it: claim_json's essentials, who says it and where."""
    full = claim_json(claim)
    brief = {
        k: full[k]
        for k in ("id", "source_id", "article", "polarity", "value_text", "hedge", "scope", "quote", "start", "end")
    }
    return {**brief, "source_title": claim.source.title, "speaker": speaker_name(claim), "as_of": as_of_label(claim)}


# A grouped disagreement may rest on thousands of claims: a list shows the first few and the count.
SAMPLE = 12


def conflict_dict(c, explanation: str, verdicts: list[dict]) -> dict:
    """A loaded conflict (ORM or plain) as JSON shows it; its explanation and verdicts as the caller
    read them."""
    return {
        "id": c.id,
        "kind": c.kind,
        "status": c.status,
        "severity": c.severity,
        "explanation": explanation,
        "detector": f"{c.detector}@{c.detector_version}",
        "note": c.note,
        "decided_by": c.decided_by,
        "decided_at": c.decided_at.isoformat(timespec="seconds") if c.decided_at else None,
        "created_at": c.created_at.isoformat(timespec="seconds"),
        "verdicts": verdicts,
        "claim_count": getattr(c, "claim_count", None) or len(c.claims),
        "claims": [claim_brief(cl) for cl in c.claims],
    }


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def claim_rows(conn, status: str | None, limit: int | None, offset: int) -> list[ClaimCells]:
    """The claims in id order, as `claims list` shows them (the claims table's primary key)."""
    where, params = ("WHERE c.status = ?", [status]) if status else ("", [])
    sql = _CLAIMS.format(where=where)
    rows = conn.execute(sql, (*params, -1 if limit is None else limit, offset)).fetchall()
    return [
        ClaimCells(
            cid,
            src,
            subject,
            prop,
            value_cell(polarity, value_json),
            speaker_cell(speaker, outlet, author),
            as_of_cell(as_of_text, _date(start), _date(end)),
            st,
        )
        for cid, src, subject, prop, polarity, value_json, speaker, outlet, author, as_of_text, start, end, st in rows
    ]
