"""The extraction lexicon (lexicon.toml), read once and compiled into patterns."""

from __future__ import annotations

import functools
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


@dataclass(frozen=True)
class Dated:
    question: Question
    verbs: re.Pattern


@dataclass(frozen=True)
class Statement:
    question: Question
    pattern: re.Pattern


class Lexicon:
    def __init__(self, data: dict):
        v = data["verbs"]
        self.verb_class = {w.lower(): cls for cls, ws in v.items() for w in ws}
        self.verbs = re.compile(rf"\b{words_re(list(self.verb_class))}\b", re.I)  # lower case checked by the reader
        n = data["statement_nouns"]
        self.noun_class = {w.lower(): cls for cls, ws in n.items() for w in ws}
        self.statement_nouns = re.compile(
            rf"(?P<who>\b[\w .’'-]{{2,80}}?)(?:’s|'s)\s+(?:\w+\s+)?(?P<noun>{words_re(list(self.noun_class))})\b", re.I)
        self.speaker_nouns = re.compile(rf"\b{words_re(data['speaker_nouns'])}\b", re.I)
        self.back_references = {w.lower() for w in data["back_references"]}
        # "termed the claims irresponsible", "dismissed the report as baseless": a denial.
        self.dismissals = re.compile(
            rf"\b(?P<verb>{words_re(data['dismissal_verbs'])})\b(?P<what>[^.]{{0,60}}?)\s*(?:as\s+)?[“\"‘']?"
            rf"{words_re(data['dismissive_words'])}\b", re.I)
        self.hedges = re.compile(rf"\b{words_re(data['hedges'])}\b", re.I)
        self.qualifiers = words_re(data["qualifiers"])
        self.part_markers = re.compile(rf"\b{words_re(data['part_markers'])}\s*$", re.I)
        self.non_count = {w.lower() for w in data["non_count_nouns"]}
        self.events = {k.lower(): v for k, v in data["events"].items()}
        self.event_re = re.compile(rf"\b{words_re(list(self.events))}\b", re.I)
        self.facilities = re.compile(rf"\b{words_re(data['facilities'])}\b", re.I)
        self.counts = [
            Count(Question(c["question"], tuple(c["also"]), "quantity", c.get("running", False)),
                  re.compile(rf"\b{words_re(c['cues'])}\b", re.I) if c["cues"] else None,
                  re.compile(rf"{words_re(c['words'])}\b", re.I) if c["words"] else None)
            for c in data["counts"]
        ]
        self.people = re.compile(rf"{words_re(data['people'])}\b", re.I)
        self.magnitude = Question(data["magnitude"]["question"], (), "quantity")
        self.share = Question(data["share"]["question"], (), "share")
        self.dates = [Dated(Question(d["question"], tuple(d["also"]), "date", single=d.get("single", False)),
                            re.compile(rf"\b{words_re(d['verbs'])}\b", re.I)) for d in data["dates"]]
        self.statements = [Statement(Question(s["question"], tuple(s["also"]), s["type"], single=s.get("single", False)),
                                     re.compile(s["pattern"])) for s in data["statements"]]


@functools.cache
def lexicon() -> Lexicon:
    with open(Path(__file__).with_name("lexicon.toml"), "rb") as f:
        return Lexicon(tomllib.load(f))
