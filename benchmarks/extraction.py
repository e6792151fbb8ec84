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

from provenance.extract.candidates import extract
from provenance.ledger.db import open_db
from provenance.demo import run_demo, seeds_dir
from provenance.extract.evaluation import evaluate, labels, sources_of


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
            result = evaluate(session, gold)
            for row in result.rows:
                print(json.dumps(row))
            if args.misses:
                texts = {s.id: s.text for s in sources}
                for lb in result.missed:
                    print(f"missed {lb.type:11} {lb.source[:6]} {lb.quote[:90]!r}", file=sys.stderr)
                for c in result.unbacked:
                    print(f"unbacked {c.kind:11} {c.source_id} {texts[c.source_id][c.start:c.end][:90]!r}",
                          file=sys.stderr)
        db.close()
    chars = sum(len(s.text) for s in sources)
    print(f"extracted {len(sources)} sources ({chars:,} characters) in {elapsed:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
