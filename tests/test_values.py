import math
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    ("29-Dec-2024", "2024-12-29", "2024-12-29"), ("3-Jan.-2025", "2025-01-03", "2025-01-03"),
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
    ("", None), ("   ", "quantity"), ("lots", "quantity"), ("one thousand five million", "quantity"),
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


# ---------------------------------------------------------------------------------------------
# Numbers in words: num2words (a well-kept number-to-words library) is the oracle.

from num2words import num2words  # noqa: E402

from provenance.values import NUMBER_WORDS, ValueError_, parse_number, read_amount  # noqa: E402


def _variants(words: str) -> set[str]:
    """British ("one hundred and five", commas), American (no "and"), hyphens or spaces."""
    out = {words, words.replace(",", "")}
    out |= {re.sub(r"\band ", "", w) for w in out}
    out |= {w.replace("-", " ") for w in out}
    return out


@given(st.integers(0, 10**12))
def test_every_integer_to_the_trillions_reads_back(n):
    for text in _variants(num2words(n, lang="en")):
        assert parse_number(text) == n, text
        assert parse_value(text, "quantity").low == n


@given(st.integers(1, 10**10 - 1))
def test_indian_english_lakh_and_crore_read_back(n):
    assert parse_number(num2words(n, lang="en_IN")) == n


@given(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False))
def test_decimals_in_words_read_back(d):
    text = num2words(d, lang="en")
    assert parse_number(text) == pytest.approx(float(d)), text


_SCALES = [w for w, (role, _) in NUMBER_WORDS.items() if role in ("scale", "hundred")]
_TENS = [w for w, (role, _) in NUMBER_WORDS.items() if role == "tens"]
_UNITS = [w for w, (role, v) in NUMBER_WORDS.items() if role == "unit" and v > 0]


@pytest.mark.parametrize("scale", _SCALES)
def test_every_scale_word_with_hyphenated_compounds(scale):
    factor = NUMBER_WORDS[scale][1]
    for tens in _TENS:
        for unit in _UNITS:
            n = NUMBER_WORDS[tens][1] + NUMBER_WORDS[unit][1]
            assert parse_number(f"{tens}-{unit} {scale}") == n * factor
            assert parse_number(f"{tens} {unit} {scale}s") == n * factor  # a plural scale: the number
            assert parse_value(f"one {scale} {tens}-{unit}", "quantity").low == factor + n


_PLAIN_WORDS = [w for w, (role, _) in NUMBER_WORDS.items() if role in ("unit", "teen", "tens", "hundred")] + [
    "thousand", "million", "billion", "trillion"]


def _canonical(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r",|\band\b|-", " ", text)).strip()


@given(st.lists(st.sampled_from(_PLAIN_WORDS), min_size=1, max_size=7))
def test_random_word_sequences_are_the_number_num2words_writes_or_refused(words):
    text = " ".join(words)
    try:
        n = parse_number(text)
    except ValueError_ as exc:
        assert "is not a number" in str(exc)
        return
    colloquial = re.search(r"\b(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                           r"nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b(?: \w+)? hundred", text)
    if not colloquial:  # "twelve hundred" is 1,200; num2words writes "one thousand two hundred"
        assert _canonical(num2words(int(n), lang="en")) == text


@pytest.mark.parametrize("text,reason", [
    ("one thousand five million", "'million' cannot follow the smaller 'thousand'"),
    ("seven eleven hundred", "'eleven' cannot follow a unit word"),
    ("twenty thirty", "'thirty' cannot follow a tens word"),
    ("one hundred two hundred", "'hundred' cannot follow"),
    ("zero million", "needs a number from 1 to 999"),
    ("hundred", "'hundred' cannot follow nothing"),
])
def test_invalid_sequences_are_refused_with_the_reason(text, reason):
    with pytest.raises(ValueError_, match=re.escape(reason)):
        parse_number(text)
    with pytest.raises(InputError, match=re.escape(reason)):
        parse_value(text, "quantity")


@pytest.mark.parametrize("text,low,high,lin,hin,approx,unit", [
    ("one hundred thirty-five", 135, 135, True, True, False, None),
    ("one hundred twenty-five thousand", 125_000, 125_000, True, True, False, None),
    ("two hundred thirty-five thousand people", 235_000, 235_000, True, True, False, "people"),
    ("two trillion", 2e12, 2e12, True, True, False, None),
    ("two point three", 2.3, 2.3, True, True, False, None),
    ("seventy-five thousands", 75_000, 75_000, True, True, False, None),
    ("two hundreds", 200, 200, True, True, False, None),
    ("4.5 million", 4.5e6, 4.5e6, True, True, False, None),
    ("1.2bn", 1.2e9, 1.2e9, True, True, False, None),
    ("3 lakh", 300_000, 300_000, True, True, False, None),
    ("4 hundred million", 4e8, 4e8, True, True, False, None),
    ("as many as 14", None, 14, True, True, False, None),
    ("up to 14", None, 14, True, True, False, None),
    ("some 300", 300, 300, True, True, True, None),
    ("nearly 300", 300, 300, True, True, True, None),
    ("close to 300", 300, 300, True, True, True, None),
    ("just under 296", None, 296, True, False, False, None),
    ("well over 40", 40, None, False, True, False, None),
    ("52 and counting", 52, None, True, True, False, None),
    ("eight or nine", 8, 9, True, True, False, None),
    ("from 4.8 to 4.7", 4.7, 4.8, True, True, False, None),
    ("six to four", 4, 6, True, True, False, None),
    ("252 miles to 287 miles", 252, 287, True, True, False, "miles"),
    ("$800 million", 8e8, 8e8, True, True, False, "USD"),
    ("US$58.24", 58.24, 58.24, True, True, False, "USD"),
    ("A$5bn", 5e9, 5e9, True, True, False, "AUD"),
    ("€5bn", 5e9, 5e9, True, True, False, "EUR"),
    ("from $750,000 to $1 million", 750_000, 1e6, True, True, False, "USD"),
    ("1,200 rupees", 1200, 1200, True, True, False, "INR"),
    ("50 Australian dollars", 50, 50, True, True, False, "AUD"),
    ("275 pound-feet", 275, 275, True, True, False, "pound-feet"),
    ("12.3m tonnes", 12.3e6, 12.3e6, True, True, False, "tonnes"),
    ("minus 5 yards", -5, -5, True, True, False, "yards"),
    ("sixfold", 6, 6, True, True, False, "times"),
])
def test_written_forms(text, low, high, lin, hin, approx, unit):
    v = q(text, "quantity")
    assert (v["low"], v["high"], v["low_inclusive"], v["high_inclusive"], v["approximate"], v["unit"]) == (
        low, high, lin, hin, approx, unit)


@pytest.mark.parametrize("text,low,high", [
    ("5% to 10%", 0.05, 0.1), ("from 4.8 to 4.7 percent", 0.047, 0.048), ("1.38pc", 0.0138, 0.0138),
])
def test_percentages_stay_shares(text, low, high):
    v = q(text)
    assert v["type"] == "share" and (v["low"], v["high"]) == (pytest.approx(low), pytest.approx(high))


def test_a_number_cannot_end_mid_decimal():
    with pytest.raises(ValueError_, match="cannot end with 'point'"):
        parse_number("one hundred point")


def test_money_keeps_its_currency_and_cents_are_hundredths():
    assert read_amount("62 cents").value == pytest.approx(0.62) and read_amount("62 cents").unit == "USD"
    assert read_amount("£9.7million").unit == "GBP"


def test_the_rules_reference_lists_every_qualifier_and_currency():
    from provenance.values import CURRENCY_SIGNS, QUALIFIERS

    doc = (Path(__file__).resolve().parent.parent / "docs" / "values.md").read_text(encoding="utf-8").casefold()
    assert all(f"`{q}`" in doc for q in QUALIFIERS)
    assert all(code.casefold() in doc for code in set(CURRENCY_SIGNS.values()))


@pytest.mark.parametrize("text,kind,low,high,unit", [
    ("143 of the 250 seats", "quantity", 143, 143, "seats"),
    ("143 of the 250 seats", "share", 0.572, 0.572, None),
    ("three out of four", "share", 0.75, 0.75, None),
    ("one in five", "share", 0.2, 0.2, None),
    ("nine in 10", "share", 0.9, 0.9, None),
    ("51.2%", "share", 0.512, 0.512, None),
    ("67 percent", "share", 0.67, 0.67, None),
    ("nearly half", "share", 0.5, 0.5, None),
    ("two-thirds", "share", 2 / 3, 2 / 3, None),
    ("at least 84 so far", "quantity", 84, None, None),
    ("84 to date", "quantity", 84, 84, None),
    ("84 and rising", "quantity", 84, None, None),
    ("130-plus", "quantity", 130, None, None),
    ("130+", "quantity", 130, None, None),
    ("dozens and dozens", "quantity", 24, 100, None),
])
def test_common_news_forms_of_parts_shares_and_open_counts(text, kind, low, high, unit):
    v = q(text, kind)
    assert v["type"] == kind and v["unit"] == unit
    assert v["low"] == pytest.approx(low) and (v["high"] == pytest.approx(high) if high is not None else v["high"] is None)


@pytest.mark.parametrize("text,start,end", [
    ("3 January 2024, 14:30", "2024-01-03", "2024-01-03"),
    ("January 3, 2024 at 2 pm", "2024-01-03", "2024-01-03"),
    ("2024-01-03T09:30+03:00", "2024-01-03", "2024-01-03"),
    ("late May 2023", "2023-05-21", "2023-05-31"),
    ("mid-2023", "2023-05-01", "2023-08-31"),
])
def test_date_times_and_named_periods(text, start, end):
    assert q(text, "date") == {"type": "date", "start": start, "end": end}


def test_a_whole_smaller_than_its_part_is_not_read_as_a_share():
    with pytest.raises(InputError):
        parse_value("five in three", "share")


def test_a_bare_day_of_the_month_is_read_against_the_source_date():
    import datetime as dt

    from provenance.values import parse_date

    source = dt.date(2025, 1, 2)
    assert parse_date("the 29th", source).start == dt.date(2024, 12, 29)  # after the 2nd: last month
    assert parse_date("on the 1st", source).start == dt.date(2025, 1, 1)
    with pytest.raises(Exception, match="not a date"):
        parse_date("the 29th")  # no source date, no month to read it in


# Forms a careful reader writes down as they stand in a report (invented values, no article's).
@pytest.mark.parametrize("text,kind,low,high,lin,hin,approx", [
    ("7,3 million", "quantity", 7_300_000, 7_300_000, True, True, False),  # decimal comma before a scale
    ("42,5%", "share", 0.425, 0.425, True, True, False),
    ("63,15 per cent", "share", 0.6315, 0.6315, True, True, False),
    ("38.6 pc", "share", 0.386, 0.386, True, True, False),
    ("38 pct", "share", 0.38, 0.38, True, True, False),
    ("48½%", "share", 0.485, 0.485, True, True, False),
    ("12 1/2 percent", "share", 0.125, 0.125, True, True, False),
    ("turnout of 61%", "share", 0.61, 0.61, True, True, False),
    ("7.400", "quantity", 7400, 7400, True, True, False),  # thousands grouped by dots, a whole count
    ("at least 2.300.000 people", "quantity", 2_300_000, None, True, True, False),
    ("54.125", "quantity", 54.125, 54.125, True, True, False),  # a decimal stays one
    ("3,00,000", "quantity", 300_000, 300_000, True, True, False),  # three lakh
    ("1,25,00,000", "quantity", 12_500_000, 12_500_000, True, True, False),
    ("2,000 or more", "quantity", 2000, None, True, True, False),
    ("40 people or more", "quantity", 40, None, True, True, False),
    ("300 or fewer", "quantity", None, 300, True, True, False),
    ("60 or so", "quantity", 60, 60, True, True, True),
    ("more or less 60", "quantity", 60, 60, True, True, True),
    ("upward of 900", "quantity", 900, None, False, True, False),
    ("north of 1,000", "quantity", 1000, None, False, True, False),
    ("just shy of 80", "quantity", None, 80, True, False, False),
    ("half a dozen", "quantity", 6, 6, True, True, False),
    ("several dozen", "quantity", 36, 108, True, True, False),
    ("a few dozen", "quantity", 24, 60, True, True, False),
    ("many thousands", "quantity", 2000, 1_000_000, True, False, False),
    ("in the hundreds", "quantity", 200, 1000, True, False, False),
    ("a total of 1,640", "quantity", 1640, 1640, True, True, False),
    ("the death toll of 212", "quantity", 212, 212, True, True, False),
    ("a crowd of 35,000", "quantity", 35_000, 35_000, True, True, False),
    ("nearly 3,000", "quantity", 3000, 3000, True, True, True),
    ("almost a dozen", "quantity", 12, 12, True, True, True),
    ("scores of people", "quantity", 40, 100, True, False, False),
    ("exceeds 670", "quantity", 670, None, False, True, False),  # a headline's verb: more than
    ("tops 2,000", "quantity", 2000, None, False, True, False),
    ("surpassed 1.2 million", "quantity", 1_200_000, None, False, True, False),
])
def test_more_news_forms_of_figures(text, kind, low, high, lin, hin, approx):
    v = parse_value(text, kind)
    assert (v.low, v.high, v.low_inclusive, v.high_inclusive, v.approximate) == (
        pytest.approx(low) if low is not None else None, pytest.approx(high) if high is not None else None,
        lin, hin, approx)


def test_a_decimal_comma_of_zeros_is_refused_as_ambiguous():
    with pytest.raises(InputError, match="decimal comma"):
        parse_value("250,00", "quantity")  # 250, or 250,000 with a digit lost?


def test_dots_in_money_and_units_of_measure_stay_decimal_points():
    assert parse_value("€4.500", "quantity").low == pytest.approx(4.5)
    assert parse_value("2.500 km", "quantity").low == pytest.approx(2.5)
    assert parse_value("1.200 million", "quantity").low == pytest.approx(1_200_000)


@pytest.mark.parametrize("text,start,end", [
    ("17/03/2021", "2021-03-17", "2021-03-17"),
    ("03/17/2021", "2021-03-17", "2021-03-17"),
    ("17.03.2021", "2021-03-17", "2021-03-17"),
    ("2021/03/17", "2021-03-17", "2021-03-17"),
    ("Wed, 17 Mar 2021 06:10:00 +0000", "2021-03-17", "2021-03-17"),
    ("the night of 17 March 2021", "2021-03-17", "2021-03-17"),
    ("March 17-18, 2021", "2021-03-17", "2021-03-18"),
    ("17 and 18 March 2021", "2021-03-17", "2021-03-18"),
    ("the 17th of March 2021", "2021-03-17", "2021-03-17"),
])
def test_more_news_forms_of_dates(text, start, end):
    assert q(text, "date") == {"type": "date", "start": start, "end": end}


def test_a_date_with_day_and_month_both_under_13_is_refused_as_ambiguous():
    with pytest.raises(InputError, match="ambiguous"):
        parse_value("04/03/2021", "date")


def test_days_named_from_the_report_are_read_against_its_date():
    import datetime as dt

    from provenance.values import parse_date

    source = dt.date(2021, 3, 18)  # a Thursday
    assert parse_date("yesterday", source).start == dt.date(2021, 3, 17)
    assert parse_date("last night", source).start == dt.date(2021, 3, 17)
    assert parse_date("today", source).start == dt.date(2021, 3, 18)
    assert parse_date("Tuesday's vote", source).start == dt.date(2021, 3, 16)
    assert parse_date("last week", source) == parse_date("between 8 March 2021 and 14 March 2021")
    assert parse_date("March 20-21", source).start == dt.date(2021, 3, 20)
    with pytest.raises(InputError):
        parse_date("yesterday")  # no source date to count back from


def test_labeller_date_forms_read_against_the_source_date():
    # Forms hand-entered dates take in news copy (audit of every dev label, session 8): a weekday
    # before the date, a bare weekday, an abbreviated range, a bare month, "the end of" a month.
    import datetime as dt

    from provenance.values import parse_date

    source = dt.date(2025, 3, 11)  # a Tuesday
    read = {
        text: parse_date(text, source)
        for text in (
            "Friday, March 7",
            "Sunday",
            "Tuesday",
            "between Feb. 3 and Feb. 9",
            "February",
            "the end of February",
            "Mar 2",
            "7 March",
        )
    }
    assert (read["Friday, March 7"].start, read["Friday, March 7"].end) == (dt.date(2025, 3, 7),) * 2
    assert read["Sunday"].start == dt.date(2025, 3, 9)  # the last Sunday before the report
    assert read["Tuesday"].start == source  # the report's own day
    assert (read["between Feb. 3 and Feb. 9"].start, read["between Feb. 3 and Feb. 9"].end) == (
        dt.date(2025, 2, 3),
        dt.date(2025, 2, 9),
    )
    assert (read["February"].start, read["February"].end) == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert read["the end of February"].end == dt.date(2025, 2, 28)
    assert read["the end of February"].start > dt.date(2025, 2, 14)  # late in the month, not all of it
    assert read["Mar 2"].start == read["7 March"].start - dt.timedelta(days=5)
