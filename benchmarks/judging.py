"""How well the detectors judge: must-flag recall, precision and must-not-flag hits per corpus split.

    python benchmarks/judging.py [--split dev|test|all] [--misses]

For every event of benchmarks/corpus/<split>/, its labels.toml minus the label sections is imported
into a fresh ledger through the public path (`provenance import`, which detects as it writes); a
full scan follows and must add nothing. The open conflicts are then scored against the labels:

- a [[must_flag]] group is found when some conflict's claims all lie in the group (a single-value,
  denial or decrease conflict, stored once per question and pair of answers: when claims of both
  its answers do);
- a [[must_not_flag]] group is hit when some conflict lies in the group, likewise;
- precision is counted over disagreements as `contested` shows them: conflicts of one kind between
  the same answers (kind, question, and each side's polarity, value and scope) are one
  disagreement, correct when any of its conflicts lies in a must-flag group.

Prints one JSON object per event, one per group of dev events added in one session ("event":
"group:session-N"; the newest group is the most honest figure, being the least tuned on) and one
per split ("event": "all"). With --misses (dev only), stderr lists each missed, must-not-flagged
and wrongly flagged group, and each event's disagreements by kind and severity (correct/flagged).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tomllib
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"  # --corpus DIR reads another copy
LABEL_SECTIONS = ("must_flag", "must_not_flag")
# Conflicts stored once per question and pair of answers (provenance.detect.grouping.KINDS), and
# the accusation between two sides, stored once per pair of sides with every claim of each.
GROUPED = ("single_value", "denial", "decrease", "accusation")
# The dev events by the session that added them (corpus README): each group's figures are printed
# apart, since the rules were tuned on the older groups longer.
GROUPS = {
    "session-4": ("christchurch-mosque-shootings-2019", "ecuador-earthquake-2016", "kerman-bombing-2024",
                  "odisha-train-collision-2023", "panzi-mystery-disease-2024"),
    "session-5": ("georgia-election-2024", "imran-khan-arrest-2023", "johannesburg-building-fire-2023",
                  "kanjuruhan-stadium-crush-2022", "pylos-shipwreck-2023", "valencia-flood-2024"),
    "session-6": ("hajj-heat-deaths-2024", "jeju-air-crash-2024", "kakhovka-dam-2023",
                  "kenya-finance-bill-protests-2024"),
    "session-7": ("hathras-stampede-2024", "mozambique-election-2024", "imamoglu-arrest-2025",
                  "cyclone-chido-mayotte-2024", "pahalgam-attack-2025"),
    "session-9": ("papua-new-guinea-landslide-2024", "duterte-arrest-2025", "kocani-nightclub-fire-2025",
                  "cameroon-election-2025", "jaffar-express-hijacking-2025"),
}

# The corpus README's canonical questions: a labels.toml uses them without defining them.
# "hospitalised" is not a running count here, though the corpus README lists it as one: it counts
# people still in hospital, which falls as they are discharged, and the labels treat it so.
RUNNING = ("death toll", "injured", "missing", "arrested", "displaced", "evacuated", "rescued", "cases")
# A single-valued quantity has one answer whenever it is reported (how many attacked, how strong
# the quake was); the others change over time.
CANONICAL = {
    **{name: {"type": "quantity", "running_count": True} for name in RUNNING},
    **{name: {"type": "quantity"} for name in ("hospitalised", "buildings damaged",
                                                "crowd size", "seats won", "votes")},
    # How many were on board is fixed when the event happens, like its number of attackers.
    **{name: {"type": "quantity", "single_value": True} for name in ("number of attackers", "magnitude",
                                                                      "passengers")},
    "turnout": {"type": "share"}, "vote share": {"type": "share"},
    **{name: {"type": "entity"} for name in ("responsibility", "perpetrator nationality", "where planned")},
    "date of event": {"type": "date", "single_value": True},
}


def _import_doc(labels: dict, event_dir: Path) -> dict:
    """The import file inside labels.toml: label sections dropped, files made absolute."""
    doc = {k: v for k, v in labels.items() if k not in LABEL_SECTIONS}
    defined = {p["name"] for p in labels.get("properties", [])}
    used = {c["property"] for c in labels.get("claims", [])}
    doc["properties"] = [*labels.get("properties", []), *(
        {"name": name, **CANONICAL[name]} for name in sorted(used - defined) if name in CANONICAL)]
    doc["sources"] = [{**s, "file": str(event_dir / s["file"])} if "file" in s else s
                      for s in labels.get("sources", [])]
    return doc


def _readable(labels: dict) -> tuple[dict, int]:
    """The labels without claims whose value the ledger's parser refuses (a typo such as '100,00',
    a decimal comma): a hand-entered ledger could not hold them either. A date without its year
    ("March 15") is read as the ledger reads it, against its source's published date."""
    import datetime as dt

    from provenance.errors import ProvenanceError
    from provenance.values import parse_date, parse_value

    types = {name: spec["type"] for name, spec in CANONICAL.items()}
    types.update({p["name"]: p.get("type", "text") for p in labels.get("properties", [])})
    published = {s.get("key"): str(s.get("published") or "")[:10] for s in labels.get("sources", [])}
    keep = []
    for c in labels.get("claims", []):
        kind = types.get(c["property"], "text")
        try:
            if kind == "date":
                day = published.get(c["source"])
                parse_date(str(c["value"]), dt.date.fromisoformat(day) if day else None)
            elif kind in ("quantity", "share"):
                parse_value(str(c["value"]), kind)
        except ProvenanceError:
            continue
        keep.append(c)
    return {**labels, "claims": keep}, len(labels.get("claims", [])) - len(keep)


def _identity(c: dict) -> tuple:
    return (c["source"], c["quote"], c.get("occurrence"), c["subject"], c["property"],
            str(c["value"]), bool(c.get("denies")), c.get("speaker"))


def judge_event(event_dir: Path) -> dict:
    from sqlalchemy import select

    from provenance import actions
    from provenance.ledger.db import open_db
    from provenance.ledger.models import Claim, Conflict, Entity
    from provenance.values import Interval, from_json

    labels = tomllib.loads((event_dir / "labels.toml").read_text(encoding="utf-8"))
    labels, unreadable = _readable(labels)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "import.json"
        path.write_text(json.dumps(_import_doc(labels, event_dir)), encoding="utf-8")
        db = open_db(str(Path(tmp) / "ledger.db"))
        try:
            imported = actions.import_file(db, str(path), allow_outside=True)
            rescanned = actions.scan(db)
            with db.session() as session:
                # Label ids -> claim ids: the import creates claims in file order, and a claim
                # labelled twice (same span and content) is recorded once.
                ids, by_identity = {}, {}
                new = iter(imported.claim_ids)
                for c in labels.get("claims", []):
                    key = _identity(c)
                    if key not in by_identity:
                        by_identity[key] = next(new)
                    ids[c["id"]] = by_identity[key]
                claims = {c.id: c for c in session.scalars(select(Claim))}
                up = dict(session.execute(select(Entity.id, Entity.side_id)).all())
                open_ = list(session.scalars(select(Conflict).where(Conflict.status == "open")))
                conflicts = [(c.id, c.kind, frozenset(cl.id for cl in c.claims)) for c in open_]
                severity = {c.id: c.severity for c in open_}
        finally:
            db.close()

    def answer(cid: int) -> tuple:
        c = claims[cid]
        value = from_json(c.value_json)
        # "One gunman" and "lone gunman" are one answer: figures compare without their units.
        shown = value.bounds() if isinstance(value, Interval) else c.value_json
        return (c.polarity, shown, (c.scope or "").casefold())

    def side(cid: int) -> int | None:
        """The side a claim's speaker ultimately speaks for (an accusation's two answers)."""
        e, seen = claims[cid].speaker_id, set()
        while e is not None and up.get(e) is not None and e not in seen:
            seen.add(e)
            e = up[e]
        return e

    def disagreement(kind: str, members: frozenset) -> tuple:
        first = claims[min(members)]
        return (kind, first.subject_id, first.property_id, frozenset(answer(m) for m in members))

    # A label whose value the ledger cannot read is not entered (counted as `unreadable`); a group
    # that names it can then never be found (-1 stands in for it).
    must = [(frozenset(ids.get(i, -1) for i in g["claims"]), g) for g in labels.get("must_flag", [])]
    must_not = [(frozenset(ids.get(i, -1) for i in g["claims"]), g) for g in labels.get("must_not_flag", [])]
    def inside(kind: str, m: frozenset, group: frozenset) -> bool:
        """A conflict lies in a labelled group: all its claims, or for a disagreement stored once
        per question and pair of answers (detect/grouping.py) or per pair of sides (an accusation)
        two of its claims, of both answers."""
        if kind not in GROUPED or len(m) <= 2:
            return m <= group
        if kind == "accusation":  # its answers are the two sides blaming each other
            return len({side(i) for i in m & group}) >= 2
        return len({answer(i) for i in m & group}) >= 2

    found = [g for ids_, g in must if any(inside(k, m, ids_) for _, k, m in conflicts)]
    hit = [(g, [cid for cid, k, m in conflicts if inside(k, m, ids_)]) for ids_, g in must_not
           if any(inside(k, m, ids_) for _, k, m in conflicts)]
    groups: dict[tuple, list] = {}
    for cid, kind, members in conflicts:
        groups.setdefault(disagreement(kind, members), []).append((cid, members))
    correct = [k for k, cs in groups.items() if any(inside(k[0], m, g) for _, m in cs for g, _ in must)]
    wrong = {k: cs for k, cs in groups.items() if k not in correct}
    reverse = {v: k for k, v in ids.items()}
    kinds: dict[str, list[int]] = {}  # "kind/severity" -> [correct, flagged] disagreements
    for k, cs in groups.items():
        level = max((severity[cid] for cid, _ in cs), key=("low", "medium", "high").index)
        tally = kinds.setdefault(f"{k[0]}/{level}", [0, 0])
        tally[0] += k in correct
        tally[1] += 1
    return {
        "event": event_dir.name, "unreadable": unreadable,
        "claims": len(claims), "conflicts": len(conflicts), "disagreements": len(groups),
        "must_flag": len(must), "found": len(found),
        "must_not_flag": len(must_not), "must_not_flagged": len(hit),
        "correct": len(correct), "rescan_added": len(rescanned.conflicts),
        "_missed": [g["claims"] for g in (g for _, g in must) if g not in found],
        "_hit": [(g["claims"], cs) for g, cs in hit],
        "_wrong": [(k[0], sorted(reverse.get(i, i) for _, m in cs for i in m)) for k, cs in wrong.items()],
        "_kinds": kinds,
    }


def summary(rows: list[dict], split: str, event: str = "all") -> dict:
    total = {k: sum(r[k] for r in rows) for k in ("unreadable", "claims", "conflicts", "disagreements", "must_flag",
                                                    "found", "must_not_flag", "must_not_flagged",
                                                    "correct", "rescan_added")}
    total["recall"] = round(total["found"] / total["must_flag"], 3) if total["must_flag"] else None
    total["precision"] = round(total["correct"] / total["disagreements"], 3) if total["disagreements"] else None
    return {"split": split, "event": event, **total}


def run(split: str, corpus: Path = CORPUS) -> tuple[list[dict], dict]:
    rows = [judge_event(d) for d in sorted((corpus / split).iterdir()) if (d / "labels.toml").is_file()]
    return rows, summary(rows, split)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="all", choices=("dev", "test", "all"))
    parser.add_argument("--misses", action="store_true",
                        help="list missed, wrongly flagged and must-not-flag groups on stderr (dev only)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    for split in ("dev", "test") if args.split == "all" else (args.split,):
        if not (args.corpus / split).is_dir():
            continue
        rows, total = run(split, args.corpus)
        for r in rows:
            print(json.dumps({"split": split, **{k: v for k, v in r.items() if not k.startswith("_")}}))
            if args.misses and split == "dev":
                for key in ("_missed", "_hit", "_wrong"):
                    for item in r[key]:
                        print(f"{r['event']} {key[1:]}: {item}", file=sys.stderr)
                kinds = ", ".join(f"{k} {c}/{n}" for k, (c, n) in sorted(r["_kinds"].items()))
                print(f"{r['event']} kinds (correct/flagged): {kinds}", file=sys.stderr)
        if split == "dev":
            for name, events in GROUPS.items():
                members = [r for r in rows if r["event"] in events]
                if members:
                    print(json.dumps(summary(members, split, f"group:{name}")))
        print(json.dumps(total))


if __name__ == "__main__":
    main()
