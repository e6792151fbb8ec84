"""The report's content, built once from the ledger; every format renders this same document."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..conflicts import conflict_json, list_conflicts
from ..contested import contested
from ..models import Claim, Source, utcnow


def build_report(session: Session) -> dict:
    questions = contested(session)
    conflicts = list_conflicts(session)
    in_questions = {c["id"] for q in questions for c in q["conflicts"]}
    open_by_kind = Counter(c.kind for c in conflicts if c.status in ("open", "confirmed"))
    return {
        "generated_at": utcnow().isoformat(timespec="seconds"),
        "summary": {
            "sources": session.scalar(select(func.count()).select_from(Source)),
            "claims": session.scalar(
                select(func.count()).select_from(Claim).where(Claim.status == "accepted")
            ),
            "conflicts": len(conflicts),
            "open_conflicts_by_kind": dict(sorted(open_by_kind.items())),
            "contested_questions": len(questions),
        },
        "sources": [
            {"id": s.id, "title": s.title, "outlet": s.outlet, "date": str(s.date or "")}
            for s in session.scalars(select(Source).order_by(Source.id))
        ],
        "questions": questions,
        # Conflicts across questions (rules, mutual accusations) have no single question to sit in.
        "other_conflicts": [conflict_json(c) for c in conflicts if c.id not in in_questions],
    }
