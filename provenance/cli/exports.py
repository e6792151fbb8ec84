"""provenance export"""

from __future__ import annotations

import click

from .app import CliError, with_session
from ..render import safe_line


@click.command("export")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["web-annotation", "claimreview", "prov", "prov-n"]),
              help="web-annotation: W3C Web Annotation JSON-LD (read back by `provenance import`); "
                   "claimreview: schema.org ClaimReview JSON-LD for claims given a verdict; "
                   "prov / prov-n: the W3C PROV graph as PROV-JSON / PROV-N.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to a file.")
@with_session(readonly=True)
def export(session, fmt, output):
    """The ledger in a standard exchange format, for annotation tools, fact-check sites and
    provenance graphs."""
    from ..report.exports import export as run_export

    body = run_export(session, fmt)
    if not output:
        click.echo(body, nl=False)
        return
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(body)
    except OSError as exc:
        raise CliError(f"cannot write {safe_line(output)}: {exc.strerror}", 3) from None
    click.echo(f"wrote {safe_line(output)}", err=True)


COMMANDS = [export]
