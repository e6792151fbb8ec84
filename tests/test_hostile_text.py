"""Untrusted text is shown, never obeyed: every field of the ledger filled with every hostile form
(controls, escape sequences, bidi overrides and isolates, zero-width characters, line breaks),
then every view checked. Terminal, Markdown and HTML show each as a visible ⟨U+XXXX⟩ and a line
break in a one-line field as ⏎; JSON escapes them and keeps the value."""

from __future__ import annotations

import json
import re

import pytest

from provenance.render import HIDDEN

# Every form an article, a pasted name or an import file could smuggle in.
FORMS = ("\u202e08\u202c", "\x1b]0;pwned\x07", "\x1b[2J", "\x9b31m", "\u200b", "\u2066\u2069",
         "\u200f", "\ufeff", "\u2028", "\x08", "\x7f", "\u00ad", "\u061c")
HOSTILE = "".join(FORMS)
FORGED = "\nNUMERIC #99 (confirmed): FAKE LINE"  # a line break trying to forge a line of output
ONE_LINE = HOSTILE + FORGED
BODY = (f"Report {HOSTILE}\n\nOfficials said the toll {HOSTILE} was 80 people in Ashford.\n\n"
        f"The army said the toll was 95 people in Ashford.\n\nThe key component is locals{HOSTILE}.\n\n"
        f"The ministry said the key component is foreigners.\n")
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what must never reach a terminal


def field(label: str) -> str:
    return f"{label} {ONE_LINE}"


def short(label: str) -> str:
    """Hostile, yet within a short column (an entity's kind: 32, a unit: 64), as every backend
    must refuse what is longer."""
    return f"{label}{FORMS[0]}{FORMS[2]}{FORMS[3]}{FORMS[4]}\nFAKE"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from click.testing import CliRunner
    from conftest import Cli

    tmp = tmp_path_factory.mktemp("hostile")
    cli = Cli(tmp / "hostile.db")
    cli.runner = CliRunner(env={"COLUMNS": "400"})
    art = tmp / "article.txt"
    art.write_text(BODY, encoding="utf-8")
    cli("sources", "add", str(art), "--title", field("title"), "--outlet", field("outlet"),
        "--author", field("author"), "--url", "https://example.org/a\u202eb", "--published", "2024-05-01")
    cli("entities", "add", field("Ashford"), "--alias", "Ashford", "--kind", short("kind"))
    cli("entities", "add", field("Army"), "--alias", "army")
    cli("properties", "add", field("toll"), "--type", "quantity", "--unit", short("unit"),
        "--description", field("description"))
    cli("properties", "add", "key component", "--type", "text", "--single-value")
    cli("properties", "add", field("other"), "--type", "text")
    cli("rules", "add", field("rule"), "--left", "key component", "--right", field("other"),
        "--rationale", field("rationale"))
    for quote, value, speaker in [("the toll " + HOSTILE + " was 80 people", "80", None),
                                  ("the toll was 95 people", "95", "army")]:
        cli("claims", "add", "1", "--quote", quote, "--subject", "Ashford", "--property", field("toll"),
            "--value", value, *(["--speaker", speaker] if speaker else []), "--hedge", field("hedge"),
            "--scope", field("scope"), "--cites", field("cites"))
    cli("claims", "add", "1", "--quote", "key component is locals" + HOSTILE, "--subject", "Ashford",
        "--property", "key component", "--value", "locals" + ONE_LINE)
    cli("claims", "add", "1", "--quote", "key component is foreigners", "--subject", "Ashford",
        "--property", "key component", "--value", "foreigners")
    conflicts = cli.json("conflicts", "list")
    assert conflicts, "the hostile claims must conflict, so that conflict views have something to show"
    cli("conflicts", "confirm", str(conflicts[0]["id"]), "--note", field("note"))
    cli("extract", "1")
    return cli


VIEWS = [("sources", "list"), ("sources", "show", "1"), ("sources", "segments", "1"),
         ("claims", "list"), ("claims", "show", "1"), ("claims", "show", "3"),
         ("conflicts", "list"), ("conflicts", "show", "1"), ("contested",),
         ("entities", "list"), ("properties", "list"), ("rules", "list"),
         ("candidates", "list"), ("candidates", "show", "1"), ("review", "1"),
         ("report",), ("report", "--format", "markdown")]
JSON_VIEWS = [v for v in VIEWS if v[0] not in ("report", "review")] + [("report", "--format", "json")]


def _forged_line(out: str) -> bool:
    return any(line.lstrip(" │|>*-").startswith("NUMERIC #99") for line in out.splitlines())


@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_every_terminal_and_markdown_view_shows_hostile_text_as_text(hostile, view):
    out = hostile(*view).stdout
    assert not RAW.search(out), [c for c in RAW.findall(out)]
    assert not HIDDEN.search(out.replace("\n", "")), HIDDEN.findall(out)
    assert "⟨U+" in out  # shown, not dropped
    if view[:2] != ("sources", "show"):  # the article itself may hold lines; no one-line field may
        assert not _forged_line(out), out


def test_the_html_report_shows_every_hostile_character(hostile):
    out = hostile("report", "--format", "html").stdout
    assert not HIDDEN.search(out.replace("\n", "")) and not RAW.search(out)
    assert "⟨U+202E⟩08" in out and "⏎NUMERIC #99" in out and not _forged_line(out)


@pytest.mark.parametrize("view", JSON_VIEWS, ids=" ".join)
def test_every_json_view_escapes_hostile_text_and_keeps_it(hostile, view):
    args = view if view[0] == "report" else (*view, "--json")
    out = hostile(*args).stdout
    assert not HIDDEN.search(out.replace("\n", "")), HIDDEN.findall(out)
    data = json.dumps(json.loads(out), ensure_ascii=False)
    assert "\u202e" in data or "\\u202e" in out  # the value itself is kept


def test_error_messages_show_hostile_names_as_text(hostile):
    r = hostile("claims", "add", "1", "--quote", "the toll was 95 people", "--subject", field("nobody"),
                "--property", field("toll"), "--value", "1", ok=False)
    assert r.exit_code != 0 and r.stderr.count("\n") == 1 and not RAW.search(r.stderr)
    assert not HIDDEN.search(r.stderr.rstrip("\n"))
