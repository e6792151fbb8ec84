"""Figures and dates as they are written in running text.

A figure is a number with what it counts or measures: "$800 million" (USD), "256GB", "1-2C",
"from 4.8 to 4.7 percent", "eight or nine", "two-thirds", "sixfold", "-1.3%". The scanner here
finds where a figure is and which words around it are its qualifier and its unit; what the number
means is values.read_amount's job (the number grammar), so a figure is kept only when that parse
succeeds. Clock times, dates, years, ordinals, scores ("38-31") and names with digits ("iPhone
11", "Big 12", "S&P 500", "COVID-19") are not figures.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from ..values import (
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    NUMBER_WORDS,
    QUALIFIERS,
    SCALE_LETTERS,
    Interval,
    ValueError_,
    parse_value,
    read_amount,
)
from .lexicon import lexicon

# -- the pieces of a figure ---------------------------------------------------------------------

_NUMWORD = "|".join(
    sorted((w for w, (r, _) in NUMBER_WORDS.items() if r not in ("a", "and", "point")), key=len, reverse=True)
)
# "and" and a comma join number words only after a scale word: "one hundred and five", "one
# million, two hundred" (but "between four and six", "one, two").
_AFTER_SCALE = (
    "(?:"
    + "|".join(f"(?<={w})" for w in ("hundred", "thousand", "million", "billion", "trillion", "lakh", "crore"))
    + ")"
)
_WORDS = (
    rf"(?:(?:an?\s+)(?=(?:hundred|thousand|million|billion|dozen)\b)|\b)(?:{_NUMWORD})\b"
    rf"(?:(?:{_AFTER_SCALE}(?:\s+and\s+|,\s+)|\s+point\s+|\s+|-)(?:(?:{_NUMWORD})s?)\b)*"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u202f\u00a0]\d{3})+(?![\d,.])|\d+(?:\.\d+)?|\.\d+)"
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion|lakh|crore)s?"
_GLUED_SCALE = rf"(?:{'|'.join(sorted(SCALE_LETTERS, key=len, reverse=True))})(?![a-z])"
_SIGNS = "|".join(
    sorted((re.escape(k) for k in CURRENCY_SIGNS if not k.isalpha() or len(k) == 3), key=len, reverse=True)
)
# A sign never starts inside a word: "makes 275" holds no "KES 275".
_CURRENCY = rf"(?P<cur>(?<![A-Za-z])(?:{_SIGNS})(?=\s?[\d.])|\brs\.?\s?(?=\d))\s?"
_AMOUNT = re.compile(
    rf"(?:{_CURRENCY})?(?P<sign>(?<![\w.])[-\u2212+](?=[\d$£€])|\b(?:minus|negative)\s+)?(?:{_CURRENCY.replace('cur', 'cur2')})?"
    rf"(?P<num>(?<![\w.,/:]){_DIGITS}(?:{_GLUED_SCALE})?(?:[\s-]*{_SCALE_WORD}\b)*"
    rf"|(?<![\w-])(?:{_NUMWORD})(?=-?fold\b)|(?<![\w-]){_WORDS})"
    rf"(?P<fold>-?fold\b)?",
    re.I,
)
_PCT = re.compile(r"\s*(?:%|-?per\s?cent\b|-?percent\b|pc\b|percentage points?\b)", re.I)
_GLUED_UNIT = re.compile(r"(?:°\s?[CF]\b|[A-Za-zµ]{1,4}(?:/[A-Za-z]{1,2})?\b)(?!['’-]\w)")
_DEGREES = re.compile(r"\s?°\s?([CF])\b|\s(?:degrees?\s+)?(celsius|fahrenheit)\b", re.I)
# Words that end the search for what a figure counts (function words, common verbs after numbers).
_STOP = set(
    """
a an the of in on at to for from by with and or but nor as than then per each every into onto over
under up down after before since until while when where that which who whom whose it its their his
her our your this these those is are was were be been being has have had will would could should can
may might must do does did said says say ago more less most least few also only just about around
some all both either neither not no yes so such very too out off last next first second third
almost nearly inside outside within without between among against through across behind beyond
during toward towards upon via plus minus like unlike if else because although though whether
straight respectively alone apiece overall total left remaining later earlier away
north south east west northeast northwest southeast southwest
""".split()
)
_WEEKDAYS_MONTHS = {m.lower() for m in list(calendar.month_name[1:]) + list(calendar.day_name)}
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b", re.I)
# Fractions in words: the share of something ("half of", "a third", "two-thirds").
_FRACTION = re.compile(
    r"(?<![\w-])(?P<n>(?:a|one|two|three|four)[\s-]+)?(?P<f>halves|half|thirds?|quarters?|fifths?|tenths?)\b", re.I
)
_FRACTION_VALUE = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_CAPITALISED_NAME = re.compile(r"(?:^|\s)([A-Za-z&.]*[A-Z][\w&.]*)\s+$")
_NAME_OK = {w.title() for w in _STOP} | {
    "About",
    "Some",
    "Nearly",
    "Over",
    "Only",
    "Just",
    "Around",
    "Another",
    "Roughly",
    "Approximately",
    "Almost",
    "Up",
    "Down",
}


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str  # as values.parse_value reads it: "more than 1.5 billion", "4.8 to 4.7 percent"
    share: bool  # a percentage
    low: float | None = None  # the numbers as written (51 for "51 per cent"); None: unbounded
    high: float | None = None
    unit: str | None = None  # "%", a currency code, a unit of measure or the noun counted
    money: str | None = None  # the currency, when the figure is money
    vague: bool = False  # "dozens of", "several hundred": an interval by convention (values._VAGUE)


@dataclass
class _Amount:
    start: int  # where the number (or its currency sign) starts
    num_start: int  # where the number (with its minus sign, after any currency sign) starts
    end: int  # end of the number and its scale words
    value: float
    unit: str | None
    unit_end: int  # end of the unit (== end when there is none)
    pct: bool
    money: str | None
    text: str  # the number as values reads it, currency included


# A title-case headline's verb before its figure ("Earthquake Kills 77", "Toll Nears 500"): not a
# name with a number ("Section 427").
_HEADLINE_VERBS = {
    "kills",
    "kill",
    "killed",
    "leaves",
    "left",
    "injures",
    "injured",
    "hits",
    "hit",
    "tops",
    "nears",
    "reaches",
    "rises",
    "climbs",
    "passes",
    "exceeds",
    "surpasses",
    "claims",
    "jumps",
    "soars",
    "now",
    "at",
    "to",
    "over",
}


def _skip(sentence: str, m: re.Match) -> bool:
    """Numbers that are not figures: times, dates, years, ordinals, names and model numbers."""
    s, e = m.start("num"), m.end("num")
    before, after = sentence[:s], sentence[e:]
    raw = m.group("num")
    if re.search(r"\d:$", before) or re.match(r":\d", after) or re.match(r"\s?[ap]\.?m\.?\b", after, re.I):
        return True  # 11:30, 5:55 AM, 4:30 p.m.
    if _ORDINAL.match(after) and raw[-1].isdigit():
        return True  # 1st, 22nd
    if re.search(rf"\b(?:{_MONTHS_RE})\.?\s*$", before, re.I) or re.match(rf",?\s+(?:{_MONTHS_RE})\b", after, re.I):
        return True  # Sept. 24, 22 February, March 2011
    cur = m.group("cur") or m.group("cur2")
    if (
        raw[0].isdigit()
        and re.fullmatch(r"(?:1[89]|20)\d\d", raw)
        and not cur
        and not (_PCT.match(after) or re.match(r"\s*(?:people|persons|troops|units|homes|residents)\b", after))
    ):
        return True  # a year
    if (
        raw[0].isdigit()
        and not cur
        and re.search(r"[A-Za-z]-$", before)
        and not re.search(r"magnitude-$", before, re.I)
    ):
        return True  # COVID-19, F-16 (but "a magnitude-7.8 quake")
    if re.search(r"\b\d{4}-$|\b\d{4}-\d{1,2}-$", before) or re.match(r"-\d{1,2}-\d{1,2}\b", after):
        return True  # an ISO date, 2023-06-03
    if re.match(r"[\s-](?:halves|thirds?|quarters|fifths?|tenths?)\b", after, re.I):
        return True  # "two-thirds": a fraction, read by _fractions
    if re.search(r"(?:1[89]|20)\d\d[-–/]$", before):
        return True  # the 2022-23 season
    name = _CAPITALISED_NAME.search(before)
    if re.match(r"-[a-z]", after):
        name = None  # "the Chargers 49-yard line": a measure after a name
    if (
        raw[0].isdigit()
        and not cur
        and name
        and name.group(1) not in _NAME_OK
        and name.group(1).lower() not in _WEEKDAYS_MONTHS
        and not (name.group(1).lower() in _HEADLINE_VERBS and _headline(sentence))
        and not _count_verb(name.group(1))
        and not _PCT.match(after)
        and not re.match(r"\s*(?:\(|,\s*\d)", before[-2:])
    ):
        return True  # iPhone 11, Big 12, S&P 500, Section 427, Week 4
    return False


def _count_verb(word: str) -> bool:
    """A headline's capitalised verb before a figure ("Quake Kills 77", "Police Detain 4")."""
    return any(c.cues and c.cues.fullmatch(word) for c in lexicon().counts)


_MONTHS_RE = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)


def _unit_after(sentence: str, pos: int, glued_ok: bool) -> tuple[str | None, int, bool]:
    """The unit written after a number ending at `pos`: (unit, end, is_percent)."""
    after = sentence[pos:]
    m = _PCT.match(after)
    if m:
        return "%", pos + m.end(), True
    m = _DEGREES.match(after)
    if m:
        letter = (m.group(1) or m.group(2))[0].upper()
        return f"°{letter}", pos + m.end(), False
    if glued_ok and (m := _GLUED_UNIT.match(after)) and not _ORDINAL.fullmatch(m.group()):
        unit = m.group().replace(" ", "")
        if unit in ("C", "F"):
            unit = "°" + unit
        elif unit.lower() == "x":
            unit = "times"
        return unit, pos + m.end(), False
    m = re.match(r"-(year-old|[a-z]+(?:-[a-z]+)?)\b", after, re.I)  # "28-yard", "22-year-old"
    if m:
        word = m.group(1).lower()
        return ("years" if word == "year-old" else word), pos + m.end(), False
    m = re.match(rf"\s+({_CURRENCY_WORDS})(?![\w-])", after, re.I)
    if m:
        return None, pos, False  # read with the number (values turns it into a currency)
    kept: list[str] = []
    end, rest = pos, after
    while len(kept) < 5 and (w := re.match(r"\s+([A-Za-z][\w/-]*)", rest)):
        word, low = w.group(1), w.group(1).lower()
        if (
            low in _STOP
            or low in _WEEKDAYS_MONTHS
            or low in NUMBER_WORDS
            or re.match(r"['’]s\b", rest[w.end() :])
            or kept
            and re.search(r"..ed$", low)
        ):
            break  # a function word, a name's possessive, a verb after the noun ("giants reported")
        kept.append(word)
        rest = rest[w.end() :]
        end = len(sentence) - len(rest)
        if _abbreviation(word):  # "4,500 mAh battery": the unit is the abbreviation
            break
    if re.match(r"\s+than\b", rest) and len(kept) > 1:  # "10 times stronger than"
        kept.pop()
    while kept and re.search(r"..ing$", kept[-1]):  # "people fleeing"
        kept.pop()
    if kept and re.search(r"..ed$", kept[0]):  # "24 injured"
        kept = []
    if not kept:
        return None, pos, False
    if kept[-1][0].isupper() and not _abbreviation(kept[-1]) and not _headline(sentence):
        return None, pos, False  # "3 million Friday", "23-20 Texans": a name, not a unit
    return " ".join(kept), end, False


def _abbreviation(word: str) -> bool:
    """A unit symbol rather than a word: 'mAh', 'GB', 'kHz', 'mph', 'km'."""
    return (
        len(word) <= 4
        and word.isalpha()
        and (not word.istitle() or len(word) == 1)
        and (
            word.lower() in ("mph", "rpm", "km", "mm", "cm", "kg", "mg", "ml", "kwh", "mw", "gw", "mah")
            or any(c.isupper() for c in word[1:])
            or word.isupper()
        )
    )


def _headline(sentence: str) -> bool:
    words = re.findall(r"[A-Za-z]{4,}", sentence)
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > 0.6


_CURRENCY_WORDS = "|".join(sorted((re.escape(k) for k in CURRENCY_WORDS if len(k) > 1), key=len, reverse=True))


def _amounts(sentence: str) -> list[_Amount]:
    out = []
    for m in _AMOUNT.finditer(sentence):
        if _skip(sentence, m):
            continue
        num = m.group("num")
        if re.fullmatch(r"one", num, re.I) and (
            re.match(r"\s+of\b", sentence[m.end() :]) or re.search(r"\bthe\s+$", sentence[: m.start()], re.I)
        ):
            continue  # "one of the best", "the one play"
        cur = m.group("cur") or m.group("cur2")
        if m.group("fold"):
            try:
                value = read_amount(num).value
            except ValueError_:
                continue
            out.append(
                _Amount(m.start(), m.start("num"), m.end(), value, "times", m.end(), False, None, num + m.group("fold"))
            )
            continue
        glued = num[-1].isdigit()
        unit, unit_end, pct = _unit_after(sentence, m.end("num"), glued)
        if re.search(r"\bmagnitude\s+$", sentence[: m.start()], re.I):
            unit = "magnitude"  # "magnitude 7.8"
        cur_word = re.match(
            rf"\s+((?:australian|canadian|u\.?s\.?|new zealand|hong kong|singapore|swiss)\s+)?"
            rf"({_CURRENCY_WORDS})(?![\w-])",
            sentence[m.end("num") :],
            re.I,
        )
        text = re.sub(r"\s+", " ", num)
        text = re.sub(r"(?<=\d) (?=\d{3}\b)", ",", text)  # "191 369"
        parse = (cur or "") + text
        if cur_word and not cur and not unit:
            parse += " " + cur_word.group(0).strip()
            unit_end = m.end("num") + cur_word.end()
        sign = (
            -1.0 if m.group("sign") and m.group("sign").strip().lower() in ("-", "\u2212", "minus", "negative") else 1.0
        )
        try:
            amount = read_amount(parse)
        except ValueError_:
            continue
        money = amount.unit if amount.unit in _CODES else None
        num_start = m.start("sign") if m.group("sign") and not m.group("cur2") else m.start("num")
        out.append(
            _Amount(m.start(), num_start, m.end("num"), sign * amount.value, money or unit, unit_end, pct, money, parse)
        )
    return out


_CODES = set(CURRENCY_SIGNS.values()) | set(CURRENCY_WORDS.values())
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|or|and)\s*", re.I)


def _merge_ranges(sentence: str, amounts: list[_Amount]) -> list[tuple[_Amount, _Amount | None, str | None]]:
    """Pairs of amounts that are one range: 'from 4.8 to 4.7 percent', '252 miles to 287 miles',
    '$5-10 million', 'eight or nine', 'between 380 and 2,000 people'."""
    out: list[tuple[_Amount, _Amount | None, str | None]] = []
    i = 0
    while i < len(amounts):
        a = amounts[i]
        b = amounts[i + 1] if i + 1 < len(amounts) else None
        if b is not None:
            a_written = a.unit_end > a.end  # a unit written after the first end: "252 miles to", "5% to"
            sep = _RANGE_SEP.fullmatch(sentence[a.unit_end if a_written else a.end : b.start])
            word = sep.group().strip().lower() if sep else None
            opener = re.search(r"\b(between|from)\s+(?:[^\s]+\s+){0,2}$", sentence[: a.start], re.I)
            a_unit = a.unit if a_written or a.money else None
            units_fit = (
                a_unit is None
                or (a.pct and b.pct)
                or b.unit is not None
                and (b.unit.lower().split()[0] == a_unit.lower().split()[0])
            )  # "252 miles to 287 miles away"
            ok = (
                sep is not None
                and units_fit
                and (
                    word in ("-", "–", "—", "to", "or")
                    and not (opener and opener.group(1).lower() == "between")
                    or word == "and"
                    and opener is not None
                    and opener.group(1).lower() == "between"
                )
            )
            if sep is not None and word == "-" and _score(sentence, a, b):
                i += 2  # "38-31": a score, neither number a figure
                continue
            if ok and word in ("to", "or") and not _comparable(a, b):
                ok = False
            if ok:
                out.append((a, b, word))
                i += 2
                continue
        out.append((a, None, None))
        i += 1
    return out


def _comparable(a: _Amount, b: _Amount) -> bool:
    lo, hi = sorted((abs(a.value), abs(b.value)))
    return lo == 0 or hi / lo <= 1000 or (a.unit is None and a.text.replace(",", "").isdigit())


def _hyphen_unit(sentence: str, b: _Amount) -> bool:
    return bool(re.match(r"(?:[A-Za-z°%]|\s?°|-[a-z])", sentence[b.end :]))


def _score(sentence: str, a: _Amount, b: _Amount) -> bool:
    """'38-31', '(8-3)', 'a 20-3 deficit': two integers joined by a hyphen are a score or a
    record, not a range, when they fall or tie, or when a game word follows."""
    if (
        a.unit_end > a.end
        or a.pct
        or b.pct
        or a.money
        or b.money
        or b.unit_end > b.end
        and not b.unit
        or not (a.value.is_integer() and b.value.is_integer())
        or _hyphen_unit(sentence, b)
    ):
        return False
    if a.end != sentence.find("-", a.end) or sentence[a.end + 1 : b.start].strip():
        return False
    after = sentence[b.end : b.end + 25].lower()
    return (
        a.value >= b.value
        or bool(re.match(r"\s*(?:\)|win|victory|lead|deficit|loss|defeat|record|all time)", after))
        or bool(re.search(r"\b(?:record of|went|going|to|improved to)\s+$", sentence[: a.start].lower()))
    )


@functools.lru_cache(maxsize=1)
def _qualifiers() -> re.Pattern:
    """Qualifiers just before a figure: the lexicon's words and values.QUALIFIERS."""
    ours = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
    return re.compile(rf"(?:\b(?:{lexicon().qualifiers})|{ours})\s+$", re.I)


def figures(sentence: str) -> list[Figure]:
    quals = _qualifiers()
    out = []
    for a, b, _ in _merge_ranges(sentence, _amounts(sentence)):
        last = b or a
        start = a.num_start  # after a currency sign, which proposals read from the text before
        end = last.unit_end if last.pct else last.end
        opener = None
        if b is not None:
            opener = re.search(r"\b(between|from)\s+(?:[$£€]|[A-Z]{1,3}\$)?$", sentence[: a.start], re.I)
            if opener:
                start = opener.start()
        q = quals.search(sentence[:start])
        if q and b is None:
            start = q.start()
        counting = re.match(r"\s+and\s+counting\b", sentence[last.unit_end :], re.I)
        if counting and last.unit_end == end:
            end += counting.end()
        text = re.sub(r"\s+", " ", sentence[start:end])
        if b is None:
            low: float | None = a.value
            high: float | None = a.value
            qual = QUALIFIERS.get(re.sub(r"\s+", " ", q.group().strip().lower())) if q else None
            if qual in ("above", "from") or counting:
                high = None
            elif qual in ("below", "to"):
                low = None
        else:
            lo, hi = a.value, b.value
            if (
                b.text
                and re.search(rf"(?:{_SCALE_WORD}|\d{_GLUED_SCALE})$", b.text, re.I)
                and not re.search(rf"(?:{_SCALE_WORD}|\d{_GLUED_SCALE})$", a.text, re.I)
                and abs(lo) < abs(hi)
            ):
                scale = _scale_of(b.text)
                if abs(lo) * scale < abs(hi) * 10:
                    lo *= scale
            low, high = min(lo, hi), max(lo, hi)
        out.append(Figure(start, end, text, last.pct or a.pct, low, high, last.unit or a.unit, last.money or a.money))
    out.extend(_fractions(sentence, out))
    out.extend(_vague(sentence, out, quals))
    return sorted(out, key=lambda f: f.start)


def _scale_of(text: str) -> float:
    m = re.search(rf"({_SCALE_WORD}|{_GLUED_SCALE})$", text, re.I)
    word = m.group(1).lower().rstrip("s") if m else ""
    if word in SCALE_LETTERS:
        return SCALE_LETTERS[word]
    return NUMBER_WORDS.get(word, ("", 1))[1]


_VAGUE = re.compile(
    r"(?<![\w-])(?P<v>(?:tens|hundreds)\s+of\s+thousands|dozens|scores|hundreds|thousands|millions"
    r"|(?:several|a\s+few|a\s+couple\s+of)\s+(?:dozen|hundred|thousand|million))(?=\s+of\b|\s+[a-z])",
    re.I,
)


# "hundreds feared dead", "dozens were injured", "killing hundreds": a vague count of people with
# what happened to them right after or before it.
_FATES = (
    r"(?:killed|dead|died|drowned|injured|wounded|hurt|missing|arrested|detained|displaced|evacuated|"
    r"rescued|hospitali[sz]ed|feared|presumed|believed|reported|thought|confirmed)"
)
_VAGUE_FATE_AFTER = re.compile(
    rf"\s+(?:more\s+|others\s+)?(?:(?:were|are|was|have\s+been|had\s+been|have|had|remain|remained)\s+)?{_FATES}\b",
    re.I,
)
_VAGUE_FATE_BEFORE = re.compile(
    r"\b(?:killing|killed|kills|injuring|injured|wounding|wounded|leaving|left|arrested|detained|evacuated|"
    r"rescued|displaced|displacing|claimed\s+the\s+lives\s+of)\s+(?:(?:at\s+least|more\s+than|nearly|some)\s+)?$",
    re.I,
)


def _vague(sentence: str, taken: list[Figure], quals: re.Pattern) -> list[Figure]:
    """'thousands of fighters', 'dozens of attacks', 'several hundred people'."""
    out = []
    for m in _VAGUE.finditer(sentence):
        if any(f.start <= m.start() < f.end for f in taken):
            continue
        plural = m.group("v").lower().endswith("s")
        if plural and not (
            re.match(r"\s+of\b", sentence[m.end() :])
            or _VAGUE_FATE_AFTER.match(sentence[m.end() :])
            or _VAGUE_FATE_BEFORE.search(sentence[: m.start()])
        ):
            continue
        start = m.start()
        q = quals.search(sentence[:start])
        if q:
            start = q.start()
        text = re.sub(r"\s+", " ", sentence[start : m.end()])
        try:
            v = parse_value(text, "quantity")
        except ValueError_:
            continue
        assert isinstance(v, Interval)  # a quantity parses to an interval
        rest = re.sub(r"^\s+of\b", "", sentence[m.end() :])
        unit, _, _ = _unit_after(" " + rest.lstrip(), 0, False)
        out.append(Figure(start, m.end(), text, False, v.low, v.high, unit, vague=True))
    return out


def _fractions(sentence: str, taken: list[Figure]) -> list[Figure]:
    """'half of', 'nearly half the amount', 'a third', 'two-thirds', 'about a quarter below'."""
    out = []
    for m in _FRACTION.finditer(sentence):
        if any(f.start <= m.start() < f.end for f in taken):
            continue
        word = m.group("f").lower()
        before = sentence[: m.start()]
        after = sentence[m.end() :]
        n = m.group("n")
        if n is None and not (
            word.startswith("half")
            and (
                re.match(r"\s+(?:of|the|a|an|its|their)\b", after, re.I)
                and not re.search(r"\b(?:first|second|the|this|that|each)\s+$", before, re.I)
            )
        ):
            continue
        if n is not None and (
            re.search(r"\b(?:the|first|second|third|fourth|final)\s+$", before, re.I)
            or not re.match(
                r"\s+(?:of|the|a|an|below|above|less|more|fewer|lower|higher)\b"
                r"|\s*(?:[,.;:)]|$)",
                after,
                re.I,
            )
        ):
            continue  # "a third straight win", "the third quarter"
        if word.startswith("quarter") and not re.match(r"\s+(?:of|below|above|less|more)\b", after, re.I):
            continue  # "the third quarter", "a quarter" of a game
        if word.startswith("third") and n is None:
            continue
        count = 1.0
        if n:
            count = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}[n.strip(" -").lower()]
        denom = _FRACTION_VALUE[word.rstrip("s") if word != "halves" else "halves"]
        value = count / denom
        out.append(Figure(m.start(), m.end(), re.sub(r"\s+", " ", m.group()), False, value, value, None))
    return out


_MONTH = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
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
class DateMention:
    start: int
    end: int
    text: str  # as parse_date reads it: "January 2015", "2015", "2024-03-12"
    has_year: bool


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
        kind = "y" if m.lastgroup in (None, "part") else str(m.lastgroup)
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
            month_name = re.search(_MONTH, raw, re.I)
            assert month_name is not None  # a day-and-month match names its month
            month = _month(month_name.group())
            try:
                day = dt.date(today.year, month, int(nums[0]))
            except ValueError:
                continue
            if day > today:
                day = day.replace(year=today.year - 1)
            out.append(DateMention(*span, day.isoformat(), False))
    return out
