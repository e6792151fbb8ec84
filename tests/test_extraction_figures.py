"""The right question for a figure on news of many kinds: floods, crushes, fires, shipwrecks,
arrests and elections (issue 11, items 4 and 8). Sentences invented for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from provenance.extract.proposals import read


def _figures(text: str) -> dict[str, tuple]:
    """value -> (question, scope) of each figure read."""
    out = {}
    for p in read(text, {}, dt.date(2025, 3, 9)).proposals:
        if p.kind == "quantity":
            out[p.value] = (p.question.name, p.scope)
    return out


@pytest.mark.parametrize(
    "text, value, question",
    [
        ("Nearly 40 others were taken to hospital after the tower block fire.", "Nearly 40", "hospitalised"),
        ("More than 200 were rushed to hospitals after the crush at the gates.", "More than 200", "hospitalised"),
        ("Some 80 people were receiving intensive treatment on Sunday.", "Some 80", "hospitalised"),
        ("The ferry sank and left more than 300 passengers presumed drowned.", "more than 300", "death toll"),
        ("Eleven miners were declared dead by rescuers on Monday.", "Eleven", "death toll"),
        ("About 2,500 opposition supporters have been jailed since the vote.", "About 2,500", "arrested"),
        ("The coast guard said 57 survivors had been brought ashore.", "57", "rescued"),
        ("There were 35,000 spectators inside the arena when the stand gave way.", "35,000", "crowd size"),
        ("Aid agencies say 60,000 will need some kind of help after the cyclone.", "60,000", "people needing aid"),
    ],
)
def test_what_happened_to_those_counted_names_the_question(text, value, question):
    assert _figures(text)[value][0] == question


def test_a_noun_of_one_count_yields_to_what_happened_to_them():
    # "spectators" alone would be a crowd size, "attackers" the number of attackers: here they died
    got = _figures("Four spectators died in the surge, and two attackers were killed by the guards.")
    assert got["Four"][0] == "death toll"
    assert got["two"] == ("death toll", "attackers")


def test_a_list_of_who_was_counted_and_an_aside_do_not_hide_the_verb():
    got = _figures("In the fire, 58 adults and nine children have been declared dead.")
    assert got["58"] == ("death toll", "adults") and got["nine"] == ("death toll", "children")
    got = _figures("Police said 140 officers and officials were injured in the riots.")
    assert got["140"][0] == "injured"
    got = _figures("At least 95 people, including dozens of pupils, died when the school collapsed.")
    assert got["At least 95"] == ("death toll", None)
    assert got["dozens"][0] == "death toll" and got["dozens"][1] is not None  # a part, not a rival total


def test_vague_numbers_without_of_are_counts_when_their_fate_is_given():
    assert _figures("Hundreds feared dead as floodwaters sweep through the valley")["Hundreds"][0] == "death toll"
    assert _figures("The landslide buried the village, killing hundreds overnight.")["hundreds"][0] == "death toll"
    assert _figures("Dozens were injured when the bridge gave way.")["Dozens"][0] == "injured"
    assert _figures("Thousands marched through the capital on Sunday.") == {}  # no fate, no toll


def test_a_toll_that_passed_a_figure_is_a_lower_bound():
    got = _figures("The regional governor said the death toll had exceeded 210.")
    assert got == {"more than 210": ("death toll", None)}
    got = _figures("The number of people killed surpassed 40, officials said.")
    assert got["more than 40"][0] == "death toll"


def test_a_count_named_before_a_plain_copula_is_its_question():
    got = _figures("A spokesman said the toll of one of the worst floods in decades was 164.")
    assert got["164"][0] == "death toll"
    got = _figures("By the evening, the number of people injured was 320.")
    assert got["320"][0] == "injured"


def test_election_results_shares_seats_turnout_and_lists():
    text = (
        "The Unity Party won the parliamentary election in Freedonia with 52.3% of the vote and received "
        "80 mandates out of 150, the election commission said. The Green Alliance scored 18.2%, with the "
        "Labour Bloc securing 11.5% and the Farmers Union getting only 6.1%. The voter turnout by 8 p.m. was "
        "around 61%. Over 2.1 million people voted.\n"
        "- Green Alliance (Greens, Pirates): 18%\n"
    )
    got = {(p.value, p.question.name, p.subject) for p in read(text, {}, dt.date(2025, 3, 9)).proposals}
    assert ("52.3%", "vote share", "Unity Party") in got
    assert ("80", "seats won", "Unity Party") in got
    assert ("18.2%", "vote share", "Green Alliance") in got
    assert ("11.5%", "vote share", "Labour Bloc") in got
    assert ("6.1%", "vote share", "Farmers Union") in got
    assert ("18%", "vote share", "Green Alliance") in got
    assert any(v == "around 61%" and q == "turnout" for v, q, _ in got)
    assert any(v == "Over 2.1 million" and q == "votes" for v, q, _ in got)


def test_a_fatality_rate_is_a_share_of_its_own():
    got = _figures("Health officials said the outbreak had a 4.5% fatality rate.")
    assert got["4.5%"][0] == "case fatality rate"


def test_an_earlier_incident_named_as_background_is_left_for_review():
    text = "The blaze comes two months after a bus crash on the same road, killing six people and injuring 20."
    ps = [p for p in read(text, {}, dt.date(2025, 3, 9)).proposals if p.kind == "quantity"]
    assert ps and all(p.confidence < 0.6 and "background" in (p.note or "") for p in ps)
    # the same event named again ("days after the quake") is no background
    ps = read("Two days after the earthquake, the death toll rose to 410.", {}, dt.date(2025, 3, 9)).proposals
    assert [p.confidence >= 0.5 and "background" not in (p.note or "") for p in ps if p.kind == "quantity"] == [True]


def test_more_of_the_same_count_is_an_increment_not_a_rival_total():
    got = _figures("Police arrested 14 people on Friday and detained dozens more on Saturday.")
    assert got == {"14": ("arrested", None)}
    got = _figures("Officials said 480 were confirmed dead and 1,700 more were missing.")
    assert got["1,700"][0] == "missing"


def test_a_count_of_things_is_no_toll_of_people():
    assert _figures("Police said around 5,000 vehicles were trapped by the floodwaters.") == {}
    got = _figures("The toll from the fires at two Riverside warehouses has climbed to 31, police said.")
    assert got == {"31": ("death toll", None)}
    got = _figures("Floodwaters destroyed 300 homes and killed 12 people.")
    assert got == {"300": ("buildings damaged", None), "12": ("death toll", None)}


def test_a_forecast_toll_is_scoped_as_a_forecast():
    ps = read("Experts expect the drought to kill 20,000 people by next year.", {}, dt.date(2025, 3, 9)).proposals
    assert [(p.value, p.scope) for p in ps if p.kind == "quantity"] == [("20,000", "forecast")]


def test_headline_verbs_relative_clauses_and_those_carried_aboard():
    assert _figures("Landslide Kills 23 in Mountain Village")["23"][0] == "death toll"
    assert _figures("Police arrested six Moldovans who were suspected of smuggling.")["six"][0] == "arrested"
    got = _figures("A ferry carrying an estimated 420 pilgrims capsized in the river.")
    assert got["an estimated 420"] == ("passengers", None)
    assert _figures("A truck carrying 20 tonnes of flour overturned.") == {}


def test_an_update_keeps_its_speaker_and_its_own_day_not_the_earlier_figures():
    ps = {
        p.value: p
        for p in read(
            "The death toll from the floods has risen to 214, up from 158 on Thursday, the regional "
            "government said on Friday.",
            {},
            dt.date(2025, 3, 9),
        ).proposals
        if p.kind == "quantity"
    }
    assert ps["214"].as_of == "2025-03-07" and ps["158"].as_of == "2025-03-06"
    assert ps["214"].speaker == ps["158"].speaker == "regional government"
    assert "update (earlier: 158)" in ps["214"].note and ps["158"].earlier
    ps = [p for p in read("At least 62 people have died so far, and counting.", {}, None).proposals]
    assert "running-count update" in (ps[0].note or "")


def test_shares_for_a_candidate_in_brackets_and_of_votes_counted():
    text = (
        "The council declared Ramon Vargas the winner of the presidential election with 51.2% of the vote, "
        "against 44.2% for opposition candidate Luis Mora. With 80% of the votes counted, Vargas had "
        "5,150,092 votes (51.2%), the council said."
    )
    got = {(p.value, p.question.name, p.subject) for p in read(text, {}, dt.date(2025, 3, 9)).proposals}
    assert ("44.2%", "vote share", "Luis Mora") in got
    assert ("51.2%", "vote share", "Vargas") in got and ("5,150,092", "votes", "Vargas") in got
    assert not any(v == "80%" and q == "vote share" for v, q, _ in got)  # how much was counted, no one's share


def test_a_part_named_after_its_whole_is_scoped():
    got = _figures("Of the 156 dead, 101 were women.")
    assert got["156"] == ("death toll", None) and got["101"] == ("death toll", "women")
    got = _figures("A total of 26 foreigners were among those killed.")
    assert got["26"][0] == "death toll" and got["26"][1] is not None


def test_a_share_of_one_area_is_scoped_to_it():
    text = "The ruling party won 54% of the vote in the election but garnered only 41.5% in Eastport."
    got = {p.value: p.scope for p in read(text, {}, dt.date(2025, 3, 9)).proposals if p.kind == "quantity"}
    assert got == {"54%": None, "41.5%": "in Eastport"}


def test_who_the_counted_are_is_a_part_and_other_incidents_are_background():
    got = _figures('"Five are in custody. Four are men and one is a woman," the police chief said.')
    assert got["Five"] == ("arrested", None) and got["Four"] == ("arrested", "men")
    text = (
        "LIMA — A magnitude-7.1 earthquake struck Peru on Sunday, killing 80 people.\n\n"
        "Days earlier there were two other deadly earthquakes in Chile, where a magnitude-6.4 quake was "
        "followed by a magnitude 6.9 quake."
    )
    ps = {p.value: p for p in read(text, {}, dt.date(2025, 3, 9)).proposals if p.kind == "quantity"}
    assert ps["7.1"].confidence >= 0.6
    assert ps["6.4"].confidence < 0.6 and ps["6.9"].confidence < 0.6 and "background" in ps["6.9"].note


def test_a_breakdown_by_place_in_brackets_and_a_total_brought_to_a_figure():
    got = _figures("The police said 40 people had died, by county: Eastvale (21), Northbury (3) and Port Ellis (16).")
    assert got == {
        "40": ("death toll", None),
        "21": ("death toll", "in Eastvale"),
        "3": ("death toll", "in Northbury"),
        "16": ("death toll", "in Port Ellis"),
    }
    got = _figures("The new deaths bring the total reported so far by the provinces to 318, a tally showed.")
    assert got == {"318": ("death toll", None)}


def test_a_country_a_figure_comes_from_scopes_it_as_a_part_of_the_toll():
    got = _figures("The deaths reported on Friday included 44 from Chile, officials said, bringing the total to 610.")
    assert got["44"] == ("death toll", "from Chile")
    # "from" a place that is no country is not a national part ("evacuated 300 from the valley").
    assert _figures("Rescuers said 300 were evacuated from the valley on Friday.")["300"][1] is None


@pytest.mark.parametrize(
    "text, published, day",
    [
        # a day without a year is the source's: the latest such day before it was published
        ("Tuesday's blast at the Ferrovia depot killed 40 workers.", dt.date(2031, 5, 8), "2031-05-06"),
        ("The 12 June presidential election was marred by violence.", dt.date(2031, 6, 20), "2031-06-12"),
        ("The flood on March 3 swept away the lower town.", dt.date(2031, 3, 5), "2031-03-03"),
        ("The storm struck the coast on Friday night, officials said.", dt.date(2031, 9, 7), "2031-09-05"),
        ("The collapse occurred on 14 February, a week before the inquiry.", dt.date(2031, 2, 20), "2031-02-14"),
    ],
)
def test_a_day_written_onto_the_event_dates_it(text, published, day):
    got = [p for p in read(text, {}, published).proposals if p.question.name == "date"]
    assert [p.value for p in got] == [day]


@pytest.mark.parametrize(
    "text",
    [
        "The toll from the blast rose to 40, police said on Tuesday.",  # the day it was said
        "Police said on Tuesday the blast killed 40 workers.",
        "On Monday the flood was still rising across the valley.",  # no day written onto the noun
    ],
)
def test_the_day_something_was_said_is_not_the_events(text):
    assert [p.value for p in read(text, {}, dt.date(2031, 5, 8)).proposals if p.question.name == "date"] == []


def test_a_group_is_not_founded_on_a_weekday():
    text = "The militia was founded on Tuesday, its own statement claims."
    assert all(p.question.name != "founding date" for p in read(text, {}, dt.date(2031, 5, 8)).proposals)


def test_a_share_of_a_days_vote_is_a_vote_share():
    text = "The ruling Unity Party got 54.8 percent of Saturday’s vote with almost all ballots counted."
    got = {(p.question.name, p.value) for p in read(text, {}, dt.date(2030, 10, 28)).proposals}
    assert ("vote share", "54.8 percent") in got and ("date", "2030-10-26") in got
