"""Grades in the Admiralty (NATO) convention.

A source's reliability, A to F, is set by the user (F, "cannot be judged", until then). Each
answer's information credibility, 1 to 6, is computed from independent support and conflicts:

  1 confirmed         two or more independent origins agree and no conflict touches the answer
  2 probably true     two or more independent origins agree, but the answer is in conflict;
                      or one origin graded A or B, not in conflict
  3 possibly true     one origin (or copies of one), not in conflict
  4 doubtful          one origin, in conflict with an answer backed by as many origins or fewer
  5 improbable        in conflict with an answer backed by more independent origins than this one
  6 cannot be judged  every claim behind it is hearsay ("reportedly", "said to", "alleged"...) and
                      nothing else supports it

A scope difference (the same figures counting different things) is not a conflict for grading, and
a dismissed conflict does not count. "Estimated" and "about" qualify precision, not truth: they do
not make a claim hearsay.
"""

from __future__ import annotations

RELIABILITY = {
    "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
    "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources", 2: "probably true", 3: "possibly true", 4: "doubtful",
    5: "improbable", 6: "truth cannot be judged",
}


HEARSAY = ("reportedly", "reported", "allegedly", "alleged", "said to", "it has been said",
           "claimed", "unconfirmed", "rumoured", "rumored", "purportedly", "supposedly")


def is_rumour(hedge: str | None) -> bool:
    return hedge is not None and any(h in hedge.casefold() for h in HEARSAY)


def credibility(independent: int, grades: list[str], all_hedged: bool, in_conflict: bool,
                strongest_rival: int) -> int:
    """The 1-6 grade of one answer (see the module docstring)."""
    if in_conflict and strongest_rival > independent:
        return 5
    if independent >= 2:
        return 2 if in_conflict else 1
    if all_hedged:
        return 6
    if in_conflict:
        return 4
    return 2 if any(g in ("A", "B") for g in grades) else 3
