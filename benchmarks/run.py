"""The benchmark figures at one ledger size and backend, one JSON object per line.

    python benchmarks/run.py --claims 100000 [--backend sqlite|postgres] [--ingest 2000] [--import-claims 20000]

The ledger is the realistic synthetic one of generate.py. Every figure is measured in this run:
the commands users type are timed as subprocesses (wall clock, best of a few, start-up included;
`cpu` beside it is the same run's user + system time, which a busy machine inflates less), the
library paths in-process. `import_vs_raw` divides our import rate by the driver's own executemany
of the very same rows (sqlite3, or psycopg for PostgreSQL), measured here, a moment apart.
`peak_rss_mb` is the largest resident set of any measured subprocess (its own, through wait4).
With --backend postgres the run starts its own PostgreSQL server (initdb in a temporary folder, a
private port and socket) and removes it at the end. Every line carries the machine's load average;
the first names the database's version.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pg import PostgresServer  # noqa: E402
from synth import paragraph  # noqa: E402

PROVENANCE = [sys.executable, "-m", "provenance"]
BACKEND = ["sqlite"]


def emit(name: str, value: float, unit: str, claims: int, **extra) -> None:
    print(json.dumps({"figure": name, "value": value, "unit": unit, "claims": claims, "backend": BACKEND[0],
                      "load": round(os.getloadavg()[0], 1), **extra}), flush=True)


PEAK_KB = [0]  # the largest resident set of any measured subprocess
LAST_KB = [0]  # that of the last one


def timed(cmd: list[str]) -> tuple[float, float, str]:
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}\n{err[-2000:]}")
    PEAK_KB[0] = max(PEAK_KB[0], usage.ru_maxrss)
    LAST_KB[0] = usage.ru_maxrss
    return seconds, usage.ru_utime + usage.ru_stime, out


def rss() -> float:
    """Peak resident set of the last measured subprocess, MB."""
    return round(LAST_KB[0] / 1024, 1)


def wall(cmd: list[str], runs: int = 3) -> tuple[float, float]:
    """Best of `runs`: (wall seconds, CPU seconds of that run)."""
    best = min(timed(cmd)[:2] for _ in range(runs))
    return round(best[0], 3), round(best[1], 3)


def python(code: str, *args: str) -> dict:
    """Run a snippet in a fresh interpreter; it prints one JSON object (plus its whole process's
    CPU seconds and peak RSS, set-up included)."""
    _, cpu, out = timed([sys.executable, "-c", code, *args])
    return {**json.loads(out.strip().splitlines()[-1]), "process_cpu": round(cpu, 2), "rss_mb": rss()}


INGEST = r"""
import json, random, sys, time
sys.path.insert(0, sys.argv[3])
from synth import article, near_copy
from provenance.ledger.db import open_db
from provenance.ingest.sources import add_source
n = int(sys.argv[2]); rng = random.Random(5)
texts = []
for i in range(n):
    texts.append(near_copy(rng, rng.choice(texts)) if texts and rng.random() < 0.1 else article(rng))
db = open_db(sys.argv[1])
t, c = time.perf_counter(), time.process_time(); copies = 0
for i in range(0, n, 500):
    with db.session() as s:
        for j, text in enumerate(texts[i:i + 500]):
            copies += bool(add_source(s, text.encode(), f"ingest-{i + j}").copies)
print(json.dumps({"seconds": time.perf_counter() - t, "cpu": round(time.process_time() - c, 2), "copies": copies}))
"""

IMPORT = r"""
import json, sys, time
from sqlalchemy import func, select
from provenance.ledger.db import open_db
from provenance.ledger.models import Claim
from provenance.claims.importer import import_file
db = open_db(sys.argv[1])
with db.session() as s:
    import_file(s, sys.argv[2])  # the sources, first and untimed
with db.session() as s:
    before = s.scalar(select(func.max(Claim.id))) or 0
t, c = time.perf_counter(), time.process_time()
with db.session() as s:
    result = import_file(s, sys.argv[3])
seconds, cpu = time.perf_counter() - t, time.process_time() - c
db.close()
print(json.dumps({"seconds": seconds, "cpu": round(cpu, 2), "claims": result.created["claims"], "after_claim": before}))
"""

RAW_SQLITE = r"""
import json, sqlite3, sys, time
src, dst, after = sys.argv[1], sys.argv[2], int(sys.argv[3])
tables = {  # exactly the rows the import wrote
    "spans": "SELECT * FROM spans WHERE id IN (SELECT span_id FROM claim_spans WHERE claim_id > ?)",
    "claims": "SELECT * FROM claims WHERE id > ?",
    "claim_spans": "SELECT * FROM claim_spans WHERE claim_id > ?",
}
rows = {}
with sqlite3.connect(src) as conn:
    for t, sql in tables.items():
        cur = conn.execute(sql, (after,))
        rows[t] = (len(cur.description), cur.fetchall())
conn = sqlite3.connect(dst, isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL"); conn.execute("PRAGMA synchronous=NORMAL")
# Take the imported rows out again (untimed), so that they go back into the same database.
span_ids = [(r[0],) for r in rows["spans"][1]]
conn.execute("BEGIN")
conn.execute("DELETE FROM claim_spans WHERE claim_id > ?", (after,))
conn.execute("DELETE FROM claims WHERE id > ?", (after,))
conn.executemany("DELETE FROM spans WHERE id = ?", span_ids)
conn.execute("COMMIT")
t0, c0 = time.perf_counter(), time.process_time()
conn.execute("BEGIN")
for t in tables:
    width, data = rows[t]
    conn.executemany(f"INSERT INTO {t} VALUES ({', '.join('?' * width)})", data)
conn.execute("COMMIT")
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": round(time.process_time() - c0, 2),
                  "claims": len(rows["claims"][1])}))
"""

RAW_POSTGRES = r"""
import json, sys, time
import psycopg
dsn, after = sys.argv[1], int(sys.argv[2])
tables = {
    "spans": "SELECT * FROM spans WHERE id IN (SELECT span_id FROM claim_spans WHERE claim_id > %s)",
    "claims": "SELECT * FROM claims WHERE id > %s",
    "claim_spans": "SELECT * FROM claim_spans WHERE claim_id > %s",
}
with psycopg.connect(dsn) as conn:
    rows = {}
    for t, sql in tables.items():
        cur = conn.execute(sql, (after,))
        rows[t] = ([d.name for d in cur.description], cur.fetchall())
    # Take the imported rows out again (untimed), so that they go back into the same database.
    conn.execute("DELETE FROM claim_spans WHERE claim_id > %s", (after,))
    conn.execute("DELETE FROM claims WHERE id > %s", (after,))
    conn.execute("DELETE FROM spans WHERE id = ANY(%s)", ([r[0] for r in rows["spans"][1]],))
    conn.commit()
    t0, c0 = time.perf_counter(), time.process_time()
    with conn.cursor() as cur:
        for t in tables:
            cols, data = rows[t]
            cur.executemany(f"INSERT INTO {t} ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
                            f"VALUES ({', '.join(['%s'] * len(cols))})", data)
    conn.commit()
    print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": round(time.process_time() - c0, 2),
                      "claims": len(rows["claims"][1])}))
"""

INCREMENTAL = r"""
import json, sys, time
from provenance.ledger.db import open_db
from provenance.detect import detect_for
from provenance.claims.importer import import_file
db = open_db(sys.argv[1])
with db.session() as s:
    import_file(s, sys.argv[2])
    result = import_file(s, sys.argv[3])
    t, c = time.perf_counter(), time.process_time()
    found = detect_for(s, result.claim_ids)
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"seconds": seconds, "cpu": cpu, "claims": len(result.claim_ids), "conflicts": len(found)}))
"""

EXTRACT = r"""
import json, sys, time
from pathlib import Path
from provenance.ledger.db import open_db
from provenance.claims.importer import import_file
from provenance.extract.candidates import extract
from provenance.ledger.models import Source
from sqlalchemy import select
db = open_db(sys.argv[1])
with db.session() as s:
    import_file(s, sys.argv[2])
with db.session() as s:
    sources = list(s.scalars(select(Source)))
    chars = sum(len(x.text) for x in sources)
    t, c = time.perf_counter(), time.process_time()
    for x in sources:
        extract(s, x)
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"seconds": seconds, "cpu": round(cpu, 2), "kb": chars / 1000, "sources": len(sources)}))
"""


def import_file_for(folder: Path, n_claims: int, subjects: int, seed: int = 9) -> tuple[Path, Path]:
    """Two import files: new sources (TOML), then 50 claims for each on the ledger's existing
    questions, one in five an accusation by a side's spokesperson (JSON: the faster format)."""
    from generate import BODIES, FIGURE_PROPS, SIDES

    rng = random.Random(seed)
    lines, source_lines = [], []
    for s in range(max(1, n_claims // 50)):
        sentences, claims = [], []
        for i in range(50):
            subject = rng.randrange(subjects) + 1
            if i % 5 == 0:
                side = rng.randrange(len(SIDES))
                speaker = f"{SIDES[side]} {rng.choice(BODIES)} spokesperson {rng.randint(1, 4)}"
                value = SIDES[(side + rng.choice((-1, 1))) % len(SIDES)]
                sentence = f"Report {s}-{i}: {speaker} said the threat to subject {subject} came from {value}."
                claims.append((subject, "territory the threat comes from", value, sentence, speaker))
            else:
                prop, figure = rng.choice(FIGURE_PROPS)[0], rng.randint(10, 9000)
                sentence = f"Report {s}-{i}: the {prop} for subject {subject} stood at {figure:,} that week."
                claims.append((subject, prop, f"{figure:,}", sentence, None))
            sentences.append(sentence if i % 3 else paragraph(rng) + " " + sentence)
        text = "\n\n".join(sentences) + f"\n{seed}-{s}\n"
        (folder / f"import-{seed}-{s}.txt").write_text(text, encoding="utf-8")
        sha = hashlib.sha256(text.encode()).hexdigest()[:16]
        source_lines.append(f'[[sources]]\nfile = "import-{seed}-{s}.txt"\npublished = "2024-05-0{1 + s % 9}"\n')
        for subject, prop, value, sentence, speaker in claims:
            line = {"source": sha, "quote": sentence, "subject": f"Subject {subject}", "property": prop,
                    "value": value}
            if speaker:
                line["speaker"] = speaker
            lines.append(line)
    sources, claims_file = folder / f"sources-{seed}.toml", folder / f"claims-{seed}.json"
    sources.write_text("\n".join(source_lines), encoding="utf-8")
    claims_file.write_text(json.dumps({"claims": lines}), encoding="utf-8")
    return sources, claims_file


class SqliteLedgers:
    """Ledgers as files in a folder; a copy is a file copy."""

    def __init__(self, folder: Path):
        self.folder = folder

    def new(self, name: str) -> str:
        return str(self.folder / f"{name}.db")

    def copy(self, src: str, name: str) -> str:
        dst = self.new(name)
        shutil.copy(src, dst)
        return dst

    def raw(self, imported: str, after: int, name: str) -> dict:
        raw_db = self.copy(imported, name)  # the same schema, indexes, sources and size
        return python(RAW_SQLITE, imported, raw_db, str(after))


class PostgresLedgers:
    """Ledgers as databases on our own server; a copy is CREATE DATABASE ... TEMPLATE."""

    def __init__(self, server: PostgresServer):
        self.server = server

    def new(self, name: str) -> str:
        self.server.create(name)
        return self.server.url(name)

    def copy(self, src: str, name: str) -> str:
        self.server.create(name, template=_pg_name(src))
        return self.server.url(name)

    def raw(self, imported: str, after: int, name: str) -> dict:
        dst = self.copy(imported, name)
        return python(RAW_POSTGRES, self.server.dsn(_pg_name(dst)), str(after))


def _pg_name(url: str) -> str:
    return url.split("@/", 1)[1].split("?")[0]


def subjects_in(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    with engine.connect() as conn:
        n = conn.execute(text("SELECT COUNT(*) FROM entities WHERE name LIKE 'Subject %'")).scalar()
    engine.dispose()
    return n


def measure(ledgers, tmp: Path, n: int, args, skip: set) -> None:
    if args.ledger:  # generated before (generate.py --claims N --db PATH): copied, not rebuilt
        ledger = ledgers.copy(args.ledger, "ledger")
        made = Path(args.ledger + ".json")  # generate.py's own line, when kept beside the file
        if made.exists():
            emit("generate_s", json.loads(made.read_text())["seconds"], "s", n, note="not a target: building the ledger")
    else:
        ledger = ledgers.new("ledger")
        out = subprocess.run([sys.executable, str(HERE / "generate.py"), "--claims", str(n), "--db", ledger],
                             stdout=subprocess.PIPE, text=True, check=True).stdout
        emit("generate_s", json.loads(out)["seconds"], "s", n, note="not a target: building the ledger")
    db = ["--db", ledger]
    subjects = subjects_in(ledger)

    w, c = wall([*PROVENANCE, "--help"], 5)
    emit("help_s", w, "s", n, cpu=c, rss_mb=rss())
    w, c = wall([*PROVENANCE, *db, "claims", "list", "--limit", "20"])
    emit("list_s", w, "s", n, cpu=c, rss_mb=rss())

    if "ingest_per_s" not in skip:
        r = python(INGEST, ledgers.new("ingest"), str(args.ingest), str(HERE))
        emit("ingest_per_s", round(args.ingest / r["seconds"], 1), "articles/s", n, sources=args.ingest,
             copies_found=r["copies"], cpu=r["cpu"], process_cpu=r["process_cpu"], rss_mb=r["rss_mb"])

    if "import_per_s" not in skip:
        sources, claims = import_file_for(tmp, args.import_claims, subjects)
        fresh = ledgers.copy(ledger, "imported")  # the same vocabulary, so the same names resolve
        ours = python(IMPORT, fresh, str(sources), str(claims))
        raw = ledgers.raw(fresh, ours["after_claim"], "raw")
        ours_rate, raw_rate = ours["claims"] / ours["seconds"], raw["claims"] / raw["seconds"]
        emit("import_per_s", round(ours_rate, 1), "claims/s", n, imported=ours["claims"], cpu=ours["cpu"],
             rss_mb=ours["rss_mb"])
        emit("raw_per_s", round(raw_rate, 1), "claims/s", n, rows=raw["claims"], cpu=raw["cpu"])
        emit("import_vs_raw", round(ours_rate / raw_rate, 3), "ratio", n)

    scanned = ledgers.copy(ledger, "scanned")
    seconds, cpu, out = timed([*PROVENANCE, "--db", scanned, "conflicts", "scan"])
    emit("scan_s", round(seconds, 2), "s", n, cpu=round(cpu, 2), rss_mb=rss(),
         found=out.splitlines()[0] if out else "")

    inc_sources, inc_claims = import_file_for(tmp, 50, subjects, seed=11)
    r = python(INCREMENTAL, scanned, str(inc_sources), str(inc_claims))
    emit("incremental_s", round(r["seconds"], 3), "s", n, cpu=round(r["cpu"], 3), conflicts=r["conflicts"],
         rss_mb=r["rss_mb"])

    w, c = wall([*PROVENANCE, "--db", scanned, "contested", "--limit", "20"])
    emit("contested_s", w, "s", n, cpu=c, rss_mb=rss())
    w, c = wall([*PROVENANCE, "--db", scanned, "report", "--format", "json", "--limit", "20"])
    emit("report_s", w, "s", n, cpu=c, rss_mb=rss())
    w, c = wall([*PROVENANCE, "--db", scanned, "conflicts", "list", "--kind", "accusation"])
    emit("accusations_list_s", w, "s", n, cpu=c, rss_mb=rss())
    # Every row against its recorded state, the chain, the database's own check; fails if not clean.
    seconds, cpu, _ = timed([*PROVENANCE, "--db", scanned, "verify"])
    emit("verify_s", round(seconds, 2), "s", n, cpu=round(cpu, 2))

    if "extract_kb_per_s" not in skip:
        r = python(EXTRACT, ledgers.new("extract"), str(Path(HERE).parent / "seeds" / "sources.toml"))
        emit("extract_kb_per_s", round(r["kb"] / r["seconds"], 1), "KB/s", n, sources=r["sources"], cpu=r["cpu"],
             rss_mb=r["rss_mb"])
    emit("peak_rss_mb", round(PEAK_KB[0] / 1024, 1), "MB", n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, required=True)
    ap.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--ingest", type=int, default=2_000, help="articles for ingest_per_s")
    ap.add_argument("--import-claims", type=int, default=20_000, help="claims for import_per_s")
    ap.add_argument("--skip", default="", help="comma-separated figures not to measure")
    ap.add_argument("--ledger", help="a ledger generate.py built before (SQLite file), used instead of a new one")
    args = ap.parse_args()
    BACKEND[0] = args.backend
    skip = set(filter(None, args.skip.split(",")))
    tmp = Path(tempfile.mkdtemp(prefix="provenance-bench-"))
    try:
        if args.backend == "sqlite":
            import sqlite3

            emit("server", 0, "", args.claims, version=f"SQLite {sqlite3.sqlite_version}")
            measure(SqliteLedgers(tmp), tmp, args.claims, args, skip)
        else:
            with PostgresServer(tmp / "pg") as server:
                emit("server", 0, "", args.claims, version=server.version)
                measure(PostgresLedgers(server), tmp, args.claims, args, skip)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
