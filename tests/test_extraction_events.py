"""One event, one subject; statements as structured claims; whole names and the right speaker.

The texts are written for these tests (invented places and parties), not taken from any corpus."""

from __future__ import annotations

import datetime as dt

from provenance.extract import proposals
from provenance.extract.names import proper_names

DAY1 = """Twin blasts in Zarand kill 40

At least 40 people were killed when twin blasts struck a crowded market in Zarand on Tuesday, officials said.

The Islamic State claimed responsibility for the attack in a statement on Telegram.

Interior minister Ali Rostami blamed Freedonia and Sylvania for the bombings.

Freedonia and Sylvania had no role in the attack, a spokesman for Freedonia said.
"""

DAY2 = """Death toll from the Ruritanian bombing rises to 52

The death toll from Tuesday's bombing rose to 52, two U.S. officials said on Wednesday.

We have no reason to believe that Sylvania was involved in this attack, the spokesman said.
"""

LATER = """Another attack in Zarand

A bomb attack in Zarand killed 12 people on Monday, police said.
"""


def _said(cands: list[dict]) -> set[tuple]:
    return {
        (c["subject"]["name"], c["property"]["name"], c["value"], c["polarity"], (c["speaker"] or {}).get("name"))
        for c in cands
    }


def _add(cli, tmp_path, name: str, text: str, day: str) -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    before = {c["id"] for c in cli.json("review")}
    cli("sources", "add", str(path), "--published", day, "--extract")
    return [c for c in cli.json("review") if c["id"] not in before]


def test_a_differently_worded_report_of_the_same_days_files_under_the_same_event(cli, tmp_path):
    _add(cli, tmp_path, "day1.txt", DAY1, "2031-05-06")
    cli("review", "--accept-above", "0.6")
    day2 = _add(cli, tmp_path, "day2.txt", DAY2, "2031-05-07")
    tolls = [c for c in day2 if c["property"]["name"] == "death toll" and c["role"] == "body"]
    # "the Ruritanian bombing" names no place the ledger knows: the kind and the days agree.
    assert {c["subject"]["name"] for c in tolls} == {"Zarand attack"}
    assert all(c["subject"]["link"] == "known" for c in tolls)
    assert "reported within" in tolls[0]["note"]  # extract says which event and why


def test_the_same_name_a_year_later_is_another_event_with_its_date(cli, tmp_path):
    _add(cli, tmp_path, "day1.txt", DAY1, "2031-05-06")
    cli("review", "--accept-above", "0.6")
    later = _add(cli, tmp_path, "later.txt", LATER, "2032-09-13")
    tolls = [c for c in later if c["property"]["name"] == "death toll" and c["role"] == "body"]
    assert {c["subject"]["name"] for c in tolls} == {"Zarand attack (September 2032)"}


def test_statements_become_responsibility_claims_per_party(cli, tmp_path):
    said = _said(_add(cli, tmp_path, "day1.txt", DAY1, "2031-05-06"))
    assert ("Zarand attack", "responsibility", "Islamic State", "asserts", "Islamic State") in said
    assert ("Zarand attack", "responsibility", "Freedonia", "asserts", "Ali Rostami") in said
    assert ("Zarand attack", "responsibility", "Sylvania", "asserts", "Ali Rostami") in said
    assert ("Zarand attack", "responsibility", "Freedonia", "denies", "Freedonia") in said
    assert ("Zarand attack", "responsibility", "Sylvania", "denies", "Freedonia") in said
    # No "statements by ..." left over for a sentence whose core was read.
    assert not any(p.startswith("statements by") for _, p, *_ in said)


def test_a_negated_belief_is_a_denial_and_the_speaker_is_carried_to_figures(cli, tmp_path):
    _add(cli, tmp_path, "day1.txt", DAY1, "2031-05-06")
    cli("review", "--accept-above", "0.6")
    said = _said(_add(cli, tmp_path, "day2.txt", DAY2, "2031-05-07"))
    assert ("Zarand attack", "responsibility", "Sylvania", "denies", "spokesman") in said
    assert ("Zarand attack", "death toll", "52", "asserts", "U.S. officials") in said
    # "two U.S. officials" counts who speaks, not the dead.
    assert not any(p == "death toll" and v.lower() == "two" for _, p, v, *_ in said)


def test_figures_stated_by_the_article_have_no_speaker():
    text = "At least 40 people were killed in twin blasts in Zarand on Tuesday.\n"
    (p,) = [p for p in proposals.read(text, {}, dt.date(2031, 5, 6)).proposals if p.kind == "quantity"]
    assert (p.value, p.speaker) == ("At least 40", None)


def test_multi_word_names_stay_whole():
    def names_in(text):
        return [m.text for m in proper_names(text)]

    assert names_in("Two U.S. officials said") == ["U.S."]
    assert names_in("The Islamic State claimed it") == ["Islamic State"]
    assert names_in("Inter-Services Public Relations said") == ["Inter-Services Public Relations"]
    # A possessive ends a name: the country, then the coast.
    assert names_in("the quake hit Ruritania's Pacific coast") == ["Ruritania", "Pacific"]


def test_a_nationality_adjective_names_the_country():
    text = "Freedonia said there was no Sylvanian or Iranian role in the attack in Zarand.\n"
    got = {(p.value, p.polarity) for p in proposals.read(text, {}, dt.date(2031, 5, 6)).proposals}
    assert ("Iran", "denies") in got


def test_entities_merge_moves_pending_candidates(cli, tmp_path):
    cli("entities", "add", "Zarand attack", "--kind", "event")
    cli("entities", "add", "Zarand market bombing", "--kind", "event")
    day1 = _add(cli, tmp_path, "day1.txt", DAY1, "2031-05-06")
    assert {c["subject"]["name"] for c in day1 if c["role"] == "body"} == {"Zarand attack"}
    cli("entities", "merge", "Zarand market bombing", "Zarand attack")
    pending = cli.json("review")
    assert {c["subject"]["name"] for c in pending if c["role"] == "body"} == {"Zarand market bombing"}
    cli("undo")  # the merge undone: the candidates go back with it
    assert {c["subject"]["name"] for c in cli.json("review") if c["role"] == "body"} == {"Zarand attack"}
    cli("entities", "merge", "Zarand market bombing", "Zarand attack")
    cli("review", "--accept-above", "0.6")
    claims = cli.json("claims", "list")
    assert claims and {c["subject"] for c in claims} == {"Zarand market bombing"}


# -- events of other kinds: a crush, a flood, an arrest, an election (invented places and people) --


def _events(text: str) -> set[str]:
    return {p.subject for p in proposals.read(text, {}, dt.date(2031, 5, 6)).proposals if p.kind == "quantity"}


def test_crushes_floods_elections_and_arrests_are_events_named_by_place_or_person():
    crush = "At least 80 people were killed in a crowd crush in Valdora on Saturday night, officials said."
    assert _events(crush) == {"Valdora crowd crush"}
    flood = "Flash floods after a dam collapse killed 300 people in Marnik, officials said."
    assert _events(flood) == {"Marnik floods"}
    vote = "Turnout in Ostrava's presidential election was 59 percent, the electoral council said."
    assert _events(vote) == {"2031 Ostrava presidential election"}
    arrest = (
        "The arrest of software founder Ivo Brandt at an airport near Lunel was followed by protests.\n\n"
        "Police said 14 people were arrested during the arrest of Ivo Brandt."
    )
    assert _events(arrest) == {"Ivo Brandt arrest"}


def test_a_storm_and_its_floods_at_one_place_file_under_one_event(cli, tmp_path):
    _add(
        cli,
        tmp_path,
        "a.txt",
        "Floods kill 40 in Marnik\n\nFloods killed at least 40 people in Marnik, officials said.\n",
        "2031-05-06",
    )
    cli("review", "--accept-above", "0.6")
    later = _add(
        cli,
        tmp_path,
        "b.txt",
        "Storm Vela leaves 90 dead\n\nThe toll from the storm in Marnik rose to 90, officials said.\n",
        "2031-05-07",
    )
    tolls = [c for c in later if c["property"]["name"] == "death toll" and c["role"] == "body"]
    assert {c["subject"]["name"] for c in tolls} == {"Marnik floods"}


def test_an_arrest_is_matched_by_the_person_however_it_is_worded(cli, tmp_path):
    _add(
        cli,
        tmp_path,
        "a.txt",
        "Police in Lunel said the arrest of Ivo Brandt on Saturday followed a raid in which 14 people were detained.\n",
        "2031-05-06",
    )
    cli("review", "--accept-above", "0.6")
    later = _add(
        cli,
        tmp_path,
        "b.txt",
        "Ivo Brandt's detention was extended on Monday; 20 people have now been detained, police said.\n",
        "2031-05-08",
    )
    got = [c for c in later if c["property"]["name"] == "arrested"]
    assert got and {c["subject"]["name"] for c in got} == {"Ivo Brandt arrest"}


def test_another_event_named_in_passing_does_not_take_the_article(cli, tmp_path):
    # Zarand is named, but not as the place of an attack: the Corvo bombing is another event.
    _add(
        cli,
        tmp_path,
        "a.txt",
        "Attack in Zarand\n\nA bomb attack in Zarand killed 12 people, police said.\n",
        "2031-05-06",
    )
    cli("review", "--accept-above", "0.6")
    later = _add(
        cli,
        tmp_path,
        "b.txt",
        "Blast in Corvo kills 7\n\nA suicide bombing in Corvo killed seven people on Wednesday, officials said. "
        "It came two weeks after officials in Zarand reported a rise in threats.\n",
        "2031-05-20",
    )
    tolls = [c for c in later if c["property"]["name"] == "death toll" and c["role"] == "body"]
    assert {c["subject"]["name"] for c in tolls} == {"Corvo attack"}


def test_where_an_attack_was_planned_is_about_the_articles_event_not_a_place_named_for_it():
    text = (
        "A suicide bombing in Corvo killed seven people on Wednesday.\n\n"
        "The army said that the planning for the attack was done in Sylvania."
    )
    got = [p for p in proposals.read(text, {}, dt.date(2031, 5, 6)).proposals if p.question.name == "where planned"]
    assert [(p.subject, p.value) for p in got] == [("Corvo attack", "Sylvania")]


def test_an_arrest_reported_by_its_verb_is_named_by_the_person_without_titles():
    text = (
        "Former Prime Minister Ivo Brandt was arrested on Tuesday at the High Court in Lunel.\n\n"
        "Police said 300 of his supporters were detained in protests after Ivo Brandt's arrest."
    )
    assert proposals.Reader(text, {}, dt.date(2031, 5, 6)).event == "Ivo Brandt arrest"


def test_a_shipwreck_is_placed_by_the_coast_it_happened_off():
    text = "A migrant boat sank off Karvos on Wednesday; the shipwreck off Karvos killed at least 78 people."
    assert _events(text) == {"Karvos shipwreck"}
    got = [
        p
        for p in proposals.read(text + " Three more bodies were found on Friday.", {}, dt.date(2031, 5, 6)).proposals
        if p.kind == "quantity"
    ]
    assert [p.value for p in got] == ["at least 78"]  # "three more bodies": added to the toll, not a toll


# -- the most specific place (invented towns in real countries) ---------------------------------

WRECK1 = """Hundreds feared dead after ferry sinks off Portugal

At least 60 people died after an overcrowded ferry capsized and sank early on Friday about 30 miles (48 km) from the fishing town of Velmora, the coast guard said.

The shipwreck in Portugal is the worst in years.
"""

WRECK2 = """Portugal shipwreck toll rises to 75

The death toll from the shipwreck in Portugal rose to 75 on Saturday, officials said.
"""

OUTBREAK = """Mystery disease kills 40 in Ruritania

At least 40 deaths were recorded between Nov. 2 and Nov. 20 in the Tavrin health zone, officials said.

The mystery disease in Chile has sickened 300 people.
"""


def test_an_event_is_named_by_the_town_where_it_struck_and_the_country_form_is_an_alias(cli, tmp_path):
    first = _add(cli, tmp_path, "w1.txt", WRECK1, "2031-06-14")
    tolls = [c for c in first if c["property"]["name"] == "death toll" and c["role"] == "body"]
    # The town it sank off, not the country the headline names.
    assert {c["subject"]["name"] for c in tolls} == {"Velmora shipwreck"}
    cli("review", "--accept-above", "0.6")
    entity = next(e for e in cli.json("entities", "list") if e["name"] == "Velmora shipwreck")
    assert "shipwreck in Portugal" in entity["aliases"]  # how this article also names it
    second = _add(cli, tmp_path, "w2.txt", WRECK2, "2031-06-15")
    tolls = [c for c in second if c["property"]["name"] == "death toll" and c["role"] == "body"]
    # Worded by the country only: the same event, by its alias.
    assert {c["subject"]["name"] for c in tolls} == {"Velmora shipwreck"}
    assert all(c["subject"]["link"] == "known" for c in tolls)


def test_a_place_named_in_passing_is_not_where_the_event_struck():
    # A funeral town after a comma, a port where survivors were taken: not the event's place.
    text = (
        "Ferry disaster in Portugal\n\nThe shipwreck in Portugal killed 60 people, officials said.\n\n"
        "A survivor of the shipwreck waits outside a warehouse at the port in Lisbara town.\n\n"
        "Mourners attended the funeral of a man who died in the shipwreck, in Osmora, Portugal.\n"
    )
    ref = proposals.Reader(text, {}, dt.date(2031, 6, 15)).event_ref
    assert ref is not None and ref.place == "Portugal"


def test_an_outbreak_is_named_by_its_health_zone():
    ref = proposals.Reader(OUTBREAK, {}, dt.date(2031, 11, 22)).event_ref
    assert ref is not None and (ref.kind, ref.place) == ("outbreak", "Tavrin")


QUAKE = """Earthquake kills 80 in Peru

At least 80 people were killed when a powerful earthquake struck near the coastal town of Marcona on Saturday, officials said.

Rescuers searched the rubble after the Peru earthquake.

Just last week, there were reports of two other deadly earthquakes in Chile, where a magnitude-6.1 earthquake was followed by a magnitude 6.8 earthquake.
"""


def test_an_earthquake_named_as_background_keeps_its_own_names(cli, tmp_path):
    cands = _add(cli, tmp_path, "quake.txt", QUAKE, "2031-04-17")
    by_value = {c["value"]: c["subject"]["name"] for c in cands if c["property"]["name"] == "magnitude"}
    assert by_value.get("6.1") == "Chile earthquake" and by_value.get("6.8") == "Chile earthquake"
    cli("review", "--accept-above", "0.6")
    aliases = {e["name"]: set(e["aliases"]) for e in cli.json("entities", "list")}
    main = next(n for n in aliases if n.endswith("earthquake") and n != "Chile earthquake")
    assert main == "Marcona earthquake"  # the town it struck near, not the country
    assert "Peru earthquake" in aliases[main]  # how the article also names it
    assert not any("chile" in a.lower() for a in aliases[main])  # the look back is another event


def test_an_accident_is_read_as_the_kind_the_report_names():
    text = (
        "Accident at Zorvan Arena\n\nAt least 30 people died in an accident at the Zorvan Arena on Saturday "
        "after a football match, police said.\n\nWitnesses said crowd trampling began when gates were closed.\n"
    )
    ref = proposals.Reader(text, {}, dt.date(2031, 10, 2)).event_ref
    assert ref is not None and ref.kind == "crowd crush"


def test_a_title_case_headline_figure_is_proposed_with_its_role_and_never_bulk_accepted(cli, tmp_path):
    text = (
        "Landslide Kills 45 In Marvoy Valley\n\n"
        "At least 40 people were killed when a landslide struck the village of Marvoy on Monday, officials said.\n"
    )
    cands = _add(cli, tmp_path, "slide.txt", text, "2031-03-03")
    head = [c for c in cands if c["role"] == "headline" and c["property"]["name"] == "death toll"]
    assert [c["value"] for c in head] == ["45"]  # the newest toll, often only in the headline
    cli("review", "--accept-above", "0.0")
    body = [c for c in cands if c["role"] == "body" and c["property"]["name"] == "death toll"]
    waiting = {c["id"] for c in cli.json("review")}
    assert head[0]["id"] in waiting and body and body[0]["id"] not in waiting  # the headline waits for a person


ARREST = """Opposition leader Tomas Varga arrested

Opposition leader Tomas Varga was arrested on Tuesday at his home in Dravik, police said.

At least 12 people were killed and 80 injured in clashes in Dravik after the arrest, officials said.

Police said 600 people had been detained since Tuesday during the clashes.

Rioters torched and damaged 35 government buildings in the city, the provincial government said.
"""


def test_the_dead_of_clashes_after_an_arrest_are_the_clashes_not_the_arrest(cli, tmp_path):
    cands = _add(cli, tmp_path, "arrest.txt", ARREST, "2031-05-10")
    figures = {c["property"]["name"]: c["subject"]["name"] for c in cands if c["role"] == "body"}
    assert figures.get("death toll") == "Dravik clashes"
    assert figures.get("injured") == "Dravik clashes"
    assert figures.get("arrested") == "Dravik clashes"  # rounded up in the unrest, not the arrest itself
    assert figures.get("buildings damaged") == "Dravik clashes"  # the damage the unrest did


def test_long_captions_with_their_credit_are_captions_in_real_captures():
    from provenance.extract.sentences import sentences

    text = (
        "Ferry toll rises to 90\n\n"
        # alt text, then the same caption with its credit (as a page prints an image)
        "Rescuers carry body bags of passengers who died after the ferry capsized off the coast, at the port "
        "of Marvik, in a photograph taken on Friday as families waited for news of relatives still missing.\n"
        "Rescuers carry body bags of passengers who died after the ferry capsized off the coast, at the port "
        "of Marvik, in a photograph taken on Friday as families waited for news of relatives still missing. "
        "Photo credit: Reuters\n\n"
        "A survivor gestures outside a warehouse at the port in Marvik town, about 200 kilometers (120 miles) "
        "south of the capital, on Thursday, June 15, 2031, after 60 people were killed. (AP Photo/Ana Torres)\n\n"
        "Medical staff carry a survivor on a stretcher outside a warehouse at the port in Marvik town, on "
        "June 14, 2031, after the ferry carrying dozens of passengers sank.\n\n"
        "(Photo by ANA TORRES/AFP via Getty Ima\n\n"
        "The death toll rose to 90 on Saturday, the coast guard said, and dozens of passengers were still missing "
        "after the ferry went down in rough seas.\n"
    )
    roles = [(s.role, s.text[:20]) for s in sentences(text)]
    assert [r for r, t in roles if t.startswith(("Rescuers", "A survivor", "Medical"))] == ["caption"] * 4
    assert ("body", "The death toll rose ") in roles


def test_a_modifier_such_as_anti_x_stays_in_the_event_alias(cli, tmp_path):
    text = (
        "Protests in Dravik turn deadly\n\n"
        "At least 20 people were killed on Tuesday during anti-austerity protests in Dravik, officials said.\n"
    )
    _add(cli, tmp_path, "protest.txt", text, "2031-06-26")
    cli("review", "--accept-above", "0.6")
    aliases = {e["name"]: set(e["aliases"]) for e in cli.json("entities", "list")}
    assert "anti-austerity protests in Dravik" in aliases["Dravik protests"]


def test_a_dam_breach_blamed_on_an_attack_is_a_flood_event():
    # Both sides call it an attack; what the reports are about is the dam's breach and its flood.
    text = (
        "Officials in Velmora accused rebels of an attack on the Ostrava hydroelectric dam in Velmora.\n\n"
        "The rebels accused the army of destroying the dam to stop its attacks in the Velmora region.\n\n"
        "The dam breach caused flooding in 30 villages, officials said.\n"
    )
    ref = proposals.Reader(text, {}, dt.date(2031, 3, 9)).event_ref
    assert ref is not None and ref.kind == "floods"
    # An attack near a dam is still an attack.
    near = "Gunmen carried out an attack on the village near the Ostrava dam in Velmora, killing nine people.\n"
    ref = proposals.Reader(near, {}, dt.date(2031, 3, 9)).event_ref
    assert ref is not None and ref.kind == "attack"


def test_an_earlier_event_dated_by_its_year_does_not_name_the_articles_event():
    # A heat wave at a yearly gathering: the gathering and its year name it (not the country);
    # the crush the article looks back to is another event.
    text = (
        "Extreme heat kills 25 pilgrims\n\n"
        "At least 25 pilgrims have died from extreme heat in the ongoing Tarvo pilgrimage in Portugal, officials said.\n\n"
        "Organisers said the heat wave would last until Friday.\n\n"
        "In the worst disaster at the festival, a deadly crush in 2012 killed more than 300 people.\n\n"
        "The 2012 crush led to new rules on crowd sizes.\n"
    )
    ref = proposals.Reader(text, {}, dt.date(2031, 7, 2)).event_ref
    assert ref is not None and ref.kind == "pilgrimage"
    assert ref.name == "Tarvo 2031 pilgrimage"  # not the 2012 crush


# -- a place is a place; a structure or a designation names its event (invented names) ----------


def test_a_party_a_titled_person_or_an_acronym_is_no_place_for_an_event():
    from provenance.extract.events import plausible_place

    # A real demonym leading a body's name, and a pair of real countries: the lexicon knows those.
    for name in (
        "Chilean Dream",
        "President Ana Velk",
        "Human Rights Watch",
        "NRP",
        "Chile-Peru",
        "European",
        "Velda Air",
    ):
        assert not plausible_place(name), name
    for name in ("Zarand", "Valdora Stadium", "Nova Marnik", "South Africa", "DRC", "Indian Ocean"):
        assert plausible_place(name), name
    text = (
        "The ruling Chilean Dream party won the parliamentary election with 54% of the vote.\n\n"
        "Turnout in the Chilean Dream election was 58%, officials in Chile said.\n"
    )
    got = {p.question.name: p.subject for p in proposals.read(text, {}, dt.date(2031, 5, 6)).proposals}
    assert got["turnout"] == "2031 Chile parliamentary election"  # not "Chilean Dream election"
    assert got["vote share"] == "Chilean Dream"


def test_a_dam_named_by_its_own_name_places_its_breach_and_later_reports_find_it(cli, tmp_path):
    first = (
        "Water poured through the breached Nova Velda dam on Tuesday.\n\n"
        "At least 17 people died in the floods in Peru after the Nova Velda dam gave way, officials said.\n"
    )
    second = (
        "Peru blames Sylvania for the Velda dam attack\n\n"
        "The death toll from the floods rose to 21, officials said on Wednesday.\n"
    )
    one = _add(cli, tmp_path, "one.txt", first, "2031-06-06")
    assert {c["subject"]["name"] for c in one if c["property"]["name"] == "death toll"} == {"Nova Velda floods"}
    cli("review", "--accept-above", "0.6")
    two = _add(cli, tmp_path, "two.txt", second, "2031-06-07")
    tolls = [c for c in two if c["property"]["name"] == "death toll"]
    assert {c["subject"]["name"] for c in tolls} == {"Nova Velda floods"}
    assert tolls[0]["subject"]["link"] == "known"


def test_a_flight_number_or_a_named_place_before_the_event_noun_is_an_alias_a_perpetrator_is_not():
    from provenance.extract.events import EventRef, named_surfaces

    text = (
        "A Velda Air flight 7V2218 accident occurred on Sunday. The 717-300 crash at Zarand airport killed 80. "
        "Ruritania Airliner Crash: what we know. The 2019 crash was worse. An Islamic Front attack followed. "
        "A magnitude 6.1 quake and 2 crashes came after.\n"
    )
    got = named_surfaces(text, EventRef("crash", "Zarand", None, ("Ruritania",)))
    assert got == ["Velda Air flight 7V2218 accident", "717-300 crash", "Ruritania Airliner Crash"]
    assert named_surfaces(text, EventRef("attack", "Zarand")) == ["Velda Air flight 7V2218 accident"]
    # A date names its event too ("the 14 May parliamentary elections"); a bare number does not.
    vote = "Turnout in the 14 May parliamentary elections was 61%. The 3 elections before were calmer.\n"
    assert named_surfaces(vote, EventRef("election", "Zarand")) == ["14 May parliamentary elections"]


def test_protests_tied_to_an_arrest_are_also_named_after_it(cli, tmp_path):
    text = (
        "Protests spread across Peru\n\n"
        "Opposition leader Ivo Brandt was arrested in Lima on Tuesday.\n\n"
        "At least 8 people were killed in violent protests in Peru on Wednesday, police said.\n"
    )
    cands = _add(cli, tmp_path, "protests.txt", text, "2031-05-10")
    assert {c["subject"]["name"] for c in cands if c["property"]["name"] == "death toll"} == {"Peru protests"}
    cli("review", "--accept-above", "0.6")
    entity = next(e for e in cli.json("entities", "list") if e["name"] == "Peru protests")
    assert "protests after Ivo Brandt's arrest" in entity["aliases"]

    from provenance.extract.events import aftermath_name
    from provenance.extract.sentences import sentences

    # Protests with no arrest named get no such name; nor does a flood whose article names one.
    plain = "At least 8 people were killed in violent protests in Peru on Wednesday, police said.\n"
    assert aftermath_name(sentences(plain), "protests") is None
    assert aftermath_name(sentences(text), "floods") is None


def test_deaths_during_a_yearly_gathering_are_named_by_the_gathering_and_its_year():
    heat = (
        "At least 90 pilgrims died of heat stroke in Saudi Arabia during the hajj, officials said.\n\n"
        "The heat wave pushed temperatures past 50C at the holy sites.\n"
    )
    assert _events(heat) == {"Hajj 2031 pilgrimage"}
    # The same words in another year are another event; a heat wave with no gathering keeps its place.
    later = {p.subject for p in proposals.read(heat, {}, dt.date(2032, 6, 1)).proposals if p.kind == "quantity"}
    assert later == {"Hajj 2032 pilgrimage"}
    plain = "At least 90 people died in the heat wave in Zarand, officials said.\n"
    assert _events(plain) == {"Zarand heat deaths"}


# -- event naming on unseen events: a storm's own name, people and roads are no places, an election's name --


def test_a_named_storm_is_named_by_its_name_and_a_later_report_finds_it(cli, tmp_path):
    first = (
        "Cyclone Ilsa leaves 30 dead in Velmora\n\n"
        "At least 30 people were killed when Cyclone Ilsa struck the island of Velmora on Sunday, officials said.\n"
    )
    assert proposals.Reader(first, {}, dt.date(2031, 2, 9)).event == "Cyclone Ilsa"
    # "Storm Prediction Center" names no storm; a hurricane keeps its own word.
    other = "Hurricane Odo killed 12 people in Pelora, the Storm Prediction Center said.\n"
    assert proposals.Reader(other, {}, dt.date(2031, 2, 9)).event == "Hurricane Odo"
    _add(cli, tmp_path, "a.txt", first, "2031-02-09")
    cli("review", "--accept-above", "0.6")
    # A report that places it only by the island, and one that names only the storm, find it.
    by_place = _add(cli, tmp_path, "b.txt", "The cyclone in Velmora killed 45 people, officials said.\n", "2031-02-10")
    by_name = _add(cli, tmp_path, "c.txt", "The death toll from cyclone Ilsa rose to 51 on Tuesday.\n", "2031-02-11")
    assert {c["subject"]["name"] for c in by_place + by_name if c["property"]["name"] == "death toll"} == {
        "Cyclone Ilsa"
    }


def test_a_persons_name_is_never_where_an_event_happened():
    text = (
        "Asked about the attack, Defence Minister Tomas Orvik said his country had nothing to do with it.\n\n"
        "Orvik attack claims rejected\n\n"
        "At least 20 people were killed in the attack in Velmora on Tuesday, police said.\n\n"
        "Describing the Velmora attack as a crime, Orvik said the attack was planned abroad.\n"
    )
    ref = proposals.Reader(text, {}, dt.date(2031, 4, 22)).event_ref
    assert ref is not None and ref.place == "Velmora"
    # A region before a title is the region's, not the person's: "Velmora Chief Minister X Y".
    titled = (
        "Velmora Chief Minister Ana Pell said 12 people died in the crash in Velmora.\n\n"
        "The crash in Velmora happened at night.\n"
    )
    assert proposals.Reader(titled, {}, dt.date(2031, 4, 22)).event == "Velmora crash"


def test_a_hyphenated_road_or_border_is_no_place():
    text = (
        "Korva-Lind highway stampede kills 60\n\n"
        "At least 60 people died in a stampede on the Korva-Lind highway on Tuesday.\n\n"
        "The stampede in Korva broke out at a prayer meeting, police said.\n"
    )
    ref = proposals.Reader(text, {}, dt.date(2031, 7, 2)).event_ref
    assert ref is not None and ref.place == "Korva"


def test_an_election_is_named_year_country_and_kind_whatever_the_article_leads_with():
    text = (
        "Orvik Dalen, the candidate of the ruling party, was declared winner of the presidential election.\n\n"
        "Turnout in the presidential election was 43 percent, Velmora's election commission said.\n\n"
        "Observers in Velmora said the parliamentary elections held the same day were flawed.\n"
    )
    got = {p.question.name: p.subject for p in proposals.read(text, {}, dt.date(2031, 10, 9)).proposals}
    # Both votes named: a general election; the candidate is no place.
    assert got["turnout"] == "2031 Velmora general election"


def test_the_dead_of_an_election_article_are_the_post_election_protests():
    text = (
        "Velmora court confirms disputed presidential election result\n\n"
        "The constitutional court in Velmora confirmed the result of the presidential election on Monday.\n\n"
        "At least 40 people have been killed in post-election protests in Velmora, a rights group said.\n\n"
        "Turnout in the presidential election was 43 percent, the electoral commission said.\n"
    )
    got = {p.question.name: p.subject for p in proposals.read(text, {}, dt.date(2031, 12, 23)).proposals}
    # The vote keeps its own figures; the unrest after it is named by the vote it follows.
    assert got["turnout"] == "2031 Velmora presidential election"
    assert got["death toll"] == "Velmora post-election protests"


def test_a_place_written_before_the_event_noun_names_it_when_no_sentence_places_it():
    text = (
        "Korva Stampede: 60 dead at prayer meeting\n\n"
        "At least 60 people were killed on Tuesday when a stampede broke out at a prayer meeting "
        "near the Korva-Lind border, officials said.\n\n"
        "The Korva stampede is the deadliest this year, Governor Ana Pell said.\n"
    )
    assert proposals.Reader(text, {}, dt.date(2031, 7, 2)).event == "Korva crowd crush"
