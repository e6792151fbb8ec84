"""A realistic synthetic ledger of N claims, written straight into a migrated database.

    python benchmarks/generate.py --claims 100000 --db /tmp/ledger.db     (or a PostgreSQL URL)

Sources are article-like texts of about 5 KB with 50 claims each. The claims, in the proportions
of MIX (BENCHMARKS.md states them), exercise every detector and every pass across questions:

- figures (quantities) on five properties, about 20 per question: most agree; some cannot hold
  with the others; running counts rise over time and a few fall; some are scoped ("fighters" vs
  "members and associates"); some are denied; some are one speaker's revision of his own figure;
- entity-valued questions (who is responsible, where the threat comes from, the attacker's
  nationality) answered by speakers for eight sides (spokespeople -> ministries -> countries), each
  side mostly blaming its neighbours, so that sides accuse each other; some deny the blame;
- a founding date (single-valued) with a few different years;
- two properties tied by a declared rule (a majority of foreign fighters vs a local core);
- subjects that are events and groups at once: every subject gets figures, blame and the rest;
- one source in ten a re-capture of an earlier one (the same text, so the same claims again, with
  its shared passage recorded as copy detection would).

Rows go in through the ledger's bulk_insert (COPY on PostgreSQL) in large batches; the texts and quotes are real substrings, so
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

from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import paragraph  # noqa: E402

from provenance.ledger.db import bulk_insert, open_db  # noqa: E402
from provenance.ledger.models import (  # noqa: E402
    Alias,
    Claim,
    ClaimSpan,
    Entity,
    Property,
    Rule,
    SharedPassage,
    Source,
    Span,
)
from provenance.values import parse_value, to_json_text  # noqa: E402

CLAIMS_PER_SOURCE = 50
COPY_SHARE = 0.10
# What a claim is about, as shares of all claims (the rest of each bucket's details below).
MIX = {"figure": 0.62, "entity": 0.25, "date": 0.05, "rule": 0.08}
FIGURE = {"conflict": 0.02, "decrease": 0.01, "scoped": 0.05, "denied": 0.02, "revision": 0.03,
          "speaker": 0.30}
ENTITY = {"blames_neighbour": 0.85, "denied": 0.08}
DATE_OTHER_YEAR = 0.05
FIGURE_PROPS = [("death toll", True), ("fighter strength", False), ("wounded", True),
                ("displaced people", False), ("troops deployed", False)]
ENTITY_PROPS = [("responsible for", False), ("territory the threat comes from", False),
                ("nationality of the attacker", True)]
SIDES = ["Ruritania", "Borduria", "Syldavia", "Latveria", "Genovia", "Elbonia", "Freedonia", "Kazahnia"]
BODIES = ["ministry of defence", "foreign ministry", "army"]
SPOKESPEOPLE = 4  # per body
SCOPES = ["fighters", "members and associates"]
SHARES = ["most", "a third", "90%"]
CORES = ["local recruits", "foreign jihadists"]


class Vocabulary:
    """Entities and properties, with the ids every claim row refers to."""

    def __init__(self, n_subjects: int):
        self.entities: list[dict] = []
        self.subjects = [self.entity(f"Subject {i + 1}") for i in range(n_subjects)]
        self.sides = [self.entity(name, kind="country") for name in SIDES]
        self.speakers: list[list[int]] = []  # per side: the people and bodies who speak for it
        for side, name in zip(self.sides, SIDES, strict=True):
            people = []
            for body in BODIES:
                b = self.entity(f"{name} {body}", side)
                people.append(b)
                people += [self.entity(f"{name} {body} spokesperson {k + 1}", b) for k in range(SPOKESPEOPLE)]
            self.speakers.append(people)
        self.commentators = [self.entity(f"Analyst {i + 1}") for i in range(50)]
        self.props: list[dict] = []
        self.figures = [self.prop(n, "quantity", running_count=r) for n, r in FIGURE_PROPS]
        self.blame = [self.prop(n, "entity", single_value=s) for n, s in ENTITY_PROPS]
        self.founded = self.prop("founding date", "date", single_value=True)
        self.share = self.prop("share of foreign fighters", "share")
        self.core = self.prop("core of the group", "text")

    def entity(self, name: str, side: int | None = None, kind: str | None = None) -> int:
        self.entities.append({"id": len(self.entities) + 1, "name": name, "side_id": side, "kind": kind})
        return len(self.entities)

    def prop(self, name: str, vtype: str, single_value: bool = False, running_count: bool = False) -> int:
        self.props.append({"id": len(self.props) + 1, "name": name, "value_type": vtype,
                           "single_value": single_value, "running_count": running_count})
        return len(self.props)

    def name(self, entity_id: int) -> str:
        return self.entities[entity_id - 1]["name"]


def _claims_of_source(rng: random.Random, v: Vocabulary, day: dt.date, base_day: dt.date,
                      truth: dict, said: dict) -> list[tuple]:
    """(subject, property, written value, sentence, polarity, speaker, scope, as_of) x 50."""
    out = []
    for _ in range(CLAIMS_PER_SOURCE):
        subject = rng.choice(v.subjects)
        roll = rng.random()
        if roll < MIX["figure"]:
            out.append(_figure(rng, v, subject, day, base_day, truth, said))
        elif roll < MIX["figure"] + MIX["entity"]:
            out.append(_blame(rng, v, subject))
        elif roll < MIX["figure"] + MIX["entity"] + MIX["date"]:
            year = 2010 + subject % 12 + (rng.choice((-2, 1, 3)) if rng.random() < DATE_OTHER_YEAR else 0)
            written = str(year)
            out.append((subject, v.founded, written, f"The group behind subject {subject} was founded in {written}.",
                        "asserts", None, None, None))
        else:
            # Declared-rule properties, concentrated on one subject in ten (a few groups profiled).
            subject = v.subjects[(subject // 10) * 10 % len(v.subjects)]
            if rng.random() < 0.5:
                written = rng.choice(SHARES)
                sentence = f"Of the fighters of subject {subject}, {written} are said to be foreigners."
                out.append((subject, v.share, written, sentence, "asserts", None, None, None))
            else:
                written = rng.choice(CORES)
                sentence = f"The core of subject {subject} is made up of {written}, analysts say."
                out.append((subject, v.core, written, sentence, "asserts", rng.choice(v.commentators), None, None))
    return out


def _figure(rng, v: Vocabulary, subject: int, day, base_day, truth: dict, said: dict) -> tuple:
    index = rng.randrange(len(FIGURE_PROPS))
    prop, (name, running) = v.figures[index], FIGURE_PROPS[index]
    figure = truth.setdefault((subject, prop), rng.randint(10, 5000))
    if running:
        figure += (day - base_day).days // 30  # a running count rises over time: updates
    speaker = rng.choice(v.commentators) if rng.random() < FIGURE["speaker"] else None
    polarity, scope, roll = "asserts", None, rng.random()
    if running and roll < FIGURE["decrease"]:
        figure = max(1, figure - 40)  # a later figure lower than an earlier one
    elif not running and roll < FIGURE["conflict"]:
        figure = figure * rng.choice((3, 5)) + 7  # a figure that cannot hold with the others
    roll = rng.random()
    if roll < FIGURE["scoped"]:
        scope = rng.choice(SCOPES)
    elif roll < FIGURE["scoped"] + FIGURE["denied"]:
        # An official denies an inflated figure (it meets only the claims that give it).
        polarity, speaker, figure = "denies", rng.choice(v.commentators), figure * 3 + 7
    elif roll < FIGURE["scoped"] + FIGURE["denied"] + FIGURE["revision"]:
        # One speaker's revision: the figure this speaker gave before on this question, corrected.
        speaker = said.setdefault((subject, prop), rng.choice(v.commentators))
        figure = figure + max(1, figure // 4)
    written = rng.choice((f"{figure:,}", f"more than {figure - max(1, figure // 10):,}",
                          f"about {figure:,}", f"at least {figure:,}", f"{figure}"))
    verb = "denied that" if polarity == "denies" else "said"
    counting = f" counting {scope}" if scope else ""
    sentence = f"Officials {verb} the {name} for subject {subject} was {written}{counting} at the time."
    return (subject, prop, written, sentence, polarity, speaker, scope, None)


def _blame(rng, v: Vocabulary, subject: int) -> tuple:
    prop = rng.choice(v.blame)
    side = rng.randrange(len(SIDES))
    speaker = rng.choice(v.speakers[side])
    if rng.random() < ENTITY["denied"]:
        # A side denies the blame placed on it.
        written = SIDES[side]
        sentence = f"{v.name(speaker)} rejected that subject {subject} had anything to do with {written}."
        return (subject, prop, written, sentence, "denies", speaker, None, None)
    if prop == v.blame[-1]:
        # The attacker's nationality: most sources give one of two, the subject's neighbours.
        other = (subject + rng.choice((0, 0, 0, 1))) % len(SIDES)
        written = SIDES[other]
        sentence = f"{v.name(speaker)} said the attacker in subject {subject} was from {written}."
        return (subject, prop, written, sentence, "asserts", speaker, None, None)
    if rng.random() < ENTITY["blames_neighbour"]:
        other = (side + rng.choice((-1, 1))) % len(SIDES)
    else:
        other = rng.choice([i for i in range(len(SIDES)) if i != side])
    written = SIDES[other]
    sentence = f"{v.name(speaker)} said that for subject {subject} the answer was {written}."
    return (subject, prop, written, sentence, "asserts", speaker, None, None)


def build(db_value: str, n_claims: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    db = open_db(db_value)
    n_sources = max(1, n_claims // CLAIMS_PER_SOURCE)
    # About 20 claims per figure question: big enough to conflict, small enough to stay realistic.
    v = Vocabulary(max(10, int(n_claims * MIX["figure"]) // (20 * len(FIGURE_PROPS))))
    t0 = time.perf_counter()
    with db.session() as s:
        s.execute(insert(Entity), [{k: e[k] for k in ("id", "name", "kind")} for e in v.entities])
        for e in v.entities:
            if e["side_id"]:
                s.execute(Entity.__table__.update().where(Entity.id == e["id"]).values(side_id=e["side_id"]))
        s.execute(insert(Alias), [{"entity_id": e["id"], "alias": e["name"], "key": e["name"].casefold()}
                                  for e in v.entities])
        s.execute(insert(Property), v.props)
        s.execute(insert(Rule), [{"id": 1, "name": "foreign-majority-vs-local-core",
                                  "left_property_id": v.share, "right_property_id": v.core,
                                  "rationale": "a group mostly of foreign fighters is hard to square with a local core"}])
    vtypes = {p["id"]: p["value_type"] for p in v.props}
    base_day = dt.date(2020, 1, 1)
    truth: dict = {}  # (subject, property) -> the "true" figure the sources mostly agree on
    said: dict = {}  # (subject, property) -> the speaker who revises his figure there
    claim_id = span_id = 0
    batches: dict = {t: [] for t in (Source, Span, Claim, ClaimSpan, SharedPassage)}

    def flush() -> None:
        # Rows go in through bulk_insert, the ledger's own fast path (COPY on PostgreSQL, the
        # driver's executemany on SQLite), which notes them for the session's hooks
        # (ledger/rowstate.py): their states go in a "rows.change" event at commit, hashed from
        # memory, so a generated ledger verifies clean.
        with db.session() as s:
            for table, rows in batches.items():
                if rows:
                    bulk_insert(s, table.__table__, rows)
                    rows.clear()

    filler = [paragraph(rng) for _ in range(5000)]  # the text around claims, drawn from a pool
    texts: list[tuple[str, list]] = []
    for sid in range(1, n_sources + 1):
        day = base_day + dt.timedelta(days=rng.randint(0, 1500))
        copy_of = rng.randrange(1, sid) if sid > 10 and rng.random() < COPY_SHARE else None
        claims = _claims_of_source(rng, v, day, base_day, truth, said)
        text_ = "\n\n".join(rng.choice(filler) + " " + c[3] for c in claims) + "\n"
        if copy_of is not None:
            text_, claims = texts[copy_of - 1]  # a re-capture: the same text, so the same claims again
        texts.append((text_, claims))
        stored = text_ + f"\n#{sid}"
        batches[Source].append({"id": sid, "sha256": hashlib.sha256(stored.encode()).hexdigest(), "text": stored,
                                "chars": len(stored), "media_type": "text/plain", "origin": f"synthetic-{sid}",
                                "title": f"Synthetic report {sid}", "published": day, "reliability": "F",
                                "added_at": dt.datetime(2026, 1, 1)})
        if copy_of is not None:
            batches[SharedPassage] += [{"source_id": sid, "other_id": copy_of, "start": 0, "end": len(text_)},
                                       {"source_id": copy_of, "other_id": sid, "start": 0, "end": len(text_)}]
        pos = 0
        for subject, prop, written, sentence, polarity, speaker, scope, _ in claims:
            start = stored.index(sentence, pos)
            q0 = start + sentence.index(written)
            pos = start + len(sentence)
            span_id += 1
            claim_id += 1
            batches[Span].append({"id": span_id, "source_id": sid, "start": q0, "end": q0 + len(written),
                                  "quote": written, "prefix": stored[max(0, q0 - 32):q0],
                                  "suffix": stored[q0 + len(written):q0 + len(written) + 32],
                                  "method": "exact", "score": 1.0})
            batches[Claim].append({"id": claim_id, "source_id": sid, "subject_id": subject, "property_id": prop,
                                   "value_text": written,
                                   "value_json": to_json_text(parse_value(written, vtypes[prop])),
                                   "polarity": polarity, "speaker_id": speaker, "scope": scope,
                                   "as_of_start": day, "as_of_end": day, "exclusive": False, "status": "accepted",
                                   "created_at": dt.datetime(2026, 1, 1)})
            batches[ClaimSpan].append({"claim_id": claim_id, "span_id": span_id})
        if len(batches[Claim]) >= 50_000:
            flush()
    flush()
    if db.engine.dialect.name == "postgresql":  # rows came with their ids: move the sequences on
        with db.session() as s:
            for table in ("entities", "aliases", "properties", "rules", "sources", "spans", "claims",
                          "shared_passages"):
                s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"))
            s.execute(text("ANALYZE"))
    db.close()
    return {"claims": claim_id, "sources": n_sources, "subjects": len(v.subjects),
            "seconds": round(time.perf_counter() - t0, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, required=True)
    ap.add_argument("--db", required=True)
    args = ap.parse_args()
    print(json.dumps(build(args.db, args.claims)))


if __name__ == "__main__":
    main()
