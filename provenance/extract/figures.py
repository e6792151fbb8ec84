"""Figures and dates as they are written in running text.

The patterns only find where a figure or a date is; what it means is values.parse_value's job
(number words through text2num), so a figure is proposed only when that parse succeeds.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .lexicon import lexicon

_SMALL = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
          "sixteen|seventeen|eighteen|nineteen")
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SCALE = "hundred|thousand|million|billion"
_NW = rf"(?:(?:{_TENS})(?:-(?:{_SMALL}))?|{_SMALL})"
_DIG = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUM = (rf"(?:{_DIG}(?:\s+(?:{_SCALE}))?"
        rf"|{_NW}(?:[\s-]+(?:and\s+)?(?:{_NW}|{_SCALE}))*"
        rf"|(?:a|one|two|three|several|a\s+few)\s+(?:dozen|hundred|thousand|million)"
        rf"|(?:dozens|hundreds|thousands|millions|tens\s+of\s+thousands|scores)(?=\s+of\b))")
_RANGE = rf"(?:between\s+{_NUM}\s+and\s+{_NUM}|from\s+{_NUM}\s+to\s+{_NUM}|{_NUM}\s*(?:to|–|-|or)\s*{_NUM})"
_PCT = r"(?:\s*%|\s+per\s?cent\b|\s+percent\b)"


def _figure_re() -> re.Pattern:
    qual = lexicon().qualifiers
    return re.compile(
        rf"(?<![\w$£€.,-])(?P<fig>(?:{qual}\s+)?(?:{_RANGE}|{_NUM})(?P<pct>{_PCT})?)(?![\w%]|,\d)", re.I)


_FIGURE: dict[int, re.Pattern] = {}
_MONTH = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE = re.compile(
    rf"\b(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})\.?,?\s+\d{{4}})"
    rf"|\b(?P<mdy>(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    rf"|\b(?P<my>(?:(?:early|mid|late)[\s-]+)?(?:{_MONTH})\.?,?\s+\d{{4}})"
    rf"|\b(?P<dm>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})|(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?)\b"
    rf"|\b(?:in|since|by|during|of|until|from)\s+(?:(?P<part>early|mid|late)[\s-]+)?(?P<y>(?:19|20)\d{{2}})\b"
    rf"|\b(?:on\s+|last\s+)?(?P<wd>{'|'.join(_WEEKDAYS)})\b"
    rf"|\b(?P<rel>yesterday|today)\b",
    re.I,
)


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    share: bool


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str  # as parse_date reads it: "January 2015", "2015", "2024-03-12"
    has_year: bool


def figures(sentence: str) -> list[Figure]:
    pattern = _FIGURE.get(id(lexicon()))
    if pattern is None:  # one per lexicon: a desk's qualifiers count too
        pattern = _FIGURE[id(lexicon())] = _figure_re()
    out = []
    for m in pattern.finditer(sentence):
        fig = m.group("fig")
        out.append(Figure(m.start("fig"), m.end("fig"), re.sub(r"\s+", " ", fig), bool(m.group("pct"))))
    return out


def is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(?:1[89]|20)\d{2}", text.strip()))


def _month(name: str) -> int:
    name = name.lower().rstrip(".")[:3]
    return [m[:3].lower() for m in calendar.month_name[1:]].index(name) + 1


def _weekday_before(day: dt.date, name: str) -> dt.date:
    back = (day.weekday() - _WEEKDAYS.index(name.lower())) % 7
    return day - dt.timedelta(days=back)


def dates(sentence: str, today: dt.date | None) -> list[DateMention]:
    """Date expressions; a weekday or a day without a year is placed before `today` (the
    source's date), and dropped when there is no such date."""
    out = []
    for m in _DATE.finditer(sentence):
        kind = m.lastgroup if m.lastgroup != "part" else "y"
        span = m.span(kind) if kind != "y" else (m.start(), m.end())
        raw = re.sub(r"\s+", " ", m.group(kind)).strip()
        if kind in ("dmy", "mdy", "my"):
            out.append(DateMention(*span, raw.replace("-", " ").replace(",", ""), True))
        elif kind == "y":
            part = m.group("part")
            out.append(DateMention(*span, f"{part} {raw}" if part else raw, True))
        elif today is None:
            continue
        elif kind == "wd":
            out.append(DateMention(*span, _weekday_before(today, m.group("wd")).isoformat(), False))
        elif kind == "rel":
            day = today - dt.timedelta(days=1 if raw.lower() == "yesterday" else 0)
            out.append(DateMention(*span, day.isoformat(), False))
        elif kind == "dm":
            nums = re.findall(r"\d+", raw)
            month = _month(re.search(_MONTH, raw, re.I).group())
            try:
                day = dt.date(today.year, month, int(nums[0]))
            except ValueError:
                continue
            if day > today:
                day = day.replace(year=today.year - 1)
            out.append(DateMention(*span, day.isoformat(), False))
    return out
