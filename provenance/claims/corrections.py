"""Correcting what was entered: sources, entities, properties, each change an undoable event.

Every function here changes rows through a history.Change, so its event carries the columns
before and after (`provenance log` shows them, `provenance undo` reverses them). Each returns the
ids of the claims whose meaning may have changed, for the caller to run detection on.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..errors import InputError, ProvenanceError
from ..ingest.sources import check_grade, check_url, find_source, parse_day
from ..ledger import events
from ..ledger.history import Change
from ..ledger.models import VALUE_TYPES, Alias, Candidate, Claim, Conflict, Entity, Property, Rule, Source
from ..values import Label, parse_value, to_json_text
from .vocabulary import alias_key, find_property, get_entity, get_property, resolve_entity

_SOURCE_TEXT = ("title", "outlet", "author")


def _opt(text: str | None) -> str | None:
    return text.strip() or None if text is not None else None


def _claims_of(session: Session, *where) -> list[Claim]:
    return list(session.scalars(select(Claim).where(*where).order_by(Claim.id)))


# -- sources ------------------------------------------------------------------------------------


def edit_source(session: Session, ref: str, **given) -> tuple[Source, list[int]]:
    """Change a source's metadata; '' clears a field. Claims dated by the source follow its date."""
    given = {k: v for k, v in given.items() if v is not None}
    if not given:
        raise InputError("say what to change: --title, --outlet, --author, --url, --published, --captured or --grade")
    source = find_source(session, ref)
    ch = Change()
    ch.touch(source)
    for key in _SOURCE_TEXT:
        if key in given:
            setattr(source, key, _opt(given[key]))
    if "url" in given:
        source.url = check_url(given["url"]) if given["url"] else None
    for key in ("published", "captured"):
        if key in given:
            setattr(source, key, parse_day(given[key], f"--{key}"))
    if "reliability" in given:
        source.reliability = check_grade(given["reliability"])
    moved = []
    for claim in _claims_of(session, Claim.source_id == source.id, Claim.as_of_text.is_(None)):
        if claim.as_of_start != source.date:
            ch.touch(claim)
            claim.as_of_start = claim.as_of_end = source.date
            moved.append(claim.id)
    # A grade alone is a decision the report lists ("graded"); anything else is an edit.
    action, about = (
        ("source.grade", {"grade": source.reliability}) if set(given) == {"reliability"} else ("source.edit", {})
    )
    ch.record(session, action, f"source:{source.id}", **about)
    return source, moved


def retire_source(session: Session, ref: str, reason: str) -> tuple[Source, list[int]]:
    """Take a source out of the reckoning: its claims are rejected, with the reason, and kept."""
    if not reason or not reason.strip():
        raise InputError("say why with --reason (kept with each of its claims)")
    source = find_source(session, ref)
    if source.retired is not None:
        raise InputError(f"source {source.id} is retired already ({source.retired}); `provenance undo` takes it back")
    ch = Change()
    ch.touch(source)
    source.retired = reason.strip()
    claims = _claims_of(session, Claim.source_id == source.id, Claim.status != "rejected")
    for claim in claims:
        ch.touch(claim)
        claim.status, claim.reason = "rejected", f"source retired: {reason.strip()}"
    ch.record(session, "source.retire", f"source:{source.id}", reason=reason.strip())
    return source, [c.id for c in claims]


# -- entities -----------------------------------------------------------------------------------


def _claims_about(session: Session, entity_ids: list[int]) -> list[int]:
    return [c.id for c in _claims_of(session, or_(Claim.subject_id.in_(entity_ids), Claim.speaker_id.in_(entity_ids)))]


def _naming(session: Session, names: set[str]) -> list[Claim]:
    """Accepted or pending claims whose answer is one of these entities (a categorical value is
    stored under the entity's name when recorded)."""
    import json

    keys = {n.casefold() for n in names}
    rows = session.scalars(
        select(Claim).join(Property, Property.id == Claim.property_id).where(Property.value_type == "entity")
    )
    return [c for c in rows if str(json.loads(c.value_json).get("value", "")).casefold() in keys]


def _rename_values(ch: Change, session: Session, old: str, new: str) -> list[int]:
    """Claims answering with entity `old` now answer with `new`, as a claim recorded today would."""
    changed = []
    for claim in _naming(session, {old}):
        ch.touch(claim).value_json = to_json_text(Label(new, "entity"))
        changed.append(claim.id)
    return changed


def _speaking_for(session: Session, entity_id: int) -> list[int]:
    """The entity and every entity that speaks for it, directly or through another (a spokesman
    for a ministry of this country)."""
    children: dict[int, list[int]] = {}
    for i, side in session.execute(select(Entity.id, Entity.side_id).where(Entity.side_id.is_not(None))):
        if side is not None:
            children.setdefault(side, []).append(i)
    found, todo = {entity_id}, [entity_id]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return sorted(found)


def claims_of_side(session: Session, entity_id: int) -> list[int]:
    """Every claim a change to whom this entity speaks for can change: those about or by it or by
    anyone speaking for it, and those naming any of them as the answer (an accusation compares
    the sides of who speaks and of whom it names)."""
    ids = _speaking_for(session, entity_id)
    names = {n for (n,) in session.execute(select(Entity.name).where(Entity.id.in_(ids)))}
    names |= {a for (a,) in session.execute(select(Alias.alias).where(Alias.entity_id.in_(ids)))}
    return sorted({*_claims_about(session, ids), *(c.id for c in _naming(session, names))})


def claims_touching(session: Session, entity: Entity) -> list[int]:
    """Every claim about, by, or answering with this entity: what a change to its names can change."""
    names = {entity.name, *(a.alias for a in entity.aliases)}
    return sorted({*_claims_about(session, [entity.id]), *(c.id for c in _naming(session, names))})


def rename_entity(session: Session, name: str, new: str, keep_old: bool = True) -> Entity:
    entity = get_entity(session, name)
    new = new.strip()
    owner = session.scalar(select(Alias).where(Alias.key == alias_key(new)))
    if owner is not None and owner.entity_id != entity.id:
        raise InputError(
            f"{new!r} is already a name of another entity (id {owner.entity_id}); "
            "merge them with `provenance entities merge`"
        )
    ch = Change()
    ch.touch(entity)
    old = entity.name
    entity.name = new
    if owner is None:
        alias = Alias(entity=entity, alias=new, key=alias_key(new))
        session.add(alias)
        session.flush()
        ch.create(alias)
    if old != new:
        _rename_values(ch, session, old, new)
    if not keep_old:
        gone = session.scalar(select(Alias).where(Alias.key == alias_key(old)))
        if gone is not None and gone.key != alias_key(new):
            ch.delete(gone)
            session.delete(gone)
    ch.record(session, "entity.rename", f"entity:{entity.id}", old=old, new=new)
    return entity


def add_alias(session: Session, name: str, alias: str) -> Entity:
    entity = get_entity(session, name)
    owner = session.scalar(select(Alias).where(Alias.key == alias_key(alias)))
    if owner is not None:
        who = "it" if owner.entity_id == entity.id else f"another entity (id {owner.entity_id})"
        raise InputError(f"{alias!r} is already a name of {who}")
    row = Alias(entity=entity, alias=alias.strip(), key=alias_key(alias))
    session.add(row)
    session.flush()
    ch = Change()
    ch.create(row)
    ch.record(session, "entity.alias", f"entity:{entity.id}", alias=alias.strip())
    return entity


def remove_alias(session: Session, name: str, alias: str) -> Entity:
    entity = get_entity(session, name)
    row = session.scalar(select(Alias).where(Alias.key == alias_key(alias), Alias.entity_id == entity.id))
    if row is None:
        raise InputError(f"{alias!r} is not a name of {entity.name!r}; see `provenance entities list`")
    if alias_key(entity.name) == row.key:
        raise InputError(f"{alias!r} is the entity's own name; rename it first with `provenance entities rename`")
    ch = Change()
    ch.delete(row)
    session.delete(row)
    ch.record(session, "entity.unalias", f"entity:{entity.id}", alias=row.alias)
    session.expire(entity)
    return entity


def set_side(session: Session, name: str, side: str | None) -> tuple[Entity, list[int]]:
    entity = get_entity(session, name)
    target = get_entity(session, side) if side else None
    if target is not None and target.id == entity.id:
        raise InputError(f"{entity.name!r} cannot speak for itself; give another entity or '' for none")
    ch = Change()
    ch.touch(entity)
    entity.side_id = target.id if target else None
    ch.record(session, "entity.side", f"entity:{entity.id}", side=target.name if target else None)
    session.flush()
    return entity, claims_of_side(session, entity.id)


def merge_entities(session: Session, keep: str, other: str) -> tuple[Entity, list[int]]:
    """Fold `other` into `keep`: its aliases, every claim and candidate about it or by it, and who
    speaks for it."""
    target, gone = get_entity(session, keep), get_entity(session, other)
    if target.id == gone.id:
        raise InputError(f"{keep!r} and {other!r} are already the same entity")
    ch = Change()
    for alias in list(gone.aliases):
        ch.touch(alias).entity_id = target.id
    for claim in _claims_of(session, Claim.subject_id == gone.id):
        ch.touch(claim).subject_id = target.id
    for claim in _claims_of(session, Claim.speaker_id == gone.id):
        ch.touch(claim).speaker_id = target.id
    for e in session.scalars(select(Entity).where(Entity.side_id == gone.id)):
        ch.touch(e).side_id = target.id
    # Candidates not yet reviewed follow too: accepted later, they land on the kept entity.
    for cand in session.scalars(select(Candidate).where(Candidate.subject_id == gone.id)):
        ch.touch(cand).subject_id = target.id
        cand.subject_text, cand.subject_link = target.name, "known"
    for cand in session.scalars(select(Candidate).where(Candidate.speaker_id == gone.id)):
        ch.touch(cand).speaker_id = target.id
        cand.speaker_text, cand.speaker_link = target.name, "known"
    answering = _rename_values(ch, session, gone.name, target.name)
    session.flush()
    session.expire(gone)
    ch.delete(gone)
    session.delete(gone)
    ch.record(session, "entity.merge", f"entity:{target.id}", merged=gone.id, name=gone.name)
    session.expire(target)
    return target, sorted({*claims_of_side(session, target.id), *answering})


def split_entity(
    session: Session, name: str, new: str, aliases: list[str], claim_ids: list[int], kind: str | None = None
) -> tuple[Entity, Entity, list[int]]:
    """Part of an entity becomes its own: the aliases named, and the claims named (as subject or
    speaker). The undoing of a merge made by mistake."""
    entity = get_entity(session, name)
    new = new.strip()
    moving = []
    for a in aliases:
        row = session.scalar(select(Alias).where(Alias.key == alias_key(a), Alias.entity_id == entity.id))
        if row is None:
            raise InputError(f"{a!r} is not a name of {entity.name!r}; see `provenance entities list`")
        if row.key == alias_key(entity.name):
            raise InputError(f"{a!r} is the entity's own name; it stays with {entity.name!r}")
        moving.append(row)
    claims = []
    for cid in claim_ids:
        claim = session.get(Claim, cid)
        if claim is None or entity.id not in (claim.subject_id, claim.speaker_id):
            raise InputError(f"claim {cid} is neither about nor by {entity.name!r}")
        claims.append(claim)
    if not moving and not claims:
        raise InputError("say what moves to the new entity: --alias NAME and/or --claim ID")
    owner = session.scalar(select(Alias).where(Alias.key == alias_key(new)))
    if owner is not None and owner not in moving:
        raise InputError(f"{new!r} is already a name of entity {owner.entity_id}")
    ch = Change()
    part = Entity(name=new, kind=kind or entity.kind)
    session.add(part)
    session.flush()
    ch.create(part)
    if owner is None:
        row = Alias(entity=part, alias=new, key=alias_key(new))
        session.add(row)
        session.flush()
        ch.create(row)
    for row in moving:
        ch.touch(row).entity_id = part.id
    for claim in claims:
        ch.touch(claim)
        if claim.subject_id == entity.id:
            claim.subject_id = part.id
        if claim.speaker_id == entity.id:
            claim.speaker_id = part.id
    ch.record(session, "entity.split", f"entity:{entity.id}", new=new)
    session.expire(entity)
    return entity, part, [c.id for c in claims]


# -- properties ---------------------------------------------------------------------------------


def _reread(session: Session, claim: Claim, value_type: str) -> str:
    """A claim's value as written, read again as `value_type`; the JSON, or InputError."""
    value = parse_value(claim.value_text, value_type)
    if value_type == "entity":
        value = Label(resolve_entity(session, claim.value_text).name, "entity")
    return to_json_text(value)


def edit_property(
    session: Session,
    name: str,
    *,
    new_name: str | None = None,
    value_type: str | None = None,
    unit: str | None = None,
    single_value: bool | None = None,
    running_count: bool | None = None,
    description: str | None = None,
) -> tuple[Property, list[int]]:
    """Change a property. A new type re-reads every stored value as written and is refused,
    changing nothing, when one of them cannot be read as that type."""
    prop = get_property(session, name)
    ch = Change()
    ch.touch(prop)
    if new_name is not None and new_name.strip() != prop.name:
        other = find_property(session, new_name)
        if other is not None and other.id != prop.id:
            raise InputError(f"a property named {new_name.strip()!r} already exists")
        prop.name = new_name.strip()
    claims = _claims_of(session, Claim.property_id == prop.id)
    if value_type is not None and value_type != prop.value_type:
        if value_type not in VALUE_TYPES:
            raise InputError(f"value type {value_type!r} is not one of {', '.join(VALUE_TYPES)}")
        reread, failed = {}, []
        for claim in claims:
            try:
                reread[claim.id] = _reread(session, claim, value_type)
            except ProvenanceError as exc:
                failed.append(f"claim {claim.id} {claim.value_text!r} ({exc.message})")
        if failed:
            raise InputError(
                f"{prop.name!r} cannot become {value_type}: {len(failed)} stored value(s) "
                f"would be lost, first {failed[0]}; correct them with `provenance claims "
                "edit ID --value`, or leave the type"
            )
        prop.value_type = value_type
        for claim in claims:
            if claim.value_json != reread[claim.id]:
                ch.touch(claim).value_json = reread[claim.id]
    if unit is not None:
        prop.unit = _opt(unit)
    if single_value is not None:
        prop.single_value = single_value
    if running_count is not None:
        prop.running_count = running_count
    if description is not None:
        prop.description = _opt(description)
    ch.record(session, "property.edit", f"property:{prop.id}")
    return prop, [c.id for c in claims]


# -- rules --------------------------------------------------------------------------------------


def get_rule(session: Session, ref: str) -> Rule:
    """A rule by its id or its name."""
    ref = ref.strip()
    rule = session.get(Rule, int(ref)) if ref.isdigit() else None
    rule = rule or session.scalar(select(Rule).where(Rule.name == ref))
    if rule is None:
        raise InputError(f"no rule {ref!r}; see `provenance rules list`")
    return rule


def remove_rule(session: Session, rule: Rule) -> dict:
    """Delete a rule (its conflicts are retired by the caller first); the rule as it was."""
    was = {"id": rule.id, "name": rule.name, "left": rule.left_property.name, "right": rule.right_property.name}
    for c in session.scalars(select(Conflict).where(Conflict.rule_id == rule.id)):
        c.rule_id = None  # through the ORM, not ON DELETE, so `undo` puts each back on its rule
    session.flush()
    session.delete(rule)
    session.flush()
    # The whole rule in the event, so the log says what was removed (`rules add` can restore it).
    events.record(session, "rule.remove", f"rule:{was['id']}", **was, rationale=rule.rationale)
    return was
