"""A contested question's answers, grades and disagreements, from its loaded claims and conflicts.

Pure: it reads attributes of claims, sources, entities and conflicts, never a database, so that
`contested` over the ORM (contested.py) and its first page read through sqlite3 (pages.py) give
the same questions from the same functions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..claims.pages import article_title, as_of_label, speaker_name
from ..detect.folding import explanation_of, fold
from ..detect.scopes import scope_key
from ..values import Interval, from_json
from .grading import CREDIBILITY, graded, is_rumour, superseded_grade
from .independence import Passages, origins, side_of

if TYPE_CHECKING:  # or the quick path's plain objects with the same attributes (pages.py)
    from ..ledger.models import Claim, Conflict

LIVE_EXCLUDED = ("scope", "same_day")  # agreement on the figures; differing same-day figures


def questions(
    groups: list[list[Claim]],
    conflicts: dict[int, list[Conflict]],
    across: dict[int, tuple[int, str, set[int]]],
    passages_of: Callable[[set[int]], Passages],
) -> list[dict]:
    """The contested questions among these groups of one question's claims (each in id order).

    `conflicts`: by claim id, the conflicts that could sit inside one question; `across`: live
    conflicts touching these claims (size, kind, which of them); `passages_of`: the passages a set
    of sources share (ingest.copies.passages_between), asked once per question."""
    out = []
    for claims in groups:
        ids = {c.id for c in claims}
        # Claims of this question in a live disagreement with claims of other questions.
        outside = {
            i: kind for total, kind, members in across.values() if len(ids & members) < total for i in members & ids
        }
        passages = passages_of({c.source_id for c in claims})
        question = _question(claims[0], _grouped(claims), _question_conflicts(claims, conflicts), outside, passages)
        if question is not None:
            out.append(question)
    return out


def _answer_key(c: Claim) -> tuple:
    # Scopes worded differently that count the same people ("children", "minors") are one answer.
    return (c.polarity, c.value_json, scope_key(c.scope) or "")


def _grouped(claims: list[Claim]) -> dict[tuple, list[Claim]]:
    """Answers, with compatible values joined into one ("January 2015" and "2015"; "2,000",
    "about 2,000" and "thousands"): same polarity and scope, values that can both hold."""
    exact: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        exact[_answer_key(c)].append(c)
    keys = list(exact)
    values = {k: from_json(k[1]) for k in keys}
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            k = parent[k]
        return k

    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            va, vb = values[a], values[b]
            if a[0] == b[0] and a[2] == b[2] and va.type == vb.type and va.overlaps(vb):
                parent[find(b)] = find(a)
    out: dict[tuple, list[Claim]] = defaultdict(list)
    for k in keys:
        out[find(k)].extend(exact[k])
    return {k: sorted(v, key=lambda c: c.id) for k, v in out.items()}


LIVE_EXCLUDED = ("scope", "same_day")  # agreement on the figures; differing same-day figures


def _question_conflicts(claims: list[Claim], by_claim: dict[int, list[Conflict]]) -> list[Conflict]:
    ids = {c.id for c in claims}
    found = {}
    for c in claims:
        for conflict in by_claim.get(c.id, ()):
            if all(cl.id in ids for cl in conflict.claims):
                found[conflict.id] = conflict
    return [found[k] for k in sorted(found)]


def _question(
    first: Claim,
    answers: dict[tuple, list[Claim]],
    conflicts: list[Conflict],
    outside: dict[int, str],
    passages: Passages,
) -> dict | None:
    groups = list(answers.values())
    answer_of = {c.id: n for n, group in enumerate(groups, 1) for c in group}
    # Retired, dismissed, scope (agreement on the figures) and same-day differences challenge no
    # answer; a decrease challenges only the earlier figure (the later may be a correction).
    live = [c for c in conflicts if c.status not in ("dismissed", "superseded") and c.kind not in LIVE_EXCLUDED]
    timeline = first.property.running_count and len({_answer_key(c) for g in groups for c in g}) > 1
    if len(groups) < 2 and not live and not timeline:
        return None  # every answer agrees: nothing is contested (a running count's figures are
        # still shown, as the timeline they make)
    support = [origins(group, passages) for group in groups]
    replaced = _replaced_answers(groups, answer_of, first.property.running_count)
    in_conflict, strongest, partisan = _rivals(passages, groups, answer_of, live, support, set(replaced), outside)
    rendered = []
    for n, group in enumerate(groups, 1):
        value = from_json(group[0].value_json)
        independent, shared = support[n - 1]
        grades = [c.source.reliability for c in group]
        grade, why = graded(
            independent,
            grades,
            all(is_rumour(c.hedge) for c in group),
            n in in_conflict,
            strongest.get(n, 0),
            partisan=n in partisan,
        )
        if n in replaced:
            grade, why = superseded_grade(replaced[n])
        written = list(dict.fromkeys(c.value_text for c in group))
        rendered.append(
            {
                "answer": n,
                "value": value.to_json(),
                # As the sources word it ("thousands", not an interval); the interval is in "value".
                "value_shown": ("not " if group[0].polarity == "denies" else "") + " / ".join(written),
                "precisions": written,
                "polarity": group[0].polarity,
                "scope": group[0].scope,
                "sources": len({c.source_id for c in group}),
                "independent_sources": independent,
                "shared_origin": shared,
                "credibility": grade,
                "credibility_text": CREDIBILITY[grade],
                "credibility_why": why,
                "reliability": sorted(set(grades)),
                "claims": [
                    {
                        "id": c.id,
                        "source_id": c.source_id,
                        "source_title": c.source.title,
                        "article": article_title(c),
                        "speaker": speaker_name(c),
                        "as_of": as_of_label(c),
                        "hedge": c.hedge,
                        "value_text": c.value_text,
                        "quote": c.spans[0].quote,
                        "cites": c.cites,
                        "reliability": c.source.reliability,
                        "revises": c.revises_id,
                        "page": c.source.page_at(c.spans[0].start),
                    }
                    for c in group
                ],
            }
        )
    return {
        "subject": first.subject.name,
        "property": first.property.name,
        "running_count": first.property.running_count,
        "answers": rendered,
        "conflicts": _folded(conflicts, answer_of),
        # Kinds of the conflicts on this question, and of those it shares with other questions.
        "kinds": sorted({c.kind for c in conflicts} | set(outside.values())),
        "changed_over_time": [] if first.property.running_count else _changes(groups, live, answer_of),
        "timeline": _timeline(answers) if first.property.running_count else [],
    }


# Disputes between parties: an accusation, or a denial of what one party says of another. The
# parties' own word confirms only that it was said: it never makes the other side improbable.
PARTY_KINDS = ("accusation", "denial")


def is_party(c: Claim) -> bool:
    """Whether a claim's speaker is a party to what it says: it speaks for a side, or it is the
    subject or the entity its answer names (the accused denying, the accuser accusing)."""
    speaker = c.speaker
    if speaker is None:
        return False
    if side_of(speaker) is not None or speaker.id == c.subject_id:
        return True
    named = from_json(c.value_json).to_json().get("value")
    return isinstance(named, str) and named.casefold() == speaker.name.casefold()


def _rivals(
    passages: Passages,
    groups: list[list[Claim]],
    answer_of: dict[int, int],
    live: list[Conflict],
    support: list[tuple[int, list[list[int]]]],
    replaced: set[int],
    outside: dict[int, str],
) -> tuple[set[int], dict[int, int], set[int]]:
    """Which answers are contradicted, the independent origins of the strongest contradiction of
    each, and those contradicted only by parties to a dispute.

    A decrease challenges only the earlier figure (the later may be a correction); a figure its
    own authority replaced speaks against nothing. In an accusation or a denial only origins that
    are not parties weigh: a denial by the accused is not improbable because its accusers say
    otherwise. A disagreement with claims of another question (a rule, an accusation across
    subjects) contradicts the answer but brings no origins of this question to weigh."""
    in_conflict: set[int] = set()
    strongest: dict[int, int] = defaultdict(int)
    weighed: set[int] = set()  # contradicted by something other than a party's word

    def neutral(r: int) -> int:
        return origins([c for c in groups[r - 1] if not is_party(c)], passages)[0]

    for conflict in live:
        involved = {answer_of[cl.id] for cl in conflict.claims}
        targets = involved
        if conflict.kind == "decrease":
            earlier = min(conflict.claims, key=lambda cl: (cl.as_of_start or dt.date.min, cl.id))
            targets = {answer_of[earlier.id]}
        for n in targets:
            for r in involved - {n} - replaced:
                in_conflict.add(n)
                party = conflict.kind in PARTY_KINDS
                strength = neutral(r) if party else support[r - 1][0]
                strongest[n] = max(strongest[n], strength)
                if not party or strength:
                    weighed.add(n)
    for claim_id, kind in outside.items():
        n = answer_of[claim_id]
        in_conflict.add(n)
        if kind not in PARTY_KINDS:
            weighed.add(n)
    return in_conflict, dict(strongest), in_conflict - weighed


def _changes(groups: list[list[Claim]], live: list[Conflict], answer_of: dict[int, int]) -> list[dict]:
    """Answers of one polarity and scope that follow one another in time, with no conflict between
    them: "changed over time", from the last date of the earlier answer to the first of the later."""
    flagged = {frozenset(answer_of[cl.id] for cl in c.claims) for c in live}
    out = []
    for i, a in enumerate(groups, 1):
        for j, b in enumerate(groups, 1):
            if i == j or frozenset((i, j)) in flagged or _answer_key(a[0])[::2] != _answer_key(b[0])[::2]:
                # another polarity or another scope is another statement, not a change of this one
                continue
            a_end = max((c.as_of_end or c.as_of_start for c in a if c.as_of_start), default=None)
            b_start = min((c.as_of_start for c in b if c.as_of_start), default=None)
            if a_end and b_start and a_end < b_start:
                late = min(
                    (c for c in b if c.as_of_start), key=lambda c: c.as_of_start or dt.date.min
                )  # each has a start
                early = max((c for c in a if c.as_of_start), key=lambda c: c.as_of_end or c.as_of_start or dt.date.min)
                out.append(
                    {
                        "label": "changed over time",
                        "from_answer": i,
                        "to_answer": j,
                        "from": as_of_label(early),
                        "to": as_of_label(late),
                    }
                )
    return out


def _folded(conflicts: list[Conflict], answer_of: dict[int, int]) -> list[dict]:
    """One entry per disagreement between the question's answers, with the analyst's decision."""

    def answers(c: Conflict) -> tuple[int, ...]:
        return tuple(sorted({answer_of[cl.id] for cl in c.claims}))

    return fold(
        conflicts,
        answers,
        lambda c: {
            "id": c.id,
            "kind": c.kind,
            "status": c.status,
            "severity": c.severity,
            "explanation": explanation_of(c),
            "answers": list(answers(c)),
            "note": c.note,
            "decided_by": c.decided_by,
            "decided_at": c.decided_at.isoformat(timespec="minutes") if c.decided_at else None,
        },
    )


def _replaced_answers(groups: list[list[Claim]], answer_of: dict[int, int], running: bool) -> dict[int, str]:
    """Answers every claim of which its own authority later replaced, with, in words, by what.

    A claim is replaced by a later one that revises it (`--revises`), or, for a running count, by a
    later, lower figure from the same speaker (an authority correcting its own toll). A rise is an
    update, not a replacement: the earlier figure was true when given."""
    claims = [c for g in groups for c in g if c.polarity == "asserts"]
    by: dict[int, Claim] = {c.revises_id: c for c in claims if c.revises_id}
    if running:
        for e in claims:
            for later in claims:
                if e.id in by or later.speaker_id is None or later.speaker_id != e.speaker_id:
                    continue
                if _when(later) > _when(e) and _below(later, e) and answer_of[later.id] != answer_of[e.id]:
                    by[e.id] = later
    out = {}
    for n, group in enumerate(groups, 1):
        news = [by[c.id] for c in group if c.id in by]
        if group and len(news) == len(group):
            latest = max(news, key=_when)
            out[n] = f"{speaker_name(latest)} later gave {latest.value_text} (claim {latest.id}, {as_of_label(latest)})"
    return out


def _when(c: Claim) -> tuple:
    return (c.as_of_start or dt.date.min, c.as_of_at or dt.datetime.min)


def _below(later: Claim, earlier: Claim) -> bool:
    a, b = from_json(later.value_json), from_json(earlier.value_json)
    return isinstance(a, Interval) and isinstance(b, Interval) and a.bounds()[1] < b.bounds()[0]


def _timeline(answers: dict[tuple, list[Claim]]) -> list[dict]:
    """A running count's reports in date order: rises are updates, not conflicts; a figure that a
    later claim revises is marked superseded."""
    points = sorted(
        (c for group in answers.values() for c in group if c.polarity == "asserts"),
        key=lambda c: (c.as_of_start or dt.date.min, c.as_of_at or dt.datetime.min, c.id),
    )
    revised = {c.revises_id for c in points if c.revises_id}
    return [
        {
            "claim": c.id,
            "as_of": as_of_label(c),
            "value": c.value_text,
            "source_id": c.source_id,
            "speaker": speaker_name(c),
            "superseded": c.id in revised,
        }
        for c in points
    ]
