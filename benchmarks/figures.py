"""Precision, recall and F1 of `provenance.extract.figures` on labelled news sentences.

    python benchmarks/figures.py [--split dev|test|all] [--misses]

The sentences (benchmarks/figures/dev.txt and test.txt) come from business, sports, science and
world news pages, split by article; every quantity in them is labelled with its value and unit.
Prints one JSON object per split: value precision/recall/F1 (the number or range is right) and
value-with-unit precision/recall/F1 (and its unit too). --misses lists, on stderr, the labels no
figure matched and the figures no label backs. Tune on dev only; test is pinned by a hash test.

File format: `## article | kind | url` starts an article; then a sentence line and a `=` line of
`value unit` items separated by `;` (value: a number, or `low..high` for a range; unit: empty when
none is written, a currency code for money, `%` for percentages). Vague amounts ("dozens"),
ordinals, scores ("38-31"), dates, times and names with digits are not labelled.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

from provenance.extract.figures import figures

HERE = Path(__file__).parent / "figures"

# Spellings of one unit; the benchmark compares units after this and a plural fold, then by the
# head (last) word, so "touchdown passes" matches "passes".
_UNIT_ALIASES = {
    "percent": "%", "per cent": "%", "pc": "%", "percentage points": "%",
    "kilometre": "km", "kilometer": "km", "millimetre": "mm", "millimeter": "mm",
    "c": "°c", "celsius": "°c", "degrees celsius": "°c", "f": "°f", "fahrenheit": "°f",
    "inch": "inch", "in": "inch", "megapixel": "mp", "watt": "w", "gram": "g",
    "fold": "times", "x": "times", "year-old": "year", "yard": "yard", "td": "touchdown",
}


@dataclass(frozen=True)
class Item:
    value: tuple[float, ...]
    unit: str | None


def _unit(text: str | None) -> str | None:
    if not text:
        return None
    u = text.strip().casefold()
    u = _UNIT_ALIASES.get(u, u)
    words = [_singular(w) for w in u.split()]
    u = " ".join(words)
    return _UNIT_ALIASES.get(u, u)


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes")):
        return word[:-2]
    return word[:-1]


def _units_match(a: str | None, b: str | None) -> bool:
    a, b = _unit(a), _unit(b)
    if a is None or b is None:
        return a is b
    return a == b or a.split()[-1] == b.split()[-1]


def load(split: str) -> list[tuple[str, str, list[Item]]]:
    """(article, sentence, labels) for every labelled sentence of a split."""
    out, article, sentence = [], None, None
    for line in (HERE / f"{split}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            article = line[3:].split("|")[0].strip()
        elif line.startswith("#") or not line.strip():
            continue
        elif line.startswith("="):
            items = []
            for part in filter(None, (p.strip() for p in line[1:].split(";"))):
                value, _, unit = part.partition(" ")
                nums = tuple(float(v) for v in value.split(".."))
                items.append(Item(nums, unit.strip() or None))
            out.append((article, sentence, items))
            sentence = None
        else:
            sentence = line
    return out


def predicted(sentence: str) -> list[Item]:
    items = []
    for f in figures(sentence):
        if f.vague:  # vague amounts are not labelled (see the format note above)
            continue
        ends = tuple(x for x in (f.low, f.high) if x is not None)
        if len(ends) == 2 and ends[0] == ends[1]:
            ends = ends[:1]
        items.append(Item(ends, f.unit))
    return items


def _same_value(a: Item, b: Item) -> bool:
    return len(a.value) == len(b.value) and all(
        math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9) for x, y in zip(a.value, b.value))


def _matches(gold: list[Item], pred: list[Item], with_unit: bool) -> tuple[int, list[Item], list[Item]]:
    left = list(pred)
    hit, missed = 0, []
    for g in gold:
        m = next((p for p in left if _same_value(g, p) and (not with_unit or _units_match(g.unit, p.unit))), None)
        if m is None:
            missed.append(g)
        else:
            left.remove(m)
            hit += 1
    return hit, missed, left


def _prf(hit: int, n_pred: int, n_gold: int) -> dict:
    p = hit / n_pred if n_pred else 0.0
    r = hit / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def score(split: str, misses: bool = False) -> dict:
    totals = {"gold": 0, "pred": 0, "value": 0, "unit": 0}
    for article, sentence, gold in load(split):
        pred = predicted(sentence)
        hv, _, _ = _matches(gold, pred, False)
        hu, missed, extra = _matches(gold, pred, True)
        totals["gold"] += len(gold)
        totals["pred"] += len(pred)
        totals["value"] += hv
        totals["unit"] += hu
        if misses and (missed or extra):
            print(f"[{article}] {sentence}", file=sys.stderr)
            for g in missed:
                print(f"   missed {g.value} {g.unit}", file=sys.stderr)
            for p in extra:
                print(f"   extra  {p.value} {p.unit}", file=sys.stderr)
    return {
        "split": split, "sentences": len(load(split)), "labels": totals["gold"], "figures": totals["pred"],
        "value": _prf(totals["value"], totals["pred"], totals["gold"]),
        "value_with_unit": _prf(totals["unit"], totals["pred"], totals["gold"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    for split in (["dev", "test"] if args.split == "all" else [args.split]):
        print(json.dumps(score(split, args.misses)))


if __name__ == "__main__":
    main()
