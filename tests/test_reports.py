"""What the published reports say: the sources with outlet, link, dates and grade; every quote
linked to its source; analysts' decisions with who and when; Markdown that escapes only syntax."""

from __future__ import annotations

import json

from provenance.report.markdown import md, md_url


def test_markdown_escapes_syntax_not_prose():
    assert md("The UN (2023) counts #2 of 3, 50% + some") == "The UN (2023) counts #2 of 3, 50% + some"
    assert md("snake_case and Q&A stay") == "snake_case and Q&A stay"
    assert md("# not a heading") == "\\# not a heading" and md("- not a list") == "\\- not a list"
    assert md("1. not a list") == "1\\. not a list" and md("> not a quote") == "\\> not a quote"
    assert md("*bold* _em_ `code` [link](x) <b> a|b ~~del~~ &amp;") == (
        "\\*bold\\* \\_em\\_ \\`code\\` \\[link\\](x) \\<b> a\\|b \\~\\~del\\~\\~ &amp;amp;")
    assert md("line\nbreak\x1b[31m") == "line⏎break⟨U+001B⟩\\[31m"  # shown, inert (render.safe_line)
    assert md_url("https://ex.org/a b(c)") == "https://ex.org/a%20b%28c%29" and md_url("javascript:alert(1)") is None


def test_reports_list_sources_link_quotes_and_show_decisions(demo, tmp_path):
    p = tmp_path / "wire.txt"
    p.write_text("Officials said IS-K has about 3,000 fighters.\n", encoding="utf-8")
    demo("sources", "add", str(p), "--url", "https://wire.example.org/a_(b)", "--outlet", "Example Wire",
         "--published", "2024-05-04", "--captured", "2024-05-05", "--title", "IS-K strength (2024) #2")
    demo("claims", "add", "6", "--quote", "IS-K has about 3,000 fighters", "--subject", "IS-K",
         "--property", "fighter strength", "--value", "about 3,000", "--scope", "fighters")
    demo("sources", "grade", "6", "B")
    demo("conflicts", "resolve", "1", "--verdict", "1=mostly-true", "--note", "UN counts fighters only")

    doc = json.loads(demo("report", "--format", "json", "--limit", "0").stdout)
    wire = next(s for s in doc["sources"] if s["id"] == 6)
    assert (wire["url"], wire["outlet"], wire["published"], wire["captured"], wire["reliability"]) == (
        "https://wire.example.org/a_(b)", "Example Wire", "2024-05-04", "2024-05-05", "B")
    resolved = next(d for d in doc["decisions"] if d["action"] == "resolved")
    assert resolved["verdicts"] == {"1": "mostly-true"} and resolved["note"] == "UN counts fighters only"
    assert resolved["who"] and resolved["at"].endswith("Z")
    assert any(d["action"] == "graded" and d["grade"] == "B" for d in doc["decisions"])

    md_text = demo("report", "--format", "markdown", "--limit", "0").stdout
    assert "[IS-K strength (2024) #2](https://wire.example.org/a_%28b%29) — Example Wire; published 2024-05-04; " \
           "captured 2024-05-05; grade B" in md_text
    assert '<a id="source-6"></a>' in md_text and "[source 6](#source-6)" in md_text
    assert "\\(" not in md_text and "\\#" not in md_text  # prose left alone
    assert "| resolved conflict 1 (claim 1: mostly-true) | UN counts fighters only |" in md_text
    # Every quote line names its source with a link to the list.
    quotes = [line for line in md_text.splitlines() if line.startswith("> **")]
    assert quotes and all("](#source-" in line for line in quotes)

    html = demo("report", "--format", "html", "--limit", "0").stdout
    assert '<li id="source-6" value="6"><a href="https://wire.example.org/a_(b)" rel="noopener noreferrer">' in html
    assert html.count('<a href="#source-') >= 2 * len(quotes) - 1
    assert "Analysts&#x27; decisions" in html or "Analysts' decisions" in html
    assert 'name="viewport"' in html and "@media print" in html and "<script" not in html
    assert "<link" not in html and " src=" not in html and "@import" not in html  # self-contained
