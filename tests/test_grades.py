"""Grades mean what the Admiralty code means: confirmation counts independent origins of the fact,
not outlets repeating one speaker or speakers of one side, and a party's word never makes the
other party's answer improbable. Invented events, through the real CLI on a real SQLite file."""

SHARED = (
    "Shelling hit the border town of Grenz overnight, destroying a school and two houses. Residents "
    "said the shells came from the hills to the east, where troops have been massing for weeks. The "
    "town's mayor said the damage would take months to repair and asked for help from the capital. "
    "Aid workers reached the town in the morning and said the roads were open again by noon. "
)


def _sources(cli, tmp_path, texts):
    for n, body in enumerate(texts, 1):
        f = tmp_path / f"s{n}.txt"
        f.write_text(body, encoding="utf-8")
        cli("sources", "add", str(f), "--published", f"2024-03-0{n}")


def _add(cli, source, quote, value, *extra, prop="launched from"):
    return cli.json("claims", "add", str(source), "--quote", quote, "--subject", "Grenz shelling",
                    "--property", prop, "--value", value, "--new-entities", *extra)


def _answers(cli, prop="launched from"):
    (q,) = [q for q in cli.json("contested", "--limit", "0") if q["property"] == prop]
    return {a["value_shown"]: a for a in q["answers"]}, q


def _parties(cli, tmp_path, extra_texts=()):
    texts = [
        "The Freedonian army said the shells were launched from Sylvania.",
        "Freedonia's foreign ministry said the attack came from Sylvania.",
        "The Sylvanian president said the shells came from Freedonia and denied Sylvania had fired.",
        *extra_texts,
    ]
    _sources(cli, tmp_path, texts)
    for name in ("Freedonia", "Sylvania"):
        cli("entities", "add", name, "--kind", "country")
    cli("entities", "add", "Freedonian army", "--side", "Freedonia")
    cli("entities", "add", "Freedonian foreign ministry", "--side", "Freedonia")
    cli("entities", "add", "Sylvanian president", "--side", "Sylvania")
    cli("properties", "add", "launched from", "--type", "entity")
    _add(cli, 1, "the shells were launched from Sylvania", "Sylvania", "--speaker", "Freedonian army")
    _add(cli, 2, "the attack came from Sylvania", "Sylvania", "--speaker", "Freedonian foreign ministry")


def test_speakers_of_one_side_are_one_origin_and_the_accused_is_not_improbable(cli, tmp_path):
    _parties(cli, tmp_path)
    found = _add(cli, 3, "the shells came from Freedonia", "Freedonia", "--speaker", "Sylvanian president")
    assert [cli.json("conflicts", "show", str(i))["kind"] for i in found["new_conflicts"]] == ["accusation"]
    answers, q = _answers(cli)
    assert q["kinds"] == ["accusation"]
    accusers, accused = answers["Sylvania"], answers["Freedonia"]
    # Two bodies of one government: one side's position, one origin, not a confirmation.
    assert (accusers["sources"], accusers["independent_sources"]) == (2, 1)
    assert (accusers["credibility"], accused["credibility"]) == (4, 4)
    assert "only the other party to the dispute says otherwise" in accused["credibility_why"]
    # The accused's denial is its word against theirs: doubtful, not improbable.
    denial = _add(cli, 3, "denied Sylvania had fired", "Sylvania", "--denies", "--speaker", "Sylvanian president")
    assert "denial" in {cli.json("conflicts", "show", str(i))["kind"] for i in denial["new_conflicts"]}
    answers, _ = _answers(cli)
    assert answers["not Sylvania"]["credibility"] == 4, answers["not Sylvania"]["credibility_why"]


def test_independent_origins_outside_the_dispute_do_weigh_against_a_denial(cli, tmp_path):
    _parties(cli, tmp_path, [
        "Monitors of the ceasefire mission traced the craters and said the shells came from Sylvania.",
        "Satellite images reviewed by this newspaper show artillery in Sylvania firing toward Grenz.",
    ])
    _add(cli, 3, "denied Sylvania had fired", "Sylvania", "--denies", "--speaker", "Sylvanian president")
    _add(cli, 4, "the shells came from Sylvania", "Sylvania")
    _add(cli, 5, "artillery in Sylvania firing toward Grenz", "Sylvania")
    answers, _ = _answers(cli)
    assert answers["Sylvania"]["independent_sources"] == 3  # one side, and two origins of their own
    denied = answers["not Sylvania"]
    assert denied["credibility"] == 5
    assert denied["credibility_why"] == "one independent origin, against an answer backed by 2 independent origins"
    assert answers["Sylvania"]["credibility"] == 2


def test_outlets_repeating_one_speaker_confirm_only_that_it_was_said(cli, tmp_path):
    _sources(cli, tmp_path, [f"Outlet {n} reports: the mayor said 14 people were hurt." for n in range(1, 6)])
    cli("properties", "add", "injured", "--type", "quantity")
    cli("entities", "add", "the mayor")
    for n in range(1, 6):
        _add(cli, n, "14 people were hurt", "14", "--speaker", "the mayor", prop="injured")
    _add(cli, 1, "Outlet 1 reports", "3", prop="injured")  # a second answer, so the question is listed
    answers, _ = _answers(cli, "injured")
    mayor = answers["14"]
    assert (mayor["sources"], mayor["independent_sources"]) == (5, 1)
    assert mayor["credibility"] != 1 and "one" in mayor["credibility_why"]


def test_a_claim_mostly_inside_a_shared_passage_is_not_an_independent_origin(cli, tmp_path):
    # Two copies of one wire story under different bylines: the quote starts in the byline, a few
    # characters before the passage the two share.
    _sources(cli, tmp_path, [
        "By Anna Berg, Northern Post. " + SHARED + "Officials said nine people died in Grenz.",
        "By Tomas Lind, Evening Courier. " + SHARED + "Officials said nine people died in Grenz.",
    ])
    cli("properties", "add", "deaths", "--type", "quantity")
    quote = "Northern Post. Shelling hit the border town of Grenz overnight, destroying a school"
    _add(cli, 1, quote, "9", prop="deaths")
    _add(cli, 2, "Evening Courier. Shelling hit the border town of Grenz overnight, destroying a school", "9",
         prop="deaths")
    _add(cli, 2, "Officials said nine", "11", prop="deaths")  # a rival answer, so the question is listed
    answers, _ = _answers(cli, "deaths")
    assert (answers["9"]["sources"], answers["9"]["independent_sources"]) == (2, 1)
