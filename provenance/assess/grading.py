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

An origin is where the fact comes from, not the outlet that prints it: a statement quoted by five
outlets is one origin (its speaker), and copies of one text are one origin. A scope difference
(the same figures counting different things) is not a conflict for grading; neither is a
dismissed or superseded conflict, nor a same-day difference; a decrease counts against the
earlier figure only, since the later one may be a correction. A figure its own authority later
replaced (a linked revision, or a lower figure from the same speaker later on a running count) is
graded 5, "superseded", and counts against no answer: the latest figure is preferred. In a
dispute between parties (an accusation, a denial) only origins outside the dispute weigh: a
denial by the accused is not improbable because its accusers say otherwise, and speakers of one
side are one origin. "Estimated" and "about" qualify precision, not truth: they do
not make a claim hearsay.
"""

from __future__ import annotations

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


HEARSAY = (
    "reportedly",
    "reported",
    "allegedly",
    "alleged",
    "said to",
    "it has been said",
    "claimed",
    "unconfirmed",
    "rumoured",
    "rumored",
    "purportedly",
    "supposedly",
)


def is_rumour(hedge: str | None) -> bool:
    return hedge is not None and any(h in hedge.casefold() for h in HEARSAY)


def credibility(
    independent: int,
    grades: list[str],
    all_hedged: bool,
    in_conflict: bool,
    strongest_rival: int,
    partisan: bool = False,
) -> int:
    """The 1-6 grade of one answer (see the module docstring)."""
    return graded(independent, grades, all_hedged, in_conflict, strongest_rival, partisan=partisan)[0]


def superseded_grade(by: str) -> tuple[int, str]:
    """The grade of a figure its own authority replaced: no longer anyone's current claim."""
    return 5, f"superseded: {by}; the latest figure from the same authority is preferred"


def _origins(n: int) -> str:
    return "one independent origin" if n == 1 else f"{n} independent origins"


PARTY = "only the other party to the dispute says otherwise, and a party's word does not make it improbable"


def graded(
    independent: int,
    grades: list[str],
    all_hedged: bool,
    in_conflict: bool,
    strongest_rival: int,
    *,
    partisan: bool = False,
) -> tuple[int, str]:
    """The 1-6 grade of one answer and, in words, why it was given. `partisan`: every
    contradiction comes from a party to the dispute (an accuser, the accused), whose word weighs
    no origins against it."""
    if in_conflict and strongest_rival > independent:
        return 5, (f"{_origins(independent)}, against an answer backed by {_origins(strongest_rival)}")
    if independent >= 2:
        if in_conflict:
            return 2, f"{_origins(independent)} agree, but " + (PARTY if partisan else "another answer contradicts it")
        return 1, f"{_origins(independent)} agree and nothing contradicts it"
    if all_hedged:
        return 6, "only hearsay ('reportedly', 'alleged'...) backs it"
    if in_conflict and partisan:
        return 4, f"one origin, not confirmed; {PARTY}"
    if in_conflict:
        return 4, (
            f"one origin, contradicted by an answer backed by "
            f"{'as many' if strongest_rival == independent else 'fewer'}"
        )
    if any(g in ("A", "B") for g in grades):
        return 2, "one origin, from a source graded A or B, not contradicted"
    return 3, "one origin, not contradicted"
