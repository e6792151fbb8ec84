"""Precision and recall of extraction against the labelled seeds (benchmarks/extraction.py).

Labels are the curated claims of seeds/claims.toml (typed by their property and speaker) plus
seeds/extraction.toml. A candidate is right when a label of its type overlaps its sentence.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InputError
from ..ingest.sources import find_source
from ..ledger.models import Candidate, Source

TYPES = ("quantity", "date", "attribution", "denial")
_VALUE_KIND = {"quantity": "quantity", "share": "quantity", "date": "date"}


@dataclass(frozen=True)
class GoldQuote:
    source: str  # SHA-256 prefix
    type: str
    quote: str


def _curated(claims_file: Path) -> list[GoldQuote]:
    data = tomllib.loads(claims_file.read_text(encoding="utf-8"))
    types = {p["name"]: p["type"] for p in data.get("properties", [])}
    out = []
    for c in data.get("claims", []):
        kind = _VALUE_KIND.get(types.get(c["property"], ""))
        if kind is None and c.get("speaker"):
            kind = "denial" if c.get("denies") else "attribution"
        if kind is not None:
            out.append(GoldQuote(c["source"], kind, c["quote"]))
    return out


def labels(seeds: Path) -> list[GoldQuote]:
    extra = tomllib.loads((seeds / "extraction.toml").read_text(encoding="utf-8"))
    out = _curated(seeds / "claims.toml")
    for group in extra["labels"]:
        for src in group["sources"]:
            out.extend(GoldQuote(src, kind, quote) for kind, quote in group["items"])
    return sorted(set(out), key=lambda lb: (lb.source, lb.type, lb.quote))


def _occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    spans, at = [], text.find(quote)
    while at != -1:
        spans.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return spans


@dataclass
class Evaluation:
    rows: list[dict]  # {"type", "precision", "recall", "support"} per type, then "all"
    missed: list[GoldQuote]  # labels no candidate found
    unbacked: list[Candidate]  # candidates no label backs


def evaluate(session: Session, gold: list[GoldQuote]) -> Evaluation:
    """Score the candidates of every labelled source against the labels."""
    sources = {ref: find_source(session, ref, with_text=True) for ref in {lb.source for lb in gold}}
    spans: dict[int, list[tuple[str, tuple[int, int], int]]] = {}  # source id -> (type, span, label no.)
    for n, lb in enumerate(gold):
        src = sources[lb.source]
        occ = _occurrences(src.text, lb.quote)
        if not occ:
            raise InputError(f"label {lb.quote[:50]!r} is not in source {lb.source}")
        spans.setdefault(src.id, []).extend((lb.type, o, n) for o in occ)
    cands = session.scalars(select(Candidate).where(Candidate.source_id.in_(spans))).all()
    found: set[int] = set()
    unbacked: list[Candidate] = []
    right: dict[str, int] = dict.fromkeys(TYPES, 0)
    proposed: dict[str, int] = dict.fromkeys(TYPES, 0)
    for c in cands:
        proposed[c.kind] += 1
        hits = [n for kind, (a, b), n in spans[c.source_id] if kind == c.kind and a < c.end and c.start < b]
        found.update(hits)
        right[c.kind] += bool(hits)
        if not hits:
            unbacked.append(c)
    rows = []
    for kind in (*TYPES, "all"):
        kinds = TYPES if kind == "all" else (kind,)
        support = sum(1 for lb in gold if lb.type in kinds)
        recalled = sum(1 for n, lb in enumerate(gold) if lb.type in kinds and n in found)
        p_den = sum(proposed[k] for k in kinds)
        rows.append({"type": kind, "precision": round(sum(right[k] for k in kinds) / p_den, 3) if p_den else None,
                     "recall": round(recalled / support, 3) if support else None, "support": support})
    missed = [lb for n, lb in enumerate(gold) if n not in found]
    return Evaluation(rows, missed, unbacked)


def sources_of(session: Session, gold: list[GoldQuote]) -> list[Source]:
    return [find_source(session, ref, with_text=True) for ref in sorted({lb.source for lb in gold})]
