"""The report document's pieces that need no database: both builders (build.py through the ORM,
quick.py through sqlite3 for a first page) assemble the same document with them, so the two
paths cannot drift apart."""

from __future__ import annotations

import datetime as dt
import json

# Kinds whose claims may answer different questions; they get a section of their own.
CROSS_QUESTION = ("rule", "accusation")

DECISIONS = {
    "conflict.confirm": "confirmed",
    "conflict.dismiss": "dismissed",
    "conflict.resolve": "resolved",
    "conflict.reopen": "reopened",
    "source.grade": "graded",
    "claim.reject": "rejected",
    "candidate.reject": "rejected",
}
DECISIONS_SHOWN = 500  # the latest decisions the report lists


def document(
    counts: tuple[int, int, int],
    open_by_kind: dict[str, int],
    questions: list[dict],
    sources: list[dict],
    decisions: list[dict],
    cross: list[dict],
    limit: int | None,
    offset: int,
) -> dict:
    """The report: `counts` are (sources, accepted claims, conflicts); `sources` the quoted ones;
    `cross` the conflicts across questions, already folded."""
    n_sources, n_claims, n_conflicts = counts
    return {
        "generated_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
        "summary": {
            "sources": n_sources,
            "claims": n_claims,
            "conflicts": n_conflicts,
            "open_conflicts_by_kind": dict(sorted(open_by_kind.items())),
            "contested_questions": len(questions) if limit is None else None,
            "page": {"limit": limit, "offset": offset, "questions": len(questions)},
        },
        # The sources this page quotes, not every source in the ledger.
        "sources": sources,
        # What analysts decided (conflict statuses, verdicts, grades, rejections), who and when.
        "decisions": decisions,
        "questions": questions,
        # Conflicts across questions (rules, mutual accusations) have no single question to sit in.
        "other_conflicts": cross,
    }


def quoted_sources(questions: list[dict], cross_claims) -> set[int]:
    """The ids of the sources a page quotes: its answers' claims and the cross conflicts' claims."""
    return {c["source_id"] for q in questions for a in q["answers"] for c in a["claims"]} | {
        c.source_id for c in cross_claims
    }


def source_entry(s) -> dict:
    """A loaded source (ORM or plain) as the report lists it."""
    from ..assess.grading import RELIABILITY

    return {
        "id": s.id,
        "title": s.title,
        "outlet": s.outlet,
        "author": s.author,
        "url": s.url,
        "published": s.published.isoformat() if s.published else None,
        "captured": s.captured.isoformat() if s.captured else None,
        "date": str(s.published or s.captured or ""),  # Source.date
        "reliability": s.reliability,
        "reliability_text": RELIABILITY[s.reliability],
        "media_type": s.media_type,
    }


def decision_entry(at: dt.datetime, actor: str, action: str, target: str, payload: str) -> dict:
    """One audit event of a decision people made, as the report lists it."""
    data = json.loads(payload)
    kind, _, ident = target.partition(":")
    return {
        "at": at.isoformat(timespec="seconds") + "Z",
        "who": actor,
        "action": DECISIONS[action],
        "target": kind,
        "target_id": ident,
        "grade": data.get("grade"),
        "note": data.get("note") or data.get("reason"),
        "verdicts": data.get("verdicts") or {},
    }


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


def across_key(c) -> frozenset:
    """What a conflict across questions disagrees about: folded with its copies and repeats."""
    return frozenset(
        (cl.subject_id, cl.property_id, cl.polarity, cl.value_json, (cl.scope or "").casefold()) for cl in c.claims
    )


def also_text(conflict: dict) -> str:
    """' (also #2, #5: the same disagreement in copies or repeats)', or ''."""
    if not conflict.get("also"):
        return ""
    return f" (also {', '.join(f'#{i}' for i in conflict['also'])}: the same disagreement in copies or repeats)"
