"""Quote -> span: finding a claim's quote in its source, and checking it is still there.

Three passes, each only when the one before finds nothing: the exact characters; the same text
modulo whitespace runs, curly/straight quotes, dash variants and case; then a fuzzy match scored by
rapidfuzz, accepted only on whole words, with no long run of differing words, and more strictly as
the quote grows (a lookalike is refused, not returned). When the quote is there more than once, the
prefix/suffix context (the W3C TextQuoteSelector's, compared folded and on word boundaries), an
offset hint (its TextPositionSelector) or an explicit occurrence decides; when nothing decides, the
quote is ambiguous and is refused rather than guessed.

A match has two scores: how like the quote the passage is (`score`), and how like the given context
its surroundings are (`context`, None when no context was given), so a desk can tell a safe carry
from a risky one.

Offsets are Python string indexes: Unicode code points, as the W3C selectors count them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from .errors import AnchorError

CONTEXT_CHARS = 32
# Below this rapidfuzz score (0-100), a passage is not the quote...
FUZZY_THRESHOLD = 85.0
# ...and the bar rises linearly to this for quotes of FUZZY_STRICT_AT characters or more: a long
# quote has room for a whole changed sentence inside an 85 % match.
FUZZY_THRESHOLD_LONG = 95.0
FUZZY_STRICT_AT = 1000
# A fuzzy passage may not differ from the quote in a run of more consecutive words than this share
# of the quote's words (and never more than WORD_RUN_MIN when that is larger): a passage whose
# ends match but whose middle or last words are different is a lookalike.
WORD_RUN_SHARE = 0.05
WORD_RUN_MIN = 2
# Two candidates whose context similarities (0-1) are this close cannot be told apart.
TIE_MARGIN = 0.005
# ...and the winner's context must match at least this well (0-1) to decide.
CONTEXT_MIN = 0.8
# Longer quotes are matched exactly or normalized only: fuzzy alignment costs grow with
# quote x text, and a quote this long that is not in the text verbatim is not a quote of it.
FUZZY_MAX_QUOTE = 2000

_FOLD = {
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4`"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
    "\u2026": "...",
}
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    score: float  # quote similarity: 1.0 for an exact match
    method: str  # exact / normalized / fuzzy
    context: float | None = None  # context similarity (0-1) to the prefix/suffix given, if any


@dataclass
class Folded:
    """Text folded for matching, with the original offset of every folded character."""

    text: str
    origin: list[int] = field(repr=False)  # origin[i]: offset in the source of folded char i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets covering folded[start:end] (every folded char comes from one source char)."""
        return self.origin[start], self.origin[end - 1] + 1


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character folded: quotes, dashes, compatibility forms, accents and case."""
    ch = _FOLD.get(ch, ch)
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> Folded:
    """Casefold, unify quotes, dashes and accents, collapse whitespace runs; map offsets."""
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch in _INVISIBLE:
            continue
        if ch.isspace():
            if not in_space:
                out.append(" ")
                origin.append(i)
            in_space = True
            continue
        in_space = False
        for c in _fold_char(ch):
            out.append(c)
            origin.append(i)
    return Folded("".join(out), origin)


_DROP_INVISIBLE = {ord(c): None for c in _INVISIBLE}
_SPACES = re.compile(r"\s+")  # \s is exactly str.isspace (checked over every code point)


def fold_text(text: str) -> str:
    """fold(text).text, stripped, without the offset map: the same steps in the same order
    (invisible characters out, whitespace runs to one space, then each character folded)."""
    t = _SPACES.sub(" ", text.translate(_DROP_INVISIBLE))
    t = t.replace("`", "'").lower() if t.isascii() else "".join(map(_fold_char, t))
    return t.strip()


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    score: float
    method: str
    lookalike: str = ""  # why a fuzzy passage that scores well is still not the quote


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, i = [], haystack.find(needle)
    while i != -1:
        found.append(i)
        i = haystack.find(needle, i + 1)
    return found


def _candidates(text: str, quote: str) -> list[Place]:
    exact = [Place(i, i + len(quote), 1.0, "exact") for i in _occurrences(text, quote)]
    if exact:
        return exact
    ftext, fquote = fold(text), fold_text(quote)
    if not fquote:
        return []
    found = []
    for i in _occurrences(ftext.text, fquote):
        start, end = ftext.span(i, i + len(fquote))
        found.append(Place(start, end, 0.99, "normalized"))
    return found


def fuzzy_threshold(length: int) -> float:
    """The score (0-100) a fuzzy passage needs, for a quote of `length` folded characters."""
    grow = min(1.0, max(0.0, (length - 100) / (FUZZY_STRICT_AT - 100)))
    return FUZZY_THRESHOLD + (FUZZY_THRESHOLD_LONG - FUZZY_THRESHOLD) * grow


def _fuzzy(text: str, quote: str) -> tuple[Place | None, list[Place]]:
    """The best fuzzy passage, and any others nearly as good (which make it ambiguous)."""
    from rapidfuzz import fuzz

    ftext, fquote = fold(text), fold_text(quote)
    if not fquote or not ftext.text:
        return None, []
    hay = ftext.text
    threshold = fuzzy_threshold(len(fquote))
    found: list[Place] = []
    # Look again with the best passage blanked out, to see whether a lookalike scores as well.
    for _ in range(3):
        al = fuzz.partial_ratio_alignment(fquote, hay)
        if al is None or al.dest_end <= al.dest_start:
            break
        start, end = _snap(text, *ftext.span(al.dest_start, al.dest_end))
        if any(c.start < end and start < c.end for c in found):
            break  # the same passage again, not a second one
        # The score of the whole quote against the passage found, not of the best-aligned part:
        # a quote longer than anything in the text must not score 1.0.
        passage = fold_text(text[start:end])
        score = fuzz.ratio(fquote, passage) / 100
        run = _word_run(fquote, passage)
        lookalike = (
            "it would start or end inside a word"
            if not _on_word_boundaries(text, start, end)
            else f"{run} words in a row differ"
            if run > _word_run_limit(fquote)
            else ""
        )
        found.append(Place(start, end, round(score, 4), "fuzzy", lookalike))
        hay = hay[: al.dest_start] + "\0" * (al.dest_end - al.dest_start) + hay[al.dest_end :]
        if score * 100 < threshold or lookalike:
            break
    if not found:
        return None, []
    best = found[0]
    rivals = [c for c in found[1:] if c.score * 100 >= threshold and not c.lookalike and best.score - c.score < 0.01]
    return best, rivals


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    inside = lambda i: 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()  # noqa: E731
    return start < end and not inside(start) and not inside(end)


def _word_run(fquote: str, passage: str) -> int:
    """The longest run of words in which the passage differs from the quote. A single word the two
    happen to share ("the") does not end a run: "farmers across the whole province" against
    "people in the region" is one run of four."""
    from rapidfuzz.distance import Indel

    longest = src = dest = 0
    for op in Indel.opcodes(fquote.split(), passage.split()):
        if op.tag == "equal":
            if op.src_end - op.src_start >= 2:
                src = dest = 0
            continue
        src += op.src_end - op.src_start
        dest += op.dest_end - op.dest_start
        longest = max(longest, src, dest)
    return longest


def _word_run_limit(fquote: str) -> int:
    return max(WORD_RUN_MIN, int(WORD_RUN_SHARE * len(fquote.split())))


def context_similarity(text: str, start: int, end: int, prefix: str | None, suffix: str | None) -> float | None:
    """How well the text around [start, end) matches the given context, 0-1 (None: none given).

    Compared folded (case, quotes, dashes, whitespace runs) and on word boundaries: the stretch
    of text compared is widened to whole words, and the space between context and quote need not
    be typed ("the" before "cat" is as good as "the "). A context as long as the stored ones
    (CONTEXT_CHARS, cut at a fixed width by `context`) may start or end inside a word."""
    from rapidfuzz import fuzz

    sides = []
    if prefix and fold_text(prefix):
        fc = fold_text(prefix)
        before = fold(text[max(0, start - len(prefix) - 64) : start]).text.rstrip()
        cut = max(0, len(before) - len(fc))
        while (
            len(prefix) < CONTEXT_CHARS
            and 0 < cut < len(before)
            and before[cut - 1].isalnum()
            and before[cut].isalnum()
        ):
            cut -= 1
        sides.append(fuzz.ratio(fc, before[cut:].lstrip()) / 100)
    if suffix and fold_text(suffix):
        fc = fold_text(suffix)
        after = fold(text[end : end + len(suffix) + 64]).text.lstrip()
        cut = min(len(after), len(fc))
        while (
            len(suffix) < CONTEXT_CHARS and 0 < cut < len(after) and after[cut - 1].isalnum() and after[cut].isalnum()
        ):
            cut += 1
        sides.append(fuzz.ratio(fc, after[:cut].rstrip()) / 100)
    return round(sum(sides) / len(sides), 4) if sides else None


def _snap(text: str, start: int, end: int, reach: int = 3) -> tuple[int, int]:
    """Widen a fuzzy passage to whole words when it stops a few letters inside one."""
    s = start
    while s > 0 and start - s < reach and text[s - 1].isalnum() and text[s].isalnum():
        s -= 1
    e = end
    while e < len(text) and e - end < reach and text[e].isalnum() and text[e - 1].isalnum():
        e += 1
    s = start if s > 0 and text[s - 1].isalnum() else s
    e = end if e < len(text) and text[e].isalnum() else e
    while s < e and text[s].isspace():  # a passage neither starts nor ends in whitespace
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _choose(text, cands, prefix, suffix, hint, occurrence) -> Place:
    if occurrence is not None:
        if not 1 <= occurrence <= len(cands):
            raise AnchorError(f"--occurrence {occurrence} asked for, but the quote occurs {len(cands)} time(s)")
        return cands[occurrence - 1]
    if len(cands) == 1:
        return cands[0]
    if prefix or suffix:
        scored = sorted(
            ((context_similarity(text, c.start, c.end, prefix, suffix) or 0.0, c) for c in cands), key=lambda sc: -sc[0]
        )
        (top, best), (second, _) = scored[0], scored[1]
        # Context decides only when it clearly matches one place: a lookalike paragraph whose
        # surroundings merely resemble the original less badly than another's is not a match.
        if top - second > TIE_MARGIN and top >= CONTEXT_MIN:
            return best
        raise AnchorError(_ambiguous(cands) + "; the context given does not single one out")
    if hint is not None:
        ranked = sorted(cands, key=lambda c: abs(c.start - hint))
        if abs(ranked[0].start - hint) < abs(ranked[1].start - hint):
            return ranked[0]
    raise AnchorError(_ambiguous(cands) + "; give --prefix/--suffix context or --occurrence N")


def _ambiguous(cands: list[Place]) -> str:
    where = ", ".join(f"#{n} at {c.start}" for n, c in enumerate(cands[:10], 1))
    return f"the quote occurs {len(cands)} times ({where})"


def locate(
    text: str,
    quote: str,
    prefix: str | None = None,
    suffix: str | None = None,
    hint: int | None = None,
    occurrence: int | None = None,
) -> Anchor:
    """Find `quote` in `text`, or raise AnchorError saying why not (closest passage, candidates)."""
    if not quote or not quote.strip():
        raise AnchorError("the quote is empty")
    a = _locate(text, quote, prefix, suffix, hint, occurrence)
    if prefix or suffix:
        a = Anchor(a.start, a.end, a.score, a.method, context_similarity(text, a.start, a.end, prefix, suffix))
    return a


def _locate(text, quote, prefix, suffix, hint, occurrence) -> Anchor:
    first = text.find(quote)
    if first != -1 and occurrence in (None, 1) and text.find(quote, first + 1) == -1:
        return Anchor(first, first + len(quote), 1.0, "exact")  # the common case, kept cheap
    cands = _candidates(text, quote)
    if cands:
        c = _choose(text, cands, prefix, suffix, hint, occurrence)
        return Anchor(c.start, c.end, c.score, c.method)
    if len(quote) > FUZZY_MAX_QUOTE:
        raise AnchorError(
            f"the quote ({len(quote):,} characters) is not in the source, even allowing "
            "for case, quotes, dashes and spacing; quote a shorter passage"
        )
    best, rivals = _fuzzy(text, quote)
    if best is None or best.score * 100 < fuzzy_threshold(len(fold_text(quote))) or best.lookalike:
        closest = ""
        if best is not None:
            why = f", but {best.lookalike}" if best.lookalike else ""
            closest = f"; closest passage ({best.score:.0%} similar{why}) at {best.start}: " + _snippet(
                text[best.start : best.end]
            )
        raise AnchorError(f"the quote is not in the source{closest}")
    if rivals:
        c = _choose(text, [best, *rivals], prefix, suffix, hint, occurrence)
        return Anchor(c.start, c.end, c.score, c.method)
    if occurrence not in (None, 1):
        raise AnchorError(f"--occurrence {occurrence} asked for, but the quote matches only once")
    return Anchor(best.start, best.end, best.score, best.method)


def anchor(
    text: str,
    quote: str,
    prefix: str | None = None,
    suffix: str | None = None,
    hint: int | None = None,
) -> Anchor | None:
    """The best match of `quote` in `text`, or None when nothing is close enough or it is ambiguous."""
    try:
        return locate(text, quote, prefix, suffix, hint)
    except AnchorError:
        return None


def context(text: str, start: int, end: int, size: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The prefix and suffix stored with a span, to find it again if offsets drift."""
    return text[max(0, start - size) : start], text[end : end + size]


def _snippet(passage: str, limit: int = 80) -> str:
    flat = re.sub(r"\s+", " ", passage).strip()
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
