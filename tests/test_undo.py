"""`provenance undo` reverts the last change of any kind by appending its inverse; retired sources."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance import actions
from provenance.ledger.db import open_db

ARTICLES = Path(__file__).resolve().parent / "articles"
TEXT = ("Officials said 12 people died. The hospital said 40 people died. The toll rose to 52. "
        "Police now say 30 people died.\n")


def _ledger(cli, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    cli("sources", "add", str(src), "--published", "2024-05-04")
    cli("properties", "add", "death toll", "--type", "quantity", "--not-running")
    return cli


def _add(cli, quote, value, src="1"):
    r = cli("claims", "add", src, "--quote", quote, "--subject", "Blast", "--property", "death toll",
            "--value", value, "--new-entities", "--json")
    return json.loads(r.stdout)


def _count(cli, table: str) -> int:
    return sqlite3.connect(cli.db).execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _events(cli) -> list[tuple]:
    return sqlite3.connect(cli.db).execute("SELECT id, action, target FROM events ORDER BY id").fetchall()


def test_undo_after_claims_add_removes_that_claim_and_its_conflict(cli, tmp_path):
    _ledger(cli, tmp_path)
    _add(cli, "12 people died", "12")
    cli("claims", "edit", "1", "--hedge", "about")  # an earlier correction: it must stay
    (cid,) = _add(cli, "40 people died", "40")["new_conflicts"]
    chain = _events(cli)
    out = cli("undo").stdout
    assert out.startswith("undid event") and "claim.add claim:2" in out and "removes claims 2" in out
    assert f"conflicts {cid}" in out
    assert [c["id"] for c in cli.json("claims", "list")] == [1]
    assert cli.json("claims", "show", "1")["hedge"] == "about"
    assert cli.json("conflicts", "list") == []
    assert _events(cli)[: len(chain)] == chain  # appended, never rewritten
    assert _events(cli)[-1][1] == "undo"
    cli("verify")
    # Again: the correction before it.
    assert "claim.edit claim:1" in cli("undo").stdout
    assert cli.json("claims", "show", "1")["hedge"] is None


def test_undo_dry_run_says_what_and_changes_nothing(cli, tmp_path):
    _ledger(cli, tmp_path)
    _add(cli, "12 people died", "12")
    before = cli.snapshot()
    out = cli("undo", "--dry-run").stdout
    assert out.startswith("would undo event") and "claim.add" in out
    assert cli.snapshot() == before
    assert cli.json("undo", "--dry-run")["dry_run"] is True


def test_undo_a_source_add_then_a_property_add(cli, tmp_path):
    _ledger(cli, tmp_path)
    assert "property.add" in cli("undo").stdout
    assert cli.json("properties", "list") == []
    assert "source.add" in cli("undo").stdout
    assert cli.json("sources", "list") == [] and _count(cli, "spans") == 0 and _count(cli, "segments") == 0
    assert "nothing to undo" in cli("undo", ok=False).stderr
    cli("verify")


def test_an_import_is_undone_as_one_unit(demo):
    assert demo.json("claims", "list") and demo.json("conflicts", "list")
    out = demo("undo").stdout  # the demo's last change: the import of its claims file
    assert "claim.import" in out and "removes" in out
    assert demo.json("claims", "list") == [] and demo.json("conflicts", "list") == []
    assert len(demo.json("sources", "list")) == 5  # imported by the change before
    assert "removes sources 1 2 3 4 5" in demo("undo").stdout  # ...which goes next, as one unit too
    assert demo.json("sources", "list") == [] and demo.json("entities", "list") == []
    scanned = actions_scan(demo)
    assert scanned == ([], [])
    demo("verify")


def actions_scan(cli) -> tuple[list, list]:
    db = open_db(str(cli.db))
    try:
        s = actions.scan(db)
        return s.conflicts, s.retired
    finally:
        db.close()


def test_a_retired_source_is_marked_counts_for_nothing_and_comes_back_with_undo(cli, tmp_path):
    _ledger(cli, tmp_path)
    b = tmp_path / "b.txt"
    b.write_text("The ministry said 40 people died.\n", encoding="utf-8")
    cli("sources", "add", str(b), "--published", "2024-05-04")
    _add(cli, "12 people died", "12")
    (cid,) = _add(cli, "40 people died", "40", src="2")["new_conflicts"]
    cli("conflicts", "confirm", str(cid), "--note", "checked")
    out = cli("sources", "retire", "2", "--reason", "satire site").stdout
    assert "retired" in out
    shown = cli.json("sources", "show", "2")
    assert shown["retired"] == "satire site"
    assert [s["retired"] for s in cli.json("sources", "list")] == [None, "satire site"]
    assert "satire site" in cli("sources", "list").stdout
    assert cli.json("claims", "show", "2")["status"] == "rejected"
    assert cli.json("conflicts", "show", str(cid))["status"] == "superseded"
    log = cli("log", "--object", f"conflict:{cid}").stdout
    assert "source 2 retired: satire site" in log
    assert "nothing" in cli("contested").stdout or "40" not in cli("contested").stdout
    before = cli.snapshot()
    r = cli("claims", "add", "2", "--quote", "40 people died", "--subject", "Blast", "--property", "death toll",
            "--value", "40", ok=False)
    assert r.exit_code != 0 and "retired" in r.stderr and "Traceback" not in r.stderr
    assert cli.snapshot() == before
    assert "retired already" in cli("sources", "retire", "2", "--reason", "again", ok=False).stderr
    out = cli("undo").stdout
    assert "source.retire" in out and "confirmed" in out
    assert cli.json("sources", "show", "2")["retired"] is None
    assert cli.json("claims", "show", "2")["status"] == "accepted"
    c = cli.json("conflicts", "show", str(cid))
    assert (c["status"], c["note"]) == ("confirmed", "checked")
    steps = [(h["action"], h["old"], h["new"]) for h in cli.json("conflicts", "show", str(cid))["history"]]
    assert steps[-3:] == [("conflict.confirm", "open", "confirmed"), ("conflict.supersede", "confirmed", "superseded"),
                          ("undo", "superseded", "confirmed")]
    assert actions_scan(cli) == ([], [])
    cli("verify")


def test_undo_restores_verdicts_and_a_dismissed_conflict_stays_dismissed(cli, tmp_path):
    _ledger(cli, tmp_path)
    _add(cli, "12 people died", "12")
    (cid,) = _add(cli, "40 people died", "40")["new_conflicts"]
    cli("conflicts", "resolve", str(cid), "--verdict", "1=false", "--verdict", "2=true", "--note", "hospital")
    cli("conflicts", "reopen", str(cid))
    assert cli.json("conflicts", "show", str(cid))["verdicts"] == []
    assert "conflict.reopen" in cli("undo").stdout
    c = cli.json("conflicts", "show", str(cid))
    assert c["status"] == "resolved" and {v["claim"]: v["rating"] for v in c["verdicts"]} == {1: "false", 2: "true"}
    assert "conflict.resolve" in cli("undo").stdout
    c = cli.json("conflicts", "show", str(cid))
    assert c["status"] == "open" and c["verdicts"] == []
    assert _count(cli, "verdicts") == 0
    cli("conflicts", "dismiss", str(cid), "--note", "same count")
    cli("claims", "edit", "2", "--value", "12")
    assert cli.json("conflicts", "show", str(cid))["status"] == "dismissed"
    cli("undo")
    assert cli.json("conflicts", "show", str(cid))["status"] == "dismissed"


def test_a_confirmed_conflict_superseded_then_brought_back_keeps_confirmed(cli, tmp_path):
    _ledger(cli, tmp_path)
    _add(cli, "12 people died", "12")
    (cid,) = _add(cli, "40 people died", "40")["new_conflicts"]
    cli("conflicts", "confirm", str(cid))
    cli("claims", "edit", "2", "--value", "12")
    assert cli.json("conflicts", "show", str(cid))["status"] == "superseded"
    cli("claims", "edit", "2", "--value", "40")  # disagreeing again, by a new edit rather than undo
    assert cli.json("conflicts", "show", str(cid))["status"] == "confirmed"


def test_undo_of_an_older_change_that_a_later_one_needs_is_refused(cli, tmp_path):
    _ledger(cli, tmp_path)
    cli("entities", "add", "Police")
    _add(cli, "12 people died", "12")
    cli("claims", "edit", "1", "--speaker", "Police")
    cli("claims", "edit", "1", "--hedge", "about")
    ids = {a: i for i, a, _ in reversed(_events(cli))}  # the first of each
    before = cli.snapshot()
    r = cli("undo", str(ids["entity.add"]), ok=False)
    assert r.exit_code != 0 and "cannot be undone" in r.stderr and "refers to entity" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    r = cli("undo", str(ids["claim.add"]), ok=False)
    assert "changed since by event" in r.stderr and "undo that first" in r.stderr
    assert cli.snapshot() == before
    assert "not a change" in cli("undo", "999", ok=False).stderr
    # The newest named directly is fine.
    edits = [i for i, a, _ in _events(cli) if a == "claim.edit"]
    cli("undo", str(edits[-1]))
    assert "undone already" in cli("undo", str(edits[-1]), ok=False).stderr


def test_undo_covers_candidates_rules_grades_and_aliases(cli, tmp_path):
    cli("sources", "add", str(ARTICLES / "peshawar_day1.txt"), "--published", "2023-01-30", "--extract")
    pending = cli.json("review")
    first = str(pending[0]["id"])
    out = json.loads(cli("candidates", "accept", first, "--json").stdout)
    assert out["claims"]
    claims = len(cli.json("claims", "list"))
    cli("undo")
    assert len(cli.json("claims", "list")) == claims - 1
    assert cli.json("candidates", "show", first)["status"] == "pending"
    cli("candidates", "reject", first, "--reason", "no")
    cli("undo")
    assert cli.json("candidates", "show", first)["status"] == "pending"
    cli("sources", "grade", "1", "B")
    cli("undo")
    assert cli.json("sources", "show", "1")["reliability"] == "F"
    cli("entities", "add", "Ruritania")
    cli("entities", "alias", "add", "Ruritania", "Ruritanian state") if "alias" in cli("entities", "--help").stdout else None
    cli("undo")
    cli("properties", "add", "blame", "--type", "entity")
    cli("properties", "add", "denial", "--type", "entity")
    cli("rules", "add", "blame-vs-denial", "--left", "blame", "--right", "denial", "--rationale", "test")
    assert "rule.add" in cli("undo").stdout
    assert cli.json("rules", "list") == []
    cli("verify")


OPS = st.lists(
    st.tuples(st.sampled_from(["value", "reject", "as_of", "scope", "revises", "confirm", "dismiss", "add", "undo",
                               "undo", "retire"]),
              st.integers(1, 4), st.sampled_from(["12", "40", "52", "30", "about 40"])),
    min_size=1, max_size=10)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(OPS)
def test_after_random_edits_and_undos_a_full_scan_adds_and_retires_nothing(tmp_path_factory, ops):
    from click.testing import CliRunner

    from provenance.claims.recording import ClaimChange, ClaimInput
    from provenance.cli import main
    from provenance.errors import ProvenanceError

    tmp = tmp_path_factory.mktemp("undo")
    for name in ("a.txt", "b.txt"):
        (tmp / name).write_text(TEXT + name, encoding="utf-8")
    db = open_db(str(tmp / "l.db"))
    quotes = ["12 people died", "40 people died", "The toll rose to 52", "Police now say 30"]
    try:
        actions.add_sources(db, [str(tmp / "a.txt")], published="2024-05-04")
        actions.add_sources(db, [str(tmp / "b.txt")], outlet="B", published="2024-05-04")
        actions.add_property(db, "death toll", "quantity", running_count=True)
        for i, (quote, value) in enumerate(zip(quotes, ["12", "40", "52", "30"], strict=True)):
            actions.add_claim(db, ClaimInput(source=str(1 + i % 2), quote=quote, subject="Blast",
                                             property="death toll", value=value, create_entities=True))
        for what, n, value in ops:
            try:
                if what == "undo":
                    actions.undo(db)
                elif what == "reject":
                    actions.reject_claim(db, n, "test")
                elif what == "revises":
                    actions.edit_claim(db, n, ClaimChange(revises=(n % 4) + 1))
                elif what in ("confirm", "dismiss"):
                    actions.set_conflict_status(db, n, what, "by test")
                elif what == "add":
                    actions.add_claim(db, ClaimInput(source=str(1 + n % 2), quote=quotes[n - 1], subject="Blast",
                                                     property="death toll", value=value, create_entities=True))
                elif what == "retire":
                    actions.retire_source(db, str(1 + n % 2), "test")
                else:
                    change = {"value": value, "as_of": ["2024-05-04", "2024-05-05", "May 2024"][n % 3],
                              "scope": "children" if value == "12" else ""}[what]
                    actions.edit_claim(db, n, ClaimChange(**{what: change}))
            except ProvenanceError:
                pass  # a refused change changes nothing
        scanned = actions.scan(db)
        assert scanned.conflicts == [] and scanned.retired == []
    finally:
        db.close()
    r = CliRunner().invoke(main, ["--db", str(tmp / "l.db"), "verify"])
    assert r.exit_code == 0, r.output


def test_rules_remove_retires_its_conflicts_and_undo_brings_both_back(cli, tmp_path):
    src = tmp_path / "r.txt"
    src.write_text("The army blamed Ruritania. Ruritania denied it.\n", encoding="utf-8")
    cli("sources", "add", str(src), "--published", "2024-05-04")
    cli("properties", "add", "blamed", "--type", "text")
    cli("properties", "add", "denied", "--type", "text")
    for quote, prop in (("The army blamed Ruritania", "blamed"), ("Ruritania denied it", "denied")):
        cli("claims", "add", "1", "--quote", quote, "--subject", "Attack", "--property", prop, "--value", "yes",
            "--new-entities")
    out = cli("rules", "add", "blame-vs-denial", "--left", "blamed", "--right", "denied", "--rationale", "t").stdout
    assert "1 new conflict(s)" in out
    (c,) = cli.json("conflicts", "list")
    cli("conflicts", "confirm", str(c["id"]))
    assert f"superseded conflict(s) {c['id']}" in cli("rules", "remove", "blame-vs-denial").stdout
    assert cli.json("rules", "list") == []
    assert cli.json("conflicts", "show", str(c["id"]))["status"] == "superseded"
    assert "no rule 'nope'" in cli("rules", "remove", "nope", ok=False).stderr
    assert actions_scan(cli) == ([], [])
    assert "rule.remove" in cli("undo").stdout
    assert [r["name"] for r in cli.json("rules", "list")] == ["blame-vs-denial"]
    assert cli.json("conflicts", "show", str(c["id"]))["status"] == "confirmed"
    assert actions_scan(cli) == ([], [])
    cli("verify")


def test_a_segment_split_is_undone_not_the_change_before_it(cli, tmp_path):
    _ledger(cli, tmp_path)
    cli("sources", "split", "1", "--at-quote", "The toll rose", "--title", "Second")
    assert len(cli.json("sources", "segments", "1")) == 2
    assert "source.split" in cli("undo").stdout
    segs = cli.json("sources", "segments", "1")
    assert len(segs) == 1 and (segs[0]["start"], segs[0]["end"]) == (0, len(TEXT))
    assert cli.json("properties", "list")  # the change before it stays
    cli("verify")


def test_undo_never_skips_past_a_change_it_cannot_revert(cli, tmp_path):
    """A ledger's last change recorded before undo kept its rows (an older version's claims add):
    undo refuses by name instead of reverting an earlier change in its place."""
    _ledger(cli, tmp_path)
    _add(cli, "Officials said 12 people died", "12")
    claim = _add(cli, "The hospital said 40 people died", "40")
    conn = sqlite3.connect(cli.db)
    # As an older version left it: the add is in the log, the rows it wrote are not.
    conn.execute("DELETE FROM events WHERE action = 'change.rows' AND id = (SELECT max(id) FROM events "
                 "WHERE action = 'change.rows')")
    conn.commit()
    conn.close()
    before = cli.snapshot()
    r = cli("undo", ok=False)
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert "cannot be undone" in r.stderr and "claim.add" in r.stderr
    assert cli.snapshot() == before
    assert [c["id"] for c in cli.json("claims", "list")] == [1, claim["id"]]


def test_a_superseded_conflict_cannot_be_decided(cli, tmp_path):
    """Its claims no longer disagree: confirming it would only have the next scan retire it again."""
    _ledger(cli, tmp_path)
    _add(cli, "Officials said 12 people died", "12")
    _add(cli, "The hospital said 40 people died", "40")
    (c,) = cli.json("conflicts", "list")
    cli("claims", "edit", "2", "--value", "12")
    assert cli.json("conflicts", "show", str(c["id"]))["status"] == "superseded"
    before = cli.snapshot()
    for verb in ("confirm", "dismiss", "reopen"):
        r = cli("conflicts", verb, str(c["id"]), ok=False)
        assert r.exit_code != 0 and "is superseded" in r.stderr and "Traceback" not in r.output
    assert cli.snapshot() == before


def test_a_repeated_disagreement_grows_by_one_claim_and_undo_shrinks_it_back(cli, tmp_path):
    """Claims repeating an answer join the one stored disagreement (question + pair of answers)
    instead of adding a conflict per pair; undoing the claim takes it out again, and the ledger
    verifies after both."""
    src = tmp_path / "a.txt"
    src.write_text("The group was founded in 2015, one said. Another said it was founded in 2016. "
                   "A third said 2015. A fourth said 2016.\n", encoding="utf-8")
    cli("sources", "add", str(src), "--published", "2024-05-04")
    cli("properties", "add", "founded", "--type", "date", "--single-value")

    def add(quote, value):
        return cli.json("claims", "add", "1", "--quote", quote, "--subject", "The group", "--property",
                        "founded", "--value", value, "--new-entities")

    for quote, value in (("founded in 2015", "2015"), ("founded in 2016", "2016"), ("A third said 2015", "2015")):
        add(quote, value)
    conflicts = cli.json("conflicts", "list")
    assert len(conflicts) == 1 and conflicts[0]["kind"] == "single_value"
    assert "3 claims" in conflicts[0]["explanation"]
    one = conflicts[0]["id"]
    fourth = add("A fourth said 2016", "2016")
    assert fourth["new_conflicts"] == [one]  # the disagreement it joined, not a new conflict
    grown = cli.json("conflicts", "list")
    assert [c["id"] for c in grown] == [one] and "4 claims from 1 source" in grown[0]["explanation"]
    assert _count(cli, "conflict_claims") == 4
    cli("verify")
    cli("undo")
    assert _count(cli, "conflict_claims") == 3
    back = cli.json("conflicts", "list")
    assert [c["id"] for c in back] == [one] and back[0]["status"] == "open"
    assert "3 claims from 1 source" in back[0]["explanation"]
    cli("verify")
