"""Figures in running text (provenance.extract.figures) and the figures benchmark."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from provenance.extract.figures import figures

ROOT = Path(__file__).resolve().parent.parent
# The test split is labelled once and never tuned on: a change to it must be deliberate.
TEST_SPLIT_SHA256 = "36f2f00bed99616840e5fce08816fd6d5495e25cc4d376e2936876addf42700b"


def found(sentence):
    return [(f.low, f.high, f.unit) for f in figures(sentence) if not f.vague]


@pytest.mark.parametrize("sentence,expected", [
    # money, with the currency as unit
    ("It would cost it $800 million.", [(8e8, 8e8, "USD")]),
    ("Shares closed at $6.", [(6, 6, "USD")]),
    ("The stock hit US$58.24 on Friday.", [(58.24, 58.24, "USD")]),
    ("They raised A$25m in March.", [(25e6, 25e6, "AUD")]),
    ("Siemens booked €5bn of orders.", [(5e9, 5e9, "EUR")]),
    ("The fee was £9.7million last year.", [(9.7e6, 9.7e6, "GBP")]),
    ("Prices ran from $750,000 to $1 million.", [(750_000, 1e6, "USD")]),
    ("It sells for Rs 52,000 in India.", [(52_000, 52_000, "INR")]),
    ("The stock fell to 97.36 dollars.", [(97.36, 97.36, "USD")]),
    ("It cost 5 Australian dollars.", [(5, 5, "AUD")]),
    ("They earned 62 cents a share.", [(0.62, 0.62, "USD")]),
    # scales and units glued or spaced
    ("A 256GB model and a 15kHz tone.", [(256, 256, "GB"), (15, 15, "kHz")]),
    ("Some 25k fans and 2.8bn viewers.", [(25_000, 25_000, "fans"), (2.8e9, 2.8e9, "viewers")]),
    ("Output rose 1.38pc to 12.3m tonnes.", [(1.38, 1.38, "%"), (12.3e6, 12.3e6, "tonnes")]),
    ("It reached 46.8C and 95F.", [(46.8, 46.8, "°C"), (95, 95, "°F")]),
    ("He ran 40 yards at 87 mph.", [(40, 40, "yards"), (87, 87, "mph")]),
    ("The engine makes 275 pound-feet at 3000 rpm.", [(275, 275, "pound-feet"), (3000, 3000, "rpm")]),
    # negative values
    ("The Stoxx 50 -1.3% today.", [(-1.3, -1.3, "%")]),
    ("He lost minus 5 yards.", [(-5, -5, "yards")]),
    # ranges in every form, falling as well as rising
    ("Growth of 5% to 10% is expected.", [(5, 10, "%")]),
    ("It is 252 miles to 287 miles away.", [(252, 287, "miles")]),
    ("Rates went from 4.8 to 4.7 percent.", [(4.7, 4.8, "%")]),
    ("Seas were 1-2C above normal.", [(1, 2, "°C")]),
    ("Between four and six thousand fighters.", [(4000, 6000, "fighters")]),
    ("Eight or nine people were hurt.", [(8, 9, "people")]),
    # words, qualifiers, fractions, multipliers
    ("As many as 14 people died.", [(None, 14, "people")]),
    ("Just under 296 votes were cast.", [(None, 296, "votes")]),
    ("The toll stands at 52 and counting.", [(52, None, None)]),
    ("Two hundred thirty-five thousand people fled.", [(235_000, 235_000, "people")]),
    ("About a third of voters and two-thirds of members.", [(1 / 3, 1 / 3, None), (2 / 3, 2 / 3, None)]),
    ("Nearly half the amount.", [(0.5, 0.5, None)]),
    ("Sales grew sixfold.", [(6, 6, "times")]),
    ("4 hundred million users", [(4e8, 4e8, "users")]),
])
def test_figures_with_their_units(sentence, expected):
    got = found(sentence)
    assert len(got) == len(expected), got
    for (lo, hi, unit), (elo, ehi, eunit) in zip(got, expected):
        assert (lo, hi, unit) == (pytest.approx(elo) if elo is not None else None,
                                  pytest.approx(ehi) if ehi is not None else None, eunit)


@pytest.mark.parametrize("sentence", [
    "The meeting starts at 11:30 and ends at 5:55 AM.",
    "He sat in Section 427 Row 21 at the Big 12 final.",
    "The S&P 500 and the FTSE 100 rose; the iPhone 11 did not.",
    "It was signed on 22 February and again on Sept. 24 in 2015.",
    "The Bucs won 38-31 and improved to 8-3.",
    "In the third quarter, the COVID-19 season of 2022-23 ended.",
])
def test_times_dates_scores_and_names_with_digits_are_not_figures(sentence):
    assert found(sentence) == []


def test_a_range_is_a_pair_of_bounds_and_a_score_is_not_a_range():
    assert found("The rate fell from 4.8 to 4.7.") == [(4.7, 4.8, None)]
    assert found("a 20-3 deficit") == []


def test_the_test_split_is_pinned():
    data = (ROOT / "benchmarks" / "figures" / "test.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == TEST_SPLIT_SHA256


def test_benchmark_prints_both_splits_and_meets_the_targets_on_test():
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "figures.py")], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    rows = {r["split"]: r for r in map(json.loads, run.stdout.splitlines())}
    assert set(rows) == {"dev", "test"}
    for r in rows.values():
        assert r["labels"] > 150 and set(r["value"]) == {"precision", "recall", "f1"}
    assert rows["test"]["value"]["f1"] >= 0.9
    assert rows["test"]["value_with_unit"]["f1"] >= 0.8


def test_extraction_proposes_a_claim_for_money():
    import datetime as dt

    from provenance.extract.proposals import read

    r = read("The ministry said the new dam would cost it $800 million, officials said.", {}, dt.date(2024, 1, 2))
    money = [p for p in r.proposals if p.kind == "quantity"]
    assert [(p.value, p.scope) for p in money] == [("800 million", "$")]


from hypothesis import given, strategies as st  # noqa: E402


_PIECES = st.sampled_from(list("0123456789 ,.-–$£€%kmbnCF:/()xyz") + [
    "one ", "hundred ", "thousand ", "million ", " and ", " to ", " or ", "between ", "per cent",
    "more than ", "Big ", "half of ", "two-thirds ", "fold ", "people ", "June "])


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_text_gives_figures_inside_it_or_none(sentence):
    for f in figures(sentence):
        assert 0 <= f.start < f.end <= len(sentence)
        assert f.low is not None or f.high is not None


def test_figure_texts_read_back_as_the_same_values():
    from provenance.values import parse_value

    for sentence, kind, low, high in [
        ("The Stoxx 50 -1.3% today.", "quantity", -1.3, -1.3),
        ("The toll stands at 52 and counting.", "quantity", 52, None),
        ("Growth of 5% to 10% is expected.", "share", 0.05, 0.1),
        ("As many as 14 people died.", "quantity", None, 14),
    ]:
        f = figures(sentence)[0]
        v = parse_value(f.text, kind)
        assert (v.low, v.high) == (pytest.approx(low) if low is not None else None,
                                   pytest.approx(high) if high is not None else None), f.text


def test_every_lexicon_qualifier_is_read_by_values():
    import tomllib

    from provenance.values import parse_value

    data = tomllib.loads((ROOT / "provenance" / "extract" / "lexicon.toml").read_text(encoding="utf-8"))
    for q in data["qualifiers"]:
        v = parse_value(f"{q} 14", "quantity")
        assert 14 in (v.low, v.high), q
