"""Statements read as structured claims, whole names and the right speaker, through the real CLI.

The articles here are made up, about events of other kinds than the corpus's (a flood, a bridge
collapse, a disputed vote, an arrest), so the constructions are tested, not one article's wording.
"""

from __future__ import annotations

from pathlib import Path


def _read(cli, tmp_path: Path, text: str, name: str = "page.txt") -> list[dict]:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    added = cli.json("sources", "add", str(page), "--published", "2025-03-10")
    source = str(added[0]["id"]) if isinstance(added, list) else str(added["sources"][0]["id"])
    return cli.json("extract", source)["new"]


def _said(cands: list[dict], question: str = "responsibility") -> set[tuple]:
    return {
        (c["value"], c["polarity"], (c["speaker"] or {}).get("name"))
        for c in cands
        if c["property"]["name"] == question
    }


FLOOD = """At least 40 people were killed in floods in Marrowby on Sunday.
Opposition leaders blamed the regional government for the floods.
The Interior Ministry rejected the allegations as baseless.
The mayor of Marrowby held the water authority responsible for the disaster.
Residents said the dam operator was at fault.
The dam operator denied any wrongdoing.
Officials blamed the flooding on heavy rain and poor maintenance.
"""


def test_accusations_name_accuser_and_accused_and_a_denial_answers_them(cli, tmp_path):
    got = _said(_read(cli, tmp_path, FLOOD))
    # Unnamed parties ("the regional government") are answers too, each with who said so.
    assert ("regional government", "asserts", "Opposition leaders") in got
    # "rejected the allegations": a denial of the claim it answers, by the one who rejects it.
    assert ("regional government", "denies", "Interior Ministry") in got
    assert ("water authority", "asserts", "mayor of Marrowby") in got  # the office, not the town
    assert ("dam operator", "asserts", "Residents") in got
    assert ("dam operator", "denies", "dam operator") in got  # denies wrongdoing: speaks for itself
    # "blamed the flooding on X and Y": each cause, by the officials who named it.
    assert {("heavy rain", "asserts", "Officials"), ("poor maintenance", "asserts", "Officials")} <= got


# Event kinds are the events reader's (lexicon [events]); a fire at a polling station is one.
VOTE = """A fire at a polling station in Selvara killed three people during the election on Sunday.
The Green Alliance accused the electoral commission of negligence over the fire.
The commission denied the accusations.
Election monitors said there is no indication that the army was involved.
The governor said the Citizens Front had nothing to do with the fire.
"""


def test_denials_of_involvement_and_of_an_accusation_are_denials(cli, tmp_path):
    cands = _read(cli, tmp_path, VOTE)
    got = _said(cands)
    assert ("electoral commission", "asserts", "Green Alliance") in got
    assert ("electoral commission", "denies", "commission") in got
    assert ("army", "denies", "Election monitors") in got  # "no indication that X was involved"
    assert ("Citizens Front", "denies", "governor") in got  # "had nothing to do with"
    assert not [c for c in cands if c["property"]["name"] == "responsibility" and c["value"] == "Sunday"]


COLLAPSE = """A bridge collapse in Dunmore killed 12 people on Friday.
The collapse was blamed on a corroded cable.
Engineers said a design flaw could be the reason behind the collapse.
The collapse was caused by poor construction, the inspector said.
Heavy rain caused damage to roads in the region.
The Red Dawn Front claimed responsibility for the collapse in a statement.
"""


def test_causes_and_claims_of_responsibility_name_the_whole_answer(cli, tmp_path):
    cands = _read(cli, tmp_path, COLLAPSE)
    got = _said(cands)
    # Blame laid on a thing is responsibility; what caused it is the question "cause".
    assert ("corroded cable", "asserts", None) in got  # the article's own voice: nobody else speaks
    causes = _said(cands, "cause")
    assert ("design flaw", "asserts", "Engineers") in causes
    assert ("poor construction", "asserts", "inspector") in causes
    assert ("Red Dawn Front", "asserts", "Red Dawn Front") in got  # the whole name, speaking for itself
    # Damage caused by rain is not the cause of the event.
    assert not [v for v, _, _ in got | causes if v.lower() == "heavy rain"]
    subjects = {c["subject"]["name"] for c in cands if c["property"]["name"] in ("responsibility", "cause")}
    assert subjects == {"Dunmore collapse"}


FIRE = """A fire in a block of flats in Tarrow killed 19 people on Tuesday.
Officials said the fire that gutted the block on the corner of two streets in old Tarrow might have been caused by faulty wiring, adding that checks were continuing.
With no power in the block, it is suspected that candles or a gas heater could have caused the fire, Ama Osei said.
Investigators concluded that smoke was the main cause of death.
Tenants said locked exits in the basement worsened the disaster.
A spark from the neighbouring yard started the fire, according to one tenant.
The rope used in that rescue allegedly caused the ladder to collapse.
Heavy rain caused damage to roads in the region.
"""


def test_causes_are_the_things_a_report_puts_the_disaster_down_to(cli, tmp_path):
    causes = _said(_read(cli, tmp_path, FIRE), "cause")
    assert ("faulty wiring", "asserts", "Officials") in causes  # "... might have been caused by X"
    # "X or Y could have caused the fire, Z said": each, by the one named after the quote.
    assert {("candles", "asserts", "Ama Osei"), ("gas heater", "asserts", "Ama Osei")} <= causes
    assert ("smoke", "asserts", "Investigators") in causes  # "X was the main cause of death"
    assert ("locked exits", "asserts", "Tenants") in causes  # not "basement": a place in the phrase
    values = {v for v, _, _ in causes}
    assert "spark" in values and not {"yard", "neighbouring yard"} & values
    # The object of a preposition is no cause ("in that rescue"), nor rain that damaged roads.
    assert not {"rescue", "that rescue", "Heavy rain", "heavy rain", "deaths", "death"} & values


DENIED_CLAIMS = """A bombing at a market in Selvara killed 30 people on Thursday.
The government has dismissed as 'absurd' claims made by rebel commanders that the army was behind the bombing.
The inquiry found the security company guilty of ignoring warnings.
"""


def test_a_dismissed_claim_is_the_claimants_assertion_and_the_speakers_denial(cli, tmp_path):
    got = _said(_read(cli, tmp_path, DENIED_CLAIMS))
    assert ("army", "denies", "government") in got
    assert ("army", "asserts", "rebel commanders") in got
    assert ("security company", "asserts", "inquiry") in got  # "found X guilty of"


PRONOUNS = """A bombing in Selvara killed 30 people on Thursday.
Interior Minister Rana Vell said the Red Hand group was behind the bombing.
He said the army was not involved.
The toll rose to 34, he added.
Police chief Odo Brant said 12 people were arrested.
Brant said the Red Hand group had planned the bombing in Dorvan.
"""


def test_he_said_is_the_person_who_spoke_just_before(cli, tmp_path):
    cands = _read(cli, tmp_path, PRONOUNS)
    assert ("army", "denies", "Interior Minister Rana Vell") in _said(cands)
    toll = [c for c in cands if c["property"]["name"] == "death toll" and c["value"] == "34"]
    assert [(c["speaker"] or {}).get("name") for c in toll] == ["Interior Minister Rana Vell"]
    planned = _said(cands, "where planned")
    assert {s for _, _, s in planned} == {"Odo Brant"}  # a surname is the full name read before


ORPHAN = """He said 40 people were killed in the floods in Marrowby.
The flood agency said water levels were falling.
She said the dam operator was at fault.
"""


def test_he_said_with_nobody_named_before_is_nobody(cli, tmp_path):
    cands = _read(cli, tmp_path, ORPHAN)
    assert ("dam operator", "asserts", None) in _said(cands)  # a body is not "she"
    toll = [c for c in cands if c["property"]["name"] == "death toll"]
    assert [(c["value"], c["speaker"]) for c in toll] == [("40", None)]


ARREST = """Police in Brakken arrested 14 people after the shooting on Monday, two U.S. officials said.
Inter-Services Public Relations said the attackers had been arrested before.
"""


def test_whole_names_speak_and_the_speaker_is_carried_to_the_figures(cli, tmp_path):
    cands = _read(cli, tmp_path, ARREST)
    arrested = [c for c in cands if c["property"]["name"] == "arrested"]
    assert [(c["value"], c["speaker"]["name"]) for c in arrested] == [("14", "U.S. officials")]
    speakers = {(c["speaker"] or {}).get("name") for c in cands}
    assert "Inter-Services Public Relations" in speakers
    assert not {"U", "Two U", "Relations", "Public Relations"} & speakers


def test_accepted_parties_blamed_by_one_speaker_do_not_conflict_but_a_denial_does(cli, tmp_path):
    _read(cli, tmp_path, FLOOD)
    cli("review", "--accept-above", "0.6")
    prop = next(p for p in cli.json("properties", "list") if p["name"] == "responsibility")
    # A question created by a candidate takes several answers (issue 12): the lexicon must not say otherwise.
    assert prop["single_value"] is False
    questions = {(q["subject"], q["property"]): q for q in cli.json("contested", "--limit", "0")}
    blame = questions[("Marrowby floods", "responsibility")]
    assert "denial" in blame["kinds"] and "exclusive" not in blame["kinds"]


SHOOTING = """Nine people were killed in a shooting at a market in Velden on Friday.
Police said suspected gunman Marek Osten was detained near the market.
Marek Osten, the Chilean-born shooter, had posted threats online.
A gunman, believed to be Osten, was seen at the entrance.
The minister said the attacker was a loner with Chilean citizenship.
Australian Prime Minister Scott Morrison said the shooting was horrific.
"""


def test_the_perpetrator_is_named_whole_and_a_nationality_names_the_country(cli, tmp_path):
    cands = _read(cli, tmp_path, SHOOTING)
    who = {(c["value"], (c["speaker"] or {}).get("name")) for c in cands if c["property"]["name"] == "responsibility"}
    assert who == {("Marek Osten", "Police"), ("Marek Osten", None), ("Osten", None)}
    nationality = [
        ((c["speaker"] or {}).get("name"), c["value"])
        for c in cands
        if c["property"]["name"] == "perpetrator nationality"
    ]
    # A nationality adjective names its country; a speaker's own nationality is not the attacker's.
    assert sorted(nationality, key=str) == sorted([(None, "Chile"), ("minister", "Chile")], key=str)
    subjects = {
        c["subject"]["name"] for c in cands if c["property"]["name"] in ("responsibility", "perpetrator nationality")
    }
    assert subjects == {"Velden attack"}


CRUSH = """A crowd crush at a stadium in Porvik killed 80 people on Saturday, in a stampede.
Families accused the police and the club of ignoring warnings.
The club denied the accusations.
The ministry said it was absurd to claim that the stadium owner was responsible.
The police chief dismissed the criticism as politically motivated.
"""


def test_each_accused_party_and_the_denial_of_the_one_who_answers(cli, tmp_path):
    got = _said(_read(cli, tmp_path, CRUSH))
    assert {("police", "asserts", "Families"), ("club", "asserts", "Families")} <= got
    # Each denies what was said of it, not what was said of the other.
    assert ("club", "denies", "club") in got and ("police", "denies", "club") not in got
    assert ("police", "denies", "police chief") in got and ("club", "denies", "police chief") not in got
    assert ("stadium owner", "denies", "ministry") in got  # "absurd to claim that X was responsible"


FERRY = """A ferry sank off Tarvos in a collision on Monday, killing 60 people.
Survivors accused the Maltese coast guard of delaying the rescue.
The Maltese coast guard has strenuously denied these allegations and any allegations of wrongdoing.
Some passengers said the ferry was overloaded, an accusation the operator rejects.
The port authority sought to downplay its role in the collision.
The harbour police on Tuesday defended their response to the collision.
The governor wanted to shift the blame to the Harbour Safety Agency (HSA).
Witnesses said the crew caused the collision.
"""


def test_deflecting_defending_and_rejecting_an_accusation_are_denials_by_the_accused(cli, tmp_path):
    got = _said(_read(cli, tmp_path, FERRY))
    assert ("Maltese coast guard", "asserts", "Survivors") in got  # a named party with a role noun, whole
    assert ("Maltese coast guard", "denies", "Maltese coast guard") in got
    assert ("operator", "denies", "operator") in got  # "an accusation the operator rejects"
    assert ("port authority", "denies", "port authority") in got  # "sought to downplay its role"
    assert ("harbour police", "denies", "harbour police") in got  # "defended their response"
    # Shifting the blame to another names that other; it is not read as the governor's own denial.
    assert ("Harbour Safety Agency", "asserts", "governor") in got
    assert not [g for g in got if g[0] == "governor"]
    assert ("crew", "asserts", "Witnesses") in got  # "X caused the collision"


FRAUD = """A fire at a warehouse in Oskarby killed 5 people on Monday.
The regional president, Lena Varga, who wanted to shift the blame to the Port Authority of Oskarby (PAO), spoke on Tuesday.
Tomas Brandt, his brother Erik Brandt, and their business partners Ida Holm and Per Sund are allegedly involved in the fire.
"""


def test_a_relative_clause_names_the_accuser_and_a_list_keeps_every_name_whole(cli, tmp_path):
    cands = _read(cli, tmp_path, FRAUD)
    got = _said(cands)
    assert ("Port Authority of Oskarby", "asserts", "Lena Varga") in got  # not "who"
    named = {v for v, pol, _ in got if pol == "asserts"} - {"Port Authority of Oskarby"}
    assert named == {"Tomas Brandt", "Erik Brandt", "Ida Holm", "Per Sund"}


def test_was_not_involved_is_only_a_denial(cli, tmp_path):
    text = "A fire at a hostel in Brakken killed 7 people on Monday.\nThe city council was not involved in any way, the mayor said.\n"
    got = _said(_read(cli, tmp_path, text))
    assert ("city council", "denies", "mayor") in got
    assert not [g for g in got if g[1] == "asserts"]


OUTBREAK = """A mystery illness in Tovo has killed 40 people since October, officials said.
The health ministry said the illness in the Tovo district has been diagnosed as a severe form of cholera.
A later statement pinpointed severe cholera aggravated by malnutrition as the cause.
Doctors said the use of unsafe water sparked the outbreak.
"""


def test_what_an_illness_was_diagnosed_as_is_its_cause(cli, tmp_path):
    causes = _said(_read(cli, tmp_path, OUTBREAK), "cause")
    assert ("severe form of cholera", "asserts", "health ministry") in causes  # "of" joins, it does not cut
    assert "severe cholera" in {v for v, _, _ in causes}  # "pinpointed X (aggravated by Y) as the cause"
    assert ("unsafe water", "asserts", "Doctors") in causes


APPOSITION = """A bombing in Selvara killed 30 people on Thursday.
“We know who did this,” Odo Brant, an adviser to President Rana Vell wrote on Friday.
“The responsibility for this crime lies with the Red Hand group,” he added.
"""


def test_the_named_adviser_speaks_not_the_one_the_role_is_named_after(cli, tmp_path):
    got = _said(_read(cli, tmp_path, APPOSITION))
    assert {s for v, _, s in got if v.startswith("Red Hand")} == {"Odo Brant"}


QUOTED = """A bombing at the Selvara dam killed 30 people on Thursday.
President Odo Brant accused “Red Hand terrorists” of carrying out the bombing.
The interior ministry blamed Borduria, saying it wanted to distract from the war.
"""


def test_a_quoted_party_and_a_bare_blame_are_accusations(cli, tmp_path):
    got = _said(_read(cli, tmp_path, QUOTED))
    assert ("Red Hand terrorists", "asserts", "President Odo Brant") in got
    assert ("Borduria", "asserts", "interior ministry") in got


CLAIMS = """A car bombing at a market in Selvara killed 30 people on Thursday.
The Red Hand Brigade claimed responsibility for the bombing.
No group has claimed responsibility for the attack.
The Black Banner group has not claimed responsibility for the attack.
Responsibility for the bombing was claimed by the Northern Liberation Front.
"""


def test_claims_of_responsibility_active_passive_and_none(cli, tmp_path):
    got = _said(_read(cli, tmp_path, CLAIMS))
    assert ("Red Hand Brigade", "asserts", "Red Hand Brigade") in got
    # Passive: the group named after "claimed by" claims it, speaking for itself.
    assert ("Northern Liberation Front", "asserts", "Northern Liberation Front") in got
    # "No group has claimed" and "X has not claimed" claim nothing.
    assert not {v for v, _, _ in got} & {"group", "Black Banner", "Black Banner group", "No group"}


CARRIED_OUT = """A shooting at a hotel in Tarrow killed 14 people on Saturday.
The attack was carried out by the Eastern Shield, according to the army.
Officials attributed the attack to the Crimson Order.
A ministry statement attributed to the minister said 15 people had died.
Suspected Blue Crescent militants opened fire on guests, police said.
Al-Haram-linked gunmen carried out the attack, the governor said.
"""


def test_carried_out_by_attributed_to_suspected_and_linked(cli, tmp_path):
    cands = _read(cli, tmp_path, CARRIED_OUT)
    got = _said(cands)
    assert ("Eastern Shield", "asserts", "army") in got  # "was carried out by X, according to Y"
    assert ("Crimson Order", "asserts", "Officials") in got  # "attributed the attack to X"
    # "suspected X militants": the group, hedged; "X-linked gunmen": the group X.
    suspected = [c for c in cands if c["property"]["name"] == "responsibility" and c["value"] == "Blue Crescent"]
    assert [(c["speaker"] or {}).get("name") for c in suspected] == ["police"]
    assert suspected[0]["hedge"]
    assert ("Al-Haram", "asserts", "governor") in got
    # "a statement attributed to the minister" lays no blame on the minister.
    assert not [g for g in got if "minister" in g[0].lower()]


PASSIVE_BLAME = """A bridge collapse in Dunmore killed 12 people on Friday.
The collapse was blamed on the Harbour Works Company by two U.S. officials.
Blame was cast on the city council by Transport Minister Ida Holm.
The collapse was blamed on negligence by the operator.
"""


def test_the_agent_of_a_passive_blame_speaks(cli, tmp_path):
    got = _said(_read(cli, tmp_path, PASSIVE_BLAME))
    assert ("Harbour Works Company", "asserts", "U.S. officials") in got  # whole name, not "U"
    assert ("city council", "asserts", "Transport Minister Ida Holm") in got
    # The one whose negligence it was is not who blames it.
    assert not [g for g in got if g[2] == "operator"]


REJECTED = """A car bombing at a market in Selvara killed 30 people on Thursday.
The interior ministry blamed the Dorvan Legion for the bombing.
President Ana Kell accused the Southern Army of carrying out the attack.
The Dorvan Legion rejected the accusation.
“We did not carry out this attack,” the Southern Army told reporters.
"""


def test_a_denial_answers_what_was_said_of_the_one_who_denies(cli, tmp_path):
    got = _said(_read(cli, tmp_path, REJECTED))
    # The accusation the Dorvan Legion rejects is the one made of it two sentences before,
    # not the last one (made of the Southern Army).
    assert ("Dorvan Legion", "denies", "Dorvan Legion") in got
    assert ("Southern Army", "denies", "Dorvan Legion") not in got
    # "“We did not ...,” X told reporters": X denies; "reporters" is no statement.
    assert ("Southern Army", "denies", "Southern Army") in got


DAM = """Floods in Selvara killed 12 people on Tuesday after the dam burst.
Borduria’s President Ana Kell says the dam was “mined by Syldavian occupiers” who “blew it up”.
Syldavia denies this and has claimed Borduria damaged the dam in a “deliberate act of sabotage”.
Homes were destroyed by the flood.
“The world must react,” she said on social media, adding that Syldavia had carried out “an internal explosion” of the plant.
"""


def test_a_that_clause_or_a_passive_lays_the_act_on_a_party_and_this_is_denied(cli, tmp_path):
    got = _said(_read(cli, tmp_path, DAM))
    assert ("Syldavian occupiers", "asserts", "President Ana Kell") in got  # "was mined by X"
    # "denies this and has claimed Y damaged the dam": a denial of the claim before, and a claim.
    assert ("Syldavian occupiers", "denies", "Syldavia") in got
    assert ("Borduria", "asserts", "Syldavia") in got
    # "she said" after a quotation is the president; "carried out an explosion" is blame.
    assert ("Syldavia", "asserts", "President Ana Kell") in got
    assert not [g for g in got if g[0].lower() in ("flood", "the flood")]


SPEAKERS = """A car bombing at a market in Selvara killed 30 people on Thursday.
Borduria said the Crimson Order was behind the attack.
Bordurian President Ana Kell blamed the Crimson Order for the attack.
However, some top Bordurian officials did quickly point the finger at the Crimson Order.
Bordurian officials, including President Ana Kell, blamed the Crimson Order for the bombing.
Bordurian political and military officials blamed the Crimson Order for the bombing.
"""


def test_titles_and_bodies_named_with_a_nationality_speak_whole(cli, tmp_path):
    cands = _read(cli, tmp_path, SPEAKERS)
    speakers = {(c["speaker"] or {}).get("name") for c in cands if c["property"]["name"] == "responsibility"}
    assert {"Bordurian President Ana Kell", "Bordurian officials", "Bordurian political and military officials"} <= speakers
    # The nationality alone, or a member named in an aside, is not who speaks.
    assert not {"Bordurian", "Borduria President", "President Ana Kell"} & (speakers - {"Borduria"})


CRASH = """A plane crash at Tarrow airport killed 170 people on Sunday.
The investigation is focusing on a possible bird strike and an unusual landing gear failure.
Survivors attributed the crash to the ground crew towing attempt.
"""


def test_what_an_investigation_looks_at_and_a_partys_act_named_as_cause(cli, tmp_path):
    cands = _read(cli, tmp_path, CRASH)
    causes = {v for v, _, _ in _said(cands, "cause")}
    assert {"bird strike", "landing gear failure"} <= causes  # hedges and adjectives left out
    # "attributed the crash to the ground crew towing attempt": the crew's act, so the crew.
    assert ("ground crew", "asserts", "Survivors") in _said(cands)


EACH_OTHER = """Floods in Selvara killed 12 people on Tuesday after the dam burst.
It is unclear how the dam failed, though both Borduria and Syldavia are accusing each other of planting explosives.
The police and the club owners blamed each other for the disaster.
Kell said it was a “war crime” Ruritania and Vulgaria traded blame for the breach.
"""


def test_parties_that_accuse_each_other_each_blame_the_other(cli, tmp_path):
    got = _said(_read(cli, tmp_path, EACH_OTHER))
    assert {("Syldavia", "asserts", "Borduria"), ("Borduria", "asserts", "Syldavia")} <= got
    assert {("club owners", "asserts", "police"), ("police", "asserts", "club owners")} <= got
    assert not [g for g in got if g[0] in ("each other", "Borduria and Syldavia")]
    # Names run on from a clause before (a capture that lost its full stop) are not the two.
    assert not [g for g in got if g[0] in ("Ruritania", "Vulgaria")]


SAID_FIGURES = """A bus crash in Tarrow killed 40 people on Monday.
In a statement, the health ministry said 41 people had died.
According to the Red Cross, 52 people were injured.
The toll rose to 45, police told reporters.
Forty-six people died, Transport Minister Ida Holm told the Tarrow Herald on Tuesday.
Mayor Tomas Brandt said in an interview with the Tarrow Herald that the bus operator was to blame.
"""


def test_the_speaker_of_a_sentence_is_carried_to_its_figures_whatever_the_wording(cli, tmp_path):
    cands = _read(cli, tmp_path, SAID_FIGURES)
    figures = {
        (c["value"], (c["speaker"] or {}).get("name"))
        for c in cands
        if c["property"]["name"] in ("death toll", "injured")
    }
    assert {
        ("40", None),  # the article itself: nobody else speaks
        ("41", "health ministry"),
        ("52", "Red Cross"),
        ("45", "police"),
        ("Forty-six", "Transport Minister Ida Holm"),
    } <= figures
    assert not [c for c in cands if (c["speaker"] or {}).get("name") in ("reporters", "Tarrow Herald")]
    # "said in an interview with X that ...": the blame, by the mayor; the paper says nothing.
    assert ("bus operator", "asserts", "Mayor Tomas Brandt") in _said(cands)


REJECTION = """A car bombing at a market in Selvara killed 30 people on Thursday.
Bordurian officials said the Crimson Order "are behind the scenes" of the bombing.
This prompted a quick rejection of the allegation by the Crimson Order, which spoke of a smear.
"""


def test_a_quoted_behind_is_blame_and_a_rejection_by_x_is_xs_denial(cli, tmp_path):
    got = _said(_read(cli, tmp_path, REJECTION))
    assert ("Crimson Order", "asserts", "Bordurian officials") in got
    assert ("Crimson Order", "denies", "Crimson Order") in got  # "rejection of the allegation by X"


RIOT = """Twenty people were killed in protests in Tarrow on Monday.
Interior Minister Ida Holm said on Tuesday the army would stay in the streets.
“Criminals infiltrated and caused mayhem,” she said.
The opposition said the Green Guard had committed a deliberate crime in firing on the crowd.
Heavy rain caused chaos on the roads.
"""


def test_causing_mayhem_and_committing_a_crime_in_doing_it_are_blame(cli, tmp_path):
    got = _said(_read(cli, tmp_path, RIOT))
    assert ("Criminals", "asserts", "Interior Minister Ida Holm") in got  # "X infiltrated and caused mayhem"
    assert ("Green Guard", "asserts", "opposition") in got  # "committed a ... crime in firing on"
    assert not [g for g in got if "rain" in g[0].lower()]
