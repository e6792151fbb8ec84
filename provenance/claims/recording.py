"""Recording claims in bulk: one `claims add` and a million-claim import take the same path.

Names, properties and sources are resolved once and cached; values are parsed once per distinct
text; every quote is anchored before anything is written; spans, claims and their links are then
inserted with SQLAlchemy Core, many rows per statement, and one audit event names the batch.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..anchoring import context, locate
from ..errors import InputError
from ..ingest.sources import find_source, is_sha256_prefix, sha256_range
from ..ledger import events
from ..ledger.db import bulk_insert
from ..ledger.models import Alias, Claim, ClaimSpan, Property, Source, Span, utcnow
from ..values import Label, Value, parse_date, parse_moment, parse_value, to_json_text
from .vocabulary import alias_key, get_property, resolve_entity


@dataclass(kw_only=True)
class ClaimChange:
    """What a claim says, part by part; None leaves a part as it is. An edit of a claim or of a
    candidate is one of these; a new claim (ClaimInput) is one with its quote and source."""

    property: str | None = None
    subject: str | None = None
    value: str | None = None
    speaker: str | None = None  # '' for the outlet itself
    denies: bool | None = None
    as_of: str | None = None
    hedge: str | None = None
    scope: str | None = None
    cites: str | None = None
    revises: int | None = None  # the id of the earlier claim this one revises (0 in an edit: none)
    exclusive: bool | None = None  # "only X": excludes every other answer

    def given(self) -> dict[str, Any]:
        """The parts given, by name."""
        return {k: v for k, v in vars(self).items() if v is not None}


@dataclass(kw_only=True)
class ClaimInput(ClaimChange):
    """What a user states about one new claim, before it is checked and anchored."""

    source: str
    quote: str
    subject: str
    property: str
    value: str
    denies: bool = False
    exclusive: bool = False
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None
    hint: int | None = None
    create_entities: bool = False


@functools.lru_cache(maxsize=65536)
def _value(text: str, kind: str, reference: dt.date | None = None) -> tuple[Value, str]:
    """A value parsed, and its JSON: both computed once per distinct text (and, for a date
    without its year, per source date)."""
    value = parse_date(text, reference) if kind == "date" else parse_value(text, kind)
    return value, to_json_text(value)


@functools.lru_cache(maxsize=4096)
def _period(text: str, reference: dt.date | None = None):
    return parse_date(text, reference)


def clean(text: str | None) -> str | None:
    """An optional text field: stripped, and None when blank."""
    return text.strip() or None if text else None


class ClaimWriter:
    """Collects claims, then writes them together (`flush`). Use inside one transaction."""

    def __init__(self, session: Session):
        self.session = session
        self._sources: dict[str, Source] = {}
        self._texts: dict[int, str] = {}
        self._props: dict[str, Property] = {}
        self._aliases: dict[str, int] | None = None
        self._by_name: dict[str, int] = {}  # names as written -> entity id
        self._names: dict[int, str] = {}
        self._spans: dict[tuple[int, int, int], int | None] = {}  # known spans; None: new in batch
        self._new_spans: dict[tuple[int, int, int], dict] = {}
        self._existing: dict[int, set[tuple]] = {}  # per source: claims already recorded
        self._rows: list[tuple[dict, tuple[int, int, int]]] = []
        self._seen: set[tuple] = set()
        self._now = utcnow()  # one batch, one moment
        self._facts: dict[tuple[str, int], tuple] = {}
        self._moments: dict[int, dt.datetime | None] = {}  # per source: when it was published

    # -- resolving names, once each ------------------------------------------------------------

    def source(self, ref: str) -> Source:
        if ref not in self._sources:
            found = find_source(self.session, ref, with_text=True)
            if found.retired is not None:
                raise InputError(
                    f"source {found.id} is retired ({found.retired}): its claims do not count; "
                    "`provenance undo` takes a retirement back"
                )
            self._sources[ref] = found
        return self._sources[ref]

    def text(self, source: Source) -> str:
        if source.id not in self._texts:
            self._texts[source.id] = source.text
        if source.id not in self._existing:
            self._load_recorded(source.id)
        return self._texts[source.id]

    def prefetch(self, refs: set[str]) -> None:
        """Resolve many SHA-256 prefixes at once (an import names its sources up front)."""
        from sqlalchemy import or_
        from sqlalchemy.orm import undefer

        hexes = sorted(r for r in refs if r not in self._sources and is_sha256_prefix(r))
        for i in range(0, len(hexes), 200):
            chunk = hexes[i : i + 200]
            found = self.session.scalars(
                select(Source).options(undefer(Source.text)).where(or_(*(sha256_range(r) for r in chunk)))
            ).all()
            for ref in chunk:
                matches = [src for src in found if src.sha256.startswith(ref.lower())]
                if len(matches) == 1:  # none or several: find_source says why, later
                    self._sources[ref] = matches[0]
                    self._texts[matches[0].id] = matches[0].text
            ids = sorted({src.id for src in found} - self._existing.keys())
            self._load_recorded(ids)

    def _load_recorded(self, source_ids: int | list[int]) -> None:
        """In one query: the source's spans (a quote anchored again reuses its span) and the
        claims already recorded on them (an import run twice adds nothing)."""
        ids = [source_ids] if isinstance(source_ids, int) else source_ids
        for sid in ids:
            self._existing[sid] = set()
        rows = self.session.execute(
            select(
                Span.source_id,
                Span.id,
                Span.start,
                Span.end,
                Claim.subject_id,
                Claim.property_id,
                Claim.polarity,
                Claim.speaker_id,
                Claim.value_json,
            )
            .outerjoin(ClaimSpan, ClaimSpan.span_id == Span.id)
            .outerjoin(Claim, (Claim.id == ClaimSpan.claim_id) & (Claim.source_id == Span.source_id))
            .where(Span.source_id.in_(ids))
        )
        for source_id, span_id, start, end, *claim in rows:
            self._spans[(source_id, start, end)] = span_id
            if claim[0] is not None:
                self._existing[source_id].add((start, end, *claim))

    # Plain attribute reads, memoised per writer (a method-level functools.cache would keep every
    # writer and its sources alive for the life of the process).
    def _source_facts(self, source: Source) -> tuple[int, dt.date | None]:
        facts = self._facts.get(("source", source.id))
        if facts is None:
            facts = self._facts[("source", source.id)] = (source.id, source.date)
            self._moments[source.id] = source.published_at
        return facts

    def _prop_facts(self, prop: Property) -> tuple[int, str]:
        facts = self._facts.get(("prop", prop.id))
        if facts is None:
            facts = self._facts[("prop", prop.id)] = (prop.id, prop.value_type)
        return facts

    def prop(self, name: str) -> Property:
        key = name.strip().lower()
        if key not in self._props:
            self._props[key] = get_property(self.session, name)
        return self._props[key]

    def entity(self, name: str, create: bool = False) -> int:
        if name in self._by_name:
            return self._by_name[name]
        if self._aliases is None:
            self._aliases = dict(self.session.execute(select(Alias.key, Alias.entity_id)).all())
        key = alias_key(name)
        if key not in self._aliases:
            entity = resolve_entity(self.session, name, create=create)
            self._aliases[key] = entity.id
            self._names[entity.id] = entity.name
        self._by_name[name] = self._aliases[key]
        return self._by_name[name]

    def entity_name(self, entity_id: int) -> str:
        if entity_id not in self._names:
            from ..ledger.models import Entity

            self._names[entity_id] = self.session.get_one(Entity, entity_id).name
        return self._names[entity_id]

    # -- recording -----------------------------------------------------------------------------

    def add(self, ci: ClaimInput, *, skip_existing: bool = False, overlapping: bool = False) -> bool:
        """Check and anchor one claim; False when `skip_existing` and it is already recorded.

        overlapping: a claim with the same subject, question, polarity and value on a span that
        overlaps this one counts as recorded too (a candidate's sentence around a curated clause)."""
        source = self.source(ci.source)
        source_id, source_date = self._source_facts(source)
        prop = self.prop(ci.property)
        prop_id, value_type = self._prop_facts(prop)
        value, value_json = _value(ci.value.strip(), value_type, source_date)
        subject = self.entity(ci.subject, ci.create_entities)
        speaker = self.entity(ci.speaker, ci.create_entities) if ci.speaker else None
        if value_type == "entity":
            # A categorical value is an entity too: "Afghanistan" and "Afghan soil" compare equal.
            value = Label(self.entity_name(self.entity(ci.value, ci.create_entities)), "entity")
            value_json = to_json_text(value)
        as_of = as_of_period(ci.as_of, source_date)
        moment = parse_moment(ci.as_of) if ci.as_of and ci.as_of.strip() else self._moments.get(source_id)
        if ci.revises is not None:
            self._check_revises(ci.revises, source_id, prop_id)
        text = self.text(source)
        a = locate(text, ci.quote, ci.prefix, ci.suffix, ci.hint, ci.occurrence)
        span_key = (source_id, a.start, a.end)
        polarity = "denies" if ci.denies else "asserts"
        identity = (a.start, a.end, subject, prop_id, polarity, speaker, value_json)
        if skip_existing and (identity in self._existing_for(source_id) or (source_id, *identity) in self._seen):
            return False
        if overlapping and any(
            e[0] < a.end and a.start < e[1] and e[2:5] == identity[2:5] and e[6] == value_json
            for e in self._existing_for(source_id)
        ):
            return False
        self._seen.add((source_id, *identity))
        if span_key not in self._spans and span_key not in self._new_spans:
            prefix, suffix = context(text, a.start, a.end)
            self._new_spans[span_key] = dict(
                source_id=source_id,
                start=a.start,
                end=a.end,
                quote=text[a.start : a.end],
                prefix=prefix,
                suffix=suffix,
                method=a.method,
                score=a.score,
            )
        self._rows.append(
            (
                dict(
                    source_id=source_id,
                    subject_id=subject,
                    property_id=prop_id,
                    value_text=ci.value.strip(),
                    value_json=value_json,
                    polarity=polarity,
                    speaker_id=speaker,
                    as_of_text=as_of[0],
                    as_of_start=as_of[1],
                    as_of_end=as_of[2],
                    as_of_at=moment,
                    hedge=clean(ci.hedge),
                    scope=clean(ci.scope),
                    cites=clean(ci.cites),
                    status="accepted",
                    created_at=self._now,
                    revises_id=ci.revises,
                    exclusive=bool(ci.exclusive),
                ),
                span_key,
            )
        )
        return True

    def _check_revises(self, claim_id: int, source_id: int, prop_id: int) -> None:
        earlier = self.session.get(Claim, claim_id)
        if earlier is None:
            raise InputError(f"--revises {claim_id}: no claim with that id; see `provenance claims list`")
        if earlier.property_id != prop_id:
            raise InputError(
                f"--revises {claim_id}: that claim answers another question "
                f"({earlier.property.name!r}); a revision gives a new answer to the same one"
            )

    def _existing_for(self, source_id: int) -> set[tuple]:
        if source_id not in self._existing:
            self._load_recorded(source_id)
        return self._existing[source_id]

    def flush(self) -> list[int]:
        """Write everything added so far; the new claims' ids, in the order added."""
        if not self._rows:
            return []
        s = self.session
        s.flush()
        if self._new_spans:
            keys = list(self._new_spans)
            ids = bulk_insert(s, Span.__table__, [self._new_spans[k] for k in keys], ids=True)
            self._spans.update(zip(keys, ids, strict=True))
            self._new_spans.clear()
        claim_ids = bulk_insert(s, Claim.__table__, [row for row, _ in self._rows], ids=True)
        bulk_insert(
            s,
            ClaimSpan.__table__,
            [
                {"claim_id": cid, "span_id": self._spans[key]}
                for cid, (_, key) in zip(claim_ids, self._rows, strict=True)
            ],
        )
        if len(claim_ids) == 1:
            row = self._rows[0][0]
            events.record(
                s,
                "claim.add",
                f"claim:{claim_ids[0]}",
                source=row["source_id"],
                property=row["property_id"],
                value=row["value_text"],
                polarity=row["polarity"],
            )
        else:
            # Ids one by one for a batch a person can read; beyond that, the range.
            events.record(
                s,
                "claim.import",
                f"claims:{claim_ids[0]}-{claim_ids[-1]}",
                count=len(claim_ids),
                ids=claim_ids if len(claim_ids) <= 1000 else None,
            )
        self._rows.clear()
        self._existing.clear()
        return claim_ids


def add_claim(session: Session, ci: ClaimInput) -> Claim:
    """Record one claim and return it."""
    writer = ClaimWriter(session)
    writer.add(ci)
    (claim_id,) = writer.flush()
    return session.get_one(Claim, claim_id)


def as_of_period(text: str | None, source_date: dt.date | None) -> tuple[str | None, dt.date | None, dt.date | None]:
    """A claim's as-of: the period written (a year left out is the source's), else its source's
    date (published, else captured)."""
    if text and text.strip():
        period = _period(text.strip(), source_date)
        return text.strip(), period.start, period.end
    return None, source_date, source_date


def as_of_moment(text: str | None, source: Source) -> dt.datetime | None:
    """The instant an as-of names ('2024-01-03T18:40Z'), else the source's published time."""
    return parse_moment(text) if text else source.published_at
