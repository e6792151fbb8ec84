"""One concurrent writer for tests/test_concurrency.py: a real process that, for a few seconds,
adds sources, records claims on a handful of shared questions and changes conflict statuses, each
through the same actions the CLI calls.

    python tests/helpers/writer.py URL WORKER SECONDS FOLDER
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from sqlalchemy import select

from provenance import actions
from provenance.claims.recording import ClaimInput
from provenance.errors import ProvenanceError
from provenance.ledger.db import Database
from provenance.ledger.models import Conflict

SUBJECTS = ["Ashford", "Brent"]
PROPERTY = "people displaced"


def main(url: str, worker: int, seconds: float, folder: Path) -> None:
    db = Database(url)
    rng = random.Random(worker)
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        n += 1
        figure = rng.choice([100, 200, 300, 400])
        subject = rng.choice(SUBJECTS)
        quote = f"{figure} people were displaced in {subject}"
        body = f"Report {worker}-{n}.\n\nOfficials said {quote}, according to writer {worker}.\n"
        path = folder / f"w{worker}-{n}.txt"
        path.write_text(body, encoding="utf-8")
        added = actions.add_sources(db, [str(path)], title=f"w{worker} n{n}", reliability="C")[0]
        actions.add_claim(db, ClaimInput(source=str(added.source["id"]), quote=quote, subject=subject,
                                         property=PROPERTY, value=str(figure), as_of="2024-05-04",
                                         create_entities=False))
        if n % 3 == 0:
            with db.session(readonly=True) as session:
                ids = list(session.scalars(select(Conflict.id).order_by(Conflict.id.desc()).limit(5)))
            if ids:
                try:
                    actions.set_conflict_status(db, rng.choice(ids), rng.choice(["confirm", "dismiss", "reopen"]),
                                                f"writer {worker}")
                except ProvenanceError:  # already in that status: a refusal, not a failure
                    pass
    db.close()
    print(n)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), Path(sys.argv[4]))
