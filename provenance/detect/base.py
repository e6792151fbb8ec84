"""What every detector sees (a ClaimView) and what it returns (a Finding)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..ledger.models import Claim, ClaimSpan, Entity, Property, Source, Span
from ..values import Interval, Label, Period, Value, from_json, in_base_unit
from .scopes import scope_key

# Within this many days, two figures describe the same moment; further apart, different moments.
SAME_MOMENT_DAYS = 365


class Context:
    """Names and flags the detectors need, read once per run instead of once per claim."""

    def __init__(self, session: Session):
        self.session = session
        self.props = {
            pid: (name, vtype, single, running)
            for pid, name, vtype, single, running in session.execute(
                select(Property.id, Property.name, Property.value_type, Property.single_value, Property.running_count)
            )
        }
        self._entities: dict[int, tuple[str, int | None]] | None = None
        self._by_name: dict[str, int] | None = None
        # Running-count figures a later correction replaced (see `superseded`), per question.
        self.superseded: set[int] = set()
        self.replaced: set[int] = set()  # ... and those it names: history, compared with nothing
        self._sources: dict[int, tuple[str | None, str | None]] = {}  # id -> (outlet, author)
        # Claim -> the answers its passage offers as alternatives ("a candle or a cooking fire"),
        # filled by pairs.Question for the questions it indexes.
        self.offered: dict[int, frozenset[str]] = {}
        # Claim -> the span of the figures its speaker gives in its article for the question ("some
        # survivors said 750, others around 400"), when there are several: one uncertain account.
        self.spread: dict[int, tuple[float, float]] = {}
        # Self-claims their own side also denies (exclusive.withdrawn), filled by pairs.Question.
        self.withdrawn: set[int] = set()
        # An article's exact unscoped figures it gives for the running count being compared
        # (bounds -> as written), filled by pairs.Question: the whole beside a part's count.
        self.totals: dict[tuple[int, int, int], dict[tuple, str]] = {}  # (source, subject, property)

    def forget_questions(self) -> None:
        """Drop what pairs.Question noted of the questions seen so far (a full scan, done with a
        subject, does not meet its claims again): memory holds a subject, not the ledger."""
        self.offered.clear()
        self.spread.clear()
        self.withdrawn.clear()
        self.totals.clear()

    def entities(self) -> dict[int, tuple[str, int | None]]:
        if self._entities is None:
            self._entities = {
                i: (n, s) for i, n, s in self.session.execute(select(Entity.id, Entity.name, Entity.side_id))
            }
        return self._entities

    def side_named(self, key: str) -> str:
        """The side a value names, folded: a body named as responsible ("the coast guard") stands
        for the side it belongs to ("Greece"); a name that is no entity stands for itself."""
        if self._by_name is None:
            self._by_name = {}
            for i, (n, _) in self.entities().items():
                self._by_name.setdefault(n.casefold(), i)
        found = self._by_name.get(key)
        return key if found is None else self.name(self.root_side(found)).casefold()

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
            self._sources.update(
                (sid, (o, a)) for sid, o, a in self.session.execute(select(Source.id, Source.outlet, Source.author))
            )
            return
        missing = sorted(source_ids - self._sources.keys())
        for i in range(0, len(missing), 500):
            for sid, outlet, author in self.session.execute(
                select(Source.id, Source.outlet, Source.author).where(Source.id.in_(missing[i : i + 500]))
            ):
                self._sources[sid] = (outlet, author)

    def source_meta(self, source_id: int) -> tuple[str | None, str | None]:
        """(outlet, author) of a source, read once."""
        if source_id not in self._sources:
            self.preload_outlets({source_id})
        return self._sources[source_id]

    def outlet(self, source_id: int) -> str | None:
        outlet, author = self.source_meta(source_id)
        return outlet or author


# The claim's first quote: revision cues ("revised ... to 84", "earlier") are read from it.
_QUOTE = (
    select(Span.quote)
    .join(ClaimSpan, ClaimSpan.span_id == Span.id)
    .where(ClaimSpan.claim_id == Claim.id)
    .order_by(Span.start)
    .limit(1)
    .correlate(Claim)
    .scalar_subquery()
)
COLUMNS = (
    Claim.id,
    Claim.source_id,
    Claim.subject_id,
    Claim.property_id,
    Claim.value_text,
    Claim.value_json,
    Claim.polarity,
    Claim.speaker_id,
    Claim.as_of_text,
    Claim.as_of_start,
    Claim.as_of_end,
    Claim.scope,
    Claim.hedge,
    Claim.as_of_at,
    Claim.revises_id,
    Claim.exclusive,
    _QUOTE,
)


@functools.lru_cache(maxsize=200_000)
def _stored(value_json: str) -> Value:
    return from_json(value_json)


@functools.lru_cache(maxsize=200_000)
def _measured(value_json: str, text: str) -> tuple[Value, str | None]:
    """The value as compared, and the dimension or currency of its unit (None when the unit
    names what is counted): a figure in a unit of measure in its base unit ("96 hours" and "four
    days" as seconds), and a rounded figure as the span it rounds ("54%" is 53.5-54.5%)."""
    value = from_json(value_json)
    if not isinstance(value, Interval):
        return value, None
    value, dimension = in_base_unit(value)
    return _rounding(value, text), dimension


_WRITTEN_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.(\d+))?")
_PERCENT = re.compile(r"%|\bper ?cent\b|\bpercent\b")


def _rounding(v: Interval, text: str) -> Interval:
    """A figure written with decimals, or as a percentage, stands for every value that rounds to
    it: "10.9%" and "10.92%" agree, "54%" and "53.92%" agree. Whole counts ("143") are exact."""
    numbers = list(_WRITTEN_NUMBER.finditer(text))
    if len(numbers) != 1:
        return v
    written, decimals = numbers[0].group(0).replace(",", ""), numbers[0].group(1)
    if not decimals and not (v.type == "share" and _PERCENT.search(text.casefold())):
        return v
    number = float(written)
    if not number:
        return v
    rel = 0.5 * 10 ** -(len(decimals) if decimals else 0) / number  # half the last digit, relative
    widen = lambda x, sign: None if x is None else x + sign * abs(x) * rel  # noqa: E731
    return dataclasses.replace(v, low=widen(v.low, -1), high=widen(v.high, 1))


# A figure given as what was expected ("was expected to receive 35%", a poll's forecast) answers
# another question than the result: the two are not compared.
_FORECAST_HEDGE = re.compile(r"\b(?:expected|forecast|projected|predicted|anticipated|poll(?:s|ed)?)\b")
_FORECAST_QUOTE = re.compile(r"\b(?:expected|forecast|projected|predicted|tipped) to\b")
# So is what a count could still become ("the toll could rise to 2,000", "may reach 300", "is likely
# to climb above 50"): a projection, not the count at any moment. Only when the projection names
# the figure: "has risen to 300 and could rise further" still gives 300 as the count.
_PROJECTION = re.compile(
    r"\b(?:could|may|might|will|would|(?:is |are )?(?:likely|set|feared|poised|bound) to)(?: well| still| soon| eventually)?"
    r" (?:rise|reach|climb|exceed|top|hit|surpass|pass|increase|grow|jump|soar|go up)"
    r"(?: (?:to|as high as|past|beyond|above|over|more than|at least))*\s+(?=\d)"
)


def is_forecast(hedge: str | None, quote: str | None, value_text: str = "") -> bool:
    if (hedge and _FORECAST_HEDGE.search(hedge.casefold())) or (quote and _FORECAST_QUOTE.search(quote.casefold())):
        return True
    figure, q = _NUMBER.search(value_text), (quote or "").casefold()
    return figure is not None and any(
        q.startswith(figure.group(0).rstrip(".,"), m.end()) for m in _PROJECTION.finditer(q)
    )


class ClaimView:
    """One accepted claim as the detectors see it; names are looked up only for explanations."""

    __slots__ = (
        "ctx",
        "id",
        "source_id",
        "subject_id",
        "property_id",
        "value",
        "value_text",
        "polarity",
        "speaker_id",
        "as_of",
        "as_of_text",
        "scope",
        "scope_text",
        "hedge",
        "value_type",
        "single_value",
        "running_count",
        "quick",
        "_side",
        "as_of_at",
        "revises_id",
        "exclusive",
        "quote",
        "dimension",
        "forecast",
        "stored",
        "numeric_key",
    )
    _side: int | None | bool  # False until looked up

    def __init__(self, ctx: Context, row) -> None:
        (
            self.id,
            self.source_id,
            self.subject_id,
            self.property_id,
            self.value_text,
            value_json,
            self.polarity,
            self.speaker_id,
            self.as_of_text,
            start,
            end,
            scope,
            self.hedge,
            self.as_of_at,
            self.revises_id,
            self.exclusive,
            self.quote,
        ) = row
        self.ctx = ctx
        _, self.value_type, self.single_value, self.running_count = ctx.props[self.property_id]
        self.value, self.dimension = _measured(value_json, self.value_text)
        self.stored = _stored(value_json)  # as recorded: what keys and hashes are made of
        self.as_of = Period(start, end or start) if start else None
        self.forecast = is_forecast(self.hedge, self.quote, self.value_text)
        self.scope_text = scope.strip() if scope else None  # as written, for explanations
        self.scope = scope_key(scope)  # what it counts: synonyms and "confirmed" folded away
        # The interval's bounds, precomputed: most pairs are dismissed by comparing these alone.
        self.quick = self.value.bounds() if isinstance(self.value, Interval) else None
        # What two figures must share to be compared (numeric.comparable), worked out once.
        self.numeric_key = (
            (self.value.type, self.dimension, self.forecast)
            if self.quick is not None and self.polarity == "asserts"
            else None
        )
        self._side = False

    @property
    def is_interval(self) -> bool:
        return self.quick is not None

    @property
    def label(self) -> Label:
        """The value of an entity, yes/no or text claim."""
        assert isinstance(self.value, Label)
        return self.value

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
        """The value as the source words it (checkable against the quote), with its hedge and
        what it counts when that is narrower than the question."""
        v = repr(self.value_text) if self.value_type == "text" else self.value_text
        if self.scope_text:
            v = f"{v} counting {self.scope_text!r}"
        if self.hedge and self.hedge.casefold() not in self.value_text.casefold():
            v = f"{v} ({self.hedge})"
        return v

    @property
    def hedged(self) -> bool:
        """Given tentatively ("preliminary", "may have", "reportedly"), not as a firm figure."""
        return is_hedged(self.hedge)

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
    if a.dimension != b.dimension:
        return False  # one sum in two currencies may be a currency written wrong
    if a.running_count and (qa[0] == float("-inf") or qb[0] == float("-inf")):
        return False  # "as many as 143": a count reported by its ceiling can still fall later
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


# Words that make a figure tentative. Bounds ("at least", "over") and precision ("about",
# "estimated") are not hedges: they are part of the value.
HEDGES = (
    "tentativ",
    "preliminar",
    "unconfirmed",
    "provisional",
    "initial",
    "may ",
    "may have",
    "might",
    "could",
    "believed",
    "reportedly",
    "reported",
    "alleged",
    "mixed report",
    "possibl",
    "likely",
    "not yet confirmed",
    "unverified",
    "rumour",
    "rumor",
    "said to",
    "suggest",
    "feared",
    "presumed",
    "early report",
)

# A figure of those feared or presumed dead counts the missing too: an estimate of the toll, which
# a later count of bodies can fall short of without contradicting it.
_PRESUMED_HEDGE = re.compile(r"\b(?:feared|presumed|believed|thought)\b")
_PRESUMED_QUOTE = re.compile(
    r"\b(?:feared|presumed|believed|thought)\s+(?:to\s+(?:be|have)\s+)?(?:been\s+)?"
    r"(?:dead|drowned|killed|died|perished|lost)\b"
)


def presumed(c: ClaimView) -> bool:
    """The figure counts those feared or presumed dead ("hundreds feared dead")."""
    return bool(
        _PRESUMED_HEDGE.search((c.hedge or "").casefold()) or _PRESUMED_QUOTE.search((c.quote or "").casefold())
    )


# A guess at what a count will turn out to be ("perhaps close to a thousand", "I think several
# hundred", "could be in the thousands") is not a count: speculation, unlike a doubt about who
# reported a figure ("reportedly", "unconfirmed") or whether it has happened ("may have been"),
# which still gives a count.
_SPECULATIVE_HEDGE = re.compile(
    r"\b(?:likely|perhaps|maybe|(?:may|might|could)(?! have)|possibl\w*|i think|i believe|speculat\w*|fears?|feared|guess\w*)\b"
)
# A figure given only as an order of magnitude, with no number ("several hundred", "thousands",
# "a few thousand", "close to a thousand"): an estimate, which no count found so far contradicts.
_MAGNITUDE = re.compile(
    r"^(?:some |about |around |close to |nearly |almost |up to |even |perhaps )*"
    r"(?:several |a few |many |a |one )?(?:hundreds?|thousands?|tens of thousands|hundreds of thousands)$"
)


def estimate(c: ClaimView) -> bool:
    """The figure is a guess or an order of magnitude, not a count: presumed dead, a speculative
    hedge, or no number at all ("several hundred")."""
    text = " ".join(c.value_text.casefold().split())
    return presumed(c) or bool(_SPECULATIVE_HEDGE.search((c.hedge or "").casefold()) or _MAGNITUDE.match(text))


def is_hedged(hedge: str | None) -> bool:
    low = f"{hedge.casefold()} " if hedge else ""
    return any(h in low for h in HEDGES)


def severity(level: str, *claims: ClaimView) -> str:
    """A conflict resting on a hedged claim is ranked one step lower."""
    if any(c.hedged for c in claims):
        return {"high": "medium", "medium": "low"}.get(level, level)
    return level


def hedge_note(*claims: ClaimView) -> str:
    hedged = [c for c in claims if c.hedged]
    if not hedged:
        return ""
    return "; " + " and ".join(f"{c.value_text} is hedged ({c.hedge})" for c in hedged)


def gap_days(a: ClaimView, b: ClaimView) -> int | None:
    if a.as_of is None or b.as_of is None:
        return None
    return a.as_of.gap_days(b.as_of)


def same_moment(a: ClaimView, b: ClaimView) -> bool:
    """Whether two answers to a question that changes over time speak for one moment.

    Dates written in the claims must overlap, at a like precision: a month and a day inside it
    are not one moment. A claim dated only by its source speaks for the latest stretch before
    that date, as long as the period it is compared with (the year of a yearly figure, the day
    of a daily one). Undated claims cannot be told apart.
    """
    pa, pb = a.as_of, b.as_of
    if pa is None or pb is None:
        return True
    if a.as_of_explicit and b.as_of_explicit:
        la, lb = _days(pa), _days(pb)
        return pa.overlaps(pb) and 2 * min(la, lb) >= max(la, lb)
    if a.as_of_explicit or b.as_of_explicit:
        dated, undated = (pa, pb) if a.as_of_explicit else (pb, pa)
        end = undated.end
        window = Period(end - dt.timedelta(days=_days(dated) - 1), end)
        return window.overlaps(dated)
    return pa.overlaps(pb)


def _days(p: Period) -> int:
    return (p.end - p.start).days + 1


# What a quote says of a figure's place in time: "earlier it was 238", "revised ... to 84".
_EARLIER = re.compile(
    r"\b(?:earlier|initially|previously|at first|first reported|original(?:ly)?|"
    r"had been put|was put at|was earlier)\b"
)
_LATER = re.compile(
    r"\b(?:revised|corrected|later|updated|now|risen|rose|climbed|jumped|increased|"
    r"reached|and not)\b"
)
_CORRECTION = re.compile(
    r"\b(?:revised|corrected|correction|and not|double[- ]count\w*|counted twice|"
    r"lowered|brought down|down to|instead of)\b"
)
_NUMBER = re.compile(r"\d[\d,.]*")


def _figure(c: ClaimView) -> str | None:
    m = _NUMBER.search(c.value_text)
    return m.group(0).rstrip(".,") if m else None


@functools.lru_cache(maxsize=4096)
def _from_figure(n: str) -> re.Pattern:
    return re.compile(rf"(?<!apart )(?<!aside )\bfrom\s+(?:about\s+|some\s+)?{re.escape(n)}\b")


def _names_figure(n: str, text: str) -> bool:
    """Whether `text` writes the figure `n` as a number of its own (not inside "1,2345" or "12.5").
    Searched as a plain string: a ledger has thousands of figures, and compiling a pattern for
    each cost more than the searches."""
    at = text.find(n)
    while at != -1:
        end = at + len(n)
        before, after = text[at - 1 : at], text[end : end + 1]  # "" at either end of the text
        if not (before.isdecimal() or before in (",", ".")) and not (after.isdecimal() or after == ","):
            return True
        at = text.find(n, at + 1)
    return False


def cue(c: ClaimView) -> int:
    """-1 when the quote presents the figure as an earlier one, 1 as a newer one, else 0."""
    q = (c.quote or "").casefold()
    n = _figure(c)
    if n and _from_figure(n).search(q):
        return -1
    if _EARLIER.search(q) or (c.hedge and "initial" in c.hedge.casefold()):
        return -1
    return 1 if _LATER.search(q) else 0


def order(a: ClaimView, b: ClaimView) -> tuple[ClaimView, ClaimView] | None:
    """(earlier, later) when the order of two reports is known: by their dates, their times of
    day, a revision link, or the words of the one article that gives both ("earlier", "revised
    to"); None otherwise."""
    if a.revises_id == b.id or b.revises_id == a.id:
        return (b, a) if a.revises_id == b.id else (a, b)
    if (found := later_of(a, b)) is not None:
        return found
    if a.as_of_at and b.as_of_at and a.as_of_at != b.as_of_at:
        return (a, b) if a.as_of_at < b.as_of_at else (b, a)
    # Within one article its own words order its figures, unless it dates both to one day.
    if a.source_id == b.source_id and not (a.as_of_explicit and b.as_of_explicit):
        ca, cb = cue(a), cue(b)
        if ca != cb:
            return (a, b) if ca < cb else (b, a)
    return None


_ROSE = re.compile(
    r"\b(?:rose|rises|risen|rising|climbed|climbs|jumped|jumps|increased|increases|went up|goes up|"
    r"has reached|reached|reaches)\s+"
    r"(?:\w+\s+){0,3}?(?:to\s+)?(?:at least\s+|more than\s+|over\s+)?\d"
)


def rose_to(c: ClaimView) -> bool:
    """The quote says the count rose to this figure: a later figure than lower ones of its day."""
    return bool(_ROSE.search((c.quote or "").casefold()))


def revises(later: ClaimView, earlier: ClaimView) -> bool:
    """Whether `later` replaces `earlier` rather than contradicting it: linked with --revises, or
    its quote names the old figure ("275 and not 288") or states a correction ("revised from 174
    to 125"), which corrects every earlier, higher figure of the count, not only the one it names."""
    if later.revises_id == earlier.id:
        return True
    q = (later.quote or "").casefold()
    old, own = _figure(earlier), _figure(later)
    if old and old != own and _names_figure(old, q):
        return True
    return bool(_CORRECTION.search(q))


def replaces(later: ClaimView, earlier: ClaimView) -> bool:
    """Whether `later` says outright which figure it replaces: linked with --revises, or its quote
    names the old figure ("275 and not 288"). A bare "revised to 275" does not say whose figure it
    corrects, so it is no reason to set aside another party's claim."""
    if later.revises_id == earlier.id:
        return True
    old, own = _figure(earlier), _figure(later)
    q = (later.quote or "").casefold()
    return bool(old and old != own and _names_figure(old, q))


def superseded(views: list[ClaimView], strict: bool = False) -> set[int]:
    """The figures of one running count that a later, lower figure says it corrects: they stay in
    the timeline as superseded, and later figures are not compared with them. strict: only those
    it names or is linked to (`replaces`), which no figure at all is compared with."""
    revised, replaced = superseded_both(views)
    return replaced if strict else revised


def superseded_both(views: list[ClaimView]) -> tuple[set[int], set[int]]:
    """`superseded` and `superseded(strict=True)` in one pass over the pairs: a figure a later one
    `replaces` is also one it `revises`, so the strict test only runs where the other held."""
    revised: set[int] = set()
    replaced: set[int] = set()
    for i, a in enumerate(views):
        qa = a.quick
        if qa is None:
            continue
        for b in views[i + 1 :]:
            qb = b.quick
            if a.scope != b.scope or qb is None:
                continue
            if not (qa[1] < qb[0] or qb[1] < qa[0]):
                continue  # overlapping figures: neither can be lower than the other
            if (known := order(a, b)) is None:
                continue
            earlier, later = known
            assert later.quick is not None and earlier.quick is not None  # both intervals, as checked
            if later.quick[1] < earlier.quick[0] and revises(later, earlier):
                revised.add(earlier.id)
                if replaces(later, earlier):
                    replaced.add(earlier.id)
    return revised, replaced


def later_of(a: ClaimView, b: ClaimView) -> tuple[ClaimView, ClaimView] | None:
    """(earlier, later) when their as-of periods do not overlap; None when they do."""
    if a.as_of is None or b.as_of is None or a.as_of.overlaps(b.as_of):
        return None
    return (a, b) if a.as_of.end < b.as_of.start else (b, a)


def same_question(a: ClaimView, b: ClaimView) -> bool:
    return a.subject_id == b.subject_id and a.property_id == b.property_id
