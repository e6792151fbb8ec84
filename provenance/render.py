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


@functools.cache
def err_console():
    from rich.console import Console

    return Console(stderr=True, markup=False, highlight=False, emoji=False)


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
    return text(cut_before + before, (source_text[start:end], "bold reverse"), after + cut_after,
                lines=True)


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
