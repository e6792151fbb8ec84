"""Precision and recall of claim extraction on the five seed captures.

    python benchmarks/extraction.py [--misses]

Builds a fresh ledger from the seeds (sources, entities, properties), runs `extract` on every
source, and scores the candidates against the labelled set (seeds/claims.toml's curated claims
plus seeds/extraction.toml). Prints one JSON object per line: per claim type, then "all".
--misses also lists, on stderr, the labels no candidate found and the candidates no label backs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from provenance.candidates import extract
from provenance.db import open_db
from provenance.demo import run_demo, seeds_dir
from provenance.extract.evaluation import evaluate, labels, sources_of
from provenance.models import Candidate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    gold = labels(seeds_dir())
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(str(Path(tmp) / "eval.db"))
        with db.session() as session:
            run_demo(session)
            t0 = time.perf_counter()
            sources = sources_of(session, gold)
            for src in sources:
                extract(session, src)
            elapsed = time.perf_counter() - t0
            for row in evaluate(session, gold):
                print(json.dumps(row))
            if args.misses:
                _misses(session, gold, sources)
        db.close()
    chars = sum(len(s.text) for s in sources)
    print(f"extracted {len(sources)} sources ({chars:,} characters) in {elapsed:.2f} s", file=sys.stderr)


def _misses(session, gold, sources) -> None:
    texts = {s.id: s.text for s in sources}
    by_sha = {s.sha256: s.id for s in sources}
    cands = session.scalars(select(Candidate)).all()
    for lb in gold:
        sid = next(i for sha, i in by_sha.items() if sha.startswith(lb.source))
        at = texts[sid].find(lb.quote)
        if not any(c.source_id == sid and c.kind == lb.type and c.start < at + len(lb.quote) and at < c.end
                   for c in cands):
            print(f"missed {lb.type:11} {lb.source[:6]} {lb.quote[:90]!r}", file=sys.stderr)
    for c in cands:
        text = texts[c.source_id]
        backed = any(lb.type == c.kind and (at := text.find(lb.quote)) != -1 and
                     any(c.start < a + len(lb.quote) and a < c.end for a in _all(text, lb.quote))
                     for lb in gold if by_sha_match(lb.source, c.source_id, by_sha))
        if not backed:
            print(f"unbacked {c.kind:11} {c.source_id} {text[c.start:c.end][:90]!r}", file=sys.stderr)


def _all(text, quote):
    at = text.find(quote)
    while at != -1:
        yield at
        at = text.find(quote, at + 1)


def by_sha_match(prefix, source_id, by_sha) -> bool:
    return any(sha.startswith(prefix) and i == source_id for sha, i in by_sha.items())


if __name__ == "__main__":
    main()
