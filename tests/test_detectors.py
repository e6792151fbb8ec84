"""Each detector: what it must flag and what it must leave alone, through the real CLI."""

import pytest

TEXT = """Monday 4 May. Officials said 12 people died in the blast.
Monday 4 May. The hospital said 40 people died in the blast.
Tuesday 5 May. The toll rose to 52, the ministry said.
Wednesday 6 May. Police now say 30 people died.
The group has more than 20 fighters. Another count gives 35 fighters.
A third count gives exactly 20 fighters, and a fourth at least 20 fighters.
An older count, from 2015, gives 400 fighters.
Observers say between four and six thousand fighters; the report says 4,000-6,000 members and associates.
The army said the attack was planned in Ruritania. Ruritania's ministry rejected the claim.
Ruritania says the threat comes from Borduria. Borduria says the threat comes from Ruritania.
The group was founded in January 2015. Another source says it was founded in 2015. A third says 2016.
"""


@pytest.fixture
def ledger(cli, tmp_path):
    src = tmp_path / "events.txt"
    src.write_text(TEXT, encoding="utf-8")
    cli("sources", "add", str(src), "--published", "2024-05-04")
    for name, side in [("Ruritania", None), ("Borduria", None), ("Army", "Borduria"),
                       ("Ruritania ministry", "Ruritania")]:
        cli("entities", "add", name, *(["--side", side] if side else []))
    for args in [("death toll", "quantity", "--running-count"), ("strength", "quantity"),
                 ("planned in", "entity", "--single-value"), ("threat from", "entity"),
                 ("founded", "date", "--single-value")]:
        cli("properties", "add", args[0], "--type", args[1], *args[2:])
    return cli


def add(cli, quote, prop, value, *extra, subject="Blast"):
    r = cli("claims", "add", "1", "--quote", quote, "--subject", subject, "--property", prop,
            "--value", value, "--new-entities", "--json", *extra)
    import json

    return json.loads(r.stdout)


def test_numeric_same_moment_disjoint_is_flagged(ledger):
    a = add(ledger, "more than 20 fighters", "strength", "12", "--as-of", "2024-05-04", subject="Group")
    b = add(ledger, "35 fighters", "strength", "40", "--as-of", "2024-05-04", subject="Group")
    assert a["new_conflicts"] == []
    (cid,) = b["new_conflicts"]
    c = ledger.json("conflicts", "show", str(cid))
    assert c["kind"] == "numeric" and c["detector"] == "numeric@2" and c["severity"] == "high"
    assert c["explanation"] == ("source 1 (2024-05-04) gives 12 for strength of Group; "
                                "source 1 (2024-05-04) gives 40; the figures cannot both hold")
    assert [x["quote"] for x in c["claims"]] == ["more than 20 fighters", "35 fighters"]


def test_a_running_count_on_one_day_in_no_known_order_is_a_low_same_day_difference(ledger):
    add(ledger, "12 people died", "death toll", "12", "--as-of", "2024-05-04")
    b = add(ledger, "40 people died", "death toll", "40", "--as-of", "2024-05-04")
    (c,) = [ledger.json("conflicts", "show", str(i)) for i in b["new_conflicts"]]
    assert c["kind"] == "same_day" and c["severity"] == "low"
    assert "for the same day, in no known order: differing same-day figures" in c["explanation"]


def test_figures_dated_only_by_their_source_on_one_day_are_not_compared(ledger, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Officials said 40 people died in the blast.\n", encoding="utf-8")
    ledger("sources", "add", str(other), "--published", "2024-05-04")
    add(ledger, "12 people died", "death toll", "12")
    r = ledger("claims", "add", "2", "--quote", "40 people died", "--subject", "Blast", "--property",
               "death toll", "--value", "40", "--json")
    import json

    assert json.loads(r.stdout)["new_conflicts"] == []  # the hour of each report is unknown: 12 may well come first


def test_a_month_and_a_day_inside_it_are_not_one_moment(ledger):
    add(ledger, "35 fighters", "strength", "35", "--as-of", "May 2024", subject="Group")
    b = add(ledger, "more than 20 fighters", "strength", "12", "--as-of", "2024-05-04", subject="Group")
    assert b["new_conflicts"] == []


def test_a_hedged_figure_ranks_its_conflict_lower_and_says_so(ledger):
    add(ledger, "35 fighters", "strength", "35", "--as-of", "2024-05-04", subject="Group")
    b = add(ledger, "more than 20 fighters", "strength", "12", "--as-of", "2024-05-04",
            "--hedge", "tentatively", subject="Group")
    (c,) = [ledger.json("conflicts", "show", str(i)) for i in b["new_conflicts"]]
    assert c["severity"] == "medium" and "12 is hedged (tentatively)" in c["explanation"]


def test_a_rising_toll_is_an_update_and_a_fall_is_flagged(ledger):
    add(ledger, "40 people died", "death toll", "40", "--as-of", "2024-05-04")
    rise = add(ledger, "The toll rose to 52", "death toll", "52", "--as-of", "2024-05-05")
    assert rise["new_conflicts"] == []
    fall = add(ledger, "30 people died", "death toll", "30", "--as-of", "2024-05-06")
    kinds = sorted(c["kind"] for c in ledger.json("conflicts", "list"))
    assert kinds == ["decrease", "decrease"]  # 30 after 40 and after 52
    assert len(fall["new_conflicts"]) == 2
    (q,) = ledger.json("contested")
    assert [p["value"] for p in q["timeline"]] == ["40", "52", "30"]


@pytest.mark.parametrize("first,second", [
    (("more than 20 fighters", "more than 20"), ("35 fighters", "35")),
    (("exactly 20 fighters", "20"), ("at least 20 fighters", "at least 20")),
    (("between four and six thousand fighters", "between four and six thousand"), ("4,000-6,000", "4,000-6,000")),
])
def test_compatible_figures_are_not_flagged(ledger, first, second):
    add(ledger, first[0], "strength", first[1], subject="Group")
    add(ledger, second[0], "strength", second[1], subject="Group")
    assert ledger.json("conflicts", "list") == []


def test_figures_years_apart_describe_different_moments(ledger):
    add(ledger, "35 fighters", "strength", "35", subject="Group")
    add(ledger, "gives 400 fighters", "strength", "400", "--as-of", "2015", subject="Group")
    assert ledger.json("conflicts", "list") == []


def test_the_same_number_for_different_properties_is_not_compared(ledger):
    add(ledger, "35 fighters", "strength", "35", subject="Group")
    add(ledger, "40 people died", "death toll", "40", subject="Group")
    assert ledger.json("conflicts", "list") == []


def test_scope_difference_is_reported_as_scope_not_numeric(ledger, tmp_path):
    other = tmp_path / "report.txt"
    other.write_text("The report says 4,000-6,000 members and associates.", encoding="utf-8")
    ledger("sources", "add", str(other), "--published", "2024-05-04")
    add(ledger, "between four and six thousand fighters", "strength", "between four and six thousand",
        "--scope", "fighters", subject="Group")
    ledger("claims", "add", "2", "--quote", "4,000-6,000 members and associates", "--subject", "Group",
           "--property", "strength", "--value", "4,000-6,000", "--scope", "members and associates")
    (c,) = ledger.json("conflicts", "list")
    assert c["kind"] == "scope" and "count different things" in c["explanation"]
    assert "'fighters'" in c["explanation"] and "'members and associates'" in c["explanation"]


def test_differing_figures_of_different_scopes_and_a_part_and_its_total_are_not_conflicts(ledger):
    add(ledger, "12 people died", "death toll", "12", "--scope", "children")
    add(ledger, "40 people died", "death toll", "40")  # a part and its total
    add(ledger, "The toll rose to 52", "death toll", "52", "--scope", "adults")  # different questions
    assert ledger.json("conflicts", "list") == []


def test_denial(ledger):
    add(ledger, "The army said the attack was planned in Ruritania", "planned in", "Ruritania",
        "--speaker", "Army", subject="Attack")
    d = add(ledger, "Ruritania's ministry rejected the claim", "planned in", "Ruritania",
            "--speaker", "Ruritania ministry", "--denies", subject="Attack")
    (c,) = ledger.json("conflicts", "list")
    assert c["kind"] == "denial" and c["id"] in d["new_conflicts"]
    assert [x["speaker"] for x in c["claims"]] == ["Army", "Ruritania ministry"]


def test_mutual_accusation(ledger):
    add(ledger, "Ruritania says the threat comes from Borduria", "threat from", "Borduria",
        "--speaker", "Ruritania ministry", subject="Group")
    add(ledger, "Borduria says the threat comes from Ruritania", "threat from", "Ruritania",
        "--speaker", "Army", subject="Group")
    (c,) = ledger.json("conflicts", "list")
    assert c["kind"] == "accusation" and "each side blames the other" in c["explanation"]


def test_mutual_accusation_is_one_disagreement_that_new_claims_join(ledger):
    """Many claims on each side make one conflict, not one per pair; a later claim joins it."""
    ledger("entities", "add", "Border guard", "--side", "Borduria")
    quotes = {"Ruritania": "Borduria says the threat comes from Ruritania",
              "Borduria": "Ruritania says the threat comes from Borduria"}
    for subject in ("Group", "Cell", "Network"):
        add(ledger, quotes["Ruritania"], "threat from", "Ruritania", "--speaker", "Army", subject=subject)
        add(ledger, quotes["Borduria"], "threat from", "Borduria", "--speaker", "Ruritania ministry",
            subject=subject)
    (c,) = ledger.json("conflicts", "list")
    assert c["kind"] == "accusation" and len(c["claims"]) == 6
    assert c["explanation"].startswith("Borduria vs Ruritania on threat from: 6 claims from 2 speakers; ")
    late = add(ledger, quotes["Ruritania"], "threat from", "Ruritania", "--speaker", "Border guard",
               subject="Cell 2")
    assert late["new_conflicts"] == [c["id"]]  # the disagreement it joined
    (c,) = ledger.json("conflicts", "list")
    assert len(c["claims"]) == 7 and ": 7 claims from 3 speakers; " in c["explanation"]
    assert ledger("conflicts", "scan").stdout == "0 new conflict(s)\n"
    assert len(ledger.json("conflicts", "list")[0]["claims"]) == 7


def test_a_rule_is_one_conflict_per_pair_of_values(ledger):
    ledger("properties", "add", "share afghan", "--type", "share")
    ledger("properties", "add", "core", "--type", "text")
    ledger("rules", "add", "majority-vs-core", "--left", "share afghan", "--right", "core",
           "--rationale", "cannot both hold")
    for _ in range(3):
        add(ledger, "more than 20 fighters", "share afghan", "most", subject="Group")
        add(ledger, "35 fighters", "core", "foreign jihadists", subject="Group")
    (c,) = ledger.json("conflicts", "list")
    assert len(c["claims"]) == 6 and ": 6 claims from 1 source; " in c["explanation"]
    add(ledger, "exactly 20 fighters", "core", "local recruits", subject="Group")
    assert sorted(len(c["claims"]) for c in ledger.json("conflicts", "list")) == [4, 6]


def test_single_value_and_its_compatible_periods(ledger):
    add(ledger, "founded in January 2015", "founded", "January 2015", subject="Group")
    add(ledger, "founded in 2015", "founded", "2015", subject="Group")
    assert ledger.json("conflicts", "list") == []
    add(ledger, "A third says 2016", "founded", "2016", subject="Group")
    kinds = [c["kind"] for c in ledger.json("conflicts", "list")]
    assert kinds == ["single_value", "single_value"]


def test_rule_conflicts_and_rescan_is_idempotent(ledger):
    ledger("properties", "add", "share afghan", "--type", "share")
    ledger("properties", "add", "core", "--type", "text")
    add(ledger, "more than 20 fighters", "share afghan", "most", subject="Group")
    add(ledger, "35 fighters", "core", "foreign jihadists", subject="Group")
    assert ledger.json("conflicts", "list") == []
    r = ledger("rules", "add", "majority-vs-core", "--left", "share afghan", "--right", "core",
               "--rationale", "cannot both hold")
    assert r.stdout.endswith("1 new conflict(s)\n")
    (c,) = ledger.json("conflicts", "list")
    assert c["kind"] == "rule" and c["explanation"].endswith("rule 'majority-vs-core': cannot both hold")
    assert ledger("conflicts", "scan").stdout == "0 new conflict(s)\n"


def test_dismissed_stays_dismissed_and_status_is_audited(ledger):
    add(ledger, "12 people died", "death toll", "12", "--as-of", "2024-05-04")
    add(ledger, "40 people died", "death toll", "40", "--as-of", "2024-05-04")
    assert ledger("conflicts", "dismiss", "1", "--note", "different blasts").stdout == "conflict 1 dismissed\n"
    assert ledger("conflicts", "scan").stdout == "0 new conflict(s)\n"
    (c,) = ledger.json("conflicts", "list")
    assert (c["status"], c["note"]) == ("dismissed", "different blasts") and c["decided_by"]
    r = ledger("conflicts", "dismiss", "1", ok=False)
    assert r.exit_code == 3 and "already dismissed" in r.stderr
    ledger("conflicts", "confirm", "1")
    assert ledger.json("conflicts", "list", "--status", "confirmed")[0]["id"] == 1
    assert ledger("verify").exit_code == 0


def test_rejected_claims_leave_detection(ledger):
    add(ledger, "12 people died", "death toll", "12", "--as-of", "2024-05-04")
    ledger("claims", "reject", "1", "--reason", "misread")
    b = add(ledger, "40 people died", "death toll", "40", "--as-of", "2024-05-04")
    assert b["new_conflicts"] == []


def test_a_toll_named_as_such_is_a_running_count_without_the_flag(cli, tmp_path):
    src = tmp_path / "toll.txt"
    src.write_text("Monday: at least 20 people were killed. Tuesday: the toll rose to 45. "
                   "Wednesday: officials revised the toll down to 40.", encoding="utf-8")
    cli("sources", "add", str(src), "--published", "2024-05-06")
    assert cli("properties", "add", "people killed", "--type", "quantity").stdout == (
        "property 1: people killed (quantity, running count)\n")
    for quote, value, day in [("at least 20 people", "at least 20", "2024-05-04"),
                              ("the toll rose to 45", "45", "2024-05-05"),
                              ("revised the toll down to 40", "40", "2024-05-06")]:
        cli("claims", "add", "1", "--quote", quote, "--subject", "Blast", "--property", "people killed",
            "--value", value, "--as-of", day, "--new-entities")
    # "revised the toll down to 40" corrects the 45: a revision, not a contradiction.
    assert cli.json("conflicts", "list") == []
    assert cli("properties", "add", "strength", "--type", "quantity").stdout == "property 2: strength (quantity)\n"


def test_a_count_given_by_its_ceiling_that_later_falls_is_a_decrease(ledger):
    add(ledger, "40 people died", "death toll", "as many as 40", "--as-of", "2024-05-04")
    b = add(ledger, "Police now say 30 people died", "death toll", "12", "--as-of", "2024-05-06")
    (c,) = [ledger.json("conflicts", "show", str(i)) for i in b["new_conflicts"]]
    assert c["kind"] == "decrease" and "as many as 40" in c["explanation"]


def test_a_figure_a_correction_names_is_compared_with_nothing(ledger):
    add(ledger, "12 people died", "death toll", "50", "--as-of", "2024-05-04")
    add(ledger, "40 people died", "death toll", "40", "--as-of", "2024-05-04")
    # "30 and not 50": the 50 is history; it no longer differs from the same day's 40.
    fix = add(ledger, "Police now say 30 people died", "death toll", "30", "--as-of", "2024-05-06", "--revises", "1")
    open_ = [c for c in ledger.json("conflicts", "list") if c["status"] == "open"]
    assert not any(1 in [x["id"] for x in ledger.json("conflicts", "show", str(c["id"]))["claims"]] for c in open_)
    assert fix["id"] == 3


@pytest.mark.parametrize("first,second", [
    ("children", "minors"),
    ("in critical condition", "in intensive care"),
    ("foreigners", "foreign nationals on the official list of the dead"),
    ("police officers", "confirmed police"),
    ("at the North (Central) mosque", "North mosque"),
])
def test_scopes_worded_differently_but_counting_the_same_people_are_compared(ledger, first, second):
    add(ledger, "12 people died", "death toll", "12", "--scope", first, "--as-of", "2024-05-04")
    b = add(ledger, "40 people died", "death toll", "40", "--scope", second, "--as-of", "2024-05-04")
    (c,) = [ledger.json("conflicts", "show", str(i)) for i in b["new_conflicts"]]
    assert c["kind"] == "same_day"
    assert f"counting {first!r}" in c["explanation"] and f"counting {second!r}" in c["explanation"]


@pytest.mark.parametrize("second", ["children under five", "seriously injured"])
def test_a_narrower_or_other_scope_is_still_a_different_question(ledger, second):
    add(ledger, "12 people died", "death toll", "12", "--scope", "children", "--as-of", "2024-05-04")
    b = add(ledger, "40 people died", "death toll", "40", "--scope", second, "--as-of", "2024-05-04")
    assert b["new_conflicts"] == []


def _blame_ledger(cli, tmp_path):
    src = tmp_path / "blame.txt"
    src.write_text("The army said Borduria alone was responsible. Ruritania's ministry blamed the Front.\n"
                   "Not only Borduria but also the Front took part, observers said.\n", encoding="utf-8")
    cli("sources", "add", str(src), "--published", "2024-05-04")
    cli("properties", "add", "responsibility", "--type", "entity")
    for name in ("Borduria", "Front", "Army", "Observers", "Ministry"):
        cli("entities", "add", name)


def _blame(cli, quote, value, speaker):
    r = cli("claims", "add", "1", "--quote", quote, "--subject", "Blast", "--property", "responsibility",
            "--value", value, "--speaker", speaker, "--new-entities", "--json")
    import json

    return json.loads(r.stdout)


def test_an_answer_the_quote_gives_as_the_only_one_excludes_the_others(cli, tmp_path):
    _blame_ledger(cli, tmp_path)
    _blame(cli, "Ruritania's ministry blamed the Front", "Front", "Ministry")
    sole = _blame(cli, "Borduria alone was responsible", "Borduria", "Army")
    (c,) = [cli.json("conflicts", "show", str(i)) for i in sole["new_conflicts"]]
    assert c["kind"] == "exclusive" and "gives it as the only answer" in c["explanation"]


def test_not_only_adds_an_answer_and_excludes_none(cli, tmp_path):
    _blame_ledger(cli, tmp_path)
    _blame(cli, "Ruritania's ministry blamed the Front", "Front", "Ministry")
    both = _blame(cli, "Not only Borduria but also the Front took part", "Borduria", "Observers")
    assert both["new_conflicts"] == []


def test_a_start_dated_as_onset_and_as_first_detection_is_one_question(ledger):
    add(ledger, "founded in January 2015", "founded", "January 2015", "--scope", "onset", subject="Group")
    b = add(ledger, "A third says 2016", "founded", "2016", "--scope", "first detected", subject="Group")
    (c,) = [ledger.json("conflicts", "show", str(i)) for i in b["new_conflicts"]]
    assert c["kind"] == "single_value"
    c = add(ledger, "founded in 2015", "founded", "2015", "--scope", "victims", subject="Group")
    assert c["new_conflicts"] == []  # a different scope: a different question


def _measured(cli, tmp_path):
    src = tmp_path / "court.txt"
    src.write_text("He can be held for 96 hours. He was held for four days. Another report says two days.\n"
                   "Bail was set at 5 million euros. Bail was $5.4 million, a paper said.\n", encoding="utf-8")
    cli("sources", "add", str(src), "--published", "2024-08-28")
    for name in ("detention", "bail"):
        cli("properties", "add", name, "--type", "quantity", "--single-value")


def _court(cli, quote, prop, value):
    import json

    r = cli("claims", "add", "1", "--quote", quote, "--subject", "Case", "--property", prop,
            "--value", value, "--new-entities", "--json")
    return json.loads(r.stdout)


def test_figures_in_units_of_one_dimension_compare_in_one_unit(cli, tmp_path):
    _measured(cli, tmp_path)
    _court(cli, "held for 96 hours", "detention", "96 hours")
    assert _court(cli, "held for four days", "detention", "four days")["new_conflicts"] == []
    found = _court(cli, "two days", "detention", "two days")["new_conflicts"]
    assert [cli.json("conflicts", "show", str(i))["kind"] for i in found] == ["numeric", "numeric"]


def test_amounts_in_different_currencies_are_not_compared(cli, tmp_path):
    _measured(cli, tmp_path)
    _court(cli, "5 million euros", "bail", "5 million euros")
    assert _court(cli, "$5.4 million", "bail", "$5.4 million")["new_conflicts"] == []


ELECTION = """The commission said the ruling party won 54.086% with most precincts counted.
Later the commission gave the ruling party 53.92% of the vote. The party claimed victory with 54%.
A broadcaster said the commission gave it 55.6 percent. Polls had expected it to receive 35% of votes.
Exit polls said it was receiving less than 50% of votes. Turnout was 10.9%, or 10.92% in full.
"""


def _election(cli, tmp_path):
    src = tmp_path / "vote.txt"
    src.write_text(ELECTION, encoding="utf-8")
    cli("sources", "add", str(src), "--published", "2024-10-27")
    cli("properties", "add", "vote share", "--type", "share")
    for name in ("Commission", "Party", "Broadcaster", "Pollsters", "Exit pollsters"):
        cli("entities", "add", name)


def _vote(cli, quote, value, speaker, *extra):
    import json

    r = cli("claims", "add", "1", "--quote", quote, "--subject", "Ruling party", "--property", "vote share",
            "--value", value, "--speaker", speaker, "--new-entities", "--json", *extra)
    return json.loads(r.stdout)


def test_one_authoritys_close_figures_are_its_successive_counts_and_rounded_figures_agree(cli, tmp_path):
    _election(cli, tmp_path)
    _vote(cli, "won 54.086%", "54.086%", "Commission")
    assert _vote(cli, "53.92% of the vote", "53.92%", "Commission")["new_conflicts"] == []
    assert _vote(cli, "victory with 54%", "54%", "Party")["new_conflicts"] == []  # 54% rounds 53.92%
    far = _vote(cli, "gave it 55.6 percent", "55.6 percent", "Commission")["new_conflicts"]
    assert len(far) == 3  # 1.5 points off its own counts and the party's rounded 54%: a real difference


def test_a_forecast_is_not_compared_with_the_result_but_a_rival_count_is(cli, tmp_path):
    _election(cli, tmp_path)
    _vote(cli, "won 54.086%", "54.086%", "Commission")
    assert _vote(cli, "expected it to receive 35% of votes", "35%", "Pollsters", "--hedge", "expected")[
        "new_conflicts"] == []
    (cid,) = _vote(cli, "receiving less than 50% of votes", "less than 50%", "Exit pollsters")["new_conflicts"]
    assert cli.json("conflicts", "show", str(cid))["kind"] == "numeric"


def test_a_stated_correction_replaces_every_earlier_higher_figure(ledger, tmp_path):
    other = tmp_path / "fix.txt"
    other.write_text("The toll was revised from 60 to 30 after double counting.\n", encoding="utf-8")
    ledger("sources", "add", str(other), "--published", "2024-05-06")
    add(ledger, "40 people died", "death toll", "40", "--as-of", "2024-05-04")
    add(ledger, "The toll rose to 52", "death toll", "52", "--as-of", "2024-05-05")
    r = ledger("claims", "add", "2", "--quote", "revised from 60 to 30", "--subject", "Blast",
               "--property", "death toll", "--value", "30", "--as-of", "2024-05-06", "--json")
    import json

    assert json.loads(r.stdout)["new_conflicts"] == []  # 40 and 52 were overstated too, not only 60


def test_blaming_a_body_of_the_other_side_is_blaming_that_side(ledger):
    # Each side names a body of the other (its army, its ministry) rather than the other itself.
    add(ledger, "Ruritania says the threat comes from Borduria", "threat from", "Army",
        "--speaker", "Ruritania ministry", subject="Group")
    add(ledger, "Borduria says the threat comes from Ruritania", "threat from", "Ruritania ministry",
        "--speaker", "Army", subject="Group")
    (c,) = ledger.json("conflicts", "list")
    assert c["kind"] == "accusation" and "each side blames the other" in c["explanation"]


def test_blaming_a_body_of_a_third_party_is_not_mutual(ledger):
    ledger("entities", "add", "Syldavia")
    add(ledger, "Ruritania says the threat comes from Borduria", "threat from", "Army",
        "--speaker", "Ruritania ministry", subject="Group")
    add(ledger, "Borduria says the threat comes from Ruritania", "threat from", "Syldavia",
        "--speaker", "Army", subject="Group")
    assert ledger.json("conflicts", "list") == []
