"""The report's first page through a plain DB-API connection (ledger/quick.py), no SQLAlchemy.

The same queries as build.py, written out for sqlite3; the questions come from assess/pages.py
(contested's quick path), and document.py assembles the very document build.py does. Stored
explanations stand for the current ones, as on contested's quick path: every write that changes
what a conflict rests on re-renders them through the ORM.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..ledger.quick import import_pure
from .document import (
    CROSS_QUESTION,
    DECISIONS,
    DECISIONS_SHOWN,
    across_key,
    decision_entry,
    document,
    quoted_sources,
    source_entry,
)


@dataclass
class ListedSource:
    """The columns of a source that source_entry reads."""

    id: int
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    published: dt.date | None
    captured: dt.date | None
    reliability: str
    media_type: str


def report_page(conn, limit: int, offset: int) -> dict:
    """build.build_report(session, limit, offset), through `conn`."""
    folding = import_pure("provenance.detect.folding")
    from ..assess.pages import conflicts_of_kinds, contested_page, verdicts
    from ..claims.pages import SAMPLE, conflict_dict

    questions = contested_page(conn, limit, offset)
    in_questions = {c["id"] for q in questions for c in q["conflicts"]}
    cross = [c for c in conflicts_of_kinds(conn, CROSS_QUESTION, limit, SAMPLE) if c.id not in in_questions]

    def entry(c) -> dict:
        return conflict_dict(c, folding.explanation_of(c), verdicts(conn, c.id) if c.status == "resolved" else [])

    return document(
        _counts(conn),
        dict(
            conn.execute(
                "SELECT kind, count(*) FROM conflicts WHERE status IN ('open', 'confirmed') GROUP BY kind"
            ).fetchall()
        ),
        questions,
        [source_entry(s) for s in _sources(conn, quoted_sources(questions, (c for x in cross for c in x.claims)))],
        _decisions(conn),
        folding.fold(cross, across_key, entry),
        limit,
        offset,
    )


def _counts(conn) -> tuple[int, int, int]:
    def count(sql: str) -> int:
        return conn.execute(sql).fetchone()[0]

    return (
        count("SELECT count(*) FROM sources"),
        # all less those not accepted (a small partial index), not a scan of every claim
        count("SELECT count(*) FROM claims") - count("SELECT count(*) FROM claims WHERE status != 'accepted'"),
        count("SELECT count(*) FROM conflicts"),
    )


def _sources(conn, ids: set[int]) -> list[ListedSource]:
    wanted = sorted(ids)
    out = []
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        out += [
            ListedSource(*r[:5], *(dt.date.fromisoformat(d) if d else None for d in r[5:7]), *r[7:])
            for r in conn.execute(
                "SELECT id, title, outlet, author, url, published, captured, reliability, media_type FROM sources "
                f"WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
        ]
    return sorted(out, key=lambda s: s.id)


def _decisions(conn) -> list[dict]:
    rows = conn.execute(
        f"SELECT at, actor, action, target, payload FROM events WHERE action IN ({', '.join('?' * len(DECISIONS))}) "
        "ORDER BY id DESC LIMIT ?",
        (*DECISIONS, DECISIONS_SHOWN),
    ).fetchall()
    return [decision_entry(dt.datetime.fromisoformat(at), *rest) for at, *rest in reversed(rows)]
