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

    output_rows(output, [entity_json(e) for e in list_entities(session)], {
        "id": lambda e: e["id"], "name": lambda e: e["name"], "kind": lambda e: e["kind"] or "",
        "side": lambda e: e["side"] or "", "aliases": lambda e: ", ".join(e["aliases"]),
    })


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


@entities.command("alias")
@click.argument("name")
@click.argument("alias")
@with_ledger
def entities_alias(db, name, alias):
    """Give entity NAME another name ALIAS."""
    from ..actions import add_alias

    e = add_alias(db, name, alias)
    click.echo(f"entity {e['id']}: {safe_line(e['name'])} is also {safe_line(alias)}")


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

    output_rows(output, [property_json(p) for p in list_properties(session)], {
        "id": lambda p: p["id"], "name": lambda p: p["name"], "type": lambda p: p["value_type"],
        "unit": lambda p: p["unit"] or "", "single": lambda p: "yes" if p["single_value"] else "",
        "running": lambda p: "yes" if p["running_count"] else "",
    })


@properties.command("add")
@click.argument("name")
@click.option("--type", "value_type", required=True,
              type=click.Choice(["quantity", "share", "date", "entity", "boolean", "text"]))
@click.option("--unit")
@click.option("--single-value", is_flag=True, help="It takes one value at a time: different values conflict.")
@click.option("--running-count/--not-running", default=None,
              help="A count that rises over time (a death toll): later rises are updates. "
              "Default: guessed from the name (toll, deaths, killed, wounded...).")
@click.option("--description")
@with_ledger
def properties_add(db, name, value_type, unit, single_value, running_count, description):
    """Add a property."""
    from ..actions import add_property

    p = add_property(db, name, value_type, unit=unit, single_value=single_value,
                     running_count=running_count, description=description)
    running = ", running count" if p["running_count"] else ""
    click.echo(f"property {p['id']}: {safe_line(p['name'])} ({p['value_type']}{running})")


@click.group()
def rules() -> None:
    """Declared conflicts-with rules between kinds of claims."""


@rules.command("list")
@output_options
@with_session(readonly=True)
def rules_list(session, output):
    """Every rule."""
    from ..claims.vocabulary import list_rules, rule_json

    output_rows(output, [rule_json(r) for r in list_rules(session)], {
        key: (lambda r, key=key: r[key]) for key in ("id", "name", "left", "right", "rationale")
    })


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


COMMANDS = [entities, properties, rules]
