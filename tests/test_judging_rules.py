"""Judging as a fact-checker would, on invented claims through the real CLI: one article's rival
figures, fears against counts, a part larger than its whole, a denial by a body of the accused
side, one speaker's alternatives, a sum in two currencies, and the news forms values.py reads."""

import json

import pytest

from provenance.values import parse_value

TEXT = """Tuesday. Police said 25 people died at the stadium. Fans said the toll had exceeded 25.
The article says 30 people died. The mayor said 20 people had died.
Hundreds were feared dead after the ferry sank. Divers recovered 61 bodies.
The Party said 40 of its members were killed. The ministry put the toll at 10.
The army said 12 of its soldiers died.
Survivors blamed Ruritania for the delay. The coast guard said it was not to blame.
The navy said it bore no responsibility.
The fire chief said a candle or a cooking stove could have started the fire. Residents blamed a heater.
The fund received Rs50 billion. The fund received $50 billion. Bail was 5 million euros or $5.4 million.
"""


@pytest.fixture
def ledger(cli, tmp_path):
    src = tmp_path / "news.txt"
    src.write_text(TEXT, encoding="utf-8")
    cli("sources", "add", str(src), "--published", "2024-05-04")
    for name, side in [("Ruritania", None), ("Coast guard", "Ruritania"), ("Navy", "Ruritania"),
                       ("Survivors", None), ("Police", None), ("Fans", None), ("Mayor", None),
                       ("Party", None), ("Ministry", None), ("Fire chief", None), ("Residents", None)]:
        cli("entities", "add", name, *(["--side", side] if side else []))
    for args in [("death toll", "quantity", "--running-count"), ("responsibility", "entity"),
                 ("cause", "entity", "--single-value"), ("sum", "quantity", "--single-value")]:
        cli("properties", "add", args[0], "--type", args[1], *args[2:])
    return cli


def add(cli, quote, prop, value, *extra, source="1", subject="Disaster"):
    r = cli("claims", "add", source, "--quote", quote, "--subject", subject, "--property", prop,
            "--value", value, "--new-entities", "--json", *extra)
    return json.loads(r.stdout)


def kinds(cli, ids):
    return [cli.json("conflicts", "show", str(i))["kind"] for i in ids]


def test_rival_speakers_in_one_article_on_its_day_are_a_same_day_difference(ledger):
    add(ledger, "Police said 25 people died", "death toll", "25", "--speaker", "Police", "--as-of", "2024-05-04")
    b = add(ledger, "the toll had exceeded 25", "death toll", "more than 25", "--speaker", "Fans")
    (c,) = [ledger.json("conflicts", "show", str(i)) for i in b["new_conflicts"]]
    assert c["kind"] == "same_day" and c["severity"] == "low"


def test_an_articles_own_figure_beside_a_quote_may_update_it_and_is_not_flagged(ledger):
    add(ledger, "The mayor said 20 people had died", "death toll", "20", "--speaker", "Mayor")
    assert add(ledger, "The article says 30 people died", "death toll", "30")["new_conflicts"] == []


def test_one_articles_own_two_figures_in_no_order_are_flagged(ledger):
    add(ledger, "The article says 30 people died", "death toll", "30")
    b = add(ledger, "Police said 25 people died", "death toll", "25")
    assert kinds(ledger, b["new_conflicts"]) == ["same_day"]


def test_a_later_count_of_bodies_below_those_feared_dead_is_no_decrease(ledger, tmp_path):
    add(ledger, "Hundreds were feared dead", "death toll", "hundreds", "--hedge", "feared")
    later = tmp_path / "later.txt"
    later.write_text("Divers recovered 61 bodies.\n", encoding="utf-8")
    ledger("sources", "add", str(later), "--published", "2024-05-06")
    assert add(ledger, "Divers recovered 61 bodies", "death toll", "61", source="2")["new_conflicts"] == []
    # a firm earlier figure that falls is still a decrease
    add(ledger, "The ministry put the toll at 10", "death toll", "300")
    b = add(ledger, "Divers recovered 61 bodies", "death toll", "60", source="2")
    assert "decrease" in kinds(ledger, b["new_conflicts"])


def test_a_part_larger_than_its_whole_is_a_numeric_conflict(ledger):
    add(ledger, "The ministry put the toll at 10", "death toll", "10", "--speaker", "Ministry")
    b = add(ledger, "40 of its members were killed", "death toll", "40", "--scope", "party members",
            "--speaker", "Party")
    (c,) = [ledger.json("conflicts", "show", str(i)) for i in b["new_conflicts"]]
    assert c["kind"] == "numeric" and "a part cannot exceed its whole" in c["explanation"]
    assert "counting 'party members'" in c["explanation"]


def test_a_part_within_or_barely_above_its_whole_or_after_it_is_not_flagged(ledger, tmp_path):
    add(ledger, "The ministry put the toll at 10", "death toll", "10", "--speaker", "Ministry")
    # a part a little above its whole: another hour's count, or a scope that overlaps
    assert add(ledger, "12 of its soldiers died", "death toll", "12", "--scope", "soldiers")["new_conflicts"] == []
    later = tmp_path / "later.txt"
    later.write_text("The Party said 40 of its members were killed.\n", encoding="utf-8")
    ledger("sources", "add", str(later), "--published", "2024-05-07")
    # the whole was counted days before the part: it may have grown since
    assert add(ledger, "40 of its members were killed", "death toll", "40", "--scope", "party members",
               source="2")["new_conflicts"] == []


def test_a_bodys_denial_answers_a_blame_on_its_side(ledger):
    add(ledger, "Survivors blamed Ruritania", "responsibility", "Ruritania", "--speaker", "Survivors")
    b = add(ledger, "The coast guard said it was not to blame", "responsibility", "Coast guard",
            "--denies", "--speaker", "Coast guard")
    assert kinds(ledger, b["new_conflicts"]) == ["denial"]


def test_a_denial_by_one_body_does_not_answer_a_blame_on_another_body(ledger):
    add(ledger, "The coast guard said it was not to blame", "responsibility", "Coast guard",
        "--speaker", "Survivors")
    b = add(ledger, "The navy said it bore no responsibility", "responsibility", "Navy", "--denies",
            "--speaker", "Navy")
    assert b["new_conflicts"] == []


def test_one_speakers_alternatives_in_one_passage_are_not_rivals(ledger):
    quote = "a candle or a cooking stove could have started the fire"
    add(ledger, quote, "cause", "candle", "--speaker", "Fire chief", "--hedge", "could have")
    assert add(ledger, quote, "cause", "cooking stove", "--speaker", "Fire chief",
               "--hedge", "could have")["new_conflicts"] == []
    b = add(ledger, "Residents blamed a heater", "cause", "heater", "--speaker", "Residents")
    assert kinds(ledger, b["new_conflicts"]) == ["single_value", "single_value"]


def test_one_sum_in_two_currencies_far_apart_is_flagged_and_near_ones_are_not(ledger):
    add(ledger, "The fund received Rs50 billion", "sum", "Rs50 billion", subject="Fund")
    b = add(ledger, "The fund received $50 billion", "sum", "$50 billion", subject="Fund")
    (c,) = [ledger.json("conflicts", "show", str(i)) for i in b["new_conflicts"]]
    assert c["kind"] == "numeric" and "in INR and USD" in c["explanation"]
    add(ledger, "5 million euros", "sum", "5 million euros", subject="Bail")
    assert add(ledger, "$5.4 million", "sum", "$5.4 million", subject="Bail")["new_conflicts"] == []


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("billions of rupees", 2e9, 1e12, "INR"),
    ("tens of billions of dollars", 2e10, 1e11, "USD"),
    ("hundreds of millions", 2e8, 1e9, None),
    ("half a million", 5e5, 5e5, None),
    ("a quarter of a million people", 2.5e5, 2.5e5, "people"),
    ("10 000", 1e4, 1e4, None),
    ("at least 1 250 000", 1.25e6, float("inf"), None),
    ("a handful", 2, 6, None),
    ("100 million rand", 1e8, 1e8, "ZAR"),
    ("50 billion Pakistani rupees", 5e10, 5e10, "PKR"),
    ("Rp 5 billion", 5e9, 5e9, "IDR"),
])
def test_news_forms_of_amounts_are_read(text, low, high, unit):
    v = parse_value(text, "quantity")
    assert v.bounds()[:2] == (low, high) and v.unit == unit


def test_odd_is_about():
    v = parse_value("1,500-odd", "quantity")
    assert v.bounds()[:2] == (1350, 1650)


def test_a_passages_alternatives_agree_with_a_claim_naming_either(ledger):
    quote = "a candle or a cooking stove could have started the fire"
    add(ledger, quote, "cause", "candle", "--speaker", "Fire chief")
    add(ledger, quote, "cause", "cooking stove", "--speaker", "Fire chief")
    # residents name one of the chief's two possibilities: no rival answer to either claim
    assert add(ledger, "Residents blamed a heater", "cause", "candle", "--speaker", "Residents")["new_conflicts"] == []


def test_one_speakers_spread_of_estimates_is_one_account(ledger, tmp_path):
    ledger("properties", "add", "on board", "--type", "quantity", "--single-value")
    add(ledger, "Survivors blamed Ruritania", "on board", "as many as 750", "--speaker", "Survivors")
    add(ledger, "Survivors blamed Ruritania for the delay", "on board", "around 400", "--speaker", "Survivors")
    # 750 from elsewhere falls within the survivors' 400-750: it agrees with part of their account
    assert add(ledger, "Police said 25 people died", "on board", "an estimated 750")["new_conflicts"] == []
    b = add(ledger, "Fans said the toll had exceeded 25", "on board", "dozens")
    assert kinds(ledger, b["new_conflicts"]) == ["numeric", "numeric"]  # dozens fits none of them


def test_two_counts_of_a_part_among_the_same_total_are_rivals(ledger, tmp_path):
    later = tmp_path / "next-day.txt"
    later.write_text("Officials said 12 children were among the 30 dead.\n", encoding="utf-8")
    ledger("sources", "add", str(later), "--published", "2024-05-05")
    add(ledger, "The article says 30 people died", "death toll", "30")
    add(ledger, "Police said 25 people died", "death toll", "7", "--scope", "children")
    add(ledger, "among the 30 dead", "death toll", "30", source="2")
    b = add(ledger, "12 children were among", "death toll", "12", "--scope", "children", source="2")
    (c,) = [ledger.json("conflicts", "show", str(i)) for i in b["new_conflicts"]]
    assert c["kind"] == "numeric" and "among the same 30" in c["explanation"]
    assert ledger.json("conflicts", "scan") == []  # a full scan finds the same, nothing more


def test_a_part_that_grows_with_its_total_is_an_update(ledger, tmp_path):
    later = tmp_path / "next-day.txt"
    later.write_text("Officials said 12 children were among the 45 dead.\n", encoding="utf-8")
    ledger("sources", "add", str(later), "--published", "2024-05-05")
    add(ledger, "The article says 30 people died", "death toll", "30")
    add(ledger, "Police said 25 people died", "death toll", "7", "--scope", "children")
    add(ledger, "among the 45 dead", "death toll", "45", source="2")
    assert add(ledger, "12 children were among", "death toll", "12", "--scope", "children", source="2")[
        "new_conflicts"] == []


def test_what_a_count_could_still_reach_is_no_count_to_compare(ledger, tmp_path):
    first = tmp_path / "first-day.txt"
    first.write_text("Officials said 40 were dead and warned the toll could rise to 300.\n", encoding="utf-8")
    ledger("sources", "add", str(first), "--published", "2024-05-04")
    add(ledger, "40 were dead", "death toll", "40", "--speaker", "Police", source="2")
    # the projection is not the count of that day, nor a figure a later count falls short of
    assert add(ledger, "the toll could rise to 300", "death toll", "300", "--speaker", "Mayor",
               source="2")["new_conflicts"] == []
    later = tmp_path / "later.txt"
    later.write_text("Divers recovered 61 bodies. The toll has risen to 30 and could rise further.\n", encoding="utf-8")
    ledger("sources", "add", str(later), "--published", "2024-05-08")
    assert add(ledger, "Divers recovered 61 bodies", "death toll", "61", source="3")["new_conflicts"] == []
    # a count that could rise further is still the count: 30 after 61 is a decrease
    b = add(ledger, "The toll has risen to 30 and could rise further", "death toll", "30", source="3")
    assert "decrease" in kinds(ledger, b["new_conflicts"])


def test_a_scope_that_narrows_another_is_its_part_not_a_conflation(ledger, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Medics said 12 died in the capital on Tuesday. 12 police officers died.\n", encoding="utf-8")
    ledger("sources", "add", str(other), "--published", "2024-05-04")
    add(ledger, "Police said 25 people died", "death toll", "at least 10", "--scope", "Tuesday")
    # 12 in the capital on Tuesday is a part of Tuesday's toll: figures that agree, nothing conflated
    assert add(ledger, "12 died in the capital on Tuesday", "death toll", "12", "--scope", "capital, Tuesday",
               source="2")["new_conflicts"] == []
    # two scopes neither of which narrows the other, with figures that agree, are still a `scope` conflict
    soldiers = add(ledger, "The army said 12 of its soldiers died", "death toll", "12", "--scope", "soldiers")
    b = add(ledger, "12 police officers died", "death toll", "12", "--scope", "police", source="2")
    shown = [ledger.json("conflicts", "show", str(i)) for i in b["new_conflicts"]]
    assert {c["kind"] for c in shown} == {"scope"}
    assert any(soldiers["id"] in [cl["id"] for cl in c["claims"]] for c in shown)


def test_a_guess_at_the_eventual_toll_is_no_count_to_rival_or_fall_from(ledger, tmp_path):
    first = tmp_path / "guess.txt"
    first.write_text("A medic said 14 bodies were found. The governor said: I think it will be several hundred, "
                     "perhaps close to a thousand. The toll may have been more than 500, the mayor said.\n",
                     encoding="utf-8")
    ledger("sources", "add", str(first), "--published", "2024-05-04")
    add(ledger, "14 bodies were found", "death toll", "14", "--speaker", "Police", source="2")
    # the governor's guesses rival neither the medic's count of that day nor each other
    assert add(ledger, "I think it will be several hundred", "death toll", "several hundred",
               "--speaker", "Mayor", "--hedge", "I think", source="2")["new_conflicts"] == []
    assert add(ledger, "perhaps close to a thousand", "death toll", "close to a thousand",
               "--speaker", "Mayor", "--hedge", "perhaps", source="2")["new_conflicts"] == []
    # a hedge on whether it has happened still gives that day's figure: a rival to the count
    b = add(ledger, "The toll may have been more than 500", "death toll", "more than 500",
            "--speaker", "Ministry", "--hedge", "may have been", source="2")
    assert kinds(ledger, b["new_conflicts"]) == ["same_day"]
    later = tmp_path / "later.txt"
    later.write_text("The confirmed toll stands at 35.\n", encoding="utf-8")
    ledger("sources", "add", str(later), "--published", "2024-05-09")
    # a later count below the guesses is not a decrease; below the firm "more than 500" it is
    c = add(ledger, "The confirmed toll stands at 35", "death toll", "35", source="3")
    assert kinds(ledger, c["new_conflicts"]) == ["decrease"]


def test_an_open_figure_answers_a_denial_only_when_its_bound_is_denied(ledger, tmp_path):
    src = tmp_path / "denied.txt"
    src.write_text("At least 11 died, police said. The governor said it would not reach the thousands. "
                   "Medics said a few thousand had died.\n", encoding="utf-8")
    ledger("sources", "add", str(src), "--published", "2024-05-04")
    add(ledger, "At least 11 died", "death toll", "at least 11", "--speaker", "Police", source="2")
    # "at least 11" does not say the toll reached the thousands the governor denies
    assert add(ledger, "it would not reach the thousands", "death toll", "thousands", "--denies",
               "--speaker", "Mayor", source="2")["new_conflicts"] == []
    b = add(ledger, "a few thousand had died", "death toll", "a few thousand", "--speaker", "Fans", source="2")
    assert kinds(ledger, b["new_conflicts"]) == ["denial"]


def test_a_self_claim_its_author_denies_excludes_no_one(ledger):
    # A party claiming an act as its own excludes every other party named; once the same party
    # denies it, the claim and the denial conflict, and the other answers stand beside it.
    add(ledger, "The Party said 40 of its members were killed", "responsibility", "Party", "--speaker", "Party")
    b = add(ledger, "Survivors blamed Ruritania for the delay", "responsibility", "Ruritania", "--speaker", "Survivors")
    (ex,) = b["new_conflicts"]
    assert kinds(ledger, [ex]) == ["exclusive"]
    c = add(ledger, "The Party said 40 of its members were killed", "responsibility", "Party",
            "--denies", "--speaker", "Party")
    assert kinds(ledger, c["new_conflicts"]) == ["denial"]
    ledger("conflicts", "scan")  # the denial retires the other pair's conflict only at a scan (not at once)
    assert ledger.json("conflicts", "show", str(ex))["status"] == "superseded"
