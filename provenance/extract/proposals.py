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
import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from ..anchoring import fold_text
from ..errors import InputError
from ..values import Period, parse_value
from . import events, names
from .figures import DateMention, Figure, dates, figures, is_year
from .lexicon import Question, lexicon
from .sentences import Sentence, sentences

ROLE_WEIGHT = {"body": 1.0, "headline": 0.7, "caption": 0.3, "navigation": 0.2}
CURRENCIES = (
    r"(?:yuan|renminbi|dollars?|euros?|rupees?|pounds?|yen|roubles?|rubles?|afghanis?|"
    r"riyals?|dirhams?|lira|francs?)"
)
# Verbs that report only with a statement after them: "has added fighters" reports nothing,
# "the United States" is not a verb, "alleged concerns" is an adjective.
_NEEDS_STATEMENT = {
    "added",
    "states",
    "note",
    "say",
    "says",
    "alleged",
    "reported",
    "claims",
    "mentioned",
    "indicated",
    "suggested",
    "described",
}
_MAY_END = {"added", "reported", "says", "alleged"}  # "..., the agency reported on Tuesday."
# Words that may follow a count without naming what it counts ("rose to 100 on Tuesday").
_FUNCTION_WORDS = {
    "on",
    "in",
    "at",
    "by",
    "for",
    "so",
    "to",
    "as",
    "last",
    "this",
    "were",
    "was",
    "have",
    "has",
    "had",
    "are",
    "is",
    "remain",
    "remained",
    "remains",
    "more",
    "others",
    "other",
    "people",
    "of",
    "from",
    "till",
    "until",
    "after",
    "during",
    "overnight",
    "now",
    "yet",
    "according",
    "officially",
    "confirmed",
    "reported",
    "and",
    "or",
    "including",
    "among",
    "who",
    "which",
    "that",
    "since",
    "while",
    "when",
    "today",
    "yesterday",
    "later",
    "earlier",
    "could",
    "would",
    "may",
    "might",
    "will",
    "still",
    "also",
    "currently",
}
_MONTH_NAMES = (
    r"\b(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b"
)
_MONTHS = re.compile(_MONTH_NAMES + r"\.?\s*$", re.I)
# An earlier figure just before a number: "up from 95", "the earlier tally of 95", "was earlier put at".
_EARLIER_BEFORE = re.compile(
    r"\b(?:up|down)\s+from\s*$|\b(?:earlier|previous|initial|original|old)\s+(?:death\s+)?"
    r"(?:tally|toll|figure|count|estimate|total)\s+(?:of|was|had\s+been|stood\s+at)\s*$"
    r"|\b(?:was|were|had\s+been|been)\s+(?:earlier|previously|initially|first)\s+(?:put|given|reported|"
    r"estimated|set|placed)\s+at\s*$|\b(?:earlier|previously|initially)\s+(?:put|gave|reported|estimated)\s+"
    r"(?:it\s+|the\s+\w+\s+)?at\s*$",
    re.I,
)
# The earlier figure just after the new one: "revised to 275 from 288", "103, up from 73".
_EARLIER_AFTER = re.compile(
    r"\s+(?:and\s+)?not\s+(\d[\d,.]*)\b|\s*,?\s*(?:(?:up|down)\s+)?from\s+(?:an?\s+)?(?:earlier\s+|previous\s+)?(?:\w+\s+)?([\d][\d,.]*)"
)
# "two more people died", "three more have succumbed", "two more deaths", "three more bodies were
# found": an increment of a toll, not a toll.
_INCREMENT = re.compile(
    r"\s+(?:more|additional|further)\s+(?:[\w’'-]+\s+){0,2}?(?:have\s+|has\s+|had\s+)?(?:since\s+|also\s+|later\s+)?"
    r"(?:died|succumbed|perished|deaths|dead|killed|been\s+killed|were\s+killed|lost\s+their\s+lives|"
    r"(?:were|have\s+been|had\s+been|was)\s+(?:found|recovered|retrieved|pulled\s+out))\b",
    re.I,
)
# "Initially, reports said 103 were killed, but the minister later revised it to 95": the opening
# "Initially" dates the figures before the turn of the sentence, not those after it.
_CONTRAST = re.compile(r"\b(?:but|however|later|now|since\s+then|then|before\s+(?:it|the\s+\w+)\s+was)\b", re.I)
# Words that say a new figure replaces an earlier one rather than adding to a running count.
_REVISION = re.compile(
    r"\b(?:revis\w*|correct\w*|updat\w*|lowered|downgraded|adjusted|double[- ]count\w*|counted\s+twice|"
    r"earlier\s+(?:tally|toll|figure|count)|previous\s+(?:tally|toll|figure|count)|and\s+not\s+\d+)",
    re.I,
)
_AUX = r"(?:are|were|is|was|have|has|had|be|been|being|of|in|at|on|to|for|by|from|with|and|or|the|as|all|also)"
_CLAUSE_START = re.compile(r"(?:^|[,;:(]\s*|\s(?:and|but|while|when|after|as|that|which|who)\s+)(?=[^,;:(]*$)")


# A party list: "Israel and the United States (US)", "U.S., Israel", "either Israel or Washington",
# "the US and Zionist regimes".
_NAME = (
    r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*(?:\s+of\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)?"  # "Port Authority of X"
    r"(?:\s+(?:regimes?|entity|government|administration))?(?:\s*\([^)]*\))?"
)
_I = re.I
# A party with no name ("the police", "the dam operator", "local authorities"): up to two words
# and a party noun of the lexicon; {party} is filled in per lexicon (a desk may add nouns).
_NOT_MOD = (
    r"(?:that|which|who|said|says|told|and|or|nor|of|to|on|in|at|for|by|with|from|was|were|is|are|had|has|"
    r"have|been|not|no|any|all|blamed|accused|held|denied|rejected|believe|whether|the|its|their|a|an)"
)
_PARTY = (
    rf"(?:(?:the|its|their)\s+)?(?:[A-Z][\w.’'-]*\s+){{0,2}}(?:(?!{_NOT_MOD}\b)[a-z][\w-]*\s+){{0,2}}"
    r"(?i:{party})s?\b"
)  # "the dam operator", "Greek coast guard", "East Java police"
# A capitalised function word ("The", "In") begins a sentence, not a name.
_ONE = (
    r"(?:(?:his|her|their|its)\s+(?:[a-z]+\s+){1,2}(?=[A-Z]))?"  # "his wife X", "their close aides X"
    rf"(?:(?!(?:The|A|An|This|That|These|Those|Its|Their|His|Her|In|On|At|But|And|As|After|When)\s){_NAME}|{_PARTY})"
)
_WHO = rf"(?P<who>(?:(?:the|either|both)\s+)?{_ONE}(?:\s*(?:,(?:\s*(?:and|or)\b)?|\band\b|\bor\b|\bnor\b)\s*(?:the\s+|its\s+ally\s+)?{_ONE})*)"
# What a thing was blamed on ("blamed the crash on signal failure"): a short phrase, named or not.
_STOP_CAUSE = r"(?:in|at|as|after|while|which|that|during|for|but|and\s+said|saying|since|because|when|by)"
_CAUSE = (
    rf"[“\"‘']?(?P<who>[\w’'-]+(?:\s+(?!{_STOP_CAUSE}\b)[\w’'-]+){{0,5}})(?=\s*[,.;:)”\"’]|\s+{_STOP_CAUSE}\b|\s*$)"
)
# A list of causes ("a possible bird strike and an unusual landing gear failure").
_LONG_CAUSE = _CAUSE.replace("{0,5}", "{0,11}")
# What a cause is the cause of ("the crash was caused by ...", "the reason behind the collapse").
_MISHAP = (
    r"(?:crash|accident|disaster|tragedy|incident|collapse|crush|stampede|floods?|flooding|fire|blaze|blast|"
    r"explosion|derailment|collision|outbreak|failure|breach|deaths?|capsiz\w*|sinking|wreck|shipwreck)"
)
# What someone carries out, claims or is blamed for ("the attack was claimed by X").
_ATTACK = (
    r"(?:attacks?|bombings?|blasts?|explosions?|shootings?|killings?|massacres?|assaults?|strikes?|ambush(?:es)?|"
    r"raids?|sabotage|stabbings?|hijacking|kidnapping|abduction|arson|{mishap})"
)
# (polarity, pattern): what a sentence says of a party's part in the event. Verbs are matched in
# any case, names only capitalised (the pattern text around {who} is made case-insensitive inline).
# "cause" patterns take any short phrase as the answer ("heavy rain", "signal failure").
_BLAME_SPECS = (
    ("asserts", r"(?i:\bblam(?:e|es|ed|ing)\s+){who}(?i:\s+(?:\w+\s+)?(?:for|over)\b)"),
    # Blame laid on a thing is still blame ("blamed the crash on signal failure"): responsibility.
    (
        "blamed on",
        r"(?i:\bblam(?:e|es|ed|ing)\s+(?:it|this|that|them|(?:the|a)\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:\w+\s+)?on\s+){cause}",
    ),
    ("blamed on", r"(?i:\b(?:was|were|has\s+been|had\s+been|is)\s+(?:\w+\s+)?blamed\s+on\s+){cause}"),
    # What caused it: "the fire ... might have been caused by X", "deaths were mainly caused by X".
    (
        "cause",
        r"(?i:\b{mishap}\b[^.;]{0,120}?\b(?:was|were|had\s+been|has\s+been|is|are|"
        r"(?:might|may|could|must|would)\s+have\s+been)\s+(?:\w+\s+)?(?:caused|started|sparked|triggered)\s+by\s+){cause}",
    ),
    ("cause", r"(?i:\b{mishap}\s+(?:was|were|had\s+been)\s+(?:\w+\s+)?due\s+to\s+){cause}"),
    (
        "cause",
        r"(?i:\b(?:likely\s+|probable\s+|main\s+|primary\s+|root\s+|immediate\s+)?cause\s+of\s+(?:the\s+)?{mishap}\s+"
        r"(?:was|is|were|may\s+have\s+been)\s+(?:related\s+to\s+|linked\s+to\s+|due\s+to\s+)?){cause}",
    ),
    (
        "cause",
        r"(?P<who>(?:[\w’'-]+\s+){0,3}[\w’'-]+)(?i:\s+(?:could|may|might|would)?\s*(?:be|was|is|were|have\s+been)\s+"
        r"(?:the\s+)?(?:likely\s+|probable\s+|main\s+|primary\s+)?(?:reason|cause)\s+(?:behind|for|of)\s+(?:the\s+)?{mishap})",
    ),
    ("asserts", r"(?i:\baccus(?:e|es|ed|ing)\s+)[“\"‘']?{who}[”\"’']?(?i:\s+of\b)"),
    ("asserts", r"(?i:\bblam(?:e|es|ed|ing)\s+){who}(?=\s*[,.;]|\s*$)"),  # "The Kremlin blamed Ukraine, saying"
    (
        "asserts",
        r"(?i:\bh(?:eld|olds?|olding)\s+){who}(?i:\s+(?:\w+\s+)?(?:responsible|accountable|culpable|liable)\b)",
    ),
    ("asserts", r"(?i:\bpoint(?:s|ed|ing)?\s+(?:the\s+)?finger\s+at\s+){who}"),
    ("asserts", r"(?i:\b(?:found|finds|find|declared|ruled)\s+){who}(?i:\s+(?:guilty|negligent|culpable|liable)\b)"),
    (
        "asserts",
        r"(?i:\b(?:transfer|shift|pass|deflect)\w*\s+(?:the\s+)?(?:responsibility|blame)\s+(?:on)?to\s+){who}",
    ),
    (
        "asserts",
        r"{who}(?i:\s+(?:[a-z]+ed\s+and\s+)?(?:had\s+|has\s+)?(?:caused|triggered|sparked|provoked)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}"
        r"(?:{mishap}|mayhem|chaos|violence|carnage|unrest))",
    ),
    (
        "asserts",
        r"(?i:\b(?:lay|lays|laid|cast|casts|put|puts|place[sd]?)\s+(?:the\s+)?blame\s+(?:squarely\s+)?on\s+){who}",
    ),
    (
        "asserts",
        r"(?i:\bblame\s+(?:was|has\s+been|is|had\s+been)\s+(?:\w+\s+)?(?:cast|laid|put|placed)\s+on\s+){who}",
    ),
    ("asserts", r"(?i:\bresponsibility\b[^.]{0,40}?\blies?\s+(?:squarely\s+)?with\s+){who}"),
    (
        "asserts",
        r"{who}(?i:\s+[“\"‘']?(?:were|was|are|is)\s+(?:(?!not\b|never\b|no\b)\w+\s+)?[“\"‘']?"
        r"(?:responsible|behind|involved|to\s+blame|at\s+fault|culpable)\b)",
    ),
    ("asserts", r"{who}(?i:\s+(?:bears?|bore|shoulders?|shouldered)\s+(?:\w+\s+)?(?:responsibility|blame)\b)"),
    # "pinpointed severe malaria exacerbated by ... as the cause", "cited fog as the likely cause".
    (
        "cause",
        r"(?i:\b(?:identified|identifies|pinpointed|pinpoints|named|names|cited|cites|singled\s+out)\s+)"
        r"(?P<who>(?:[\w’'-]+\s+){0,3}?[\w’'-]+)(?=(?:\s+(?:exacerbated|aggravated|compounded|worsened)\s+by\s+[^.;]{0,80}?)?"
        r"\s+as\s+the\s+(?:\w+\s+)?cause\b)",
    ),
    # "The investigation is focusing on a possible bird strike": what investigators look at.
    (
        "cause",
        r"(?i:\binvestigat\w*\b[^.;]{0,80}?\b(?:focus(?:es|ed|ing)?|centr(?:es|ed|ing)|concentrat\w+)\s+on\s+"
        r"(?:an?\s+|the\s+)?(?:possible\s+|potential\s+|suspected\s+|probable\s+)?){longcause}",
    ),
    # An illness "diagnosed as a severe form of malaria", "identified as cholera".
    (
        "cause",
        r"(?i:\b(?:disease|illness|outbreak|sickness)\b[^.;]{0,80}?\b(?:has\s+been|have\s+been|was|were|is)\s+"
        r"(?:\w+\s+)?(?:diagnosed|identified|confirmed)\s+as\s+(?:an?\s+)?){cause}",
    ),
    # "candles or a cooking fire could have caused the fire": a thing (a party is read above).
    (
        "cause",
        r"(?P<who>(?:[\w’'-]+\s+){0,6}[\w’'-]+)(?i:\s+(?:(?:could|may|might|must|would)\s+have\s+|had\s+|has\s+|have\s+)?"
        r"(?:caused|started|sparked|triggered|exacerbated|worsened|contributed\s+to)\s+(?!by\b)(?:the\s+)?(?:[\w-]+\s+){0,2}{mishap}\b)",
    ),
    ("asserts", r"{who}(?i:\s+[“\"‘']behind[”\"’']?\s)"),
    ("asserts", r"(?i:\bthe\s+work\s+of\s+(?:the\s+)?){who}"),
    ("asserts", r"(?i:\bby\s+(?:the\s+)?agents\s+of\s+(?:the\s+)?){who}"),
    ("asserts", r"(?i:\bpoints?\s+to\s+){who}(?i:\s+as\s+(?:a|the)\s+(?:\w+\s+)?(?:perpetrator|culprit))"),
    (
        "claims",
        r"{who}(?i:\s+(?:has\s+|had\s+|have\s+)?(?:claimed|claims|claiming|took|takes|accepted)\s+responsibility)",
    ),
    (
        "claims",
        r"{who}(?i:\s+(?:said|says)\s+(?:it|they)\s+(?:had\s+)?(?:carried\s+out|was\s+behind|were\s+behind|staged)\b)",
    ),
    # Passive: "the attack was claimed by X", "responsibility was claimed by X": X claims it.
    (
        "claims",
        r"(?i:\b(?:responsibility|{attack})\b[^.;]{0,60}?\b(?:was|were|has\s+been|had\s+been|is|are)\s+"
        r"(?:(?!not\b|never\b)\w+\s+)?claimed\s+by\s+){who}",
    ),
    # A that-clause laying an act on a party: "Ukraine said Russian forces blew up the dam",
    # "Moscow has claimed Ukraine damaged the dam".
    (
        "asserts",
        r"(?i:\b(?:said|says|say|claimed|claims|alleged|alleges|insisted|insists|maintained|argued|believes?|"
        r"accused\s+\w+\s+of\s+saying)\s+(?:on\s+\w+\s+)?(?:that\s+)?)(?:the\s+)?{who}"
        r"(?i:\s+(?:had\s+|has\s+|have\s+)?(?:deliberately\s+|intentionally\s+)?(?:blew\s+up|blown\s+up|bombed|"
        r"sabotaged|mined|destroyed|damaged|shelled|set\s+fire\s+to|torched)\s+(?:the|a|an|its|it)\b)",
    ),
    # Passive: "the dam was mined by Russian occupiers", "was blown up by X".
    (
        "asserts",
        r"(?i:\b(?:was|were|had\s+been|has\s+been)\s+[“\"‘']?(?:\w+\s+)?(?:blown\s+up|bombed|sabotaged|mined|destroyed|"
        r"set\s+on\s+fire|torched|shelled)\s+by\s+)[“\"‘']?{who}(?=[”\"’']?\s*[,.;:)]|[”\"’']?\s*$|[”\"’']?\s+(?:who|which|that|and|on|in|at|after|during)\b)",
    ),
    # "X had committed a deliberate war crime in blowing up the dam": the act is laid on X.
    (
        "asserts",
        r"{who}(?i:\s+(?:had\s+|has\s+|have\s+)?committed\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}(?:crimes?|acts?|atrocit\w+|sabotage)"
        r"\s+(?:in|by)\s+\w+ing\b)",
    ),
    # "X carried out the attack", "X-linked gunmen staged the bombing".
    (
        "asserts",
        r"{who}(?i:\s+(?:gunmen|attackers|bombers|operatives|members|fighters))?(?i:\s+(?:had\s+|has\s+|have\s+)?"
        r"(?:carried\s+out|perpetrated|staged|orchestrated|masterminded|committed)\s+[“\"‘']?(?:the|this|that|an?|their|its)\s+"
        r"(?:[\w-]+\s+){0,2}{attack}\b)",
    ),
    # "The attack was carried out by X", "... was perpetrated by X".
    (
        "asserts",
        r"(?i:\b{attack}\b[^.;]{0,60}?\b(?:was|were|has\s+been|had\s+been|is|are)\s+(?:(?!not\b|never\b)\w+\s+)?"
        r"(?:carried\s+out|perpetrated|committed|staged|orchestrated|masterminded|executed|conducted)\s+by\s+){who}",
    ),
    # "attributed the attack to X", "the blast was attributed to X": a party is responsible, a
    # thing is the cause (read below). Never "a statement attributed to X": the object is the event.
    (
        "asserts",
        r"(?i:\battribut(?:e|es|ed|ing)\s+(?:(?:the|this|these|that)\s+(?:[\w-]+\s+){0,2}?{attack}|it|this|them)\s+to\s+)"
        r"{who}(?=\s*[,.;:)]|\s*$|\s+(?:and|or|who|which|as|in|on|at|after|for|by)\b)",
    ),
    (
        "asserts",
        r"(?i:\b{attack}\b[^.;]{0,60}?\b(?:was|were|has\s+been|had\s+been|is|are)\s+(?:(?!not\b|never\b)\w+\s+)?"
        r"attributed\s+to\s+){who}",
    ),
    (
        "cause",
        r"(?i:\battribut(?:e|es|ed|ing)\s+(?:the\s+|this\s+|that\s+)?(?:(?!of\b)[\w-]+\s+)?{mishap}\s+to\s+){cause}",
    ),
    (
        "cause",
        r"(?i:\b{mishap}\b[^.;]{0,60}?\b(?:was|were|has\s+been|had\s+been|is|are)\s+(?:(?!not\b|never\b)\w+\s+)?"
        r"attributed\s+to\s+){cause}",
    ),
    # "suspected X militants", "suspected X-linked gunmen": the group named is suspected.
    (
        "asserts",
        r"(?i:\bsuspected\s+)(?P<who>(?!Islamist\b|Jihadist\b)[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})"
        r"(?i:\s+(?:[a-z]+\s+)?(?:militants?|gunmen|gunman|fighters?|insurgents?|rebels?|bombers?|attackers?|"
        r"jihadists?|extremists?|separatists?|terrorists?|assailants?)\b)",
    ),
    ("denies", r"{who}(?i:\s+(?:had|has|have)\s+(?:had\s+)?no\s+(?:role|hand|part|involvement)\b)"),
    ("denies", r"(?i:\bno\s+){who}(?i:\s+(?:role|involvement|hand)\b)"),
    (
        "denies",
        r"{who}(?i:\s+(?:was|were|is|are)\s+not\s+(?:\w+\s+)?(?:involved|responsible|behind|to\s+blame|at\s+fault)\b)",
    ),
    ("denies", r"{who}(?i:\s+(?:had|has|have)\s+nothing\s+to\s+do\s+with\b)"),
    (
        "disowns",
        r"{who}(?i:,?\s+(?:\w+\s+){0,2}(?:denied|denies|deny|rejected|rejects|disclaimed)\s+(?:[\w—–-]+\s+){0,8}?"
        r"(?:involvement|responsibility|wrongdoing|blame|culpability|liability|a\s+role|role)\b)",
    ),
    # "an accusation the coast guard rejects": the one accused answers it.
    (
        "disowns",
        r"(?i:\b(?:accusations?|allegations?|claims?|charges?|suggestions?)\s+(?:that\s+)?){who}"
        r"(?i:\s+(?:\w+\s+)?(?:rejects|rejected|denies|denied|disputes|disputed|refutes|refuted)\b)",
    ),
    # "tried to deflect blame", "sought to downplay their role", "defended its response".
    (
        "disowns",
        r"{who}(?i:\s+(?:\w+\s+){0,2}?(?:tried|sought|attempted|moved|wanted|has\s+tried|have\s+sought|"
        r"have\s+tried|has\s+sought)\s+to\s+(?:deflect|shift|avoid|downplay|play\s+down|minimi[sz]e)\s+"
        r"(?:the\s+|any\s+)?(?:blame|responsibility|(?:its|their|his|her)\s+(?:role|responsibility|part))\b(?!\s+(?:on)?to\b))",
    ),
    (
        "disowns",
        r"{who}(?i:\s+(?:on\s+\w+\s+)?(?:has\s+|have\s+|had\s+)?(?:\w+\s+)?defended\s+(?:its|their|his|her)\s+"
        r"(?:response|actions|handling|conduct|decision|officers|record)\b)",
    ),
)


_ACCORDING = re.compile("according to", re.I)


class _Blame:
    """One blame pattern, compiled on first need, behind cheap gates: the pattern's text before
    its answer and after it, which any match must contain. The answer's alternation tried at
    every position is what costs; most sentences fail a gate."""

    def __init__(self, how: str, spec: str, fill) -> None:
        self.how, self._spec, self._fill = how, spec, fill
        self._pattern: re.Pattern | None = None
        self.gates = _gates(spec, fill)

    @property
    def pattern(self) -> re.Pattern:
        if self._pattern is None:
            self._pattern = re.compile(self._fill(self._spec))
        return self._pattern

    def finditer(self, text: str) -> Iterator[re.Match]:
        if not all(g.search(text) for g in self.gates):
            return iter(())
        return self.pattern.finditer(text)


_ANSWERS = ("{who}", "{cause}", "{longcause}", "(?P<who>")


def _gates(spec: str, fill) -> list[re.Pattern]:
    """The parts of a spec around its answer, each a pattern any match of the whole contains."""
    at = min((i for a in _ANSWERS if (i := spec.find(a)) >= 0), default=-1)
    if at < 0:
        return []
    if spec.startswith("(?P<who>", at):
        depth, end = 0, at
        while end < len(spec):  # the end of the answer's group, escapes skipped
            if spec[end] == "\\":
                end += 2
                continue
            depth += (spec[end] == "(") - (spec[end] == ")")
            end += 1
            if depth == 0:
                break
    else:
        end = spec.index("}", at) + 1
    out = []
    for part in (spec[:at], spec[end:]):
        if part and not any(a in part for a in _ANSWERS):
            try:
                out.append(re.compile(fill(part)))
            except re.error:
                pass
    return out


@functools.lru_cache(maxsize=8)
def _blame_patterns(party_words: str) -> list[_Blame]:
    who = _WHO.replace("{party}", party_words)

    def fill(pat: str) -> str:
        return (
            pat.replace("{who}", who)
            .replace("{longcause}", _LONG_CAUSE)
            .replace("{cause}", _CAUSE)
            .replace("{attack}", _ATTACK)
            .replace("{mishap}", _MISHAP)
        )

    return [_Blame(how, pat, fill) for how, pat in _BLAME_SPECS]


@functools.lru_cache(maxsize=8)
def _each_other_pattern(party_words: str) -> re.Pattern:
    one = _ONE.replace("{party}", party_words)
    return re.compile(
        rf"(?:\b(?:both|either)\s+)?(?:the\s+)?(?P<a>{one})\s+and\s+(?:the\s+)?(?P<b>{one})\s+"
        r"(?:(?:have|had|are|were|has)\s+)?(?:(?:been|also|both|again|repeatedly)\s+)*"
        r"(?i:(?:accus\w*|blam\w*)\s+(?:one\s+another|each\s+other)\b|(?:traded|exchanged|swapped|trading)\s+"
        r"(?:blame|accusations|charges))"
    )


_PERSON = r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})"
# (question, pattern): who carried the event out and where they are from, in the words a report
# uses for an attacker or a suspect ({role}), and the nationality adjectives of the lexicon ({dem}).
_PERPETRATOR_SPECS = (
    ("responsibility", r"(?i:\b(?:suspected|alleged|accused|lone|lead|main|the|a)\s+{role}s?\s+)" + _PERSON),
    ("responsibility", _PERSON + r",\s+(?:\d+,\s+)?(?:the|a|an)\s+(?:[\w-]+\s+){0,3}(?i:{role})s?\b"),
    (
        "responsibility",
        r"(?i:\b{role}s?,?\s+(?:who\s+(?:was|is|has\s+been)\s+)?(?:believed|thought|identified|named|"
        r"later\s+identified)\s+(?:to\s+be|as)\s+)" + _PERSON,
    ),
    ("perpetrator nationality", r"(?i:\b(?:the|an?)\s+)(?P<dem>{dem})(?i:(?:[\s-]born)?\s+(?:[\w-]+\s+)?{role}s?\b)"),
    (
        "perpetrator nationality",
        r"(?i:\b{role}s?\b[^.;]{0,60}?\b(?:with|holding|held|had|has|of)\s+)(?P<dem>{dem})(?i:\s+(?:citizenship|nationality)\b)",
    ),
    (
        "perpetrator nationality",
        r"(?i:\b{role}s?\b[^.;]{0,60}?\b(?:was|is|were|are)\s+(?:also\s+)?an?\s+)(?P<dem>{dem})"
        r"(?i:(?:[\s-]born)?\s+(?:citizens?|nationals?)\b)",
    ),
)


@functools.lru_cache(maxsize=8)
def _perpetrator_patterns(role: str, dem: str) -> list[tuple[str, re.Pattern]]:
    return [(q, re.compile(p.replace("{role}", role).replace("{dem}", dem))) for q, p in _PERPETRATOR_SPECS]


# Before "X was involved": words that make it a denial ("no reason to believe that", "refuted
# the notion that", "rejected any suggestion that").
_NEGATED = re.compile(
    r"\b(?:no\s+(?:reason|evidence|indication|sign|proof)\b|not\s+(?:believe|think)|refut\w*|reject\w*|"
    r"den(?:y|ied|ies)|dismiss\w*|(?:absurd|ridiculous|wrong|false|untrue|baseless|nonsense)\s+to\s+"
    r"(?:claim|say|suggest|allege|think))[^.;]{0,90}\bthat\s+(?:either\s+|neither\s+)?[^.;]{0,40}$",
    re.I,
)
# "claims made by X that", "allegations from X that": who made the claim a sentence denies.
_MADE_BY = re.compile(
    r"\b(?:claims?|allegations?|accusations?|charges?|assertions?|suggestions?|reports?)\s+(?:\w+\s+)?"
    r"(?:by|from)\s+(?P<who>[^,;:]{2,80}?)\s+that\s+[^.;]{0,60}$",
    re.I,
)
_BLAME_WORDS = re.compile(
    r"blam|accus|finger|responsib|behind|work\s+of|agents\s+of|points?\s+to|\brole\b|involv|nothing\s+to\s+do|\bhand\b"
    r"|fault|accountab|culpab|wrongdoing|liab|carried\s+out|staged|caused|due\s+to|cause|reason|defended|guilty|"
    r"negligent|started|sparked|triggered|exacerbated|worsened|contributed|diagnosed\s+as|identified\s+as|confirmed\s+as|"
    r"reject|denie|dispute|refute|deflect|downplay|attribut|suspected|claimed\s+by|perpetrated|committed|orchestrated|"
    r"masterminded|executed\s+by|conducted\s+by|blew\s+up|blown\s+up|bombed|sabotag|mined|destroyed|damaged|shelled|"
    r"set\s+fire|torched|investigat|each\s+other|one\s+another|traded",
    re.I,
)
# An office named by its place or body ("the mayor of X", "the head of the Y Agency").
_TITLE_OF = re.compile(
    r"\b((?:deputy\s+|vice\s+|acting\s+)?(?:mayor|governor|president|minister|chief|head|leader|commander|"
    r"secretary|director|chairman|chairwoman|chair)\s+of\s+(?:the\s+)?)$",
    re.I,
)
# An aside naming members of the speaker ("Iranian officials, including the president, blamed").
_ASIDE = re.compile(r",\s*(?:including|among\s+them|such\s+as|led\s+by)\s+[^,]{2,120},\s*$", re.I)
# Where or how something was said, before "that" ("in statements to COPE that", "on Telegram that").
_SAID_WHERE = re.compile(
    r"^\s*(?:(?:in\s+(?:an?\s+|its\s+|his\s+|her\s+|their\s+)?(?:statements?|interview|remarks|post|briefing|speech|"
    r"letter|video)(?:\s+(?:to|with|on)\s+[^,]{1,40}?)?|on\s+(?:Telegram|X|Twitter|Facebook|social\s+media|television|"
    r"state\s+TV|\w+day))\s+)+(?=that\b)"
)
# A denial named as a noun, with who made it after "by".
_REJECTION_BY = re.compile(
    r"\b(?:rejection|denial|dismissal|rebuttal|repudiation)\s+of\s+(?:the|these|those|such|this|that|its|their)\s+"
    r"(?:allegations?|accusations?|claims?|charges?|reports?|suggestions?)\s+by\s+(?P<who>[^,.;:]{2,80}?)(?=\s*[,.;:]|\s*$|\s+(?:who|which|on|in|at|after)\b)",
    re.I,
)
# Who a speaker "told": reporters, a news agency, a broadcaster.
_AUDIENCE = re.compile(
    r"\s+(?:reporters|journalists|the\s+press|the\s+media|(?:a|the)\s+(?:news|press)\s+(?:conference|briefing)|"
    r"(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})(?=\s|[.,;:]|$)"
)
# The agent of a passive blame ("was blamed on X by Y").
_BY_AGENT = re.compile(
    r"\s+by\s+(?P<by>(?:[^,.;:]|\.(?=\w|\s+[a-z])){2,80}?)(?=\s*(?:[,;:]|\.(?!\w|\s+[a-z]))|\s*$|\s+(?:on|in|at|after|who|which)\b)"
)
_REPORTS = re.compile(r"\s+(?:said|says|told|added|stated|claimed|declared)\b")
_DETERMINERS = ("the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her")
_NOT_PARTIES = {"it", "this", "that", "he", "she", "they", "we", "the", "a", "an", "no", "both", "either"}
# Words that end what comes before an unnamed party ("said the police" -> "police").
_NOT_MODIFIERS = names.NOT_NAMES | {
    "said", "says", "say", "told", "that", "which", "who", "was", "were", "is", "are", "had", "has", "have",
    "been", "not", "any", "all", "blamed", "blames", "blame", "accused", "accuses", "held", "holds", "denied",
    "denies", "rejected", "believe", "believes", "suggestion", "notion", "whether", "of", "to", "on", "nor",
}  # fmt: skip


def _modified_from(words: list[str], cause: bool) -> int:
    """Where the noun phrase ending a list of words begins: after the last word that cannot modify
    it ("said the police" -> "police"). In a cause "of" joins ("a severe form of malaria")."""
    keep = len(words)
    while keep > 0:
        word = words[keep - 1].lower()
        joined = (
            cause
            and 1 < keep < len(words)
            and (word == "of" or (word in _DETERMINERS and words[keep - 2].lower() == "of"))
        )
        if word in _NOT_MODIFIERS and not joined:
            break
        keep -= 1
    return keep


def _parties(who: str, lex, cause: bool = False) -> list[str]:
    """The parties of a list, each as written ("US", "Zionist regimes", "regional government");
    adjectives of a country name it ("Israeli" -> Israel); a bracket only repeats the name before it.
    An unnamed party must end in a party noun ("the dam operator"); a cause may be any phrase."""
    out = []
    for piece in re.split(r"\s*(?:,|\band\b|\bor\b|\bnor\b)\s*", re.sub(r"\([^)]*\)", " ", who)):
        piece = re.sub(r"^(?:the|either|both|its\s+ally)\s+", "", piece.strip(), flags=re.I).strip(" ,")
        piece = re.sub(r"^(?:his|her|their|its)\s+(?:[a-z]+\s+){1,2}(?=[A-Z])", "", piece)  # "his wife X": X
        # "Al-Qaeda-linked militants": the group named is the party.
        piece = re.sub(r"^([A-Z][\w.’']*(?:[\s-][A-Z][\w.’']*)*)-(?:linked|affiliated)\b.*$", r"\1", piece)
        if piece.endswith(".") and piece.count(".") == 1:
            piece = piece[:-1]  # the sentence's full stop, not "U.S."
        if not piece or piece.lower() in _NOT_PARTIES:
            continue
        if cause or not piece[:1].isupper():  # "officials said faulty wiring": the wiring
            words = piece.split()
            keep = _modified_from(words, cause)
            if (
                cause
                and keep >= 2
                and words[keep - 1].lower() in _DETERMINERS
                and words[keep - 2].lower() in ("in", "of", "from", "on", "at", "by", "with", "for", "to")
            ):
                # "narrow doors in the stadium exacerbated ...": the doors, not the stadium.
                words = words[: keep - 2]
                keep = _modified_from(words, cause)
            words = words[keep:]
            while (
                cause
                and words
                and (
                    re.fullmatch(r"[a-z]+ly", words[-1])
                    and words[-1] not in ("rally", "supply")
                    or (len(words) > 1 and re.fullmatch(r"[a-z]+ed|used|lit|left|made|set", words[-1]))
                )
            ):
                words = words[:-1]  # "the rope used allegedly": the rope
            piece = " ".join(words)
            if cause:  # "a possible bird strike": the strike
                piece = re.sub(
                    r"^(?:possible|potential|suspected|probable|likely|apparent|alleged|unusual)\s+", "", piece
                )
            if cause:  # "the use of tear gas": tear gas
                piece = re.sub(r"^(?:use|usage|firing|deployment)\s+of\s+(?:the\s+)?", "", piece, flags=re.I)
            if not piece or not (cause or lex.party_nouns.search(piece.split()[-1])):
                continue
        elif piece.split()[0].lower() in names.NOT_NAMES:
            continue  # "On Thursday, the Islamic State claimed": a time, not a party
        piece = lex.country(piece)
        if piece not in out:
            out.append(piece)
    return out


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
    revises: str | None = None  # the earlier figure this one revises ("revised from 95 to 84")
    earlier: bool = False  # an earlier figure of a running count, stated as replaced
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


# What makes a figure a part of its question's total, read in the figure's own clause.
_CONDITION = re.compile(
    r"(?:\s+[\w’'-]+){0,4}?\s+in\s+(?:an?\s+|the\s+)?(?P<s>(?:critical|serious|grave|stable|fair)\s+condition|"
    r"intensive\s+care|ICU|hospitals?|the\s+community|a\s+community)\b",
    re.I,
)
_FROM = re.compile(
    r"\s+(?:people|persons|victims|passengers|residents|patients|pilgrims|workers)\s+from\s+"
    r"(?P<s>(?:her|his|their|its|the)\s+[A-Z]?[\w’'-]+|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})"
)
_OF_THE = re.compile(
    r"\s+of\s+(?:which|whom|them|those|the\s+(?:\w+\s+)?(?:dead|deaths|victims|injured|wounded|bodies))\b"
)
_AMONG = re.compile(r"\bamong\s+(?:those|the)\s+(?:\w+\s+)?(?:killed|dead|victims|injured|wounded|missing)\b")


# "..., bringing the overall toll to at least 205": the figures before it are a region's part.
_OVERALL = re.compile(
    r"\bbring(?:ing|s)?\s+the\s+(?:overall|total|national|nationwide|country’s|country's|combined)\s+"
    r"(?:\w+\s+)?(?:toll|number|count|tally|figure)\s+to\b",
    re.I,
)
# "was expected to receive 35%", "according to pre-election polls": a forecast, not a count.
_FORECAST = re.compile(
    r"\b(?:(?:expected|projected|forecast|predicted|tipped)\s+to\s+(?:receive|win|get|take|secure|gain|garner|reach)"
    r"|(?:pre-election|opinion)\s+poll\w*"
    r"|(?:expect\w*|projected|predicted|forecasts?)\s+[^.;]{0,40}?\bto\s+(?:kill|claim|cause|leave))\b",
    re.I,
)
_ALONE = re.compile(r"\b(?:in|at)\s+(?P<s>[^,;.]{2,60}?)\s+alone\b", re.I)


_PLACE_BEFORE = re.compile(
    r"\b(?:the\s+)?(?P<s>[A-Z][\w’'-]*(?:[\s-]+[A-Z][\w’'-]*){0,2}\s+"
    r"(?:region|province|state|county|district|governorate|prefecture|municipality))\b"
)


def _sentence_scopes(s: Sentence, found: list[Proposal]) -> list[Proposal]:
    """Scopes only the whole sentence shows: a part before the overall toll, a forecast, a place
    "alone" ("In the town of Paiporta alone, 40 people perished")."""
    overall = _OVERALL.search(s.text)
    alone = _ALONE.search(s.text)
    for p in found:
        at = p.extra["figure"][0] - s.start if "figure" in p.extra else None
        if p.kind != "quantity" or p.scope or at is None:
            continue
        same = [q for q in found if q is not p and q.question == p.question]
        if (
            overall
            and at < overall.start()
            and any(q.extra.get("figure", [0])[0] - s.start > overall.end() for q in same)
        ):
            p.scope = "part"
        elif _FORECAST.search(s.text[:at]):
            p.scope, p.hedge = "forecast", p.hedge or "expected"
        elif alone and (not same or abs(alone.start() - at) < 40):
            p.scope = f"in {alone.group('s')}"
        elif any((q.scope or "").startswith("in ") for q in same) and (
            place := _PLACE_BEFORE.search(s.text[:at].rsplit(",", 1)[-1])
        ):
            # "the X region suffered the most with 92 fatalities, while two deaths occurred in Y and
            # one in Z": a breakdown by place, the first place named before its figure
            p.scope = f"in {place.group('s')}"
    return found


# "10 patients died because of a lack of blood transfusions and 17 died from respiratory problems":
# what sets one part apart from the other (their injuries are no such part: they are the toll's cause).
_CAUSE_PART = re.compile(
    r"\s+(?:(?:of\s+)?(?:the\s+|these\s+|those\s+)?[\w’'-]+\s+){0,2}?(?:died|deaths?|were\s+killed)\s+(?:were\s+)?"
    r"(?:caused\s+)?(?:because\s+of|from|of|due\s+to|by)\s+(?!(?:their|his|her|the)?\s*(?:injuries|wounds)\b)"
    r"(?P<s>[^,;.]{3,60}?)(?=\s+(?:and|while|but|whereas)\b|[,;.]|$)",
    re.I,
)
# "22 deaths..., adding that 19 had died in the capital Nairobi": a city's count after the sentence's
# wider toll (not when the capital is where the event itself happened: then it is the toll).
_CAPITAL = re.compile(
    r"\s+(?:[\w’'-]+\s+){0,4}?in\s+the\s+(?:country’s\s+|country's\s+)?capital(?:\s+city)?,?\s+"
    r"(?:of\s+)?(?P<s>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})"
)
# "the 49 people who were wounded and taken to hospitals": of the injured, those taken to hospital.
_HURT_AND_TAKEN = re.compile(
    r"\s+(?:people\s+|persons\s+)?(?:who\s+)?(?:were|was|had\s+been)\s+(?:injured|wounded|hurt)\s+and\s+"
    r"(?:were\s+)?(?:taken|rushed|admitted|transported)\s+to\s+(?:a\s+|the\s+)?hospitals?\b",
    re.I,
)
# "34 people died on the spot", "10 were confirmed dead on scene": those who died where it happened,
# a part of a toll that also counts those who died later in hospital.
_AT_SCENE = re.compile(
    r"\s+(?:[\w’'-]+\s+){0,4}?(?:died|dead|killed|perished)\s+(?:instantly\s+)?"
    r"(?:on\s+the\s+spot|at\s+the\s+scene|on\s+scene|on\s+site|at\s+the\s+site)\b",
    re.I,
)


def _narrower(before: str, after: str, question: Question) -> str | None:
    """What a figure counts when its clause says it is a part of the question's total: "12 are in
    critical condition", "27 people who died in hospitals", "61 people from her State", "17 of the
    deaths", "of the 278 bodies, 177 ...", "two Canadians were among those killed"."""
    clause = re.split(r"[,;.:()“”\"]|\s(?:and|but|while|whereas)\s", after, maxsplit=1)[0]
    if _AT_SCENE.match(clause):
        return "at the scene"
    if _HURT_AND_TAKEN.match(after):
        return "taken to hospital"
    m = _CONDITION.match(clause)
    if m and not (question.name == "hospitalised" and m.group("s").lower().startswith("hospital")):
        return f"in {m.group('s')}"
    if m := _FROM.match(clause):
        return f"from {m.group('s')}"
    if (m := re.match(r"\s+from\s+(?P<s>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})", clause)) and events.is_country(
        m.group("s")
    ):
        return f"from {m.group('s')}"  # "included 58 from Egypt": one country's part of the toll
    if m := re.match(
        r"\s+(?:deaths?|people|persons)\s+(?:occurred|were\s+recorded|were\s+reported)\s+in\s+(?P<s>[A-Z][\w’'-]*(?:[\s-]+[A-Z][\w’'-]*){0,3})",
        clause,
    ):
        return f"in {m.group('s')}"  # "two deaths occurred in Castile-La Mancha"
    if _OF_THE.match(clause) or _AMONG.search(after[:80]):
        return "part"
    if re.search(
        r"\bof\s+(?:the|those)\s+[^,;.]{0,50}\b(?:dead|deaths|victims|bodies|injured|wounded)\b[^,;.]{0,30},\s*$",
        before,
    ):
        return "part"  # "of the confirmed deaths in hospitals, 10 patients died ..."
    return None


# What a person's arrest or trial does not count, but the unrest around it does (the damage it did too).
_UNREST = ("death toll", "injured", "arrested", "hospitalised", "missing", "buildings damaged")


class Reader:
    def __init__(
        self,
        text: str,
        aliases: dict[str, int],
        today: dt.date | None,
        navigation: Sequence[tuple[int, int]] = (),
        known_events: Sequence[events.LedgerEvent] = (),
    ):
        self.text, self.aliases, self.today = text, aliases, today
        self.lex = lexicon()
        self.sentences = sentences(text, navigation)
        self.event_ref = events.article_event(self.sentences, self._dateline(), today)
        self.event, self.event_id, self.event_note = self._main_event(list(known_events))
        self.unrest = self._unrest(list(known_events))
        # The claims of the last statement with a checkable core: what "the allegations" answers.
        self.last_claims: list[Proposal] = []
        self.claims_seen: list[Proposal] = []  # every such claim so far: what an accused party denies
        self.last_count: Question | None = None  # the running count read last ("the earlier tally of 95")
        # The person who spoke last, for a "he said" in the next sentences, and how many ago.
        self.last_person: tuple[str, int | None] | None = None
        self.person_age = 0
        self.surnames: dict[str, tuple[str, int | None]] = {}  # "kamba" -> ("Roger Kamba", id)

    def _main_event(self, known: list[events.LedgerEvent]) -> tuple[str | None, int | None, str | None]:
        """The event the article reports, as the ledger knows it when it does (and why)."""
        ref = self.event_ref
        if ref is None:
            return None, None, None
        days = (self.today, *self._named_days()) if self.today else ()
        m = events.match(ref, self.text, known, days)
        if m is not None:
            return m.name, m.entity_id, f"event: {ref.name or ref.kind!r} is {m.name!r} ({m.why})"
        if ref.name is None:
            return None, None, None
        if self.today is not None and events.collides(ref.name, known, days):
            # Another event at that place, a month or more away: the new one carries its date.
            name = f"{ref.name} ({self.today:%B %Y})"
            return name, self.aliases.get(names.fold_text(name)), f"event: new; {ref.name!r} names an earlier event"
        return ref.name, self.aliases.get(names.fold_text(ref.name)), None

    def _unrest(self, known: list[events.LedgerEvent]) -> tuple[str, int | None] | None:
        """An article about a person's arrest or trial that also reports protests, clashes or an
        attack: the dead, the hurt and the people rounded up are that event's, not the arrest's."""
        ref = self.event_ref
        # An election counts no dead either: the unrest after it does.
        if ref is None or (ref.kind not in self.lex.person_events and ref.kind != "election"):
            return None
        seen: Counter = Counter()
        for s in self.sentences:
            if s.role not in ("body", "headline"):
                continue
            for r, _, _ in events.in_sentence(s.text):
                if r.kind not in self.lex.person_events and r.kind not in self.lex.generic_events:
                    if ref.kind == "election" and not events.related(r.kind, "protests"):
                        continue
                    seen[(r.kind, r.place)] += 2 if r.place else 1
        if not seen:
            return None
        kind, place = seen.most_common(1)[0][0]
        if ref.kind == "election":
            place = place or ref.place  # the vote's country
        after = events.after_election(self.sentences) if events.related(kind, "protests") and place else None
        other = events.EventRef(kind, place, None, (place,) if place else (), f"{place} {after}" if after else None)
        days = (self.today, *self._named_days()) if self.today else ()
        m = events.match(other, self.text, known, days)
        if m is not None:
            return m.name, m.entity_id
        if other.name is None:
            return None  # "the protests", and no such event in the ledger: left to the arrest
        return other.name, self.aliases.get(names.fold_text(other.name))

    def _named_days(self) -> list[dt.date]:
        """The days the article names in full ("on June 2, 2023"): a look back names its event's day."""
        out = []
        for s in self.sentences:
            if s.role != "body":
                continue
            for d in dates(s.text, self.today):
                if not d.has_year:
                    continue
                try:
                    v = parse_value(d.text, "date")
                except InputError:
                    continue
                if isinstance(v, Period) and v.start == v.end:
                    out.append(v.start)
        return out

    def _dateline(self) -> str | None:
        """The town of a wire story's dateline: "PESHAWAR, Pakistan — ..." gives Peshawar."""
        for s in self.sentences[:6]:
            m = re.match(
                r"([A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,2}),?(?:\s+[A-Z][\w.]*){0,3}\s*(?:\([^)]*\)\s*)?(?:[—–-]|:)\s",
                s.text,
            )
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
            found = _carry_speaker(found)
            self._remember_speaker(found)
            kinds = {r.kind for r, _, _ in events.in_sentence(s.text)} if self.unrest else set()
            if self.unrest and not (kinds and kinds <= self.lex.person_events):  # "during the arrest of X"
                for p in found:
                    if p.kind == "quantity" and p.subject == self.event and p.question.name in _UNREST:
                        p.subject, p.subject_id = self.unrest
            if s.role == "caption":
                skipped["caption (kept, scored lower)"] += 1
            for p in found:
                if self.event_note and p.subject == self.event:
                    p.note = "; ".join(n for n in (p.note, self.event_note) if n)
                p.role = s.role
                p.confidence = round(p.confidence * ROLE_WEIGHT[s.role], 3)
            out.extend(found)
        self._link_revisions(out)
        return Reading(out, skipped)

    def _person(self, name: str, entity_id: int | None) -> tuple[str, int | None] | None:
        """A speaker that is a named person ("Health Minister Roger Kamba", or "Kamba" once the full
        name was read), not a body ("the Interior Ministry", "Iran"): who a later "he" is."""
        words = name.split()
        if not words or not all(w[:1].isupper() for w in words[-2:]):
            return None
        last = words[-1].lower().strip("’'")
        if self.lex.speaker_nouns.fullmatch(last) or self.lex.party_nouns.fullmatch(last):
            return None
        if len(words) == 1:
            return self.surnames.get(last)
        if self.lex.country(name) != name or last in self.lex.demonyms:
            return None  # "Iran", "the U.S.": a country is no "he"
        return name, entity_id

    def _remember_speaker(self, found: list[Proposal]) -> None:
        self.person_age += 1
        for p in found:
            if p.speaker and (who := self._person(p.speaker, p.speaker_id)) is not None:
                self.last_person, self.person_age = who, 0
                self.surnames[who[0].split()[-1].lower().strip("’'")] = who
        if self.person_age > 3:
            self.last_person = None  # too far back to be sure who "he" is

    def _link_revisions(self, found: list[Proposal]) -> None:
        """ "The toll was revised down to 84" with the earlier figure given elsewhere in the
        article ("the earlier tally of 95"): the new figure proposes to revise that one."""
        earlier = [p for p in found if p.earlier]
        for p in found:
            if p.kind != "quantity" or p.earlier or p.revises or "running-count update" not in (p.note or ""):
                continue
            if not _REVISION.search(self.text[p.start : p.end]):
                continue
            olds = [
                e
                for e in earlier
                if e.question.name == p.question.name and e.subject == p.subject and e.value != p.value
            ]
            if olds:
                p.revises = min(olds, key=lambda e: abs(e.start - p.start)).value
        for p in found:
            if p.revises:
                p.note = "; ".join(n for n in (p.note, f"revises the earlier figure {p.revises}") if n)

    # -- shared pieces ------------------------------------------------------------------------

    def _hedge(self, s: Sentence) -> str | None:
        m = self.lex.hedges.search(s.text)
        return m.group().lower() if m and m.group().lower() != "according to" else None

    def _as_of(self, s: Sentence, near: int, skip: tuple[int, int] | None = None) -> str | None:
        ds = [
            d
            for d in dates(s.text, self.today)
            if not (d.start <= near < d.end)
            and not self._not_as_of(s.text, d)
            and not (skip and skip[0] <= d.start < skip[1])
        ]
        if not ds:
            return None
        return min(ds, key=lambda d: abs(d.start - near)).text

    _HAPPENED = re.compile(
        r"\b(?:struck|hit|happened|occurred|took\s+place|erupted|exploded|collided|derailed|crashed|"
        r"broke\s+out|began|started)\s+(?:(?:\w+\s+){0,2}|(?:[^\s,;.]+\s+){0,8}?on\s+)$",
        re.I,
    )

    # A death verb whose own clause ends with "on" before the date: the day people died. A running
    # count's figure speaks for the report ("by Sunday 77 had died" is no such clause).
    _DIED_ON = re.compile(
        r"\b(?:died|perished|were\s+killed|was\s+killed|lost\s+their\s+lives)\b[^,;.]{0,80}?\bon\s+$", re.I
    )

    def _not_as_of(self, text: str, d) -> bool:
        """A date that says when the event happened ("the quake, which struck late Saturday",
        "the earthquake on April 16", "in the June 2 accident") or where a period starts ("since
        October 2020") is not the moment a figure speaks for."""
        before, after = text[: d.start], text[d.end :]
        if re.search(r"\bsince\s+(?:(?:early|late|mid)[\s-]+)?$", before, re.I) or self._HAPPENED.search(before):
            return True
        if re.search(r"\bfrom\s+(?:(?:early|late|mid)[\s-]+)?$", before, re.I) and re.match(
            r"\s*(?:to|until|till|through|and)\b", after, re.I
        ):
            return True  # "the figures covered the period from June 18 to July 1": the span's start
        if self._DIED_ON.search(before) and self._days_before(d.text) > 3:
            # "132 people died in a crush at the stadium on Oct 1", two weeks on: when they died,
            # not when they were counted (a day or two before, it may be the count's own day)
            return True
        if re.search(rf"{self.lex.event_re.pattern}\s+(?:\w+\s+)?(?:on|of)\s+(?:(?:early|late)\s+)?$", before, re.I):
            return True
        word = r"(?!(?:after|before|since|following|when|as|and|in|at|of|to|the|a|an)\b)[\w-]+\s+"
        return bool(re.match(rf"(?:’s|'s|,)?\s+(?:{word}){{0,2}}?{self.lex.event_re.pattern}", after, re.I))

    def _days_before(self, text: str) -> int:
        """How many days before the article a date ends (0 when unknown)."""
        if self.today is None:
            return 0
        try:
            when = parse_value(text, "date")
        except InputError:
            return 0
        return (self.today - when.end).days if isinstance(when, Period) else 0

    def _long_before(self, as_of: str | None) -> bool:
        """Dated a year or more before the article: a figure of some earlier incident named as
        background ("the deadliest since the 1987 quake, which took about 1,000 lives")."""
        if not as_of or self.today is None:
            return False
        try:
            when = parse_value(as_of, "date")
        except InputError:
            return False
        return isinstance(when, Period) and (self.today - when.end).days > 366

    def _event_subject(self, s: Sentence) -> tuple[str | None, int | None]:
        """The article's event, unless the sentence names another one as background ("the
        deadliest since the 1987 quake"): then that one."""
        for k in names.known(s.text, self.aliases):
            eid = k.entity_id
            if eid != self.event_id and self.lex.event_re.search(k.text) and events.BACKGROUND.search(s.text):
                return k.text, eid
        if self.event_ref is not None and events.BACKGROUND.search(s.text):
            for ref, a, b in events.in_sentence(s.text):
                near = s.text[max(0, a - 50) : b + 50]  # "the deadliest since the 1987 quake"
                if not events.BACKGROUND.search(near):
                    continue
                if ref.place and self.event_ref.place and ref.place != self.event_ref.place and ref.name:
                    return ref.name, self.aliases.get(names.fold_text(ref.name))
        return self.event, self.event_id

    # -- quantities ---------------------------------------------------------------------------

    _VAGUE_SHARE = re.compile(
        r"\b(?P<fig>most|the majority|a majority|the vast majority|half|a third|two thirds|a quarter|"
        r"nearly all|almost all|a minority|the bulk)\s+of\s+(?P<owner>its|their|the group’s|the group's)\s+"
        r"(?P<noun>members|fighters|personnel|recruits|militants|leaders|leadership|ranks)\b",
        re.I,
    )

    def _vague_shares(self, s: Sentence, ms) -> list[Proposal]:
        out = []
        for m in self._VAGUE_SHARE.finditer(s.text):
            if not _parses(m.group("fig"), "share"):
                continue
            rest = re.match(r"\s+(?:(?:have|has|are|is|hold)\s+)?([^,.;]{3,60})", s.text[m.end() :])
            what = f"{m.group('noun')} {rest.group(1).strip()}" if rest else m.group("noun")
            subject = _subject_near(ms, m.start())
            out.append(
                Proposal(
                    "quantity",
                    s.start,
                    s.end,
                    m.group("fig"),
                    Question(f"share of {what}", (), "share"),
                    0.5,
                    subject.text if subject else None,
                    subject.entity_id if subject else None,
                    hedge=self._hedge(s),
                    confidence=0.75,
                    extra={"figure": [s.start + m.start("fig"), s.start + m.end("fig")]},
                )
            )
        return out

    def quantities(self, s: Sentence) -> list[Proposal]:
        ms = names.mentions(s.text, self.aliases)
        out: list[Proposal] = self._vague_shares(s, ms)
        previous: Proposal | None = None
        for f in self._split_changes(s.text, figures(s.text)):
            p = self._quantity(s, f, ms, previous)
            if p is not None:
                out.append(p)
                previous = p
                if p.question.running:
                    self.last_count = p.question
        return _sentence_scopes(s, out)

    _CHANGE = re.compile(
        r"\b(?:revised|rose|risen|increased|climbed|jumped|raised|lowered|dropped|fell|cut|"
        r"corrected|updated|changed|went\s+up|went\s+down)\b[^.;]{0,50}$",
        re.I,
    )

    def _split_changes(self, text: str, found: list) -> list:
        """ "revised the toll from 95 to 84" is two figures, the earlier and the new, not a range."""
        out = []
        for f in found:
            m = re.fullmatch(r"from\s+(.+?)\s+to\s+(.+)", f.text)
            if m and self._CHANGE.search(text[: f.start]):
                a = f.start + text[f.start : f.end].index(m.group(1), 4)
                b = f.start + text[f.start : f.end].rindex(m.group(2))
                out += [
                    Figure(a, a + len(m.group(1)), m.group(1), False),
                    Figure(b, b + len(m.group(2)), m.group(2), False),
                ]
            else:
                out.append(f)
        return out

    def _quantity(self, s, f, ms, previous) -> Proposal | None:
        text, lex = s.text, self.lex
        before, after = text[: f.start], text[f.end :]
        if _MONTHS.search(before) or re.match(rf"(?:st|nd|rd|th)\b|\s*,?\s*{_MONTH_NAMES}", after, re.I):
            return None  # a day of a month
        if is_year(f.text):
            return None
        money = re.search(r"(?:\$|£|€|¥|\b(?:us\$|usd|rs\.?|pkr|eur|gbp|cny))\s*$", before, re.I) or re.match(
            rf"\s+{CURRENCIES}\b", after, re.I
        )
        if money or f.money:
            return self._money(s, f, ms, money.group().strip() if money else f.money)
        if re.search(r"\bmagnitude[\s-]*$", before, re.I) or re.match(r"[\s-]*magnitude\b", after, re.I):
            return self._magnitude(s, f)
        if re.match(r"-[a-z]", after, re.I) or re.search(
            r"\b(?:aged|age|ages|No\.?|number|route|flight)\s*$", before, re.I
        ):
            return None  # "an eight-year-old boy", "the three-train crash", "aged 28"
        if _INCREMENT.match(after):
            return None  # "two more people died overnight": added to a toll, not a toll
        if self._background_year(before, after):
            return None  # "since 2014, when 304 people died": an earlier incident, left out
        who = re.match(r"\s+(?:[A-Z][\w.’'-]*\s+){1,3}(\w+)", after)
        if who and who.group(1) not in ("who", "whom") and lex.speaker_nouns.fullmatch(who.group(1)):
            return None  # "two U.S. officials said": who speaks, not what is counted
        noun = re.match(r"\s+((?:[\w’'-]+\s+){0,3}[\w’'-]+)", after)
        words = noun.group(1).lower() if noun else ""
        first = words.split()[0] if words else ""
        if first in lex.non_count and not f.share:
            return None
        if re.match(
            r"\s+(?:\w+\s+){0,2}?bodies\b[^,;.]{0,40}?\b(?:identified|handed\s+over|kept|claimed|unclaimed|unidentified|"
            r"preserved|pending|awaiting)\b",
            after,
            re.I,
        ) or re.match(
            r"\s+(?:[\w-]+\s+){0,3}?(?:have|has|had|were|was)\s+been\s+(?:discharged|released)\b", after, re.I
        ):
            # "88 bodies have been identified", "793 injured passengers have been discharged":
            # bodies or patients being handled, not a toll
            return None
        if re.search(r"\b(?:out\s+)?of\s+(?:the|these|those)\s+(?:[\w,]+\s+){0,2}?bodies\s*,?\s*$", before, re.I):
            # "of the 278 bodies, 177 have been identified": a part of the bodies, being handled
            return None
        if re.search(
            r"\b(?:one|a|an|\d+)\s+[\w’'-]+\s*[,‘’'\"“(—-]*\s*(?:possibly|perhaps|maybe)\s*[‘'\"“(]*\s*$", before, re.I
        ):
            # "one child, possibly two, had died": a hedged alternative to a figure just given
            return None
        vote = self._election(s, f, ms, before, after)
        if vote is not None:
            return vote
        if f.share:
            return self._share(s, f, ms)
        value = f.text
        kind = "quantity"
        if f.low == f.high and re.search(
            r"\b(?:exceeded|exceeds|exceeding|surpassed|surpasses|topped|tops|passed|crossed|past)\s*$", before, re.I
        ):
            value = f"more than {value}"  # "the toll has exceeded 125": a lower bound
        if not _parses(value, kind):
            return None
        clause = text[max(0, f.start - 60) : f.end + 60]
        part = previous is not None and lex.part_markers.search(before)
        count, counted, strength = self._what_counted(f.text, words, clause, before, after)
        among = self._part_of_toll(after)
        if among is not None:  # "26 of the dead were foreigners": a part of the toll, scoped
            count, counted, strength = among[0], among[1], 0.9
        where = self._breakdown(text, f, previous, s.start)
        if count is None and part:
            who = lex.people.match(after.lstrip())  # "..., including 12 children"
            count, counted = previous.question, who.group() if who else "part"
        if count is None and where is None:
            return None
        if _INCREMENT.match(after):
            return None  # "three more people have succumbed": an increase of the toll, not a total
        if (
            re.match(r"\s+more\b(?!\s+than)", after)
            and previous is not None
            and count is not None
            and previous.question == count
        ):
            return None  # "police arrested 12 people and detained dozens more": added to the count just read
        scope: str | None
        if where is not None and (count is None or count == previous.question):
            # "41 killed at the Al Noor mosque, seven at Linwood": the same count, at another place.
            question, subject, subject_id = previous.question, previous.subject, previous.subject_id
            strength, scope, note = previous.question_strength, where, None
        elif among is not None:
            question, scope, note = count, counted, f"part of the {count.name}"
            subject, subject_id = self._event_subject(s)
        elif part:
            question, subject, subject_id = previous.question, previous.subject, previous.subject_id
            strength = previous.question_strength
            scope = counted or "part"
            note = f"part of {previous.value}" + (f" {previous.scope}" if previous.scope else "")
        else:
            question, scope, note = count, counted, None
            if question.name != "fighter strength":
                subject, subject_id = self._event_subject(s)
                scope = (
                    None
                    if (counted or "").lower() in ("people", "persons", "individuals", "others", "more", "")
                    else counted
                )
                scope = _narrower(before, after, question) or scope
                who = re.match(
                    rf"\s+(?:are|were|is|was)\s+(?:all\s+|also\s+)?(?:[a-z]+\s+)?({self.lex.people.pattern})", after
                )
                if scope is None and who:
                    scope = who.group(1)  # "three are men and one is a woman": who they are, a part
                if (
                    scope is None
                    and previous is not None
                    and previous.scope
                    and previous.question == question
                    and "figure" in previous.extra
                    and re.fullmatch(
                        r"[^,;.]{0,60}?(?:,|\band\b|\bwhile\b)\s*",
                        text[previous.extra["figure"][1] - s.start : f.start],
                    )
                ):
                    scope = "part"  # "10 patients died of X and 17 died of Y": parts, like the first
                if scope == "part" and (cause := _CAUSE_PART.match(after)):
                    scope = f"from {cause.group('s')}"  # which part: "17 died from respiratory problems"
                place = _CAPITAL.match(re.split(r"[,;.:()“”\"]|\s(?:and|but|while|whereas)\s", after, maxsplit=1)[0])
                if (
                    scope is None
                    and place
                    and place.group("s").casefold() not in (subject or "").casefold()
                    and previous is not None
                    and previous.question == question
                    and previous.start == s.start
                    and previous.scope is None
                ):
                    scope = f"in {place.group('s')}"  # "19 had died in the capital Nairobi": one city's part
            else:
                m = _subject_near(ms, f.start, (f.end, f.end + len(words) + 2))
                if re.search(r"\b(?:its|their)\b", before[-80:]) or re.match(r"\s+(?:of\s+)?(?:its|their)\b", after):
                    # "the number of its members": "its" is the sentence's subject, named first.
                    m = next((k for k in ms if k.entity_id is not None), m)
                subject, subject_id = (m.text, m.entity_id) if m else (None, None)
        base = 0.9 if counted or strength >= 0.9 else 0.75
        update = (
            self.lex.updates.search(before[-60:])
            or self.lex.updates_after.match(after)
            or self.lex.updates_after.search(re.split(r"[.;]", after, maxsplit=1)[0])
            or self.lex.updates_after.search(f.text)
            or re.search(
                r"\b(?:revis\w*|correct\w*|updat\w*|lowered|raised)\b[^.;]{0,40}\bto\s+(?:\w+\s+)?$", before, re.I
            )
        )
        is_earlier = bool(
            _EARLIER_BEFORE.search(before)
            or (
                re.search(r"\bfrom\s*$", before)
                and (re.match(r"\s+to\s+(?:\w+\s+)?\d", after) or self._CHANGE.search(before[:-5]))
            )
        )
        earlier_value = None
        if is_earlier or (
            re.match(r"\s*(?:Earlier|Previously|Initially|At\s+first)\b", text)
            and question.running
            and not _CONTRAST.search(before)
        ):
            # "revised the toll from 95 to 84", "up from 95", "the earlier tally of 95": the
            # earlier figure of a running count, stated as replaced (recorded as of before).
            note, base = "; ".join(n for n in (note, "earlier figure of a running count") if n), base * 0.8
            is_earlier = True
        elif (
            (change := re.search(r"\bfrom\s+([\w,.]+)\s+to\s*$", before))
            or (change := _EARLIER_AFTER.match(after))
            or (update and question.running)
        ):
            earlier_value = next(g for g in change.groups() if g) if change else None
            what = f"running-count update (earlier: {earlier_value})" if change else "running-count update"
            note = "; ".join(n for n in (note, what) if n)
        skip = None
        if (later := _EARLIER_AFTER.match(after)) and earlier_value:
            # "214, up from 158 on Thursday": that day is the earlier figure's, not this one's
            on = re.match(r"\s*(?:on|by|as\s+of)?\s*[^,;.]{0,30}", after[later.end() :])
            skip = (f.end + later.end(), f.end + later.end() + (on.end() if on else 0))
        as_of = self._as_of(s, f.start, skip)
        if question.running and self._earlier_incident(before):
            # "...comes six weeks after a gas explosion killed one person": another incident's figure
            note = "; ".join(n for n in (note, "an earlier incident named as background?") if n)
            base *= 0.5
        elif question.running and self._long_before(as_of):
            # Left to a person: an earlier incident's figure is no rival to this event's count.
            note = "; ".join(n for n in (note, f"dated {as_of}, long before the article: background?") if n)
            base *= 0.5
        return Proposal(
            "quantity",
            s.start,
            s.end,
            value,
            question,
            strength,
            subject,
            subject_id,
            scope=scope or None,
            hedge=self._hedge(s),
            as_of=as_of,
            note=note,
            confidence=base if subject else base - 0.2,
            extra={"figure": [s.start + f.start, s.start + f.end]},
            revises=earlier_value if earlier_value and _REVISION.search(text) else None,
            earlier=is_earlier,
        )

    def _part_of_toll(self, after: str):
        """ "26 of the dead were foreigners", "12 of those killed were children": (the count, what
        the part is), or None."""
        m = re.match(
            r"\s+of\s+(?:the|those)\s+(?P<noun>[\w’'-]+(?:\s+[\w’'-]+)?)\s+(?:were|are|was|is)\s+"
            r"(?:(?:also|all|reportedly|believed\s+to\s+be)\s+)?(?P<what>(?:[\w’'-]+\s+){0,2}?[\w’'-]+)\b",
            after,
            re.I,
        )
        if m is None:
            # "Two members of a family were among those killed": a part of the toll, not a total
            among = re.match(
                r"\s+(?P<what>(?:[\w’'-]+\s+){0,5}?)(?:were|are|was|is)\s+(?:also\s+|reportedly\s+)?among\s+"
                r"(?:those|the)\s+(?P<noun>[\w’'-]+)\b",
                after,
                re.I,
            )
            if among is None:
                return None
            for c in self.lex.counts:
                noun = among.group("noun")
                if (c.words and c.words.fullmatch(noun)) or (c.cues and c.cues.fullmatch(noun)):
                    return c.question, among.group("what").strip() or "part"
            return None
        what = m.group("what")
        if not (self.lex.people.fullmatch(what.split()[-1]) or re.fullmatch(r"[A-Z][a-z]+(?:ans|ese|is|ish|ch)", what)):
            return None
        for c in self.lex.counts:
            noun = m.group("noun")
            if (c.words and c.words.fullmatch(noun)) or (c.cues and c.cues.fullmatch(noun)):
                return c.question, what
            if noun.lower() == "victims" and c.question.name == "death toll":
                return c.question, what
        return None

    def _earlier_incident(self, before: str) -> bool:
        """The figure's clause is about another incident named as background: "the fire comes six
        weeks after a gas explosion ..., killing one", "a similar crush last year killed 12" (an
        incident of the article's own kind only when "similar", "previous" or the like says so)."""
        m = re.search(
            rf"\b(?:(?P<gap>weeks?|months?|years?)\s+(?:after|before)\s+(?:a|an|another)|(?:two|three|several|many|the)\s+other|"
            rf"(?:a|an|the)\s+(?:similar|previous|"
            rf"earlier|separate)|(?:recalls?|recalled|echoes|echoed)\s+(?:a|an|the))\s+(?:[\w’'-]+\s+){{0,3}}?"
            rf"(?P<kind>{self.lex.event_re.pattern.removesuffix(chr(92) + 'b')})s?\b(?:[^.;]|\.(?=\d)){{0,160}}$",
            before,
            re.I,
        )
        if m is None:
            return False
        if m.group("gap") and self.event_ref is not None:
            kind = self.lex.events.get(re.sub(r"\s+", " ", m.group("kind").lower()))
            return kind != self.event_ref.kind
        return True

    def _background_year(self, before: str, after: str) -> bool:
        """A figure of an incident dated in an earlier year than the article's: "in 2014, when
        304 people died", "a magnitude-7.2 earthquake in 1987, which took about 1,000 lives"."""
        if self.today is None:
            return False
        years = [
            int(m.group(1))
            for m in (
                re.search(r"\b(?:in|of|since)\s+((?:19|20)\d\d)\b,?\s+(?:when|which|that|where)\b[^.;]{0,60}$", before),
                re.match(r"[^.;,]{0,30}?\b(?:in|of)\s+((?:19|20)\d\d)\b", after),
            )
            if m
        ]
        return any(y < self.today.year for y in years)

    @staticmethod
    def _breakdown(text: str, f, previous, offset: int) -> str | None:
        """Where a figure with no noun of its own sits in a list after a count ("49 have died -
        41 at the Central Mosque, 7 at Linwood Mosque"): its place, the scope of the same count."""
        if previous is None or previous.kind != "quantity" or "figure" not in previous.extra:
            return None
        gap = text[previous.extra["figure"][1] - offset : f.start]
        named = re.search(r"([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})\s*\(\s*$", text[: f.start])
        if named and re.match(r"\s*\)", text[f.end :]) and len(gap) < 400:
            return f"in {named.group(1)}"  # "deaths by county: Nairobi (21), Nakuru (3)": a place's part
        m = re.match(r"\s+((?:at|in)\s+(?:(?:the|a|an)\s+)?[\w’'-]+(?:\s+[A-Z][\w’'-]*){0,3})", text[f.end :])
        if m is None or not re.search(r"[,;:–—-]\s*$|\band\s*$", gap) or len(gap.split()) > 12:
            return None
        return m.group(1)

    _AFTER_STOP = re.compile(
        r"[,;:()“”\"]|\s(?:and|but|while|whereas|with|after|before|since|from|than|compared)\s"
        r"|(?<!reported)(?<!listed)\sas\s|\d"
    )
    _BEFORE_STOP = re.compile(r".*(?:[,;:()“”\"]|\s(?:and|but|while|whereas|with|after|than|compared)\s|\d)", re.S)

    def _what_counted(self, figure: str, words: str, clause: str, before: str, after: str):
        """The question a figure answers, the noun it counts and how sure the lexicon is.

        Read in the figure's own clause: the nearest cue after it ("84 people were killed"), else
        a noun that says it alone ("31 deaths"), else the nearest cue before it ("killing 84",
        "the death toll rose to 103"); a figure with none of these is not a count we know."""
        lex = self.lex
        if re.search(r"\bof\s*$", before) and not re.search(
            r"\b(?:deaths?|killing|toll|lives|tally|count|figure|estimate|crowds?|gathering|throngs?|total)\s+of\s*$",
            before,
            re.I,
        ):
            return None, None, 0  # "one of three", "a dad of two": a part of something else
        after = self._without_asides(after)
        stop = self._AFTER_STOP.search(after)
        ahead = after[: stop.start()] if stop else after
        ahead = " ".join(ahead.split()[:9])
        # "two Canadians" is a scoped count; "two Christchurch mosques" counts mosques.
        people = (
            lex.people.match(ahead)
            or re.match(r"[A-Z][a-z]+(?:ans|ese|is|ish|ch)\b(?!\s+(?!is\b|was\b|has\b)[a-z]+s\b)", ahead)
            or re.match(
                rf"(?:[A-Z][\w’'-]*|(?!{_AUX}\b)[a-z]+)\s+(?:{lex.people.pattern})", ahead
            )  # "PTI workers", "local youths"
        )
        counted = people.group() if people else ""
        if people and not re.search(r"\b(?:of|by|at|aged)\s*$", before):
            tail = self._verb_after_people(after.lstrip()[people.end() :])
            if tail:
                ahead = ahead[: people.end()] + " " + tail
        if people and re.search(r"\b(?:carrying|carried|ferrying|transporting)\s*$", before, re.I):
            # "a boat carrying 750 migrants", "a bus carrying dozens of pilgrims": those on board
            aboard = next((c for c in lex.counts if c.question.name == "passengers"), None)
            if aboard is not None:
                return aboard.question, "", 0.85  # all on board, whoever they were
        whole = re.search(r"\b[Oo]f\s+(?:the|those)\s+(?P<w>[^,;]{1,50}?)\s*,\s*$", before)
        if whole and not any(c.cues and c.cues.search(ahead) for c in lex.counts):
            for c in lex.counts:  # "of the 156 dead, 101 were women": a part of that count
                if c.cues and c.cues.search(whole.group("w")) and c.question.running:
                    what = re.match(r"\s*(?:were|are|was)\s+(?:(?:all|also)\s+)?([\w’'-]+(?:\s+[\w’'-]+)?)", after)
                    return c.question, (what.group(1) if what else "part"), 0.85
        verb = self._cue_just_before(before)
        if verb is not None:  # "killed 27 people in hospitals": the verb before governs
            return verb.question, counted, 0.9
        best = None
        things = not people and self._counts_things(ahead)
        for c in lex.counts:
            if people and not c.people:
                continue  # "5,000 people might need housing because of destroyed homes"
            if things and c.people:
                continue  # "5,000 vehicles trapped", "two Christchurch mosques": not people
            hit = c.words.match(ahead) if c.words else None
            if hit and self._cue_of_another(c, ahead[hit.end() :]):
                counted = counted or hit.group()
                hit = None  # "two spectators died", "three attackers were killed": what happened to them
            if hit:
                # "31 deaths", "84 dead": the question's own noun, not a narrower scope.
                return c.question, "" if c.question.running else hit.group().lower(), 0.9
            cue = (
                next((m for m in c.cues.finditer(ahead) if not m.group().lower().endswith(" of")), None)
                if c.cues
                else None
            )
            if cue and (best is None or cue.start() < best[0]):  # "a crowd of" names what follows, not "137 officers"
                best = (cue.start(), c)
        if best is not None:
            return best[1].question, counted, 0.9
        if things:
            return None, None, 0
        first = re.match(r"\s*([a-z][\w’'-]*)", ahead)
        if first and not people and first.group(1) not in _FUNCTION_WORDS:
            return None, None, 0  # "21 coaches", "five foreign engineers": not a count of ours
        back = re.search(
            r"\b(?:number|total|strength|count|tally|size)\s+of\s+(?:its\s+|the\s+|their\s+)?"
            r"(?P<noun>[\w’' -]{3,40}?)\s+(?:is|was|are|were|stood|stands|has|had|reached|rose|"
            r"grew|climbed|estimated)\b[^.,;]{0,40}$",
            before,
            re.I,
        )
        if back:  # "the number of its members is estimated to be 4,000"
            noun = back.group("noun").lower()
            for c in lex.counts:
                if (c.words and c.words.fullmatch(noun)) or (c.cues and c.cues.fullmatch(noun)):
                    return c.question, "" if c.question.running else noun, 0.85
        before = re.sub(r"\bfrom\s+[\w,.]+\s+to\s*$", "", before)  # "the toll from 95 to 84": the toll
        cut = self._BEFORE_STOP.match(before)
        behind = before[cut.end() :] if cut else before
        behind = " ".join(behind.split()[-8:])
        if (
            re.search(r"\b(?:by|of|aged|age)\s*$", behind, re.I)
            and not re.search(
                r"\b(?:deaths?|killing|toll|lives|tally|count|figure|estimate|crowds?|gathering|throngs?|total)\s+of\s*$",
                behind,
                re.I,
            )
        ) or (
            re.search(r"\bfrom\s*$", behind, re.I)
            and not re.match(r"\s+to\s+\S*\d", after)
            and not self._CHANGE.search(before[:-5])
        ):
            return None, None, 0  # "arrested by two officers", "aged 12", "one of 20"
        for c in lex.counts:
            for cue in c.cues.finditer(behind) if c.cues else ():
                if best is None or cue.end() > best[0]:
                    best = (cue.end(), c)
        if best is not None:
            return best[1].question, counted, 0.85
        if _EARLIER_BEFORE.search(before) and self.last_count is not None:
            return self.last_count, counted, 0.8  # "the earlier tally of 95": the count just read
        if (
            self.lex.count_links.search(before[-40:])
            or (re.search(r"\bfrom\s*$", before) and self._CHANGE.search(before[:-5]))
            or self._COPULA_COUNT.search(before)
        ):
            # "the death toll from the earthquake has risen to 413": the count named earlier in
            # the sentence, before the update verb.
            for c in lex.counts:
                for cue in c.cues.finditer(before) if c.cues else ():
                    if best is None or cue.end() > best[0]:
                        best = (cue.end(), c)
            if best is not None:
                return best[1].question, counted, 0.85
        return None, None, 0

    # "the death toll of one of the deadliest disasters was 153", "the number of people killed is
    # 125": a count named earlier in the sentence, then a plain copula.
    _COPULA_COUNT = re.compile(
        r"\b(?:toll|tally|number|count|total)\b[^.;:()“”\"]{0,80}?\s(?:is|was|now\s+is|now\s+stands\s+at|"
        r"had\s+reached|has\s+reached|reached|had\s+risen\s+to|has\s+risen\s+to)\s+(?:\w+\s+)?$"
        r"|\b(?:bring|brings|bringing|brought|take|takes|taking|took|push|pushes|pushing|pushed)\s+the\s+(?:\w+\s+)?"
        r"(?:toll|tally|number|count|total)\b[^.;:()“”\"]{0,60}?\sto\s+(?:\w+\s+)?$",
        re.I,
    )
    # "132 people, including dozens of children, died": an aside between the count and its verb.
    _ASIDE = re.compile(
        r"(\s+(?:[\w’'-]+\s+){0,2}?[\w’'-]+)?\s*,\s*(?:including|among\s+them|mostly|most\s+of\s+them|many\s+of\s+them|"
        r"some\s+of\s+them|all\s+of\s+them|of\s+whom)\b[^,;.:()]{1,80},"
    )

    def _without_asides(self, after: str) -> str:
        """The words after a figure with an aside and a list of who else was counted taken out:
        "132 people, including dozens of children, died", "67 adults and seven children have been
        declared dead", "7,000 workers, leaders and women were jailed" (each counted noun kept once)."""
        m = self._ASIDE.match(after)
        if m and (m.group(1) is None or self.lex.people.search(m.group(1))):
            after = (m.group(1) or "") + after[m.end() :]
        people = self.lex.people.pattern
        num = r"(?:\d[\d,.]*|(?:an?\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty|hundreds|dozens))"
        m = re.match(
            rf"(\s+(?:[A-Z][\w’'-]*\s+|[a-z]+\s+)?(?:{people}))((?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:{num}\s+)?"
            rf"(?:(?:our|their|its|other|[A-Z][\w’'-]*)\s+)?(?:{people}|leadership|leaders))+(?=\s+(?:were|are|was|have|has|had|[a-z]+ed)\b)",
            after,
            re.I,
        )
        if m:
            after = m.group(1) + after[m.end() :]
        return after

    _NOT_THINGS = {
        "was",
        "has",
        "this",
        "its",
        "is",
        "as",
        "us",
        "yes",
        "thus",
        "plus",
        "across",
        "towards",
        "always",
        "perhaps",
        "hundreds",
        "thousands",
        "millions",
        "dozens",
        "tens",
        "lakhs",
        "crores",
        "scores",
        "others",
        "less",
        "unless",
        "whereas",
        "besides",
    }

    def _counts_things(self, ahead: str) -> bool:
        """The figure counts a plural noun that is no one ("vehicles", "mosques") and no count's own word."""
        m = re.match(r"(?:[A-Z][\w’'-]*\s+){0,2}([a-z][\w’'-]*[a-z]s)\b", ahead)
        if m is None:
            return False
        noun = m.group(1)
        if noun in self._NOT_THINGS or noun in _FUNCTION_WORDS or self.lex.people.fullmatch(noun):
            return False
        return not any(
            (c.words and c.words.fullmatch(noun)) or (c.cues and c.cues.fullmatch(noun)) for c in self.lex.counts
        )

    def _cue_of_another(self, count, rest: str) -> bool:
        """A cue of another count in the words after a count's own noun ("spectators died")."""
        rest = " ".join(rest.split()[:5])
        return any(c is not count and c.cues and c.cues.search(rest) for c in self.lex.counts)

    def _cue_just_before(self, before: str):
        """A count's verb right before the figure ("killed 27", "killing at least 40")."""
        tail = re.search(r"(\b[\w’'-]+)\s*$", before)
        if tail is None:
            return None
        for c in self.lex.counts:
            if c.cues and c.cues.fullmatch(tail.group(1)) and re.search(r"(?:ed|ing|s)$", tail.group(1), re.I):
                return c
        return None

    @staticmethod
    def _verb_after_people(rest: str) -> str | None:
        """ "61 people from her State have died": the verb after a short phrase of place."""
        m = re.match(
            r"\s+(?:from|in|at|across)\s+(?:[\w’'-]+\s+){1,4}?((?:have|has|had|were|was|are)\s+(?:been\s+)?[\w’'-]+)",
            rest,
        )
        return m.group(1) if m else None

    def _magnitude(self, s, f) -> Proposal | None:
        if not _parses(f.text, "quantity"):
            return None
        subject, sid = self._event_subject(s)
        # "the deadliest since a magnitude-7.1 earthquake in 1979": another quake's magnitude.
        background = self._long_before(self._as_of(s, f.start))
        other = not background and self._earlier_incident(s.text[: f.start])
        return Proposal(
            "quantity",
            s.start,
            s.end,
            f.text,
            self.lex.magnitude,
            0.9,
            subject,
            sid,
            hedge=self._hedge(s),
            note="dated long before the article: background?"
            if background
            else "an earlier incident named as background?"
            if other
            else None,
            confidence=(0.9 if subject else 0.6) * (0.5 if background or other else 1),
            extra={"figure": [s.start + f.start, s.start + f.end]},
        )

    def _money(self, s, f, ms, currency: str) -> Proposal | None:
        if not _parses(f.text, "quantity"):
            return None
        after = s.text[f.end :]
        what = re.match(
            rf"\s+{CURRENCIES}\s+(?:in|of|for|worth\s+of)\s+([\w -]{{3,40}}?)(?:\s+(?:to|for|in|by|from)\b|[,.;]|$)",
            after,
            re.I,
        )
        name = f"amount of {what.group(1).strip()}" if what else "amount"
        m = _subject_near(ms, f.start)
        return Proposal(
            "quantity",
            s.start,
            s.end,
            f.text,
            Question(name, (), "quantity"),
            0.5 if what else 0.3,
            m.text if m else None,
            m.entity_id if m else None,
            scope=currency.lower(),
            hedge=self._hedge(s),
            as_of=self._as_of(s, f.start),
            confidence=0.8,
            extra={"figure": [s.start + f.start, s.start + f.end]},
        )

    _TURNOUT_BEFORE = re.compile(
        r"\bturnout\s+(?:[\w’'.-]+\s+){0,5}?(?:was|of|at|stood\s+at|reached|hit|rose\s+to|fell\s+to|is)\s+(?:\w+\s+)?$",
        re.I,
    )
    _TURNOUT_AFTER = re.compile(
        r"\s+(?:voter\s+)?turnout\b|\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}(?:voters|electorate)\s+"
        r"(?:cast|turned\s+out|voted|went\s+to\s+the\s+polls)",
        re.I,
    )
    _VOTE_SHARE = re.compile(
        r"\s+of\s+(?:the\s+)?(?:[A-Za-z]+['’]s\s+)?(?:popular\s+|total\s+|valid\s+)?votes?\b"  # "of Sunday's vote"
        r"(?!\s+(?:(?:had|have|has)\s+been\s+|were\s+|was\s+)?(?:counted|tallied|processed|reported|verified|audited|scrutini[sz]ed)\b)"
        r"|\s+vote\s+share\b",
        re.I,
    )
    _SEATS = re.compile(
        r"\s+(?:of\s+(?:the\s+)?(?P<total>[\d,]+)\s+)?(?:\w+\s+){0,2}?(?:seats|mandates)\b"
        r"|\s+out\s+of\s+(?P<total2>[\d,]+)\s+(?:seats|mandates)\b",
        re.I,
    )

    _WINNER = re.compile(
        r"(?:’s|'s)?\s+(?:party\s+|coalition\s+|bloc\s+)?(?:has\s+|had\s+|have\s+)?(?:won|wins|took|secured|received|got|scored|"
        r"gained|garnered|obtained|polled|claimed)\b",
        re.I,
    )
    # Where a share was counted when it is not the whole vote: "45.5% in Tbilisi", "less than 50% in
    # the districts", "60% of the vote in the capital".
    _AREA = re.compile(
        r"\s+(?:of\s+(?:the\s+)?(?:\w+\s+)?votes?\s+)?in\s+(?P<a>(?:the\s+)?(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
        r"|(?:[a-z]+\s+)?(?:districts?|regions?|provinces?|constituenc(?:y|ies)|cities|city|capital|countryside|"
        r"diaspora|states?|municipalit(?:y|ies)|precincts?|polling\s+stations?)\b))"
    )
    _LIST_ENTRY = re.compile(r"\s*(?:[-•*–]\s*)?(?P<who>[A-Z][^:\n;,.]{1,60}?)\s*(?:\([^)]*\))?\s*[:–—-]\s*$")

    def _election_context(self, sentence: str) -> bool:
        return (self.event_ref is not None and self.event_ref.kind == "election") or bool(
            re.search(r"\b(?:vote|votes|voters|election|ballots?|polls)\b", sentence, re.I)
        )

    def _won_share(self, sentence: str, before: str, after: str) -> bool:
        """ "the opposition candidate won 67 percent" in an election report: a share of the vote."""
        election = (self.event_ref is not None and self.event_ref.kind == "election") or re.search(
            r"\b(?:vote|votes|voters|election|ballots?|polls)\b", sentence, re.I
        )
        return bool(
            election
            and re.search(
                r"\b(?:won|wins|win|winning|took|taking|secured|securing|garnered|garnering|received|receiving|got|getting|"
                r"obtained|polled|scored|gained|gaining|had|amounted\s+to|totals|totalled|totaled|victory\s+with|"
                r"majority\s+of|share\s+of\s+\w+)\s+(?:(?:only|just|a\s+mere|some|totally)\s+)?$",
                before,
                re.I,
            )
            and not re.match(r"\s+of\b", after)
        )

    def _election(self, s, f, ms, before: str, after: str) -> Proposal | None:
        """Turnout, vote share, seats and votes: "turnout was 67 percent", "52% of the vote",
        "won 143 of the 250 seats" (a share of a total, read as the seats won), "1.2 million votes"."""
        lex = {q.name: q for q in (c.question for c in self.lex.counts)}
        question, note, subject = None, None, None
        if f.share and (self._TURNOUT_BEFORE.search(before) or self._TURNOUT_AFTER.match(after)):
            question = Question("turnout", ("voter turnout",), "share")
            subject = self._event_subject(s)
        elif f.share and (
            self._VOTE_SHARE.match(after)
            or re.search(r"\bvote\s+share\s+(?:of|was|at)\s+$", before, re.I)
            or self._won_share(s.text, before, after)
        ):
            question = Question("vote share", ("share of the vote", "share of votes"), "share")
        elif (
            f.share
            and self._election_context(s.text)
            and (
                re.search(r"\bvotes?\s*\(\s*$", before, re.I)
                or re.match(r"\s+for\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}[A-Z]", after)
            )
        ):
            # "5,150,092 votes (51.2%)", "against 44.2% for opposition candidate X": a party's share
            question = Question("vote share", ("share of the vote", "share of votes"), "share")
            if re.match(r"\s+for\b", after):
                named = [m for m in ms if f.end < m.start < f.end + 60]
                subject = (named[0].text, named[0].entity_id) if named else (None, None)
        elif f.share and (lead := self._LIST_ENTRY.match(before)) and self._election_context(s.text):
            # "- Strong Georgia (four parties): 9%", "Party X - 10.17% and 16 mandates": a results list
            question = Question("vote share", ("share of the vote", "share of votes"), "share")
            named = [m for m in ms if m.start < lead.end("who")]
            subject = (named[0].text, named[0].entity_id) if named else (lead.group("who").strip(), None)
        elif not f.share and (m := self._SEATS.match(after)) and not re.search(r"\bof\s+(?:the\s+)?$", before):
            total = m.group("total") or m.group("total2")
            question = lex.get("seats won") or Question("seats won", ("seats",), "quantity")
            note = f"out of {total} seats" if total else None
        elif f.share and (
            re.match(r"\s+(?:case\s+)?(?:fatality|mortality|death)\s+rate\b", after, re.I)
            or re.search(
                r"\b(?:fatality|mortality|death)\s+rate\s+(?:of|was|is|at|stood\s+at)\s+(?:\w+\s+)?$", before, re.I
            )
        ):
            question = Question("case fatality rate", ("fatality rate", "mortality rate"), "share")
            subject = self._event_subject(s)
        elif not f.share and re.match(
            r"\s+(?:people|voters|citizens)\s+(?:have\s+|had\s+)?(?:voted|cast\s+(?:their\s+)?ballots)\b", after
        ):
            question = lex.get("votes") or Question("votes", (), "quantity")
            subject = self._event_subject(s)  # "over 2.1 million people voted": votes cast in the election
        elif not f.share and re.match(r"\s+votes\b", after) and not re.search(r"\bof\s+(?:the\s+)?$", before):
            question = lex.get("votes") or Question("votes", (), "quantity")
        if question is None or not _parses(f.text, question.value_type):
            return None
        if subject is None:
            # the party or candidate of this clause (a comma inside "5,150,092" ends no clause)
            clause = max((m.start() for m in re.finditer(r"[,;](?!\d)", before)), default=-1)
            pool = [m for m in ms if clause < m.start < f.start]
            # "X won the election in Y with 52%": the one who won, not the place named after it
            winner = [m for m in pool if self._WINNER.match(s.text[m.end : f.start])]
            who = winner[-1] if winner else _subject_near(pool, f.start)
            subject = (who.text, who.entity_id) if who else (None, None)
        where = self._AREA.match(after) if question.name in ("vote share", "turnout", "votes") else None
        return Proposal(
            "quantity",
            s.start,
            s.end,
            f.text,
            question,
            0.9,
            subject[0],
            subject[1],
            scope=f"in {where.group('a')}" if where else None,  # "45% in the capital": not the national share
            hedge=self._hedge(s),
            as_of=self._as_of(s, f.start),
            note=note,
            confidence=0.85 if subject[0] else 0.6,
            extra={"figure": [s.start + f.start, s.start + f.end]},
        )

    def _share(self, s, f, ms) -> Proposal | None:
        if not _parses(f.text, "share"):
            return None
        rest = s.text[f.end :]
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
            "quantity",
            s.start,
            s.end,
            f.text,
            question,
            0.6,
            subject.text if subject else None,
            subject.entity_id if subject else None,
            hedge=self._hedge(s),
            as_of=self._as_of(s, f.start),
            confidence=0.85,
            extra={"figure": [s.start + f.start, s.start + f.end]},
        )

    # -- dated events -------------------------------------------------------------------------

    def dated(self, s: Sentence) -> list[Proposal]:
        # A day without a year ("on Tuesday", "March 15") is the source's: dates() places it
        # before the source's date, or drops it when the source has none.
        found = dates(s.text, self.today)
        if not found:
            return []
        for d_lex in self.lex.dates:
            founding = d_lex.question.name == "founding date"
            ds = [d for d in found if d.has_year or not founding]  # a group is not founded "on Tuesday"
            pairs = [
                (abs(d.start - v.start()), v, d)
                for v in d_lex.verbs.finditer(s.text)
                for d in ds
                if d.has_year or _verb_on_day(s.text, v, d)
            ]
            if not founding:
                pairs += self._dated_nouns(s.text, ds)
            if not pairs:
                continue
            gap, v, d = min(pairs, key=lambda t: t[0])
            if gap > 120:
                continue
            if founding:
                ms = names.mentions(s.text, self.aliases)
                m = _subject_near(ms, v.start())
                subject, sid = (m.text, m.entity_id) if m else (None, None)
                strength, conf = 0.9, 0.85
            else:
                subject, sid = self._event_subject(s)
                strength, conf = 0.6, 0.6
            if not _parses(d.text, "date"):
                continue
            return [
                Proposal(
                    "date",
                    s.start,
                    s.end,
                    d.text,
                    d_lex.question,
                    strength,
                    subject,
                    sid,
                    verb=v.group().lower(),
                    hedge=self._hedge(s),
                    confidence=conf,
                )
            ]
        return []

    def _dated_nouns(self, text: str, ds: list[DateMention]) -> list[tuple[int, re.Match[str], DateMention]]:
        """An event noun the date is written onto: "Saturday's stampede", "the October 26 vote",
        "the 26 October parliamentary elections", "the earthquake on April 16" (the date right
        before the noun, or "on <date>" right after it); gap 0, so it wins over a verb's date."""
        out: list[tuple[int, re.Match[str], DateMention]] = []
        for n in self.lex.event_re.finditer(text):
            for d in ds:
                before = text[d.end : n.start()]
                after = text[n.end() : d.start]
                if d.end <= n.start() and _DATE_ON_NOUN.fullmatch(before):
                    out.append((0, n, d))
                elif n.end() <= d.start and _NOUN_ON_DATE.fullmatch(after):
                    out.append((0, n, d))
        return out

    # -- attributions -------------------------------------------------------------------------

    def attributions(self, s: Sentence) -> list[Proposal]:
        blame = self._responsibility(s)
        found = self._attributions(s)
        seen = {(p.question.name, p.value) for p in blame}
        blame += [p for p in self._perpetrators(s) if (p.question.name, p.value) not in seen]
        if blame:
            said = next((p for p in found if p.speaker), None)
            speaker = (said.speaker, said.speaker_id, said.verb) if said else self._reporter(s)
            for p in blame:  # "..., X said": the sentence's speaker makes each of these claims
                if speaker is not None and p.speaker is None:
                    p.speaker, p.speaker_id, p.verb = speaker
                elif p.speaker is None and p.extra.get("accuser"):
                    # "The mayor held the operator responsible": who lays the blame speaks.
                    p.speaker, p.speaker_id = p.extra["accuser"].text, p.extra["accuser"].entity_id
                p.extra.pop("accuser", None)
                p.confidence = 0.9 if p.speaker else 0.8
            have = {(p.question.name, p.value) for p in blame}
            keep = [
                p
                for p in found
                if (
                    p.question.name != "responsibility"
                    # "X denies this and says Y did it": the denial, unless the patterns read one
                    or (p.polarity == "denies" and not any(b.polarity == "denies" for b in blame))
                )
                and p.extra.get("proposition")
                and (p.question.name, p.value) not in have
            ]
            found = blame + keep
        asserted = [p for p in found if p.polarity == "asserts" and p.extra.get("proposition")]
        if asserted:
            self.last_claims = asserted
            self.claims_seen.extend(asserted)
        return found

    def _perpetrators(self, s: Sentence) -> list[Proposal]:
        """Who carried the event out, as a report names them ("suspected shooter X", "X, the
        lone gunman"), and their nationality ("the Chilean-born gunman", "a bomber with Greek
        citizenship")."""
        out: list[Proposal] = []
        subject, sid = self._event_subject(s)
        if subject is None or not re.search(self.lex.perpetrator_words, s.text, re.I):
            return out
        questions = {st.question.name: st.question for st in self.lex.statements}
        seen = set()
        for name, pattern in _perpetrator_patterns(self.lex.perpetrator_words, self.lex.demonym_words):
            if name not in questions:
                continue
            for m in pattern.finditer(s.text):
                if name == "responsibility":
                    value = m.group("name")
                    if value.split()[0].lower() in names.NOT_NAMES or self.lex.demonyms.get(value.lower()):
                        continue
                else:
                    value = self.lex.country(m.group("dem")) or m.group("dem")
                if (name, value) in seen:
                    continue
                seen.add((name, value))
                out.append(
                    Proposal(
                        "attribution",
                        s.start,
                        s.end,
                        value,
                        questions[name],
                        0.85,
                        subject,
                        sid,
                        hedge=self._hedge(s),
                        as_of=self._as_of(s, 0),
                        confidence=0.8,
                        extra={"proposition": True},
                    )
                )
        return out

    def _each_other(self, s: Sentence, question: Question, subject: str, sid: int | None) -> list[Proposal]:
        """ "X and Y accuse each other of ...", "X and Y traded blame for ...": each blames the other."""
        if not re.search(r"each\s+other|one\s+another|traded|exchanged|swapped|trading", s.text, re.I):
            return []
        m = _each_other_pattern(self.lex.party_words).search(s.text)
        if m is None or not re.search(
            r"(?:^|[,;:—–(]|\b(?:though|although|but|while|whereas|as|after|when|and|since))\s*$",
            s.text[: m.start()],
            re.I,
        ):
            return []  # the two must open a clause: a name run on from the sentence before is not them
        a, b = _parties(m.group("a"), self.lex), _parties(m.group("b"), self.lex)
        if len(a) != 1 or len(b) != 1:
            return []
        return [
            Proposal(
                "attribution",
                s.start,
                s.end,
                value,
                question,
                0.9,
                subject,
                sid,
                speaker=speaker,
                verb="accuses",
                hedge=self._hedge(s),
                as_of=self._as_of(s, 0),
                confidence=0.8,
                extra={"proposition": True},
            )
            for speaker, value in ((a[0], b[0]), (b[0], a[0]))
        ]

    def _actor(self, thing: str) -> str | None:
        """The party whose act a cause names: "coast guard towing attempt" -> "coast guard",
        "police use of tear gas" -> "police"; None for a plain thing ("faulty wiring")."""
        words = thing.split()
        for i in range(len(words) - 1, 0, -1):
            head = words[i - 1].lower()
            if self.lex.party_nouns.fullmatch(head) or self.lex.party_nouns.fullmatch(
                " ".join(words[max(0, i - 2) : i])
            ):
                return " ".join(words[:i])
        return None

    def _reporter(self, s: Sentence) -> tuple[str, int | None, str] | None:
        """Who reports in a sentence whose statement was read as blame or denial ("Monitors said
        there is no indication that the army was involved"): the clause before the first
        lower-case reporting verb."""
        for v in self.lex.verbs.finditer(s.text):
            if not v.group()[:1].islower() or self.lex.verb_class[re.sub(r"\s+", " ", v.group().lower())] != "asserts":
                continue
            before = s.text[: v.start()]
            cut = _CLAUSE_START.search(before)
            who = self._speaker(before[cut.end() :] if cut else before)
            if who is not None and not re.match(r"(?:no|none|nobody|neither)\b", who.text, re.I):
                return who.text, who.entity_id, v.group().lower()
            return None
        return None

    def _responsibility(self, s: Sentence) -> list[Proposal]:
        """Who is blamed, who claims it, who denies a part in it: one claim per party named."""
        if not _BLAME_WORDS.search(s.text):
            return []  # most sentences: none of the words these patterns need
        subject, sid = self._event_subject(s)
        if subject is None:
            return []
        responsibility = next(st for st in self.lex.statements if st.question.name == "responsibility")
        cause = next((st for st in self.lex.statements if st.question.name == "cause"), None)
        out: list[Proposal] = self._each_other(s, responsibility.question, subject, sid)
        seen: set[tuple[str, str]] = {(fold_text(p.value), p.polarity) for p in out}
        for blame in _blame_patterns(self.lex.party_words):
            how = blame.how
            for m in blame.finditer(s.text):
                polarity = "denies" if how in ("denies", "disowns") else "asserts"
                claimant = None
                if polarity == "asserts" and _NEGATED.search(s.text[: m.start()]):
                    polarity = "denies"  # "no reason to believe that Israel was involved"
                    made = _MADE_BY.search(s.text[: m.start()])
                    # "dismissed claims by X that Y was behind it": X asserts what the speaker denies.
                    claimant = self._speaker(made.group("who")) if made else None
                parties = _parties(m.group("who"), self.lex, cause=how in ("cause", "blamed on"))
                answers = [(p, responsibility.question) for p in parties]
                if how == "cause":
                    # A thing that caused it; a party that did is read as responsible above, and
                    # a party's act ("the coast guard towing attempt") makes that party responsible.
                    things = [p for p in parties if not self.lex.party_nouns.search(p.split()[-1])]
                    answers = [
                        (actor, responsibility.question)
                        if (actor := self._actor(thing))
                        else (thing, cause.question if cause else responsibility.question)
                        for thing in things
                    ]
                accuser = None
                if how in ("asserts", "cause", "blamed on") and m.start() < m.start("who"):
                    before = s.text[: m.start()]
                    rel = re.search(r",\s*who\s+(?:\w+\s+){0,2}$", before)
                    if rel:  # "Carlos Mazón, who wanted to shift the blame": the one named before "who"
                        before = before[: rel.start()].rsplit(",", 1)[-1]
                    before = _ASIDE.sub("", before)  # "Officials, including X and Y, blamed": the officials
                    cut = _CLAUSE_START.search(before)
                    accuser = self._speaker(before[cut.end() :] if cut else before)
                agent = _BY_AGENT.match(s.text[m.end("who") :])
                if (
                    agent
                    and polarity == "asserts"
                    and how != "claims"
                    and (how != "blamed on" or m.group("who")[:1].isupper() or re.match(r"the\s+[A-Z]", m.group("who")))
                ):
                    # "was blamed on X by Y", "blame was cast on X by Y": Y lays the blame.
                    accuser = self._speaker(agent.group("by")) or accuser
                if len(answers) > 1 and _REPORTS.match(s.text[m.end("who") :]):
                    answers = answers[:-1]  # "..., Israel, Jamshidi said": the last is the speaker
                for name, question in answers:
                    polarity_here = polarity
                    key = (fold_text(name), polarity_here)
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(
                        Proposal(
                            "denial" if polarity_here == "denies" else "attribution",
                            s.start,
                            s.end,
                            name,
                            question,
                            0.9,
                            subject,
                            sid,
                            polarity=polarity_here,
                            hedge=self._hedge(s),
                            as_of=self._as_of(s, 0),
                            confidence=0.8,
                            extra={"proposition": True, "accuser": accuser},
                        )
                    )
                    if how in ("claims", "disowns"):  # the party speaks for itself
                        out[-1].speaker, out[-1].verb = name, "claims" if how == "claims" else "denies"
                    if claimant is not None and (fold_text(name), "asserts") not in seen:
                        seen.add((fold_text(name), "asserts"))
                        out.append(
                            replace(
                                out[-1],
                                kind="attribution",
                                polarity="asserts",
                                speaker=claimant.text,
                                speaker_id=claimant.entity_id,
                                verb="claims",
                                extra={"proposition": True, "accuser": None},
                            )
                        )
        return out

    def _attributions(self, s: Sentence) -> list[Proposal]:
        out = []
        dismissal = self.lex.dismissals.search(s.text)
        if dismissal is not None:
            speaker = self._speaker(s.text[: dismissal.start()])
            if speaker is not None:
                p = self._statement(
                    s,
                    "denies",
                    re.sub(r"\s+", " ", dismissal.group("verb").lower()),
                    speaker,
                    dismissal.group("what").strip() or "it",
                )
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
        rejection = _REJECTION_BY.search(s.text)
        if rejection is not None and not out:
            # "a quick rejection of the allegation by X": X denies what was said before.
            speaker = self._speaker(rejection.group("who"))
            p = self._statement(s, "denies", "denies", speaker, "the allegations") if speaker else None
            if p is not None:
                out.append(p)
        for m in self.lex.statement_nouns.finditer(s.text):
            p = self._statement_noun(s, m)
            if p is not None and not any(o.speaker == p.speaker for o in out):
                out.append(p)
        out = [q for p in out for q in (p, *p.extra.pop("more", ()))]
        return out

    def _speaker(self, phrase: str) -> names.Mention | None:
        m = self._speaker_in(phrase)
        if m is not None and m.entity_id is None and " " not in m.text:
            # "Kamba said" after "Health Minister Roger Kamba said": one speaker, named in full.
            full = self.surnames.get(m.text.lower().strip("’'"))
            if full is not None:
                return names.Mention(m.start, m.end, full[0], full[1])
        return m

    def _speaker_in(self, phrase: str) -> names.Mention | None:
        """Who speaks in a phrase: a known name, else a proper name, else a role ("officials");
        "he" or "she" alone is the person who spoke last, a sentence or three before."""
        pronoun = re.fullmatch(r"[\s”\"’']*(?:and\s+|but\s+)?(he|she)\s*", phrase, re.I)  # "“...,” she said"
        if pronoun:
            if self.last_person is None:
                return None
            return names.Mention(pronoun.start(1), pronoun.end(1), self.last_person[0], self.last_person[1])
        ms = names.mentions(phrase, self.aliases)
        ms = [m for m in ms if m.text.lower() not in ("it", "this")]
        if ms:
            m = ([k for k in ms if k.entity_id is not None] or ms)[-1]
            follow = [k for k in ms if k.start > m.end and not phrase[m.end : k.start].strip() and k.entity_id is None]
            if m.entity_id is not None and follow and self.lex.country(m.text) != m.text:
                # "Iranian President X" when "Iranian" is known: the name goes on, it is X who speaks.
                m = follow[0]
            lead = [k for k in ms if k.end < m.start and not phrase[k.end : m.start].strip()]
            if lead and m.text[:1].islower():
                # "U.S. officials" when "officials" alone is known: the whole name speaks.
                m = names.Mention(lead[-1].start, m.end, phrase[lead[-1].start : m.end], None)
            title = _TITLE_OF.search(phrase[: m.start])
            if title and m.entity_id is None:
                # "the mayor of Marrowby": the office speaks, not the town.
                m = names.Mention(title.start(1), m.end, phrase[title.start(1) : m.end], None)
            # "The Afghan defense ministry": keep the role noun that follows a name.
            # "Iranian officials did": the role noun may be the first or the second word after.
            tails = [re.match(rf"(?:\s+[\w’'-]+){{{n}}}", phrase[m.end :]) for n in (1, 2)]
            tails += [re.match(rf"(?:\s+[a-z][\w’'-]*){{{n}}}", phrase[m.end :]) for n in (3, 4)]
            for tail in tails:  # "Iranian political and military officials"
                if (
                    (m.entity_id is None or self.lex.country(m.text) != m.text)
                    and tail
                    and self.lex.speaker_nouns.fullmatch(tail.group().split()[-1])
                ):
                    end = m.end + tail.end()
                    while more := re.match(r"\s+([\w’'-]+)", phrase[end:]):  # "military officials"
                        if not self.lex.speaker_nouns.fullmatch(more.group(1)):
                            break
                        end += more.end()
                    return names.Mention(m.start, end, phrase[m.start : end], None)
            return m
        role = next(
            (r for r in self.lex.speaker_nouns.finditer(phrase) if r.group() not in ("who", "un")), None
        )  # "the WHO", "the UN" speak; a relative "who" does not
        if role is None:
            return None
        np = re.search(r"(?:the\s+)?(?:[\w’'-]+\s+){0,3}" + re.escape(role.group()) + r"\b", phrase, re.I)
        assert np is not None  # the role noun was found in this phrase
        end = np.end()
        while more := re.match(r"\s+([\w’'-]+)", phrase[end:]):  # "the police chief": the whole role
            if not self.lex.speaker_nouns.fullmatch(more.group(1)):
                break
            end += more.end()
        text = re.sub(r"^(?:the|a|an)\s+", "", phrase[np.start() : end], flags=re.I)
        return names.Mention(np.start(), end, text, None)

    def _attribution(self, s: Sentence, v: re.Match) -> Proposal | None:
        text = s.text
        verb = re.sub(r"\s+", " ", v.group().lower())
        cls = self.lex.verb_class[verb]
        before, after = text[: v.start()], text[v.end() :]
        if verb == "told":  # "X told reporters (that) ...", "“...,” X told AFP.": the audience is no statement
            aud = _AUDIENCE.match(after)
            if aud:
                after = after[aud.end() :]
        if cls == "claims" and re.search(r"\b(?:not|never|yet\s+to|n[o’']t)\s+$", before, re.I):
            return None  # "X has not claimed responsibility": no claim, and no denial either
        if re.search(r"\b(?:is|are|was|were|been|be|being|it has|it had)\s+$", before, re.I):
            return None  # "is said to", "it has been said": a hedge, not a speaker
        if re.match(r"\s+(?:to|by)\b", after) and cls == "asserts":
            return None
        if verb in _NEEDS_STATEMENT and not (
            re.match(r"\s*(?:that\b|[,:“\"‘])", after)
            or (verb in _MAY_END and re.match(r"\s*(?:(?:on|in|at|this|last)\s+[\w ]{2,20})?\.?$", after))
        ):
            return None
        if not v.group()[:1].islower():
            return None  # "States" in "the United States"
        before = _ASIDE.sub(" ", before)  # "Officials, including the mayor, said": the officials
        cut = _CLAUSE_START.search(before)
        assert cut is not None  # the pattern matches at the last clause break, or at ^
        clause = before[cut.end() :] if before else ""
        clause = re.sub(
            r"\b(?:has|have|had|also|previously|later|repeatedly|strongly|had\s+also|"
            r"on\s+\w+day|once\s+again)\s*$",
            "",
            clause.strip(),
            flags=re.I,
        ).strip()
        postposed = bool(re.match(r"\s*[.,]?\s*$", after))
        if postposed and re.search(r"[”\"’']\s*[\w’' -]*$", before):
            # "“...,” the ISPR had stated.": the statement is the quotation before.
            head = before[: before.rfind(re.findall(r"[”\"’']", before)[-1]) + 1]
            speaker = self._speaker(before[len(head) :])
            if speaker is not None:
                content = head.strip(" “”\"',")
                p = self._statement(s, cls, verb, speaker, content)
                return p
        postposed = False
        speaker = self._speaker(clause) if clause else None
        speaker = self._appositive(before[: cut.end()], clause) or speaker
        if speaker is None and not clause.strip() and before.rstrip().endswith(","):
            # "Many, like X of the ANP, reject ...": the speaker is named in the aside.
            speaker = self._speaker(before)
        if re.match(r"\s*(?:(?:on|in|at|this|last)\s+[\w ]{2,20})?[.,]?\s*$", after):
            # "S, X said." -- the speaker sits between the last comma and the verb.
            tail = before.rsplit(",", 1)
            tail_speaker = self._speaker(tail[1]) if len(tail) == 2 else None
            if len(tail) == 2:
                tail_speaker = self._appositive(tail[0] + ",", tail[1].strip()) or tail_speaker
            if tail_speaker is not None:
                speaker, postposed = tail_speaker, True
        if speaker is None:
            return None
        content = before.rsplit(",", 1)[0] if postposed else after
        # "said in a statement to X that ...", "claimed on Telegram that ...": where it was said is not what.
        content = _SAID_WHERE.sub("", content)
        content = re.sub(r"^\s*(?:that\s+|,\s*)", "", content).strip(" .")
        p = self._statement(s, cls, verb, speaker, content)
        cites = re.match(r"\s*according to ([^,]{2,80}),", text, re.I)
        if p is not None and cites:
            p.cites = cites.group(1)
        return p

    def _appositive(self, head: str, clause: str) -> names.Mention | None:
        """ "X, an adviser to President Y, wrote": X speaks, not the one the role is named after."""
        named = re.search(r"([A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3}),\s*$", head)
        role = r"(?:an?|the)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}(?:\s+(?:of|to|for|at)\s+[^,]*)?"
        if named and re.fullmatch(role, clause.strip()):
            return self._speaker(named.group(1))
        return None

    def _according_to(self, s: Sentence) -> Proposal | None:
        if not _ACCORDING.search(s.text):
            return None  # most sentences; the patterns below try every start position
        m = re.match(r"\s*according to (?P<who>[^,]{2,80}),\s*(?P<what>.+)", s.text, re.I) or re.search(
            r"(?P<what>.{10,}?),?\s+according to (?P<who>[^,.]{2,80})", s.text, re.I
        )
        if not m:
            return None
        if re.match(
            r"(?:the\s+)?(?:order|orders|plan|plans|law|laws|rules|tradition|custom|schedule)\b",
            m.group("who").strip(),
            re.I,
        ):
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
        found = re.match(r"\s*(?:that\s+)?(.*)", s.text[m.end() :])
        assert found is not None  # ".*" matches anything
        content = found.group(1).strip(" .")
        if not content.lower().startswith(("that", "of")) and not s.text[m.end() :].lstrip().startswith("that"):
            content = ""
        p = self._statement(s, cls, f"{noun} of", speaker, content, strength_cap=0.8)
        return p

    _DENIED = re.compile(
        r"(?P<who>(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*\s*(?:,|\band\b|\bor\b|\bnor\b)?\s*)+)\s+"
        r"(?:had|has|have|was|were|is|are)\s+(?:been\s+)?(?:not\s+|no\s+|nothing\s+|never\s+)?(?:\w+\s+)?"
        r"(?:involved|responsible|behind|role|hand|part|to\s+do\s+with)\b"
    )

    def _denied_parties(self, content: str) -> list[names.Mention]:
        m = self._DENIED.search(content)
        if not m:
            return []
        return [x for x in names.mentions(m.group("who"), self.aliases) if x.text[:1].isupper()]

    def _parties(self, content: str, first: names.Mention) -> list[names.Mention]:
        """The others accused with the first: "Israel and the United States (US) for ..." gives
        the United States; a name in brackets only repeats the one before it."""
        head = re.split(r"\s+(?:for|of|over|in|on|as|behind|after|during|with)\s+", content, maxsplit=1)[0]
        head = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), head)
        return [
            m
            for m in names.mentions(head, self.aliases)
            if m.text != first.text and m.text[:1].isupper() and m.start > head.find(first.text)
        ]

    def _names_self(self, speaker: str, value: str) -> bool:
        """A party speaking of what was said of it: "the club" and "club", "the coast guard" and
        "Greek coast guard"."""
        a, b = fold_text(speaker), fold_text(value)
        if not (a and b):
            return False
        if re.search(rf"\b{re.escape(a)}\b", b) or re.search(rf"\b{re.escape(b)}\b", a):
            return True
        # "the Iranian government" speaks for Iran; "U.S. officials" for the U.S.
        words = re.sub(r"^(?:the|a|an)\s+", "", speaker, flags=re.I).split()
        while len(words) > 1 and self.lex.speaker_nouns.fullmatch(words[-1]):
            words.pop()
        side = {fold_text(self.lex.country(w) or w) for w in (" ".join(words), words[0])} if words else set()
        return fold_text(self.lex.country(value) or value) in side

    def _statement(self, s, cls, verb, speaker, content, strength_cap=1.0) -> Proposal | None:
        """The question a statement answers, its subject and its answer."""
        speaker_text, speaker_id = speaker.text, speaker.entity_id
        if re.match(r"(?:no|none|nobody|neither)\b", speaker_text, re.I):
            return None  # "No group has claimed responsibility": nobody speaks
        conf = 0.9 if speaker_id else (0.85 if speaker.text[:1].isupper() else 0.7)
        if cls == "asserts" and re.search(
            r"\b(?:not|never|no)\b[^.]{0,30}\b(?:involved|responsible|behind|part of|linked|role|hand|"
            r"connection|involvement|carry\s+out|carried\s+out|commit(?:ted)?|perpetrate[d]?)\b|\bnothing to do with\b",
            content,
            re.I,
        ):
            cls, turned = "denies", True  # "Afghans are not involved": the speaker denies a part in it
        else:
            turned = False
        kind = "denial" if cls == "denies" else "attribution"
        polarity = "denies" if cls == "denies" else "asserts"
        base = dict(
            speaker=speaker_text,
            speaker_id=speaker_id,
            verb=verb,
            polarity=polarity,
            hedge=self._hedge(s),
            confidence=conf,
            as_of=self._as_of(s, 0),
        )
        responsibility = next(st for st in self.lex.statements if st.question.name == "responsibility")
        low = content.lower()
        # A denial that only points back ("rejected the allegations"): the earlier statement's
        # question and answer, denied.
        if cls == "denies" and (
            low in self.lex.back_references
            or re.match(r"(?:it|this|that|them)\s*(?:,|\band\b|\bas\b)", low)  # "denies this and says ..."
            or re.match(
                r"(?:the|these|such|those)\s+(?:\w+\s+)?(?:allegations?|accusations?|claims?|charges?|reports?|criticism|"
                r"suggestions?|assertions?)\b",
                low,
            )
        ):

            def denial_of(prev: Proposal) -> Proposal:
                return Proposal(
                    kind,
                    s.start,
                    s.end,
                    prev.value,
                    prev.question,
                    prev.question_strength * 0.9,
                    prev.subject,
                    prev.subject_id,
                    note=f"denies: {prev.speaker}" if prev.speaker else None,
                    extra={"proposition": True},
                    **base,
                )

            # One denial for each party the earlier statement named ("blamed X and Y").
            denied = [denial_of(prev) for prev in self.last_claims]
            if not denied:
                return None
            # "The operator denied the accusations": it denies what was said of it, when it was named.
            own = [p for p in denied if self._names_self(speaker_text, p.value)]
            if not own:
                # "The X rejected the accusation" two sentences after X was accused: what was said of X.
                said: dict[tuple[str, str], Proposal] = {}
                for prev in self.claims_seen:
                    if self._names_self(speaker_text, prev.value):
                        said[(prev.question.name, fold_text(prev.value))] = prev
                own = [denial_of(prev) for prev in said.values()]
            denied = own or denied
            denied[0].extra["more"] = denied[1:]
            return denied[0]
        lies = re.search(
            r"\bresponsib\w*\b[^.]{0,50}?\blies?\s+(?:squarely\s+)?with\s+(?P<who>[^.;]{2,80})", content, re.I
        )
        if cls == "asserts" and lies:
            cls, content = "accuses", lies.group("who") + " for the attack"
        if cls in ("accuses", "claims") or (cls == "denies" and responsibility.pattern.search(low)):
            subject, sid = self._event_subject(s)
            if cls == "accuses":
                obj = re.match(r"\s*((?:the\s+)?[^,.;]{1,80}?)\s+(?:of|for|over)\b", content)
                target = self._speaker(obj.group(1)) if obj else None
                if target is None and re.match(r"\s*(?:of|for)\b", content):
                    # "a group that the US accuses of ...": the one accused stands before.
                    head = s.text[: s.text.find(content)] if content in s.text else ""
                    known = [m for m in names.known(head, self.aliases) if m.text != speaker_text]
                    target = known[0] if known else None
                target = target or next(iter(names.mentions(content, self.aliases)), None)
                if target is None:
                    return None
                value, value_id = target.text, target.entity_id
                others = self._parties(content, target)
            else:  # claims responsibility, or denies involvement: the speaker is the answer
                value, value_id = speaker_text, speaker_id
                others = []
                named = self._denied_parties(content) if cls == "denies" else []
                if named:  # "USA and Israel had no role", "no reason to believe that Israel was involved"
                    value, value_id = named[0].text, named[0].entity_id
                    others = named[1:]
                elif turned and not re.match(r"(?:we|i|our\s+\w+)\b", low):
                    return None  # "three others are not involved, X said": X denies nothing of its own
            if subject is not None and (cls != "accuses" or self.lex.event_re.search(content)):
                p = Proposal(
                    kind,
                    s.start,
                    s.end,
                    value,
                    responsibility.question,
                    0.9 * strength_cap,
                    subject,
                    sid,
                    extra={"proposition": True, "value_id": value_id},
                    **base,
                )
                p.extra["more"] = [
                    replace(p, value=o.text, extra={"proposition": True, "value_id": o.entity_id})
                    for o in others
                    if o.text != value
                ]
                return p
        for st in self.lex.statements:
            if st.question.name == "responsibility":
                continue
            m = st.pattern.search(content)
            if m and m.groupdict().get("value"):
                value = self.lex.country(m.group("value")) or m.group("value")  # "a Greek national": Greece
                event = names.event_name(content, self.aliases)
                if event and names.fold_text(value) not in names.fold_text(event[0]):
                    subject, sid = event[0], self.aliases.get(names.fold_text(event[0]))
                else:
                    # Where an attack was planned, who the attacker was: questions about an event,
                    # the article's unless the sentence names another ("the attack was planned in
                    # X" names the answer, not the event's place).
                    subject, sid = self._event_subject(s)
                return Proposal(
                    kind,
                    s.start,
                    s.end,
                    value,
                    st.question,
                    0.85 * strength_cap,
                    subject,
                    sid,
                    extra={"proposition": True},
                    **base,
                )
        if not content:
            return None
        ms = names.mentions(content, self.aliases)
        mention = next((m for m in ms if m.entity_id), ms[0] if ms else None)
        short = content if len(content) <= 200 else content[:197].rsplit(" ", 1)[0] + "..."
        question = Question(f"statements by {speaker_text}", (), "text")
        return Proposal(
            kind,
            s.start,
            s.end,
            short,
            question,
            0.3 * strength_cap,
            mention.text if mention else None,
            mention.entity_id if mention else None,
            extra={"proposition": False},
            **base,
        )


def _carry_speaker(found: list[Proposal]) -> list[Proposal]:
    """ "The toll rose to 52, officials said": the figures are the officials' claims, and the bare
    statement they were found in says nothing more. The article speaks only when nobody else does."""
    said = next((p for p in found if p.speaker and not p.extra.get("proposition")), None)
    figures_ = [p for p in found if p.kind in ("quantity", "date") and p.speaker is None]
    if said is None or not figures_:
        return found
    for p in figures_:
        p.speaker, p.speaker_id, p.verb = said.speaker, said.speaker_id, said.verb
    return [p for p in found if p is not said]


# "Saturday's stampede", "the 26 October parliamentary elections": a date written onto an event
# noun, with at most two describing words between ("on Tuesday the blast" is no such date).
_DATE_ON_NOUN = re.compile(
    r"(?:['’]s)?,?(?:\s+(?!(?:the|a|an|and|or|but|that|which|when|as|after|before|since|said|says)\b)[a-z][\w-]*){0,2}\s+"
)


def _verb_on_day(text: str, v: re.Match[str], d: DateMention) -> bool:
    """A day without a year dates the verb only when it follows it closely, not as the day
    something was said: "struck Mayotte on 14 December", "occurred on Sunday morning", not
    "killed 125 people, police said on Tuesday"."""
    return v.end() <= d.start and bool(_VERB_TO_DAY.fullmatch(text[v.end() : d.start]))


# "struck Mayotte on 14 December", "was arrested in Islamabad on May 9", "hit late Saturday".
_VERB_TO_DAY = re.compile(r"(?:\s+(?!(?:said|says|told|to|by|and|but)\b)[\w'’-]+){0,3}?\s+(?:on\s+|late\s+|early\s+)?")


# "the earthquake on April 16", "the attack on the Al Noor Mosque on March 15".
_NOUN_ON_DATE = re.compile(r"(?:\s+(?:at|in|near|of|on)\s+[^,;.]{1,40}?)?\s+on\s+")


def read(
    text: str,
    aliases: dict[str, int],
    today: dt.date | None,
    navigation: Sequence[tuple[int, int]] = (),
    known_events: Sequence[events.LedgerEvent] = (),
) -> Reading:
    """Every candidate claim in a text; `aliases` maps folded alias keys to entity ids."""
    return Reader(text, aliases, today, navigation, known_events).read()
