"""Parsing and comparing typed values, from what people write.

Quantities and shares are intervals with open or closed ends ("more than 1,400" is (1400, inf));
"about 250" is approximate and compares with a tolerance. Dates are periods ("2015" is the whole
year). Numbers in words are read by a small grammar kept in tables (NUMBER_WORDS, _FOLLOWS), which
refuses a sequence that is not a number rather than reading it as another one (text2num, used
before, read "one thousand five million" as 1,005,000,000). The rules are in docs/values.md.
"""

from __future__ import annotations

import calendar
import dataclasses
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
        assert isinstance(other, Interval)  # the same type name is the same class
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
            assert self.high is not None  # no parse gives an interval unbounded at both ends
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
        assert isinstance(other, Period)  # the same type name is the same class
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
        assert isinstance(other, Label)  # the same type name is the same class
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
    assert isinstance(data, dict)
    kind = data["type"]
    if kind in ("quantity", "share"):
        return Interval(
            data["low"],
            data["high"],
            data["low_inclusive"],
            data["high_inclusive"],
            data["approximate"],
            data.get("unit"),
            kind,
        )
    if kind == "date":
        return Period(dt.date.fromisoformat(data["start"]), dt.date.fromisoformat(data["end"]))
    return Label(data["value"], kind)


# json.dumps(..., sort_keys=True, ensure_ascii=False), built once: dumps makes a new encoder on
# every call given options, most of the cost for a small value.
_ENCODE = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode


def to_json_text(value: Value) -> str:
    return _ENCODE(value.to_json())


# ---------------------------------------------------------------------------------------------
# Numbers
#
# The rules, in one table each (docs/values.md shows them with examples). A number is a run of
# number words and digits, read left to right by the grammar in `_read_words`: what may follow
# what is `_FOLLOWS`; a sequence outside it ("seven eleven hundred", "one thousand five million")
# is refused with the reason, never read as another number.

# word: (role, value)
NUMBER_WORDS: dict[str, tuple[str, float]] = {
    **{w: ("unit", i) for i, w in enumerate("zero one two three four five six seven eight nine".split())},
    **{
        w: ("teen", 10 + i)
        for i, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())
    },
    **{w: ("tens", 20 + 10 * i) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())},
    "hundred": ("hundred", 100),
    "dozen": ("dozen", 12),
    "thousand": ("scale", 1e3),
    "lakh": ("scale", 1e5),
    "million": ("scale", 1e6),
    "crore": ("scale", 1e7),
    "billion": ("scale", 1e9),
    "trillion": ("scale", 1e12),
    "a": ("a", 1),
    "an": ("a", 1),
    "and": ("and", 0),
    "point": ("point", 0),
}
# A plural scale after a number is the number ("seventy-five thousands" is 75,000); on its own it
# is a vague amount ("thousands", in _VAGUE below).
_PLURAL_SCALES = {w + "s": w for w, (role, _) in NUMBER_WORDS.items() if role in ("scale", "hundred")}

# Letters glued to (or just after) digits that scale them: "25k", "2.8bn", "$35m", "1.2 mln".
SCALE_LETTERS = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}

# role -> the roles that may come next ("end": the number may stop here).
_FOLLOWS = {
    "start": {"digits", "unit", "teen", "tens", "a", "point", "dozen"},
    "a": {"hundred", "scale", "dozen"},
    "digits": {"hundred", "scale", "dozen", "end"},
    "decimal": {"scale", "end"},
    "unit": {"hundred", "scale", "dozen", "point", "end"},
    "teen": {"hundred", "scale", "dozen", "point", "end"},
    "tens": {"unit", "hundred", "scale", "dozen", "point", "end"},
    "tens+unit": {"hundred", "scale", "dozen", "point", "end"},
    "hundred": {"unit", "teen", "tens", "and", "scale", "point", "end"},
    "scale": {"unit", "teen", "tens", "and", "scale", "point", "end"},
    "and": {"unit", "teen", "tens"},
    "point": {"unit"},
    "point+digit": {"unit", "scale", "end"},
    "dozen": {"end"},
}

_DIGITS_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


def _role(token: str) -> str:
    if _DIGITS_RE.fullmatch(token):
        return "digits"
    return NUMBER_WORDS[_PLURAL_SCALES.get(token, token)][0]


def _read_words(tokens: list[str], text: str) -> float:
    """The number a run of number words and digits means, or ValueError_ saying why it is none."""
    total, group, decimals = 0.0, None, None  # group: the part below the last scale word
    last_scale = math.inf
    prev = "start"
    for tok in tokens:
        word = _PLURAL_SCALES.get(tok, tok)
        role = _role(tok)
        if role == "unit" and prev == "tens":
            role_here = "tens+unit"
        elif role == "unit" and prev in ("point", "point+digit"):
            role_here = "point+digit"
        else:
            role_here = role
        if word == "zero" and prev not in ("start", "point", "point+digit"):
            raise ValueError_(f"{text!r} is not a number: 'zero' cannot follow {_describe(prev)}")
        allowed = _FOLLOWS[prev]
        if role not in allowed and not (role_here == "point+digit" and "unit" in allowed):
            raise ValueError_(f"{text!r} is not a number: {tok!r} cannot follow {_describe(prev)}")
        value = NUMBER_WORDS[word][1] if role != "digits" else float(tok.replace(",", ""))
        if role_here == "digits":
            group = value
            if not value.is_integer():
                role_here = "decimal"
        elif role_here == "point+digit":
            decimals = (decimals or "") + str(int(value))
        elif role_here in ("unit", "teen", "tens", "tens+unit"):
            group = (group or 0) + value
        elif role_here == "a":
            group = 1
        elif role_here == "point":
            group = group or 0
        elif role_here == "hundred":
            if group is None or not 1 <= group < 100 or (group >= 10 and last_scale != math.inf):
                raise ValueError_(f"{text!r} is not a number: 'hundred' cannot follow {group or 'nothing'}")
            group *= 100
        elif role_here == "dozen":
            group = (group or 1) * 12
        elif role_here == "scale":
            if decimals is not None:
                group, decimals = float(f"{int(group or 0)}.{decimals}"), None
            if value >= last_scale:
                raise ValueError_(
                    f"{text!r} is not a number: {word!r} cannot follow the smaller {_scale_name(last_scale)!r}"
                )
            if group is None or not 0 < group < (math.inf if prev in ("digits", "decimal") else 1000):
                raise ValueError_(f"{text!r} is not a number: {word!r} needs a number from 1 to 999 before it")
            total += group * value
            group, last_scale = None, value
        prev = role_here
    if "end" not in _FOLLOWS[prev]:
        raise ValueError_(f"{text!r} is not a number: it cannot end with {_describe(prev)}")
    if decimals is not None:
        group = float(f"{int(group or 0)}.{decimals}")
    if group is not None and last_scale != math.inf and group >= 1000:
        raise ValueError_(f"{text!r} is not a number: {group:,.0f} cannot follow {_scale_name(last_scale)!r}")
    return total + (group or 0)


def _describe(role: str) -> str:
    return {
        "start": "nothing",
        "tens+unit": "a tens-and-unit number",
        "point+digit": "a decimal",
        "digits": "digits",
        "decimal": "a decimal",
    }.get(role, f"a {role} word" if role not in ("a", "and", "point") else repr(role))


def _scale_name(value: float) -> str:
    return next(w for w, (r, v) in NUMBER_WORDS.items() if r == "scale" and v == value)


_GLUED = re.compile(rf"({_DIGITS})({'|'.join(sorted(SCALE_LETTERS, key=len, reverse=True))})")


def _tokens(text: str) -> list[str]:
    """Words of a number: hyphens between words are spaces ("thirty-five"), scale letters glued to
    digits are their own token ("2.8bn" -> "2.8", "bn")."""
    t = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text.casefold())
    out: list[str] = []
    for tok in t.split():
        m = _GLUED.fullmatch(tok)
        out.extend([m.group(1), m.group(2)] if m else [tok])
    return out


def _is_number_token(tok: str) -> bool:
    return bool(_DIGITS_RE.fullmatch(tok)) or tok in NUMBER_WORDS or tok in _PLURAL_SCALES


def parse_number(text: str) -> float:
    """'4,000', '2.5 million', '25k', 'six thousand', 'two point three', 'a hundred and five'."""
    tokens = _tokens(re.sub(r"(?<=[a-z]),(?= )", "", text.replace("\u00a0", " ")))  # "one million, two"
    if not tokens:
        raise ValueError_("the number is empty")
    scale = 1.0
    if len(tokens) >= 2 and tokens[-1] in SCALE_LETTERS and _DIGITS_RE.fullmatch(tokens[-2]):
        scale = SCALE_LETTERS[tokens.pop()]
    if not all(_is_number_token(t) for t in tokens):
        bad = next(t for t in tokens if not _is_number_token(t))
        raise ValueError_(f"{text!r} is not a number: {bad!r} is not a number word")
    return _read_words(tokens, text) * scale


# Vague amounts: the interval each phrase is taken to mean (documented in docs/values.md).
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
    "tens of millions": (20_000_000, 100_000_000, True, False),
    "hundreds of millions": (200_000_000, 1_000_000_000, True, False),
    "billions": (2_000_000_000, 1_000_000_000_000, True, False),
    "tens of billions": (20_000_000_000, 100_000_000_000, True, False),
    "hundreds of billions": (200_000_000_000, 1_000_000_000_000, True, False),
    "a handful": (2, 6, True, True),
    "a handful of": (2, 6, True, True),
}
_VAGUE_RE = "|".join(sorted((re.escape(k) for k in _VAGUE), key=len, reverse=True))

# Words before a number and what they make of it: "above" (low end open), "from" (low end
# closed), "below" (high end open), "to" (high end closed), "about" (approximate).
QUALIFIERS = {
    **dict.fromkeys(
        [
            "more than",
            "over",
            "above",
            "in excess of",
            "upwards of",
            "upward of",
            "north of",
            "well over",
            "just over",
            "greater than",
            ">",
            "أكثر من",
        ],
        "above",
    ),
    **dict.fromkeys(["at least", "no fewer than", "no less than", "not less than", "a minimum of", ">=", "≥"], "from"),
    **dict.fromkeys(
        ["less than", "fewer than", "under", "below", "just under", "just below", "shy of", "just shy of", "<"], "below"
    ),
    **dict.fromkeys(
        [
            "at most",
            "up to",
            "upto",
            "no more than",
            "not more than",
            "a maximum of",
            "as many as",
            "as much as",
            "as high as",
            "up to an estimated",
            "<=",
            "≤",
        ],
        "to",
    ),
    **dict.fromkeys(
        [
            "about",
            "around",
            "approximately",
            "approx.",
            "roughly",
            "some",
            "nearly",
            "almost",
            "nears",
            "an estimated",
            "estimated",
            "circa",
            "c.",
            "~",
            "close to",
            "just about",
            "more or less",
        ],
        "about",
    ),
}
# A headline's verb before its figure ("toll exceeds 670", "tops 2,000"): read in a value as
# written, never taken by the reader into a figure's span (there it is update language).
VERB_QUALIFIERS = dict.fromkeys(
    ["exceeds", "exceeded", "exceeding", "tops", "topped", "topping", "surpasses", "surpassed", "passes", "passed"],
    "above",
)
_PARSING = {**QUALIFIERS, **VERB_QUALIFIERS}
_QUAL_RE = "|".join(sorted((re.escape(k) for k in _PARSING), key=len, reverse=True))
# Kept as names for parse_share's bounds.
_LOWER_OPEN = "|".join(re.escape(k) for k, v in _PARSING.items() if v == "above")
_LOWER_CLOSED = "|".join(re.escape(k) for k, v in _PARSING.items() if v == "from")
_UPPER_OPEN = "|".join(re.escape(k) for k, v in _PARSING.items() if v == "below")
_UPPER_CLOSED = "|".join(re.escape(k) for k, v in _PARSING.items() if v == "to")
_APPROX = "|".join(re.escape(k) for k, v in _PARSING.items() if v == "about")
_LOWER_OPEN, _LOWER_CLOSED, _UPPER_OPEN, _UPPER_CLOSED, _APPROX = (
    f"(?:{p})" for p in (_LOWER_OPEN, _LOWER_CLOSED, _UPPER_OPEN, _UPPER_CLOSED, _APPROX)
)

# Money: the currency a sign or code before the number, or a word after it, stands for.
CURRENCY_SIGNS = {
    "us$": "USD",
    "u.s.$": "USD",
    "$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "$a": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "r$": "BRL",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "chf": "CHF",
    "rp": "IDR",
    "rp.": "IDR",
    "ksh": "KES",
    "tk": "BDT",
    "₦": "NGN",
    "₪": "ILS",
    "₴": "UAH",
    "₾": "GEL",
    "₺": "TRY",
    **{
        c.lower(): c
        for c in "USD EUR GBP AUD CAD NZD JPY CNY INR PKR LKR NPR BDT CHF HKD SGD RUB ZAR IDR KES NGN ILS UAH GEL TRY "
        "BRL MXN KRW SAR AED EGP".split()
    },
}
CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "new zealand dollars": "NZD",
    "hong kong dollars": "HKD",
    "singapore dollars": "SGD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "rupees": "INR",
    "rupee": "INR",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "roubles": "RUB",
    "rubles": "RUB",
    "francs": "CHF",
    "swiss francs": "CHF",
    "riyals": "SAR",
    "dirhams": "AED",
    "lira": "TRY",
    "indian rupees": "INR",
    "pakistani rupees": "PKR",
    "sri lankan rupees": "LKR",
    "nepalese rupees": "NPR",
    "rand": "ZAR",
    "rupiah": "IDR",
    "lari": "GEL",
    "naira": "NGN",
    "shekels": "ILS",
    "shekel": "ILS",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "south korean won": "KRW",
    "taka": "BDT",
    "kenyan shillings": "KES",
    "egyptian pounds": "EGP",
    "reais": "BRL",
    "mexican pesos": "MXN",
    "cents": "USD cents",
    "cent": "USD cents",
    "pence": "GBP pence",
}
# What one unit of a currency is worth in US dollars, to an order of magnitude: enough to tell that
# "Rs50 billion" and "$50 billion" cannot be one sum (they are about a hundred times apart at any
# rate of the last decades), never to convert a figure. Currencies whose value collapsed within
# a few years are left out: their amounts are compared with nothing.
USD_PER_UNIT = {
    "USD": 1, "EUR": 1.1, "GBP": 1.3, "CHF": 1.1, "AUD": 0.7, "CAD": 0.75, "NZD": 0.65, "SGD": 0.75,
    "HKD": 0.13, "CNY": 0.14, "JPY": 0.008, "KRW": 0.0008, "INR": 0.013, "PKR": 0.005, "LKR": 0.004,
    "NPR": 0.008, "BDT": 0.01, "IDR": 0.00007, "RUB": 0.013, "ZAR": 0.06, "SAR": 0.27, "AED": 0.27,
    "BRL": 0.2, "MXN": 0.05, "KES": 0.008, "ILS": 0.27, "GEL": 0.37, "UAH": 0.03, "EGP": 0.03,
}  # fmt: skip
_SIGN_RE = "|".join(sorted((re.escape(k) for k in CURRENCY_SIGNS), key=len, reverse=True))
_CURRENCY_WORD_RE = "|".join(sorted((re.escape(k) for k in CURRENCY_WORDS), key=len, reverse=True))


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    for d in _DASHES:
        text = text.replace(d, "-")
    return re.sub(r"\s+", " ", text).strip()


_PLAIN = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


@dataclass(frozen=True)
class Amount:
    """One number as written: its value, its unit or currency, and whether a scale word made it."""

    value: float
    unit: str | None
    scaled: bool


def read_amount(text: str) -> Amount:
    """'$800 million', 'US$58.24', '€5bn', '-1.3', 'minus 5 yards', '256GB', '12.3m tonnes',
    '1,200 rupees', 'two point three'. Refuses (with the reason) what is not one amount."""
    t = _clean(text).casefold()
    currency = None
    m = re.match(rf"({_SIGN_RE})\s?(?=[\d.]|-\d)", t)
    if m:
        currency, t = CURRENCY_SIGNS[m.group(1)], t[m.end() :]
    sign = 1.0
    m = re.match(r"(?:-|minus |negative )(?=[\d.a-z])", t)
    if m:
        sign, t = -1.0, t[m.end() :]
    if currency is None and (m := re.match(rf"({_SIGN_RE})\s?(?=\d)", t)):  # "-$5"
        currency, t = CURRENCY_SIGNS[m.group(1)], t[m.end() :]
    t = re.sub(r"(?<=[a-z]),(?= [a-z])", "", t)  # "one million, two hundred"
    tokens = []
    for tok in t.split(" "):  # "thirty-five" is two number words; "pound-feet" stays one unit
        parts = tok.split("-")
        tokens.extend(
            parts if len(parts) > 1 and all(p in NUMBER_WORDS or p in _PLURAL_SCALES for p in parts) else [tok]
        )
    # Digits with something glued on: a scale letter ("2.8bn") or a unit ("256gb", "1.38pc").
    first = re.fullmatch(rf"({_DIGITS}|\.\d+)([a-z%°µ\"'][\w/%°.\"'-]*)", tokens[0]) if tokens else None
    if first:
        tokens[:1] = [first.group(1), first.group(2)]
    m = re.fullmatch(r"(.+?)-?fold", tokens[0]) if tokens else None
    if m and (_DIGITS_RE.fullmatch(m.group(1)) or m.group(1) in NUMBER_WORDS):
        return Amount(sign * parse_number(m.group(1)), "times", False)  # "sixfold", "10-fold"
    run: list[str] = []
    for tok in tokens:
        if _is_number_token(tok) or (
            run
            and tok in SCALE_LETTERS
            and _DIGITS_RE.fullmatch(run[-1])
            and (tok != "b" or currency)
            and tok not in run
        ):
            run.append(tok)
        else:
            break
    while run and run[-1] in ("and", "a", "an", "point"):  # "three and counting", "five a day"
        run.pop()
    if not run:
        raise ValueError_(f"{text!r} is not a number")
    rest = " ".join(tokens[len(run) :]).strip()
    scaled = any(
        NUMBER_WORDS.get(_PLURAL_SCALES.get(x, x), ("", 0))[0] in ("scale", "hundred") or x in SCALE_LETTERS
        for x in run[1:]
    )
    value = sign * parse_number(" ".join(run))
    unit = currency
    if rest:
        m = re.match(rf"({_CURRENCY_WORD_RE})(?![\w-])", rest)
        if m and currency is None:
            code = CURRENCY_WORDS[m.group(1)]
            if code.endswith((" cents", " pence")):
                value, code = value / 100, code.split()[0]
            unit = code
        elif currency is None:
            unit = rest
    return Amount(value, unit, scaled)


def _bounded(kind: str | None, n: float, unit: str | None, type_: str) -> Interval:
    if kind == "above":
        return Interval(n, None, False, True, False, unit, type_)
    if kind == "from":
        return Interval(n, None, True, True, False, unit, type_)
    if kind == "below":
        return Interval(None, n, True, False, False, unit, type_)
    if kind == "to":
        return Interval(None, n, True, True, False, unit, type_)
    return Interval(n, n, True, True, kind == "about", unit, type_)


# Separators between the two ends of a range, by the word that opens it.
_RANGE_SEPARATORS = {"between": r" and ", "from": r" to |\s?-\s?", None: r" to | or |\s?-\s?"}


def _range(text: str, kind: str) -> Interval | None:
    """'between four and six thousand', '252 miles to 287 miles', 'from 4.8 to 4.7', 'eight or
    nine', '$5-10 million': a pair of bounds, in whichever order they were written."""
    m = re.fullmatch(r"(between|from) (.+)", text)
    opener, body = (m.group(1), m.group(2)) if m else (None, text)
    for sep in re.finditer(_RANGE_SEPARATORS[opener], body):
        a_text, b_text = body[: sep.start()], body[sep.end() :]
        try:
            a, b = read_amount(a_text), read_amount(b_text)
        except ValueError_:
            continue
        if a.unit and _has_number(a.unit):
            continue  # "one hundred and five and ...": the first end swallowed the second
        if a.unit and b.unit and a.unit != b.unit:
            raise ValueError_(f"{text!r}: the two ends of the range have different units ({a.unit!r}, {b.unit!r})")
        lo, hi = a.value, b.value
        # "between four and six thousand", "$5-10 million": the closing scale word covers both.
        if not a.scaled and b.scaled and abs(lo) < abs(hi):
            scale = _trailing_scale(b_text)
            if scale > 1 and abs(lo) * scale < abs(hi) * 10:
                lo *= scale
        return Interval(min(lo, hi), max(lo, hi), True, True, False, b.unit or a.unit, kind)
    return None


def _has_number(text: str) -> bool:
    return any(_is_number_token(t) and t not in ("a", "an", "and", "point") for t in _tokens(text))


def _trailing_scale(text: str) -> float:
    """The scale word closing the second end of a range ("six thousand", "10m"), or 1."""
    toks = _tokens(text)
    for tok in reversed(toks):
        word = _PLURAL_SCALES.get(tok, tok)
        if word in SCALE_LETTERS:
            return SCALE_LETTERS[word]
        if word in NUMBER_WORDS and NUMBER_WORDS[word][0] in ("scale", "hundred"):
            scale = 1.0
            for t in toks:  # "six hundred thousand": every scale word after the number
                w = _PLURAL_SCALES.get(t, t)
                if w in NUMBER_WORDS and NUMBER_WORDS[w][0] in ("scale", "hundred"):
                    scale *= NUMBER_WORDS[w][1]
            return scale
    return 1.0


# One, said without a number: "a single gunman", "a lone attacker", "acted alone".
_ONE = re.compile(r"(?:an? )?(?:single|lone|sole)(?: (.*))?|(?:acted |worked )?alone")


def parse_quantity(text: str, *, kind: str = "quantity") -> Interval:
    if _PLAIN.fullmatch(text):  # "2,099": most figures in bulk data, parsed without the grammar
        n = float(text.replace(",", ""))
        return Interval(n, n, type=kind)
    low = _number_forms(_clean(text).casefold())
    if kind == "quantity" and (grouped := _DOT_THOUSANDS.sub(_dots_to_commas, low)) != low:
        # "11.300 dead": thousands grouped by dots, as much of Europe writes them; a count is whole.
        # In a unit of measure or money ("1.500 km", "€1.250") the dot may be a decimal point.
        found = parse_quantity(grouped, kind=kind)
        if measure(found.unit) is None:
            return found
    low = _LEAD_NOUN.sub("", low)  # "a total of 5,300", "a crowd of 100,000": the figure
    low = _VAGUE_LEAD.sub("", low)  # "many thousands", "in the thousands": thousands
    if kind == "quantity" and (m := _ONE.fullmatch(low)):  # "a lone gunman", "acted alone"
        return Interval(1, 1, unit=_unit(m.group(1)), type=kind)

    low = re.sub(r"^(dozens|scores|hundreds|thousands|millions) (?:and|upon) \1\b", r"\1", low)  # "dozens and dozens"
    m = re.fullmatch(
        rf"(?:{_APPROX} )?({_VAGUE_RE})(?: (dozen|hundred|thousand|million|billion))?(?: of)?(?: (.*))?", low
    )
    if m:
        a, b, ai, bi = _VAGUE[m.group(1)]
        scale = NUMBER_WORDS[m.group(2)][1] if m.group(2) else 1  # "a few hundred", in hundreds
        unit = _unit(m.group(3))
        unit = CURRENCY_WORDS.get(unit, unit) if unit else None  # "billions of rupees": in rupees
        return Interval(a * scale, b * scale, ai, bi, False, unit, kind)
    # "half a million", "a quarter of a million people"
    if m := _FRACTION_OF_SCALE.fullmatch(low):
        n = _FRACTION_OF[m.group(1)] * NUMBER_WORDS[m.group(2)][1]
        return Interval(n, n, True, True, False, _unit(m.group(3)), kind)
    low = _SPACED_THOUSANDS.sub(lambda g: g.group(0).replace(" ", ""), low)  # "10 000": ten thousand
    if m := _ODD.fullmatch(low):  # "1,500-odd": about 1,500
        low = f"about {m.group(1)}{m.group(2) or ''}"

    # A running count: the figure so far, and more ("84 and counting", "84 and rising").
    counting = bool(m := _COUNTING.search(low))
    if m:
        low = low[: m.start()].strip()
    # An open end after the number: "5,000 or more", "100 or fewer people", "50 or so".
    after = None
    if (m := _OPEN_AFTER.search(low)) and _ends_number(low[: m.start()], m.end() == len(low)):
        after, low = _OPEN_AFTER_KIND[m.group(1)], f"{low[: m.start()]}{low[m.end() :]}".strip()
    low = _SO_FAR.sub("", low).strip()  # "at least 84 so far": the bound is the value
    if m := _PLUS.fullmatch(low):  # "130-plus", "130+": that many and more
        low, counting = m.group(1), True
    if kind == "quantity" and (part := _of_total(low)) is not None:
        low = part[0]  # "143 of the 250 seats": 143 seats
    m = re.match(rf"({_QUAL_RE}) (?=\S)", low)
    qualifier = _PARSING[m.group(1)] if m else None
    body = low[m.end() :] if m else low
    if counting and qualifier is None:
        qualifier = "from"
    if after is not None and qualifier is None:
        qualifier = after

    try:  # one number first: "twenty-one", "one hundred thirty-five" are not ranges
        amount = read_amount(body)
    except ValueError_ as exc:
        amount, error = None, exc
    if amount is not None and not (amount.unit and _has_number(amount.unit)):
        return _bounded(qualifier, amount.value, amount.unit, kind)
    rng = _range(body, kind) if qualifier in (None, "about") else None
    if rng is not None:
        return rng if qualifier is None else Interval(rng.low, rng.high, True, True, True, rng.unit, kind)
    if amount is None and "is not a number:" in str(error):  # a grammar reason, worth saying
        raise ValueError_(str(error).replace("is not a number", "is not a quantity")) from None
    raise ValueError_(f"{text!r} is not a quantity (try '37', '4,000-6,000', 'more than 1,400', '$2.5bn')")


_FRACTION_OF = {"half": 0.5, "a half": 0.5, "a quarter": 0.25, "a third": 1 / 3, "three quarters": 0.75}
_FRACTION_OF_SCALE = re.compile(
    r"(half|a half|a quarter|a third|three quarters) (?:of )?an? (dozen|hundred|thousand|million|billion)(?: (.*))?"
)
# Thousands grouped by dots ("11.300", "1.250.000"), read only where a whole count is meant: not
# before a scale word ("1.500 million" is 1.5 million) nor after a currency sign.
# One group is read so only when it ends in two zeros ("5.300"): "54.086" stays a decimal.
_DOT_THOUSANDS = re.compile(
    r"(?<![\d.,$€£¥₹])(\d{1,3}(?:\.\d{3}){2,}|\d{1,3}\.\d00)"
    r"(?![\d.,]|\s?(?:%|per ?cent|percent|pc\b|pct\b|k\b|m\b|mn\b|bn\b|thousand|lakh|million|crore|billion|trillion))"
)


def _dots_to_commas(m: re.Match) -> str:
    return m.group(1).replace(".", ",")


# A decimal comma: a comma with one or two digits after it cannot group thousands ("51,20%",
# "1,5 million"). With only zeros after it ("100,00") it is more likely a thousands figure that
# lost a digit than a decimal that adds nothing, and is refused.
_DECIMAL_COMMA = re.compile(r"(?<![\d.,])(\d+),(\d{1,2})(?![\d,.])")
# Lakh and crore grouping, as South Asian outlets write: "1,00,000", "2,50,00,000".
_INDIAN = re.compile(r"(?<![\d.,])\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])")
# Fractions of one after a whole number: "51½%", "7 1/2 hours".
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_MIXED = re.compile(r"(?<![\d.,/])(\d+)(?: ?([½¼¾⅓⅔])| ([1-9])/([1-9]))(?![\d/])")


def _number_forms(low: str) -> str:
    """Number forms written otherwise than the grammar reads them, rewritten: a decimal comma
    ("51,2%" is 51.2%), a whole number with a fraction ("51½", "7 1/2")."""

    def comma(m: re.Match) -> str:
        if set(m.group(2)) == {"0"}:
            raise ValueError_(
                f"{m.group(0)!r} is not a number: a decimal comma with only zeros after it; "
                f"write {m.group(1)} or the whole figure ({m.group(1)},000?)"
            )
        return f"{m.group(1)}.{m.group(2)}"

    def mixed(m: re.Match) -> str:
        part = _VULGAR[m.group(2)] if m.group(2) else int(m.group(3)) / int(m.group(4))
        if part >= 1:
            return m.group(0)
        return f"{int(m.group(1)) + part:g}"

    low = _INDIAN.sub(lambda m: m.group(0).replace(",", ""), low)  # "1,00,000": one lakh
    return _MIXED.sub(mixed, _DECIMAL_COMMA.sub(comma, low))


# Words naming the figure before it: "a total of 5,300", "the death toll of 154", "a crowd of 100,000".
_LEAD_NOUN = re.compile(
    r"^(?:(?:an?|the|its|their) )?(?:(?:official|final|overall|new|revised|updated|death|casualty|grand) )?"
    r"(?:total|toll|tally|count|figure|crowd|turnout|estimate) of (?=\S)"
)
# "many thousands", "in the thousands", "numbering in the hundreds": the vague amount itself.
_VAGUE_LEAD = re.compile(
    r"^(?:many|numbering in the|numbering in|in the|into the|in their|by the) "
    r"(?=(?:tens of |hundreds of )?(?:dozens|scores|hundreds|thousands|millions|billions)\b)"
)
# An open end written after the number, and what it makes of it.
_OPEN_AFTER_KIND = {
    **dict.fromkeys(("or more", "and more", "or above", "and above", "or higher", "or over", "and over"), "from"),
    **dict.fromkeys(("or less", "or fewer", "or under", "and under", "or below", "and below"), "to"),
    "or so": "about",
}
_OPEN_AFTER = re.compile(
    r"(?<=[\da-z%]),? (" + "|".join(sorted(map(re.escape, _OPEN_AFTER_KIND), key=len, reverse=True)) + r")\b"
)


def _ends_number(before: str, at_end: bool) -> bool:
    """Whether an open end follows a number ("5,000 or more", "a hundred or so"), or closes a
    figure with its unit ("100 people or more"); not "more or less 50"."""
    last = before.split()[-1] if before.split() else ""
    return bool(re.search(r"[\d%]$", last)) or _is_number_token(last) or (at_end and bool(re.search(r"\d", before)))


# Thousands set apart by spaces, as much of the world writes them: "10 000", "1 250 000".
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,]|\s\d)")
_ODD = re.compile(r"(\d[\d,.]*)(?:-| )odd\b(.*)")
_COUNTING = re.compile(r",? and (?:counting|rising|climbing|growing)$")
_SO_FAR = re.compile(r",? (?:so far|to date|thus far|as of now|until now)$")
_PLUS = re.compile(r"(.+?\d|.+?[a-z]) ?(?:-plus|\+| plus)")
_OF_TOTAL = re.compile(r"(.+?) (?:out of|of) (?:the |a total of |all |some )?(.+)")


def _of_total(text: str, ratio: bool = False) -> tuple[str, str] | None:
    """'143 of the 250 seats' -> ('143 seats', '250 seats'); as a ratio also 'one in five'."""
    m = _OF_TOTAL.fullmatch(text) or (re.fullmatch(r"(.+?) in (.+)", text) if ratio else None)
    if not m:
        return None
    try:
        part, whole = read_amount(m.group(1)), read_amount(m.group(2))
    except ValueError_:
        return None
    if part.unit or (whole.unit and _has_number(whole.unit)) or not 0 <= part.value <= whole.value or not whole.value:
        return None
    unit = f" {whole.unit}" if whole.unit else ""
    return f"{m.group(1)}{unit}", f"{m.group(2)}"


# Units of measure, by dimension, with their size in the dimension's base unit: figures in
# "96 hours" and "four days" are one length of time. Other units ("people", "gunmen") name what
# is counted, and figures compare without them.
_MEASURES: dict[str, dict[tuple[str, ...], float]] = {
    "time": {
        ("second", "seconds", "sec", "secs", "s"): 1,
        ("minute", "minutes", "min", "mins"): 60,
        ("hour", "hours", "hr", "hrs", "h"): 3600,
        ("day", "days"): 86_400,
        ("week", "weeks"): 604_800,
        ("month", "months"): 2_629_800,
        ("year", "years", "yr", "yrs"): 31_557_600,
    },
    "length": {
        ("m", "metre", "metres", "meter", "meters"): 1,
        ("km", "kilometre", "kilometres", "kilometer", "kilometers"): 1000,
        ("mile", "miles", "mi"): 1609.344,
        ("ft", "foot", "feet"): 0.3048,
        ("cm", "centimetre", "centimetres", "centimeter", "centimeters"): 0.01,
        ("mm", "millimetre", "millimetres", "millimeter", "millimeters"): 0.001,
    },
    "mass": {
        ("kg", "kilogram", "kilograms", "kilo", "kilos"): 1,
        ("g", "gram", "grams"): 0.001,
        ("tonne", "tonnes", "t", "metric tons"): 1000,
    },
}
_MEASURE = {word: (dim, size) for dim, units in _MEASURES.items() for words, size in units.items() for word in words}
_CODES = frozenset(CURRENCY_SIGNS.values()) | frozenset(CURRENCY_WORDS.values())


def measure(unit: str | None) -> tuple[str, float] | None:
    """(dimension, size in its base unit) of a unit of measure or a currency ("USD", 1); None for
    a unit that names what is counted."""
    if not unit:
        return None
    if unit in _CODES:
        return unit, 1.0
    words = unit.casefold().split()
    if len(words) >= 2 and " ".join(words[:2]) in _MEASURE:
        return _MEASURE[" ".join(words[:2])]
    return _MEASURE.get(words[0])


def in_base_unit(v: Interval) -> tuple[Interval, str | None]:
    """The interval in its dimension's base unit, and that dimension (None: no unit of measure)."""
    found = measure(v.unit)
    if found is None:
        return v, None
    dim, size = found
    if size == 1:
        return v, dim
    scale = lambda x: None if x is None else x * size  # noqa: E731
    return dataclasses.replace(v, low=scale(v.low), high=scale(v.high)), dim


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


_FRACTIONS = ("half", "a third", "one third", "two thirds", "a quarter", "one quarter", "three quarters", "a fifth")


def parse_share(text: str) -> Interval:
    low = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", _clean(text).casefold())  # "two-thirds"
    low = _LEAD_NOUN.sub("", _number_forms(low))  # "51,2%"; "turnout of 59%"
    m = re.fullmatch(
        rf"(?:({_LOWER_OPEN}|{_LOWER_CLOSED}|{_UPPER_OPEN}|{_UPPER_CLOSED}|{_APPROX}) )?"
        rf"({_SHARE_RE})(?: (?:of )?(.*))?",
        low,
    )
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
    # "143 of the 250 seats", "one in five", "three out of four": a part of a stated whole.
    approx = re.match(rf"{_APPROX} ", low)
    if (part := _of_total(low[approx.end() :] if approx else low, ratio=True)) is not None:
        n, whole = read_amount(part[0]).value, read_amount(part[1]).value
        return Interval(n / whole, n / whole, True, True, bool(approx), None, "share")
    # Percentages: every quantity form, with "%" or "per cent" after each number.
    pct = re.sub(r"\s*(?:%|per ?cent\b|percent\b|(?<=\d)\s?(?:pc|pct)\b)", "", low)
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
    "early": (1, 4),
    "mid": (5, 8),
    "late": (9, 12),
    "the end of": (10, 12),
    "the beginning of": (1, 3),
    "the start of": (1, 3),
    "the summer of": (6, 8),
    "summer": (6, 8),
    "spring": (3, 5),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (1, 2),
    "first half of": (1, 6),
    "second half of": (7, 12),
    "the first half of": (1, 6),
    "the second half of": (7, 12),
}
_PARTS_RE = "|".join(sorted((re.escape(k) for k in _PARTS), key=len, reverse=True))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = rf"(?:{'|'.join(_WEEKDAYS)})"
_ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[t ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(z|[+-]\d{2}:?\d{2})?")
_MONTH_PARTS = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, 31),
    "the end of": (21, 31),
    "end of": (21, 31),
    "the beginning of": (1, 10),
    "the start of": (1, 10),
    "beginning of": (1, 10),
    "start of": (1, 10),
}


_CLOCK = re.compile(
    r",?\s*(?:at\s+)?(?:\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
    r"(?:\s*(?:gmt|utc|local time|[+-]\d{2}:?\d{2}|[a-z]{1,3}t))?$"
)
# Abbreviated weekdays, as datelines and feeds write them ("Sat, 24 Aug 2024").
_WEEKDAY_ABBR = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?"
# Days named from the report's own date.
_RELATIVE_DAYS = {
    **dict.fromkeys(("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today"), 0),
    **dict.fromkeys(("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening"), 1),
}
# A part of a day before the day it belongs to: "the night of September 10".
_DAY_PART_OF = re.compile(r"^(?:the )?(?:night|morning|evening|afternoon|early hours|small hours) of ")
_ORDINAL = r"(?:st|nd|rd|th)?"


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
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def parse_date(text: str, reference: dt.date | None = None) -> Period:
    """A date or period. `reference` (the source's date) gives the year of "March 15" or
    "Wednesday, January 3": the latest such day not long after the reference."""
    low = _clean(text).casefold().removeprefix("in ").removeprefix("on ").strip(" ,.")
    if m := _ISO_TIME.fullmatch(low):
        parse_moment(low)  # a time that does not exist is an error, not ignored
        low = m.group(1)
    low = _CLOCK.sub("", low)  # "3 January 2024, 14:30 GMT": the day is what a date compares
    if m := re.fullmatch(r"(?:between|from) (.+?) (?:and|to|until) (.+)", low):
        a, b = parse_date(m.group(1), reference), parse_date(m.group(2), reference)
        if b.end < a.start:
            raise ValueError_(f"{text!r}: the period runs backwards")
        return Period(a.start, b.end)
    low = _DAY_PART_OF.sub("", low)
    low = re.sub(rf"^({_WEEKDAY})['’]s? [a-z]+$", r"\1", low)  # "Sunday's election": that Sunday
    if (found := _numeric_date(low, text)) is not None or (found := _day_range(low, reference)) is not None:
        return found
    if reference is not None and (found := _relative(low, reference)) is not None:
        return found
    low = re.sub(rf"(\d{{1,2}}){_ORDINAL} of (?=(?:{_MONTH_RE})\b)", r"\1 ", low)  # "the 28th of July"
    low = re.sub(r"^the (?=\d{1,2}" + _ORDINAL + r" )", "", low)
    day_part = r"(?: (?:morning|afternoon|evening|night))?"
    if reference is not None and (
        m := re.fullmatch(rf"(?:(?:last|this|on|by|early|late) )*({_WEEKDAY}){day_part}", low)
    ):
        # "Saturday night" in a report: the latest such day on or before the source's date.
        back = (reference.weekday() - _WEEKDAYS.index(m.group(1))) % 7
        day = reference - dt.timedelta(days=back)
        return Period(day, day)
    low = re.sub(rf"^(?:{_WEEKDAY}|{_WEEKDAY_ABBR}),? (?=\d|(?:{_MONTH_RE})\b)", "", low)
    if reference is not None and (m := re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th)", low)):
        # "on the 29th": that day of the source's month, or of the month before when it is later.
        month = reference.replace(day=1)
        if int(m.group(1)) > reference.day:
            month = (month - dt.timedelta(days=1)).replace(day=1)
        return parse_date(f"{m.group(1)} {calendar.month_name[month.month]} {month.year}")
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
            first, final = _PARTS[m.group(1)]
            y = int(m.group(2))
            return Period(dt.date(y, first, 1), _month_end(y, final))
        parts = "|".join(sorted(_MONTH_PARTS, key=len, reverse=True))
        if m := re.fullmatch(rf"(?:({parts})[ -]?)?({_MONTH_RE})\.?,? (\d{{4}})", low):
            mo, y = _MONTHS[m.group(2)], int(m.group(3))
            start, end = dt.date(y, mo, 1), _month_end(y, mo)
            part = _MONTH_PARTS.get(m.group(1) or "")
            if part:
                start, end = start.replace(day=part[0]), end.replace(day=min(part[1], end.day))
            return Period(start, end)
        if m := re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?[ -]({_MONTH_RE})\.?(?:,? |-)(\d{{4}})", low):
            d = dt.date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
            return Period(d, d)
        if m := re.fullmatch(rf"({_MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})", low):
            d = dt.date(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))
            return Period(d, d)
    except ValueError as exc:  # a day that does not exist, such as 31 February
        if isinstance(exc, InputError):
            raise
        raise ValueError_(f"{text!r} is not a real date ({exc})") from None
    raise ValueError_(f"{text!r} is not a date (try '2024-03-26', 'January 2015', '2015', 'late 2019')")


def _numeric_date(low: str, text: str) -> Period | None:
    """'24/08/2024', '24.08.2024', '2024/08/24'. With slashes the order of day and month is read
    from a part over 12; when both could be the month the date is refused as ambiguous."""
    if m := re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", low):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := re.fullmatch(r"(\d{1,2})([./])(\d{1,2})\2(\d{4})", low):
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if m.group(2) == "." or a > 12:
            d, mo = a, b
        elif b > 12 or a == b:
            d, mo = b, a
        else:
            raise ValueError_(f"{text!r} is ambiguous: day/month or month/day? (write it as 2024-08-05)")
    else:
        return None
    try:
        day = dt.date(y, mo, d)
    except ValueError as exc:
        raise ValueError_(f"{text!r} is not a real date ({exc})") from None
    return Period(day, day)


def _day_range(low: str, reference: dt.date | None) -> Period | None:
    """'September 10-11', '10 and 11 September 2023': the days of one month, first to last."""
    sep = rf"{_ORDINAL}\s?(?:-|to|and|&)\s?"
    year = r"(?:,? (\d{4}))?"
    if m := re.fullmatch(rf"({_MONTH_RE})\.? (\d{{1,2}}){sep}(\d{{1,2}}){_ORDINAL}{year}", low):
        month, first, last, y = m.group(1), m.group(2), m.group(3), m.group(4)
    elif m := re.fullmatch(rf"(\d{{1,2}}){sep}(\d{{1,2}}){_ORDINAL} ({_MONTH_RE})\.?{year}", low):
        first, last, month, y = m.group(1), m.group(2), m.group(3), m.group(4)
    else:
        return None
    when = f" {y}" if y else ""
    return parse_date(f"from {first} {month}{when} to {last} {month}{when}", reference)


def _relative(low: str, reference: dt.date) -> Period | None:
    """'yesterday', 'last night', 'last week', 'this month': from the report's own date."""
    if low in _RELATIVE_DAYS:
        day = reference - dt.timedelta(days=_RELATIVE_DAYS[low])
        return Period(day, day)
    if low in ("last week", "this week"):
        monday = reference - dt.timedelta(days=reference.weekday())
        if low == "this week":
            return Period(monday, reference)
        return Period(monday - dt.timedelta(days=7), monday - dt.timedelta(days=1))
    if low in ("last month", "this month"):
        first = reference.replace(day=1)
        if low == "this month":
            return Period(first, reference)
        before = first - dt.timedelta(days=1)
        return Period(before.replace(day=1), before)
    return None


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


def _guess_boolean(text: str) -> Value:
    return parse_value(text, "boolean")


def _guess_date(text: str) -> Period:
    # A bare number is a quantity unless the property says otherwise; only unmistakable dates here.
    if re.fullmatch(r"\d+(?:\.\d+)?", text.strip()):
        raise ValueError_("a bare number")
    return parse_date(text)
