"""Names in a sentence: known entities by their aliases, unknown proper names, events.

Known names are found by trying every run of up to eight words against the ledger's alias keys
(folded as vocabulary.alias_key folds them), longest first. Unknown names are runs of
capitalised words; they are only ever proposed, never merged into an entity.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..anchoring import fold, fold_text
from .lexicon import lexicon

_WORD = re.compile(r"[\w][\w'’.-]*[\w]|[\w]")
_CAP = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w’'-]*[\w]|[A-Z])"  # "U.S." is one word
_JOIN = r"(?:(?:\s+(?:of|al|bin|ibn|de|the))+\s+|\s+|-)"  # "X and Y" is two names
_PROPER = re.compile(rf"{_CAP}(?:{_JOIN}{_CAP})*")
MAX_ALIAS_WORDS = 8

# Capitalised words that begin sentences or name no one.
NOT_NAMES = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "it",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "its",
    "but",
    "and",
    "or",
    "as",
    "after",
    "before",
    "since",
    "while",
    "when",
    "despite",
    "however",
    "according",
    "currently",
    "definitely",
    "additionally",
    "also",
    "although",
    "meanwhile",
    "no",
    "yes",
    "for",
    "from",
    "by",
    "with",
    "within",
    "during",
    "if",
    "so",
    "there",
    "here",
    "mr",
    "ms",
    "mrs",
    "dr",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "former",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "some",
    "many",
    "several",
    "top",
    "senior",
}


@dataclass(frozen=True)
class Mention:
    start: int  # offsets within the sentence
    end: int
    text: str
    entity_id: int | None  # None: a name the ledger does not know


def _possessive(s: str) -> str:
    if s.endswith(("’s", "'s")):
        return s[:-2]
    return s[:-1] if s.endswith(("’", "'")) else s


@functools.lru_cache(maxsize=65536)
def _fold_piece(piece: str) -> str:
    """A word or the gap between two words, folded as fold_text folds it inside a longer text."""
    return fold(piece).text


_FIRSTS: dict[int, tuple[int, set[str]]] = {}


def _first_words(aliases: dict[str, int]) -> set[str]:
    """The first words of the alias keys: a run starting elsewhere names no known entity."""
    got = _FIRSTS.get(id(aliases))
    if got is None or got[0] != len(aliases):
        got = (len(aliases), {m.group() if (m := _WORD.match(k)) else k for k in aliases})
        _FIRSTS.clear()
        _FIRSTS[id(aliases)] = got
    return got[1]


def known(sentence: str, aliases: dict[str, int]) -> list[Mention]:
    """Known entities named in the sentence, longest match first, never overlapping."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(sentence)]
    # Folding is character by character (whitespace runs become one space), so a run's key is
    # its folded words and gaps joined: each piece is folded once, not once per run.
    folded = [_fold_piece(sentence[a:b]) for a, b in words]
    gaps = [_fold_piece(sentence[words[i][1] : words[i + 1][0]]) for i in range(len(words) - 1)]
    found: list[Mention] = []
    taken = [False] * len(words)
    firsts = _first_words(aliases)
    starts = [i for i, f in enumerate(folded) if f in firsts or _possessive(f) in firsts]
    for n in range(min(MAX_ALIAS_WORDS, len(words)), 0, -1):
        for i in starts:
            if i + n > len(words) or any(taken[i : i + n]):
                continue
            a, b = words[i][0], words[i + n - 1][1]
            key = "".join(folded[k] + (gaps[k] if k < i + n - 1 else "") for k in range(i, i + n))
            surface = sentence[a:b]
            if key in aliases:
                found.append(Mention(a, b, surface, aliases[key]))
                taken[i : i + n] = [True] * n
                continue
            short = _possessive(surface) if surface.endswith(("s", "’", "'")) else surface
            if short != surface and (k2 := fold_text(short)) in aliases:
                found.append(Mention(a, a + len(short), short, aliases[k2]))
                taken[i : i + n] = [True] * n
    return sorted(found, key=lambda m: m.start)


def proper_names(sentence: str) -> list[Mention]:
    """Runs of capitalised words, trimmed of leading function words and possessives."""
    out: list[Mention] = []
    for m in _PROPER.finditer(sentence):
        # "Ecuador's Pacific coast": a possessive ends a name; what follows is another one.
        for piece in re.finditer(r"(?:[^’']|[’'](?![sS]\s))+(?:[’'][sS](?=\s))?", m.group()):
            if piece.group().strip():
                _proper_piece(piece.group(), m.start() + piece.start(), out)
    return out


def _proper_piece(text: str, start: int, out: list[Mention]) -> None:
    start += len(text) - len(text.lstrip())
    text = text.lstrip()
    while True:
        first = text.split()[0] if text.split() else ""
        if first.lower() in NOT_NAMES and len(text.split()) > 1:
            cut = len(first) + (len(text) - len(text[len(first) :].lstrip()) - len(first))
            text, start = text[cut:], start + cut
            continue
        break
    text = _possessive(text).strip()
    if text and text.lower() not in NOT_NAMES and len(text) >= 2:
        out.append(Mention(start, start + len(text), text, None))


def mentions(sentence: str, aliases: dict[str, int]) -> list[Mention]:
    """Known names, then unknown proper names that do not overlap them."""
    kn = known(sentence, aliases)
    rest = [p for p in proper_names(sentence) if not any(p.start < k.end and k.start < p.end for k in kn)]
    return sorted(kn + rest, key=lambda m: m.start)


def event_name(sentence: str, aliases: dict[str, int]) -> tuple[str, int] | None:
    """A name for the event the sentence reports ("Peshawar mosque attack") and where its noun
    sits; None when the sentence names no event."""
    lex = lexicon()
    m = lex.event_re.search(sentence)
    if m is None:
        return None
    kind = lex.events[re.sub(r"\s+", " ", m.group().lower())]
    # A known event named outright ("the Bisham attack") is the event.
    for k in known(sentence, aliases):
        if abs(k.start - m.start()) < 40 and lex.event_re.search(k.text):
            return k.text, m.start()
    window = sentence[max(0, m.start() - 60) : m.end() + 80]
    facility = lex.facilities.search(window)
    place = _place(sentence, m.start(), m.end())
    if not place:
        return None  # "the attack": which one, the article as a whole says (Reader.event)
    parts = [place, facility.group().lower() if facility else None]
    return " ".join([*(p for p in parts if p), kind]), m.start()


def event_parts(sentence: str) -> tuple[str | None, str | None, str | None]:
    """(kind, facility, place) the sentence mentions, for naming an article's event when no
    single sentence names it whole ("a bomber struck a mosque in Peshawar ... the blast")."""
    lex = lexicon()
    m = lex.event_re.search(sentence)
    kind = lex.events[re.sub(r"\s+", " ", m.group().lower())] if m else None
    facility = lex.facilities.search(sentence)
    place = None
    for p in proper_names(sentence):
        if re.search(
            r"\b(?:in|at|near|outside)\s+(?:the\s+)?(?:\w+\s+)?$", sentence[max(0, p.start - 16) : p.start], re.I
        ):
            place = p.text
            break
    return kind, facility.group().lower() if facility else None, place


def _place(sentence: str, start: int, end: int, plausible=None) -> str | None:
    """The nearest proper name in a place position: "in/at/near/outside X" first, then "X's"
    or a name just before the event noun ("a Peshawar mosque blast"); plausible: a test a name
    must pass to be a place at all (a party or a titled person is not)."""
    ranked = []
    for p in proper_names(sentence):
        if plausible is not None and not plausible(p.text):
            continue
        before = sentence[max(0, p.start - 16) : p.start].lower()
        placed = re.search(
            r"\b(?:in|at|near|outside|off|on|across|capital|city\s+of|province\s+of|struck|hit|rocked|"
            r"shook|jolted|devastated)\s+(?:the\s+)?(?:\w+\s+)?$",
            before,
        )
        right_after = sentence[p.end : p.end + 3] in ("’s ", "'s ")
        between = sentence[p.end : start]
        adjacent = (
            0 <= start - p.end <= 25
            and between.strip(" ,").count(" ") <= 2
            and not re.search(r"\b(?:for|of|to|from|by|with|over|after|and|the)\b", between, re.I)
        )
        if not (placed or right_after or adjacent):
            continue
        d = p.start - end if p.start >= end else start - p.end
        if d < 90:
            ranked.append((0 if placed else 1, d, p.text))
    return min(ranked)[2] if ranked else None
