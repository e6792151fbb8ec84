"""provenance export"""

from __future__ import annotations

import click

from ..render import safe_line
from .app import CliError, with_session


@click.command("export")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["web-annotation", "claimreview", "prov", "prov-n"]),
    help="web-annotation: W3C Web Annotation JSON-LD (read back by `provenance import`); "
    "claimreview: schema.org ClaimReview JSON-LD for claims given a verdict; "
    "prov / prov-n: the W3C PROV graph as PROV-JSON / PROV-N.",
)
@click.option(
    "--with-sources",
    is_flag=True,
    help="web-annotation: embed each annotated source's text and metadata, so that the "
    "file can be imported into an empty ledger.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to a file.")
@with_session(readonly=True)
def export(session, fmt, with_sources, output):
    """The ledger in a standard exchange format, for annotation tools, fact-check sites and
    provenance graphs."""
    from ..report.exports import export as run_export

    if with_sources and fmt != "web-annotation":
        raise CliError("--with-sources goes with --format web-annotation", 2)
    body = run_export(session, fmt, with_sources=with_sources)
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
