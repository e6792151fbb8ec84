"""Parsing and comparing typed values, from what people write.

Quantities and shares are intervals with open or closed ends ("more than 1,400" is (1400, inf));
"about 250" is approximate and compares with a tolerance. Dates are periods ("2015" is the whole
year). Plain number words go through text2num; the range and vague-quantity rules ("between four and
six thousand", "hundreds") are ours, since no library parses them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
import re
from dataclasses import dataclass

from .errors import InputError

# How far "about N" may stretch either way, as a share of N.
APPROX_TOLERANCE = 0.10

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


class ValueError_(InputError):
    """A value that cannot be parsed as the type asked for."""


# ---------------------------------------------------------------------------------------------
# Value types


@dataclass(frozen=True)
class Interval:
    """A quantity or a share: [low, high] with open or closed ends; None is unbounded."""

    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True
    approximate: bool = False
    unit: str | None = None
    type: str = "quantity"

    def bounds(self) -> tuple[float, float, bool, bool]:
        """The interval as compared: unbounded ends become infinities, "about" widens it."""
        low = -math.inf if self.low is None else self.low
        high = math.inf if self.high is None else self.high
        if self.approximate:
            low -= abs(low) * APPROX_TOLERANCE if low != -math.inf else 0
            high += abs(high) * APPROX_TOLERANCE if high != math.inf else 0
        return low, high, self.low_inclusive, self.high_inclusive

    def overlaps(self, other: Value) -> bool:
        _same_type(self, other)
        alow, ahigh, alin, ahin = self.bounds()
        blow, bhigh, blin, bhin = other.bounds()
        if ahigh < blow or bhigh < alow:
            return False
        if ahigh == blow:
            return ahin and blin
        if bhigh == alow:
            return bhin and alin
        return True

    def to_json(self) -> dict:
        return {
            "type": self.type,
            "low": _num(self.low),
            "high": _num(self.high),
            "low_inclusive": self.low_inclusive,
            "high_inclusive": self.high_inclusive,
            "approximate": self.approximate,
            "unit": self.unit,
        }

    def describe(self) -> str:
        scale = 100 if self.type == "share" else 1
        suffix = "%" if self.type == "share" else ""

        def f(x: float) -> str:
            return f"{_num(x * scale):,}{suffix}"

        about = "about " if self.approximate else ""
        if self.low is not None and self.low == self.high:
            return about + f(self.low)
        if self.low is None:
            return ("up to " if self.high_inclusive else "less than ") + f(self.high)
        if self.high is None:
            return ("at least " if self.low_inclusive else "more than ") + f(self.low)
        return f"{about}{f(self.low)}–{f(self.high)}"


@dataclass(frozen=True)
class Period:
    """A date or a period, as the first and last day it covers."""

    start: dt.date
    end: dt.date
    type: str = "date"

    def overlaps(self, other: Value) -> bool:
        _same_type(self, other)
        return self.start <= other.end and other.start <= self.end

    def gap_days(self, other: Period) -> int:
        """Days between the two periods; 0 when they overlap."""
        if self.overlaps(other):
            return 0
        return (other.start - self.end).days if self.end < other.start else (self.start - other.end).days

    def to_json(self) -> dict:
        return {"type": "date", "start": self.start.isoformat(), "end": self.end.isoformat()}

    def describe(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        if (self.start.day, self.start.month, self.end.month) == (1, 1, 12) and self.end.day == 31:
            if self.start.year == self.end.year:
                return str(self.start.year)
            return f"{self.start.year}–{self.end.year}"
        if self.start.day == 1 and self.end == _month_end(self.start.year, self.start.month):
            return self.start.strftime("%B %Y")
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass(frozen=True)
class Label:
    """A categorical value (an entity or place), a yes/no, or free text; equal when keys match."""

    value: str | bool
    type: str = "text"

    @property
    def key(self) -> str:
        return str(self.value).casefold() if not isinstance(self.value, bool) else str(self.value)

    def overlaps(self, other: Value) -> bool:
        _same_type(self, other)
        return self.key == other.key

    def to_json(self) -> dict:
        return {"type": self.type, "value": self.value}

    def describe(self) -> str:
        if isinstance(self.value, bool):
            return "yes" if self.value else "no"
        return self.value


Value = Interval | Period | Label


def _same_type(a: Value, b: Value) -> None:
    if a.type != b.type:
        raise TypeError(f"cannot compare a {a.type} with a {b.type}")


def _num(x: float | None) -> int | float | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def from_json(data: dict | str) -> Value:
    if isinstance(data, str):
        data = json.loads(data)
    kind = data["type"]
    if kind in ("quantity", "share"):
        return Interval(
            data["low"], data["high"], data["low_inclusive"], data["high_inclusive"],
            data["approximate"], data.get("unit"), kind,
        )
    if kind == "date":
        return Period(dt.date.fromisoformat(data["start"]), dt.date.fromisoformat(data["end"]))
    return Label(data["value"], kind)


def to_json_text(value: Value) -> str:
    return json.dumps(value.to_json(), sort_keys=True, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Numbers

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion dozen a an and"
).split()
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = r"(?:%s)" % "|".join(sorted(_SMALL, key=len, reverse=True))
_NUMWORDS = rf"(?:{_WORD}(?:[\s-]+{_WORD})*)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE_SUFFIX = r"(?:\s*(?:hundred|thousand|million|billion|k|m|bn)\b)?"
_NUMBER = rf"(?:{_DIGITS}{_SCALE_SUFFIX}|{_NUMWORDS})"


def parse_number(text: str) -> float:
    """'4,000', '2.5 million', 'six thousand', 'two hundred and fifty' -> a number."""
    t = text.strip().casefold().replace("\u00a0", " ")
    m = re.fullmatch(rf"({_DIGITS})\s*(hundred|thousand|million|billion|k|m|bn)?", t)
    if m:
        base = float(m.group(1).replace(",", ""))
        return base * _SCALE_WORDS.get(m.group(2) or "", 1)
    words = re.sub(r"\s+", " ", t.replace("-", " ")).strip()
    words = re.sub(r"^an? ", "one ", words)
    if words == "dozen" or words.endswith(" dozen"):  # text2num does not count in dozens
        head = words[: -len("dozen")].strip()
        return (parse_number(head) if head else 1) * 12
    from text_to_num import text2num

    try:
        return float(text2num(words, "en"))
    except ValueError:
        raise ValueError_(f"{text!r} is not a number") from None


_SCALE_WORDS = _SCALES | {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}


def _scale_of(text: str) -> float:
    """The scale word a number ends with ('six thousand', '6k'), or 1."""
    m = re.search(r"(hundred|thousand|million|billion|k|m|bn)$", text.casefold().strip())
    return _SCALE_WORDS[m.group(1)] if m else 1


# Vague amounts: the interval each phrase is taken to mean (documented in the README).
_VAGUE = {
    "a few": (2, 5, True, True),
    "a couple": (2, 3, True, True),
    "a couple of": (2, 3, True, True),
    "several": (3, 9, True, True),
    "dozens": (24, 100, True, False),
    "scores": (40, 100, True, False),
    "hundreds": (200, 1_000, True, False),
    "thousands": (2_000, 1_000_000, True, False),
    "tens of thousands": (20_000, 100_000, True, False),
    "hundreds of thousands": (200_000, 1_000_000, True, False),
    "millions": (2_000_000, 1_000_000_000, True, False),
}
_VAGUE_RE = "|".join(sorted((re.escape(k) for k in _VAGUE), key=len, reverse=True))

_APPROX = (r"(?:about|around|approximately|roughly|some|nearly|nears|almost|close to|an estimated|estimated|"
           r"circa|c\.|~|as many as|as much as|up to an estimated)")
_LOWER_OPEN = r"(?:more than|well over|over|above|in excess of|upwards of|>|أكثر من)"
_LOWER_CLOSED = r"(?:at least|no fewer than|no less than|a minimum of|>=|≥)"
_UPPER_OPEN = r"(?:less than|fewer than|under|below|<)"
_UPPER_CLOSED = r"(?:at most|up to|no more than|a maximum of|<=|≤)"


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ")
    for d in _DASHES:
        text = text.replace(d, "-")
    return re.sub(r"\s+", " ", text).strip()


_PLAIN = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


# Open ends written after the figure: "103 and counting", "at least 84 so far" (a count still rising).
_STILL_RISING = r"(?:,? and counting|,? and rising|,? so far|,? and climbing)$"
# One, said without a number: "a single gunman", "a lone attacker", "acted alone".
_ONE = re.compile(r"(?:an? )?(?:single|lone|sole)(?: (.*))?|(?:acted |worked )?alone")


def parse_quantity(text: str, *, kind: str = "quantity") -> Interval:
    if _PLAIN.fullmatch(text):  # "2,099": most figures in bulk data, parsed without the grammar
        n = float(text.replace(",", ""))
        return Interval(n, n, type=kind)
    t = _clean(text)
    low = t.casefold()
    if (rising := re.sub(_STILL_RISING, "", low)) != low:
        q = parse_quantity(rising, kind=kind)
        if q.low is None:
            raise ValueError_(f"{text!r}: a count still rising needs a lower figure")
        return Interval(q.low * (1 - APPROX_TOLERANCE if q.approximate else 1), None, q.low_inclusive,
                        True, False, q.unit, kind)
    if kind == "quantity" and (m := _ONE.fullmatch(low)):
        return Interval(1, 1, unit=_unit(m.group(1)), type=kind)

    m = re.fullmatch(rf"(?:{_APPROX} )?({_VAGUE_RE})(?: (hundred|thousand|million|billion))?(?: of)?(?: (.*))?", low)
    if m:
        a, b, ai, bi = _VAGUE[m.group(1)]
        scale = _SCALES.get(m.group(2) or "", 1)  # "a few hundred": the vague count, in hundreds
        return Interval(a * scale, b * scale, ai, bi, False, _unit(m.group(3)), kind)

    m = re.fullmatch(
        rf"(?:(?:between|from) )?({_NUMBER})(?: ?(?:-|to|and) ?)({_NUMBER})(?: (.*))?", low
    )
    if m and re.fullmatch(r"[a-z]+", m.group(1)) and low.startswith(f"{m.group(1)}-{m.group(2)}"):
        try:  # "twenty-one" is one number; "four-six" is a range
            n = parse_number(f"{m.group(1)} {m.group(2)}")
            return Interval(n, n, True, True, False, _unit(m.group(3)), kind)
        except ValueError_:
            pass
    if m and (m.group(0).startswith(("between", "from")) or re.search(r"-|\bto\b", low)):
        a_text, b_text = m.group(1), m.group(2)
        a, b = parse_number(a_text), parse_number(b_text)
        # "between four and six thousand": the scale word closing the range applies to both ends.
        if a < b and _scale_of(a_text) == 1 and _scale_of(b_text) > 1 and a * _scale_of(b_text) < b * 10:
            a *= _scale_of(b_text)
        if a > b:
            raise ValueError_(f"{text!r}: the range runs backwards")
        return Interval(a, b, True, True, False, _unit(m.group(3)), kind)

    bound_forms = (
        (_LOWER_OPEN, lambda n: Interval(n, None, False, True)),
        (_LOWER_CLOSED, lambda n: Interval(n, None, True, True)),
        (_UPPER_OPEN, lambda n: Interval(None, n, True, False)),
        (_UPPER_CLOSED, lambda n: Interval(None, n, True, True)),
        (_APPROX, lambda n: Interval(n, n, True, True, True)),
        ("", lambda n: Interval(n, n)),
    )
    for prefix, make in bound_forms:
        pattern = (rf"{prefix} " if prefix else "") + rf"({_NUMBER})(?: (.*))?"
        m = re.fullmatch(pattern, low)
        if m:
            try:
                n = parse_number(m.group(1))
            except ValueError_:
                continue
            iv = make(n)
            return Interval(iv.low, iv.high, iv.low_inclusive, iv.high_inclusive,
                            iv.approximate, _unit(m.group(2)), kind)
    raise ValueError_(f"{text!r} is not a quantity (try '37', '4,000-6,000', 'more than 1,400')")


def _unit(rest: str | None) -> str | None:
    return rest.strip() or None if rest else None


# ---------------------------------------------------------------------------------------------
# Shares

_SHARE_WORDS = {
    "all": (1.0, 1.0, True, True),
    "none": (0.0, 0.0, True, True),
    "most": (0.5, 1.0, False, True),
    "a majority": (0.5, 1.0, False, True),
    "the majority": (0.5, 1.0, False, True),
    "majority": (0.5, 1.0, False, True),
    "a minority": (0.0, 0.5, True, False),
    "minority": (0.0, 0.5, True, False),
    "half": (0.5, 0.5, True, True),
    "a third": (1 / 3, 1 / 3, True, True),
    "one third": (1 / 3, 1 / 3, True, True),
    "two thirds": (2 / 3, 2 / 3, True, True),
    "a quarter": (0.25, 0.25, True, True),
    "one quarter": (0.25, 0.25, True, True),
    "three quarters": (0.75, 0.75, True, True),
    "a fifth": (0.2, 0.2, True, True),
    "almost all": (0.9, 1.0, True, False),
    "nearly all": (0.9, 1.0, True, False),
    "few": (0.0, 0.25, True, True),
}
_SHARE_RE = "|".join(sorted((re.escape(k) for k in _SHARE_WORDS), key=len, reverse=True))


_FRACTIONS = ("half", "a third", "one third", "two thirds", "a quarter", "one quarter",
              "three quarters", "a fifth")


def parse_share(text: str) -> Interval:
    low = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", _clean(text).casefold())  # "two-thirds"
    m = re.fullmatch(rf"(?:({_LOWER_OPEN}|{_LOWER_CLOSED}|{_UPPER_OPEN}|{_UPPER_CLOSED}|{_APPROX}) )?"
                     rf"({_SHARE_RE})(?: (?:of )?(.*))?", low)
    if m:
        a, b, ai, bi = _SHARE_WORDS[m.group(2)]
        bound, word = m.group(1), m.group(2)
        if bound and word in _FRACTIONS:  # "more than half", "less than a third", "about half"
            if re.fullmatch(_LOWER_OPEN, bound):
                return Interval(a, 1.0, False, True, False, _unit(m.group(3)), "share")
            if re.fullmatch(_LOWER_CLOSED, bound):
                return Interval(a, 1.0, True, True, False, _unit(m.group(3)), "share")
            if re.fullmatch(_UPPER_OPEN, bound):
                return Interval(0.0, a, True, False, False, _unit(m.group(3)), "share")
            if re.fullmatch(_UPPER_CLOSED, bound):
                return Interval(0.0, a, True, True, False, _unit(m.group(3)), "share")
            return Interval(a, b, ai, bi, True, _unit(m.group(3)), "share")
        if bound is None:
            return Interval(a, b, ai, bi, word in _FRACTIONS, _unit(m.group(3)), "share")
    # Percentages: every quantity form, with "%" or "per cent" after each number.
    pct = re.sub(r"\s*(?:%|per ?cent|percent)", "", low)
    if pct == low:
        raise ValueError_(f"{text!r} is not a share (try '90%', 'most', 'half')")
    q = parse_quantity(pct, kind="share")
    for end in (q.low, q.high):
        if end is not None and not 0 <= end <= 100:
            raise ValueError_(f"{text!r}: a percentage must lie between 0 and 100")
    # A share lives on [0, 1]: "over 50%" ends at 100%, "under 10%" starts at 0.
    low_ = 0.0 if q.low is None else q.low / 100
    high = 1.0 if q.high is None else q.high / 100
    return Interval(low_, high, q.low_inclusive, q.high_inclusive, q.approximate, q.unit, "share")


# ---------------------------------------------------------------------------------------------
# Dates and periods

_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS |= {m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_PARTS = {
    "early": (1, 4), "mid": (5, 8), "late": (9, 12), "the end of": (10, 12),
    "the beginning of": (1, 3), "the start of": (1, 3), "the summer of": (6, 8),
    "summer": (6, 8), "spring": (3, 5), "autumn": (9, 11), "fall": (9, 11), "winter": (1, 2),
    "first half of": (1, 6), "second half of": (7, 12), "the first half of": (1, 6),
    "the second half of": (7, 12),
}
_PARTS_RE = "|".join(sorted((re.escape(k) for k in _PARTS), key=len, reverse=True))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = rf"(?:{'|'.join(_WEEKDAYS)})"
_ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[t ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(z|[+-]\d{2}:?\d{2})?")
_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "the end of": (21, 31),
                "end of": (21, 31), "the beginning of": (1, 10), "the start of": (1, 10),
                "beginning of": (1, 10), "start of": (1, 10)}


def parse_moment(text: str) -> dt.datetime | None:
    """The instant an ISO 8601 date-time names ('2024-01-05T09:38+08:00'), in UTC; None for a
    plain date or period. Reports of one day are put in order by it."""
    m = _ISO_TIME.fullmatch(_clean(text).casefold())
    if not m:
        return None
    try:
        moment = dt.datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}{(m.group(3) or '').upper()}")
    except ValueError:
        raise ValueError_(f"{text!r} is not a real date-time") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment


def parse_date(text: str, reference: dt.date | None = None) -> Period:
    """A date or period. `reference` (the source's date) gives the year of "March 15" or
    "Wednesday, January 3": the latest such day not long after the reference."""
    low = _clean(text).casefold().removeprefix("in ").removeprefix("on ").strip(" ,.")
    if m := _ISO_TIME.fullmatch(low):
        parse_moment(low)  # a time that does not exist is an error, not ignored
        low = m.group(1)
    if m := re.fullmatch(r"(?:between|from) (.+?) (?:and|to|until) (.+)", low):
        a, b = parse_date(m.group(1), reference), parse_date(m.group(2), reference)
        if b.end < a.start:
            raise ValueError_(f"{text!r}: the period runs backwards")
        return Period(a.start, b.end)
    day_part = r"(?: (?:morning|afternoon|evening|night))?"
    if reference is not None and (m := re.fullmatch(rf"(?:(?:last|this|on|by|early|late) )*({_WEEKDAY}){day_part}", low)):
        # "Saturday night" in a report: the latest such day on or before the source's date.
        back = (reference.weekday() - _WEEKDAYS.index(m.group(1))) % 7
        day = reference - dt.timedelta(days=back)
        return Period(day, day)
    low = re.sub(rf"^{_WEEKDAY},? ", "", low)
    if reference is not None and not re.search(r"\d{4}", low) and re.search(_MONTH_RE, low):
        for year in (reference.year, reference.year - 1):
            period = parse_date(f"{low} {year}")
            if period.start <= reference + dt.timedelta(days=31):
                return period
        return period
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", low):
            d = dt.date.fromisoformat(low)
            return Period(d, d)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", low):
            y, mo = int(m.group(1)), int(m.group(2))
            return Period(dt.date(y, mo, 1), _month_end(y, mo))
        if m := re.fullmatch(r"(\d{4})(?:s| ?- ?(\d{4}))?", low):
            y = int(m.group(1))
            last = int(m.group(2)) if m.group(2) else (y + 9 if low.endswith("s") else y)
            if last < y:
                raise ValueError_(f"{text!r}: the period runs backwards")
            return Period(dt.date(y, 1, 1), dt.date(last, 12, 31))
        if m := re.fullmatch(rf"({_PARTS_RE})[ -]?(?:of )?(\d{{4}})", low):
            a, b = _PARTS[m.group(1)]
            y = int(m.group(2))
            return Period(dt.date(y, a, 1), _month_end(y, b))
        parts = "|".join(sorted(_MONTH_PARTS, key=len, reverse=True))
        if m := re.fullmatch(rf"(?:({parts})[ -]?)?({_MONTH_RE})\.?,? (\d{{4}})", low):
            mo, y = _MONTHS[m.group(2)], int(m.group(3))
            start, end = dt.date(y, mo, 1), _month_end(y, mo)
            part = _MONTH_PARTS.get(m.group(1) or "")
            if part:
                start, end = start.replace(day=part[0]), end.replace(day=min(part[1], end.day))
            return Period(start, end)
        if m := re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH_RE})\.?,? (\d{{4}})", low):
            d = dt.date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
            return Period(d, d)
        if m := re.fullmatch(rf"({_MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})", low):
            d = dt.date(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))
            return Period(d, d)
    except ValueError as exc:  # a day that does not exist, such as 31 February
        if isinstance(exc, InputError):
            raise
        raise ValueError_(f"{text!r} is not a real date ({exc})") from None
    raise ValueError_(
        f"{text!r} is not a date (try '2024-03-26', 'January 2015', '2015', 'late 2019')"
    )


# ---------------------------------------------------------------------------------------------
# Entry point

_YES = {"yes", "true", "y"}
_NO = {"no", "false", "n"}


def parse_value(text: str, kind: str | None = None) -> Value:
    """Parse what someone wrote into a comparable value.

    `kind` is the property's value type (quantity, share, date, entity, boolean, text). Without
    it, the form decides: a percentage or share word is a share, a number a quantity, a month or
    season a date, yes/no a boolean, anything else free text.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError_("the value is empty")
    if kind == "quantity" and _PLAIN.fullmatch(text):
        return parse_quantity(text)
    stripped = _clean(text)
    if kind == "quantity":
        return parse_quantity(stripped)
    if kind == "share":
        return parse_share(stripped)
    if kind == "date":
        return parse_date(stripped)
    if kind == "boolean":
        if stripped.casefold() in _YES:
            return Label(True, "boolean")
        if stripped.casefold() in _NO:
            return Label(False, "boolean")
        raise ValueError_(f"{text!r} is not yes or no")
    if kind in ("entity", "text"):
        return Label(stripped, kind)
    if kind is not None:
        raise ValueError_(f"unknown value type {kind!r}")
    for attempt in (_guess_boolean, parse_share, _guess_date, parse_quantity):
        try:
            return attempt(stripped)
        except ValueError_:
            continue
    return Label(stripped, "text")


def _guess_boolean(text: str) -> Label:
    return parse_value(text, "boolean")


def _guess_date(text: str) -> Period:
    # A bare number is a quantity unless the property says otherwise; only unmistakable dates here.
    if re.fullmatch(r"\d+(?:\.\d+)?", text.strip()):
        raise ValueError_("a bare number")
    return parse_date(text)
