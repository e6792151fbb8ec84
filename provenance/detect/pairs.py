"""Which pairs of one question's claims the pair detectors need to see, found by grouping.

Comparing every pair of a question's claims costs the square of its claims, and on entity-valued
questions (who is responsible, where a threat comes from) almost no pair is a conflict. Claims with
a value that is one point (a label, a date) are grouped by value and polarity; a pair is tried only
when some detector could fire on it:

- an assertion and a denial of the same value (denial; for dates, of overlapping values; for
  entities, of one side named by itself or by a body of it);
- two assertions of different values, when the question takes one value (single value) or one of
  the two is exclusive (exclusive);
- anything with a figure (an interval) or another kind of value: every pair, as before (figures
  that overlap are dismissed cheaply by `cannot_conflict`).

Every other pair of point values gets None from every pair detector (same value asserted twice,
different values asserted on a many-valued question, two denials...), so the findings are exactly
those of the full loop; tests/test_detect_pairs.py checks this against the full loop. A detector
that starts firing on a new kind of pair must be added here too.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator

from ..values import Interval, Label, Period
from .base import ClaimView
from .denial import side_key
from .exclusive import is_exclusive, withdrawn


def _point(v: ClaimView):
    """The key of a one-point value (a label or a date), or None for figures and the rest."""
    value = v.value
    if isinstance(value, Label):
        return (value.type, value.key)
    if isinstance(value, Period):
        return (value.type, value.start, value.end)
    return None


def _alternatives(views: list[ClaimView]) -> None:
    """Note on each claim the answers its speaker's passage offers together ("a candle or a cooking
    fire could have caused it"): another claim naming any of them agrees with the passage."""
    passages: dict[tuple, set[str]] = defaultdict(set)
    for v in views:
        if isinstance(v.value, Label) and v.quote and v.polarity == "asserts":
            passages[(v.source_id, v.speaker_id, v.quote)].add(v.value.key)
    for v in views:
        if isinstance(v.value, Label) and v.quote and v.polarity == "asserts":
            keys = passages[(v.source_id, v.speaker_id, v.quote)]
            if len(keys) > 1:
                v.ctx.offered[v.id] = frozenset(keys)


def _totals(views: list[ClaimView]) -> None:
    """For a running count, each article's exact unscoped figures (the whole beside its parts)."""
    if not views or not views[0].running_count:
        return
    totals = views[0].ctx.totals
    for v in views:
        q = v.quick
        exact = isinstance(v.stored, Interval) and not v.stored.approximate
        if q is not None and exact and not v.scope and v.polarity == "asserts" and q[0] == q[1]:
            totals.setdefault((v.source_id, v.subject_id, v.property_id), {})[q[:2]] = v.value_text


def _finite(v: ClaimView) -> tuple[float, ...]:
    """A figure's finite ends: "as many as 750" stands at 750, not at minus infinity."""
    assert v.quick is not None
    return tuple(x for x in v.quick[:2] if abs(x) != float("inf"))


def _spreads(views: list[ClaimView]) -> None:
    """Note on each figure of a speaker who gives several in one article (for a question that is
    not a running count, whose figures are a timeline) the span they cover."""
    accounts: dict[tuple, list[ClaimView]] = defaultdict(list)
    for v in views:
        if (
            v.quick is not None
            and v.value.type == "quantity"  # a share's bounds stop at 0 and 1: "more than 54%" spans half
            and v.speaker_id is not None
            and v.polarity == "asserts"
            and not v.running_count
        ):
            accounts[(v.source_id, v.speaker_id, v.scope)].append(v)
    for figures in accounts.values():
        if len(figures) > 1:
            ends = [e for f in figures for e in _finite(f)]
            span = (min(ends), max(ends))
            for f in figures:
                f.ctx.spread[f.id] = span


class Question:
    """One question's claims (in id order), indexed by value and polarity."""

    def __init__(self, views: list[ClaimView]) -> None:
        self.views = views
        self.keys = [_point(v) for v in views]
        self.loose: list[int] = []  # figures and other values: compared with everything
        self.asserts: dict = defaultdict(list)  # point key -> indices asserting it
        self.denies: dict = defaultdict(list)
        self.exclusive: list[int] = []  # indices of exclusive assertions
        self._exclusive: set[int] = set()
        _alternatives(views)
        _spreads(views)
        _totals(views)
        if views:
            views[0].ctx.withdrawn |= withdrawn(views)
        # Entities by the side they name: a denial of a side's body may answer a blame on the side.
        self.sides = [side_key(v) for v in views]
        self.by_side: dict = defaultdict(list)  # (polarity, side) -> indices
        for i, (v, k) in enumerate(zip(views, self.keys, strict=True)):
            if self.sides[i] is not None:
                self.by_side[(v.polarity, self.sides[i])].append(i)
            if k is None:
                self.loose.append(i)
            elif v.polarity == "asserts":
                self.asserts[k].append(i)
                if not v.single_value and is_exclusive(v):
                    self.exclusive.append(i)
                    self._exclusive.add(i)
            else:
                self.denies[k].append(i)

    def partners(self, i: int) -> list[int]:
        """Indices of the claims claim i must be tried against, in order (i itself excluded)."""
        k = self.keys[i]
        if k is None:
            return [j for j in range(len(self.views)) if j != i]
        a = self.views[i]
        out: list[int] = list(self.loose)
        if self.sides[i] is not None:
            other = "denies" if a.polarity == "asserts" else "asserts"
            out += self.by_side.get((other, self.sides[i]), ())
        if a.polarity == "asserts":
            out += self.denies.get(k, ())
            if k[0] == "date":  # different dates can overlap: every denial may deny it
                out += [j for key, js in self.denies.items() if key != k for j in js]
            if a.single_value or i in self._exclusive:
                out += [j for key, js in self.asserts.items() if key != k for j in js]
            else:
                out += [j for j in self.exclusive if self.keys[j] != k]
        else:
            out += self.asserts.get(k, ())
            if k[0] == "date":
                out += [j for key, js in self.asserts.items() if key != k for j in js]
        return sorted(set(out))

    def pairs(self) -> Iterator[tuple[ClaimView, ClaimView]]:
        """Each pair to try once, the earlier claim first, in the order of the full loop."""
        views = self.views
        if not self.asserts and not self.denies:  # figures only
            for i, j in _figure_pairs(views):
                yield views[i], views[j]
            return
        for i, a in enumerate(views):
            js = self.partners(i)
            for j in js[bisect_right(js, i) :]:
                yield a, views[j]


def _figure_pairs(views: list[ClaimView]) -> list[tuple[int, int]]:
    """The pairs (i < j, in loop order) of a question without point values, less those that
    `cannot_conflict` is sure to dismiss: two asserted figures of compatible scopes whose
    intervals overlap with room to spare. Only pairs one of whose figures ends at or before the
    other's start are tried among those, found by sorting on the ends instead of trying all."""
    n = len(views)
    simple, loose = [], []
    for i, v in enumerate(views):
        q = v.quick
        if q is None or v.polarity != "asserts" or (v.running_count and q[0] == float("-inf")):
            loose.append(i)  # cannot_conflict says False whatever the other claim: always tried
        else:
            simple.append(i)
    scopes = {views[i].scope for i in simple if views[i].scope}
    if len(scopes) > 1 or len({views[i].dimension for i in simple}) > 1 or len(simple) < 2:
        return list(itertools.combinations(range(n), 2))  # several scopes or units: every pair
    found = {(min(i, j), max(i, j)) for i in loose for j in range(n) if j != i}
    ends = sorted((views[i].quick[1], i) for i in simple)  # type: ignore[index]
    highs = [h for h, _ in ends]
    for b in simple:
        low = views[b].quick[0]  # type: ignore[index]
        for _, a in ends[: bisect_right(highs, low)]:  # a ends at or before b starts
            if a != b:
                found.add((min(a, b), max(a, b)))
    return sorted(found)
