"""The report's content, built once from the ledger; every format renders this same document."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..assess.contested import ContestedFilter, contested
from ..detect.folding import fold
from ..detect.store import ConflictFilter, conflict_json, list_conflicts
from ..ledger.models import Claim, Conflict, Source, utcnow

# Kinds whose claims may answer different questions; they get a section of their own.
CROSS_QUESTION = ("rule", "accusation")


def build_report(session: Session, limit: int | None = 50, offset: int = 0) -> dict:
    """The report; `limit` contested questions from `offset` (None: all of them)."""
    questions = contested(session, ContestedFilter(limit=limit, offset=offset))
    in_questions = {c["id"] for q in questions for c in q["conflicts"]}
    cross = [
        c
        for c in list_conflicts(session, ConflictFilter(kinds=CROSS_QUESTION, limit=limit))
        if c.id not in in_questions
    ]
    open_by_kind = dict(
        session.execute(
            select(Conflict.kind, func.count())
            .where(Conflict.status.in_(("open", "confirmed")))
            .group_by(Conflict.kind)
        ).all()
    )
    return {
        "generated_at": utcnow().isoformat(timespec="seconds"),
        "summary": {
            "sources": session.scalar(select(func.count()).select_from(Source)),
            "claims": session.scalar(select(func.count()).select_from(Claim).where(Claim.status == "accepted")),
            "conflicts": session.scalar(select(func.count()).select_from(Conflict)),
            "open_conflicts_by_kind": dict(sorted(open_by_kind.items())),
            "contested_questions": len(questions) if limit is None else None,
            "page": {"limit": limit, "offset": offset, "questions": len(questions)},
        },
        # The sources this page quotes, not every source in the ledger.
        "sources": [
            source_entry(s)
            for s in session.scalars(
                select(Source)
                .where(
                    Source.id.in_(
                        sorted(
                            {c["source_id"] for q in questions for a in q["answers"] for c in a["claims"]}
                            | {c.source_id for x in cross for c in x.claims}
                        )
                    )
                )
                .order_by(Source.id)
            )
        ],
        # What analysts decided (conflict statuses, verdicts, grades, rejections), who and when.
        "decisions": decisions(session),
        "questions": questions,
        # Conflicts across questions (rules, mutual accusations) have no single question to sit in.
        "other_conflicts": _fold_across(cross),
    }


def source_entry(s: Source) -> dict:
    from ..assess.grading import RELIABILITY

    return {
        "id": s.id,
        "title": s.title,
        "outlet": s.outlet,
        "author": s.author,
        "url": s.url,
        "published": s.published.isoformat() if s.published else None,
        "captured": s.captured.isoformat() if s.captured else None,
        "date": str(s.date or ""),
        "reliability": s.reliability,
        "reliability_text": RELIABILITY[s.reliability],
        "media_type": s.media_type,
    }


DECISIONS = {
    "conflict.confirm": "confirmed",
    "conflict.dismiss": "dismissed",
    "conflict.resolve": "resolved",
    "conflict.reopen": "reopened",
    "source.grade": "graded",
    "claim.reject": "rejected",
    "candidate.reject": "rejected",
}


def decisions(session: Session, limit: int = 500) -> list[dict]:
    """The latest decisions people made, oldest first, from the audit trail."""
    import json

    from ..ledger.models import Event

    rows = session.scalars(select(Event).where(Event.action.in_(DECISIONS)).order_by(Event.id.desc()).limit(limit))
    out = []
    for ev in reversed(list(rows)):
        payload = json.loads(ev.payload)
        kind, _, ident = ev.target.partition(":")
        out.append(
            {
                "at": ev.at.isoformat(timespec="seconds") + "Z",
                "who": ev.actor,
                "action": DECISIONS[ev.action],
                "target": kind,
                "target_id": ident,
                "grade": payload.get("grade"),
                "note": payload.get("note") or payload.get("reason"),
                "verdicts": payload.get("verdicts") or {},
            }
        )
    return out


def decision_text(d: dict) -> str:
    """'resolved conflict 3 (claim 1: mostly-true)': what was decided, as plain text."""
    what = f"{d['action']} {d['target']} {d['target_id']}"
    if d["grade"]:
        what += f" {d['grade']}"
    if d["verdicts"]:
        what += " (" + ", ".join(f"claim {k}: {v}" for k, v in d["verdicts"].items()) + ")"
    return what


def questions_line(summary: dict) -> str:
    """'10 contested questions', or which page of them this report shows."""
    page = summary["page"]
    if summary["contested_questions"] is not None:
        return f"{summary['contested_questions']} contested questions"
    if page["offset"] == 0 and page["questions"] < (page["limit"] or 0):
        return f"{page['questions']} contested questions"
    first = page["offset"] + 1
    return (
        f"contested questions {first}-{page['offset'] + page['questions']} "
        f"(more with --offset {page['offset'] + page['questions']})"
    )


def _fold_across(conflicts) -> list[dict]:
    """Conflicts across questions, one entry per disagreement between the same answers."""
    return fold(
        conflicts,
        lambda c: frozenset(
            (cl.subject_id, cl.property_id, cl.polarity, cl.value_json, (cl.scope or "").casefold()) for cl in c.claims
        ),
        conflict_json,
    )


def also_text(conflict: dict) -> str:
    """' (also #2, #5: the same disagreement in copies or repeats)', or ''."""
    if not conflict.get("also"):
        return ""
    return f" (also {', '.join(f'#{i}' for i in conflict['also'])}: the same disagreement in copies or repeats)"
