"""Conflicts follow every write: what no longer holds is superseded, with its reason in the log;
explanations are rendered from today's data; a dismissed conflict stays dismissed."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance import actions
from provenance.ledger.db import open_db

TEXT = ("Officials said 12 people died. The hospital said 40 people died. The toll rose to 52. "
        "Police now say 30 people died. The army blamed Ruritania. Borduria alone did it, it said.\n")


def _ledger(cli, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    cli("sources", "add", str(src), "--published", "2024-05-04")
    cli("properties", "add", "strength", "--type", "quantity")
    return cli


def _add(cli, quote, value, *extra, prop="strength"):
    r = cli("claims", "add", "1", "--quote", quote, "--subject", "Blast", "--property", prop,
            "--value", value, "--new-entities", "--json", *extra)
    return json.loads(r.stdout)


def test_an_edit_that_ends_the_disagreement_supersedes_the_conflict(cli, tmp_path):
    _ledger(cli, tmp_path)
    _add(cli, "12 people died", "12")
    (cid,) = _add(cli, "40 people died", "40")["new_conflicts"]
    out = cli("claims", "edit", "2", "--value", "12").stdout
    assert f"superseded conflict(s) {cid}" in out
    assert cli.json("conflicts", "show", str(cid))["status"] == "superseded"
    import sqlite3

    (payload,) = sqlite3.connect(cli.db).execute(
        "SELECT payload FROM events WHERE action = 'conflict.supersede'").fetchone()
    assert "claim 2 edited (value)" in payload
    # Disagreeing again brings the same conflict back, open.
    cli("claims", "edit", "2", "--value", "40")
    assert cli.json("conflicts", "show", str(cid))["status"] == "open"


def test_a_rejected_claim_takes_its_conflicts_out_but_a_dismissed_one_stays_dismissed(cli, tmp_path):
    _ledger(cli, tmp_path)
    _add(cli, "12 people died", "12")
    (first,) = _add(cli, "40 people died", "40")["new_conflicts"]
    (second,) = _add(cli, "The toll rose to 52", "52")["new_conflicts"][:1]
    cli("conflicts", "dismiss", str(second), "--note", "not the same count")
    cli("claims", "reject", "1", "--reason", "misread")
    statuses = {c["id"]: c["status"] for c in cli.json("conflicts", "list")}
    assert statuses[first] == "superseded" and statuses[second] == "dismissed"


def test_explanations_follow_a_merge_of_names(cli, tmp_path):
    _ledger(cli, tmp_path)
    cli("entities", "add", "Officials")
    cli("entities", "add", "Health officials")
    _add(cli, "12 people died", "12", "--speaker", "Officials")
    (cid,) = _add(cli, "40 people died", "40", "--speaker", "Health officials")["new_conflicts"]
    cli("entities", "merge", "Health officials", "Officials")
    shown = cli.json("conflicts", "show", str(cid))["explanation"]
    assert "Officials in source 1" not in shown.replace("Health officials", "")
    assert shown.count("Health officials") == 2


def test_a_revision_supersedes_the_older_figure(cli, tmp_path):
    _ledger(cli, tmp_path)
    cli("properties", "add", "death toll", "--type", "quantity", "--running-count")
    _add(cli, "The toll rose to 52", "52", "--as-of", "2024-05-04", prop="death toll")
    fall = _add(cli, "Police now say 30 people died", "30", "--as-of", "2024-05-05", prop="death toll")
    (cid,) = fall["new_conflicts"]
    assert cli.json("conflicts", "show", str(cid))["kind"] == "decrease"
    out = cli("claims", "edit", str(fall["id"]), "--revises", "1").stdout
    assert "superseded conflict(s)" in out
    assert cli.json("conflicts", "show", str(cid))["status"] == "superseded"


def test_an_exclusive_answer_conflicts_with_any_other_but_one_speaker_never_with_itself(cli, tmp_path):
    _ledger(cli, tmp_path)
    cli("properties", "add", "responsibility", "--type", "entity")
    for name in ("Army", "Borduria", "Ruritania"):
        cli("entities", "add", name)
    _add(cli, "The army blamed Ruritania", "Ruritania", "--speaker", "Army", prop="responsibility")
    same = _add(cli, "The army blamed Ruritania", "Borduria", "--speaker", "Army", prop="responsibility")
    assert same["new_conflicts"] == []  # several answers allowed; one speaker
    only = _add(cli, "Borduria alone did it", "Borduria", "--exclusive", "--speaker", "Ruritania",
                prop="responsibility")
    kinds = [cli.json("conflicts", "show", str(i))["kind"] for i in only["new_conflicts"]]
    assert kinds == ["exclusive"]


CLAIM_EDITS = st.tuples(st.sampled_from(["value", "reject", "as_of", "scope", "hedge", "revises"]),
                        st.integers(1, 4), st.sampled_from(["12", "40", "52", "30", "about 40", "at least 20"]))
# Changes to names, questions and rules: what changes which claims meet on one question.
VOCABULARY = ["alias", "unalias", "merge", "rename", "rule_add", "rule_remove", "single", "multi",
              "running", "not_running", "type_text", "type_quantity", "exclusive"]
VOCABULARY_EDITS = st.tuples(
    st.sampled_from(VOCABULARY),
    st.integers(1, 6), st.sampled_from(["Ruritania", "Borduria", "Ruritanian soil", "Officials", "Police"]))
EDITS = st.lists(st.one_of(CLAIM_EDITS, VOCABULARY_EDITS), min_size=1, max_size=10)
ENTITY_QUOTES = [("The army blamed Ruritania", "Ruritania", "Officials"),
                 ("Borduria alone did it", "Borduria", "Police"),
                 ("it said", "Ruritanian soil", "Officials")]


def _vocabulary_edit(db, what, n, name):
    from provenance.claims.recording import ClaimInput

    other = ["Ruritania", "Borduria", "Ruritanian soil", "Officials", "Police"][n % 5]
    if what == "alias":
        actions.add_alias(db, name, f"{name} alias {n}")
    elif what == "unalias":
        actions.remove_alias(db, name, f"{name} alias {n}")
    elif what == "merge":
        actions.merge_entities(db, name, other)
    elif what == "rename":
        actions.rename_entity(db, name, f"{name} {n}", keep_old=n % 2 == 0)
    elif what == "rule_add":
        actions.add_rule(db, f"r{n}", "death toll" if n % 2 else "blamed", "blamed", "they exclude each other")
    elif what == "rule_remove":
        actions.remove_rule(db, f"r{n}")
    elif what in ("single", "multi"):
        actions.edit_property(db, "blamed", single_value=what == "single")
    elif what in ("running", "not_running"):
        actions.edit_property(db, "death toll", running_count=what == "running")
    elif what in ("type_text", "type_quantity"):
        actions.edit_property(db, "death toll", value_type=what[5:])
    elif what == "exclusive":
        quote, _, speaker = ENTITY_QUOTES[n % 3]
        actions.add_claim(db, ClaimInput(source="1", quote=quote, subject="Blast", property="blamed",
                                         value=name, speaker=other, exclusive=True, create_entities=True))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(EDITS)
def test_after_any_edits_a_full_scan_adds_and_retires_nothing(tmp_path_factory, edits):
    from provenance.claims.recording import ClaimChange, ClaimInput
    from provenance.errors import ProvenanceError

    tmp = tmp_path_factory.mktemp("prop")
    src = tmp / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    db = open_db(str(tmp / "l.db"))
    try:
        actions.add_sources(db, [str(src)], published="2024-05-04")
        actions.add_property(db, "death toll", "quantity", running_count=True)
        actions.add_property(db, "blamed", "entity")
        quotes = ["12 people died", "40 people died", "The toll rose to 52", "Police now say 30"]
        for quote, value in zip(quotes, ["12", "40", "52", "30"], strict=True):
            actions.add_claim(db, ClaimInput(source="1", quote=quote, subject="Blast", property="death toll",
                                             value=value, create_entities=True))
        for quote, value, speaker in ENTITY_QUOTES:
            actions.add_claim(db, ClaimInput(source="1", quote=quote, subject="Blast", property="blamed",
                                             value=value, speaker=speaker, create_entities=True))
        for what, claim, value in edits:
            try:
                if what == "reject":
                    actions.reject_claim(db, claim, "test")
                elif what == "revises":
                    actions.edit_claim(db, claim, ClaimChange(revises=(claim % 4) + 1))
                elif what in ("value", "as_of", "scope", "hedge"):
                    change = {"value": value, "as_of": ["2024-05-04", "2024-05-05", "May 2024"][claim % 3],
                              "scope": "children" if value == "12" else "", "hedge": "tentatively"}[what]
                    actions.edit_claim(db, claim, ClaimChange(**{what: change}))
                else:
                    _vocabulary_edit(db, what, claim, value)
            except ProvenanceError:
                pass  # a refused edit changes nothing
        scanned = actions.scan(db)
        assert scanned.conflicts == [] and scanned.retired == [], edits
    finally:
        db.close()


def test_removing_a_rule_supersedes_its_conflicts_with_the_reason(cli, tmp_path):
    _ledger(cli, tmp_path)
    cli("properties", "add", "blamed", "--type", "entity")
    cli("properties", "add", "sole author", "--type", "entity")
    _add(cli, "The army blamed Ruritania", "Ruritania", prop="blamed")
    _add(cli, "Borduria alone did it", "Borduria", prop="sole author")
    out = cli("rules", "add", "one-author", "--left", "blamed", "--right", "sole author",
              "--rationale", "a sole author excludes any other").stdout
    assert "1 new conflict(s)" in out
    (cid,) = [c["id"] for c in cli.json("conflicts", "list") if c["status"] == "open"]
    out = cli("rules", "remove", "one-author").stdout
    assert f"superseded conflict(s) {cid}" in out
    assert cli.json("conflicts", "show", str(cid))["status"] == "superseded"
    assert cli.json("rules", "list") == []
    import sqlite3

    rows = sqlite3.connect(cli.db).execute("SELECT action, payload FROM events ORDER BY id").fetchall()
    assert any(a == "conflict.supersede" and "rule 'one-author' removed" in p for a, p in rows)
    assert [a for a, _ in rows if a != "change.rows"][-1] == "rule.remove"
    # A full scan raises nothing again: the rule is gone, and so is what it raised.
    cli("conflicts", "scan")
    assert [c["status"] for c in cli.json("conflicts", "list")] == ["superseded"]
    before = cli.snapshot()
    bad = cli("rules", "remove", "one-author", ok=False)
    assert bad.exit_code != 0 and "no rule 'one-author'" in bad.stderr and "Traceback" not in bad.output
    assert cli.snapshot() == before


def test_answers_follow_a_merge_and_a_rename_of_the_entity_they_name(cli, tmp_path):
    _ledger(cli, tmp_path)
    cli("properties", "add", "planned in", "--type", "entity", "--single-value")
    _add(cli, "The army blamed Ruritania", "Ruritania", prop="planned in")
    (cid,) = _add(cli, "Borduria alone did it", "Ruritanian soil", prop="planned in")["new_conflicts"]
    cli("entities", "merge", "Ruritania", "Ruritanian soil")
    assert cli.json("conflicts", "show", str(cid))["status"] == "superseded"
    cli("entities", "rename", "Ruritania", "Republic of Ruritania")
    # A claim recorded after the rename answers with the new name: the same answer as the old ones.
    assert _add(cli, "Ruritania", "Republic of Ruritania", prop="planned in")["new_conflicts"] == []
    assert [c["status"] for c in cli.json("conflicts", "list")] == ["superseded"]
    assert cli.json("conflicts", "scan") == []


def test_grades_prefer_the_latest_figure_from_the_same_authority(cli, tmp_path):
    _ledger(cli, tmp_path)
    cli("properties", "add", "death toll", "--type", "quantity", "--running-count")
    cli("entities", "add", "Officials")
    cli("entities", "add", "Hospital")
    _add(cli, "The toll rose to 52", "52", "--as-of", "2024-05-04", "--speaker", "Officials", prop="death toll")
    _add(cli, "12 people died", "40", "--as-of", "2024-05-04", "--speaker", "Hospital", prop="death toll")
    _add(cli, "Police now say 30", "30", "--as-of", "2024-05-06", "--speaker", "Officials", prop="death toll")
    (q,) = cli.json("contested")
    by_value = {a["value_shown"]: a for a in q["answers"]}
    assert by_value["52"]["credibility"] == 5
    assert by_value["52"]["credibility_why"].startswith("superseded: Officials later gave 30")
    # The later figure is not graded down by the figure it replaced, nor by a decrease.
    assert by_value["30"]["credibility"] == 3, by_value["30"]["credibility_why"]
    assert by_value["30"]["credibility_why"] == "one origin, not contradicted"


# Every other write that changes what a conflict rests on (issue 12 item 7), however it arrives.
OTHER_EDITS = st.tuples(
    st.sampled_from(["import_rule", "import_claim", "side", "unside", "split", "undo", "dismiss", "published",
                     "retire", "subject", "property", "speaker", "denies", "add", "edit_exclusive"]),
    st.integers(1, 8), st.sampled_from(["Ruritania", "Borduria", "Officials", "Police", "12", "40"]))


def _other_edit(db, tmp, what, n, name, dismissed):
    from provenance.claims.recording import ClaimChange, ClaimInput
    from provenance.ledger.models import Conflict

    claim = n % 7 + 1
    if what in ("import_rule", "import_claim"):
        f = tmp / f"i{n}.toml"
        if what == "import_rule":
            f.write_text(f'[[rules]]\nname = "imported {n}"\nleft = "blamed"\nright = "{["blamed", "death toll"][n % 2]}"\n'
                         'rationale = "they cannot both be said"\n', encoding="utf-8")
        else:
            f.write_text(f'[[claims]]\nsource = "1"\nquote = "{["40 people died", "The army blamed Ruritania"][n % 2]}"\n'
                         f'subject = "Blast"\nproperty = "{["death toll", "blamed"][n % 2]}"\n'
                         f'value = "{["45", name][n % 2]}"\nspeaker = "{name if n % 2 else "Police"}"\n',
                         encoding="utf-8")
        actions.import_file(db, str(f), allow_outside=True)
    elif what in ("side", "unside"):
        actions.set_side(db, name, None if what == "unside" else ["Ruritania", "Borduria"][n % 2])
    elif what == "split":
        actions.split_entity(db, name, f"{name} part {n}", [], [claim])
    elif what == "undo":
        actions.undo(db)
        dismissed.clear()  # an undo may rightly take a dismissal back
    elif what == "dismiss":
        with db.session() as s:
            open_ = [c.id for c in s.query(Conflict).filter(Conflict.status == "open").order_by(Conflict.id)]
        if open_:
            cid = open_[n % len(open_)]
            actions.set_conflict_status(db, cid, "dismiss", "not a real disagreement")
            dismissed.add(cid)
    elif what == "published":
        actions.edit_source(db, "1", published=["2024-05-03", "2024-05-06T10:00", "2023"][n % 3])
    elif what == "retire":
        actions.retire_source(db, "2", "a duplicate")
    elif what in ("subject", "property", "speaker", "denies", "edit_exclusive"):
        change = {"subject": ClaimChange(subject=["Blast", "Second blast"][n % 2]),
                  "property": ClaimChange(property=["death toll", "blamed"][n % 2]),
                  "speaker": ClaimChange(speaker=[name, ""][n % 2]),
                  "denies": ClaimChange(denies=n % 2 == 0),
                  "edit_exclusive": ClaimChange(exclusive=n % 2 == 0)}[what]
        actions.edit_claim(db, claim, change)
    elif what == "add":
        quote, prop, value = [("12 people died", "death toll", ["12", "40", "52"][n % 3]),
                              ("The army blamed Ruritania", "blamed", name)][n % 2]
        actions.add_claim(db, ClaimInput(source=["1", "2"][n % 2], quote=quote, subject="Blast", property=prop,
                                         value=value, speaker=["Officials", "Police"][n % 2], create_entities=True))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(CLAIM_EDITS, VOCABULARY_EDITS, OTHER_EDITS, OTHER_EDITS), min_size=1, max_size=12))
def test_after_any_writes_a_full_scan_changes_nothing_and_dismissals_stay(tmp_path_factory, edits):
    from provenance.claims.recording import ClaimChange, ClaimInput
    from provenance.errors import ProvenanceError
    from provenance.ledger.models import Conflict

    tmp = tmp_path_factory.mktemp("prop")
    for name in ("a.txt", "b.txt"):
        (tmp / name).write_text(TEXT if name == "a.txt" else "Copy: " + TEXT, encoding="utf-8")
    db = open_db(str(tmp / "l.db"))
    dismissed: set[int] = set()
    try:
        actions.add_sources(db, [str(tmp / "a.txt")], published="2024-05-04")
        actions.add_sources(db, [str(tmp / "b.txt")], published="2024-05-05")
        actions.add_property(db, "death toll", "quantity", running_count=True)
        actions.add_property(db, "blamed", "entity")
        for name, side in (("Ruritania", None), ("Borduria", None), ("Officials", "Ruritania"), ("Police", "Borduria")):
            actions.add_entity(db, name, [], None, side)
        quotes = ["12 people died", "40 people died", "The toll rose to 52", "Police now say 30"]
        for i, (quote, value) in enumerate(zip(quotes, ["12", "40", "52", "30"], strict=True)):
            actions.add_claim(db, ClaimInput(source=str(1 + i % 2), quote=quote, subject="Blast",
                                             property="death toll", value=value, create_entities=True,
                                             speaker=["Officials", "Police", "", "Police"][i]))
        for quote, value, speaker in ENTITY_QUOTES:
            actions.add_claim(db, ClaimInput(source="1", quote=quote, subject="Blast", property="blamed",
                                             value=value, speaker=speaker, create_entities=True))
        for what, claim, value in edits:
            try:
                if what == "reject":
                    actions.reject_claim(db, claim, "test")
                elif what == "revises":
                    actions.edit_claim(db, claim, ClaimChange(revises=(claim % 4) + 1))
                elif what in ("value", "as_of", "scope", "hedge"):
                    change = {"value": value, "as_of": ["2024-05-04", "2024-05-05", "May 2024"][claim % 3],
                              "scope": "children" if value == "12" else "", "hedge": "tentatively"}[what]
                    actions.edit_claim(db, claim, ClaimChange(**{what: change}))
                elif what in VOCABULARY:
                    _vocabulary_edit(db, what, claim, value)
                else:
                    _other_edit(db, tmp, what, claim, value, dismissed)
            except ProvenanceError:
                pass  # a refused edit changes nothing
        scanned = actions.scan(db)
        assert scanned.conflicts == [] and scanned.retired == [], edits
        with db.session() as s:
            status = {c.id: c.status for c in s.query(Conflict)}
        assert all(status[c] == "dismissed" for c in dismissed), edits
    finally:
        db.close()
