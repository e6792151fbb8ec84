"""The grouped pair pass (detect/pairs.py) tries fewer pairs than the full loop but finds exactly
what the full loop finds: checked on a realistic synthetic ledger (benchmarks/generate.py) whose
claims are then varied (exclusive answers, denials of dates, single-valued questions)."""

import random
import re
import sqlite3
import sys
from pathlib import Path

from sqlalchemy import true

from provenance.detect import _first, _stream
from provenance.detect.base import Context, cannot_conflict, superseded
from provenance.detect.exclusive import withdrawn
from provenance.detect.pairs import Question
from provenance.ledger.db import open_db
from provenance.ledger.models import Claim

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))


def _ledger(tmp_path: Path) -> Path:
    from generate import build

    path = tmp_path / "ledger.db"
    build(str(path), 3000, seed=4)
    conn = sqlite3.connect(path)
    rng = random.Random(4)
    ids = [r[0] for r in conn.execute("SELECT id FROM claims ORDER BY id")]
    for cid in rng.sample(ids, 300):
        conn.execute("UPDATE claims SET exclusive = 1 WHERE id = ?", (cid,))
    for cid in rng.sample(ids, 300):
        conn.execute("UPDATE claims SET polarity = 'denies' WHERE id = ?", (cid,))
    # Every kind of question single-valued and not, so each branch of pairs.py meets each value type.
    conn.execute("UPDATE properties SET single_value = NOT single_value WHERE id % 2 = 0")
    conn.commit()
    conn.close()
    return path


def _found(session, pairs_of) -> tuple[set, int]:
    ctx = Context(session)
    ctx.preload_outlets(None)
    found, tried = set(), 0
    for group in _stream(session, ctx, true(), (Claim.subject_id, Claim.property_id, Claim.id)):
        if group[0].running_count and len(group) > 1:
            ctx.superseded = superseded(group)
        ctx.withdrawn |= withdrawn(group)  # the question's own context, as Question notes it
        for a, b in pairs_of(group):
            tried += 1
            if not cannot_conflict(a, b) and (f := _first(a, b)) is not None:
                found.add((f.key, f.explanation, f.severity))
    return found, tried


def _every_pair(group):
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            yield a, b


def test_grouped_pairs_find_what_every_pair_finds(tmp_path):
    db = open_db(str(_ledger(tmp_path)))
    with db.session() as s:
        full, every = _found(s, _every_pair)
        grouped, tried = _found(s, lambda g: Question(g).pairs())
    db.close()
    kinds = {key.split(":")[0] for key, _, _ in full}
    assert {"denial", "single_value", "exclusive", "decrease"} <= kinds
    assert grouped == full
    assert tried < every


def _stored(path: Path) -> dict[str, frozenset]:
    conn = sqlite3.connect(path)
    links: dict[int, set] = {}
    for cid, claim in conn.execute("SELECT conflict_id, claim_id FROM conflict_claims"):
        links.setdefault(cid, set()).add(claim)
    out = {key: frozenset(links[cid]) for cid, key in conn.execute("SELECT id, key FROM conflicts")}
    conn.close()
    return out


def test_repeated_disagreements_are_stored_once_per_question_and_pair_of_answers(tmp_path):
    """A scan stores one single-value, denial or decrease conflict per question and pair of
    answers, backed by exactly the claims of the pairs the full loop finds between them."""
    from provenance.detect import grouping, scan

    path = _ledger(tmp_path)
    db = open_db(str(path))
    expected: dict[str, set] = {}
    pairs = 0
    with db.session() as s:
        ctx = Context(s)
        ctx.preload_outlets(None)
        for group in _stream(s, ctx, true(), (Claim.subject_id, Claim.property_id, Claim.id)):
            if group[0].running_count and len(group) > 1:
                ctx.superseded = superseded(group)
                ctx.replaced = superseded(group, strict=True)
            for a, b in _every_pair(group):
                if not cannot_conflict(a, b) and (f := _first(a, b)) is not None and f.kind in grouping.KINDS:
                    pairs += 1
                    expected.setdefault(grouping.group(f, a, b).key, set()).update(f.claims)
    with db.session() as s:
        scan(s)
    db.close()
    stored = {k: v for k, v in _stored(path).items() if k.split(":")[0] in grouping.KINDS}
    assert stored == {k: frozenset(v) for k, v in expected.items()}
    assert {k.split(":")[0] for k in stored} == set(grouping.KINDS)
    assert len(stored) < pairs / 2  # repeated answers make far fewer disagreements than pairs


def test_detecting_new_claims_stores_what_a_full_scan_stores(tmp_path):
    """Incremental detection (detect_for) of the last sources' claims, after a scan of the rest,
    leaves the same conflicts with the same claims as one full scan: it reads only the questions
    the new claims ask, yet misses nothing."""
    from provenance.detect import detect_for, scan

    path = _ledger(tmp_path)
    full = tmp_path / "full.db"
    full.write_bytes(path.read_bytes())
    db = open_db(str(full))
    with db.session() as s:
        scan(s)
    db.close()
    conn = sqlite3.connect(path)
    late = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM claims WHERE source_id IN (SELECT id FROM sources ORDER BY id DESC LIMIT 6) "
            "AND status = 'accepted'"
        )
    ]
    marks = ",".join(map(str, late))
    conn.execute(f"UPDATE claims SET status = 'rejected' WHERE id IN ({marks})")
    conn.commit()
    db = open_db(str(path))
    with db.session() as s:
        scan(s)
    db.close()
    conn.execute(f"UPDATE claims SET status = 'accepted' WHERE id IN ({marks})")
    conn.commit()
    conn.close()
    db = open_db(str(path))
    with db.session() as s:
        assert detect_for(s, late)
    db.close()
    assert len(late) >= 100
    assert _stored(path) == _stored(full)
    # The counts of a grouped conflict the new claims joined were moved on, not counted again:
    # the same as the full scan's, and as its links'.
    grown, scanned = _tallies(path), _tallies(full)
    assert grown == scanned and len(grown) > 50
    conn = sqlite3.connect(path)
    for key, (n, k, by) in grown.items():
        col = "speaker_id" if by == "speaker" else "source_id"
        assert conn.execute(
            f"SELECT count(*), count(DISTINCT c.{col}) FROM conflict_claims cc JOIN claims c ON c.id = cc.claim_id "
            "JOIN conflicts f ON f.id = cc.conflict_id WHERE f.key = ?",
            (key,),
        ).fetchone() == (n, k), key
    conn.close()


def _tallies(path: Path) -> dict[str, tuple[int, int, str]]:
    """Each grouped conflict's counts as its stored text gives them: key -> (claims, speakers or
    sources, which)."""
    conn = sqlite3.connect(path)
    out = {}
    for key, text in conn.execute("SELECT key, explanation FROM conflicts"):
        if m := re.search(r": (\d+) claims? from (\d+) (speaker|source)s?; ", text):
            out[key] = (int(m.group(1)), int(m.group(2)), m.group(3))
    conn.close()
    return out


def test_figure_pairs_leave_out_only_pairs_cannot_conflict_dismisses():
    """A figures-only question tries, in loop order, every pair but those `cannot_conflict` is sure
    to dismiss: open and closed ends, equal ends, ceilings of running counts, denials, scopes."""
    from itertools import combinations
    from types import SimpleNamespace

    from provenance.detect.pairs import _figure_pairs

    rng = random.Random(7)
    inf = float("inf")
    skipped = 0
    for trial in range(400):
        running = trial % 2 == 0
        views = []
        for _ in range(rng.randint(0, 14)):
            low = rng.choice([-inf, *range(0, 12)])
            high = rng.choice([inf, *range(int(max(low, 0)), 14)])
            views.append(
                SimpleNamespace(
                    quick=(low, high, rng.random() < 0.8, rng.random() < 0.8),
                    polarity="denies" if rng.random() < 0.1 else "asserts",
                    scope=rng.choice(["", "", "", None, "fighters"] + (["members"] if trial % 5 == 0 else [])),
                    running_count=running,
                    dimension=rng.choice([None] * 9 + ["USD"]) if trial % 3 == 0 else None,
                )
            )
        kept = _figure_pairs(views)
        assert kept == sorted(set(kept))
        left_out = set(combinations(range(len(views)), 2)) - set(kept)
        assert all(cannot_conflict(views[i], views[j]) for i, j in left_out)
        skipped += len(left_out)
    assert skipped > 1000  # it does leave pairs out


def test_a_scan_stores_the_accusations_the_claims_views_find(tmp_path):
    """A full scan's accusation pass groups the claims in SQL (property, speaker, value) instead
    of holding every accusing claim as a view: it stores exactly the disagreements, claims and
    examples that accusation.disagreements finds among the views, with the counts in front."""
    from provenance.detect import accusation, scan

    path = _ledger(tmp_path)
    conn = sqlite3.connect(path)
    entity = [r[0] for r in conn.execute("SELECT id FROM properties WHERE value_type = 'entity'")]
    conn.close()
    db = open_db(str(path))
    expected = {}
    with db.session() as s:
        ctx = Context(s)
        ctx.preload_outlets(None)
        for group in _stream(s, ctx, Claim.property_id.in_(entity), (Claim.property_id, Claim.id)):
            for f in accusation.disagreements(group):
                speakers = len({v.speaker_id for v in group if v.id in f.claims})
                expected[f.key] = (frozenset(f.claims), f"{f.head}: {len(f.claims)} claims from {speakers} speakers; ")
                expected[f.key] += (f.explanation,)
    with db.session() as s:
        scan(s)
    db.close()
    conn = sqlite3.connect(path)
    explained = dict(conn.execute("SELECT key, explanation FROM conflicts WHERE kind = 'accusation'"))
    conn.close()
    stored = {k: v for k, v in _stored(path).items() if k.startswith("accusation:")}
    assert len(expected) >= 3
    assert stored == {k: claims for k, (claims, _, _) in expected.items()}
    assert explained == {k: head + example for k, (_, head, example) in expected.items()}
