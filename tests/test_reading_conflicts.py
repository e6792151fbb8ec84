"""Conflicts end to end from extracted claims (issue 11): articles added, `extract`, `review
--accept-above 0.6`, and what `conflicts list` then flags and does not flag. Articles written for
these tests, about made-up places."""

from __future__ import annotations

QUAKE_1 = """Quake toll climbs in Marova

MAROVA — The death toll from the earthquake rose to 233 on Sunday, the interior ministry said.

The disaster is the deadliest in the country since a magnitude-7.1 earthquake in 1979, which took about 1,000 lives.
"""

QUAKE_2 = """Marova earthquake toll passes 500

MAROVA — Officials said the death toll from the magnitude 7.8 earthquake on April 16 has risen to 507.

The quake, which struck late Saturday, also injured more than 4,000 people, according to the latest government tallies.
"""

BLAST_1 = """Twin blasts kill dozens in Sarvan

SARVAN — Twin blasts at a memorial ceremony in Sarvan killed at least 84 people on Wednesday, officials said.

Interior Minister Dara Keshani blamed the US and Israel for the attack.
"""

BLAST_2 = """Washington rejects blame for Sarvan bombing

The United States on Wednesday denied any involvement in the Sarvan bombing. State Department spokesman Tom Reed
said the United States had nothing to do with the attack.

The toll from the Sarvan bombing rose to 95 on Thursday, the health ministry said.
"""

BLAST_3 = """Sarvan toll lowered

The health ministry said on Friday that 60 people were killed in the Sarvan bombing.
"""


def _read(cli, tmp_path, articles: list[tuple[str, str, str]]) -> None:
    """Add each article, extract it and accept what scores 0.6 or more, as a desk works."""
    for n, (text, outlet, published) in enumerate(articles, 1):
        path = tmp_path / f"article{n}.txt"
        path.write_text(text, encoding="utf-8")
        cli("sources", "add", str(path), "--outlet", outlet, "--published", published)
        cli("extract", str(n))
        cli("review", str(n), "--accept-above", "0.6")


def _conflicts(cli) -> list[tuple[str, list[str]]]:
    return [(c["kind"], sorted(k["value_text"] for k in c["claims"])) for c in cli.json("conflicts", "list")]


def test_the_day_an_event_happened_and_an_earlier_event_are_no_rivals_of_a_rising_toll(cli, tmp_path):
    _read(cli, tmp_path, [(QUAKE_1, "Daily One", "2016-04-18"), (QUAKE_2, "Wire Two", "2016-04-20")])
    claims = {(c["property"], c["value_text"]): c for c in cli.json("claims", "list")}
    # "the earthquake on April 16 has risen to 507": April 16 is when the quake struck, not the
    # moment of the count, which is the article's (a later report than Sunday's 233).
    assert claims[("death toll", "507")]["as_of"] == "2016-04-20"
    assert claims[("injured", "more than 4,000")]["as_of"] == "2016-04-20"
    # The 1979 quake's toll and magnitude are background: left out ("when about 1,000 died" names
    # an earlier incident) or left for a person to file, never accepted.
    assert ("death toll", "about 1,000") not in claims and ("magnitude", "7.1") not in claims
    pending = {c["value"] for c in cli.json("candidates", "list", "--status", "pending")}
    assert "7.1" in pending
    assert _conflicts(cli) == []


def test_a_blame_and_its_denial_meet_whatever_the_country_is_called(cli, tmp_path):
    _read(
        cli,
        tmp_path,
        [
            (BLAST_1, "Daily One", "2024-01-03"),
            (BLAST_2, "Wire Two", "2024-01-04"),
            (BLAST_3, "Third Paper", "2024-01-05"),
        ],
    )
    values = {c["value_text"] for c in cli.json("claims", "list") if c["property"] == "responsibility"}
    assert "United States" in values and "US" not in values
    found = _conflicts(cli)
    assert ("denial", ["United States", "United States"]) in found
    # A rise (84 on Wednesday, 95 on Thursday) is an update; a later, lower figure is flagged.
    assert not any(kind in ("decrease", "numeric", "same_day") and "60" not in vs for kind, vs in found)
    assert ("decrease", ["60", "95"]) in found


PARTS = """Train crash toll rises

The death toll in the Korvel train crash rose to 278 on Monday, the railway ministry said.
Of the injured, 34 remain in hospital and 12 are in critical condition, a surgeon said.
The governor said 61 people from her state have died in the crash.
Two members of one family were among those killed in the crash.
Three more people have succumbed to their injuries, officials said.
Officials said 793 injured passengers have been discharged.
"""


def _read_one(text: str) -> dict:
    import datetime as dt

    from provenance.extract.proposals import read

    return {p.value: p for p in read(text, {}, dt.date(2023, 6, 5)).proposals if p.kind == "quantity"}


def test_parts_of_a_toll_are_scoped_and_increments_and_discharges_are_no_totals():
    got = _read_one(PARTS)
    assert got["278"].scope is None and got["278"].question.name == "death toll"
    assert got["12"].scope == "in critical condition"
    assert got["61"].scope == "from her state" and got["61"].question.name == "death toll"
    assert got["Two"].scope  # a part of those killed, not a rival toll of two
    assert "Three" not in got and "793" not in got


def test_a_scoped_part_is_no_rival_of_the_total(cli, tmp_path):
    later = "Korvel crash toll revised\n\nThe railway ministry said on Tuesday that the death toll stood at 275.\n"
    _read(cli, tmp_path, [(PARTS, "Daily One", "2023-06-05"), (later, "Wire Two", "2023-06-06")])
    found = _conflicts(cli)
    # Only the total can fall: 278 on Monday, 275 on Tuesday. The parts (61 from one state, two
    # of one family) and the dropped increment (three more) are compared with nothing.
    assert found and all(vs == ["275", "278"] for _, vs in found), found


def test_was_not_involved_is_a_denial_only():
    import datetime as dt

    from provenance.extract.proposals import read

    text = "Twin blasts hit Sarvan. A spokesman said the United States was not involved in the Sarvan bombing."
    got = [
        (p.polarity, p.value)
        for p in read(text, {}, dt.date(2024, 1, 4)).proposals
        if p.question.name == "responsibility"
    ]
    assert ("denies", "United States") in got and ("asserts", "United States") not in got


def test_a_correction_dated_in_its_own_words_replaces_the_earlier_figure(cli, tmp_path):
    first = "Korvel crash\n\nSo far, 288 people have died in the Korvel train crash, the railway said.\n"
    fixed = (
        "Korvel toll corrected\n\nThe death toll in the Korvel train crash was revised to 275 on June 4, 2023, "
        "after some bodies were counted twice, the state government said.\n"
    )
    _read(cli, tmp_path, [(first, "Daily One", "2023-06-03"), (fixed, "Wire Two", "2023-06-05")])
    values = {c["value_text"] for c in cli.json("claims", "list")}
    assert {"288", "275"} <= values
    assert _conflicts(cli) == []  # a stated correction, not a fall; the date in it names no figure


def test_a_region_before_the_overall_toll_a_place_alone_and_a_forecast_are_scoped():
    got = _read_one(
        "Authorities in Marova raised the death toll there to 202 on Friday, bringing the overall toll to "
        "at least 205 in the floods.\n"
        "In the town of Selby alone, 40 people perished in the floods.\n"
        "One more resident died on Saturday after the floods.\n"
        "The court said 62 bodies were still pending identification after the floods.\n"
    )
    assert got["202"].scope == "part" and got["at least 205"].scope is None
    assert got["40"].scope == "in the town of Selby"
    assert "One" not in got and "62" not in got
    poll = _read_one("According to pre-election polling, the ruling party was expected to receive 35% of votes.")
    assert [(v, p.scope) for v, p in poll.items()] == [("35%", "forecast")]


FLOOD_1 = """Floods kill 77 in Tarvel

TARVEL — Flash floods killed at least 77 people on Sunday, officials said.

Two members of a local family were among those killed, a relative confirmed. Tragically one child 'possibly two'
had died in the floods, the mayor said.
"""

FLOOD_2 = """Tarvel floods: bodies identified

TARVEL — The floods killed 77 people, the regional governor said on Monday. He said that of the 77 bodies,
50 have been identified.
"""


def test_a_part_among_the_dead_and_bodies_being_identified_are_no_rival_tolls(cli, tmp_path):
    _read(cli, tmp_path, [(FLOOD_1, "Daily One", "2021-05-02"), (FLOOD_2, "Wire Two", "2021-05-03")])
    values = {c["value_text"] for c in cli.json("claims", "list") if c["property"] == "death toll"}
    assert "50" not in values  # bodies identified: not a toll
    assert not {"two", "Two"} & values - {c["value_text"] for c in cli.json("claims", "list") if c.get("scope")}
    flagged = [v for _, v in _conflicts(cli)]
    assert not any("Two" in v or "50" in v for v in flagged), flagged


UNREST_1 = (
    "Thirty killed in Tarvel protests, rights body says\n\n"
    "LOMARA — Thirty people were killed in anti-government protests in Tarvel on Tuesday, the national rights "
    "commission said.\n\n"
    '"We have recorded 30 deaths... we will open an inquiry," said Mara Ostin, chair of the commission, adding that '
    "25 people had died in the capital Lomara, where police fired on protesters.\n"
)
UNREST_2 = (
    "Tarvel protest toll reaches 44\n\n"
    "LOMARA — A total of 44 people have been killed in anti-government protests in Tarvel, the national rights "
    "commission said on Monday, adding that the figures covered the period from May 2 to May 20.\n\n"
    "Initially, reports said 50 people were killed in the protests, but the commission later revised the toll to 44.\n"
)


def test_a_city_s_part_a_period_s_start_and_an_initial_figure_are_no_rivals(cli, tmp_path):
    _read(cli, tmp_path, [(UNREST_1, "Daily One", "2024-05-08"), (UNREST_2, "Wire Two", "2024-05-21")])
    claims = {c["value_text"]: c for c in cli.json("claims", "list") if c["property"] == "death toll"}
    assert claims["25"]["scope"] == "in Lomara"  # one city's part of the 30, not a rival figure
    # 30 (7 May) rising to 44 over a period ending 20 May is an update, and 50 was an initial
    # figure the commission revised to 44: nothing to flag.
    dated = {c["as_of"] for c in cli.json("claims", "list") if c["value_text"] == "44"}
    assert "2024-05-20" in dated and "2024-05-02" not in dated
    assert "50" in claims
    assert _conflicts(cli) == []


FIRE_1 = (
    "Lomara fire kills 70\n\n"
    "LOMARA — By 11am on Thursday, the fire at the six-storey block in central Lomara had claimed 70 lives, "
    "city officials said.\n"
)
FIRE_2 = (
    "Lomara fire toll rises\n\n"
    "LOMARA — At least 71 people have died in a fire that broke out inside a six-storey block in central Lomara "
    "on Thursday, officials said.\n"
)


def test_the_day_a_fire_broke_out_is_not_the_day_of_a_later_article_s_toll(cli, tmp_path):
    _read(cli, tmp_path, [(FIRE_1, "Daily One", "2023-08-31"), (FIRE_2, "Wire Two", "2023-09-01")])
    claims = {c["value_text"]: c for c in cli.json("claims", "list") if c["property"] == "death toll"}
    # "broke out ... on Thursday" dates the fire; the next day's article counts as of its own day,
    # after Thursday's 70: a rise, not two rival figures for Thursday.
    assert claims["At least 71"]["as_of"] == "2023-09-01"
    assert _conflicts(cli) == []
