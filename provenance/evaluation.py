"""Reading measured as a fact-checker checks it (benchmarks/extraction.py).

For one labelled event (benchmarks/corpus/<split>/<event>/labels.toml, or the seeds): a fresh
ledger gets the articles with their metadata, `extract` reads each, candidates at or above the
suggested score are accepted (as `review --accept-above` does) and detection runs. Then:

- a proposed claim (an accepted candidate) is right when its span overlaps a label's quote, its
  value parses to the label's value (entities: the same labelled entity), its polarity is the
  label's, and its subject and question are the label's after resolution: a ledger entity is the
  labelled entity one of whose names or aliases it bears; a question is the label's when its name
  is the label's or one of the names the lexicon gives that question;
- a conflict a careful reader must flag is found when one ledger conflict joins claims that are
  right for two of its labelled claims; a must-not-flag group is flagged the same way;
- a labelled event is read as one subject when every right-question claim overlapping its labels
  was filed under a single ledger subject.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from .anchoring import fold_text
from .errors import InputError
from .extract.lexicon import lexicon
from .ledger.db import open_db
from .ledger.models import Alias, Candidate, Claim, Conflict, Entity, Source
from .values import parse_date, parse_value

TYPES = ("quantity", "share", "date", "entity", "text", "boolean")
# Label questions whose type the labels may leave undeclared.
_DEFAULT_TYPES = {
    "responsibility": "entity",
    "perpetrator nationality": "entity",
    "where planned": "entity",
    "date of event": "date",
    "turnout": "share",
    "vote share": "share",
}


@dataclass
class Event:
    """One labelled event: its texts and what a careful reader recorded from them."""

    name: str
    root: Path
    sources: list[dict]  # key, file, url, outlet, title, published
    entities: list[dict]
    types: dict[str, str]  # question -> value type
    claims: list[dict]
    must_flag: list[dict] = field(default_factory=list)
    must_not_flag: list[dict] = field(default_factory=list)
    vocabulary: Path | None = None  # an import file of the desk's questions, loaded first

    def __post_init__(self):
        self.index: dict[str, str] = {}  # folded name or alias -> labelled entity name
        for e in self.entities:
            for n in (e["name"], *e.get("aliases", [])):
                self.index.setdefault(fold_text(n), e["name"])

    def entity(self, name: str | None) -> str | None:
        return self.index.get(fold_text(name)) if name else None

    def published(self, key: str) -> dt.date | None:
        """The day a labelled source was published: what its "Saturday" or "March 15" is read from."""
        day = next((src.get("published") for src in self.sources if src["key"] == key), None)
        return dt.date.fromisoformat(str(day)[:10]) if day else None

    def type_of(self, question: str) -> str:
        return self.types.get(question) or _DEFAULT_TYPES.get(question, "quantity")

    def events(self) -> list[str]:
        """Labelled events that some claim is about."""
        kinds = {e["name"]: e.get("kind") for e in self.entities}
        return sorted({c["subject"] for c in self.claims if kinds.get(self.entity(c["subject"])) == "event"})


def _types(path: Path) -> dict[str, str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {p["name"]: p["type"] for p in data.get("properties", [])}


def load_event(root: Path, vocabulary: Path | None = None) -> Event:
    data = tomllib.loads((root / "labels.toml").read_text(encoding="utf-8"))
    types = {**(_types(vocabulary) if vocabulary else {}), **_types(root / "labels.toml")}
    return Event(
        root.name,
        root,
        data["sources"],
        data.get("entities", []),
        types,
        data.get("claims", []),
        data.get("must_flag", []),
        data.get("must_not_flag", []),
        vocabulary,
    )


def load_split(corpus: Path, split: str) -> list[Event]:
    """The events of a split; the corpus's canonical questions (properties.toml) are the desk's
    vocabulary: each fresh ledger starts with them (never with an event's own labels)."""
    path = corpus / "properties.toml"
    vocabulary = path if path.exists() else None
    return [load_event(d, vocabulary) for d in sorted((corpus / split).iterdir()) if (d / "labels.toml").exists()]


def load_seeds(seeds: Path) -> Event:
    """The seeds as one labelled set: their sources and the curated claims (in-sample)."""
    srcs = tomllib.loads((seeds / "sources.toml").read_text(encoding="utf-8"))["sources"]
    data = tomllib.loads((seeds / "claims.toml").read_text(encoding="utf-8"))
    by_sha = {s["sha256"]: s["key"] for s in srcs}
    claims = [{**c, "source": by_sha[c["source"]], "id": f"s{n}"} for n, c in enumerate(data.get("claims", []))]
    return Event(
        "seeds",
        seeds,
        srcs,
        data.get("entities", []),
        {p["name"]: p["type"] for p in data.get("properties", [])},
        claims,
    )


# -- running ------------------------------------------------------------------------------------


@dataclass
class Run:
    event: Event
    texts: dict[str, str]  # source key -> text
    accepted: list[tuple[Candidate, Claim]]
    subjects: dict[int, set[str]]  # ledger entity id -> its folded names and aliases
    conflicts: list[list[int]]  # claim ids of each conflict still open (what a user is shown)
    seconds: float  # extraction and matching
    chars: int
    candidates: list[Candidate] = field(default_factory=list)  # every one, for --misses
    answers: dict[int, tuple] = field(default_factory=dict)  # claim id -> the answer it gives


def run_event(event: Event, threshold: float) -> Run:
    """Add the event's articles to a fresh ledger, extract, accept at the threshold, detect."""
    from . import actions

    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(str(Path(tmp) / "reading.db"))
        try:
            keys, texts = {}, {}
            if event.vocabulary is not None:
                actions.import_file(db, str(event.vocabulary))
            for s in event.sources:
                path = str(event.root / s["file"])
                published = s.get("published")
                added = actions.add_sources(
                    db,
                    [path],
                    title=s.get("title"),
                    url=s.get("url"),
                    outlet=s.get("outlet"),
                    published=str(published)[:10] if published else None,
                    captured=str(s["captured"])[:10] if s.get("captured") else None,
                )
                keys[s["key"]] = added[0].source["id"]
            seconds = 0.0
            for key in keys.values():  # as a desk works: each article read and reviewed in turn
                t0 = time.perf_counter()
                actions.extract_source(db, str(key))
                seconds += time.perf_counter() - t0
                actions.review_bulk(db, str(key), threshold, None, None)
            with db.session(readonly=True) as session:
                by_id = {v: k for k, v in keys.items()}
                for src in session.scalars(select(Source)):
                    texts[by_id[src.id]] = src.text
                rows = session.execute(
                    select(Candidate, Claim)
                    .join(Claim, Candidate.claim_id == Claim.id)
                    .where(Candidate.status == "accepted")
                ).all()
                accepted = [(c, k) for c, k in rows]
                everything = list(session.scalars(select(Candidate)))
                # A plain attribute on the loaded rows, for the scorer and benchmarks/extraction.py.
                for c in everything:
                    c.source_key = by_id[c.source_id]  # type: ignore[attr-defined]
                for c, k in accepted:
                    c.source_key = by_id[c.source_id]  # type: ignore[attr-defined]
                    _ = k.property.name, k.subject.name, k.speaker and k.speaker.name
                subjects: dict[int, set[str]] = defaultdict(set)
                for e in session.scalars(select(Entity)):
                    subjects[e.id].add(fold_text(e.name))
                for a in session.scalars(select(Alias)):
                    subjects[a.entity_id].add(a.key)
                # A superseded conflict was retired when a later claim or review settled it: the
                # user never sees it, so it flags nothing (benchmarks/judging.py counts open ones too).
                conflicts: list[list[int]] = []
                answers: dict[int, tuple] = {}
                for conflict in session.scalars(select(Conflict).where(Conflict.status == "open")):
                    conflicts.append([k.id for k in conflict.claims])
                    for k in conflict.claims:
                        answers[k.id] = (k.polarity, k.value_json, fold_text(k.scope or ""))
        finally:
            db.close()
    return Run(
        event,
        texts,
        accepted,
        dict(subjects),
        conflicts,
        seconds,
        sum(len(t) for t in texts.values()),
        everything,
        answers,
    )


# -- scoring ------------------------------------------------------------------------------------


def joins(run: Run, right: dict[int, set[str]], group: dict, claim_ids: list[int]) -> bool:
    """A conflict sets two labelled claims of the group against each other: two of its claims
    match two of the group's labels and, when the conflict gathers more than two claims (one
    disagreement stored once, detect/grouping.py), they give different answers. Two claims on
    the same side of "22 vs 19" are not flagged as disagreeing, as benchmarks/judging.py scores it."""
    ids = set(group["claims"])
    hits = [(c, right.get(c, set()) & ids) for c in claim_ids]
    hits = [(c, g) for c, g in hits if g]
    if len(hits) < 2 or len(set().union(*(g for _, g in hits))) < 2:
        return False
    if len(claim_ids) <= 2:
        return True
    return len({run.answers.get(c) for c, _ in hits}) >= 2


def _question_names() -> dict[str, str]:
    """Every name a lexicon question goes by -> its name."""
    lex = lexicon()
    qs = [c.question for c in lex.counts] + [d.question for d in lex.dates] + [s.question for s in lex.statements]
    return {fold_text(n): q.name for q in qs for n in q.names}


def _spans(text: str, quote: str, occurrence: int | None) -> list[tuple[int, int]]:
    out, at = [], text.find(quote)
    while at != -1:
        out.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    if occurrence:
        out = out[occurrence - 1 : occurrence]
    return out


def _same_value(event: Event, label: dict, claim: Claim | Candidate, kind: str) -> bool:
    if kind == "entity":
        a, b = event.entity(label["value"]), event.entity(claim.value_text)
        return (a or fold_text(label["value"])) == (b or fold_text(claim.value_text))
    try:
        if kind == "date":  # "Saturday", "March 15": days of the source's week and year, as recorded
            day = event.published(label["source"])
            return parse_date(str(label["value"]), day) == parse_date(claim.value_text, day)
        return parse_value(str(label["value"]), kind) == parse_value(claim.value_text, kind)
    except InputError:
        return False


@dataclass
class Score:
    right: dict[int, set[str]]  # claim id -> ids of the labels it gets right
    found: set[str]  # label ids some claim gets right
    by_type: dict[str, list[int]]  # type -> [proposed, right]
    events: dict[str, int]  # labelled event -> ledger subjects its claims were filed under
    must_flag: list[bool]
    must_not: list[bool]
    flagged: int  # ledger conflicts
    flagged_right: int  # ledger conflicts that join two claims of a must-flag group
    seconds: float
    chars: int
    events_named: dict[str, bool] = field(default_factory=dict)  # ... and that subject is the event


def score(run: Run, relax: frozenset[str] = frozenset()) -> Score:
    """Score a run; `relax` drops named checks ("subject") for a diagnostic, never for the figures."""
    event, questions = run.event, _question_names()
    labels = []
    for lb in event.claims:
        text = run.texts.get(lb["source"], "")
        spans = _spans(text, lb["quote"], lb.get("occurrence"))
        if not spans:
            raise InputError(f"{event.name}: label {lb['id']} quote {lb['quote'][:40]!r} is not in its source")
        labels.append((lb, spans, questions.get(fold_text(lb["property"]), lb["property"])))
    right: dict[int, set[str]] = {}
    by_type = {t: [0, 0] for t in TYPES}
    event_subjects: dict[str, set[int]] = defaultdict(set)
    named_right: dict[str, set[int]] = defaultdict(set)  # the subjects that go by the event's names
    for cand, claim in run.accepted:
        kind = claim.property.value_type
        question = questions.get(fold_text(claim.property.name), claim.property.name)
        names = run.subjects.get(claim.subject_id, set())
        best = Counter(event.index[n] for n in names if n in event.index).most_common(1)
        subject = best[0][0] if best else None
        hits = set()
        for lb, spans, lq in labels:
            if lb["source"] != cand.source_key or not any(  # type: ignore[attr-defined]
                a < cand.end and cand.start < b for a, b in spans
            ):
                continue
            if fold_text(lq) != fold_text(question):
                continue
            labelled = event.entity(lb["subject"]) or lb["subject"]
            event_subjects[labelled].add(claim.subject_id)
            if subject == event.entity(lb["subject"]):
                named_right[labelled].add(claim.subject_id)
            if (
                ("subject" in relax or subject == event.entity(lb["subject"]))
                and claim.polarity == ("denies" if lb.get("denies") else "asserts")
                and _same_value(event, lb, claim, event.type_of(lb["property"]))
            ):
                hits.add(lb["id"])
        right[claim.id] = hits
        by_type.setdefault(kind, [0, 0])
        by_type[kind][0] += 1
        by_type[kind][1] += bool(hits)
    found = set().union(*right.values()) if right else set()

    def joined(group: dict) -> list[bool]:
        return [joins(run, right, group, claim_ids) for claim_ids in run.conflicts]

    must = [joined(g) for g in event.must_flag]
    flagged_right = sum(1 for i in range(len(run.conflicts)) if any(m[i] for m in must))
    return Score(
        right,
        found,
        by_type,
        {e: len(event_subjects.get(e, ())) for e in event.events()},
        [any(m) for m in must],
        [any(joined(g)) for g in event.must_not_flag],
        len(run.conflicts),
        flagged_right,
        run.seconds,
        run.chars,
        # Filed under one subject, and that subject goes by the event's names (not "Gaza war").
        {e: len(event_subjects[e]) == 1 and event_subjects[e] <= named_right[e] for e in event.events()},
    )


# -- diagnosis (benchmarks/extraction.py --relax; never part of the figures) ----------------------


def _same_speaker(event: Event, label: str | None, said: str | None) -> bool:
    """The label's speaker, by its labelled entity or folded name; a title before it is no
    difference ("President X" speaks as X)."""
    if not label or not said:
        return not label and not said
    a, b = event.entity(label) or fold_text(label), event.entity(said) or fold_text(said)
    return a == b or fold_text(said).endswith(" " + fold_text(label))


def diagnose(run: Run, sc: Score, kinds: tuple[str, ...] = ("entity",)) -> list[tuple[dict, str, str]]:
    """Why each label of the given value types was missed, and whether the labels found have the
    label's speaker: (label, cause, what was read). Causes: `subject` (right question, value and
    polarity, wrong subject), `polarity`, `value`, `unaccepted` (read right but below the
    threshold), `unaccepted-wrong`, `question` (the sentence read as another question), `unread`;
    for labels found: `speaker-right`, `speaker-wrong`."""
    questions = _question_names()
    return [
        (lb, *_diagnosis(run, sc, lb, questions))
        for lb in run.event.claims
        if run.event.type_of(lb["property"]) in kinds
    ]


def _diagnosis(run: Run, sc: Score, lb: dict, questions: dict[str, str]) -> tuple[str, str]:
    event, kind = run.event, run.event.type_of(lb["property"])
    spans = _spans(run.texts.get(lb["source"], ""), lb["quote"], lb.get("occurrence"))
    lq = fold_text(questions.get(fold_text(lb["property"]), lb["property"]))
    polarity = "denies" if lb.get("denies") else "asserts"
    near = [
        c
        for c in run.candidates
        if c.source_key == lb["source"] and any(a < c.end and c.start < b for a, b in spans)  # type: ignore[attr-defined]
    ]
    near_ids = {c.id for c in near}
    accepted = [(c, k) for c, k in run.accepted if c.id in near_ids]
    if lb["id"] in sc.found:
        good = [(c, k) for c, k in accepted if lb["id"] in sc.right.get(k.id, set())]
        said = [k.speaker.name if k.speaker else None for _, k in good]
        right = any(_same_speaker(event, lb.get("speaker"), w) for w in said)
        return ("speaker-right" if right else "speaker-wrong"), f"said by {said}"
    mine = [k for _, k in accepted if fold_text(questions.get(fold_text(k.property.name), k.property.name)) == lq]
    valued = [k for k in mine if _same_value(event, lb, k, kind)]
    if valued:
        k = valued[0]
        cause = "subject" if any(v.polarity == polarity for v in valued) else "polarity"
        said = [v.speaker.name if v.speaker else None for v in valued]
        right = any(_same_speaker(event, lb.get("speaker"), w) for w in said)
        return (
            cause,
            f"{k.subject.name!r}: {k.value_text!r} {k.polarity}; speaker {'right' if right else 'wrong'} {said}",
        )
    if mine:
        return "value", " | ".join(f"{k.value_text!r} {k.polarity}" for k in mine)[:120]
    pending = [
        c
        for c in near
        if c.status != "accepted" and fold_text(questions.get(fold_text(c.property_name), c.property_name)) == lq
    ]
    fit = [c for c in pending if _same_value(event, lb, c, kind) and c.polarity == polarity]
    if pending:
        c = (fit or pending)[0]
        return ("unaccepted" if fit else "unaccepted-wrong"), f"{c.score:.2f} {c.value_text[:40]!r} {c.polarity}"
    if near:
        return "question", " | ".join(f"{c.property_name[:30]}={c.value_text[:30]!r}" for c in near)[:140]
    return "unread", ""


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def summarise(split: str, events: list[Event], scores: list[Score]) -> list[dict]:
    """The JSON lines of one split: per claim type, all types, conflicts, events, speed."""
    rows = []
    support: Counter = Counter()
    recalled: Counter = Counter()
    for ev, sc in zip(events, scores, strict=True):
        for lb in ev.claims:
            t = ev.type_of(lb["property"])
            support[t] += 1
            recalled[t] += lb["id"] in sc.found
    for t in (*TYPES, "all"):
        kinds = TYPES if t == "all" else (t,)
        proposed = sum(sc.by_type.get(k, [0, 0])[0] for sc in scores for k in kinds)
        good = sum(sc.by_type.get(k, [0, 0])[1] for sc in scores for k in kinds)
        sup, rec = sum(support[k] for k in kinds), sum(recalled[k] for k in kinds)
        if sup or proposed:
            rows.append(
                {
                    "split": split,
                    "type": t,
                    "precision": _ratio(good, proposed),
                    "recall": _ratio(rec, sup),
                    "support": sup,
                    "proposed": proposed,
                }
            )
    must = [m for sc in scores for m in sc.must_flag]
    must_not = [m for sc in scores for m in sc.must_not]
    flagged = sum(sc.flagged for sc in scores)
    rows.append(
        {
            "split": split,
            "type": "conflicts",
            "must_flag_recall": _ratio(sum(must), len(must)),
            "precision": _ratio(sum(sc.flagged_right for sc in scores), flagged),
            "must_not_flagged": sum(must_not),
            "must_flag": len(must),
            "must_not_flag": len(must_not),
            "flagged": flagged,
        }
    )
    counts = [n for sc in scores for n in sc.events.values()]
    named = [ok for sc in scores for ok in sc.events_named.values()]
    rows.append(
        {
            "split": split,
            "type": "events",
            # one subject, and it is the labelled event (under one of its names)
            "one_subject": _ratio(sum(named), len(named)),
            # one subject, whatever it is called (the figure printed up to session 6)
            "one_subject_any_name": _ratio(sum(1 for n in counts if n == 1), len(counts)),
            "events": len(counts),
        }
    )
    chars, seconds = sum(sc.chars for sc in scores), sum(sc.seconds for sc in scores)
    rows.append(
        {
            "split": split,
            "type": "speed",
            "kb_per_s": round(chars / 1000 / seconds, 1) if seconds else None,
            "kb": round(chars / 1000, 1),
        }
    )
    return rows
