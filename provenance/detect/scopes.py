"""What a scope counts, as one key: two scopes worded differently but counting the same people
("children" and "minors", "in critical condition" and "in intensive care") compare as one.

Words that say how a figure was established rather than what it counts ("confirmed", "on the
official list of the dead") are dropped: "Canadians on the official list" still counts Canadians.
"""

from __future__ import annotations

import functools
import re

from ..anchoring import fold_text

# Phrases that name one group, and the key they all stand for (general news usage, no event).
_SYNONYMS = {
    # Hospital grades: critical (intensive care) and serious are distinct, as hospitals report them.
    "critical": (
        "critical condition",
        "a critical condition",
        "critically injured",
        "critically wounded",
        "critically ill",
        "intensive care",
        "the icu",
        "icu",
        "critical",
        "gravely injured",
        "gravely wounded",
    ),
    "serious": (
        "serious condition",
        "a serious condition",
        "seriously injured",
        "seriously wounded",
        "severely injured",
        "severely wounded",
    ),
    "children": ("children", "minors", "under 18s", "under-18s", "under 18", "kids", "juveniles"),
    "foreigners": ("foreigners", "foreign nationals", "foreign citizens", "non-nationals"),
    "police": ("police", "police officers", "policemen", "police personnel"),
    "soldiers": ("soldiers", "troops", "military personnel", "servicemen", "service members"),
    "civilians": ("civilians", "non-combatants"),
    # When something began: its onset and its first detection or report date the same start.
    "start": (
        "onset",
        "start",
        "beginning",
        "began",
        "first detection",
        "first detected",
        "first case",
        "first cases",
        "first reported",
        "first report",
        "emergence",
    ),
    "women": ("women", "females"),
    "men": ("men", "males"),
}
_KEY = {phrase: key for key, phrases in _SYNONYMS.items() for phrase in phrases}

# How the figure is known, not what it counts.
_QUALIFIERS = re.compile(
    r"\b(?:on|in) the official (?:list|tally|count|toll)(?: of the (?:dead|victims|injured|missing))?\b|"
    r"\baccording to (?:the )?official (?:figures|data|list)\b|"
    r"\b(?:officially |formally )?(?:confirmed|identified|registered|recorded|reported)\b|"
    r"\bofficial(?:ly)?\b|\bamong the (?:dead|victims|injured|missing)\b|\bso far\b"
)
_ARTICLE = re.compile(r"^(?:the|all|of|among|at|in|on|a) ")
_ASIDE = re.compile(r"\([^()]*\)")  # "at the Al Noor (Central) mosque": an aside, not a narrower count


@functools.lru_cache(maxsize=4096)
def scope_key(scope: str | None) -> str | None:
    """The folded scope with measurement words dropped and synonyms merged; None for no scope."""
    if not scope:
        return None
    text = fold_text(scope).casefold()
    text = _QUALIFIERS.sub(" ", _ASIDE.sub(" ", text))
    text = re.sub(r"[^\w\s-]", " ", text)
    text = " ".join(text.split())
    while (stripped := _ARTICLE.sub("", text)) != text:
        text = stripped
    if not text:
        return fold_text(scope)
    return _KEY.get(text, text)
