"""Copy detection cost per added source as the corpus grows (it must stay flat).

    python benchmarks/copies.py [--sizes 1000,4000,10000] [--probe 50]

Builds a corpus of synthetic 5 KB articles (one in five a near-copy or a paragraph lift of an
earlier one), and at each size adds a probe batch of new sources (half of them copies) and times
add_source — decoding, hashing, segmenting, fingerprinting and the copy check through the index.
Prints one JSON object per line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import article, near_copy, shares_paragraphs  # noqa: E402

from provenance.ingest.sources import add_source  # noqa: E402
from provenance.ledger.db import open_db  # noqa: E402


def grow(db, rng, texts: list[str], target: int, batch: int = 500) -> None:
    while len(texts) < target:
        with db.session() as session:
            for _ in range(min(batch, target - len(texts))):
                roll = rng.random()
                if texts and roll < 0.1:
                    text = near_copy(rng, rng.choice(texts))
                elif texts and roll < 0.2:
                    text = shares_paragraphs(rng, rng.choice(texts))
                else:
                    text = article(rng)
                add_source(session, text.encode(), f"synthetic-{len(texts)}")
                texts.append(text)


def probe(db, rng, texts: list[str], n: int) -> tuple[float, float, int]:
    found = 0
    start, cpu = time.perf_counter(), time.process_time()
    with db.session() as session:
        for i in range(n):
            text = near_copy(rng, rng.choice(texts)) if i % 2 == 0 else article(rng)
            found += bool(add_source(session, text.encode(), f"probe-{len(texts)}-{i}").copies)
        session.rollback()  # keep the corpus at its size
    return (time.perf_counter() - start) / n, (time.process_time() - cpu) / n, found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,4000,10000")
    ap.add_argument("--probe", type=int, default=50)
    args = ap.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(str(Path(tmp) / "copies.db"))
        texts: list[str] = []
        for size in (int(s) for s in args.sizes.split(",")):
            grow(db, rng, texts, size)
            per, cpu, found = probe(db, rng, texts, args.probe)
            load = round(os.getloadavg()[0], 1)
            print(json.dumps({"figure": "copy_check_ms_per_source", "value": round(per * 1000, 2),
                              "cpu_ms": round(cpu * 1000, 2), "unit": "ms", "corpus_sources": size,
                              "probe": args.probe, "copies_found": found, "expected_copies": args.probe // 2,
                              "load": load}), flush=True)
        db.close()


if __name__ == "__main__":
    main()
