"""Terminal output shared by every command.

One rich Console for stdout and one for stderr, both with markup, highlighting and emoji off:
article text is untrusted and must reach the terminal as the characters it is, never as styles,
links or escape sequences. `safe()` makes control characters and bidi overrides visible. JSON is
written plainly with click.echo, never through rich.
"""

from __future__ import annotations

import functools
import json
import re
import sys

import click

# C0/C1 controls (but newline and tab), DEL, and the bidi embedding/override/isolate marks.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """Untrusted text made inert for a terminal: each control character shown as an escape."""
    s = "" if text is None else str(text)
    return _UNSAFE.sub(lambda m: ascii(m.group())[1:-1], s)


def safe_line(text: object) -> str:
    """As safe(), on one line: for titles, names and table cells."""
    return safe(re.sub(r"[\r\n\t]+", " ", "" if text is None else str(text)))


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


@functools.cache
def err_console():
    from rich.console import Console

    return Console(stderr=True, markup=False, highlight=False, emoji=False)


def json_option(f):
    """--json: machine-readable output instead of the terminal view."""
    return click.option("as_json", "--json", is_flag=True, help="Output JSON instead of text.")(f)


def emit_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def text(*parts):
    """A rich Text from (string, style) pairs and plain strings; strings pass through safe()."""
    from rich.text import Text

    t = Text()
    for part in parts:
        if isinstance(part, tuple):
            t.append(safe(part[0]), style=part[1])
        else:
            t.append(safe(part))
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
    return text(cut_before + before, (source_text[start:end], "bold reverse"), after + cut_after)


def is_tty() -> bool:
    return sys.stdout.isatty()


def print_rows(rows: list[dict], as_json: bool, columns: dict) -> None:
    """A list command's output: the rows as JSON, or a table of `columns` (header -> row -> text)."""
    if as_json:
        emit_json(rows)
        return
    t = table(*columns)
    for row in rows:
        t.add_row(*(safe_line(cell(row)) for cell in columns.values()))
    print_(t)
