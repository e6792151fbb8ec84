"""The seed demo: add the bundled sources, import their curated claims, through the public path.

seeds/sources.toml lists the five captures and their metadata; seeds/claims.toml holds the
entities, properties, rules and claims. Both are ordinary import files, read by the same
`import_file` that `provenance import` runs. Re-running changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from .claims.importer import ImportResult, import_file
from .detect import detect_for
from .ledger.db import data_dir

SEED_FILES = ("sources.toml", "claims.toml")


def seeds_dir() -> Path:
    return data_dir() / "seeds"


def run_demo(session: Session) -> list[ImportResult]:
    results = [import_file(session, str(seeds_dir() / name)) for name in SEED_FILES]
    detect_for(session, [cid for r in results for cid in r.claim_ids])
    return results
