"""provenance entities | properties | rules"""

from __future__ import annotations

import click

from ..render import output_options, output_rows, safe_line
from .app import with_ledger, with_session


@click.group()
def entities() -> None:
    """Things claims are about and speakers who make them, with their aliases."""


@entities.command("list")
@output_options
@with_session(readonly=True)
def entities_list(session, output):
    """Every entity with its aliases."""
    from ..claims.vocabulary import entity_json, list_entities

    output_rows(
        output,
        [entity_json(e) for e in list_entities(session)],
        {
            "id": lambda e: e["id"],
            "name": lambda e: e["name"],
            "kind": lambda e: e["kind"] or "",
            "side": lambda e: e["side"] or "",
            "aliases": lambda e: ", ".join(e["aliases"]),
        },
    )


@entities.command("add")
@click.argument("name")
@click.option("--alias", "aliases", multiple=True, help="Another name for it (repeatable).")
@click.option("--kind", help="person, organisation, group, country, place...")
@click.option("--side", help="The entity it speaks for (a spokesman's ministry, a ministry's country).")
@with_ledger
def entities_add(db, name, aliases, kind, side):
    """Add an entity."""
    from ..actions import add_entity

    e = add_entity(db, name, list(aliases), kind, side)
    click.echo(f"entity {e['id']}: {safe_line(e['name'])}")


class _AliasGroup(click.Group):
    """`entities alias NAME ALIAS` still adds, as before `alias add` and `alias remove` existed."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["add", *args]
        return super().parse_args(ctx, args)


@entities.group("alias", cls=_AliasGroup)
def entities_alias() -> None:
    """Add or remove another name of an entity (`alias NAME ALIAS` adds)."""


@entities_alias.command("add")
@click.argument("name")
@click.argument("alias")
@with_ledger
def alias_add(db, name, alias):
    """Give entity NAME another name ALIAS.

    Example: provenance entities alias add ISKP "IS-K"
    """
    from ..actions import add_alias

    e = add_alias(db, name, alias)
    click.echo(f"entity {e['id']}: {safe_line(e['name'])} is also {safe_line(alias)}")


@entities_alias.command("remove")
@click.argument("name")
@click.argument("alias")
@with_ledger
def alias_remove(db, name, alias):
    """Take ALIAS away from entity NAME (claims stay with the entity).

    Example: provenance entities alias remove ISKP "Islamic State"
    """
    from ..actions import remove_alias

    e = remove_alias(db, name, alias)
    click.echo(f"entity {e['id']}: {safe_line(e['name'])} is no longer {safe_line(alias)}")


@entities.command("rename")
@click.argument("name")
@click.argument("new_name")
@click.option("--drop-old", is_flag=True, help="Forget the old name too (by default it stays an alias).")
@with_ledger
def entities_rename(db, name, new_name, drop_old):
    """Give an entity a new main name; the old one stays an alias unless --drop-old.

    Example: provenance entities rename "ISPR" "Inter-Services Public Relations"
    """
    from ..actions import rename_entity

    e = rename_entity(db, name, new_name, keep_old=not drop_old)
    click.echo(f"entity {e['id']}: now {safe_line(e['name'])}")


@entities.command("set-side")
@click.argument("name")
@click.argument("side")
@with_ledger
def entities_set_side(db, name, side):
    """Say whose side NAME speaks for (SIDE an entity; '' for none); accusations compare sides.

    Example: provenance entities set-side "Khawaja Asif" Pakistan"""
    from ..actions import set_side
    from .claims import print_new_conflicts

    done = set_side(db, name, side or None)
    e = done.object
    click.echo(f"entity {e['id']}: {safe_line(e['name'])} speaks for {safe_line(e['side'] or 'no one')}")
    print_new_conflicts(done.conflicts)


@entities.command("split")
@click.argument("name")
@click.argument("new_name")
@click.option("--alias", "aliases", multiple=True, help="A name of NAME that belongs to the new entity (repeatable).")
@click.option(
    "--claim",
    "claim_ids",
    type=int,
    multiple=True,
    help="A claim about or by NAME that is really about or by the new entity (repeatable).",
)
@click.option("--kind", help="The new entity's kind (default: NAME's).")
@with_ledger
def entities_split(db, name, new_name, aliases, claim_ids, kind):
    """Part of an entity becomes its own: the aliases and claims named move to NEW_NAME.

    Example: provenance entities split "Islamic State" "IS-K" --alias ISKP --claim 3 --claim 7"""
    from ..actions import split_entity
    from .claims import print_new_conflicts

    kept, done = split_entity(db, name, new_name, list(aliases), list(claim_ids), kind)
    click.echo(
        f"entity {done.object['id']}: {safe_line(done.object['name'])} split from "
        f"{safe_line(kept['name'])} with {len(done.object['aliases'])} alias(es), {len(done.claims)} claim(s)"
    )
    print_new_conflicts(done.conflicts)


@entities.command("merge")
@click.argument("keep")
@click.argument("other")
@with_ledger
def entities_merge(db, keep, other):
    """Fold OTHER into KEEP: its aliases and claims move over."""
    from ..actions import merge_entities

    e = merge_entities(db, keep, other)
    click.echo(f"entity {e['id']}: {safe_line(e['name'])} now includes {safe_line(other)}")


@click.group()
def properties() -> None:
    """Questions that can be asked of a subject, with their value type."""


@properties.command("list")
@output_options
@with_session(readonly=True)
def properties_list(session, output):
    """Every property."""
    from ..claims.vocabulary import list_properties, property_json

    output_rows(
        output,
        [property_json(p) for p in list_properties(session)],
        {
            "id": lambda p: p["id"],
            "name": lambda p: p["name"],
            "type": lambda p: p["value_type"],
            "unit": lambda p: p["unit"] or "",
            "single": lambda p: "yes" if p["single_value"] else "",
            "running": lambda p: "yes" if p["running_count"] else "",
        },
    )


@properties.command("add")
@click.argument("name")
@click.option(
    "--type",
    "value_type",
    required=True,
    type=click.Choice(["quantity", "share", "date", "entity", "boolean", "text"]),
    help="What its values are: a quantity (4,000-6,000), a share (most), a date, an entity, yes/no, or free text.",
)
@click.option("--unit", help="The unit of a quantity (fighters, people, USD).")
@click.option("--single-value", is_flag=True, help="It takes one value at a time: different values conflict.")
@click.option(
    "--running-count/--not-running",
    default=None,
    help="A count that rises over time (a death toll): later rises are updates. "
    "Default: guessed from the name (toll, deaths, killed, wounded...).",
)
@click.option("--description", help="What the question means, for whoever records claims.")
@with_ledger
def properties_add(db, name, value_type, unit, single_value, running_count, description):
    """Add a property."""
    from ..actions import add_property

    p = add_property(
        db, name, value_type, unit=unit, single_value=single_value, running_count=running_count, description=description
    )
    running = ", running count" if p["running_count"] else ""
    click.echo(f"property {p['id']}: {safe_line(p['name'])} ({p['value_type']}{running})")


@properties.command("edit")
@click.argument("name")
@click.option("--name", "new_name", help="A new name.")
@click.option(
    "--type",
    "value_type",
    type=click.Choice(["quantity", "share", "date", "entity", "boolean", "text"]),
    help="A new value type: every stored value is read again, and the change refused if one cannot be.",
)
@click.option("--unit", help="The unit ('' for none).")
@click.option(
    "--single-value/--many-values",
    default=None,
    help="Whether it takes one value at a time (different values conflict).",
)
@click.option("--running-count/--not-running", default=None, help="Whether it is a count that rises over time.")
@click.option("--description", help="What it means ('' for none).")
@with_ledger
def properties_edit(db, name, new_name, value_type, unit, single_value, running_count, description):
    """Correct a property; its claims are checked again for conflicts.

    Example: provenance properties edit "death toll" --type quantity --running-count"""
    from ..actions import edit_property
    from .claims import print_new_conflicts

    done = edit_property(
        db,
        name,
        new_name=new_name,
        value_type=value_type,
        unit=unit,
        single_value=single_value,
        running_count=running_count,
        description=description,
    )
    p = done.object
    running = ", running count" if p["running_count"] else ""
    click.echo(
        f"property {p['id']}: {safe_line(p['name'])} ({p['value_type']}{running}); "
        f"{len(done.claims)} claim(s) checked again"
    )
    print_new_conflicts(done.conflicts)


@click.group()
def rules() -> None:
    """Declared conflicts-with rules between kinds of claims."""


@rules.command("list")
@output_options
@with_session(readonly=True)
def rules_list(session, output):
    """Every rule."""
    from ..claims.vocabulary import list_rules, rule_json

    output_rows(
        output,
        [rule_json(r) for r in list_rules(session)],
        {key: (lambda r, key=key: r[key]) for key in ("id", "name", "left", "right", "rationale")},
    )


@rules.command("add")
@click.argument("name")
@click.option("--left", required=True, help="A property.")
@click.option("--right", required=True, help="A property whose claims conflict with LEFT's.")
@click.option("--rationale", required=True, help="Why the two cannot both hold.")
@with_ledger
def rules_add(db, name, left, right, rationale):
    """Declare that claims of property LEFT conflict with claims of RIGHT about one subject."""
    from ..actions import add_rule

    r, found = add_rule(db, name, left, right, rationale)
    click.echo(f"rule {r['id']}: {safe_line(r['name'])}; {len(found)} new conflict(s)")


@rules.command("remove")
@click.argument("rule")
@with_ledger
def rules_remove(db, rule):
    """Remove RULE (its id or name); the conflicts it raised are superseded, with the reason.

    Example: provenance rules remove blame-vs-denial"""
    from ..actions import remove_rule

    r = remove_rule(db, rule)
    gone = r["superseded_conflicts"]
    click.echo(
        f"rule {r['id']} removed: {safe_line(r['name'])}; "
        + (f"superseded conflict(s) {', '.join(map(str, gone))}" if gone else "no conflict superseded")
    )


COMMANDS = [entities, properties, rules]
