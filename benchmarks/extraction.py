"""How well Provenance reads a new article: claims, conflicts, events and speed, per split.

    python benchmarks/extraction.py [--split dev|test|seeds ...] [--event NAME ...] [--misses] [--relax subject]

For every labelled event of benchmarks/corpus/<split>/ (and the five seed captures, scored
in-sample against their curated claims): a fresh ledger, the articles added with their metadata,
`extract`, `review --accept-above` at the suggested score, detection; then scored by
provenance.evaluation. Prints JSON lines: per split and claim type (precision, recall,
support), conflicts (must-flag recall, precision, must-not flagged), events (share of labelled
events filed under exactly one subject) and speed (KB of article text per second of extraction).
--misses lists, on stderr, the labels missed and the claims no label backs (dev and seeds only:
the test split is never printed in detail). --event keeps only the named events of a split.
--relax subject adds diagnostic lines (marked "diagnostic"; the figures above them are unchanged):
the claim types scored without the subject check, and why each entity label was missed (or, when
found, whether it has the label's speaker); with --misses each entity label's cause on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from provenance import evaluation
from provenance.demo import seeds_dir
from provenance.evaluation import diagnose, load_seeds, load_split, run_event, score, summarise
from provenance.extract.candidates import SUGGESTED_ACCEPT

CORPUS = Path(__file__).resolve().parent / "corpus"


def _misses(run, sc) -> None:
    ev = run.event
    for name, n in sc.events.items():
        print(f"event   {ev.name[:18]:18} {name!r} filed under {n} subject(s)", file=sys.stderr)
    claims = {claim.id: claim for _, claim in run.accepted}

    def joins(group: dict, ids) -> bool:  # as provenance.evaluation.score judges a conflict
        return evaluation.joins(run, sc.right, group, ids)

    tally = {"MUST": 0, "NOT": 0, "-": 0}
    for ids in run.conflicts:
        got = [sorted(sc.right.get(i, ())) for i in ids]
        verdict = ("MUST" if any(joins(g, ids) for g in ev.must_flag)
                   else "NOT" if any(joins(g, ids) for g in ev.must_not_flag) else "-")
        tally[verdict] += 1
        print(f"conflict {ev.name[:18]:18} {verdict:4} labels {got} "
              + " | ".join(f"{claims[i].subject.name}: {claims[i].property.name}={claims[i].value_text}"
                           for i in ids if i in claims)[:200], file=sys.stderr)
    print(f"e2e     {ev.name[:18]:18} flagged {len(run.conflicts)}: must-flag {tally['MUST']}, "
          f"must-not {tally['NOT']}, unlabelled {tally['-']}", file=sys.stderr)
    for lb in ev.claims:
        if lb["id"] not in sc.found:
            print(f"missed  {ev.name[:18]:18} {lb['id']:5} {lb['subject'][:20]:20} {lb['property'][:14]:14} "
                  f"{str(lb['value'])[:22]!r:24} {lb['quote'][:70]!r}", file=sys.stderr)
            text = run.texts[lb["source"]]
            at = text.find(lb["quote"])
            for c in run.candidates:
                if c.source_key == lb["source"] and c.start <= at < c.end:
                    print(f"    near: {c.status} {c.score:.2f} {c.role} {c.subject_text!r} {c.property_name!r} "
                          f"{c.value_text[:40]!r} {c.polarity}", file=sys.stderr)
    for cand, claim in run.accepted:
        if not sc.right.get(claim.id):
            print(f"unbacked {ev.name[:18]:18} {cand.id:4} {claim.subject.name[:20]:20} {claim.property.name[:14]:14} "
                  f"{claim.value_text[:22]!r:24} {run.texts[cand.source_key][cand.start:cand.end][:70]!r}",
                  file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", choices=("dev", "test", "seeds"))
    parser.add_argument("--event", action="append", help="only this event of the split (repeatable)")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--relax", action="append", choices=("subject",), default=[])
    args = parser.parse_args()
    relax = frozenset(args.relax)
    for split in args.split or ("dev", "test", "seeds"):
        events = [load_seeds(seeds_dir())] if split == "seeds" else load_split(CORPUS, split)
        if args.event:
            events = [ev for ev in events if ev.name in args.event]
        scores, relaxed, causes = [], [], Counter()
        for ev in events:
            run = run_event(ev, SUGGESTED_ACCEPT)
            scores.append(score(run))
            if args.misses and split != "test":
                _misses(run, scores[-1])
            if relax:
                relaxed.append(score(run, relax))
                for lb, cause, got in diagnose(run, scores[-1]):
                    causes[cause] += 1
                    if args.misses and split != "test":
                        print(f"entity  {ev.name[:18]:18} {lb['id']:5} {cause:16} {lb['value']!s:.22} "
                              f"({lb.get('speaker')}) <- {got}", file=sys.stderr)
        for row in summarise(split, events, scores):
            print(json.dumps(row), flush=True)
        if relax:
            for row in summarise(split, events, relaxed):
                if row["type"] in ("quantity", "share", "date", "entity", "text", "boolean", "all"):
                    print(json.dumps({"diagnostic": "relax " + "+".join(sorted(relax)), **row}), flush=True)
            print(json.dumps({"diagnostic": "entity labels", "split": split, **dict(sorted(causes.items()))}),
                  flush=True)


if __name__ == "__main__":
    main()
