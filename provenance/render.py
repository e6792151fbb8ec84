"""Terminal output shared by every command.

One rich Console for stdout and one for stderr, both with markup, highlighting and emoji off:
article text is untrusted and must reach the terminal as the characters it is, never as styles,
links or escape sequences. `safe()` and `safe_line()` make hidden characters visible; JSON is
written by `json_text()` (hidden characters escaped) with click.echo, never through rich.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import click

# Characters that act instead of showing: C0/C1 controls (but newline and tab), DEL, bidi marks,
# embeddings, overrides and isolates, zero-width characters and joiners, invisible operators, the
# byte-order mark, and line/paragraph separators. A reader never sees them, so neither does a view:
# each is shown as a visible escape, or escaped in JSON.
HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
NEWLINE_MARK = "\u23ce"  # ⏎


def _escape(m: re.Match) -> str:
    return f"\u27e8U+{ord(m.group()):04X}\u27e9"  # ⟨U+202E⟩


def safe(text: object) -> str:
    """Untrusted text made inert for a terminal, Markdown or HTML: every character that would act
    instead of showing (a control, a bidi override, a zero-width character) shown as ⟨U+XXXX⟩.
    Newlines and tabs stay: for the body of an article."""
    s = "" if text is None else str(text).replace("\r\n", "\n")
    return HIDDEN.sub(_escape, s)


def safe_line(text: object) -> str:
    """As safe(), for one-line fields (titles, names, table cells, messages): a line break is shown
    as ⏎, so that a name cannot forge a line of its own; a tab becomes a space."""
    s = "" if text is None else str(text)
    return safe(_BREAKS.sub(NEWLINE_MARK, s).replace("\t", " "))


def json_text(data, *, indent: int | None = 2) -> str:
    """JSON with every hidden character escaped (\\u202e): readable, and the value unchanged."""
    body = json.dumps(data, indent=indent, ensure_ascii=False, default=str)
    return HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", body)


@functools.cache
def console():
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich exits 1 here; the command has already committed, so let the CLI stop quietly
            # with 0, as for any other write to a closed pipe.
            self.quiet = True
            raise BrokenPipeError

    return _Console(markup=False, highlight=False, emoji=False, soft_wrap=False)


def json_option(f):
    """--json: machine-readable output instead of the terminal view."""
    return click.option("as_json", "--json", is_flag=True, help="Output JSON instead of text.")(f)


def emit_json(data) -> None:
    click.echo(json_text(data))


def text(*parts, lines: bool = False):
    """A rich Text from (string, style) pairs and plain strings. Each string is one line of
    untrusted text (safe_line: a line break in it is shown as ⏎); a part that is exactly "\\n" is
    the caller's own line break. With `lines`, the strings are the body of an article and keep
    their line breaks (safe)."""
    from rich.text import Text

    clean = safe if lines else (lambda s: s if s == "\n" else safe_line(s))
    t = Text()
    for part in parts:
        if isinstance(part, tuple):
            t.append(clean(part[0]), style=part[1])
        elif isinstance(part, Text):
            t.append(part)
        else:
            t.append(clean(part))
    return t


def table(*columns: str, title: str | None = None):
    from rich import box
    from rich.table import Table

    t = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", show_edge=False, pad_edge=False)
    for col in columns:
        t.add_column(col, overflow="fold")
    return t


def print_(renderable) -> None:
    console().print(renderable)


def quote_in_context(source_text: str, start: int, end: int, width: int = 120):
    """The quote highlighted inside a little of the text around it."""
    before = source_text[max(0, start - width) : start]
    after = source_text[end : end + width]
    cut_before = "…" if start - width > 0 else ""
    cut_after = "…" if end + width < len(source_text) else ""
    return text(cut_before + before, (source_text[start:end], "bold reverse"), after + cut_after, lines=True)


def is_tty() -> bool:
    return sys.stdout.isatty()


# -- list output: one option set, one writer ------------------------------------------------------

FORMATS = ("json", "nl", "csv", "tsv")
Columns = Mapping[str, Callable[[Any], object]]


def output_options(f):
    """--json, --nl, --csv, --tsv (else a table): the command receives `output`, one of
    "table", "json", "nl", "csv" or "tsv"."""

    @functools.wraps(f)
    def run(*args, as_json: bool, nl: bool, csv: bool, tsv: bool, **kwargs):
        chosen = [name for name, on in zip(FORMATS, (as_json, nl, csv, tsv), strict=True) if on]
        if len(chosen) > 1:
            raise click.UsageError("choose one of --json, --nl, --csv and --tsv")
        return f(*args, output=chosen[0] if chosen else "table", **kwargs)

    for option in reversed(
        (
            click.option("as_json", "--json", is_flag=True, help="Output JSON (one array)."),
            click.option("--nl", is_flag=True, help="Output newline-delimited JSON (one object a line)."),
            click.option("--csv", is_flag=True, help="Output CSV, the table's columns."),
            click.option("--tsv", is_flag=True, help="Output TSV, the table's columns."),
        )
    ):
        run = option(run)
    return run


def output_rows(
    output: str,
    items: Sequence,
    columns: Columns,
    *,
    as_json: Callable[[Any], object] | None = None,
    view: Callable[[Sequence], None] | None = None,
) -> None:
    """Write a list command's items in the chosen `output` format.

    JSON and NDJSON hold `as_json(item)` (the item itself by default); CSV, TSV and the table hold
    `columns` (header -> item -> cell). `view`, when given, replaces the table on the terminal
    format (for lists better read as text). Nothing but the table goes through rich."""
    if output in ("json", "nl"):
        data = [as_json(i) for i in items] if as_json else list(items)
        if output == "json":
            emit_json(data)
        else:
            for row in data:
                click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    cells = [[columns[h](i) for h in columns] for i in items]
    if output == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_plain(c, safe) for c in row] for row in cells])
        click.echo(buf.getvalue(), nl=False)
    elif output == "tsv":
        click.echo("\t".join(columns))
        for row in cells:
            click.echo("\t".join(_plain(c, safe_line) for c in row))
    elif view is not None:
        view(items)
    else:
        t = table(*columns)
        for row in cells:
            t.add_row(*(_plain(c, safe_line) for c in row))
        print_table(t)


def _plain(cell: object, clean: Callable[[object], str]) -> str:
    return "" if cell is None else clean(cell)


def print_table(t) -> None:
    """A table: fitted to a terminal; elsewhere (a pipe, a file) at full width, so that no cell is
    folded over two lines, and without trailing spaces."""
    if is_tty():
        print_(t)
        return
    import io

    from rich.console import Console

    buf = io.StringIO()
    Console(
        file=buf, width=1_000_000, markup=False, highlight=False, emoji=False, color_system=None, soft_wrap=False
    ).print(t)
    for line in buf.getvalue().splitlines():
        click.echo(line.rstrip())
