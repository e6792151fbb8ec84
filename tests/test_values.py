import math

import pytest
from hypothesis import given, strategies as st

from provenance.errors import InputError
from provenance.values import Interval, from_json, parse_value


def q(text, kind=None):
    return parse_value(text, kind).to_json()


@pytest.mark.parametrize("text,low,high,lin,hin,approx", [
    ("37", 37, 37, True, True, False),
    ("4,000–6,000", 4000, 6000, True, True, False),
    ("4,000-6,000", 4000, 6000, True, True, False),
    ("between 4,000 and 6,000", 4000, 6000, True, True, False),
    ("between four and six thousand", 4000, 6000, True, True, False),
    ("from 10 to 20", 10, 20, True, True, False),
    ("two thousand", 2000, 2000, True, True, False),
    ("two hundred and fifty", 250, 250, True, True, False),
    ("more than 1,400", 1400, None, False, True, False),
    ("at least 45", 45, None, True, True, False),
    ("over 300", 300, None, False, True, False),
    ("fewer than 10", None, 10, True, False, False),
    ("up to 10", None, 10, True, True, False),
    ("about 250", 250, 250, True, True, True),
    ("hundreds", 200, 1000, True, False, False),
    ("thousands", 2000, 1_000_000, True, False, False),
    ("dozens", 24, 100, True, False, False),
    ("2.5 million", 2_500_000, 2_500_000, True, True, False),
    ("4-6k", 4000, 6000, True, True, False),
    ("twenty-one", 21, 21, True, True, False),
    ("four-six", 4, 6, True, True, False),
    ("a dozen", 12, 12, True, True, False),
    ("two dozen", 24, 24, True, True, False),
    ("fewer than a dozen", None, 12, True, False, False),
    ("a couple", 2, 3, True, True, False),
    ("a few hundred", 200, 500, True, True, False),
    ("several thousand", 3000, 9000, True, True, False),
    ("over a hundred", 100, None, False, True, False),
    ("one million two hundred thousand", 1_200_000, 1_200_000, True, True, False),
])
def test_quantities(text, low, high, lin, hin, approx):
    v = q(text, "quantity")
    assert (v["type"], v["low"], v["high"], v["low_inclusive"], v["high_inclusive"], v["approximate"]) == (
        "quantity", low, high, lin, hin, approx)


def test_quantity_json_shape_matches_the_documented_one():
    assert q("between 4,000 and 6,000") == {
        "type": "quantity", "low": 4000, "high": 6000, "low_inclusive": True,
        "high_inclusive": True, "approximate": False, "unit": None}


def test_trailing_noun_becomes_the_unit():
    assert q("more than 170 people", "quantity")["unit"] == "people"


@pytest.mark.parametrize("text,low,high", [
    ("90%", 0.9, 0.9), ("90 per cent", 0.9, 0.9), ("most", 0.5, 1), ("a majority", 0.5, 1),
    ("half", 0.5, 0.5), ("between 10% and 20%", 0.1, 0.2),
    ("two thirds", 2 / 3, 2 / 3), ("three-quarters", 0.75, 0.75), ("more than half", 0.5, 1),
    ("less than half", 0, 0.5), ("over 50%", 0.5, 1), ("under 10%", 0, 0.1),
])
def test_shares(text, low, high):
    v = q(text, "share")
    assert v["type"] == "share" and v["low"] == pytest.approx(low) and v["high"] == pytest.approx(high)


def test_most_excludes_exactly_half():
    assert not parse_value("most", "share").overlaps(parse_value("50%", "share"))
    assert parse_value("most", "share").overlaps(parse_value("90%", "share"))


@pytest.mark.parametrize("text,start,end", [
    ("January 2015", "2015-01-01", "2015-01-31"), ("2015", "2015-01-01", "2015-12-31"),
    ("late 2019", "2019-09-01", "2019-12-31"), ("26 August 2021", "2021-08-26", "2021-08-26"),
    ("August 26, 2021", "2021-08-26", "2021-08-26"), ("2024-03-26", "2024-03-26", "2024-03-26"),
    ("the summer of 2014", "2014-06-01", "2014-08-31"), ("February 2024", "2024-02-01", "2024-02-29"),
])
def test_dates(text, start, end):
    assert q(text, "date") == {"type": "date", "start": start, "end": end}


def test_date_periods_overlap():
    assert parse_value("January 2015", "date").overlaps(parse_value("2015", "date"))
    assert not parse_value("2014", "date").overlaps(parse_value("January 2015", "date"))


def test_without_a_type_the_form_decides():
    assert q("90%")["type"] == "share"
    assert q("late 2019")["type"] == "date"
    assert q("2015")["type"] == "quantity"
    assert q("yes") == {"type": "boolean", "value": True}
    assert q("Afghanistan") == {"type": "text", "value": "Afghanistan"}


@pytest.mark.parametrize("a,b,expected", [
    ("more than 20", "35", True),
    ("20", "at least 20", True),
    ("20", "more than 20", False),
    ("12", "40", False),
    ("about 250", "270", True),
    ("about 250", "300", False),
    ("between four and six thousand", "4,000-6,000", True),
    ("hundreds", "150", False),
    ("thousands", "two thousand", True),
    ("fewer than 10", "10", False),
    ("up to 10", "10", True),
    ("4,000-6,000", "5,000-9,000", True),
    ("4,000-6,000", "7,000-9,000", False),
])
def test_interval_comparison(a, b, expected):
    va, vb = parse_value(a, "quantity"), parse_value(b, "quantity")
    assert va.overlaps(vb) is expected
    assert vb.overlaps(va) is expected


@pytest.mark.parametrize("text,kind", [
    ("", None), ("   ", "quantity"), ("lots", "quantity"), ("six to four", "quantity"),
    ("150%", "share"), ("31 February 2024", "date"), ("sometime", "date"), ("maybe", "boolean"),
])
def test_malformed_values_are_refused(text, kind):
    with pytest.raises(InputError):
        parse_value(text, kind)


def test_json_round_trip():
    for text, kind in [("more than 1,400", "quantity"), ("90%", "share"), ("late 2019", "date"), ("x", "entity")]:
        v = parse_value(text, kind)
        assert from_json(v.to_json()) == v


def test_comparing_different_types_is_an_error():
    with pytest.raises(TypeError):
        parse_value("5", "quantity").overlaps(parse_value("2015", "date"))


@given(st.text(max_size=60), st.sampled_from([None, "quantity", "share", "date", "boolean", "text"]))
def test_any_text_parses_or_is_refused_cleanly(text, kind):
    try:
        v = parse_value(text, kind)
    except InputError:
        return
    assert from_json(v.to_json()) == v


@given(st.integers(0, 10**9), st.integers(0, 10**9))
def test_digit_ranges_parse_to_their_bounds(a, b):
    lo, hi = sorted((a, b))
    v = parse_value(f"between {lo:,} and {hi:,}", "quantity")
    assert isinstance(v, Interval) and (v.low, v.high) == (lo, hi)
    assert not math.isinf(v.bounds()[1])
