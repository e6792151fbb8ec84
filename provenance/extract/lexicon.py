"""The extraction lexicon (lexicon.toml), read once and compiled into patterns."""

from __future__ import annotations

import functools
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path


def words_re(words: list[str] | tuple[str, ...]) -> str:
    """One alternation of whole words or phrases, longest first (so "more than" beats "more")."""
    alts = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in alts) + ")"


@dataclass(frozen=True)
class Question:
    """A question a kind of statement answers: its proposed property and the names it may go by."""

    name: str
    also: tuple[str, ...]
    value_type: str
    running: bool = False
    single: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.also)


@dataclass(frozen=True)
class Count:
    question: Question
    cues: re.Pattern | None  # what happened to those counted: "killed", "injured"
    words: re.Pattern | None  # nouns that say it alone: "deaths", "cases"
    people: bool = True  # counts people (false: buildings, not "5,000 people ... destroyed homes")


@dataclass(frozen=True)
class Dated:
    question: Question
    verbs: re.Pattern


@dataclass(frozen=True)
class Statement:
    question: Question
    pattern: re.Pattern


class Lexicon:
    def country(self, word: str | None) -> str | None:
        """The country a nationality adjective or a short name names ("Iranian" -> Iran, "U.S." ->
        United States), else the word as given."""
        if not word:
            return word
        return self.demonyms.get(word.lower(), self.demonyms.get(re.sub(r"^the\s+", "", word.lower()), word))

    def __init__(self, data: dict):
        v = data["verbs"]
        self.verb_class = {w.lower(): cls for cls, ws in v.items() for w in ws}
        self.verbs = re.compile(rf"\b{words_re(list(self.verb_class))}\b", re.I)  # lower case checked by the reader
        n = data["statement_nouns"]
        self.noun_class = {w.lower(): cls for cls, ws in n.items() for w in ws}
        self.statement_nouns = re.compile(
            rf"(?P<who>\b[\w .’'-]{{2,80}}?)(?:’s|'s)\s+(?:\w+\s+)?(?P<noun>{words_re(list(self.noun_class))})\b", re.I
        )
        # A plural speaks as its singular does ("leaders", "prosecutors").
        self.speaker_nouns = re.compile(rf"\b{words_re(data['speaker_nouns'])}s?\b", re.I)
        # Nouns an unnamed party goes by ("blamed the dam operator", "the police were at fault").
        self.party_words = words_re(data["party_nouns"]) if data.get("party_nouns") else "(?!)"
        self.party_nouns = re.compile(rf"\b{self.party_words}s?\b", re.I)
        # Who carried an event out, and the nationality adjectives that may describe them.
        self.perpetrator_words = words_re(data["perpetrator_nouns"]) if data.get("perpetrator_nouns") else "(?!)"
        self.back_references = {w.lower() for w in data["back_references"]}
        # "termed the claims irresponsible", "dismissed the report as baseless": a denial.
        self.dismissals = re.compile(
            rf"\b(?P<verb>{words_re(data['dismissal_verbs'])})\b(?P<what>[^.]{{0,60}}?)\s*(?:as\s+)?[“\"‘']?"
            rf"{words_re(data['dismissive_words'])}\b",
            re.I,
        )
        self.hedges = re.compile(rf"\b{words_re(data['hedges'])}\b", re.I)
        self.qualifiers = words_re(data["qualifiers"])
        self.part_markers = re.compile(rf"\b{words_re(data['part_markers'])}\s*$", re.I)
        self.non_count = {w.lower() for w in data["non_count_nouns"]}
        self.events = {k.lower(): v for k, v in data["events"].items()}
        self.demonyms = {
            k.lower(): v for k, v in (*data.get("demonyms", {}).items(), *data.get("country_names", {}).items())
        }
        self.demonym_words = (
            "(?:" + "|".join(re.escape(k) for k in sorted(data.get("demonyms", {}), key=len, reverse=True)) + ")"
            if data.get("demonyms")
            else "(?!)"
        )
        self.event_re = re.compile(rf"\b{words_re(list(self.events))}\b", re.I)
        # Every country by any name the lexicon knows: the least specific place an event can have.
        self.countries = frozenset(
            (
                *data.get("demonyms", {}).values(),
                *data.get("country_names", {}).values(),
                *data.get("country_names", {}),
            )
        )
        # Verbs of an event happening, whose place is the event's ("sank off X", "struck near X").
        verbs = data.get("happening_verbs", [])
        self.happening = re.compile(rf"\b{words_re(verbs)}\b" if verbs else "(?!)", re.I)
        self.facilities = re.compile(rf"\b{words_re(data['facilities'])}\b", re.I)
        self.structures = re.compile(rf"\b{words_re(data.get('structures', []) or ['dam'])}\b", re.I)
        # The last word of an organisation's name, or a word that names no one place alone.
        words = data.get("not_place_words", [])
        self.not_place = re.compile(rf"\b{words_re(words)}$" if words else "(?!)", re.I)
        # Kinds one event goes by in different reports: kind -> the kinds it may be read as.
        self.related_events: dict[str, frozenset[str]] = {}
        for group in data.get("related_events", {}).values():
            for kind in group:
                self.related_events[kind] = self.related_events.get(kind, frozenset()) | frozenset(group)
        self.person_events = frozenset(data.get("person_events", ()))
        self.generic_events = frozenset(data.get("generic_events", ()))
        self.recurring_events = frozenset(data.get("recurring_events", ()))
        self.person_event_verbs = {
            kind: re.compile(rf"\b{words_re(vs)}\b", re.I)
            for kind, vs in data.get("person_event_verbs", {}).items()
            if vs
        }
        self.counts = [
            Count(
                Question(c["question"], tuple(c["also"]), "quantity", c.get("running", False)),
                re.compile(rf"\b{words_re(c['cues'])}\b", re.I) if c["cues"] else None,
                re.compile(rf"{words_re(c['words'])}\b", re.I) if c["words"] else None,
                c.get("people", True),
            )
            for c in data["counts"]
        ]
        self.updates = re.compile(rf"\b{words_re(data['update_words'])}\s+(?:\w+\s+)?$", re.I)
        self.count_links = re.compile(
            rf"\b{words_re(data['update_words'] + data.get('count_links', []))}\s+(?:\w+\s+)?$", re.I
        )
        self.updates_after = re.compile(rf"\s*,?\s*{words_re(data['update_after'])}\b", re.I)
        self.people = re.compile(rf"{words_re(data['people'])}\b", re.I)
        self.magnitude = Question(data["magnitude"]["question"], (), "quantity")
        self.share = Question(data["share"]["question"], (), "share")
        self.dates = [
            Dated(
                Question(d["question"], tuple(d["also"]), "date", single=d.get("single", False)),
                re.compile(rf"\b{words_re(d['verbs'])}\b", re.I),
            )
            for d in data["dates"]
        ]
        self.statements = [
            Statement(
                Question(s["question"], tuple(s["also"]), s["type"], single=s.get("single", False)),
                re.compile(s["pattern"]),
            )
            for s in data["statements"]
        ]


ENV = "PROVENANCE_LEXICON"


def merge(base: dict, desk: dict) -> dict:
    """A desk's words over the packaged ones: lists are extended, tables merged, and entries of
    [[counts]], [[dates]] and [[statements]] with a known question extend that question."""
    out = dict(base)
    for key, value in desk.items():
        old = out.get(key)
        if isinstance(old, list) and old and isinstance(old[0], dict) and isinstance(value, list):
            by_q = {e.get("question"): dict(e) for e in old}
            for e in value:
                q = e.get("question")
                by_q[q] = merge(by_q[q], e) if q in by_q else dict(e)
            out[key] = list(by_q.values())
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        elif isinstance(old, dict) and isinstance(value, dict):
            out[key] = merge(old, value)
        else:
            out[key] = value
    return out


@functools.cache
def _load(desk_file: str | None) -> Lexicon:
    from ..errors import InputError

    with open(Path(__file__).with_name("lexicon.toml"), "rb") as f:
        data = tomllib.load(f)
    if desk_file:
        try:
            desk = tomllib.loads(Path(desk_file).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InputError(
                f"cannot read the lexicon {desk_file}: {exc}; give a TOML file shaped like the packaged lexicon.toml"
            ) from None
        data = merge(data, desk)
    try:
        return Lexicon(data)
    except (KeyError, TypeError, re.error) as exc:
        raise InputError(f"the lexicon {desk_file} is not usable ({exc!r}); see docs/extraction.md") from None


_DESK: list[str | None] = [None]


def use_desk_file(path: str | None) -> None:
    """The desk's lexicon for this run (the CLI's --lexicon); None: PROVENANCE_LEXICON, if set."""
    _DESK[0] = path


def lexicon() -> Lexicon:
    """The packaged lexicon, with the desk's file (--lexicon or PROVENANCE_LEXICON) merged over it."""
    return _load(_DESK[0] or os.environ.get(ENV) or None)
