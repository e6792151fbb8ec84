"""Placing a candidate in the ledger: which property (question) it answers, which entity it is
about. Lexical similarity (rapidfuzz) over property names, descriptions and the names a
lexicon question goes by; entities by alias first, then by fuzzy name as a *proposal* only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..anchoring import fold_text
from ..ledger.models import Alias, Claim, Entity, Property, Source
from .events import LedgerEvent
from .lexicon import Question

PROPERTY_MATCH = 0.75  # below this a new question is proposed
ALIAS_MATCH = 90  # rapidfuzz score above which an unknown name is proposed as an alias


@dataclass(frozen=True)
class PropertyMatch:
    property_id: int | None  # None: a new question
    name: str
    value_type: str
    score: float


@dataclass(frozen=True)
class EntityMatch:
    entity_id: int | None
    name: str
    link: str  # known | alias | new


class Ledger:
    """The ledger's vocabulary, read once per extraction."""

    def __init__(self, session: Session):
        self.session = session
        self.aliases: dict[str, int] = dict(session.execute(select(Alias.key, Alias.entity_id)).all())
        self.entity_names: dict[int, str] = dict(session.execute(select(Entity.id, Entity.name)).all())
        self.properties = [(p.id, p.name, p.value_type, p.description or "") for p in session.scalars(select(Property))]
        self.questions: set[tuple[int, int]] = set(
            session.execute(
                select(Claim.subject_id, Claim.property_id).where(Claim.status == "accepted").distinct()
            ).all()
        )
        keys: dict[int, set[str]] = {}
        for key, eid in self.aliases.items():
            keys.setdefault(eid, set()).add(key)
        # When and how often each event was reported: an article is matched to an event of its
        # days, and a name taken a month before names another event.
        reported: dict[int, tuple[set, set]] = {}
        for eid, sid, published, captured in session.execute(
            select(Claim.subject_id, Source.id, Source.published, Source.captured)
            .join(Source, Claim.source_id == Source.id)
            .join(Entity, Claim.subject_id == Entity.id)
            .where(Entity.kind == "event", Claim.status == "accepted")
            .distinct()
        ):
            days, sources = reported.setdefault(eid, (set(), set()))
            sources.add(sid)
            day = published or captured
            if day is not None:
                days.add(day.date() if hasattr(day, "date") and callable(day.date) else day)
        self.events = [
            LedgerEvent(
                eid,
                name,
                frozenset(keys.get(eid, set()) | {fold_text(name)}),
                frozenset(reported.get(eid, (set(), set()))[0]),
                len(reported.get(eid, (set(), set()))[1]),
            )
            for eid, name in session.execute(select(Entity.id, Entity.name).where(Entity.kind == "event"))
        ]
        # Entity names and aliases by their folded key, for fuzzy proposals.
        self._choices = {key: eid for key, eid in self.aliases.items() if len(key.split()) >= 2}

    def property_for(self, question: Question, strength: float, subject_id: int | None) -> PropertyMatch:
        best: PropertyMatch | None = None
        for pid, name, vtype, desc in self.properties:
            if vtype != question.value_type:  # a question is answered only in its own type
                continue
            score = (
                max(
                    max(
                        fuzz.token_set_ratio(alt.lower(), name.lower()),
                        fuzz.token_set_ratio(alt.lower(), desc.lower()) * 0.9 if desc else 0,
                    )
                    for alt in question.names
                )
                / 100
            )
            if question.value_type in ("share", "text"):
                # Free-form questions: the whole name must agree, not a shared word or two.
                score = min(score, fuzz.token_sort_ratio(question.name.lower(), name.lower()) / 100 + 0.1)
            if subject_id is not None and (subject_id, pid) in self.questions:
                score = min(1.0, score + 0.1)  # the very question this subject is contested on
            if score >= PROPERTY_MATCH and (best is None or score > best.score):
                best = PropertyMatch(pid, name, vtype, round(score, 3))
        return best or PropertyMatch(None, question.name, question.value_type, round(strength, 3))

    def entity_for(self, name: str | None, entity_id: int | None) -> EntityMatch | None:
        if not name:
            return None
        if entity_id is None:
            entity_id = self.aliases.get(fold_text(name))
        if entity_id is not None:
            return EntityMatch(entity_id, self.entity_names[entity_id], "known")
        key = fold_text(name)
        dated = re.search(r"\(\w+ \d{4}\)$", name)  # "X attack (May 2031)": named apart on purpose
        if len(key.split()) >= 2 and self._choices and not dated:
            hit = process.extractOne(key, self._choices.keys(), scorer=fuzz.token_set_ratio, score_cutoff=ALIAS_MATCH)
            if hit is not None:
                eid = self._choices[hit[0]]
                return EntityMatch(eid, self.entity_names[eid], "alias")
        return EntityMatch(None, name, "new")
