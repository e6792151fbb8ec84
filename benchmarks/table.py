"""Turn run.py outputs (JSON lines: any sizes, both backends) into BENCHMARKS.md's one table.

    python benchmarks/table.py results/*.jsonl

Columns: every size, SQLite and PostgreSQL side by side. Seconds figures show wall time and, in
brackets, the CPU time of the same run (user + system of the command's own process; the
PostgreSQL server's work is not in it); rates show, in brackets, the same work per second of
that CPU time (or the CPU seconds, when the run did not say how much work it was). ✓/✗ compare with the targets of issue 18; a figure whose
target is stated at 1M carries no mark at smaller sizes.
"""

from __future__ import annotations

import json
import platform
import sqlite3
import sys
from collections import defaultdict

TARGETS = {
    "help_s": ("≤ 0.15 s", lambda v, n: v <= 0.15),
    "list_s": ("≤ 0.3 s at 1M", lambda v, n: n < 1_000_000 or v <= 0.3),
    "contested_s": ("≤ 0.3 s at 1M", lambda v, n: n < 1_000_000 or v <= 0.3),
    "report_s": ("≤ 0.3 s at 1M", lambda v, n: n < 1_000_000 or v <= 0.3),
    "ingest_per_s": ("≥ 250", lambda v, n: v >= 250),
    "import_vs_raw": ("≥ 0.35", lambda v, n: v >= 0.35),
    "scan_s": ("≤ 30 s at 1M", lambda v, n: n < 1_000_000 or v <= 30),
    "incremental_s": ("≤ 0.2 s at 1M", lambda v, n: n < 1_000_000 or v <= 0.2),
    "extract_kb_per_s": ("≥ 50", lambda v, n: v >= 50),
    "peak_rss_mb": ("≤ 300 MB", lambda v, n: v <= 300),
}
ORDER = ["generate_s", "help_s", "list_s", "contested_s", "report_s", "accusations_list_s", "scan_s",
         "incremental_s", "verify_s", "ingest_per_s", "import_per_s", "raw_per_s", "import_vs_raw", "extract_kb_per_s",
         "peak_rss_mb"]


COPIES: list[dict] = []  # copies.py's lines (per corpus size, not per ledger size)


def load(paths: list[str]) -> dict[tuple[int, str], dict[str, dict]]:
    runs: dict[tuple[int, str], dict[str, dict]] = defaultdict(dict)
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("{"):
                    r = json.loads(line)
                    if "corpus_sources" in r:
                        COPIES.append(r)
                        continue
                    # Several runs of one size and backend: the later file's figure.
                    runs[(r["claims"], r.get("backend", "sqlite"))][r["figure"]] = r
    return runs


def cell(r: dict | None, n: int) -> str:
    if r is None:
        return "–"
    v = r["value"]
    text = f"{v:,}"
    if "cpu" in r and r["unit"].endswith("/s"):  # a rate: the same work per second of CPU, if known
        count = r.get("sources") if r["figure"] == "ingest_per_s" else r.get("imported") or r.get("rows")
        text += f" ({count / r['cpu']:,.0f} per CPU s)" if count and r["cpu"] else f" (CPU {r['cpu']} s)"
    elif "cpu" in r:
        text += f" ({r['cpu']:,})"
    if r["figure"] in TARGETS and (n >= 1_000_000 or "at 1M" not in TARGETS[r["figure"]][0]):
        text += " ✓" if TARGETS[r["figure"]][1](v, n) else " ✗"
    return text


def main(paths: list[str]) -> None:
    runs = load(paths)
    cols = sorted(runs, key=lambda k: (k[0], k[1] != "sqlite"))
    if not cols:  # only copies.py's lines
        _copies()
        return
    print("| figure | unit | " + " | ".join(f"{n:,} {b}" for n, b in cols) + " | target |")
    print("|---|---|" + "---|" * len(cols) + "---|")
    figures = [f for f in ORDER if any(f in runs[c] for c in cols)]
    for f in figures:
        unit = next(runs[c][f]["unit"] for c in cols if f in runs[c])
        print(f"| `{f}` | {unit} | " + " | ".join(cell(runs[c].get(f), c[0]) for c in cols)
              + f" | {TARGETS.get(f, ('',))[0]} |")
    loads = " | ".join(
        "{:.1f}–{:.1f}".format(min(r["load"] for r in runs[c].values()), max(r["load"] for r in runs[c].values()))
        for c in cols)
    print(f"| load average (1 min) during the run | | {loads} | |")
    rss = [f for f in figures if any("rss_mb" in runs[c].get(f, {}) for c in cols)]
    if rss:
        print()
        print("Peak resident set of each measured process (MB; ≤ 300 MB is the target for every command):")
        print()
        print("| process | " + " | ".join(f"{n:,} {b}" for n, b in cols) + " |")
        print("|---|" + "---|" * len(cols))
        for f in rss:
            print(f"| `{f}` | " + " | ".join(str(runs[c].get(f, {}).get("rss_mb", "–")) for c in cols) + " |")
    _copies()
    print()
    sizes = sorted({n for n, _ in cols})
    _compare(runs, cols, sizes)


def _copies() -> None:
    if COPIES:
        print()
        print("Copy check per added source (`benchmarks/copies.py`; target: flat from 1,000 to 10,000 sources):")
        print()
        print("| sources in the corpus | ms per source, wall (CPU) | copies found / planted | load |")
        print("|---|---|---|---|")
        for r in COPIES:
            print(f"| {r['corpus_sources']:,} | {r['value']} ({r.get('cpu_ms', '–')}) | "
                  f"{r['copies_found']} / {r['expected_copies']} | {r.get('load', '–')} |")


def _compare(runs, cols, sizes) -> None:
    for backend in ("sqlite", "postgres"):
        for a, b in zip(sizes, sizes[1:], strict=False):
            ra, rb = runs.get((a, backend), {}).get("scan_s"), runs.get((b, backend), {}).get("scan_s")
            if ra and rb:
                print(f"- {backend} `scan_s` from {a:,} to {b:,} claims: {rb['value'] / ra['value']:.1f}x wall, "
                      f"{rb['cpu'] / ra['cpu']:.1f}x CPU (target ≤ {11 if b // a == 10 else '-'}x per 10x)")
    for n in sizes:
        s, p = runs.get((n, "sqlite"), {}), runs.get((n, "postgres"), {})
        if "import_per_s" in s and "import_per_s" in p:
            print(f"- {n:,} claims, PostgreSQL vs SQLite: import {s['import_per_s']['value'] / p['import_per_s']['value']:.1f}x "
                  f"slower" + (f", scan {p['scan_s']['value'] / s['scan_s']['value']:.1f}x the time"
                               if "scan_s" in s and "scan_s" in p else "") + " (target ≤ 2x)")
    servers = dict.fromkeys(r["version"] for c in cols for f, r in runs[c].items() if f == "server")
    server = ", ".join(v for v in servers if not v.startswith("SQLite "))  # SQLite's is named below
    import sqlalchemy

    print(f"\nMachine: {platform.machine()}, {_cpus()} cores ({_cpu_model()}), {_mem_gb()} GB; "
          f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}"
          + (f", {server}" if server else "") + ".")


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


def _cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _mem_gb() -> int:
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal"):
                return round(int(line.split()[1]) / 2**20)
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    main(sys.argv[1:])
