"""numeric: two figures for one subject, property and moment whose intervals cannot overlap.

Open ends and "about" are respected (values.Interval.overlaps). For a running count (a death toll)
reports on different days are a timeline: a rise is an update, never a conflict; a later figure
lower than an earlier one is flagged as a decrease.
"""

from __future__ import annotations

from .base import ClaimView, Finding, later_of, same_moment, same_question

NAME, VERSION = "numeric", "1"


def check(a: ClaimView, b: ClaimView) -> Finding | None:
    if not (same_question(a, b) and a.is_interval and b.is_interval):
        return None
    if a.polarity != "asserts" or b.polarity != "asserts" or a.value.type != b.value.type:
        return None
    if a.scope and b.scope and a.scope != b.scope:
        return None  # the scope detector's case
    if a.value.overlaps(b.value):
        return None
    if a.running_count:
        order = later_of(a, b)
        if order is not None:
            earlier, later = order
            if later.value.bounds()[1] < earlier.value.bounds()[0]:
                return Finding(
                    "decrease", (a.id, b.id),
                    f"{later.says()} gives {later.shown()}, lower than the {earlier.shown()} "
                    f"{earlier.says()} gave earlier; a running count should not fall",
                    "medium", NAME, VERSION,
                )
            return None  # a rise over time: an update
    if not same_moment(a, b):
        return None
    return Finding(
        "numeric", (a.id, b.id),
        f"{a.says()} gives {a.shown()} for {a.property} of {a.subject}; {b.says()} gives "
        f"{b.shown()}; the figures cannot both hold",
        "high", NAME, VERSION,
    )
