"""The benchmark figures at one ledger size, one JSON object per line.

    python benchmarks/run.py --claims 100000 [--ledger PATH] [--ingest 10000] [--import-claims 20000]

Every figure is measured in this run: the commands users type are timed as subprocesses (wall
clock, best of a few), the library paths in-process. `import_vs_raw` divides our import rate by raw
`sqlite3` executemany of the very same rows, measured here, on this machine, a moment apart.
peak_rss_mb is the largest resident set of any measured subprocess (its own, through wait4).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import paragraph  # noqa: E402

PROVENANCE = [sys.executable, "-m", "provenance"]


def emit(name: str, value: float, unit: str, claims: int, **extra) -> None:
    print(json.dumps({"figure": name, "value": value, "unit": unit, "claims": claims, **extra}), flush=True)


PEAK_KB = [0]  # the largest resident set of any measured subprocess


def child(cmd: list[str]) -> tuple[float, str]:
    """Run a command; its wall time and output. Its own peak memory goes into PEAK_KB (wait4:
    RUSAGE_CHILDREN would also count what a forked child briefly shares with this process)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}")
    PEAK_KB[0] = max(PEAK_KB[0], usage.ru_maxrss)
    return seconds, out


def wall(cmd: list[str], runs: int = 3) -> float:
    return min(child(cmd)[0] for _ in range(runs))


def python(code: str, *args: str) -> dict:
    """Run a snippet in a fresh interpreter; it prints one JSON object."""
    _, out = child([sys.executable, "-c", code, *args])
    return json.loads(out.strip().splitlines()[-1])


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
t = time.perf_counter()
for i in range(0, n, 500):
    with db.session() as s:
        for j, text in enumerate(texts[i:i + 500]):
            add_source(s, text.encode(), f"ingest-{i + j}")
print(json.dumps({"seconds": time.perf_counter() - t}))
"""

IMPORT = r"""
import json, sqlite3, sys, time
from provenance.ledger.db import open_db
from provenance.claims.importer import import_file
db = open_db(sys.argv[1])
with db.session() as s:
    import_file(s, sys.argv[2])  # the sources, first and untimed
before = sqlite3.connect(sys.argv[1]).execute("SELECT MAX(id) FROM claims").fetchone()[0] or 0
t = time.perf_counter()
with db.session() as s:
    result = import_file(s, sys.argv[3])
seconds = time.perf_counter() - t
db.close()
print(json.dumps({"seconds": seconds, "claims": result.created["claims"], "after_claim": before}))
"""

RAW = r"""
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
t0 = time.perf_counter()
conn.execute("BEGIN")
for t in tables:
    width, data = rows[t]
    conn.executemany(f"INSERT INTO {t} VALUES ({', '.join('?' * width)})", data)
conn.execute("COMMIT")
print(json.dumps({"seconds": time.perf_counter() - t0, "claims": len(rows["claims"][1])}))
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
    t = time.perf_counter()
    found = detect_for(s, result.claim_ids)
    seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "claims": len(result.claim_ids), "conflicts": len(found)}))
"""


def import_file_for(folder: Path, n_claims: int, subjects: int, seed: int = 9) -> tuple[Path, Path]:
    """Two import files: new sources (TOML), then 50 claims for each on the ledger's existing
    questions (JSON: the faster of the two formats for a machine-made bulk file)."""
    rng = random.Random(seed)
    props = ["death toll", "fighter strength", "wounded", "displaced people", "troops deployed"]
    lines, source_lines = [], []
    for s in range(max(1, n_claims // 50)):
        sentences = []
        claims = []
        for i in range(50):
            subject, prop, figure = rng.randrange(subjects) + 1, rng.choice(props), rng.randint(10, 9000)
            sentence = f"Report {s}-{i}: the {prop} for subject {subject} stood at {figure:,} that week."
            sentences.append(sentence if i % 3 else paragraph(rng) + " " + sentence)
            claims.append((subject, prop, f"{figure:,}", sentence))
        text = "\n\n".join(sentences) + f"\n{seed}-{s}\n"
        (folder / f"import-{seed}-{s}.txt").write_text(text, encoding="utf-8")
        sha = hashlib.sha256(text.encode()).hexdigest()[:16]
        source_lines.append(f'[[sources]]\nfile = "import-{seed}-{s}.txt"\npublished = "2024-05-0{1 + s % 9}"\n')
        lines += [{"source": sha, "quote": sentence, "subject": f"Subject {subject}", "property": prop,
                   "value": value} for subject, prop, value, sentence in claims]
    sources, claims_file = folder / f"sources-{seed}.toml", folder / f"claims-{seed}.json"
    sources.write_text("\n".join(source_lines), encoding="utf-8")
    claims_file.write_text(json.dumps({"claims": lines}), encoding="utf-8")
    return sources, claims_file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, required=True)
    ap.add_argument("--ledger", help="reuse a ledger made by generate.py with this many claims")
    ap.add_argument("--ingest", type=int, default=10_000, help="articles for ingest_per_s")
    ap.add_argument("--import-claims", type=int, default=20_000, help="claims for import_per_s")
    ap.add_argument("--skip", default="", help="comma-separated figures not to measure")
    args = ap.parse_args()
    n, skip = args.claims, set(filter(None, args.skip.split(",")))
    tmp = Path(tempfile.mkdtemp(prefix="provenance-bench-"))
    try:
        ledger = tmp / "ledger.db"
        if args.ledger:
            shutil.copy(args.ledger, ledger)
        else:
            # In a child process, so that this one stays small (see child()); not a figure.
            out, _ = subprocess.Popen([sys.executable, str(HERE / "generate.py"), "--claims", str(n),
                                       "--db", str(ledger)], stdout=subprocess.PIPE, text=True).communicate()
            emit("generate_s", json.loads(out)["seconds"], "s", n)
        db = ["--db", str(ledger)]
        subjects = sqlite3.connect(ledger).execute("SELECT COUNT(*) FROM entities WHERE name LIKE 'Subject %'").fetchone()[0]

        emit("help_s", round(wall([*PROVENANCE, "--help"], 5), 3), "s", n)
        emit("list_s", round(wall([*PROVENANCE, *db, "claims", "list", "--limit", "20"]), 3), "s", n)

        if "ingest_per_s" not in skip:
            r = python(INGEST, str(tmp / "ingest.db"), str(args.ingest), str(HERE))
            emit("ingest_per_s", round(args.ingest / r["seconds"], 1), "sources/s", n, sources=args.ingest)

        if "import_per_s" not in skip:
            sources, claims = import_file_for(tmp, args.import_claims, subjects)
            fresh = tmp / "import.db"
            shutil.copy(ledger, fresh)  # the same vocabulary, so the same names resolve
            ours = python(IMPORT, str(fresh), str(sources), str(claims))
            raw_db = tmp / "raw.db"
            shutil.copy(fresh, raw_db)  # the same schema, indexes, sources and size
            raw = python(RAW, str(fresh), str(raw_db), str(ours["after_claim"]))
            ours_rate = ours["claims"] / ours["seconds"]
            # Raw: the spans, claims and links the import wrote, re-inserted by sqlite3 alone.
            raw_rate = raw["claims"] / raw["seconds"]
            emit("import_per_s", round(ours_rate, 1), "claims/s", n, imported=ours["claims"])
            emit("raw_per_s", round(raw_rate, 1), "claims/s", n, rows=raw["claims"])
            emit("import_vs_raw", round(ours_rate / raw_rate, 3), "ratio", n)

        scanned = tmp / "scanned.db"
        shutil.copy(ledger, scanned)
        emit("scan_s", round(wall([*PROVENANCE, "--db", str(scanned), "conflicts", "scan"], 1), 2), "s", n)

        inc_sources, inc_claims = import_file_for(tmp, 50, subjects, seed=11)
        r = python(INCREMENTAL, str(scanned), str(inc_sources), str(inc_claims))
        emit("incremental_s", round(r["seconds"], 3), "s", n, conflicts=r["conflicts"])

        emit("contested_s", round(wall([*PROVENANCE, "--db", str(scanned), "contested", "--limit", "20"]), 3), "s", n)
        emit("report_s", round(wall([*PROVENANCE, "--db", str(scanned), "report", "--format", "json",
                                     "--limit", "20"]), 3), "s", n)
        emit("peak_rss_mb", round(PEAK_KB[0] / 1024, 1), "MB", n)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
