"""What every detector sees (a ClaimView) and what it returns (a Finding)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..anchoring import fold_text
from ..ledger.models import Claim, Entity, Property, Source
from ..values import Interval, Period, Value, from_json

# Within this many days, two figures describe the same moment; further apart, different moments.
SAME_MOMENT_DAYS = 365


class Context:
    """Names and flags the detectors need, read once per run instead of once per claim."""

    def __init__(self, session: Session):
        self.session = session
        self.props = {
            pid: (name, vtype, single, running)
            for pid, name, vtype, single, running in session.execute(
                select(Property.id, Property.name, Property.value_type, Property.single_value,
                       Property.running_count))
        }
        self._entities: dict[int, tuple[str, int | None]] | None = None
        self._sources: dict[int, tuple[str | None, str | None]] = {}  # id -> (outlet, author)

    def entities(self) -> dict[int, tuple[str, int | None]]:
        if self._entities is None:
            self._entities = {i: (n, s) for i, n, s in self.session.execute(
                select(Entity.id, Entity.name, Entity.side_id))}
        return self._entities

    def name(self, entity_id: int) -> str:
        return self.entities()[entity_id][0]

    def root_side(self, entity_id: int) -> int:
        """The side an entity ultimately speaks for: a spokesman -> his ministry -> its country."""
        ents, seen = self.entities(), {entity_id}
        while (up := ents[entity_id][1]) is not None and up not in seen:
            entity_id = up
            seen.add(up)
        return entity_id

    def preload_outlets(self, source_ids: set[int] | None) -> None:
        """Read the outlets and authors of these sources (None: of every source)."""
        if source_ids is None:
            self._sources.update((sid, (o, a)) for sid, o, a in self.session.execute(
                select(Source.id, Source.outlet, Source.author)))
            return
        missing = sorted(source_ids - self._sources.keys())
        for i in range(0, len(missing), 500):
            for sid, outlet, author in self.session.execute(
                    select(Source.id, Source.outlet, Source.author).where(Source.id.in_(missing[i:i + 500]))):
                self._sources[sid] = (outlet, author)

    def source_meta(self, source_id: int) -> tuple[str | None, str | None]:
        """(outlet, author) of a source, read once."""
        if source_id not in self._sources:
            self.preload_outlets({source_id})
        return self._sources[source_id]

    def outlet(self, source_id: int) -> str | None:
        outlet, author = self.source_meta(source_id)
        return outlet or author


COLUMNS = (Claim.id, Claim.source_id, Claim.subject_id, Claim.property_id, Claim.value_text,
           Claim.value_json, Claim.polarity, Claim.speaker_id, Claim.as_of_text, Claim.as_of_start,
           Claim.as_of_end, Claim.scope, Claim.hedge)


@functools.lru_cache(maxsize=200_000)
def _value(value_json: str) -> Value:
    return from_json(value_json)


class ClaimView:
    """One accepted claim as the detectors see it; names are looked up only for explanations."""

    __slots__ = ("ctx", "id", "source_id", "subject_id", "property_id", "value", "value_text",
                 "polarity", "speaker_id", "as_of", "as_of_text", "scope", "hedge", "value_type",
                 "single_value", "running_count", "quick", "_side")

    def __init__(self, ctx: Context, row) -> None:
        (self.id, self.source_id, self.subject_id, self.property_id, self.value_text, value_json,
         self.polarity, self.speaker_id, self.as_of_text, start, end, scope, self.hedge) = row
        self.ctx = ctx
        _, self.value_type, self.single_value, self.running_count = ctx.props[self.property_id]
        self.value = _value(value_json)
        self.as_of = Period(start, end or start) if start else None
        self.scope = fold_text(scope) if scope else None
        # The interval's bounds, precomputed: most pairs are dismissed by comparing these alone.
        self.quick = self.value.bounds() if isinstance(self.value, Interval) else None
        self._side = False

    @property
    def is_interval(self) -> bool:
        return self.quick is not None

    @property
    def as_of_explicit(self) -> bool:
        return bool(self.as_of_text)

    @property
    def side_id(self) -> int | None:
        if self._side is False:
            self._side = self.ctx.root_side(self.speaker_id) if self.speaker_id else None
        return self._side

    @property
    def side(self) -> str | None:
        return self.ctx.name(self.side_id) if self.side_id else None

    @property
    def subject(self) -> str:
        return self.ctx.name(self.subject_id)

    @property
    def speaker(self) -> str:
        return self.ctx.name(self.speaker_id) if self.speaker_id else (self.ctx.outlet(self.source_id) or "the article")

    @property
    def source_label(self) -> str:
        """'source 4' with its outlet, or its author: 'source 3 (Daily Test)', 'source 4 by X'."""
        outlet, author = self.ctx.source_meta(self.source_id)
        if outlet:
            return f"source {self.source_id} ({outlet})"
        return f"source {self.source_id}" + (f" by {author}" if author else "")

    @property
    def as_of_label(self) -> str:
        return self.as_of_text or (self.as_of.describe() if self.as_of else "undated")

    def says(self) -> str:
        """'ISPR in source 3 (2024-04-01)': who, where, when, for an explanation."""
        if self.speaker_id is None:
            return f"{self.source_label} ({self.as_of_label})"
        return f"{self.speaker} in {self.source_label} ({self.as_of_label})"

    def shown(self) -> str:
        """The value as the source words it (checkable against the quote), with its hedge."""
        v = repr(self.value_text) if self.value_type == "text" else self.value_text
        if self.hedge:
            v = f"{v} ({self.hedge})"
        return v

    # Last in the class: once defined, the name `property` means this attribute here.
    @property
    def property(self) -> str:
        return self.ctx.props[self.property_id][0]


def cannot_conflict(a: ClaimView, b: ClaimView) -> bool:
    """True for the common pair no detector can flag: two asserted figures of one question that
    overlap, with the same (or no) scope. Checked on precomputed bounds, before any detector."""
    qa, qb = a.quick, b.quick
    if qa is None or qb is None or a.polarity != "asserts" or b.polarity != "asserts":
        return False
    if a.scope != b.scope and a.scope and b.scope:
        return False
    if qa[1] < qb[0] or qb[1] < qa[0]:
        return False
    if qa[1] == qb[0]:
        return qa[3] and qb[2]
    if qb[1] == qa[0]:
        return qb[3] and qa[2]
    return True


@dataclass(frozen=True)
class Finding:
    kind: str
    claims: tuple[int, ...]
    explanation: str
    severity: str
    detector: str
    version: str
    rule_id: int | None = None
    # A grouped finding (one disagreement backed by many claims): its own key, which stays the
    # same as claims join it, and a head ("A vs B on P") the store puts before the counts.
    head: str | None = None
    group_key: str | None = None
    tally: str = "speaker"  # what the store counts beside the claims: speaker or source

    @property
    def key(self) -> str:
        if self.group_key:
            return self.group_key
        prefix = f"{self.kind}#{self.rule_id}" if self.rule_id else self.kind
        return prefix + ":" + ",".join(map(str, sorted(self.claims)))


def gap_days(a: ClaimView, b: ClaimView) -> int | None:
    if a.as_of is None or b.as_of is None:
        return None
    return a.as_of.gap_days(b.as_of)


def same_moment(a: ClaimView, b: ClaimView) -> bool:
    gap = gap_days(a, b)
    return gap is None or gap <= SAME_MOMENT_DAYS


def later_of(a: ClaimView, b: ClaimView) -> tuple[ClaimView, ClaimView] | None:
    """(earlier, later) when their as-of periods do not overlap; None when they do."""
    if a.as_of is None or b.as_of is None or a.as_of.overlaps(b.as_of):
        return None
    return (a, b) if a.as_of.end < b.as_of.start else (b, a)


def same_question(a: ClaimView, b: ClaimView) -> bool:
    return a.subject_id == b.subject_id and a.property_id == b.property_id
