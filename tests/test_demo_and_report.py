"""The seed demo through the public path, and the report in every format."""

import json
import subprocess
import sys

from conftest import SEEDS


def test_every_claim_quote_is_its_source_text(demo):
    texts = {s["id"]: demo.json("sources", "show", str(s["id"]))["text"] for s in demo.json("sources", "list")}
    claims = demo.json("claims", "list")
    assert len(claims) == 37
    for c in claims:
        assert texts[c["source_id"]][c["start"] : c["end"]] == c["quote"]


def test_seed_texts_are_stored_byte_for_byte(demo):
    import hashlib

    for s in demo.json("sources", "list"):
        raw = (SEEDS / s["origin"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == s["sha256"]


def test_demo_twice_leaves_the_same_ledger(demo):
    before = [demo.json(*cmd) for cmd in (("claims", "list"), ("conflicts", "list"), ("entities", "list"))]
    r = demo("demo", "--no-report")
    assert "imported nothing new" in r.stderr
    after = [demo.json(*cmd) for cmd in (("claims", "list"), ("conflicts", "list"), ("entities", "list"))]
    assert before == after


def _conflicts_by_kind(doc):
    found = {}
    for q in doc["questions"]:
        for c in q["conflicts"]:
            found.setdefault(c["kind"], []).append((q, c))
    for c in doc["other_conflicts"]:
        found.setdefault(c["kind"], []).append((None, c))
    return found


def test_report_json_has_the_three_named_disagreements(demo):
    doc = json.loads(demo("report", "--format", "json").stdout)
    kinds = _conflicts_by_kind(doc)
    # 1. Membership: most Afghan citizens vs 90% non-Pashtun vs the key part foreign (rules).
    rules = [c for _, c in kinds["rule"]]
    assert {c["claims"][0]["quote"] for c in rules} >= {
        "most of its members have Afghan citizenship and are also present in the key positions of this group"}
    assert any("90% of ISIS Khorasan’s personnel are no longer Pashtun" in [x["quote"] for x in c["claims"]] for c in rules)
    assert any("key part of IS-K is made up of foreign jihadists" in " ".join(x["quote"] for x in c["claims"]) for c in rules)
    # 2. Strength: same numbers, different things counted; never a numeric contradiction.
    strength = next(q for q in doc["questions"] if q["property"] == "fighter strength")
    assert strength["kinds"] == ["scope"]
    scopes = {a["scope"] for a in strength["answers"]}
    assert scopes == {"fighters", "members and associates"}
    fighters = next(a for a in strength["answers"] if a["scope"] == "fighters")
    assert (fighters["sources"], fighters["independent_sources"]) == (2, 1)  # 000 and 001 are copies
    # 3. Bisham: ISPR asserts, the Afghan defence ministry denies.
    bisham = next(q for q in doc["questions"] if q["property"] == "where it was planned")
    assert bisham["kinds"] == ["denial"]
    speakers = {a["polarity"]: a["claims"][0]["speaker"] for a in bisham["answers"]}
    assert speakers == {"asserts": "Inter-Services Public Relations", "denies": "Afghan Ministry of Defence"}
    assert "accusation" in kinds


def test_compatible_seed_answers_are_not_flagged(demo):
    doc = json.loads(demo("report", "--format", "json").stdout)
    by_property = {q["property"]: q for q in doc["questions"]}
    # Answers that agree are not contested at all: "January 2015" and "2015"; "two thousand",
    # "about 2,000" and "thousands".
    assert "founding date" not in by_property and "fighters who joined IS-K" not in by_property
    contested = {q["property"]: q for q in demo.json("contested", "--limit", "0")}
    assert "founding date" not in contested
    # 2020 vs 2025: a change over time, labelled with both dates, not a conflict.
    defeated = by_property["defeated"]
    assert defeated["kinds"] == []
    (change,) = defeated["changed_over_time"]
    assert change["label"] == "changed over time" and change["from"] == "early 2020" and change["to"] == "2025"


def test_vague_amounts_are_shown_as_written_with_the_interval_in_json(demo):
    from provenance.assess.contested import ContestedFilter, contested
    from provenance.ledger.db import open_db

    db = open_db(str(demo.db))
    with db.session() as session:
        rows = contested(session, ContestedFilter(property="fighters who joined IS-K", limit=None))
    db.close()
    assert rows == []  # all its answers agree


def test_report_formats_carry_the_same_content(demo, tmp_path):
    out = tmp_path / "report.md"
    demo("report", "--format", "markdown", "--output", str(out))
    md = out.read_text(encoding="utf-8")
    html = demo("report", "--format", "html").stdout
    term = demo("report").stdout
    for body in (md, html, term):
        assert "fighter strength" in body and "where it was planned" in body
        assert "Inter-Services Public Relations" in body
    assert md.startswith("# Conflict report") and html.startswith("<!doctype html>")
    assert "\x1b" not in term  # piped: plain text, no escape codes


def test_contested_json(demo):
    rows = demo.json("contested", "--kind", "denial")
    assert {r["property"] for r in rows} == {"where it was planned", "nationality of the attacker", "predominant ethnicity"}
    for r in rows:
        for a in r["answers"]:
            assert {"sources", "independent_sources", "claims", "value"} <= set(a)


def test_conflicts_list_json_fields(demo):
    for c in demo.json("conflicts", "list"):
        assert {"id", "kind", "status", "severity", "explanation", "detector", "claims"} <= set(c)
        for cl in c["claims"]:
            assert {"id", "source_id", "speaker", "as_of", "value_text", "quote"} <= set(cl)


def test_python_dash_m_runs_the_cli(tmp_path):
    r = subprocess.run([sys.executable, "-m", "provenance", "--db", str(tmp_path / "x.db"), "db", "path"],
                       capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip().endswith("x.db")


HOSTILE = "Title [bold red]BOOM[/] \x1b[31mred\x1b[0m \x1b]8;;http://evil\x07link\x1b]8;;\x07 \u202eevil\n| a | b |\n<script>alert(1)</script>\n"


def test_untrusted_text_never_acts_on_the_terminal(cli, tmp_path):
    p = tmp_path / "hostile.txt"
    p.write_text(HOSTILE * 3, encoding="utf-8")
    cli("sources", "add", str(p), "--outlet", "[link=http://x]Outlet[/link]")
    cli("entities", "add", "<b>[bold]Group|x[/bold]</b>")
    cli("properties", "add", "size", "--type", "quantity")
    cli("properties", "add", "size2", "--type", "quantity")
    cli("claims", "add", "1", "--quote", "[bold red]BOOM[/] \x1b[31mred", "--subject", "<b>[bold]Group|x[/bold]</b>",
        "--property", "size", "--value", "5", "--occurrence", "1")
    cli("claims", "add", "1", "--quote", "[bold red]BOOM[/] \x1b[31mred", "--subject", "<b>[bold]Group|x[/bold]</b>",
        "--property", "size", "--value", "9", "--occurrence", "2")
    for args in (("sources", "show", "1"), ("sources", "list"), ("claims", "list"), ("claims", "show", "1"),
                 ("conflicts", "list"), ("conflicts", "show", "1"), ("report",), ("contested",)):
        out = cli(*args).stdout
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out, args
    shown = cli("sources", "show", "1").stdout
    assert "[bold red]BOOM[/]" in shown and "⟨U+001B⟩[31mred" in shown and "⟨U+202E⟩" in shown
    html = cli("report", "--format", "html").stdout
    assert "&lt;b&gt;[bold]Group|x[/bold]&lt;/b&gt;" in html and "<b>[bold]" not in html
    md = cli("report", "--format", "markdown").stdout
    assert "\x1b" not in md and "\\<b>\\[bold\\]Group\\|x" in md


def test_the_report_folds_one_disagreement_seen_through_copies(demo):
    doc = json.loads(demo("report", "--format", "json").stdout)
    strength = next(q for q in doc["questions"] if q["property"] == "fighter strength")
    (scope,) = strength["conflicts"]  # 000 and 001 each hold the claim: one disagreement
    assert scope["kind"] == "scope" and len(scope["also"]) == 1
    rules = [c for c in doc["other_conflicts"] if c["kind"] == "rule"]
    # A rule's disagreement is one conflict per pair of values, backed by the claims in both copies.
    assert len(rules) == 2 and not any(c["also"] for c in rules)
    assert all(len({cl["source_id"] for cl in c["claims"]}) >= 2 for c in rules)
    assert len(demo.json("conflicts", "list", "--kind", "rule")) == 2
    assert all(" claims from " in c["explanation"] for c in rules)
    assert f"also #{scope['also'][0]}" in demo("report").stdout


def test_the_demo_flags_exactly_its_disagreements_and_nothing_that_agrees(demo):
    """The seed demo's whole verdict: the three named disagreements (and the other real ones the
    seeds README names), the change over time labelled, and no conflict between answers that agree."""
    open_ = [c for c in demo.json("conflicts", "list") if c["status"] == "open"]
    by_kind: dict[str, int] = {}
    for c in open_:
        by_kind[c["kind"]] = by_kind.get(c["kind"], 0) + 1
    assert by_kind == {"accusation": 1, "denial": 3, "rule": 2, "scope": 2, "single_value": 1}
    property_of = {c["id"]: c["property"] for c in demo.json("claims", "list")}
    properties = {property_of[cl["id"]] for c in open_ for cl in c["claims"]}
    agreeing = {"founding date", "fighters who joined IS-K", "defeated", "country of main base"}
    assert not properties & agreeing
    rows = {q["property"]: q for q in demo.json("contested", "--limit", "0")}
    assert not {"founding date", "fighters who joined IS-K"} & set(rows)
    # A change over time, labelled with both dates; a scope difference is not one.
    assert [(c["from"], c["to"]) for c in rows["defeated"]["changed_over_time"]] == [("early 2020", "2025")]
    assert rows["fighter strength"]["changed_over_time"] == []
