"""Entities with their aliases, and properties: the ledger's vocabulary.

An entity is found by any of its aliases, compared folded (case, quotes, dashes, spaces), so
"IS-K", "is-k" and "IS–K" are one key. Names never merge silently: an unknown name is an error
unless the caller asks to create it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from ..anchoring import fold_text
from ..errors import InputError, NotFound
from ..ledger import events
from ..ledger.limits import get_row
from ..ledger.models import VALUE_TYPES, Alias, Claim, Entity, Property, Rule


def alias_key(name: str) -> str:
    key = fold_text(name)
    if not key:
        raise InputError("a name cannot be empty")
    if len(key) > 300:
        raise InputError(f"name {name[:40]!r}... is longer than 300 characters")
    return key


def find_entity(session: Session, name: str) -> Entity | None:
    return session.scalar(
        select(Entity).join(Alias).where(Alias.key == alias_key(name)).options(selectinload(Entity.aliases))
    )


def get_entity(session: Session, name: str) -> Entity:
    if name.isdigit() and (e := get_row(session, Entity, name)) is not None:
        return e
    entity = find_entity(session, name)
    if entity is None:
        raise NotFound(f"no entity named {name!r}; add it with `provenance entities add`")
    return entity


def add_entity(
    session: Session,
    name: str,
    aliases: Sequence[str] = (),
    kind: str | None = None,
    side: str | None = None,
) -> Entity:
    name = name.strip()
    if find_entity(session, name) is not None:
        raise InputError(f"an entity named {name!r} already exists")
    entity = Entity(name=name, kind=kind)
    if side:
        entity.side = get_entity(session, side)
    session.add(entity)
    session.flush()
    for alias in [name, *aliases]:
        _attach(session, entity, alias)
    events.record(session, "entity.add", f"entity:{entity.id}", name=name, aliases=list(aliases))
    return entity


def resolve_entity(session: Session, name: str, *, create: bool = False) -> Entity:
    """The entity a name refers to; created (as its own alias) only when asked to."""
    entity = find_entity(session, name)
    if entity is not None:
        return entity
    if not create:
        raise NotFound(
            f"no entity named {name!r}; add it with `provenance entities add {name!r}` "
            "or add an alias to an existing one"
        )
    return add_entity(session, name)


def _attach(session: Session, entity: Entity, alias: str) -> None:
    key = alias_key(alias)
    owner = session.scalar(select(Alias).where(Alias.key == key))
    if owner is not None:
        if owner.entity_id == entity.id:
            return
        raise InputError(f"{alias!r} is already a name of another entity (id {owner.entity_id})")
    session.add(Alias(entity=entity, alias=alias.strip(), key=key))
    session.flush()


def add_alias(session: Session, name: str, alias: str) -> Entity:
    entity = get_entity(session, name)
    _attach(session, entity, alias)
    events.record(session, "entity.alias", f"entity:{entity.id}", alias=alias)
    return entity


def merge_entities(session: Session, keep: str, other: str) -> Entity:
    """Fold `other` into `keep`: its aliases and every claim about it or by it."""
    target, gone = get_entity(session, keep), get_entity(session, other)
    if target.id == gone.id:
        raise InputError(f"{keep!r} and {other!r} are already the same entity")
    session.execute(update(Alias).where(Alias.entity_id == gone.id).values(entity_id=target.id))
    session.execute(update(Claim).where(Claim.subject_id == gone.id).values(subject_id=target.id))
    session.execute(update(Claim).where(Claim.speaker_id == gone.id).values(speaker_id=target.id))
    session.execute(update(Entity).where(Entity.side_id == gone.id).values(side_id=target.id))
    session.flush()
    session.expire_all()
    session.delete(session.get(Entity, gone.id))
    events.record(session, "entity.merge", f"entity:{target.id}", merged=gone.id, name=gone.name)
    return session.get_one(Entity, target.id)


def list_entities(session: Session) -> list[Entity]:
    return list(session.scalars(select(Entity).options(selectinload(Entity.aliases)).order_by(Entity.name)))


def entity_json(e: Entity) -> dict:
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "side": e.side.name if e.side else None,
        "aliases": sorted(a.alias for a in e.aliases if a.alias != e.name),
    }


def find_property(session: Session, name: str) -> Property | None:
    """A property by name, case-insensitively; None when there is none."""
    return session.scalar(select(Property).where(func.lower(Property.name) == name.strip().lower()))


def get_property(session: Session, name: str) -> Property:
    prop = find_property(session, name)
    if prop is None:
        raise NotFound(f"no property named {name!r}; add it with `provenance properties add`")
    return prop


# Counts that grow as reports come in: a quantity property so named is a running count unless
# the user says otherwise (a toll rising over days is an update, not a contradiction).
RUNNING_WORDS = (
    "toll",
    "death",
    "dead",
    "killed",
    "casualt",
    "wounded",
    "injured",
    "missing",
    "displaced",
    "evacuated",
    "arrested",
    "detained",
    "infected",
    "cases",
    "victims",
)


def looks_running(name: str, value_type: str) -> bool:
    low = name.casefold()
    return value_type == "quantity" and any(w in low for w in RUNNING_WORDS)


def add_property(
    session: Session,
    name: str,
    value_type: str,
    *,
    unit: str | None = None,
    single_value: bool = False,
    running_count: bool | None = None,
    description: str | None = None,
) -> Property:
    name = name.strip()
    if not name:
        raise InputError("a property name cannot be empty")
    if value_type not in VALUE_TYPES:
        raise InputError(f"value type {value_type!r} is not one of {', '.join(VALUE_TYPES)}")
    if find_property(session, name) is not None:
        raise InputError(f"a property named {name!r} already exists")
    if running_count is None:
        running_count = looks_running(name, value_type)
    prop = Property(
        name=name,
        value_type=value_type,
        unit=unit,
        single_value=single_value,
        running_count=running_count,
        description=description,
    )
    session.add(prop)
    session.flush()
    events.record(session, "property.add", f"property:{prop.id}", name=name, value_type=value_type)
    return prop


def list_properties(session: Session) -> list[Property]:
    return list(session.scalars(select(Property).order_by(Property.name)))


def property_json(p: Property) -> dict:
    return {
        "id": p.id,
        "name": p.name,
        "value_type": p.value_type,
        "unit": p.unit,
        "single_value": p.single_value,
        "running_count": p.running_count,
        "description": p.description,
    }


def add_rule(session: Session, name: str, left: str, right: str, rationale: str) -> Rule:
    if not rationale or not rationale.strip():
        raise InputError(f"rule {name!r} needs a rationale")
    if session.scalar(select(Rule).where(Rule.name == name)):
        raise InputError(f"a rule named {name!r} already exists")
    rule = Rule(
        name=name,
        left_property=get_property(session, left),
        right_property=get_property(session, right),
        rationale=rationale.strip(),
    )
    session.add(rule)
    session.flush()
    events.record(session, "rule.add", f"rule:{rule.id}", name=name, left=left, right=right)
    return rule


def list_rules(session: Session) -> list[Rule]:
    return list(session.scalars(select(Rule).order_by(Rule.name)))


def remove_rule(session: Session, ref: str) -> tuple[Rule, list[int]]:
    """Remove a rule (by name or id). Its conflicts lose their rule, so they no longer hold; the
    claims in them, for the caller to retire those conflicts. Undone by `provenance undo`."""
    from ..ledger.models import Conflict, ConflictClaim

    rule = session.scalar(select(Rule).where(Rule.name == ref.strip()))
    if rule is None and ref.strip().isdigit():
        rule = session.get(Rule, int(ref))
    if rule is None:
        raise InputError(f"no rule named {ref!r}; see `provenance rules list`")
    conflicts = list(session.scalars(select(Conflict).where(Conflict.rule_id == rule.id)))
    claims = sorted(
        set(
            session.scalars(
                select(ConflictClaim.claim_id).where(ConflictClaim.conflict_id.in_([c.id for c in conflicts]))
            )
        )
    )
    for c in conflicts:  # through the ORM, so undo puts each back on its rule
        c.rule_id = None
    session.flush()
    session.delete(rule)
    events.record(session, "rule.remove", f"rule:{rule.id}", name=rule.name, conflicts=len(conflicts))
    return rule, claims


def rule_json(r: Rule) -> dict:
    return {
        "id": r.id,
        "name": r.name,
        "left": r.left_property.name,
        "right": r.right_property.name,
        "rationale": r.rationale,
    }
