"""A day of work: where the data goes, correcting what was entered, history and undo, batches."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from provenance.cli import main


def test_demo_uses_its_own_ledger_and_says_where(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.delenv("PROVENANCE_DB", raising=False)
    result = CliRunner().invoke(main, ["demo", "--no-report"])
    assert result.exit_code == 0, result.output
    demo_db = tmp_path / "cfg" / "provenance" / "demo.db"
    assert demo_db.exists()
    assert not (tmp_path / "cfg" / "provenance" / "provenance.db").exists()  # the default: untouched
    assert f"demo ledger: {demo_db}" in result.stderr
    assert f"provenance contested --db {demo_db}" in result.stderr
    # the hint works as printed: --db after the subcommand
    listed = CliRunner().invoke(main, ["claims", "list", "--json", "--db", str(demo_db)])
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)) == 37


def test_db_after_the_subcommand_overrides_the_one_before(tmp_path, demo):
    other = tmp_path / "other.db"
    r = CliRunner().invoke(main, ["--db", str(other), "claims", "list", "--json", "--db", str(demo.db)])
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.stdout)) == 37


def two_reports(cli, tmp_path):
    """Two outlets giving different figures for one question, entered with a wrong type."""
    for name, n, day in (("a.txt", "12", "2024-05-04"), ("b.txt", "40", "2024-05-04")):
        p = tmp_path / name
        p.write_text(f"Officials said {n} fighters took part in the raid.\n", encoding="utf-8")
        cli("sources", "add", str(p), "--outlet", name[0].upper() + " Daily", "--published", day)
    cli("entities", "add", "The raid")
    cli("properties", "add", "raiders", "--type", "text")
    for src, n in (("1", "12"), ("2", "40")):
        cli("claims", "add", src, "--quote", f"{n} fighters", "--subject", "The raid",
            "--property", "raiders", "--value", n)


def test_property_type_fixed_then_figures_compared_and_undone(cli, tmp_path):
    two_reports(cli, tmp_path)
    assert cli.json("conflicts", "list") == [] or all(c["kind"] != "numeric" for c in cli.json("conflicts", "list"))
    r = cli("properties", "edit", "raiders", "--type", "quantity")
    assert "2 claim(s) checked again" in r.stdout and "new conflict" in r.stdout
    assert [c["value"]["type"] for c in cli.json("claims", "list")] == ["quantity", "quantity"]
    assert any(c["kind"] == "numeric" for c in cli.json("conflicts", "list"))
    log = cli.json("log", "--object", "property:1")
    assert log[0]["action"] == "property.edit"
    assert log[0]["payload"]["changes"][0]["before"] == {"value_type": "text"}
    r = cli("undo")
    assert r.stdout.startswith(f"undid event {log[0]['id']} (property.edit property:1)")
    assert cli.json("properties", "list")[0]["value_type"] == "text"
    assert [c["value"]["type"] for c in cli.json("claims", "list")] == ["text", "text"]
    chain = cli("verify")
    assert chain.exit_code == 0


def test_a_type_that_would_lose_values_is_refused_and_nothing_changes(cli, tmp_path):
    two_reports(cli, tmp_path)
    before = cli.snapshot()
    r = cli("properties", "edit", "raiders", "--type", "date", ok=False)
    assert r.exit_code == 3
    assert "cannot become date: 2 stored value(s) would be lost, first claim 1 '12'" in r.stderr
    assert "Traceback" not in r.output and cli.snapshot() == before


def test_sources_edit_redates_its_claims_and_undo_restores(cli, tmp_path):
    two_reports(cli, tmp_path)
    r = cli("sources", "edit", "1", "--title", "Raid report", "--outlet", "", "--published", "2024-05-06")
    assert r.stdout == "source 1 updated; 1 claim(s) re-dated\n"
    src = [s for s in cli.json("sources", "list") if s["id"] == 1][0]
    assert (src["title"], src["outlet"], src["published"]) == ("Raid report", None, "2024-05-06")
    assert cli.json("claims", "show", "1")["as_of"] == "2024-05-06"
    cli("undo")
    src = [s for s in cli.json("sources", "list") if s["id"] == 1][0]
    assert (src["outlet"], src["published"]) == ("A Daily", "2024-05-04")
    assert cli.json("claims", "show", "1")["as_of"] == "2024-05-04"


def test_sources_retire_rejects_its_claims_with_the_reason(cli, tmp_path):
    two_reports(cli, tmp_path)
    r = cli("sources", "retire", "2", "--reason", "satire site")
    assert r.stdout == "source 2 retired: 1 claim(s) rejected\n"
    assert cli.json("claims", "show", "2")["reason"] == "source retired: satire site"
    cli("undo")
    assert cli.json("claims", "show", "2")["status"] == "accepted"


def test_claims_edit_every_field_with_history(cli, tmp_path):
    two_reports(cli, tmp_path)
    cli("properties", "add", "raiders counted", "--type", "quantity")
    cli("entities", "add", "Police")
    cli("claims", "edit", "1", "--property", "raiders counted", "--speaker", "Police", "--as-of", "2024-05-03",
        "--scope", "armed men", "--hedge", "about", "--denies")
    c = cli.json("claims", "show", "1")
    assert (c["property"], c["value"]["type"], c["speaker"], c["as_of"], c["scope"], c["hedge"], c["polarity"]) == (
        "raiders counted", "quantity", "Police", "2024-05-03", "armed men", "about", "denies")
    what = cli("log", "--object", "claim:1").stdout
    assert "claim.edit  claim:1" in what and "speaker_id ∅ → " in what and "claim.add  claim:1" in what
    cli("undo")
    c = cli.json("claims", "show", "1")
    assert (c["property"], c["speaker"], c["polarity"], c["scope"]) == ("raiders", None, "asserts", None)


def test_entities_rename_alias_side_merge_split_and_undo_each(cli):
    cli("entities", "add", "Islamic State Khorasan Province", "--alias", "IS-K", "--alias", "ISKP")
    cli("entities", "add", "Pakistan")
    cli("entities", "add", "ISPR")
    assert cli("entities", "rename", "ISPR", "Inter-Services Public Relations").stdout == \
        "entity 3: now Inter-Services Public Relations\n"
    assert cli.json("entities", "list")[0]["aliases"] == ["ISPR"]
    cli("entities", "alias", "remove", "is-k", "ISKP")
    cli("entities", "set-side", "ISPR", "Pakistan")
    ents = {e["name"]: e for e in cli.json("entities", "list")}
    assert ents["Islamic State Khorasan Province"]["aliases"] == ["IS-K"]
    assert ents["Inter-Services Public Relations"]["side"] == "Pakistan"
    cli("entities", "merge", "Pakistan", "ISPR")  # a mistake...
    assert len(cli.json("entities", "list")) == 2
    cli("undo")  # ...taken back: the entity, its aliases and its side return
    ents = {e["name"]: e for e in cli.json("entities", "list")}
    assert ents["Inter-Services Public Relations"] == {"id": 3, "name": "Inter-Services Public Relations",
                                                       "kind": None, "side": "Pakistan", "aliases": ["ISPR"]}
    cli("entities", "split", "ISPR", "ISPR press office", "--alias", "ISPR")
    ents = {e["name"]: e for e in cli.json("entities", "list")}
    assert ents["ISPR press office"]["aliases"] == ["ISPR"] and ents["Inter-Services Public Relations"]["aliases"] == []
    for _ in range(3):  # split, side, alias removal
        cli("undo")
    ents = {e["name"]: e for e in cli.json("entities", "list")}
    assert ents["Islamic State Khorasan Province"]["aliases"] == ["IS-K", "ISKP"]
    assert ents["Inter-Services Public Relations"]["side"] is None and "ISPR press office" not in ents
    assert cli("verify").exit_code == 0


def test_undo_with_nothing_to_undo_says_so(cli):
    r = cli("undo", ok=False)
    assert r.exit_code == 3 and "nothing to undo" in r.stderr


def test_conflicts_in_batches_with_a_count_and_a_question(demo):
    open_ = [c["id"] for c in demo.json("conflicts", "list", "--status", "open")]
    assert len(open_) > 5
    before = demo.snapshot()
    r = demo("conflicts", "dismiss", "--all-open", input="n\n", ok=False)
    assert r.exit_code == 1 and f"dismiss {len(open_)} conflicts ({', '.join(map(str, open_))})?" in r.stderr
    assert demo.snapshot() == before
    rule = [c["id"] for c in demo.json("conflicts", "list", "--kind", "rule")]
    r = demo("conflicts", "dismiss", "--kind", "rule", "--note", "same rule, seen twice", "--yes")
    assert r.stdout.endswith(f"{len(rule)} conflicts dismissed\n")
    assert {c["status"] for c in demo.json("conflicts", "list", "--kind", "rule")} == {"dismissed"}
    first, second = [c["id"] for c in demo.json("conflicts", "list", "--status", "open")][:2]
    r = demo("conflicts", "confirm", str(first), str(second), "--note", "checked")
    assert r.stdout == f"conflict {first} confirmed\nconflict {second} confirmed\n2 conflicts confirmed\n"
    # a filter with --all-open takes only the open ones; --yes skips the question
    demo("conflicts", "resolve", "--all-open", "--yes")
    assert {c["status"] for c in demo.json("conflicts", "list")} == {"dismissed", "confirmed", "resolved"}


def test_a_batch_with_an_unknown_id_changes_nothing(demo):
    before = demo.snapshot()
    r = demo("conflicts", "dismiss", "1", "999", ok=False)
    assert r.exit_code == 4 and "no conflict with id 999" in r.stderr and demo.snapshot() == before
    r = demo("conflicts", "dismiss", ok=False)
    assert r.exit_code == 3 and "say which conflicts" in r.stderr


def test_conflict_history_keeps_every_decision_and_note(demo):
    demo("conflicts", "confirm", "1", "--note", "first look")
    demo("conflicts", "reopen", "1", "--note", "second thoughts")
    demo("conflicts", "dismiss", "1", "--note", "same figure")
    shown = demo.json("conflicts", "show", "1")
    assert [(h["old"], h["new"], h["note"]) for h in shown["history"]] == [
        ("open", "confirmed", "first look"), ("confirmed", "open", "second thoughts"),
        ("open", "dismissed", "same figure")]
    text = demo("conflicts", "show", "1").stdout
    assert text.index("first look") < text.index("second thoughts") < text.index("same figure")
    demo("undo")
    assert demo.json("conflicts", "show", "1")["status"] == "open"


def test_interactive_review_sets_every_field_and_offers_only_types_that_hold_the_value(cli):
    articles = Path(__file__).parent / "articles"
    cli("sources", "add", str(articles / "peshawar_day1.txt"), "--published", "2023-01-30", "--extract")
    # the headline's "kills dozens" comes first and is skipped; the body's figure is edited
    pending = cli.json("review")
    assert [(c["property"]["name"], c["value"]) for c in pending[:2]] == [
        ("death toll", "dozens"), ("death toll", "at least 32")]
    answers = ["s", "e", "", "people killed", "", "date", "text", "Police", "2023-01-29", "worshippers",
               "reportedly", "asserts", "q"]
    r = cli("review", "1", "--interactive", input="\n".join(answers) + "\n")
    # the quote sits in its paragraph; a type that cannot hold "at least 32" is not offered
    assert "killing at least 32 people and wounding 147" in r.stdout
    assert "(quantity, entity, text)" in r.stdout and "'date' is not one of" in r.stdout
    assert "accepted 1 candidate(s) as 1 new claim(s)" in r.stdout
    claim = cli.json("claims", "list")[0]
    assert (claim["property"], claim["value_text"], claim["speaker"], claim["as_of"], claim["scope"],
            claim["hedge"], claim["polarity"]) == (
        "people killed", "at least 32", "Police", "2023-01-29", "worshippers", "reportedly", "asserts")
    assert [p["value_type"] for p in cli.json("properties", "list") if p["name"] == "people killed"] == ["text"]


def test_report_starts_with_a_one_screen_summary_and_grades_read_right(demo):
    out = demo("report", "--no-pager").stdout
    lines = out.splitlines()
    head = lines.index("Contested questions   (conflict kind, best grade, question)")
    summary = lines[head + 1 : head + 11]
    assert head < 8 and len(lines[: head + 12]) <= 24  # the summary fits one screen
    assert summary[0].split()[:3] == ["1", "scope", "–3"]
    assert all(len(line) <= 80 for line in summary)
    assert "F3" not in out and "–3" in out and "– not graded" in out
    demo("sources", "grade", "4", "B")
    graded = demo("report", "--no-pager").stdout
    import re

    assert re.search(r"\sB[1-6]\s", graded)  # answers in source 4, now graded
    # at 80 columns no word is split inside a cell
    assert not any(line.rstrip().endswith(("Inter-Servic", "Asatry")) for line in graded.splitlines())
