"""Candidate claims read off one source's sentences, before the ledger is consulted.

Three readers, each deterministic and driven by lexicon.toml:
- quantities: a figure, what it counts ("170 people" near "killed" -> death toll), its qualifier
  ("more than"), a part of it ("including 13 US service members" -> a scoped figure) and its date;
- dated events: a founding verb or an event with a date ("founded in January 2015");
- attributions: speaker + reporting verb + statement, in the three orders English uses ("X said
  that S", "S, X said", "according to X, S"), with the verb's polarity.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError
from ..values import parse_value
from . import names
from .figures import dates, figures, is_year
from .lexicon import Question, lexicon
from .sentences import Sentence, sentences

ROLE_WEIGHT = {"body": 1.0, "headline": 0.7, "caption": 0.3, "navigation": 0.2}
CURRENCIES = (r"(?:yuan|renminbi|dollars?|euros?|rupees?|pounds?|yen|roubles?|rubles?|afghanis?|"
              r"riyals?|dirhams?|lira|francs?)")
# Verbs that report only with a statement after them: "has added fighters" reports nothing,
# "the United States" is not a verb, "alleged concerns" is an adjective.
_NEEDS_STATEMENT = {"added", "states", "note", "say", "says", "alleged", "reported", "claims", "mentioned",
                    "indicated", "suggested", "described"}
_MAY_END = {"added", "reported", "says", "alleged"}  # "..., the agency reported on Tuesday."
_MONTH_NAMES = (r"\b(?:january|february|march|april|may|june|july|august|september|october|"
                r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b")
_MONTHS = re.compile(_MONTH_NAMES + r"\.?\s*$", re.I)
_CLAUSE_START = re.compile(r"(?:^|[,;:(]\s*|\s(?:and|but|while|when|after|as|that|which|who)\s+)(?=[^,;:(]*$)")


@dataclass
class Proposal:
    kind: str  # quantity | date | attribution | denial
    start: int  # the quote: a sentence of the source
    end: int
    value: str
    question: Question
    question_strength: float  # how surely the lexicon names the question (1: named outright)
    subject: str | None = None
    subject_id: int | None = None
    speaker: str | None = None
    speaker_id: int | None = None
    verb: str | None = None
    polarity: str = "asserts"
    scope: str | None = None
    hedge: str | None = None
    as_of: str | None = None
    cites: str | None = None
    note: str | None = None
    confidence: float = 0.5
    role: str = "body"
    extra: dict = field(default_factory=dict)


@dataclass
class Reading:
    """What one pass over a source found: proposals, and what it left out and why."""

    proposals: list[Proposal]
    skipped: Counter


def _parses(text: str, kind: str) -> bool:
    try:
        parse_value(text, kind)
        return True
    except InputError:
        return False


def _subject_near(ms: list[names.Mention], pos: int, exclude: tuple[int, int] | None = None):
    """The named thing a figure or verb is about: the nearest name before it, else after."""
    pool = [m for m in ms if not (exclude and exclude[0] <= m.start < exclude[1])]
    before = [m for m in pool if m.end <= pos]
    if before:
        known = [m for m in before if m.entity_id is not None and pos - m.end < 120]
        return (known or before)[-1]
    after = [m for m in pool if m.start >= pos]
    return after[0] if after else None


class Reader:
    def __init__(self, text: str, aliases: dict[str, int], today: dt.date | None,
                 navigation: list[tuple[int, int]] = ()):
        self.text, self.aliases, self.today = text, aliases, today
        self.lex = lexicon()
        self.sentences = sentences(text, navigation)
        self.event = self._main_event()
        self.last_statement: Proposal | None = None

    def _main_event(self) -> str | None:
        """The event the article is about: the one it names most (a headline counts twice)."""
        votes: Counter = Counter()
        parts: list[Counter] = [Counter(), Counter(), Counter()]
        for s in self.sentences:
            if s.role in ("body", "headline"):
                found = names.event_name(s.text, self.aliases)
                if found:
                    votes[found[0]] += 2 if s.role == "headline" else 1
                for counter, part in zip(parts, names.event_parts(s.text), strict=False):
                    if part:
                        counter[part] += 1
        if votes:
            return votes.most_common(1)[0][0]
        kind, facility, place = (c.most_common(1)[0][0] if c else None for c in parts)
        place = self._dateline() or place
        if kind and place:  # pieced together: "Peshawar" + "mosque" + "attack"
            return " ".join(p for p in (place, facility, kind) if p)
        return None

    def _dateline(self) -> str | None:
        """The town of a wire story's dateline: "PESHAWAR, Pakistan — ..." gives Peshawar."""
        for s in self.sentences[:6]:
            m = re.match(r"([A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,2}),?(?:\s+[A-Z][\w.]*){0,3}\s*(?:\([^)]*\)\s*)?[—–-]\s",
                         s.text)
            if m and s.role == "body":
                return m.group(1).title()
        return None

    def read(self) -> Reading:
        out: list[Proposal] = []
        skipped: Counter = Counter()
        for s in self.sentences:
            if s.role in ("repeat", "navigation"):
                # Site chrome and a second printing of the same text state nothing new.
                skipped["repeated text" if s.role == "repeat" else "navigation"] += 1
                continue
            found = [*self.quantities(s), *self.dated(s), *self.attributions(s)]
            if s.role == "caption":
                skipped["caption (kept, scored lower)"] += 1
            for p in found:
                p.role = s.role
                p.confidence = round(p.confidence * ROLE_WEIGHT[s.role], 3)
            out.extend(found)
        return Reading(out, skipped)

    # -- shared pieces ------------------------------------------------------------------------

    def _hedge(self, s: Sentence) -> str | None:
        m = self.lex.hedges.search(s.text)
        return m.group().lower() if m and m.group().lower() != "according to" else None

    def _as_of(self, s: Sentence, near: int) -> str | None:
        ds = [d for d in dates(s.text, self.today) if not (d.start <= near < d.end)]
        if not ds:
            return None
        return min(ds, key=lambda d: abs(d.start - near)).text

    def _event_subject(self, s: Sentence) -> tuple[str | None, int | None]:
        found = names.event_name(s.text, self.aliases)
        name = found[0] if found else self.event
        if name is None:
            return None, None
        return name, self.aliases.get(names.fold_text(name))

    # -- quantities ---------------------------------------------------------------------------

    _VAGUE_SHARE = re.compile(
        r"\b(?P<fig>most|the majority|a majority|the vast majority|half|a third|two thirds|a quarter|"
        r"nearly all|almost all|a minority|the bulk)\s+of\s+(?P<owner>its|their|the group’s|the group's)\s+"
        r"(?P<noun>members|fighters|personnel|recruits|militants|leaders|leadership|ranks)\b", re.I)

    def _vague_shares(self, s: Sentence, ms) -> list[Proposal]:
        out = []
        for m in self._VAGUE_SHARE.finditer(s.text):
            if not _parses(m.group("fig"), "share"):
                continue
            rest = re.match(r"\s+(?:(?:have|has|are|is|hold)\s+)?([^,.;]{3,60})", s.text[m.end():])
            what = f"{m.group('noun')} {rest.group(1).strip()}" if rest else m.group("noun")
            subject = _subject_near(ms, m.start())
            out.append(Proposal(
                "quantity", s.start, s.end, m.group("fig"), Question(f"share of {what}", (), "share"), 0.5,
                subject.text if subject else None, subject.entity_id if subject else None,
                hedge=self._hedge(s), confidence=0.75,
                extra={"figure": [s.start + m.start("fig"), s.start + m.end("fig")]}))
        return out

    def quantities(self, s: Sentence) -> list[Proposal]:
        ms = names.mentions(s.text, self.aliases)
        out: list[Proposal] = self._vague_shares(s, ms)
        previous: Proposal | None = None
        for f in figures(s.text):
            p = self._quantity(s, f, ms, previous)
            if p is not None:
                out.append(p)
                previous = p
        return out

    def _quantity(self, s, f, ms, previous) -> Proposal | None:
        text, lex = s.text, self.lex
        before, after = text[:f.start], text[f.end:]
        if _MONTHS.search(before) or re.match(rf"(?:st|nd|rd|th)\b|\s*,?\s*{_MONTH_NAMES}", after, re.I):
            return None  # a day of a month
        if is_year(f.text):
            return None
        money = (re.search(r"(?:\$|£|€|¥|\b(?:us\$|usd|rs\.?|pkr|eur|gbp|cny))\s*$", before, re.I)
                 or re.match(rf"\s+{CURRENCIES}\b", after, re.I))
        if money or f.money:
            return self._money(s, f, ms, money.group().strip() if money else f.money)
        noun = re.match(r"\s+((?:[\w’'-]+\s+){0,3}[\w’'-]+)", after)
        words = noun.group(1).lower() if noun else ""
        first = words.split()[0] if words else ""
        if first in lex.non_count and not f.share:
            return None
        if f.share:
            return self._share(s, f, ms)
        value = f.text
        kind = "quantity"
        if not _parses(value, kind):
            return None
        clause = text[max(0, f.start - 60): f.end + 60]
        part = previous is not None and lex.part_markers.search(before)
        count, counted, strength = self._what_counted(f.text, words, clause, before, after)
        if count is None:
            return None
        if part:
            question, subject, subject_id = previous.question, previous.subject, previous.subject_id
            strength = previous.question_strength
            scope = counted
            note = f"part of {previous.value}" + (f" {previous.scope}" if previous.scope else "")
        else:
            question, scope, note = count, counted, None
            if question.running:
                subject, subject_id = self._event_subject(s)
                scope = None if counted in ("people", "persons", "civilians", "") else counted
            else:
                m = _subject_near(ms, f.start, (f.end, f.end + len(words) + 2))
                if re.search(r"\b(?:its|their)\b", before[-80:]) or re.match(r"\s+(?:of\s+)?(?:its|their)\b", after):
                    # "the number of its members": "its" is the sentence's subject, named first.
                    m = next((k for k in ms if k.entity_id is not None), m)
                subject, subject_id = (m.text, m.entity_id) if m else (None, None)
        base = 0.9 if counted or strength >= 0.9 else 0.75
        return Proposal(
            "quantity", s.start, s.end, value, question, strength, subject, subject_id,
            scope=scope or None, hedge=self._hedge(s), as_of=self._as_of(s, f.start), note=note,
            confidence=base if subject else base - 0.2,
            extra={"figure": [s.start + f.start, s.start + f.end]},
        )

    def _what_counted(self, figure: str, words: str, clause: str, before: str, after: str):
        """The question a figure answers, the noun it counts and how sure the lexicon is."""
        lex = self.lex
        for c in lex.counts:
            noun = next((w for w in sorted(c.words, key=len, reverse=True)
                         if re.match(rf"(?:[\w’'-]+\s+){{0,2}}?{re.escape(w)}\b", words)), None)
            context = c.context.search(clause)
            if noun and (context or not c.question.running):
                counted = re.match(rf"((?:[\w’'-]+\s+){{0,2}}?{re.escape(noun)})\b", words).group(1)
                return c.question, counted, 0.9
        for c in lex.counts:
            # "the toll rose to 52", "killed 40": no noun, but the context names the count.
            if c.question.running and (re.search(rf"{c.context.pattern}\W+(?:\w+\W+){{0,3}}$", before, re.I)
                                       and not words.split()[:1] == ["of"]):
                return c.question, "", 0.8
        # "The death toll from the X bombing rose to 100": the toll named well before its figure.
        if re.search(r"\b(?:death\s+)?toll\b[^.;]{0,80}?\b(?:rose|risen|climbed|jumped|increased|reached|"
                     r"stood|stands|hit|was|is|of)\s+(?:at\s+|to\s+)?$", before, re.I):
            return lex.counts[0].question, "", 0.9
        back = re.search(r"\b(?:number|total|strength|count|tally|size)\s+of\s+(?:its\s+|the\s+|their\s+)?"
                         r"(?P<noun>[\w’' -]{3,40}?)\s+(?:is|was|are|were|stood|stands|has|had|reached|rose|"
                         r"grew|climbed|estimated)\b[^.,;]{0,40}$", before, re.I)
        if back:
            noun = back.group("noun").lower()
            c = lex.count_for_word(noun) or next(
                (c for c in lex.counts if any(noun.startswith(w) for w in c.words)), None)
            if c is not None:
                return c.question, noun, 0.85
        m = re.match(r"((?:[\w’'-]+\s+)?[\w’'-]+)", words)
        sizeable = re.search(r"\d|hundred|thousand|million|billion|dozen", figure, re.I)
        if m and sizeable and words.split()[0] not in lex.non_count and re.match(r"[a-z]", words):
            noun = next((w for w in m.group(1).split() if len(w) > 3 and w.endswith("s")), "")
            if noun:
                return Question(f"number of {noun}", (), "quantity"), noun, 0.5
        return None, None, 0

    def _money(self, s, f, ms, currency: str) -> Proposal | None:
        if not _parses(f.text, "quantity"):
            return None
        after = s.text[f.end:]
        what = re.match(rf"\s+{CURRENCIES}\s+(?:in|of|for|worth\s+of)\s+([\w -]{{3,40}}?)(?:\s+(?:to|for|in|by|from)\b|[,.;]|$)",
                        after, re.I)
        name = f"amount of {what.group(1).strip()}" if what else "amount"
        m = _subject_near(ms, f.start)
        return Proposal(
            "quantity", s.start, s.end, f.text, Question(name, (), "quantity"), 0.5 if what else 0.3,
            m.text if m else None, m.entity_id if m else None, scope=currency.lower(), hedge=self._hedge(s),
            as_of=self._as_of(s, f.start), confidence=0.8,
            extra={"figure": [s.start + f.start, s.start + f.end]})

    def _share(self, s, f, ms) -> Proposal | None:
        if not _parses(f.text, "share"):
            return None
        rest = s.text[f.end:]
        m = re.match(r"\s+of\s+(?:the\s+)?(.{3,120}?)(?:[,.;]|$)", rest)
        if not m:
            return None
        phrase = m.group(1)
        owner = [n for n in ms if f.end <= n.start < f.end + 5 + len(phrase)]
        subject = owner[0] if owner else _subject_near(ms, f.start)
        if owner:  # "90% of ISIS Khorasan’s personnel": the owner is the subject, not the question
            phrase = re.sub(rf"^{re.escape(owner[0].text)}(?:’s|'s)?\s*", "", phrase)
        phrase = re.sub(r"^(\w+)\s+(are|is|were|was|have|has)\b", r"\1 who \2", phrase.strip())
        question = Question(f"share of {phrase}", (), "share")
        return Proposal(
            "quantity", s.start, s.end, f.text, question, 0.6,
            subject.text if subject else None, subject.entity_id if subject else None,
            hedge=self._hedge(s), as_of=self._as_of(s, f.start), confidence=0.85,
            extra={"figure": [s.start + f.start, s.start + f.end]},
        )

    # -- dated events -------------------------------------------------------------------------

    def dated(self, s: Sentence) -> list[Proposal]:
        ds = [d for d in dates(s.text, self.today) if d.has_year]
        if not ds:
            return []
        for d_lex in self.lex.dates:
            pairs = [(abs(d.start - v.start()), v, d) for v in d_lex.verbs.finditer(s.text) for d in ds]
            if not pairs:
                continue
            gap, v, d = min(pairs, key=lambda t: t[0])
            if gap > 120:
                continue
            if d_lex.question.name == "founding date":
                ms = names.mentions(s.text, self.aliases)
                m = _subject_near(ms, v.start())
                subject, sid = (m.text, m.entity_id) if m else (None, None)
                strength, conf = 0.9, 0.85
            else:
                subject, sid = self._event_subject(s)
                strength, conf = 0.6, 0.6
            if not _parses(d.text, "date"):
                continue
            return [Proposal("date", s.start, s.end, d.text, d_lex.question, strength, subject, sid,
                             verb=v.group().lower(), hedge=self._hedge(s), confidence=conf)]
        return []

    # -- attributions -------------------------------------------------------------------------

    def attributions(self, s: Sentence) -> list[Proposal]:
        out = []
        dismissal = self.lex.dismissals.search(s.text)
        if dismissal is not None:
            speaker = self._speaker(s.text[:dismissal.start()])
            if speaker is not None:
                p = self._statement(s, "denies", re.sub(r"\s+", " ", dismissal.group("verb").lower()),
                                    speaker, dismissal.group("what").strip() or "it")
                if p is not None:
                    return [p]
        for v in self.lex.verbs.finditer(s.text):
            p = self._attribution(s, v)
            if p is not None:
                out.append(p)
                break  # one statement a sentence: the first reporting verb governs
        if not out:
            p = self._according_to(s)
            if p is not None:
                out.append(p)
        for m in self.lex.statement_nouns.finditer(s.text):
            p = self._statement_noun(s, m)
            if p is not None and not any(o.speaker == p.speaker for o in out):
                out.append(p)
        for p in out:
            if p.kind != "denial" and p.extra.get("proposition"):
                self.last_statement = p
        return out

    def _speaker(self, phrase: str) -> names.Mention | None:
        """Who speaks in a phrase: a known name, else a proper name, else a role ("officials")."""
        ms = names.mentions(phrase, self.aliases)
        ms = [m for m in ms if m.text.lower() not in ("it", "this")]
        if ms:
            m = ([k for k in ms if k.entity_id is not None] or ms)[-1]
            # "The Afghan defense ministry": keep the role noun that follows a name.
            tail = re.match(r"(?:\s+[\w’'-]+){1,2}", phrase[m.end:])
            if m.entity_id is None and tail and self.lex.speaker_nouns.fullmatch(tail.group().split()[-1]):
                end = m.end + tail.end()
                return names.Mention(m.start, end, phrase[m.start:end], None)
            return m
        role = self.lex.speaker_nouns.search(phrase)
        if role is None:
            return None
        np = re.search(r"(?:the\s+)?(?:[\w’'-]+\s+){0,3}" + re.escape(role.group()) + r"\b", phrase, re.I)
        text = re.sub(r"^(?:the|a|an)\s+", "", np.group(), flags=re.I)
        return names.Mention(np.start(), np.end(), text, None)

    def _attribution(self, s: Sentence, v: re.Match) -> Proposal | None:
        text = s.text
        verb = re.sub(r"\s+", " ", v.group().lower())
        cls = self.lex.verb_class[verb]
        before, after = text[:v.start()], text[v.end():]
        if re.search(r"\b(?:is|are|was|were|been|be|being|it has|it had)\s+$", before, re.I):
            return None  # "is said to", "it has been said": a hedge, not a speaker
        if re.match(r"\s+(?:to|by)\b", after) and cls == "asserts":
            return None
        if verb in _NEEDS_STATEMENT and not (re.match(r"\s*(?:that\b|[,:“\"‘])", after) or (
                verb in _MAY_END and re.match(r"\s*(?:(?:on|in|at|this|last)\s+[\w ]{2,20})?\.?$", after))):
            return None
        if not v.group()[:1].islower():
            return None  # "States" in "the United States"
        clause = before[_CLAUSE_START.search(before).end():] if before else ""
        clause = re.sub(r"\b(?:has|have|had|also|previously|later|repeatedly|strongly|had\s+also|"
                        r"on\s+\w+day|once\s+again)\s*$", "", clause.strip(), flags=re.I).strip()
        postposed = bool(re.match(r"\s*[.,]?\s*$", after))
        if postposed and re.search(r"[”\"’']\s*[\w’' -]*$", before):
            # "“...,” the ISPR had stated.": the statement is the quotation before.
            head = before[:before.rfind(re.findall(r"[”\"’']", before)[-1]) + 1]
            speaker = self._speaker(before[len(head):])
            if speaker is not None:
                content = head.strip(" “”\"',")
                p = self._statement(s, cls, verb, speaker, content)
                return p
        postposed = False
        speaker = self._speaker(clause) if clause else None
        if speaker is None and not clause.strip() and before.rstrip().endswith(","):
            # "Many, like X of the ANP, reject ...": the speaker is named in the aside.
            speaker = self._speaker(before)
        if speaker is None and re.match(r"\s*[.,]?\s*$", after):
            # "S, X said." -- the speaker sits between the last comma and the verb.
            tail = before.rsplit(",", 1)
            if len(tail) == 2:
                speaker, content = self._speaker(tail[1]), tail[0]
                postposed = speaker is not None
        if speaker is None:
            return None
        content = before.rsplit(",", 1)[0] if postposed else after
        content = re.sub(r"^\s*(?:that\s+|,\s*)", "", content).strip(" .")
        p = self._statement(s, cls, verb, speaker, content)
        cites = re.match(r"\s*according to ([^,]{2,80}),", text, re.I)
        if p is not None and cites:
            p.cites = cites.group(1)
        return p

    def _according_to(self, s: Sentence) -> Proposal | None:
        m = (re.match(r"\s*according to (?P<who>[^,]{2,80}),\s*(?P<what>.+)", s.text, re.I)
             or re.search(r"(?P<what>.{10,}?),?\s+according to (?P<who>[^,.]{2,80})", s.text, re.I))
        if not m:
            return None
        if re.match(r"(?:the\s+)?(?:order|orders|plan|plans|law|laws|rules|tradition|custom|schedule)\b",
                    m.group("who").strip(), re.I):
            return None  # "according to the order of X": not a statement
        speaker = self._speaker(m.group("who"))
        if speaker is None:
            return None
        return self._statement(s, "asserts", "according to", speaker, m.group("what").strip(" ."))

    def _statement_noun(self, s: Sentence, m: re.Match) -> Proposal | None:
        noun = m.group("noun").lower()
        cls = self.lex.noun_class[noun]
        speaker = self._speaker(m.group("who"))
        if speaker is None:
            return None
        content = re.match(r"\s*(?:that\s+)?(.*)", s.text[m.end():]).group(1).strip(" .")
        if not content.lower().startswith(("that", "of")) and not s.text[m.end():].lstrip().startswith("that"):
            content = ""
        p = self._statement(s, cls, f"{noun} of", speaker, content, strength_cap=0.8)
        return p

    def _statement(self, s, cls, verb, speaker, content, strength_cap=1.0) -> Proposal | None:
        """The question a statement answers, its subject and its answer."""
        speaker_text, speaker_id = speaker.text, speaker.entity_id
        if re.match(r"(?:no|none|nobody|neither)\b", speaker_text, re.I):
            return None  # "No group has claimed responsibility": nobody speaks
        conf = 0.9 if speaker_id else (0.85 if speaker.text[:1].isupper() else 0.7)
        if cls == "asserts" and re.search(
                r"\b(?:not|never|no)\b[^.]{0,30}\b(?:involved|responsible|behind|part of|linked)\b", content, re.I):
            cls = "denies"  # "Afghans are not involved": the speaker denies a part in it
        kind = "denial" if cls == "denies" else "attribution"
        polarity = "denies" if cls == "denies" else "asserts"
        base = dict(speaker=speaker_text, speaker_id=speaker_id, verb=verb, polarity=polarity,
                    hedge=self._hedge(s), confidence=conf, as_of=self._as_of(s, 0))
        responsibility = next(st for st in self.lex.statements if st.question.name == "responsibility")
        low = content.lower()
        # A denial that only points back ("rejected the allegations"): the earlier statement's
        # question and answer, denied.
        if cls == "denies" and (low in self.lex.back_references or re.match(
                r"(?:the|these|such|those)\s+(?:\w+\s+)?(?:allegations?|accusations?|claims?|charges?|reports?)\b", low)):
            prev = self.last_statement
            if prev is not None:
                return Proposal(kind, s.start, s.end, prev.value, prev.question, prev.question_strength * 0.9,
                                prev.subject, prev.subject_id, note=f"denies: {prev.speaker}", **base)
            return None
        if cls in ("accuses", "claims") or (cls == "denies" and responsibility.pattern.search(low)):
            subject, sid = self._event_subject(s)
            if cls == "accuses":
                obj = re.match(r"\s*((?:the\s+)?[^,.;]{1,80}?)\s+(?:of|for|over)\b", content)
                target = self._speaker(obj.group(1)) if obj else None
                if target is None and re.match(r"\s*(?:of|for)\b", content):
                    # "a group that the US accuses of ...": the one accused stands before.
                    head = s.text[:s.text.find(content)] if content in s.text else ""
                    known = [m for m in names.known(head, self.aliases) if m.text != speaker_text]
                    target = known[0] if known else None
                target = target or next(iter(names.mentions(content, self.aliases)), None)
                if target is None:
                    return None
                value, value_id = target.text, target.entity_id
            else:  # claims responsibility, or denies involvement: the speaker is the answer
                value, value_id = speaker_text, speaker_id
            if subject is not None and (cls != "accuses" or self.lex.event_re.search(content)):
                return Proposal(kind, s.start, s.end, value, responsibility.question, 0.9 * strength_cap,
                                subject, sid, extra={"proposition": True, "value_id": value_id}, **base)
        for st in self.lex.statements:
            if st.question.name == "responsibility":
                continue
            m = st.pattern.search(content)
            if m and m.groupdict().get("value"):
                value = m.group("value")
                ms = [x for x in names.mentions(content, self.aliases) if x.text not in value]
                event = names.event_name(content, self.aliases)
                if event:
                    subject, sid = event[0], self.aliases.get(names.fold_text(event[0]))
                elif ms:
                    subject, sid = ms[0].text, ms[0].entity_id
                else:
                    subject, sid = self._event_subject(s)
                return Proposal(kind, s.start, s.end, value, st.question, 0.85 * strength_cap,
                                subject, sid, extra={"proposition": True}, **base)
        if not content:
            return None
        ms = names.mentions(content, self.aliases)
        subject = next((m for m in ms if m.entity_id), ms[0] if ms else None)
        short = content if len(content) <= 200 else content[:197].rsplit(" ", 1)[0] + "..."
        question = Question(f"statements by {speaker_text}", (), "text")
        return Proposal(kind, s.start, s.end, short, question, 0.3 * strength_cap,
                        subject.text if subject else None, subject.entity_id if subject else None,
                        extra={"proposition": False}, **base)


def read(text: str, aliases: dict[str, int], today: dt.date | None,
         navigation: list[tuple[int, int]] = ()) -> Reading:
    """Every candidate claim in a text; `aliases` maps folded alias keys to entity ids."""
    return Reader(text, aliases, today, navigation).read()
