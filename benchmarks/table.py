"""Turn run.py outputs (JSON lines, one file per size) into the Markdown table of BENCHMARKS.md.

    python benchmarks/table.py run-10000.jsonl run-100000.jsonl run-1000000.jsonl
"""

from __future__ import annotations

import json
import sys

TARGETS = {
    "help_s": ("≤ 0.15 s", lambda v, n: v <= 0.15),
    "list_s": ("≤ 0.5 s at 1M", lambda v, n: v <= 0.5),
    "ingest_per_s": ("≥ 200", lambda v, n: v >= 200),
    "import_vs_raw": ("≥ 0.3", lambda v, n: v >= 0.3),
    "scan_s": ("≤ 30 s at 1M", lambda v, n: n < 1_000_000 or v <= 30),
    "incremental_s": ("≤ 0.3 s at 1M", lambda v, n: v <= 0.3),
    "contested_s": ("≤ 1 s at 1M", lambda v, n: v <= 1),
    "report_s": ("≤ 1 s at 1M", lambda v, n: v <= 1),
    "peak_rss_mb": ("≤ 500 MB", lambda v, n: v <= 500),
}


def main(paths: list[str]) -> None:
    runs = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.startswith("{")]
        runs.append((rows[0]["claims"], {r["figure"]: r for r in rows}))
    figures = [f for f in runs[0][1]]
    print("| figure | unit | " + " | ".join(f"{n:,} claims" for n, _ in runs) + " | target |")
    print("|---|---|" + "---|" * len(runs) + "---|")
    for f in figures:
        cells = []
        for n, rows in runs:
            r = rows.get(f)
            if r is None:
                cells.append("")
                continue
            mark = ""
            if f in TARGETS:
                mark = " ✓" if TARGETS[f][1](r["value"], n) else " ✗"
            cells.append(f"{r['value']:,}{mark}")
        unit = next(rows[f]["unit"] for _, rows in runs if f in rows)
        print(f"| `{f}` | {unit} | " + " | ".join(cells) + f" | {TARGETS.get(f, ('',))[0]} |")


if __name__ == "__main__":
    main(sys.argv[1:])
