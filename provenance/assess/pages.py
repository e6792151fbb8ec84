"""`contested`'s first page through a plain DB-API connection (ledger/quick.py), no SQLAlchemy.

The same LIMIT-ed queries as contested.py, written out for sqlite3, load plain objects with the
attributes of the ORM's claims, sources, entities and conflicts; answers.py then builds the
questions, grades and "why" texts from them with the functions the ORM path uses. Stored
explanations stand for the current ones (detect re-renders them through the ORM): the views this
path serves (terminal, CSV, TSV) show none; JSON takes the ORM path.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..ledger.offsets import page_at
from ..ledger.quick import import_pure

CHUNK = 500  # ids per IN list, as contested.py reads them


@dataclass(eq=False)
class Entity:
    id: int
    name: str
    side_id: int | None
    side: Entity | None = None


@dataclass(eq=False)
class Property:
    id: int
    name: str
    running_count: bool


@dataclass(eq=False)
class Segment:
    start: int
    end: int
    title: str | None


@dataclass(eq=False)
class Page:
    number: int
    start: int
    end: int


@dataclass(eq=False)
class Span:
    start: int
    end: int
    quote: str


@dataclass(eq=False)
class Source:
    id: int
    title: str | None
    outlet: str | None
    author: str | None
    reliability: str
    segments: list[Segment] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        return page_at(self.pages, offset)


@dataclass(eq=False)
class Claim:
    id: int
    source_id: int
    subject_id: int
    property_id: int
    value_text: str
    value_json: str
    polarity: str
    speaker_id: int | None
    as_of_text: str | None
    as_of_start: dt.date | None
    as_of_end: dt.date | None
    as_of_at: dt.datetime | None
    hedge: str | None
    scope: str | None
    revises_id: int | None
    cites: str | None
    exclusive: bool = False
    status: str = "accepted"
    reason: str | None = None
    source: Source = None  # type: ignore[assignment]  # set when loaded
    subject: Entity = None  # type: ignore[assignment]
    property: Property = None  # type: ignore[assignment]
    speaker: Entity | None = None
    spans: list[Span] = field(default_factory=list)


@dataclass(eq=False)
class OtherClaim:
    """A claim of a conflict that lies outside the page: only its id is read."""

    id: int


@dataclass(eq=False)
class Conflict:
    id: int
    kind: str
    status: str
    severity: str
    explanation: str
    note: str | None
    decided_by: str | None
    decided_at: dt.datetime | None
    rule_id: int | None
    detector: str | None = None
    detector_version: str | None = None
    created_at: dt.datetime | None = None
    claims: list[Claim | OtherClaim] = field(default_factory=list)
    claim_count: int | None = None  # every claim's, when only a sample is loaded


_PAGE = """
SELECT claims.subject_id, claims.property_id FROM claims
WHERE claims.status = 'accepted'
GROUP BY claims.subject_id, claims.property_id
HAVING count(DISTINCT claims.polarity || '|' || claims.value_json || '|' || coalesce(lower(claims.scope), '')) > 1
ORDER BY claims.subject_id, claims.property_id
LIMIT ? OFFSET ?
"""
_CLAIM_COLUMNS = (
    "id, source_id, subject_id, property_id, value_text, value_json, polarity, speaker_id, as_of_text, "
    "as_of_start, as_of_end, as_of_at, hedge, scope, revises_id, cites, exclusive, status, reason"
)


def contested_page(conn, limit: int | None, offset: int) -> list[dict]:
    """contested.contested(session, ContestedFilter(limit=limit, offset=offset)), through `conn`."""
    for name in ("provenance.detect.scopes", "provenance.detect.folding"):  # answers.py's, without detect/
        import_pure(name)
    from .answers import LIVE_EXCLUDED, questions

    page = conn.execute(_PAGE, (-1 if limit is None else limit, offset)).fetchall()
    if not page:
        return []
    where = " OR ".join("(claims.subject_id = ? AND claims.property_id = ?)" for _ in page)
    rows = conn.execute(
        f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE claims.status = 'accepted' AND ({where}) ORDER BY claims.id",
        [v for pair in page for v in pair],
    ).fetchall()
    claims = [_claim(r) for r in rows]
    _attach(conn, claims)
    groups: dict[tuple[int, int], list[Claim]] = {(s, p): [] for s, p in page}
    for c in claims:
        groups[(c.subject_id, c.property_id)].append(c)
    by_id = {c.id: c for c in claims}
    ids = list(by_id)
    conflicts = _conflicts_by_claim(conn, ids, by_id, max(len(cs) for cs in groups.values()))
    across = _across(conn, ids, LIVE_EXCLUDED)
    # Plain objects with the attributes answers.py reads of the ORM ones.
    return questions(list(groups.values()), conflicts, across, lambda sources: _passages(conn, sources))  # type: ignore[arg-type]


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _datetime(value) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _claim(r: Sequence) -> Claim:
    cid, src, subject, prop, text, value, polarity, speaker, as_of, start, end, at, hedge, scope, revises, cites = r[
        :16
    ]
    return Claim(
        cid,
        src,
        subject,
        prop,
        text,
        value,
        polarity,
        speaker,
        as_of,
        _date(start),
        _date(end),
        _datetime(at),
        hedge,
        scope,
        revises,
        cites,
        bool(r[16]),
        r[17],
        r[18],
    )


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _attach(conn, claims: list[Claim]) -> None:
    """Each claim's source (with segments and pages), subject, property, speaker and spans."""
    sources = {
        r[0]: Source(*r)
        for r in _rows(
            conn,
            "SELECT id, title, outlet, author, reliability FROM sources WHERE id IN ({})",
            sorted({c.source_id for c in claims}),
        )
    }
    for sid, start, end, title in _rows(
        conn,
        "SELECT source_id, start, \"end\", title FROM segments WHERE source_id IN ({}) ORDER BY start",
        list(sources),
    ):
        sources[sid].segments.append(Segment(start, end, title))
    for sid, number, start, end in _rows(
        conn,
        "SELECT source_id, number, start, \"end\" FROM source_pages WHERE source_id IN ({}) ORDER BY number",
        list(sources),
    ):
        sources[sid].pages.append(Page(number, start, end))
    entities = _entities(conn, {c.subject_id for c in claims} | {c.speaker_id for c in claims if c.speaker_id})
    properties = {
        r[0]: Property(r[0], r[1], bool(r[2]))
        for r in _rows(
            conn,
            "SELECT id, name, running_count FROM properties WHERE id IN ({})",
            sorted({c.property_id for c in claims}),
        )
    }
    by_id = {c.id: c for c in claims}
    for cid, start, end, quote in _rows(
        conn,
        "SELECT claim_spans.claim_id, spans.start, spans.\"end\", spans.quote FROM claim_spans "
        "JOIN spans ON spans.id = claim_spans.span_id WHERE claim_spans.claim_id IN ({}) ORDER BY spans.start",
        list(by_id),
    ):
        by_id[cid].spans.append(Span(start, end, quote))
    for c in claims:
        c.source, c.subject, c.property = sources[c.source_id], entities[c.subject_id], properties[c.property_id]
        c.speaker = entities[c.speaker_id] if c.speaker_id else None


def _rows(conn, sql: str, ids: Sequence[int]) -> Iterator[Sequence]:
    for chunk in _chunks(ids):
        yield from conn.execute(sql.format(_marks(len(chunk))), chunk)


def _entities(conn, ids: set[int]) -> dict[int, Entity]:
    """These entities and every side they speak for, up the chain (independence.side_of)."""
    out: dict[int, Entity] = {}
    wanted = set(ids)
    while wanted:
        for r in _rows(conn, "SELECT id, name, side_id FROM entities WHERE id IN ({})", sorted(wanted)):
            out[r[0]] = Entity(*r)
        wanted = {e.side_id for e in out.values() if e.side_id is not None} - set(out)
    for e in out.values():
        e.side = out.get(e.side_id) if e.side_id is not None else None
    return out


def _conflicts_by_claim(conn, ids: list[int], claims: dict[int, Claim], largest: int) -> dict[int, list[Conflict]]:
    """contested._conflicts_by_claim: conflicts no larger than the largest question, by claim."""
    by_claim: dict[int, list[Conflict]] = defaultdict(list)
    for chunk in _chunks(ids):
        found = {
            r[0]: Conflict(*r)
            for r in conn.execute(
                "SELECT id, kind, status, severity, explanation, note, decided_by, decided_at, rule_id FROM conflicts "
                "WHERE id IN (SELECT conflict_id FROM conflict_claims WHERE conflict_id IN "
                f"(SELECT conflict_id FROM conflict_claims WHERE claim_id IN ({_marks(len(chunk))})) "
                "GROUP BY conflict_id HAVING count(*) <= ?)",
                (*chunk, largest),
            )
        }
        for conflict_id, claim_id in _rows(
            conn,
            "SELECT conflict_id, claim_id FROM conflict_claims WHERE conflict_id IN ({}) ORDER BY claim_id",
            list(found),
        ):
            found[conflict_id].claims.append(claims.get(claim_id) or OtherClaim(claim_id))
        for conflict in found.values():
            conflict.decided_at = _datetime(conflict.decided_at)
            for c in conflict.claims:
                if conflict not in by_claim[c.id]:
                    by_claim[c.id].append(conflict)
    return by_claim


def _across(conn, ids: list[int], excluded: tuple[str, ...]) -> dict[int, tuple[int, str, set[int]]]:
    """contested._across: live conflicts touching these claims, their size, kind and members here."""
    members: dict[int, set[int]] = defaultdict(set)
    kinds: dict[int, str] = {}
    sql = (
        "SELECT conflict_claims.conflict_id, conflict_claims.claim_id, conflicts.kind FROM conflict_claims "
        "JOIN conflicts ON conflicts.id = conflict_claims.conflict_id WHERE conflict_claims.claim_id IN ({}) "
        f"AND (conflicts.status NOT IN ('dismissed', 'superseded')) AND (conflicts.kind NOT IN ({_marks(len(excluded))}))"
    )
    rows = (r for chunk in _chunks(ids) for r in conn.execute(sql.format(_marks(len(chunk))), (*chunk, *excluded)))
    for conflict_id, claim_id, kind in rows:
        members[conflict_id].add(claim_id)
        kinds[conflict_id] = kind
    sizes: dict[int, int] = {
        k: n
        for k, n in _rows(
            conn,
            "SELECT conflict_id, count(*) FROM conflict_claims WHERE conflict_id IN ({}) GROUP BY conflict_id",
            sorted(members),
        )
    }
    return {k: (sizes[k], kinds[k], v) for k, v in members.items()}


def _passages(conn, source_ids: set[int]) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """ingest.copies.passages_between, through `conn`."""
    out: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    ids = sorted(source_ids)
    if len(ids) < 2:
        return out
    marks = _marks(len(ids))
    for s, o, start, end in conn.execute(
        f"SELECT source_id, other_id, start, \"end\" FROM shared_passages WHERE source_id IN ({marks}) "
        f"AND other_id IN ({marks})",
        (*ids, *ids),
    ):
        out[(s, o)].append((start, end))
    return out


def conflicts_of_kinds(conn, kinds: tuple[str, ...], limit: int, sample: int) -> list[Conflict]:
    """detect.store.list_conflicts(ConflictFilter(kinds=kinds, limit=limit)), through `conn`: the
    first `limit` conflicts of these kinds, each with its first `sample` claims loaded and its
    claim count (store._load_sample)."""
    found = [
        _conflict(r)
        for r in conn.execute(
            "SELECT id, kind, status, severity, explanation, note, decided_by, decided_at, rule_id, detector, "
            f"detector_version, created_at FROM conflicts WHERE kind IN ({_marks(len(kinds))}) ORDER BY id LIMIT ?",
            (*kinds, limit),
        )
    ]
    by_id = {c.id: c for c in found}
    picked = list(
        _rows(
            conn,
            "SELECT conflict_id, claim_id FROM (SELECT conflict_id, claim_id, row_number() OVER "
            "(PARTITION BY conflict_id ORDER BY claim_id) AS n FROM conflict_claims WHERE conflict_id IN ({})) "
            f"WHERE n <= {int(sample)} ORDER BY claim_id",
            list(by_id),
        )
    )
    for conflict_id, count in _rows(
        conn,
        "SELECT conflict_id, count(*) FROM conflict_claims WHERE conflict_id IN ({}) GROUP BY conflict_id",
        list(by_id),
    ):
        by_id[conflict_id].claim_count = count
    claim_ids = sorted({claim_id for _, claim_id in picked})
    claims = {
        c.id: c
        for c in (_claim(r) for r in _rows(conn, f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE id IN ({{}})", claim_ids))
    }
    _attach(conn, list(claims.values()))
    for conflict_id, claim_id in picked:
        by_id[conflict_id].claims.append(claims[claim_id])
    return found


def verdicts(conn, conflict_id: int) -> list[dict]:
    """detect.store.verdicts_of, through `conn`."""
    return [
        {"claim": claim, "rating": rating, "by": by, "at": _datetime(at).isoformat(timespec="seconds")}  # type: ignore[union-attr]
        for claim, rating, by, at in conn.execute(
            "SELECT claim_id, rating, decided_by, decided_at FROM verdicts WHERE conflict_id = ? ORDER BY claim_id",
            (conflict_id,),
        )
    ]


def _conflict(r: Sequence) -> Conflict:
    c = Conflict(*r)
    c.decided_at, c.created_at = _datetime(c.decided_at), _datetime(c.created_at)
    return c
