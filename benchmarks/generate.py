"""A synthetic ledger of N claims, written straight into a migrated database.

    python benchmarks/generate.py --claims 100000 --db /tmp/ledger.db

Sources are article-like texts of about 5 KB with 50 claims each; claims ask shared questions
(subject x property) so that answers pile up the way a desk's ledger does: most agree, a controlled
share conflict (2 %), running counts rise over time (updates; 1 % fall: decreases), and one
source in ten is a copy of an earlier one (its shared passage recorded, as copy detection would).
Rows go in through SQLAlchemy Core in large batches; the texts and quotes are real substrings, so
`provenance verify` holds on the result.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import paragraph  # noqa: E402

from provenance.ledger.db import open_db  # noqa: E402
from provenance.ledger.models import (  # noqa: E402
    Alias, Claim, ClaimSpan, Entity, Property, SharedPassage, Source, Span,
)
from provenance.values import parse_value, to_json_text  # noqa: E402

CLAIMS_PER_SOURCE = 50
CONFLICT_SHARE = 0.02
DECREASE_SHARE = 0.01
QUESTIONS_PER_SUBJECT = 5


def build(db_value: str, n_claims: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    db = open_db(db_value)
    n_sources = max(1, n_claims // CLAIMS_PER_SOURCE)
    # About 20 claims per question: big enough to conflict, small enough to stay realistic.
    n_subjects = max(1, n_claims // (20 * QUESTIONS_PER_SUBJECT))
    t0 = time.perf_counter()
    with db.session() as s:
        s.execute(insert(Entity), [{"id": i + 1, "name": f"Subject {i + 1}"} for i in range(n_subjects)]
                  + [{"id": n_subjects + i + 1, "name": f"Speaker {i + 1}"} for i in range(50)])
        s.execute(insert(Alias), [{"entity_id": i + 1, "alias": f"Subject {i + 1}", "key": f"subject {i + 1}"}
                                  for i in range(n_subjects)]
                  + [{"entity_id": n_subjects + i + 1, "alias": f"Speaker {i + 1}", "key": f"speaker {i + 1}"}
                     for i in range(50)])
        props = [("death toll", True), ("fighter strength", False), ("wounded", True),
                 ("displaced people", False), ("troops deployed", False)]
        s.execute(insert(Property), [{"id": i + 1, "name": name, "value_type": "quantity",
                                      "single_value": False, "running_count": running}
                                     for i, (name, running) in enumerate(props)])
    base_day = dt.date(2020, 1, 1)
    truth = {}  # (subject, property) -> the "true" figure the sources mostly agree on
    claim_id = span_id = 0
    batch_sources, batch_spans, batch_claims, batch_links, batch_passages = [], [], [], [], []

    def flush() -> None:
        with db.session() as s:
            for table, rows in ((Source, batch_sources), (Span, batch_spans), (Claim, batch_claims),
                                (ClaimSpan, batch_links), (SharedPassage, batch_passages)):
                if rows:
                    s.execute(insert(table), rows)
                    rows.clear()

    texts: list[tuple[str, list]] = []
    for sid in range(1, n_sources + 1):
        day = base_day + dt.timedelta(days=rng.randint(0, 1500))
        copy_of = rng.randrange(1, sid) if sid > 10 and rng.random() < 0.1 else None
        paras, claims = [], []
        for _ in range(CLAIMS_PER_SOURCE):
            subject = rng.randrange(n_subjects) + 1
            prop = rng.randrange(len(props)) + 1
            key = (subject, prop)
            figure = truth.setdefault(key, rng.randint(10, 5000))
            if props[prop - 1][1]:
                figure += (day - base_day).days // 30  # a running count rises over time: updates
            roll = rng.random()
            if props[prop - 1][1]:
                if roll < DECREASE_SHARE:
                    figure = max(1, figure - 40)  # a later figure lower than an earlier one
            elif roll < CONFLICT_SHARE:
                figure = figure * rng.choice((3, 5)) + 7  # a figure that cannot hold with the others
            # Phrasings that agree with the figure: exact, a lower bound below it, approximate.
            written = rng.choice((f"{figure:,}", f"more than {figure - max(1, figure // 10):,}",
                                  f"about {figure:,}", f"at least {figure:,}", f"{figure}"))
            sentence = f"Officials said the {props[prop - 1][0]} for subject {subject} was {written} at the time."
            paras.append(paragraph(rng) + " " + sentence)
            claims.append((subject, prop, written, sentence))
        text = "\n\n".join(paras) + "\n"
        if copy_of is not None:
            text, claims = texts[copy_of - 1]  # a re-capture: the same text, so the same claims again
        texts.append((text, claims))
        digest = hashlib.sha256((text + f"\n#{sid}").encode()).hexdigest()
        stored = text + f"\n#{sid}"
        batch_sources.append({"id": sid, "sha256": digest, "text": stored, "chars": len(stored),
                              "media_type": "text/plain", "origin": f"synthetic-{sid}",
                              "title": f"Synthetic report {sid}", "published": day, "reliability": "F",
                              "added_at": dt.datetime(2026, 1, 1)})
        if copy_of is not None:
            batch_passages += [{"source_id": sid, "other_id": copy_of, "start": 0, "end": len(text)},
                               {"source_id": copy_of, "other_id": sid, "start": 0, "end": len(text)}]
        pos = 0
        for subject, prop, written, sentence in claims:
            start = stored.index(sentence, pos)
            q0 = start + sentence.index(written)
            pos = start + len(sentence)
            span_id += 1
            claim_id += 1
            batch_spans.append({"id": span_id, "source_id": sid, "start": q0, "end": q0 + len(written),
                                "quote": written, "prefix": stored[max(0, q0 - 32):q0],
                                "suffix": stored[q0 + len(written):q0 + len(written) + 32],
                                "method": "exact", "score": 1.0})
            batch_claims.append({"id": claim_id, "source_id": sid, "subject_id": subject, "property_id": prop,
                                 "value_text": written, "value_json": to_json_text(parse_value(written, "quantity")),
                                 "polarity": "asserts", "speaker_id": n_subjects + rng.randrange(50) + 1
                                 if rng.random() < 0.3 else None,
                                 "as_of_start": day, "as_of_end": day, "status": "accepted",
                                 "created_at": dt.datetime(2026, 1, 1)})
            batch_links.append({"claim_id": claim_id, "span_id": span_id})
        if len(batch_claims) >= 50_000:
            flush()
    flush()
    db.close()
    return {"claims": claim_id, "sources": n_sources, "subjects": n_subjects,
            "seconds": round(time.perf_counter() - t0, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, required=True)
    ap.add_argument("--db", required=True)
    args = ap.parse_args()
    print(json.dumps(build(args.db, args.claims)))


if __name__ == "__main__":
    main()
