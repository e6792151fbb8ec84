"""Figures read with the right question, update language and revisions (issue 11, items 4 and 8;
issue 12, revisions proposed by extraction). Texts written for these tests."""

from __future__ import annotations

import datetime as dt
import json

from provenance.extract.proposals import read


def _quantities(text: str) -> list:
    return [p for p in read(text, {}, dt.date(2024, 1, 4)).proposals if p.kind == "quantity"]


def _by_value(text: str) -> dict:
    return {p.value: p for p in _quantities(text)}


def test_a_revision_names_its_earlier_figure_in_either_order():
    got = _by_value("The death toll in the crash was revised to 275 from 288 by the state government.")
    assert got["275"].revises == "288" and not got["275"].earlier
    assert got["288"].earlier and got["288"].question.name == "death toll"
    got = _by_value("The toll was earlier put at 288, which the state government revised to 275 on Sunday.")
    assert got["288"].earlier and got["275"].revises == "288"


def test_a_rise_is_an_update_with_its_earlier_figure_not_a_revision():
    got = _by_value("The death toll has risen to 103, up from 73 on Wednesday.")
    assert "update (earlier: 73)" in got["103"].note and got["103"].revises is None
    assert got["73"].earlier


def test_an_earlier_tally_in_another_sentence_is_the_one_revised():
    got = _by_value(
        "BAGHDAD — The blast in Baghdad killed dozens. The ministry revised the death toll down to 61 on "
        "Friday. The earlier tally of 70 had counted some victims twice."
    )
    assert got["70"].earlier and got["70"].question.name == "death toll"
    assert got["61"].revises == "70"


def test_the_count_named_before_an_update_verb_is_the_question():
    got = _by_value("The staggering death toll from the shootings at two city mosques has climbed to 50, police said.")
    assert set(got) == {"50"} and got["50"].question.name == "death toll"


def test_a_breakdown_by_place_and_a_part_are_scoped_claims():
    got = _by_value("49 people have died - 41 at the Central Mosque, 7 at Linwood Mosque")
    assert got["41"].question.name == got["7"].question.name == "death toll"
    assert got["41"].scope == "at the Central Mosque" and got["7"].scope == "at Linwood Mosque"
    got = _by_value("At least 90 people were killed, including 12 children, officials said.")
    assert got["12"].question.name == "death toll" and got["12"].scope == "children"
    assert got["At least 90"].scope is None


def test_other_things_counted_are_not_tolls():
    got = _by_value(
        "Red Cross workers said as many as 5,000 people might need temporary housing because of destroyed homes."
    )
    assert got["as many as 5,000"].question.name == "displaced"
    assert not _quantities("date 2023-06-03 Rescue teams worked through the night.")
    got = _by_value("This is the deadliest since a magnitude-7.2 earthquake struck the coast.")
    assert got["7.2"].question.name == "magnitude"
    got = _by_value("The disease killed 27 people in hospitals, the minister said.")
    assert got["27"].question.name == "death toll"
    got = _by_value("Officials said 84 dead and 40 wounded were counted.")
    assert got["84"].scope is None


def test_accepting_a_revision_records_it_and_flags_no_conflict(cli, tmp_path):
    page = tmp_path / "toll.txt"
    page.write_text(
        "QUETTA, Pakistan — A bombing at a market in Quetta killed dozens of people on Tuesday, officials said.\n\n"
        "On Wednesday the provincial health department revised the death toll from 95 to 84, saying some "
        "victims had been counted twice.\n",
        encoding="utf-8",
    )
    out = cli.json("sources", "add", str(page), "--published", "2024-01-04", "--extract")[0]
    tolls = {c["value"]: c for c in out["candidates"] if c["property"]["name"] == "death toll"}
    assert tolls["84"]["revises"] == {"value": "95", "claim": None}
    assert "revises 95" in cli("review").stdout
    ids = [str(tolls["95"]["id"]), str(tolls["84"]["id"])]
    decided = json.loads(cli("candidates", "accept", *ids, "--json").stdout)
    assert decided["new_conflicts"] == []
    claims = {c["value_text"]: c for c in cli.json("claims", "list")}
    assert claims["84"]["revises"] == claims["95"]["id"]


def test_page_chrome_bylines_bullets_and_credits_get_their_roles():
    from provenance.extract.sentences import sentences

    page = (
        "date 2024-02-01 Skip to Content\n"
        "Ferry sinks off Dhaka, 31 dead\n"
        "By Jane Roe\n"
        "Published February 1, 2024\n"
        "Rescuers carry a survivor to the shore near Dhaka on Tuesday. —AP\n"
        "• 31 people have died and 12 are missing, police say\n"
        "• Published\n"
        "The ferry capsized on Tuesday evening, police said.\n"
        "Click to comment\n"
        "The river police said divers were still searching the wreck and that the toll could ri"
    )
    roles = {s.text[:20]: s.role for s in sentences(page)}
    assert roles["date 2024-02-01 Skip"] == "navigation"
    assert roles["Ferry sinks off Dhak"] == "headline"
    assert roles["By Jane Roe"] == roles["Published February 1"] == roles["Click to comment"] == "navigation"
    assert roles["Rescuers carry a sur"] == "caption"
    assert roles["• 31 people have die"] == "body" and roles["• Published"] == "navigation"
    assert roles["The river police sai"] == "body"  # the capture stops mid-sentence


def test_a_caption_keeps_its_own_time_and_waits_for_a_person(cli, tmp_path):
    page = tmp_path / "ferry.txt"
    page.write_text(
        "DHAKA, Bangladesh — A ferry capsized in the river near Dhaka on Wednesday, killing 31 people, police said.\n\n"
        "Rescuers recover bodies after 12 people were killed on Tuesday near Dhaka. —AP\n",
        encoding="utf-8",
    )
    out = cli.json("sources", "add", str(page), "--published", "2024-02-01", "--extract")[0]
    caption = next(c for c in out["candidates"] if c["role"] == "caption" and c["kind"] == "quantity")
    assert caption["value"] == "12" and caption["as_of"] == "2024-01-30"
    accepted = json.loads(cli("review", "--accept-above", "0.1", "--json").stdout)["accepted"]
    assert caption["id"] not in accepted


def test_elections_and_crowds_are_read_as_shares_seats_and_crowds():
    got = _by_value(
        "Turnout was 67 percent. The Awami League won 52% of the vote. The ruling party won 143 of the 250 seats. "
        "Thousands of people had gathered when the bombs exploded."
    )
    assert got["67 percent"].question.name == "turnout" and got["67 percent"].question.value_type == "share"
    assert got["52%"].question.name == "vote share" and got["52%"].subject == "Awami League"
    assert got["143"].question.name == "seats won" and "250" in got["143"].note and "250" not in got
    assert got["Thousands"].question.name == "crowd size"


def test_increments_parts_background_incidents_and_crowds_are_not_rival_tolls():
    got = _by_value(
        "A crowd crush in Valdora killed 156 people on Saturday. 26 of the dead were foreigners. "
        "Two more people died in hospital overnight. "
        "Police deployed 137 officers to manage a crowd of 100,000. "
        "It was the deadliest disaster since 2014, when 304 people died in a ferry sinking."
    )
    assert got["156"].question.name == "death toll" and got["156"].scope is None
    assert got["26"].question.name == "death toll" and got["26"].scope == "foreigners" and "part" in got["26"].note
    assert got["100,000"].question.name == "crowd size"
    assert "Two" not in got and "137" not in got and "304" not in got


def test_a_share_won_in_an_election_is_a_vote_share_and_a_death_after_injury_is_a_death():
    got = _by_value("In the presidential election the opposition candidate won 67 percent, observers said.")
    assert got["67 percent"].question.name == "vote share"
    got = _by_value("Officials said 12 people succumbed to their injuries in hospital.")
    assert got["12"].question.name == "death toll"


def test_an_opening_initially_dates_only_the_figures_before_the_turn_of_the_sentence():
    got = _by_value(
        "Initially, reports said 88 people were killed in the Hollin blast, but the ministry later revised the toll to 80."
    )
    assert got["88"].earlier and not got["80"].earlier
    assert got["80"].revises == "88"


def test_a_period_start_and_the_day_people_died_long_before_are_not_the_count_s_moment():
    # The span the figures cover ends on its last day; its first day is no as-of.
    got = {
        p.value: p
        for p in read(
            '"Our records show 31 people have died in the unrest," the commission said, adding that the figures '
            "covered the period from June 10 to June 28.",
            {},
            dt.date(2024, 7, 1),
        ).proposals
        if p.kind == "quantity"
    }
    assert got["31"].as_of == "2024-06-28"
    # Two weeks on, "died ... on June 3" is when they died; the count is the article's.
    later = read(
        "Investigators are examining how 57 people died in a crush at the Borvik arena on June 3.",
        {},
        dt.date(2024, 6, 17),
    )
    assert [(p.value, p.as_of) for p in later.proposals if p.kind == "quantity"] == [("57", None)]
    # A day or two on, the day named may be the count's own.
    fresh = read("Rescuers said 12 people were killed on Sunday near Dhaka.", {}, dt.date(2024, 7, 1))
    assert [(p.value, p.as_of) for p in fresh.proposals if p.kind == "quantity"] == [("12", "2024-06-30")]


def test_those_who_died_at_the_scene_in_the_capital_or_of_one_cause_are_parts():
    got = _by_value(
        '"We have counted 30 deaths," the commission chair said, adding that 25 people had died in the capital '
        "Lomara, where police fired on crowds."
    )
    assert got["30"].scope is None and got["25"].scope == "in Lomara"
    got = _by_value("The governor said 12 people died on the spot at the market, the rest were treated in hospital.")
    assert got["12"].scope == "at the scene"
    got = _by_value("Firefighters said 8 people were confirmed dead on scene and 30 people were treated on scene.")
    assert got["8"].scope == "at the scene"
    got = _by_value(
        "The minister said that of the confirmed deaths in hospitals, 6 patients died because of a shortage of "
        "oxygen and 9 died from kidney failure."
    )
    assert got["6"].scope == "from a shortage of oxygen" and got["9"].scope == "from kidney failure"
    # The toll of an event in the capital is the toll, and their injuries are no part.
    assert _by_value("The protests killed 40 people in the capital Lomara on Friday.")["40"].scope is None
    assert _by_value("Officials said 12 people died from their injuries in hospital.")["12"].scope is None


def test_a_breakdown_by_region_scopes_the_region_named_first_and_the_wounded_taken_to_hospital():
    got = _by_value(
        "The floods have claimed at least 60 lives across Norland, officials said. The interior minister said that "
        "the Harven region suffered the most with 55 fatalities, while four deaths occurred in Ost Lira and one in "
        "Belmar. She said of the 80 people who were wounded and taken to hospitals, ten remained hospitalised."
    )
    assert got["at least 60"].scope is None
    assert got["55"].scope == "in Harven region" and got["four"].scope == "in Ost Lira"
    assert got["80"].question.name == "injured" and got["80"].scope == "taken to hospital"
    # A region named alone, with no breakdown around it, is the toll's place, not a part.
    assert _by_value("The floods in the Harven region have killed 55 people, officials said.")["55"].scope is None
