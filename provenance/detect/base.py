"""What every detector sees (a ClaimView) and what it returns (a Finding)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..anchoring import fold_text
from ..models import Claim
from ..values import Interval, Period, Value, from_json

# Within this many days, two figures describe the same moment; further apart, different moments.
SAME_MOMENT_DAYS = 365


@dataclass(frozen=True)
class ClaimView:
    id: int
    source_id: int
    source_label: str
    subject_id: int
    subject: str
    property_id: int
    property: str
    value_type: str
    single_value: bool
    running_count: bool
    value: Value
    value_text: str
    polarity: str
    speaker_id: int | None
    speaker: str
    side_id: int | None  # the side the speaker speaks for (itself if none declared)
    side: str | None
    as_of: Period | None
    as_of_explicit: bool
    as_of_label: str
    scope: str | None
    hedge: str | None

    @classmethod
    def of(cls, c: Claim) -> ClaimView:
        from ..claims import as_of_label, speaker_name

        src = c.source
        side = root_side(c.speaker) if c.speaker else None
        period = Period(c.as_of_start, c.as_of_end or c.as_of_start) if c.as_of_start else None
        return cls(
            id=c.id, source_id=c.source_id,
            source_label=f"source {src.id}" + (f" ({src.outlet})" if src.outlet else ""),
            subject_id=c.subject_id, subject=c.subject.name,
            property_id=c.property_id, property=c.property.name, value_type=c.property.value_type,
            single_value=c.property.single_value, running_count=c.property.running_count,
            value=from_json(c.value_json), value_text=c.value_text, polarity=c.polarity,
            speaker_id=c.speaker_id, speaker=speaker_name(c),
            side_id=side.id if side else None, side=side.name if side else None,
            as_of=period, as_of_explicit=bool(c.as_of_text), as_of_label=as_of_label(c),
            scope=fold_text(c.scope) if c.scope else None, hedge=c.hedge,
        )

    @property
    def is_interval(self) -> bool:
        return isinstance(self.value, Interval)

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


@dataclass(frozen=True)
class Finding:
    kind: str
    claims: tuple[int, ...]
    explanation: str
    severity: str
    detector: str
    version: str
    rule_id: int | None = None

    @property
    def key(self) -> str:
        prefix = f"{self.kind}#{self.rule_id}" if self.rule_id else self.kind
        return prefix + ":" + ",".join(map(str, sorted(self.claims)))


def root_side(entity):
    """The side an entity ultimately speaks for: a spokesman -> his ministry -> its country."""
    seen = {entity.id}
    while entity.side is not None and entity.side.id not in seen:
        entity = entity.side
        seen.add(entity.id)
    return entity


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


def today() -> dt.date:
    return dt.date.today()
