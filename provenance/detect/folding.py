"""Conflicts as shown: their current explanation, and one entry per disagreement.

Pure functions over loaded conflicts (ORM objects or the quick path's plain ones); kept apart from
store.py so that a first page read through sqlite3 (ledger/quick.py) uses the same ones.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any


def fold(conflicts: Iterable[Any], answers: Callable[[Any], Hashable], entry: Callable[[Any], dict]) -> list[dict]:
    """One entry per disagreement: conflicts of one kind, rule and status between the same
    `answers` (the same claim in a copy, or said twice) are listed once, naming the others in `also`."""
    out: dict[tuple, dict] = {}
    for c in conflicts:
        key = (c.kind, c.rule_id, c.status, answers(c))
        if key in out:
            out[key]["also"].append(c.id)
        else:
            out[key] = {**entry(c), "also": []}
    return list(out.values())


def explanation_of(c: Any) -> str:
    return getattr(c, "current_explanation", None) or c.explanation
