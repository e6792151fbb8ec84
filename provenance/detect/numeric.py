"""numeric: two figures for one subject, property and moment whose intervals cannot overlap.

Open ends and "about" are respected (values.Interval.overlaps). Figures of different scopes are
answers to different questions (a part is never compared with its total; when they agree, the
scope detector says so). A revision (linked, or read from the quote: "revised down to 84") is
never a conflict.

Time: a single-valued quantity (a magnitude, the number of attackers) has one answer whenever it
is reported. Any other figure is compared only with figures of the same moment (base.same_moment).
A running count (a death toll) is a timeline: a rise is an update on any day; a fall is a
`decrease` only when the order of the two reports is known, and not when the earlier figure was
a guess ("hundreds feared dead", "perhaps a thousand", "several hundred") and the later one a count; two figures of one
day in no known order, both dated by their text or both given by one article, are `same_day`,
of low severity.
"""

from __future__ import annotations

from ..values import USD_PER_UNIT
from .base import (
    ClaimView,
    Finding,
    estimate,
    hedge_note,
    order,
    revises,
    rose_to,
    same_moment,
    same_question,
    severity,
)

NAME, VERSION = "numeric", "2"


def comparable(a: ClaimView, b: ClaimView) -> bool:
    """Two asserted figures of one question, of one type (count, share...), in one dimension
    (hours with days, not euros with dollars; a figure in a unit of measure and one without
    never) and both counted or both expected (what was expected is not what was counted): the
    view's `numeric_key` holds all of that but the question."""
    return a.numeric_key is not None and a.numeric_key == b.numeric_key and same_question(a, b)


def check(a: ClaimView, b: ClaimView) -> Finding | None:
    if a.dimension != b.dimension and a.scope == b.scope:
        return _currencies(a, b)
    if not comparable(a, b) or a.scope != b.scope:
        return None
    if a.revises_id == b.id or b.revises_id == a.id:
        return None
    if a.running_count and not a.single_value:
        return _running(a, b)
    if a.value.overlaps(b.value):
        return None
    if not a.single_value and not same_moment(a, b):
        return None
    if _within_account(a, b) or _within_account(b, a):
        return None
    if not a.single_value and successive(a, b):
        return None
    return Finding(
        "numeric",
        (a.id, b.id),
        f"{a.says()} gives {a.shown()} for {a.property} of {a.subject}; {b.says()} gives "
        f"{b.shown()}; the figures cannot both hold{hedge_note(a, b)}",
        severity("high", a, b),
        NAME,
        VERSION,
    )


def _running(a: ClaimView, b: ClaimView) -> Finding | None:
    if a.id in a.ctx.replaced or b.id in a.ctx.replaced:
        return None  # a figure its own correction replaced is history, no one's current claim
    known = order(a, b)
    if known is not None:
        earlier, later = known
        assert later.quick is not None and earlier.quick is not None  # running counts are intervals
        if (total := _same_total(a, b)) is not None and not a.value.overlaps(b.value):
            return Finding(
                "numeric",
                (a.id, b.id),
                f"{a.says()} gives {a.shown()} and {b.says()} gives {b.shown()} among the same "
                f"{total} for {a.property} of {a.subject}: a part does not grow while its whole "
                f"stands still; the figures cannot both hold{hedge_note(a, b)}",
                severity("high", a, b),
                NAME,
                VERSION,
            )
        if later.quick[1] >= _reached(earlier) or revises(later, earlier) or earlier.id in a.ctx.superseded:
            return None  # a rise is an update; a stated correction replaces the old figure
        if estimate(earlier) and not estimate(later):
            return None  # a guess ("hundreds feared dead", "perhaps a thousand") is no count to fall from
        return Finding(
            "decrease",
            (a.id, b.id),
            f"{later.says()} gives {later.shown()}, lower than the {earlier.shown()} "
            f"{earlier.says()} gave earlier; a running count should not fall{hedge_note(a, b)}",
            severity("medium", a, b),
            NAME,
            VERSION,
        )
    # Reports dated only by their sources: the hour of each is unknown. One article giving two
    # figures of its day in no order it states gives them as standing at once when both are its
    # own or both are quoted (rival speakers); its own figure beside a quote may update the quote.
    dated = (a.as_of_explicit and b.as_of_explicit) or (
        a.source_id == b.source_id and (a.speaker_id is None) == (b.speaker_id is None)
    )
    if a.value.overlaps(b.value) or not (dated and same_moment(a, b)):
        return None
    if estimate(a) or estimate(b):
        return None  # guesses at what a count will become contradict neither a count nor each other
    assert a.quick is not None and b.quick is not None  # running counts are intervals
    high = a if a.quick[0] > b.quick[0] else b
    if rose_to(high):
        return None  # "the toll rose to 233 on Sunday": the higher figure is that day's update
    return Finding(
        "same_day",
        (a.id, b.id),
        f"{a.says()} gives {a.shown()} for {a.property} of {a.subject}; {b.says()} gives "
        f"{b.shown()} for the same day, in no known order: differing same-day figures"
        f"{hedge_note(a, b)}",
        "low",
        NAME,
        VERSION,
    )


def _same_total(a: ClaimView, b: ClaimView) -> str | None:
    """The total both articles give beside two counts of one part of a running count ("seven
    children among 74 dead", "12 children among the 74"), as written; None when they give none in
    common. With its whole unchanged, the part cannot have changed either."""
    if not a.scope or a.source_id == b.source_id:
        return None
    totals = a.ctx.totals
    ta = totals.get((a.source_id, a.subject_id, a.property_id), {})
    tb = totals.get((b.source_id, b.subject_id, b.property_id), {})
    return next((text for bounds, text in ta.items() if bounds in tb), None)


def _within_account(a: ClaimView, b: ClaimView) -> bool:
    """b falls within the span of figures a's speaker gives in a's article: a's account is that
    uncertain range ("some said 750, others around 400"), and b agrees with part of it."""
    span = a.ctx.spread.get(a.id)
    assert b.quick is not None  # compared figures are intervals
    return span is not None and b.quick[0] <= span[1] and span[0] <= b.quick[1]


def _reached(c: ClaimView) -> float:
    """The least a report says a running count has reached: its lower end, or for a figure given
    only as a ceiling ("as many as 143 have died") that figure, since a count is reported by how
    high it has gone."""
    assert c.quick is not None  # running counts are intervals
    low, high = c.quick[0], c.quick[1]
    return high if low == float("-inf") else low


# Figures of one authority this close are its successive counts (a tally as precincts report), not
# two answers: "54.086%" and then "53.92%" from one election commission.
SUCCESSIVE = 0.01


def successive(a: ClaimView, b: ClaimView) -> bool:
    """One speaker's two figures for a question that changes over time, within 1 % of each other."""
    if a.speaker_id is None or a.speaker_id != b.speaker_id:
        return False
    assert a.quick is not None and b.quick is not None  # compared figures are intervals
    gap = max(b.quick[0] - a.quick[1], a.quick[0] - b.quick[1])
    size = max(abs(x) for x in (*a.quick[:2], *b.quick[:2]) if abs(x) != float("inf"))
    return size > 0 and gap <= SUCCESSIVE * size


# Sums in two currencies are compared only when no exchange rate of recent decades could make them
# one sum: this many times apart, once each is put in dollars at a rough rate (values.USD_PER_UNIT).
CURRENCY_GAP = 30


def _currencies(a: ClaimView, b: ClaimView) -> Finding | None:
    """Two sums of one question in different currencies that cannot be the same sum: most often
    one figure written with the wrong currency ("Rs50 billion" and "$50 billion")."""
    ra, rb = USD_PER_UNIT.get(a.dimension or ""), USD_PER_UNIT.get(b.dimension or "")
    if ra is None or rb is None or not comparable_but_unit(a, b):
        return None
    assert a.quick is not None and b.quick is not None  # comparable figures are intervals
    (la, ha), (lb, hb) = (x * ra for x in a.quick[:2]), (x * rb for x in b.quick[:2])
    if not (ha * CURRENCY_GAP < lb or hb * CURRENCY_GAP < la):
        return None
    if not a.single_value and not a.running_count and not same_moment(a, b):
        return None
    if a.running_count:
        return None  # a running count of money is no news form: leave it to a person
    return Finding(
        "numeric",
        (a.id, b.id),
        f"{a.says()} gives {a.shown()} for {a.property} of {a.subject}; {b.says()} gives "
        f"{b.shown()}: in {a.dimension} and {b.dimension}, more than {CURRENCY_GAP} times apart at "
        f"any recent exchange rate; the figures cannot both hold{hedge_note(a, b)}",
        severity("high", a, b),
        NAME,
        VERSION,
    )


def comparable_but_unit(a: ClaimView, b: ClaimView) -> bool:
    return (
        same_question(a, b)
        and a.is_interval
        and b.is_interval
        and a.polarity == "asserts"
        and b.polarity == "asserts"
        and a.value.type == b.value.type
        and a.forecast == b.forecast
    )
