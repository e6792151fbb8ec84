"""One event, one subject: which event an article reports, its canonical name, the ledger event
it is, and the ways the article names it.

An event is read as (kind, place, facility): "twin blasts in Kerman" is (attack, Kerman, None),
"the Odisha train crash" is (crash, Odisha, train). Its canonical name is place + facility + kind
("Kerman attack"); the surface forms the article uses become aliases when a claim is accepted, so
the next article's wording finds the same entity. An event already in the ledger is the article's
event when the kinds agree and its place is the article's or is named in the article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from ..anchoring import fold_text
from . import names
from .lexicon import lexicon

# Words before an event noun that belong to its name as written ("twin blasts", "deadly quake").
_MODIFIERS = (
    r"(?:(?:twin|two|deadly|terrorist|terror|suicide|mass|massive|devastating|powerful|"
    r"strong|major|train|rail|railway|triple|mosque|bomb|gun|fatal|tragic|mystery|deadliest|"
    r"anti-[\w-]+|pro-[\w-]+|violent|nationwide|mass)\s+)*"  # "anti-government protests in X"
)
BACKGROUND = re.compile(
    # "since 2014", "the deadliest since the 1987 quake" (not "since Tuesday", "since protests erupted")
    r"\b(?:last\s+(?:week|month|year)|earlier\s+this|previous|in\s+(?:19|20)\d\d|since\s+(?:the|(?:19|20)\d\d)|"
    r"ago|another|other|similar|also\s+struck)\b",
    re.I,
)


@dataclass(frozen=True)
class EventRef:
    kind: str
    place: str | None
    facility: str | None = None
    # Every place the article names with an event of this kind ("Kerman" in an article whose
    # event is "Iran attack"): where a ledger event's place must be named to be this one.
    places: tuple[str, ...] = field(default=(), compare=False)
    # The event's own name where it has one ("Cyclone Ilsa", "2031 Freedonia presidential
    # election"): outlets name it so, whatever place they put it at.
    title: str | None = field(default=None, compare=False)

    @property
    def name(self) -> str | None:
        if self.title:
            return self.title
        if not self.place:
            return None
        # Place and kind only: whether an article adds "mosque" or "train" must not split an event.
        return f"{self.place} {self.kind}"


Days = dt.date | None | tuple[dt.date, ...]

# Reports of one event come within days of it; a same-kind, same-place event further apart is another.
SAME_DAYS = 3
OTHER_DAYS = 180


@dataclass(frozen=True)
class LedgerEvent:
    entity_id: int
    name: str
    keys: frozenset[str]  # its folded name and aliases
    dates: frozenset[dt.date] = frozenset()  # when the sources of its accepted claims were published
    sources: int = 0  # how many sources have claims about it

    def gap(self, days: Days) -> int | None:
        """Days between the article's days (its date and the dates it names) and the nearest
        report of this event (None: unknown)."""
        wanted: tuple[dt.date, ...] = (days,) if isinstance(days, dt.date) else (days or ())
        if not wanted or not self.dates:
            return None
        return min(abs((d - day).days) for d in self.dates for day in wanted)


@dataclass(frozen=True)
class Match:
    entity_id: int | None
    name: str
    why: str | None  # how an existing event was recognised


def kind_of(noun: str) -> str | None:
    return lexicon().events.get(re.sub(r"\s+", " ", noun.lower()))


def related(a: str | None, b: str | None) -> bool:
    """Whether two kinds may name one event ("floods" and "storm" at one place)."""
    lex = lexicon()
    if a is not None and b is not None and (a in lex.generic_events or b in lex.generic_events):
        return True  # "the accident" names whatever kind of event the report is of
    return a == b or (a is not None and b in lex.related_events.get(a, ()))


def _person(sentence: str, end: int) -> str | None:
    """Whom an event about a person is about: "the arrest of Telegram founder Pavel Durov" gives
    Pavel Durov (the last name of the "of" phrase, never one after a preposition of place)."""
    found = None
    for p in names.proper_names(sentence):
        if p.start < end:
            continue
        gap = sentence[end : p.start]
        if not re.fullmatch(r"\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}", gap) or re.search(
            r"\b(?:in|at|near|on|from|by|after|for|to)\s", gap[4:], re.I
        ):
            if found:
                break
            continue
        found = p.text
    return found


# A blast or attack aimed at a dam ("an alleged attack on the dam", "explosions at the X dam"):
# what the reports are about is the breach and its flood, whoever caused it.
_ON_DAM = re.compile(
    r"\s+(?:on|at|of|against)\s+(?:the\s+|a\s+)?"
    r"(?:(?!(?:near|in|by|at|on|of|to|from|below|above|behind)\b)[\w’'-]+\s+){0,3}?dams?\b",
    re.I,
)


# "the X dam attack", "a dam explosion": the same, the dam named before the event noun.
_DAM_BEFORE = re.compile(r"(?:\b[A-Z][\w’'-]*\s+){0,3}\bdams?\s+$")


def in_sentence(sentence: str) -> list[tuple[EventRef, int, int]]:
    """Every event noun in a sentence with the place and facility that go with it; an event about
    a person ("the arrest of X") is placed by that person."""
    lex = lexicon()
    out = []
    for m in lex.event_re.finditer(sentence):
        window = sentence[max(0, m.start() - 40) : m.end() + 60]
        facility = lex.facilities.search(window)
        kind = kind_of(m.group())
        assert kind is not None  # event_re matches only the lexicon's event nouns
        place = None
        if dam := (_ON_DAM.match(sentence, m.end()) or _DAM_BEFORE.search(sentence, 0, m.start())):
            kind = "floods"  # "an attack on the dam": the event is the breach, whoever is blamed
            # "the attack on the X dam": the dam's name places its breach better than any country.
            named = [p.text for p in names.proper_names(dam.group()) if plausible_place(p.text)]
            place = named[-1] if named else None
        place = _person(sentence, m.end()) if kind in lex.person_events else place
        where = names._place(sentence, m.start(), m.end(), plausible_place)
        place = place or lex.country(_OF_PLACE.sub("", where or "") or None)
        out.append((EventRef(kind, place, facility.group().lower() if facility else None), m.start(), m.end()))
    return out


# A sea, a coast or a range named by a nationality is still a place ("the Indian Ocean").
_FEATURE = re.compile(
    r"\b(?:ocean|sea|gulf|bay|coast|strait|islands?|mountains|alps|river|desert|highlands|plateau|peninsula)$",
    re.I,
)


def plausible_place(name: str) -> bool:
    """Whether a name may be where an event happened: not a party, an organisation or an outlet
    ("the Georgian Dream", "Human Rights Watch", "X Air"), a titled person ("President X"), an
    acronym that is no country ("PTI"), a pair of countries ("Russia-Ukraine") or a word that
    names no one place ("European")."""
    lex = lexicon()
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    if not name or is_country(name) or lex.country(name) != name:
        return bool(name)
    words = name.split()
    if _TITLE_WORD.search(name) or lex.not_place.search(name):
        return False
    if len(words) > 1 and re.fullmatch(lex.demonym_words, words[0], re.I) and not _FEATURE.search(name):
        return False  # "Georgian Dream", "Iranian Red Crescent": a demonym leads a body's name
    if re.fullmatch(r"[A-Z]{2,5}", name):
        return False  # an acronym that is no country: a party, a court, a channel
    halves = name.split("-")
    return not (len(halves) == 2 and all(is_country(h) or lex.country(h) != h for h in halves))


def _dated(sentence: str, start: int, end: int, today: dt.date | None) -> bool:
    """Whether an event noun carries a year of its own ("the 2015 crush", "a crush in 2015",
    "in 2015, a crush ..."), other than the article's: a look back at another event (early in a
    year, last year's may still be the article's own: "the December 2030 floods")."""
    found = (
        re.search(r"\b((?:19|20)\d\d)\s+(?:[\w’'-]+\s+){0,2}$", sentence[max(0, start - 30) : start])
        or re.match(r"\s+(?:[\w’'-]+\s+){0,2}?in\s+((?:19|20)\d\d)\b", sentence[end : end + 40])
        or re.search(r"\bin\s+((?:19|20)\d\d)\s*,\s+(?:\w+\s+){0,3}$", sentence[max(0, start - 40) : start])
    )
    if found is None or today is None:
        return False
    year = int(found.group(1))
    return year != today.year and not (year == today.year - 1 and today.month <= 2)


def article_event(sentences, dateline: str | None, today: dt.date | None = None) -> EventRef | None:
    """The event an article reports: the kind it names most, at the place named most with that
    kind (a headline counts twice, and names only a place the body names too); the dateline's
    town when no sentence places it. An event about a person is also named by its verb ("Imran
    Khan was arrested")."""
    lex = lexicon()
    kinds: Counter = Counter()
    places: dict[str, Counter[str]] = {}  # kind -> place -> weight (in quarters)
    facilities: Counter = Counter()
    gatherings: Counter[str] = Counter()  # the words a yearly gathering goes by ("the hajj")
    outright: set[str] = set()  # places named as such with an event, not only by a nationality adjective
    body = " ".join(s.text for s in sentences if s.role == "body")
    for s in sentences:
        if s.role not in ("body", "headline"):
            continue
        weight = 2 if s.role == "headline" else 1
        for ref, start, end in [*in_sentence(s.text), *_person_verbs(s.text)]:
            if BACKGROUND.search(s.text) and ref.place and places and not any(ref.place in c for c in places.values()):
                continue  # "the deadliest since the 1987 quake": another event, named as background
            if _dated(s.text, start, end, today):
                continue  # "a deadly crush in 2015 killed ...", "the 2015 crush": a look back
            kinds[ref.kind] += weight
            if ref.kind in lex.recurring_events and (own := _gathering_name(s.text, start, end, ref.kind)):
                gatherings[own] += weight
            where = _untitled(ref.place) if ref.kind in lex.person_events else ref.place
            if where and ref.kind not in lex.person_events and not plausible_place(where):
                where = None  # "the Georgian Dream's election win": a party is nowhere
            if where and (s.role == "body" or re.search(rf"\b{re.escape(where)}\b", body)):
                # "the Indian state of Odisha": a country by its adjective places the event less
                # surely than a place named outright.
                adjective = where in lex.demonyms.values() and not re.search(rf"\b{re.escape(where)}\b", s.text)
                places.setdefault(ref.kind, Counter())[where] += weight if adjective else weight * 4
                if not adjective:
                    outright.add(where)
            if ref.facility:
                facilities[ref.facility] += weight
    if not kinds:
        return None
    kind = kinds.most_common(1)[0][0]
    specific = [k for k, _ in kinds.most_common() if k not in lex.generic_events]
    if kind in lex.generic_events and specific:
        kind = specific[0]  # "an accident ... crowd trampling": the stampede
    recurring = [k for k in kinds if k in lex.recurring_events and related(k, kind)]
    if recurring and gatherings:
        # Deaths during a yearly gathering (in the heat, in a crush) are that gathering's: it is
        # named by its own name and its year, wherever in the country it was held.
        word = gatherings.most_common(1)[0][0]
        where = f"{word} {today.year}" if today else word
        return EventRef(recurring[0], where, None, (where,))
    named: Counter[str] = Counter()
    for k, c in places.items():
        if related(k, kind):
            named.update(c)
    loci = _loci(sentences, kind) if kind not in lex.person_events else Counter()
    if kind not in lex.person_events:
        # "Defence Minister X" is nobody's place, nor is "the A-B highway"; left out before short
        # forms are counted for long ones, so that "A" is not counted for the road "A-B".
        text_all = " ".join(s.text for s in sentences if s.role in ("body", "headline"))
        people = _people(text_all)
        for counter in (named, loci):
            for p in list(counter):
                if m := re.match(r"[A-Z][a-z]+ing\s+the\s+(?=[A-Z])", p):
                    counter[p[m.end() :]] += counter.pop(p)  # "Describing the X attack": a verb opens the sentence
                elif _personal(p, people) or _route(p, text_all):
                    del counter[p]
    loci = _whole_names(loci)
    named = _whole_names(named + loci)
    place: str | None = dateline
    if named:  # the place named with the event most, then named most in the whole article
        text = " ".join(s.text for s in sentences if s.role in ("body", "headline"))
        # A long name ("Martyr General Qassem Soleimani") is a person's, not a place's.
        place = max(named, key=lambda p: (len(p.split()) <= 2, named[p] / 2 + min(text.count(p), 3)))
        place = _most_specific(place, loci, named)
    if place is not None and place not in outright and place not in loci and kind not in lex.person_events:
        # "alleged Russian interference in the elections": a nationality with the event, never
        # named as where it was, yields to the country the article puts things in.
        place = _country_named_most(body) or place
    if (place is None or is_country(place)) and kind not in lex.person_events:
        place = _named_structure(body) or place
    if place is None and kind not in lex.person_events:
        # "Hathras-style" headlines: "<Place> <kind-noun>" ("Velmora Stampede: ..."), the name
        # written most before this kind's noun, when no sentence puts the event "in" a place.
        everything = " ".join(s.text for s in sentences if s.role in ("body", "headline"))
        place = _named_before(sentences, kind, everything, _people(everything))
    if place is None and kind not in lex.person_events:
        place = _country_named_most(body)  # "deaths from the extreme heat ... in Saudi Arabia"
    facility = facilities.most_common(1)[0][0] if facilities and facilities.most_common(1)[0][1] >= 2 else None
    spots = tuple(named) + ((place,) if place and named and place not in named else ())
    title = None
    if kind in _STORMS and (storm := storm_name(sentences)):
        title = storm
        spots = (*spots, storm.split()[-1])  # a later report naming the storm is this one
    elif related(kind, "protests") and place and (after := after_election(sentences)):
        title = f"{place} {after}"  # "post-election protests in X": unrest named by the vote it follows
    elif kind == "election":
        people = _people(" ".join(s.text for s in sentences if s.role in ("body", "headline")))
        country = place if is_country(place) else _country_named_most(body) or _country_written_most(body)
        if not country or not is_country(country):
            country = _place_written_most(body, people) or country
        if not country and place and not _personal(place, people):
            country = place
        if country:
            place = lex.country(country) or country
            title = election_name(sentences, place, today)
    return EventRef(kind, place, facility, spots, title)


_STORMS = ("cyclone", "hurricane", "typhoon", "storm")
# "Cyclone Ilsa", "Tropical Storm Ana", "Super Typhoon Rai": a storm named by its name.
_STORM_NAME = re.compile(
    r"\b(?:(?:super|tropical|severe|intense|post-tropical)\s+)?(?P<word>cyclone|hurricane|typhoon|storm)\s+"
    r"(?P<name>[A-Z][a-z]+)\b",
    re.I,
)


_POST_ELECTION = re.compile(
    r"\bpost-?election\s+(?:protests|unrest|violence|demonstrations|clashes|crackdown|chaos|crisis)\b", re.I
)


def after_election(sentences) -> str | None:
    """ "post-election protests" when an article names its unrest so (they are not the vote's own
    figures, nor any other year's protests in that country)."""
    for s in sentences:
        if s.role in ("body", "headline") and _POST_ELECTION.search(s.text):
            return "post-election protests"
    return None


def _country_written_most(text: str) -> str | None:
    """The country a text names most, by its name or its people's ("Freedonian"): whose vote it is."""
    lex = lexicon()
    counts: Counter[str] = Counter()
    for c in lex.countries:
        counts[c] += len(re.findall(rf"\b{re.escape(c)}\b", text))
    for adjective, c in lex.demonyms.items():
        if c in counts:
            counts[c] += len(re.findall(rf"\b{re.escape(adjective)}\b", text, re.I))
    best = counts.most_common(2)
    if not best or best[0][1] < 2 or (len(best) > 1 and best[1][1] == best[0][1]):
        return None
    return best[0][0]


def _place_written_most(text: str, people: set[str]) -> str | None:
    """The place a text names most, among the names it puts something "in" (an election's
    country when the lexicon does not know it): by every mention, its possessive included."""
    counts: Counter[str] = Counter()
    for m in re.finditer(
        r"\bin\s+(?:the\s+)?([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\b|\b([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)(?:’s|'s)\s", text
    ):
        name = m.group(1) or m.group(2)
        if name not in counts and plausible_place(name) and not _NOT_PLACES.match(name) and not _personal(name, people):
            counts[name] = len(re.findall(rf"\b{re.escape(name)}\b", text))
    best = counts.most_common(2)
    if not best or best[0][1] < 2 or (len(best) > 1 and best[1][1] == best[0][1]):
        return None
    return best[0][0]


def storm_name(sentences) -> str | None:
    """A named storm's name as the article writes it most ("Cyclone Ilsa"; a headline counts
    twice): reports name it so, whichever coast or island they put it at."""
    found: Counter[str] = Counter()
    words: dict[str, Counter[str]] = {}
    for s in sentences:
        if s.role not in ("body", "headline"):
            continue
        for m in _STORM_NAME.finditer(s.text):
            name = m.group("name")
            if not name[0].isupper() or _NOT_PLACES.match(name) or is_country(name) or name in _NOT_STORMS:
                continue
            found[name] += 2 if s.role == "headline" else 1
            words.setdefault(name, Counter())[m.group("word").capitalize()] += 1
    if not found:
        return None
    name = found.most_common(1)[0][0]
    return f"{words[name].most_common(1)[0][0]} {name}"


# Words that follow a storm noun without naming a storm ("Storm Prediction Center", "cyclone Season").
_NOT_STORMS = frozenset({"Center", "Centre", "Season", "Warning", "Watch", "Shelter", "Shelters", "Damage", "Relief"})

_ELECTION_KINDS = ("presidential", "parliamentary", "general", "legislative", "local", "municipal", "regional")


def election_name(sentences, country: str, today: dt.date | None) -> str:
    """An election's canonical name: "<year> <country> <kind> election", the kind being the one
    the article names most ("general" when it names both presidential and parliamentary votes)."""
    kinds: Counter[str] = Counter()
    for s in sentences:
        if s.role not in ("body", "headline"):
            continue
        for m in re.finditer(
            rf"\b({'|'.join(_ELECTION_KINDS)})\s+(?:and\s+\w+\s+)?(?:elections?|polls|vote)\b", s.text, re.I
        ):
            kinds[m.group(1).lower()] += 2 if s.role == "headline" else 1
    if kinds["presidential"] and (kinds["parliamentary"] or kinds["legislative"]):
        kind = "general"
    else:
        kind = kinds.most_common(1)[0][0] if kinds else ""
    year = f"{today.year} " if today else ""
    return re.sub(r"\s+", " ", f"{year}{country} {kind} election")


# What a person is written with: a title ("Defence Minister X"), or a verb of speech right after.
_SPEAKS = re.compile(
    r"\s*(?:,[^,]{1,60},\s*)?(?:said|says|told|claimed|added|stated|announced|insisted|argued|accused|denied|wrote)\b"
)


# "X Y, the candidate backed by ...": a name with a person's role in apposition.
_ROLE = re.compile(
    r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:candidate|leader|spokes(?:man|woman|person)|aide|founder|"
    r"minister|mayor|chief|winner|activist|politician|journalist|lawyer|preacher|godman|president)\b"
)


def _named_before(sentences, kind: str, text: str, people: set[str]) -> str | None:
    """The place name written most right before a noun of this kind ("the Velmora stampede"; a
    headline counts twice), never a person, a road or a nationality."""
    lex = lexicon()
    found: Counter[str] = Counter()
    for s in sentences:
        if s.role not in ("body", "headline"):
            continue
        ps = names.proper_names(s.text)
        for m in lex.event_re.finditer(s.text):
            if not related(kind_of(m.group()), kind) or kind_of(m.group()) in lex.generic_events:
                continue
            # "the Velmora stampede", or "Velmora Stampede" read as one capitalised name.
            before = [p.text for p in ps if p.end == m.start() - 1 and s.text[p.end] == " "]
            before += [s.text[p.start : m.start()].strip() for p in ps if p.end == m.end() and p.start < m.start()]
            if not before:
                continue
            name = re.sub(r"(?:’s|'s)$", "", before[-1])
            if plausible_place(name) and not _nationality(name) and not _personal(name, people):
                if not _route(name, text) and not _NOT_PLACES.match(name) and not _LEAD_WORD.match(name):
                    found[name] += 2 if s.role == "headline" else 1
    best = found.most_common(2)
    if not best or (len(best) > 1 and best[1][1] == best[0][1]):
        return None
    return best[0][0]


_LEAD_WORD = re.compile(r"^(?:The|A|An|This|That|Its|Their|Tuesday|Monday|Wednesday|Thursday|Friday|Saturday|Sunday)$")


def _people(text: str) -> set[str]:
    """The names a text gives people: a titled name ("Prime Minister X Y"), or a name of two or more
    words that speaks ("X Y said"); a person is never where an event happened."""
    lex = lexicon()
    out: set[str] = set()
    for p in names.proper_names(text):
        head = text[max(0, p.start - 40) : p.start]
        titled = _TITLE_WORD.search(p.text) or re.search(rf"{_TITLE_WORD.pattern}\s+$", head, re.I)
        speaks = len(p.text.split()) >= 2 and (_SPEAKS.match(text, p.end) or _ROLE.match(text, p.end))
        if (titled or speaks) and not is_country(p.text) and lex.country(p.text) == p.text:
            # "Freedonia Chief Minister X Y": the person is what follows the last title word.
            titles = list(_TITLE_WORD.finditer(p.text))
            bare = p.text[titles[-1].end() :].strip() if titles else p.text
            if bare and not lex.not_place.search(bare) and not _FEATURE.search(bare):
                out.add(bare)
    return out


def _personal(place: str, people: set[str]) -> bool:
    """Whether a name is a person's, or part of one ("Asif" of "Khawaja Asif")."""
    if is_country(place):
        return False
    return any(place == p or re.search(rf"(?:^|\s){re.escape(place)}$", p) or place in p.split() for p in people)


def _route(place: str, text: str) -> bool:
    """A hyphenated pair named as a road, a route or a border ("the A-B highway", "the A-B
    border") is a line between two places, not where an event happened."""
    if "-" not in place or not re.fullmatch(r"[A-Z][\w’']*-[A-Z][\w’']*", place):
        return False
    return bool(
        re.search(
            rf"\b{re.escape(place)}\s+(?:border|road|highway|expressway|motorway|route|corridor|line|railway|boundary|bypass)\b",
            text,
            re.I,
        )
    )


def _named_structure(body: str) -> str | None:
    """The structure an article names by its own name at least twice ("the X dam" ... "X dam"),
    when it names one only: a country-wide name ("Ukraine floods") is the least specific."""
    lex = lexicon()
    found: Counter[str] = Counter()
    for p in names.proper_names(body):
        if lex.structures.match(body, p.end + 1) and body[p.end : p.end + 1] == " " and plausible_place(p.text):
            if not is_country(p.text) and not _NOT_PLACES.match(p.text):
                found[p.text] += 1
    found = _whole_names(found)
    best = found.most_common(2)
    if not best or best[0][1] < 2 or (len(best) > 1 and best[1][1] * 2 > best[0][1]):
        return None
    return best[0][0]


def _gathering_name(sentence: str, start: int, end: int, kind: str) -> str | None:
    """A yearly gathering's own name: the word when it is a name ("the hajj"), else the proper
    name before the kind's word ("the Tarvo pilgrimage"); None for a bare "a pilgrimage"."""
    word = sentence[start:end]
    if word.lower() != kind:
        return word[:1].upper() + word[1:].lower()
    before = [p for p in names.proper_names(sentence) if p.end == start - 1 and sentence[p.end] == " "]
    return before[-1].text if before and plausible_place(before[-1].text) else None


def _country_named_most(body: str) -> str | None:
    """The country a body puts things "in" most often, when one does: where an event the article
    never places in a sentence of its own happened (a nationality is whose, never where)."""
    counts = Counter(
        {
            c: len(
                re.findall(
                    rf"\b(?:in|across|throughout|(?:parts|regions|provinces|cities)\s+of)\s+(?:the\s+)?"
                    rf"{re.escape(c)}\b",
                    body,
                )
            )
            for c in lexicon().countries
        }
    )
    best = counts.most_common(2)
    if not best or best[0][1] < 1 or (len(best) > 1 and best[1][1] == best[0][1]):
        return None
    return best[0][0]


# Where an event struck, as reports put it: "sank 47 nautical miles from Pylos", "off the coast of
# X", "deaths were recorded ... in the X health zone", "killed at the X stadium": after the event's
# noun, a verb of its happening or a count of its victims, a place preposition and the first name.
_PLACE_WORDS = (
    r"(?:(?:[a-z][\w-]*\s+){0,3}?(?:coast|shores?|town|city|village|port|island|region|district|province|"
    r"state|county|area|capital|municipality|neighbou?rhood|suburb|zone)\s+of\s+|"
    r"(?:northern|southern|eastern|western|central|remote|coastal)\s+)?"
)
_LOCUS_GAP = re.compile(
    r"\s*(?:(?:[^\s,;:!?]+\s+){0,6}|[^.;:!?]{0,100}?\d[\d,.]*\s*(?:km|kilometres|kilometers|miles|nautical\s+miles)"
    r"\s+(?:\([^)]*\)\s+)?(?:\w+\s+)?(?=of\b|from\b))"
    rf"(?:in|at|near|off|outside|from|of)\s+(?:the\s+)?{_PLACE_WORDS}$"
)
_NOT_PLACES = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$",
    re.I,
)


_VICTIMS = ("death toll", "injured", "cases", "missing")


def _anchors(text: str, kind: str):
    """Where a sentence speaks of the event happening: its noun, a verb of happening, a victims' count."""
    lex = lexicon()
    for m in lex.event_re.finditer(text):
        if related(kind_of(m.group()), kind):
            yield m.end()
    victims = [c for c in lex.counts if c.question.name in _VICTIMS]
    for pat in (lex.happening, *(c.cues for c in victims), *(c.words for c in victims)):
        if pat is not None:
            for m in pat.finditer(text):
                yield m.end()


def _loci(sentences, kind: str) -> Counter[str]:
    """The places the article says its event struck (body text only: a caption's port of arrival
    or a headline's country are not where it happened)."""
    lex = lexicon()
    out: Counter[str] = Counter()
    for s in sentences:
        if s.role != "body":
            continue
        anchors = sorted(set(_anchors(s.text, kind)))
        if not anchors:
            continue
        ps = [p for p in names.proper_names(s.text) if not _NOT_PLACES.match(p.text)]
        seen = set()
        for end in anchors:
            nxt = next((p for p in ps if p.start >= end), None)
            if nxt is None or nxt.start in seen or not _LOCUS_GAP.fullmatch(s.text[end : nxt.start]):
                continue
            seen.add(nxt.start)
            where = lex.country(_OF_PLACE.sub("", nxt.text))
            if where and where[0].isupper() and where.lower() not in lex.demonyms and plausible_place(where):
                out[where] += 4
    return out


def is_country(place: str | None) -> bool:
    """Whether a place is a whole country ("Greece", "Congo", "DRC"): the least specific place."""
    if not place:
        return False
    lex = lexicon()
    key = fold_text(re.sub(r"\b(?:the|of)\b", " ", lex.country(place) or place))
    return " ".join(key.split()) in _country_keys(lex)


_COUNTRY_KEYS: dict[int, tuple[object, frozenset[str]]] = {}


def _country_keys(lex) -> frozenset[str]:
    """Every country's folded name and its last words ("congo" for "republic of the congo"), once
    per lexicon: is_country is asked of every name near an event noun."""
    cached = _COUNTRY_KEYS.get(id(lex))
    if cached is not None and cached[0] is lex:
        return cached[1]
    keys: set[str] = set()
    for c in lex.countries:
        words = fold_text(re.sub(r"\b(?:the|of)\b", " ", c)).split()
        keys.update(" ".join(words[i:]) for i in range(len(words)))
    _COUNTRY_KEYS[id(lex)] = (lex, frozenset(keys))
    return frozenset(keys)


def _most_specific(place: str, loci: Counter[str], named: Counter[str]) -> str:
    """A fact-checker names an event by the most specific place the article puts it at: the town
    or district where it struck rather than the country ("Pylos shipwreck", not "Greece
    shipwreck"), a named venue ("X Stadium") rather than the town around it."""
    if not loci:
        return place
    inner = [p for p in loci if not is_country(p) and p != place]
    if not inner:
        return place
    best = max(inner, key=lambda p: (loci[p], named[p]))
    if is_country(place):
        return best
    venue = lexicon().facilities.search(best.split()[-1]) is not None and len(best.split()) >= 2
    if venue and loci[best] >= max(loci.get(place, 0), 4) and not re.search(rf"\b{re.escape(best)}\b", place):
        return best
    return place


# Titles before a name that are not part of it ("former Prime Minister Imran Khan").
_TITLES = re.compile(
    r"^(?:(?:former|ex|late|then|incumbent|acting|deputy|vice|chief|prime|president|minister|"
    r"general|gen\.?|dr\.?|mr\.?|mrs\.?|ms\.?|judge|justice|senator|governor|founder|ceo|leader|"
    r"opposition|party|chairman|chairperson|king|queen|prince|sheikh|imam|pastor|bishop|"
    r"martyr|commander|colonel|captain|sergeant|officer|mayor|lawmaker|mp)[\s-]+)+",
    re.I,
)


# A title anywhere in a name: a person's, not a place's ("President X", "Health Minister Y").
_TITLE_WORD = re.compile(_TITLES.pattern.replace("^(?:(?:", r"\b(?:(?:").replace(r")[\s-]+)+", r")\b)"), re.I)


def _untitled(place: str | None) -> str | None:
    if not place:
        return place
    bare = _TITLES.sub("", place).strip()
    return bare if bare and bare[0].isupper() else place


def _whole_names(places: Counter[str]) -> Counter[str]:
    """A short form counts for the longer name it is part of: "Khan" and "Imran" for "Imran Khan",
    "Kanjuruhan" for "Kanjuruhan Stadium"."""
    out: Counter[str] = Counter()
    for p, n in places.items():
        longer = [q for q in places if q != p and len(q.split()) <= 3 and re.search(rf"\b{re.escape(p)}\b", q)]
        out[max(longer, key=lambda q: places[q]) if longer else p] += n
    return out


def _person_verbs(sentence: str) -> list[tuple[EventRef, int, int]]:
    """ "Imran Khan was arrested", "police detained Ivo Brandt": an event about a person, by its verb."""
    lex = lexicon()
    out = []
    for kind, verbs in lex.person_event_verbs.items():
        for m in verbs.finditer(sentence):
            ps = names.proper_names(sentence)
            before = [
                p
                for p in ps
                if p.end <= m.start()
                and re.fullmatch(
                    r"\s*(?:,[^,]{0,40},\s*)?(?:was|were|is|has\s+been|had\s+been|being|got)\s+(?:\w+\s+)?",
                    sentence[p.end : m.start()],
                )
            ]
            after = [
                p
                for p in ps
                if p.start >= m.end()
                and re.fullmatch(
                    r"\s+(?:(?!(?:in|at|on|from|by|near|for|during|after|over)\s)[a-z][\w-]*\s+){0,3}",
                    sentence[m.end() : p.start],
                )
            ]
            who = before[-1] if before else after[0] if after else None
            if who is not None and not _nationality(who.text):  # "nine Egyptians were arrested"
                out.append((EventRef(kind, who.text), m.start(), m.end()))
    return out


def _nationality(word: str) -> bool:
    """A nationality rather than a person: "Iranian", "Egyptians", "the Greeks"."""
    demonyms = lexicon().demonyms
    w = re.sub(r"^the\s+", "", word.lower())
    return w in demonyms or (w.endswith("s") and w[:-1] in demonyms)


# "the Greek Island of X", "the Province of X": the place is X.
_OF_PLACE = re.compile(
    r"^(?:[A-Z][\w-]*\s+)*?(?:Island|Islands|Town|City|Village|Province|District|Region|County)\s+of\s+"
)


def _place_of(name: str) -> tuple[str | None, str]:
    """(kind, place words) of a canonical or surface event name: "Kerman attack" -> (attack, kerman)."""
    lex = lexicon()
    matches = list(lex.event_re.finditer(name))
    if not matches:
        return None, ""
    m = matches[-1]  # the last event word names the kind
    rest = (name[: m.start()] + " " + name[m.end() :]).strip()
    rest = lex.facilities.sub(" ", rest)
    rest = re.sub(r"\b(?:in|at|near|the|of|on)\b", " ", rest, flags=re.I)
    # "2031 Freedonia presidential election": its year and kind of vote are no place.
    rest = re.sub(r"^\s*(?:19|20)\d\d\s+", " ", rest)
    rest = re.sub(rf"\s+(?:{'|'.join(_ELECTION_KINDS)})\s*$", " ", rest, flags=re.I)
    # "Cyclone Ilsa": the storm's name stands for its place.
    return kind_of(m.group()), fold_text(re.sub(r"(?:’s|'s)\b", "", rest))


def match(ref: EventRef, text: str, known: list[LedgerEvent], today: Days = None) -> Match | None:
    """The ledger event this article's event is: the same kind, and the same place or a place of
    that event named in the article, unless its reports are a month or more away (another event
    at the same place); else the one event of that kind reported within days of this article."""
    if ref is None:
        return None
    place = fold_text(ref.place or "")
    # Where the article places its events; the whole text only when it places none (another
    # event named in passing, "days after the Moscow attack", does not make this one that one).
    folded_text = fold_text(" ; ".join(ref.places)) if ref.places else fold_text(text)
    for e in known:
        gap = e.gap(today)
        if gap is not None and gap > OTHER_DAYS:
            continue
        for key in sorted(e.keys, key=len):
            kind, where = _place_of(key)
            if not related(kind, ref.kind) or not where:
                continue
            if place and where == place:
                return Match(e.entity_id, e.name, f"same kind ({kind}) and place ({ref.place})")
            if place and _short_form(place, where):
                return Match(e.entity_id, e.name, f"same kind ({kind}); {ref.place!r} is short for its place")
            if re.search(rf"\b{re.escape(where)}\b", folded_text):
                return Match(e.entity_id, e.name, f"same kind ({kind}); its place ({where}) is named in the article")
    near = []
    for e in known:
        own = (today[0] if today else None) if isinstance(today, tuple) else today  # the article's own date
        gap = e.gap(own)
        if gap is not None and gap <= SAME_DAYS and any(related(_place_of(k)[0], ref.kind) for k in e.keys):
            near.append(e)
    near.sort(key=lambda e: -e.sources)
    # The event most reported in those days, when it clearly is (others are background mentions).
    if near and (len(near) == 1 or near[0].sources >= 2 * near[1].sources):
        e = near[0]
        return Match(
            e.entity_id, e.name, f"same kind ({ref.kind}), reported within {SAME_DAYS} days; no other {ref.kind} then"
        )
    return None


def _short_form(a: str, b: str) -> bool:
    """Whether one folded place name is the other's last words ("kakhovka", "nova kakhovka"); never
    for a country ("sudan" is not "south sudan")."""
    short, long = sorted((a, b), key=len)
    return short != long and long.endswith(" " + short) and not is_country(short) and not is_country(long)


def collides(name: str, known: list[LedgerEvent], today: Days) -> bool:
    """Whether a ledger event of a month or more away already goes by this name."""
    key = fold_text(name)
    return any(key in e.keys and (g := e.gap(today)) is not None and g > OTHER_DAYS for e in known)


def _in_passing(text: str, start: int, end: int) -> bool:
    """Whether the sentence around a span looks back at another event ("two other deadly
    earthquakes in Japan last week")."""
    a = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    ends = [e for e in (text.find(c, end) for c in ".!?\n") if e != -1]
    return bool(BACKGROUND.search(text[a : min(ends) if ends else len(text)]))


def surfaces(text: str, ref: EventRef, current: bool = False) -> list[str]:
    """The ways the text names this event ("twin blasts in Kerman", "Kerman bombings"), and the
    place + noun form of each ("blasts in Kerman" -> "Kerman blasts"); current: leave out the
    sentences that look back at another event."""
    if not ref.place:
        return []
    lex = lexicon()
    place = re.escape(ref.place)
    nouns = lex.event_re.pattern
    out = []
    pats = [
        rf"\b{_MODIFIERS}(?P<noun>{nouns[2:-2]})\s+(?:in|at|near|off)\s+(?:the\s+)?(?:\w+\s+)?{place}\b",
        rf"\b{place}(?:’s|'s)?\s+(?:(?!(?:as|and|or|in|on|at|of|to|for|with|by|from|after|the|a|an)\s)\w+\s+)?"
        rf"{_MODIFIERS}(?P<noun>{nouns[2:-2]})\b",
    ]
    if ref.kind in lex.person_events:  # "the arrest of Pavel Durov"
        pats.append(rf"\b(?P<noun>{nouns[2:-2]})\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}?{place}\b")
    # "the X dam", "the X dam attack": an event named by its structure is named by the structure.
    structure = rf"\b(?:the\s+)?{place}\s+(?:{lex.structures.pattern[2:-2]})(?:\s+(?:{nouns[2:-2]}))?\b"
    for m in re.finditer(structure, text, re.I):
        if not (current and _in_passing(text, m.start(), m.end())):
            written = re.sub(r"\s+", " ", m.group())
            out += [written, re.sub(r"^the\s+", "", written, flags=re.I)]
    for pat in pats:
        for m in re.finditer(pat, text, re.I):
            noun = m.group("noun")
            if kind_of(noun) != ref.kind and kind_of(noun) not in lex.generic_events:
                continue
            if current and _in_passing(text, m.start(), m.end()):
                continue  # current: only where the text speaks of this event, not of another one
            out.append(re.sub(r"\s+", " ", m.group()))
            out.append(f"{ref.place} {noun.lower()}")
            if " of " in m.group():
                out.append(f"{noun.lower()} of {ref.place}")
                out.append(f"{ref.place}'s {noun.lower()}")
            if " in " in m.group():
                out.append(f"{noun.lower()} in {ref.place}")  # "deadly earthquakes in X": "earthquakes in X"
    return list(dict.fromkeys(out))


# A proper name or designation written before an event noun: "the X Air flight 7C21 accident",
# "the 737-800 crash", "South Korea Boeing Crash" (capitalised words, numbers, and a vehicle or
# facility word with its number).
_NAMED = re.compile(
    r"(?P<name>(?:(?:[A-Z][\w’'.-]*|{code})\s+){{1,5}}"
    r"(?:(?:flight|train|ferry|bus|dam|plant|mine|building|bridge|vessel|boat)\s+(?:{code}\s+)?)?"
    r"(?:(?:parliamentary|presidential|general|local|municipal|snap|terror|terrorist|deadly|twin|mass|"
    r"boat|train|plane|air|mosque|stadium)\s+)*)".format(code=r"(?<![\d.])[\w-]*\d[\w-]*")
)
_DAY = re.compile(
    r"\b(?:\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2})\b"
)
_LEAD = re.compile(
    r"^(?:(?:The|A|An|This|That|Its|Their|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)"
    r"(?:’s|'s)?\s+)+"
)


def named_surfaces(text: str, ref: EventRef) -> list[str]:
    """The names a text gives its event by a designation or a proper name before the event noun
    ("the X Air flight 7C21 accident", "the 737-800 crash"), where the name carries a number or
    the event's place or country: a perpetrator's or an operator's name alone ("an X State
    attack") names many events, not this one. Sentences that look back at another event, and
    names with a year of their own ("the 2015 crush"), are left out."""
    lex = lexicon()
    out = []
    places = {fold_text(p) for p in (ref.place, *ref.places) if p}
    for m in lex.event_re.finditer(text):
        kind = kind_of(m.group())
        if not related(kind, ref.kind):
            continue
        head = text[max(0, m.start() - 120) : m.start()]
        head = re.split(r"[.!?:;]\s+|\n", head)[-1]  # this sentence only
        found = None
        for n in _NAMED.finditer(head):
            if n.end() == len(head):
                found = n
                break
        if found is None:
            continue
        name = _LEAD.sub("", found.group("name")).strip()
        if not name or re.fullmatch(r"(?:19|20)\d\d", name.split()[0]) or _in_passing(text, m.start(), m.end()):
            continue
        folded = fold_text(name)
        # A designation mixes letters and digits or joins numbers ("7C2216", "737-800"), or a date
        # names the event ("the March 15 attack"); a bare count ("2 blasts") names nothing.
        numbered = bool(re.search(r"\b(?=[\w-]*\d)(?=[\w-]*(?:[A-Za-z]|\d-\d))[\w-]+\b", name) or _DAY.search(name))
        placed = any(p and re.search(rf"\b{re.escape(p)}\b", folded) for p in places)
        if numbered or placed:
            out.append(re.sub(r"\s+", " ", f"{name} {m.group()}"))
    return list(dict.fromkeys(out))


def aftermath_name(sentences, kind: str) -> str | None:
    """The name unrest goes by when the article ties it to a person's arrest or trial: "protests
    after X's arrest" (an alias of its place-and-kind name, which protests of another year share)."""
    lex = lexicon()
    if kind not in lex.related_events.get("protests", frozenset({"protests"})):
        return None
    people: Counter[tuple[str, str]] = Counter()
    for s in sentences:
        if s.role not in ("body", "headline"):
            continue
        for r, _, _ in [*in_sentence(s.text), *_person_verbs(s.text)]:
            who = _untitled(r.place) if r.kind in lex.person_events else None
            if who and len(who.split()) >= 2 and not _nationality(who):
                people[(who, r.kind)] += 1
    if not people:
        return None
    (who, what), _ = people.most_common(1)[0]
    return f"{kind} after {who}'s {what}"
